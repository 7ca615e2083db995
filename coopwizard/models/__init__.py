"""The project file's schema (Pydantic v2). Field names are the TOML keys."""

from coopwizard.models.associations import Association, Collectif, Membre
from coopwizard.models.conditions import Connaissance, Envie, Freins
from coopwizard.models.moyens import Besoin, Moyens
from coopwizard.models.ids import Record, new_id
from coopwizard.models.partage import Conflit, Enregistrement
from coopwizard.models.paths import field_label, get_path, set_path
from coopwizard.models.phases import (
    Budget,
    Conception,
    Evaluation,
    Indicateur,
    LigneBudget,
    Programmation,
    Realisation,
    Tache,
)
from coopwizard.models.projet import SCHEMA_VERSION, Checklist, Position, Projet
from coopwizard.models.reunions import Decision, Reunion

__all__ = [
    "SCHEMA_VERSION",
    "Association",
    "Besoin",
    "Budget",
    "Checklist",
    "Collectif",
    "Conflit",
    "Conception",
    "Connaissance",
    "Decision",
    "Enregistrement",
    "Envie",
    "Evaluation",
    "Freins",
    "Indicateur",
    "LigneBudget",
    "Membre",
    "Moyens",
    "Position",
    "Programmation",
    "Projet",
    "Realisation",
    "Record",
    "Reunion",
    "Tache",
    "field_label",
    "get_path",
    "new_id",
    "set_path",
]
