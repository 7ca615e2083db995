"""End to end in a real terminal (pexpect): SIGTERM and SIGHUP save the answers, then quit."""

from __future__ import annotations

import signal
import sys

import pexpect
import pytest

from coopwizard import store
from coopwizard.models import Projet

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")


def _lancer(chemin, home):
    env = {"COOPWIZARD_HOME": str(home), "TERM": "xterm-256color", "PATH": "/usr/bin:/bin",
           "LANG": "C.UTF-8"}
    child = pexpect.spawn(
        sys.executable, ["-m", "coopwizard", "open", str(chemin)],
        env=env, dimensions=(32, 100), encoding="utf-8", timeout=30,
    )
    child.expect("réponses")  # the status bar is drawn: the wizard is ready
    return child


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_signal_saves_what_was_typed(tmp_path, signum):
    chemin = tmp_path / "p.toml"
    store.save(Projet(), chemin)
    child = _lancer(chemin, tmp_path / "home")
    child.send("Kermesse")
    child.expect("Kermesse")  # echoed in the name field: the answer is in memory
    child.kill(signum)
    child.expect(pexpect.EOF)
    child.close()
    assert store.load(chemin).nom == "Kermesse"
    assert (child.exitstatus, child.signalstatus) == (0, None)  # a clean exit, not killed
