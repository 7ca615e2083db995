"""`coopwizard serve` as a partner meets it: a real server process, in private folders."""

from __future__ import annotations

import asyncio
import functools
import os
import re
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")


def attendre(condition, timeout: float = 30.0, pas: float = 0.05, etat=lambda: ""):
    """Wait for `condition()` to be true (returns its value), or fail after `timeout`
    (the message then shows `etat()`: what there was instead)."""
    fin = time.monotonic() + timeout
    while not (valeur := condition()):
        if time.monotonic() > fin:
            raise AssertionError(f"la condition attendue n'est pas arrivée :\n{etat()}")
        time.sleep(pas)
    return valeur


def environnement(racine: Path) -> dict[str, str]:
    """HOME, XDG folders and coopwizard's own: all under `racine`, never the user's."""
    env = dict(os.environ, HOME=str(racine / "home"), COOPWIZARD_HOME=str(racine / "coop"))
    for nom in ("CONFIG", "DATA", "STATE", "CACHE"):
        env[f"XDG_{nom}_HOME"] = str(racine / "xdg" / nom.lower())
    for nom in ("COLUMNS", "LINES", "NO_COLOR"):  # xdist sets a size: the page's must rule
        env.pop(nom, None)
    return env


@dataclass
class Serveur:
    process: subprocess.Popen
    sortie: Path
    liens: dict[str, str]
    env: dict[str, str]

    def texte(self) -> str:
        return self.sortie.read_text(encoding="utf-8", errors="replace")

    def arreter(self, timeout: float = 60.0) -> int:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
        return self.process.wait(timeout=timeout)


def lancer(racine: Path, *args: str) -> Serveur:
    """`coopwizard serve ARGS --port 0`, once it printed its links."""
    racine.mkdir(parents=True, exist_ok=True)
    sortie = racine / "serveur.log"
    env = environnement(racine)
    with sortie.open("wb") as fichier:
        process = subprocess.Popen(
            [sys.executable, "-m", "coopwizard", "serve", *args, "--port", "0"],
            stdout=fichier, stderr=subprocess.STDOUT, env=env, cwd=racine)
    serveur = Serveur(process, sortie, {}, env)

    def pret():
        if process.poll() is not None:
            raise AssertionError(f"le serveur s'est arrêté :\n{serveur.texte()}")
        return "Ctrl+C arrête le serveur" in serveur.texte()

    attendre(pret)
    for titre, lien in re.findall(r"^  (.*) : (https?://\S+)$", serveur.texte(), re.M):
        serveur.liens[titre] = lien
    return serveur


@pytest.fixture
def serveur_de(tmp_path):
    """Start servers; each is stopped with Ctrl+C (SIGINT) at the end of the test."""
    lances: list[Serveur] = []

    def demarrer(*args: str) -> Serveur:
        serveur = lancer(tmp_path / f"serveur-{len(lances)}", *args)
        lances.append(serveur)
        return serveur

    yield demarrer
    for serveur in lances:
        try:
            serveur.arreter()
        except subprocess.TimeoutExpired:
            serveur.process.kill()
            raise


@pytest.fixture
def context():
    """A browser context in Debian's Chromium (never a downloaded browser).

    Playwright is started and stopped in each test, not kept for the session as
    pytest-playwright's own fixtures do: its sync API leaves an event loop marked as
    running in the worker, and every later `async def` test of that worker (the UI's
    Pilot tests) would fail to start its own.
    """
    if not CHROMIUM.exists():
        pytest.skip("/usr/bin/chromium est absent (paquet Debian chromium) : "
                    "les tests dans le navigateur ne peuvent pas tourner")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        # without WebGL xterm.js draws faster on a machine without a GPU
        navigateur = playwright.chromium.launch(executable_path=str(CHROMIUM),
                                                args=["--disable-webgl"])
        try:
            yield navigateur.new_context()
        finally:
            navigateur.close()


def dans_un_fil(test):
    """Run an `async def` test in its own thread and event loop, whatever a browser test
    of the same worker left in the main thread (Playwright's sync API runs a loop there)."""

    @functools.wraps(test)
    def synchrone(*args, **kwargs):
        erreurs: list[BaseException] = []

        def fil() -> None:
            try:
                asyncio.run(test(*args, **kwargs))
            except BaseException as err:  # noqa: BLE001 - raised again in the test's thread
                erreurs.append(err)

        execution = threading.Thread(target=fil)
        execution.start()
        execution.join()
        if erreurs:
            raise erreurs[0]

    return synchrone
