"""Two instances on one project: the second is read-only; a killed holder does not block."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap

import pytest

from coopwizard import store
from coopwizard.models import Projet
from coopwizard.store.session import ProjectSession

HOLDER = textwrap.dedent(
    """
    import sys, time
    from coopwizard.store.session import ProjectSession
    session = ProjectSession(sys.argv[1])
    print("verrou" if session.acquire() else "lecture-seule", flush=True)
    time.sleep(120)
    """
)


def _start_holder(path):
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(path)],
        stdout=subprocess.PIPE,
        text=True,
        env=os.environ.copy(),  # same COOPWIZARD_HOME: same lock folder
    )
    assert proc.stdout.readline().strip() == "verrou"
    return proc


@pytest.fixture
def project(tmp_path):
    path = tmp_path / "projet.toml"
    store.save(Projet(nom="Partagé"), path)
    return path


def test_second_instance_is_read_only_and_refuses_to_save(project):
    holder = _start_holder(project)
    try:
        session = ProjectSession(project)
        assert session.acquire() is False
        assert session.read_only
        before = project.read_bytes()
        with pytest.raises(store.ProjectFileError) as err:
            session.save(Projet(nom="Écrasé ?"))
        assert "lecture seule" in str(err.value)
        assert "autre fenêtre" in str(err.value)
        assert project.read_bytes() == before
        assert session.unsaved
        # Reading is still allowed.
        assert session.load().nom == "Partagé"
    finally:
        holder.kill()
        holder.wait()


def test_lock_left_by_a_killed_process_does_not_block(project):
    holder = _start_holder(project)
    os.kill(holder.pid, signal.SIGKILL)
    holder.wait()
    # The lock file is still on disk, but the OS released the lock with the process.
    with ProjectSession(project) as session:
        assert not session.read_only
        session.load()
        session.save(Projet(nom="Repris"))
    assert store.load(project).nom == "Repris"


def test_symlink_and_real_path_share_one_lock(project, tmp_path):
    link = tmp_path / "lien.toml"
    link.symlink_to(project)
    holder = _start_holder(link)
    try:
        assert ProjectSession(project).acquire() is False
    finally:
        holder.kill()
        holder.wait()


def test_lock_is_released_at_the_end_of_a_session(project):
    with ProjectSession(project) as first:
        assert not first.read_only
        assert ProjectSession(project).acquire() is False
    with ProjectSession(project) as again:
        assert not again.read_only


def test_acquiring_twice_does_not_lock_oneself_out(project):
    with ProjectSession(project) as session:
        assert session.acquire() is True
        assert not session.read_only
        session.save(Projet(nom="Toujours modifiable"))


def test_no_lock_folder_still_lets_the_user_edit(project, tmp_path, monkeypatch):
    blocker = tmp_path / "pas-un-dossier"
    blocker.write_text("x")
    monkeypatch.setenv("COOPWIZARD_HOME", str(blocker))  # state/ cannot be created under a file
    with ProjectSession(project) as session:
        assert session.unlocked and not session.read_only
        session.load()
        session.save(Projet(nom="Sans verrou"))
    assert store.load(project).nom == "Sans verrou"
