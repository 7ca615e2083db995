"""Problems in a project's answers, in French. Never a reason to refuse a file.

`diagnose(projet)` is pure: it reads the answers and lists what looks wrong
(a SIRET that fails its checksum, an end date before its start date...).
Each check is a small function registered in CHECKS, so later features add
theirs without touching the others.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date

from coopwizard.models import Projet
from coopwizard.models.paths import field_label

LA_POSTE_SIREN = "356000000"


@dataclass(frozen=True)
class Probleme:
    """One problem: where (path and French label) and what."""

    chemin: str
    libelle: str
    message: str

    def __str__(self) -> str:
        return f"{self.libelle} : {self.message}"


def _luhn_ok(digits: str) -> bool:
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char)
        if index % 2 == 1:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0


def _digits_only(value: str) -> str:
    return re.sub(r"[\s.\-\u00a0]", "", value)


def siret_problem(value: str) -> str | None:
    """None if `value` is a valid SIRET (14 digits) or SIREN (9 digits)."""
    digits = _digits_only(value)
    if not digits.isdigit() or len(digits) not in (9, 14):
        return "un SIRET compte 14 chiffres (9 pour un SIREN)"
    if len(digits) == 14 and digits.startswith(LA_POSTE_SIREN):
        # La Poste's establishments share one SIREN; their SIRET follows its own rule.
        if _luhn_ok(digits) or sum(int(c) for c in digits) % 5 == 0:
            return None
        return "ce numéro ne passe pas le contrôle des SIRET de La Poste : vérifiez-le"
    if not _luhn_ok(digits):
        kind = "SIRET" if len(digits) == 14 else "SIREN"
        return f"ce numéro ne passe pas le contrôle de validité des {kind} : vérifiez-le"
    return None


_RNA = re.compile(r"^W[0-9][0-9AB]\d{7}$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_PHONE_FR = re.compile(r"^(?:0[1-9]\d{8}|\+33[1-9]\d{8}|0033[1-9]\d{8})$")
_PHONE_INTL = re.compile(r"^\+\d{8,15}$")


def rna_problem(value: str) -> str | None:
    if _RNA.match(value.strip().upper()):
        return None
    return "un numéro RNA s'écrit W suivi de 9 chiffres (par exemple W941234567)"


def email_problem(value: str) -> str | None:
    return None if _EMAIL.match(value.strip()) else "cette adresse de courriel semble incomplète"


def phone_problem(value: str) -> str | None:
    digits = re.sub(r"[\s.\-()\u00a0]", "", value)
    if _PHONE_FR.match(digits) or _PHONE_INTL.match(digits):
        return None
    return "un numéro français compte 10 chiffres (par exemple 01 23 45 67 89)"


def _problem(path: str, message: str) -> Probleme:
    return Probleme(path, field_label(tuple(path.split("."))), message)


def _check_associations(projet: Projet) -> Iterator[Probleme]:
    checks: list[tuple[str, Callable[[str], str | None]]] = [
        ("siret", siret_problem),
        ("rna", rna_problem),
        ("courriel", email_problem),
        ("telephone", phone_problem),
    ]
    for index, association in enumerate(projet.associations):
        for field, check in checks:
            value = getattr(association, field)
            if value.strip():
                message = check(value)
                if message:
                    yield _problem(f"associations.{index}.{field}", message)


def _dates_in_order(
    path_start: str, start: date | None, path_end: str, end: date | None
) -> Iterator[Probleme]:
    if start and end and end < start:
        start_label = field_label(tuple(path_start.split("."))).split(", ")[-1].lower()
        yield _problem(
            path_end,
            f"la date ({end:%d/%m/%Y}) est avant la {start_label} ({start:%d/%m/%Y})",
        )


def _check_dates(projet: Projet) -> Iterator[Probleme]:
    yield from _dates_in_order("date_debut", projet.date_debut, "date_fin", projet.date_fin)
    budget = projet.budget
    yield from _dates_in_order(
        "budget.exercice_debut", budget.exercice_debut, "budget.exercice_fin", budget.exercice_fin
    )
    for index, tache in enumerate(projet.taches):
        yield from _dates_in_order(
            f"taches.{index}.debut", tache.debut, f"taches.{index}.echeance", tache.echeance
        )


CHECKS: list[Callable[[Projet], Iterator[Probleme]]] = [_check_associations, _check_dates]


def diagnose(projet: Projet) -> list[Probleme]:
    """Every problem found in the answers, in the order of the guide."""
    return [probleme for check in CHECKS for probleme in check(projet)]
