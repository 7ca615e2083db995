"""Who saves: asked once when a project turns out shared, written with each save."""

from __future__ import annotations

import json
from datetime import datetime

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


async def test_after_the_question_the_keys_go_to_the_question_the_project_was_left_at(tmp_path):
    chemin = tmp_path / "projet.toml"
    projet = Projet(nom="Fête", position={"etape": "projet", "champ": "resume"})
    projet.enregistrement.par = "Sophie"
    store.save(projet, chemin)
    app = fabrique(store.load(chemin), chemin)
    async with app.run_test(size=(100, 32), notifications=True) as pilot:
        assert await attendre(pilot, lambda: isinstance(app.screen, Identite))
        await pilot.press(*"Ahmed", "enter", "enter")
        assert await attendre(pilot, lambda: not isinstance(app.screen, Identite))
        await pilot.press(*"Un repas")
        assert await attendre(pilot, lambda: app.projet.resume == "Un repas")


async def test_someone_else_having_it_open_is_said_once(tmp_path):
    from coopwizard.store import presence

    chemin = tmp_path / "projet.toml"
    _partage(chemin)
    maintenant = datetime.now().isoformat(timespec="seconds")
    presence.presence_path(chemin).write_text(json.dumps({  # another computer's, fresh
        "par": "Sophie", "association": "Les Jardins", "machine": "ordinateur-de-sophie",
        "pid": 1, "depuis": maintenant, "rafraichi": maintenant}), encoding="utf-8")
    app = fabrique(store.load(chemin), chemin)
    async with app.run_test(size=(100, 32), notifications=True) as pilot:
        assert await attendre(pilot, lambda: isinstance(app.screen, Identite))
        await pilot.press(*"Ahmed", "enter", "enter")
        assert await attendre(pilot, lambda: not isinstance(app.screen, Identite))
        await pilot.pause()
        dits = [n for n in app._notifications if "a ce projet ouvert" in n.message]
        assert len(dits) == 1
