"""Documents: builders fill the guide's templates; every renderer is safe with hostile text."""

from __future__ import annotations

import io
import re
import typing
from datetime import date
from decimal import Decimal
from html.parser import HTMLParser

import docx
import openpyxl
import pytest
from pydantic import BaseModel
from rich.console import Console

from coopwizard.documents import DOCUMENTS, produire, render
from coopwizard.documents.arbre import (
    Champ,
    Coche,
    Document,
    Liste,
    Paragraphe,
    Tableau,
    Titre,
)
from coopwizard.documents.rendus import terminal
from coopwizard.models import Projet
from coopwizard.models.paths import list_item_model
from coopwizard.paths import example_project_file
from coopwizard.store import load
from tests.formules import formule_de_l_app

TODAY = date(2026, 11, 26)
HOSTILE = (
    '<script>alert("x")</script> <img src=x onerror=alert(1)> '
    "<a href=\"javascript:alert('y')\">clic</a> [bold]gras[/bold] | *étoile* & \"guillemets\""
)


def _fill(model: type[BaseModel], text: str) -> dict:
    """Every text field of `model` (and of its records) set to `text`."""
    data = {}
    for name, info in model.model_fields.items():
        annotation = info.annotation
        item = list_item_model(annotation)
        if item is not None:
            data[name] = [_fill(item, text)]
        elif isinstance(annotation, type) and issubclass(annotation, BaseModel):
            data[name] = _fill(annotation, text)
        elif annotation is str or typing.get_origin(annotation) is typing.Annotated and \
                typing.get_args(annotation)[0] is str:
            data[name] = text
    return data


@pytest.fixture(scope="module")
def hostile() -> Projet:
    data = _fill(Projet, HOSTILE)
    data.pop("checklist", None)
    data.pop("position", None)
    data["budget"]["lignes"] = [
        {"compte": "60", "libelle": HOSTILE, "montant": "10", "association": HOSTILE},
        {"compte": "74", "libelle": "=HYPERLINK(\"http://x\",\"y\")", "montant": "10"},
    ]
    data["taches"] = [{"intitule": HOSTILE, "responsable": "=1+2", "statut": "en_cours",
                       "echeance": "2026-01-01"}]
    return Projet.model_validate(data)


@pytest.fixture(scope="module")
def exemple() -> Projet:
    return load(example_project_file())


class _Audit(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str | None]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs += attrs

    def handle_data(self, data):
        self.text.append(data)


@pytest.mark.parametrize("nom", list(DOCUMENTS))
def test_html_escapes_hostile_text_in_every_field(hostile, nom):
    page = produire(nom, "html", hostile, TODAY)
    audit = _Audit()
    audit.feed(page)
    assert "script" not in audit.tags and "img" not in audit.tags and "a" not in audit.tags
    names = {name for name, _ in audit.attrs}
    assert not any(name.startswith("on") for name in names)
    assert not names & {"href", "src", "action", "formaction"}
    assert all("javascript:" not in (value or "") for _, value in audit.attrs)
    # The user's text is there, shown as text.
    assert "&lt;script&gt;" in page
    assert any("<script>" in chunk for chunk in audit.text)


def test_html_is_a_self_contained_a4_page(exemple):
    page = produire("fiche", "html", exemple, TODAY)
    assert page.startswith("<!DOCTYPE html>") and '<html lang="fr">' in page
    assert "@page { size: A4" in page
    assert "http" not in page.split("<body>")[0]  # no external stylesheet or font


@pytest.mark.parametrize("nom", list(DOCUMENTS))
def test_markdown_neutralises_markup(hostile, nom):
    text = produire(nom, "markdown", hostile, TODAY)
    # Only our own line breaks in table cells are raw HTML; every "<" typed is escaped.
    assert not re.search(r"(?<!\\)<(?!br>)", text)
    assert "\\<script\\>" in text
    assert not re.search(r"(?<!\\)\[bold", text)


def test_terminal_shows_markup_as_typed(hostile):
    console = Console(record=True, width=200, color_system=None)
    console.print(terminal.render(DOCUMENTS["fiche"].build(hostile, TODAY)))
    assert "[bold]gras[/bold]" in console.export_text()


# --- Fiche projet -------------------------------------------------------------------------


def test_fiche_shows_gaps_as_a_completer():
    doc = DOCUMENTS["fiche"].build(Projet(), TODAY)
    champs = [b for b in doc.blocs if isinstance(b, Champ)]
    assert champs and all(not b.valeur for b in champs)
    text = render(doc, "texte")
    assert text.count("à compléter") >= len(champs)


def test_fiche_has_every_section_of_the_template(exemple):
    text = produire("fiche", "texte", exemple, TODAY)
    for label in (
        "Associations", "Nom du projet", "Contexte du projet", "Objectifs du projet",
        "Public(s) cible(s)", "Autre(s) bénéficiaire(s)", "Moyens humains", "Moyens matériels",
        "Partenaires opérationnels", "Autres partenaires", "Activités et calendrier",
        "Effets sur le public", "Effets sur le partenariat", "Indicateurs quantitatifs",
        "Indicateurs qualitatifs", "Budget prévisionnel",
    ):
        assert label in text, label
    assert text.splitlines()[0] == "Fiche synthétique de présentation du projet"
    text = " ".join(text.replace("\u00a0", " ").split())  # wrapped at 80 columns
    for association in exemple.associations:  # each once, no header repeating them
        assert text.count(association.nom) == 1 + text.count(f"— {association.nom}")
    assert "Quelle réponse apporter" not in text and "Quel but" not in text  # no guide prompt


def test_every_document_renders_in_every_format(exemple):
    for nom, spec in DOCUMENTS.items():
        for fmt in spec.formats:
            out = produire(nom, fmt, exemple, TODAY)
            assert out, (nom, fmt)


def test_empty_project_renders_everywhere():
    for nom, spec in DOCUMENTS.items():
        for fmt in spec.formats:
            assert produire(nom, fmt, Projet(), TODAY)


# --- DOCX -------------------------------------------------------------------------------


def _docx_text(data: bytes) -> tuple[list[str], docx.document.Document]:
    document = docx.Document(io.BytesIO(data))
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines += [cell.text for cell in row.cells]
    return lines, document


def test_docx_reads_back_with_associations_on_top_headings_and_tables(exemple):
    lines, document = _docx_text(produire("planning", "docx", exemple, TODAY))
    noms = [a.nom for a in exemple.associations]
    assert lines[: len(noms)] == noms
    lines, document = _docx_text(produire("fiche", "docx", exemple, TODAY))
    assert not any(p.text for p in document.sections[0].header.paragraphs)  # said once
    assert lines[2] == "Associations"
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")
                or p.style.name == "Title"]
    assert "Fiche synthétique de présentation du projet" in headings
    assert "Contexte du projet" in headings
    assert len(document.tables) == 1  # the planning by phase, not task by task
    assert [c.text for c in document.tables[0].rows[0].cells][:2] == ["Étape", "Tâches"]
    assert "Programmation du projet" in lines and "4 tâches" in lines
    assert not any("Rédiger la fiche projet" in line for line in lines)
    section = document.sections[0]
    assert round(section.page_width.mm) == 210 and round(section.page_height.mm) == 297


def test_docx_survives_every_control_character():
    nasty = "".join(chr(c) for c in range(32)) + "\x7f\x85\ufffe\ud800 fin"
    doc = Document(
        titre="Titre" + nasty, sous_titre=nasty, en_tete=(nasty,),
        blocs=(Titre(nasty), Paragraphe(nasty), Champ(nasty, nasty), Liste((nasty,), nasty),
               Tableau((nasty,), ((nasty,),)), Coche("alerte", nasty, nasty, (nasty,))),
        pied=nasty,
    )
    lines, _ = _docx_text(render(doc, "docx"))
    assert any(line.endswith(" fin") for line in lines)


def test_docx_with_a_very_long_project_name():
    p = Projet(nom="Très long nom " * 100)
    lines, document = _docx_text(produire("fiche", "docx", p, TODAY))
    assert p.nom.strip() in lines
    assert len(document.core_properties.subject) == 255


def test_checklist_docx_has_marks(exemple):
    lines, _ = _docx_text(produire("checklist", "docx", exemple, TODAY))
    assert any(line.startswith("✔ ") for line in lines)
    assert any(line.startswith("⚠ ") for line in lines)


# --- XLSX -------------------------------------------------------------------------------


def _sheet(data: bytes):
    return openpyxl.load_workbook(io.BytesIO(data)).active


def test_xlsx_budget_totals_are_formulas(exemple):
    ws = _sheet(produire("budget", "xlsx", exemple, TODAY))
    formulas = [c for row in ws.iter_rows() for c in row if c.data_type == "f"]
    assert formulas and all(formule_de_l_app(str(c.value)) for c in formulas)
    # The first subtotal (60 – Achats) sums exactly the rubriques under it.
    first = formulas[0]
    assert ws.cell(first.row, first.column - 1).value == "60 – Achats"
    rng = first.value[len("=SUM("):-1]
    total = sum(Decimal(str(c.value)) for (c,) in ws[rng] if c.value is not None)
    assert total == Decimal("630.50")
    amounts = [c for row in ws.iter_rows() for c in row if isinstance(c.value, (int, float))]
    assert amounts and all("€" in c.number_format for c in amounts)


@pytest.mark.parametrize("nom", ["planning", "budget", "evaluation"])
def test_xlsx_hostile_text_stays_text(nom):
    starts = ["=1+2", "+SUM(A1:A2)", "-3+4", "@cmd", '=HYPERLINK("http://x","y")', "#N/A"]
    p = Projet.model_validate({
        "taches": [{"intitule": s, "responsable": s} for s in starts],
        "budget": {"lignes": [{"compte": "60", "libelle": s, "montant": "1"} for s in starts]},
        "evaluation": {"indicateurs": [{"indicateur": s, "cible": s} for s in starts]},
        "nom": "=cmd|' /C calc'!A0",
    })
    ws = _sheet(produire(nom, "xlsx", p, TODAY))
    cells = [c for row in ws.iter_rows() for c in row if c.value is not None]
    hostile = [c for c in cells if isinstance(c.value, str) and c.value in starts + [p.nom]]
    assert len(hostile) >= len(starts)
    for cell in hostile:
        assert cell.data_type == "s", cell.coordinate
    formulas = [c.value for c in cells if c.data_type == "f"]
    assert all(formule_de_l_app(f) for f in formulas)
    if nom == "budget":
        assert formulas


def test_xlsx_dates_are_dates(exemple):
    ws = _sheet(produire("planning", "xlsx", exemple, TODAY))
    dates = [c for row in ws.iter_rows() for c in row if c.is_date]
    assert dates and all(c.number_format == "DD/MM/YYYY" for c in dates)
