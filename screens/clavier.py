"""The app's keyboard pipeline: keys applied one at a time, pastes kept as text, read-only refusals.

`ClavierOrdonne` is a mixin for the App (`class CoopApp(ClavierOrdonne, App[int])`).

**Keys in order.** Textual's `App.on_event` forwards each key to the focused widget by
posting it to that widget's queue; a key the widget does not stop (Tab, Enter, arrows)
bubbles back up and its (non-priority) binding runs only once it has reached the App. So
in "abc", Tab, "def" written in one go, "def" were already in the old field's queue when
Tab moved the focus: one field got everything. Here a key (or a paste) is forwarded only
once the previous one has been completely handled, and its consequences too:

- after forwarding, a callback is queued behind the key on the widget (`call_later`);
  when it runs, the widget has handled the key, and a key that bubbles is already in the
  parent's queue (Textual posts it there at the end of the handler);
- a key stopped there (a character typed in a field) goes no further: the next one may
  go. Whatever the widget posted meanwhile (its `Changed`) is ahead of the next key in
  its queue, and bubbles up ahead of the next key's own messages;
- otherwise a second callback on the same widget runs behind what the key posted there,
  and the same two steps are taken on each ancestor the key bubbles to, up to the App,
  where its binding runs (Tab moves the focus, Space ticks an option). Only then is the
  next held key processed, with the focus where the previous keys left it. A binding's
  messages to the focused widget are ahead of the next key in that widget's queue: the
  `OptionSelected` of a tick list, which ticks the option highlighted *when it is
  handled* (without this pipeline, "space down space" in one burst ticked the second
  option twice, i.e. nothing). Priority bindings (Ctrl+Q, the F-keys) wait their turn
  like any key: Ctrl+Q right after "xyz" Tab "abc" quits with both fields typed.

The App never awaits the walk: keys arriving meanwhile are held in a queue of our own and
the App's queue keeps running (no deadlock: every step is a plain callback). If the walk
breaks (a widget removed before handling its key, a closed message pump), a watchdog lets
the next key go as soon as the node is no longer attached, and after `DELAI_SECOURS`
whatever happens. Mouse and other events keep Textual's own path.

**A pasted text is only text.** The terminal wraps a paste in `ESC[200~` ... `ESC[201~`,
and Textual's parser ends it at the first `ESC[201~`: a pasted text that holds `ESC[201~`
then `^Q` would arrive as a `Paste` followed by a Ctrl+Q key, and quit. The rule chosen
works on the raw input, where the difference can be seen: the terminal always closes the
paste with its own `ESC[201~`, so an end marker found inside a paste is followed, in the
same burst of input, by a second one with no `ESC[200~` in between. `FiltreCollage` holds
back each end marker and what follows it until the burst is over (nothing more to read
right now): if another end marker comes first, the held one was pasted text and is
dropped, and what followed it stays in the paste (^Q included, as a character: the
answer's own cleaning removes control characters). A real Ctrl+Q sent right after a
paste, even in the same write, still quits: no end marker follows it. A timing rule
("keys within 50 ms of a paste are text") was tried and rejected: it swallowed such a
Ctrl+Q, and Textual's events carry no trace of the closing marker. `PiloteCollage`, the
Linux driver with this filter before Textual's parser, is what the App runs on.

**Read-only.** A second window on the same project (`app.session.read_only`) throws away
whatever is typed in it: keys that would edit an answer (characters, Backspace, Delete,
Enter, Space, cut / paste / undo keys, a paste) are refused before they reach the widget,
with one notice per burst of typing. Navigation keys (Tab, arrows, F-keys, Ctrl+Q...) and
keys bound to an action (Enter opens a step of the plan) go through, and so do a dialog's
own keys and typing in a text field that is not an answer (the command palette, a file
name to export to).
"""

from __future__ import annotations

import asyncio
import functools
import os
import re
import selectors
import sys
import time
from codecs import getincrementaldecoder
from collections import deque
from typing import TYPE_CHECKING, Any

from textual import events
from textual.driver import Driver
from textual.widgets import Input, TextArea

if TYPE_CHECKING:
    from textual.app import App
    from textual.message_pump import MessagePump

    _Base = App[Any]
else:
    _Base = object

DELAI_SECOURS = 3.0
"""Seconds after which the next key goes anyway (a handler stuck, a step lost)."""
VEILLE = 0.05
"""How often (s) the watchdog checks that the key's widget is still there."""
PAUSE_RAFALE = 1.0
"""Refused keys closer than this (s) are one burst: one notice."""

EDITION = frozenset({
    "backspace", "delete", "enter", "space", "shift+enter", "ctrl+j", "ctrl+m",
    "ctrl+h", "ctrl+d", "ctrl+w", "ctrl+u", "ctrl+k", "ctrl+shift+k",
    "ctrl+backspace", "alt+backspace", "super+backspace", "alt+delete", "ctrl+delete",
    "shift+delete", "ctrl+x", "super+x", "ctrl+v", "super+v", "ctrl+z", "super+z",
    "ctrl+y", "super+y", "ctrl+shift+z",
})
"""Keys that change an answer when its widget has the focus (besides characters)."""
SAISIE = frozenset({"backspace", "delete", "enter"})
"""Typing keys: elsewhere than in an answer, refused when they are bound to nothing."""

MESSAGE_LECTURE_SEULE = (
    "Ce projet est ouvert dans une autre fenêtre de coopwizard : ici, il est en lecture "
    "seule, et rien de ce qui est tapé dans cette fenêtre ne serait gardé. Pour modifier "
    "le projet, utilisez l'autre fenêtre."
)

_CLASSES_DE_REPONSE = (
    ("screens.questions", "QuestionBlock"),
    ("screens.editors.base", "RecordEditor"),
    ("screens.editors.form", "RecordForm"),
)


def _classes_de_reponse() -> tuple[type, ...]:
    """The widgets (and screen) that edit the project's answers.

    Looked up among the modules already imported: a class not imported yet has no
    instance on screen, and the keyboard must not import the editors (nor pydantic).
    """
    classes = []
    for module, nom in _CLASSES_DE_REPONSE:
        classe = getattr(sys.modules.get(module), nom, None)
        if isinstance(classe, type):
            classes.append(classe)
    return tuple(classes)


def _dans_une_reponse(widget: MessagePump | None) -> bool:
    classes = _classes_de_reponse()
    if widget is None or not classes:
        return False
    return any(isinstance(noeud, classes) for noeud in widget.ancestors_with_self)  # type: ignore[attr-defined]


def _prend_du_texte(widget: MessagePump | None) -> bool:
    return isinstance(widget, (Input, TextArea)) and not getattr(widget, "read_only", False)


OUVRE, FERME = "\x1b[200~", "\x1b[201~"
_MARQUE = re.compile(r"\x1b\[20[01]~")


class FiltreCollage:
    """Raw terminal input in, the same for Textual's parser out, pasted end markers removed.

    `filtrer(texte)` for each read, `fin_de_rafale()` once nothing more is to be read right
    now: together they give back all the input, in order (see the module's docstring).
    """

    def __init__(self) -> None:
        self.dans_collage = False
        self.fin = False
        """An end marker was read and held: is it the terminal's, or pasted text?"""
        self.apres_fin: list[str] = []
        """What came after the held end marker."""
        self.reste = ""
        """The start of a marker cut off by the end of a read."""

    @property
    def en_attente(self) -> bool:
        return self.fin or bool(self.reste)

    def filtrer(self, texte: str) -> str:
        texte, self.reste = self.reste + texte, ""
        coupe = texte.rfind("\x1b", max(0, len(texte) - len(OUVRE) + 1))
        if coupe >= 0 and (OUVRE.startswith(texte[coupe:]) or FERME.startswith(texte[coupe:])):
            texte, self.reste = texte[:coupe], texte[coupe:]
        if not self.fin and "\x1b[20" not in texte:
            return texte  # a key, a mouse move, pasted text: nothing to look at
        sortie: list[str] = []
        debut = 0
        for marque in _MARQUE.finditer(texte):
            self._morceau(sortie, texte[debut:marque.start()])
            self._marque(sortie, marque.group())
            debut = marque.end()
        self._morceau(sortie, texte[debut:])
        return "".join(sortie)

    def fin_de_rafale(self) -> str:
        sortie: list[str] = []
        self._confirmer(sortie)
        sortie.append(self.reste)
        self.reste = ""
        return "".join(sortie)

    def _morceau(self, sortie: list[str], morceau: str) -> None:
        if morceau:
            (self.apres_fin if self.fin else sortie).append(morceau)

    def _marque(self, sortie: list[str], marque: str) -> None:
        if marque == OUVRE:
            self._confirmer(sortie)  # a new paste: the end held before was the real one
            self.dans_collage = True
            sortie.append(marque)
        elif self.dans_collage:
            self.dans_collage, self.fin = False, True
        elif self.fin:
            # A second end marker: the held one was inside the pasted text (Textual would
            # have ended the paste there); what followed it is pasted text too.
            sortie.extend(self.apres_fin)
            self.apres_fin = []
        else:
            sortie.append(marque)  # no paste open: Textual ignores it

    def _confirmer(self, sortie: list[str]) -> None:
        if self.fin:
            sortie.append(FERME)
            sortie.extend(self.apres_fin)
            self.fin, self.apres_fin = False, []


@functools.cache
def pilote_collage(base: type[Driver]) -> type[Driver]:
    """Textual's Linux driver with `FiltreCollage` before its parser (else `base` as is)."""
    try:
        from textual._loop import loop_last
        from textual._parser import ParseError
        from textual._xterm_parser import XTermParser
        from textual.drivers.linux_driver import LinuxDriver
    except ImportError:  # not a POSIX terminal, or another Textual
        return base
    if base is not LinuxDriver or not hasattr(LinuxDriver, "run_input_thread"):
        return base

    class PiloteCollage(LinuxDriver):
        def run_input_thread(self) -> None:
            # LinuxDriver.run_input_thread (Textual 8.2), the input going through the filter.
            selector = selectors.SelectSelector()
            selector.register(self.fileno, selectors.EVENT_READ)
            parser = XTermParser(self._debug)
            filtre = FiltreCollage()
            decode = getincrementaldecoder("utf-8")().decode

            def envoyer(texte: str) -> None:
                for event in parser.feed(texte) if texte else ():
                    self.process_message(event)

            def tour(prets: list, final: bool = False) -> None:
                for last, (_cle, masque) in loop_last(prets):
                    if masque & selectors.EVENT_READ:
                        texte = decode(os.read(self.fileno, 1024 * 4), final=final and last)
                        if not texte:
                            break
                        envoyer(filtre.filtrer(texte))
                if filtre.en_attente and (final or not selector.select(0)):
                    envoyer(filtre.fin_de_rafale())  # the burst is over
                for event in parser.tick():
                    self.process_message(event)

            try:
                while not self.exit_event.is_set():
                    tour(selector.select(0.1))
                selector.unregister(self.fileno)
                tour(selector.select(0.1), final=True)
            finally:
                selector.close()
                try:
                    for _event in parser.feed(""):
                        pass
                except (EOFError, ParseError):
                    pass

    return PiloteCollage


class _EnVol:
    """The key being handled: where its walk is, and its watchdog."""

    __slots__ = ("debut", "evenement", "noeud", "veille")

    def __init__(self, evenement: events.Event, noeud: MessagePump) -> None:
        self.evenement = evenement
        self.noeud = noeud
        self.debut = time.monotonic()
        self.veille: asyncio.TimerHandle | None = None


class ClavierOrdonne(_Base):
    """Mixin for the App: keys and pastes applied one at a time, in order (see the module)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._clavier_attente: deque[events.Event] = deque()
        """Keys and pastes received while another one is being handled, oldest first."""
        self._clavier_en_vol: _EnVol | None = None
        self._clavier_dernier_refus: float | None = None

    def get_driver_class(self) -> type[Driver]:
        return pilote_collage(super().get_driver_class())

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, (events.Key, events.Paste)) and not event.is_forwarded:
            if self._clavier_en_vol is not None or self._clavier_attente:
                self._clavier_attente.append(event)
                return
            await self._clavier_traiter(event)
            return
        await super().on_event(event)

    # -- one key at a time ------------------------------------------------------

    async def _clavier_traiter(self, event: events.Event) -> None:
        """Handle one key or paste as Textual does, then follow it (in the App's task)."""
        recu = event
        if self._clavier_refuse(recu):
            self._clavier_suivante_plus_tard()
            return
        await super().on_event(recu)  # Textual: priority bindings, or forward to the focus
        if not recu.is_forwarded:  # a priority binding took it: its action has run
            self._clavier_suivante_plus_tard()
            return
        cible = self.focused or self.screen  # where Textual has just posted it
        vol = _EnVol(recu, cible)
        self._clavier_en_vol = vol
        vol.veille = asyncio.get_running_loop().call_later(VEILLE, self._clavier_veiller, vol)
        if not cible.call_later(self._clavier_etape, vol, cible, 1):
            self._clavier_liberer(vol)

    def _clavier_etape(self, vol: _EnVol, noeud: MessagePump, tour: int) -> None:
        """Runs on `noeud`'s queue behind the key (tour 1), then behind what it posted (tour 2)."""
        if vol is not self._clavier_en_vol:
            return  # released meanwhile by the watchdog
        # Stopped here (a character typed in a field): it went no further, and what it
        # posted is ahead of the next key in this queue, and bubbles up ahead of its own.
        arrete = getattr(vol.evenement, "_stop_propagation", False)
        if tour == 1 and not arrete and noeud.call_later(self._clavier_etape, vol, noeud, 2):
            return
        parent = noeud.parent if noeud is not self and not arrete else None
        if parent is None or not noeud.is_attached:  # the App, or a detached widget
            self._clavier_liberer(vol)
            return
        vol.noeud = parent
        if not parent.call_later(self._clavier_etape, vol, parent, 1):
            self._clavier_liberer(vol)

    def _clavier_veiller(self, vol: _EnVol) -> None:
        if vol is not self._clavier_en_vol:
            return
        if not self.is_running:  # the App has stopped: nothing more to deliver
            self._clavier_en_vol = None
            self._clavier_attente.clear()
            return
        noeud = vol.noeud
        perdu = noeud is not self and not (noeud.is_attached and noeud.is_running)
        if perdu or time.monotonic() - vol.debut > DELAI_SECOURS:
            self._clavier_liberer(vol)
            return
        vol.veille = asyncio.get_running_loop().call_later(VEILLE, self._clavier_veiller, vol)

    def _clavier_liberer(self, vol: _EnVol) -> None:
        if vol is not self._clavier_en_vol:
            return
        self._clavier_en_vol = None
        if vol.veille is not None:
            vol.veille.cancel()
        self._clavier_suivante_plus_tard()

    def _clavier_suivante_plus_tard(self) -> None:
        # Through the App's queue: what the previous key's actions posted to the App
        # (a callback, a refresh) is handled before the next key.
        if self._clavier_attente:
            self.call_later(self._clavier_suivante)

    async def _clavier_suivante(self) -> None:
        if self._clavier_en_vol is None and self._clavier_attente:
            await self._clavier_traiter(self._clavier_attente.popleft())

    # -- read-only: refuse what would be thrown away -----------------------------

    def _clavier_refuse(self, event: events.Event) -> bool:
        """In a read-only session, refuse (and say so, once per burst) a key that edits."""
        session = getattr(self, "session", None)
        if session is None or not getattr(session, "read_only", False):
            return False
        if not self._clavier_modifierait(event):
            return False
        dernier, self._clavier_dernier_refus = self._clavier_dernier_refus, event.time
        if dernier is None or event.time - dernier > PAUSE_RAFALE:
            self.notify(MESSAGE_LECTURE_SEULE, title="Lecture seule", severity="warning",
                        timeout=8)
        return True

    def _clavier_modifierait(self, event: events.Event) -> bool:
        """Would `event` edit an answer, or be typing that goes nowhere?"""
        cible = self.focused
        reponse = _dans_une_reponse(cible)
        if isinstance(event, events.Paste):
            return reponse or not _prend_du_texte(cible)
        assert isinstance(event, events.Key)
        if reponse:
            return event.is_printable or event.key in EDITION
        if not (event.is_printable or event.key in SAISIE) or _prend_du_texte(cible):
            return False  # navigation, or a text that is not an answer (palette, file name)
        if self.screen.is_modal:
            return False  # a dialog answers keys of its own (« a : abandonner »)
        # The plan, the help, a button: a bound key acts (Enter opens a step, Space folds
        # a condition); an unbound one is typing that would go nowhere.
        liaison = self.screen.active_bindings.get(event.key)
        return liaison is None or not liaison.enabled
