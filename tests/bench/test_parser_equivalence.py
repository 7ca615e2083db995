"""The store may parse with `tomli` (compiled) instead of `tomllib`, for speed only.

That is safe only while both read every document the same way: same values,
same error messages (store/errors.py translates tomllib's). Checked here on
mutations of real project files.
"""

from __future__ import annotations

import tomllib

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coopwizard import store
from coopwizard.paths import example_project_file

tomli = pytest.importorskip("tomli")

PIECES = ['"', "'", '"""', "'''", "\\", "\n", "=", "[", "]", "{", "}", ",", "#", " ", "\t",
          ".", "1979-05-27T07:32:00Z", "0x1F", "nan", "inf", "+", "-", "_", "1e5", "true", "\r",
          "\x00", "\x7f", "é", "\\u00e9", "\\x41", "\\e", "[[a]]", "a.b = 1", "07:32", "{a=1,}",
          "0b101", "1__0", "\ud800", "a = {x = 1,\n y = 2}"]
SOURCE = example_project_file().read_text(encoding="utf-8")


def outcome(module, text: str):
    try:
        return "ok", repr(module.loads(text))  # repr: types and nan compared too
    except module.TOMLDecodeError as err:
        return "erreur", str(err)


def test_the_store_uses_the_compiled_parser():
    assert store.tomllib is tomli


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.integers(0, len(SOURCE)), st.sampled_from(PIECES),
                          st.sampled_from(["insert", "delete", "cut"])), min_size=1, max_size=3))
def test_tomli_reads_like_tomllib(edits):
    text = SOURCE
    for position, piece, kind in edits:
        position = min(position, len(text))
        if kind == "insert":
            text = text[:position] + piece + text[position:]
        elif kind == "delete":
            text = text[:position] + text[position + len(piece):]
        else:
            text = text[:position]
    assert outcome(tomli, text) == outcome(tomllib, text)


def test_the_shipped_data_reads_the_same_with_both_parsers():
    """The guide, checklist, budget form and wording are read with tomli too (speed)."""
    from coopwizard import budget, guide
    from coopwizard import checklist as checklist_
    from coopwizard.documents import libelles
    from coopwizard.paths import shipped_data_dir

    for module in (guide, budget, checklist_, libelles):
        assert module.tomllib is tomli, module.__name__
    fichiers = sorted(shipped_data_dir().rglob("*.toml"))
    assert len(fichiers) > 10
    for fichier in fichiers:
        texte = fichier.read_text(encoding="utf-8")
        assert repr(tomli.loads(texte)) == repr(tomllib.loads(texte)), fichier
