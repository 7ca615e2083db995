"""Excel (XLSX) through openpyxl, for the table documents (planning, budget, evaluation).

Totals are real =SUM formulas over the lines above them. Text that starts
with =, +, - or @ is stored as text (type "s", format "@", quote prefix):
a spreadsheet must never run what a user typed.
"""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from coopwizard.documents.arbre import (
    Champ,
    Coche,
    Document,
    Liste,
    Paragraphe,
    Signatures,
    Tableau,
    Titre,
)
from coopwizard.documents.valeurs import A_COMPLETER, texte
from coopwizard.text import normalise_text

FORMULA_START = ("=", "+", "-", "@")
EUROS = '#,##0.00\\ "€";-#,##0.00\\ "€"'
GRAS = Font(bold=True)
ENTETE = PatternFill("solid", fgColor="E8E8E8")
MARQUES = {"fait": "[x]", "a_faire": "[ ]", "alerte": "[!]"}


def write(ws, row: int, column: int, value, bold: bool = False):
    """One cell; user text is always text."""
    cell = ws.cell(row=row, column=column)
    if isinstance(value, Decimal):
        cell.value = value
        cell.number_format = EUROS
    elif isinstance(value, date):
        cell.value = value
        cell.number_format = "DD/MM/YYYY"
    elif isinstance(value, int):
        cell.value = value
    elif value is not None:
        text = normalise_text(str(value))
        cell.value = text
        if text.startswith(FORMULA_START) or cell.data_type != "s":
            cell.data_type = "s"
            cell.number_format = "@"
            cell.quotePrefix = True
        if "\n" in text:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    if bold:
        cell.font = GRAS
    return cell


def _tableau(ws, row: int, bloc: Tableau, widths: dict[int, int]) -> int:
    if bloc.titre:
        write(ws, row, 1, bloc.titre, bold=True)
        row += 1
    for column, header in enumerate(bloc.entetes, start=1):
        cell = write(ws, row, column, header, bold=True)
        cell.fill = ENTETE
        widths[column] = max(widths.get(column, 0), len(header))
    row += 1
    first = row
    if not bloc.lignes:
        write(ws, row, 1, bloc.vide)
        row += 1
    for line in bloc.lignes:
        for column, value in enumerate(line, start=1):
            write(ws, row, column, value)
            longest = max((len(part) for part in texte(value).splitlines()), default=0)
            widths[column] = max(widths.get(column, 0), min(longest, 60))
        row += 1
    last = row - 1
    for total in bloc.totaux:
        for index, value in enumerate(total):
            column = index + 1
            if index in bloc.colonnes_sommees and isinstance(value, Decimal):
                letter = get_column_letter(column)
                cell = ws.cell(row=row, column=column)
                # A real formula: the total follows if someone edits a line.
                cell.value = f"=SUM({letter}{first}:{letter}{last})" if bloc.lignes else 0
                cell.number_format = EUROS
                cell.font = GRAS
            else:
                write(ws, row, column, value, bold=True)
        row += 1
    return row + 1


def render(doc: Document) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = normalise_text(doc.titre)[:31].replace("/", "-") or "Document"
    widths: dict[int, int] = {}
    row = 1
    for nom in doc.en_tete:
        write(ws, row, 1, nom)
        row += 1
    write(ws, row, 1, doc.titre, bold=True).font = Font(bold=True, size=14)
    row += 1
    if doc.sous_titre:
        write(ws, row, 1, doc.sous_titre, bold=True)
        row += 1
    row += 1
    for bloc in doc.blocs:
        if isinstance(bloc, Titre):
            write(ws, row, 1, bloc.texte).font = Font(bold=True, size=12)
            row += 1
        elif isinstance(bloc, Paragraphe):
            write(ws, row, 1, bloc.texte, bold=bloc.style == "alerte")
            row += 2
        elif isinstance(bloc, Champ):
            write(ws, row, 1, bloc.libelle, bold=True)
            write(ws, row, 2, bloc.valeur.strip() or A_COMPLETER)
            row += 1
        elif isinstance(bloc, Liste):
            if bloc.libelle:
                write(ws, row, 1, bloc.libelle, bold=True)
            if not bloc.elements:
                write(ws, row, 2, A_COMPLETER)
                row += 1
            for element in bloc.elements:
                write(ws, row, 2, element)
                row += 1
        elif isinstance(bloc, Tableau):
            row = _tableau(ws, row, bloc, widths)
        elif isinstance(bloc, Coche):
            write(ws, row, 1, MARQUES[bloc.statut])
            write(ws, row, 2, bloc.libelle)
            for offset, alerte in enumerate(bloc.alertes, start=3):
                write(ws, row, offset, alerte)
            row += 1
        elif isinstance(bloc, Signatures):
            for column, nom in enumerate(bloc.noms, start=1):
                write(ws, row, column, nom)
            row += 2
    if doc.pied:
        write(ws, row + 1, 1, doc.pied)
    for column, width in widths.items():
        ws.column_dimensions[get_column_letter(column)].width = max(10, width + 2)
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape"
    # Printed on one page wide (as many pages tall as needed): Excel and
    # LibreOffice only honour fitToWidth once fitToPage is on.
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
