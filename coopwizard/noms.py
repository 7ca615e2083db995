"""Loose matching of people's names, as volunteers type them.

The same person is « Aïcha Benali » in the collectif, « aicha » in one task,
« A. Benali » or « Mme Benali » in another. A rule that compares names must see
one person there, not four. Pure functions, no UI.
"""

from __future__ import annotations

import re
import unicodedata

CIVILITES = frozenset({"m", "mme", "mlle", "mr", "monsieur", "madame", "mademoiselle", "dr"})
# Several people in one "Qui" cell: « Luc et Sophie », « Luc, Sophie », « Luc / Sophie ».
_SEPARATEURS = re.compile(r"\s*(?:[,;/&+]|\bet\b)\s*", re.IGNORECASE)


def sans_accents(texte: str) -> str:
    decompose = unicodedata.normalize("NFKD", texte)
    return "".join(c for c in decompose if not unicodedata.combining(c))


def mots(nom: str) -> tuple[str, ...]:
    """« Mme Aïcha BEN-ALI » -> ("aicha", "ben", "ali"): lower case, no accents,
    no civility, hyphens and dots as spaces."""
    texte = sans_accents(nom).casefold()
    brut = [m for m in re.split(r"[^a-z0-9]+", texte) if m]
    return tuple(m for m in brut if m not in CIVILITES)


def _mot_compatible(x: str, y: str) -> bool:
    # « d » stands for « dupont »: an initial matches the word it begins.
    return x == y or (len(x) == 1 and y.startswith(x)) or (len(y) == 1 and x.startswith(y))


def meme_personne(a: str, b: str) -> bool:
    """Whether two typed names plausibly name the same person.

    Every word of the shorter name must match a word of the longer one, in
    any order (« Dupont Marie »), an initial matching its word; at least one
    word must match in full, so that « M. D. » matches nobody. Initials run
    together (« MD ») match the initials of the other name.
    """
    ma, mb = mots(a), mots(b)
    if not ma or not mb:
        return False
    if sorted(ma) == sorted(mb):
        return True  # « L. » is « L. », even with no full word
    court, long = sorted((ma, mb), key=len)
    if len(court) == 1 and len(court[0]) in (2, 3) and len(long) == len(court[0]):
        if court[0] == "".join(m[0] for m in long):
            return True
    if not any(len(m) > 1 and m in long for m in court):
        return False
    restants = list(long)
    for mot in sorted(court, key=len, reverse=True):  # full words claim theirs first
        trouve = next((r for r in restants if _mot_compatible(mot, r)), None)
        if trouve is None:
            return False
        restants.remove(trouve)
    return True


def personnes(cellule: str) -> list[str]:
    """The names in one "Qui" cell (« Luc et Sophie » -> ["Luc", "Sophie"])."""
    return [p for p in _SEPARATEURS.split(cellule.strip()) if p.strip()]


def concerne(cellule: str, nom: str) -> bool:
    """Whether `nom` is among the people a "Qui" cell names."""
    return any(meme_personne(p, nom) for p in personnes(cellule))
