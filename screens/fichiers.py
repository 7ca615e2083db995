"""Project files the UI creates: a new project's file name, a fresh copy of the example.

No textual here: these are plain functions, tested without the UI.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from coopwizard import paths
from coopwizard.filenames import safe_filename


def proposer_fichier(nom: str, dossier: Path) -> Path:
    """A free file in `dossier` for a new project called `nom` (never an existing one)."""
    return safe_filename(nom, dossier)


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
    from coopwizard.store import copy_file

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


def copie_a_cote(chemin: Path, quand: datetime | None = None) -> Path:
    """A free name beside `chemin` for this session's answers when the file changed outside:
    `projet (mes réponses 2026-12-01 10h10).toml` (never an existing file)."""
    stamp = (quand or datetime.now()).strftime("%Y-%m-%d %Hh%M")
    n = 1
    while True:
        suffixe = "" if n == 1 else f" {n}"
        dest = chemin.with_name(f"{chemin.stem} (mes réponses {stamp}{suffixe}){chemin.suffix}")
        if not dest.exists():
            return dest
        n += 1
