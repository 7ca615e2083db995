"""UI fixtures: a fixed clock and day, blinking off, every file in a tmp folder."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, TextArea

from coopwizard.models import Projet
from screens.app import CoopApp, make_app

MAINTENANT = datetime(2026, 5, 12, 14, 32)


@pytest.fixture(autouse=True)
def _ui_env(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # "Créer un projet" writes in the current folder
    monkeypatch.setenv("COOPWIZARD_AUJOURDHUI", MAINTENANT.date().isoformat())


def fabrique(projet: Projet | None = None, chemin: Path | None = None, **options) -> CoopApp:
    """The app as the CLI makes it, with a fixed clock, no blinking and a short save delay."""
    options.setdefault("horloge", lambda: MAINTENANT)
    options.setdefault("cursor_blink", False)
    options.setdefault("delai", 0.05)
    return make_app(projet, chemin, **options)


async def sans_clignotement(pilot: Pilot) -> None:
    """Stop every cursor blinking (the editors' inputs too) so snapshots are stable."""
    for widget in pilot.app.query("Input, TextArea"):
        if isinstance(widget, (Input, TextArea)):
            widget.cursor_blink = False
    for screen in pilot.app.screen_stack:
        for widget in screen.query("Input, TextArea"):
            widget.cursor_blink = False  # type: ignore[attr-defined]
    await pilot.pause()


async def attendre(pilot: Pilot, condition, essais: int = 200) -> bool:
    """Let the app run until `condition()` holds (or give up): never asserts on time."""
    for _ in range(essais):
        if condition():
            return True
        await pilot.pause(0.02)
    return condition()


async def enregistrement_termine(pilot: Pilot) -> None:
    app = pilot.app
    await attendre(pilot, lambda: app.autosaver is not None and not app.autosaver.dirty
                   and not app.autosaver.busy)


def texte_affiche(widget) -> str:
    """What a Static shows, as plain text (wide enough never to wrap a line)."""
    import io

    from rich.console import Console

    sortie = io.StringIO()
    Console(file=sortie, width=300, color_system=None).print(widget.content)
    return sortie.getvalue()
