"""The échéancier: late tasks and the month-by-month grid of the guide's planning.

`today()` is the only clock: it honours COOPWIZARD_AUJOURDHUI=YYYY-MM-DD so
snapshots and tests see a fixed date.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import get_args

from coopwizard.models import Projet, Tache
from coopwizard.models.phases import Etape

ETAPES: tuple[str, ...] = get_args(Etape)
LIBELLES_ETAPES = {
    "conception": "Étape 1 : Conception du projet",
    "collectif": "Étape 2 : Organisation du collectif",
    "programmation": "Étape 3 : Programmation du projet",
    "realisation": "Étape 4 : Réalisation du projet",
    "evaluation": "Étape 5 : Évaluation finale",
    None: "Sans étape",
}
MOIS = (
    "janv.", "févr.", "mars", "avr.", "mai", "juin",
    "juil.", "août", "sept.", "oct.", "nov.", "déc.",
)  # fmt: skip


def today() -> date:
    """Today's date, or COOPWIZARD_AUJOURDHUI (YYYY-MM-DD) when set."""
    value = os.environ.get("COOPWIZARD_AUJOURDHUI", "").strip()
    if value:
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass  # a bad override must not break the app: use the real date
    return date.today()


def taches_en_retard(taches: Sequence[Tache], aujourd_hui: date | None = None) -> list[int]:
    """Indexes of the tasks past their deadline and not done."""
    jour = aujourd_hui or today()
    return [i for i, tache in enumerate(taches) if tache.en_retard(jour)]


def marquer_mis_a_jour(projet: Projet, aujourd_hui: date | None = None) -> None:
    """The planning's "Mis à jour le", set when its tasks change."""
    projet.programmation.planning_mis_a_jour_le = aujourd_hui or today()


def _mois_index(jour: date) -> int:
    return jour.year * 12 + jour.month - 1


def _premier_du_mois(index: int) -> date:
    return date(index // 12, index % 12 + 1, 1)


def libelle_mois(jour: date, avec_annee: bool = True) -> str:
    """date(2027, 2, 1) -> "févr. 2027"."""
    nom = MOIS[jour.month - 1]
    return f"{nom} {jour.year}" if avec_annee else nom


def periode(tache: Tache) -> tuple[int, int] | None:
    """First and last month index the task covers (a lone date covers its month)."""
    dates = [d for d in (tache.debut, tache.echeance) if d is not None]
    if not dates:
        return None
    debut, fin = _mois_index(min(dates)), _mois_index(max(dates))
    return debut, fin


@dataclass(frozen=True)
class LigneGrille:
    """One row of the grid: a step (index None) or a task (its index in the list)."""

    libelle: str
    qui: str
    index: int | None
    actif: tuple[bool, ...]
    en_retard: bool = False

    @property
    def est_etape(self) -> bool:
        return self.index is None


@dataclass(frozen=True)
class Grille:
    mois: tuple[date, ...]
    """First day of each month shown, in order."""
    lignes: tuple[LigneGrille, ...]
    mois_courant: int | None
    """Column of today's month, None when outside the grid."""
    tronque: bool = False
    """True when the tasks span more months than the grid shows."""


def grille_mensuelle(
    taches: Sequence[Tache], aujourd_hui: date | None = None, max_mois: int = 36
) -> Grille:
    """The guide's planning: steps then their tasks as rows, months as columns."""
    jour = aujourd_hui or today()
    periodes = [periode(t) for t in taches]
    connues = [p for p in periodes if p is not None]
    if connues:
        premier = min(p[0] for p in connues)
        dernier = max(p[1] for p in connues)
    else:
        premier = dernier = _mois_index(jour)
    tronque = dernier - premier + 1 > max_mois
    if tronque:
        # Too many months: show a window that keeps today's month in view.
        premier = max(premier, min(_mois_index(jour) - 2, dernier - max_mois + 1))
        dernier = premier + max_mois - 1
    largeur = dernier - premier + 1

    def cases(p: tuple[int, int] | None) -> list[bool]:
        row = [False] * largeur
        if p is not None:
            for m in range(max(p[0], premier), min(p[1], dernier) + 1):
                row[m - premier] = True
        return row

    par_etape: dict[str | None, list[int]] = {}
    for index, tache in enumerate(taches):
        par_etape.setdefault(tache.etape, []).append(index)
    lignes: list[LigneGrille] = []
    for etape in (*ETAPES, None):
        indexes = par_etape.get(etape)
        if not indexes:
            continue
        rows = []
        union = [False] * largeur
        for index in indexes:
            tache = taches[index]
            row = cases(periodes[index])
            union = [a or b for a, b in zip(union, row, strict=True)]
            rows.append(
                LigneGrille(
                    tache.intitule or "(sans intitulé)",
                    tache.responsable,
                    index,
                    tuple(row),
                    tache.en_retard(jour),
                )
            )
        lignes.append(LigneGrille(LIBELLES_ETAPES[etape], "", None, tuple(union)))
        lignes.extend(rows)
    courant = _mois_index(jour) - premier
    return Grille(
        tuple(_premier_du_mois(m) for m in range(premier, dernier + 1)),
        tuple(lignes),
        courant if 0 <= courant < largeur else None,
        tronque,
    )
