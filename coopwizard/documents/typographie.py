"""French typography for every document: non-breaking spaces, dates, agreement.

`typographier(doc)` runs on the neutral tree just before any renderer, so the
terminal, texte, Markdown, HTML, Word and Excel outputs all get the same
espace insécable before « : ; ! ? » and inside « », whatever the user typed.
Dates in words come from Babel (CLDR's French), not from hand-made month lists.
"""

from __future__ import annotations

import re
from dataclasses import fields, is_dataclass, replace
from datetime import date
from typing import Any

INSECABLE = "\u00a0"
"""U+00A0: every font and terminal has it (the narrow U+202F is missing from some)."""

_AVANT = re.compile(r"[ \t\u202f]+(?=[:;!?»])")
_APRES_GUILLEMET = re.compile(r"«[ \t\u202f]*(?=\S)")
_AVANT_GUILLEMET = re.compile(r"(?<=\S)[ \t\u202f]*»")
_DEUX_POINTS_COLLES = re.compile(r"(?<=[^\W\d_])([;!?])(?=\s|$)")
"""« Quoi? » / « oui; non »: a letter glued to ; ! ? (never a colon: 18:30, https://)."""


def fr(texte: str) -> str:
    """The text with French spacing: « Date : 3 ; vrai ? » with non-breaking spaces."""
    if not texte or not any(c in texte for c in ":;!?«»"):
        return texte
    texte = _AVANT.sub(INSECABLE, texte)
    texte = _DEUX_POINTS_COLLES.sub(INSECABLE + r"\1", texte)
    texte = _APRES_GUILLEMET.sub("«" + INSECABLE, texte)
    return _AVANT_GUILLEMET.sub(INSECABLE + "»", texte)


def _typo(valeur: Any) -> Any:
    if isinstance(valeur, str):
        return fr(valeur)
    if isinstance(valeur, tuple):
        return tuple(_typo(v) for v in valeur)
    if is_dataclass(valeur) and not isinstance(valeur, type):
        return replace(valeur, **{f.name: _typo(getattr(valeur, f.name)) for f in fields(valeur)
                                  if isinstance(getattr(valeur, f.name), (str, tuple))
                                  or is_dataclass(getattr(valeur, f.name))})
    return valeur  # amounts, dates, numbers: the renderers format them


def typographier(doc):
    """The document with French spacing in every piece of text (a new tree)."""
    return _typo(doc)


def accorder(gabarit: str, **nombres: int) -> str:
    """`gabarit` formatted with each number, and `{s_nom}` = "s" when `nom` is 2 or more
    (French: 0 and 1 take the singular): « {n} tâche{s_n} » -> « 1 tâche », « 3 tâches »."""
    pluriels = {f"s_{cle}": "s" if abs(valeur) >= 2 else "" for cle, valeur in nombres.items()
                if isinstance(valeur, int)}
    return gabarit.format(**nombres, **pluriels)


def date_longue(jour: date | None, avec_jour: bool = False) -> str:
    """« 1er décembre 2026 » (or « mardi 1er décembre 2026 »), by Babel in fr_FR."""
    if jour is None:
        return ""
    from babel.dates import format_date

    texte = format_date(jour, "EEEE d MMMM y" if avec_jour else "d MMMM y", locale="fr_FR")
    # The first of the month is written « 1er » in French (CLDR gives « 1 »).
    return re.sub(r"(?<!\d)1 ", "1er ", texte, count=1) if jour.day == 1 else texte
