"""The write layer: a file is replaced whole or not at all.

Every write goes through a temp file in the same folder (so `os.replace` is
atomic), is fsynced before the rename, and the folder is fsynced after it.
Writes use `os.write` on a raw descriptor so a test can inject a failure
(disk full, permission denied) exactly where the system would raise it.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from collections.abc import Callable
from pathlib import Path

TEMP_SUFFIX = ".coopwizard-tmp"


def _temp_prefix(target: Path) -> str:
    # Short and recognisable: a long project name must not make the temp
    # name exceed the file system's 255-byte limit.
    name = target.name
    if len(name) > 40:
        name = f"{name[:30]}-{hashlib.sha1(name.encode('utf-8', 'replace')).hexdigest()[:8]}"
    return f".{name}."


def _default_mode() -> int:
    """The mode a new file gets from the user's umask (mkstemp would give 0600)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return 0o666 & ~mask


def fsync_dir(folder: Path) -> None:
    """Make the rename itself durable. Best effort: Windows cannot open a folder."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def write_atomically(target: Path, data: bytes | list[bytes], like: Path | None = None,
                     before_replace: Callable[[Path], None] | None = None) -> None:
    """Replace `target` (already resolved) by `data` (or its pieces, one after the other),
    keeping its mode and owner.

    `like`: take mode and owner from this file instead (a `.bak` must be as
    private as the project it copies). `before_replace(temp)`: called once the
    data is on disk in `temp`, just before the rename; whatever it raises cancels the write
    (the session checks there that nobody replaced the file meanwhile). On any
    failure the temp file is removed and `target` is untouched.
    """
    try:
        info = (like or target).stat()
    except FileNotFoundError:
        info = None
    mode = (info.st_mode & 0o7777) if info is not None else _default_mode()
    fd, tmp_name = tempfile.mkstemp(
        dir=target.parent, prefix=_temp_prefix(target), suffix=TEMP_SUFFIX
    )
    tmp = Path(tmp_name)
    try:
        try:
            for piece in data if isinstance(data, list) else [data]:
                _write_all(fd, piece)
            if hasattr(os, "fchmod"):
                os.fchmod(fd, mode)  # keep the permissions the user gave the file
            if info is not None and hasattr(os, "fchown"):
                try:  # keep the owner when allowed (root editing a user's file)
                    os.fchown(fd, info.st_uid, info.st_gid)
                except OSError:
                    pass
            os.fsync(fd)
        finally:
            os.close(fd)
        if not hasattr(os, "fchmod"):
            os.chmod(tmp, mode)
        if before_replace is not None:
            before_replace(tmp)
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    fsync_dir(target.parent)


def stale_temp_files(target: Path) -> list[Path]:
    """Temp files a killed save left next to `target` (or its .bak)."""
    backup = target.with_name(target.name + ".bak")
    pattern = re.compile(
        "(?:" + "|".join(re.escape(_temp_prefix(p)) for p in (target, backup)) + ")"
        + r"[a-z0-9_]{8}" + re.escape(TEMP_SUFFIX)
    )
    try:
        entries = list(target.parent.iterdir())
    except OSError:
        return []
    return [p for p in entries if pattern.fullmatch(p.name)]


def remove_stale_temp_files(target: Path) -> int:
    """Delete them; only call while holding the project's lock (no save running)."""
    removed = 0
    for path in stale_temp_files(target):
        try:
            path.unlink()
            removed += 1
        except OSError:
            pass
    return removed
