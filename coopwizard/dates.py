"""French dates: the one parser of typed dates, saying in French why a text is not one.

`parse` is used by the model (a date written in the project file), by the
wizard's date questions (while the user types) and by the record forms. It
never guesses: a text becomes a date only when it is a whole, existing date.

Accepted: 31/12/2026, 1/9/2026, 01.09.2026, 01-09-2026 (day, month, year of
four digits) and 2026-09-01, 2026-9-1 (year first). A two-digit year
(05/09/26) is refused with a suggestion rather than taken for 2026: while a
user types 05/09/2026 the field holds 05/09/20 for a moment, and taking that
for 2020 would save a date nobody meant.

`parse` returns (date, None) for a date, (None, None) for an empty text, and
(None, message) otherwise. The message is `INCOMPLETE` while the text can
still become a date (05/0, 2026), and names the problem once it cannot
(« le 31 février n'existe pas », « le mois 13 n'existe pas »).
"""

from __future__ import annotations

import calendar
import re
from datetime import date, datetime

__all__ = ["ANNEE_ENTIERE", "INCOMPLETE", "MOIS", "date_longue", "horodatage", "parse"]

MOIS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
        "septembre", "octobre", "novembre", "décembre")
JOURS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")

EXEMPLE = "jj/mm/aaaa, par exemple 31/05/2026"
INCOMPLETE = f"date incomplète : écrivez-la {EXEMPLE}"
ANNEE_ENTIERE = "écrivez l'année en entier"  # how the message on a two-digit year starts

_SEPARATEURS = re.compile(r"\s*[/.\-]\s*")
_PERMIS = re.compile(r"[0-9/.\-]*")
_MAX_SHOWN = 24


def _pas_une_date(texte: str) -> str:
    shown = texte if len(texte) <= _MAX_SHOWN else texte[:_MAX_SHOWN] + "…"
    return f"« {shown} » n'est pas une date : écrivez-la {EXEMPLE}"


def _candidats(chiffres: str, termine: bool, maxi: int) -> set[int]:
    """The values (1..maxi) this part can still end up as, from what is typed of it."""
    if not chiffres:
        return set(range(1, maxi + 1))
    if len(chiffres) > 2:
        return set()
    if termine or len(chiffres) == 2:
        n = int(chiffres)
        return {n} if 1 <= n <= maxi else set()
    return {v for v in range(1, maxi + 1)
            if str(v).startswith(chiffres) or f"{v:02d}".startswith(chiffres)}


def _jours_max(mois: int, bissextile: bool) -> int:
    return 29 if mois == 2 and bissextile else calendar.monthrange(2027, mois)[1]


def _probleme(jours: set[int], mois: set[int], jour_tape: str, mois_tape: str,
              annee: int | None, bissextile: bool) -> str | None:
    """Why no (day, month) typed so far can exist, or None if one can."""
    if not jours:
        n = int(jour_tape)
        if n == 0:
            return "le jour 0 n'existe pas : les jours vont de 1 à 31"
        return f"le jour {n} n'existe pas : un mois a au plus 31 jours"
    if not mois:
        return f"le mois {int(mois_tape)} n'existe pas : les mois vont de 01 à 12"
    if any(j <= _jours_max(m, bissextile) for j in jours for m in mois):
        return None
    j, m = min(jours), min(mois)
    nom = MOIS[m - 1]
    if m == 2 and j == 29 and annee is not None:
        return f"le 29 février {annee} n'existe pas : {annee} n'est pas bissextile"
    if m == 2:
        return (f"le {j} février n'existe pas : février n'a que 28 jours "
                "(29 les années bissextiles)")
    return f"le {j} {nom} n'existe pas : {nom} n'a que {_jours_max(m, False)} jours"


def _annee_entiere(jour: int, mois: int, deux_chiffres: str) -> str:
    """05/09/26 -> the message suggesting 05/09/2026 (the century nearest to today)."""
    courante = date.today().year
    siecles = (courante // 100 * 100 + d for d in (-100, 0, 100))
    annee = min((s + int(deux_chiffres) for s in siecles), key=lambda a: abs(a - courante))
    try:
        date(annee, mois, jour)
    except ValueError:
        return f"{ANNEE_ENTIERE}, sur quatre chiffres"
    return f"{ANNEE_ENTIERE} : {jour:02d}/{mois:02d}/{annee} ?"


def parse(texte: str) -> tuple[date | None, str | None]:
    """A typed date -> (date, None), (None, None) if empty, or (None, French reason)."""
    s = _SEPARATEURS.sub(lambda m: m.group().strip(), texte.strip())
    if not s:
        return None, None
    if not _PERMIS.fullmatch(s):
        return None, _pas_une_date(s)
    parts = re.split(r"[/.\-]", s)
    if len(parts) > 3 or any(p == "" for p in parts[:-1]):
        return None, _pas_une_date(s)
    # 2026-09-01: the year comes first. Two digits alone are a day (the fields say
    # jj/mm/aaaa), so "32" is « le jour 32 n'existe pas », not the start of year 3200.
    iso = len(parts[0]) > 2
    n = len(parts)
    if iso:
        annee_tapee, mois_tape, jour_tape = (parts + ["", ""])[:3]
        if len(annee_tapee) > 4 or (n > 1 and len(annee_tapee) < 4):
            return None, _pas_une_date(s)
        complet = n == 3 and jour_tape != ""
        annee_connue = n > 1
        mois_fini, jour_fini = n > 2 or complet, complet
    else:
        jour_tape, mois_tape, annee_tapee = (parts + ["", ""])[:3]
        if len(annee_tapee) > 4:
            return None, (f"l'année {annee_tapee} a trop de chiffres : écrivez-la sur quatre, "
                          "par exemple 2026")
        complet = n == 3 and len(annee_tapee) == 4
        annee_connue = complet
        jour_fini, mois_fini = n > 1, n > 2
    annee = int(annee_tapee) if annee_connue else None
    if annee == 0:
        return None, "l'année 0 n'existe pas"
    # An unknown year can still be a leap year (any ten years hold one).
    bissextile = calendar.isleap(annee) if annee is not None else True
    jours = _candidats(jour_tape, jour_fini, 31)
    mois = _candidats(mois_tape, mois_fini, 12)
    probleme = _probleme(jours, mois, jour_tape, mois_tape, annee, bissextile)
    if probleme is not None:
        return None, probleme
    if complet:
        assert annee is not None
        return date(annee, int(mois_tape), int(jour_tape)), None
    if not iso and n == 3 and len(annee_tapee) == 2 and len(jours) == len(mois) == 1:
        return None, _annee_entiere(jours.pop(), mois.pop(), annee_tapee)
    return None, INCOMPLETE


def _jour(n: int) -> str:
    return "1er" if n == 1 else str(n)


def date_longue(valeur: date) -> str:
    """date(2026, 12, 1) -> "mardi 1er décembre 2026"."""
    return f"{JOURS[valeur.weekday()]} {_jour(valeur.day)} {MOIS[valeur.month - 1]} {valeur.year}"


def horodatage(moment: datetime) -> str:
    """A file's time, the French way: "mardi 1er décembre 2026 à 10 h 05"."""
    heure = f"{moment.hour} h {moment.minute:02d}" if moment.minute else f"{moment.hour} h"
    return f"{date_longue(moment.date())} à {heure}"
