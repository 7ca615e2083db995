"""French messages for a project file that cannot be read or written."""

from __future__ import annotations

import errno
import re
from datetime import date
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from coopwizard.models.paths import field_label
from coopwizard.text import normalise_text


class ProjectFileError(Exception):
    """A project file could not be read or saved; `str(err)` is for the user, in French."""

    def __init__(self, message: str, path: Path | None = None) -> None:
        # File names and values quoted in the message come from outside: an
        # escape sequence or a lone surrogate must not reach the terminal.
        message = normalise_text(message)
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
    "int_from_float": "doit être un nombre entier",
    "float_type": "doit être un nombre",
    "float_parsing": "doit être un nombre",
    "decimal_whole_digits": "a trop de chiffres avant la virgule",
    "string_unicode": "doit être un texte",
    "string_too_long": "est trop long",
    "string_too_short": "est trop court",
    "too_long": "a trop d'éléments",
    "too_short": "n'a pas assez d'éléments",
    "datetime_type": "doit être une date et une heure",
    "datetime_parsing": "doit être une date et une heure, par exemple 2026-12-01T10:10:00",
    "time_type": "doit être une heure",
    "enum": "doit être l'une des valeurs : {expected}",
    "assertion_error": "a une valeur incorrecte",
    "extra_forbidden": "n'est pas une réponse connue",
    "is_instance_of": "a une valeur incorrecte",
}


MAX_LINES = 20  # a file with 10,000 wrong lines gets a readable message


def _shown_value(value: object) -> str:
    """The wrong value as the user wrote it in TOML (true, "texte"), kept short."""
    if isinstance(value, bool):
        return " (valeur trouvée : true)" if value else " (valeur trouvée : false)"
    if isinstance(value, (int, float)):
        return f" (valeur trouvée : {value})"
    if isinstance(value, str):
        short = value if len(value) <= 40 else value[:40] + "…"
        short = short.encode("utf-8", "replace").decode("utf-8")
        return " (valeur trouvée : « " + short.replace("\n", " ") + " »)"
    return ""


def french_reason(error: Any) -> str:
    """What is wrong with one pydantic error's value, in French, with the value found."""
    template = _MESSAGES.get(error["type"], "a une valeur incorrecte")
    ctx = {k: str(v) for k, v in (error.get("ctx") or {}).items()}
    if "expected" in ctx:
        ctx["expected"] = ctx["expected"].replace("'", "").replace(" or ", ", ")
    try:
        text = template.format(**ctx)
    except (KeyError, IndexError):
        text = template.split("{")[0].rstrip(" :")
    return f"{text}{_shown_value(error.get('input'))}"


def french_validation_messages(err: ValidationError) -> list[str]:
    """One French line per error, naming the field as the user knows it."""
    lines = []
    errors = err.errors(include_url=False)
    for error in errors[:MAX_LINES]:
        label = field_label(error["loc"]) or "Le fichier"
        lines.append(f"{label} : {french_reason(error)}.")
    if len(errors) > MAX_LINES:
        lines.append(f"… et {len(errors) - MAX_LINES} autre(s) réponse(s) à corriger.")
    return lines


_TOML_POSITION = re.compile(r"\s*\(at (?:line (\d+), column (\d+)|end of document)\)")

# tomllib's messages (Python 3.11-3.13), in French. Unknown ones keep only the place.
_TOML_MESSAGES = [
    (r"Invalid statement", "ligne incompréhensible"),
    (r"Invalid value", "valeur incompréhensible (un texte doit être entre guillemets)"),
    (r"Expected '=' after a key in a key/value pair", "il manque « = » après le nom de la clé"),
    (r"Expected newline or end of document after a statement",
     "il reste quelque chose après la valeur sur cette ligne"),
    (r"Invalid initial character for a key part", "nom de clé invalide"),
    (r"Unterminated string", "texte non fermé (il manque un guillemet)"),
    (r"Unclosed array", "liste non fermée (il manque « ] »)"),
    (r"Unclosed inline table", "table non fermée (il manque « } »)"),
    (r"Expected ']' at the end of a table declaration", "il manque « ] » après le nom de section"),
    (r"Expected ']]' at the end of an array declaration",
     "il manque « ]] » après le nom de section"),
    (r"Cannot declare .* twice", "une section est déclarée deux fois"),
    (r"Cannot overwrite a value", "une clé est écrite deux fois"),
    (r"Cannot mutate immutable namespace .*", "une clé est écrite deux fois"),
    (r"Cannot redefine namespace .*", "une section est déclarée deux fois"),
    (r"Duplicate inline table key .*", "une clé est écrite deux fois"),
    (r"Illegal character .*", "caractère interdit (caractère de contrôle)"),
    (r"Found invalid character .*", "caractère interdit dans un texte"),
    (r"Invalid date or datetime", "date invalide"),
    (r"Invalid hex value", "code de caractère invalide après \\u"),
    (r"Escaped character is not a Unicode scalar value", "code de caractère invalide après \\u"),
    (r"Unescaped '\\' in a string", "barre oblique inverse \\ seule dans un texte (écrivez \\\\)"),
    (r"Expected .*", "caractère inattendu"),
]


_UNCLOSED = {  # tomllib's reason -> the quote left open (None: tomllib names the line)
    r"Illegal character '\n'": None,
    r"Illegal character '\r'": None,
    r"Found invalid character '\n'": None,
    r"Found invalid character '\r'": None,
    "Unterminated string": '"',
    """Expected "'" """.strip(): "'",
    """Expected "'''" """.strip(): "'''",
}
_BARE_DATE = re.compile(r"^[^=#\"']+=\s*(\d{1,4})[-/.](\d{1,2})[-/.](\d{1,4})\s*(?:#.*)?$")


def _unclosed_quote(err: Exception, reason: str, line: str | None) -> str | None:
    """« guillemet fermant manquant ligne N », naming the line where the text opens."""
    if reason not in _UNCLOSED:
        return None
    quote, doc = _UNCLOSED[reason], getattr(err, "doc", None)
    if quote is not None and isinstance(doc, str):  # at the end: the last quote opened it
        if quote == '"' and doc.count('"""') % 2:
            quote = '"""'
        line = str(doc.count("\n", 0, max(doc.rfind(quote), 0)) + 1)
    where = f" ligne {line}" if line else ""
    return (f"le fichier n'est pas un TOML valide : guillemet fermant manquant{where} "
            "(un texte ouvert par un guillemet n'est pas refermé)")


def _bare_date(err: Exception, line: str | None) -> str | None:
    """`date_debut = 2026-9-1` is no TOML date: say how to write it."""
    doc = getattr(err, "doc", None)
    if not line or not isinstance(doc, str):
        return None
    lines = doc.splitlines()
    written = lines[int(line) - 1] if int(line) <= len(lines) else ""
    match = _BARE_DATE.match(written)
    if not match or 4 not in (len(match.group(1)), len(match.group(3))):
        return None  # a version number (1.2.3), not a date
    a, b, c = match.groups()
    value = written.split("=", 1)[1].split("#", 1)[0].strip()
    year, month, day = (a, b, c) if len(a) == 4 else (c, b, a)
    try:
        iso = date(int(year), int(month), int(day)).isoformat()
    except ValueError:
        return (f"le fichier n'est pas un TOML valide à la ligne {line} : "
                f"{value} n'est pas une date qui existe")
    return (f"le fichier n'est pas un TOML valide à la ligne {line} : la date {value} "
            f"s'écrit {iso} (année-mois-jour, le mois et le jour sur deux chiffres)")


def french_toml_message(err: Exception) -> str:
    """tomllib says "Invalid value (at line 3, column 7)": say it in French, keep the place."""
    text = str(err)
    match = _TOML_POSITION.search(text)
    reason = _TOML_POSITION.sub("", text).strip()
    line = match.group(1) if match else None
    special = _unclosed_quote(err, reason, line) or _bare_date(err, line)
    if special:
        return special
    french = next((fr for en, fr in _TOML_MESSAGES if re.fullmatch(en, reason)), None)
    where = "à la fin du fichier"
    if match and match.group(1):
        where = f"à la ligne {match.group(1)}, colonne {match.group(2)}"
    elif not match:
        where = ""
    message = f"le fichier n'est pas un TOML valide {where}".rstrip()
    return f"{message} : {french}" if french else message


def os_reason(err: OSError) -> str:
    """Why the system refused, in French (never the English strerror)."""
    reasons = {
        errno.ENOSPC: "le disque est plein",
        errno.EDQUOT: "le quota du disque est dépassé",
        errno.EACCES: "vous n'avez pas les droits nécessaires sur ce dossier ou ce fichier",
        errno.EPERM: "vous n'avez pas les droits nécessaires sur ce dossier ou ce fichier",
        errno.EROFS: "le disque est en lecture seule",
        errno.ENOENT: "le dossier n'existe plus",
        errno.ENOTDIR: "le chemin ne mène pas à un dossier",
        errno.EISDIR: "ce chemin est un dossier, pas un fichier",
        errno.ENAMETOOLONG: "le nom du fichier est trop long",
        errno.EIO: "erreur de lecture ou d'écriture sur le disque",
        errno.ELOOP: "le lien symbolique tourne en rond",
        errno.EFBIG: "le fichier dépasse la taille permise",
        errno.EEXIST: "un fichier de ce nom existe déjà",
        errno.EBUSY: "le fichier est occupé par un autre programme",
        errno.ETXTBSY: "le fichier est occupé par un autre programme",
        errno.EMFILE: "trop de fichiers sont ouverts en même temps",
        errno.ENFILE: "trop de fichiers sont ouverts en même temps",
        errno.EPIPE: "la sortie a été fermée par le programme qui la lisait",
        errno.ENXIO: "le périphérique n'est pas disponible",
        errno.ENODEV: "le périphérique n'est pas disponible",
        errno.EXDEV: "le fichier ne peut pas être déplacé vers un autre disque",
        errno.EOPNOTSUPP: "ce disque ne permet pas cette opération",
        errno.ESTALE: "le disque réseau ne répond plus",
        errno.ETIMEDOUT: "le disque réseau ne répond plus",
    }
    return reasons.get(err.errno, f"erreur du système (code {err.errno})")


def french_os_error(err: OSError, path: Path, action: str = "Enregistrement impossible") -> str:
    """A system error while saving, in French, saying the answers are safe."""
    return (
        f"{action} dans {path} : {os_reason(err)}. Vos réponses sont gardées à l'écran "
        "et le fichier précédent est intact."
    )


class NotAProjectError(ProjectFileError):
    """A readable TOML file that is not a coopwizard project (pyproject.toml...):
    never opened, never offered a backup, never rewritten."""


NOT_A_PROJECT = (
    "{name} n'est pas un projet coopwizard : aucune des rubriques d'un projet (nom, "
    "associations, taches, budget...) ni schema_version n'y figure. Il n'a pas été "
    "ouvert et rien n'y a été modifié."
)
TOO_DEEP = (
    "{name} : le fichier imbrique des listes ou des tables sur plus de {depth} niveaux ; "
    "ce ne peut pas être un projet coopwizard. Il n'a pas été ouvert et rien n'y a été "
    "modifié."
)
