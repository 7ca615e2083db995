"""Every wrong type a TOML file can hold, on every field, gives a French message naming the field.

Since issue 10 such a file opens: the wrong value is set aside, reported (by
`check` and the diagnostics) and kept as written. The model is walked, so a
field added later is covered without touching this test.
"""

from __future__ import annotations

import re
import typing
from datetime import date, datetime
from decimal import Decimal
from typing import Any, Literal

import pytest
import tomli
import tomli_w
from pydantic import BaseModel, ValidationError

from coopwizard import store
from coopwizard.models import SCHEMA_VERSION, Projet
from coopwizard.models.paths import model_of, unwrap, list_item_model
from coopwizard.store.errors import _MESSAGES, french_validation_messages
from coopwizard.store.rapport import kept_values
from tests.sans_ids import sans_ids

ENGLISH = re.compile(
    r"Input should|valid|should be|Field required|type=|pydantic|\bor\b|\bfield\b|"
    r"decimal|string|integer|boolean|\bdict\b|\blist\b|model_|_type|\bNone\b|True|False",
)


def _kind(annotation: Any) -> str:
    annotation = unwrap(annotation)
    if model_of(annotation) is not None:
        return "table"
    if list_item_model(annotation) is not None:
        return "tables"
    origin = typing.get_origin(annotation)
    if origin is list:
        (item,) = typing.get_args(annotation)
        return "list-literal" if typing.get_origin(item) is Literal else "list-text"
    if origin is Literal:
        return "literal"
    if annotation is Any:
        return "any"  # a conflict's kept value (models/partage.py): anything is right
    return {str: "text", bool: "bool", int: "int", date: "date", datetime: "datetime",
            Decimal: "decimal"}[annotation]


# Values a hand-edited file may hold, per kind of field: each is wrong for that kind.
WRONG = {
    "text": [12, 1.5, True, [1], {"a": 1}, date(2026, 1, 1)],
    "bool": ["peut-être", 3, [True], {"a": 1}, 1.5],
    "date": ["demain", "31/02/2026", True, [1], {"a": 1}, 1.5],
    "decimal": ["beaucoup", True, [1], {"a": 1}, "nan", "inf"],
    "datetime": ["demain", "2026-13-01T10:00:00", True, 3, [1], {"a": 1}, 1.5],
    "literal": ["inconnu", 3, True, [1]],
    "list-literal": ["une seule", 3, ["inconnu"], [3], {"a": 1}],
    "list-text": ["pas une liste", [1], [True], {"a": 1}],
    "table": [3, "texte", [1], True],
    "tables": ["texte", 3, ["texte"], [3], {"a": 1}],
}


def _fields(model: type[BaseModel], loc: tuple = (), toml: tuple = ()):
    """(kind, loc as pydantic reports it, where to put it in the file, title) for every field."""
    for name, info in model.model_fields.items():
        if not loc and name == "schema_version":
            continue  # checked before validation, see test_schema_version_message
        kind = _kind(info.annotation)
        if kind == "any":
            continue
        names = {info.title}
        if kind == "tables":  # ["x"] is reported on the item: "Association 1"
            names.add(list_item_model(info.annotation).libelle_element)
        yield kind, loc + (name,), toml + (name,), names
        if kind == "table":
            yield from _fields(model_of(info.annotation), loc + (name,), toml + (name,))
        elif kind == "tables":
            # The third item is wrong, so the message must say "Ligne 3", "Association 3"...
            yield from _fields(list_item_model(info.annotation), loc + (name, 2), toml + (name, 2))


def _place(path: tuple, value: Any) -> dict:
    data: dict = {}
    current: Any = data
    for i, step in enumerate(path):
        last = i == len(path) - 1
        if isinstance(step, int):
            continue
        nxt = path[i + 1] if not last else None
        if last:
            current[step] = value
        elif isinstance(nxt, int):
            items = [{} for _ in range(nxt + 1)]
            current[step] = items
            current = items[nxt]
        else:
            current = current.setdefault(step, {})
    return data


CASES = [
    (kind, loc, toml, title, wrong)
    for kind, loc, toml, title in _fields(Projet)
    for wrong in WRONG[kind]
]


def test_the_walk_covers_every_kind_of_field():
    assert {case[0] for case in CASES} == set(WRONG)
    assert len({case[1] for case in CASES}) > 100


@pytest.mark.parametrize(("kind", "loc", "toml", "title", "wrong"), CASES,
                         ids=[f"{'.'.join(map(str, c[1]))}={c[4]!r}" for c in CASES])
def test_wrong_value_opens_is_reported_in_french_and_kept(kind, loc, toml, title, wrong):
    text = tomli_w.dumps(_place(toml, wrong))
    projet = store.loads(text)  # never locks the user out
    message = "\n".join(str(p) for _, p in kept_values(projet))
    assert message, "the wrong value must be reported"
    # Kept as written: the next save writes it back, in its place.
    assert sans_ids(tomli.loads(store.dumps(projet))) == {
        "schema_version": SCHEMA_VERSION, **tomli.loads(text)}
    assert not ENGLISH.search(message), message
    assert any(name in message for name in title)  # the field's French title, not its key
    if any(isinstance(step, int) for step in loc):
        assert " 3," in message or message.count(" 3 ") or " 3 :" in message, message
    # No Python path (budget.lignes.2.montant) or tuple shown to the user.
    if len(loc) > 1:
        assert ".".join(map(str, loc)) not in message
    assert "(" + repr(loc[0]) not in message


def test_budget_line_three_is_named_as_the_user_knows_it():
    text = '[[budget.lignes]]\n[[budget.lignes]]\n[[budget.lignes]]\nmontant = "douze euros"\n'
    message = "\n".join(str(p) for _, p in kept_values(store.loads(text)))
    assert "Budget prévisionnel, Ligne 3, Montant : doit être un montant en euros" in message


def test_every_error_type_reachable_from_a_file_has_a_french_wording():
    seen: set[str] = set()
    for *_, toml, _title, wrong in CASES:
        try:
            Projet.model_validate(_place(toml, wrong))
        except ValidationError as err:
            seen |= {e["type"] for e in err.errors()}
    missing = seen - set(_MESSAGES)
    assert not missing, f"error types without a French wording: {missing}"
    assert len(seen) >= 10


def test_every_french_wording_is_french():
    for error_type, wording in _MESSAGES.items():
        assert not ENGLISH.search(wording), (error_type, wording)


def test_many_errors_are_summed_up():
    data = {"associations": [{"nom": i} for i in range(10_000)]}
    with pytest.raises(ValidationError) as err:
        Projet.model_validate(data)
    lines = french_validation_messages(err.value)
    assert len(lines) == 21
    assert lines[-1] == "… et 9980 autre(s) réponse(s) à corriger."


def test_long_wrong_value_is_shortened():
    projet = store.loads(tomli_w.dumps({"date_debut": "x" * 100_000}))
    (message,) = [str(p) for _, p in kept_values(projet)]
    assert len(message) < 300


@pytest.mark.parametrize("value", ['"deux"', "0", "-1", "true", "1.5"])
def test_schema_version_message(value):
    with pytest.raises(store.ProjectFileError, match="schema_version doit être un nombre entier"):
        store.loads(f"schema_version = {value}\n")
