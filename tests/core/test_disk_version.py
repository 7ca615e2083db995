"""A session never overwrites a version of the file it did not load or write."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coopwizard import store
from coopwizard.models import Projet
from coopwizard.store.session import ChangedOnDisk, DiskVersion, ProjectSession


@pytest.fixture
def session(tmp_path):
    path = tmp_path / "projet.toml"
    store.save(Projet(nom="Nous"), path)
    with ProjectSession(path) as session:
        session.load()
        yield session


def test_our_own_saves_are_never_a_change(session):
    for nom in ("un", "deux", "trois"):
        session.save(Projet(nom=nom))
        assert not session.changed_on_disk()
    assert store.load(session.path).nom == "trois"


def test_another_version_is_refused_and_left_as_it_is(session):
    store.save(Projet(nom="Partenaire"), session.path)
    before = session.path.read_bytes()
    with pytest.raises(ChangedOnDisk) as err:
        session.save(Projet(nom="Nous, plus tard"))
    assert "modifié en dehors de coopwizard" in str(err.value)
    assert session.path.read_bytes() == before
    assert session.unsaved


def test_a_version_arriving_while_we_serialise_is_not_replaced(session, monkeypatch):
    """The check before the save is not enough: a large project takes a while to write,
    and a synced folder can bring a partner's version meanwhile. It is checked again
    once our text is on disk, just before the rename."""
    serialise = store._dumped

    def partner_arrives_meanwhile(projet):
        monkeypatch.setattr(store, "_dumped", serialise)  # once
        dumped = serialise(projet)
        store.save(Projet(nom="Partenaire"), session.path)  # not through our session
        return dumped

    monkeypatch.setattr(store, "_dumped", partner_arrives_meanwhile)
    with pytest.raises(ChangedOnDisk):
        session.save(Projet(nom="Nous, plus tard"))
    assert store.load(session.path).nom == "Partenaire"
    assert session.unsaved
    assert not [p for p in session.path.parent.iterdir() if "coopwizard-tmp" in p.name]


def test_a_version_arriving_just_after_our_rename_is_not_taken_for_ours(session, monkeypatch):
    """Our version is known from the temp file we wrote, not read back from the path: an
    editor saving the instant after our rename is another version, never overwritten."""
    from coopwizard.store import atomic

    rename = atomic.os.replace

    def editor_saves_right_after(source, target):
        rename(source, target)
        if Path(target) == session.path.resolve():  # not the .bak
            monkeypatch.setattr(atomic.os, "replace", rename)  # once
            Path(target).write_text('nom = "coupé', encoding="utf-8")  # half a file, in place

    monkeypatch.setattr(atomic.os, "replace", editor_saves_right_after)
    session.save(Projet(nom="Nous"))
    with pytest.raises(ChangedOnDisk):
        session.save(Projet(nom="Nous, plus tard"))
    assert session.path.read_text(encoding="utf-8") == 'nom = "coupé'


def test_a_replacement_by_rename_is_seen_even_with_the_same_size_and_time(session):
    """A coarse mtime (FAT, network shares) and the same size: the new inode still tells."""
    info = session.path.stat()
    autre = session.path.with_name("autre.toml")
    autre.write_bytes(session.path.read_bytes().replace(b"Nous", b"Eux!"))
    os.utime(autre, ns=(info.st_atime_ns, info.st_mtime_ns))
    os.replace(autre, session.path)  # what Syncthing or Nextcloud do
    with pytest.raises(ChangedOnDisk):
        session.save(Projet(nom="Nous, plus tard"))
    assert store.load(session.path).nom == "Eux!"


def test_a_touch_or_a_rewrite_of_the_same_bytes_is_not_a_change(session):
    info = session.path.stat()
    os.utime(session.path, ns=(info.st_atime_ns, info.st_mtime_ns + 10**9))
    session.path.write_bytes(session.path.read_bytes())
    session.save(Projet(nom="Nous encore"))
    assert store.load(session.path).nom == "Nous encore"


def test_a_deleted_file_is_written_again(session):
    session.path.unlink()
    session.save(Projet(nom="Revenu"))
    assert store.load(session.path).nom == "Revenu"


def test_a_change_between_the_read_and_the_hash_is_still_caught(tmp_path, monkeypatch):
    path = tmp_path / "projet.toml"
    store.save(Projet(nom="Nous"), path)
    session = ProjectSession(path)
    session.acquire()
    real_read = DiskVersion.read.__func__

    def read_after_a_partner_wrote(cls, p):
        store.save(Projet(nom="Partenaire, entre-temps"), path)
        monkeypatch.setattr(DiskVersion, "read", classmethod(real_read))
        return real_read(cls, p)

    store.load(path)
    monkeypatch.setattr(DiskVersion, "read", classmethod(read_after_a_partner_wrote))
    session.note_disk_version(background=False)  # the hash now is of the partner's version
    with pytest.raises(ChangedOnDisk):
        session.save(Projet(nom="Nous"))
    assert store.load(path).nom == "Partenaire, entre-temps"
    session.release()


@settings(max_examples=25, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(autre=st.text(min_size=1, max_size=30).filter(lambda t: t.strip() != "Nous"))
def test_any_other_content_is_a_change(tmp_path, autre):
    path = tmp_path / "h.toml"
    store.save(Projet(nom="Nous"), path)
    session = ProjectSession(path)
    session.load()
    store.save(Projet(nom=autre), path)
    assert session.changed_on_disk() == (path.read_bytes() != store.dumps(Projet(nom="Nous")).encode())
