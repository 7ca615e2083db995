"""A broken project with a readable .bak: the user is offered the backup, nothing is lost."""

from __future__ import annotations

import os
import re
import shutil
import sys

import pexpect

from coopwizard import store
from coopwizard.paths import example_project_file

BROKEN = b'nom = "Repas\n[conception\n'


def _spawn(tmp_path, path):
    env = dict(os.environ, COOPWIZARD_HOME=str(tmp_path / "home"), TERM="xterm-256color")
    return pexpect.spawn(sys.executable, ["-m", "coopwizard", "open", str(path)],
                         env=env, dimensions=(32, 100), encoding="utf-8", timeout=30)


def _broken_project_with_backup(tmp_path):
    path = tmp_path / "projet.toml"
    shutil.copy(example_project_file(), path.with_name("projet.toml.bak"))
    path.write_bytes(BROKEN)
    return path


def test_accepting_restores_the_backup_and_keeps_the_broken_file(tmp_path):
    path = _broken_project_with_backup(tmp_path)
    child = _spawn(tmp_path, path)
    child.expect("ligne 1")
    child.expect(r"Ouvrir la copie de sauvegarde \? \[o/N\]")
    child.sendline("o")
    child.expect("Repas partagé du quartier des Lilas")  # the wizard, on the backup
    child.send("\x11")  # Ctrl+Q
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert store.load(path).nom == "Repas partagé du quartier des Lilas"
    assert (tmp_path / "projet.toml.abime").read_bytes() == BROKEN


def test_refusing_leaves_everything_untouched(tmp_path):
    path = _broken_project_with_backup(tmp_path)
    backup = path.with_name("projet.toml.bak").read_bytes()
    child = _spawn(tmp_path, path)
    child.expect(r"\[o/N\]")
    child.sendline("n")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 2
    assert path.read_bytes() == BROKEN
    assert path.with_name("projet.toml.bak").read_bytes() == backup
    assert not (tmp_path / "projet.toml.abime").exists()


def test_without_a_terminal_the_hint_is_given_and_nothing_changes(tmp_path):
    import subprocess

    path = _broken_project_with_backup(tmp_path)
    result = subprocess.run(
        [sys.executable, "-m", "coopwizard", "open", str(path)], stdin=subprocess.DEVNULL,
        capture_output=True, text=True, timeout=60,
        env=dict(os.environ, COOPWIZARD_HOME=str(tmp_path / "home")),
    )
    assert result.returncode == 2
    assert "copie de sauvegarde lisible" in result.stderr
    assert path.read_bytes() == BROKEN


def test_the_offer_in_the_terminal_is_honest_and_says_where_the_broken_file_is(tmp_path):
    from datetime import datetime

    path = tmp_path / "projet.toml"
    bak = path.with_name("projet.toml.bak")
    shutil.copy(example_project_file(), bak)
    moment = datetime(2026, 12, 1, 10, 10).timestamp()
    os.utime(bak, (moment, moment))
    texte = example_project_file().read_text(encoding="utf-8").replace(
        'nom = "Repas partagé du quartier des Lilas"', 'nom = "Repas des Lilas 2027"',
    ).replace("[conception]", "[conception", 1)
    path.write_text(texte, encoding="utf-8")
    child = _spawn(tmp_path, path)
    child.expect("le mardi 1er décembre 2026 à 10 h 10")  # the date of the backup's version
    child.expect("Nom du projet : « Repas des Lilas 2027 »")  # what restoring would drop
    child.expect(r"Ouvrir la copie de sauvegarde \? \[o/N\]")
    child.sendline("o")
    child.expect("gardé tel quel sous " + re.escape(str(tmp_path / "projet.toml.abime")))
    child.expect("Repas partagé du quartier des Lilas")  # the wizard, on the backup
    child.send("\x11")  # Ctrl+Q
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    kept = tmp_path / "projet.toml.abime"
    assert kept.read_text(encoding="utf-8") == texte  # the newer session, as it was
    assert store.load(path).nom == "Repas partagé du quartier des Lilas"
