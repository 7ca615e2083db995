"""Coalesced autosave: every change (re)starts a short timer; the save runs in a thread.

- `changed()` after each answer: the file is written `delay` seconds after the
  last keystroke, never on the typing path.
- The main thread only dumps the Projet to plain data (fast); rebuilding,
  validating and writing happen in a thread worker on that copy.
- Never two saves at once: one in flight at a time (`_busy`), a change during a
  save triggers one more save afterwards, and a lock serialises the thread with
  the synchronous saves done on quit and on SIGHUP/SIGTERM.
- A read-only session (the file is open elsewhere) never tries to save.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import datetime
from functools import partial

from textual.app import App
from textual.timer import Timer

from coopwizard.models import Projet
from coopwizard.store import ProjectFileError
from coopwizard.store.session import ProjectSession
from screens.messages import Enregistrement


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
    ) -> None:
        self.app = app
        self.session = session
        self.projet = projet
        self.delay = delay
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
        self._busy = False
        self._again = False
        self._lock = threading.Lock()

    @property
    def read_only(self) -> bool:
        return self.session.read_only

    @property
    def busy(self) -> bool:
        return self._busy

    def changed(self) -> None:
        """The Projet changed in memory: save a little later."""
        self._generation += 1
        if self.read_only:
            return
        was_dirty, self.dirty = self.dirty, True
        self._stop_timer()
        self._timer = self.app.set_timer(self.delay, self._timer_fired, name="autosave")
        if not was_dirty:
            self.on_state()

    def _stop_timer(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None

    def _timer_fired(self) -> None:
        self._timer = None
        self.save_soon()

    def save_soon(self) -> None:
        """Start a background save now (Ctrl+S), or right after the one in flight."""
        if self.read_only:
            return
        self._stop_timer()
        if self._busy:
            self._again = True
            return
        self._busy = True
        # A plain dump is a fresh tree of dicts and lists over immutable values: the
        # thread can rebuild a Projet from it while the user keeps typing (~10 x
        # cheaper here than a deep copy of the models).
        donnees = self.projet.model_dump()
        work = partial(self._write, donnees, self._generation)
        self.app.run_worker(work, thread=True, group="autosave", exit_on_error=False)

    def _write(self, donnees: dict, generation: int) -> None:
        """In a worker thread: rebuild the snapshot, write it, then tell the App."""
        erreur = ""
        snapshot = None
        with self._lock:
            if generation <= self._saved_generation:
                # A synchronous save (quit, signal) already wrote newer answers.
                self.app.post_message(Enregistrement(self, generation, "", self.horloge()))
                return
            try:
                snapshot = Projet.model_validate(donnees)
                self.session.save(snapshot)
            except ProjectFileError as err:
                erreur = err.message
            except Exception as err:  # noqa: BLE001 - a save must never crash the session
                erreur = f"Enregistrement impossible : {err}. Vos réponses sont gardées à l'écran."
            else:
                self._saved_generation = generation
                self._after_save(snapshot)  # type: ignore[arg-type]
        self.app.post_message(Enregistrement(self, generation, erreur, self.horloge()))

    def _after_save(self, projet: Projet) -> None:
        try:
            self.on_saved(projet)
        except Exception:  # noqa: BLE001, S110 - the recent list or metrics must not undo a save
            pass

    def done(self, message: Enregistrement) -> None:
        """On the main thread, once a background save is over."""
        self._busy = False
        if message.erreur:
            self.erreur = message.erreur
        else:
            self.erreur = ""
            self.enregistre_a = message.quand
            if message.generation == self._generation:
                self.dirty = False
        self.on_state()
        if self._again:
            self._again = False
            self.save_soon()

    def save_sync(self, timeout: float = 10.0) -> bool:
        """Save now on the calling thread (quit, signals). True when nothing is left unsaved."""
        self._stop_timer()
        if self.read_only or not self.dirty:
            return True
        if not self._lock.acquire(timeout=timeout):
            self.erreur = "Enregistrement impossible : un autre enregistrement ne se termine pas."
            return False
        generation = self._generation
        try:
            self.session.save(self.projet)
            self._saved_generation = generation
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
        return True

    def hold(self, timeout: float) -> None:
        """Wait for a save in flight, then keep any other from starting (before a forced exit)."""
        self._lock.acquire(timeout=timeout)

    def status(self) -> tuple[str, str]:
        """(text, kind) for the status bar; kind is "erreur", "modifie", "ok" or "lecture"."""
        if self.read_only:
            return "Lecture seule : rien n'est enregistré ici", "lecture"
        if self.erreur:
            return f"● non enregistré — {self.erreur}", "erreur"
        if self.dirty:
            return "● non enregistré", "modifie"
        if self.enregistre_a is not None:
            return f"Enregistré à {self.enregistre_a:%H:%M}", "ok"
        return "", "ok"
