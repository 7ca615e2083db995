"""F4 « Désaccords »: the answers two versions changed differently, side by side, decided here.

Each conflict is data in the project (`[[conflits]]`, coopwizard.conflits): the
list shows both versions and who wrote them; m keeps mine, l keeps theirs, d
keeps both (texts only, joined). The decision goes through the core
(`conflits.resoudre`) and into the open project like a merge, then is saved.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, cast

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from coopwizard import conflits

if TYPE_CHECKING:
    from screens.app import CoopApp


def _option(conflit, nommer) -> Option:
    table = Table.grid(padding=(0, 2), expand=True)
    table.add_column(ratio=1)
    table.add_column(ratio=1)
    table.add_row(Text(conflits.libelle_conflit(conflit, nommer), style="bold"), "")
    table.add_row(Text(f"Mienne ({conflit.notre_auteur or 'cette version'}) :"),
                  Text(f"L'autre ({conflit.leur_auteur or 'autre version'}) :"))
    table.add_row(Text(conflits.montrer(conflit.notre_valeur)),
                  Text(conflits.montrer(conflit.leur_valeur)))
    return Option(table, id=conflit.id)


class ConflitsScreen(ModalScreen[None]):
    DEFAULT_CSS = """
    ConflitsScreen { align: center middle; }
    ConflitsScreen > VerticalScroll {
        width: 100; max-width: 100%; height: 90%; border: thick $warning;
        background: $surface; padding: 0 1;
    }
    ConflitsScreen #liste { height: 1fr; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("m", "choisir('mien')", "Garder la mienne", id="conflit.mien"),
        Binding("l", "choisir('leur')", "Garder l'autre", id="conflit.leur"),
        Binding("d", "choisir('les_deux')", "Garder les deux (texte)", id="conflit.les-deux"),
        Binding("escape,f4", "fermer", "Fermer", id="conflit.fermer"),
    ]

    @property
    def coop(self) -> CoopApp:
        return cast("CoopApp", self.app)

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static("", id="entete")
            yield OptionList(id="liste")
            yield Static("", id="message")
        yield Footer()

    def on_mount(self) -> None:
        self._remplir()

    def _remplir(self) -> None:
        projet = self.coop.projet
        liste = self.query_one("#liste", OptionList)
        liste.clear_options()
        nommer = conflits.Libelles(projet)
        liste.add_options([_option(c, nommer) for c in projet.conflits])
        n = len(projet.conflits)
        self.query_one("#entete", Static).update(Text(
            f"{n} désaccord{'s' if n > 1 else ''} entre deux versions du projet. "
            "m : garder la mienne · "
            "l : garder l'autre · d : garder les deux (texte) · Échap : fermer" if n else
            "Aucun désaccord : toutes les versions ont été fusionnées."))
        if n:
            liste.highlighted = 0
            liste.focus()

    def action_choisir(self, choix: str) -> None:
        liste = self.query_one("#liste", OptionList)
        if liste.highlighted is None or not self.coop.projet.conflits:
            return
        conflit = self.coop.projet.conflits[liste.highlighted]
        try:
            nouveau = conflits.resoudre(self.coop.projet, conflit, choix)  # type: ignore[arg-type]
        except ValueError as err:
            self.query_one("#message", Static).update(Text(str(err)))
            return
        self.coop.remplacer_reponses(nouveau)
        self.query_one("#message", Static).update("")
        self._remplir()

    def action_fermer(self) -> None:
        self.dismiss(None)
