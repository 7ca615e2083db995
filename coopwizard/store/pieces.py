"""Validate and dump a project piece by piece, so that a save in a thread lets the UI in.

pydantic-core validates or dumps a whole Projet in one Rust call that holds the
GIL from start to end: 0.5 s on an 8 MB project, seconds on a 57 MB one, during
which a key typed waits (issue 16). Here the long lists of records are done
CHUNK records at a time (one short call each); between two calls the
interpreter hands the GIL to the UI thread when it asks for it. The whole
Projet is then validated from those records, already models (pydantic keeps
instances as they are), in one short call.

Same result as `Projet.model_validate(data)` and
`projet.model_dump(mode="json", exclude_defaults=True)` (tested). When a piece
does not validate, the whole data is validated again in one call, so that the
error (its locations: tolerance.py sets aside the refused values by them) is
exactly the one of a whole validation.

The other tricks of a save that must not hold up the typing live here too:
`pause` (the save thread hands the GIL over every 2 ms), `collector_paused`
and `freeze_loaded` (no cyclic collection walking the project), `release` and
`release_data` (large copies freed a chunk at a time).
"""

from __future__ import annotations

import gc
import threading
import time
from contextlib import contextmanager
from functools import cache
from typing import Any

from pydantic import BaseModel, TypeAdapter, ValidationError

from coopwizard.models import Projet
from coopwizard.models.bruts import CLE
from coopwizard.models.ids import layout  # (field, model inside, list of records?)
from coopwizard.models.paths import list_item_model

CHUNK = 100
"""Records per call: ~1 ms each, well under the 5 ms the UI thread waits at most for the GIL."""
EVERY = 0.002
"""Seconds of work between two pauses of a save thread."""
_last = threading.local()


def pause() -> None:
    """Off the main thread, every EVERY seconds: let the UI thread have the GIL now.

    Left alone, a thread waiting for the GIL gets it only after the 5 ms switch
    interval, and a key needs it several times before it is drawn; lowering the
    interval for everyone was measured worse (docs/performance.md). A sleep hands
    it over at once, and costs a save a few percent of its time. The main thread
    (the CLI, the first load) never pauses.
    """
    if time.perf_counter() - getattr(_last, "at", 0.0) < EVERY \
            or threading.current_thread() is threading.main_thread():
        return
    time.sleep(0.0001)
    _last.at = time.perf_counter()


@contextmanager
def collector_paused(*, freeze: bool):
    """No cyclic garbage collection while a save runs in its thread.

    A save makes and drops hundreds of thousands of objects: the collections they
    trigger walk the whole heap in one go, GIL held (0.25 s on an 8 MB project,
    measured; the stalls left after chunking were these). Models hold no cycles:
    their memory goes back by reference counting anyway. `freeze`: the save kept
    many new objects (the first snapshot's dumps), moved out of the collector's
    way for good, as the loaded project is (`freeze_loaded`).
    """
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if freeze:
            gc.freeze()
        if was:
            gc.enable()


def freeze_loaded() -> None:
    """The project just loaded lives as long as the session, without cycles: no full
    collection needs to walk it again (on a 57 MB project, one would take seconds)."""
    gc.freeze()


def release(projet: Projet) -> None:
    """Empty a project nobody uses any more, its long lists a chunk at a time: freed all at
    once when the last reference goes, 100 000 records hold the GIL as long as making
    them did (0.1 s on an 8 MB project)."""
    for name, _sub, is_list in layout(Projet):
        items = getattr(projet, name) if is_list else None
        while items and len(items) > CHUNK:
            del items[-CHUNK:]
            pause()


def release_data(data: dict[str, Any], keep) -> None:
    """The same for a project's file data: its long record lists, unless `keep(key, list)`
    (a cache holds that very list)."""
    for key, items in data.items():
        if isinstance(items, list) and len(items) > CHUNK and not keep(key, items):
            while len(items) > CHUNK:
                del items[-CHUNK:]
                pause()


_LISTS = frozenset(name for name, info in Projet.model_fields.items()
                   if list_item_model(info.annotation) is not None)


@cache
def _records(item: type[BaseModel]) -> TypeAdapter:
    return TypeAdapter(list[item])  # type: ignore[valid-type]


def _prevalidated(data: dict[str, Any], model: type[BaseModel]) -> dict[str, Any]:
    """`data` with its long record lists (at any depth) replaced by validated models."""
    out = data
    for name, sub, is_list in layout(model):
        value = data.get(name)
        new = value
        if is_list and isinstance(value, list) and len(value) > CHUNK \
                and all(isinstance(v, dict) for v in value):
            adapter = _records(sub)
            new = []
            for start in range(0, len(value), CHUNK):
                new.extend(adapter.validate_python(
                    [_prevalidated(v, sub) for v in value[start:start + CHUNK]]))
                pause()
        elif not is_list and isinstance(value, dict):
            new = _prevalidated(value, sub)
        if new is not value:
            if out is data:
                out = dict(data)  # the caller's data is never changed
            out[name] = new
    return out


def validate(data: dict[str, Any], *, whole_on_error: bool = True) -> Projet:
    """`Projet.model_validate(data)`, without holding the GIL for the whole project.

    A piece that does not validate: the whole data is validated (`whole_on_error`,
    its error is then the usual one) or the piece's ValidationError is raised.
    """
    try:
        pieces = _prevalidated(data, Projet)
    except ValidationError:
        if not whole_on_error:
            raise
        return Projet.model_validate(data)
    if CLE in pieces:  # kept values are checked against the fields: all of them, as they are
        return Projet.model_validate(pieces)
    # Even records already validated cost a call over the whole list (0.3 s for 128 000,
    # GIL held): the project is validated with those lists empty, then given them.
    done = {name: value for name, value in pieces.items()
            if name in _LISTS and isinstance(value, list) and len(value) > CHUNK
            and isinstance(value[0], BaseModel)}
    projet = Projet.model_validate({**pieces, **{name: [] for name in done}} if done else pieces)
    for name, value in done.items():
        projet.__dict__[name] = value
    return projet


def dump_json(projet: Projet) -> dict[str, Any]:
    """`projet.model_dump(mode="json", exclude_defaults=True)`, long lists a chunk at a time."""
    names = type(projet).model_fields
    long = {name: sub for name, sub, is_list in layout(Projet)
            if is_list and len(getattr(projet, name)) > CHUNK}
    out = projet.model_dump(mode="json", exclude_defaults=True,
                            exclude=set(long) if long else None)
    if not long:
        return out
    result: dict[str, Any] = {}
    for name in names:  # in the fields' order, then the unknown keys: as a whole dump
        if name in long:
            items, adapter = getattr(projet, name), _records(long[name])
            dumped: list[Any] = []
            for start in range(0, len(items), CHUNK):
                dumped.extend(adapter.dump_python(items[start:start + CHUNK], mode="json",
                                                  exclude_defaults=True))
                pause()
            result[name] = dumped
        elif name in out:
            result[name] = out[name]
    for key in out:
        if key not in result:
            result[key] = out[key]
    return result
