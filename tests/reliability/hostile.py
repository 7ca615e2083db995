"""Hostile text and a project with it in every text field (shared by the reliability tests)."""

from __future__ import annotations

import typing
from datetime import date
from decimal import Decimal
from typing import Any, Literal

from pydantic import BaseModel

from coopwizard.models import Projet
from coopwizard.models.paths import model_of, unwrap, list_item_model

CONTROL = "".join(chr(c) for c in range(0x20)) + "\x7f\x85\x9f"
HOSTILE = {
    "controles": f"avant{CONTROL}après",
    "non-caractere": "a\ufffeb\uffffc",
    "surrogates": "seul \ud800 et \udfff fin",
    "crlf": "ligne 1\r\nligne 2\rligne 3\n",
    "emoji-zwj": "famille 👨‍👩‍👧‍👦 drapeau 🏳️‍🌈 peau 👍🏽",
    "rtl": "مرحبا بالعالم \u202eexe.txt\u202c שלום",
    "script": '<script>alert("x")</script>',
    "img": '<img src=x onerror="alert(1)">',
    "lien": "javascript:alert(1)",
    "lien-md": "[cliquez](javascript:alert(1)) <a href=\"javascript:alert(1)\">a</a>",
    "formule-egal": '=HYPERLINK("http://evil","x")',
    "formule-plus": "+1+cmd|' /C calc'!A0",
    "formule-moins": "-2+3",
    "formule-arobase": "@SUM(1,1)",
    "markup": "[bold red]rouge[/] **gras** `code` # titre | a | b |",
    "toml": '"""\n\'\'\'\nnom = "x"\n[section]\n\\u0000 \\',
    "ansi": "\x1b[31mrouge\x1b[0m \x1b]8;;http://evil\x07lien\x1b]8;;\x07",
    "espaces": "  \t début et fin avec espaces \t ",
    "vide-apparent": "\u200b\u200c\u200d\ufeff",
}
ACTIVE = ("<script", "onerror=", "javascript:")


def _text_fields(model: type[BaseModel]):
    for name, info in model.model_fields.items():
        annotation = unwrap(info.annotation)
        yield name, annotation


def fill(model: type[BaseModel], text: str, items: int = 1) -> dict[str, Any]:
    """Data for `model` with `text` in every text field and every list holding `items` entries."""
    data: dict[str, Any] = {}
    for name, annotation in _text_fields(model):
        if name == "schema_version":
            continue
        sub = model_of(annotation)
        item = list_item_model(annotation)
        origin = typing.get_origin(annotation)
        if sub is not None:
            data[name] = fill(sub, text, items)
        elif item is not None:
            data[name] = [fill(item, f"{text}{i}" if i else text, 1) for i in range(items)]
        elif origin is list:
            (arg,) = typing.get_args(annotation)
            data[name] = list(typing.get_args(arg)) if typing.get_origin(arg) is Literal else [text]
        elif origin is Literal:
            data[name] = typing.get_args(annotation)[-1]
        elif annotation is str:
            data[name] = text
        elif annotation is bool:
            data[name] = True
        elif annotation is date:
            data[name] = date(2026, 5, 31)
        elif annotation is Decimal:
            data[name] = Decimal("1250.50")
    return data


def hostile_project(text: str, items: int = 1) -> Projet:
    return Projet.model_validate(fill(Projet, text, items))


def all_strings(value: Any):
    """Every string inside a dumped project."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from all_strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from all_strings(v)
