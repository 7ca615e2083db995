"""A paragraph's runs are written as XML text (docx._lignes through docx_ooxml.runs_en_texte),
not run by run through python-docx (a convention: 3,600 paragraphs): the paragraph must
be exactly what python-docx's add_run, bold/italic/color/size and add_break write."""

from docx import Document as new_document
from docx.shared import Pt, RGBColor
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from coopwizard.documents.rendus.docx import GRIS, ORANGE, _lignes, sur

_TEXTE = st.text(st.sampled_from(["a", "é", " ", "\t", "\n", "\r", "&", "<", ">", '"', "\u00a0",
                                  "€", "⚠", "x", "\x01"]), max_size=12)
_STYLE = st.fixed_dictionaries({}, optional={
    "bold": st.booleans(), "italic": st.booleans(), "color": st.sampled_from([GRIS, ORANGE]),
    "size": st.sampled_from([8, 9.5, 10.5, 12])})


def _par_api(valeur: str, style: dict) -> bytes:
    """The paragraph as the renderer wrote it before, run by run."""
    paragraph = new_document().add_paragraph()
    lines = sur(valeur).split("\n")
    for index, line in enumerate(lines):
        run = paragraph.add_run(line)
        if style.get("bold"):
            run.bold = True
        if style.get("italic"):
            run.italic = True
        if style.get("color") is not None:
            run.font.color.rgb = style["color"]
        if style.get("size") is not None:
            run.font.size = Pt(style["size"])
        if index < len(lines) - 1:
            run.add_break()
    return etree.tostring(paragraph._p)


def _par_texte(valeur: str, style: dict) -> bytes:
    paragraph = new_document().add_paragraph()
    _lignes(paragraph, valeur, **style)
    return etree.tostring(paragraph._p)


@settings(max_examples=200, deadline=None)
@given(_TEXTE, _STYLE)
def test_runs_written_as_text_are_python_docx_runs(valeur, style):
    assert _par_texte(valeur, style) == _par_api(valeur, style)


def test_every_property_in_the_schema_order():
    xml = _par_texte("a\tb\nc ", {"bold": True, "italic": True, "color": RGBColor(1, 2, 3),
                                  "size": 9.5})
    assert b'<w:rPr><w:b/><w:i/><w:color w:val="010203"/><w:sz w:val="19"/></w:rPr>' in xml
    assert xml == _par_api("a\tb\nc ", {"bold": True, "italic": True,
                                         "color": RGBColor(1, 2, 3), "size": 9.5})
