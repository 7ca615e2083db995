"""Hypothesis: any Projet, hostile text included -> save -> load -> the same project.

The strategy is derived from the model itself, so every field (and every
field added later) is exercised with text that includes control characters,
lone surrogates, non-characters, CR/LF, emoji with joiners and RTL marks.
"""

from __future__ import annotations

import tempfile
import typing
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from coopwizard import store
from coopwizard.models import Projet
from coopwizard.models.paths import model_of, unwrap, list_item_model
from coopwizard.text import normalise_text
from tests.reliability.hostile import HOSTILE, all_strings

# Every code point, surrogates included (Hypothesis leaves them out by default).
ANY_CHAR = st.characters(min_codepoint=0, max_codepoint=0x10FFFF, exclude_categories=())
PIECES = st.sampled_from(
    [*HOSTILE.values(), "\r\n", "\r", "\n", "\t", "\u200d", "\u202e", "é", "€", '"""', "'''", "\\"]
)
HOSTILE_TEXT = st.lists(st.one_of(st.text(ANY_CHAR, max_size=12), PIECES), max_size=5).map("".join)

SMALL = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _strategy(annotation: Any, depth: int = 0) -> st.SearchStrategy:
    optional = typing.get_origin(annotation) in (typing.Union, __import__("types").UnionType)
    base = unwrap(annotation)
    sub, item = model_of(base), list_item_model(base)
    origin = typing.get_origin(base)
    if sub is not None:
        strategy = model_strategy(sub, depth + 1)
    elif item is not None:
        strategy = st.lists(model_strategy(item, depth + 1), max_size=2 if depth < 2 else 0)
    elif origin is list:
        (arg,) = typing.get_args(base)
        strategy = st.lists(_strategy(arg, depth + 1), max_size=3)
    elif origin is Literal:
        strategy = st.sampled_from(typing.get_args(base))
    elif base is str:
        strategy = HOSTILE_TEXT
    elif base is bool:
        strategy = st.booleans()
    elif base is date:
        strategy = st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31))
    elif base is Decimal:
        strategy = st.decimals(min_value=-10**12, max_value=10**12, places=2,
                               allow_nan=False, allow_infinity=False)
    elif base is datetime:
        strategy = st.datetimes(min_value=datetime(1, 1, 1), max_value=datetime(9999, 12, 31))
    elif base is Any:  # a conflict's kept value: a text, a choice list, a record...
        strategy = st.one_of(HOSTILE_TEXT, st.lists(HOSTILE_TEXT, max_size=2),
                             st.dictionaries(st.sampled_from(["nom", "id"]), HOSTILE_TEXT))
    elif base is int:
        strategy = st.just(2)
    else:
        raise AssertionError(f"no strategy for {annotation!r}: extend test_roundtrip")
    return st.one_of(st.none(), strategy) if optional else strategy


def model_strategy(model: type[BaseModel], depth: int = 0) -> st.SearchStrategy:
    fields = {
        name: _strategy(info.annotation, depth)
        for name, info in model.model_fields.items()
        if name != "schema_version"
    }
    # Each field present or absent, so half-filled projects are covered too.
    return st.fixed_dictionaries({}, optional=fields).map(model.model_validate)


PROJETS = model_strategy(Projet)
_FOLDER = Path(tempfile.mkdtemp(prefix="coopwizard-roundtrip-"))


@SMALL
@given(PROJETS)
def test_any_project_survives_save_and_load(projet):
    path = _FOLDER / "projet.toml"
    store.save(projet, path, make_backup=True)
    loaded = store.load(path)
    assert loaded == projet
    assert store.dumps(loaded) == store.dumps(projet)  # the file is stable: saving again is a no-op
    for text in all_strings(loaded.model_dump(mode="json")):
        assert text == normalise_text(text)


@SMALL
@given(st.text(ANY_CHAR), st.text(ANY_CHAR))
def test_any_text_survives_in_any_field_kind(nom, coche):
    projet = Projet(nom=nom, checklist={"coches": [coche]}, associations=[{"presentation": nom}])
    loaded = store.loads(store.dumps(projet))
    assert loaded == projet
    assert loaded.nom == normalise_text(nom)
    assert loaded.checklist.coches == [normalise_text(coche)]


@given(st.text(ANY_CHAR))
def test_normalisation_is_idempotent_and_leaves_only_safe_characters(text):
    once = normalise_text(text)
    assert normalise_text(once) == once
    assert "\r" not in once
    assert not any(0xD800 <= ord(c) <= 0xDFFF for c in once)
    once.encode("utf-8")  # always encodable


@SMALL
@given(PROJETS, PROJETS)
def test_assigning_a_whole_section_then_saving(first, second):
    first.conception = second.conception
    first.associations = second.associations
    assert store.loads(store.dumps(first)) == first


# Values a newer version (or a person) may put under keys this version does not know.
TOML_SCALARS = st.one_of(
    st.text(st.characters(exclude_categories=("Cs",)), max_size=10),
    st.integers(min_value=-(2**63), max_value=2**63 - 1),
    st.floats(),  # nan and inf included: TOML has them
    st.booleans(),
    st.dates(),
    st.times(),
    st.datetimes(),
)
TOML_VALUES = st.recursive(
    TOML_SCALARS,
    lambda inner: st.lists(inner, max_size=3)
    | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=8,
)
UNKNOWN_KEYS = st.dictionaries(
    st.text(max_size=8).filter(lambda k: k not in Projet.model_fields), TOML_VALUES, max_size=3
)


def _same(a, b):
    from coopwizard.store import _same as same

    return same(a, b)


@SMALL
@given(UNKNOWN_KEYS, UNKNOWN_KEYS)
def test_unknown_keys_survive_save_and_load_unchanged(top, item):
    from coopwizard.models import Association

    item = {k: v for k, v in item.items() if k not in Association.model_fields}
    projet = Projet.model_validate({**top, "associations": [{"nom": "A", **item}]})
    text = store.dumps(projet)
    loaded = store.loads(text)
    assert _same(loaded.model_extra, projet.model_extra)
    assert _same(loaded.associations[0].model_extra, projet.associations[0].model_extra)
