"""The wizard: sidebar (the guide's plan), the current step's questions, the guide's help."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, cast

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Button, ContentSwitcher, Footer, Static

from coopwizard.guide import Guide
from screens import demarrage, navigation
from screens.help_pane import AideEtape
from screens.questions import QuestionBlock
from screens.sidebar import Sommaire
from screens.step_view import VueEtape

if TYPE_CHECKING:
    from screens.app import CoopApp

LARGEUR_AIDE_AUTO = 110
"""Below this width the help pane takes the questions' place instead of sitting beside them."""


class WizardScreen(Screen):
    CSS_PATH = "wizard.tcss"
    AUTO_FOCUS = ""  # none: aller_a puts the cursor in the question (or the plan)

    # Priority: TextArea binds F6 and F7 (select line / all) and would swallow them.
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f2", "basculer_aide", "Aide", id="basculer-aide", priority=True),
        Binding("f3", "plan", "Plan", id="aller-au-plan", show=False, priority=True),
        Binding("f5", "precedente", "Préc.", id="etape-precedente", priority=True),
        Binding("f6", "suivante", "Suiv.", id="etape-suivante", priority=True),
        Binding("f7", "checklist", "Checklist", id="ouvrir-checklist", priority=True),
        Binding("f8", "fiche", "Fiche", id="ouvrir-fiche", priority=True),
        Binding("f4", "conflits", "Désaccords", id="ouvrir-conflits", priority=True),
        Binding("f10", "historique", "Historique", id="ouvrir-historique", show=False,
                priority=True),
    ]

    def __init__(self, guide: Guide, *, nouveau: bool = False, message: str = "") -> None:
        super().__init__()
        self.guide = guide
        self.nouveau = nouveau
        self.message = message
        self.etape_id = ""
        self.aide_voulue: bool | None = None  # None: shown when the screen is wide enough
        self._etroit = False
        self._vues: dict[str, VueEtape] = {}
        """Each step's view, built on the first visit."""
        self._compte = (0, 0)
        self._navigation = asyncio.Lock()
        self._rester_en_haut: QuestionBlock | None = None
        self._texte_fichier = ""
        self._etat: tuple[str, ...] = ()
        self.premiere = demarrage.PremiereImage(self)
        """What waits for the first frame (screens/demarrage.py)."""

    @property
    def coop(self) -> CoopApp:
        return cast("CoopApp", self.app)

    def compose(self) -> ComposeResult:
        # classes set before the children are styled (setting them later restyles them all)
        self._disposer(self.app.size.width)
        yield Static(id="bandeau")
        with Horizontal(id="corps"):
            yield Sommaire(self.guide, id="sommaire")
            yield ContentSwitcher(id="questions")
            yield AideEtape(self.guide, id="aide")
        yield Static(id="alerte-enregistrement")  # the whole reason a save failed, wrapped
        with Horizontal(id="statut"):
            yield Static(id="statut-fichier")
            yield Static(id="statut-etat")
        # The footer comes right after the first frame (screens/demarrage.py).

    async def on_mount(self) -> None:
        self.premiere.ecouter()
        projet = self.coop.projet
        steps = navigation.ordre(self.guide)
        etape, champ = projet.position.etape, projet.position.champ
        if self.nouveau or etape not in steps:
            etape, champ = (steps[0] if steps else ""), ""
        self.rafraichir_bandeau()
        await self.aller_a(etape, champ)
        if self.message:
            self.notify(self.message, timeout=5)  # never long over the table being edited
        if self.coop.autosaver is not None and self.coop.autosaver.read_only:
            self.notify(
                "Ce projet est déjà ouvert dans une autre fenêtre de coopwizard : il s'ouvre ici "
                "en lecture seule, pour que les deux fenêtres n'écrivent pas l'une sur l'autre.",
                title="Lecture seule", severity="warning", timeout=15,
            )
        self.rafraichir_statut()
        demarrage.assistant(self, Footer(compact=True, show_command_palette=not self._etroit))
        demarrage.ouverture(self.coop, self)

    def _apres_image(self, callback: Callable[..., object], *args: object) -> None:
        """Call back once the screen is drawn (screens/demarrage.py)."""
        self.premiere.apres(callback, *args)

    # -- layout ---------------------------------------------------------------

    def on_resize(self, event: events.Resize) -> None:
        self._disposer(event.size.width)

    def _disposer(self, largeur: int) -> None:
        self._etroit = largeur < LARGEUR_AIDE_AUTO
        for footer in self.query(Footer):
            footer.show_command_palette = not self._etroit  # room for the keys first
        visible = self.aide_visible
        self.set_class(self._etroit, "-etroit")
        self.set_class(visible, "-avec-aide")
        self.set_class(not visible, "-sans-aide")

    @property
    def aide_visible(self) -> bool:
        return self.aide_voulue if self.aide_voulue is not None else not self._etroit

    def action_basculer_aide(self) -> None:
        self.aide_voulue = not self.aide_visible
        self._disposer(self.size.width)
        if self.aide_visible and self._etroit:
            self.query_one("#aide").focus()
        elif not self.aide_visible or self._etroit:
            self.focus_champ(self.coop.projet.position.champ)

    def action_plan(self) -> None:
        self.query_one(Sommaire).focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # F4 only shows in the footer when there is something to decide
        return not (action == "conflits" and not self.coop.projet.conflits)

    def action_conflits(self) -> None:
        from screens.conflits_screen import ConflitsScreen

        self.app.push_screen(ConflitsScreen())

    def action_historique(self) -> None:
        from screens.historique import HistoriqueScreen

        self.app.push_screen(HistoriqueScreen())

    def action_checklist(self) -> None:
        from screens.checklist_screen import ChecklistScreen

        self.app.push_screen(ChecklistScreen())

    def action_fiche(self) -> None:
        from screens.fiche_screen import FicheScreen

        self.app.push_screen(FicheScreen())

    # -- navigation -----------------------------------------------------------

    async def action_precedente(self) -> None:
        await self._voisine(-1)

    async def action_suivante(self) -> None:
        await self._voisine(+1)

    async def _voisine(self, pas: int) -> None:
        async with self._navigation:  # the step we leave is the one really shown
            cible = navigation.voisine(self.guide, self.etape_id, pas)
            if cible is None:
                self.notify("C'est la dernière étape." if pas > 0 else "C'est la première étape.")
                return
            await self._aller_a(cible)

    @on(Button.Pressed, ".precedente")
    async def _bouton_precedente(self) -> None:
        await self._voisine(-1)

    @on(Button.Pressed, ".suivante")
    async def _bouton_suivante(self) -> None:
        await self._voisine(+1)

    @on(Sommaire.EtapeChoisie)
    async def _choisie(self, event: Sommaire.EtapeChoisie) -> None:
        await self.aller_a(event.etape_id)

    async def aller_a(self, etape_id: str, champ: str = "") -> None:
        """Show a step's questions and guidance, and put the cursor in `champ` (or the first)."""
        async with self._navigation:  # one step change at a time (they await mounting)
            await self._aller_a(etape_id, champ)

    async def _aller_a(self, etape_id: str, champ: str = "") -> None:
        if etape_id not in self.guide.etapes:
            return
        app = self.coop
        etape = self.guide.etapes[etape_id]
        self.etape_id = etape_id
        switcher = self.query_one("#questions", ContentSwitcher)
        vue = self._vues.get(etape_id)
        if vue is None:
            steps = navigation.ordre(self.guide)
            vue = VueEtape(
                etape, app.projet, numero=steps.index(etape_id) + 1, total=len(steps),
                chemin=self.chemin(etape_id), cursor_blink=app.cursor_blink,
                read_only=app.autosaver is not None and app.autosaver.read_only,
                depart=champ,
            )
            await switcher.mount(vue)
            self._vues[etape_id] = vue
            self._apres_image(self._completer, vue)
        else:
            vue.synchroniser()
        switcher.current = vue.id
        vue.scroll_home(animate=False)
        if self.aide_visible:
            await self.query_one(AideEtape).montrer(etape)
        else:  # hidden: built after the first frame (F2 may show it any time)
            self._apres_image(self._aide_courante)
        premier = etape.questions[0].champ if etape.questions else ""
        champ = champ if any(q.champ == champ for q in etape.questions) else premier
        app.noter_position(etape_id, champ)
        self.actualiser_progres()
        self.query_one(Sommaire).montrer(etape_id)
        self._rester_en_haut = None
        if self._etroit and self.aide_visible:
            self.query_one("#aide").focus()  # the questions are hidden behind the help
        elif not self.focus_champ(champ, montrer=champ != premier):
            self.query_one(Sommaire).focus()
        app.record("step", etape_id)

    async def _completer(self, vue: VueEtape) -> None:
        """The rest of a step's questions, once its first ones are on screen."""
        if await vue.completer() and vue.id == self.query_one(ContentSwitcher).current:
            # questions mounted above the cursor's: show it again at the top
            for bloc in vue.blocs():
                if bloc.champ == self.coop.projet.position.champ:
                    self.call_after_refresh(self._remonter, vue, bloc, 4)

    def _remonter(self, vue: VueEtape, bloc: QuestionBlock, essais: int) -> None:
        """Scroll `bloc` to the top of the step, again while the heights above it settle
        (a long answer's height comes with its first resize, a refresh after its mount)."""
        if not bloc.is_attached or vue.id != self.query_one(ContentSwitcher).current:
            return
        if bloc.region.y != vue.content_region.y and essais > 0:
            bloc.scroll_visible(animate=False, top=True)
            self.call_after_refresh(self._remonter, vue, bloc, essais - 1)

    async def _aide_courante(self) -> None:
        etape = self.guide.etapes.get(self.etape_id)
        if etape is None:
            return
        await self.query_one(AideEtape).montrer(etape)

    def date_incomplete(self) -> tuple[str, QuestionBlock] | None:
        """(step, question) of a date (in any step shown so far) typed but not a date yet."""
        for etape_id, vue in self._vues.items():
            for bloc in vue.blocs():
                if bloc.has_class("-avertissement"):
                    return etape_id, bloc
        return None

    def appliquer_saisies(self) -> list[str]:
        """Apply what every answer's widget shows (before quitting); the fields that changed."""
        return [bloc.champ for vue in self._vues.values() for bloc in vue.blocs()
                if bloc.appliquer_saisie()]

    def vue(self) -> VueEtape | None:
        """The current step's view."""
        return self._vues.get(self.etape_id)

    def synchroniser(self, champ: str) -> None:
        """A field changed (maybe from an editor or another screen): show it where it is asked."""
        vue = self.vue()
        if vue is not None:
            vue.synchroniser(champ)

    def chemin(self, etape_id: str) -> str:
        for condition in self.guide.conditions:
            if etape_id in condition.etapes:
                return condition.titre
            for phase in condition.phases:
                if etape_id in phase.etapes:
                    return f"{condition.titre} › {phase.titre}"
        return "Pour commencer"

    def focus_champ(self, champ: str, *, montrer: bool = True) -> bool:
        """Put the cursor in a question; `montrer` scrolls to it (else the step's top stays)."""
        vue = self.vue()
        for bloc in vue.blocs() if vue is not None else []:
            if bloc.champ == champ and bloc.focus_input():
                if montrer:
                    self.call_after_refresh(bloc.scroll_visible, animate=False, top=True)
                else:
                    self._rester_en_haut = bloc  # its focus event must not scroll the step
                return True
        return False

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        for node in event.widget.ancestors_with_self:
            if isinstance(node, QuestionBlock):
                self.coop.noter_position(self.etape_id, node.champ)
                if node is self._rester_en_haut:
                    self._rester_en_haut = None
                else:  # show the whole question (its label too), not only the focused widget
                    self.call_after_refresh(node.scroll_visible, animate=False)
                return

    # -- derived views ----------------------------------------------------------

    def actualiser_progres(self) -> None:
        """Sidebar progress and the answers count of the status bar (one pass over the guide)."""
        progress = navigation.progres(self.guide, self.coop.projet)
        self.query_one(Sommaire).actualiser(progress, self.etape_id)
        self._compte = navigation.total(progress)
        self._afficher_fichier()

    def _afficher_fichier(self) -> None:
        chemin = self.coop.chemin or Path()
        done, total = self._compte
        # the count first: on a narrow screen a long file name is what « … » cuts
        texte = f"{done}/{total} réponses · {chemin.name}"
        if texte != self._texte_fichier:  # repaint only what changed, on every keystroke
            self._texte_fichier = texte
            self.query_one("#statut-fichier", Static).update(
                Text(texte, overflow="ellipsis", no_wrap=True)
            )

    def rafraichir_bandeau(self) -> None:
        nom = self.coop.projet.nom.strip() or "Projet sans nom"
        self.query_one("#bandeau", Static).update(Text(f"coopwizard · {nom}"))

    def rafraichir_statut(self) -> None:
        app = self.coop
        self._afficher_fichier()
        texte, kind = app.autosaver.status() if app.autosaver else ("", "ok")
        alerte = app.autosaver.alerte() if app.autosaver else ""
        if (texte, kind, alerte) == self._etat:
            return
        self._etat = (texte, kind, alerte)
        bloc = self.query_one("#alerte-enregistrement", Static)
        bloc.update(Text(alerte))
        bloc.display = bool(alerte)
        etat = self.query_one("#statut-etat", Static)
        etat.update(Text(texte))
        for name in ("erreur", "modifie", "ok", "lecture"):
            etat.set_class(kind == name, f"-{name}")
