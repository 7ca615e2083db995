"""The documents' fixed wording, read from data/documents/libelles.toml."""

from __future__ import annotations

import tomllib
from functools import lru_cache
from typing import Any

from coopwizard.paths import shipped_data_dir


@lru_cache(maxsize=1)
def libelles() -> dict[str, Any]:
    with (shipped_data_dir() / "documents" / "libelles.toml").open("rb") as handle:
        return tomllib.load(handle)


def section(nom: str) -> dict[str, Any]:
    return libelles()[nom]
