"""The confirmation asked before deleting a record."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static


class ConfirmDelete(ModalScreen[bool]):
    """Asks "Supprimer … ?"; dismisses True only on an explicit yes."""

    DEFAULT_CSS = """
    ConfirmDelete { align: center middle; }
    ConfirmDelete > #dialogue {
        width: 60; max-width: 100%; height: auto;
        border: thick $error; background: $surface; padding: 1 2;
    }
    ConfirmDelete #boutons { height: auto; align-horizontal: right; padding-top: 1; }
    ConfirmDelete #boutons Button { margin-left: 2; }
    """

    BINDINGS = [
        Binding("o", "confirmer", "Oui, supprimer", id="confirmation.oui"),
        Binding("n,escape", "annuler", "Non", id="confirmation.non"),
    ]

    def __init__(self, question: str) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical(id="dialogue"):
            yield Static(self.question, id="question")
            yield Static("[dim]o : oui, supprimer · n ou Échap : non[/dim]")
            with Horizontal(id="boutons"):
                yield Button("Supprimer", variant="error", id="oui")
                yield Button("Annuler", id="non")

    def on_mount(self) -> None:
        self.query_one("#non", Button).focus()  # the safe choice has the focus

    @on(Button.Pressed, "#oui")
    def action_confirmer(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#non")
    def action_annuler(self) -> None:
        self.dismiss(False)
