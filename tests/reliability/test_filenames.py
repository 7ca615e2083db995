"""Hostile project names become short file names valid on Windows and macOS, inside the folder."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coopwizard.filenames import MAX_STEM, safe_filename

WINDOWS_FORBIDDEN = re.compile(r'[<>:"/\\|?*\x00-\x1f]')
RESERVED = re.compile(r"^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])$", re.IGNORECASE)
ANY_CHAR = st.characters(min_codepoint=0, max_codepoint=0x10FFFF, exclude_categories=("Cs",))


def _assert_portable(result: Path, folder: Path) -> None:
    assert result.parent == folder
    assert result.suffix == ".toml"
    stem = result.name[: -len(".toml")]
    assert 0 < len(stem) <= MAX_STEM
    assert len(result.name.encode("utf-8")) + len(".bak") <= 255
    assert not WINDOWS_FORBIDDEN.search(result.name)
    assert not RESERVED.match(stem)
    assert not stem.startswith((".", "-", " ")) and not stem.endswith((".", " "))
    assert ".." not in result.name


@pytest.mark.parametrize(
    ("nom", "attendu"),
    [
        ("Repas de quartier", "repas-de-quartier.toml"),
        ("CON", "con-projet.toml"),
        ("con.txt", "con-txt.toml"),
        ("LPT1", "lpt1-projet.toml"),
        ("../../x", "x.toml"),
        ("..\\..\\Windows\\System32", "windows-system32.toml"),
        ("", "projet.toml"),
        ("🎉🎊👨‍👩‍👧", "projet.toml"),
        ("...   ", "projet.toml"),
        ('a:*?"<>|b', "a-b.toml"),
        ("Fête des voisins – été 2026 !", "fête-des-voisins-été-2026.toml"),
        ("/etc/passwd", "etc-passwd.toml"),
        ("\x00\x1b[31m", "31m.toml"),
    ],
)
def test_examples(tmp_path, nom, attendu):
    result = safe_filename(nom, tmp_path)
    assert result.name == attendu
    _assert_portable(result, tmp_path)


def test_three_hundred_accented_letters_are_cut(tmp_path):
    result = safe_filename("é" * 300, tmp_path)
    assert result.name == "é" * MAX_STEM + ".toml"


def test_long_name_is_cut_at_a_word(tmp_path):
    result = safe_filename("coopération " * 20, tmp_path)
    assert result.stem.endswith("coopération")
    assert len(result.stem) <= MAX_STEM


def test_existing_files_are_never_replaced(tmp_path):
    first = safe_filename("Repas", tmp_path)
    first.write_text("x")
    second = safe_filename("Repas", tmp_path)
    assert second.name == "repas-2.toml"
    second.write_text("x")
    (tmp_path / "REPAS-3.TOML").write_text("x")  # case-insensitive file systems
    assert safe_filename("repas", tmp_path).name == "repas-4.toml"


def test_a_leftover_backup_is_not_reused(tmp_path):
    (tmp_path / "repas.toml.bak").write_text("x")
    assert safe_filename("Repas", tmp_path).name == "repas-2.toml"


def test_suffix_on_a_name_at_the_length_limit(tmp_path):
    nom = "x" * 100
    safe_filename(nom, tmp_path).write_text("x")
    second = safe_filename(nom, tmp_path)
    assert second.stem.endswith("-2") and len(second.stem) <= MAX_STEM


_FOLDER = Path(tempfile.mkdtemp(prefix="coopwizard-filenames-"))


@settings(max_examples=300, deadline=None)
@given(st.text(ANY_CHAR, max_size=400))
def test_any_name_gives_a_portable_free_file_that_can_be_created(nom):
    result = safe_filename(nom, _FOLDER)
    _assert_portable(result, _FOLDER)
    assert not result.exists()
    result.write_text("x")  # the OS accepts it
    try:
        assert safe_filename(nom, _FOLDER) != result
    finally:
        result.unlink()
