"""The section-by-section writer gives exactly tomli-w's text, and its cache never goes stale."""

from __future__ import annotations

import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coopwizard import store
from coopwizard.models import Association, Projet, Tache
from coopwizard.store import serialise


def _whole(projet: Projet) -> str:
    return tomli_w.dumps(store._to_data(projet), multiline_strings=True)


def test_example_text_is_tomli_w_text(example_copy):
    projet = store.load(example_copy)
    serialise.clear_cache()
    assert store.dumps(projet) == _whole(projet)
    assert store.dumps(projet) == _whole(projet)  # from the cache this time


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
@given(
    nom=st.text(max_size=30),
    objectifs=st.text(max_size=80),
    associations=st.lists(st.text(max_size=20), max_size=4),
    taches=st.lists(st.text(max_size=20), max_size=4),
)
def test_any_project_text_is_tomli_w_text(nom, objectifs, associations, taches):
    projet = Projet(
        nom=nom,
        associations=[Association(nom=n) for n in associations],
        taches=[Tache(intitule=t) for t in taches],
    )
    projet.conception.objectifs = objectifs
    assert store.dumps(projet) == _whole(projet)
    assert store.loads(store.dumps(projet)) == projet


def test_an_edit_after_a_cached_save_is_written(tmp_path, example_copy):
    projet = store.load(example_copy)
    store.save(projet, example_copy)
    projet.taches[0].intitule = "Changé après coup"
    projet.conception.objectifs = "Nouveaux objectifs"
    store.save(projet, example_copy)
    reread = store.load(example_copy)
    assert reread.taches[0].intitule == "Changé après coup"
    assert reread.conception.objectifs == "Nouveaux objectifs"
    assert reread == projet


def test_two_projects_saved_in_turn_do_not_mix(tmp_path):
    first, second = Projet(nom="Premier"), Projet(nom="Second")
    first.conception.objectifs, second.conception.objectifs = "Un", "Deux"
    for _ in range(2):
        store.save(first, tmp_path / "a.toml")
        store.save(second, tmp_path / "b.toml")
    assert store.load(tmp_path / "a.toml") == first
    assert store.load(tmp_path / "b.toml") == second


def test_text_that_skipped_validation_is_normalised_before_saving():
    projet = Projet()
    projet.taches.append(Tache.model_construct(intitule="a\r\nb\x00", statut="a_faire"))
    assert store.loads(store.dumps(projet)).taches[0].intitule == "a\nb"


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow,
                                                  HealthCheck.function_scoped_fixture])
@given(taches=st.lists(st.text(max_size=90), max_size=12), taille=st.integers(1, 4))
def test_long_lists_written_piece_by_piece_are_tomli_w_text(monkeypatch, taches, taille):
    """Pieces of `taille` records (100 in the product), short records that tomli-w writes
    inline and long ones it writes as [[taches]] mixed: always tomli-w's exact text."""
    monkeypatch.setattr(serialise, "CHUNK", taille)
    projet = Projet(taches=[Tache(intitule=t) for t in taches])
    assert store.dumps(projet) == _whole(projet)
    assert store.loads(store.dumps(projet)) == projet


def test_an_edit_in_one_task_rewrites_one_piece(monkeypatch):
    projet = Projet(taches=[Tache(intitule=f"Tâche numéro {n} : réserver la salle, prévenir les "
                                           "voisins et demander les tables", responsable="Ahmed")
                            for n in range(450)])  # too long to be inline: [[taches]]
    assert store.dumps(projet) == _whole(projet)
    ecrits = []
    dumps = tomli_w.dumps
    monkeypatch.setattr(serialise.tomli_w, "dumps", lambda d, **k: ecrits.append(d) or dumps(d, **k))
    projet.taches[230].intitule = "Changée"
    texte = store.dumps(projet)
    monkeypatch.setattr(serialise.tomli_w, "dumps", dumps)
    assert texte == _whole(projet)
    (piece,) = [d["taches"] for d in ecrits if "taches" in d]
    assert len(piece) == serialise.CHUNK and piece[30]["intitule"] == "Changée"
