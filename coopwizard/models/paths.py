"""Dotted paths into a `Projet` ("conception.objectifs") and their French labels.

The wizard binds each question to a path; diagnostics and validation errors
name fields the way the user knows them ("Association 2, SIRET").
"""

from __future__ import annotations

import types
import typing
from collections.abc import Iterator, Sequence
from typing import Any

from pydantic import BaseModel

# Fields that are bookkeeping, not answers to the guide's questions.
NOT_ANSWERS = frozenset({"schema_version", "position", "checklist", "enregistrement", "conflits"})


def unwrap(annotation: Any) -> Any:
    """`X | None` -> X; `Annotated[X, ...]` -> X."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return unwrap(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        if len(args) == 1:
            return unwrap(args[0])
    return annotation


def model_of(annotation: Any) -> type[BaseModel] | None:
    annotation = unwrap(annotation)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    return None


def list_item_model(annotation: Any) -> type[BaseModel] | None:
    """For `list[Model]`, the Model; else None."""
    annotation = unwrap(annotation)
    if typing.get_origin(annotation) is list:
        (item,) = typing.get_args(annotation)
        return model_of(item)
    return None


def get_path(obj: Any, path: str) -> Any:
    for part in path.split("."):
        obj = obj[int(part)] if part.isdigit() else getattr(obj, part)
    return obj


def set_path(obj: Any, path: str, value: Any) -> None:
    head, _, last = path.rpartition(".")
    target = get_path(obj, head) if head else obj
    setattr(target, last, value)  # validate_assignment normalises the value


def answer_paths(model: type[BaseModel], prefix: str = "") -> Iterator[str]:
    """Every answer field: scalars, choice lists and record lists (as one field each)."""
    for name, info in model.model_fields.items():
        if not prefix and name in NOT_ANSWERS:
            continue
        sub = model_of(info.annotation)
        if sub is not None:
            yield from answer_paths(sub, f"{prefix}{name}.")
        else:
            yield f"{prefix}{name}"


def field_info(model: type[BaseModel], path: str):
    """The FieldInfo at a dotted path (list indices skipped)."""
    info = None
    for part in path.split("."):
        if part.isdigit():
            continue
        if model is None or part not in model.model_fields:
            raise KeyError(path)
        info = model.model_fields[part]
        model = model_of(info.annotation) or list_item_model(info.annotation)
    return info


def field_label(loc: Sequence[str | int], model: type[BaseModel] | None = None) -> str:
    """("associations", 1, "siret") -> "Association 2, SIRET"."""
    if model is None:
        from coopwizard.models.projet import Projet

        model = Projet
    parts: list[str] = []
    current: type[BaseModel] | None = model
    item_model: type[BaseModel] | None = None
    for step in loc:
        if isinstance(step, int) or (isinstance(step, str) and step.isdigit()):
            if item_model is not None:
                parts[-1] = f"{getattr(item_model, 'libelle_element', 'Élément')} {int(step) + 1}"
                current, item_model = item_model, None
            else:
                parts.append(f"élément {int(step) + 1}")
            continue
        if current is None or step not in current.model_fields:
            parts.append(str(step))
            current = None
            continue
        info = current.model_fields[step]
        parts.append(info.title or step)
        item_model = list_item_model(info.annotation)
        current = model_of(info.annotation)
    return ", ".join(parts)
