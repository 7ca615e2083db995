"""Budget prévisionnel: the standard form, exact totals, balance check."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from coopwizard.budget import (
    apports_par_association,
    balance_problems,
    format_euros,
    formulaire,
    totals,
)
from coopwizard.diagnostics import diagnose
from coopwizard.models import Budget, LigneBudget, Projet


def ligne(compte: str, montant: str | None, association: str = "") -> LigneBudget:
    return LigneBudget(compte=compte, montant=montant, association=association)


def test_form_has_every_account_of_the_standard_budget():
    form = formulaire()
    codes = [p.code for p in form.comptes()]
    assert codes == [
        "60", "61", "62", "63", "64", "65", "66", "67", "68",
        "70", "73", "74", "75", "76", "77", "78", "79", "86", "87",
    ]  # fmt: skip
    funders = [p.libelle for p in form.postes if p.compte == "74" and not p.est_compte]
    # The guide's annex, and the CERFA 12156's intercommunalités and établissements publics.
    for funder in ("État", "Région", "Département", "Intercommunalité", "Commune",
                   "Organismes sociaux", "Fonds européens", "ASP", "établissements publics",
                   "Fondations", "Mécénat", "Autres"):  # fmt: skip
        assert any(funder in label for label in funders), funder
    assert [p.code for p in form.postes if p.compte == "86" and not p.est_compte] == [
        "860", "861", "862", "864",
    ]  # fmt: skip
    assert [p.code for p in form.postes if p.compte == "87" and not p.est_compte] == [
        "870", "871", "875",
    ]  # fmt: skip


def test_sub_lines_add_up_into_their_account():
    budget = Budget(
        lignes=[
            ligne("6061", "100.10"),
            ligne("60", "0.20"),
            ligne("613", "50"),
            ligne("74-region", "1 000,30"),
            ligne("74-commune", "250"),
            ligne("864", "300"),
            ligne("870", "300"),
        ]
    )
    t = totals(budget)
    assert t.par_compte["60"] == Decimal("100.30")
    assert t.par_compte["61"] == Decimal("50")
    assert t.par_compte["74"] == Decimal("1250.30")
    assert t.charges == Decimal("150.30")
    assert t.produits == Decimal("1250.30")
    assert t.emplois_nature == t.contributions_nature == Decimal("300")
    assert t.total_charges == Decimal("450.30")
    assert t.par_poste["74-region"] == Decimal("1000.30")


def test_unknown_account_is_kept_apart_and_diagnosed():
    projet = Projet(budget=Budget(lignes=[ligne("604", "10"), ligne("99", "5"), ligne("", "1")]))
    t = totals(projet.budget)
    assert t.hors_formulaire == [1, 2]
    assert t.charges == Decimal("10")
    chemins = [p.chemin for p in diagnose(projet)]
    assert "budget.lignes.1.compte" in chemins and "budget.lignes.2.compte" in chemins


def test_pcg_sub_account_not_listed_still_counts_in_its_account():
    assert totals([ligne("6064", "12")]).par_compte["60"] == Decimal("12")


def test_balance_problems_in_french():
    unbalanced = Budget(lignes=[ligne("604", "1250.50"), ligne("74-etat", "1000")])
    (message,) = balance_problems(unbalanced)
    assert "n'est pas équilibré" in message
    assert "250,50\u00a0€" in message and "de produits" in message
    nature = Budget(lignes=[ligne("864", "10")])
    (message,) = balance_problems(nature)
    assert "86" in message and "87" in message
    assert balance_problems(Budget()) == []
    projet = Projet(budget=unbalanced)
    assert any(p.chemin == "budget.lignes" for p in diagnose(projet))


def test_balanced_budget_has_no_problem():
    projet = Projet(
        budget=Budget(
            lignes=[ligne("604", "0.10"), ligne("613", "0.20"), ligne("74-etat", "0.30")]
        )
    )
    assert balance_problems(projet.budget) == []  # 0.1 + 0.2 == 0.3 exactly
    assert not [p for p in diagnose(projet) if p.chemin.startswith("budget")]


def test_apports_par_association():
    budget = Budget(
        lignes=[
            ligne("604", "100", "Asso X"),
            ligne("706", "40", "Asso X"),
            ligne("870", "25", "Asso Y"),
            ligne("74-commune", "60", "Asso Y"),
        ]
    )
    apports = apports_par_association(budget)
    assert list(apports) == ["Asso X", "Asso Y"]
    assert apports["Asso X"].charges == Decimal("100")
    assert apports["Asso X"].produits == Decimal("40")
    assert apports["Asso Y"].produits == Decimal("60")
    assert apports["Asso Y"].nature == Decimal("25")


def test_format_euros_is_babel_fr_fr_with_no_break_spaces():
    # Thousands: narrow no-break space (U+202F); before €: no-break space (U+00A0).
    assert format_euros(Decimal("1250.5")) == "1\u202f250,50\u00a0€"
    assert format_euros(Decimal("0")) == "0,00\u00a0€"
    assert format_euros(Decimal("-1234567.891")) == "-1\u202f234\u202f567,891\u00a0€"
    assert format_euros(Decimal("12")) == "12,00\u00a0€"
    assert format_euros(None) == ""
    assert " " not in format_euros(Decimal("1234567.5"))  # a line never breaks inside


cents = st.decimals(min_value=0, max_value=10**7, places=2, allow_nan=False, allow_infinity=False)


@given(st.lists(cents, max_size=40))
def test_mirrored_budget_always_balances_exactly(amounts):
    """Charges and produits of the same random amounts give equal, exact totals."""
    lignes = [ligne("604", str(a)) for a in amounts] + [ligne("74-region", str(a)) for a in amounts]
    t = totals(lignes)
    assert t.charges == t.produits == sum(amounts, Decimal(0))
    assert balance_problems(lignes) == []


@given(st.lists(cents, min_size=1, max_size=30), cents.filter(lambda d: d > 0))
def test_one_cent_off_is_reported(amounts, extra):
    lignes = [ligne("613", str(a)) for a in amounts] + [ligne("706", str(a)) for a in amounts]
    lignes.append(ligne("870", str(extra)))
    (message,) = balance_problems(lignes)
    assert "(87)" in message


@given(st.lists(st.tuples(st.sampled_from(["604", "6061", "611", "641", "68"]), cents)))
def test_total_charges_is_the_sum_of_accounts(lines):
    t = totals([ligne(c, str(a)) for c, a in lines])
    charges_accounts = [p.code for p in formulaire().comptes("charges")]
    assert t.charges == sum((t.par_compte[c] for c in charges_accounts), Decimal(0))
    assert t.charges == sum((a for _, a in lines), Decimal(0))
