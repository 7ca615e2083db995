"""The project's checklist: the guide's tasks and advice, checked against the answers.

The items live in data/checklist.toml and data/checklist/ (wording, reason,
which rule decides).
The rules that decide are in regles.py, registered by name. An item is
"fait" when the answers show it or it was ticked by hand, "alerte" when the
answers go against the guide's advice. `build(guide, projet, today)` is pure.
"""

from __future__ import annotations

try:  # the store's parser: the same code as tomllib, compiled (twice as fast)
    import tomli as tomllib
except ImportError:  # pragma: no cover
    import tomllib
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Literal

from coopwizard.checklist import conseils as _conseils  # noqa: F401  (registers its rules)
from coopwizard.checklist.regles import REGLES_ALERTE, REGLES_FAIT, Params
from coopwizard.guide import Guide
from coopwizard.models import Projet
from coopwizard.paths import shipped_data_dir

Statut = Literal["fait", "a_faire", "alerte"]

# --- Definitions (data/checklist.toml) -------------------------------------


@dataclass(frozen=True)
class DefAlerte:
    regle: str
    message: str
    params: Params = field(default_factory=dict)
    message_un: str = ""
    """The wording when `n` is 1 (« 1 tâche finit… » beside « 3 tâches finissent… »)."""


@dataclass(frozen=True)
class DefElement:
    id: str
    etape: str
    champ: str
    libelle: str
    raison: str
    regle: str
    params: Params = field(default_factory=dict)
    alertes: tuple[DefAlerte, ...] = ()


_ELEMENT_KEYS = {"id", "etape", "champ", "libelle", "raison", "regle", "alertes"}


def fichiers_checklist() -> list[Path]:
    """The shipped checklist: checklist.toml, then checklist/*.toml by name."""
    data = shipped_data_dir()
    return [data / "checklist.toml", *sorted((data / "checklist").glob("*.toml"))]


def load_definitions(path: Path | None = None) -> tuple[DefElement, ...]:
    """The items of `path`, or of every shipped checklist file, in order."""
    if path is None:
        return tuple(d for fichier in fichiers_checklist() for d in load_definitions(fichier))
    with path.open("rb") as handle:
        data = tomllib.load(handle)
    items = []
    for index, raw in enumerate(data.get("items", []), start=1):
        manquantes = sorted(_ELEMENT_KEYS - {"alertes"} - set(raw))
        if manquantes:
            # Whoever edits the wording should learn where, not read a KeyError.
            raise ValueError(f"{path.name}, élément {index} ({raw.get('id', 'sans id')}) : "
                             f"il manque {', '.join(manquantes)}.")
        alertes = tuple(
            DefAlerte(
                regle=a["regle"],
                message=a["message"],
                params={k: v for k, v in a.items() if k not in ("regle", "message", "message_un")},
                message_un=a.get("message_un", ""),
            )
            for a in raw.get("alertes", [])
        )
        items.append(
            DefElement(
                **{k: raw[k] for k in _ELEMENT_KEYS - {"alertes"}},
                params={k: v for k, v in raw.items() if k not in _ELEMENT_KEYS},
                alertes=alertes,
            )
        )
    return tuple(items)


@lru_cache(maxsize=1)
def definitions() -> tuple[DefElement, ...]:
    """The shipped checklist items, read once."""
    return load_definitions()


# --- Result ----------------------------------------------------------------


@dataclass(frozen=True)
class Element:
    id: str
    libelle: str
    raison: str
    etape: str
    champ: str
    statut: Statut
    coche: bool
    """Ticked by hand (in projet.checklist.coches)."""
    automatique: bool
    """The answers show it done."""
    alertes: tuple[str, ...] = ()

    @property
    def fait(self) -> bool:
        return self.coche or self.automatique


@dataclass(frozen=True)
class Groupe:
    id: str
    titre: str
    elements: tuple[Element, ...]

    @property
    def faits(self) -> int:
        return sum(e.statut == "fait" for e in self.elements)

    @property
    def alertes(self) -> int:
        return sum(e.statut == "alerte" for e in self.elements)

    @property
    def total(self) -> int:
        return len(self.elements)


@dataclass(frozen=True)
class Checklist:
    groupes: tuple[Groupe, ...]

    @property
    def elements(self) -> list[Element]:
        return [e for g in self.groupes for e in g.elements]

    @property
    def faits(self) -> int:
        return sum(g.faits for g in self.groupes)

    @property
    def alertes(self) -> int:
        return sum(g.alertes for g in self.groupes)

    @property
    def total(self) -> int:
        return sum(g.total for g in self.groupes)

    def element(self, element_id: str) -> Element:
        for element in self.elements:
            if element.id == element_id:
                return element
        raise KeyError(element_id)


def groupes_du_guide(guide: Guide) -> list[tuple[str, str, tuple[str, ...]]]:
    """(id, title, step ids): the steps before the conditions, each condition,
    and "Bien s'organiser" split into its three phases."""
    groupes = []
    if guide.etapes_avant:
        premier = guide.etapes.get(guide.etapes_avant[0])
        titre = premier.titre if premier else "Votre projet"
        groupes.append(("projet", titre, tuple(guide.etapes_avant)))
    for condition in guide.conditions:
        if condition.etapes:
            groupes.append((condition.id, condition.titre, condition.etapes))
        for phase in condition.phases:
            groupes.append((phase.id, f"{condition.titre} : {phase.titre}", phase.etapes))
    return groupes


def evaluate(definition: DefElement, projet: Projet, today: date, coches: set[str]) -> Element:
    automatique = REGLES_FAIT[definition.regle](projet, definition.params, today)
    alertes = []
    for alerte in definition.alertes:
        valeurs = REGLES_ALERTE[alerte.regle](projet, alerte.params, today)
        if valeurs is not None:
            un = alerte.message_un and valeurs.get("n") == 1
            alertes.append((alerte.message_un if un else alerte.message).format(**valeurs))
    coche = definition.id in coches
    statut: Statut = "alerte" if alertes else ("fait" if coche or automatique else "a_faire")
    return Element(
        id=definition.id,
        libelle=definition.libelle,
        raison=definition.raison,
        etape=definition.etape,
        champ=definition.champ,
        statut=statut,
        coche=coche,
        automatique=automatique,
        alertes=tuple(alertes),
    )


def build(
    guide: Guide,
    projet: Projet,
    today: date,
    items: tuple[DefElement, ...] | None = None,
) -> Checklist:
    """The checklist of `projet` on `today`, grouped as the guide is."""
    items = definitions() if items is None else items
    coches = set(projet.checklist.coches)
    groupes = [desaccords(projet)] if projet.conflits else []
    for groupe_id, titre, etapes in groupes_du_guide(guide):
        elements = tuple(
            evaluate(d, projet, today, coches) for d in items if d.etape in etapes
        )
        if elements:
            groupes.append(Groupe(groupe_id, titre, elements))
    return Checklist(tuple(groupes))


@lru_cache(maxsize=1)
def _textes_desaccords() -> dict[str, str]:
    with (shipped_data_dir() / "checklist.toml").open("rb") as handle:
        return tomllib.load(handle)["desaccords"]


def desaccords(projet: Projet) -> Groupe:
    """The conflicts a merge left (issue 11), one alert each, in a group shown first.

    Element ids are "desaccord-1", "desaccord-2"... (their place, never a record id).
    """
    from coopwizard.conflits import Libelles, champ_du_guide, decrire, libelle_conflit

    textes = _textes_desaccords()
    nommer = Libelles(projet)
    elements = tuple(
        Element(id=f"desaccord-{numero}",
                libelle=textes["libelle"].format(champ=libelle_conflit(conflit, nommer)),
                raison=textes["raison"], etape="projet",
                champ=champ_du_guide(conflit.champ), statut="alerte", coche=False,
                automatique=False, alertes=(decrire(conflit),))
        for numero, conflit in enumerate(projet.conflits, start=1)
    )
    return Groupe("desaccords", textes["titre"], elements)


def cible(guide: Guide, element: Element) -> tuple[str, str]:
    """(step id, field) where the wizard answers what resolves `element`."""
    trouve = guide.question(element.champ)
    return (trouve[0].id, element.champ) if trouve else (element.etape, "")


def toggle(projet: Projet, element_id: str) -> bool:
    """Tick or untick an item by hand; returns whether it is now ticked."""
    coches = list(projet.checklist.coches)
    if element_id in coches:
        coches.remove(element_id)
        ticked = False
    else:
        coches.append(element_id)
        ticked = True
    projet.checklist.coches = coches
    return ticked




__all__ = [
    "REGLES_ALERTE", "REGLES_FAIT", "Checklist", "Element", "Groupe",
    "build", "cible", "definitions", "toggle",
]
