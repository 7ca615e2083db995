"""One editing session on a project file: the OS lock and the once-per-session backup."""

from __future__ import annotations

import hashlib
from pathlib import Path

from coopwizard import paths
from coopwizard.models import Projet
from coopwizard.store import save


class ProjectSession:
    """Holds the file lock for the session; a second instance is read-only.

    The lock is an OS lock (filelock): a killed process releases it, so a
    crash never leaves the project blocked.
    """

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.read_only = False
        self._backed_up = False
        self._lock = None

    def acquire(self) -> bool:
        """Take the lock; False (and read-only) if another instance holds it."""
        from filelock import FileLock, Timeout

        key = hashlib.sha256(str(self.path.resolve()).encode("utf-8", "surrogatepass")).hexdigest()
        lock_dir = paths.state_dir() / "verrous"
        lock_dir.mkdir(parents=True, exist_ok=True)
        self._lock = FileLock(lock_dir / f"{key[:32]}.lock")
        try:
            self._lock.acquire(timeout=0)
        except Timeout:
            self._lock = None
            self.read_only = True
        return not self.read_only

    def release(self) -> None:
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def save(self, projet: Projet) -> Path:
        if self.read_only:
            from coopwizard.store.errors import ProjectFileError

            raise ProjectFileError(
                "Ce projet est ouvert dans une autre fenêtre : il est ici en lecture seule, "
                "rien n'a été enregistré."
            )
        written = save(projet, self.path, make_backup=not self._backed_up)
        self._backed_up = True
        return written
