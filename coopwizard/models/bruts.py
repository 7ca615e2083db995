"""Values of a hand-edited file that the schema refuses, kept as written (issue 10).

A wrong choice (`statut = "Fait"`) must neither lock the user out nor vanish at
the next save. The loader (store/tolerance.py) sets such a value aside: the
field gets a stand-in (its default, or a choice list without the wrong items)
and the value as written is kept in a reserved extra key of the model that
holds the field. Extras travel with their record: through reordering, the
autosave's `model_dump()` -> `model_validate()` snapshots and the record
forms. On save the kept value is written back in its place while the field
still holds its stand-in; once the user gives the field another value, the
validator below forgets the kept one (it runs on assignment too).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel, model_validator

from coopwizard.models.types import MODEL_CONFIG
from coopwizard.text import normalise_tree

CLE = "\x00valeurs_gardees"
"""Reserved extra key. A raw NUL is illegal in TOML, so no hand-written file has it."""

ENTIER = ""
"""Entry name for a whole record that was not a table (`taches = [1]`)."""


def entrees(model: BaseModel) -> Iterator[tuple[str, dict[str, Any]]]:
    """(field name, {"brut": value as written, "place": stand-in}) kept on `model`."""
    kept = (model.__pydantic_extra__ or {}).get(CLE)
    if isinstance(kept, dict):
        for name, entry in kept.items():
            if isinstance(name, str) and isinstance(entry, dict) and "brut" in entry:
                yield name, entry


def _stand_in(model: BaseModel, name: str, entry: dict[str, Any]) -> Any:
    if "place" in entry:
        return entry["place"]
    return type(model).model_fields[name].get_default(call_default_factory=True)


def holds_stand_in(model: BaseModel, name: str, entry: dict[str, Any]) -> bool:
    """True while the user has not given this field a value of their own."""
    fields = type(model).model_fields
    if name == ENTIER:  # the record must still be empty (its id aside: models/ids.py)
        extra = model.__pydantic_extra__ or {}
        return set(extra) <= {CLE, "id"} and all(
            getattr(model, n) == info.get_default(call_default_factory=True)
            for n, info in fields.items()
        )
    return name in fields and getattr(model, name) == _stand_in(model, name, entry)


class Modele(BaseModel):
    """Base of the project's models: forgets a kept value once its field is changed."""

    model_config = MODEL_CONFIG

    @model_validator(mode="after")
    def _forget_changed(self) -> Modele:
        extra = self.__pydantic_extra__
        if extra and CLE in extra:  # cheap test first: almost no model has kept values
            kept = {n: e for n, e in entrees(self) if holds_stand_in(self, n, e)}
            if kept:
                extra[CLE] = kept  # a new dict: the input (a snapshot's dump) is never changed
            else:
                del extra[CLE]
        return self


def put_back(model: BaseModel, dumped: dict[str, Any]) -> Any:
    """Write the kept values of `model` into its file data `dumped`.

    Returns the record as written when the whole record was kept (the caller
    replaces the item), else None.
    """
    dumped.pop(CLE, None)
    whole = None
    for name, entry in entrees(model):
        if holds_stand_in(model, name, entry):
            brut = normalise_tree(entry["brut"])  # CRLF, controls: written as they read back
            if name == ENTIER:
                whole = (brut,)
            else:
                dumped[name] = brut
    return whole


_CHILDREN: dict[type, tuple[str, ...]] = {}


def _children(cls: type[BaseModel]) -> tuple[str, ...]:
    """Fields of `cls` that hold models or lists of models (cached per class)."""
    if cls not in _CHILDREN:
        from coopwizard.models.paths import list_item_model, model_of

        _CHILDREN[cls] = tuple(
            name for name, info in cls.model_fields.items()
            if model_of(info.annotation) or list_item_model(info.annotation)
        )
    return _CHILDREN[cls]


def walk(model: BaseModel, loc: tuple = ()) -> Iterator[tuple[tuple, BaseModel]]:
    """(location, model) for `model` and every model inside it, in file order."""
    yield loc, model
    for name in _children(type(model)):
        value = getattr(model, name)
        if isinstance(value, BaseModel):
            yield from walk(value, (*loc, name))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                if isinstance(item, BaseModel):
                    yield from walk(item, (*loc, name, index))
