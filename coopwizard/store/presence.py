"""Who has the project open: a small presence file next to it, as LibreOffice's `.~lock.<nom>#`.

The OS lock (store/session.py) lives in this computer's state folder: it keeps
two windows of one computer apart, but a partner on another computer, sharing
the project through a synced folder, cannot see it. This file can: it travels
with the project and says « Sophie (Les Jardins) a ce projet ouvert depuis
14:02 ». It is only information, never a lock: it is refreshed while the
project is open (`RAFRAICHISSEMENT`), removed on close, and one not refreshed
for `PERIME` seconds (a killed program, a computer asleep) is ignored.
"""

from __future__ import annotations

import json
import os
import socket
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from coopwizard.store.atomic import write_atomically

RAFRAICHISSEMENT = 60.0
"""Seconds between two refreshes of our presence file while the project is open."""
PERIME = 5 * 60.0
"""A presence file not refreshed for this long is stale: it says nothing any more."""


def presence_path(project: Path) -> Path:
    try:
        real = project.resolve()
    except (OSError, RuntimeError):
        real = project.absolute()
    return real.with_name(f".~lock.{real.name}#")


@dataclass(frozen=True)
class Presence:
    par: str
    association: str
    machine: str
    pid: int
    depuis: datetime
    rafraichi: datetime

    @property
    def qui(self) -> str:
        """« Sophie (Les Jardins) », or the computer's name when nobody gave theirs."""
        nom = self.par or f"Quelqu'un sur l'ordinateur « {self.machine} »"
        return f"{nom} ({self.association})" if self.association else nom

    def is_ours(self) -> bool:
        return self.machine == socket.gethostname() and self.pid == os.getpid()

    def is_stale(self, now: datetime | None = None) -> bool:
        if self.machine == socket.gethostname() and not _running(self.pid):
            return True  # left by a program of this computer that was killed
        return (now or datetime.now()) - self.rafraichi > timedelta(seconds=PERIME)

    def phrase(self) -> str:
        return (f"{self.qui} a ce projet ouvert depuis {self.depuis:%H:%M}"
                + ("" if self.depuis.date() == datetime.now().date()
                   else f" (le {self.depuis:%d/%m/%Y})"))


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # exists, not ours to signal
    return pid > 0


def read(project: Path) -> Presence | None:
    """The presence file next to `project`, if any and readable (anything odd is ignored)."""
    try:
        data = json.loads(presence_path(project).read_text(encoding="utf-8"))
        return Presence(
            par=str(data.get("par", "")), association=str(data.get("association", "")),
            machine=str(data.get("machine", "")), pid=int(data.get("pid", 0)),
            depuis=datetime.fromisoformat(data["depuis"]),
            rafraichi=datetime.fromisoformat(data["rafraichi"]),
        )
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def someone_else(project: Path) -> Presence | None:
    """Another person (or computer, or window) with the project open right now, if any."""
    presence = read(project)
    if presence is None or presence.is_ours() or presence.is_stale():
        return None
    return presence


class PresenceFile:
    """Our presence file for an open project: `announce()` on open and periodically,
    `withdraw()` on close. Errors (read-only folder...) are silent: it is a courtesy."""

    def __init__(self, project: Path, par: str = "", association: str = "") -> None:
        self.project = project
        self.path = presence_path(project)
        self.par, self.association = par, association
        self.depuis = datetime.now()

    def announce(self) -> None:
        autre = read(self.project)
        if autre is not None and not autre.is_ours() and not autre.is_stale():
            return  # someone else's fresh file: theirs stays, they are told by theirs
        data = {"par": self.par, "association": self.association,
                "machine": socket.gethostname(), "pid": os.getpid(),
                "depuis": self.depuis.isoformat(timespec="seconds"),
                "rafraichi": datetime.now().isoformat(timespec="seconds")}
        try:
            write_atomically(self.path, json.dumps(data, ensure_ascii=False).encode("utf-8"))
        except OSError:
            pass

    def withdraw(self) -> None:
        presence = read(self.project)
        if presence is not None and presence.is_ours():
            try:
                self.path.unlink()
            except OSError:
                pass
