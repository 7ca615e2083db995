"""The real program in a pseudo-terminal: type, then quit or get killed politely; the text is saved.

`coopwizard open` runs in a pty (100x32, xterm-256color). Text is typed into
the project's name and into the summary; as soon as the screen shows it, the
program is stopped with Ctrl+Q, SIGTERM, SIGHUP, or by closing the terminal —
well before the 0.7 s autosave delay. The file must then hold what was typed.
"""

from __future__ import annotations

import os
import signal
import sys

import pytest

from coopwizard import store
from coopwizard.models import Projet
from tests.reliability.pty_app import wait_pid

pexpect = pytest.importorskip("pexpect")

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal"),
]

NOM = "SignalNom42"
RESUME = "SignalResume17"


def _spawn(path, home):
    env = dict(os.environ, COOPWIZARD_HOME=str(home), TERM="xterm-256color")
    env.pop("NO_COLOR", None)
    child = pexpect.spawn(
        sys.executable, ["-m", "coopwizard", "open", str(path)],
        env=env, dimensions=(32, 100), encoding="utf-8", timeout=30,
    )
    child.expect("Comment s'appelle votre projet")
    return child


def _type_answers(child):
    # The name field has the focus, cursor at the end of "Avant": Ctrl+U clears it.
    child.send("\x15")
    child.send(NOM)
    child.expect(f"coopwizard · {NOM}")  # the app has taken the answer in
    child.send("\t")
    child.send(RESUME)
    child.expect(RESUME)


@pytest.fixture
def project(tmp_path):
    path = tmp_path / "projet.toml"
    store.save(Projet(nom="Avant"), path)
    return path


def _stop(child, how):
    if how == "ctrl-q":
        child.send("\x11")
    elif how == "sigterm":
        child.kill(signal.SIGTERM)
    elif how == "sighup":
        child.kill(signal.SIGHUP)
    elif how == "terminal-ferme":
        os.close(child.child_fd)  # the terminal window is closed: the kernel sends SIGHUP
        child.closed = True


@pytest.mark.parametrize("how", ["ctrl-q", "sigterm", "sighup", "terminal-ferme"])
def test_typed_text_is_on_disk_after_exit(project, tmp_path, how):
    child = _spawn(project, tmp_path / "home")
    _type_answers(child)
    _stop(child, how)
    if how == "terminal-ferme":
        wait_pid(child.pid)
    else:
        child.expect(pexpect.EOF)
        child.close()
    projet = store.load(project)
    assert projet.nom == NOM
    assert projet.resume == RESUME
    assert store.load(store.backup_path(project)).nom == "Avant"
    leftovers = [p.name for p in project.parent.iterdir() if p.name.startswith(".")]
    assert leftovers == []


def test_second_window_is_read_only_and_says_so(project, tmp_path):
    first = _spawn(project, tmp_path / "home")
    try:
        second = _spawn(project, tmp_path / "home")
        second.expect("Lecture seule")
        second.send("Perdu")
        second.send("\x11")
        second.expect(pexpect.EOF)
        second.close()
        assert store.load(project).nom == "Avant"
    finally:
        first.send("\x11")
        first.expect(pexpect.EOF)
        first.close()
