"""Comments and hand layout of the project file kept across saves (issue 11).

The fast path (tomli-w and the section cache of serialise.py) writes the whole
file in coopwizard's own layout: right for a file the app wrote itself, and the
only one affordable on a large project. tomlkit keeps every comment but parses
about 0.5 MB/s: on the large benchmark project it would take minutes, holding
the GIL against the user's typing. So it is used only when the file on disk
holds something a person wrote (a comment, or a layout that is not the app's)
and is at most MAX_BYTES. It then edits that document in place: only the
values that changed are rewritten, every other line keeps its bytes.

Its text is verified like the fast path's: re-parsed and re-validated into the
same project. On any doubt the fast path's text (already verified) is written
instead: a comment never makes a save fail. The parsed document is kept for the
next save while the file on disk is the one we wrote (size, mtime, inode): only
the first save of a session parses it.
"""

from __future__ import annotations

import difflib
import json
import os
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import tomli_w

try:  # the compiled build of the same parser, as in serialise.py
    import tomli as tomllib
except ImportError:  # pragma: no cover
    import tomllib

MAX_BYTES = 256 * 1024  # tomlkit: ~0.5 s once per session, in the autosave thread
KEPT_FILES = 8


class _Mismatch(Exception):
    """The edited document would not read back as the project."""


@dataclass
class _State:
    identity: tuple = ()
    document: Any = None  # the tomlkit document; None: the fast path is enough
    raw: Any = None  # what the document holds, as tomllib reads it
    canon: Any = None  # the same as the app would write it: decides what changed


_states: dict[Path, _State] = {}
_lock = threading.Lock()


def _identity(info: os.stat_result) -> tuple:
    return (info.st_size, info.st_mtime_ns, info.st_ino, info.st_dev)


@dataclass
class Plan:
    """The text to write, and what to remember once it is written."""

    text: str
    target: Path
    state: _State

    def written(self) -> None:
        try:
            self.state.identity = _identity(self.target.stat())
        except OSError:
            return
        with _lock:
            _states[self.target] = self.state
            while len(_states) > KEPT_FILES:
                del _states[next(iter(_states))]


def plan(target: Path, fast_text: str, projet: Any, data: dict[str, Any],
         on_disk: bytes | None = None) -> Plan:
    """What to write over `target`: `fast_text`, or the file on disk edited in place."""
    with _lock:
        state = _states.pop(target, None)  # ours alone until written (saves never share it)
    fast = Plan(fast_text, target, _State())
    try:
        info = target.stat()
    except OSError:
        return fast  # a new file: nothing written by hand to keep
    if info.st_size > MAX_BYTES:
        return fast
    if state is None or state.identity != _identity(info):
        state = _read(target, on_disk)
    if state.document is None:
        return fast
    try:
        text, raw = _edit(state, data, projet)
    except Exception:  # noqa: BLE001 - tomlkit's surprises must never cost a save
        return fast
    return Plan(text, target, _State((), state.document, raw, data))


def _read(target: Path, on_disk: bytes | None) -> _State:
    from coopwizard import store  # late: store imports this module

    try:
        raw = on_disk if on_disk is not None else target.read_bytes()
        # Saved files are UTF-8 without BOM, LF line ends (ARCHITECTURE.md): a Windows
        # editor's CRLF goes, the rest of the layout stays.
        text = raw.decode("utf-8-sig").replace("\r\n", "\n")
        canon = store._to_data(store.loads(text))
        # A "#" may be a comment (or sit in a text: a little time lost, nothing else);
        # without one, only a layout that is not the app's is worth tomlkit's time.
        if "#" not in text and store.serialise.to_toml(canon, store._same) == text:
            return _State()
        import tomlkit  # only here: it costs 30 ms to import, and most saves never need it

        return _State((), tomlkit.parse(text), tomllib.loads(text), canon)
    except Exception:  # noqa: BLE001 - unreadable now: the fast path, as before
        return _State()



def _edit(state: _State, new: dict[str, Any], projet: Any) -> tuple[str, dict[str, Any]]:
    from coopwizard.store import _same, loads

    _apply(state.document, state.raw, state.canon, new)
    from coopwizard.models import Projet

    for key in [k for k in state.raw if k not in new and k not in Projet.model_fields]:
        del state.document[key]  # moved by a migration (v1's `titre` is now `nom`)
    if state.raw.get("schema_version") != new["schema_version"]:  # absent: read as format 1
        state.document["schema_version"] = _item("schema_version", new["schema_version"])
    text = state.document.as_string()
    raw = tomllib.loads(text)
    again = loads(text)  # verified as the fast path is: read back as the same project
    if again != projet and not _same(again.model_dump(mode="json"),
                                     projet.model_dump(mode="json")):
        raise _Mismatch
    return text, raw


def _item(key: str, value: Any) -> Any:
    """A tomlkit item written exactly as the fast path writes it (tomli-w's layout)."""
    import tomlkit

    chunk = tomli_w.dumps({key: value}, multiline_strings=True)
    return tomlkit.parse(chunk + "\n")[key]  # a new table ends with a blank line, as tomli-w's


def _is_table(item: Any) -> bool:
    return hasattr(item, "keys") and not isinstance(item, (str, list))


def _records(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(v, dict) for v in value)


def _apply(container: Any, raw: dict[str, Any], canon: dict[str, Any],
           new: dict[str, Any]) -> None:
    """Make `container` hold `new`, touching only what changed since `canon`.

    `raw` is what the container holds; `canon` is the same data as the app
    writes it (no default values, dates and amounts normalised). Comparing
    `canon` with `new` keeps what the user wrote by hand when it means the
    same: `statut = "a_faire"`, `montant = 180.5`, `date_debut = "1/9/2026"`.
    """
    from coopwizard.store import _same

    for key in [key for key in canon if key not in new and key in raw]:
        del container[key]  # an answer emptied, a record list cleared...
    for key, value in new.items():
        if key in canon and key in raw and _same(canon[key], value) \
                and not _lacks_ids(raw[key], value):
            continue  # unchanged, and written in full (an id given on load must be written)
        before, current = canon.get(key), container.get(key) if key in raw else None
        if isinstance(before, dict) and isinstance(value, dict) and _is_table(current):
            _apply(current, raw[key], before, value)
        elif _records(before) and _records(value) and type(current).__name__ == "AoT":
            _apply_records(current, raw[key], before, value)
        else:
            container[key] = _item(key, value)


def _lacks_ids(raw: Any, value: Any) -> bool:
    """Whether `value` holds a record id that the file (`raw`) does not (given on load)."""
    if isinstance(value, dict):
        if "id" in value and not (isinstance(raw, dict) and "id" in raw):
            return True
        raw = raw if isinstance(raw, dict) else {}
        return any(_lacks_ids(raw.get(k), v) for k, v in value.items()
                   if isinstance(v, (dict, list)))
    if isinstance(value, list) and value and isinstance(value[0], dict):
        raw = raw if isinstance(raw, list) else []
        return any(_lacks_ids(raw[i] if i < len(raw) else None, v) for i, v in enumerate(value))
    return False


def _apply_records(aot: Any, raw: list[dict], old: list[dict], new: list[dict]) -> None:
    """An array of tables: unchanged records (and their comments) stay where they are."""
    import tomlkit

    from coopwizard.store import _same

    def key(record: dict) -> str:  # a record is known by its id (models/ids.py)
        if isinstance(record.get("id"), str):
            return "id:" + record["id"]
        return json.dumps(record, sort_keys=True, default=str)

    matcher = difflib.SequenceMatcher(None, [key(r) for r in old], [key(r) for r in new],
                                      autojunk=False)
    for tag, i1, i2, j1, j2 in reversed(matcher.get_opcodes()):
        if tag == "equal":  # the same records: edit those that changed in place
            for k in range(i2 - i1):
                before, after = old[i1 + k], new[j1 + k]
                if not _same(before, after) or _lacks_ids(raw[i1 + k], after):
                    _apply(aot[i1 + k], raw[i1 + k], before, after)
            continue
        edited = min(i2 - i1, j2 - j1)  # a record changed in place: edit its table
        for k in range(edited):
            _apply(aot[i1 + k], raw[i1 + k], old[i1 + k], new[j1 + k])
        for k in reversed(range(i1 + edited, i2)):
            del aot[k]
        for k in range(j1 + edited, j2):
            table = tomlkit.table()
            for name, value in new[k].items():
                table[name] = _item(name, value)
            aot.insert(i1 + k - j1, table)


def forget(target: Path | None = None) -> None:
    """Drop what is remembered of `target` (of every file when None); for tests."""
    with _lock:
        if target is None:
            _states.clear()
        else:
            _states.pop(target, None)
