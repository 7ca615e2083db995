"""The real program in a pseudo-terminal: a burst of keys is applied in order, a paste is text.

Each burst is ONE `send`: the terminal hands it to coopwizard at once, as when keys are
typed faster than the app handles them (a busy machine, a remote session, a macro).
What each burst did is read back from the project file (Ctrl+S at the end of the burst
writes it at once), or from the screen.
"""

from __future__ import annotations

import sys

import pytest

from coopwizard import store
from coopwizard.models import Projet
from tests.reliability.pty_app import spawn, wait_exit, wait_for

pexpect = pytest.importorskip("pexpect")

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal"),
]

OUVRE, FERME = "\x1b[200~", "\x1b[201~"  # what the terminal puts around a paste
CTRL_U, CTRL_Q, CTRL_S, TAB, SHIFT_TAB = "\x15", "\x11", "\x13", "\t", "\x1b[Z"
QUESTION = "Comment s'appelle votre projet"


def _answers(path):
    projet = store.load(path)
    return projet.nom, projet.resume


def _wait_answers(child, path, attendu):
    """Poll the file until it holds `attendu` (name, summary); the last read otherwise."""

    def fait():
        child.drain()  # read the screen updates: a full pty would block the program
        return _answers(path) == attendu

    wait_for(fait, timeout=10)
    return _answers(path)


@pytest.fixture(autouse=True)
def _taille_du_terminal(monkeypatch):
    # pytest-xdist sets COLUMNS / LINES (80 x 24): Textual would take them over the pty's
    # 100 x 32, and the screen the emulator shows would not be the one drawn.
    monkeypatch.delenv("COLUMNS", raising=False)
    monkeypatch.delenv("LINES", raising=False)


@pytest.fixture
def project(tmp_path):
    path = tmp_path / "projet.toml"
    store.save(Projet(nom="Avant"), path)
    return path


def test_bursts_with_a_tab_fill_both_fields(project, coopwizard_home):
    """ "abc", Tab, "def" in one write: "abc" in the name, "def" in the summary (15 bursts)."""
    child = spawn(project, coopwizard_home, expect=QUESTION)
    try:
        for i in range(15):  # each burst empties both fields and types fresh text
            nom, resume = f"Nom{i}abc", f"Resume{i}def"
            child.send(CTRL_U + nom + TAB + CTRL_U + resume + CTRL_S + SHIFT_TAB)
            assert _wait_answers(child, project, (nom, resume)) == (nom, resume), f"burst {i}"
        child.send(CTRL_Q)
        assert wait_exit(child) == 0
    finally:
        if child.isalive():
            child.kill(9)


def test_ctrl_q_in_the_same_write_waits_for_the_keys_and_the_tab_before_it(
        tmp_path, coopwizard_home):
    """Ctrl+Q 0 ms after "name", Tab, "summary": quits with both saved (10 runs, 5 at a time)."""
    for lot in range(2):
        runs = []
        for i in range(5):
            path = tmp_path / f"projet-{lot}-{i}.toml"
            store.save(Projet(nom="Avant"), path)
            runs.append((path, f"Vite{lot}{i}", f"Resume{lot}{i}"))
        children = [spawn(path, coopwizard_home, expect=QUESTION) for path, _, _ in runs]
        for child, (_, nom, resume) in zip(children, runs):
            child.send(CTRL_U + nom + TAB + resume + CTRL_Q)
        for child, (path, nom, resume) in zip(children, runs):
            assert wait_exit(child) == 0
            assert _answers(path) == (nom, resume)


def test_ctrl_q_inside_a_pasted_text_does_not_quit(project, coopwizard_home):
    """A pasted text holding ESC[201~ then ^Q: Textual would end the paste and quit."""
    child = spawn(project, coopwizard_home, expect=QUESTION)
    try:
        for i in range(5):
            colle = f"{OUVRE}Colle{i}{FERME}{CTRL_Q}Suite{i}{FERME}"
            child.send(CTRL_U + colle + CTRL_S)
            attendu = (f"Colle{i}Suite{i}", "")
            assert _wait_answers(child, project, attendu) == attendu, f"paste {i}"
            assert child.isalive()
        child.see("coopwizard · Colle4Suite4")
        child.send(CTRL_Q)  # a real Ctrl+Q still quits
        assert wait_exit(child) == 0
    finally:
        if child.isalive():
            child.kill(9)
    assert store.load(project).nom == "Colle4Suite4"


def test_a_read_only_window_refuses_typing_once_and_keeps_navigation(project, coopwizard_home):
    """A second window on the project: typing is refused with one notice, F6 and Ctrl+Q work."""
    first = spawn(project, coopwizard_home, expect=QUESTION)
    try:
        second = spawn(project, coopwizard_home, expect="Lecture seule")
        second.send("Perdu" + "\x7f" + "x" * 20)  # characters and Backspace, one burst
        second.see("rien de ce qui")
        second.send("\x1b[17~")  # F6: the next step, once the burst has been handled
        second.see("Étape 2 sur 9")
        assert second.text().count("rien de ce qui") == 1
        second.send(CTRL_Q)
        assert wait_exit(second) == 0
    finally:
        first.send(CTRL_Q)
        wait_exit(first)
    assert _answers(project) == ("Avant", "")
