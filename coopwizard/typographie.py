"""Keep French typography whole when a line wraps on screen.

The data puts a non-breaking space (U+00A0 or U+202F) before « : ; ! ? » and
inside « », so that no line ever starts with a lone « ; ». Rich and Textual
split lines at any whitespace, these included (their word patterns use
`\\S+\\s*`). Widening "word" to "non-space or non-breaking space" restores the
rule wherever text wraps. The patterns are private to those libraries: if a
later version drops them, nothing breaks, lines just wrap as before.
"""

from __future__ import annotations

import re

INSECABLES = "\u00a0\u202f"
# Strings written in the code often have ordinary spaces inside « » and before
# « : ; ! ? »: those hold too, so that no such string needs fixing one by one.
_COLLE = r"(?:(?<=«) (?! )| (?=[»:;!?]))"
_MOT = rf"(?:\S|[{INSECABLES}]|{_COLLE})+"
_BLANC = rf"[^\S{INSECABLES}]"
MOT_RICH = re.compile(rf"{_BLANC}*{_MOT}{_BLANC}*")
MOT_TEXTUAL = re.compile(rf"{_MOT}{_BLANC}*|{_BLANC}+")


def _remplacer(module, nom: str, motif: re.Pattern) -> bool:
    if not isinstance(getattr(module, nom, None), re.Pattern):
        return False
    setattr(module, nom, motif)
    return True


def installer_rich() -> bool:
    """Rich's wrapping (documents in the terminal, Textual's Content)."""
    from rich import _wrap

    return _remplacer(_wrap, "re_word", MOT_RICH)


def installer_textual() -> bool:
    """Textual's own wrapping (TextArea, Static with plain strings). Imports
    Textual: only the UI calls it."""
    from textual import _wrap

    return _remplacer(_wrap, "re_chunk", MOT_TEXTUAL)
