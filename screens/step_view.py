"""One step's questions, built once and kept: going back to a step is instant."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Static

from coopwizard.guide import Etape, Question
from coopwizard.models import Projet
from screens.demarrage import PREMIERES  # the questions before the first frame
from screens.help_pane import _paragraphe
from screens.questions import QuestionBlock


def vue_id(etape_id: str) -> str:
    return f"etape-{etape_id}"


class VueEtape(VerticalScroll):
    """Title, where the step sits in the guide, its intro, its questions, prev / next.

    Only the question the cursor goes to (`depart`, else the first) and the next ones are
    composed at first; `completer()` mounts the others once the step is on screen (each
    question is a handful of widgets to style and lay out: the whole step cost ~100 ms).
    """

    def __init__(self, etape: Etape, projet: Projet, *, numero: int, total: int, chemin: str,
                 read_only: bool = False, cursor_blink: bool = True, depart: str = "") -> None:
        super().__init__(id=vue_id(etape.id), classes="etape")
        self.etape = etape
        self.projet = projet
        self.numero, self.total, self.chemin = numero, total, chemin
        self.read_only = read_only
        self.cursor_blink = cursor_blink
        champs = [q.champ for q in etape.questions]
        debut = champs.index(depart) if depart in champs else 0
        self._tranche = (debut, debut + PREMIERES)
        self._a_completer = debut > 0 or len(champs) > PREMIERES

    def _bloc(self, question: Question) -> QuestionBlock:
        bloc = QuestionBlock(question, self.projet, cursor_blink=self.cursor_blink)
        bloc.disabled = self.read_only
        return bloc

    async def completer(self) -> bool:
        """Mount the questions left out of the first frame; True if some came before it."""
        if not self._a_completer:
            return False
        self._a_completer = False
        debut, fin = self._tranche
        questions = self.etape.questions
        blocs = self.blocs()
        if questions[fin:]:
            await self.mount_all([self._bloc(q) for q in questions[fin:]], after=blocs[-1])
        if debut > 0:
            avant = [*self._entete(), *(self._bloc(q) for q in questions[:debut])]
            await self.mount_all(avant, before=blocs[0])
        return debut > 0

    def _entete(self) -> list[Static]:
        etape = self.etape
        entete = [
            Static(Text(etape.titre), classes="etape-titre"),
            Static(Text(f"Étape {self.numero} sur {self.total} · {self.chemin}"),
                   classes="etape-chemin"),
        ]
        if etape.intro:  # hidden by the stylesheet while the help pane (which has it) shows
            entete.append(Static(Text(_paragraphe(etape.intro)), classes="etape-intro"))
        return entete

    def compose(self) -> ComposeResult:
        etape = self.etape
        debut, fin = self._tranche
        if debut == 0:
            yield from self._entete()
        # else: the first frame starts at the question the cursor goes to, as the step
        # will show it once scrolled there; the title and what comes before follow it
        for question in etape.questions[debut:fin]:
            yield self._bloc(question)
        if self.numero == self.total:
            yield Static(
                Text("C'est la dernière étape. F7 ouvre la checklist : ce qui est fait, ce qui "
                     "reste à faire. F8 montre la fiche projet, prête à imprimer ou à envoyer "
                     "aux financeurs. Vous pouvez revenir sur n'importe quelle réponse à tout "
                     "moment."),
                classes="fin",
            )
        with Horizontal(classes="navigation"):
            # Tab from the last question reaches « suivante » first (the way forward),
            # « précédente » after it (Textual's focus follows the order on screen).
            yield Button("Étape suivante →", classes="suivante", variant="primary",
                         disabled=self.numero == self.total)
            yield Button("← Étape précédente", classes="precedente", disabled=self.numero == 1)

    def blocs(self) -> list[QuestionBlock]:
        return list(self.query(QuestionBlock))

    def synchroniser(self, champ: str | None = None) -> None:
        """Show the model's values again (they may have changed from elsewhere)."""
        for bloc in self.blocs():
            if champ is None or bloc.champ == champ:
                bloc.synchroniser()
