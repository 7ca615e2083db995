"""Keep French typography whole when a line wraps on screen.

The data puts a non-breaking space (U+00A0 or U+202F) before « : ; ! ? » and
inside « », so that no line ever starts with a lone « ; ». Rich and Textual
split lines at any whitespace, these included (their word patterns use
`\\S+\\s*`). Widening "word" to "non-space or non-breaking space" restores the
rule wherever text wraps. The patterns are private to those libraries: if a
later version drops them, nothing breaks, lines just wrap as before.
Textual's own pattern is replaced by `screens.francais.installer_textual` (the
core never imports Textual).
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


def remplacer(module, nom: str, motif: re.Pattern) -> bool:
    """Put `motif` in place of a library's private word pattern, if it still has one."""
    if not isinstance(getattr(module, nom, None), re.Pattern):
        return False
    setattr(module, nom, motif)
    return True


def installer_rich() -> bool:
    """Rich's wrapping (documents in the terminal, Textual's Content)."""
    from rich import _wrap

    return remplacer(_wrap, "re_word", MOT_RICH)

