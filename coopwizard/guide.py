"""The guide's content (data/guide/), loaded into typed objects.

data/guide/structure.toml lists the success conditions, the phases and the
order of the wizard's steps; data/guide/etapes/<id>.toml holds one step: its
guidance (the six facets, tips, warnings) and its questions, each bound to a
field of `Projet` by a dotted path.
"""

from __future__ import annotations

import tomllib
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from coopwizard.models import Projet, get_path
from coopwizard.paths import shipped_data_dir

TypeQuestion = Literal[
    "texte",  # one line
    "texte_long",  # several lines
    "date",
    "choix",  # one value among `choix`
    "choix_multiple",  # several values among `choix`
    "oui_non",
    "liste",  # a list of records, edited by the editor named in `editeur`
]
TypeConseil = Literal["astuce", "attention", "entendu", "exemple"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Choix(_Strict):
    valeur: str
    libelle: str
    aide: str = ""
    """The guide's word on this option (e.g. its answer to a frein)."""


class Question(_Strict):
    champ: str
    """Dotted path into Projet, e.g. "conception.objectifs"."""
    libelle: str
    type: TypeQuestion
    aide: str = ""
    exemple: str = ""
    choix: tuple[Choix, ...] = ()
    editeur: str = ""
    """For type "liste": which record editor ("associations", "taches"...)."""


class Conseil(_Strict):
    type: TypeConseil
    titre: str = ""
    texte: str
    points: tuple[str, ...] = ()


class Facettes(_Strict):
    """The six facets the guide gives for each step of "bien s'organiser"."""

    questions: str = ""
    contexte: str = ""
    objectifs: tuple[str, ...] = ()
    taches: tuple[str, ...] = ()
    outils: tuple[str, ...] = ()
    communication: str = ""


class Etape(_Strict):
    id: str
    titre: str
    titre_court: str = ""
    condition: str
    phase: str = ""
    intro: str = ""
    facettes: Facettes | None = None
    reperes: tuple[Conseil, ...] = ()
    """Guidance blocks that are not facets (where to meet, forms of sharing...)."""
    conseils: tuple[Conseil, ...] = ()
    questions: tuple[Question, ...] = ()

    @property
    def nom_court(self) -> str:
        return self.titre_court or self.titre


class Phase(_Strict):
    id: str
    titre: str
    etapes: tuple[str, ...]


class Condition(_Strict):
    id: str
    titre: str
    resume: str = ""
    etapes: tuple[str, ...] = ()
    phases: tuple[Phase, ...] = ()

    @property
    def toutes_etapes(self) -> tuple[str, ...]:
        return self.etapes + tuple(e for phase in self.phases for e in phase.etapes)


class Guide(_Strict):
    titre: str
    mots_cles: tuple[str, ...] = Field(default=(), description="Les cinq mots à garder à l'esprit")
    introduction: str = ""
    etapes_avant: tuple[str, ...] = ()
    """Steps shown before the conditions (the project's identity)."""
    conditions: tuple[Condition, ...]
    etapes: dict[str, Etape]

    @property
    def ordre(self) -> list[str]:
        """Every step id, in the wizard's order."""
        order = list(self.etapes_avant)
        for condition in self.conditions:
            order.extend(condition.toutes_etapes)
        return order

    def etape(self, etape_id: str) -> Etape:
        return self.etapes[etape_id]

    def questions(self) -> list[tuple[Etape, Question]]:
        return [(self.etapes[e], q) for e in self.ordre for q in self.etapes[e].questions]

    def question(self, champ: str) -> tuple[Etape, Question] | None:
        for etape, question in self.questions():
            if question.champ == champ:
                return etape, question
        return None


def _read_toml(path: Path) -> dict[str, Any]:
    with path.open("rb") as handle:
        return tomllib.load(handle)


def load_guide(folder: Path | None = None) -> Guide:
    """Read data/guide/ (or `folder`) into a Guide; raises on a malformed file."""
    folder = folder or shipped_data_dir() / "guide"
    structure = _read_toml(folder / "structure.toml")
    etapes = {}
    for path in sorted((folder / "etapes").glob("*.toml")):
        data = _read_toml(path)
        etapes[data["id"]] = data
    return Guide.model_validate({**structure, "etapes": etapes})


@lru_cache(maxsize=1)
def guide() -> Guide:
    """The shipped guide, read once."""
    return load_guide()


def is_answered(value: Any) -> bool:
    """An answer counts once it holds something (text, a choice, a record, yes or no)."""
    if value is None:
        return False
    if isinstance(value, str):
        return bool(value.strip())
    if isinstance(value, (list, tuple, dict)):
        return bool(value)
    return True


def progress(guide_: Guide, projet: Projet) -> dict[str, tuple[int, int]]:
    """For each step id: (answered questions, questions)."""
    result = {}
    for etape_id in guide_.ordre:
        questions = guide_.etapes[etape_id].questions
        done = sum(is_answered(get_path(projet, q.champ)) for q in questions)
        result[etape_id] = (done, len(questions))
    return result
