"""The wizard's features: resume, read-only, help pane, sidebar, palette, dates, choices."""

from __future__ import annotations

from datetime import date

import pytest
from textual.widgets import Input, SelectionList, Static

from coopwizard import store
from coopwizard.models import Position, Projet
from coopwizard.store.session import ProjectSession
from screens.sidebar import Sommaire
from tests.ui.conftest import attendre, enregistrement_termine, fabrique


def _projet(tmp_path, **champs):
    chemin = tmp_path / "p.toml"
    projet = Projet(**champs)
    store.save(projet, chemin)
    return store.load(chemin), chemin


async def test_resume_at_the_saved_step_and_field(tmp_path):
    projet, chemin = _projet(
        tmp_path, nom="Repas",
        position=Position(etape="conception", champ="conception.objectifs"),
    )
    projet.conception.objectifs = "Se rencontrer"
    store.save(projet, chemin)
    app = fabrique(store.load(chemin), chemin)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        assert app.wizard.etape_id == "conception"
        assert app.focused is not None and app.focused.id == "q-conception-objectifs"
        assert app.focused.text == "Se rencontrer"


async def test_unknown_position_starts_at_the_beginning(tmp_path):
    projet, chemin = _projet(tmp_path, position=Position(etape="disparue", champ="x"))
    app = fabrique(projet, chemin)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        assert app.wizard.etape_id == "projet"
        assert app.focused is not None and app.focused.id == "q-nom"


async def test_second_instance_is_read_only_and_never_saves(tmp_path):
    projet, chemin = _projet(tmp_path, nom="Tenu ailleurs")
    avant = chemin.read_bytes()
    autre = ProjectSession(chemin)
    assert autre.acquire()  # another coopwizard has the file open
    try:
        app = fabrique(projet, chemin)
        async with app.run_test(size=(100, 32)) as pilot:
            await pilot.pause()
            etat = str(app.wizard.query_one("#statut-etat", Static).content)
            assert etat.startswith("Lecture seule")
            assert app.wizard.query_one("#q-nom", Input).is_disabled
            await pilot.press("ctrl+s")
            await pilot.press("f6")
            await pilot.pause(0.2)
            await pilot.press("ctrl+q")
            await pilot.pause()
        assert app.return_code == 0
    finally:
        autre.release()
    assert chemin.read_bytes() == avant


async def test_help_pane_toggles(tmp_path):
    projet, chemin = _projet(tmp_path)
    app = fabrique(projet, chemin)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        aide = app.wizard.query_one("#aide")
        assert aide.display and app.wizard.query_one("#questions").display
        await pilot.press("f2")
        assert not aide.display
        await pilot.press("f2")
        assert aide.display


async def test_help_pane_replaces_questions_when_narrow(tmp_path):
    projet, chemin = _projet(tmp_path)
    app = fabrique(projet, chemin)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        aide, questions = app.wizard.query_one("#aide"), app.wizard.query_one("#questions")
        assert not aide.display and questions.display
        await pilot.press("f2")
        assert aide.display and not questions.display
        assert app.focused is aide
        await pilot.press("f6")  # reading the guide step after step
        await pilot.pause()
        assert aide.display and not questions.display and app.focused is aide
        assert app.wizard.etape_id == "envie"
        await pilot.press("f2")
        assert questions.display and app.focused is not None
        assert app.focused.id == "q-envie-motivations"


async def test_jump_from_the_sidebar(tmp_path):
    projet, chemin = _projet(tmp_path)
    app = fabrique(projet, chemin)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        await pilot.press("f3")
        sommaire = app.wizard.query_one(Sommaire)
        assert app.focused is sommaire
        for _ in range(3):  # Votre projet -> Avoir envie -> Bien se connaître -> Bien s'organiser
            await pilot.press("down")
        await pilot.press("down", "down")  # Préparation -> Conception
        await pilot.press("enter")
        await pilot.pause()
        assert app.wizard.etape_id == "conception"
        assert app.projet.position.etape == "conception"


def _propositions(app) -> str:
    """What the open command palette proposes, as one string."""
    liste = app.screen.query("CommandList").first()
    return " ".join(str(liste.get_option_at_index(i).prompt) for i in range(liste.option_count))


async def test_command_palette_lists_the_steps(tmp_path):
    projet, chemin = _projet(tmp_path)
    app = fabrique(projet, chemin)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"réalisation")

        assert await attendre(pilot, lambda: "La réalisation du projet" in _propositions(app))
        await pilot.press("enter")
        assert await attendre(pilot, lambda: app.wizard.etape_id == "realisation")


async def test_command_palette_opens_the_checklist(tmp_path):
    from screens.checklist_screen import ChecklistScreen

    projet, chemin = _projet(tmp_path)
    app = fabrique(projet, chemin)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"checklist")

        assert await attendre(pilot, lambda: "Ouvrir la checklist" in _propositions(app))
        await pilot.press("enter")
        assert await attendre(pilot, lambda: isinstance(app.screen, ChecklistScreen))


async def test_sidebar_progress_follows_the_answers(tmp_path):
    projet, chemin = _projet(tmp_path)
    app = fabrique(projet, chemin)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        sommaire = app.wizard.query_one(Sommaire)
        label = str(sommaire.root.children[0].label)
        assert label.startswith("▶ ") and "0/" in label
        await pilot.press("a")
        assert "1/" in str(sommaire.root.children[0].label)
        await enregistrement_termine(pilot)


async def test_a_wrong_date_is_flagged_not_refused(tmp_path):
    projet, chemin = _projet(tmp_path)
    app = fabrique(projet, chemin)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        assert app.wizard.focus_champ("date_debut")
        await pilot.press(*"32/13/2026")
        bloc = app.focused.parent
        assert bloc.has_class("-avertissement")
        assert "jj/mm/aaaa" in str(bloc.query_one(".message", Static).content)
        assert app.wizard.query_one("#q-date-debut", Input).value == "32/13/2026"  # kept on screen
        assert app.projet.date_debut is None
        await pilot.press(*["backspace"] * 10, *"31/12/2026")
        assert not bloc.has_class("-avertissement")
        assert app.projet.date_debut == date(2026, 12, 31)
        await enregistrement_termine(pilot)
    assert store.load(chemin).date_debut == date(2026, 12, 31)


async def test_multiple_choice_keeps_the_guide_order(tmp_path):
    projet, chemin = _projet(tmp_path)
    app = fabrique(projet, chemin)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        app.aller_a("envie")
        await attendre(pilot, lambda: app.wizard.etape_id == "envie")
        await pilot.pause()
        liste = app.wizard.query_one("#q-envie-motivations", SelectionList)
        liste.focus()
        await pilot.press("down", "space", "up", "space")
        premieres = [liste.get_option_at_index(i).value for i in range(2)]
        assert app.projet.envie.motivations == premieres
        await enregistrement_termine(pilot)


async def test_step_keys_work_from_a_multi_line_answer(tmp_path):
    # TextArea binds F6 / F7 itself: the wizard's keys must still win
    projet, chemin = _projet(tmp_path, position=Position(etape="conception"))
    app = fabrique(projet, chemin)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        assert type(app.focused).__name__ == "TextArea"
        await pilot.press("f6")
        await pilot.pause()
        assert app.wizard.etape_id == "collectif"
        await pilot.press("f5")
        await pilot.pause()
        assert app.wizard.etape_id == "conception"
        await enregistrement_termine(pilot)


async def test_a_field_changed_by_an_editor_is_shown(tmp_path):
    # The tasks editor stamps "programmation.planning_mis_a_jour_le", asked in the same step
    from screens.messages import ProjetModifie

    projet, chemin = _projet(tmp_path, position=Position(etape="programmation"))
    app = fabrique(projet, chemin)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        champ = app.wizard.query_one("#q-programmation-planning-mis-a-jour-le", Input)
        assert champ.value == ""
        app.projet.programmation.planning_mis_a_jour_le = date(2026, 5, 12)
        app.wizard.post_message(ProjetModifie("programmation.planning_mis_a_jour_le"))
        assert await attendre(pilot, lambda: champ.value == "12/05/2026")
        await enregistrement_termine(pilot)
    assert store.load(chemin).programmation.planning_mis_a_jour_le == date(2026, 5, 12)


async def test_going_back_shows_answers_and_changes_made_meanwhile(tmp_path):
    projet, chemin = _projet(tmp_path)
    app = fabrique(projet, chemin)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        await pilot.press(*"Troc", "f6")
        await pilot.pause()
        app.projet.resume = "Écrit ailleurs"  # e.g. from another screen
        await pilot.press("f5")
        await pilot.pause()
        assert app.wizard.query_one("#q-nom", Input).value == "Troc"
        assert app.wizard.query_one("#q-resume").text == "Écrit ailleurs"
        assert app.focused is not None and app.focused.id == "q-nom"
        await enregistrement_termine(pilot)


async def test_single_choice_and_yes_no_by_keyboard(tmp_path):
    from textual.widgets import RadioSet

    from coopwizard.guide import guide

    projet, chemin = _projet(tmp_path, position=Position(etape="moyens"))
    app = fabrique(projet, chemin)
    choix = guide().question("moyens.formalisation")[1].choix
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        assert app.wizard.focus_champ("moyens.formalisation")
        await pilot.press("down", "enter")  # the second option
        assert app.projet.moyens.formalisation == choix[1].valeur
        assert app.wizard.focus_champ("moyens.assurance_verifiee")
        await pilot.press("down", "enter")  # "Non"
        assert app.projet.moyens.assurance_verifiee is False
        await enregistrement_termine(pilot)
    reloaded = store.load(chemin)
    assert reloaded.moyens.formalisation == choix[1].valeur
    assert reloaded.moyens.assurance_verifiee is False
    again = fabrique(reloaded, chemin)
    async with again.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        radios = again.wizard.query_one("#q-moyens-assurance-verifiee", RadioSet)
        assert radios.pressed_index == 1
        assert again.wizard.query_one("#q-moyens-formalisation", RadioSet).pressed_index == 1


async def test_typing_in_a_resumed_answer_adds_to_it(tmp_path):
    projet, chemin = _projet(tmp_path, nom="Repas", position=Position(etape="projet", champ="nom"))
    app = fabrique(projet, chemin)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        assert app.focused is not None and app.focused.id == "q-nom"
        await pilot.press(*" des Lilas")
        assert app.projet.nom == "Repas des Lilas"  # nothing selected, nothing replaced
        await pilot.press("tab")  # leave and come back: same
        await pilot.press("shift+tab", "!")
        assert app.projet.nom == "Repas des Lilas!"
        await enregistrement_termine(pilot)


async def test_no_lock_folder_still_lets_the_user_work(tmp_path, monkeypatch):
    blocker = tmp_path / "fichier"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv("COOPWIZARD_HOME", str(blocker))  # the lock folder cannot be created
    projet, chemin = _projet(tmp_path)
    app = fabrique(projet, chemin)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        await pilot.press(*"Bal")
        await enregistrement_termine(pilot)
    assert store.load(chemin).nom == "Bal"


async def test_a_record_added_in_an_editor_is_autosaved(tmp_path):
    # Inside the record form, Ctrl+S saves the record (the App's Ctrl+S must not steal it)
    projet, chemin = _projet(tmp_path, position=Position(etape="projet", champ="associations"))
    app = fabrique(projet, chemin)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        await pilot.press(*"Lire ensemble", "ctrl+s")
        assert await attendre(pilot, lambda: len(app.projet.associations) == 1)
        assert app.wizard.is_current
        await enregistrement_termine(pilot)
        assert "1/" in str(app.wizard.query_one(Sommaire).root.children[0].label)
    assert [a.nom for a in store.load(chemin).associations] == ["Lire ensemble"]


async def test_quitting_with_an_unrecognised_date_warns_once(tmp_path):
    projet, chemin = _projet(tmp_path)
    app = fabrique(projet, chemin)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        app.wizard.focus_champ("date_fin")
        await pilot.press(*"31/06", "f6")  # leave the step with the date unfinished
        await pilot.pause()
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert app.is_running
        assert app.wizard.etape_id == "projet" and app.focused.id == "q-date-fin"  # brought back
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert app.return_code == 0


async def test_a_step_opens_at_its_title_even_when_a_list_comes_first(tmp_path):
    projet, chemin = _projet(tmp_path)
    app = fabrique(projet, chemin)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for etape in ("evaluation", "moyens"):  # their first question is a record editor
            app.aller_a(etape)
            await attendre(pilot, lambda etape=etape: app.wizard.etape_id == etape)
            await pilot.pause()
            await pilot.pause()
            assert app.wizard.vue().scroll_y == 0
            assert app.focused is not None and app.focused is not app.wizard.query_one(Sommaire)
        await enregistrement_termine(pilot)



@pytest.mark.parametrize("champ", ["resume", "nom"])  # a TextArea, an Input
async def test_a_late_notice_never_rewrites_the_field_being_typed_in(tmp_path, champ):
    # Keys can arrive faster than the app handles them: the notice for "ab" may reach the
    # App when the field already shows "abc". Rewriting the field from the model then
    # would drop the "c" and send the cursor home (found by the typing benchmark).
    from screens.messages import ProjetModifie

    projet, chemin = _projet(tmp_path)
    app = fabrique(projet, chemin)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        assert app.wizard.focus_champ(champ)
        await pilot.press(*"abc")
        widget = app.focused
        setattr(app.projet, champ, "ab")  # the model one key behind the widget
        for depuis_question in (True, False):
            app.wizard.post_message(ProjetModifie(champ, depuis_question=depuis_question))
            await pilot.pause()
            assert (widget.text if champ == "resume" else widget.value) == "abc"
        await pilot.press("d")
        assert getattr(app.projet, champ) == "abcd"
        await enregistrement_termine(pilot)
    assert getattr(store.load(chemin), champ) == "abcd"
