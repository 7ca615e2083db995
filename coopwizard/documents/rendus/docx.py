"""Word (DOCX) through python-docx: A4, headings, tables, the associations on top.

python-docx is imported here only, so only a DOCX export pays for it.
Every string goes through `sur`: XML 1.0 refuses control characters.
"""

from __future__ import annotations

import io
import re

from docx import Document as new_document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.table import _Cell
from docx.shared import Mm, Pt, RGBColor

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
from coopwizard.documents.libelles import section
from coopwizard.documents.rendus.docx_ooxml import (
    garder_entiere,
    langue_et_police,
    numeros_de_page,
    paragraphes_en_fin,
    police_symboles,
    proprietes,
    rangees,
    rpr,
    runs_en_texte,
    section_paysage,
)
from coopwizard.documents.valeurs import A_COMPLETER, ESPACES_SECABLES, texte
from coopwizard.text import normalise_text

# What normalise_text keeps but XML still refuses (none today: belt and braces).
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
MARQUES = {"fait": "✔", "a_faire": "☐", "alerte": "⚠"}
GRIS = RGBColor(0x55, 0x55, 0x55)
ORANGE = RGBColor(0x8A, 0x4B, 0x00)


def sur(value: object) -> str:
    return _XML_ILLEGAL.sub("", normalise_text(str(value)))


def _lignes(paragraph, value: str, **style) -> None:
    """Multi-line text as line breaks inside one paragraph; the runs written as XML text,
    what python-docx's add_run, _style and add_break write (a convention: 3,600 of them)."""
    runs_en_texte(paragraph, sur(value).split("\n"), rpr(**style))


def _style(run, bold=False, italic=False, color=None, size=None) -> None:
    # Only touch what is set: each property adds XML to the run (slow on long tables).
    if bold:
        run.bold = True
    if italic:
        run.italic = True
    if color is not None:
        run.font.color.rgb = color
    if size is not None:
        run.font.size = Pt(size)


def _valeur(doc, value: str) -> None:
    paragraph = doc.add_paragraph()
    paragraph.paragraph_format.left_indent = Mm(5)
    if value.strip():
        _lignes(paragraph, value.strip())
    else:
        _lignes(paragraph, A_COMPLETER, italic=True, color=ORANGE)


MARGE_MM = 18
LARGEUR_UTILE_MM = 210 - 2 * MARGE_MM  # an A4 page's width between the margins
LARGEUR_PAYSAGE_MM = 297 - 2 * MARGE_MM
COLONNES_PORTRAIT = 6
"""A table with more columns goes on a landscape page (the evaluation's 8, the month grid)."""


def _largeurs(colonnes: int, rows, largeur_mm: float = LARGEUR_UTILE_MM) -> list[Mm]:
    """Columns as wide as their content needs (a task's title gets more room than a date)."""
    poids = [6] * colonnes
    for row in rows[:200]:  # the first rows tell enough, and long plannings stay fast
        for index, value in enumerate(row):
            mots = ESPACES_SECABLES.split(texte(value))  # "1 100,00 €" is one word
            longest = max((len(word) for word in mots), default=0)
            # A word (a date, an amount) cannot wrap: give it room to spare.
            poids[index] = max(poids[index], min(len(texte(value)), 30), longest * 2 + 1)
    total = sum(poids)
    return [Mm(largeur_mm * p / total) for p in poids]


def _large(bloc) -> bool:
    return isinstance(bloc, Tableau) and len(bloc.entetes) > COLONNES_PORTRAIT and bool(bloc.lignes)


def _tableau(doc, bloc: Tableau, deja_en_paysage: bool = False, premier: bool = False) -> None:
    large = _large(bloc)
    if large and not deja_en_paysage:
        section_paysage(doc, True, nouvelle=not premier)
    if bloc.titre:
        titre = doc.add_paragraph()
        titre.paragraph_format.keep_with_next = True
        _lignes(titre, bloc.titre, bold=True)
    if not bloc.lignes:
        _lignes(doc.add_paragraph(), bloc.vide, italic=True, color=GRIS)
        return
    contenu = [(r, False) for r in bloc.lignes] + [(r, True) for r in bloc.totaux]
    table = doc.add_table(rows=0, cols=len(bloc.entetes))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    largeurs = _largeurs(len(bloc.entetes), [bloc.entetes, *(row for row, _ in contenu)],
                         LARGEUR_PAYSAGE_MM if large else LARGEUR_UTILE_MM)
    for column, width in zip(table.columns, largeurs):
        column.width = width
    # Word reads the width of each cell, not of the column; the rows go in as XML text.
    lignes = [([(sur(h).split("\n"), True, False) for h in bloc.entetes], True)]
    for i, (row, bold) in enumerate(contenu):
        lignes.append(([(sur(texte(value)).split("\n"), bold or (i, j) in bloc.fortes,
                         value is not None and not isinstance(value, str))
                        for j, value in enumerate(row)], False))
    rangees(table, lignes, [w.twips for w in largeurs])
    doc.add_paragraph()
    if large:
        section_paysage(doc, False)


class _Styles:
    """Paragraphs in a named style, its id looked up once: python-docx searches every
    style by name on each paragraph (half the time of a short document)."""

    def __init__(self, doc) -> None:
        self.doc = doc
        self.ids: dict[str, str] = {}

    def paragraphe(self, nom: str):
        if nom not in self.ids:
            self.ids[nom] = self.doc.styles[nom].style_id
        paragraph = self.doc.add_paragraph()
        paragraph._p.get_or_add_pPr().get_or_add_pStyle().val = self.ids[nom]
        return paragraph


def _signatures(doc, bloc: Signatures) -> None:
    """Side by side, two per row; a row never split across pages (room to sign)."""
    par_rangee = 2 if bloc.a_signer else max(len(bloc.noms), 1)
    rangees = max((len(bloc.noms) + par_rangee - 1) // par_rangee, 1)
    table = doc.add_table(rows=rangees, cols=par_rangee)
    # A row's own cells: `row.cells` walks the whole table each time (200 partners: 2 s).
    cellules = [_Cell(tc, table) for row in table.rows for tc in row._tr.tc_lst]
    for index, nom in enumerate(bloc.noms):
        cell = cellules[index]
        _lignes(cell.paragraphs[0], nom, bold=True)
        for ligne in bloc.lignes[index] if index < len(bloc.lignes) else ():
            _lignes(cell.add_paragraph(), ligne)
        for _ in range(4 if bloc.a_signer else 2):
            cell.add_paragraph()
    for row in table.rows:
        garder_entiere(row)


def render(doc_tree: Document) -> bytes:
    doc = new_document()
    paragraphes_en_fin(doc)
    section_ = doc.sections[0]
    section_.page_width, section_.page_height = Mm(210), Mm(297)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section_, side, Mm(MARGE_MM))
    doc.styles["Normal"].font.size = Pt(10.5)
    doc.styles["Normal"].paragraph_format.space_after = Pt(4)  # the template's 10 pt is airy
    doc.styles["Normal"].paragraph_format.line_spacing = 1.1
    doc.styles["Title"].font.size = Pt(20)  # the template's 26 pt takes two lines on A4
    # The template's 24 pt above a heading and 10 pt under a bullet spread a fiche over a page
    # more; tighter, it keeps to the guide's "one or two pages".
    doc.styles["Heading 1"].paragraph_format.space_before = Pt(12)
    doc.styles["Heading 2"].paragraph_format.space_before = Pt(8)
    doc.styles["List Bullet"].paragraph_format.space_after = Pt(1)
    langue_et_police(doc)
    # Word's properties hold at most 255 characters (python-docx raises beyond).
    proprietes(doc, sur(doc_tree.titre), sur(doc_tree.sous_titre),
               sur(doc_tree.auteur or "coopwizard"))
    numeros_de_page(section_, section("commun")["page"])
    if doc_tree.en_tete:
        # The associations' names: on top of the first page and in every page header.
        header = section_.header.paragraphs[0]
        _lignes(header, " — ".join(doc_tree.en_tete), size=8, color=GRIS)
        for nom in doc_tree.en_tete:  # « Name — address ; phone »: the name stands out
            nom_seul, tiret, details = nom.partition(" — ")
            paragraph = doc.add_paragraph()
            paragraph.paragraph_format.space_after = Pt(2)
            _lignes(paragraph, nom_seul, bold=True)
            if tiret:
                _lignes(paragraph, tiret + details, size=9.5)
    styles = _Styles(doc)
    styles.paragraphe("Title").add_run(sur(doc_tree.titre))
    if doc_tree.sous_titre:
        _lignes(doc.add_paragraph(), doc_tree.sous_titre, bold=True, size=12)
    raison = section("checklist")["raison"]
    blocs = doc_tree.blocs
    for index, bloc in enumerate(blocs):
        suivant = blocs[index + 1] if index + 1 < len(blocs) else None
        # A heading goes to the landscape page with its wide table, not left behind.
        titre_de_tableau_large = isinstance(bloc, Titre) and _large(suivant)
        if titre_de_tableau_large:
            section_paysage(doc, True, nouvelle=index > 0)  # first: the whole first page
        if isinstance(bloc, Titre):
            heading = styles.paragraphe(f"Heading {min(bloc.niveau, 8)}")
            heading.add_run(sur(bloc.texte))
            heading.paragraph_format.keep_with_next = True
            heading.paragraph_format.page_break_before = bloc.nouvelle_page
        elif isinstance(bloc, Paragraphe):
            style = {"note": {"italic": True, "color": GRIS},
                     "alerte": {"bold": True, "color": ORANGE}}.get(bloc.style, {})
            paragraph = doc.add_paragraph()
            if bloc.style == "alerte":
                police_symboles(paragraph.add_run("⚠ "))
            _lignes(paragraph, bloc.texte, **style)
        elif isinstance(bloc, Champ):
            paragraph = doc.add_paragraph()
            paragraph.paragraph_format.space_after = Pt(0)
            paragraph.paragraph_format.keep_with_next = True
            _lignes(paragraph, bloc.libelle, bold=True)
            if bloc.aide:
                _lignes(paragraph, f" — {bloc.aide}", italic=True, color=GRIS)
            _valeur(doc, bloc.valeur)
        elif isinstance(bloc, Liste):
            if bloc.libelle:
                paragraph = doc.add_paragraph()
                paragraph.paragraph_format.keep_with_next = bool(bloc.elements)
                _lignes(paragraph, bloc.libelle, bold=True)
                if not bloc.elements:
                    _valeur(doc, "")
            for element in bloc.elements:
                _lignes(styles.paragraphe("List Bullet"), element)
        elif isinstance(bloc, Tableau):
            precedent = blocs[index - 1] if index else None
            _tableau(doc, bloc, deja_en_paysage=isinstance(precedent, Titre) and _large(bloc),
                     premier=index == 0)
        elif isinstance(bloc, Coche):
            paragraph = doc.add_paragraph()
            paragraph.paragraph_format.space_after = Pt(2)
            marque = paragraph.add_run(MARQUES[bloc.statut] + " ")
            _style(marque, bold=True, color=ORANGE if bloc.statut == "alerte" else None)
            police_symboles(marque)
            _lignes(paragraph, bloc.libelle)
            for alerte in bloc.alertes:
                note = doc.add_paragraph()
                note.paragraph_format.left_indent = Mm(8)
                _lignes(note, alerte, bold=True, color=ORANGE, size=9.5)
            if bloc.raison:
                note = doc.add_paragraph()
                note.paragraph_format.left_indent = Mm(8)
                _lignes(note, f"{raison}\u00a0: {bloc.raison}", italic=True, color=GRIS, size=9.5)
        elif isinstance(bloc, Signatures):
            _signatures(doc, bloc)
    if doc_tree.pied:
        _lignes(doc.add_paragraph(), doc_tree.pied, italic=True, color=GRIS, size=8)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()
