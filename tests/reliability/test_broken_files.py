"""Broken or foreign files: a French message naming the line or field; never overwritten."""

from __future__ import annotations

import os
import re

import pytest

from coopwizard import store
from coopwizard.models import SCHEMA_VERSION, Projet
from coopwizard.store.session import ProjectSession

ENGLISH = re.compile(
    r"Invalid|Expected|Unterminated|Illegal|Cannot|line \d|column|Input should|"
    r"type=|pydantic|Errno|No such|Permission denied|Traceback",
)

BROKEN = {
    "toml-invalide": (b'nom = "Repas"\nresume = sans guillemets\n', "ligne 2"),
    "guillemet-manquant": (b'nom = "Repas\n', "ligne 1"),
    "section-en-double": (b"[conception]\n[conception]\n", "ligne 2"),
    # A wrong type (`nom = 12`, `montant = "beaucoup"`) no longer refuses the file since
    # issue 10: it opens, is reported and kept (tests/core/test_hand_edits.py).
    "latin-1": ('nom = "Fête de quartier"\n'.encode("latin-1"), "UTF-8 (ligne 1)"),
    "latin-1-ligne-3": (b'nom = "x"\nresume = "y"\nlieu = "\xe9t\xe9"\n', "ligne 3"),
    "version-future": (f"schema_version = {SCHEMA_VERSION + 1}\n".encode(), "version plus récente"),
    "version-texte": (b'schema_version = "deux"\n', "schema_version"),
    "binaire": (bytes(range(256)) * 4, "UTF-8"),
    "binaire-utf8": (b"\x00\x01\x02PK\x03\x04", "ligne 1"),
    "zip": (b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00\xdf\xa4\xd2lZ\x01", "UTF-8"),
}


def _check_french(message: str) -> None:
    assert not ENGLISH.search(message), message
    assert message.strip()


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_broken_file_gives_french_message_and_is_never_overwritten(tmp_path, name):
    raw, where = BROKEN[name]
    path = tmp_path / f"{name}.toml"
    path.write_bytes(raw)
    with pytest.raises(store.ProjectFileError) as err:
        store.load(path)
    message = str(err.value)
    assert where in message
    _check_french(message)
    assert err.value.path == path
    # An app that failed to load it and saves a fresh project anyway is refused.
    with ProjectSession(path) as session:
        with pytest.raises(store.ProjectFileError, match="n'a pas été remplacé"):
            session.save(Projet(nom="Nouveau"))
    assert path.read_bytes() == raw
    assert sorted(p.name for p in tmp_path.iterdir()) == [path.name]


def test_bom_is_accepted(tmp_path):
    path = tmp_path / "bom.toml"
    path.write_bytes(b'\xef\xbb\xbfnom = "Avec BOM"\n')
    assert store.load(path).nom == "Avec BOM"


def test_empty_file_is_an_empty_project(tmp_path):
    path = tmp_path / "vide.toml"
    path.write_bytes(b"")
    assert store.load(path) == Projet()


def test_directory_instead_of_a_file(tmp_path):
    folder = tmp_path / "dossier.toml"
    folder.mkdir()
    with pytest.raises(store.ProjectFileError, match="est un dossier") as err:
        store.load(folder)
    _check_french(str(err.value))
    with pytest.raises(store.ProjectFileError, match="dossier") as err:
        store.save(Projet(), folder)
    _check_french(str(err.value))
    assert folder.is_dir() and list(folder.iterdir()) == []


def test_devices_and_pipes_are_never_read_nor_replaced(tmp_path):
    with pytest.raises(store.ProjectFileError, match="pas un fichier ordinaire"):
        store.load("/dev/null")
    before = os.stat("/dev/null")
    with pytest.raises(store.ProjectFileError, match="pas un fichier ordinaire"):
        store.save(Projet(), "/dev/null", make_backup=True)
    link = tmp_path / "lien.toml"
    link.symlink_to("/dev/null")
    with pytest.raises(store.ProjectFileError, match="pas un fichier ordinaire"):
        store.save(Projet(), link)
    after = os.stat("/dev/null")
    assert (after.st_ino, after.st_rdev) == (before.st_ino, before.st_rdev)
    assert not os.path.exists("/dev/null.bak")
    fifo = tmp_path / "tube.toml"
    os.mkfifo(fifo)
    with pytest.raises(store.ProjectFileError, match="pas un fichier ordinaire"):
        store.load(fifo)  # would block forever if it were read


def test_missing_file(tmp_path):
    with pytest.raises(store.ProjectFileError, match="n'existe pas") as err:
        store.load(tmp_path / "absent.toml")
    _check_french(str(err.value))


def test_unreadable_file_message_is_french(tmp_path, monkeypatch):
    path = tmp_path / "projet.toml"
    store.save(Projet(), path)

    def refuse(self):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(type(path), "read_bytes", refuse)
    with pytest.raises(store.ProjectFileError, match="droits nécessaires") as err:
        store.load(path)
    _check_french(str(err.value))


def test_newer_schema_is_left_untouched(tmp_path):
    path = tmp_path / "futur.toml"
    raw = f'schema_version = {SCHEMA_VERSION + 5}\nnom = "Du futur"\nnouvelle_cle = 1\n'.encode()
    path.write_bytes(raw)
    stat_before = os.stat(path)
    with pytest.raises(store.ProjectFileError, match="Mettez coopwizard à jour"):
        store.load(path)
    assert path.read_bytes() == raw
    assert os.stat(path).st_mtime_ns == stat_before.st_mtime_ns


def test_unknown_keys_survive_a_save(tmp_path):
    path = tmp_path / "inconnu.toml"
    path.write_bytes(
        b'nom = "x"\ncle_future = 2026-01-01T10:00:00\nheure = 10:30:00\nnan_val = nan\n'
        b'[[associations]]\nnom = "A"\nchamp_futur = [1, "deux"]\n'
    )
    projet = store.load(path)
    store.save(projet, path)
    text = path.read_text(encoding="utf-8")
    # written by hand, so kept as written (issue 11); each with its TOML type
    assert "cle_future = 2026-01-01T10:00:00" in text
    assert "heure = 10:30:00" in text
    assert "nan_val = nan" in text
    assert f"schema_version = {SCHEMA_VERSION}" in text
    extra = store.load(path).associations[0].model_extra
    assert extra == {"id": projet.associations[0].id, "champ_futur": [1, "deux"]}


def test_recovery_from_backup(tmp_path):
    path = tmp_path / "projet.toml"
    store.save(Projet(nom="Bonne version"), path)
    with ProjectSession(path) as session:
        projet = session.load()
        projet.nom = "Dernière version"
        session.save(projet)  # .bak = "Bonne version"
    path.write_bytes(b"nom = \xff\xfe cass\xe9\n")  # damaged by another program
    with pytest.raises(store.ProjectFileError):
        store.load(path)
    hint = store.recovery_hint(path)
    assert hint is not None and "projet.toml.bak" in hint
    _check_french(hint)
    kept = store.restore_backup(path)
    assert store.load(path).nom == "Bonne version"
    assert kept is not None and kept.read_bytes() == b"nom = \xff\xfe cass\xe9\n"  # never deleted
    path.write_bytes(b"broken again = ")
    kept2 = store.restore_backup(path)
    assert kept2 != kept and kept.exists() and kept2.exists()


def test_no_recovery_hint_without_a_readable_backup(tmp_path):
    path = tmp_path / "projet.toml"
    path.write_bytes(b"= broken")
    assert store.recovery_hint(path) is None
    store.backup_path(path).write_bytes(b"= broken too")
    assert store.recovery_hint(path) is None
    with pytest.raises(store.ProjectFileError):
        store.restore_backup(path)
    assert path.read_bytes() == b"= broken"


def test_hostile_file_name_cannot_reach_the_terminal_through_a_message(tmp_path):
    name = "\x1b]0;titre piégé\x07\x1b[31m" + os.fsdecode(b"\xff") + ".toml"
    path = tmp_path / name
    path.write_bytes(b"= cass\xe9")
    with pytest.raises(store.ProjectFileError) as err:
        store.load(path)
    message = str(err.value)
    assert "\x1b" not in message and "\x07" not in message
    message.encode("utf-8")  # no lone surrogate: printable anywhere
    assert "titre piégé" in message


def test_file_saved_by_a_windows_editor_loads(tmp_path):
    path = tmp_path / "windows.toml"
    path.write_bytes(
        b'\xef\xbb\xbfnom = "Projet"\r\n[conception]\r\nconstats = """\r\nligne 1\r\nligne 2"""\r\n'
    )
    projet = store.load(path)
    assert projet.nom == "Projet"
    assert projet.conception.constats == "ligne 1\nligne 2"
    store.save(projet, path)
    assert b"\r" not in path.read_bytes()
