"""TOML text of a project, one top-level section at a time, with a verified cache.

A save re-parses what it wrote (ARCHITECTURE.md). On a large project most
sections do not change between two autosaves (the user types in one field),
so each section's text is kept with the data it was verified against: only
the sections that changed are written and re-parsed again. The result is
byte-for-byte what `tomli_w.dumps` gives for the whole document (tested).
"""

from __future__ import annotations

import threading
from typing import Any

import tomli_w

try:  # the compiled build of the same parser (stdlib tomllib is tomli): twice as fast
    import tomli as tomllib
except ImportError:  # pragma: no cover - tomli is a dependency; stdlib as a fallback
    import tomllib

_cache: dict[str, tuple[Any, str]] = {}
_lock = threading.Lock()


class Mismatch(Exception):
    """The text would not read back as the data."""


def _section(key: str, value: Any, same) -> str:
    with _lock:
        cached = _cache.get(key)
    if cached is not None and type(cached[0]) is type(value) and cached[0] == value:
        return cached[1]
    chunk = tomli_w.dumps({key: value}, multiline_strings=True)
    chunk.encode("utf-8")  # a lone surrogate must fail here, not in the file
    if not same(tomllib.loads(chunk), {key: value}):
        raise Mismatch(key)
    with _lock:
        _cache[key] = (value, chunk)
    return chunk


def to_toml(data: dict[str, Any], same) -> str:
    """TOML for `data`; every section is proven to read back as its data (`same`)."""
    literals: list[str] = []
    tables: list[str] = []
    for key, value in data.items():
        chunk = _section(key, value, same)
        # tomli-w writes plain values first, then tables: keep that order.
        (tables if chunk.startswith("[") else literals).append(chunk)
    text = "".join(literals)
    for chunk in tables:
        text += ("\n" if text else "") + chunk
    return text


def clear_cache() -> None:
    with _lock:
        _cache.clear()
