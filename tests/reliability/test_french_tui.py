"""Textual's own words in the app, in French (screens/francais.py): Ctrl+C's hint, the
command palette's placeholder and system entries, the themes palette, the screenshot."""

from __future__ import annotations

import re

import pytest
from textual.command import CommandInput, CommandList, CommandPalette

from coopwizard import store
from coopwizard.models import Position, Projet
from screens.francais import PLACEHOLDER, PLACEHOLDER_THEMES
from tests.ui.conftest import attendre, fabrique

ENGLISH = ["Theme", "Quit", "Keys", "Screenshot", "Maximize", "Minimize", "Search for",
           "Press", "Do you want", "Change the current", "Save an SVG", "Saved screenshot",
           "the application", "focused widget"]


def sans_anglais(texte: str) -> None:
    found = [mot for mot in ENGLISH if re.search(rf"\b{re.escape(mot)}\b", texte)]
    assert not found, (found, texte)


@pytest.fixture(autouse=True)
def _dossier(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # a screenshot lands in the current folder


def _projet(tmp_path, **champs):
    chemin = tmp_path / "p.toml"
    store.save(Projet(nom="Repas", **champs), chemin)
    return store.load(chemin), chemin


def _toasts(app) -> str:
    return "\n".join(str(toast.render()) for toast in app.screen.query("Toast"))


def _propositions(app) -> list[str]:
    liste = app.screen.query_one(CommandList)
    return [str(liste.get_option_at_index(i).prompt) for i in range(liste.option_count)]


async def _ouvrir_palette(pilot) -> None:
    await pilot.press("ctrl+p")
    assert await attendre(pilot, lambda: CommandPalette.is_open(pilot.app)
                          and len(_propositions(pilot.app)) >= 4)


async def test_ctrl_c_says_in_french_how_to_quit():
    app = fabrique()
    async with app.run_test(size=(100, 32), notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+c")
        assert await attendre(pilot, lambda: "quitter" in _toasts(app))
        texte = _toasts(app)
        assert "Voulez-vous quitter ?" in texte and "Ctrl+Q" in texte
        sans_anglais(texte)


async def test_ctrl_c_in_the_wizard_outside_a_text_field(tmp_path):
    projet, chemin = _projet(tmp_path)
    app = fabrique(projet, chemin)
    async with app.run_test(size=(100, 32), notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("f3")  # the guide's outline: ctrl+c is no copy there
        await pilot.press("ctrl+c")
        assert await attendre(pilot, lambda: "Voulez-vous quitter ?" in _toasts(app))
        sans_anglais(_toasts(app))


async def test_the_palette_placeholder_and_system_entries_are_french():
    app = fabrique()
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        await _ouvrir_palette(pilot)
        assert app.screen.query_one(CommandInput).placeholder == PLACEHOLDER
        propositions = _propositions(app)
        titres = {p.split("\n")[0] for p in propositions}
        assert {"Thème", "Quitter", "Touches", "Capture d'écran"} <= titres
        sans_anglais("\n".join(propositions))


async def test_maximize_and_minimize_are_french(tmp_path):
    projet, chemin = _projet(tmp_path, position=Position(etape="conception",
                                                         champ="conception.objectifs"))
    app = fabrique(projet, chemin)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        assert await attendre(pilot, lambda: app.focused is not None
                              and app.focused.id == "q-conception-objectifs")
        await _ouvrir_palette(pilot)
        assert any(p.startswith("Agrandir") for p in _propositions(app))
        await pilot.press(*"agrandir", "enter")
        assert await attendre(pilot, lambda: app.screen.maximized is not None)
        await _ouvrir_palette(pilot)
        propositions = _propositions(app)
        assert any(p.startswith("Réduire") for p in propositions)
        sans_anglais("\n".join(propositions))


async def test_the_themes_palette_is_french():
    app = fabrique()
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        await _ouvrir_palette(pilot)
        await pilot.press(*"thème", "enter")
        assert await attendre(pilot, lambda: CommandPalette.is_open(app) and
                              app.screen.query_one(CommandInput).placeholder == PLACEHOLDER_THEMES)


async def test_the_keys_panel_entry_says_hide_once_shown():
    app = fabrique()
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        await _ouvrir_palette(pilot)
        await pilot.press(*"touches", "enter")
        assert await attendre(pilot, lambda: bool(app.screen.query("HelpPanel")))
        await _ouvrir_palette(pilot)
        touches = [p for p in _propositions(app) if p.startswith("Touches")]
        assert touches and "Masquer" in touches[0]


async def test_the_screenshot_is_saved_and_announced_in_french(tmp_path):
    app = fabrique()
    async with app.run_test(size=(100, 32), notifications=True) as pilot:
        await pilot.pause()
        await _ouvrir_palette(pilot)
        await pilot.press(*"capture", "enter")
        assert await attendre(pilot, lambda: "Image enregistrée" in _toasts(app))
        assert "Capture d'écran" in _toasts(app)
        sans_anglais(_toasts(app))
    assert list(tmp_path.glob("*.svg"))
