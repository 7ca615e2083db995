"""The shipped guide, kept ready-made between runs (a pickle in the user's cache folder).

Reading the guide is 12 TOML files parsed then validated into a `Guide`: ~15-25 ms at
every start, before a resumed project's first frame and before every `checklist`. The
validated `Guide` is kept in `cache_dir()/guide.pickle`, under a key made of the data
files' names, sizes and modification times, the code that defines a `Guide` and the
versions of Python and pydantic: change any of them and the guide is read again.

The cache is only ever an accelerator: unreadable, stale, corrupt or not writable, the
guide is read from data/ as before, silently. It holds only what coopwizard ships (no
user data), and lives in the user's own folder, like Python's own .pyc files.
"""

from __future__ import annotations

import os
import pickle
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from coopwizard.guide import Guide

NOM = "guide.pickle"
FORMAT = 1


def _cle(dossier: Path) -> tuple:
    """What the cached guide was made from: any change reads the guide again."""
    import pydantic

    import coopwizard
    from coopwizard import guide as module

    fichiers = []
    for path in sorted(dossier.rglob("*.toml")):
        st = path.stat()
        fichiers.append((str(path.relative_to(dossier)), st.st_size, st.st_mtime_ns))
    code = Path(module.__file__).stat()
    return (FORMAT, coopwizard.__version__, sys.version, pydantic.VERSION, str(dossier),
            code.st_size, code.st_mtime_ns, tuple(fichiers))


def charger(dossier: Path, lire: Callable[[Path], Guide], cache: Path | None) -> Guide:
    """The guide of `dossier`: from the cache when it is still right, else `lire(dossier)`
    (then kept for next time). `cache`: the cache folder, None for no cache."""
    if cache is None:
        return lire(dossier)
    try:
        cle = _cle(dossier)
    except OSError:
        return lire(dossier)
    fichier = cache / NOM
    try:
        with fichier.open("rb") as handle:
            if pickle.load(handle) == cle:
                return pickle.load(handle)
    except Exception:  # noqa: BLE001, S110 - missing, stale or corrupt: read data/ again
        pass
    guide = lire(dossier)
    _garder(fichier, cle, guide)
    return guide


def _garder(fichier: Path, cle: tuple, guide: Guide) -> None:
    """Write the cache atomically (a half-written one must never be read); errors ignored."""
    temporaire = None
    try:
        fichier.parent.mkdir(parents=True, exist_ok=True)
        fd, temporaire = tempfile.mkstemp(prefix=".guide-", dir=fichier.parent)
        with os.fdopen(fd, "wb") as handle:
            pickle.dump(cle, handle, protocol=pickle.HIGHEST_PROTOCOL)
            pickle.dump(guide, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporaire, fichier)
        temporaire = None
    except Exception:  # noqa: BLE001, S110 - read-only home, full disk: no cache, that is all
        pass
    finally:
        if temporaire is not None:
            try:
                os.unlink(temporaire)
            except OSError:
                pass
