"""`RecordEditor`: a table of records with add / edit / delete from the keyboard.

Each editor edits one list of the Projet in place (`champ`, a dotted path) and
posts `ProjetModifie(champ)` after each change. The table is filled once on
mount; a change then touches only its own row (add_row, update_cell,
remove_row), so thousands of rows stay smooth. Subclasses say which columns to
show, how a record reads in them, and what summary to show above the table.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, ClassVar

from pydantic import BaseModel
from rich.console import RenderableType
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import DataTable, Static
from textual.widgets.data_table import RowKey

from coopwizard.diagnostics import diagnose
from coopwizard.models import Projet, get_path
from coopwizard.store.journal import draft_key
from screens.editors.confirm import ConfirmDelete
from screens.editors.form import RecordForm
from screens.editors.tableau import SOUPLE_MIN, Tableau
from screens.messages import ProjetModifie


class RecordEditor(Vertical):
    """Base of every record editor."""

    DEFAULT_CSS = """
    RecordEditor { height: 1fr; width: 100%; }
    RecordEditor > .entete { height: auto; color: $text-muted; }
    RecordEditor > .resume { height: auto; max-height: 12; }
    RecordEditor > .alertes { height: auto; max-height: 8; color: $warning; }
    RecordEditor > DataTable { height: 1fr; }
    RecordEditor > .detail { height: auto; max-height: 3; padding: 0 1; background: $boost; }
    RecordEditor > .detail.-probleme { color: $warning; }
    """

    BINDINGS = [
        Binding("a", "ajouter", "Ajouter", id="editeur.ajouter"),
        # not in the footer: Enter does the same, and at 80 columns the F-keys need the room
        Binding("e", "modifier", "Modifier", id="editeur.modifier", show=False),
        Binding("delete", "supprimer", "Supprimer", id="editeur.supprimer"),
    ]

    champ: ClassVar[str]
    """Dotted path of the edited list in Projet."""
    model: ClassVar[type[BaseModel]]
    colonnes: ClassVar[list[tuple[str, str]]]
    """(column key, French header), the columns that matter first (a narrow screen
    shows them; ← → scroll to the others, one column at a time)."""
    largeurs: ClassVar[dict[str, int]] = {}
    """Fixed widths of some columns (a longer cell ends with « … »)."""
    souple: ClassVar[str] = ""
    """The column that takes the width the others leave (the record's name, mostly)."""
    prefixes_diagnostics: ClassVar[tuple[str, ...]] = ()
    """Which diagnostics (by path prefix) show above the table."""
    aide: ClassVar[str] = (
        "a : ajouter · Entrée : modifier · Suppr : supprimer · ← → : autres colonnes"
    )

    def __init__(self, projet: Projet, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.projet = projet
        self._records: dict[str, BaseModel] = {}
        self._next_key = 0

    # --- what subclasses describe -------------------------------------------------
    @property
    def records(self) -> list[BaseModel]:
        return get_path(self.projet, self.champ)

    def cellules(self, record: BaseModel, index: int) -> Iterable[RenderableType]:
        """The cells of one row, in the order of `colonnes`."""
        raise NotImplementedError

    def form_options(self, record: BaseModel | None) -> dict[str, Any]:
        """Extra keyword arguments for RecordForm (options, checks, preview...)."""
        return {}

    def resume(self) -> RenderableType:
        """Summary shown above the table (totals...); empty by default."""
        return ""

    def detail(self, record: BaseModel) -> RenderableType:
        """The line under the table for the selected row: what its narrow cells cut."""
        return ""

    def problemes(self, record: BaseModel) -> list[str]:
        """What is wrong in this record (shown in its row, its detail line and its form)."""
        return []

    def alertes(self) -> list[str]:
        if not self.prefixes_diagnostics:
            return []
        return [
            f"⚠ {p}"
            for p in diagnose(self.projet)
            if p.chemin.startswith(self.prefixes_diagnostics)
        ]

    def nom_element(self, record: BaseModel) -> str:
        label = getattr(self.model, "libelle_element", "élément").lower()
        for name in ("nom", "intitule", "libelle", "description", "indicateur"):
            value = str(getattr(record, name, "") or "").strip()
            if value:
                return f"{label} « {value} »"
        return f"cet élément ({label})"

    # --- building -----------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield Static(self.aide, classes="entete", id="aide")
        yield Static("", classes="resume", id="resume")
        yield Static("", classes="alertes", id="alertes")
        yield Tableau(cursor_type="row", zebra_stripes=True, id="table")
        yield Static("", classes="detail", id="detail")

    @property
    def table(self) -> DataTable:
        return self.query_one("#table", DataTable)

    def on_mount(self) -> None:
        # Textual calls on_mount of every class in the MRO: subclasses use after_fill.
        self._fill()
        self.after_fill()

    def after_fill(self) -> None:
        """Hook: once the table holds every record."""

    def recharger(self) -> None:
        """The list was replaced (another version merged in): show it again, cursor kept."""
        table = self.table
        ligne = table.cursor_row
        table.clear(columns=True)
        self._records.clear()
        self._fill()
        self.after_fill()
        if table.row_count:
            table.move_cursor(row=min(ligne, table.row_count - 1))

    def _fill(self) -> None:
        table = self.table
        for key, label in self.colonnes:
            table.add_column(label, key=key, width=self.largeurs.get(key, SOUPLE_MIN)
                             if key == self.souple else self.largeurs.get(key))
        table.souple = self.souple
        table.call_after_refresh(table.ajuster)
        rows = []
        for index, record in enumerate(self.records):
            key = self._new_key(record)
            rows.append((key, self._cellules(record, index)))
        for key, cells in rows:
            table.add_row(*cells, key=key)
        self.rafraichir_resume()

    def _cellules(self, record: BaseModel, index: int) -> list[RenderableType]:
        """The row's cells; a cell of a fixed width ends with « … » when cut."""
        cells = []
        for (key, _), cell in zip(self.colonnes, self.cellules(record, index), strict=True):
            if key in self.largeurs or key == self.souple:
                cell = cell.copy() if isinstance(cell, Text) else Text(str(cell or ""))
                cell.no_wrap, cell.overflow = True, "ellipsis"
            cells.append(cell)
        return cells

    def _new_key(self, record: BaseModel) -> str:
        self._next_key += 1
        key = f"r{self._next_key}"
        self._records[key] = record
        return key

    def rafraichir_resume(self) -> None:
        resume = self.resume()
        widget = self.query_one("#resume", Static)
        widget.update(resume)
        widget.display = bool(resume)
        alertes = self.alertes()
        shown = alertes[:6]
        if len(alertes) > 6:
            shown.append(f"… et {len(alertes) - 6} autres points à vérifier")
        widget = self.query_one("#alertes", Static)
        widget.update("\n".join(shown))
        widget.display = bool(shown)
        self.rafraichir_detail()

    def rafraichir_detail(self) -> None:
        """The selected row's detail line (and its problems, where they are made)."""
        widget = self.query_one("#detail", Static)
        key = self.current_key() if self.table.display else None
        record = self._records.get(key) if key is not None else None
        if record is None:
            widget.display = False
            return
        problemes = self.problemes(record)
        texte = Text()
        detail = self.detail(record)
        if isinstance(detail, str):
            detail = Text(detail)
        if detail:
            texte.append_text(detail)
        for probleme in problemes:
            texte.append(("\n" if texte else "") + f"⚠ {probleme}", style="bold dark_orange")
        widget.update(texte)
        widget.display = bool(texte)

    @on(DataTable.RowHighlighted, "#table")
    def _row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        self.rafraichir_detail()

    def _index_of(self, record: BaseModel) -> int:
        records = self.records
        return next(i for i, r in enumerate(records) if r is record)

    def current_key(self) -> str | None:
        table = self.table
        if table.row_count == 0:
            return None
        row_key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key
        return row_key.value

    def refresh_row(self, key: str) -> None:
        record = self._records[key]
        cells = self._cellules(record, self._index_of(record))
        for (column, _), cell in zip(self.colonnes, cells, strict=True):
            self.table.update_cell(key, column, cell, update_width=True)

    def changed(self, champ: str | None = None) -> None:
        """After each change: summary, then tell the App (autosave...)."""
        self.rafraichir_resume()
        self.post_message(ProjetModifie(champ or self.champ))

    def open_form(self, record: BaseModel | None, callback,
                  reprise: dict[str, Any] | None = None) -> None:
        """The record's form; `callback` gets the saved record before the form closes."""
        titre = f"{'Modifier' if record else 'Ajouter'} : {self.model.libelle_element.lower()}"
        options = {"titre": titre, **self.form_options(record)}
        index = None if record is None else self._index_of(record)
        self.app.push_screen(RecordForm(
            self.model, record, appliquer=callback, brouillon=draft_key(self.champ, index),
            index=index, reprise=reprise, **options,
        ))

    def reprendre_brouillon(self, contenu: dict[str, Any]) -> None:
        """Open again a form left unsaved by an interrupted session, with what was typed."""
        valeurs = contenu.get("valeurs") or {}
        index = contenu.get("index")
        key = None
        if isinstance(index, int):
            key = next((k for k, r in self._records.items()
                        if 0 <= index < len(self.records) and r is self.records[index]), None)
        if key is None:
            self.open_form(None, self._added, reprise=valeurs)
        else:
            self.open_form(self._records[key], lambda new: self._edited(key, new), reprise=valeurs)

    # --- actions ------------------------------------------------------------------
    def action_ajouter(self) -> None:
        self.open_form(None, self._added)

    def _added(self, record: BaseModel | None) -> None:
        if record is None:
            return
        self.records.append(record)
        key = self._new_key(record)
        self.table.add_row(*self._cellules(record, len(self.records) - 1), key=key)
        self.after_add(key)
        self.table.move_cursor(row=self.table.get_row_index(key))
        self.changed()

    def after_add(self, key: str) -> None:
        """Hook: e.g. sort the table so the new row lands in its group."""

    def action_modifier(self) -> None:
        key = self.current_key()
        if key is None:
            self.notify("La liste est vide : appuyez sur a pour ajouter.", severity="warning")
            return
        self.open_form(self._records[key], lambda new: self._edited(key, new))

    @on(DataTable.RowSelected, "#table")
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_modifier()

    def _edited(self, key: str, record: BaseModel | None) -> None:
        if record is None:
            return
        old = self._records[key]
        self.records[self._index_of(old)] = record
        self._records[key] = record
        self.refresh_row(key)
        self.changed()

    def action_supprimer(self) -> None:
        key = self.current_key()
        if key is None:
            return
        question = f"Supprimer {self.nom_element(self._records[key])} ?"
        self.app.push_screen(ConfirmDelete(question), lambda ok: self._deleted(key, ok))

    def _deleted(self, key: str, ok: bool | None) -> None:
        if not ok:
            return
        record = self._records.pop(key)
        del self.records[self._index_of(record)]
        self.table.remove_row(RowKey(key))
        self.after_delete()
        self.changed()

    def after_delete(self) -> None:
        """Hook: rows whose cells depend on position (e.g. numbering) refresh here."""
