"""Word tables' rows are written as XML text (docx_ooxml.rangees), not cell by cell
through python-docx (25 s for a 2,000-task planning): the XML must be exactly what
python-docx's own API writes for the same cells."""

from decimal import Decimal

from docx import Document as new_document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from coopwizard.documents.rendus.docx import _lignes
from coopwizard.documents.rendus.docx_ooxml import garder_entiere, rangees
from coopwizard.documents.valeurs import texte

_TEXTE = st.text(st.sampled_from(["a", "é", " ", "\t", "\n", "\r", "&", "<", ">", '"', "\u00a0",
                                  "€", "x"]), max_size=8)
_VALEUR = st.one_of(st.none(), _TEXTE, st.integers(-5, 500),
                    st.decimals(-1000, 1000, places=2, allow_nan=False))


def _par_api(entetes, lignes, fortes, largeurs):
    """The rows as the renderer wrote them before, through python-docx's cell API."""
    doc = new_document()
    table = doc.add_table(rows=1 + len(lignes), cols=len(entetes))
    for row in table.rows:
        garder_entiere(row)
        for cell, largeur in zip(row.cells, largeurs):
            cell.width = largeur
    table.rows[0]._tr.get_or_add_trPr().append(etree.Element(qn("w:tblHeader")))
    for cell, entete in zip(table.rows[0].cells, entetes):
        _lignes(cell.paragraphs[0], entete, bold=True)
    for i, (rangee, row) in enumerate(zip(table.rows[1:], lignes)):
        for j, (cell, value) in enumerate(zip(rangee.cells, row)):
            paragraph = cell.paragraphs[0]
            _lignes(paragraph, texte(value), bold=(i, j) in fortes)
            if value is not None and not isinstance(value, str):
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    return [etree.tostring(tr) for tr in table._tbl.tr_lst]


def _par_texte(entetes, lignes, fortes, largeurs):
    from coopwizard.documents.rendus.docx import sur

    doc = new_document()
    table = doc.add_table(rows=0, cols=len(entetes))
    spec = [([(sur(h).split("\n"), True, False) for h in entetes], True)]
    for i, row in enumerate(lignes):
        spec.append(([(sur(texte(v)).split("\n"), (i, j) in fortes,
                       v is not None and not isinstance(v, str)) for j, v in enumerate(row)],
                     False))
    rangees(table, spec, [w.twips for w in largeurs])
    return [etree.tostring(tr) for tr in table._tbl.tr_lst]


@settings(max_examples=150, deadline=None)
@given(st.integers(1, 4).flatmap(lambda n: st.tuples(
    st.lists(_TEXTE, min_size=n, max_size=n),
    st.lists(st.lists(_VALEUR, min_size=n, max_size=n), max_size=4),
    st.sets(st.tuples(st.integers(0, 3), st.integers(0, 3))))))
def test_rows_written_as_text_are_python_docx_rows(cas):
    entetes, lignes, fortes = cas
    largeurs = [Mm(20 + 7 * k) for k in range(len(entetes))]
    assert _par_texte(entetes, lignes, fortes, largeurs) == \
        _par_api(entetes, lignes, fortes, largeurs)


def test_an_amount_is_right_aligned_and_bold_cells_stay_bold():
    rows = _par_texte(["Poste", "Montant"], [["Salle", Decimal("12.5")]], {(0, 0)},
                      [Mm(40), Mm(30)])
    assert b'<w:jc w:val="right"/>' in rows[1] and b"<w:b/>" in rows[1]
    assert b"<w:tblHeader/>" in rows[0] and b"<w:tblHeader/>" not in rows[1]
