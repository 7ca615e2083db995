"""Text normalisation shared by the model, the store and every export.

Every string that enters a `Projet` goes through `normalise_text`, so what is
saved, reloaded and exported is always the same, safe text.
"""

from __future__ import annotations

import re

# Characters XML 1.0 forbids (DOCX/XLSX are XML) and that terminals would
# interpret: C0 controls except tab and line feed, DEL + C1 controls,
# the non-characters U+FFFE / U+FFFF.
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
# Lone surrogates cannot be encoded in UTF-8: they would break the save.
_SURROGATE = re.compile("[\ud800-\udfff]")


def normalise_text(value: str) -> str:
    """CRLF/CR -> LF, drop control characters, replace lone surrogates."""
    if value.isascii() and value.isprintable():
        return value  # fast path: the common case on every keystroke
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    value = _ILLEGAL.sub("", value)
    return _SURROGATE.sub("\ufffd", value)


def normalise_tree(value: object) -> object:
    """Every text inside a value kept as written (lists, tables, keys too), normalised as
    `normalise_text` does: what is written must read back the same (CRLF, lone surrogates)."""
    if isinstance(value, str):
        return normalise_text(value)
    if isinstance(value, list):
        return [normalise_tree(v) for v in value]
    if isinstance(value, dict):
        return {normalise_text(str(k)): normalise_tree(v) for k, v in value.items()}
    return value


def de(nom: str) -> str:
    """« de Sophie », « d'Ahmed »: the French preposition before a name, elided before a vowel
    (and a mute h; an h aspiré is rare in first names and association names)."""
    premiere = nom.strip()[:1].lower()
    return f"d'{nom.strip()}" if premiere and premiere in "aâàeéèêëiîïoôuùûüyh" else f"de {nom.strip()}"


def nombre(n: int, singulier: str, pluriel: str = "") -> str:
    """« 1 désaccord », « 2 désaccords », « 0 désaccord » (French: 0 and 1 are singular)."""
    return f"{n} {singulier if abs(n) < 2 else (pluriel or singulier + 's')}"
