"""The first two success conditions: avoir envie, bien se connaître."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from coopwizard.models.bruts import Modele
from coopwizard.models.types import MODEL_CONFIG, Texte

Motivation = Literal["valeurs", "convivialite", "interet_general", "etre_plus_fort"]
LieuRencontre = Literal[
    "maison_associations",
    "service_vie_associative",
    "maison_quartier",
    "centre_social",
    "office_sports_culture",
    "forum",
    "reseau",
    "instance_participative",
    "journal_local",
    "internet",
    "formation",
    "autre",
]
ConditionRencontre = Literal["projet_concret", "coordination", "convivialite", "animation"]


class Freins(Modele):
    """Each doubt the guide names, with the user's own answer to it."""

    model_config = MODEL_CONFIG

    avec_qui: Texte = Field("", title="Frein : avec qui coopérer ?")
    identite: Texte = Field("", title="Frein : peur de perdre son identité")
    concurrence: Texte = Field("", title="Frein : la concurrence")
    temps: Texte = Field("", title="Frein : le manque de temps")
    confiance: Texte = Field("", title="Frein : la confiance")
    autres: Texte = Field("", title="Autres freins")


class Envie(Modele):
    """Condition 1 : avoir envie de travailler ensemble."""

    model_config = MODEL_CONFIG

    motivations: list[Motivation] = Field(default_factory=list, title="Motivations")
    motivations_precisions: Texte = Field("", title="Nos raisons, en nos mots")
    freins: Freins = Field(default_factory=Freins, title="Freins")


class Connaissance(Modele):
    """Condition 2 : bien se connaître."""

    model_config = MODEL_CONFIG

    lieux_rencontre: list[LieuRencontre] = Field(default_factory=list, title="Lieux de rencontre")
    premiere_cooperation: bool | None = Field(None, title="Première coopération entre partenaires")
    histoire_rencontre: Texte = Field("", title="Comment les partenaires se sont rencontrés")
    reseaux_communs: Texte = Field("", title="Réseaux communs")
    confiance: Texte = Field("", title="Comment la confiance s'établit")
    conditions_rencontre: list[ConditionRencontre] = Field(
        default_factory=list, title="Conditions d'une bonne rencontre réunies"
    )
    animation: Texte = Field("", title="Animation des rencontres")
