"""A partner on another computer sees who has the project open (presence file next to it)."""

from __future__ import annotations

import json
import sys
from datetime import datetime, timedelta

import pytest

from coopwizard import store
from coopwizard.models import Projet
from coopwizard.store import presence
from tests.reliability.pty_app import spawn, wait_exit, wait_for

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal"),
]


def test_a_second_computer_sees_who_has_it_open(tmp_path):
    path = tmp_path / "projet.toml"
    store.save(Projet(nom="Fête"), path)
    first = spawn(path, tmp_path / "home-sophie", expect="Comment s'appelle votre projet")
    assert wait_for(lambda: presence.read(path) is not None)
    # Another user's state folder: the OS lock is not shared, as on another computer.
    # The notice's title, then its words: a narrow toast wraps between the screen's own words.
    second = spawn(path, tmp_path / "home-ahmed", expect="Projet partagé")
    second.see("Quelqu'un sur l'ordinateur")
    assert "ouvert depuis" in second.words()
    assert "Lecture seule" not in second.text()
    second.send("\x11")
    assert wait_exit(second) == 0
    assert presence.read(path) is not None  # the second one never removes the first one's
    first.send("\x11")
    assert wait_exit(first) == 0
    assert presence.read(path) is None  # withdrawn on close
    assert not presence.presence_path(path).exists()


def _write(path, **changes):
    now = datetime.now()
    data = {"par": "Sophie", "association": "Les Jardins", "machine": "ailleurs", "pid": 1,
            "depuis": now.isoformat(), "rafraichi": now.isoformat(), **changes}
    presence.presence_path(path).write_text(json.dumps(data), encoding="utf-8")


def test_someone_else_names_the_person_and_the_time(tmp_path):
    path = tmp_path / "projet.toml"
    _write(path, depuis=datetime.now().replace(hour=14, minute=2).isoformat())
    autre = presence.someone_else(path)
    assert autre is not None
    assert autre.phrase().startswith("Sophie (Les Jardins) a ce projet ouvert depuis 14:02")


def test_a_stale_or_broken_presence_file_says_nothing(tmp_path):
    path = tmp_path / "projet.toml"
    _write(path, rafraichi=(datetime.now() - timedelta(minutes=10)).isoformat())
    assert presence.someone_else(path) is None
    presence.presence_path(path).write_text("{pas du json", encoding="utf-8")
    assert presence.someone_else(path) is None


def test_our_own_file_is_not_someone_else(tmp_path):
    path = tmp_path / "projet.toml"
    ours = presence.PresenceFile(path, "Moi", "Mon asso")
    ours.announce()
    assert presence.read(path).par == "Moi"
    assert presence.someone_else(path) is None
    ours.withdraw()
    assert not presence.presence_path(path).exists()


def test_a_file_left_by_a_killed_program_of_this_computer_is_stale(tmp_path):
    import socket
    import subprocess

    done = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)
    path = tmp_path / "projet.toml"
    _write(path, machine=socket.gethostname(), pid=int(done.stdout))  # that process is gone
    assert presence.someone_else(path) is None


def test_two_computers_typing_in_different_fields_both_are_kept(tmp_path):
    """Two real programs (two state folders, as two computers on a synced folder) on one file."""
    path = tmp_path / "projet.toml"
    store.save(Projet(nom="Fête"), path)
    sophie = spawn(path, tmp_path / "home-sophie", expect="Comment s'appelle votre projet")
    ahmed = spawn(path, tmp_path / "home-ahmed", expect="Projet partagé")
    def lu(condition):
        sophie.drain()  # both programs draw: their terminals must be read
        ahmed.drain()
        return condition(store.load(path))

    sophie.send("\x05 des Lilas")
    assert wait_for(lambda: lu(lambda p: p.nom == "Fête des Lilas"))
    ahmed.see("Qui êtes-vous")  # a shared project: asked once who is typing
    ahmed.send("Ahmed\rAmicale des locataires\r")
    ahmed.send("\t")  # from the name to the summary
    ahmed.send("Un repas partagé")
    assert wait_for(lambda: lu(lambda p: (p.nom, p.resume) == ("Fête des Lilas", "Un repas partagé")))
    for child in (sophie, ahmed):
        child.send("\x11")
        assert wait_exit(child) == 0
    final = store.load(path)
    assert (final.nom, final.resume, final.conflits) == ("Fête des Lilas", "Un repas partagé", [])
    assert final.enregistrement.par in ("", "Ahmed")  # the last save says who made it
