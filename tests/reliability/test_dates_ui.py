"""Typing a date in the wizard and in a record form: never another date, always the reason.

Each key is pressed through Pilot; after every key the model is read: it only
ever holds the date the user had before, or the whole date being typed.
"""

from __future__ import annotations

from datetime import date

import pytest
from textual.widgets import Input, Static

from coopwizard import store
from coopwizard.models import Projet
from screens.questions import MESSAGE_DATE
from tests.ui.conftest import MAINTENANT, attendre, enregistrement_termine, fabrique
from tests.ui.editors_harness import EditorApp

AVANT = date(2026, 9, 5)


@pytest.fixture(autouse=True)
def _env(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("COOPWIZARD_AUJOURDHUI", MAINTENANT.date().isoformat())


def _projet(tmp_path, **champs):
    chemin = tmp_path / "p.toml"
    store.save(Projet(nom="Repas", **champs), chemin)
    return store.load(chemin), chemin


def _message(bloc) -> str:
    return str(bloc.query_one(".message", Static).content)


async def _taper(pilot, texte: str, vus: list) -> None:
    for touche in texte:
        await pilot.press(touche)
        vus.append(pilot.app.projet.date_debut)


async def _effacer(pilot, champ: Input) -> None:
    await pilot.press("end", *["backspace"] * (len(champ.value) + 1))


async def _tout_selectionner(pilot, champ: Input) -> None:
    """Select the whole answer: the next key replaces it (an empty field is no date)."""
    champ.select_all()
    await pilot.pause()


async def test_partial_and_impossible_dates_never_reach_the_model(tmp_path):
    projet, chemin = _projet(tmp_path)
    app = fabrique(projet, chemin)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        assert app.wizard.focus_champ("date_debut")
        champ = app.wizard.query_one("#q-date-debut", Input)
        bloc = champ.parent
        vus: list = []

        await _taper(pilot, "0", vus)
        assert _message(bloc) == MESSAGE_DATE  # still being typed: the gentle message
        assert bloc.has_class("-avertissement")
        await _effacer(pilot, champ)
        await _taper(pilot, "05/0", vus)
        assert _message(bloc) == MESSAGE_DATE
        await _effacer(pilot, champ)

        await _taper(pilot, "31/02", vus)  # no year can make it exist: said at once
        assert _message(bloc).startswith("Le 31 février n'existe pas")
        await _taper(pilot, "/2027", vus)
        message = _message(bloc)
        assert message.startswith("Le 31 février n'existe pas : février n'a que 28 jours")
        assert "n'est pas enregistrée" in message
        assert champ.value == "31/02/2027"  # what was typed stays on screen

        await _effacer(pilot, champ)
        await _taper(pilot, "29/02/2027", vus)
        assert _message(bloc).startswith("Le 29 février 2027 n'existe pas : 2027 n'est pas "
                                         "bissextile")
        await _effacer(pilot, champ)
        await _taper(pilot, "05/09/26", vus)
        assert _message(bloc).startswith("Écrivez l'année en entier : 05/09/2026 ?")

        assert set(vus) == {None}, vus  # never 1970, never 2020, never any date
        await _effacer(pilot, champ)
        await _taper(pilot, "1/9/2026", vus)
        assert app.projet.date_debut == date(2026, 9, 1)
        assert _message(bloc) == "" and not bloc.has_class("-avertissement")
        assert set(vus[:-1]) == {None}
        await enregistrement_termine(pilot)
    assert store.load(chemin).date_debut == date(2026, 9, 1)


async def test_retyping_a_date_keeps_the_old_one_until_the_new_one_is_whole(tmp_path):
    projet, chemin = _projet(tmp_path, date_debut=AVANT)
    app = fabrique(projet, chemin)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        assert app.wizard.focus_champ("date_debut")
        champ = app.wizard.query_one("#q-date-debut", Input)
        await _tout_selectionner(pilot, champ)
        vus: list = []
        await _taper(pilot, "0", vus)
        assert champ.value == "0"
        await pilot.press("ctrl+s")
        await enregistrement_termine(pilot)
        assert store.load(chemin).date_debut == AVANT  # not 01/01/1970
        await _taper(pilot, "6/09/2027", vus)
        assert set(vus[:-1]) <= {None, AVANT}
        assert app.projet.date_debut == date(2027, 9, 6)
        await enregistrement_termine(pilot)
    assert store.load(chemin).date_debut == date(2027, 9, 6)


async def test_a_date_not_recognised_stays_on_screen_when_coming_back_to_its_step(tmp_path):
    projet, chemin = _projet(tmp_path, date_debut=AVANT)
    app = fabrique(projet, chemin)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        assert app.wizard.focus_champ("date_debut")
        champ = app.wizard.query_one("#q-date-debut", Input)
        await _tout_selectionner(pilot, champ)
        await pilot.press(*"31/02/2027")
        depart = app.wizard.etape_id
        await pilot.press("f6")
        assert await attendre(pilot, lambda: app.wizard.etape_id != depart)
        await pilot.press("f5")
        assert await attendre(pilot, lambda: app.wizard.etape_id == depart)
        await pilot.pause()
        # Never silently replaced by the previous answer: the typed text and its reason stay.
        assert champ.value == "31/02/2027"
        assert _message(champ.parent).startswith("Le 31 février n'existe pas")
        assert app.projet.date_debut == AVANT
        await enregistrement_termine(pilot)


@pytest.mark.parametrize(("saisie", "attendu"), [
    ("31/02/2027", "Date : le 31 février n'existe pas"),
    ("05/09/26", "Date : écrivez l'année en entier : 05/09/2026 ?"),
    ("12/13/2026", "Date : le mois 13 n'existe pas"),
])
async def test_a_record_form_names_what_is_wrong_with_a_date(saisie, attendu):
    projet = Projet()
    app = EditorApp("reunions", projet)
    async with app.run_test(size=(110, 40)) as pilot:
        await pilot.press("a")
        form = app.screen
        form.query_one("#champ-date", Input).value = saisie
        await pilot.press("ctrl+s")
        erreurs = str(form.query_one("#erreurs", Static).content)
        assert attendu in erreurs
        assert "jj/mm/aaaa" in erreurs or erreurs.rstrip().endswith("?")
        assert projet.reunions == []
