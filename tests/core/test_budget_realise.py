"""Issue 12: the amount actually spent or received on a budget line (`realise`):
old files without it load and save unchanged, a bad value is told in French, and
two partners' versions merge it field by field."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import tomli

from coopwizard import store
from coopwizard.merge import merge
from coopwizard.models import Projet
from coopwizard.paths import example_project_file
from coopwizard.store.rapport import kept_values

FIXTURES = Path(__file__).parent.parent / "fixtures"


def test_files_written_before_the_realise_field_load_and_save_without_it(tmp_path):
    for source in (example_project_file(), FIXTURES / "projet-format-1.toml"):
        projet = store.load(source)
        assert all(ligne.realise is None for ligne in projet.budget.lignes)
        texte = store.dumps(projet)
        assert "realise" not in texte
    exemple = store.load(example_project_file())
    assert exemple.budget.lignes  # the example has a budget: the check above means something


def test_a_realise_typed_by_hand_is_read_the_french_way():
    projet = store.loads('[[budget.lignes]]\ncompte = "74-commune"\nmontant = "700"\n'
                         'realise = "1 050,50"\n')
    assert projet.budget.lignes[0].realise == Decimal("1050.50")
    again = store.loads(store.dumps(projet))
    assert again.budget.lignes[0].realise == Decimal("1050.50")


def test_a_wrong_realise_is_named_as_the_user_knows_it_and_the_rest_is_kept():
    text = '[[budget.lignes]]\ncompte = "613"\nmontant = "220"\nrealise = "presque tout"\n'
    projet = store.loads(text)
    message = "\n".join(str(p) for _, p in kept_values(projet))
    assert "Budget prévisionnel, Ligne 1, Réalisé : doit être un montant en euros" in message
    assert projet.budget.lignes[0].montant == Decimal("220")


def _versions() -> tuple[Projet, Projet, Projet]:
    base = store.load(example_project_file())
    ours, theirs = base.model_copy(deep=True), base.model_copy(deep=True)
    theirs.enregistrement.par = "Ahmed"
    return base, ours, theirs


def test_realise_on_one_side_and_montant_on_the_other_are_both_kept():
    base, ours, theirs = _versions()
    ours.budget.lignes[0].realise = Decimal("512.30")  # the treasurer's receipts
    theirs.budget.lignes[0].montant = Decimal("480")  # the plan revised elsewhere
    theirs.budget.lignes[2].realise = Decimal("250")
    result = merge(base, ours, theirs)
    assert result.conflicts == []
    merged = result.projet()
    assert merged.budget.lignes[0].realise == Decimal("512.30")
    assert merged.budget.lignes[0].montant == Decimal("480")
    assert merged.budget.lignes[2].realise == Decimal("250")
    assert any(c.libelle.endswith("Réalisé") for c in result.changes)
    saved = tomli.loads(store.dumps(merged))["budget"]["lignes"]
    assert saved[0]["realise"] == "512.30" and "realise" not in saved[1]


def test_two_different_realise_amounts_are_a_conflict_keeping_both():
    base, ours, theirs = _versions()
    ours.budget.lignes[0].realise = Decimal("512.30")
    theirs.budget.lignes[0].realise = Decimal("498")
    result = merge(base, ours, theirs)
    (conflit,) = result.conflicts
    assert conflit.champ.endswith(".realise")
    assert {str(conflit.notre_valeur), str(conflit.leur_valeur)} == {"512.30", "498"}
    assert result.projet().budget.lignes[0].realise == Decimal("512.30")  # ours, until decided
