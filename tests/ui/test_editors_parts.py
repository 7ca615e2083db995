"""What each editor adds to the table: budget totals, late tasks, group warnings,
inline checks, planned against measured, means still to find."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from textual.widgets import Button, DataTable, Input, Select, Static, TextArea

from coopwizard import store
from coopwizard.models import (
    Association,
    Besoin,
    Collectif,
    Indicateur,
    LigneBudget,
    Membre,
    Projet,
    Tache,
)
from coopwizard.budget import format_euros
from screens.editors.form import RecordForm
from screens.editors.mensuel import PlanningMensuel
from screens.editors.sous_liste import SousListe
from tests.ui.editors_harness import EditorApp, sync
from tests.ui.test_editors import SIZE, texte


def EUR(montant: str) -> str:  # noqa: N802 (reads as the amount it writes)
    return format_euros(Decimal(montant))


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    monkeypatch.setenv("COOPWIZARD_AUJOURDHUI", "2026-03-15")


def rows(app) -> list[str]:
    table = app.query_one("#table", DataTable)
    return [" | ".join(str(c) for c in table.get_row_at(i)) for i in range(table.row_count)]


@sync
async def test_budget_live_totals_and_balance(tmp_path):
    path = tmp_path / "p.toml"
    projet = Projet(budget={"lignes": [LigneBudget(compte="74-region", montant="1000")]})
    app = EditorApp("budget", projet, path)
    async with app.run_test(size=SIZE) as pilot:
        assert f"il manque {EUR('1000')} de charges" in texte(app.query_one("#resume", Static))
        await pilot.press("a")
        form = app.screen
        form.query_one("#champ-compte", Select).value = "6061"
        form.query_one("#champ-montant", Input).focus()
        for key in "999,9":
            await pilot.press(key)
        await pilot.pause()
        apercu = texte(form.query_one("#apercu", Static))
        assert EUR("999.90") in apercu and f"il manque {EUR('0.10')} de charges" in apercu
        await pilot.press("backspace", "9", "9")  # "999,99" then the extra cent
        form.query_one("#champ-montant", Input).value = "1 000,00"
        await pilot.pause()
        assert "Budget équilibré" in texte(form.query_one("#apercu", Static))
        # Not a number: the form says so and stays open, nothing is added.
        form.query_one("#champ-montant", Input).value = "mille"
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, RecordForm)
        assert "montant" in texte(form.query_one("#erreurs", Static)).lower()
        assert len(projet.budget.lignes) == 1
        form.query_one("#champ-montant", Input).value = "1 000,00"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert projet.budget.lignes[1].montant == Decimal("1000.00")
        assert "Budget équilibré" in texte(app.query_one("#resume", Static))
        # Grouped by account: the charge (60) comes before the subsidy (74).
        assert rows(app)[0].startswith(" 6061")  # a sub-line of account 60, indented
        assert store.load(path).budget.lignes[1].montant == Decimal("1000.00")


async def attendre_texte(pilot, app, selecteur: str, attendu: str) -> bool:
    for _ in range(200):
        if attendu in texte(app.query_one(selecteur, Static)):
            return True
        await pilot.pause(0.02)
    return False


@sync
async def test_budget_line_gets_its_realise_amount(tmp_path):
    # Évaluation finale: the amount actually received goes beside the planned one.
    path = tmp_path / "p.toml"
    projet = Projet(budget={"lignes": [LigneBudget(compte="74-commune", montant="700")]})
    app = EditorApp("budget", projet, path)
    async with app.run_test(size=SIZE) as pilot:
        assert "Réalisé" not in texte(app.query_one("#resume", Static))
        await pilot.press("enter")
        form = app.screen
        assert isinstance(form, RecordForm)
        form.query_one("#champ-realise", Input).value = "600,5"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert projet.budget.lignes[0].realise == Decimal("600.5")
        assert projet.budget.lignes[0].montant == Decimal("700")
        # No column for it at 80×24: the selected line's detail says it.
        assert await attendre_texte(pilot, app, "#detail", f"réalisé {EUR('600.50')}")
        assert f"Réalisé\u00a0: charges {EUR('0')} · produits {EUR('600.50')}" in texte(
            app.query_one("#resume", Static))
        assert store.load(path).budget.lignes[0].realise == Decimal("600.50")


@sync
async def test_budget_exercice_dates():
    projet = Projet()
    app = EditorApp("budget", projet)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("d")
        app.screen.query_one("#champ-exercice_debut", Input).value = "01/09/2026"
        app.screen.query_one("#champ-exercice_fin", Input).value = "31/08/2027"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert projet.budget.exercice_fin == date(2027, 8, 31)
        assert "du 01/09/2026 au 31/08/2027" in texte(app.query_one("#resume", Static))
        assert app.changes == ["budget"]


def taches_exemple() -> list[Tache]:
    return [
        Tache(etape="conception", intitule="Rédiger la fiche projet", responsable="Luc, Sophie",
              debut="05/01/2026", echeance="27/02/2026", statut="fait"),
        Tache(etape="collectif", intitule="Constituer le comité", responsable="Sophie",
              debut="01/02/2026", echeance="10/03/2026"),
        Tache(etape="programmation", intitule="Demander la salle", responsable="Roland",
              debut="01/03/2026", echeance="30/04/2026", statut="en_cours"),
        Tache(etape="realisation", intitule="Repas de quartier", responsable="Associations X et Y",
              debut="20/06/2026", echeance="20/06/2026"),
        Tache(etape="evaluation", intitule="Réunion de bilan", responsable="Roland, Sophie",
              debut="01/07/2026", echeance="31/07/2026"),
    ]  # fmt: skip


@sync
async def test_late_tasks_flagged_and_mis_a_jour(tmp_path):
    projet = Projet(taches=taches_exemple())
    app = EditorApp("taches", projet, tmp_path / "p.toml")
    async with app.run_test(size=SIZE) as pilot:
        lignes = rows(app)
        assert "⚠ retard" in lignes[1] and "retard" not in lignes[0]
        assert "1 en retard" in texte(app.query_one("#resume", Static))
        await pilot.press("down", "e")
        app.screen.query_one("#champ-statut", Select).value = "fait"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "retard" not in rows(app)[1]
        assert projet.programmation.planning_mis_a_jour_le == date(2026, 3, 15)
        assert app.changes == ["taches", "programmation.planning_mis_a_jour_le"]
        resume = texte(app.query_one("#resume", Static))
        assert "Mis à jour le 15/03/2026" in resume and "en retard" not in resume


@sync
async def test_month_view_toggles_and_follows_changes():
    projet = Projet(taches=taches_exemple())
    app = EditorApp("taches", projet)
    async with app.run_test(size=SIZE) as pilot:
        mensuel = app.query_one(PlanningMensuel)
        assert not mensuel.display
        await pilot.press("v")
        assert mensuel.display and not app.query_one("#table").display
        assert mensuel.row_count == 10  # 5 steps + 5 tasks
        assert len(mensuel.columns) == 2 + 7  # janvier to juillet
        await pilot.press("a")
        app.screen.query_one("#champ-intitule", Input).value = "Sans date"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert mensuel.row_count == 12  # + "Sans étape" and its task
        await pilot.press("v")
        assert app.query_one("#table").display and not mensuel.display


@sync
async def test_taches_editor_mounts_2000_tasks():
    taches = [
        Tache(etape="realisation", intitule=f"Tâche {i}", debut=date(2026, 1 + i % 12, 1),
              echeance=date(2026, 1 + i % 12, 28), statut="fait" if i % 3 else "a_faire")
        for i in range(2000)
    ]  # fmt: skip
    projet = Projet(taches=taches)
    app = EditorApp("taches", projet)
    async with app.run_test(size=SIZE) as pilot:
        assert app.query_one("#table", DataTable).row_count == 2000
        await pilot.press("end", "v")
        assert app.query_one(PlanningMensuel).row_count == 2001
        await pilot.press("v", "delete", "o")
        await pilot.pause()
        assert len(projet.taches) == 1999


@sync
async def test_group_size_and_coordinator_warnings():
    membres = [Membre(nom=f"Membre {i}", association="X") for i in range(11)]
    projet = Projet(collectif=Collectif(membres=membres))
    app = EditorApp("membres", projet)
    async with app.run_test(size=SIZE) as pilot:
        alertes = texte(app.query_one("#alertes", Static))
        assert "11 membres" in alertes and "8 à 10" in alertes
        assert "coordonner" in alertes
        await pilot.press("down", "c")
        await pilot.pause()
        assert projet.collectif.coordinateur == "Membre 1"
        assert "★" in rows(app)[1]
        assert "coordonner" not in texte(app.query_one("#alertes", Static))
        assert app.changes == ["collectif.coordinateur"]
        await pilot.press("delete", "o")
        await pilot.pause()
        assert "8 à 10" not in texte(app.query_one("#alertes", Static))


@sync
async def test_association_checks_flag_but_never_refuse():
    projet = Projet(associations=[Association(nom="A", siret="12345678901234")])
    app = EditorApp("associations", projet)
    async with app.run_test(size=SIZE) as pilot:
        assert "⚠" in rows(app)[0]
        assert "SIRET" in texte(app.query_one("#alertes", Static))
        await pilot.press("e")
        form = app.screen
        diag = form.query_one("#diag-siret", Static)
        assert diag.display and "contrôle" in texte(diag)
        form.query_one("#champ-siret", Input).value = "732 829 320 00074"
        form.query_one("#champ-courriel", Input).value = "contact@"
        await pilot.pause()
        assert not diag.display
        assert "courriel" in texte(form.query_one("#diag-courriel", Static))
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert projet.associations[0].courriel == "contact@"  # kept as typed
        assert "Courriel" in texte(app.query_one("#alertes", Static))


@sync
async def test_indicators_planned_against_measured():
    projet = Projet(
        evaluation={
            "indicateurs": [
                Indicateur(indicateur="Convives", cible="100", valeur_mesuree="120"),
                Indicateur(indicateur="Bénévoles", cible="20", valeur_mesuree="12"),
                Indicateur(indicateur="Satisfaction", cible="Bonne"),
                Indicateur(indicateur="Sans cible"),
            ]
        }
    )
    app = EditorApp("indicateurs", projet)
    async with app.run_test(size=SIZE):
        lignes = rows(app)
        assert "| atteint |" in lignes[0] and "non atteint" in lignes[1]
        assert "à mesurer" in lignes[2]
        assert "2 mesuré(s)" in texte(app.query_one("#resume", Static))
        assert "cible" in texte(app.query_one("#alertes", Static))


@sync
async def test_besoins_still_to_find():
    projet = Projet(
        moyens={
            "besoins": [
                Besoin(categorie="locaux", description="Salle", apporte_par="Mairie",
                       forme="mise_a_disposition_gratuite"),
                Besoin(description="Sono", a_trouver=True, piste="Centre social"),
                Besoin(description="Tables", a_trouver=True),
            ]
        }
    )  # fmt: skip
    app = EditorApp("besoins", projet)
    async with app.run_test(size=SIZE):
        assert "Mise à disposition gratuite" in rows(app)[0]
        resume = texte(app.query_one("#resume", Static))
        assert "1 besoin(s) couvert(s) · 2 encore à trouver" in resume
        assert "Sono : Centre social" in resume
        assert "auprès de qui" in texte(app.query_one("#alertes", Static))


def test_month_view_snapshot(snap_compare):
    projet = Projet(taches=taches_exemple())

    async def show_month_view(pilot):
        await pilot.press("v")
        await pilot.pause()

    app = EditorApp("taches", projet)
    assert snap_compare(app, terminal_size=(110, 20), run_before=show_month_view)


@sync
async def test_edit_and_delete_from_the_month_view():
    projet = Projet(taches=taches_exemple())
    app = EditorApp("taches", projet)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("v")
        mensuel = app.query_one(PlanningMensuel)
        await pilot.press("enter")  # on a step row: nothing to edit
        assert not isinstance(app.screen, RecordForm)
        await pilot.press("down", "down", "down", "enter")  # "Constituer le comité"
        assert isinstance(app.screen, RecordForm)
        app.screen.query_one("#champ-echeance", Input).value = "30/04/2026"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert projet.taches[1].echeance == date(2026, 4, 30)
        assert mensuel.display and mensuel.cursor_row == 3
        await pilot.press("delete", "o")
        await pilot.pause()
        assert [t.intitule for t in projet.taches][1] == "Demander la salle"
        assert app.query_one("#table", DataTable).row_count == 4


@sync
async def test_form_explains_a_bad_date_in_french():
    projet = Projet()
    app = EditorApp("reunions", projet)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a")
        form = app.screen
        form.query_one("#champ-date", Input).value = "31/02/2026"
        # Each decision in its own small form, field by field (no « a | b | c » line).
        for point, decision, responsable in (("Salle", "On réserve la salle", "Roland"),
                                             ("Affiche", "Ahmed la dessine", "")):
            form.query_one("#sous-ajouter", Button).press()
            await pilot.pause()
            sous_formulaire = app.screen
            assert isinstance(sous_formulaire, RecordForm) and sous_formulaire is not form
            sous_formulaire.query_one("#champ-point", Input).value = point
            sous_formulaire.query_one("#champ-decision", TextArea).text = decision
            sous_formulaire.query_one("#champ-responsable", Input).value = responsable
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert app.screen is form
        assert form.query_one("#champ-decisions", SousListe).table.row_count == 2
        await pilot.press("ctrl+s")
        assert "jj/mm/aaaa" in texte(form.query_one("#erreurs", Static))
        form.query_one("#champ-date", Input).value = "12/03/2026"
        await pilot.press("ctrl+s")
        await pilot.pause()
        (reunion,) = projet.reunions
        assert reunion.date == date(2026, 3, 12)
        assert [(d.point, d.decision, d.responsable) for d in reunion.decisions] == [
            ("Salle", "On réserve la salle", "Roland"),
            ("Affiche", "Ahmed la dessine", ""),
        ]
        assert "2" in rows(app)[0]


def test_budget_editor_snapshot(snap_compare):
    lignes = [
        LigneBudget(compte="74-commune", libelle="Subvention", montant="800", association="X"),
        LigneBudget(compte="6061", libelle="Électricité", montant="120,50", association="Y"),
        LigneBudget(compte="613", libelle="Sono", montant="680", association="X"),
        LigneBudget(compte="864", libelle="Bénévoles", montant="300"),
        LigneBudget(compte="870", libelle="Bénévolat", montant="300", association="X"),
    ]
    projet = Projet(budget={"lignes": lignes, "exercice_debut": "01/01/2026"})
    assert snap_compare(EditorApp("budget", projet), terminal_size=(110, 20))


@sync
async def test_editing_a_decision_keeps_its_id_and_the_others():
    projet = Projet.model_validate({"reunions": [{"date": "2026-03-12", "decisions": [
        {"point": "Salle", "decision": "On cherche"}, {"point": "Affiche"}]}]})
    ids = [d.id for d in projet.reunions[0].decisions]
    app = EditorApp("reunions", projet)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e")
        await pilot.pause()
        form = app.screen
        sous = form.query_one("#champ-decisions", SousListe)
        sous.table.focus()
        await pilot.press("enter")  # the first decision, in its own form
        await pilot.pause()
        assert app.screen is not form
        app.screen.query_one("#champ-decision", TextArea).text = "Salle réservée"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form and form.modifie()
        await pilot.press("ctrl+s")
        await pilot.pause()
        decisions = projet.reunions[0].decisions
        assert [d.id for d in decisions] == ids
        assert [(d.point, d.decision) for d in decisions] == [("Salle", "Salle réservée"),
                                                              ("Affiche", "")]


def test_a_recovered_draft_of_decisions_loses_nothing():
    from coopwizard.models import Decision
    from screens.editors.form import _sous_records

    # A draft saved by this version: one dict per decision, ids kept.
    (d,) = _sous_records(Decision, [{"point": "Salle", "id": "abcdefgh"}, "pas un dict"])
    assert (d.point, d.id) == ("Salle", "abcdefgh")
    # A draft from before (one « a | b | c » line each) is kept whole, one item per line.
    anciens = _sous_records(Decision, "Salle | On réserve | Roland\n\nAffiche")
    assert [x.point for x in anciens] == ["Salle | On réserve | Roland", "Affiche"]
