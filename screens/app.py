"""The coopwizard App, its factory (used by the CLI and the tests) and `run()`.

The App holds the open project: the `Projet` in memory, its path, the
`ProjectSession` (OS lock, read-only when the file is open elsewhere) and the
`Autosaver`. Screens edit `app.projet` and post `ProjetModifie`; the App
autosaves and refreshes the derived views.
"""

from __future__ import annotations

import asyncio
import gc
import os
import signal
import threading
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import App
from textual.binding import Binding, BindingType

from screens.commands import CommandesEtapes
from screens.francais import FrenchApp
from screens.home import HomeScreen
from screens.lancement import EXIT_OK, preparer, titre_du_guide
from screens.messages import Enregistrement, ProjetModifie
from screens.metrics import Metrics

if TYPE_CHECKING:
    from coopwizard.guide import Guide
    from coopwizard.models import Projet
    from coopwizard.store.session import ProjectSession
    from screens.autosave import Autosaver
    from screens.wizard import WizardScreen

# The home screen needs neither pydantic, the project model nor the wizard: they are
# imported when a project opens, so that the first screen shows up sooner.



class CoopApp(FrenchApp, App[int]):
    CSS_PATH = "app.tcss"
    TITLE = "coopwizard"
    COMMANDS = App.COMMANDS | {CommandesEtapes}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+q", "quit", "Quitter", id="quitter", priority=True),
        # Not priority: a record form's own Ctrl+S (save the record) must win inside it.
        Binding("ctrl+s", "enregistrer", "Enregistrer", id="enregistrer"),
    ]

    def __init__(
        self,
        projet: Projet | None = None,
        chemin: Path | None = None,
        *,
        demarrage: str = "accueil",
        nouveau: bool = False,
        message: str = "",
        horloge: Callable[[], datetime] = datetime.now,
        delai: float = 0.7,
        cursor_blink: bool = True,
        guide_: Guide | None = None,
        dossier: Path | None = None,
    ) -> None:
        super().__init__()
        self._guide = guide_
        self.horloge = horloge
        self.delai = delai
        self.cursor_blink = cursor_blink
        self.dossier = dossier or Path.cwd()
        """Where "Créer un projet" proposes to write the new file."""
        self.metrics: Metrics | None = None
        """Set to a `screens.metrics.Metrics` to record timestamps (benchmarks)."""
        self.projet: Projet = None  # type: ignore[assignment]  # set when a project opens
        self.chemin: Path | None = None
        self.session: ProjectSession | None = None
        self.autosaver: Autosaver | None = None
        self.wizard: WizardScreen | None = None
        self._depart = (projet, chemin, nouveau, message)
        self._demarrage = demarrage
        self._quitter_sans_enregistrer = False
        self._quitter_malgre_date = False
        self._boucle: asyncio.AbstractEventLoop | None = None
        self.pret = False
        """Textual's start-up is over (on_ready): refreshes now reach the terminal."""

    @property
    def guide(self) -> Guide:
        """The guide's content, read on first use (the home screen does not need it)."""
        if self._guide is None:
            from coopwizard.guide import guide

            self._guide = guide()
        return self._guide

    # -- hooks ----------------------------------------------------------------

    def record(self, event: str, detail: str = "") -> None:
        """Record a timestamp in `self.metrics` when the benchmarks set it."""
        if self.metrics is not None:
            self.metrics.record(event, detail)

    def on_answer_changed(self, champ: str, *, synchroniser: bool = True) -> None:
        """An answer is in `self.projet`: schedule the autosave, refresh the derived views.

        `synchroniser`: also show the new value in the question asking it (a change made
        elsewhere, e.g. by a record editor); not for a change typed in that very question.
        """
        if self.autosaver is not None:
            self.autosaver.changed()
        if self.wizard is not None:
            if synchroniser:
                self.wizard.synchroniser(champ)
            self.wizard.actualiser_progres()
            if champ == "nom":
                self.wizard.rafraichir_bandeau()
        self.record("refreshed", champ)

    def on_ready(self) -> None:
        # Textual draws nothing until its start-up is over: from here the next refresh is
        # the first frame on the terminal, and what the first screen kept for after it
        # may be scheduled.
        self.pret = True
        attente = getattr(self.screen, "_premiere_image", None)
        if attente is not None:
            attente()

    def premiere_image(self) -> None:
        """Called by the first screen once it is drawn.

        `coopwizard`'s TUI commands start with the garbage collector off (cli.cmd_tui): the
        imports and the loaded project are there for good, and collecting while they are
        built cost 60-70 ms on the large project. Frozen now, they are never walked again.
        """
        if not gc.isenabled():
            gc.freeze()
            gc.enable()

    # -- start and open -------------------------------------------------------

    def on_mount(self) -> None:
        self._boucle = asyncio.get_running_loop()
        projet, chemin, nouveau, message = self._depart
        if projet is not None and chemin is not None:
            self.ouvrir_projet(projet, chemin, nouveau=nouveau, message=message)
            return
        self.push_screen(HomeScreen(titre_du_guide()))
        if self._demarrage == "nouveau":
            self.call_after_refresh(self.demander_nouveau_projet)

    def ouvrir_projet(self, projet: Projet, chemin: Path, *, nouveau: bool = False,
                      message: str = "") -> None:
        """Lock the file (read-only if it is open elsewhere) and show the wizard."""
        from coopwizard.store.session import ProjectSession
        from screens.autosave import Autosaver
        from screens.wizard import WizardScreen

        self.fermer_projet()
        self.projet, self.chemin = projet, chemin
        self.session = ProjectSession(chemin)
        self.session.acquire()
        if getattr(self.session, "unlocked", False):  # no lock folder: still let them work
            message = (f"{message}\n" if message else "") + (
                "Impossible de poser le verrou du projet (dossier de coopwizard inaccessible) : "
                "si ce projet est ouvert dans une autre fenêtre, fermez-la."
            )
        self.autosaver = Autosaver(
            self, self.session, projet, delay=self.delai, horloge=self.horloge,
            on_state=self._etat_change, on_saved=self._apres_enregistrement,
        )
        if not self.session.read_only:
            self._retenir(projet)
        self.wizard = WizardScreen(self.guide, nouveau=nouveau, message=message)
        self.push_screen(self.wizard)

    def fermer_projet(self) -> bool:
        """Save and release the open project, if any. False if the save failed."""
        if self.autosaver is not None and not self.autosaver.save_sync():
            return False
        if self.session is not None:
            self.session.release()
        self.session = self.autosaver = None
        return True

    def _retenir(self, projet: Projet) -> None:
        if self.chemin is None:
            return
        from coopwizard import recent
        from screens import navigation

        done, total = navigation.total(navigation.progres(self.guide, projet))
        recent.remember(self.chemin, projet.nom, done, total, quand=self.horloge())

    def _apres_enregistrement(self, projet: Projet) -> None:
        self.record("saved")
        self._retenir(projet)

    def _dire_accueil(self, message: str) -> None:
        if isinstance(self.screen, HomeScreen):
            self.screen.dire(message)
        else:
            self.notify(message, severity="error", timeout=10)

    def ouvrir_fichier(self, chemin: Path) -> None:
        from coopwizard import store

        try:
            projet = store.load(chemin)
        except store.ProjectFileError as err:
            self._dire_accueil(str(err))
            return
        self.ouvrir_projet(projet, chemin)

    def ouvrir_exemple(self) -> None:
        from screens.fichiers import copie_exemple

        try:
            chemin = copie_exemple(self.horloge())
        except OSError:
            self._dire_accueil("Le projet d'exemple n'est pas disponible dans cette installation.")
            return
        self.ouvrir_fichier(chemin)

    def demander_nouveau_projet(self) -> None:
        from screens.dialogs import NouveauProjet

        def cree(resultat: tuple[str, Path] | None) -> None:
            from coopwizard import store
            from coopwizard.models import Projet

            if resultat is None:
                return
            nom, chemin = resultat
            projet = Projet(nom=nom)
            try:
                store.save(projet, chemin)
            except store.ProjectFileError as err:
                self._dire_accueil(str(err))
                return
            self.ouvrir_projet(projet, chemin, nouveau=True)

        self.push_screen(NouveauProjet(self.dossier, cursor_blink=self.cursor_blink), cree)

    # -- the wizard's needs ---------------------------------------------------

    def noter_position(self, etape: str, champ: str) -> None:
        position = self.projet.position
        if (position.etape, position.champ) == (etape, champ):
            return
        position.etape, position.champ = etape, champ
        if self.autosaver is not None:
            self.autosaver.changed()

    def aller_a(self, etape_id: str) -> None:
        if self.wizard is not None and self.wizard.is_attached:
            self.wizard.call_later(self.wizard.aller_a, etape_id)

    @on(ProjetModifie)
    def _projet_modifie(self, event: ProjetModifie) -> None:
        self.on_answer_changed(event.champ, synchroniser=not event.depuis_question)

    @on(Enregistrement)
    def _enregistre(self, message: Enregistrement) -> None:
        if message.source is self.autosaver and self.autosaver is not None:
            self.autosaver.done(message)

    def _etat_change(self) -> None:
        if self.wizard is not None and self.wizard.is_attached:
            self.wizard.rafraichir_statut()

    # -- saving and quitting ----------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # nothing to save on the home screen: hide the key
        return not (action == "enregistrer" and self.autosaver is None)

    def action_enregistrer(self) -> None:
        if self.autosaver is None:
            return
        if self.autosaver.read_only:
            self.notify("Lecture seule : ce projet est ouvert dans une autre fenêtre.",
                        severity="warning")
            return
        self.autosaver.dirty = True  # Ctrl+S always writes, even with nothing new
        self.autosaver.save_soon()
        self._etat_change()

    async def action_quit(self) -> None:
        incomplete = self.wizard.date_incomplete() if self.wizard is not None else None
        if incomplete is not None and not self._quitter_malgre_date:
            self._quitter_malgre_date = True
            etape_id, bloc = incomplete
            await self.wizard.aller_a(etape_id, bloc.champ)
            self.notify(
                f"« {bloc.question.libelle} » : la date tapée n'est pas reconnue, elle ne "
                "serait pas enregistrée. Corrigez-la (jj/mm/aaaa), ou appuyez de nouveau sur "
                "Ctrl+Q pour quitter sans elle.",
                severity="warning", timeout=15,
            )
            return
        if self.fermer_projet() or self._quitter_sans_enregistrer:
            self.exit(EXIT_OK)
            return
        self._quitter_sans_enregistrer = True
        self._etat_change()
        self.notify(
            "L'enregistrement a échoué (voir la barre d'état). Corrigez le problème puis "
            "Ctrl+S, ou appuyez de nouveau sur Ctrl+Q pour quitter sans enregistrer.",
            severity="error", timeout=15,
        )

    def arret_par_signal(self, signum: int) -> None:
        """SIGHUP / SIGTERM: save synchronously, then leave (runs in the signal handler)."""
        if self.autosaver is not None:
            self.autosaver.save_sync(timeout=5)
        if signum == getattr(signal, "SIGHUP", None):
            # the terminal is gone: if the UI cannot shut down cleanly, do not linger
            threading.Timer(3.0, self._sortie_forcee).start()
        if self._boucle is not None and not self._boucle.is_closed():
            self._boucle.call_soon_threadsafe(self.exit, EXIT_OK)

    def _sortie_forcee(self) -> None:
        # Never cut a save in the middle: it would leave its temp file behind.
        if self.autosaver is not None:
            self.autosaver.hold(timeout=5)
        os._exit(0)

    def on_unmount(self) -> None:
        # Also reached when the app stops on an unexpected exception: save what was typed.
        if self.autosaver is not None:
            self.autosaver.save_sync(timeout=5)
        if self.session is not None:
            self.session.release()


def make_app(projet: Projet | None = None, chemin: str | Path | None = None,
             **options: object) -> CoopApp:
    """The App, on a loaded project (`projet` + `chemin`) or on the home screen."""
    return CoopApp(projet, Path(chemin) if chemin is not None else None, **options)  # type: ignore[arg-type]


def _installer_signaux(app: CoopApp) -> dict[int, object]:
    """Save on SIGTERM / SIGHUP (Textual installs no handler for them); returns the old ones."""

    def handler(signum: int, frame: object) -> None:
        app.arret_par_signal(signum)

    anciens = {}
    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signum = getattr(signal, name)
            anciens[signum] = signal.signal(signum, handler)
    return anciens


def run(mode: str, fichier: str | None) -> int:
    """Entry point of `coopwizard [new|open|demo] [FICHIER]`; returns the exit code."""
    chemin = Path(fichier).expanduser() if fichier else None
    if mode == "demo" or (mode in ("open", "new") and chemin is not None):
        prepare = preparer(mode, chemin)
        if isinstance(prepare, int):
            return prepare
        projet, chemin, options = prepare
        app = make_app(projet, chemin, **options)
    else:  # the home screen, or "new" without a file: the name is asked first
        app = make_app(demarrage="nouveau" if mode == "new" else "accueil")
    anciens = _installer_signaux(app)
    try:
        code = app.run()
    finally:
        for signum, ancien in anciens.items():
            signal.signal(signum, ancien)  # type: ignore[arg-type]
    return code if isinstance(code, int) else EXIT_OK
