"""The recent projects list: ordering, de-duplication, damaged files."""

from __future__ import annotations

from datetime import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coopwizard import recent


@pytest.fixture(autouse=True)
def _home(tmp_path, monkeypatch):
    monkeypatch.setenv("COOPWIZARD_HOME", str(tmp_path / "home"))


def test_empty_when_no_file():
    assert recent.load() == []


def test_remember_puts_latest_first_and_keeps_counts(tmp_path):
    recent.remember(tmp_path / "a.toml", "Projet A", 1, 10, quand=datetime(2026, 5, 1, 10, 0))
    recent.remember(tmp_path / "b.toml", "Projet B", 4, 10, quand=datetime(2026, 5, 2, 9, 30))
    entries = recent.load()
    assert [e.nom for e in entries] == ["Projet B", "Projet A"]
    assert entries[0].fichier == str(tmp_path / "b.toml")
    assert entries[0].modifie_le == datetime(2026, 5, 2, 9, 30)
    assert entries[0].progression == "4/10"


def test_remembering_again_moves_up_without_duplicate(tmp_path):
    recent.remember(tmp_path / "a.toml", "A", 0, 5, quand=datetime(2026, 5, 1))
    recent.remember(tmp_path / "b.toml", "B", 0, 5, quand=datetime(2026, 5, 2))
    recent.remember(tmp_path / "a.toml", "A renommé", 3, 5, quand=datetime(2026, 5, 3))
    entries = recent.load()
    assert [e.nom for e in entries] == ["A renommé", "B"]
    assert entries[0].repondu == 3


def test_relative_path_is_stored_absolute(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    recent.remember("projet.toml", "P", 0, 1)
    assert recent.load()[0].fichier == str(tmp_path / "projet.toml")


def test_forget(tmp_path):
    recent.remember(tmp_path / "a.toml", "A", 0, 5, quand=datetime(2026, 5, 1))
    recent.remember(tmp_path / "b.toml", "B", 0, 5, quand=datetime(2026, 5, 2))
    assert [e.nom for e in recent.forget(tmp_path / "b.toml")] == ["A"]
    assert [e.nom for e in recent.load()] == ["A"]


def test_limit(tmp_path):
    for i in range(recent.LIMIT + 5):
        recent.remember(tmp_path / f"{i}.toml", str(i), 0, 1, quand=datetime(2026, 1, 1, 0, i))
    entries = recent.load()
    assert len(entries) == recent.LIMIT
    assert entries[0].nom == str(recent.LIMIT + 4)


@pytest.mark.parametrize(
    "content",
    [
        b"\xff\xfe not utf-8",
        b"projets = [",  # broken TOML
        b"projets = 3",
        b'projets = [1, "x", {nom = "sans fichier"}]',
    ],
)
def test_damaged_file_reads_as_empty_and_is_repaired(content, tmp_path):
    from coopwizard.paths import recent_projects_file

    file = recent_projects_file()
    file.parent.mkdir(parents=True)
    file.write_bytes(content)
    assert recent.load() == []
    recent.remember(tmp_path / "a.toml", "A", 0, 1)
    assert [e.nom for e in recent.load()] == ["A"]


def test_odd_values_are_tolerated(tmp_path):
    from coopwizard.paths import recent_projects_file

    file = recent_projects_file()
    file.parent.mkdir(parents=True)
    file.write_text(
        '[[projets]]\nfichier = "/x/a.toml"\nnom = 3\nrepondu = -1\ntotal = true\n'
        'modifie_le = "hier"\n',
        encoding="utf-8",
    )
    (entry,) = recent.load()
    assert (entry.nom, entry.repondu, entry.total, entry.modifie_le) == ("", 0, 0, None)
    assert entry.progression == ""


def test_unwritable_folder_is_not_an_error(tmp_path, monkeypatch):
    blocker = tmp_path / "fichier"
    blocker.write_text("x")
    monkeypatch.setenv("COOPWIZARD_HOME", str(blocker))  # data dir under a file: cannot exist
    entries = recent.remember(tmp_path / "a.toml", "A", 0, 1)
    assert [e.nom for e in entries] == ["A"]


@settings(max_examples=40, deadline=None)
@given(nom=st.text(max_size=40), repondu=st.integers(0, 500), total=st.integers(0, 500))
def test_round_trip_any_name(nom, repondu, total):
    from coopwizard.paths import recent_projects_file

    recent_projects_file().unlink(missing_ok=True)
    recent.remember("/tmp/p.toml", nom, repondu, total, quand=datetime(2026, 3, 4, 5, 6, 7))
    (entry,) = recent.load()
    assert entry.repondu == repondu and entry.total == total
    assert entry.modifie_le == datetime(2026, 3, 4, 5, 6, 7)
    assert entry.nom == nom
