"""The coopwizard App, its factory (used by the CLI and the tests) and `run()`.

The App holds the open project: the `Projet` in memory, its path, the
`ProjectSession` (OS lock, read-only when the file is open elsewhere) and the
`Autosaver`. Screens edit `app.projet` and post `ProjetModifie`; the App
autosaves and refreshes the derived views.
"""

from __future__ import annotations

import asyncio
import signal
import sys
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import App
from textual.binding import Binding, BindingType

from coopwizard import typographie
from screens import demarrage
from screens.clavier import ClavierOrdonne
from screens.commands import CommandesEtapes
from screens import francais
from screens.francais import FrenchApp
from screens.home import HomeScreen
from screens.identite import IdentiteMixin
from screens.lancement import EXIT_OK, preparer, titre_du_guide
from screens.messages import Enregistrement, ProjetModifie
from screens.metrics import Metrics
from screens.sauvegarde import EXIT_UNSAVED, SauvegardeMixin, installer_signaux

if TYPE_CHECKING:
    from coopwizard.guide import Guide
    from coopwizard.models import Projet
    from coopwizard.store.session import ProjectSession
    from screens.autosave import Autosaver
    from screens.wizard import WizardScreen

# French typography holds when lines wrap: « mot\u00a0; » never splits.
typographie.installer_rich()
francais.installer_textual()

# The home screen needs neither pydantic, the project model nor the wizard: they are
# imported when a project opens, so that the first screen shows up sooner.



class CoopApp(ClavierOrdonne, FrenchApp, IdentiteMixin, SauvegardeMixin, App[int]):
    CSS_PATH = "app.tcss"
    TITLE = "coopwizard"
    COMMANDS = App.COMMANDS | {CommandesEtapes}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+q", "quit", "Quitter", id="quitter", priority=True),
        # Not priority: a record form's own Ctrl+S (save the record) must win inside it.
        Binding("ctrl+s", "enregistrer", "Enregistrer", id="enregistrer"),
        Binding("f9", "enregistrer_sous", "Enregistrer sous…", id="enregistrer-sous", show=False),
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
        attente_max: float | None = None,
        cursor_blink: bool = True,
        guide_: Guide | None = None,
        dossier: Path | None = None,
    ) -> None:
        super().__init__()
        self._guide = guide_
        self.horloge = horloge
        self.delai = delai
        self.attente_max = attente_max
        """Longest wait between a change and its save while typing never pauses (None: 1.5 s)."""
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
        self._quitter_malgre_date = False
        self._message_sortie = ""
        self._code_sortie = 0
        self._reglages = None
        """The user's settings (name, association), read once a project opens."""
        """Printed on stderr once the terminal is given back (e.g. where unsaved answers are)."""
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
            self.autosaver.changed(champ)
        if self.wizard is not None:
            if synchroniser:
                self.wizard.synchroniser(champ)
            self.wizard.actualiser_progres()
            if champ == "nom":
                self.wizard.rafraichir_bandeau()
        self.record("refreshed", champ)

    def on_ready(self) -> None:
        # Textual draws nothing until its start-up is over: from here the next refresh is
        # the first frame on the terminal (screens/demarrage.py).
        self.pret = True
        demarrage.pret(self)

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
        self._signe_a_l_ouverture = bool(projet.enregistrement.par.strip())  # saved by someone
        self.session = ProjectSession(chemin)
        self.session.acquire()
        self.session.note_disk_version()  # in a thread: the first save compares with it
        messages = [message]
        if getattr(self.session, "unlocked", False):  # no lock folder: still let them work
            messages.append(
                "Impossible de poser le verrou du projet (dossier de coopwizard inaccessible) : "
                "si ce projet est ouvert dans une autre fenêtre, fermez-la."
            )
        journal, repris = self._ouvrir_journal(projet)
        messages.append(repris)
        if projet.conflits:
            from coopwizard.text import nombre

            messages.append(f"{nombre(len(projet.conflits), 'désaccord')} entre deux versions du projet "
                            "attendent votre choix : F4.")
        self.autosaver = Autosaver(
            self, self.session, projet, delay=self.delai, horloge=self.horloge,
            on_state=self._etat_change, on_saved=self._apres_enregistrement,
            on_changed_outside=self._modifie_ailleurs, journal=journal,
            before_save=self._signer, merge_now=self.fusionner_maintenant,
            **({} if self.attente_max is None else {"max_wait": self.attente_max}),
        )
        self.wizard = WizardScreen(self.guide, nouveau=nouveau,
                                   message="\n".join(m for m in messages if m))
        self.push_screen(self.wizard)  # the recent list waits for its first frame
        demarrage.surveillance(self)  # live merge, presence; « Qui êtes-vous ? » just after

    def fermer_projet(self, *, enregistrer: bool = True) -> bool:
        """Save and release the open project, if any. False if the save failed."""
        autosaver = self.autosaver
        if autosaver is not None and enregistrer and not autosaver.save_sync():
            return False
        if autosaver is not None and autosaver.journal is not None:
            # Everything is in the file: the journal goes, unless a form's draft is in it.
            autosaver.journal.close(discard=True)
        self.arreter_surveillance()
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
            self.autosaver.changed("position")

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
        from textual.css.query import NoMatches

        if self.wizard is not None and self.wizard.is_attached:
            try:
                self.wizard.rafraichir_statut()
            except NoMatches:  # a save ending while the app closes: its widgets are gone
                pass

    # -- saving and quitting ----------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # nothing to save on the home screen: hide the key
        return not (action in ("enregistrer", "enregistrer_sous") and self.autosaver is None)

    def action_enregistrer(self) -> None:
        if self.autosaver is None:
            return
        if self.autosaver.read_only:
            self.notify("Lecture seule : ce projet est ouvert dans une autre fenêtre.",
                        severity="warning")
            return
        if self.autosaver.suspended:  # the file changed outside: ask again what to do
            self._choisir_version(self.autosaver.suspended)
            return
        self.autosaver.dirty = True  # Ctrl+S always writes, even with nothing new
        self.autosaver.save_soon()
        self._etat_change()

    def on_unmount(self) -> None:
        # Also reached when the app stops on an unexpected exception: save what was typed.
        minuteur = getattr(self, "_minuteur_arret", None)
        if minuteur is not None:
            minuteur.cancel()  # the loop answered the signal: no forced exit
        if self.autosaver is not None:
            self.vider_saisies()
            if not self.autosaver.save_sync(timeout=5):
                self._message_sortie = self._message_sortie or (
                    f"coopwizard : projet non enregistré ({self.chemin}) : {self.autosaver.erreur}")
                self._code_sortie = EXIT_UNSAVED
            elif self.autosaver.journal is not None:
                self.autosaver.journal.close(discard=True)
        if getattr(self, "_presence", None) is not None:
            self._presence.withdraw()
        if self.session is not None:
            self.session.release()


def make_app(projet: Projet | None = None, chemin: str | Path | None = None,
             **options: object) -> CoopApp:
    """The App, on a loaded project (`projet` + `chemin`) or on the home screen."""
    return CoopApp(projet, Path(chemin) if chemin is not None else None, **options)  # type: ignore[arg-type]


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
    anciens = installer_signaux(app)
    try:
        code = app.run()
    finally:
        for signum, ancien in anciens.items():
            signal.signal(signum, ancien)  # type: ignore[arg-type]
    if app._message_sortie:
        print(app._message_sortie, file=sys.stderr)
    if app._code_sortie:
        return app._code_sortie
    return code if isinstance(code, int) else EXIT_OK
