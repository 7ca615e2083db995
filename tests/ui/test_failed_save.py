"""When saving fails: the whole reason at 80 columns, « Enregistrer sous… », quitting asks first."""

from __future__ import annotations

import errno

from textual.widgets import Input, Static

from coopwizard import store
from coopwizard.models import Projet
from coopwizard.store import journal as journaux
from screens.choix import Choix
from screens.enregistrer_sous import EnregistrerSous
from tests.ui.conftest import attendre, enregistrement_termine, fabrique, texte_affiche


def _alerte(app) -> Static:
    return app.wizard.query_one("#alerte-enregistrement", Static)


async def _type_after_the_folder_went(pilot, app, dossier):
    await pilot.pause()
    dossier.rename(dossier.with_name("renomme"))
    app.wizard.focus_champ("nom")
    await pilot.press("end", *" bis")
    assert await attendre(pilot, lambda: _alerte(app).display)


async def test_the_whole_reason_is_readable_at_80_columns(tmp_path):
    dossier = tmp_path / "partage"
    dossier.mkdir()
    chemin = dossier / "projet.toml"
    store.save(Projet(nom="Avant"), chemin)
    app = fabrique(store.load(chemin), chemin)
    async with app.run_test(size=(80, 24)) as pilot:
        await _type_after_the_folder_went(pilot, app, dossier)
        alerte = _alerte(app)
        message = app.autosaver.erreur
        assert "dossier" in message.lower()
        await pilot.pause()
        # wrapped, never cut: every word of the reason is on screen within 80 columns
        assert alerte.region.width <= 80 and alerte.region.height >= 3
        shown = " ".join(texte_affiche(alerte).split())
        assert " ".join(message.split()) in shown
        assert "F9 : enregistrer sous un autre nom" in shown
        assert "journal de secours" in shown


async def test_save_as_goes_on_in_the_new_file(tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path / "maison"))
    (tmp_path / "maison").mkdir()
    dossier = tmp_path / "partage"
    dossier.mkdir()
    chemin = dossier / "projet.toml"
    store.save(Projet(nom="Avant"), chemin)
    app = fabrique(store.load(chemin), chemin)
    async with app.run_test(size=(80, 24)) as pilot:
        await _type_after_the_folder_went(pilot, app, dossier)
        await pilot.press("f9")
        assert await attendre(pilot, lambda: isinstance(app.screen, EnregistrerSous))
        propose = app.screen.query_one(Input).value
        assert propose == str(tmp_path / "maison" / "projet-copie.toml")  # the folder is gone
        await pilot.press("enter")
        nouveau = tmp_path / "maison" / "projet-copie.toml"
        assert await attendre(pilot, lambda: nouveau.exists())
        assert store.load(nouveau).nom == "Avant bis"
        assert app.chemin == nouveau
        assert await attendre(pilot, lambda: not _alerte(app).display)
        await pilot.press(*" et suite")
        assert await attendre(pilot, lambda: store.load(nouveau).nom == "Avant bis et suite")
        await enregistrement_termine(pilot)


async def test_save_as_never_replaces_a_file(tmp_path):
    chemin = tmp_path / "projet.toml"
    store.save(Projet(nom="Avant"), chemin)
    autre = tmp_path / "autre.toml"
    autre.write_text("nom = \"ne pas toucher\"\n", encoding="utf-8")
    app = fabrique(store.load(chemin), chemin)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("f9")
        assert await attendre(pilot, lambda: isinstance(app.screen, EnregistrerSous))
        app.screen.query_one(Input).value = str(autre)
        await pilot.press("enter")
        message = app.screen.query_one("#dialogue-message", Static)
        assert await attendre(pilot, lambda: "existe déjà" in texte_affiche(message))
    assert autre.read_text(encoding="utf-8") == "nom = \"ne pas toucher\"\n"


async def test_quitting_with_answers_nowhere_on_disk_asks_and_never_exits_0(tmp_path, monkeypatch):
    dossier = tmp_path / "partage"
    dossier.mkdir()
    chemin = dossier / "projet.toml"
    store.save(Projet(nom="Avant"), chemin)

    def disque_plein(fd, data):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(journaux, "_write_all", disque_plein)  # the journal cannot help either
    app = fabrique(store.load(chemin), chemin)
    async with app.run_test(size=(80, 24)) as pilot:
        await _type_after_the_folder_went(pilot, app, dossier)
        assert await attendre(pilot, lambda: "qu'à l'écran" in app.autosaver.alerte())
        await pilot.press("ctrl+q")
        assert await attendre(pilot, lambda: isinstance(app.screen, Choix))
        texte = " ".join(texte_affiche(w) for w in app.screen.query(Static))
        assert "NULLE PART" in texte
        await pilot.press("q")  # quitter sans enregistrer, knowingly
        assert await attendre(pilot, lambda: not app.is_running)
    assert app.return_code == 1
    assert "non enregistré" in app._message_sortie
