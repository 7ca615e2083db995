"""Validate a project's data, setting aside the values the schema refuses (issue 10).

A hand edit must never lock the user out: a wrong choice (`statut = "Fait"`),
a text where a date goes, a list item that is not a known choice... Each
refused value is taken out of the data and kept, as written, beside its field
(see models/bruts.py); the rest validates as usual. Nothing here changes the
caller's data: the path to each refused value is copied first.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ValidationError

from coopwizard.models import Projet
from coopwizard.models.bruts import CLE, ENTIER
from coopwizard.models.ids import derived_id
from coopwizard.models.paths import list_item_model, model_of

PASSES = 3  # one pass sets aside every error pydantic reports; more is a safety margin


def validate(data: dict[str, Any]) -> Projet:
    """`Projet.model_validate(data)`, but refused values are set aside, not fatal.

    Raises the last ValidationError only when a refused value cannot be set
    aside (the caller then refuses the file as before).
    """
    try:
        return Projet.model_validate(data)  # the common case costs nothing more
    except ValidationError as err:
        error = err
    for _ in range(PASSES):
        data = _set_aside(data, error.errors(include_url=False))
        try:
            return Projet.model_validate(data)
        except ValidationError as err:
            error = err
    raise error


class _Copies:
    """Copy-on-write along the paths to the refused values."""

    def __init__(self) -> None:
        self.owned: set[int] = set()

    def own(self, container: Any, key: Any) -> Any:
        value = container[key]
        if id(value) not in self.owned:
            value = dict(value) if isinstance(value, dict) else list(value)
            container[key] = value
            self.owned.add(id(value))
        return value


def _keep(node: dict[str, Any], name: str, entry: dict[str, Any]) -> None:
    kept = node.get(CLE)
    node[CLE] = {**(kept if isinstance(kept, dict) else {}), name: entry}


def _set_aside(data: dict[str, Any], errors: list[Any]) -> dict[str, Any]:
    root = dict(data)
    copies = _Copies()
    copies.owned.add(id(root))
    lists: dict[tuple[int, str], tuple[dict[str, Any], str, set[int]]] = {}
    for error in errors:
        _set_aside_one(root, Projet, tuple(error["loc"]), copies, lists)
    for node, name, wrong in lists.values():
        written = node[name]
        kept = [item for index, item in enumerate(written) if index not in wrong]
        _keep(node, name, {"brut": written, "place": kept})
        node[name] = kept
    return root


def _set_aside_one(node: Any, model: type[BaseModel], loc: tuple, copies: _Copies,
                   lists: dict) -> None:
    """Take out the value at `loc` (an error's location), keeping it beside its field."""
    step = 0
    while step < len(loc):
        name = loc[step]
        info = model.model_fields.get(name) if isinstance(name, str) else None
        if info is None or not isinstance(node, dict) or name not in node:
            return  # not a place we know: the error stays, and is reported as before
        value, rest = node[name], loc[step + 1:]
        sub, item = model_of(info.annotation), list_item_model(info.annotation)
        if rest and sub is not None and isinstance(value, dict):
            node, model, step = copies.own(node, name), sub, step + 1
            continue
        if rest and isinstance(rest[0], int) and isinstance(value, list) and rest[0] < len(value):
            index = rest[0]
            if item is None:  # a choice list: keep the good items, set aside the list
                lists.setdefault((id(node), name), (node, name, set()))[2].add(index)
                return
            records = copies.own(node, name)
            if len(rest) == 1 or not isinstance(records[index], dict):
                # the record itself is not a table: an empty record stands in for it,
                # with an id that is the same at each load (a random one would differ
                # between a save and its proof that it reads back the same)
                stand_in_id = derived_id("entier", repr(records[index]), str(index))
                records[index] = {"id": stand_in_id, CLE: {ENTIER: {"brut": records[index]}}}
                return
            node, model, step = copies.own(records, index), item, step + 2
            continue
        _keep(node, name, {"brut": value})  # a leaf, or a section that is not a table
        del node[name]
        return
