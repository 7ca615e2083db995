"""Autosave while typing (coalesced, off the typing path), Ctrl+S, errors, quit, signals."""

from __future__ import annotations

import signal

from textual.widgets import Static

from coopwizard import store
from coopwizard.models import Projet
from coopwizard.store import ProjectFileError
from screens.choix import Choix
from screens.metrics import Metrics
from tests.ui.conftest import attendre, enregistrement_termine, fabrique


def texte_ecran(screen) -> str:
    return "\n".join(str(w.render()) for w in screen.query("Static"))


def statut(app) -> str:
    return str(app.wizard.query_one("#statut-etat", Static).content)


async def test_typing_is_on_disk_without_leaving_the_field(tmp_path):
    chemin = tmp_path / "p.toml"
    store.save(Projet(), chemin)
    app = fabrique(Projet(), chemin, nouveau=True)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        await pilot.press(*"Repas")
        assert app.projet.nom == "Repas"  # in memory at once
        assert await attendre(pilot, lambda: store.load(chemin).nom == "Repas")
        assert app.focused is not None and app.focused.id == "q-nom"  # never left the field
        await enregistrement_termine(pilot)
        assert statut(app) == "Enregistré à 14:32"


async def test_saves_are_coalesced(tmp_path):
    chemin = tmp_path / "p.toml"
    store.save(Projet(), chemin)
    app = fabrique(Projet(), chemin, nouveau=True, delai=30.0, attente_max=600)
    async with app.run_test(size=(100, 32)) as pilot:
        app.metrics = Metrics()
        await pilot.pause()
        await pilot.press(*"Fête des voisins")
        assert app.metrics.times("saved") == []  # nothing written while typing
        assert statut(app) == "● non enregistré"
        app.autosaver.delay = 0.05  # then the typist pauses: one save for all the keys
        app.on_answer_changed("nom")
        assert await attendre(pilot, lambda: app.metrics.times("saved"), essais=400)
        await enregistrement_termine(pilot)
        assert len(app.metrics.times("saved")) == 1
        assert len(app.metrics.times("applied")) == len("Fête des voisins")
    assert store.load(chemin).nom == "Fête des voisins"


async def test_typing_that_never_pauses_is_saved_after_the_maximum_wait(tmp_path):
    chemin = tmp_path / "p.toml"
    store.save(Projet(), chemin)
    app = fabrique(Projet(), chemin, nouveau=True, delai=60.0, attente_max=0.2)
    async with app.run_test(size=(100, 32)) as pilot:
        app.metrics = Metrics()
        await pilot.pause()
        typed = ""
        while not store.load(chemin).nom and len(typed) < 2000:
            typed += "x"
            await pilot.press("x")  # each key restarts the 60 s debounce: only the max wait saves
        assert store.load(chemin).nom.startswith("x"), "typing that never pauses was never saved"
        assert len(typed) < 2000


async def test_metrics_hook_records_applied_then_refreshed(tmp_path):
    chemin = tmp_path / "p.toml"
    store.save(Projet(), chemin)
    app = fabrique(Projet(), chemin, nouveau=True)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        app.metrics = Metrics()
        await pilot.press("x")
        await enregistrement_termine(pilot)
        events = [(e, d) for e, d, _ in app.metrics.events]
        assert events[:2] == [("applied", "nom"), ("refreshed", "nom")]
        assert ("saved", "") in events
        applied, refreshed = app.metrics.last("applied"), app.metrics.last("refreshed")
        assert applied is not None and refreshed is not None and applied <= refreshed


async def test_ctrl_s_saves_now(tmp_path):
    chemin = tmp_path / "p.toml"
    store.save(Projet(), chemin)
    app = fabrique(Projet(), chemin, nouveau=True, delai=60.0, attente_max=600)  # no timer fires
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        await pilot.press(*"Kermesse")
        assert store.load(chemin).nom == ""
        await pilot.press("ctrl+s")
        assert await attendre(pilot, lambda: store.load(chemin).nom == "Kermesse")
        await enregistrement_termine(pilot)
        assert statut(app) == "Enregistré à 14:32"


async def test_failed_save_is_said_in_french_and_kept_unsaved(tmp_path, monkeypatch):
    chemin = tmp_path / "p.toml"
    store.save(Projet(nom="Avant"), chemin)
    app = fabrique(store.load(chemin), chemin)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()

        vrai_save, disque = app.session.save, {"plein": True}

        def save(projet):
            if disque["plein"]:
                raise ProjectFileError("Enregistrement impossible dans p.toml : le disque est plein.")
            return vrai_save(projet)

        monkeypatch.setattr(app.session, "save", save)
        app.wizard.focus_champ("nom")
        await pilot.press("end", *" bis")
        # the whole reason above the status bar, which says it in short
        assert await attendre(pilot, lambda: "disque est plein" in texte_ecran(app.wizard))
        assert statut(app).startswith("● non enregistré")
        assert app.autosaver.dirty
        # quitting asks first, saying where the answers are; Escape goes back to them
        await pilot.press("ctrl+q")
        assert await attendre(pilot, lambda: isinstance(app.screen, Choix))
        assert "disque est plein" in texte_ecran(app.screen)
        assert "journal de secours" in texte_ecran(app.screen)
        await pilot.press("escape")
        assert await attendre(pilot, lambda: not isinstance(app.screen, Choix))
        assert app.is_running
        disque["plein"] = False
        await pilot.press("ctrl+s")
        assert await attendre(pilot, lambda: store.load(chemin).nom == "Avant bis")
        await enregistrement_termine(pilot)
        assert statut(app) == "Enregistré à 14:32"
    assert store.load(chemin).nom == "Avant bis"


async def test_ctrl_q_saves_what_the_timer_has_not(tmp_path):
    chemin = tmp_path / "p.toml"
    store.save(Projet(), chemin)
    app = fabrique(Projet(), chemin, nouveau=True, delai=60.0, attente_max=600)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        await pilot.press(*"Bal")
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert app.return_code == 0
    assert store.load(chemin).nom == "Bal"


async def test_sigterm_handler_saves_and_exits(tmp_path):
    chemin = tmp_path / "p.toml"
    store.save(Projet(), chemin)
    app = fabrique(Projet(), chemin, nouveau=True, delai=60.0, attente_max=600)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        await pilot.press(*"Loto")
        app.arret_par_signal(signal.SIGTERM)  # the handler only schedules the drain and save
        await attendre(pilot, lambda: not app.is_running)
    assert store.load(chemin).nom == "Loto"
    assert app.return_code == 0


async def test_an_older_snapshot_never_overwrites_a_newer_save(tmp_path):
    """A background save queued before a quit/signal save must not write older answers."""
    chemin = tmp_path / "projet.toml"
    store.save(Projet(nom="Avant"), chemin)
    app = fabrique(store.load(chemin), chemin, delai=60.0, attente_max=600)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        saver = app.autosaver
        app.projet.nom = "Ancien"
        app.on_answer_changed("nom")
        ancien = (app.projet.model_dump(), saver._generation)  # what a worker would hold
        app.projet.nom = "Récent"
        app.on_answer_changed("nom")
        assert saver.save_sync()
        saver._write(*ancien)  # the late worker runs after the synchronous save
        await pilot.pause()
        assert store.load(chemin).nom == "Récent"
