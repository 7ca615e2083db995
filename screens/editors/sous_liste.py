"""`SousListe`: the records inside a record (a meeting's decisions), edited in the form.

A small table with Ajouter / Modifier / Supprimer; each item opens its own
`RecordForm` over the first one, so a decision is typed field by field
instead of as « point | décision | responsable » on one line. Items keep their
`id` when edited (merging versions finds them again).
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Button, DataTable

LARGEUR_TABLE = 60
"""Room for the table in the form (96 wide, 30 for the labels): no sideways scrolling."""


def _cellule(value: Any, largeur: int) -> str:
    text = " ".join(str(value or "").split())
    return text if len(text) <= largeur else text[:largeur - 1] + "…"


class SousListe(Vertical):
    """Edits `records`, a list of `item` models; posts `SousListe.Changed` on each change."""

    DEFAULT_CSS = """
    SousListe { height: auto; width: 1fr; }
    SousListe > DataTable { height: auto; max-height: 8; }
    SousListe > Horizontal { height: auto; }
    SousListe Button { min-width: 12; height: 1; border: none; margin-right: 1; }
    """
    BINDINGS = [
        Binding("a", "ajouter", "Ajouter", show=False),
        Binding("delete", "supprimer", "Supprimer", show=False),
    ]

    class Changed(Message):
        def __init__(self, sous_liste: SousListe) -> None:
            super().__init__()
            self.sous_liste = sous_liste

    def __init__(self, item: type[BaseModel], records: list[BaseModel], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.item = item
        self.records = list(records)
        self.noms = list(getattr(item, "colonnes_sous_liste", ()) or item.model_fields)
        """The table's columns (a long text like the exchanges stays in the item's form)."""
        self.libelle = getattr(item, "libelle_element", "élément").lower()
        self.largeur = max(LARGEUR_TABLE // max(len(self.noms), 1) - 2, 8)

    def compose(self) -> ComposeResult:
        table = DataTable(cursor_type="row", zebra_stripes=True)
        for nom in self.noms:
            table.add_column(self.item.model_fields[nom].title or nom, width=self.largeur)
        yield table
        with Horizontal():
            yield Button("Ajouter", id="sous-ajouter", compact=True)
            yield Button("Modifier", id="sous-modifier", compact=True)
            yield Button("Supprimer", id="sous-supprimer", compact=True)

    def on_mount(self) -> None:
        self._remplir_table()

    @property
    def table(self) -> DataTable:
        return self.query_one(DataTable)

    def _remplir_table(self) -> None:
        table = self.table
        curseur = table.cursor_row
        table.clear()
        for record in self.records:
            table.add_row(*(_cellule(getattr(record, n), self.largeur) for n in self.noms))
        if self.records:
            table.move_cursor(row=min(max(curseur, 0), len(self.records) - 1))
        self.query_one("#sous-modifier").disabled = not self.records
        self.query_one("#sous-supprimer").disabled = not self.records

    def remplacer(self, records: list[BaseModel]) -> None:
        self.records = list(records)
        if self.is_mounted:
            self._remplir_table()

    def _change(self) -> None:
        self._remplir_table()
        self.post_message(self.Changed(self))

    # --- actions ------------------------------------------------------------------------
    def _formulaire(self, record: BaseModel | None, callback) -> None:
        from screens.editors.form import RecordForm

        titre = (f"Modifier la {self.libelle}" if record is not None
                 else f"Ajouter : {self.libelle}")
        longs = getattr(self.item, "champs_longs", frozenset())
        self.app.push_screen(RecordForm(self.item, record, titre=titre, long_fields=longs),
                             callback)

    @on(Button.Pressed, "#sous-ajouter")
    def action_ajouter(self) -> None:
        def ajoute(record: BaseModel | None) -> None:
            if record is not None:
                self.records.append(record)
                self._change()
                self.table.move_cursor(row=len(self.records) - 1)
                self.table.focus()

        self._formulaire(None, ajoute)

    @on(DataTable.RowSelected)
    @on(Button.Pressed, "#sous-modifier")
    def action_modifier(self, event: Message | None = None) -> None:
        if event is not None:
            event.stop()  # Enter on a row must not also save the whole form
        index = self.table.cursor_row
        if not 0 <= index < len(self.records):
            return

        def modifie(record: BaseModel | None) -> None:
            if record is not None:
                self.records[index] = record
                self._change()

        self._formulaire(self.records[index], modifie)

    @on(Button.Pressed, "#sous-supprimer")
    def action_supprimer(self) -> None:
        index = self.table.cursor_row
        if 0 <= index < len(self.records):
            del self.records[index]
            self._change()
