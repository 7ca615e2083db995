"""Three-way merge of two versions of a project (issue 11). Core: no UI import.

One function for the TUI's live merge, `coopwizard fusion` (Git) and
`coopwizard fusionner` (a sync tool's conflict copy):

    result = merge(ancestor, ours, theirs, ours_author=None, theirs_author=None)
    result.merged     # dict: the project's file data, as coopwizard writes it
    result.projet()   # the same, validated: a Projet ready for store.save
    result.conflicts  # list[Conflit]: also in result.merged["conflits"]
    result.changes    # list[Change]: what THEIR side changed that is now in the result

    merge_projets(ancestor: Projet | None, ours: Projet, theirs: Projet) -> MergeResult

Inputs are project data: `Projet.model_dump(mode="json")`, what tomllib reads
from a file, of any schema_version this version reads, or None / {} for "no
ancestor" (then every field both sides hold differently is a conflict). Each
is first brought to the file's form (migrated, ids given, validated, defaults
left out: `canonical`), so an absent key and its default value are the same.

The rules, field by field:
- changed on one side only: that side's value;
- changed on both sides the same way: that value;
- tables (sections, records): merged key by key;
- lists of records: matched by `id` (models/ids.py). Additions on both sides
  are kept, deletions honoured; a record deleted on one side and edited on the
  other is a conflict. Order: ours, with their new records at their place (after
  the record that precedes them on their side); if only they reordered the
  records both kept, their order;
- choice lists (motivations, ticked items): as sets, additions and deletions
  from both sides;
- texts changed on both sides: merged line by line (merge3) when the changes do
  not overlap;
- anything else changed differently on both sides is a conflict: the result
  keeps OURS (the file stays a valid project) and a `Conflit` in `conflits`
  keeps both values with their authors (see coopwizard/conflits.py to resolve).
`schema_version`, `position` and `enregistrement` are ours; `conflits` are merged
as records, never in conflict themselves.
"""

from __future__ import annotations

import difflib
import functools
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal

from merge3 import Merge3

from coopwizard.models import SCHEMA_VERSION, Conflit, Projet, ids

MISSING: Any = type("Missing", (), {"__repr__": lambda self: "MISSING"})()
"""An absent key: no value (a default, an empty text, a deleted record)."""

OURS_ONLY = ("schema_version", "position", "enregistrement")


@dataclass(frozen=True)
class Change:
    """One change of their side that reached the result."""

    champ: str
    """Path, records by "#id" (as Conflit.champ)."""
    libelle: str
    """In French, as the user knows the field: « Tâche 3 (Réserver la salle), Échéance »."""
    genre: Literal["modifie", "ajoute", "supprime"] = "modifie"


@dataclass
class MergeResult:
    merged: dict[str, Any]
    conflicts: list[Conflit]
    changes: list[Change] = field(default_factory=list)

    @property
    def clean(self) -> bool:
        return not self.conflicts

    def projet(self) -> Projet:
        from coopwizard.store import tolerance

        return tolerance.validate(self.merged)


# --- the file's form ------------------------------------------------------------


def canonical(data: dict[str, Any] | Projet | None) -> dict[str, Any]:
    """`data` as coopwizard writes it: migrated, ids given, validated, defaults left out.

    Raises ValueError (French) for a newer format; pydantic's ValidationError when
    it cannot be a project even with refused values set aside.
    """
    from coopwizard import store
    from coopwizard.store import tolerance
    from coopwizard.store.migrations import migrate

    if isinstance(data, Projet):  # already validated: only its file data (the TUI's case)
        return ids.fix(store._to_data(data))
    data = dict(data or {})
    version = data.get("schema_version", 1)
    if isinstance(version, int) and version > SCHEMA_VERSION:
        raise ValueError(f"une des versions a été écrite par une version plus récente de "
                         f"coopwizard (format {version}) : mettez coopwizard à jour.")
    data = ids.fix(migrate(data, SCHEMA_VERSION))
    return store._to_data(tolerance.validate(data))


def _same(a: Any, b: Any) -> bool:
    if a is b or a == b:
        return a is not MISSING or b is MISSING
    if a is MISSING or b is MISSING:
        return False
    # nan equals nan (an unknown key may hold one)
    from coopwizard.store import _same as same

    return same(a, b)


# --- the merge ------------------------------------------------------------------


def _is_records(value: Any) -> bool:
    return isinstance(value, list) and all(
        isinstance(v, dict) and ids.is_valid(v.get(ids.KEY)) for v in value)


def _is_scalars(value: Any) -> bool:
    return isinstance(value, list) and not any(isinstance(v, (dict, list)) for v in value)


_matcher = functools.partial(difflib.SequenceMatcher, autojunk=False)


def merge_text(base: str, ours: str, theirs: str) -> str | None:
    """The two texts merged line by line; None when their changes overlap."""
    merged: list[str] = []
    groups = Merge3(base.split("\n"), ours.split("\n"), theirs.split("\n"),
                    sequence_matcher=_matcher).merge_groups()
    for group in groups:
        if group[0] == "conflict":
            return None
        merged.extend(group[1])
    return "\n".join(merged)


class _Merger:
    def __init__(self) -> None:
        self.conflicts: list[tuple[tuple, Any, Any]] = []
        self.changes: list[tuple[tuple, str]] = []
        self.quiet = False  # inside `conflits`: never a conflict about a conflict

    def conflict(self, path: tuple, ours: Any, theirs: Any) -> Any:
        if not self.quiet:
            self.conflicts.append((path, ours, theirs))
        return ours

    def value(self, path: tuple, a: Any, o: Any, t: Any) -> Any:
        if _same(o, t):
            return o
        if _same(a, o):  # only they changed it: theirs (walked, to name each change)
            if isinstance(t, dict) and isinstance(a, dict):
                return self.table(path, a, o, t)
            if _is_records(t) and _is_records(a):
                return self.records(path, a, o, t)
            self.changes.append((path, "modifie"))
            return t
        if _same(a, t):
            return o
        kinds = [x for x in (a, o, t) if x is not MISSING]
        if all(isinstance(x, dict) for x in kinds):
            return self.table(path, *(x if x is not MISSING else {} for x in (a, o, t)))
        if all(isinstance(x, list) for x in kinds):
            a, o, t = (x if x is not MISSING else [] for x in (a, o, t))
            if _is_records(a) and _is_records(o) and _is_records(t):
                return self.records(path, a, o, t)
            if _is_scalars(a) and _is_scalars(o) and _is_scalars(t):
                merged = [x for x in o if x not in a or x in t]
                merged += [x for x in t if x not in a and x not in merged]
                self.changes.append((path, "modifie"))
                return merged or MISSING  # empty: absent, as the file writes it
        if all(isinstance(x, str) for x in kinds):
            a, o, t = (x if x is not MISSING else "" for x in (a, o, t))
            merged = merge_text(a, o, t)
            if merged is not None:
                self.changes.append((path, "modifie"))
                return merged or MISSING
        return self.conflict(path, o, t)

    def table(self, path: tuple, a: dict, o: dict, t: dict) -> dict:
        out = {}
        for key in [*o, *(k for k in t if k not in o), *(k for k in a if k not in o and k not in t)]:
            value = self.value((*path, key), a.get(key, MISSING), o.get(key, MISSING),
                               t.get(key, MISSING))
            if value is not MISSING:
                out[key] = value
        return out or MISSING

    def records(self, path: tuple, a: list, o: list, t: list) -> list:
        A, O, T = ({r[ids.KEY]: r for r in side} for side in (a, o, t))
        kept: dict[str, Any] = {}
        for rid in [*O, *(k for k in T if k not in O), *(k for k in A if k not in O and k not in T)]:
            where = (*path, f"#{rid}")
            base, ours, theirs = A.get(rid, MISSING), O.get(rid, MISSING), T.get(rid, MISSING)
            if ours is not MISSING and theirs is not MISSING:
                kept[rid] = self.value(where, base if base is not MISSING else {ids.KEY: rid},
                                       ours, theirs)
            elif base is MISSING:  # added on one side
                kept[rid] = ours if ours is not MISSING else theirs
                if ours is MISSING:
                    self.changes.append((where, "ajoute"))
            elif theirs is MISSING and ours is not MISSING:  # they deleted it
                if _same(base, ours):
                    self.changes.append((where, "supprime"))
                elif self.quiet:
                    kept[rid] = ours
                else:
                    kept[rid] = self.conflict(where, ours, MISSING)
            elif ours is MISSING and theirs is not MISSING and not _same(base, theirs):
                if self.quiet:
                    kept[rid] = theirs
                else:
                    self.conflict(where, MISSING, theirs)  # we deleted it: it stays deleted
        return _ordered(a, o, t, kept) or MISSING


def _ordered(a: list, o: list, t: list, kept: dict[str, Any]) -> list:
    """Ours' order (theirs' if only they reordered), the other side's additions in place."""
    ancestor = [r[ids.KEY] for r in a]
    ours, theirs = [r[ids.KEY] for r in o], [r[ids.KEY] for r in t]
    common = set(ancestor) & set(ours) & set(theirs)

    def order(side: list[str]) -> list[str]:
        return [i for i in side if i in common]

    moved_theirs = order(theirs) != order(ancestor)
    first, other = (theirs, ours) if moved_theirs and order(ours) == order(ancestor) else (
        ours, theirs)
    result = [i for i in first if i in kept]
    placed = set(result)
    for index, rid in enumerate(other):
        if rid in placed or rid not in kept:
            continue
        at = 0
        for before in reversed(other[:index]):
            if before in placed:
                at = result.index(before) + 1
                break
        result.insert(at, rid)
        placed.add(rid)
    result += [i for i in kept if i not in placed]  # none in practice; never lose one
    return [kept[i] for i in result]


def _author(data: dict[str, Any]) -> tuple[str, datetime | None]:
    from coopwizard.models import Enregistrement

    try:
        stamp = Enregistrement.model_validate(data.get("enregistrement") or {})
    except ValueError:
        return "", None
    return stamp.auteur(), stamp.le


def _path_text(path: tuple) -> str:
    return ".".join(str(p) for p in path)


def merge(ancestor: dict[str, Any] | Projet | None, ours: dict[str, Any] | Projet,
          theirs: dict[str, Any] | Projet, *, ours_author: str | None = None,
          theirs_author: str | None = None, le: datetime | None = None) -> MergeResult:
    """Merge THEIR changes since `ancestor` into OURS (see the module's docstring).

    Authors default to each side's `[enregistrement]`; `le` (when the conflicts
    were found) defaults to now. Pure otherwise: the inputs are never changed.
    """
    from coopwizard.conflits import Libelles

    a, o, t = canonical(ancestor), canonical(ours), canonical(theirs)
    (o_who, o_when), (t_who, t_when) = _author(o), _author(t)
    ours_author = o_who if ours_author is None else ours_author
    theirs_author = t_who if theirs_author is None else theirs_author
    merger = _Merger()
    merged: dict[str, Any] = {}
    for key in [*o, *(k for k in t if k not in o), *(k for k in a if k not in o and k not in t)]:
        if key in OURS_ONLY:
            value = o.get(key, MISSING)
        elif key == "conflits":
            merger.quiet = True
            value = merger.value((key,), a.get(key, MISSING), o.get(key, MISSING),
                                 t.get(key, MISSING))
            merger.quiet = False
            merger.changes = [c for c in merger.changes if c[0][0] != "conflits"]
        else:
            value = merger.value((key,), a.get(key, MISSING), o.get(key, MISSING),
                                 t.get(key, MISSING))
        if value is not MISSING:
            merged[key] = value
    when = le or datetime.now().astimezone().replace(microsecond=0)
    known = {(c.get("champ"), repr(c.get("notre_valeur")), repr(c.get("leur_valeur")))
             for c in merged.get("conflits", []) if isinstance(c, dict)}
    new = []
    for path, mine, other in merger.conflicts:
        conflit = Conflit(champ=_path_text(path),
                          notre_valeur=None if mine is MISSING else mine,
                          leur_valeur=None if other is MISSING else other,
                          notre_auteur=ours_author, leur_auteur=theirs_author,
                          notre_date=o_when, leur_date=t_when, le=when)
        dumped = conflit.model_dump(mode="json", exclude_none=True)
        if (dumped["champ"], repr(dumped.get("notre_valeur")),
                repr(dumped.get("leur_valeur"))) not in known:  # merged twice: said once
            new.append(conflit)
    if new:
        from coopwizard import store

        merged["conflits"] = [*merged.get("conflits", []),
                              *(store._to_data(Projet(conflits=new))["conflits"])]
    # Already the file's form: file data merged value by value (no second validation:
    # it would cost as much as the merge on a large project).
    nommer = Libelles(merged, t, a)  # one index of each list for every change
    changes = [Change(_path_text(p), nommer(_path_text(p)), genre) for p, genre in merger.changes]
    return MergeResult(merged, new, changes)


def merge_projets(ancestor: Projet | None, ours: Projet, theirs: Projet, **options: Any
                  ) -> MergeResult:
    """`merge` on loaded projects (the TUI's live merge: the ancestor is the version
    this session last loaded or saved)."""
    return merge(ancestor, ours, theirs, **options)
