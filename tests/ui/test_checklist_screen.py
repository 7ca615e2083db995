"""The checklist screen, driven by Pilot: tick (saved to the file), reasons, jump, export."""

from __future__ import annotations

import pytest
from textual.widgets import Input, OptionList, Static

from coopwizard import store
from screens.checklist_screen import ChecklistScreen
from screens.fiche_screen import ExportDialog
from screens.wizard import WizardScreen
from tests.ui.conftest import attendre, enregistrement_termine, fabrique, texte_affiche

SIZE = (110, 32)


@pytest.fixture(autouse=True)
def _jour_fixe(monkeypatch):
    monkeypatch.setenv("COOPWIZARD_AUJOURDHUI", "2026-11-26")


async def _ouvrir_checklist(pilot) -> ChecklistScreen:
    await attendre(pilot, lambda: isinstance(pilot.app.screen, WizardScreen))
    await pilot.press("f7")
    await attendre(pilot, lambda: isinstance(pilot.app.screen, ChecklistScreen))
    return pilot.app.screen


async def _aller_a(pilot, screen: ChecklistScreen, element_id: str) -> None:
    liste = screen.query_one(OptionList)
    liste.highlighted = liste.get_option_index(element_id)
    await pilot.pause()


async def test_tick_an_item_by_hand_is_saved_to_the_file(example_copy):
    app = fabrique(store.load(example_copy), example_copy)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _ouvrir_checklist(pilot)
        avant = screen.resultat.faits
        await _aller_a(pilot, screen, "moyens-prospecter")
        assert screen.element_courant().statut == "a_faire"
        await pilot.press("space")
        await enregistrement_termine(pilot)
        assert screen.resultat.element("moyens-prospecter").statut == "fait"
        assert screen.resultat.faits == avant + 1
        assert "coché à la main" in texte_affiche(screen.query_one("#checklist-explication", Static))
        assert str(avant + 1) in texte_affiche(screen.query_one("#checklist-entete", Static))
    assert "moyens-prospecter" in store.load(example_copy).checklist.coches


async def test_untick_is_saved_too(example_copy):
    projet = store.load(example_copy)
    projet.checklist.coches = ["conception-communication"]
    store.save(projet, example_copy)
    app = fabrique(store.load(example_copy), example_copy)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _ouvrir_checklist(pilot)
        await _aller_a(pilot, screen, "conception-communication")
        assert screen.element_courant().statut == "fait"
        await pilot.press("space")
        await enregistrement_termine(pilot)
    assert store.load(example_copy).checklist.coches == []


async def test_warning_shows_the_guides_reason(example_copy):
    app = fabrique(store.load(example_copy), example_copy)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _ouvrir_checklist(pilot)
        # The example's late task is marked critical: its warning is on this item.
        await _aller_a(pilot, screen, "realisation-critiques")
        explication = texte_affiche(screen.query_one("#checklist-explication", Static))
        assert "⚠" in explication and "critique(s) en retard" in explication
        assert "Pourquoi" in explication and "remettent tout le projet" in explication
        assert "Se règle à l'étape" in explication


async def test_enter_jumps_to_the_question_that_resolves_the_item(example_copy):
    app = fabrique(store.load(example_copy), example_copy)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _ouvrir_checklist(pilot)
        await _aller_a(pilot, screen, "moyens-assurance")
        await pilot.press("enter")
        await attendre(pilot, lambda: isinstance(app.screen, WizardScreen)
                       and app.screen.etape_id == "moyens")
        assert app.screen.etape_id == "moyens"
        assert app.projet.position.champ == "moyens.assurance_verifiee"


async def test_group_headers_cannot_be_ticked(example_copy):
    app = fabrique(store.load(example_copy), example_copy)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _ouvrir_checklist(pilot)
        liste = screen.query_one(OptionList)
        assert liste.get_option_at_index(0).disabled
        assert liste.highlighted == 1  # the cursor starts on the first item, not a header
        assert screen.element_courant().id == "projet-nom"


async def test_export_from_the_checklist(example_copy, tmp_path):
    app = fabrique(store.load(example_copy), example_copy)
    async with app.run_test(size=SIZE) as pilot:
        await _ouvrir_checklist(pilot)
        await pilot.press("e")
        await attendre(pilot, lambda: isinstance(app.screen, ExportDialog))
        champ = app.screen.query_one("#export-chemin", Input)
        assert champ.value == str(tmp_path / "repas-de-quartier-checklist.md")
        champ.value = str(tmp_path / "liste.html")
        await pilot.press("enter")
        await attendre(pilot, lambda: isinstance(app.screen, ChecklistScreen))
    page = (tmp_path / "liste.html").read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "Checklist du projet" in page


def test_checklist_snapshot(snap_compare, example_copy, monkeypatch):
    monkeypatch.setenv("COOPWIZARD_AUJOURDHUI", "2026-11-26")
    app = fabrique(store.load(example_copy), example_copy)

    async def ouvrir(pilot):
        await _ouvrir_checklist(pilot)
        screen = pilot.app.screen
        await _aller_a(pilot, screen, "realisation-suivi")

    assert snap_compare(app, terminal_size=SIZE, run_before=ouvrir)


async def test_r_shows_only_what_is_left(example_copy):
    app = fabrique(store.load(example_copy), example_copy)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _ouvrir_checklist(pilot)
        liste = screen.query_one(OptionList)
        await pilot.press("r")
        ids = [liste.get_option_at_index(i).id for i in range(liste.option_count)]
        elements = [i for i in ids if not i.startswith("groupe:")]
        attendus = [e.id for e in screen.resultat.elements if e.statut != "fait"]
        assert elements == attendus and "projet-nom" not in ids
        assert "groupe:projet" not in ids  # a group with nothing left disappears
        assert screen.element_courant().statut != "fait"
        await pilot.press("r")
        assert liste.option_count == len(screen.resultat.elements) + len(screen.resultat.groupes)
