"""A tiny App that mounts one record editor, the way the wizard does.

Used by the editor tests, and by hand:
    python -m tests.ui.editors_harness taches [projet.toml]
"""

from __future__ import annotations

import asyncio
import functools
import sys
from pathlib import Path

from textual import on
from textual.app import App, ComposeResult
from textual.widgets import Footer

from coopwizard import store
from coopwizard.models import Projet
from screens.editors import build_editor
from screens.messages import ProjetModifie


def sync(test):
    """Run an async Pilot test without an async pytest plugin."""

    @functools.wraps(test)
    def wrapper(*args, **kwargs):
        return asyncio.run(test(*args, **kwargs))

    return wrapper


class EditorApp(App[None]):
    """Mounts build_editor(kind, projet); saves after each ProjetModifie when given a path."""

    def __init__(self, kind: str, projet: Projet, path: Path | None = None) -> None:
        super().__init__()
        self.kind = kind
        self.projet = projet
        self.path = path
        self.changes: list[str] = []

    def compose(self) -> ComposeResult:
        yield build_editor(self.kind, self.projet)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#table").focus()

    @on(ProjetModifie)
    def _saved(self, message: ProjetModifie) -> None:
        self.changes.append(message.champ)
        if self.path is not None:
            store.save(self.projet, self.path)


if __name__ == "__main__":
    kind = sys.argv[1] if len(sys.argv) > 1 else "taches"
    path = Path(sys.argv[2]) if len(sys.argv) > 2 else None
    projet = store.load(path) if path and path.exists() else Projet()
    EditorApp(kind, projet, path).run()
