"""What python-docx has no API for, written as WordprocessingML: the document's
language, page numbers (PAGE / NUMPAGES fields), table header rows repeated on
each page, rows never split, landscape sections, a font for ✔ ☐ ⚠; and a long
table's rows, written as text and parsed once (python-docx's cell by cell API took
25 s for the 2,000 tasks of a big planning)."""

from __future__ import annotations

from datetime import datetime, timezone
from xml.sax.saxutils import escape

from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Pt, RGBColor

LANGUE = "fr-FR"
POLICE = "Liberation Sans"
"""Metric-compatible with Arial, installed with LibreOffice; Word falls back to Arial."""
POLICE_SYMBOLES = "DejaVu Sans"
"""Has ✔ ☐ ☑ ⚠ (Liberation Sans has not); Word substitutes Segoe UI Symbol if missing."""


def _sous(parent, tag: str):
    element = parent.find(qn(tag))
    if element is None:
        element = OxmlElement(tag)
        parent.append(element)
    return element


def langue_et_police(doc) -> None:
    """fr-FR for spell-checking and hyphenation, on the defaults every style inherits."""
    styles = doc.styles.element
    rpr_default = _sous(_sous(styles, "w:docDefaults"), "w:rPrDefault")
    rpr = _sous(rpr_default, "w:rPr")
    lang = _sous(rpr, "w:lang")
    for attribut in ("w:val", "w:eastAsia", "w:bidi"):
        lang.set(qn(attribut), LANGUE)
    fonts = _sous(rpr, "w:rFonts")
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:cstheme"):  # a theme font wins otherwise
        fonts.attrib.pop(qn(theme), None)
    for attribut in ("w:ascii", "w:hAnsi", "w:cs"):
        fonts.set(qn(attribut), POLICE)
    for style in doc.styles:
        if style.type == 1 and style.element.rPr is not None:  # paragraph styles
            style_lang = style.element.rPr.find(qn("w:lang"))
            if style_lang is not None:
                style_lang.set(qn("w:val"), LANGUE)
    settings = doc.settings.element
    theme = _sous(settings, "w:themeFontLang")
    theme.set(qn("w:val"), LANGUE)


def police_symboles(run) -> None:
    run.font.name = POLICE_SYMBOLES
    rpr = run._r.get_or_add_rPr()
    fonts = _sous(rpr, "w:rFonts")
    for attribut in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attribut), POLICE_SYMBOLES)


def proprietes(doc, titre: str, sujet: str, auteur: str) -> None:
    props = doc.core_properties
    maintenant = datetime.now(timezone.utc).replace(microsecond=0, tzinfo=None)
    props.title, props.subject = titre[:255], sujet[:255]
    props.author = props.last_modified_by = auteur[:255]
    props.language = LANGUE
    props.created = props.modified = maintenant
    props.revision = 1
    props.comments = props.keywords = ""
    props.category = ""


def _champ(paragraph, code: str, taille: float, couleur) -> None:
    """A Word field (PAGE, NUMPAGES) with a placeholder that Word and LibreOffice update."""
    def run_avec(element):
        run = paragraph.add_run()
        run.font.size = Pt(taille)
        run.font.color.rgb = couleur
        run._r.append(element)
        return run

    debut = OxmlElement("w:fldChar")
    debut.set(qn("w:fldCharType"), "begin")
    run_avec(debut)
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {code} "
    run_avec(instr)
    separe = OxmlElement("w:fldChar")
    separe.set(qn("w:fldCharType"), "separate")
    run_avec(separe)
    texte = paragraph.add_run("1")
    texte.font.size = Pt(taille)
    texte.font.color.rgb = couleur
    fin = OxmlElement("w:fldChar")
    fin.set(qn("w:fldCharType"), "end")
    run_avec(fin)


def numeros_de_page(section, gabarit: str, taille: float = 8,
                    couleur: RGBColor = RGBColor(0x55, 0x55, 0x55)) -> None:
    """« page {page} sur {pages} » centred in the footer, as fields."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    paragraph = section.footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    avant, _, reste = gabarit.partition("{page}")
    milieu, _, apres = reste.partition("{pages}")
    for morceau, code in ((avant, "PAGE"), (milieu, "NUMPAGES"), (apres, None)):
        if morceau:
            run = paragraph.add_run(morceau)
            run.font.size = Pt(taille)
            run.font.color.rgb = couleur
        if code:
            _champ(paragraph, code, taille, couleur)


def garder_entiere(row) -> None:
    """The row is not split across two pages."""
    _sous(row._tr.get_or_add_trPr(), "w:cantSplit")


def section_paysage(doc, paysage: bool, nouvelle: bool = True) -> None:
    """Start a new section, landscape or portrait, with the same margins and footer
    (`nouvelle=False`: turn the current one, when nothing but the title is on it yet)."""
    precedente = doc.sections[-1]
    section = doc.add_section(WD_SECTION.NEW_PAGE) if nouvelle else precedente
    largeur, hauteur = sorted((precedente.page_width, precedente.page_height))
    section.orientation = WD_ORIENT.LANDSCAPE if paysage else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (hauteur, largeur) if paysage else (largeur, hauteur)


def rpr(bold=False, italic=False, color=None, size=None) -> str:
    """The run properties `docx._style` sets, in the order of WordprocessingML's schema
    (b, i, color, sz), as python-docx writes them."""
    proprietes = ("<w:b/>" if bold else "") + ("<w:i/>" if italic else "")
    if color is not None:
        proprietes += f'<w:color w:val="{color}"/>'
    if size is not None:
        proprietes += f'<w:sz w:val="{int(Pt(size).pt * 2)}"/>'
    return f"<w:rPr>{proprietes}</w:rPr>" if proprietes else ""


def runs_en_texte(paragraph, lignes: list[str], rpr_: str) -> None:
    """Append the runs of `_runs` to a paragraph, parsed once."""
    p = paragraph._p
    for r in list(parse_xml(f"<w:p {nsdecls('w')}>{_runs(lignes, rpr_)}</w:p>")):
        p.append(r)


def _runs(lignes: list[str], gras) -> str:
    """What `paragraph.add_run(ligne)` then `run.bold = True` and `run.add_break()` write
    for each line: tabs as <w:tab/>, a line's ends kept when it has spaces there.
    `gras`: True for bold, or the run properties as text (`rpr`)."""
    rpr = "<w:rPr><w:b/></w:rPr>" if gras is True else gras or ""
    morceaux = []
    for index, ligne in enumerate(lignes):
        if index == len(lignes) - 1 and ligne and ligne.strip() == ligne \
                and "\t" not in ligne and "\r" not in ligne:  # most cells: one plain line
            morceaux.append(f"<w:r>{rpr}<w:t>{escape(ligne)}</w:t></w:r>")
            continue
        contenu = []
        for k, bout in enumerate(ligne.replace("\r", "\n").split("\n")):
            if k:
                contenu.append("<w:br/>")
            for t, texte in enumerate(bout.split("\t")):
                if t:
                    contenu.append("<w:tab/>")
                if texte:
                    espace = ' xml:space="preserve"' if len(texte.strip()) < len(texte) else ""
                    contenu.append(f"<w:t{espace}>{escape(texte)}</w:t>")
        if index < len(lignes) - 1:
            contenu.append("<w:br/>")
        corps = "".join(contenu)
        morceaux.append(f"<w:r>{rpr}{corps}</w:r>" if rpr or corps else "<w:r/>")
    return "".join(morceaux)


def rangees(table, rangees_: list[tuple[list[tuple[list[str], bool, bool]], bool]],
            largeurs_twips: list[int]) -> None:
    """Append rows to a python-docx table, as `table.add_row()` and `_lignes` would
    (same XML): each row is (cells, header), each cell (lines, bold, right-aligned).
    Every row is kept whole on a page; a header row is repeated on each page."""
    xml = [f"<w:tbl {nsdecls('w')}>"]
    for cellules, entete in rangees_:
        xml.append("<w:tr><w:trPr><w:cantSplit/>" + ("<w:tblHeader/>" if entete else "")
                   + "</w:trPr>")
        for (lignes, gras, droite), largeur in zip(cellules, largeurs_twips):
            jc = '<w:pPr><w:jc w:val="right"/></w:pPr>' if droite else ""
            xml.append(f'<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="{largeur}"/></w:tcPr>'
                       f"<w:p>{jc}{_runs(lignes, gras)}</w:p></w:tc>")
        xml.append("</w:tr>")
    xml.append("</w:tbl>")
    tbl = table._tbl
    for tr in list(parse_xml("".join(xml))):
        tbl.append(tr)


def paragraphes_en_fin(doc) -> None:
    """`doc.add_paragraph` without its search: python-docx looks for the body's last
    `w:sectPr` among all the body's children for each new paragraph (quadratic: a
    convention of 3,600 paragraphs). That element stays the same one for the whole
    document (add_section keeps it as the sentinel), so it is found once here."""
    from docx.text.paragraph import Paragraph

    corps, fin = doc._body, doc.element.body.get_or_add_sectPr()

    def add_paragraph(text: str = "", style=None) -> Paragraph:
        p = OxmlElement("w:p")
        fin.addprevious(p)
        paragraph = Paragraph(p, corps)
        if text:
            paragraph.add_run(text)
        if style is not None:
            paragraph.style = style
        return paragraph

    doc.add_paragraph = add_paragraph
