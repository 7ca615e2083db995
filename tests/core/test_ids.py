"""Issue 11, point 1: every record of a list has a stable id, written in the file, never shown."""

from __future__ import annotations

import copy
import textwrap
from datetime import date

import pytest
import tomli

from coopwizard import store
from coopwizard.documents import DOCUMENTS, produire
from coopwizard.models import SCHEMA_VERSION, Decision, Projet, Reunion, Tache, ids
from coopwizard.paths import example_project_file
from coopwizard.store import disposition
from coopwizard.store.rapport import file_problems

V2 = textwrap.dedent("""\
    # Tenu à la main
    schema_version = 2
    nom = "Fête"

    [[taches]]
    intitule = "Salle"  # la plus urgente

    [[taches]]
    intitule = "Affiches"

    [[reunions]]
    lieu = "Maison de quartier"

    [[reunions.decisions]]
    point = "Date"
    """)


@pytest.fixture(autouse=True)
def _fresh():
    disposition.forget()
    yield
    disposition.forget()


def _all_ids(projet: Projet) -> list[str]:
    found = [r.id for name in ("associations", "taches", "reunions", "conflits")
             for r in getattr(projet, name)]
    found += [m.id for m in projet.collectif.membres] + [b.id for b in projet.moyens.besoins]
    found += [ligne.id for ligne in projet.budget.lignes]
    found += [i.id for i in projet.evaluation.indicateurs]
    return found + [d.id for r in projet.reunions for d in r.decisions]


def test_a_new_record_gets_a_short_random_id():
    first, second = Tache(), Tache()
    assert first.id != second.id
    assert ids.is_valid(first.id) and len(first.id) == 8
    # a record form rebuilds its record from its dump and what was typed: same id
    rebuilt = Tache.model_validate({**first.model_dump(), "intitule": "Salle"})
    assert rebuilt.id == first.id
    assert "id" not in Tache.model_fields  # so forms, documents and strategies never see it


def test_the_id_is_written_first_and_kept_across_saves(tmp_path):
    path = tmp_path / "p.toml"
    projet = Projet(taches=[Tache(intitule="Salle")])
    store.save(projet, path)
    saved = tomli.loads(path.read_text(encoding="utf-8"))
    assert list(saved["taches"][0].items()) == [("id", projet.taches[0].id), ("intitule", "Salle")]
    again = store.load(path)
    again.taches[0].intitule = "Grande salle"
    store.save(again, path)
    assert store.load(path).taches[0].id == projet.taches[0].id


def test_the_migration_adds_the_same_ids_for_the_same_file(tmp_path):
    first, second = store.loads(V2), store.loads(V2)
    assert first.schema_version == SCHEMA_VERSION == 3
    assert _all_ids(first) == _all_ids(second)  # two partners upgrading get the same ids
    assert len({r.id for r in first.taches}) == 2
    path = tmp_path / "v2.toml"
    path.write_text(V2, encoding="utf-8")
    projet = store.load(path)
    projet.taches[0].intitule = "Grande salle"  # its content changes, its id must not
    store.save(projet, path)
    text = path.read_text(encoding="utf-8")
    assert "# Tenu à la main" in text and "# la plus urgente" in text  # comments kept
    saved = tomli.loads(text)
    assert saved["schema_version"] == 3
    assert [t["id"] for t in saved["taches"]] == [t.id for t in projet.taches]
    assert saved["reunions"][0]["decisions"][0]["id"] == projet.reunions[0].decisions[0].id
    assert _all_ids(store.load(path)) == _all_ids(projet)


def test_hand_written_records_without_ids_duplicates_and_bad_ids_are_mended():
    text = textwrap.dedent("""\
        schema_version = 3
        [[taches]]
        id = "abc"
        intitule = "Salle"
        [[taches]]
        id = "abc"
        intitule = "Copie collée"
        [[taches]]
        id = "pas un id."
        [[taches]]
        intitule = "Écrite à la main"
        [[taches]]
        intitule = "Écrite à la main"
        """)
    projet = store.loads(text)
    found = [t.id for t in projet.taches]
    assert found[0] == "abc"  # the first keeps its id
    assert len(set(found)) == 5 and all(ids.is_valid(i) for i in found)
    assert found == [t.id for t in store.loads(text).taches]  # the same at each load


def test_fix_never_changes_its_input():
    data = tomli.loads(V2)
    before = copy.deepcopy(data)
    fixed = ids.fix(data)
    assert data == before
    assert all("id" in t for t in fixed["taches"])
    assert ids.fix(fixed) is fixed  # nothing left to do: the same object back


def test_records_nested_in_records_have_ids_too():
    reunion = Reunion(decisions=[Decision(point="Date"), {"point": "Lieu"}])
    assert all(ids.is_valid(d.id) for d in reunion.decisions)
    assert reunion.decisions[0].id != reunion.decisions[1].id


def test_the_example_project_has_fixed_ids():
    raw = tomli.loads(example_project_file().read_text(encoding="utf-8"))
    assert raw["schema_version"] == SCHEMA_VERSION
    assert all("id" in t for t in raw["taches"])
    assert all("id" in d for r in raw["reunions"] for d in r.get("decisions", []))
    assert _all_ids(store.load(example_project_file())) == _all_ids(
        store.load(example_project_file()))


def test_documents_checklist_and_check_never_show_an_id():
    projet = store.load(example_project_file())
    shown = _all_ids(projet)
    assert len(shown) > 40
    for nom, document in DOCUMENTS.items():
        for format_ in ("markdown", "texte", "html"):
            if format_ not in document.formats:
                continue
            texte = produire(nom, format_, projet, date(2026, 11, 26))
            assert not [i for i in shown if i in texte], (nom, format_)
    problemes = "\n".join(str(p) for p in file_problems(projet, example_project_file()))
    assert not [i for i in shown if i in problemes]
    assert "« id »" not in problemes
