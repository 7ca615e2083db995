"""A project validated and dumped piece by piece is exactly the one of a whole call."""

from __future__ import annotations

import threading

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from coopwizard import store
from coopwizard.models import Association, Projet, Tache
from coopwizard.store import pieces


def _grand(intitules: list[str], noms: list[str]) -> Projet:
    """More records than one piece holds, so that the pieces really are used."""
    n = pieces.CHUNK * 2 + 17
    return Projet(
        nom="Grand",
        taches=[Tache(intitule=intitules[i % len(intitules)] + str(i)) for i in range(n)],
        associations=[Association(nom=noms[i % len(noms)]) for i in range(pieces.CHUNK + 3)],
    )


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(intitules=st.lists(st.text(max_size=15), min_size=1, max_size=5),
       noms=st.lists(st.text(max_size=15), min_size=1, max_size=5))
def test_pieces_give_the_whole_validation_and_dump(intitules, noms):
    projet = _grand(intitules, noms)
    data = projet.model_dump()
    entier = Projet.model_validate(data)
    assert pieces.validate(data) == entier
    assert pieces.validate(data).model_dump() == entier.model_dump()
    whole = projet.model_dump(mode="json", exclude_defaults=True)
    dumped = pieces.dump_json(projet)
    assert dumped == whole
    assert list(dumped) == list(whole)  # the same order: the same file


def test_a_refused_piece_gives_the_error_of_a_whole_validation():
    data = _grand(["t"], ["a"]).model_dump()
    data["taches"][pieces.CHUNK + 5]["statut"] = "pas un statut"
    with pytest.raises(ValidationError) as whole:
        Projet.model_validate(data)
    with pytest.raises(ValidationError) as ours:
        pieces.validate(data)
    assert ours.value.errors() == whole.value.errors()  # tolerance.py sets aside by them


def test_a_large_project_saved_from_pieces_reads_back(tmp_path):
    projet = _grand(["Réserver « la salle »"], ["Amicale"])
    projet.taches[3].__pydantic_extra__["cle_inconnue"] = "gardée"  # type: ignore[index]
    store.save(projet, tmp_path / "grand.toml")
    again = store.load(tmp_path / "grand.toml")
    assert again == projet
    assert again.taches[3].__pydantic_extra__["cle_inconnue"] == "gardée"  # type: ignore[index]


def test_a_save_thread_pauses_and_the_main_thread_never_does(monkeypatch):
    slept: list[str] = []
    monkeypatch.setattr(pieces.time, "sleep",
                        lambda s: slept.append(threading.current_thread().name))
    monkeypatch.setattr(pieces, "EVERY", 0.0)
    pieces.pause()
    assert slept == []  # the CLI, a first load: no time lost
    worker = threading.Thread(target=pieces.pause, name="enregistrement")
    worker.start()
    worker.join()
    assert slept == ["enregistrement"]


def test_release_empties_only_the_long_lists_given():
    projet = _grand(["t"], ["a"])
    pieces.release(projet)
    assert len(projet.taches) <= pieces.CHUNK and projet.nom == "Grand"


def test_a_file_too_large_for_its_layout_is_written_in_pieces_as_the_whole_text(tmp_path):
    from coopwizard.store import disposition

    chemin = tmp_path / "grand.toml"
    projet = Projet(nom="Grand", taches=[Tache(intitule=f"Réserver « la salle » n° {i}")
                                         for i in range(4000)])
    store.save(projet, chemin)
    assert chemin.stat().st_size > disposition.MAX_BYTES  # the next save takes the pieces
    projet.taches[3500].intitule = "Changée"
    store.save(projet, chemin)
    assert chemin.read_bytes() == store.dumps(projet).encode("utf-8")
    assert store.load(chemin) == projet
