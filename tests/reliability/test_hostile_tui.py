"""Hostile text pasted into the real program (pty, bracketed paste) is saved on Ctrl+Q."""

from __future__ import annotations

import os
import sys

import pytest

from coopwizard import store
from coopwizard.models import Projet
from coopwizard.text import normalise_text

pexpect = pytest.importorskip("pexpect")

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal"),
]

NOM = "Fête 👨‍👩‍👧‍👦 مرحبا <script>x</script> =1+1 [bold]gras[/] \x07\x01fin"
BLOC = "ligne <img src=x onerror=alert(1)> javascript:alert(1)\r\n=SUM(A1) \u202eRTL 🏳️‍🌈\r\n"
LONG = BLOC * 2500  # about 200 KB pasted at once into a long-text field


def _paste(child, text: str) -> None:
    child.send("\x1b[200~" + text + "\x1b[201~")


def test_hostile_paste_into_fields_is_saved(tmp_path):
    path = tmp_path / "projet.toml"
    store.save(Projet(nom="Avant"), path)
    env = dict(os.environ, COOPWIZARD_HOME=str(tmp_path / "home"), TERM="xterm-256color")
    child = pexpect.spawn(
        sys.executable, ["-m", "coopwizard", "open", str(path)],
        env=env, dimensions=(32, 100), encoding="utf-8", timeout=60,
    )
    child.expect("Comment s'appelle votre projet")
    child.send("\x15")  # Ctrl+U: clear "Avant" (the cursor is at its end)
    _paste(child, NOM)
    child.expect("coopwizard · Fête")
    child.send("\t")  # the summary: a multi-line field
    _paste(child, LONG)
    child.send("\x11")  # Ctrl+Q right away: keys are handled in order, the quit saves
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    projet = store.load(path)
    assert projet.nom == normalise_text(NOM)
    assert projet.resume.rstrip("\n") == normalise_text(LONG).rstrip("\n")
