"""Saving follows ARCHITECTURE.md step by step; links, permissions and backups behave."""

from __future__ import annotations

import os
import stat

import pytest

from coopwizard import store
from coopwizard.models import Projet
from coopwizard.store import atomic
from coopwizard.store.session import ProjectSession


def _leftovers(folder):
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


def test_save_steps_happen_in_the_documented_order(tmp_path, monkeypatch):
    path = tmp_path / "projet.toml"
    store.save(Projet(nom="Avant"), path)
    calls: list[str] = []
    for name in ("write", "fsync", "replace"):
        real = getattr(os, name)

        def spy(*args, _real=real, _name=name):
            calls.append(_name)
            return _real(*args)

        monkeypatch.setattr(atomic.os, name, spy)
    folders: list = []
    monkeypatch.setattr(atomic, "fsync_dir",
                        lambda d: (calls.append("fsync_dir"), folders.append(d)))
    store.save(Projet(nom="Après"), path)
    # write -> fsync the file -> rename -> fsync the folder.
    assert calls == ["write", "fsync", "replace", "fsync_dir"]
    assert folders == [tmp_path.resolve()]
    assert store.load(path).nom == "Après"
    assert _leftovers(tmp_path) == []


def test_a_project_that_does_not_read_back_identically_is_not_written(tmp_path, monkeypatch):
    path = tmp_path / "projet.toml"
    store.save(Projet(nom="Avant"), path)
    before = path.read_bytes()
    # Simulate a serializer bug: the bytes would not re-parse to the same answers.
    from coopwizard.store import serialise

    serialise.clear_cache()
    monkeypatch.setattr(serialise.tomli_w, "dumps",
                        lambda data, **kw: 'schema_version = 2\nnom = "autre"\n')
    with pytest.raises(store.ProjectFileError, match="Enregistrement annulé"):
        store.save(Projet(nom="Après"), path)
    assert path.read_bytes() == before
    assert _leftovers(tmp_path) == []


def test_symlinked_project_stays_a_symlink(tmp_path):
    real_dir = tmp_path / "vrai"
    real_dir.mkdir()
    real = real_dir / "projet.toml"
    store.save(Projet(nom="Un"), real)
    link = tmp_path / "lien.toml"
    link.symlink_to(real)
    with ProjectSession(link) as session:
        session.load()
        written = session.save(Projet(nom="Deux"))
    assert link.is_symlink()
    assert written == real.resolve()
    assert store.load(real).nom == "Deux"
    # The backup sits next to the real file, not next to the link.
    assert store.backup_path(link) == real.with_name("projet.toml.bak")
    assert store.load(real.with_name("projet.toml.bak")).nom == "Un"
    assert _leftovers(tmp_path) == [] and _leftovers(real_dir) == []


def test_permissions_are_kept(tmp_path):
    path = tmp_path / "secret.toml"
    store.save(Projet(nom="Un"), path)
    path.chmod(0o600)
    store.save(Projet(nom="Deux"), path, make_backup=True)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(store.backup_path(path).stat().st_mode) == 0o600
    path.chmod(0o640)
    store.save(Projet(nom="Trois"), path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o640


def test_new_file_gets_the_umask_mode_not_mkstemp_0600(tmp_path):
    old = os.umask(0o022)
    try:
        path = tmp_path / "neuf.toml"
        store.save(Projet(nom="Neuf"), path)
    finally:
        os.umask(old)
    assert stat.S_IMODE(path.stat().st_mode) == 0o644


def test_backup_once_per_session_holds_the_file_as_it_was_opened(tmp_path):
    path = tmp_path / "projet.toml"
    store.save(Projet(nom="Version ouverte"), path)
    with ProjectSession(path) as session:
        session.load()
        session.save(Projet(nom="Modif 1"))
        session.save(Projet(nom="Modif 2"))
    assert store.load(store.backup_path(path)).nom == "Version ouverte"
    assert store.load(path).nom == "Modif 2"
    with ProjectSession(path) as session:  # the next session backs up again
        session.load()
        session.save(Projet(nom="Modif 3"))
    assert store.load(store.backup_path(path)).nom == "Modif 2"


def test_session_removes_temp_files_left_by_a_killed_save(tmp_path):
    path = tmp_path / "projet.toml"
    store.save(Projet(nom="Un"), path)
    stale = tmp_path / ".projet.toml.abcd1234.coopwizard-tmp"
    stale.write_text("moitié d'enregistrement")
    stale_bak = tmp_path / ".projet.toml.bak.abcd_123.coopwizard-tmp"
    stale_bak.write_text("moitié")
    other = tmp_path / ".autre.toml.abcd1234.coopwizard-tmp"  # another project's: untouched
    other.write_text("x")
    with ProjectSession(path):
        pass
    assert not stale.exists() and not stale_bak.exists()
    assert other.exists()


def test_long_file_name_does_not_break_the_temp_name(tmp_path):
    path = tmp_path / ("p" * 240 + ".toml")
    store.save(Projet(nom="Long"), path)
    store.save(Projet(nom="Long 2"), path)
    assert store.load(path).nom == "Long 2"
