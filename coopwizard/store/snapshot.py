"""The plain data an autosave starts from, re-dumped only where the project changed.

`Projet.model_dump()` runs on the UI thread (the save thread must not read a
model the user is editing) and costs time in proportion to the whole project:
14 ms on the large project, seconds on a 57 MB one, for a key that changed one
field. `Sections` keeps the dump of each top-level field from the last snapshot
and dumps again only:

- the fields named by `touch` (the Autosaver's `changed(champ)`, by its first part);
- every field after `touch_all()` (a change that does not say where: merges, restores);
- a field whose value is another object than last time (`setattr` of a merge, of a
  restore: seen even if nobody said so);
- the unknown keys kept from the file (`extra="allow"`), always: they are few.

The result is equal to `projet.model_dump()` (tested, Hypothesis). The dumps it
hands out are shared between snapshots: nobody may modify them (the save thread
only validates them into a new Projet).
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel


class Sections:
    def __init__(self) -> None:
        self._dumps: dict[str, tuple[Any, Any]] = {}
        """field -> (the value object it was dumped from, its dump)."""
        self._dirty: set[str] = set()
        self._all = True
        self.full = False
        """The last `take` dumped every field again (the first one, or after `touch_all`)."""

    def touch(self, champ: str) -> None:
        """`champ` (a dotted path, or a top-level field) changed in place."""
        if champ:
            self._dirty.add(champ.split(".", 1)[0].split("#", 1)[0])
        else:
            self._all = True

    def touch_all(self) -> None:
        self._all = True

    def take(self, projet: BaseModel) -> dict[str, Any]:
        """The project's `model_dump()`, from the last dumps where nothing changed."""
        names = type(projet).model_fields
        extra = projet.__pydantic_extra__ or {}
        fresh = set(extra)
        for name in names:
            cached = self._dumps.get(name)
            if (self._all or name in self._dirty or cached is None
                    or cached[0] is not getattr(projet, name)):
                fresh.add(name)
        dumped = projet.model_dump(include=fresh) if fresh else {}
        self.full = fresh >= set(names)
        result: dict[str, Any] = {}
        for name in names:
            if name in fresh:
                result[name] = dumped[name]
                self._dumps[name] = (getattr(projet, name), dumped[name])
            else:
                result[name] = self._dumps[name][1]
        for key in extra:
            result[key] = dumped[key]
        self._dirty.clear()
        self._all = False
        return result
