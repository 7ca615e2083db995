"""Project files the UI creates: a new project's file name, a fresh copy of the example.

No textual here: these are plain functions, tested without the UI.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import datetime
from pathlib import Path

from coopwizard import paths
from coopwizard.store import copy_file

MAX_NOM = 60


def _slug(nom: str) -> str:
    ascii_only = unicodedata.normalize("NFKD", nom).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_only.lower()).strip("-")
    return slug[:MAX_NOM].rstrip("-") or "projet"


def nom_de_fichier(nom: str) -> str:
    """"Repas partagé des Lilas" -> "repas-partage-des-lilas.toml" (ascii, no folder part)."""
    try:  # the reliability helper's version, when it exists, is the reference
        from coopwizard.filenames import safe_filename  # type: ignore[import-not-found]

        proposed = str(safe_filename(nom))
        if proposed and "/" not in proposed and "\\" not in proposed:
            return proposed if proposed.endswith(".toml") else f"{proposed}.toml"
    except Exception:  # noqa: BLE001 - absent or different: fall back on ours
        pass
    return f"{_slug(nom)}.toml"


def proposer_fichier(nom: str, dossier: Path) -> Path:
    """A file in `dossier` for a new project, never an existing one."""
    base = nom_de_fichier(nom)
    stem = base[: -len(".toml")] if base.endswith(".toml") else base
    candidate = dossier / base
    n = 2
    while candidate.exists():
        candidate = dossier / f"{stem}-{n}.toml"
        n += 1
    return candidate


def fichier_dans_dossier(saisie: str, dossier: Path) -> Path | None:
    """The file the user typed for a new project, if it stays in `dossier`; else None."""
    saisie = saisie.strip()
    if not saisie or "/" in saisie or "\\" in saisie or saisie in {".", ".."}:
        return None
    if not saisie.endswith(".toml"):
        saisie += ".toml"
    return dossier / saisie


def copie_exemple(quand: datetime | None = None) -> Path:
    """A fresh copy of the shipped example, in the user's data folder (never the original).

    Raises OSError (FileNotFoundError when the example is not shipped).
    """
    source = paths.example_project_file()
    dossier = paths.data_dir() / "exemples"
    dossier.mkdir(parents=True, exist_ok=True)
    stamp = (quand or datetime.now()).strftime("%Y%m%d-%H%M%S")
    n = 1
    while True:
        dest = dossier / f"{source.stem}-{stamp}{'' if n == 1 else f'-{n}'}.toml"
        try:
            copy_file(source, dest)
            return dest
        except FileExistsError:
            n += 1
