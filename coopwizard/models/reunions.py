"""Meetings of the collectif, the source of invitations and relevés de décision."""

from __future__ import annotations

from typing import ClassVar

from pydantic import Field

from coopwizard.models.ids import Record
from coopwizard.models.types import MODEL_CONFIG, DateFr, Texte


class Decision(Record):
    """One point of the agenda as discussed: what was said, decided, and by whom it is done
    (a line of the relevé de décision, a section of the compte-rendu)."""

    model_config = MODEL_CONFIG
    libelle_element: ClassVar[str] = "Décision"
    champs_longs: ClassVar[frozenset[str]] = frozenset({"echanges", "decision"})
    """Edited in several lines."""
    colonnes_sous_liste: ClassVar[tuple[str, ...]] = ("point", "decision", "responsable")
    """Shown in the meeting's form (the exchanges are read in the decision's own form)."""

    point: Texte = Field("", title="Point de l'ordre du jour")
    echanges: Texte = Field("", title="Échanges")
    decision: Texte = Field("", title="Décision prise")
    responsable: Texte = Field("", title="Responsable ou référent")


class Reunion(Record):
    """A working meeting between the partner associations."""

    model_config = MODEL_CONFIG
    libelle_element: ClassVar[str] = "Réunion"

    date: DateFr | None = Field(None, title="Date")
    horaires: Texte = Field("", title="Horaires")
    lieu: Texte = Field("", title="Lieu")
    ordre_du_jour: Texte = Field("", title="Ordre du jour")
    presents: Texte = Field("", title="Présents")
    echanges: Texte = Field("", title="Échanges généraux")
    decisions: list[Decision] = Field(default_factory=list, title="Décisions")
    prochaine_reunion: DateFr | None = Field(None, title="Prochaine réunion")
