"""One step's questions, built once and kept: going back to a step is instant."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Static

from coopwizard.guide import Etape
from coopwizard.models import Projet
from screens.help_pane import _paragraphe
from screens.questions import QuestionBlock


def vue_id(etape_id: str) -> str:
    return f"etape-{etape_id}"


class VueEtape(VerticalScroll):
    """Title, where the step sits in the guide, its intro, its questions, prev / next."""

    def __init__(self, etape: Etape, projet: Projet, *, numero: int, total: int, chemin: str,
                 read_only: bool = False, cursor_blink: bool = True) -> None:
        super().__init__(id=vue_id(etape.id), classes="etape")
        self.etape = etape
        self.projet = projet
        self.numero, self.total, self.chemin = numero, total, chemin
        self.read_only = read_only
        self.cursor_blink = cursor_blink

    def compose(self) -> ComposeResult:
        etape = self.etape
        yield Static(Text(etape.titre), classes="etape-titre")
        yield Static(Text(f"Étape {self.numero} sur {self.total} · {self.chemin}"),
                     classes="etape-chemin")
        if etape.intro:  # hidden by the stylesheet while the help pane (which has it) shows
            yield Static(Text(_paragraphe(etape.intro)), classes="etape-intro")
        for question in etape.questions:
            bloc = QuestionBlock(question, self.projet, cursor_blink=self.cursor_blink)
            bloc.disabled = self.read_only
            yield bloc
        if self.numero == self.total:
            yield Static(
                Text("C'est la dernière étape. F7 ouvre la checklist : ce qui est fait, ce qui "
                     "reste à faire. F8 montre la fiche projet, prête à imprimer ou à envoyer "
                     "aux financeurs. Vous pouvez revenir sur n'importe quelle réponse à tout "
                     "moment."),
                classes="fin",
            )
        with Horizontal(classes="navigation"):
            yield Button("← Étape précédente", classes="precedente", disabled=self.numero == 1)
            yield Button("Étape suivante →", classes="suivante", variant="primary",
                         disabled=self.numero == self.total)

    def blocs(self) -> list[QuestionBlock]:
        return list(self.query(QuestionBlock))

    def synchroniser(self, champ: str | None = None) -> None:
        """Show the model's values again (they may have changed from elsewhere)."""
        for bloc in self.blocs():
            if champ is None or bloc.champ == champ:
                bloc.synchroniser()
