"""The write-ahead journal of an editing session: every edit on disk in a fraction of a second.

Rewriting the TOML file costs time proportional to the project (a 57 MB project
takes seconds), so it cannot follow every key. The journal can: each change is
appended as one JSON line holding the new value of the field that changed (or
the raw content of an open record form), a few hundred bytes, whatever the
project's size. The TOML file stays the reference; the journal only holds what
is newer than it, and is compacted after each save. On the next start a journal
left behind (Ctrl+Q never reached, `kill -9`, power cut) is replayed onto the
file: see docs/enregistrement.md for why this design (Vim's swap file, SQLite's
WAL) rather than saving the whole file more often.

The journal lives in the app's state folder (never in the user's folder, which
may be synced with partners), keyed by the project's real path like the lock;
only the session holding the lock writes it. Core module: no UI import.
"""

from __future__ import annotations

import json
import os
import threading
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from coopwizard import paths
from coopwizard.store.atomic import write_atomically

FORMAT = 1
SYNC_EVERY = 1.0
"""Seconds between two fsyncs of the journal (a kill keeps what was written anyway;
fsync is for a power cut, and never runs on the typing path)."""


def journal_path(project: Path) -> Path:
    """Where the journal of `project` lives (same key as the project's lock)."""
    return paths.state_dir() / "journaux" / f"{paths.project_key(project)}.jsonl"


def draft_key(champ: str, index: int | None) -> str:
    """A record form's draft: the list it edits and the record's place (None: a new one)."""
    return f"{champ}#{'nouveau' if index is None else index}"


@dataclass
class Recovered:
    """What a journal left by an interrupted session holds."""

    fichier: str = ""
    base: str = ""
    """sha256 of the project file the journal was written on top of."""
    debut: str = ""
    answers: dict[str, Any] = field(default_factory=dict)
    """Dotted field path -> its last value (JSON), in the order they were typed."""
    drafts: dict[str, dict[str, Any]] = field(default_factory=dict)
    """draft_key -> {"champ", "index", "titre", "valeurs", "quand"} of forms left open."""
    texts: dict[str, str] = field(default_factory=dict)
    """Dotted field path -> text typed but not yet an answer (a date being typed)."""

    def __bool__(self) -> bool:
        return bool(self.answers or self.drafts or self.texts)


def read(project: Path) -> Recovered | None:
    """The journal left for `project`, or None. A torn last line (killed mid-write) is skipped."""
    try:
        raw = journal_path(project).read_bytes()
    except OSError:
        return None
    recovered = Recovered()
    for line in raw.split(b"\n"):
        try:
            entry = json.loads(line)
        except ValueError:
            continue  # the line a kill cut short, or an empty one
        if not isinstance(entry, dict):
            continue
        if "journal" in entry:
            recovered.fichier = str(entry.get("fichier", ""))
            recovered.base = str(entry.get("base", ""))
            recovered.debut = str(entry.get("debut", ""))
        elif "champ" in entry and "valeur" in entry:
            recovered.answers.pop(entry["champ"], None)  # keep the order of the last change
            recovered.answers[entry["champ"]] = entry["valeur"]
            recovered.texts.pop(entry["champ"], None)
        elif "texte" in entry:
            if entry.get("saisie") is None:
                recovered.texts.pop(entry["texte"], None)
            else:
                recovered.texts[entry["texte"]] = str(entry["saisie"])
        elif "brouillon" in entry:
            if entry.get("ferme"):
                recovered.drafts.pop(entry["brouillon"], None)
            elif isinstance(entry.get("contenu"), dict):
                recovered.drafts[entry["brouillon"]] = entry["contenu"]
    return recovered


def _line(entry: dict[str, Any]) -> bytes:
    return json.dumps(entry, ensure_ascii=False, separators=(",", ":")).encode("utf-8") + b"\n"


class Journal:
    """The journal of the session that holds the project's lock.

    `note*` only queue a line (main thread, microseconds); `flush` appends the
    queue with one write; `saved` (after a save, any thread) rewrites the
    journal with only what the file does not hold yet. Every file operation is
    under one lock. An OSError never propagates: it is kept in `error` (French)
    and the caller decides what to tell the user.
    """

    def __init__(self, project: Path) -> None:
        self.project = project
        self.path = journal_path(project)
        self.error = ""
        # Reentrant: a signal handler may run while the main thread holds it.
        self._lock = threading.RLock()
        self._pending: list[bytes] = []
        self._answers: dict[str, tuple[int, bytes]] = {}
        """Lines not yet in the project file: field -> (generation, line)."""
        self._drafts: dict[str, bytes] = {}
        self._texts: dict[str, bytes] = {}
        self._header = b""
        self._fd: int | None = None
        self._unsynced = False
        self._stop = threading.Event()
        self._syncer: threading.Thread | None = None

    # -- writing ----------------------------------------------------------------

    def start(self, base: str, recovered: Recovered | None = None) -> None:
        """Begin the journal on top of the file whose sha256 is `base`.

        Drafts and half-typed texts of a recovered journal are kept: until the
        user deals with them they must survive another interruption.
        """
        with self._lock:
            if recovered is not None:
                for key, contenu in recovered.drafts.items():
                    self._drafts[key] = _line({"brouillon": key, "contenu": contenu})
                for champ, saisie in recovered.texts.items():
                    self._texts[champ] = _line({"texte": champ, "saisie": saisie})
            self._header = _line({
                "journal": FORMAT, "fichier": str(self.project), "base": base,
                "debut": datetime.now().isoformat(timespec="seconds"),
            })
            self._rewrite()
        if self._syncer is None:
            self._syncer = threading.Thread(target=self._sync_loop, name="journal", daemon=True)
            self._syncer.start()

    def note(self, champ: str, valeur: Any, generation: int) -> None:
        line = _line({"champ": champ, "valeur": valeur})
        with self._lock:
            if self._answers.get(champ, (0, b""))[1] == line:
                self._answers[champ] = (generation, line)
                return
            self._answers.pop(champ, None)
            self._answers[champ] = (generation, line)
            self._texts.pop(champ, None)
            self._pending.append(line)

    def note_text(self, champ: str, saisie: str | None) -> None:
        """Text typed in a field that is not an answer yet (None: there is none any more)."""
        line = _line({"texte": champ, "saisie": saisie})
        with self._lock:
            if saisie is None:
                if self._texts.pop(champ, None) is None:
                    return
            else:
                self._texts[champ] = line
            self._pending.append(line)

    def note_draft(self, key: str, contenu: dict[str, Any]) -> None:
        line = _line({"brouillon": key, "contenu": contenu})
        with self._lock:
            if self._drafts.get(key) == line:
                return  # a form posts several Changed messages per key
            self._drafts[key] = line
            self._pending.append(line)

    def close_draft(self, key: str) -> None:
        with self._lock:
            if self._drafts.pop(key, None) is None:
                return
            self._pending.append(_line({"brouillon": key, "ferme": True}))

    @property
    def has_drafts(self) -> bool:
        return bool(self._drafts or self._texts)

    def flush(self) -> bool:
        """Append what was noted since the last flush. False (and `error`) if it failed."""
        with self._lock:
            if not self._pending:
                return not self.error
            data = b"".join(self._pending)
            try:
                if self._fd is None:
                    self._open()
                _write_all(self._fd, data)  # type: ignore[arg-type]
            except OSError as err:
                self._fail(err)
                return False
            self._pending.clear()
            self._unsynced = True
            self.error = ""
            return True

    def saved(self, generation: int, base: str) -> None:
        """The project file now holds every change up to `generation` (its sha256: `base`)."""
        with self._lock:
            self._answers = {k: v for k, v in self._answers.items() if v[0] > generation}
            self._header = _line({
                "journal": FORMAT, "fichier": str(self.project), "base": base,
                "debut": datetime.now().isoformat(timespec="seconds"),
            })
            self._rewrite()

    def close(self, *, discard: bool, force: bool = False) -> None:
        """End of the session; `discard` removes the journal once everything is in the file
        and no draft is left (`force`: even then, its content was written elsewhere)."""
        self._stop.set()
        if not force:
            self.flush()
        with self._lock:
            self._close_fd()
            if force:
                self._answers.clear()
                self._drafts.clear()
                self._texts.clear()
            if discard and not self._answers and not self._drafts and not self._texts:
                try:
                    self.path.unlink(missing_ok=True)
                except OSError:
                    pass  # a stale journal only replays answers the file already holds

    # -- plumbing ---------------------------------------------------------------

    def _open(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)

    def _close_fd(self) -> None:
        if self._fd is not None:
            try:
                os.close(self._fd)
            except OSError:
                pass
            self._fd = None

    def _rewrite(self) -> None:
        """Replace the journal by its header and what is still newer than the file."""
        lines = [self._header, *(line for _, line in self._answers.values()),
                 *self._drafts.values(), *self._texts.values()]
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._close_fd()
            write_atomically(self.path, b"".join(lines))
            self._open()
        except OSError as err:
            self._fail(err)
            return
        self._pending.clear()  # every pending line is in what was just written
        self.error = ""

    def _fail(self, err: OSError) -> None:
        from coopwizard.store.errors import os_reason

        self.error = f"journal de secours impossible à écrire ({self.path.parent}) : {os_reason(err)}"

    def _sync_loop(self) -> None:
        while not self._stop.wait(SYNC_EVERY):
            with self._lock:
                if not self._unsynced or self._fd is None:
                    continue
                try:
                    os.fsync(self._fd)
                except OSError:
                    pass
                self._unsynced = False


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]
