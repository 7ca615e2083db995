"""The three phases of "bien s'organiser" and their five steps."""

from __future__ import annotations

from datetime import date
from typing import ClassVar, Literal

from pydantic import Field

from coopwizard.models.bruts import Modele
from coopwizard.models.ids import Record
from coopwizard.models.types import MODEL_CONFIG, DateFr, Montant, Texte

Etape = Literal["conception", "collectif", "programmation", "realisation", "evaluation"]
StatutTache = Literal["a_faire", "en_cours", "fait"]
NatureIndicateur = Literal["quantitatif", "qualitatif"]
DestinataireBilan = Literal[
    "membres", "assemblee_generale", "partenaires", "autres_associations", "financeurs", "public"
]


class Conception(Modele):
    """Phase 1, étape 1 : la conception du projet."""

    model_config = MODEL_CONFIG

    declencheur: Texte = Field("", title="Élément déclencheur")
    constats: Texte = Field("", title="Constats et diagnostic")
    probleme: Texte = Field("", title="Problème auquel répondre")
    objectifs: Texte = Field("", title="Objectifs du projet")
    public_cible: Texte = Field("", title="Public(s) cible(s)")
    autres_beneficiaires: Texte = Field("", title="Autre(s) bénéficiaire(s)")
    territoire: Texte = Field("", title="Territoire")
    actions: Texte = Field("", title="Actions à mettre en place")
    partenaires_operationnels: Texte = Field("", title="Partenaires opérationnels")
    autres_partenaires: Texte = Field("", title="Autres partenaires")
    faisabilite: Texte = Field("", title="Faisabilité : forces et contraintes")


class Tache(Record):
    """One line of the échéancier: who does what, and when."""

    model_config = MODEL_CONFIG
    libelle_element: ClassVar[str] = "Tâche"

    etape: Etape | None = Field(None, title="Étape")
    intitule: Texte = Field("", title="Intitulé")
    responsable: Texte = Field("", title="Qui")
    debut: DateFr | None = Field(None, title="Début")
    echeance: DateFr | None = Field(None, title="Échéance")
    statut: StatutTache = Field("a_faire", title="Statut")
    critique: bool = Field(False, title="Tâche critique")  # a delay would endanger the project

    def en_retard(self, aujourd_hui: date) -> bool:
        """Past its deadline and not done."""
        return self.statut != "fait" and self.echeance is not None and self.echeance < aujourd_hui


class LigneBudget(Record):
    """One line of the budget prévisionnel, on an account of the standard form."""

    model_config = MODEL_CONFIG
    libelle_element: ClassVar[str] = "Ligne"

    compte: Texte = Field("", title="Compte")
    libelle: Texte = Field("", title="Libellé")
    montant: Montant | None = Field(None, title="Montant")
    association: Texte = Field("", title="Apporté par")
    realise: Montant | None = Field(None, title="Réalisé")
    """What was actually spent or received, filled in at the évaluation finale
    (compte rendu financier); absent in files written before it existed."""


class Budget(Modele):
    """Le budget prévisionnel of the project."""

    model_config = MODEL_CONFIG

    exercice_debut: DateFr | None = Field(None, title="Début de l'exercice")
    exercice_fin: DateFr | None = Field(None, title="Fin de l'exercice")
    lignes: list[LigneBudget] = Field(default_factory=list, title="Budget")


class Programmation(Modele):
    """Phase 2, étape 1 : la programmation (échéancier and budget live beside it)."""

    model_config = MODEL_CONFIG

    echeance_souhaitee: DateFr | None = Field(None, title="Échéance souhaitée")
    contraintes_agendas: Texte = Field("", title="Contraintes d'agenda de chacun")
    planning_mis_a_jour_le: DateFr | None = Field(None, title="Planning mis à jour le")


class Realisation(Modele):
    """Phase 2, étape 2 : la réalisation du projet."""

    model_config = MODEL_CONFIG

    suivi: Texte = Field("", title="Comment on vérifie l'avancement")
    points_etape: Texte = Field("", title="Points d'étape réguliers")
    ajustements: Texte = Field("", title="Imprévus et réorientations")
    ambiance: Texte = Field("", title="Place de chacun et bonne entente")


class Indicateur(Record):
    """An evaluation criterion set during preparation, measured at the end."""

    model_config = MODEL_CONFIG
    libelle_element: ClassVar[str] = "Indicateur"

    objectif: Texte = Field("", title="Objectif")
    action: Texte = Field("", title="Action")
    resultat_attendu: Texte = Field("", title="Résultat attendu")
    indicateur: Texte = Field("", title="Indicateur")
    outil: Texte = Field("", title="Outil")
    nature: NatureIndicateur | None = Field(None, title="Nature")
    cible: Texte = Field("", title="Cible")
    valeur_mesuree: Texte = Field("", title="Valeur mesurée")


class Evaluation(Modele):
    """Phase 3 : l'évaluation finale (criteria are set from the start)."""

    model_config = MODEL_CONFIG

    indicateurs: list[Indicateur] = Field(default_factory=list, title="Indicateurs")
    effets_public: Texte = Field("", title="Effets attendus sur le public")
    effets_partenariat: Texte = Field("", title="Effets attendus sur le partenariat")
    date_bilan: DateFr | None = Field(None, title="Date de la réunion de bilan")
    points_forts: Texte = Field("", title="Points forts")
    points_faibles: Texte = Field("", title="Points faibles")
    dynamiques_associations: Texte = Field("", title="Ce que le projet a suscité dans chaque association")
    dynamiques_public: Texte = Field("", title="Ce que le projet a suscité pour le public")
    suites: Texte = Field("", title="Suites à donner")
    remerciements: Texte = Field("", title="Remerciements aux bénévoles")
    destinataires_bilan: list[DestinataireBilan] = Field(
        default_factory=list, title="Destinataires du bilan"
    )
