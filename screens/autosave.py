"""Coalesced autosave: every change (re)starts a short timer; the save runs in a thread.

- `changed(champ)` after each answer: the new value goes to the session's
  journal within `JOURNAL_DELAY` (one small append, whatever the project's
  size), and the file is written `delay` seconds after the last keystroke, or
  at most `max_wait` seconds after the first unsaved one when typing never pauses.
- The main thread only dumps the Projet to plain data, and only the top-level
  fields that changed since the last save (`store.snapshot.Sections`): its cost
  follows the change, not the project's size; rebuilding, validating and
  writing happen in a thread worker on that copy.
- Never two saves at once: one in flight at a time (`_busy`), a change during a
  save triggers one more save afterwards, and a lock serialises the thread with
  the synchronous saves done on quit and on SIGHUP/SIGTERM.
- A read-only session (the file is open elsewhere) never tries to save.
- A file changed outside since it was loaded is never overwritten: autosave is
  suspended (`suspended`) until the user chooses what to do (`on_changed_outside`).
"""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Callable
from datetime import datetime
from functools import partial

from textual.app import App
from textual.timer import Timer

from coopwizard.models import Projet, get_path
from coopwizard.store import ProjectFileError, pieces
from coopwizard.store.journal import Journal
from coopwizard.store.session import ChangedOnDisk, ProjectSession
from coopwizard.store.snapshot import Sections
from screens.messages import Enregistrement

JOURNAL_DELAY = 0.1
"""Seconds between a change and its line in the journal (one write for a burst of keys)."""
MAX_WAIT = 1.5
"""Seconds after which the file is written even if the typing never pauses."""


def _jsonable(value: object) -> object:
    from pydantic_core import to_jsonable_python

    return to_jsonable_python(value)


class Autosaver:
    def __init__(
        self,
        app: App,
        session: ProjectSession,
        projet: Projet,
        *,
        delay: float = 0.7,
        horloge: Callable[[], datetime] = datetime.now,
        on_state: Callable[[], None] = lambda: None,
        on_saved: Callable[[Projet], None] = lambda projet: None,
        on_changed_outside: Callable[[str], None] = lambda message: None,
        journal: Journal | None = None,
        max_wait: float = MAX_WAIT,
        before_save: Callable[[Projet], None] = lambda projet: None,
        merge_now: Callable[[], bool] = lambda: False,
    ) -> None:
        self.before_save = before_save
        self.merge_now = merge_now
        """At quit: merge the version now on disk into ours, synchronously (True when done)."""
        """Called on the main thread just before a save takes its snapshot (who saves, when)."""
        self.app = app
        self.session = session
        self.projet = projet
        self.journal = journal
        self.delay = delay
        self.max_wait = max_wait
        self.on_changed_outside = on_changed_outside
        """Called on the main thread when a save found another version on disk."""
        self.suspended = ""
        """Why autosave is suspended (the file changed outside); empty when it runs."""
        self.horloge = horloge
        self.on_state = on_state
        """Called on the main thread whenever the status changes."""
        self.on_saved = on_saved
        """Called after each successful save, in the thread that saved."""
        self.dirty = False
        self.erreur = ""
        self.enregistre_a: datetime | None = None
        self._generation = 0
        self._saved_generation = -1
        """The newest change already on disk: an older snapshot must never be written over it."""
        self._timer: Timer | None = None
        self._journal_timer: Timer | None = None
        self._first_unsaved = 0.0
        self._busy = False
        self._again = False
        self._lock = threading.Lock()
        self._sections = Sections()
        pieces.freeze_loaded()

    @property
    def read_only(self) -> bool:
        return self.session.read_only

    @property
    def busy(self) -> bool:
        return self._busy

    @property
    def saving_lock(self) -> threading.Lock:
        """Held while the file is written and its new version noted."""
        return self._lock

    def changed(self, champ: str = "") -> None:
        """The Projet changed in memory (`champ`: the dotted path that did): save a little later."""
        self._generation += 1
        self._sections.touch(champ)
        if self.read_only:
            return
        if champ and self.journal is not None:
            try:
                valeur = _jsonable(get_path(self.projet, champ))
            except (AttributeError, IndexError, ValueError, TypeError):
                valeur = None
            else:
                self.journal.note(champ, valeur, self._generation)
            self.journal_soon()
        was_dirty, self.dirty = self.dirty, True
        now = time.monotonic()
        if not was_dirty or self._first_unsaved == 0.0:
            self._first_unsaved = now
        if self.suspended:
            self.on_state()
            return
        if not was_dirty:
            self.on_state()
        # Debounce, but never past max_wait after the first change not being saved yet.
        due = self._first_unsaved + self.max_wait
        if now >= due:
            self.save_soon()  # typing never paused: save now (a key must not push it back)
            return
        self._stop_timer()
        self._timer = self.app.set_timer(min(self.delay, due - now), self._timer_fired,
                                         name="autosave")

    def journal_soon(self) -> None:
        """Write the journal's queued lines shortly (one write for a burst of keys)."""
        if self.journal is not None and self._journal_timer is None:
            self._journal_timer = self.app.set_timer(
                JOURNAL_DELAY, self._flush_journal, name="journal")

    def _flush_journal(self) -> None:
        self._journal_timer = None
        if self.journal is not None:
            was = self.journal.error
            self.journal.flush()
            if self.journal.error != was:
                self.on_state()

    def flush_journal(self) -> bool:
        """Write the journal now (quit, signals). True when what was typed is on disk there."""
        if self._journal_timer is not None:
            self._journal_timer.stop()
            self._journal_timer = None
        return self.journal is not None and self.journal.flush()

    def _stop_timer(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None

    def _timer_fired(self) -> None:
        self._timer = None
        self.save_soon()

    def save_soon(self) -> None:
        """Start a background save now (Ctrl+S), or right after the one in flight."""
        if self.read_only or self.suspended:
            return
        self._stop_timer()
        if self._busy:
            self._again = True
            return
        self._busy = True
        self._first_unsaved = 0.0  # what is typed from now on starts a new max-wait window
        self._sign()
        # A plain dump is a fresh tree of dicts and lists over immutable values: the
        # thread can rebuild a Projet from it while the user keeps typing (~10 x
        # cheaper here than a deep copy of the models), and the fields that did not
        # change keep the dump of the last save.
        donnees = self._sections.take(self.projet)
        work = partial(self._write, donnees, self._generation, self._sections.full)
        self.app.run_worker(work, thread=True, group="autosave", exit_on_error=False)

    def _write(self, donnees: dict, generation: int, full: bool = False) -> None:
        """In a worker thread: rebuild the snapshot, write it, then tell the App."""
        # The collector stays off until the snapshot is gone: back on earlier, its first
        # pass would walk the whole snapshot (0.1 s and more, GIL held). `full`: the
        # whole new dump that the Sections now keep is frozen with the rest.
        with pieces.collector_paused(freeze=full):
            message = self._save_snapshot(donnees, generation)
        self.app.post_message(message)  # after: the next save never starts with it off

    def _save_snapshot(self, donnees: dict, generation: int) -> Enregistrement:
        erreur = ""
        ailleurs = False
        snapshot = None
        with self._lock:
            if generation <= self._saved_generation:
                # A synchronous save (quit, signal) already wrote newer answers.
                return Enregistrement(self, generation, "", self.horloge())
            try:
                snapshot = pieces.validate(donnees)  # Projet.model_validate, GIL let go
                self.session.save(snapshot)
            except ChangedOnDisk as err:
                erreur, ailleurs = err.message, True
            except ProjectFileError as err:
                erreur = err.message
            except Exception as err:  # noqa: BLE001 - a save must never crash the session
                erreur = f"Enregistrement impossible : {err}. Vos réponses sont gardées à l'écran."
            else:
                self._saved_generation = generation
                self._journal_saved(generation)
                self._after_save(snapshot)  # type: ignore[arg-type]
        if snapshot is not None and sys.getrefcount(snapshot) <= 2:  # this frame's, the call's
            pieces.release(snapshot)  # freed a chunk at a time, not in one GIL-holding go
        return Enregistrement(self, generation, erreur, self.horloge(), ailleurs=ailleurs)

    def _sign(self) -> None:
        self._sections.touch("enregistrement")  # who saved and when, set in place below
        try:
            self.before_save(self.projet)
        except Exception:  # noqa: BLE001, S110 - who saved is information: never block a save
            pass

    def _journal_saved(self, generation: int) -> None:
        if self.journal is not None and self.session.disk is not None:
            self.journal.saved(generation, self.session.disk.sha256)

    def suspend(self, message: str) -> None:
        """Stop autosaving: the file on disk is another version that could not be merged."""
        self._suspend(message)

    def _suspend(self, message: str) -> None:
        if not self.suspended:
            self.suspended = message
            self._stop_timer()
            self.on_state()
            self.on_changed_outside(message)

    def resume(self) -> None:
        """The user dealt with the other version: autosave runs again."""
        self.suspended = ""
        self.erreur = ""
        if self.dirty:
            self.save_soon()
        self.on_state()

    def _after_save(self, projet: Projet) -> None:
        try:
            self.on_saved(projet)
        except Exception:  # noqa: BLE001, S110 - the recent list or metrics must not undo a save
            pass

    def done(self, message: Enregistrement) -> None:
        """On the main thread, once a background save is over."""
        self._busy = False
        if message.ailleurs:
            self._again = False
            self._suspend(message.erreur)
            return
        if message.erreur:
            self.erreur = message.erreur
        else:
            self.erreur = ""
            self.enregistre_a = message.quand
            if message.generation == self._generation:
                self.dirty = False
                self._first_unsaved = 0.0
        self.on_state()
        if self._again:
            self._again = False
            self.save_soon()

    def save_sync(self, timeout: float = 10.0, *, from_thread: bool = False) -> bool:
        """Save now on the calling thread (quit, signals). True when nothing is left unsaved.

        The journal is written first: whatever happens to the save, what was
        typed is on disk there and the next start replays it. `from_thread`:
        called off the event loop (the forced exit), so Textual's timers are left alone.
        """
        if from_thread:
            if self.journal is not None:
                self.journal.flush()
        else:
            self._stop_timer()
            self.flush_journal()
        if self.read_only or not self.dirty:
            return True
        if self.suspended and not self._merged_at_quit():
            self.erreur = self.suspended
            return False
        if not self._lock.acquire(timeout=timeout):
            self.erreur = "Enregistrement impossible : un autre enregistrement ne se termine pas."
            return False
        generation = self._generation
        if not from_thread:
            self._sign()
        try:
            for essai in range(3):  # a partner's version arriving meanwhile is merged in, again
                try:
                    self.session.save(self.projet)
                    break
                except ChangedOnDisk:
                    if essai == 2 or not self.merge_now():
                        raise
            self._saved_generation = generation
            self._journal_saved(generation)
        except ChangedOnDisk as err:
            self.suspended = self.erreur = err.message
            return False
        except ProjectFileError as err:
            self.erreur = err.message
            return False
        except Exception as err:  # noqa: BLE001
            self.erreur = f"Enregistrement impossible : {err}. Vos réponses sont gardées à l'écran."
            return False
        finally:
            self._lock.release()
        self._after_save(self.projet)
        self.erreur = ""
        self.enregistre_a = self.horloge()
        if generation == self._generation:
            self.dirty = False
            self._first_unsaved = 0.0
        return True

    def _merged_at_quit(self) -> bool:
        """Autosave was suspended by another version on disk: at quit, merge it now."""
        if not self.merge_now():
            return False
        self.suspended = ""
        return True

    @property
    def journal_ok(self) -> bool:
        """What was typed is at least in the journal (a failed save then loses nothing)."""
        return self.journal is not None and not self.journal.error

    def hold(self, timeout: float) -> None:
        """Wait for a save in flight, then keep any other from starting (before a forced exit)."""
        self._lock.acquire(timeout=timeout)

    def alerte(self) -> str:
        """The whole reason the answers are not in the file, and what to do (empty if they are)."""
        if self.read_only:
            return ""
        if self.suspended:
            return (f"{self.suspended}\nF9 : enregistrer sous un autre nom · "
                    "Ctrl+S : choisir que faire de l'autre version")
        if self.erreur:
            ou = ("Ce que vous tapez reste gardé dans le journal de secours de coopwizard."
                  if self.journal_ok else
                  "Vos réponses ne sont gardées qu'à l'écran : ne quittez pas sans les enregistrer.")
            return f"{self.erreur}\n{ou}\nF9 : enregistrer sous un autre nom · Ctrl+S : réessayer"
        return ""

    def status(self) -> tuple[str, str]:
        """(text, kind) for the status bar; kind is "erreur", "modifie", "ok" or "lecture"."""
        if self.read_only:
            return "Lecture seule : rien n'est enregistré ici", "lecture"
        if self.suspended:
            return "● enregistrement suspendu", "erreur"
        if self.erreur:
            return "● non enregistré", "erreur"
        if self.dirty:
            return "● non enregistré", "modifie"
        if self.enregistre_a is not None:
            return f"Enregistré à {self.enregistre_a:%H:%M}", "ok"
        return "", "ok"
