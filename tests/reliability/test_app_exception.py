"""An unexpected exception inside the app must not lose what was just typed.

The autosave delay is made long so the text is only in memory when the
exception hits: the only thing that can put it on disk is the app's exit path.
"""

from __future__ import annotations

import asyncio

import pytest

from coopwizard import store
from coopwizard.models import Projet

app_module = pytest.importorskip("screens.app")


def _run_and_crash(path) -> str:
    async def scenario() -> str:
        app = app_module.make_app(store.load(path), path, delai=60.0, cursor_blink=False)
        with pytest.raises(RuntimeError, match="bogue simulé"):
            async with app.run_test(size=(100, 32)) as pilot:
                await pilot.pause()
                await pilot.press("ctrl+u", *"Tape")  # clear "Avant", then type
                await pilot.pause()
                in_memory = app.projet.nom

                def boom() -> None:
                    raise RuntimeError("bogue simulé")

                app.call_later(boom)
                await pilot.pause()
                await pilot.pause()
        return in_memory

    return asyncio.run(scenario())


def test_text_typed_just_before_an_exception_is_on_disk(tmp_path):
    path = tmp_path / "projet.toml"
    store.save(Projet(nom="Avant"), path)
    assert _run_and_crash(path) == "Tape"
    assert store.load(path).nom == "Tape"
