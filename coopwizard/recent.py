"""The list of recent projects shown on the home screen (a small TOML file).

Pure core: no textual. The file lives in the user's data folder
(`paths.recent_projects_file()`); a missing or damaged list is never an
error, it simply starts empty again.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import tomli_w

from coopwizard import paths

LIMIT = 12
"""How many projects the list keeps (the most recent first)."""


@dataclass(frozen=True)
class ProjetRecent:
    """One project the user worked on."""

    fichier: str
    """Absolute path of the project file."""
    nom: str = ""
    modifie_le: datetime | None = None
    repondu: int = 0
    total: int = 0

    @property
    def existe(self) -> bool:
        return Path(self.fichier).is_file()

    @property
    def progression(self) -> str:
        return f"{self.repondu}/{self.total}" if self.total else ""


def _key(fichier: str | os.PathLike[str]) -> str:
    return str(Path(fichier).expanduser().absolute())


def _entry(raw: object) -> ProjetRecent | None:
    if not isinstance(raw, dict) or not isinstance(raw.get("fichier"), str):
        return None
    modifie = raw.get("modifie_le")
    if not isinstance(modifie, datetime):
        modifie = None
    elif modifie.tzinfo is not None:
        modifie = modifie.astimezone().replace(tzinfo=None)

    def count(name: str) -> int:
        value = raw.get(name)
        return value if isinstance(value, int) and not isinstance(value, bool) and value >= 0 else 0

    nom = raw.get("nom")
    return ProjetRecent(
        fichier=raw["fichier"],
        nom=nom if isinstance(nom, str) else "",
        modifie_le=modifie,
        repondu=count("repondu"),
        total=count("total"),
    )


def load(path: Path | None = None) -> list[ProjetRecent]:
    """The recent projects, most recent first. A damaged list reads as empty."""
    path = path or paths.recent_projects_file()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return []
    raw = data.get("projets")
    if not isinstance(raw, list):
        return []
    entries, seen = [], set()
    for item in raw:
        entry = _entry(item)
        if entry is not None and _key(entry.fichier) not in seen:
            seen.add(_key(entry.fichier))
            entries.append(entry)
    return _sorted(entries)[:LIMIT]


def _sorted(entries: list[ProjetRecent]) -> list[ProjetRecent]:
    return sorted(entries, key=lambda e: e.modifie_le or datetime.min, reverse=True)


def _to_toml(entry: ProjetRecent) -> dict[str, object]:
    data: dict[str, object] = {"fichier": entry.fichier, "nom": entry.nom}
    if entry.modifie_le is not None:
        data["modifie_le"] = entry.modifie_le.replace(microsecond=0)
    data["repondu"] = entry.repondu
    data["total"] = entry.total
    return data


def save(entries: list[ProjetRecent], path: Path | None = None) -> None:
    """Write the list atomically (a crash never leaves half a file)."""
    path = path or paths.recent_projects_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    text = "# Projets ouverts récemment dans coopwizard (fichier géré par l'application).\n"
    text += tomli_w.dumps({"projets": [_to_toml(e) for e in entries[:LIMIT]]})
    # Imported here: the home screen reads this list before pydantic is loaded.
    from coopwizard.store.atomic import write_atomically

    write_atomically(path, text.encode("utf-8"))


def remember(
    fichier: str | os.PathLike[str],
    nom: str,
    repondu: int,
    total: int,
    quand: datetime | None = None,
    path: Path | None = None,
) -> list[ProjetRecent]:
    """Put (or move) a project at the top of the list; returns the new list.

    Never raises for a file-system problem: the recent list is a convenience.
    """
    key = _key(fichier)
    entry = ProjetRecent(
        fichier=key,
        nom=nom,
        modifie_le=(quand or datetime.now()).replace(microsecond=0),
        repondu=repondu,
        total=total,
    )
    entries = [entry] + [e for e in load(path) if _key(e.fichier) != key]
    entries = entries[:LIMIT]
    try:
        save(entries, path)
    except (OSError, ValueError):  # unwritable folder, unencodable name
        pass
    return entries


def forget(fichier: str | os.PathLike[str], path: Path | None = None) -> list[ProjetRecent]:
    """Remove a project from the list (e.g. its file was deleted)."""
    key = _key(fichier)
    entries = [e for e in load(path) if _key(e.fichier) != key]
    try:
        save(entries, path)
    except (OSError, ValueError):  # unwritable folder, unencodable name
        pass
    return entries

