"""The documents' fixed wording, read from data/documents/libelles.toml."""

from __future__ import annotations

try:  # the store's parser: the same code as tomllib, compiled (twice as fast)
    import tomli as tomllib
except ImportError:  # pragma: no cover
    import tomllib
from functools import lru_cache
from typing import Any

from coopwizard.paths import shipped_data_dir


FICHIERS = ("libelles.toml", "conventions.toml")
"""The conventions' articles are long enough to have their own file."""


@lru_cache(maxsize=1)
def libelles() -> dict[str, Any]:
    tout: dict[str, Any] = {}
    for nom in FICHIERS:
        with (shipped_data_dir() / "documents" / nom).open("rb") as handle:
            tout.update(tomllib.load(handle))
    return tout


def section(nom: str) -> dict[str, Any]:
    return libelles()[nom]
