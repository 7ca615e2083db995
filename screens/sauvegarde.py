"""The App's side of « nothing typed is ever lost »: journal, drafts, quitting, other versions.

`SauvegardeMixin` is mixed into CoopApp. It owns every path by which an
answer could be lost between the keyboard and the disk:

- the session's journal (coopwizard.store.journal): opened with the project,
  replayed when a previous session was interrupted, fed by the Autosaver and by
  the record forms' drafts (`noter_brouillon`);
- quitting (Ctrl+Q, SIGHUP, SIGTERM): the widgets are read back into the
  project first (`vider_saisies`: a key's Changed message may still be queued),
  open forms are saved, then the file is written; if it cannot be, the user is
  asked, and the exit code is never 0 with answers nowhere on disk;
- a file changed outside, and « Enregistrer sous… »: screens/versions.py.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
from typing import TYPE_CHECKING, Any

from screens.choix import Choix, Reponse
from screens.lancement import EXIT_OK
from screens.versions import VersionsMixin

if TYPE_CHECKING:
    from coopwizard.models import Projet
    from coopwizard.store.journal import Journal, Recovered
    from screens.app import CoopApp

EXIT_UNSAVED = 1
"""Exit code when the user quit with answers the project file does not hold."""


def _libelle(champ: str) -> str:
    from coopwizard.models.paths import field_label

    try:
        return field_label([int(p) if p.isdigit() else p for p in champ.split(".")])
    except Exception:  # noqa: BLE001 - a label is only for the message
        return champ


def rejouer(projet: Projet, recovered: Recovered) -> list[str]:
    """Put the answers of an interrupted session's journal back into `projet`.

    Returns the fields whose value changed (what the file did not hold yet).
    A value that no longer validates (edited by hand meanwhile) is skipped.
    """
    from pydantic import ValidationError
    from pydantic_core import to_jsonable_python

    from coopwizard.models import get_path, set_path

    changes = []
    for champ, valeur in recovered.answers.items():
        try:
            if to_jsonable_python(get_path(projet, champ)) == valeur:
                continue
            set_path(projet, champ, valeur)
        except (ValidationError, AttributeError, IndexError, ValueError, TypeError):
            continue
        changes.append(champ)
    return changes


def _quand(iso: str) -> str:
    from datetime import datetime

    try:
        return f"le {datetime.fromisoformat(iso):%d/%m/%Y à %H:%M}"
    except ValueError:
        return ""


def _ce_qui_etait_tape(contenu: dict[str, Any]) -> list[str]:
    """The draft's texts, under the form's own labels (for the recovery question)."""
    from screens.editors import EDITEURS

    champ = contenu.get("champ", "")
    model = next((cls.model for cls in EDITEURS.values() if cls.champ == champ), None)
    lignes = []
    for nom, valeur in (contenu.get("valeurs") or {}).items():
        if isinstance(valeur, str) and valeur.strip():
            info = model.model_fields.get(nom) if model is not None else None
            lignes.append(f"  {(info.title if info and info.title else nom)} : {valeur.strip()}")
    return lignes


class SauvegardeMixin(VersionsMixin):
    """Journal, drafts and quitting (and, from VersionsMixin, other versions), for CoopApp."""

    # -- the journal -------------------------------------------------------------

    def _ouvrir_journal(self: CoopApp, projet: Projet) -> tuple[Journal | None, str]:
        """Open the session's journal, replaying the one an interrupted session left.

        Returns the journal (None when read-only) and a sentence for the user.
        """
        from coopwizard.store import journal as journaux

        self.saisies_reprises: dict[str, str] = {}
        if self.session is None or self.session.read_only or self.chemin is None:
            return None, ""
        recovered = journaux.read(self.chemin)
        reprises = rejouer(projet, recovered) if recovered else []
        journal = journaux.Journal(self.chemin)
        journal.start(base="", recovered=recovered)
        self._reprises = reprises
        self._brouillons_repris = dict(recovered.drafts) if recovered else {}
        self.saisies_reprises = dict(recovered.texts) if recovered else {}
        phrases = []
        noms = [_libelle(c) for c in reprises if c != "position"]
        if noms:
            liste = ", ".join(noms[:4]) + (f" et {len(noms) - 4} autres" if len(noms) > 4 else "")
            phrases.append("coopwizard s'était arrêté avant d'avoir tout enregistré : "
                           + (f"{len(noms)} réponses tapées ont été reprises ({liste})."
                              if len(noms) > 1 else f"la réponse tapée a été reprise ({liste})."))
        for champ, saisie in self.saisies_reprises.items():
            phrases.append(f"« {_libelle(champ)} » : la date tapée « {saisie} » n'était pas "
                           "encore reconnue ; elle est gardée, à compléter.")
        return journal, "\n".join(phrases)

    def _enregistrer_reprises(self: CoopApp) -> None:
        if self.autosaver is not None:
            for champ in self._reprises:
                self.autosaver.changed(champ)

    def noter_brouillon(self: CoopApp, cle: str, contenu: dict[str, Any]) -> None:
        """A record form changed: keep what it holds in the journal."""
        if self.autosaver is not None and self.autosaver.journal is not None:
            self.autosaver.journal.note_draft(cle, contenu)
            self.autosaver.journal_soon()

    def fermer_brouillon(self: CoopApp, cle: str) -> None:
        """A record form was saved or abandoned: its draft is no longer needed."""
        getattr(self, "_brouillons_repris", {}).pop(cle, None)
        if self.autosaver is not None and self.autosaver.journal is not None:
            self.autosaver.journal.close_draft(cle)
            self.autosaver.journal_soon()

    def noter_saisie(self: CoopApp, champ: str, saisie: str | None) -> None:
        """Text typed in a field that is not an answer yet (a date being typed)."""
        if self.autosaver is not None and self.autosaver.journal is not None:
            self.autosaver.journal.note_text(champ, saisie)
            self.autosaver.journal_soon()

    def _proposer_brouillon(self: CoopApp) -> None:
        brouillons = getattr(self, "_brouillons_repris", {})
        if not brouillons or self.wizard is None:
            return
        cle, contenu = next(iter(brouillons.items()))
        tapes = _ce_qui_etait_tape(contenu)
        quand = _quand(str(contenu.get("quand", "")))
        texte = (
            f"Quand coopwizard s'est arrêté, le formulaire « {contenu.get('titre', cle)} » "
            f"était ouvert et n'avait pas été enregistré{f' (modifié {quand})' if quand else ''}."
            + ("\nCe qui y était tapé :\n" + "\n".join(tapes[:8]) if tapes else "")
        )
        reponses = [Reponse("reprendre", "Reprendre", "r", "primary"),
                    Reponse("abandonner", "Abandonner", "", "error")]

        def decide(choix: str | None) -> None:
            brouillons.pop(cle, None)
            if choix == "reprendre":
                self.run_worker(self._reprendre(contenu), exclusive=False)
            elif choix == "abandonner":
                self.fermer_brouillon(cle)
            if brouillons and choix != "reprendre":
                self.call_after_refresh(self._proposer_brouillon)

        self.push_screen(Choix("Un formulaire n'avait pas été enregistré", texte, reponses,
                               echap="plus_tard", echap_libelle="décider plus tard",
                               focus="reprendre"), decide)

    async def _reprendre(self: CoopApp, contenu: dict[str, Any]) -> None:
        """Go to the editor of the draft's list and open its form again, filled as it was."""
        from screens.editors import EDITEURS

        champ = contenu.get("champ", "")
        kind = next((k for k, cls in EDITEURS.items()
                     if cls.champ == champ or (k == "budget" and champ == "budget")), None)
        question = next((q for e in self.guide.etapes.values() for q in e.questions
                         if kind and q.editeur == kind), None)
        if question is None or self.wizard is None:
            return
        etape = next(e.id for e in self.guide.etapes.values() if question in e.questions)
        await self.wizard.aller_a(etape, question.champ)
        vue = self.wizard.vue()
        if vue is not None:
            await vue.completer()  # the step's later questions come after its first frame
        editeurs = self.wizard.query(f"#editeur-{kind}")
        if editeurs:
            editeurs.first().reprendre_brouillon(contenu)  # type: ignore[attr-defined]

    # -- draining what was typed -------------------------------------------------

    def vider_saisies(self: CoopApp) -> None:
        """Read every answer's widget back into the project (its Changed message may be queued)."""
        if self.wizard is None or self.autosaver is None:
            return
        for champ in self.wizard.appliquer_saisies():
            self.autosaver.changed(champ)

    def _formulaires_ouverts(self: CoopApp) -> list[Any]:
        from screens.editors.form import RecordForm

        return [s for s in reversed(self.screen_stack) if isinstance(s, RecordForm)]

    def _enregistrer_formulaires(self: CoopApp) -> list[str]:
        """Save the open record forms; returns the titles of those that are not valid
        (their drafts stay in the journal, offered at the next start)."""
        invalides = []
        for form in self._formulaires_ouverts():
            modifie = form.modifie()
            if not form.enregistrer_pour_quitter():
                invalides.append(form.titre)
            elif modifie and self.autosaver is not None:
                # the record is in the list now; its ProjetModifie is still queued
                self.autosaver.changed(form.brouillon.rpartition("#")[0])
        return invalides

    # -- quitting ------------------------------------------------------------------

    async def action_quit(self: CoopApp) -> None:
        self.vider_saisies()
        invalides = self._enregistrer_formulaires()
        incomplete = self.wizard.date_incomplete() if self.wizard is not None else None
        if incomplete is not None and not self._quitter_malgre_date:
            self._quitter_malgre_date = True
            etape_id, bloc = incomplete
            await self.wizard.aller_a(etape_id, bloc.champ)
            self.notify(
                f"« {bloc.question.libelle} » : la date tapée n'est pas reconnue, elle ne "
                "serait pas enregistrée dans le projet (elle est gardée dans le journal de "
                "secours). Corrigez-la (jj/mm/aaaa), ou appuyez de nouveau sur Ctrl+Q pour "
                "quitter sans elle.",
                severity="warning", timeout=15,
            )
            return
        if self.fermer_projet():
            code = EXIT_UNSAVED if invalides else EXIT_OK
            self.exit(code, return_code=code)
            if invalides:
                self._message_sortie = (
                    "Formulaire non valide gardé comme brouillon (il vous sera proposé à la "
                    f"prochaine ouverture) : {', '.join(invalides)}.")
            return
        self._echec_a_la_sortie()

    def _echec_a_la_sortie(self: CoopApp) -> None:
        """The last save failed: say where the answers are, let the user decide."""
        if isinstance(self.screen, Choix) and self.screen.echap == "revenir":
            return  # Ctrl+Q again while asked: the question stands, it is not a yes
        autosaver = self.autosaver
        erreur = autosaver.erreur if autosaver is not None else ""
        dans_journal = autosaver is not None and autosaver.journal_ok
        ou = (
            "Ce que vous avez tapé est gardé dans le journal de secours de coopwizard : il sera "
            f"repris à la prochaine ouverture de {self.chemin}."
            if dans_journal else
            "Vos réponses ne sont enregistrées NULLE PART sur le disque : si vous quittez "
            "maintenant, elles seront perdues."
        )
        reponses = [Reponse("enregistrer_sous", "Enregistrer sous…", "s", "primary"),
                    Reponse("quitter", "Quitter sans enregistrer", "q", "error")]

        def decide(choix: str | None) -> None:
            if choix == "enregistrer_sous":
                self.action_enregistrer_sous()
            elif choix == "quitter":
                if self.autosaver is not None and self.autosaver.journal is not None:
                    self.autosaver.journal.close(discard=False)
                self._message_sortie = (f"Projet non enregistré dans {self.chemin}. {ou}")
                self.exit(EXIT_UNSAVED, return_code=EXIT_UNSAVED)

        self._etat_change()
        self.push_screen(Choix("L'enregistrement a échoué", f"{erreur}\n\n{ou}", reponses,
                               echap="revenir", echap_libelle="revenir aux réponses",
                               focus="enregistrer_sous"), decide)

    def arret_par_signal(self: CoopApp, signum: int) -> None:
        """SIGHUP / SIGTERM (in the signal handler): drain and save on the event loop.

        The handler itself only schedules: it may interrupt the main thread in
        the middle of anything. If the loop cannot do it in 3 s, a thread saves
        what is in memory and leaves.
        """
        minuteur = threading.Timer(3.0, self._sortie_forcee)
        minuteur.daemon = True  # a clean exit does not wait for it
        minuteur.start()
        self._minuteur_arret = minuteur  # cancelled once the app has unmounted cleanly
        if self._boucle is not None and not self._boucle.is_closed():
            self._boucle.call_soon_threadsafe(self._arret_demande, signum)

    def _arret_demande(self: CoopApp, signum: int) -> None:
        self.vider_saisies()
        invalides = self._enregistrer_formulaires()
        ok = self.fermer_projet()
        if not ok:
            print(f"coopwizard : projet non enregistré ({self.chemin}) : "
                  "ce qui a été tapé est gardé dans le journal de secours, repris à la "
                  "prochaine ouverture.", file=sys.stderr)
        code = EXIT_OK if ok and not invalides else EXIT_UNSAVED
        self.exit(code, return_code=code)

    def _sortie_forcee(self: CoopApp) -> None:
        # Never cut a save in the middle: it would leave its temp file behind.
        autosaver = self.autosaver
        if autosaver is not None:
            autosaver.save_sync(timeout=5, from_thread=True)
            autosaver.hold(timeout=5)
            if autosaver.journal is not None:
                autosaver.journal.close(discard=not autosaver.dirty)
        os._exit(0 if autosaver is None or not autosaver.dirty else EXIT_UNSAVED)


def installer_signaux(app: CoopApp) -> dict[int, object]:
    """Save on SIGTERM / SIGHUP (Textual installs no handler for them); returns the old ones."""

    def handler(signum: int, frame: object) -> None:
        app.arret_par_signal(signum)

    anciens = {}
    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signum = getattr(signal, name)
            anciens[signum] = signal.signal(signum, handler)
    return anciens
