"""Condition 4 : valoriser les ressources et les moyens."""

from __future__ import annotations

from typing import ClassVar, Literal

from pydantic import Field

from coopwizard.models.bruts import Modele
from coopwizard.models.ids import Record
from coopwizard.models.types import MODEL_CONFIG, Montant, Texte

CategorieMoyen = Literal["humains", "materiels", "locaux", "financiers"]
FormePartage = Literal[
    "mise_en_commun",
    "pret",
    "mise_a_disposition_gratuite",
    "mise_a_disposition_onereuse",
    "partage",
    "echange",
    "don",
]
Argument = Literal[
    "image_financeur",
    "citoyennete",
    "fiabilite",
    "synergies",
    "evaluation_commune",
    "rayonnement",
    "economies_echelle",
    "optimisation",
]
Formalisation = Literal["aucune", "releve_decision", "compte_rendu", "convention"]


class Besoin(Record):
    """A need of the project and who covers it (or that it is still to find)."""

    model_config = MODEL_CONFIG
    libelle_element: ClassVar[str] = "Besoin"

    categorie: CategorieMoyen | None = Field(None, title="Catégorie")
    description: Texte = Field("", title="Description")
    apporte_par: Texte = Field("", title="Apporté par")
    forme: FormePartage | None = Field(None, title="Forme du partage")
    a_trouver: bool = Field(False, title="Encore à trouver")
    piste: Texte = Field("", title="Auprès de qui le chercher")
    disponibilite_verifiee: bool = Field(False, title="Disponibilité vérifiée")
    # What a convention de mise à disposition needs (guide, annexe 1); empty = "à compléter".
    beneficiaire: Texte = Field("", title="Mis à disposition de")
    lieu: Texte = Field("", title="Adresse (du local, ou du retrait du matériel)")
    horaires: Texte = Field("", title="Période, jours et horaires")
    precisions: Texte = Field("", title="Description, superficie, missions")
    capacite: Texte = Field("", title="Capacité maximale (personnes)")
    cout: Montant | None = Field(None, title="Coût convenu (€, de l'heure pour un salarié)")


class Moyens(Modele):
    """The means: shared ones, those still to find, arguments for funders."""

    model_config = MODEL_CONFIG

    besoins: list[Besoin] = Field(default_factory=list, title="Besoins")
    formalisation: Formalisation | None = Field(None, title="Formalisation du partage")
    recherche_qui_fait_quoi: Texte = Field("", title="Qui cherche quoi")
    arguments: list[Argument] = Field(default_factory=list, title="Arguments pour les financeurs")
    arguments_precisions: Texte = Field("", title="Nos arguments, en nos mots")
    assurance_verifiee: bool | None = Field(None, title="Assurances vérifiées")
    assurance_notes: Texte = Field("", title="Garanties et extensions d'assurance")
