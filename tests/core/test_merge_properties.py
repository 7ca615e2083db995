"""Issue 11: properties of the three-way merge (coopwizard/merge.py), on generated projects.

Two versions are drawn from one generated ancestor by edits of every kind
(fields changed, cleared, sections replaced, records edited, deleted or
added, lines inserted into texts), with hostile text everywhere.
"""

from __future__ import annotations

import json
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coopwizard import store
from coopwizard.merge import MISSING, canonical, merge
from coopwizard.models import Projet, ids
from coopwizard.text import normalise_text
from tests.reliability.test_roundtrip import HOSTILE_TEXT, model_strategy

PROPERTIES = settings(max_examples=40, deadline=None,
                      suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
PROJETS = model_strategy(Projet).map(canonical)
BOOKKEEPING = ("schema_version", "position", "enregistrement", "conflits")


def _records(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(
        isinstance(v, dict) and ids.is_valid(v.get("id")) for v in value)


def _edit_text(draw, text: str) -> str:
    # normalised as typed text is: a raw "\r" in a value the schema refuses (a date
    # field) cannot be saved at all, merge or not (store's limit, not the merge's)
    lines = text.split("\n")
    at = draw(st.integers(0, len(lines)))
    line = normalise_text(draw(HOSTILE_TEXT))
    if draw(st.booleans()) or not lines:
        lines.insert(at, line)
    else:
        lines[min(at, len(lines) - 1)] = line
    return "\n".join(lines)


def _mutate_records(draw, records: list, donor: list) -> list:
    out = []
    for record in records:
        action = draw(st.integers(0, 9))
        if action == 6:
            continue  # deleted
        if action >= 7:
            other = donor[draw(st.integers(0, len(donor) - 1))] if donor else {}
            record = _mutate(draw, record, other)
        out.append(record)
    for record in donor:
        if draw(st.integers(0, 3)) == 0:  # a new record, somewhere
            out.insert(draw(st.integers(0, len(out))), {**record, "id": ids.new_id()})
    return out


def _mutate(draw, data: dict, donor: dict, top: bool = False) -> dict:
    out = dict(data)
    for key in [*data, *(k for k in donor if k not in data)]:
        if key == "id" or (top and key in BOOKKEEPING):
            continue
        action = draw(st.integers(0, 9))
        value, other = data.get(key, MISSING), donor.get(key, MISSING)
        if action < 6:
            continue
        if action == 6:
            out.pop(key, None)
        elif isinstance(value, dict) and isinstance(other, dict):
            out[key] = _mutate(draw, value, other)
        elif _records(value) or _records(other):
            out[key] = _mutate_records(draw, value if _records(value) else [],
                                       other if _records(other) else [])
        elif isinstance(value, str) and action == 7:
            out[key] = _edit_text(draw, value)
        elif other is not MISSING:
            out[key] = other
    return canonical(out)


@st.composite
def three_versions(draw):
    ancestor, donor_ours = draw(PROJETS), draw(PROJETS)
    # the same donor on both sides now and then: the same fields changed, often alike
    donor_theirs = donor_ours if draw(st.booleans()) else draw(PROJETS)
    return (ancestor, _mutate(draw, ancestor, donor_ours, top=True),
            _mutate(draw, ancestor, donor_theirs, top=True))


def leaves(data: Any, path: tuple = ()) -> dict[tuple, str]:
    """{path: value as JSON}: records by id (with a leaf saying the record exists),
    choice lists as sets."""
    if isinstance(data, dict):
        found: dict[tuple, str] = {}
        for key, value in data.items():
            if not path and key in BOOKKEEPING:
                continue
            found.update(leaves(value, (*path, key)))
        return found
    if _records(data):
        found = {}
        for record in data:
            where = (*path, f"#{record['id']}")
            found[where] = "présent"
            found.update(leaves({k: v for k, v in record.items() if k != "id"}, where))
        return found
    if isinstance(data, list) and not any(isinstance(v, (dict, list)) for v in data):
        data = sorted(data, key=repr)
    return {path: json.dumps(data, sort_keys=True, default=str)}


def _under(path: tuple, conflicts: set[tuple]) -> bool:
    return any(path[: len(c)] == c for c in conflicts)


def _conflict_paths(result) -> set[tuple]:
    return {tuple(c.champ.split(".")) for c in result.conflicts}


@PROPERTIES
@given(three_versions())
def test_merging_with_an_unchanged_side_gives_the_changed_side(versions):
    ancestor, ours, _ = versions
    for result in (merge(ancestor, ours, ancestor), merge(ancestor, ancestor, ours)):
        assert result.conflicts == []
        assert {k: v for k, v in result.merged.items() if k not in BOOKKEEPING} == {
            k: v for k, v in ours.items() if k not in BOOKKEEPING}
    assert merge(ancestor, ours, ours).merged == ours  # the same change on both sides


@PROPERTIES
@given(three_versions())
def test_merge_is_symmetric_but_for_which_side_a_conflict_calls_ours(versions):
    ancestor, ours, theirs = versions
    one, two = merge(ancestor, ours, theirs), merge(ancestor, theirs, ours)
    assert {(c.champ, frozenset({repr(c.notre_valeur), repr(c.leur_valeur)}))
            for c in one.conflicts} == {
        (c.champ, frozenset({repr(c.leur_valeur), repr(c.notre_valeur)}))
        for c in two.conflicts}
    disputed = _conflict_paths(one)
    first, second = leaves(one.merged), leaves(two.merged)
    for path in first.keys() | second.keys():
        if not _under(path, disputed):
            assert first.get(path) == second.get(path), path


def _kept(path: tuple, side: dict, ancestor: dict, merged: dict, result) -> bool:
    """The change of `side` at `path` is in the result, or in a conflict."""
    wanted, got = side.get(path), merged.get(path)
    if wanted == got or _under(path, _conflict_paths(result)):
        return True
    before = ancestor.get(path)
    if wanted is None and before is not None and isinstance(json.loads(before), list):
        # a choice list emptied: merged as a set, its removals are honoured (the other
        # side's additions stay; none of the items it removed comes back)
        return got is None or all(x not in json.loads(got) for x in json.loads(before))
    if wanted is None:  # cleared or deleted: gone from the result unless in a conflict
        return False
    value = json.loads(wanted)
    if isinstance(value, str) and got is not None:  # texts merged line by line
        added = set(value.split("\n")) - set((json.loads(before) if before else "").split("\n"))
        return added <= set(json.loads(got).split("\n"))
    if isinstance(value, list) and got is not None:  # choice lists: its additions are there
        added = [x for x in value if x not in (json.loads(before) if before else [])]
        return all(x in json.loads(got) for x in added)
    return False


@PROPERTIES
@given(three_versions())
def test_no_change_of_either_side_is_lost(versions):
    ancestor, ours, theirs = versions
    result = merge(ancestor, ours, theirs)
    a, merged = leaves(ancestor), leaves(result.merged)
    for side in (leaves(ours), leaves(theirs)):
        for path in side.keys() | a.keys():
            if side.get(path) != a.get(path):
                assert _kept(path, side, a, merged, result), path
    for conflict in result.conflicts:  # both values, as the sides have them
        assert conflict.champ
    saved = store.loads(store.dumps(result.projet()))  # a valid project, conflicts saved
    assert len(saved.conflits) >= len(result.conflicts)
