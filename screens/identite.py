"""« Qui êtes-vous ? »: the name and association written with each save, asked once.

Partners sharing a project see who changed what (« Objectifs du projet :
modifié par Ahmed, Amicale des locataires »). Asked at the first project
opened, kept in the user's settings (coopwizard.settings); Escape means « ne
plus demander » (an empty name is a valid answer).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from coopwizard.settings import Reglages

if TYPE_CHECKING:
    from coopwizard.models import Projet
    from screens.app import CoopApp


class Identite(ModalScreen[Reglages | None]):
    CSS_PATH = "dialogs.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "plus_tard", "Ne plus demander", id="identite-ignorer"),
        # Priority: the focus must move before the next key is taken, not when the
        # Input's Submitted message is handled ("Ahmed", Enter, "Amicale" in one burst).
        Binding("enter", "entree", show=False, priority=True),
    ]

    def __init__(self, *, cursor_blink: bool = True) -> None:
        super().__init__()
        self.cursor_blink = cursor_blink

    def compose(self) -> ComposeResult:
        with Vertical(id="dialogue"):
            yield Static("Qui êtes-vous ?", classes="dialogue-titre")
            yield Static(Text(
                "Votre nom et votre association sont écrits avec chaque enregistrement : "
                "quand le projet est partagé, vos partenaires savent qui a modifié quoi. "
                "Demandé une seule fois ; Échap pour ne rien indiquer."))
            nom = Input(placeholder="ex. : Ahmed", id="identite-nom")
            association = Input(placeholder="ex. : Amicale des locataires", id="identite-asso")
            for champ in (nom, association):
                champ.cursor_blink = self.cursor_blink
            yield Label("Votre prénom (ou nom)")
            yield nom
            yield Label("Votre association")
            yield association
            with Horizontal(classes="boutons"):
                yield Button("Enregistrer", variant="primary", id="identite-ok")
                yield Button("Ne plus demander", id="identite-non")

    def on_mount(self) -> None:
        self.query_one("#identite-nom", Input).focus()

    def action_entree(self) -> None:
        focused = self.focused
        if isinstance(focused, Button):
            focused.press()
        elif focused is not None and focused.id == "identite-nom":
            self.query_one("#identite-asso", Input).focus()  # Enter goes on, it does not close
        else:
            self._valider()

    @on(Button.Pressed, "#identite-ok")
    def _valider(self) -> None:
        self.dismiss(Reglages(self.query_one("#identite-nom", Input).value.strip(),
                              self.query_one("#identite-asso", Input).value.strip(),
                              demande=True))

    @on(Button.Pressed, "#identite-non")
    def action_plus_tard(self) -> None:
        self.dismiss(Reglages(demande=True))


class IdentiteMixin:
    """For CoopApp: sign each save, ask who the user is once a project turns out shared."""

    def _signer(self: CoopApp, projet: Projet) -> None:
        """Each save says who saved (asked once, kept in the user's settings) and when."""
        from coopwizard import settings

        if self._reglages is None:
            self._reglages = settings.load()
        if self._reglages.auteur():  # nobody named: the file is left as it was written
            settings.signer(projet, self._reglages, le=self.horloge().astimezone())

    def _projet_partage(self: CoopApp) -> bool:
        from coopwizard.store import presence

        return getattr(self, "_signe_a_l_ouverture", False) or (
            self.chemin is not None and presence.someone_else(self.chemin) is not None)

    def _demander_identite(self: CoopApp) -> None:
        from coopwizard import settings
        from screens.identite import Identite

        self._reglages = settings.load()
        # Asked once, and only for a shared project (someone else saved it, or has it open):
        # a volunteer working alone is never interrupted.
        if not settings.a_demander(self._reglages) or not self._projet_partage():
            return

        def garder(reglages: settings.Reglages | None) -> None:
            # Asked over the wizard's first frame: the cursor goes back to the question the
            # project was left at (not to whatever had the focus before), ready for typing.
            champ = self.projet.position.champ
            if self.wizard is not None and champ:
                self.wizard.focus_champ(champ, montrer=False)
            if reglages is None:
                return
            self._reglages = reglages
            try:
                settings.save(reglages)
            except OSError:
                pass  # asked again next time: nothing else is lost
            self.demarrer_surveillance(dire=False)  # the presence file now names the user

        self.push_screen(Identite(cursor_blink=self.cursor_blink), garder)
