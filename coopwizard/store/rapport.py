"""What `coopwizard check` says about a hand-edited file (issue 10).

Three kinds of problems, each with its line in the file and, when one is close,
a suggestion: the values set aside at load (a wrong choice, a date written
2026-9-1...), the keys and sections coopwizard does not know (a typo:
`[conceptoin]`), and every diagnostic of `diagnose`.
"""

from __future__ import annotations

import difflib
import re
import typing
import unicodedata
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from coopwizard.diagnostics import Probleme, diagnose
from coopwizard.models import Projet, ids
from coopwizard.models.bruts import CLE, ENTIER, entrees, walk
from coopwizard.models.paths import field_label, unwrap
from coopwizard.store.errors import french_reason
from coopwizard.store.lignes import locate

KEPT = "Cette valeur est gardée telle quelle dans le fichier tant que vous ne la changez pas."


def _fold(text: str) -> str:
    """"À faire" and "a_faire" compare equal: no case, no accents, _ for spaces."""
    text = unicodedata.normalize("NFKD", text.casefold())
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.sub(r"[\s\-']+", "_", text.strip())


def closest(word: str, candidates: typing.Iterable[str]) -> str | None:
    """The candidate nearest `word` (difflib), case and accents aside; None if none is close."""
    folded = {_fold(c): c for c in candidates}
    key = _fold(word)
    if key in folded:
        return folded[key]
    near = difflib.get_close_matches(key, list(folded), n=1, cutoff=0.6)
    return folded[near[0]] if near else None


def _choices(model: type[BaseModel], name: str) -> tuple[str, ...]:
    annotation = unwrap(model.model_fields[name].annotation)
    if typing.get_origin(annotation) is list:
        annotation = unwrap(typing.get_args(annotation)[0])
    if typing.get_origin(annotation) is typing.Literal:
        return tuple(str(a) for a in typing.get_args(annotation))
    return ()


_DATE = re.compile(r"^\s*(\d{1,4})[-/.](\d{1,2})[-/.](\d{1,4})\s*$")
_NUMBER = re.compile(r"-?\d[\d\s\u00a0\u202f]*(?:[.,]\d+)?")


def _suggestion(model: type[BaseModel], name: str, error: dict[str, Any]) -> str | None:
    value, kind = error.get("input"), error["type"]
    if kind == "literal_error" and isinstance(value, str):
        return closest(value, _choices(model, name))
    if kind.startswith("date") and isinstance(value, str) and (match := _DATE.match(value)):
        a, b, c = match.groups()
        year, month, day = (a, b, c) if len(a) == 4 else (c, b, a)
        try:
            return date(int(year), int(month), int(day)).isoformat()
        except ValueError:
            return None
    if kind.startswith("decimal") and isinstance(value, str):
        number = _NUMBER.search(value)
        return number.group().strip() if number and number.group() != value else None
    if kind.startswith("bool") and isinstance(value, str):
        return {"oui": "true", "non": "false", "vrai": "true", "faux": "false"}.get(_fold(value))
    if kind == "string_type" and isinstance(value, (int, float)) and not isinstance(value, bool):
        return f'"{value}"'
    return None


def _reasons(model: type[BaseModel], name: str, written: Any) -> list[tuple[tuple, str]]:
    """(location under the field, French reason) for a value the field refuses."""
    try:
        model.__pydantic_validator__.validate_assignment(model.model_construct(), name, written)
    except ValidationError as err:
        found = []
        for error in err.errors(include_url=False):
            reason = french_reason(error)
            hint = _suggestion(model, name, error)
            if hint:
                reason += f" : vouliez-vous dire « {hint} » ?"
            found.append((tuple(error["loc"])[1:], reason))
        return found
    return [((), "a une valeur incorrecte")]  # refused at load, accepted now: say it anyway


def kept_values(projet: Projet) -> Iterator[tuple[tuple, Probleme]]:
    """The values set aside at load, each with where it is (loc) and what is wrong."""
    for loc, model in walk(projet):
        for name, entry in entrees(model):
            if name == ENTIER:
                where, reasons = loc, [((), "doit être une section (table TOML)")]
            else:
                where, reasons = (*loc, name), _reasons(type(model), name, entry["brut"])
            for sub, reason in reasons:
                path = (*where, *sub)
                label = field_label(path) or "Le fichier"
                end = " " if reason.endswith("?") else ". "
                yield path, Probleme(".".join(map(str, path)), label, f"{reason}{end}{KEPT}")


def _unknown(loc: tuple, model: BaseModel, key: str, value: Any) -> Probleme:
    known = [n for n in type(model).model_fields]
    near = closest(key, known)
    names = [str(p) for p in loc if isinstance(p, str)]
    if isinstance(value, dict) or (isinstance(value, list) and value
                                   and all(isinstance(v, dict) for v in value)):
        shown = "[" + ".".join([*names, key]) + "]"
        what = f"la section {shown} n'est pas une rubrique de coopwizard"
        hint = f" : vouliez-vous dire [{'.'.join([*names, near])}] ?" if near else ""
    else:
        what = f"la clé « {key} » n'est pas une question de coopwizard"
        hint = f" : vouliez-vous dire « {near} » ?" if near else ""
    message = f"{what}{hint} Elle est gardée telle quelle, mais coopwizard ne la lit pas."
    return Probleme(".".join(map(str, (*loc, key))), field_label(loc) or "Le fichier", message)


def unknown_keys(projet: Projet) -> Iterator[tuple[tuple, Probleme]]:
    """Keys and sections of the file that no question reads (typos, newer versions)."""
    for loc, model in walk(projet):
        for key, value in (model.__pydantic_extra__ or {}).items():
            if key != CLE and not (key == ids.KEY and isinstance(model, ids.Record)):
                yield (*loc, key), _unknown(loc, model, key, value)


def _loc(chemin: str) -> tuple:
    return tuple(int(p) if p.isdigit() else p for p in chemin.split("."))


def _text(path: str | Path) -> str | None:
    try:
        return Path(path).read_bytes().decode("utf-8-sig")
    except (OSError, UnicodeError):
        return None


def file_problems(projet: Projet, path: str | Path | None = None) -> list[Probleme]:
    """Every problem of a loaded project, with its line in `path` when it can be found.

    Sorted by line; the file is read again only when there is something to place.
    """
    found = list(unknown_keys(projet))
    found += [(_loc(p.chemin), p) for p in diagnose(projet)]
    text = _text(path) if found and path is not None else None
    if text is None:
        return [p for _, p in found]
    lines = locate(text, {loc for loc, _ in found})
    placed = [replace(p, ligne=lines.get(loc)) for loc, p in found]
    return sorted(placed, key=lambda p: p.ligne if p.ligne is not None else float("inf"))
