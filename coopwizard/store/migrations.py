"""The migration chain: each step takes a raw dict of version N to N + 1.

Version 1 was the prototype's format (`titre` for the project's name, the
partner associations under `partenaires`). Add a step here for each change of
the file format, and bump `SCHEMA_VERSION`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Raw = dict[str, Any]


def _v1_to_v2(data: Raw) -> Raw:
    if "titre" in data and "nom" not in data:
        data["nom"] = data.pop("titre")
    if "partenaires" in data and "associations" not in data:
        data["associations"] = data.pop("partenaires")
    return data


def _v2_to_v3(data: Raw) -> Raw:
    # Records get stable ids (merging versions, issue 11). Derived from their content,
    # not random: two partners upgrading the same file get the same ids.
    from coopwizard.models.ids import fix

    return fix(data)


MIGRATIONS: dict[int, Callable[[Raw], Raw]] = {1: _v1_to_v2, 2: _v2_to_v3}


def migrate(data: Raw, target: int) -> Raw:
    """Bring `data` up to `target`, one step at a time. Files without a version are v1."""
    version = data.get("schema_version", 1)
    while version < target:
        data = MIGRATIONS[version](data)
        version += 1
        data["schema_version"] = version
    return data
