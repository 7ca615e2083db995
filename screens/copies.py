"""Sync tools' conflict copies next to the project, found on open and while open, offered for merging.

Nextcloud, Syncthing and Dropbox never merge: when two partners save at once,
they keep one version under the project's name and the other as a « conflicted
copy » beside it, which nobody notices. `CopiesMixin` (for CoopApp) looks for
them (coopwizard.sync_copies) when a project opens and every `ENTRE_DEUX_RECHERCHES`
seconds; each one found is offered once per session. Merged (coopwizard.merge,
ancestor from this computer's history of the project), the copy is renamed to
say so, never deleted. The history also gets the version opened, so that a later
copy has a common ancestor.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from screens.choix import Choix, Reponse

if TYPE_CHECKING:
    from coopwizard.sync_copies import SyncCopy
    from screens.app import CoopApp

ENTRE_DEUX_RECHERCHES = 10.0


class CopiesMixin:
    """For CoopApp."""

    def demarrer_copies(self: CoopApp) -> None:
        self._copies_vues: set[Path] = set()
        if self.session is None or self.session.read_only or self.chemin is None:
            return
        from coopwizard import history

        chemin = self.chemin

        def noter() -> None:  # the file as opened, read in the thread: nothing on start-up
            try:
                history.record(chemin, chemin.read_bytes().decode("utf-8-sig"), "ouverture")
            except (OSError, UnicodeDecodeError):
                pass

        self.run_worker(noter, thread=True, group="historique", exit_on_error=False)
        self.call_after_refresh(self._chercher_copies)
        self._minuteur_copies = self.set_interval(ENTRE_DEUX_RECHERCHES, self._chercher_copies,
                                                  name="copies-en-conflit")

    def _chercher_copies(self: CoopApp) -> None:
        from coopwizard.sync_copies import find_copies

        if self.chemin is None or self.wizard is None or not self.wizard.is_current:
            return  # a dialog is open: next time
        for copie in find_copies(self.chemin):
            if copie.chemin not in self._copies_vues:
                self._copies_vues.add(copie.chemin)
                self._proposer_copie(copie)
                return

    def _proposer_copie(self: CoopApp, copie: SyncCopy) -> None:
        quand = f" le {copie.le:%d/%m/%Y à %H:%M}" if copie.le else ""
        texte = (f"{copie.outil} a gardé une autre version du projet à côté de lui{quand} : "
                 f"« {copie.chemin.name} ». Elle vient sans doute d'un partenaire qui a "
                 "enregistré en même temps que vous.\n\nLa fusionner reprend ses réponses "
                 "dans votre projet (une réponse changée des deux côtés devient un désaccord, "
                 "les deux valeurs gardées) ; la copie est ensuite renommée, jamais supprimée.")

        def decide(choix: str | None) -> None:
            if choix == "fusionner":
                self.fusionner_copie(copie)

        self.push_screen(Choix("Une copie en conflit a été trouvée", texte,
                               [Reponse("fusionner", "Fusionner", "f", "primary")],
                               echap="plus_tard", echap_libelle="plus tard",
                               focus="fusionner"), decide)

    def fusionner_copie(self: CoopApp, copie: SyncCopy) -> None:
        from coopwizard import history, store
        from coopwizard.fusion_cli import _renommer
        from coopwizard.merge import canonical, merge

        try:
            autre = store.load(copie.chemin)
            nous, eux = canonical(self.projet), canonical(autre)
            ancetre = history.find_ancestor(self.chemin, nous, eux)
            auteur = autre.enregistrement.auteur() or copie.qui
            resultat = merge(ancetre.projet() if ancetre else None, nous, eux,
                             theirs_author=auteur or None)
            fusion = resultat.projet()
        except (store.ProjectFileError, ValueError) as err:
            self.notify(f"Fusion impossible : {err}\nRien n'a été modifié.", severity="error",
                        timeout=12)
            return
        self.remplacer_reponses(fusion)
        try:
            garde = _renommer(copie.chemin)
        except OSError:
            garde = copie.chemin
        self._copies_vues.add(garde)
        self._dire_fusion(resultat, auteur)
        self.notify(f"La copie est gardée sous « {garde.name} ».", timeout=10)
