"""The guide's content (data/guide/), loaded into typed objects.

data/guide/structure.toml lists the success conditions, the phases and the
order of the wizard's steps; data/guide/etapes/<id>.toml holds one step: its
guidance (the six facets, tips, warnings) and its questions, each bound to a
field of `Projet` by a dotted path.
"""

from __future__ import annotations

from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from coopwizard.models import Projet, get_path
from coopwizard.models.paths import field_info
from coopwizard.paths import cache_dir, shipped_data_dir

try:  # the very parser of tomllib, compiled (as the store reads projects): 2x faster
    import tomli as tomllib
except ImportError:  # pragma: no cover - the standard library's pure-Python one
    import tomllib

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

EDITEURS = frozenset(
    {"associations", "membres", "taches", "budget", "indicateurs", "besoins", "reunions"}
)
"""The record editors a "liste" question may name (screens/editors builds them)."""

_TYPES_A_CHOIX = frozenset({"choix", "choix_multiple"})


def champ_generique(champ: str) -> str:
    """"associations.1.siret" -> "associations.siret": a path without list indices."""
    return ".".join(part for part in champ.split(".") if not part.isdigit())


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Choix(_Strict):
    valeur: str
    libelle: str
    aide: str = ""
    """The guide's word on this option (e.g. its answer to a frein)."""
    groupe: str = ""
    """Heading the option is shown under (e.g. the three families of arguments)."""


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
    titre_court: str = ""
    """For the sidebar, when the title is too long for it."""
    resume: str = ""
    etapes: tuple[str, ...] = ()
    phases: tuple[Phase, ...] = ()

    @property
    def nom_court(self) -> str:
        return self.titre_court or self.titre

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
    valeurs: dict[str, dict[str, str]] = {}
    """French labels of choice values not asked by a question, keyed by generic
    path ("moyens.besoins.forme" -> {"pret": "Prêt", ...}): for the record editors."""

    @model_validator(mode="after")
    def _coherent(self) -> Guide:
        # The guide is edited by hand: say precisely what is wrong, in French.
        ordre = self.ordre
        doublons = sorted({e for e in ordre if ordre.count(e) > 1})
        if doublons:
            raise ValueError(f"étape(s) citée(s) deux fois dans structure.toml : {doublons}")
        manquantes = [e for e in ordre if e not in self.etapes]
        if manquantes:
            raise ValueError(f"étape(s) sans fichier dans etapes/ : {manquantes}")
        orphelines = sorted(set(self.etapes) - set(ordre))
        if orphelines:
            raise ValueError(f"fichier(s) d'étape absent(s) de structure.toml : {orphelines}")
        for cle, etape in self.etapes.items():
            if cle != etape.id:
                raise ValueError(f"l'étape « {cle} » porte l'id « {etape.id} »")
        self._verifier_rattachement()
        self._verifier_questions()
        return self

    def _verifier_rattachement(self) -> None:
        """Each step names the condition and phase structure.toml puts it in."""
        attendu = {e: ("", "") for e in self.etapes_avant}
        for condition in self.conditions:
            attendu.update({e: (condition.id, "") for e in condition.etapes})
            for phase in condition.phases:
                attendu.update({e: (condition.id, phase.id) for e in phase.etapes})
        for etape_id, (condition, phase) in attendu.items():
            etape = self.etapes[etape_id]
            if (etape.condition, etape.phase) != (condition, phase):
                raise ValueError(
                    f"étape « {etape_id} » : condition/phase « {etape.condition}/{etape.phase} »,"
                    f" structure.toml dit « {condition}/{phase} »"
                )

    def _verifier_questions(self) -> None:
        vus: dict[str, str] = {}
        for etape_id in self.ordre:
            for question in self.etapes[etape_id].questions:
                ou = f"étape « {etape_id} », question « {question.champ} »"
                if question.champ in vus:
                    raise ValueError(f"{ou} : déjà posée à l'étape « {vus[question.champ]} »")
                vus[question.champ] = etape_id
                try:
                    field_info(Projet, question.champ)
                except KeyError:
                    raise ValueError(f"{ou} : ce champ n'existe pas dans le projet") from None
                if question.type == "liste" and question.editeur not in EDITEURS:
                    raise ValueError(f"{ou} : éditeur inconnu « {question.editeur} »")
                if question.type != "liste" and question.editeur:
                    raise ValueError(f"{ou} : seul le type « liste » a un éditeur")
                if (question.type in _TYPES_A_CHOIX) != bool(question.choix):
                    raise ValueError(f"{ou} : les choix vont avec les types choix et choix_multiple")

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

    @cached_property
    def _par_champ(self) -> dict[str, tuple[Etape, Question]]:
        return {q.champ: (etape, q) for etape, q in self.questions()}

    def question(self, champ: str) -> tuple[Etape, Question] | None:
        """The question that asks `champ` exactly (a field, not a sub-path)."""
        return self._par_champ.get(champ)

    def question_de_champ(self, champ: str) -> tuple[Etape, Question] | None:
        """The question under which any path is answered.

        "associations.1.siret" -> the "associations" list question;
        "envie.freins" (a group of fields) -> its first question.
        """
        parts = champ_generique(champ).split(".")
        for fin in range(len(parts), 0, -1):
            trouve = self._par_champ.get(".".join(parts[:fin]))
            if trouve is not None:
                return trouve
        prefixe = ".".join(parts) + "."
        for etape, question in self.questions():
            if question.champ.startswith(prefixe):
                return etape, question
        return None

    def etape_de_champ(self, champ: str) -> str | None:
        """Id of the step that asks `champ` (any path, list indices allowed)."""
        trouve = self.question_de_champ(champ)
        return trouve[0].id if trouve else None

    def choix_de(self, champ: str) -> dict[str, str]:
        """Value -> French label for a choice field, from its question or valeurs.toml."""
        generique = champ_generique(champ)
        trouve = self._par_champ.get(generique)
        if trouve is not None and trouve[1].choix:
            return {c.valeur: c.libelle for c in trouve[1].choix}
        return dict(self.valeurs.get(generique, {}))

    def libelle_valeur(self, champ: str, valeur: str) -> str:
        """The French label of one choice value (the value itself if unknown)."""
        return self.choix_de(champ).get(valeur, valeur)


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
        if data.get("id") != path.stem:
            # The file name is the step's id: the structure and the sidebar rely on it.
            raise ValueError(f"{path.name} : id = « {data.get('id')} », attendu « {path.stem} »")
        etapes[path.stem] = data
    valeurs_path = folder / "valeurs.toml"
    valeurs = _read_toml(valeurs_path).get("valeurs", {}) if valeurs_path.exists() else {}
    return Guide.model_validate({**structure, "etapes": etapes, "valeurs": valeurs})


@lru_cache(maxsize=1)
def guide() -> Guide:
    """The shipped guide, read once (from the cache of coopwizard/guide_cache.py when the
    data files have not changed since it was made)."""
    from coopwizard import guide_cache

    return guide_cache.charger(shipped_data_dir() / "guide", load_guide, cache_dir())


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
