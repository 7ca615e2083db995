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

from coopwizard.store.pieces import pause

try:  # the compiled build of the same parser (stdlib tomllib is tomli): twice as fast
    import tomli as tomllib
except ImportError:  # pragma: no cover - tomli is a dependency; stdlib as a fallback
    import tomllib

_cache: dict[str, tuple[Any, str]] = {}
_lock = threading.Lock()


class Mismatch(Exception):
    """The text would not read back as the data."""


CHUNK = 100
"""Records per piece of a long list: each piece is written and re-parsed alone (a change in
one task rewrites one piece; the compiled parser holds the GIL for one piece at a time, not
for 2 000 tasks, so the user's typing is not held up while a large project is saved)."""


def _pieces(key: str, value: list, same) -> list[str] | None:
    """A long list of records written piece by piece, or None when tomli-w would write it
    as one inline array (then only the whole list gives its layout). The pieces are
    handed out apart, with their "\n" between them: one 57 MB join holds the GIL."""
    chunks: list[str] = []
    for start in range(0, len(value), CHUNK):
        chunk = _section(f"{key}\x00{start}", value[start:start + CHUNK], same, name=key)
        if not chunk.startswith(f"[[{key}]]"):
            return None
        if chunks:
            chunks.append("\n")
        chunks.append(chunk)
        pause()  # a save thread lets the UI in between two pieces
    return chunks


def _parts(key: str, value: Any, same) -> list[str]:
    if (isinstance(value, list) and len(value) > CHUNK
            and all(isinstance(v, dict) for v in value)):
        pieces = _pieces(key, value, same)
        if pieces is not None:
            return pieces
    return [_section(key, value, same)]


def _section(key: str, value: Any, same, name: str | None = None) -> str:
    name = name or key
    with _lock:
        cached = _cache.get(key)
    if cached is not None and type(cached[0]) is type(value) and cached[0] == value:
        return cached[1]
    chunk = tomli_w.dumps({name: value}, multiline_strings=True)
    chunk.encode("utf-8")  # a lone surrogate must fail here, not in the file
    if not same(tomllib.loads(chunk), {name: value}):
        raise Mismatch(name)
    with _lock:
        _cache[key] = (value, chunk)
    return chunk


def to_toml(data: dict[str, Any], same) -> str:
    """TOML for `data`; every section is proven to read back as its data (`same`)."""
    return "".join(to_parts(data, same))


def to_parts(data: dict[str, Any], same) -> list[str]:
    """`to_toml`'s text in the pieces it is made of (to be written one after the other)."""
    literals: list[str] = []
    tables: list[list[str]] = []
    for key, value in data.items():
        parts = _parts(key, value, same)
        # tomli-w writes plain values first, then tables: keep that order.
        if parts[0].startswith("["):
            tables.append(parts)
        else:
            literals.extend(parts)
    out = literals
    for parts in tables:
        if any(out):
            out.append("\n")
        out.extend(parts)
    return out


def keeps(key: str, value: Any) -> bool:
    """Whether the cache holds this very object (it must then never be changed)."""
    with _lock:
        cached = _cache.get(key)
    return cached is not None and cached[0] is value


def clear_cache() -> None:
    with _lock:
        _cache.clear()
