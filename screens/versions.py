"""Another version of the project on disk, and « Enregistrer sous… » (F9).

A save that finds the file changed outside (a partner's version arriving in a
synced folder, an edit in a text editor, a broken or foreign file) is refused
by the session (`ChangedOnDisk`); the Autosaver suspends itself and calls
`_modifie_ailleurs`. Nothing is overwritten: the user keeps both versions or
reloads the other one, and this session's answers are always written somewhere
first. « Enregistrer sous… » is also the way out of a folder that disappeared.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from screens.choix import Choix, Reponse
from screens.fusion_live import FusionLiveMixin

if TYPE_CHECKING:
    from screens.app import CoopApp


class VersionsMixin(FusionLiveMixin):
    """For CoopApp (through SauvegardeMixin)."""

    def _modifie_ailleurs(self: CoopApp, message: str) -> None:
        """A save found another version on disk: merge it in (screens/fusion_live.py);
        what cannot be merged stays suspended and is said by `_dire_modifie_ailleurs`."""
        self.fusionner_version_disque()

    def _dire_modifie_ailleurs(self: CoopApp) -> None:
        """Say it without taking the keyboard (the user may be typing: a dialog would
        swallow their keys); Ctrl+S then offers the choices."""
        message = self.autosaver.suspended if self.autosaver is not None else ""
        self.notify(f"{message}\nCtrl+S : garder les deux versions ou recharger.",
                    title="Fichier modifié ailleurs", severity="warning", timeout=12)

    def _choisir_version(self: CoopApp, message: str) -> None:
        """Ctrl+S while autosave is suspended: keep both versions, or reload the other."""
        from screens.fichiers import copie_a_cote

        if self.chemin is None:
            return
        copie = copie_a_cote(self.chemin, self.horloge())
        texte = (
            f"{message}\n\n"
            f"• Garder les deux : vos réponses sont enregistrées dans un nouveau fichier, "
            f"« {copie.name} », et vous continuez dessus ; l'autre version reste telle quelle.\n"
            "• Recharger : rouvrir la version du disque ; vos réponses de cette session sont "
            f"d'abord gardées dans « {copie.name} ».\n"
            "• Échap : décider plus tard (rien n'est enregistré dans le projet d'ici là, "
            "mais ce que vous tapez reste dans le journal de secours)."
        )
        reponses = [Reponse("garder", "Garder les deux", "g", "primary"),
                    Reponse("recharger", "Recharger", "r")]

        def decide(choix: str | None) -> None:
            if choix == "garder":
                self._basculer_vers(copie)
            elif choix == "recharger":
                self._recharger(copie)

        self.push_screen(Choix("Le fichier a été modifié en dehors de coopwizard", texte,
                               reponses, echap="plus_tard", echap_libelle="décider plus tard",
                               focus="garder"), decide)

    def _basculer_vers(self: CoopApp, nouveau: Path) -> bool:
        """Write the answers to `nouveau` and go on editing that file (the old one untouched)."""
        from coopwizard import store
        from coopwizard.store.journal import Journal
        from coopwizard.store.session import ProjectSession

        self.vider_saisies()
        session = ProjectSession(nouveau)
        session.acquire()
        try:
            session.save(self.projet)
        except store.ProjectFileError as err:
            session.release()
            self.notify(str(err), severity="error", timeout=15)
            return False
        ancien = self.chemin
        if self.session is not None:
            self.session.release()
        autosaver = self.autosaver
        if autosaver is not None and autosaver.journal is not None:
            autosaver.journal.close(discard=True, force=True)
        journal = Journal(nouveau)
        journal.start(base=session.disk.sha256 if session.disk else "")
        self.session, self.chemin = session, nouveau
        if autosaver is not None:
            autosaver.session, autosaver.journal = session, journal
            autosaver.dirty = False
            autosaver.resume()
        self._retenir(self.projet)
        if self.wizard is not None:
            self.wizard.rafraichir_statut()
        self.notify(f"Vos réponses sont enregistrées dans {nouveau} ; "
                    f"{ancien.name if ancien else 'l’autre fichier'} n'a pas été modifié.",
                    timeout=12)
        return True

    def _recharger(self: CoopApp, copie: Path) -> None:
        from coopwizard import store

        try:
            store.save(self.projet, copie)  # this session's answers, kept beside
            projet = store.load(self.chemin)  # type: ignore[arg-type]
        except store.ProjectFileError as err:
            self.notify(f"{err}\nVos réponses restent à l'écran : choisissez « Garder les deux ».",
                        severity="error", timeout=15)
            return
        if self.autosaver is not None and self.autosaver.journal is not None:
            self.autosaver.journal.close(discard=True, force=True)
        self.fermer_projet(enregistrer=False)
        self.ouvrir_projet(projet, self.chemin,  # type: ignore[arg-type]
                           message=f"Version du disque rechargée ; vos réponses d'avant sont "
                                   f"gardées dans {copie.name}.")

    def action_enregistrer_sous(self: CoopApp) -> None:
        from screens.enregistrer_sous import EnregistrerSous

        if self.autosaver is None or self.chemin is None:
            return

        def choisi(chemin: Path | None) -> None:
            if chemin is not None:
                self._basculer_vers(chemin)

        self.push_screen(EnregistrerSous(self.chemin, cursor_blink=self.cursor_blink,
                                         dans_son_dossier=self.is_web), choisi)
