"""The home screen: create a project, resume a recent one, open a file, open the example."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, cast

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.suggester import Suggester
from textual.widgets import Button, Footer, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from coopwizard import recent
from coopwizard.paths import UnknownHome, typed_path
from coopwizard.recent import ProjetRecent
from screens import demarrage

if TYPE_CHECKING:
    from screens.app import CoopApp


class SuggesteurChemin(Suggester):
    """Completes a path as it is typed (→ accepts): folders and .toml files."""

    def __init__(self) -> None:
        super().__init__(use_cache=False, case_sensitive=True)

    async def get_suggestion(self, value: str) -> str | None:
        if not value:
            return None
        tete, _, debut = value.rpartition("/")
        try:
            dossier = typed_path(tete or ("/" if value.startswith("/") else "."))
            noms = sorted(p.name + ("/" if p.is_dir() else "") for p in dossier.iterdir()
                          if p.name.startswith(debut) and not p.name.startswith(".")
                          and (p.is_dir() or p.suffix == ".toml"))
        except (OSError, UnknownHome):
            return None
        return f"{tete}/{noms[0]}" if noms and tete else (noms[0] if noms else None)


def _ligne(entry: ProjetRecent) -> Text:
    text = Text()
    text.append(entry.nom or "Projet sans nom", style="bold")
    if entry.progression:
        text.append(f"  {entry.progression} réponses")
    if entry.modifie_le is not None:
        text.append(f"  · modifié le {entry.modifie_le:%d/%m/%Y à %H:%M}")
    text.append("\n")
    text.append(entry.fichier, style="dim")
    if not entry.existe:
        text.append("  (introuvable)", style="dim italic")
    return text


class HomeScreen(Screen):
    CSS_PATH = "home.tcss"
    # on_mount chooses the focus: no auto focus first (restyling the scroll container on
    # focus, then again on blur, cost ~20 ms before the first frame)
    AUTO_FOCUS = ""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+n", "creer", "Nouveau projet", id="nouveau-projet"),
        Binding("ctrl+o", "ouvrir", "Ouvrir un fichier", id="ouvrir-fichier"),
        Binding("delete", "oublier", "Retirer de la liste", id="oublier-recent", show=False),
    ]

    def __init__(self, guide_titre: str) -> None:
        super().__init__()
        self.guide_titre = guide_titre
        self.recents: list[ProjetRecent] = []
        self._footer_attendu: Footer | None = Footer()

    @property
    def coop(self) -> CoopApp:
        return cast("CoopApp", self.app)

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="accueil"):
            yield Static("coopwizard", id="accueil-titre")
            yield Static(
                Text("Construire un projet de coopération entre associations, pas à pas"
                     + (f", avec le guide « {self.guide_titre} »." if self.guide_titre else ".")),
                id="accueil-sous-titre",
            )
            with Horizontal(classes="boutons"):
                yield Button("Créer un projet", variant="primary", id="creer")
                yield Button("Ouvrir le projet d'exemple", id="exemple")
            yield Label("Reprendre un projet récent", classes="section")
            yield OptionList(id="recents")
            yield Static("Aucun projet récent pour l'instant.", id="aucun-recent")
            yield Label("Ouvrir un fichier", classes="section")
            with Horizontal(id="ouvrir-ligne"):
                chemin = Input(placeholder="chemin du fichier, ex. : mon-projet.toml", id="chemin",
                               suggester=SuggesteurChemin())
                chemin.cursor_blink = self.coop.cursor_blink
                yield chemin
                yield Button("Ouvrir", id="ouvrir")
            yield Static("", id="accueil-message")

    def on_mount(self) -> None:
        self.charger_recents()
        # resuming is the likeliest wish when there is something to resume
        self.query_one("#recents" if self.recents else "#creer").focus()
        self.screen_layout_refresh_signal.subscribe(self, self._premiere_image)

    def _premiere_image(self, _screen: Screen | None = None) -> None:
        # The screen has been laid out; what waits runs after the next refresh, which is
        # drawn on the terminal once Textual's start-up is over (App.on_ready calls this).
        # The footer (a widget per key, restyled on every focus change) is the costliest
        # part of this screen: it comes right after the first frame. Kept here rather than
        # on demarrage.PremiereImage: moved there, the home screen measured 5-20 % slower in
        # four series on a loaded machine (unexplained; see screens/demarrage.py).
        if self._footer_attendu is None or not self.coop.pret:
            return
        self.screen_layout_refresh_signal.unsubscribe(self)
        footer, self._footer_attendu = self._footer_attendu, None
        self.call_after_refresh(self.mount, footer)
        self.call_after_refresh(demarrage.premiere_image, self.coop)

    def on_screen_resume(self) -> None:
        self.charger_recents()

    def charger_recents(self) -> None:
        self.recents = recent.load()
        liste = self.query_one("#recents", OptionList)
        liste.clear_options()
        liste.add_options([Option(_ligne(e), id=str(i)) for i, e in enumerate(self.recents)])
        liste.display = bool(self.recents)
        if self.recents:
            liste.highlighted = 0
        self.query_one("#aucun-recent").display = not self.recents

    def dire(self, message: str) -> None:
        self.query_one("#accueil-message", Static).update(Text(message))

    @on(Button.Pressed, "#creer")
    def action_creer(self) -> None:
        self.coop.demander_nouveau_projet()

    @on(Button.Pressed, "#exemple")
    def _exemple(self) -> None:
        self.coop.ouvrir_exemple()

    def action_ouvrir(self) -> None:
        self.query_one("#chemin", Input).focus()

    @on(Button.Pressed, "#ouvrir")
    @on(Input.Submitted, "#chemin")
    def _ouvrir(self) -> None:
        saisie = self.query_one("#chemin", Input).value.strip()
        if not saisie:
            self.dire("Tapez le chemin d'un fichier de projet (.toml), puis Entrée.")
            self.query_one("#chemin", Input).focus()
            return
        try:
            chemin = typed_path(saisie)
        except UnknownHome as err:
            self.dire(str(err))
            return
        self.coop.ouvrir_fichier(chemin)

    @on(OptionList.OptionSelected, "#recents")
    def _recent(self, event: OptionList.OptionSelected) -> None:
        entry = self.recents[int(event.option.id or 0)]
        self.coop.ouvrir_fichier(Path(entry.fichier))

    def action_oublier(self) -> None:
        liste = self.query_one("#recents", OptionList)
        if not liste.has_focus or liste.highlighted is None:
            return
        entry = self.recents[liste.highlighted]
        recent.forget(entry.fichier)
        self.charger_recents()
        self.dire(f"{entry.nom or entry.fichier} est retiré de la liste (le fichier est gardé).")
