"""French labels for the choice values the editors show (short labels from the guide)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from coopwizard.budget import format_euros
from coopwizard.guide import guide

# Table columns are narrow: the steps get short numbered names here; every other
# value reads as data/guide/valeurs.toml words it (one place to edit them).
ETAPES_COURTES = {
    "conception": "1. Conception",
    "collectif": "2. Collectif",
    "programmation": "3. Programmation",
    "realisation": "4. Réalisation",
    "evaluation": "5. Évaluation",
}


def _libelles() -> dict[str, str]:
    libelles: dict[str, str] = {}
    for valeurs in guide().valeurs.values():
        libelles.update(valeurs)
    libelles.update(ETAPES_COURTES)
    return libelles


LIBELLES: dict[str, str] = _libelles()
"""Stored value -> the French label the editors show (tables and choice lists)."""


def libelle(value: object) -> str:
    """How a stored value reads in a table cell."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, date):
        return f"{value:%d/%m/%Y}"
    if isinstance(value, Decimal):
        return format_euros(value)
    text = str(value)
    return LIBELLES.get(text, text)


def premiere_ligne(text: str, largeur: int = 40) -> str:
    """A long answer shown in one table cell: its first line, shortened."""
    line = text.strip().splitlines()[0] if text.strip() else ""
    return line if len(line) <= largeur else line[: largeur - 1] + "…"
