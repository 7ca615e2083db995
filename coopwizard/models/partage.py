"""What sharing a project between partners writes in its file (issue 11).

- `[enregistrement]`: who saved this version, and when. The app fills it from
  the user's settings (coopwizard/settings.py, `signer`); a merge names each
  side's author from it (« Objectifs du projet : modifié par Ahmed, Amicale des
  locataires »).
- `[[conflits]]`: the fields two versions changed differently. A conflict is
  data, not a question asked once: both values stay in the file until someone
  decides (coopwizard/merge.py, `resoudre`), even if the app is closed meanwhile.
  The field keeps OUR value in the meantime, so the file is always a valid project.
"""

from __future__ import annotations

from typing import Annotated, Any, ClassVar

from pydantic import AfterValidator, Field

from coopwizard.models.bruts import Modele
from coopwizard.models.ids import Record
from coopwizard.models.types import MODEL_CONFIG, Moment, Texte
from coopwizard.text import normalise_tree

Valeur = Annotated[Any, AfterValidator(normalise_tree)]
"""A value as the file holds it: a text, a choice list, a whole record... None: no value."""


class Enregistrement(Modele):
    """Who saved this version of the file, and when."""

    model_config = MODEL_CONFIG

    par: Texte = Field("", title="Enregistré par")
    association: Texte = Field("", title="Association de la personne")
    le: Moment = Field(None, title="Enregistré le")

    def auteur(self) -> str:
        """« Ahmed, Amicale des locataires », « Ahmed », or "" when nobody is known."""
        return ", ".join(part for part in (self.par.strip(), self.association.strip()) if part)


class Conflit(Record):
    """One field that two versions changed differently, both values kept.

    `champ` is the field's path, a record written by its id after "#"
    ("taches.#k3j9x2ab.intitule"), so it still points at the right record
    after the list is reordered. A whole record (deleted on one side, edited
    on the other) has the record's path ("taches.#k3j9x2ab") and None (no
    value) for the side that deleted it.
    """

    model_config = MODEL_CONFIG
    libelle_element: ClassVar[str] = "Désaccord"

    champ: Texte = Field("", title="Champ")
    notre_valeur: Valeur = Field(None, title="Notre version")
    leur_valeur: Valeur = Field(None, title="L'autre version")
    notre_auteur: Texte = Field("", title="Auteur de notre version")
    leur_auteur: Texte = Field("", title="Auteur de l'autre version")
    notre_date: Moment = Field(None, title="Notre version enregistrée le")
    leur_date: Moment = Field(None, title="L'autre version enregistrée le")
    le: Moment = Field(None, title="Désaccord trouvé le")
