"""One editing session on a project file: the OS lock, the once-per-session backup,
and the identity of the version on disk (never overwrite what this session did not read)."""

from __future__ import annotations

import hashlib
import os
import threading
from dataclasses import dataclass
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


CHANGED_OUTSIDE = (
    "Le fichier {name} a été modifié en dehors de coopwizard (par un autre programme, "
    "un partenaire ou une synchronisation) depuis que vous l'avez ouvert. Il n'a pas été "
    "remplacé : l'enregistrement automatique est suspendu, vos réponses sont gardées."
)


class ChangedOnDisk(ProjectFileError):
    """The file on disk is not the version this session loaded or last wrote."""


@dataclass(frozen=True)
class DiskVersion:
    """What identifies one version of the file: stat first (cheap), the hash to be sure."""

    size: int
    mtime_ns: int
    sha256: str
    inode: int = 0
    """A sync tool or a partner's program replaces the file by a rename: a new inode, seen
    even where the file system's mtime is coarse (FAT, some network shares)."""

    @classmethod
    def of(cls, path: Path) -> DiskVersion | None:
        """The version now on disk (None: no file). Raises OSError if it cannot be read."""
        return cls.read(path)[0]

    @classmethod
    def read(cls, path: Path) -> tuple[DiskVersion | None, bytes]:
        """The version now on disk and its bytes (None, b"": no file)."""
        try:
            before = os.stat(path)
        except FileNotFoundError:
            return None, b""
        with open(path, "rb") as f:
            data = f.read()
        after = os.stat(path)
        if (after.st_size, after.st_mtime_ns) != (before.st_size, before.st_mtime_ns):
            return cls.read(path)  # written while we read: read the settled version
        return cls(after.st_size, after.st_mtime_ns, hashlib.sha256(data).hexdigest(),
                   after.st_ino), data

    def same_stat(self, path: Path) -> bool:
        try:
            info = os.stat(path)
        except OSError:
            return False
        return ((info.st_size, info.st_mtime_ns) == (self.size, self.mtime_ns)
                and (not self.inode or not info.st_ino or info.st_ino == self.inode))


class _Pris(Exception):
    """Another process holds the project's lock."""


class _Flock:
    """The same OS lock as filelock's on Unix (flock, exclusive, never waiting), without
    importing filelock's ~25 modules before a resumed project's first frame."""

    def __init__(self, fd: int) -> None:
        self._fd: int | None = fd

    @classmethod
    def prendre(cls, path: Path) -> _Flock | None:
        """The lock, or _Pris; None where flock does not exist (some network drives)."""
        import errno
        import fcntl

        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as err:
            os.close(fd)
            if err.errno in (errno.EACCES, errno.EAGAIN, errno.EWOULDBLOCK):
                raise _Pris from None
            if err.errno == errno.ENOSYS:
                return None
            raise
        return cls(fd)

    def release(self) -> None:
        import fcntl

        if self._fd is not None:
            fd, self._fd = self._fd, None
            try:
                fcntl.flock(fd, fcntl.LOCK_UN)
            finally:
                os.close(fd)


def _verrou(path: Path):
    """The project's OS lock, taken now (raises _Pris when another process holds it)."""
    if os.name == "posix":
        verrou = _Flock.prendre(path)
        if verrou is not None:
            return verrou
    # Windows (msvcrt) or no flock (filelock's own fallback): filelock itself
    from filelock import FileLock, Timeout

    lock = FileLock(path)
    try:
        lock.acquire(timeout=0)
    except Timeout:
        raise _Pris from None
    return lock


class ProjectSession:
    """Holds the file lock for the session; a second instance is read-only.

    The lock is an OS lock (flock on Unix, filelock elsewhere) kept in the app's state
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
        self.disk: DiskVersion | None = None
        """The version on disk as this session loaded or last wrote it."""
        self.base: bytes | None = None
        """Its content: the common ancestor when another version has to be merged."""
        self._disk_ready = threading.Event()
        self._disk_ready.set()

    def __enter__(self) -> ProjectSession:
        self.acquire()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()

    def acquire(self) -> bool:
        """Take the lock; False (and read-only) if another instance holds it."""
        if self._lock is not None:
            return True  # already ours: a second call must not lock us out
        real = _resolve(self.path)
        try:
            lock_dir = paths.state_dir() / "verrous"
            lock_dir.mkdir(parents=True, exist_ok=True)
            self._lock = _verrou(lock_dir / f"{paths.project_key(real)}.lock")
        except _Pris:
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
        self.note_disk_version(background=False)
        return projet

    def note_disk_version(self, *, background: bool = True) -> None:
        """Remember the version on disk as the one this session works on.

        Called right after the project was read. The hash of a large file takes
        tens of ms: in `background`, off the first frame; a save waits for it.
        """
        real = _resolve(self.path)
        try:
            loaded = os.stat(real)  # now, right after the read: the hash must be of this one
        except OSError:
            loaded = None

        def note() -> None:
            try:
                version, data = DiskVersion.read(real)
                if version is not None and loaded is not None and (
                        version.size, version.mtime_ns) != (loaded.st_size, loaded.st_mtime_ns):
                    # Changed between the read and the hash: the content we loaded is
                    # unknown, so no version on disk may be taken for it.
                    version, data = DiskVersion(loaded.st_size, loaded.st_mtime_ns, sha256=""), b""
                self.disk, self.base = version, (data or None)
            except OSError:
                self.disk = self.base = None
            finally:
                self._disk_ready.set()

        self._disk_ready.clear()
        if background:
            threading.Thread(target=note, name="version-disque", daemon=True).start()
        else:
            note()

    def changed_on_disk(self) -> bool:
        """True when the file on disk is another version than ours (a deleted file is not)."""
        return self.other_version() is not None

    def other_version(self) -> tuple[DiskVersion, bytes] | None:
        """The version on disk and its bytes, when it is not ours (cheap when it is: a stat)."""
        self._disk_ready.wait(30)
        real = _resolve(self.path)
        if self.disk is None or self.disk.same_stat(real):
            return None
        try:
            now, data = DiskVersion.read(real)
        except OSError:
            return None  # unreadable now: the save itself will say why
        if now is None:
            return None  # deleted under the app: writing it again loses nothing
        if now.sha256 == self.disk.sha256:
            self.disk = now  # touched, same content
            return None
        return now, data

    def adopt(self, version: DiskVersion, data: bytes) -> None:
        """Another version was merged into the session: it is now the one we build on."""
        self.disk, self.base = version, data

    def accept_disk_version(self) -> None:
        """The user chose to overwrite the other version (after keeping a copy of it)."""
        self.note_disk_version(background=False)

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

    def _refuse_if_changed(self) -> None:
        if self.changed_on_disk():
            raise ChangedOnDisk(CHANGED_OUTSIDE.format(name=self.path.name), self.path)

    def _before_replace(self, temp: Path) -> None:
        """Once our text is on disk in its temp file, just before the rename: checked again
        (a partner's version arriving while we serialised and fsynced is never replaced
        unseen), and our version is taken from the temp file itself (the rename keeps its
        size, mtime and inode): whatever lands at the path after the rename is another one."""
        self._refuse_if_changed()
        try:
            self._written = DiskVersion.read(temp)
        except OSError:
            self._written = (None, b"")

    def save(self, projet: Projet) -> Path:
        """Save through the lock. On failure: `unsaved` stays True and the error is raised."""
        try:
            if self.read_only:
                raise ProjectFileError(READ_ONLY_MESSAGE, self.path)
            self._refuse_to_replace_broken()
            self._refuse_if_changed()
            self._written: tuple[DiskVersion | None, bytes] = (None, b"")
            written = save(projet, self.path, make_backup=not self._backed_up,
                           before_replace=self._before_replace)
            self.disk, data = self._written
            self.base = data or None
        except ProjectFileError as err:
            self.unsaved = True
            self.last_error = err
            raise
        self._backed_up = True
        self.unsaved = False
        self.last_error = None
        return written
