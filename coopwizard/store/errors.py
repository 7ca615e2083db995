"""French messages for a project file that cannot be read or written."""

from __future__ import annotations

import re
from pathlib import Path

from pydantic import ValidationError

from coopwizard.models.paths import field_label


class ProjectFileError(Exception):
    """A project file could not be read or saved; `str(err)` is for the user, in French."""

    def __init__(self, message: str, path: Path | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = path


# Pydantic error types -> French wording. `{…}` are filled from the error's ctx.
_MESSAGES = {
    "string_type": "doit être un texte",
    "int_type": "doit être un nombre entier",
    "int_parsing": "doit être un nombre entier",
    "bool_type": "doit valoir true (oui) ou false (non)",
    "bool_parsing": "doit valoir true (oui) ou false (non)",
    "decimal_type": "doit être un montant en euros, par exemple 1250.50",
    "decimal_parsing": "doit être un montant en euros, par exemple 1250.50",
    "decimal_max_digits": "a trop de chiffres",
    "decimal_max_places": "a trop de décimales",
    "finite_number": "doit être un nombre fini",
    "date_type": "doit être une date, par exemple 2026-05-31 ou 31/05/2026",
    "date_parsing": "doit être une date, par exemple 2026-05-31 ou 31/05/2026",
    "date_from_datetime_parsing": "doit être une date, par exemple 2026-05-31 ou 31/05/2026",
    "date_from_datetime_inexact": "doit être une date sans heure",
    "literal_error": "doit être l'une des valeurs : {expected}",
    "list_type": "doit être une liste",
    "model_type": "doit être une section (table TOML)",
    "model_attributes_type": "doit être une section (table TOML)",
    "dict_type": "doit être une section (table TOML)",
    "missing": "est obligatoire",
    "greater_than": "doit être plus grand que {gt}",
    "less_than": "doit être plus petit que {lt}",
    "value_error": "a une valeur incorrecte",
}


def french_validation_messages(err: ValidationError) -> list[str]:
    """One French line per error, naming the field as the user knows it."""
    lines = []
    for error in err.errors(include_url=False):
        label = field_label(error["loc"]) or "Le fichier"
        template = _MESSAGES.get(error["type"], "a une valeur incorrecte")
        ctx = {k: str(v) for k, v in (error.get("ctx") or {}).items()}
        if "expected" in ctx:
            ctx["expected"] = ctx["expected"].replace(" or ", ", ")
        try:
            text = template.format(**ctx)
        except (KeyError, IndexError):
            text = template.split("{")[0].rstrip(" :")
        got = error.get("input")
        shown = f" (valeur trouvée : {got!r})" if isinstance(got, (str, int, float)) else ""
        lines.append(f"{label} : {text}{shown}.")
    return lines


_TOML_POSITION = re.compile(r"\(at line (\d+), column (\d+)\)")


def french_toml_message(err: Exception) -> str:
    """tomllib says "... (at line 3, column 7)": keep the place, in French."""
    text = str(err)
    match = _TOML_POSITION.search(text)
    if match:
        return (
            f"le fichier n'est pas un TOML valide à la ligne {match.group(1)}, "
            f"colonne {match.group(2)} ({_TOML_POSITION.sub('', text).strip()})"
        )
    return f"le fichier n'est pas un TOML valide ({text})"
