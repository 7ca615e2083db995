"""Live merge: a partner's version arriving on disk is merged into the open session.

`FusionLiveMixin` (for CoopApp) polls the project file's stat every second
(`SURVEILLANCE`). When it is another version than the one this session loaded
or last wrote (a synced folder brought a partner's save, a text editor wrote
it), that version is read, parsed and merged field by field in a thread
(`coopwizard.merge.merge`, ancestor: the version this session last saw), and
the result replaces the answers in memory: the merged project is then saved,
the user is told what changed and by whom, conflicts are recorded in the file.
A save refused because the file changed (ChangedOnDisk) takes the same path.

What cannot be merged (the other file is broken, foreign, or not a project)
is never overwritten: autosave stays suspended and screens/versions.py offers
« Garder les deux » / « Recharger ». No merge runs while a dialog or a record
form is open (their records would move under them): it waits for it to close.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Any

from screens.copies import CopiesMixin

if TYPE_CHECKING:
    from coopwizard.store.session import DiskVersion
    from screens.app import CoopApp

SURVEILLANCE = 1.0
"""Seconds between two looks at the file (a stat; the file is read only when it changed)."""


def _donnees(octets: bytes | None, nom: str) -> dict[str, Any]:
    """A version's answers as plain data (what the merge works on)."""
    from coopwizard import store

    if not octets:
        return {}
    texte = octets.decode("utf-8-sig")
    return store.loads(texte, nom).model_dump(mode="json")


def identite() -> tuple[str, str]:
    """(name, association) the user gave once, kept in their settings (empty if not yet)."""
    try:
        from coopwizard import settings

        reglages = settings.load()
        return (str(getattr(reglages, "nom", "") or ""),
                str(getattr(reglages, "association", "") or ""))
    except Exception:  # noqa: BLE001 - no settings yet: the presence file names the computer
        return "", ""


def _auteur(donnees: dict[str, Any]) -> str:
    """« Ahmed, Amicale des locataires » from a version's last-save record, if any."""
    qui = donnees.get("enregistrement") or {}
    if not isinstance(qui, dict):
        return ""
    return ", ".join(str(v) for v in (qui.get("par"), qui.get("association")) if v)


class FusionLiveMixin(CopiesMixin):
    """For CoopApp: notice another version on disk within a second and merge it in
    (and, from CopiesMixin, sync tools' conflict copies)."""

    _fusion_en_cours = False

    def demarrer_surveillance(self: CoopApp, *, dire: bool = True) -> None:
        """Watch the file for partners' versions, and tell partners we have it open.
        `dire`: say who else has it open (once per opening, not again when restarted)."""
        from coopwizard.store import presence

        self.arreter_surveillance()
        if self.session is None or self.session.read_only or self.chemin is None:
            return
        autre = presence.someone_else(self.chemin)
        if autre is not None and dire:
            self.notify(f"{autre.phrase()}. Vos modifications et les siennes seront fusionnées "
                        "à chaque enregistrement.", title="Projet partagé", timeout=12)
        par, association = identite()
        self._presence = presence.PresenceFile(self.chemin, par, association)
        self._presence.announce()
        self._surveillance = [
            self.set_interval(SURVEILLANCE, self._surveiller, name="surveillance-disque"),
            self.set_interval(presence.RAFRAICHISSEMENT, self._presence.announce,
                              name="presence"),
        ]
        self.demarrer_copies()

    def arreter_surveillance(self: CoopApp) -> None:
        for timer in [*(getattr(self, "_surveillance", None) or []),
                      *filter(None, [getattr(self, "_minuteur_copies", None)])]:
            timer.stop()
        self._minuteur_copies = None
        self._surveillance = []
        if getattr(self, "_presence", None) is not None:
            self._presence.withdraw()
            self._presence = None

    def _surveiller(self: CoopApp) -> None:
        session, autosaver = self.session, self.autosaver
        if (session is None or autosaver is None or session.read_only or self._fusion_en_cours
                or autosaver.busy or session.disk is None
                or self.wizard is None or not self.wizard.is_current):
            return  # saving, or a dialog or a form is open: the merge waits for it
        if session.disk.same_stat(session.path.resolve()):
            return
        self.fusionner_version_disque()

    def fusionner_version_disque(self: CoopApp) -> None:
        """Merge the version now on disk into the session (in a thread)."""
        if self._fusion_en_cours or self.autosaver is None:
            return
        self._fusion_en_cours = True
        nous = self.projet.model_dump(mode="json")
        travail = partial(self._fusion_thread, nous, self.autosaver._generation)
        self.run_worker(travail, thread=True, group="fusion", exit_on_error=False)

    def _fusion_thread(self: CoopApp, nous: dict[str, Any], generation: int) -> None:
        from coopwizard import store

        session, autosaver = self.session, self.autosaver
        if session is None or autosaver is None:
            self.call_from_thread(self._fusion_finie)
            return
        with autosaver.saving_lock:  # never read our own save half-noted as another version
            autre = session.other_version()
        if autre is None:
            self.call_from_thread(self._fusion_finie)
            return
        version, octets = autre
        try:
            from coopwizard.merge import merge
        except ImportError:  # pragma: no cover - a build without the merge
            self.call_from_thread(self._version_illisible, "")
            return
        try:
            eux = _donnees(octets, str(session.path))
            ancetre = _donnees(session.base, str(session.path))
        except (store.ProjectFileError, UnicodeDecodeError) as err:
            self.call_from_thread(self._version_illisible, str(err))
            return
        par, association = identite()
        nous_auteur = ", ".join(x for x in (par, association) if x) or None
        resultat = merge(ancetre, nous, eux, ours_author=nous_auteur)
        try:
            fusion = resultat.projet()  # validated off the UI thread
            texte = store.dumps(fusion)  # for the history, before the UI shares the objects
        except Exception:  # noqa: BLE001 - a merge that is not a project is never applied
            fusion, texte = None, ""
        self.call_from_thread(self._appliquer_fusion, resultat, fusion, version, octets,
                              generation, _auteur(eux), texte, nous)

    def fusionner_maintenant(self: CoopApp) -> bool:
        """At quit (or when a save finds another version): merge the version on disk into
        ours right away, without a thread, so that the file gets both. False when it is
        not a readable project (then it is never overwritten: the journal keeps ours)."""
        from coopwizard import store
        from coopwizard.merge import merge

        session = self.session
        if session is None or session.read_only:
            return False
        autre = session.other_version()
        if autre is None:
            return True
        version, octets = autre
        try:
            eux = _donnees(octets, str(session.path))
            ancetre = _donnees(session.base, str(session.path))
            par, association = identite()
            resultat = merge(ancetre, self.projet.model_dump(mode="json"), eux,
                             ours_author=", ".join(x for x in (par, association) if x) or None)
            fusion = resultat.projet()
        except (store.ProjectFileError, UnicodeDecodeError, ValueError):
            return False
        session.adopt(version, octets)
        for name in type(self.projet).model_fields:
            if getattr(self.projet, name) != getattr(fusion, name):
                setattr(self.projet, name, getattr(fusion, name))
        return True

    def _fusion_finie(self: CoopApp) -> None:
        self._fusion_en_cours = False

    def _version_illisible(self: CoopApp, raison: str) -> None:
        """The other version is not a readable project: keep it, suspend, let the user choose."""
        self._fusion_en_cours = False
        autosaver = self.autosaver
        if autosaver is not None and not autosaver.suspended:
            from coopwizard.store.session import CHANGED_OUTSIDE

            message = CHANGED_OUTSIDE.format(name=self.chemin.name if self.chemin else "")
            autosaver.suspend(f"{message}\n{raison}".strip())
        self._dire_modifie_ailleurs()

    def _appliquer_fusion(self: CoopApp, resultat: Any, fusion: Any, version: DiskVersion,
                          octets: bytes, generation: int, auteur: str, texte: str = "",
                          nous: dict[str, Any] | None = None) -> None:
        self._fusion_en_cours = False
        autosaver = self.autosaver
        if autosaver is None or self.session is None:
            return
        if autosaver._generation != generation or self._tape_entre_temps(fusion, nous):
            return  # typed meanwhile: the next look merges again, with these keys
        if fusion is None:
            self._version_illisible("La fusion des deux versions n'a pas donné un projet valide.")
            return
        self.session.adopt(version, octets)
        if autosaver.suspended:
            autosaver.resume()
        self.remplacer_reponses(fusion)  # the merge (ours + theirs) goes to the file
        self._dire_fusion(resultat, auteur)
        if texte and (resultat.changes or resultat.conflicts) and self.chemin is not None:
            self._garder_fusion(self.chemin, texte, auteur)

    def _tape_entre_temps(self: CoopApp, fusion: Any, nous: dict[str, Any] | None) -> bool:
        """Keys reached the project since the merge took its copy, though the generation has
        not moved: a question writes the model at once, but the change is counted when its
        message arrives, a moment later. Or they are still only in the widget being typed in.
        Applying now would put the older text back over them (« Avant iciet là »)."""
        from screens.questions import QuestionBlock

        if fusion is not None and nous is not None:
            for name in type(self.projet).model_fields:
                if getattr(self.projet, name) != getattr(fusion, name) and \
                        self.projet.model_dump(mode="json", include={name}).get(name) \
                        != nous.get(name):
                    return True
        focused = self.focused
        bloc = next((w for w in focused.ancestors_with_self if isinstance(w, QuestionBlock)),
                    None) if focused is not None else None
        return bloc is not None and bloc.en_avance()

    def _garder_fusion(self: CoopApp, chemin: Any, texte: str, auteur: str) -> None:
        """Each merge is a version of the history (« Historique », ancestor of later merges)."""
        from coopwizard import history
        from coopwizard.text import de

        raison = f"fusion de la version {de(auteur)}" if auteur else "fusion d'une autre version"
        self.run_worker(partial(history.record, chemin, texte, raison), thread=True,
                        group="historique", exit_on_error=False)

    def remplacer_reponses(self: CoopApp, nouveau: Any) -> list[str]:
        """Put `nouveau`'s answers in the open project, in place (the screens hold it),
        save them, and show them. Returns the top-level fields that changed."""
        changes = [name for name in type(self.projet).model_fields
                   if getattr(self.projet, name) != getattr(nouveau, name)]
        for name in changes:
            setattr(self.projet, name, getattr(nouveau, name))
        if changes and self.autosaver is not None:
            self.autosaver.changed()
        self._montrer_fusion(changes)
        return changes

    def _montrer_fusion(self: CoopApp, changes: list[str]) -> None:
        """Show the merged answers: every question, the editors of the lists that changed."""
        from screens.editors.base import RecordEditor

        if self.wizard is None:
            return
        for vue in self.wizard._vues.values():
            for bloc in vue.blocs():
                # Even the question being typed in shows the partner's text when only they
                # changed it (the widget holds nothing newer: no key since the merge began).
                bloc.synchroniser(force=bloc.champ.split(".")[0] in changes)
        for editeur in self.wizard.query(RecordEditor):
            if editeur.champ.split(".")[0] in changes:
                editeur.recharger()
        self.wizard.actualiser_progres()
        self.wizard.rafraichir_bandeau()

    def _dire_fusion(self: CoopApp, resultat: Any, auteur: str) -> None:
        from coopwizard.text import nombre

        par = f" par {auteur}" if auteur else ""
        libelles = list(dict.fromkeys(c.libelle for c in resultat.changes))
        conflits = list(resultat.conflicts)
        if not libelles and not conflits:
            return
        lignes = []
        if libelles:
            liste = ", ".join(libelles[:4]) + (f" et {len(libelles) - 4} autres"
                                                 if len(libelles) > 4 else "")
            lignes.append(f"{liste} : modifié{'s' if len(libelles) > 1 else ''}{par}.")
        if conflits:
            lignes.append(f"{nombre(len(conflits), 'désaccord')} : la même réponse a été changée des deux "
                          "côtés ; les deux versions sont gardées dans le projet (F4 pour choisir).")
        self.notify("\n".join(lignes), title="Version d'un partenaire fusionnée",
                    severity="warning" if conflits else "information", timeout=10)
