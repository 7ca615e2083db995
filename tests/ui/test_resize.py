"""No screen crashes in a tiny terminal (40x12) or when the terminal is resized."""

from __future__ import annotations

import shutil

import pytest

from coopwizard import store
from coopwizard.guide import guide
from coopwizard.models import Position, Projet
from coopwizard.paths import example_project_file
from screens import navigation
from screens.dialogs import NouveauProjet
from tests.ui.conftest import enregistrement_termine, fabrique

TAILLES = [(40, 12), (80, 24), (200, 60), (41, 13), (120, 40), (40, 12)]


async def test_home_and_dialog_at_40x12_and_resized():
    app = fabrique()
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.pause()
        for taille in TAILLES:
            await pilot.resize_terminal(*taille)
            await pilot.pause()
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert isinstance(app.screen, NouveauProjet)
        for taille in TAILLES:
            await pilot.resize_terminal(*taille)
            await pilot.pause()
        assert app.is_running


@pytest.mark.parametrize("etape", navigation.ordre(guide()))
async def test_every_step_at_40x12_and_resized(tmp_path, etape):
    chemin = tmp_path / "p.toml"
    shutil.copy(example_project_file(), chemin)
    projet = store.load(chemin)
    projet.position = Position(etape=etape)
    app = fabrique(projet, chemin)
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.pause()
        assert app.wizard.etape_id == etape
        await pilot.press("f2")  # the help pane, in a tiny terminal
        for taille in TAILLES:
            await pilot.resize_terminal(*taille)
            await pilot.pause()
        await pilot.press("f2", "tab", "tab", "f3")
        await pilot.pause()
        assert app.is_running
        await enregistrement_termine(pilot)


async def test_walk_all_steps_in_a_tiny_terminal(tmp_path):
    chemin = tmp_path / "p.toml"
    store.save(Projet(), chemin)
    app = fabrique(Projet(), chemin)
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.pause()
        for _ in navigation.ordre(guide()):
            await pilot.press("f6")
            await pilot.pause()
        assert app.wizard.etape_id == navigation.ordre(guide())[-1]
        await enregistrement_termine(pilot)


async def test_textual_themes_apply(tmp_path):
    chemin = tmp_path / "p.toml"
    shutil.copy(example_project_file(), chemin)
    app = fabrique(store.load(chemin), chemin)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        fond = app.wizard.query_one("#bandeau").styles.background
        for theme in ("textual-light", "nord", "gruvbox", "textual-dark"):
            app.theme = theme
            await pilot.pause()
            if theme == "textual-light":
                assert app.wizard.query_one("#bandeau").styles.background != fond
        assert app.is_running
