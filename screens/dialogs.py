"""Dialogs: the new project's name and file."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from screens.fichiers import fichier_dans_dossier, proposer_fichier


class NouveauProjet(ModalScreen[tuple[str, Path] | None]):
    """Asks the project's name, proposes a file name in `dossier`; dismisses (name, path)."""

    CSS_PATH = "dialogs.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "annuler", "Annuler", id="annuler-dialogue")]

    def __init__(self, dossier: Path, *, cursor_blink: bool = True) -> None:
        super().__init__()
        self.dossier = dossier
        self.cursor_blink = cursor_blink
        self._proposition = proposer_fichier("", dossier).name

    def compose(self) -> ComposeResult:
        with Vertical(id="dialogue"):
            yield Static("Nouveau projet", classes="dialogue-titre")
            yield Label("Nom du projet")
            nom = Input(placeholder="ex. : Repas partagé du quartier", id="nom-projet")
            nom.cursor_blink = self.cursor_blink
            yield nom
            yield Label(Text(f"Fichier, créé dans {self.dossier}"), id="label-fichier")
            fichier = Input(self._proposition, id="nom-fichier")
            fichier.cursor_blink = self.cursor_blink
            yield fichier
            yield Static("", id="dialogue-message")
            with Horizontal(classes="boutons"):
                yield Button("Créer", variant="primary", id="creer")
                yield Button("Annuler", id="annuler")

    def on_mount(self) -> None:
        self.query_one("#nom-projet", Input).focus()

    @on(Input.Changed, "#nom-projet")
    def _nom_change(self, event: Input.Changed) -> None:
        fichier = self.query_one("#nom-fichier", Input)
        if fichier.value == self._proposition:  # the user has not chosen a name of their own
            self._proposition = proposer_fichier(event.value, self.dossier).name
            fichier.value = self._proposition

    @on(Input.Submitted)
    @on(Button.Pressed, "#creer")
    def _valider(self) -> None:
        nom = self.query_one("#nom-projet", Input).value.strip()
        saisie = self.query_one("#nom-fichier", Input).value
        message = self.query_one("#dialogue-message", Static)
        if not nom:
            message.update("Donnez un nom au projet (vous pourrez le changer ensuite).")
            self.query_one("#nom-projet", Input).focus()
            return
        chemin = fichier_dans_dossier(saisie, self.dossier)
        if chemin is None:
            message.update(Text(f"Indiquez un simple nom de fichier, sans dossier : "
                                f"il sera créé dans {self.dossier}."))
            return
        if chemin.exists():
            message.update(Text(f"{chemin.name} existe déjà : choisissez un autre nom "
                                "(rien n'a été remplacé)."))
            return
        self.dismiss((nom, chemin))

    @on(Button.Pressed, "#annuler")
    def action_annuler(self) -> None:
        self.dismiss(None)
