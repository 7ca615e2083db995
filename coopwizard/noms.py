"""Loose matching of people's names, as volunteers type them.

The same person is « Aïcha Benali » in the collectif, « aicha » in one task,
« A. Benali » or « Mme Benali » in another. A rule that compares names must see
one person there, not four. Pure functions, no UI.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from functools import lru_cache

CIVILITES = frozenset({"m", "mme", "mlle", "mr", "monsieur", "madame", "mademoiselle", "dr"})
# Several people in one "Qui" cell: « Luc et Sophie », « Luc, Sophie », « Luc / Sophie ».
_SEPARATEURS = re.compile(r"\s*(?:[,;/&+]|\bet\b)\s*", re.IGNORECASE)


def sans_accents(texte: str) -> str:
    decompose = unicodedata.normalize("NFKD", texte)
    return "".join(c for c in decompose if not unicodedata.combining(c))


@lru_cache(maxsize=8192)  # the same few names, compared thousands of times on a big planning
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
    return _meme_mots(mots(a), mots(b))


def _meme_mots(ma: tuple[str, ...], mb: tuple[str, ...]) -> bool:
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


class Repertoire:
    """Names indexed by their words, to find who may be the same person as a name
    without comparing it with every one (2,000 tasks and 200 names on a big project).

    Only a shortcut: a match found here is one `meme_personne` confirms. Two names can
    match only if they share a word, or if one is initials run together (« MD ») and the
    other has that many words; every other pair is skipped unseen.
    """

    def __init__(self) -> None:
        self._par_mot: dict[str, set[tuple[str, ...]]] = defaultdict(set)
        self._sigles: dict[int, set[tuple[str, ...]]] = defaultdict(set)  # « MD »: by length
        self._par_taille: dict[int, set[tuple[str, ...]]] = defaultdict(set)  # by word count
        self._noms: dict[tuple[str, ...], list[str]] = {}

    def ajouter(self, nom: str) -> None:
        m = mots(nom)
        if not m:
            return  # « M. » alone names nobody
        if m not in self._noms:
            self._noms[m] = []
            for mot in m:
                self._par_mot[mot].add(m)
            if len(m) == 1 and len(m[0]) in (2, 3):
                self._sigles[len(m[0])].add(m)
            self._par_taille[len(m)].add(m)
        self._noms[m].append(nom)

    def _possibles(self, m: tuple[str, ...]) -> set[tuple[str, ...]]:
        possibles: set[tuple[str, ...]] = set()
        for mot in set(m):
            possibles |= self._par_mot.get(mot, set())
        if len(m) in (2, 3):
            possibles |= self._sigles.get(len(m), set())
        if len(m) == 1 and len(m[0]) in (2, 3):
            possibles |= self._par_taille.get(len(m[0]), set())
        return possibles

    def memes(self, nom: str) -> list[str]:
        """The names added that `meme_personne(added, nom)` says are the same person."""
        m = mots(nom)
        if not m:
            return []
        return [n for p in self._possibles(m) if _meme_mots(p, m) for n in self._noms[p]]

    def connu(self, nom: str) -> bool:
        """Whether `meme_personne(nom, added)` holds for some name added."""
        m = mots(nom)
        return bool(m) and any(_meme_mots(m, p) for p in self._possibles(m))


class _Cellules:
    """"Qui" cells indexed by the people they name (see Repertoire)."""

    def __init__(self, cellules: Iterable[str]) -> None:
        self.combien = Counter(cellules)
        self.repertoire = Repertoire()
        self.cellules_de: dict[str, set[str]] = defaultdict(set)
        for cellule in self.combien:
            for personne in personnes(cellule):
                self.repertoire.ajouter(personne)
                self.cellules_de[personne].add(cellule)

    def _total(self, personnes_: Iterable[str]) -> int:
        touchees = {c for p in personnes_ for c in self.cellules_de[p]}
        return sum(self.combien[c] for c in touchees)

    def compte(self, nom: str) -> int:
        return self._total(self.repertoire.memes(nom))

    def au_plus(self, nom: str) -> int:
        """A bound on `compte(nom)`, without comparing names: the cells sharing a word."""
        r = self.repertoire
        return self._total(n for p in r._possibles(mots(nom)) for n in r._noms[p])


def compter(cellules: Iterable[str], noms: Iterable[str]) -> list[int]:
    """For each name, how many "Qui" cells concern it: `sum(concerne(c, nom) for c in
    cellules)` for each, without comparing every name with every cell."""
    index = _Cellules(cellules)
    return [index.compte(nom) for nom in noms]


def premier_au_dela(cellules: Iterable[str], noms: Iterable[str],
                    seuil: float) -> tuple[str, int] | None:
    """The first name that more than `seuil` cells concern, with their number (as
    `compter` counts them); None if no one. A name whose cells sharing a word with it are
    too few is passed over without a single comparison."""
    index = _Cellules(cellules)
    for nom in noms:
        if index.au_plus(nom) > seuil:
            n = index.compte(nom)
            if n > seuil:
                return nom, n
    return None
