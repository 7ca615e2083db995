"""How values are written for people: euros, dates, choices, "à compléter".

Shared by the checklist's messages and every document, so a sum or a date
reads the same in the terminal, in Markdown and in Word.
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache
from decimal import Decimal
from typing import Any

from coopwizard.documents.arbre import Somme
from coopwizard.documents.libelles import section

A_COMPLETER: str = section("commun")["a_completer"]
ESPACES_SECABLES = re.compile(r"[^\S\u00a0\u202f\u2007]+")
"""White space a line may break at: any but the no-break ones (1 234,50 €, « : »),
which str.split() would cut too."""


def euros(montant: Decimal | None) -> str:
    """Decimal("1250.5") -> "1 250,50 €" (the budget's own writing); None -> ""."""
    from coopwizard.budget import format_euros

    return format_euros(montant) if montant is not None else ""


@lru_cache(maxsize=8192)  # a long planning repeats its dates; Babel takes ~30 µs a call
def date_fr(valeur: date | None) -> str:
    """26/11/2026: the short French date, by Babel (CLDR's fr_FR pattern, four-digit year)."""
    if not valeur:
        return ""
    from babel.dates import format_date

    return format_date(valeur, "dd/MM/y", locale="fr_FR")


def texte(valeur: Any) -> str:
    """Any answer as one string ("" when empty)."""
    if valeur is None:
        return ""
    if isinstance(valeur, bool):
        return "oui" if valeur else "non"
    if isinstance(valeur, Decimal):
        return euros(valeur)
    if isinstance(valeur, Somme):
        return "" if valeur.masquer_zero and not valeur.valeur else euros(valeur.valeur)
    if isinstance(valeur, date):
        return date_fr(valeur)
    if isinstance(valeur, (list, tuple)):
        return ", ".join(texte(v) for v in valeur if texte(v))
    return str(valeur).strip()


def ou_a_completer(valeur: Any) -> str:
    return texte(valeur) or A_COMPLETER
