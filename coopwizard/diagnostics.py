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

from coopwizard.models import Projet, Tache
from coopwizard.models.paths import field_label

LA_POSTE_SIREN = "356000000"


@dataclass(frozen=True)
class Probleme:
    """One problem: where (path and French label) and what."""

    chemin: str
    libelle: str
    message: str
    ligne: int | None = None
    """Line in the project file, when `check` could place it."""

    def __str__(self) -> str:
        where = f"ligne {self.ligne} : " if self.ligne is not None else ""
        return f"{where}{self.libelle} : {self.message}"


def _digits_only(value: str) -> str:
    return re.sub(r"[\s.\-\u00a0\u202f]", "", value)


def siret_problem(value: str) -> str | None:
    """None if `value` is a valid SIRET (14 digits) or SIREN (9 digits).

    The checks are python-stdnum's (Luhn, and La Poste's own rule for its
    establishments), imported here so that starting `check` stays fast.
    """
    from stdnum.exceptions import InvalidChecksum, ValidationError
    from stdnum.fr import siren, siret

    digits = _digits_only(value)
    if not digits.isdigit() or len(digits) not in (9, 14):
        return "un SIRET compte 14 chiffres (9 pour un SIREN)"
    module, kind = (siret, "SIRET") if len(digits) == 14 else (siren, "SIREN")
    try:
        module.validate(digits)
    except InvalidChecksum:
        if kind == "SIRET" and digits.startswith(LA_POSTE_SIREN):
            return "ce numéro ne passe pas le contrôle des SIRET de La Poste : vérifiez-le"
        return f"ce numéro ne passe pas le contrôle de validité des {kind} : vérifiez-le"
    except ValidationError:
        return f"ce numéro ne passe pas le contrôle de validité des {kind} : vérifiez-le"
    return None


_RNA = re.compile(r"^W[0-9][0-9AB]\d{7}$")


def rna_problem(value: str) -> str | None:
    if _RNA.match(value.strip().upper()):
        return None
    return "un numéro RNA s'écrit W suivi de 9 chiffres (par exemple W941234567)"


def email_problem(value: str) -> str | None:
    """Syntax only (email-validator, imported here): never a network look-up."""
    from coopwizard.prefiltres import courriel_ordinaire

    if courriel_ordinaire(value):  # what the library would accept, without importing it
        return None
    from email_validator import EmailNotValidError, validate_email

    try:
        validate_email(value.strip(), check_deliverability=False)
    except EmailNotValidError:
        return "cette adresse de courriel semble incomplète ou mal écrite"
    return None


def _numero(value: str):
    """The parsed phone number (phonenumbers, imported here), or None."""
    import phonenumbers

    try:
        numero = phonenumbers.parse(value, "FR")  # « 01 23... » is French by default
    except phonenumbers.NumberParseException:
        return None
    return numero if phonenumbers.is_valid_number(numero) else None


def phone_problem(value: str) -> str | None:
    from coopwizard.prefiltres import telephone_ordinaire

    if telephone_ordinaire(value) or _numero(value) is not None:  # the library if unusual
        return None
    return "un numéro français compte 10 chiffres (par exemple 01 23 45 67 89)"


def format_telephone(value: str) -> str:
    """« 0145731234 » -> « 01 45 73 12 34 »; a foreign number in its international
    form; anything unreadable is left as the user typed it."""
    import phonenumbers

    numero = _numero(value)
    if numero is None:
        return value
    fmt = (phonenumbers.PhoneNumberFormat.NATIONAL if numero.country_code == 33
           else phonenumbers.PhoneNumberFormat.INTERNATIONAL)
    return phonenumbers.format_number(numero, fmt)


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
        yield _problem(path_end, f"la fin ({end:%d/%m/%Y}) est avant le début ({start:%d/%m/%Y})")


def problemes_tache(tache: Tache, projet: Projet) -> list[tuple[str, str]]:
    """(field, message) for a task's dates: the end before the start, a date outside the
    project's dates. The record editor shows them in the row and the form, `check` too."""
    found: list[tuple[str, str]] = []
    if tache.debut and tache.echeance and tache.echeance < tache.debut:
        found.append(("echeance", (f"l'échéance ({tache.echeance:%d/%m/%Y}) est avant le "
                                   f"début ({tache.debut:%d/%m/%Y})")))
    for field, quand in (("debut", tache.debut), ("echeance", tache.echeance)):
        if quand is None:
            continue
        if projet.date_debut and quand < projet.date_debut:
            found.append((field, (f"le {quand:%d/%m/%Y} est avant le début du projet "
                                  f"({projet.date_debut:%d/%m/%Y})")))
        elif projet.date_fin and quand > projet.date_fin:
            found.append((field, (f"le {quand:%d/%m/%Y} est après la fin du projet "
                                  f"({projet.date_fin:%d/%m/%Y})")))
    return found


def _check_dates(projet: Projet) -> Iterator[Probleme]:
    yield from _dates_in_order("date_debut", projet.date_debut, "date_fin", projet.date_fin)
    budget = projet.budget
    yield from _dates_in_order(
        "budget.exercice_debut", budget.exercice_debut, "budget.exercice_fin", budget.exercice_fin
    )
    for index, tache in enumerate(projet.taches):
        for field, message in problemes_tache(tache, projet):
            yield _problem(f"taches.{index}.{field}", message)


CHECKS: list[Callable[[Projet], Iterator[Probleme]]] = [_check_associations, _check_dates]

# --- The structured parts (issue 5): group, planning, budget, means, evaluation.
TAILLE_MAX_COLLECTIF = 10  # the guide: 8 to 10 people at most


def _check_collectif(projet: Projet) -> Iterator[Probleme]:
    collectif = projet.collectif
    membres = [m for m in collectif.membres if m.nom.strip()]
    if len(membres) > TAILLE_MAX_COLLECTIF:
        yield _problem(
            "collectif.membres",
            f"{len(membres)} membres : le guide conseille un collectif de 8 à 10 personnes "
            "au plus pour rester efficace",
        )
    if len(membres) >= 2 and not collectif.coordinateur.strip():
        yield _problem(
            "collectif.coordinateur",
            "personne n'est désigné pour coordonner le collectif",
        )
    from coopwizard.noms import concerne  # « Aïcha » and « Mme Benali » alike

    coordinateur = collectif.coordinateur.strip()
    attribuees = [t for t in projet.taches if t.responsable.strip()]
    if coordinateur and len(attribuees) >= 3 and all(
        concerne(t.responsable, coordinateur) for t in attribuees
    ):
        yield _problem(
            "collectif.coordinateur",
            "le coordinateur porte toutes les tâches du planning : pensez à en déléguer",
        )


def _check_planning(projet: Projet) -> Iterator[Probleme]:
    from coopwizard.planning import today  # late import: planning imports models too

    jour = today()
    for index, tache in enumerate(projet.taches):
        if tache.en_retard(jour) and tache.echeance is not None:
            nom = f"« {tache.intitule} » " if tache.intitule.strip() else ""
            yield _problem(
                f"taches.{index}.echeance",
                f"tâche {nom}en retard : l'échéance était le {tache.echeance:%d/%m/%Y}",
            )


def _check_budget(projet: Projet) -> Iterator[Probleme]:
    from coopwizard.budget import balance_problems, totals

    lignes = projet.budget.lignes
    for index in totals(lignes).hors_formulaire:
        compte = lignes[index].compte.strip()
        message = (
            f"le compte « {compte} » ne figure pas dans le budget type"
            if compte
            else "choisissez le compte de cette ligne (60 à 68, 70 à 79, 86 ou 87)"
        )
        yield _problem(f"budget.lignes.{index}.compte", message)
    for message in balance_problems(lignes):
        yield Probleme("budget.lignes", "Budget prévisionnel", message)


def _check_moyens(projet: Projet) -> Iterator[Probleme]:
    for index, besoin in enumerate(projet.moyens.besoins):
        if besoin.a_trouver and not besoin.piste.strip():
            yield _problem(
                f"moyens.besoins.{index}.piste",
                "ce besoin est encore à trouver : notez auprès de qui le chercher",
            )


def _check_indicateurs(projet: Projet) -> Iterator[Probleme]:
    for index, indicateur in enumerate(projet.evaluation.indicateurs):
        if (indicateur.indicateur.strip() or indicateur.objectif.strip()) and not (
            indicateur.cible.strip()
        ):
            yield _problem(
                f"evaluation.indicateurs.{index}.cible",
                "fixez une cible pour pouvoir comparer le prévu et le réalisé",
            )


CHECKS += [_check_collectif, _check_planning, _check_budget, _check_moyens, _check_indicateurs]


def _check_kept_values(projet: Projet) -> Iterator[Probleme]:
    """Hand-written values the schema refused (`statut = "Fait"`), kept as written."""
    from coopwizard.store.rapport import kept_values  # late: it imports this module

    for _, probleme in kept_values(projet):
        yield probleme


CHECKS.insert(0, _check_kept_values)  # first: they are what the user wrote wrong


def _check_conflits(projet: Projet) -> Iterator[Probleme]:
    """Fields two versions changed differently (issue 11): both kept until someone decides."""
    if not projet.conflits:
        return
    from coopwizard.conflits import Libelles, decrire, libelle_conflit

    nommer = Libelles(projet)
    for index, conflit in enumerate(projet.conflits):
        yield Probleme(f"conflits.{index}", libelle_conflit(conflit, nommer), decrire(conflit))


CHECKS.insert(0, _check_conflits)  # first of all: two partners disagree


def diagnose(projet: Projet) -> list[Probleme]:
    """Every problem found in the answers, in the order of the guide."""
    return [probleme for check in CHECKS for probleme in check(projet)]
