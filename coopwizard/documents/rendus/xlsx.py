"""Excel (XLSX) through openpyxl, for the table documents (planning, budget, evaluation).

Totals are real =SUM formulas over the lines above them; a `Somme` cell (a
form's subtotal) is a formula over the cells it names, and a `PhraseCalculee`
(a balance sentence) an IF formula over the table before it. Text that starts
with =, +, - or @ is stored as text (type "s", format "@", quote prefix):
a spreadsheet must never run what a user typed.
"""

from __future__ import annotations

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
    PhraseCalculee,
    Signatures,
    Solde,
    Somme,
    Tableau,
    Titre,
)
from coopwizard.documents.rendus.xlsx_feuille import Feuille, enregistrer
from coopwizard.documents.valeurs import A_COMPLETER, texte
from coopwizard.text import normalise_text

FORMULA_START = ("=", "+", "-", "@")
EUROS = '#,##0.00\\ [$€-40C];-#,##0.00\\ [$€-40C]'
"""The euro of fr-FR (-40C); the separators are the spreadsheet's (1 234,50 € in French)."""
EUROS_SANS_ZERO = EUROS + ';""'
GRAS = Font(bold=True)
ENTETE = PatternFill("solid", fgColor="E8E8E8")
LARGEUR_MAX = 60
LARGEUR_PORTRAIT = 110
"""Sum of column widths (characters) above which a sheet is printed in landscape."""
MARQUES = {"fait": "[x]", "a_faire": "[ ]", "alerte": "[!]"}


def write(ws: Feuille, row: int, column: int, value, bold: bool = False):
    """One cell; user text is always text."""
    cell = ws.case(row, column)
    if isinstance(value, Decimal):
        ws.ecrire(cell, value)
        cell.number_format = EUROS
    elif isinstance(value, date):
        ws.ecrire(cell, value)
        cell.number_format = "DD/MM/YYYY"
    elif isinstance(value, int):
        ws.ecrire(cell, value)
    elif value is not None:
        text = normalise_text(str(value))
        ws.ecrire(cell, text)
        if text.startswith(FORMULA_START) or cell.data_type != "s":
            cell.data_type = "s"
            cell.number_format = "@"
            cell.quotePrefix = True
        if "\n" in text:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    if bold:
        cell.font = GRAS
    return cell


Place = dict[tuple[int, int], str]
"""(row, column) of a Tableau's lines -> the sheet's cell ("B12")."""


def _reference(places: Place, cellule: tuple[int, int]) -> str:
    return places[cellule]


def _plages(cellules: tuple[tuple[int, int], ...], places: Place) -> list[str]:
    """Cells as references, consecutive rows of a column as one range (B13:B17)."""
    plages: list[list[tuple[int, int]]] = []
    for cellule in cellules:
        if plages and plages[-1][-1] == (cellule[0] - 1, cellule[1]):
            plages[-1].append(cellule)
        else:
            plages.append([cellule])
    return [_reference(places, p[0]) if len(p) == 1
            else f"{_reference(places, p[0])}:{_reference(places, p[-1])}" for p in plages]


def _formule(somme: Somme, places: Place) -> str:
    plus = _plages(somme.termes, places)
    formule = (f"SUM({','.join(plus)})" if len(plus) > 1 or ":" in plus[0] else plus[0]
               ) if plus else "0"
    return "=" + formule + "".join(f"-{_reference(places, c)}" for c in somme.moins)


def _chaine(texte: str) -> str:
    return '"' + normalise_text(texte).replace('"', '""') + '"'


def _phrase(modele: str, montant: str, ecart: str) -> str:
    """A sentence template as a formula: literal parts joined with the amounts."""
    morceaux = []
    reste = modele
    while True:
        positions = [(reste.find(m), m) for m in ("{montant}", "{ecart}") if m in reste]
        if not positions:
            break
        index, marque = min(positions)
        if reste[:index]:
            morceaux.append(_chaine(reste[:index]))
        valeur = montant if marque == "{montant}" else ecart
        morceaux.append(f'FIXED({valeur},2)&"\u00a0€"')
        reste = reste[index + len(marque):]
    if reste:
        morceaux.append(_chaine(reste))
    return "&".join(morceaux) or '""'


def formule_solde(solde: Solde, places: Place) -> str:
    g, d = _reference(places, solde.gauche), _reference(places, solde.droite)
    egal = _phrase(solde.egal, g, f"ABS({g}-{d})")
    vide = _phrase(solde.vide, g, f"ABS({g}-{d})") if solde.vide else egal
    plus = _phrase(solde.plus, g, f"{g}-{d}")
    moins = _phrase(solde.moins, g, f"{d}-{g}")
    return (f"=IF(AND(ROUND({g},2)=0,ROUND({d},2)=0),{vide},"
            f"IF(ROUND({g}-{d},2)=0,{egal},IF({g}>{d},{plus},{moins})))")


def _tableau(ws: Feuille, row: int, bloc: Tableau, widths: dict[int, int]) -> tuple[int, Place]:
    if bloc.titre:
        write(ws, row, 1, bloc.titre, bold=True)
        row += 1
    for column, header in enumerate(bloc.entetes, start=1):
        cell = write(ws, row, column, header, bold=True)
        cell.fill = ENTETE
        widths[column] = max(widths.get(column, 0), len(header))
    montants = {j for line in bloc.lignes for j, v in enumerate(line)
                if isinstance(v, (Decimal, Somme))}
    for column in montants:  # an amount's header sits over it, on the right
        ws.case(row, column + 1).alignment = Alignment(horizontal="right")
    row += 1
    first = row
    if not bloc.lignes:
        write(ws, row, 1, bloc.vide)
        row += 1
    places: Place = {(i, j): f"{get_column_letter(j + 1)}{first + i}"
                     for i, line in enumerate(bloc.lignes) for j in range(len(line))}
    for index, line in enumerate(bloc.lignes):
        for column, value in enumerate(line, start=1):
            fort = (index, column - 1) in bloc.fortes
            if isinstance(value, Somme):
                # A real formula: the subtotal follows if someone edits an amount.
                cell = ws.case(row, column)
                ws.ecrire(cell, _formule(value, places))
                cell.number_format = EUROS_SANS_ZERO if value.masquer_zero else EUROS
                if fort:
                    cell.font = GRAS
            else:
                cell = write(ws, row, column, value, bold=fort)
                if value is None and column - 1 in montants:
                    cell.number_format = EUROS  # a blank to fill in by hand, in euros
            longest = max((len(part) for part in texte(value).splitlines()), default=0)
            widths[column] = max(widths.get(column, 0), min(longest, LARGEUR_MAX))
            if longest > LARGEUR_MAX:  # wrapped, not cut off by the next cell
                cell.alignment = Alignment(wrap_text=True)
                # LibreOffice keeps the default height of a row written by openpyxl;
                # a column of 62 widths holds about 70 characters of proportional text.
                hauteur = 15 * -(-longest // (LARGEUR_MAX + 10))
                dims = ws.ws.row_dimensions
                dims[row].height = max(dims[row].height or 0, hauteur)
        row += 1
    last = row - 1
    for total in bloc.totaux:
        for index, value in enumerate(total):
            column = index + 1
            if index in bloc.colonnes_sommees and isinstance(value, Decimal):
                letter = get_column_letter(column)
                cell = ws.case(row, column)
                # A real formula: the total follows if someone edits a line.
                ws.ecrire(cell, f"=SUM({letter}{first}:{letter}{last})" if bloc.lignes else 0)
                cell.number_format = EUROS
                cell.font = GRAS
            else:
                write(ws, row, column, value, bold=True)
        row += 1
    return row + 1, places


def render(doc: Document) -> bytes:
    wb = Workbook()
    sheet = wb.active
    ws = Feuille(sheet)
    sheet.title = normalise_text(doc.titre)[:31].replace("/", "-") or "Document"
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
    places: Place = {}
    for bloc in doc.blocs:
        if isinstance(bloc, PhraseCalculee) and bloc.solde is not None and places:
            cell = ws.case(row, 1)
            ws.ecrire(cell, formule_solde(bloc.solde, places))
            if bloc.style == "alerte":
                cell.font = GRAS
            row += 2
        elif isinstance(bloc, Titre):
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
            row, places = _tableau(ws, row, bloc, widths)
        elif isinstance(bloc, Coche):
            write(ws, row, 1, MARQUES[bloc.statut])
            write(ws, row, 2, bloc.libelle)
            for offset, alerte in enumerate(bloc.alertes, start=3):
                write(ws, row, offset, alerte)
            row += 1
        elif isinstance(bloc, Signatures):
            # One under the other, with room to sign: side by side they overlap.
            for nom in bloc.noms:
                write(ws, row, 1, nom)
                row += 3
    if doc.pied:
        write(ws, row + 1, 1, doc.pied)
    for column, width in widths.items():
        sheet.column_dimensions[get_column_letter(column)].width = max(10, width + 2)
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    # Landscape only for a wide sheet (the planning's months); the budget's forms fit upright.
    large = sum(max(10, w + 2) for w in widths.values()) > LARGEUR_PORTRAIT
    sheet.page_setup.orientation = "landscape" if large else "portrait"
    # Printed on one page wide (as many pages tall as needed): Excel and
    # LibreOffice only honour fitToWidth once fitToPage is on.
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    return enregistrer(wb, ws)
