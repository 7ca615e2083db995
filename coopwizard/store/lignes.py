"""Line numbers of keys and list items in a project file's text (for `check`).

tomllib gives values, not places. This small scanner walks a text that tomllib
has already accepted (so it can be lenient) and notes where each wanted
location starts: `("taches", 3, "statut")` -> its line. It skips strings,
comments and multi-line values the way TOML does, counts `[[tables]]` and array
items, and stops as soon as every wanted location is found.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable

try:
    import tomli as tomllib
except ImportError:  # pragma: no cover
    import tomllib

_SPACE = re.compile(r"[ \t]*")
_BLANK = re.compile(r"(?:[ \t\r\n]+|#[^\n]*)*")  # spaces, newlines and comments
_BARE = re.compile(r"[A-Za-z0-9_-]+")
_BASIC = re.compile(r'"(?:[^"\\\n]|\\.)*"')
_LITERAL = re.compile(r"'[^'\n]*'")
_ML_BASIC = re.compile(r'"""(?:\\[\s\S]|[^\\])*?""""{0,2}')
_ML_LITERAL = re.compile(r"'''[\s\S]*?''''{0,2}")
_SCALAR = re.compile(
    r"\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}[^\s,\]}#]*"  # a datetime may hold one space
    r"|[^\s,\]}#]+"
)


class _Scanner:
    def __init__(self, text: str, wanted: set[tuple]) -> None:
        self.text = text
        self.wanted = wanted
        self.found: dict[tuple, int] = {}
        self.counts: dict[tuple, int] = {}

    def note(self, loc: tuple, pos: int) -> None:
        if loc in self.wanted and loc not in self.found:
            self.found[loc] = pos
            if len(self.found) == len(self.wanted):
                raise StopIteration

    def blank(self, pos: int) -> int:
        return _BLANK.match(self.text, pos).end()

    def key(self, pos: int) -> tuple[tuple, int]:
        """A dotted key: its parts, and where it ends."""
        parts: list[str] = []
        while True:
            pos = _SPACE.match(self.text, pos).end()
            match = (_BASIC if self.text.startswith('"', pos) else
                     _LITERAL if self.text.startswith("'", pos) else _BARE).match(self.text, pos)
            if match is None:
                raise ValueError(pos)
            word = match.group()
            if word[0] == '"':
                word = tomllib.loads(f"k = {word}")["k"]  # escapes: let the parser read them
            elif word[0] == "'":
                word = word[1:-1]
            parts.append(word)
            pos = _SPACE.match(self.text, match.end()).end()
            if not self.text.startswith(".", pos):
                return tuple(parts), pos
            pos += 1

    def value(self, pos: int, loc: tuple) -> int:
        text = self.text
        if text.startswith("[", pos):
            index, pos = 0, pos + 1
            while True:
                pos = self.blank(pos)
                if text.startswith("]", pos):
                    return pos + 1
                self.note((*loc, index), pos)
                pos = self.blank(self.value(pos, (*loc, index)))
                if text.startswith(",", pos):
                    pos += 1
                index += 1
        if text.startswith("{", pos):
            pos += 1
            while True:
                pos = self.blank(pos)
                if text.startswith("}", pos):
                    return pos + 1
                keys, end = self.key(pos)
                self.note((*loc, *keys), pos)
                pos = self.blank(self.value(self.blank(end + 1), (*loc, *keys)))
                if text.startswith(",", pos):
                    pos += 1
        for start, pattern in (('"""', _ML_BASIC), ("'''", _ML_LITERAL), ('"', _BASIC),
                               ("'", _LITERAL), ("", _SCALAR)):
            if text.startswith(start, pos):
                match = pattern.match(text, pos)
                if match is None:
                    raise ValueError(pos)
                return match.end()
        raise ValueError(pos)  # pragma: no cover - "" always matches

    def header(self, pos: int) -> tuple[tuple, int]:
        array = self.text.startswith("[[", pos)
        keys, pos = self.key(pos + (2 if array else 1))
        loc: tuple = ()
        for n, part in enumerate(keys):
            loc = (*loc, part)
            if array and n == len(keys) - 1:
                self.note(loc, pos)  # the first [[taches]] stands for the list itself
                index = self.counts.get(loc, 0)
                self.counts[loc] = index + 1
                loc = (*loc, index)
            elif loc in self.counts:  # [taches.notes] belongs to the last [[taches]]
                loc = (*loc, self.counts[loc] - 1)
        return loc, pos + (2 if array else 1)

    def run(self) -> None:
        text, pos, table = self.text, 0, ()
        while True:
            pos = self.blank(pos)
            if pos >= len(text):
                return
            start = pos
            if text.startswith("[", pos):
                table, pos = self.header(pos)
                self.note(table, start)
                continue
            keys, pos = self.key(pos)
            self.note((*table, *keys), start)
            pos = self.value(self.blank(pos + 1), (*table, *keys))


def locate(text: str, wanted: Iterable[tuple]) -> dict[tuple, int]:
    """Line (from 1) where each wanted location, or failing that its nearest parent, starts."""
    wanted = set(wanted)
    every = {loc[:n] for loc in wanted for n in range(1, len(loc) + 1)}
    scanner = _Scanner(text, every)
    try:
        scanner.run()
    except (StopIteration, ValueError, IndexError):
        pass  # all found, or a text we cannot follow: keep what was found
    newlines = [m.start() for m in re.finditer("\n", text)] if scanner.found else []
    lines: dict[tuple, int] = {}
    for loc in wanted:
        for n in range(len(loc), 0, -1):
            if loc[:n] in scanner.found:
                lines[loc] = bisect_right(newlines, scanner.found[loc[:n]]) + 1
                break
    return lines
