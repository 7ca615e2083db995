"""The store: load / save / migrate one TOML file."""

from __future__ import annotations

import tomllib
from decimal import Decimal

import pytest

from coopwizard import store
from tests.sans_ids import sans_ids
from coopwizard.models import SCHEMA_VERSION, Association, LigneBudget, Projet
from tests.conftest import FIXTURES


def test_empty_project_is_valid_and_saves(tmp_path):
    path = tmp_path / "vide.toml"
    store.save(Projet(), path)
    assert path.read_text(encoding="utf-8") == f"schema_version = {SCHEMA_VERSION}\n"
    assert store.load(path) == Projet()


def test_example_project_loads_and_round_trips(example_copy):
    projet = store.load(example_copy)
    assert len(projet.associations) == 3
    assert store.loads(store.dumps(projet)) == projet


def test_long_answers_are_multiline_strings_and_money_exact(tmp_path):
    projet = Projet(nom="Fête")
    projet.conception.objectifs = "Premier objectif.\nSecond objectif."
    projet.budget.lignes.append(LigneBudget(compte="60", montant="0.10"))
    projet.budget.lignes.append(LigneBudget(compte="60", montant="1 250,20 €"))
    text = store.dumps(projet)
    assert 'objectifs = """\nPremier objectif.\nSecond objectif."""' in text
    data = tomllib.loads(text)
    assert [line["montant"] for line in data["budget"]["lignes"]] == ["0.10", "1250.20"]
    montants = [line.montant for line in store.loads(text).budget.lignes]
    assert sum(montants) == Decimal("1250.30")


def test_migration_from_format_1():
    projet = store.load(FIXTURES / "projet-format-1.toml")
    assert projet.schema_version == SCHEMA_VERSION
    assert projet.nom == "Fête du vent"
    assert [a.nom for a in projet.associations] == ["Comité des fêtes", "Club de cerfs-volants"]
    assert projet.associations[0].role == "porteur"
    assert projet.conception.objectifs.startswith("Une journée")


def test_migrated_file_is_saved_in_current_format(tmp_path):
    projet = store.load(FIXTURES / "projet-format-1.toml")
    path = tmp_path / "migre.toml"
    store.save(projet, path)
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    assert data["schema_version"] == SCHEMA_VERSION
    assert "titre" not in data and "partenaires" not in data
    assert data["nom"] == "Fête du vent"


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("nom = \n", "ligne 1"),
        ('nom = "a"\n\n[conception\n', "ligne 3"),
        ("schema_version = 99\n", "version plus récente"),
    ],
)
def test_unreadable_file_gives_french_message_and_is_untouched(tmp_path, content, expected):
    path = tmp_path / "casse.toml"
    path.write_text(content, encoding="utf-8")
    before = path.read_bytes()
    with pytest.raises(store.ProjectFileError) as err:
        store.load(path)
    assert expected in str(err.value)
    assert path.read_bytes() == before


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ('[[associations]]\nnom = "A"\n[[associations]]\nsiret = 123\n', "Association 2, SIRET"),
        ("[budget]\nlignes = [{ montant = \"douze\" }]\n", "Budget prévisionnel, Ligne 1, Montant"),
        ('[[taches]]\nstatut = "fini"\n', "Tâche 1, Statut"),
        ('date_debut = "hier"\n', "Date de début"),
    ],
)
def test_wrong_type_opens_is_reported_and_kept(tmp_path, content, expected):
    # Issue 10 replaced the refusal: the file opens, the value is named and kept.
    from coopwizard.diagnostics import diagnose

    path = tmp_path / "main.toml"
    path.write_text(content, encoding="utf-8")
    projet = store.load(path)
    assert any(str(p).startswith(expected) for p in diagnose(projet))
    store.save(projet, path)
    assert sans_ids(tomllib.loads(path.read_text(encoding="utf-8"))) == {
        "schema_version": SCHEMA_VERSION, **tomllib.loads(content)}


def test_unknown_keys_are_kept(tmp_path):
    path = tmp_path / "extra.toml"
    path.write_text('nom = "A"\nnote_perso = "à garder"\n', encoding="utf-8")
    projet = store.load(path)
    store.save(projet, path)
    assert 'note_perso = "à garder"' in path.read_text(encoding="utf-8")


def test_backup_is_made_only_when_asked(tmp_path):
    path = tmp_path / "p.toml"
    store.save(Projet(nom="v1"), path)
    store.save(Projet(nom="v2"), path, make_backup=True)
    assert store.load(store.backup_path(path)).nom == "v1"
    store.save(Projet(nom="v3"), path)
    assert store.load(store.backup_path(path)).nom == "v1"
    assert store.load(path).nom == "v3"


def test_french_dates_are_accepted():
    projet = Projet(date_debut="31/12/2026")
    assert projet.date_debut.isoformat() == "2026-12-31"
    assert 'date_debut = "2026-12-31"' in store.dumps(projet)


def test_assignment_is_normalised():
    association = Association()
    association.nom = "Ligne\r\nsuivante\x07"
    assert association.nom == "Ligne\nsuivante"
