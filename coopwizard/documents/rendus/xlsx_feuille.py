"""The sheet's cells written as XML text, the rest of the workbook by openpyxl.

openpyxl spent two thirds of the large planning's export in its per-cell path
(`ws.cell`, `_bind_value`, then one lxml element per cell at save: 40,000 cells).
Here the cells are still openpyxl `Cell` objects, so fonts, fills, formats and
the cell styles are registered by openpyxl itself in the same order, but they are
kept out of the worksheet and their `<sheetData>` is written as text, the way
openpyxl 3.1 writes it (inline strings, `<c ...></c>`, ASCII with character
references): `tests/core/test_xlsx_feuille.py` compares both, byte for byte.
"""

from __future__ import annotations

import io
import re
from datetime import datetime, timezone
from decimal import Decimal
from zipfile import ZIP_DEFLATED, ZipFile

from openpyxl.cell.cell import ERROR_CODES, Cell
from openpyxl.compat import safe_string
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import to_excel
from openpyxl.worksheet._writer import WorksheetWriter
from openpyxl.worksheet.dimensions import SheetDimension
from openpyxl.writer.excel import ExcelWriter
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

VIDE = "<sheetData />"
_ECHAPPER = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"})


def _texte(valeur: str) -> str:
    """A text node as lxml serialises it in ASCII."""
    return valeur.translate(_ECHAPPER).encode("ascii", "xmlcharrefreplace").decode("ascii")


class Feuille:
    """A worksheet's cells, by (row, column), written at save as text."""

    def __init__(self, ws):
        self.ws = ws
        self.cases: dict[tuple[int, int], Cell] = {}

    def case(self, row: int, column: int) -> Cell:
        """The cell at (row, column), created on first use (as `ws.cell`)."""
        cle = (row, column)
        cell = self.cases.get(cle)
        if cell is None:
            cell = self.cases[cle] = Cell(self.ws, row=row, column=column)
        return cell

    def ecrire(self, cell: Cell, value) -> None:
        """`cell.value = value`: the common types bound directly, the others by openpyxl."""
        t = type(value)
        if t is str:
            value = value[:32767]
            if ILLEGAL_CHARACTERS_RE.search(value):
                cell.value = value  # openpyxl raises its own error
            cell._value = value
            cell.data_type = ("f" if len(value) > 1 and value[0] == "=" else
                              "e" if value in ERROR_CODES else "s")
        elif t is Decimal or t is int:
            cell._value, cell.data_type = value, "n"
        else:
            cell.value = value

    def _cellule(self, cell: Cell) -> str:
        coord = f"{get_column_letter(cell.column)}{cell.row}"
        style = f' s="{cell.style_id}"' if cell.has_style else ""
        dt, value = cell.data_type, cell._value
        if dt == "d":
            dt, value = "n", to_excel(value, self.ws.parent.epoch)
        t = ' t="inlineStr"' if dt == "s" else "" if dt == "f" else f' t="{dt}"'
        debut = f'<c r="{coord}"{style}{t}>'
        if value is None or value == "":
            return debut + "</c>"
        if dt == "f":
            return f"{debut}<f>{_texte(value[1:])}</f><v></v></c>"
        if dt == "s":
            espace = ' xml:space="preserve"' if value != value.strip() else ""
            return f"{debut}<is><t{espace}>{_texte(value)}</t></is></c>"
        return f"{debut}<v>{_texte(safe_string(value))}</v></c>"

    def sheet_data(self) -> str:
        """`<sheetData>` as openpyxl's WorksheetWriter.write_rows writes it."""
        lignes: dict[int, list[Cell]] = {}
        for cle in sorted(self.cases):
            lignes.setdefault(cle[0], []).append(self.cases[cle])
        dims = self.ws.row_dimensions
        for row in dims.keys() - lignes.keys():
            lignes[row] = []
        morceaux = ["<sheetData>"]
        for row, cells in sorted(lignes.items()):
            attrs = "".join(f' {k}="{_texte(v)}"' for k, v in dims.get(row, {}))
            morceaux.append(f'<row r="{row}"{attrs}>')
            morceaux.extend(self._cellule(c) for c in cells
                            if c._value is not None or c.has_style)
            morceaux.append("</row>")
        morceaux.append("</sheetData>")
        return "".join(morceaux)

    def dimension(self) -> str:
        if not self.cases:
            return "A1:A1"
        rows = {r for r, _ in self.cases}
        cols = {c for _, c in self.cases}
        return (f"{get_column_letter(min(cols))}{min(rows)}:"
                f"{get_column_letter(max(cols))}{max(rows)}")


class _SheetWriter(WorksheetWriter):
    def __init__(self, ws, feuille: Feuille):
        super().__init__(ws)
        self.feuille = feuille

    def write_dimensions(self):
        self.xf.send(SheetDimension(self.feuille.dimension()).to_tree())

    def write_rows(self):
        """An empty `<sheetData>`, replaced by the text once the file is written."""
        xf = self.xf.send(True)
        with xf.element("sheetData"):
            pass
        self.xf.send(None)


class _Writer(ExcelWriter):
    def __init__(self, wb, archive, feuille: Feuille):
        super().__init__(wb, archive)
        self.feuille = feuille

    def write_worksheet(self, ws):
        from openpyxl.drawing.spreadsheet_drawing import SpreadsheetDrawing

        ws._drawing = SpreadsheetDrawing()
        ws._drawing.charts = ws._charts
        ws._drawing.images = ws._images
        writer = _SheetWriter(ws, self.feuille)
        writer.write()
        ws._rels = writer._rels
        with open(writer.out, "rb") as f:
            xml = f.read().decode("utf-8")
        # Cell styles get their ids here, in row order, as when openpyxl writes the rows.
        xml = re.sub("<sheetData ?/>|<sheetData></sheetData>",
                     lambda _: self.feuille.sheet_data(), xml, count=1)
        self._archive.writestr(ws.path[1:], xml.encode("utf-8"))
        self.manifest.append(ws)
        writer.cleanup()


def enregistrer(wb, feuille: Feuille) -> bytes:
    """`wb.save()` to bytes, the active sheet's cells taken from `feuille`."""
    buffer = io.BytesIO()
    archive = ZipFile(buffer, "w", ZIP_DEFLATED, allowZip64=True)
    wb.properties.modified = datetime.now(tz=timezone.utc).replace(tzinfo=None)
    _Writer(wb, archive, feuille).save()
    return buffer.getvalue()
