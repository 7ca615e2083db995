"""The real program in a pseudo-terminal: a date half typed, then quit: the file never holds 1970.

`coopwizard open` runs in a pty (100x32) on a project left at its start-date
question. A partial or impossible date is typed; once the screen says it is
not recognised, the program is stopped (Ctrl+Q, or SIGTERM). Whatever the app
does with the text (asks first, keeps a draft), no file in the folder may
hold 01/01/1970 or any date other than the one the project had.
"""

from __future__ import annotations

import os
import signal
import sys
from datetime import date

import pytest

from coopwizard import store
from coopwizard.models import Position, Projet

pexpect = pytest.importorskip("pexpect")

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal"),
]

AVANT = date(2026, 9, 5)


def _project(tmp_path, debut=None):
    path = tmp_path / "projet.toml"
    store.save(Projet(nom="Repas", date_debut=debut,
                      position=Position(etape="projet", champ="date_debut")), path)
    return path


def _spawn(path, home):
    env = dict(os.environ, COOPWIZARD_HOME=str(home), TERM="xterm-256color")
    env.pop("NO_COLOR", None)
    child = pexpect.spawn(sys.executable, ["-m", "coopwizard", "open", str(path)],
                          env=env, dimensions=(32, 100), encoding="utf-8", timeout=30)
    child.expect("Quand le projet commence-t-il")
    return child


def _quit(child, how):
    if how == "sigterm":
        child.kill(signal.SIGTERM)
        child.expect(pexpect.EOF)
    else:
        child.send("\x11")  # Ctrl+Q; the app may first point out the date not recognised
        # Its notice says « Corrigez-la ... » (waiting for it, not for a timeout that
        # always expired, saved 8 s a test); the timeout stays for a notice reworded.
        if child.expect([pexpect.EOF, "Corrigez", pexpect.TIMEOUT], timeout=8) != 0:
            child.send("\x11")  # ... and quit on the second Ctrl+Q
            child.expect(pexpect.EOF)
    child.close()


def _no_file_holds_another_date(folder, allowed):
    for fichier in folder.rglob("*"):
        if fichier.is_file():
            contenu = fichier.read_bytes()
            assert b"1970-01-01" not in contenu, fichier
            assert b"2020-09-05" not in contenu, fichier  # "05/09/20" taken for a year
    assert store.load(folder / "projet.toml").date_debut == allowed


@pytest.mark.parametrize(("saisie", "vu"), [
    ("0", "pas encore reconnue"),
    ("2026", "pas encore reconnue"),
    ("05/0", "pas encore reconnue"),
    ("05/09/20", "crivez l'année en entier"),
    ("31/02/2027", "n'existe pas"),
])
def test_a_partial_date_then_ctrl_q_never_saves_a_date(tmp_path, saisie, vu):
    path = _project(tmp_path)
    child = _spawn(path, tmp_path / "home")
    child.send(saisie)
    child.expect(vu)  # the app has taken every key in, and says the date is not whole
    _quit(child, "ctrl-q")
    assert child.exitstatus == 0
    _no_file_holds_another_date(tmp_path, None)


@pytest.mark.parametrize("how", ["ctrl-q", "sigterm"])
def test_a_typo_in_a_saved_date_keeps_the_saved_date(tmp_path, how):
    path = _project(tmp_path, AVANT)
    child = _spawn(path, tmp_path / "home")
    child.send("0")  # the cursor is after 05/09/2026: now 05/09/20260
    child.expect("trop de chiffres")
    _quit(child, how)
    _no_file_holds_another_date(tmp_path, AVANT)
