"""Diagnostics: SIRET/SIREN (Luhn and La Poste's rule), RNA, email, phone, dates."""

from __future__ import annotations

import pytest

from coopwizard.diagnostics import (
    diagnose,
    email_problem,
    phone_problem,
    rna_problem,
    siret_problem,
)
from coopwizard.models import Association, Projet, Tache

# Real, published numbers.
VALID_SIRETS = [
    "73282932000074",  # Apple France
    "443 061 841 00047",  # Google France, with spaces as often typed
    "35600000000048",  # La Poste, head office (also Luhn-valid)
    "35600000049837",  # a La Poste establishment: digit sum multiple of 5, not Luhn
    "356000000",  # La Poste's SIREN
    "732829320",  # a SIREN
]
INVALID_SIRETS = [
    "73282932000075",  # last digit changed
    "35600000049838",  # La Poste establishment with a wrong digit
    "12345",
    "7328293200007A",
    "443061842",  # SIREN with a wrong check digit
]


@pytest.mark.parametrize("value", VALID_SIRETS)
def test_valid_siret(value):
    assert siret_problem(value) is None


@pytest.mark.parametrize("value", INVALID_SIRETS)
def test_invalid_siret(value):
    assert siret_problem(value)


def test_la_poste_rule_is_not_plain_luhn():
    # The La Poste number fails Luhn: only its own rule accepts it.
    from stdnum import luhn

    assert not luhn.is_valid("35600000049837")
    assert siret_problem("35600000049837") is None


@pytest.mark.parametrize(
    ("value", "ok"),
    [("W941234567", True), ("w941234567", True), ("W2A1000001", True), ("W94123456", False),
     ("941234567", False)],
)
def test_rna(value, ok):
    assert (rna_problem(value) is None) is ok


@pytest.mark.parametrize(
    ("value", "ok"),
    [("contact@asso.fr", True), ("contact@asso", False), ("contact asso.fr", False)],
)
def test_email(value, ok):
    assert (email_problem(value) is None) is ok


@pytest.mark.parametrize(
    ("value", "ok"),
    [("01 45 73 12 34", True), ("06.12.34.56.78", True), ("+33 6 12 34 56 78", True),
     ("0033612345678", True), ("+44 20 7946 0958", True), ("12 34", False), ("0012", False)],
)
def test_phone(value, ok):
    assert (phone_problem(value) is None) is ok


def test_diagnose_names_fields_as_the_user_knows_them():
    projet = Projet(
        date_debut="01/06/2026",
        date_fin="01/05/2026",
        associations=[Association(nom="A"), Association(siret="73282932000075", rna="X1")],
        taches=[Tache(debut="10/01/2027", echeance="01/01/2027")],
    )
    messages = [str(p) for p in diagnose(projet)]
    assert any(m.startswith("Association 2, SIRET :") for m in messages)
    assert any(m.startswith("Association 2, Numéro RNA :") for m in messages)
    assert any(m.startswith("Date de fin :") and "01/05/2026" in m for m in messages)
    assert any(m.startswith("Tâche 1, Échéance :") for m in messages)
    paths = {p.chemin for p in diagnose(projet)}
    assert {"associations.1.siret", "associations.1.rna", "date_fin", "taches.0.echeance"} <= paths


def test_empty_fields_are_not_problems():
    assert diagnose(Projet(associations=[Association()])) == []


def test_problems_never_prevent_saving(tmp_path):
    from coopwizard import store

    projet = Projet(associations=[Association(siret="123")])
    store.save(projet, tmp_path / "p.toml")
    assert store.load(tmp_path / "p.toml").associations[0].siret == "123"
