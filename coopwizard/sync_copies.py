"""Conflict copies that sync tools leave next to a project (issue 11). Core: no UI.

When two computers change a synced file at once, the sync tool keeps both:
the project, and beside it a copy named after it:

    Nextcloud / ownCloud  projet (conflicted copy 2026-12-01 101010).toml
                          projet_conflict-20261201-101010.toml
    Syncthing             projet.sync-conflict-20261201-101010-ABCDEFG.toml
    Dropbox               projet (Ahmed's conflicted copy 2026-12-01).toml
                          projet (copie en conflit de Ahmed 2026-12-01).toml

`find_copies(path)` lists them (oldest first) for the TUI to offer a merge
(merge.py), as `coopwizard fusionner` does; once merged, `merged_name(copy)`
is the name to rename the copy to (it is never deleted), which this module
no longer takes for a conflict copy.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

MERGED = ".fusionnee-"


@dataclass(frozen=True)
class SyncCopy:
    chemin: Path
    outil: str
    """« Nextcloud », « Syncthing », « Dropbox »."""
    le: datetime | None
    """When the tool made the copy, from its name."""
    qui: str = ""
    """Whose copy, when the name says it (Dropbox)."""


def _patterns(stem: str) -> list[tuple[str, re.Pattern[str]]]:
    s = re.escape(stem)
    day = r"(?P<d>\d{4}-\d{2}-\d{2})"
    return [
        ("Nextcloud", re.compile(
            rf"{s} \(conflicted copy (?:(?P<qui>.+?) )?{day}(?: (?P<t>\d{{6}}))?\)(?: \(\d+\))?")),
        ("Nextcloud", re.compile(rf"{s}_conflict-(?P<c>\d{{8}})-(?P<t>\d{{6}})")),
        ("Syncthing", re.compile(rf"{s}\.sync-conflict-(?P<c>\d{{8}})-(?P<t>\d{{6}})-\w+")),
        ("Dropbox", re.compile(rf"{s} \((?P<qui>.+?)['’]s conflicted copy {day}(?: \(\d+\))?\)")),
        ("Dropbox", re.compile(rf"{s} \(copie en conflit de (?P<qui>.+?) {day}(?: \(\d+\))?\)")),
    ]


def _when(match: re.Match[str]) -> datetime | None:
    parts = match.groupdict()
    try:
        day = date.fromisoformat(parts["d"]) if parts.get("d") else (
            datetime.strptime(parts["c"], "%Y%m%d").date() if parts.get("c") else None)
        if day is None:
            return None
        if parts.get("t"):
            clock = datetime.strptime(parts["t"], "%H%M%S").time()
            return datetime.combine(day, clock)
        return datetime.combine(day, datetime.min.time())
    except ValueError:
        return None


def identify(copy: Path, project: Path) -> SyncCopy | None:
    """`copy` as a sync tool's conflict copy of `project`, or None."""
    if copy.suffix != project.suffix or MERGED in copy.name or copy == project:
        return None
    name = copy.name[: -len(copy.suffix)] if copy.suffix else copy.name
    for outil, pattern in _patterns(project.stem):
        match = pattern.fullmatch(name)
        if match:
            return SyncCopy(copy, outil, _when(match), (match.groupdict().get("qui") or ""))
    return None


def find_copies(path: str | Path) -> list[SyncCopy]:
    """The conflict copies of the project at `path`, in its folder, oldest first."""
    project = Path(path)
    try:
        candidates = [p for p in project.parent.iterdir() if p.name.startswith(project.stem)]
    except OSError:
        return []
    found = [c for c in (identify(p, project) for p in candidates if p.is_file()) if c]
    return sorted(found, key=lambda c: (c.le or datetime.min, c.chemin.name))


def merged_name(copy: Path, today: date | None = None) -> Path:
    """Where a merged copy goes: `copie.fusionnee-2026-12-01.toml` (then -2, -3... if taken)."""
    day = (today or date.today()).isoformat()
    stem, suffix = copy.name[: -len(copy.suffix)] if copy.suffix else copy.name, copy.suffix
    target = copy.with_name(f"{stem}{MERGED}{day}{suffix}")
    n = 2
    while target.exists():
        target = copy.with_name(f"{stem}{MERGED}{day}-{n}{suffix}")
        n += 1
    return target
