"""One browser tab = one `coopwizard open FICHIER` process, which saves when the tab goes.

textual-serve's AppService starts the command through a shell, in the server's
process group, and stops it with a « quit » message that Textual handles as a
plain exit. `Onglet` changes three things:

- the process is started without a shell (a project's path is never read as a
  command), in its own session: the Ctrl+C typed in the server's terminal is the
  server's, which then stops each tab itself;
- it is stopped with SIGHUP, exactly as when a terminal is closed: the App
  reads back what was typed, saves the open forms and the project, then exits
  (screens/sauvegarde.py); on Linux it also gets SIGHUP if the server dies;
- each tab has its own state folder (`Postes`): its own lock and journal, so two
  tabs on one project both write (the App merges what the other one saved),
  and a tab that was cut off finds its journal again in the same slot. The
  tabs of one browser share their settings (« Qui êtes-vous ? » asked once).
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import sys
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

from textual_serve.app_service import AppService
from textual_serve.download_manager import DownloadManager

from coopwizard.serveur.projets import ProjetServi

ATTENTE_ARRET = 20.0
"""Seconds a tab's process gets to save and exit after SIGHUP (it forces its own exit
after 3 s of a stuck loop: screens/sauvegarde.py); past that it is killed."""


def _raccrocher_avec_le_serveur() -> None:  # pragma: no cover - runs in the child
    """Linux: the child gets SIGHUP when the server dies (kill -9, crash): it saves."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGHUP)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


class Onglet(AppService):
    """The process of one tab, on one project, in one state folder."""

    def __init__(self, projet: ProjetServi, home: Path, *,
                 write_bytes: Callable[[bytes], Awaitable[None]],
                 write_str: Callable[[str], Awaitable[None]],
                 close: Callable[[], Awaitable[None]],
                 download_manager: DownloadManager) -> None:
        super().__init__("coopwizard", write_bytes=write_bytes, write_str=write_str,
                         close=close, download_manager=download_manager)
        self.projet = projet
        self.home = home
        self.derniere_activite = time.monotonic()
        self._raccroche = False
        self.pret = False
        """The App drew its first screen (its SIGHUP handler is installed)."""
        self.raison = "fin"
        """Why the tab ends, for the page: fin, inactivite, arret, echec."""

    @property
    def processus(self) -> asyncio.subprocess.Process | None:
        return self._process

    def argv(self) -> list[str]:
        return [sys.executable, "-m", "coopwizard", "open", str(self.projet.chemin)]

    def _build_environment(self, width: int = 80, height: int = 24) -> dict[str, str]:
        environment = super()._build_environment(width, height)
        environment["COOPWIZARD_HOME"] = str(self.home)
        return environment

    async def _open_app_process(self, width: int = 80, height: int = 24
                                ) -> asyncio.subprocess.Process:
        linux = sys.platform.startswith("linux")
        self._process = process = await asyncio.create_subprocess_exec(
            *self.argv(),
            stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE, env=self._build_environment(width, height),
            start_new_session=True,
            preexec_fn=_raccrocher_avec_le_serveur if linux else None,
        )
        assert process.stdin is not None
        self._stdin = process.stdin
        return process

    async def on_data(self, payload: bytes) -> None:
        if not self.pret:  # idle time counts from the first screen, not from the start-up
            self.pret = True
            self.derniere_activite = time.monotonic()
        await super().on_data(payload)

    async def send_bytes(self, data: bytes) -> bool:
        self.derniere_activite = time.monotonic()  # a key or a click: the tab is in use
        return await super().send_bytes(data)

    def raccrocher(self) -> None:
        """SIGHUP, as a closed terminal (Windows has none: the « quit » message)."""
        process = self._process
        if process is None or process.returncode is not None or self._raccroche:
            return
        self._raccroche = True  # once: a second SIGHUP would only ask the same again
        if hasattr(signal, "SIGHUP"):
            with contextlib.suppress(ProcessLookupError):
                process.send_signal(signal.SIGHUP)
        else:  # pragma: no cover
            asyncio.ensure_future(self.send_meta({"type": "quit"}))

    async def stop(self) -> None:
        """Save and stop the process, and wait for it (never leaves it behind)."""
        if self._task is None:
            return
        await self._download_manager.cancel_app_downloads(app_service_id=self.app_service_id)
        self.raccrocher()
        process = self._process
        try:
            await asyncio.wait_for(asyncio.shield(self._task), ATTENTE_ARRET)
            if process is not None:
                await asyncio.wait_for(process.wait(), ATTENTE_ARRET)
        except TimeoutError:
            if process is not None and process.returncode is None:
                process.kill()
                await process.wait()
        self._task = None


class Postes:
    """State folders of the tabs: `<base>/<browser>/onglet-<n>`, n the first one free.

    The browser is known by a random cookie; the folders of its tabs share its
    settings (`config`, a link to `<base>/<browser>/config`).
    """

    def __init__(self, base: Path) -> None:
        self.base = base
        self._pris: set[tuple[str, str, int]] = set()

    def prendre(self, poste: str, slug: str) -> tuple[Path, tuple[str, str, int]]:
        n = 0
        while (poste, slug, n) in self._pris:
            n += 1
        cle = (poste, slug, n)
        self._pris.add(cle)
        home = self.base / poste / f"onglet-{n}"
        home.mkdir(parents=True, exist_ok=True, mode=0o700)
        commun = self.base / poste / "config"
        commun.mkdir(exist_ok=True, mode=0o700)
        lien = home / "config"
        if not lien.exists() and not lien.is_symlink():
            with contextlib.suppress(OSError):  # no links (some file systems): asked again
                os.symlink("../config", lien, target_is_directory=True)
        return home, cle

    def rendre(self, cle: tuple[str, str, int]) -> None:
        self._pris.discard(cle)
