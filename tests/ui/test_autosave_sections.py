"""The autosave's snapshot of only what changed: what it saves is always the whole project."""

from __future__ import annotations

from coopwizard import store
from coopwizard.models import Association, Projet, Tache
from coopwizard.store import pieces
from tests.ui.conftest import attendre, enregistrement_termine, fabrique


def _grand() -> Projet:
    return Projet(nom="Repas", taches=[Tache(intitule=f"Tâche {i}")
                                       for i in range(pieces.CHUNK + 30)])


async def test_a_change_the_autosave_was_not_told_of_is_saved(tmp_path):
    """A merge or a restore puts new objects in the project (setattr) without saying where:
    the next save, made for another field, still writes them."""
    chemin = tmp_path / "p.toml"
    store.save(_grand(), chemin)
    app = fabrique(store.load(chemin), chemin)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        app.on_answer_changed("nom")
        await enregistrement_termine(pilot)  # a first snapshot: every field dumped
        app.projet.associations = [Association(nom="Amicale des locataires")]  # untold
        app.projet.taches = [*app.projet.taches, Tache(intitule="Venue d'une fusion")]
        app.projet.nom = "Repas de quartier"
        app.on_answer_changed("nom")
        assert await attendre(pilot, lambda: store.load(chemin).nom == "Repas de quartier")
        await enregistrement_termine(pilot)
        assert store.load(chemin) == app.projet
    relu = store.load(chemin)
    assert [a.nom for a in relu.associations] == ["Amicale des locataires"]
    assert relu.taches[-1].intitule == "Venue d'une fusion"


async def test_an_edit_in_place_said_by_its_field_is_saved_with_the_rest_unchanged(tmp_path):
    chemin = tmp_path / "p.toml"
    store.save(_grand(), chemin)
    app = fabrique(store.load(chemin), chemin)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        app.on_answer_changed("nom")
        await enregistrement_termine(pilot)
        app.projet.taches[pieces.CHUNK + 3].intitule = "Changée dans son formulaire"
        app.on_answer_changed("taches")  # what a record editor says
        assert await attendre(pilot, lambda: store.load(chemin).taches[pieces.CHUNK + 3]
                              .intitule == "Changée dans son formulaire")
        await enregistrement_termine(pilot)
        # byte for byte what a save of the whole project writes
        store.save(app.projet, tmp_path / "entier.toml")
    assert chemin.read_bytes() == (tmp_path / "entier.toml").read_bytes()


async def test_the_saved_snapshot_handed_to_on_saved_is_whole(tmp_path):
    """The save frees its snapshot a piece at a time, but never one somebody kept."""
    chemin = tmp_path / "p.toml"
    store.save(_grand(), chemin)
    app = fabrique(store.load(chemin), chemin)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        gardes: list[Projet] = []
        app.autosaver.on_saved = gardes.append
        app.on_answer_changed("nom")
        assert await attendre(pilot, lambda: gardes)
        await enregistrement_termine(pilot)
    assert len(gardes[0].taches) == pieces.CHUNK + 30
