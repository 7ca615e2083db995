"""The budget prévisionnel: the standard form (data/budget.toml), totals, balance.

Pure functions over `Budget`; amounts stay exact `Decimal` from the file to the
totals (never a float). A line names its account by `compte`: a code of the
form ("60", "6061", "74-region"...). Lines on a code the form does not know are
kept and listed apart, never dropped.
"""

from __future__ import annotations

try:  # the store's parser: the same code as tomllib, compiled (twice as fast)
    import tomli as tomllib
except ImportError:  # pragma: no cover
    import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from typing import Literal

from coopwizard.models import Budget, LigneBudget
from coopwizard.paths import shipped_data_dir

Cote = Literal["charges", "produits", "emplois_nature", "contributions_nature"]
ZERO = Decimal("0")


@dataclass(frozen=True)
class Poste:
    """One line of the form: an account ("60") or one of its sub-lines ("6061")."""

    code: str
    libelle: str
    compte: str
    """The account it adds up into (its own code for an account)."""
    cote: Cote
    est_compte: bool

    @property
    def titre(self) -> str:
        """"6061 – Fournitures…"; a funder's line shows its account ("74 – Commune(s)"):
        its code ("74-commune") is the file's, never shown to anyone."""
        code = self.code if self.code.isdigit() else self.compte
        return f"{code} – {self.libelle}"


@dataclass(frozen=True)
class Formulaire:
    postes: tuple[Poste, ...]
    """In the form's order: each account followed by its sub-lines."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "_par_code", {p.code: p for p in self.postes})

    def poste(self, code: str) -> Poste | None:
        return self._par_code.get(code.strip())  # type: ignore[attr-defined]

    def comptes(self, cote: Cote | None = None) -> list[Poste]:
        return [p for p in self.postes if p.est_compte and (cote is None or p.cote == cote)]

    def compte_de(self, code: str) -> Poste | None:
        """The account a code adds up into; a PCG sub-account the form does not
        list ("6064") still falls into its two-digit account."""
        poste = self.poste(code)
        if poste is not None:
            return self.poste(poste.compte)
        code = code.strip()
        if len(code) > 2 and code[:2].isdigit():
            parent = self.poste(code[:2])
            if parent is not None and parent.est_compte:
                return parent
        return None


@lru_cache(maxsize=1)
def formulaire() -> Formulaire:
    """The standard budget form, read once from data/budget.toml."""
    with open(shipped_data_dir() / "budget.toml", "rb") as fh:
        raw = tomllib.load(fh)
    postes: list[Poste] = []
    for compte in raw["comptes"]:
        cote = compte["cote"]
        postes.append(Poste(compte["code"], compte["libelle"], compte["code"], cote, True))
        for ligne in compte.get("lignes", []):
            postes.append(Poste(ligne["code"], ligne["libelle"], compte["code"], cote, False))
    return Formulaire(tuple(postes))


def montant(ligne: LigneBudget) -> Decimal:
    return ligne.montant if ligne.montant is not None else ZERO


def realise(ligne: LigneBudget) -> Decimal:
    """What was actually spent or received (0 while nobody filled it in)."""
    return ligne.realise if ligne.realise is not None else ZERO


@dataclass
class Totaux:
    par_compte: dict[str, Decimal] = field(default_factory=dict)
    """Account code ("60") -> sum of its lines, every account of the form present."""
    par_poste: dict[str, Decimal] = field(default_factory=dict)
    charges: Decimal = ZERO
    """Accounts 60 to 68."""
    produits: Decimal = ZERO
    """Accounts 70 to 79."""
    emplois_nature: Decimal = ZERO
    """Account 86."""
    contributions_nature: Decimal = ZERO
    """Account 87."""
    hors_formulaire: list[int] = field(default_factory=list)
    """Indexes of lines whose account the form does not know."""

    @property
    def total_charges(self) -> Decimal:
        """TOTAL DES CHARGES: 60-68 plus 86, as the form's last line."""
        return self.charges + self.emplois_nature

    @property
    def total_produits(self) -> Decimal:
        return self.produits + self.contributions_nature


def totals(budget: Budget | Iterable[LigneBudget]) -> Totaux:
    """Every total of the form, exact to the cent (and beyond: nothing is rounded)."""
    lignes = budget.lignes if isinstance(budget, Budget) else list(budget)
    form = formulaire()
    result = Totaux(par_compte={p.code: ZERO for p in form.comptes()})
    for index, ligne in enumerate(lignes):
        compte = form.compte_de(ligne.compte)
        if compte is None:
            result.hors_formulaire.append(index)
            continue
        value = montant(ligne)
        code = ligne.compte.strip()
        result.par_poste[code] = result.par_poste.get(code, ZERO) + value
        result.par_compte[compte.code] += value
        setattr(result, compte.cote, getattr(result, compte.cote) + value)
    return result


def format_euros(value: Decimal | None) -> str:
    """1250.5 -> "1 250,50 €", written by Babel for fr_FR (narrow no-break space
    between thousands, no-break space before €); two decimals at least, more
    kept as typed (an amount is never rounded behind the user's back)."""
    if value is None:
        return ""
    from babel.numbers import format_currency

    return format_currency(Decimal(value), "EUR", locale="fr_FR", decimal_quantization=False)


def balance_problems(budget: Budget | Iterable[LigneBudget]) -> list[str]:
    """French messages when charges != produits or 86 != 87 (empty list if balanced)."""
    t = totals(budget)
    problems = []
    if t.charges != t.produits:
        manque = "de produits" if t.charges > t.produits else "de charges"
        problems.append(
            f"le budget n'est pas équilibré : charges {format_euros(t.charges)}, "
            f"produits {format_euros(t.produits)} "
            f"(il manque {format_euros(abs(t.charges - t.produits))} {manque})"
        )
    if t.emplois_nature != t.contributions_nature:
        problems.append(
            "les contributions volontaires en nature ne s'équilibrent pas : "
            f"emplois (86) {format_euros(t.emplois_nature)}, "
            f"contributions (87) {format_euros(t.contributions_nature)}"
        )
    return problems


@dataclass
class Apport:
    """What one association brings to, or spends in, the budget."""

    charges: Decimal = ZERO
    produits: Decimal = ZERO
    nature: Decimal = ZERO
    """Contributions volontaires en nature it brings (87)."""


def apports_par_association(budget: Budget | Iterable[LigneBudget]) -> dict[str, Apport]:
    """Association name ("" for lines nobody took) -> its sums, in first-seen order."""
    lignes = budget.lignes if isinstance(budget, Budget) else list(budget)
    form = formulaire()
    result: dict[str, Apport] = {}
    for ligne in lignes:
        compte = form.compte_de(ligne.compte)
        if compte is None:
            continue
        apport = result.setdefault(ligne.association.strip(), Apport())
        if compte.cote == "charges":
            apport.charges += montant(ligne)
        elif compte.cote == "produits":
            apport.produits += montant(ligne)
        elif compte.cote == "contributions_nature":
            apport.nature += montant(ligne)
    return result


@dataclass(frozen=True)
class Rangee:
    """One row of the form's grid (see `grille`)."""

    libelle: str
    """As printed: "60 – Achats", "Commune(s) : Ville de Vitry"; never an internal code."""
    chapitre: bool
    lignes: tuple[LigneBudget, ...] = ()
    """The project's lines this row shows (none: a rubrique to fill in by hand)."""
    detail: tuple[int, ...] = ()
    """For a chapter: the indexes (in the grid) of its rows. Empty: the chapter
    row itself is where its amount goes."""


def _libelle_rubrique(rubrique: str, precision: str) -> str:
    """"Commune(s) : Ville de Vitry"; the line's own label alone when it already
    says the rubrique ("Personnel bénévole (120 h)", "Bénévolat", "Mise à
    disposition gratuite de tables" under "Mise à disposition gratuite de biens")."""
    if not precision:
        return rubrique
    debut = rubrique.split(" (")[0].casefold()
    mots = precision.casefold().split()
    if precision.casefold().startswith(debut) or (
            len(mots) > 3 and mots[:3] == debut.split()[:3]):
        return precision
    return f"{rubrique}\u00a0: {precision}"


def grille(budget: Budget | Iterable[LigneBudget], cote: Cote) -> list[Rangee]:
    """The form's rows for one side, in its order: every chapter, each followed
    by every rubrique (blank when no line is on it, one row per line otherwise),
    then the lines put on the chapter itself or on a sub-account the form does
    not list. Lines on an unknown account are not here (see Totaux.hors_formulaire)."""
    lignes = budget.lignes if isinstance(budget, Budget) else list(budget)
    form = formulaire()
    par_poste: dict[str, list[LigneBudget]] = {}
    for ligne in lignes:
        compte = form.compte_de(ligne.compte)
        if compte is None or compte.cote != cote:
            continue
        poste = form.poste(ligne.compte)
        cle = poste.code if poste is not None and not poste.est_compte else f"{compte.code}*"
        par_poste.setdefault(cle, []).append(ligne)
    rows: list[Rangee] = []
    for compte in form.comptes(cote):
        debut = len(rows)
        rows.append(Rangee(compte.titre, True))
        rubriques = [p for p in form.postes if not p.est_compte and p.compte == compte.code]
        for rubrique in rubriques:
            sur_rubrique = par_poste.get(rubrique.code, [])
            if not sur_rubrique:
                rows.append(Rangee(rubrique.libelle, False))
            for ligne in sur_rubrique:
                libelle = _libelle_rubrique(rubrique.libelle, ligne.libelle.strip())
                rows.append(Rangee(libelle, False, (ligne,)))
        for ligne in par_poste.get(f"{compte.code}*", []):
            rows.append(Rangee(ligne.libelle.strip() or compte.libelle, False, (ligne,)))
        detail = tuple(range(debut + 1, len(rows)))
        lignes_chapitre = tuple(x for i in detail for x in rows[i].lignes)
        rows[debut] = Rangee(compte.titre, True, lignes_chapitre, detail)
    return rows
