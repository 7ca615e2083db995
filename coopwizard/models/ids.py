"""Stable ids of the records in the project's lists (issue 11).

Two versions of a project are merged record by record (coopwizard/merge.py):
a task edited on one computer and moved on another is still the same task
because it keeps its `id`, a short random text such as "k3j9x2ab".

- A record created in code (`Tache()`, a record form) gets a random id.
- A record read from a file keeps the id written there. One written by hand
  without an id (or with a duplicate or unusable one) gets an id derived from
  its content (`fix`, called on load and by the migration to format 3): the same
  file read twice, or by two partners, gives the same ids, so a hand-written
  record is matched across the versions that contain it unchanged.
- The id is the first key of each record in the file, and is never shown:
  documents, checklist, diagnostics and forms never name it.

The id is kept as a reserved extra key (`record.id`, `record.model_extra["id"]`)
rather than a declared field, on purpose: every generic loop over
`model_fields` (the record forms' rows, documents, Hypothesis strategies, the
guide's coverage test) then never sees it, and `model_dump()` still carries it,
so a record rebuilt from its dump (`{**record.model_dump(), **typed}`) keeps it.
To duplicate a record, give the copy a new id: `record.model_copy(update={"id": new_id()})`.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import secrets
from functools import cache
from typing import Any

from pydantic import BaseModel, model_validator

from coopwizard.models.bruts import Modele
from coopwizard.models.types import MODEL_CONFIG

KEY = "id"
_VALID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,63}")
"""Letters, digits, - and _: an id never holds a "." or "#" (see merge.py's paths)."""


def new_id() -> str:
    """A fresh random id: 8 characters of base32 (40 bits; unique in any real list)."""
    return base64.b32encode(secrets.token_bytes(5)).decode("ascii").lower()


def derived_id(*parts: str) -> str:
    """A deterministic id (same parts, same id), shaped like `new_id`'s."""
    digest = hashlib.sha256("\x00".join(parts).encode("utf-8", "surrogatepass")).digest()
    return base64.b32encode(digest[:5]).decode("ascii").lower()


def is_valid(value: Any) -> bool:
    if isinstance(value, str) and value.isascii() and value.isalnum() and len(value) <= 64:
        return True  # the fast path: every id coopwizard makes
    return isinstance(value, str) and _VALID.fullmatch(value) is not None


class Record(Modele):
    """Base of every record kept in a list: it always holds a valid `id`."""

    model_config = MODEL_CONFIG

    @model_validator(mode="after")
    def _ensure_id(self) -> Record:
        extra = self.__pydantic_extra__
        if extra is not None and not is_valid(extra.get(KEY)):
            extra[KEY] = new_id()
        return self


@cache
def layout(model: type[BaseModel]) -> tuple[tuple[str, type[BaseModel], bool], ...]:
    """(field, model inside it, whether it is a list of records) for each nested field."""
    from coopwizard.models.paths import list_item_model, model_of

    found = []
    for name, info in model.model_fields.items():
        sub, item = model_of(info.annotation), list_item_model(info.annotation)
        if sub is not None:
            found.append((name, sub, False))
        elif item is not None:
            found.append((name, item, True))
    return tuple(found)


def _content(record: dict[str, Any]) -> str:
    body = {k: v for k, v in record.items() if k != KEY}
    return json.dumps(body, sort_keys=True, default=str, ensure_ascii=False)


def _fix_list(records: list[Any], item: type[BaseModel]) -> list[Any]:
    seen: set[str] = set()
    contents: dict[str, int] = {}
    out = records
    for index, record in enumerate(records):
        if not isinstance(record, dict):
            continue  # not a table: the loader sets it aside (tolerance.py)
        fixed = fix(record, item)
        current = fixed.get(KEY)
        if not is_valid(current) or current in seen:
            if current is None:  # written by hand: named after its content
                content = _content(fixed)
                contents[content] = contents.get(content, 0) + 1
                wanted = derived_id("contenu", content, str(contents[content]))
            else:  # a pasted copy keeps nothing of the original's identity
                wanted = derived_id("remplace", repr(current), str(index))
            while wanted in seen:
                wanted = derived_id("suite", wanted)
            fixed = {KEY: wanted, **{k: v for k, v in fixed.items() if k != KEY}}
        seen.add(fixed[KEY])
        if fixed is not record:
            if out is records:
                out = list(records)  # copy-on-write: the caller's data is never changed
            out[index] = fixed
    return out


def fix(data: dict[str, Any], model: type[BaseModel] | None = None) -> dict[str, Any]:
    """`data` (file data of `model`, the project by default) where every record of
    every list has a valid id, unique in its list. Returns `data` itself when nothing
    had to change, else a copy: the input is never modified."""
    if model is None:
        from coopwizard.models.projet import Projet

        model = Projet
    out = data
    for name, sub, records in layout(model):
        value = data.get(name)
        if records and isinstance(value, list):
            fixed: Any = _fix_list(value, sub)
        elif not records and isinstance(value, dict):
            fixed = fix(value, sub)
        else:
            continue
        if fixed is not value:
            if out is data:
                out = dict(data)
            out[name] = fixed
    return out
