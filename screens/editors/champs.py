"""The pieces of a record form that stand alone: reading a model's annotations, the
French messages for a value not recognised, and the one-line field where Enter goes on."""

from __future__ import annotations

import types
import typing
from decimal import Decimal
from typing import Any

from pydantic import BaseModel
from textual.binding import Binding
from textual.widgets import Input



def _unwrap(annotation: Any) -> tuple[Any, bool]:
    """(type without None / Annotated, whether None is allowed)."""
    optional = False
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            optional = optional or len(args) < len(typing.get_args(annotation))
            if len(args) != 1:
                return annotation, optional
            annotation = args[0]
        else:
            return annotation, optional


def _item_model(annotation: Any) -> type[BaseModel] | None:
    if typing.get_origin(annotation) is list:
        (item,) = typing.get_args(annotation)
        if isinstance(item, type) and issubclass(item, BaseModel):
            return item
    return None


def montant_saisi(value: Decimal | None) -> str:
    """1250.50 -> "1250,50": what the user retypes in the field."""
    return "" if value is None else format(value, "f").replace(".", ",")


TOUCHES = "Entrée ou Tab : champ suivant · Ctrl+S : enregistrer · Échap : annuler"


def _message_erreur(model: type[BaseModel], error: dict) -> str:
    name = error["loc"][0] if error["loc"] else ""
    info = model.model_fields.get(str(name))
    label = (info.title if info else None) or str(name)
    kind = error["type"]
    if kind.startswith("date"):
        # coopwizard.dates says what is wrong: « le 31 février n'existe pas ».
        raison = str((error.get("ctx") or {}).get("raison") or "")
        if raison and ("jj/mm/aaaa" in raison or raison.endswith("?")):
            return f"{label} : {raison}"
        if raison:
            return f"{label} : {raison} ; corrigez la date (jj/mm/aaaa)"
        return f"{label} : écrivez la date sous la forme jj/mm/aaaa (par exemple 31/12/2026)"
    if kind.startswith("decimal"):
        return f"{label} : écrivez un montant en euros (par exemple 1 250,50)"
    return f"{label} : valeur non reconnue"


class ChampLigne(Input):
    """A one-line field where Enter goes on to the next field, as Tab: a half-filled
    record is never saved by a reflex Enter (after the last field: « Enregistrer »).
    A binding, not the Submitted message: the focus moves while the key is handled,
    so the keys typed right after it go to the next field (screens.clavier)."""

    BINDINGS = [Binding("enter", "champ_suivant", "Champ suivant", show=False)]

    def action_champ_suivant(self) -> None:
        self.screen.focus_next()
