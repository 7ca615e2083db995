"""What waits until after the first frame, and why: every start-up trick of the UI.

The first frame is what a user waits for at every start (`benchmarks/run.py`, « Premier
écran », measures it against a minimal Textual app). What it does not need waits here, in
one file, so that a reader finds every deferred thing and its reason in one place.

Never deferred (a key typed at once must be kept): the project is loaded and validated,
its file locked (read-only when open elsewhere), the journal opened and replayed, the
`Autosaver` made, all in `CoopApp.ouvrir_projet` before the wizard is pushed. Keys typed
before the first frame wait in Textual's queue and reach the question like any other.

Before the first frame, elsewhere:
- `cli.cmd_tui`: no garbage collection while the TUI starts (everything built then is kept);
  `premiere_image` below turns it back on.
- `lancement.titre_du_guide`: the home screen reads only the guide's title.
- `coopwizard/guide_cache.py`: the guide comes ready-made from the user's cache folder.
- imports: the home screen loads neither pydantic nor the wizard (`screens/app.py`); the
  editors are imported by the step that has one (`screens/questions.py`); the project lock
  is a plain flock on Unix, without filelock (`coopwizard/store/session.py`); the help
  pane reads `ressources.toml` when first shown (`screens/help_pane.py`).

After the first frame (this module):
- the wizard's footer (a widget per key, recomposed on every focus change); the home
  screen's footer too, but from `HomeScreen._premiere_image` (its older, equivalent code: on
  `PremiereImage`, the home screen measured 5-20 % slower in four series, unexplained);
- the questions of the step beyond the first `PREMIERES` (`VueEtape.completer`);
- the help pane's content when it is hidden (narrow screen);
- the recent-projects list (`CoopApp._retenir`: progress over the whole guide, a file write);
- `gc.freeze()` then the garbage collector back on.

Right after the next refresh (`surveillance`, not tied to the first frame): « Qui êtes-vous ? »,
saving the answers replayed from the journal (they are in it already), the offer to reopen a
form left open. The live merge and presence start at once (see `surveillance`).
"""

from __future__ import annotations

import gc
import inspect
from collections.abc import Callable
from typing import TYPE_CHECKING

from textual.screen import Screen

if TYPE_CHECKING:
    from screens.app import CoopApp
    from screens.wizard import WizardScreen

PREMIERES = 3
"""Questions mounted before the first frame (from the one the cursor goes to): a screenful."""


class PremiereImage:
    """A screen's list of what waits for its first frame, run once it is drawn.

    Until the screen's first layout, `call_after_refresh` could run before anything is
    drawn (a screen not laid out yet looks idle): the list waits for the layout signal,
    and for Textual's start-up to be over (`App.on_ready`: refreshes reach the terminal).
    """

    def __init__(self, screen: Screen, *, sous_un_dialogue: bool = False) -> None:
        self.screen = screen
        self.sous_un_dialogue = sous_un_dialogue
        """Also when a dialog already covers the screen (the home screen under « Nouveau
        projet » shows its footer); else once the screen is the current one again."""
        self._en_attente: list[tuple[Callable[..., object], tuple[object, ...]]] | None = []

    def ecouter(self) -> None:
        """From the screen's `on_mount` (a signal takes only running nodes)."""
        # Never unsubscribed: `unsubscribe` would drop Textual's own callbacks of the
        # screen (its tooltips'); once drawn, `dessinee` returns at once.
        self.screen.screen_layout_refresh_signal.subscribe(self.screen, self.dessinee)

    @property
    def passee(self) -> bool:
        """The first frame is drawn: what is asked now runs after the next refresh."""
        return self._en_attente is None

    def apres(self, callback: Callable[..., object], *args: object) -> None:
        """Call back once the screen is drawn (what its first frame can do without)."""
        if self._en_attente is None:
            self.screen.call_after_refresh(self._si_affiche, callback, *args)
        else:
            self._en_attente.append((callback, args))

    async def _si_affiche(self, callback: Callable[..., object], *args: object) -> None:
        """Deferred work is for a screen still shown: after a quick quit, it is dropped."""
        screen = self.screen
        if not screen.is_attached or not screen.app.is_running:
            return
        result = callback(*args)
        if inspect.isawaitable(result):
            await result

    def dessinee(self, _screen: Screen | None = None) -> None:
        """The screen is laid out (or Textual ready): what waits runs after the next refresh,
        the first one drawn on the terminal."""
        screen = self.screen
        if self._en_attente is None or not getattr(screen.app, "pret", False) \
                or not (screen.is_current or self.sous_un_dialogue):
            return
        en_attente, self._en_attente = self._en_attente, None
        for callback, args in en_attente:
            screen.call_after_refresh(self._si_affiche, callback, *args)


def pret(app: CoopApp) -> None:
    """`App.on_ready`: the first screen may now run what waits for its first frame."""
    attente = getattr(app.screen, "premiere", None)
    if isinstance(attente, PremiereImage):
        attente.dessinee()
    elif callable(getattr(app.screen, "_premiere_image", None)):  # the home screen's own
        app.screen._premiere_image()


def premiere_image(app: CoopApp) -> None:
    """Once the first screen is drawn: the garbage collector back on.

    `coopwizard`'s TUI commands start with it off (cli.cmd_tui): the imports and the loaded
    project are there for good, and collecting while they are built cost 60-70 ms on the
    large project. Frozen now, they are never walked again.
    """
    if not gc.isenabled():
        gc.freeze()
        gc.enable()


def assistant(ecran: WizardScreen, footer: object) -> None:
    """The wizard: its footer, then the collector (its step's rest is asked by `aller_a`)."""
    ecran.premiere.apres(ecran.mount, footer)
    ecran.premiere.apres(premiere_image, ecran.coop)


def ouverture(app: CoopApp, ecran: WizardScreen) -> None:
    """A project just opened (everything that keeps typed keys safe is ready): the rest,
    after the wizard's footer (from `WizardScreen.on_mount`)."""
    if app.session is not None and not app.session.read_only:
        ecran.premiere.apres(app._retenir, app.projet)


def surveillance(app: CoopApp) -> None:
    """From `ouvrir_projet`, NOT after the first frame: the live merge and presence start at
    once, and the rest right after the next refresh, even under a dialog.

    Tried: the whole of it after the wizard's first frame. The history worker (it reads the
    file in a thread, sharing the GIL with the first frame) then waited while a dialog or F10
    covered the wizard, and the opening's version came after the user's own: two
    tests/ui/test_historique.py tests caught it.
    """
    app.demarrer_surveillance()
    if getattr(app, "_reprises", None) and app.wizard is not None:  # in the journal already
        app.wizard.call_after_refresh(app._enregistrer_reprises)
    if getattr(app, "_brouillons_repris", None):
        app.call_after_refresh(app._proposer_brouillon)
    if app.session is not None and not app.session.read_only:
        app.call_after_refresh(app._demander_identite)
