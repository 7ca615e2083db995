"""Test helper: file data without the records' ids (models/ids.py), to compare contents."""

from __future__ import annotations

from typing import Any


def sans_ids(value: Any) -> Any:
    """`value` with every record's `id` left out (a record: a table inside a list)."""
    if isinstance(value, dict):
        return {k: sans_ids(v) for k, v in value.items()}
    if isinstance(value, list):
        return [sans_ids({k: v for k, v in item.items() if k != "id"})
                if isinstance(item, dict) else sans_ids(item) for item in value]
    return value
