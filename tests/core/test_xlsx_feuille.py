"""A sheet's cells are written as XML text (rendus/xlsx_feuille), not one openpyxl
cell and one lxml element at a time (2 s for a 2,000-task planning): every part of
the file must be byte for byte what openpyxl writes for the same cells."""

import io
import re
import zipfile
from datetime import date
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill

from coopwizard.documents.rendus.xlsx_feuille import Feuille, enregistrer

_TEXTE = st.text(st.sampled_from(["a", "é", " ", "\t", "\n", "\r", "&", "<", ">", '"', "'",
                                  "=", "€", "\u00a0", "x"]), max_size=8)
_VALEUR = st.one_of(st.none(), _TEXTE, st.sampled_from(["", "#N/A", "=", "=A1"]), st.integers(-5, 10**12),
                    st.decimals(-10**6, 10**6, places=2, allow_nan=False),
                    st.dates(date(1900, 3, 1), date(2100, 1, 1)))
_STYLE = st.fixed_dictionaries({
    "bold": st.booleans(), "fill": st.booleans(), "wrap": st.booleans(),
    "format": st.sampled_from([None, "@", "DD/MM/YYYY", '#,##0.00\\ [$€-40C]']),
    "quote": st.booleans()})
_CASE = st.tuples(st.integers(1, 30), st.integers(1, 30), _VALEUR, _STYLE)


def _styler(cell, style) -> None:
    if style["bold"]:
        cell.font = Font(bold=True)
    if style["fill"]:
        cell.fill = PatternFill("solid", fgColor="E8E8E8")
    if style["wrap"]:
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    if style["format"]:
        cell.number_format = style["format"]
    if style["quote"]:
        cell.quotePrefix = True


def _parties(data: bytes) -> dict[str, bytes]:
    z = zipfile.ZipFile(io.BytesIO(data))
    parties = {n: z.read(n) for n in z.namelist()}
    parties["docProps/core.xml"] = re.sub(rb"<dcterms:(created|modified)[^<]*</dcterms:\1>", b"",
                                          parties["docProps/core.xml"])
    return parties


def _classeurs(cases, hauteurs):
    """The same cells through openpyxl's worksheet and through Feuille."""
    a, b = Workbook(), Workbook()
    feuille = Feuille(b.active)
    for row, column, value, style in cases:
        cell = a.active.cell(row=row, column=column)
        cell.value = value
        _styler(cell, style)
        case = feuille.case(row, column)
        feuille.ecrire(case, value)
        _styler(case, style)
    for row, hauteur in hauteurs:
        a.active.row_dimensions[row].height = hauteur
        b.active.row_dimensions[row].height = hauteur
    buffer = io.BytesIO()
    a.save(buffer)
    return buffer.getvalue(), enregistrer(b, feuille)


@settings(max_examples=80, deadline=None)
@given(st.lists(_CASE, max_size=25),
       st.lists(st.tuples(st.integers(1, 35), st.sampled_from([15, 30, 45])), max_size=4))
def test_les_cases_ecrites_en_texte_sont_celles_d_openpyxl(cases, hauteurs):
    par_openpyxl, en_texte = _classeurs(cases, hauteurs)
    assert _parties(en_texte) == _parties(par_openpyxl)


def test_une_feuille_vide_et_une_formule():
    vide, vide_texte = _classeurs([], [])
    assert _parties(vide_texte) == _parties(vide)
    formule = [(3, 2, '=IF(B1>0,"a&b","<c>")', {"bold": True, "fill": False, "wrap": False,
                                                "format": None, "quote": False}),
               (1, 1, " bord ", {"bold": False, "fill": False, "wrap": False,
                                 "format": None, "quote": False})]
    a, b = _classeurs(formule, [(2, 30)])
    assert _parties(b) == _parties(a)
    assert b'<f>IF(B1&gt;0,"a&amp;b","&lt;c&gt;")</f>' in _parties(b)["xl/worksheets/sheet1.xml"]
