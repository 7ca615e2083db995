"""Who saves: asked once when a project turns out shared, written with each save."""

from __future__ import annotations

from coopwizard import settings, store
from coopwizard.models import Projet
from screens.identite import Identite
from tests.ui.conftest import attendre, enregistrement_termine, fabrique


def _partage(chemin):
    projet = Projet(nom="Fête")
    projet.enregistrement.par, projet.enregistrement.association = "Sophie", "Les Jardins"
    store.save(projet, chemin)


async def test_asked_once_for_a_shared_project_then_each_save_is_signed(tmp_path):
    chemin = tmp_path / "projet.toml"
    _partage(chemin)
    app = fabrique(store.load(chemin), chemin)
    async with app.run_test(size=(100, 32)) as pilot:
        assert await attendre(pilot, lambda: isinstance(app.screen, Identite))
        await pilot.press(*"Ahmed", "enter", *"Amicale des locataires", "enter")
        assert await attendre(pilot, lambda: not isinstance(app.screen, Identite))
        assert settings.load().auteur() == "Ahmed, Amicale des locataires"
        app.wizard.focus_champ("nom")
        await pilot.press("end", "!")
        await enregistrement_termine(pilot)
    signe = store.load(chemin).enregistrement
    assert (signe.par, signe.association) == ("Ahmed", "Amicale des locataires")
    assert signe.le is not None

    again = fabrique(store.load(chemin), chemin)  # asked once: never again
    async with again.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        await pilot.pause()
        assert not isinstance(again.screen, Identite)


async def test_a_volunteer_working_alone_is_not_asked(tmp_path):
    chemin = tmp_path / "projet.toml"
    store.save(Projet(nom="Seul"), chemin)
    app = fabrique(store.load(chemin), chemin)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        await pilot.press("end", "!")
        await enregistrement_termine(pilot)
        assert not isinstance(app.screen, Identite)
    assert store.load(chemin).nom == "Seul!"


async def test_escape_means_do_not_ask_again(tmp_path):
    chemin = tmp_path / "projet.toml"
    _partage(chemin)
    app = fabrique(store.load(chemin), chemin)
    async with app.run_test(size=(100, 32)) as pilot:
        assert await attendre(pilot, lambda: isinstance(app.screen, Identite))
        await pilot.press("escape")
        assert await attendre(pilot, lambda: not isinstance(app.screen, Identite))
    assert not settings.a_demander()
