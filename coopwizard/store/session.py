"""One editing session on a project file: the OS lock and the once-per-session backup."""

from __future__ import annotations

import hashlib
from pathlib import Path

from coopwizard import paths
from coopwizard.models import Projet
from coopwizard.store import _resolve, load, loads, save
from coopwizard.store.atomic import remove_stale_temp_files
from coopwizard.store.errors import ProjectFileError

READ_ONLY_MESSAGE = (
    "Ce projet est déjà ouvert dans une autre fenêtre de coopwizard : il est ouvert ici "
    "en lecture seule et rien n'a été enregistré. Fermez l'autre fenêtre puis rouvrez le projet "
    "pour le modifier."
)


class ProjectSession:
    """Holds the file lock for the session; a second instance is read-only.

    The lock is an OS lock (filelock, flock on Unix) kept in the app's state
    folder, keyed by the real path: a killed process releases it, so a crash
    never leaves the project blocked. `unsaved` is True from a failed save
    until the next successful one, so the UI can say the answers are not on disk.
    """

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.read_only = False
        self.unlocked = False
        """True when the lock could not be taken for lack of a lock folder."""
        self.unsaved = False
        self.last_error: ProjectFileError | None = None
        self._backed_up = False
        self._checked_disk = False
        self._lock = None

    def __enter__(self) -> ProjectSession:
        self.acquire()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()

    def acquire(self) -> bool:
        """Take the lock; False (and read-only) if another instance holds it."""
        from filelock import FileLock, Timeout

        if self._lock is not None:
            return True  # already ours: a second call must not lock us out
        real = _resolve(self.path)
        key = hashlib.sha256(str(real).encode("utf-8", "surrogatepass")).hexdigest()
        try:
            lock_dir = paths.state_dir() / "verrous"
            lock_dir.mkdir(parents=True, exist_ok=True)
            self._lock = FileLock(lock_dir / f"{key[:32]}.lock")
            self._lock.acquire(timeout=0)
        except Timeout:
            self._lock = None
            self.read_only = True
        except OSError:
            # No place for the lock (read-only home...): editing without it is
            # better than refusing the user's own project.
            self._lock = None
            self.unlocked = True
        else:
            # We hold the lock, so no save of ours is running: what a killed
            # save left behind can go.
            remove_stale_temp_files(real)
        return not self.read_only

    def release(self) -> None:
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def load(self) -> Projet:
        """Read the project; the file is known to be readable, so it may be replaced."""
        projet = load(self.path)
        self._checked_disk = True
        return projet

    def _refuse_to_replace_broken(self) -> None:
        """Never overwrite a file that exists but is not a readable project."""
        if self._checked_disk:
            return
        real = _resolve(self.path)
        if real.is_file():  # a device or pipe is refused by save() without being read
            try:
                loads(real.read_bytes().decode("utf-8-sig"), str(self.path))
            except (ProjectFileError, UnicodeDecodeError, OSError):
                raise ProjectFileError(
                    f"{self.path} existe déjà mais n'est pas un projet lisible : il n'a pas été "
                    "remplacé. Enregistrez vos réponses sous un autre nom.",
                    self.path,
                ) from None
        self._checked_disk = True

    def save(self, projet: Projet) -> Path:
        """Save through the lock. On failure: `unsaved` stays True and the error is raised."""
        try:
            if self.read_only:
                raise ProjectFileError(READ_ONLY_MESSAGE, self.path)
            self._refuse_to_replace_broken()
            written = save(projet, self.path, make_backup=not self._backed_up)
        except ProjectFileError as err:
            self.unsaved = True
            self.last_error = err
            raise
        self._backed_up = True
        self.unsaved = False
        self.last_error = None
        return written
