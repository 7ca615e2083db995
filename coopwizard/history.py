"""The versions of a project this computer saw (issue 11). Core: no UI.

Kept per project in the user's data folder (coopwizard.paths.history_dir(),
one folder per project, named after the hash of its real path, as the lock of
store/session.py), at most MAX_VERSIONS, each with its date, author and reason.
They are the ancestors of the merges of conflict copies (`coopwizard fusionner`),
and what the TUI's « Historique » lists and restores. For the TUI:

    history.record(path, text_or_data, "ouverture")   # first save of a session: the
                                                      # version as it was loaded
    history.record(path, merged, "fusion de projet (copie).toml")   # each merge
    history.versions(path)        # [Version], newest first: .le, .auteur, .raison, .projet()
    history.find_ancestor(path, ours, theirs)         # Version | None
    history.what_changed(newer, older)                # [merge.Change]: what « Historique » says

`record` never raises: the history helps, it must never stop a save (None
when it could not be written). Recording the same content twice in a row keeps
one version.

Choosing the ancestor of a conflict copy. A sync tool's copy carries no
lineage, so the common ancestor is inferred from content. An ancestor that is
too OLD is safe: what changed since on both sides looks changed twice, so it
is kept or becomes a conflict, never lost. One that is too NEW is not: the copy
still holds values our history replaced before it, and a merge would take
them for the copy's changes and silently undo ours. So `find_ancestor` takes
the newest version V such that, for each side,
- the side was not saved before V was (its `[enregistrement] le`, when known,
  is not older than V's own, or than when V was recorded), and
- in no field where it differs from V does it hold a value that was already
  replaced before V (a value seen only in versions older than V).
Without one: None, the empty project, where every difference is a conflict.
Both tests can only err towards an older ancestor, the safe side.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

try:
    import tomli as tomllib
except ImportError:  # pragma: no cover
    import tomllib

import tomli_w

from coopwizard import paths
from coopwizard.models import Projet

MAX_VERSIONS = 50
INDEX = "index.toml"
_ABSENT = "\x00absent"


@dataclass(frozen=True)
class Version:
    fichier: Path
    le: datetime | None
    auteur: str
    raison: str
    empreinte: str

    def texte(self) -> str:
        return self.fichier.read_text(encoding="utf-8")

    def donnees(self) -> dict[str, Any]:
        return tomllib.loads(self.texte())

    def projet(self) -> Projet:
        from coopwizard import store

        return store.loads(self.texte(), f"La version du {self.le or '?'}")


def folder(path: str | Path) -> Path:
    """The history folder of the project at `path` (its real path: symlinks resolved)."""
    return paths.history_dir() / paths.project_key(Path(path))


def _text(content: str | dict[str, Any] | Projet) -> str:
    from coopwizard import store

    if isinstance(content, str):
        store.loads(content)  # only a readable project is worth keeping
        return content
    if isinstance(content, dict):
        from coopwizard.merge import canonical
        from coopwizard.store import tolerance

        content = tolerance.validate(canonical(content))
    return store.dumps(content)


def _read_index(where: Path) -> list[dict[str, Any]]:
    try:
        data = tomllib.loads((where / INDEX).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return []
    return [v for v in data.get("versions", []) if isinstance(v, dict) and "fichier" in v]


def _version(where: Path, entry: dict[str, Any]) -> Version:
    try:
        le = datetime.fromisoformat(str(entry.get("le", "")))
    except ValueError:
        le = None
    return Version(where / str(entry["fichier"]), le, str(entry.get("auteur", "")),
                   str(entry.get("raison", "")), str(entry.get("empreinte", "")))


def record(path: str | Path, content: str | dict[str, Any] | Projet, reason: str, *,
           auteur: str | None = None, le: datetime | None = None) -> Version | None:
    """Keep this version of the project at `path`. `content`: its TOML text, its data
    or the Projet. The author defaults to its `[enregistrement]`."""
    from filelock import FileLock

    from coopwizard.store.atomic import write_atomically

    try:
        text = _text(content)
        if auteur is None:
            from coopwizard import store

            auteur = store.loads(text).enregistrement.auteur()
        where = folder(path)
        where.mkdir(parents=True, exist_ok=True)
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
        with FileLock(where / ".verrou", timeout=10):
            entries = _read_index(where)
            if entries and entries[-1].get("empreinte") == digest:
                return _version(where, entries[-1])  # the same content: one version
            numero = max((int(str(e["fichier"]).split(".")[0]) for e in entries
                          if str(e["fichier"]).split(".")[0].isdigit()), default=0) + 1
            quand = (le or datetime.now().astimezone()).replace(microsecond=0)
            entry = {"fichier": f"{numero:06d}.toml", "le": quand.isoformat(),
                     "auteur": auteur, "raison": reason, "empreinte": digest}
            write_atomically(where / entry["fichier"], text.encode("utf-8"))
            entries.append(entry)
            for old in entries[:-MAX_VERSIONS]:
                (where / str(old["fichier"])).unlink(missing_ok=True)
            entries = entries[-MAX_VERSIONS:]
            index = {"projet": str(path), "versions": entries}
            write_atomically(where / INDEX, tomli_w.dumps(index).encode("utf-8"))
        return _version(where, entry)
    except Exception:  # noqa: BLE001 - the history must never stop a save
        return None


def versions(path: str | Path) -> list[Version]:
    """The versions kept for the project at `path`, newest first."""
    where = folder(path)
    found = [_version(where, e) for e in _read_index(where)]
    return [v for v in reversed(found) if v.fichier.is_file()]


def what_changed(newer: Version, older: Version | None) -> list[Any]:
    """What `newer` changed since `older` (the version kept before it), field by field,
    named as the wizard names them (merge.Change). A new or deleted record is one change,
    not one per field. The first version kept: []."""
    from coopwizard.conflits import Libelles
    from coopwizard.merge import Change, canonical

    if older is None:
        return []
    datas = canonical(older.donnees()), canonical(newer.donnees())
    before, after = (flatten(data) for data in datas)
    nommer = Libelles(datas[1], datas[0])
    changes, whole = [], set()
    for leaf in dict.fromkeys([*after, *before]):
        old, new = before.get(leaf, _ABSENT), after.get(leaf, _ABSENT)
        if old == new or any(leaf[:n] in whole for n in range(1, len(leaf))):
            continue
        genre = "modifie"  # a field set or emptied is « modified »; a record is added or deleted
        if str(leaf[-1]).startswith("#"):
            whole.add(leaf)
            genre = "ajoute" if old is _ABSENT else "supprime" if new is _ABSENT else "modifie"
        champ = ".".join(map(str, leaf))
        changes.append(Change(champ, nommer(champ), genre))
    return changes


def _key(value: Any) -> Any:
    return value if isinstance(value, (str, int, float, bool)) else json.dumps(
        value, sort_keys=True, default=str, ensure_ascii=False)


def flatten(data: Any, path: tuple = ()) -> dict[tuple, Any]:
    """{path: value} for every leaf; records by id, with a leaf saying the record exists."""
    from coopwizard.merge import _is_records

    if isinstance(data, dict):
        out: dict[tuple, Any] = {}
        for key, value in data.items():
            if not path and key in ("schema_version", "position", "enregistrement", "conflits"):
                continue
            out.update(flatten(value, (*path, key)))
        return out
    if _is_records(data) and data:
        out = {}
        for record in data:
            where = (*path, "#" + record["id"])
            out[where] = "présent"
            out.update(flatten({k: v for k, v in record.items() if k != "id"}, where))
        return out
    return {path: _key(data)}


def find_ancestor(path: str | Path, ours: dict[str, Any] | Projet,
                  theirs: dict[str, Any] | Projet) -> Version | None:
    """The best recorded common ancestor of `ours` and `theirs` (see the module's
    docstring for the rule); None when no recorded version can be one."""
    from coopwizard.merge import canonical

    kept: list[tuple[Version, dict[tuple, Any]]] = []
    made: list[datetime | None] = []
    for version in reversed(versions(path)):  # oldest first
        try:
            projet = version.projet()
            kept.append((version, flatten(canonical(projet))))
            made.append(projet.enregistrement.le or version.le)
        except Exception:  # noqa: BLE001, S112 - an unreadable old version is no ancestor
            continue
    if not kept:
        return None
    datas = [canonical(ours), canonical(theirs)]
    saved = [_saved_at(data) for data in datas]
    sides = [flatten(data) for data in datas]
    universe = set().union(*(flat for _, flat in kept), *sides)
    first_seen: dict[tuple, int] = {}
    for number, (_, flat) in enumerate(kept):
        for leaf in universe:
            first_seen.setdefault((leaf, flat.get(leaf, _ABSENT)), number)
    for number in range(len(kept) - 1, -1, -1):
        version, flat = kept[number]
        if any(_before(when, made[number]) for when in saved):
            continue  # a side saved before this version existed cannot descend from it
        if not any(side.get(leaf, _ABSENT) != flat.get(leaf, _ABSENT)
                   and first_seen.get((leaf, side.get(leaf, _ABSENT)), number) < number
                   for side in sides for leaf in universe):
            return version
    return None


def _saved_at(data: dict[str, Any]) -> datetime | None:
    from coopwizard.models import Enregistrement

    try:
        return Enregistrement.model_validate(data.get("enregistrement") or {}).le
    except ValueError:
        return None


def _before(when: datetime | None, other: datetime | None) -> bool:
    """`when` is known to be earlier than `other` (a naive time is taken as local)."""
    if when is None or other is None:
        return False
    return when.astimezone() < other.astimezone()
