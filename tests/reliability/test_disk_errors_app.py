"""Disk full during a real editing session: the app says it in French, nothing is lost.

Unlike tests/ui/test_autosave.py (which replaces the session's save), the
failure here is injected at the store's lowest write layer, so the whole path
runs for real: autosave thread, ProjectSession, atomic write, cleanup.
"""

from __future__ import annotations

import asyncio
import errno

import pytest

from coopwizard import store
from coopwizard.models import Projet
from coopwizard.store import atomic

app_module = pytest.importorskip("screens.app")
Static = pytest.importorskip("textual.widgets").Static


async def _until(pilot, condition, tries: int = 300) -> bool:
    for _ in range(tries):
        if condition():
            return True
        await pilot.pause(0.02)
    return condition()


def test_disk_full_while_typing_keeps_everything(tmp_path, monkeypatch):
    path = tmp_path / "projet.toml"
    store.save(Projet(nom="Avant"), path)
    before = path.read_bytes()
    disk = {"full": True}
    real_write_all = atomic._write_all

    def write_all(fd, data):
        if disk["full"]:
            os_error = OSError(errno.ENOSPC, "No space left on device")
            real_write_all(fd, data[: len(data) // 2])  # half written, then the disk is full
            raise os_error
        real_write_all(fd, data)

    monkeypatch.setattr(atomic, "_write_all", write_all)

    async def scenario() -> None:
        app = app_module.make_app(store.load(path), path, delai=0.05, cursor_blink=False)
        async with app.run_test(size=(100, 32)) as pilot:
            await pilot.pause()
            await pilot.press("ctrl+u", *"Tape")  # clear "Avant", then type

            def status() -> str:
                return str(app.wizard.query_one("#statut-etat", Static).content)

            def alerte() -> str:
                return str(app.wizard.query_one("#alerte-enregistrement", Static).content)

            # the status bar says it in short, the whole reason is just above it
            assert await _until(pilot, lambda: "le disque est plein" in alerte())
            assert "non enregistré" in status()
            assert "Vos réponses sont gardées" in alerte()
            assert app.projet.nom == "Tape"
            assert path.read_bytes() == before  # old file intact
            assert sorted(p.name for p in tmp_path.iterdir() if p.name != "home") == [
                "projet.toml"
            ]  # no temp file, no half .bak
            disk["full"] = False  # space freed
            await pilot.press("ctrl+s")
            assert await _until(pilot, lambda: store.load(path).nom == "Tape")
            await pilot.press("ctrl+q")

    asyncio.run(scenario())
    assert store.load(path).nom == "Tape"
    assert store.load(store.backup_path(path)).nom == "Avant"


def test_a_save_still_running_at_exit_completes(tmp_path, monkeypatch):
    """Ctrl+Q while a slow background save is writing: it finishes, then the quit saves the rest."""
    import threading

    path = tmp_path / "projet.toml"
    store.save(Projet(nom="Avant"), path)
    real_write_all = atomic._write_all
    writing = threading.Event()
    release = threading.Event()

    def slow_write_all(fd, data):
        writing.set()
        release.wait(5)  # the disk is slow: the save is still running when the user quits
        real_write_all(fd, data)

    monkeypatch.setattr(atomic, "_write_all", slow_write_all)

    async def scenario() -> None:
        app = app_module.make_app(store.load(path), path, delai=0.05, cursor_blink=False)
        async with app.run_test(size=(100, 32)) as pilot:
            await pilot.pause()
            await pilot.press("ctrl+u", *"Un")  # clear "Avant", then type
            assert await _until(pilot, writing.is_set)  # the background save is in flight
            await pilot.press(*"Deux")  # typed during the save
            threading.Timer(0.3, release.set).start()
            await pilot.press("ctrl+q")
            await pilot.pause()

    asyncio.run(scenario())
    assert store.load(path).nom == "UnDeux"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []
