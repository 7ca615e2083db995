"""A volunteer at 80×24, keyboard only (issue 13): Tab leads forward, Enter in a form goes
to the next field, yes/no reads in text, problems show in the row and the form, nothing
stale, and every record table and form as a snapshot at 80×24.

Update the snapshots with `--snapshot-update`, then look at them.
"""

from __future__ import annotations

import shutil
from datetime import date

import pytest
from textual.widgets import Button, DataTable, Input, Select, Static

from coopwizard import store
from coopwizard.models import Besoin, LigneBudget, Position, Projet, Tache
from coopwizard.paths import example_project_file
from screens.cases import CaseOuiNon
from screens.editors.base import RecordEditor
from screens.editors.form import RecordForm
from screens.editors.tableau import Tableau
from tests.ui.conftest import attendre, fabrique, sans_clignotement, texte_affiche

TAILLE = (80, 24)

# editor kind -> (step, field of the question that holds it)
EDITEURS = {
    "associations": ("projet", "associations"),
    "membres": ("collectif", "collectif.membres"),
    "reunions": ("collectif", "reunions"),
    "taches": ("programmation", "taches"),
    "budget": ("programmation", "budget.lignes"),
    "indicateurs": ("evaluation", "evaluation.indicateurs"),
    "besoins": ("moyens", "moyens.besoins"),
}


def exemple(tmp_path, etape: str = "", champ: str = ""):
    chemin = tmp_path / "repas-de-quartier.toml"
    shutil.copy(example_project_file(), chemin)
    projet = store.load(chemin)
    if etape:
        projet.position = Position(etape=etape, champ=champ)
        store.save(projet, chemin)
    return fabrique(store.load(chemin), chemin)


def ouvert(app) -> bool:
    """A record form is on screen, its fields mounted and read."""
    return isinstance(app.screen, RecordForm) and app.screen._depart is not None


async def pret(pilot) -> None:
    """The step and its deferred parts are drawn, the opening toasts are gone."""
    await attendre(pilot, lambda: pilot.app.wizard is not None
                   and pilot.app.wizard.query("Footer"))
    pilot.app.clear_notifications()
    await sans_clignotement(pilot)


# --- snapshots ------------------------------------------------------------------


@pytest.mark.parametrize("kind", EDITEURS)
def test_record_table_at_80x24(snap_compare, tmp_path, kind):
    etape, champ = EDITEURS[kind]
    app = exemple(tmp_path, etape, champ)
    assert snap_compare(app, terminal_size=TAILLE, run_before=pret)


@pytest.mark.parametrize("kind", EDITEURS)
def test_record_form_at_80x24(snap_compare, tmp_path, kind):
    etape, champ = EDITEURS[kind]
    app = exemple(tmp_path, etape, champ)

    async def ouvrir(pilot):
        await pret(pilot)
        editeur = pilot.app.wizard.query_one(f"#editeur-{kind}", RecordEditor)
        editeur.table.focus()
        editeur.action_modifier()
        await attendre(pilot, lambda: ouvert(pilot.app))
        await sans_clignotement(pilot)

    assert snap_compare(app, terminal_size=TAILLE, run_before=ouvrir)


def test_exercice_form_at_80x24(snap_compare, tmp_path):
    app = exemple(tmp_path, "programmation", "budget.lignes")

    async def ouvrir(pilot):
        await pret(pilot)
        pilot.app.wizard.query_one("#editeur-budget", RecordEditor).action_exercice()
        await attendre(pilot, lambda: ouvert(pilot.app))
        await sans_clignotement(pilot)

    assert snap_compare(app, terminal_size=TAILLE, run_before=ouvrir)


@pytest.mark.parametrize("taille", [(80, 24), (100, 30)])
def test_sidebar_reads_whole(snap_compare, tmp_path, taille):
    app = exemple(tmp_path, "evaluation", "")
    assert snap_compare(app, terminal_size=taille, run_before=pret)


@pytest.mark.parametrize("document", ["fiche", "evaluation"])
def test_preview_at_80x24(snap_compare, tmp_path, document):
    app = exemple(tmp_path)

    async def ouvrir(pilot):
        await pret(pilot)
        await pilot.press("f8")
        ecran = pilot.app.screen
        while ecran.nom != document:
            ecran.action_document_suivant()
        await attendre(pilot, lambda: ecran.pret == document)
        await pilot.pause()

    assert snap_compare(app, terminal_size=TAILLE, run_before=ouvrir)


# --- behaviour ------------------------------------------------------------------


@pytest.mark.parametrize("largeur", [80, 100])
async def test_the_sidebar_labels_are_never_cut(tmp_path, largeur):
    app = exemple(tmp_path, "programmation", "")
    async with app.run_test(size=(largeur, 24)) as pilot:
        await pret(pilot)
        labels = []
        noeuds = [app.wizard.query_one("#sommaire").root]
        while noeuds:
            noeud = noeuds.pop()
            noeuds.extend(noeud.children)
            labels.append(str(noeud.label))
        assert not any("…" in label for label in labels), labels
        assert any(label.startswith("Bien s'organiser") for label in labels)
        assert any(label.startswith("▶ Programmation") for label in labels)


async def test_tab_from_the_last_question_reaches_next_step_then_previous(tmp_path):
    chemin = tmp_path / "projet.toml"
    store.save(Projet(position=Position(etape="envie")), chemin)
    app = fabrique(store.load(chemin), chemin)
    async with app.run_test(size=TAILLE) as pilot:
        await pret(pilot)
        vue = app.wizard.vue()
        await vue.completer()
        dernier = vue.blocs()[-1]
        dernier.focus_input()
        await pilot.pause()
        # out of the last question (a list of choices takes Tab as a whole)
        await pilot.press("tab")
        focused = app.focused
        assert isinstance(focused, Button) and focused.has_class("suivante"), focused
        await pilot.press("tab")
        assert app.focused.has_class("precedente")
        await pilot.press("shift+tab")
        await pilot.press("enter")
        assert await attendre(pilot, lambda: app.wizard.etape_id == "connaissance")


async def test_enter_in_a_form_goes_to_the_next_field_and_saves_nothing(tmp_path):
    app = exemple(tmp_path, "programmation", "taches")
    async with app.run_test(size=TAILLE) as pilot:
        await pret(pilot)
        editeur = app.wizard.query_one("#editeur-taches", RecordEditor)
        avant = len(app.projet.taches)
        editeur.table.focus()
        await pilot.press("a")
        assert await attendre(pilot, lambda: ouvert(app))
        form = app.screen
        form.query_one("#champ-intitule", Input).focus()
        await pilot.press(*"Louer la sono", "enter")
        qui = form.query_one("#champ-responsable", Input)
        assert await attendre(pilot, lambda: app.focused is qui)
        await pilot.press(*"Karim", "enter")
        debut = form.query_one("#champ-debut", Input)
        assert await attendre(pilot, lambda: app.focused is debut)
        assert isinstance(app.screen, RecordForm) and len(app.projet.taches) == avant
        assert "Entrée ou Tab : champ suivant" in texte_affiche(form.query_one("#touches"))
        # Enter after the last one-line field reaches the buttons, never a save
        form.query_one("#champ-echeance", Input).focus()
        await pilot.press("enter")
        assert await attendre(pilot, lambda: isinstance(app.focused, Select))  # the status
        await pilot.press("ctrl+s")
        assert await attendre(pilot, lambda: not isinstance(app.screen, RecordForm))
        assert app.projet.taches[-1].intitule == "Louer la sono"
        assert app.projet.taches[-1].responsable == "Karim"


async def test_a_yes_no_box_says_its_state_in_text(tmp_path):
    projet = Projet(moyens={"besoins": [Besoin(description="Sono", a_trouver=False)]})
    chemin = tmp_path / "projet.toml"
    projet.position = Position(etape="moyens", champ="moyens.besoins")
    store.save(projet, chemin)
    app = fabrique(store.load(chemin), chemin)
    async with app.run_test(size=TAILLE) as pilot:
        await pret(pilot)
        editeur = app.wizard.query_one("#editeur-besoins", RecordEditor)
        editeur.table.focus()
        editeur.action_modifier()
        assert await attendre(pilot, lambda: ouvert(app))
        case = app.screen.query_one("#champ-a_trouver", CaseOuiNon)
        assert str(case.label) == "☐ Non"
        assert "Oui" not in str(case.render())
        case.focus()
        await pilot.press("space")
        assert str(case.label) == "☑ Oui" and case.value is True
        await pilot.press("ctrl+s")
        assert await attendre(pilot, lambda: not isinstance(app.screen, RecordForm))
        assert app.projet.moyens.besoins[0].a_trouver is True
        assert "⚠ oui" in str(editeur.table.get_row_at(0))


async def test_budget_header_shows_the_exercice_dates_once_saved(tmp_path):
    chemin = tmp_path / "projet.toml"
    store.save(Projet(position=Position(etape="programmation", champ="budget.lignes")), chemin)
    app = fabrique(store.load(chemin), chemin)
    async with app.run_test(size=TAILLE) as pilot:
        await pret(pilot)
        editeur = app.wizard.query_one("#editeur-budget", RecordEditor)
        resume = editeur.query_one("#resume", Static)
        assert "début à préciser" in texte_affiche(resume)
        editeur.table.focus()
        await pilot.press("d")
        assert await attendre(pilot, lambda: ouvert(app))
        app.screen.query_one("#champ-exercice_debut", Input).value = "01/01/2027"
        app.screen.query_one("#champ-exercice_fin", Input).value = "31/12/2027"
        await pilot.press("ctrl+s")
        assert await attendre(pilot, lambda: not isinstance(app.screen, RecordForm))
        assert await attendre(pilot, lambda: "du 01/01/2027 au 31/12/2027"
                              in texte_affiche(resume))


async def test_a_task_ending_before_it_starts_is_said_in_the_form_and_the_row(tmp_path):
    projet = Projet(date_debut=date(2026, 9, 1), date_fin=date(2027, 6, 30), taches=[
        Tache(intitule="Affiche", debut=date(2026, 10, 1), echeance=date(2026, 10, 15))])
    projet.position = Position(etape="programmation", champ="taches")
    chemin = tmp_path / "projet.toml"
    store.save(projet, chemin)
    app = fabrique(store.load(chemin), chemin)
    async with app.run_test(size=TAILLE) as pilot:
        await pret(pilot)
        editeur = app.wizard.query_one("#editeur-taches", RecordEditor)
        detail = editeur.query_one("#detail", Static)
        assert "⚠" not in texte_affiche(detail)
        editeur.table.focus()
        editeur.action_modifier()
        assert await attendre(pilot, lambda: ouvert(app))
        form = app.screen
        diag = form.query_one("#diag-echeance", Static)
        form.query_one("#champ-echeance", Input).value = "15/09/2026"
        await pilot.pause()
        assert "l'échéance (15/09/2026) est avant le début (01/10/2026)" in texte_affiche(diag)
        form.query_one("#champ-echeance", Input).value = "15/08/2027"
        await pilot.pause()
        assert "après la fin du projet (30/06/2027)" in texte_affiche(diag)
        form.query_one("#champ-echeance", Input).value = "15/10/2026"
        await pilot.pause()
        assert not diag.display  # fixed: the message goes at once
        form.query_one("#champ-echeance", Input).value = "15/09/2026"
        await pilot.press("ctrl+s")  # flagged, never refused
        assert await attendre(pilot, lambda: not isinstance(app.screen, RecordForm))
        assert "avant le début (01/10/2026)" in texte_affiche(detail)
        assert "15/09/26" in str(editeur.table.get_row_at(0))


async def test_a_budget_line_without_account_is_pointed_out(tmp_path):
    projet = Projet(budget={"lignes": [LigneBudget(libelle="Sono", montant="120")]})
    projet.position = Position(etape="programmation", champ="budget.lignes")
    chemin = tmp_path / "projet.toml"
    store.save(projet, chemin)
    app = fabrique(store.load(chemin), chemin)
    async with app.run_test(size=TAILLE) as pilot:
        await pret(pilot)
        editeur = app.wizard.query_one("#editeur-budget", RecordEditor)
        assert "à choisir" in str(editeur.table.get_row_at(0)[0])
        assert "choisissez le compte" in texte_affiche(editeur.query_one("#detail", Static))
        editeur.table.focus()
        editeur.action_modifier()
        assert await attendre(pilot, lambda: ouvert(app))
        diag = app.screen.query_one("#diag-compte", Static)
        assert "choisissez le compte" in texte_affiche(diag)
        app.screen.query_one("#champ-compte", Select).value = "60"
        await pilot.pause()
        assert not diag.display


async def test_left_right_scroll_the_table_by_a_column(tmp_path):
    app = exemple(tmp_path, "projet", "associations")
    async with app.run_test(size=TAILLE) as pilot:
        await pret(pilot)
        table = app.wizard.query_one("#editeur-associations #table", Tableau)
        table.focus()
        await pilot.pause()
        assert table.max_scroll_x > 0  # the contact details are to the right
        debuts, x = [], 0
        for colonne in table.ordered_columns:
            debuts.append(x)
            x += colonne.get_render_width(table)
        await pilot.press("right")
        await pilot.pause()
        assert table.scroll_x == min(debuts[1], table.max_scroll_x)
        await pilot.press("right")
        await pilot.pause()
        assert table.scroll_x == min(debuts[2], table.max_scroll_x)
        await pilot.press("left", "left")
        await pilot.pause()
        assert table.scroll_x == 0
        assert isinstance(table, DataTable) and table.cursor_row == 0  # rows untouched
