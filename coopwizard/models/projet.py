"""`Projet`: every answer of one cooperation project, as saved in its TOML file."""

from __future__ import annotations

from pydantic import Field

from coopwizard.models.associations import Association, Collectif
from coopwizard.models.conditions import Connaissance, Envie
from coopwizard.models.moyens import Moyens
from coopwizard.models.phases import (
    Budget,
    Conception,
    Evaluation,
    Programmation,
    Realisation,
    Tache,
)
from coopwizard.models.partage import Conflit, Enregistrement
from coopwizard.models.reunions import Reunion
from coopwizard.models.bruts import Modele
from coopwizard.models.types import MODEL_CONFIG, DateFr, Texte

SCHEMA_VERSION = 3
"""3: every record of a list has a stable `id` (models/ids.py), for merging versions."""


class Checklist(Modele):
    """Checklist items the user ticked by hand."""

    model_config = MODEL_CONFIG

    coches: list[Texte] = Field(default_factory=list, title="Éléments cochés")


class Position(Modele):
    """Where the user was in the wizard, to resume there."""

    model_config = MODEL_CONFIG

    etape: Texte = Field("", title="Étape")
    champ: Texte = Field("", title="Question")


class Projet(Modele):
    """A cooperation project between associations. Every field is optional."""

    model_config = MODEL_CONFIG

    schema_version: int = Field(SCHEMA_VERSION, title="Version du format")
    nom: Texte = Field("", title="Nom du projet")
    resume: Texte = Field("", title="Résumé")
    date_debut: DateFr | None = Field(None, title="Date de début")
    date_fin: DateFr | None = Field(None, title="Date de fin")
    associations: list[Association] = Field(default_factory=list, title="Associations")
    envie: Envie = Field(default_factory=Envie, title="Avoir envie")
    connaissance: Connaissance = Field(default_factory=Connaissance, title="Bien se connaître")
    conception: Conception = Field(default_factory=Conception, title="Conception du projet")
    collectif: Collectif = Field(default_factory=Collectif, title="Organisation du collectif")
    programmation: Programmation = Field(default_factory=Programmation, title="Programmation")
    taches: list[Tache] = Field(default_factory=list, title="Planning")
    budget: Budget = Field(default_factory=Budget, title="Budget prévisionnel")
    realisation: Realisation = Field(default_factory=Realisation, title="Réalisation")
    evaluation: Evaluation = Field(default_factory=Evaluation, title="Évaluation finale")
    moyens: Moyens = Field(default_factory=Moyens, title="Ressources et moyens")
    reunions: list[Reunion] = Field(default_factory=list, title="Réunions")
    checklist: Checklist = Field(default_factory=Checklist, title="Checklist")
    position: Position = Field(default_factory=Position, title="Position dans l'assistant")
    enregistrement: Enregistrement = Field(default_factory=Enregistrement,
                                           title="Dernier enregistrement")
    conflits: list[Conflit] = Field(default_factory=list, title="Désaccords entre versions")
