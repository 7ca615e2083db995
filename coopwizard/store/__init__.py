"""Load and save one project file. The only code that touches the project file.

Saving follows ARCHITECTURE.md: normalise, dump, re-parse and re-validate,
`.bak` once per session, temp file in the same folder, fsync, `os.replace`
on the resolved path, fsync the folder.
"""

from __future__ import annotations

import math
import os
import shutil
import stat
try:  # the very parser of tomllib (TOML 1.0, same messages), compiled: 2x faster on large files
    import tomli as tomllib
except ImportError:  # pragma: no cover - the standard library's pure-Python one
    import tomllib
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from coopwizard.models import SCHEMA_VERSION, Projet
from coopwizard.models import ids
from coopwizard.models.bruts import CLE, _children, put_back
from coopwizard.store import disposition, pieces, serialise, tolerance
from coopwizard.store.atomic import write_atomically
from coopwizard.store.errors import (
    NOT_A_PROJECT,
    TOO_DEEP,
    NotAProjectError,
    ProjectFileError,
    french_os_error,
    french_toml_message,
    french_validation_messages,
    os_reason,
)
from coopwizard.store.migrations import migrate
from coopwizard.text import normalise_text

__all__ = [
    "ProjectFileError",
    "backup_path",
    "dumps",
    "load",
    "loads",
    "recovery_hint",
    "restore_backup",
    "save",
]

_NOT_A_FILE = (
    "{path} n'est pas un fichier ordinaire (périphérique, tube...) : ce ne peut pas être "
    "un fichier de projet. Rien n'a été lu ni écrit."
)
MAX_FILE_BYTES = 200 * 1024 * 1024  # far above any real project; refuses a wrong huge file


def _resolve(path: Path) -> Path:
    """The real file behind symlinks (a symlinked project stays a symlink)."""
    try:
        return path.resolve()
    except (OSError, RuntimeError):  # a symlink loop: let the caller fail on the path itself
        return path.absolute()


def backup_path(path: str | os.PathLike[str]) -> Path:
    """`<name>.toml.bak`, next to the real file (symlinks resolved)."""
    target = _resolve(Path(path))
    return target.with_name(target.name + ".bak")


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


MAX_DEPTH = 100
"""Nesting a project never needs (it uses 5) and every save can still write back."""
_PROJECT_KEYS = frozenset(Projet.model_fields) - {"schema_version"}


def _depth(data: dict[str, Any]) -> int:
    """How deeply lists and tables nest (the file itself is 1); iterative, never recursive."""
    deepest, stack = 1, [(data, 1)]
    while stack:
        value, level = stack.pop()
        deepest = max(deepest, level)
        if deepest > MAX_DEPTH:
            break
        children = value.values() if isinstance(value, dict) else value
        stack.extend((child, level + 1) for child in children if isinstance(child, (dict, list)))
    return deepest


def loads(text: str, name: str = "Le projet") -> Projet:
    """Parse, migrate and validate a project file's text.

    Refused (ProjectFileError, the text untouched): bad TOML, nesting deeper than
    MAX_DEPTH, a newer format, and a TOML file that is not a project at all
    (NotAProjectError: none of a project's top-level keys and no schema_version).
    An empty file is an empty project.
    """
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise ProjectFileError(f"{name} : {french_toml_message(err)}.") from None
    except RecursionError:  # the parser's own limit on nested inline arrays/tables
        raise ProjectFileError(TOO_DEEP.format(name=name, depth=MAX_DEPTH)) from None
    if _depth(data) > MAX_DEPTH:
        raise ProjectFileError(TOO_DEEP.format(name=name, depth=MAX_DEPTH))
    # no schema_version and something in it: a project only if one of its keys is there
    foreign = bool(data) and "schema_version" not in data
    version = data.get("schema_version", 1)
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise ProjectFileError(f"{name} : schema_version doit être un nombre entier positif.")
    if version > SCHEMA_VERSION:
        raise ProjectFileError(
            f"{name} : ce fichier a été écrit par une version plus récente de coopwizard "
            f"(format {version}, cette version lit jusqu'au format {SCHEMA_VERSION}). "
            "Mettez coopwizard à jour ; le fichier n'a pas été modifié."
        )
    data = ids.fix(migrate(data, SCHEMA_VERSION))  # a record written by hand gets its id
    if foreign and not data.keys() & _PROJECT_KEYS:
        raise NotAProjectError(NOT_A_PROJECT.format(name=name))
    try:
        return tolerance.validate(data)  # a refused value is set aside, not fatal (issue 10)
    except RecursionError:
        raise ProjectFileError(TOO_DEEP.format(name=name, depth=MAX_DEPTH)) from None
    except ValidationError as err:
        details = "\n".join(f"  - {line}" for line in french_validation_messages(err))
        message = f"{name} : des réponses ont un type inattendu :\n{details}"
        raise ProjectFileError(message) from None


def load(path: str | os.PathLike[str]) -> Projet:
    """Read a project file. Raises ProjectFileError with a French message."""
    path = Path(path)
    try:
        if path.is_dir():
            raise IsADirectoryError
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):  # a pipe would block, a device is not a project
            raise ProjectFileError(_NOT_A_FILE.format(path=path), path)
        if info.st_size > MAX_FILE_BYTES:
            raise ProjectFileError(
                f"{path} est bien trop gros pour être un fichier de projet "
                f"(plus de {MAX_FILE_BYTES // (1024 * 1024)} Mo) : il n'a pas été ouvert.",
                path,
            )
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ProjectFileError(f"Le fichier {path} n'existe pas.", path) from None
    except IsADirectoryError:
        raise ProjectFileError(f"{path} est un dossier, pas un fichier de projet.", path) from None
    except OSError as err:
        raise ProjectFileError(f"Impossible de lire {path} : {os_reason(err)}.", path) from None
    try:
        return loads(_decode(raw, str(path)), str(path))
    except ProjectFileError as err:
        err.path = path
        raise


def _extras_raw(model: Any, dumped: Any) -> tuple[Any] | None:
    """Put back unknown keys as they were read (dates, nan), not as JSON-mode strings.

    `extra="allow"` keeps keys this version does not know; writing them back
    unchanged is what lets a file from a newer minor version survive a save.
    """
    if not hasattr(model, "__pydantic_extra__") or not isinstance(dumped, dict):
        return None
    for key, value in (model.__pydantic_extra__ or {}).items():
        if key != CLE:
            dumped[key] = _without_surrogates(value)
    for name in _children(type(model)):  # only fields that hold models can hold extras
        value = getattr(model, name, None)
        if isinstance(value, list) and isinstance(dumped.get(name), list):
            for index, (item, out) in enumerate(zip(value, dumped[name], strict=False)):
                whole = _extras_raw(item, out)
                if whole:
                    dumped[name][index] = whole[0]
                elif isinstance(out, dict) and ids.KEY in out and next(iter(out)) != ids.KEY:
                    dumped[name][index] = {ids.KEY: out[ids.KEY], **out}  # the id first
        elif name in dumped:
            _extras_raw(value, dumped[name])
    return put_back(model, dumped)  # hand-written values the schema refused, as written


def _without_surrogates(value: Any) -> Any:
    # Unknown keys skip `Texte`; a lone surrogate set by code would break UTF-8.
    if isinstance(value, str):
        if value.isascii():  # a record's id, most unknown keys: nothing to look for
            return value
        return normalise_text(value) if any("\ud800" <= c <= "\udfff" for c in value) else value
    if isinstance(value, list):
        return [_without_surrogates(v) for v in value]
    if isinstance(value, dict):
        return {k: _without_surrogates(v) for k, v in value.items()}
    return value


def _drop_none(value: Any) -> Any:
    """TOML has no null: an empty answer is simply absent from the file."""
    if isinstance(value, dict):
        return {k: _drop_none(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_drop_none(v) for v in value if v is not None]
    return value


def _to_data(projet: Projet) -> dict[str, Any]:
    dumped = pieces.dump_json(projet)  # model_dump(mode="json", exclude_defaults=True), GIL let go
    _extras_raw(projet, dumped)
    data = _drop_none(dumped)
    pieces.release_data(dumped, keep=lambda key, value: False)  # a copy: freed piece by piece
    data.pop("schema_version", None)
    return {"schema_version": SCHEMA_VERSION, **data}  # first line of the file


def _same(a: Any, b: Any) -> bool:
    """Equality where nan equals nan (an unknown key may hold one)."""
    if isinstance(a, float) and isinstance(b, float):
        return a == b or (math.isnan(a) and math.isnan(b))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    return type(a) is type(b) and a == b


_MISMATCH = (
    "Enregistrement annulé : le fichier relu ne correspond pas aux réponses. "
    "Vos réponses sont toujours à l'écran ; le fichier précédent est intact."
)


def _proven(projet: Projet) -> tuple[Projet, dict[str, Any]]:
    """The project as it will read back, and its file data (validation errors raise)."""
    data = _to_data(projet)
    try:
        again = pieces.validate(data, whole_on_error=False)  # the usual case, GIL let go
    except ValidationError:
        again = tolerance.validate(data)  # kept values read back as kept values
    if again != projet and not _same(again.model_dump(mode="json"), projet.model_dump(mode="json")):
        # Text that skipped validation (model_construct, in-place list edits) is
        # normalised now: what is saved is what will be read back.
        data = _to_data(again)
        if tolerance.validate(data) != again:
            raise ProjectFileError(_MISMATCH)
    return again, data


def dumps(projet: Projet) -> str:
    """The TOML text of a project, checked to read back to the same project.

    Each section of the text is re-parsed and compared with the data it was
    written from, and that data is re-validated into an equal project.
    """
    parts, _again, _data = _dumped(projet)
    return "".join(parts)


def _dumped(projet: Projet) -> tuple[list[str], Projet, dict[str, Any]]:
    """`dumps` in its pieces, with the project as it reads back and its file data."""
    try:
        again, data = _proven(projet)
        return serialise.to_parts(data, _same), again, data
    except ValidationError as err:
        details = "\n".join(f"  - {line}" for line in french_validation_messages(err))
        raise ProjectFileError(
            f"Enregistrement annulé : des réponses ont un type inattendu :\n{details}"
        ) from None
    except (serialise.Mismatch, TypeError, ValueError, UnicodeError, tomllib.TOMLDecodeError):
        raise ProjectFileError(_MISMATCH) from None


def _encoded(parts: list[str]) -> list[bytes]:
    """The text in UTF-8, a piece at a time (a 57 MB `encode` holds the GIL ~0.1 s)."""
    out = []
    for part in parts:
        out.append(part.encode("utf-8"))
        pieces.pause()
    return out


def save(projet: Projet, path: str | os.PathLike[str], *, make_backup: bool = False,
         before_replace: Callable[[Path], None] | None = None) -> Path:
    """Save atomically; with `make_backup`, first copy the old file to `.bak`.
    `before_replace`: see atomic.write_atomically (what it raises is raised).

    Returns the path really written (symlinks resolved). A file deleted under
    the app is simply written again. On failure the old file is intact, no
    temp file is left, and ProjectFileError says why in French.
    """
    path = Path(path)
    parts, again, data = _dumped(projet)  # may raise ProjectFileError; nothing touched yet
    target = _resolve(path)
    plan = None
    try:
        if target.is_dir():
            raise IsADirectoryError(21, "Is a directory")
        if target.exists() and not target.is_file():  # never replace /dev/null or a pipe
            raise ProjectFileError(_NOT_A_FILE.format(path=path), path)
        on_disk = target.read_bytes() if make_backup and target.exists() else None
        if on_disk is not None:
            write_atomically(backup_path(target), on_disk, like=target)
        if target.exists() and target.stat().st_size > disposition.MAX_BYTES:
            # Too large to keep a hand layout (disposition.plan would say so): the pieces
            # are written as they are, never joined into one text.
            write_atomically(target, _encoded(parts), before_replace=before_replace)
            disposition.forget(target)
        else:
            # The file's comments and hand layout survive (issue 11); see disposition.py.
            plan = disposition.plan(target, "".join(parts), again, data, on_disk)
            write_atomically(target, plan.text.encode("utf-8"), before_replace=before_replace)
            plan.written()
    except OSError as err:
        raise ProjectFileError(french_os_error(err, path), path) from None
    finally:
        # The proof's own copies, freed piece by piece (a save thread lets the UI in);
        # the data stays whole where the layout's plan or the text cache keeps it.
        pieces.release(again)
        if plan is None or plan.state.canon is not data:
            pieces.release_data(data, keep=serialise.keeps)
    return target


def recovery_hint(path: str | os.PathLike[str]) -> str | None:
    """When `path` cannot be opened: the French offer of its readable `.bak`.

    It gives the date of the version the backup holds, the answers of the broken
    file (read as far as possible) that restoring would drop, and where the broken
    file will be kept. None when there is no backup, or when it cannot be read either.
    """
    from coopwizard.store import recovery

    target = _resolve(Path(path))
    bak = backup_path(target)
    try:
        load(bak)
        copie = tomllib.loads(_decode(bak.read_bytes(), str(bak)))
    except (ProjectFileError, OSError, tomllib.TOMLDecodeError):
        return None
    return recovery.describe(target, bak, copie)


def restore_backup(path: str | os.PathLike[str]) -> Path | None:
    """Put the `.bak` back in place of an unreadable file, keeping the broken one.

    The broken file is first copied, byte for byte and checked, to
    `<name>.toml.abime` (or `.abime-2`, ...): the newer session stays readable
    as text there, and is never deleted. Returns where the broken file was kept
    (None if it was missing). Raises ProjectFileError if the backup cannot be read.
    """
    import errno

    from coopwizard.store.recovery import abime_path

    target = _resolve(Path(path))
    bak = backup_path(target)
    load(bak)  # refuse to restore a backup that is itself broken
    kept = None
    try:
        if target.exists():
            broken = target.read_bytes()
            kept = abime_path(target)
            try:
                shutil.copy2(target, kept)  # same bytes, mode and date: the newer session
                if kept.read_bytes() != broken:
                    raise OSError(errno.EIO, "copy differs")
            except OSError:
                kept.unlink(missing_ok=True)  # never a half copy; the broken file is untouched
                raise
        write_atomically(target, bak.read_bytes(), like=kept or bak)
    except OSError as err:
        message = french_os_error(err, Path(path), "Restauration impossible")
        raise ProjectFileError(message, Path(path)) from None
    return kept


def copy_file(source: Path, dest: Path) -> None:
    """Copy without ever overwriting (used by `coopwizard example`)."""
    with open(dest, "xb") as out, open(source, "rb") as src:
        shutil.copyfileobj(src, out)
