"""A project's name turned into a file name that is safe everywhere.

Project names are typed by users ("Repas de quartier", "CON", "../../x",
"🎉🎉"): the file name must stay short, be valid on Windows, macOS and Linux,
stay inside the chosen folder and never replace an existing file.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

MAX_STEM = 60
FALLBACK = "projet"
SUFFIX = ".toml"

# Names Windows reserves for devices, whatever the extension ("con.toml" too).
_RESERVED = {"con", "prn", "aux", "nul", "conin$", "conout$", "clock$"} | {
    f"{dev}{n}" for dev in ("com", "lpt") for n in [*"0123456789", "¹", "²", "³"]
}


def _keep(char: str) -> bool:
    # Letters, digits and combining marks of any script; everything else
    # (punctuation, symbols, emoji, joiners, direction marks) becomes a dash.
    return unicodedata.category(char)[0] in "LNM"


def slug(nom: str) -> str:
    """"Repas de quartier !" -> "repas-de-quartier" (accents kept, at most MAX_STEM chars)."""
    text = unicodedata.normalize("NFC", nom).lower()
    text = "".join(c if _keep(c) else "-" for c in text)
    text = re.sub(r"-+", "-", text).strip("-")
    if len(text) > MAX_STEM:
        cut = text[:MAX_STEM]
        # Cut at a word boundary when one is not too far back.
        if "-" in cut[MAX_STEM // 2 :]:
            cut = cut[: cut.rindex("-")]
        text = cut.strip("-")
    if text in _RESERVED:
        text = f"{text}-{FALLBACK}"
    return text or FALLBACK


def _taken(folder: Path) -> set[str]:
    # Compare case-insensitively: Windows and macOS file systems usually are.
    try:
        return {p.name.casefold() for p in folder.iterdir()}
    except OSError:
        return set()


def safe_filename(nom: str, folder: Path) -> Path:
    """A free `<slug>.toml` path directly inside `folder` for a project called `nom`.

    Adds "-2", "-3"... when the name is taken, so no existing file is ever replaced.
    """
    folder = Path(folder)
    stem = slug(nom)
    taken = _taken(folder)
    candidate, n = stem, 1
    while (
        f"{candidate}{SUFFIX}".casefold() in taken
        or f"{candidate}{SUFFIX}.bak".casefold() in taken
        or (folder / f"{candidate}{SUFFIX}").exists()
    ):
        n += 1
        tail = f"-{n}"
        candidate = stem[: MAX_STEM - len(tail)].rstrip("-") + tail
    return folder / f"{candidate}{SUFFIX}"
