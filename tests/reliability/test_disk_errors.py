"""Disk full, read-only folder, file or folder deleted: French message, old file intact.

Failures are injected where the system raises them (os.write, os.fsync,
mkstemp, os.replace). Where the machine allows it, the same is proven for
real: a 64 KiB tmpfs that fills up, a folder made immutable with chattr
(tests run as root here, and chmod does not stop root).
"""

from __future__ import annotations

import errno
import os
import shutil
import subprocess

import pytest

from coopwizard import store
from coopwizard.models import Projet
from coopwizard.store import atomic
from coopwizard.store.session import ProjectSession

BIG = Projet(nom="Gros", resume="Une réponse très longue. " * 20_000)  # ~500 KB


def _leftovers(folder):
    ours = ("projet.toml", "projet.toml.bak")
    return sorted(p.name for p in folder.iterdir() if p.name not in ours)


@pytest.fixture
def project(tmp_path):
    path = tmp_path / "projet.toml"
    store.save(Projet(nom="Sur le disque"), path)
    return path


def _fail_after(monkeypatch, name, code, calls=1):
    """Make os.<name> raise OSError(code) from its `calls`-th call on."""
    real = getattr(os, name)
    count = {"n": 0}

    def failing(*args):
        count["n"] += 1
        if count["n"] >= calls:
            raise OSError(code, os.strerror(code))
        return real(*args)

    monkeypatch.setattr(atomic.os, name, failing)


@pytest.mark.parametrize(
    ("where", "code", "french"),
    [
        ("write", errno.ENOSPC, "le disque est plein"),
        ("fsync", errno.ENOSPC, "le disque est plein"),
        ("write", errno.EDQUOT, "quota"),
        ("write", errno.EIO, "erreur de lecture ou d'écriture"),
        ("replace", errno.EROFS, "lecture seule"),
        ("replace", errno.EACCES, "droits"),
    ],
)
def test_injected_failure_keeps_old_file_and_leaves_no_temp(
    project, monkeypatch, where, code, french
):
    with ProjectSession(project) as session:
        projet = session.load()
        session.save(projet)  # the session's .bak is made: the failure hits the project file
        before = project.read_bytes()
        projet.nom = "Réponse tapée"
        monkeypatch.setattr(atomic, "_write_all", _chunked_write)  # several write calls
        _fail_after(monkeypatch, where, code, calls=2 if where == "write" else 1)
        with pytest.raises(store.ProjectFileError) as err:
            session.save(projet)
        message = str(err.value)
        assert french in message
        assert "Vos réponses sont gardées" in message
        assert os.strerror(code) not in message  # no English system text
        assert session.unsaved and session.last_error is err.value
        assert projet.nom == "Réponse tapée"  # the answer is still in memory
        assert project.read_bytes() == before
        assert _leftovers(project.parent) == []  # no temp file
        monkeypatch.undo()  # space freed: the next autosave succeeds
        session.save(projet)
        assert not session.unsaved
    assert store.load(project).nom == "Réponse tapée"


def test_failure_while_writing_the_backup_keeps_everything(project, monkeypatch):
    before = project.read_bytes()
    _fail_after(monkeypatch, "fsync", errno.ENOSPC)
    with ProjectSession(project) as session:
        projet = session.load()
        with pytest.raises(store.ProjectFileError, match="le disque est plein"):
            session.save(projet)
    assert project.read_bytes() == before
    assert sorted(p.name for p in project.parent.iterdir()) == ["projet.toml"]


def _chunked_write(fd, data):
    for start in range(0, len(data), 8):
        os.write(fd, data[start : start + 8])


def test_read_only_folder_injected_at_temp_creation(project, monkeypatch):
    def refuse(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(atomic.tempfile, "mkstemp", refuse)
    before = project.read_bytes()
    with pytest.raises(store.ProjectFileError, match="droits nécessaires"):
        store.save(Projet(nom="Autre"), project, make_backup=True)
    assert project.read_bytes() == before


def test_file_deleted_under_the_app_is_written_again(project):
    with ProjectSession(project) as session:
        projet = session.load()
        project.unlink()
        projet.nom = "Toujours là"
        session.save(projet)
    assert store.load(project).nom == "Toujours là"


def test_folder_deleted_under_the_app_gives_a_french_message(project):
    with ProjectSession(project) as session:
        projet = session.load()
        shutil.rmtree(project.parent)
        with pytest.raises(store.ProjectFileError, match="le dossier n'existe plus"):
            session.save(projet)
        assert session.unsaved


def _mount_tmpfs(folder, size="64k"):
    folder.mkdir()
    try:
        done = subprocess.run(
            ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)],
            capture_output=True,
        )
    except FileNotFoundError:
        return False
    return done.returncode == 0


def test_real_disk_full_on_a_tiny_tmpfs(tmp_path):
    folder = tmp_path / "petit-disque"
    if not _mount_tmpfs(folder):
        pytest.skip("cannot mount a tmpfs here (needs root and CAP_SYS_ADMIN)")
    try:
        path = folder / "projet.toml"
        store.save(Projet(nom="Tient sur le disque"), path)
        before = path.read_bytes()
        with pytest.raises(store.ProjectFileError, match="le disque est plein"):
            store.save(BIG, path, make_backup=True)
        assert path.read_bytes() == before
        assert sorted(p.name for p in folder.iterdir()) == ["projet.toml", "projet.toml.bak"]
    finally:
        subprocess.run(["umount", str(folder)], check=False)


def test_real_read_only_folder(tmp_path):
    folder = tmp_path / "protege"
    folder.mkdir()
    path = folder / "projet.toml"
    store.save(Projet(nom="Protégé"), path)
    before = path.read_bytes()
    if os.geteuid() != 0:
        folder.chmod(0o500)
        undo = ["chmod", "700", str(folder)]
    else:  # root ignores chmod: make the folder immutable instead
        done = subprocess.run(["chattr", "+i", str(folder)], capture_output=True)
        if done.returncode != 0:
            pytest.skip("chattr +i not available on this file system")
        undo = ["chattr", "-i", str(folder)]
    try:
        with pytest.raises(store.ProjectFileError, match="droits nécessaires"):
            store.save(Projet(nom="Changé"), path, make_backup=True)
        assert path.read_bytes() == before
        assert sorted(p.name for p in folder.iterdir()) == ["projet.toml"]
    finally:
        subprocess.run(undo, check=False)
