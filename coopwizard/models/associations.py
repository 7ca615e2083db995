"""The partner associations and the organising group (collectif)."""

from __future__ import annotations

from typing import ClassVar, Literal

from pydantic import Field

from coopwizard.models.bruts import Modele
from coopwizard.models.ids import Record
from coopwizard.models.types import MODEL_CONFIG, Texte

RoleAssociation = Literal["porteur", "partenaire"]
TypePartenaire = Literal[
    "association", "collectivite", "etat", "reseau", "citoyens", "entreprise", "autre"
]


class Association(Record):
    """One association taking part in the cooperation."""

    model_config = MODEL_CONFIG
    libelle_element: ClassVar[str] = "Association"

    nom: Texte = Field("", title="Nom")
    adresse: Texte = Field("", title="Adresse du siège")
    contact_nom: Texte = Field("", title="Personne à contacter")
    contact_fonction: Texte = Field("", title="Fonction de la personne à contacter")
    representant_nom: Texte = Field("", title="Représentant légal (nom)")
    representant_fonction: Texte = Field("", title="Fonction du représentant")
    courriel: Texte = Field("", title="Courriel")
    telephone: Texte = Field("", title="Téléphone")
    siret: Texte = Field("", title="SIRET")
    rna: Texte = Field("", title="Numéro RNA")
    role: RoleAssociation | None = Field(None, title="Rôle dans le projet")
    # None reads as "association": files written before partners had a type.
    type_partenaire: TypePartenaire | None = Field(None, title="Type de partenaire")
    presentation: Texte = Field("", title="Présentation rapide")
    assurance_compagnie: Texte = Field("", title="Compagnie d'assurance")
    assurance_contrat: Texte = Field("", title="Numéro de contrat d'assurance")


class Membre(Record):
    """A person in the organising group (collectif d'organisation)."""

    model_config = MODEL_CONFIG
    libelle_element: ClassVar[str] = "Membre"

    nom: Texte = Field("", title="Nom")
    association: Texte = Field("", title="Association")
    role: Texte = Field("", title="Rôle dans le collectif")


class Collectif(Modele):
    """Étape 2 de la préparation : l'organisation du collectif."""

    model_config = MODEL_CONFIG

    nom_collectif: Texte = Field("", title="Nom du collectif")
    membres: list[Membre] = Field(default_factory=list, title="Membres du collectif")
    coordinateur: Texte = Field("", title="Coordinateur ou pilote")
    delegation: Texte = Field("", title="Répartition et délégation des tâches")
    regles_fonctionnement: Texte = Field("", title="Règles de fonctionnement")
    frequence_reunions: Texte = Field("", title="Fréquence des réunions")
    formalisation: Texte = Field("", title="Documents qui fixent l'organisation")
