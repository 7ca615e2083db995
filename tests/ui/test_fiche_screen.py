"""The document preview and the export dialog, driven by Pilot."""

from __future__ import annotations

import docx
import pytest
from textual.widgets import Input, Static

from coopwizard import store
from screens.fiche_screen import ExportDialog, FicheScreen
from screens.wizard import WizardScreen
from tests.ui.conftest import attendre, fabrique, texte_affiche

SIZE = (110, 32)


@pytest.fixture(autouse=True)
def _jour_fixe(monkeypatch):
    monkeypatch.setenv("COOPWIZARD_AUJOURDHUI", "2026-11-26")


async def _ouvrir_apercu(pilot) -> FicheScreen:
    await attendre(pilot, lambda: isinstance(pilot.app.screen, WizardScreen))
    await pilot.press("f8")
    await attendre(pilot, lambda: isinstance(pilot.app.screen, FicheScreen))
    screen = pilot.app.screen
    await attendre(pilot, lambda: screen.pret == screen.nom)
    return screen


async def test_preview_shows_the_fiche_as_printed(example_copy):
    app = fabrique(store.load(example_copy), example_copy)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _ouvrir_apercu(pilot)
        texte = texte_affiche(screen.query_one("#apercu", Static))
        assert "Fiche synthétique de présentation du projet" in texte
        assert texte.lstrip().startswith("Fiche synthétique de présentation du projet")
        nom = "Les Jardins partagés des Lilas"  # listed once (and as who brings a need)
        assert texte.count(nom) == 1 + texte.count(f"— {nom}")
        assert "Public(s) cible(s)" in texte and "Indicateurs quantitatifs" in texte
        assert "Avancement" in texte and "30/09/2026" in texte  # the planning by phase


async def test_preview_follows_the_answers_and_shows_gaps(example_copy):
    projet = store.load(example_copy)
    projet.conception.territoire = ""
    app = fabrique(projet, example_copy)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _ouvrir_apercu(pilot)
        assert "à compléter" in texte_affiche(screen.query_one("#apercu", Static))
        await pilot.press("escape")
        await attendre(pilot, lambda: isinstance(app.screen, WizardScreen))
        app.projet.nom = "Grand pique-nique"
        screen = await _ouvrir_apercu(pilot)
        assert "Grand pique-nique" in texte_affiche(screen.query_one("#apercu", Static))


async def test_d_cycles_through_the_documents(example_copy):
    app = fabrique(store.load(example_copy), example_copy)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _ouvrir_apercu(pilot)
        await pilot.press("d")
        assert screen.nom == "planning"
        await attendre(pilot, lambda: screen.pret == "planning")
        assert "Planning du projet" in texte_affiche(screen.query_one("#apercu", Static))
        await pilot.press("d")
        await attendre(pilot, lambda: screen.pret == "budget")
        assert "Budget prévisionnel" in texte_affiche(screen.query_one("#apercu", Static))


async def test_export_the_fiche_to_docx(example_copy, tmp_path):
    app = fabrique(store.load(example_copy), example_copy)
    async with app.run_test(size=SIZE) as pilot:
        await _ouvrir_apercu(pilot)
        await pilot.press("e")
        await attendre(pilot, lambda: isinstance(app.screen, ExportDialog))
        assert app.screen.query_one("#export-chemin", Input).value == str(tmp_path / "repas-de-quartier-fiche.docx")
        await pilot.press("enter")
        await attendre(pilot, lambda: isinstance(app.screen, FicheScreen))
    document = docx.Document(str(tmp_path / "repas-de-quartier-fiche.docx"))
    assert document.paragraphs[0].text == "Fiche synthétique de présentation du projet"


async def test_export_refuses_an_unknown_extension_and_a_missing_folder(example_copy, tmp_path):
    app = fabrique(store.load(example_copy), example_copy)
    async with app.run_test(size=SIZE) as pilot:
        await _ouvrir_apercu(pilot)
        await pilot.press("e")
        await attendre(pilot, lambda: isinstance(app.screen, ExportDialog))
        dialog = app.screen
        champ = dialog.query_one("#export-chemin", Input)
        message = dialog.query_one("#export-message", Static)

        champ.value = str(tmp_path / "fiche.pdf")
        await pilot.press("enter")
        assert isinstance(app.screen, ExportDialog)
        assert ".docx" in texte_affiche(message)

        champ.value = str(tmp_path / "absent" / "fiche.md")
        await pilot.press("enter")
        assert isinstance(app.screen, ExportDialog)
        assert "Impossible d'écrire" in texte_affiche(message)
        assert not (tmp_path / "absent").exists()

        avant = example_copy.read_bytes()
        champ.value = str(example_copy)
        await pilot.press("enter")
        assert isinstance(app.screen, ExportDialog)
        assert "fichier du projet" in texte_affiche(message)
        assert example_copy.read_bytes() == avant

        await pilot.press("escape")
        await attendre(pilot, lambda: isinstance(app.screen, FicheScreen))


async def test_export_asks_before_replacing_a_file(example_copy, tmp_path):
    existant = tmp_path / "fiche.md"
    existant.write_text("à garder", encoding="utf-8")
    app = fabrique(store.load(example_copy), example_copy)
    async with app.run_test(size=SIZE) as pilot:
        await _ouvrir_apercu(pilot)
        await pilot.press("e")
        await attendre(pilot, lambda: isinstance(app.screen, ExportDialog))
        app.screen.query_one("#export-chemin", Input).value = str(existant)
        await pilot.press("enter")
        assert isinstance(app.screen, ExportDialog)
        assert existant.read_text(encoding="utf-8") == "à garder"
        await pilot.press("enter")
        await attendre(pilot, lambda: isinstance(app.screen, FicheScreen))
    assert existant.read_text(encoding="utf-8").startswith("# Fiche synthétique")


def test_fiche_preview_snapshot(snap_compare, example_copy):
    app = fabrique(store.load(example_copy), example_copy)

    async def ouvrir(pilot):
        await _ouvrir_apercu(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=ouvrir)


async def test_a_wide_table_at_80_columns_is_shown_one_block_per_row(example_copy):
    """At 80×24 the évaluation's seven columns would be cut at the edge: each indicator is a
    block (« Outil : Comptage à l'entrée »), the page never wider than the screen."""
    app = fabrique(store.load(example_copy), example_copy)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _ouvrir_apercu(pilot)
        while screen.nom != "evaluation":
            screen.action_document_suivant()
        assert await attendre(pilot, lambda: screen.pret == "evaluation")
        apercu = screen.query_one("#apercu", Static)
        texte = texte_affiche(apercu)
        assert "Outil\u00a0: Comptage à l'entrée" in texte
        assert "Outil\u00a0: Questionnaire de satisfaction" in texte
        assert apercu.styles.width is not None and apercu.styles.width.value <= 80
        assert max(len(ligne.rstrip()) for ligne in texte.splitlines()) <= 76
