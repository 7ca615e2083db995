"""Load and save one project file. The only code that touches the project file.

Saving follows ARCHITECTURE.md: normalise, dump, re-parse and re-validate,
`.bak` once per session, temp file in the same folder, fsync, `os.replace`
on the resolved path, fsync the folder.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import tomllib
from pathlib import Path
from typing import Any

import tomli_w
from pydantic import ValidationError

from coopwizard.models import SCHEMA_VERSION, Projet
from coopwizard.store.errors import (
    ProjectFileError,
    french_toml_message,
    french_validation_messages,
)
from coopwizard.store.migrations import migrate

__all__ = ["ProjectFileError", "dumps", "load", "loads", "save", "backup_path"]


def backup_path(path: Path) -> Path:
    return path.with_name(path.name + ".bak")


def _decode(raw: bytes, name: str) -> str:
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]  # a BOM left by a Windows editor is harmless: accept it
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        raise ProjectFileError(
            f"{name} : le fichier n'est pas encodé en UTF-8 (ligne {line}). "
            "Enregistrez-le en UTF-8 depuis votre éditeur de texte."
        ) from None


def loads(text: str, name: str = "Le projet") -> Projet:
    """Parse, migrate and validate a project file's text."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise ProjectFileError(f"{name} : {french_toml_message(err)}.") from None
    version = data.get("schema_version", 1)
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise ProjectFileError(f"{name} : schema_version doit être un nombre entier positif.")
    if version > SCHEMA_VERSION:
        raise ProjectFileError(
            f"{name} : ce fichier a été écrit par une version plus récente de coopwizard "
            f"(format {version}, cette version lit jusqu'au format {SCHEMA_VERSION}). "
            "Mettez coopwizard à jour ; le fichier n'a pas été modifié."
        )
    data = migrate(data, SCHEMA_VERSION)
    try:
        return Projet.model_validate(data)
    except ValidationError as err:
        details = "\n".join(f"  - {line}" for line in french_validation_messages(err))
        raise ProjectFileError(f"{name} : des réponses ont un type inattendu :\n{details}") from None


def load(path: str | os.PathLike[str]) -> Projet:
    """Read a project file. Raises ProjectFileError with a French message."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ProjectFileError(f"Le fichier {path} n'existe pas.", path) from None
    except IsADirectoryError:
        raise ProjectFileError(f"{path} est un dossier, pas un fichier de projet.", path) from None
    except OSError as err:
        raise ProjectFileError(f"Impossible de lire {path} : {err.strerror}.", path) from None
    try:
        return loads(_decode(raw, str(path)), str(path))
    except ProjectFileError as err:
        err.path = path
        raise


def _to_data(projet: Projet) -> dict[str, Any]:
    data = projet.model_dump(mode="json", exclude_defaults=True)
    data.pop("schema_version", None)
    return {"schema_version": SCHEMA_VERSION, **data}  # first line of the file


def dumps(projet: Projet) -> str:
    """The TOML text of a project, checked to read back to the same project."""
    # Re-validating normalises any text that skipped validation (model_construct).
    projet = Projet.model_validate(projet.model_dump())
    data = _to_data(projet)
    text = tomli_w.dumps(data, multiline_strings=True)
    reparsed = tomllib.loads(text)
    if reparsed != data or Projet.model_validate(reparsed) != projet:
        raise ProjectFileError(
            "Enregistrement annulé : le fichier relu ne correspond pas aux réponses. "
            "Vos réponses sont toujours à l'écran ; le fichier précédent est intact."
        )
    return text


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return  # some systems (Windows) cannot open a folder: nothing to sync
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _write_atomically(target: Path, data: bytes, mode: int | None) -> None:
    fd, tmp_name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if mode is not None:
            os.chmod(tmp, mode)  # keep the permissions the user gave the file
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    _fsync_dir(target.parent)


def save(projet: Projet, path: str | os.PathLike[str], *, make_backup: bool = False) -> Path:
    """Save atomically; with `make_backup`, first copy the old file to `.bak`.

    Returns the path really written (symlinks resolved). On failure the old
    file is intact, no temp file is left, and ProjectFileError says why in French.
    """
    path = Path(path)
    target = path.resolve()  # a symlinked project stays a symlink
    try:
        data = dumps(projet).encode("utf-8")
        mode = None
        if target.exists():
            mode = target.stat().st_mode & 0o7777
            if make_backup:
                bak = backup_path(target)
                _write_atomically(bak, target.read_bytes(), mode)
        _write_atomically(target, data, mode)
    except ProjectFileError:
        raise
    except OSError as err:
        raise ProjectFileError(_french_os_error(err, path), path) from None
    return target


def _french_os_error(err: OSError, path: Path) -> str:
    import errno

    reasons = {
        errno.ENOSPC: "le disque est plein",
        errno.EDQUOT: "le quota du disque est dépassé",
        errno.EACCES: "vous n'avez pas le droit d'écrire dans ce dossier",
        errno.EPERM: "vous n'avez pas le droit d'écrire dans ce dossier",
        errno.EROFS: "le disque est en lecture seule",
        errno.ENOENT: "le dossier n'existe plus",
    }
    reason = reasons.get(err.errno, err.strerror or str(err))
    return f"Enregistrement impossible dans {path} : {reason}. Vos réponses sont gardées à l'écran."


def copy_file(source: Path, dest: Path) -> None:
    """Copy without ever overwriting (used by `coopwizard example`)."""
    with open(dest, "xb") as out, open(source, "rb") as src:
        shutil.copyfileobj(src, out)
