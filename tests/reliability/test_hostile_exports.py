"""The hostile project through every document and every format: no crash, nothing active.

Every text field holds the hostile text (script tags, onerror, javascript:
links, spreadsheet formulas, ANSI escapes, control characters, emoji, RTL...).
"""

from __future__ import annotations

import html
import io
import re
import zipfile
from datetime import date
from html.parser import HTMLParser

import pytest

from coopwizard.documents import DOCUMENTS, render
from tests.formules import formule_de_l_app
from tests.reliability.hostile import HOSTILE, hostile_project

TODAY = date(2026, 6, 1)
ALL_HOSTILE = "\n".join(HOSTILE.values())
CASES = [(nom, fmt) for nom, doc in DOCUMENTS.items() for fmt in doc.formats]
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


FORMULAS = [
    HOSTILE[k] for k in ("formule-egal", "formule-plus", "formule-moins", "formule-arobase")
]


def _cases():
    for nom, fmt in CASES:
        yield pytest.param(nom, fmt, id=f"{nom}-{fmt}")


@pytest.fixture(scope="module")
def documents():
    projet = hostile_project(ALL_HOSTILE, items=2)
    return {nom: DOCUMENTS[nom].build(projet, TODAY) for nom in DOCUMENTS}


@pytest.fixture(scope="module")
def short_documents():
    """One hostile text at a time (short enough for every format's limits)."""
    return {
        key: {nom: DOCUMENTS[nom].build(hostile_project(text), TODAY) for nom in DOCUMENTS}
        for key, text in HOSTILE.items()
    }


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))


def _check_html(out: str) -> None:
    assert "<script" not in out.lower()
    parser = _Tags()
    parser.feed(out)
    for tag, attrs in parser.tags:
        assert tag not in {"script", "img", "iframe", "object", "embed", "svg", "base", "form"}, tag
        for name, value in attrs:
            assert not name.startswith("on"), (tag, name)
            assert not (value or "").strip().lower().startswith("javascript:"), (tag, name, value)
    assert "&lt;script&gt;" in out  # the user's text is there, as text


def _check_markdown(out: str) -> None:
    # Markdown viewers pass raw HTML through: user "<" must be escaped.
    assert not re.search(r"(?<!\\)<(script|img|a )", out, re.IGNORECASE)
    assert not re.search(r"(?<!\\)\]\(javascript:", out, re.IGNORECASE)
    assert "\\<script\\>" in out


def _check_plain(out: str) -> None:
    assert not CONTROL.search(out)  # no ESC, BEL...: nothing a terminal would obey
    assert "<script>" in out  # plain text shows what was typed


def _check_docx(data: bytes, expect_script: bool = True) -> None:
    import docx

    document = docx.Document(io.BytesIO(data))
    text = "\n".join(p.text for p in document.paragraphs)
    text += "\n".join(c.text for t in document.tables for row in t.rows for c in row.cells)
    assert ("<script>" in text) == expect_script
    for rel in document.part.rels.values():
        assert not str(rel.target_ref).lower().startswith("javascript:")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        xml = archive.read("word/document.xml").decode("utf-8")
    assert "<script" not in xml  # escaped as &lt;script
    assert "instrText" not in xml and "fldSimple" not in xml  # no field code (DDE, HYPERLINK)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in archive.namelist():  # the page numbers are the only fields, in the footer
            if name.startswith("word/") and name.endswith(".xml"):
                codes = re.findall(r"<w:instrText[^>]*>(.*?)</w:instrText>",
                                   archive.read(name).decode("utf-8"))
                assert {c.strip() for c in codes} <= {"PAGE", "NUMPAGES"}, (name, codes)


def _check_xlsx(data: bytes, expect_user_formulas: bool = True) -> None:
    import openpyxl

    workbook = openpyxl.load_workbook(io.BytesIO(data))
    user_cells = 0
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    assert formule_de_l_app(str(cell.value)), cell.value  # only the app's own
                elif isinstance(cell.value, str) and cell.value.startswith(("=", "+", "-", "@")):
                    assert cell.data_type == "s"
                    user_cells += 1
                assert cell.hyperlink is None
    if expect_user_formulas:
        assert user_cells > 0  # the formulas typed by the user are there, as text
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/") and name.endswith(".xml"):
                xml = archive.read(name).decode("utf-8")
                for formula in re.findall(r"<f>(.*?)</f>", xml, re.DOTALL):
                    assert formule_de_l_app(html.unescape(formula)), formula


def _check_terminal(doc) -> None:
    from rich.console import Console

    from coopwizard.documents.rendus import terminal

    console = Console(file=io.StringIO(), width=100, force_terminal=True,
                      color_system="truecolor", record=True)
    console.print(terminal.render(doc))
    shown = console.export_text()
    assert "[bold red]rouge[/]" in shown  # markup typed by the user is not interpreted
    raw = console.file.getvalue()
    assert "\x1b]8;;http://evil" not in raw and "\x07" not in raw  # no hyperlink/bell smuggled in
    assert not CONTROL.search(shown)


@pytest.mark.parametrize(("nom", "fmt"), list(_cases()))
def test_hostile_project_exports_safely(documents, nom, fmt):
    _check(documents[nom], fmt, expect_user_formulas=False)


@pytest.mark.parametrize("key", sorted(HOSTILE))
@pytest.mark.parametrize("fmt", ["docx", "xlsx"])
def test_each_hostile_text_in_binary_formats(short_documents, key, fmt):
    # DOCX once per text (the fiche holds every kind of block), XLSX for every table.
    for nom, type_doc in DOCUMENTS.items():
        if fmt in type_doc.formats and (fmt == "xlsx" or nom == "fiche"):
            doc = short_documents[key][nom]
            out = render(doc, fmt)
            if fmt == "xlsx":
                _check_xlsx(out, expect_user_formulas=HOSTILE[key] in FORMULAS)
            else:
                _check_docx(out, expect_script=key == "script")


MISES_A_DISPOSITION = {"convention-materiel": ("materiels", "pret"),
                       "convention-local": ("locaux", "mise_a_disposition_onereuse"),
                       "convention-salarie": ("humains", "mise_a_disposition_onereuse")}


@pytest.mark.parametrize("nom", sorted(MISES_A_DISPOSITION))
def test_hostile_shared_needs_in_the_conventions_de_mise_a_disposition(nom):
    # The needs filled in by the generic project are "still to find": make them lent, so the
    # convention is prefilled with every hostile field of the need and of both parties.
    projet = hostile_project(ALL_HOSTILE, items=2)
    categorie, forme = MISES_A_DISPOSITION[nom]
    for besoin in projet.moyens.besoins:
        besoin.categorie, besoin.forme, besoin.a_trouver = categorie, forme, False
    doc = DOCUMENTS[nom].build(projet, TODAY)
    assert doc.blocs[0].style == "note"  # two needs: two conventions, said first
    for fmt in DOCUMENTS[nom].formats:
        _check(doc, fmt, expect_user_formulas=False)


def _check(doc, fmt, expect_user_formulas):
    out = render(doc, fmt)
    if fmt == "html":
        _check_html(out)
    elif fmt == "markdown":
        _check_markdown(out)
    elif fmt in ("texte", "terminal"):
        _check_plain(out)
        if fmt == "terminal":
            _check_terminal(doc)
    elif fmt == "docx":
        _check_docx(out)
    elif fmt == "xlsx":
        _check_xlsx(out, expect_user_formulas)
    else:
        pytest.fail(f"format {fmt} has no safety check: add one here")


def test_every_document_and_format_is_covered():
    formats = {fmt for _, fmt in CASES}
    assert formats == {"terminal", "texte", "markdown", "html", "docx", "xlsx"}
    assert len(CASES) >= 30


def test_one_megabyte_paste_in_every_format_of_the_convention():
    projet = hostile_project("court")
    projet.resume = ("Un paragraphe <script>x</script> collé. " * 30_000)[:1_000_000]
    doc = DOCUMENTS["convention"].build(projet, TODAY)
    for fmt in DOCUMENTS["convention"].formats:
        out = render(doc, fmt)
        assert len(out) > (30_000 if fmt == "docx" else 1_000_000)
        if fmt == "html":
            assert "<script" not in out
    # The fiche stays a summary: the paste is shortened there, and still escaped.
    projet.conception.constats = projet.resume
    fiche = render(DOCUMENTS["fiche"].build(projet, TODAY), "html")
    assert len(fiche) < 60_000 and "<script" not in fiche


def test_ten_thousand_associations_in_the_text_formats():
    # DOCX is left out here: python-docx needs ~25 s for 10,000 associations (see benchmarks).
    from coopwizard.models import Association
    from tests.reliability.hostile import fill

    association = fill(Association, HOSTILE["script"])
    projet = hostile_project("court")
    projet.associations = [Association.model_validate(association)] * 10_000
    doc = DOCUMENTS["invitation"].build(projet, TODAY)  # each one's address, and a signature
    for fmt in ("terminal", "texte", "markdown", "html"):
        out = render(doc, fmt)
        assert out.count("alert") >= 10_000
        if fmt == "html":
            _check_html(out)


BUDGET = ("budget", "compte-rendu-financier")


@pytest.mark.parametrize("nom", BUDGET)
@pytest.mark.parametrize("fmt", DOCUMENTS["budget"].formats)
def test_hostile_text_on_real_accounts_of_the_budget_grid(nom, fmt):
    # hostile_project's lines are on unknown accounts (their code is hostile too):
    # here the texts sit inside the CERFA grid, the partners' table and the sentences.
    from coopwizard.models import LigneBudget

    projet = hostile_project(ALL_HOSTILE)
    projet.budget.lignes = [
        LigneBudget(compte=code, libelle=texte, association=ALL_HOSTILE, montant="10",
                    realise="5")
        for code, texte in (("60", FORMULAS[0]), ("606", ALL_HOSTILE),
                            ("74-commune", ALL_HOSTILE), ("75", FORMULAS[1]),
                            ("864", ALL_HOSTILE), ("870", FORMULAS[2]))
    ]
    assert nom in DOCUMENTS and fmt in DOCUMENTS[nom].formats
    _check(DOCUMENTS[nom].build(projet, TODAY), fmt, expect_user_formulas=True)
