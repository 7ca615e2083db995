"""F10 « Historique »: the versions this computer kept, what each changed, restoring one
without losing the answers of now."""

from __future__ import annotations

from datetime import datetime

import pytest

from coopwizard import history, settings, store
from coopwizard.models import Enregistrement, Projet
from screens.choix import Choix
from screens.historique import HistoriqueScreen
from tests.ui.conftest import attendre, enregistrement_termine, fabrique, texte_affiche


@pytest.fixture(autouse=True)
def _deja_identifiee():
    """The user gave her name before: the « Qui êtes-vous ? » question is not asked again."""
    settings.save(settings.Reglages("Marie", "Les Lilas", demande=True))


def _projet(nom: str, objectifs: str, par: str = "") -> Projet:
    projet = Projet(nom=nom, enregistrement=Enregistrement(par=par))
    projet.conception.objectifs = objectifs
    return projet


def _deux_versions(chemin) -> None:
    """An old version by Ahmed, then the current one (objectives changed) by Sophie."""
    history.record(chemin, _projet("Fête", "Réunir 80 voisins", "Ahmed"), "ouverture",
                   le=datetime(2026, 11, 20, 10, 5).astimezone())
    actuel = _projet("Fête", "Réunir 150 habitants du quartier", "Sophie")
    history.record(chemin, actuel, "fusion de la version de Sophie",
                   le=datetime(2026, 11, 28, 18, 30).astimezone())
    store.save(actuel, chemin)


async def _historique(pilot, app, versions: int) -> bool:
    """F10, until the list holds `versions` versions."""
    await pilot.press("f10")
    return await attendre(pilot, lambda: isinstance(app.screen, HistoriqueScreen)
                          and len(app.screen.versions) == versions)


def _detail(app) -> str:
    return texte_affiche(app.screen.query_one("#detail"))


async def test_versions_are_listed_with_date_author_and_what_changed(tmp_path):
    chemin = tmp_path / "projet.toml"
    _deux_versions(chemin)
    app = fabrique(store.load(chemin), chemin)
    async with app.run_test(size=(100, 32)) as pilot:
        assert await _historique(pilot, app, versions=2)
        entete = texte_affiche(app.screen.query_one("#entete"))
        assert "2 versions du projet gardées" in entete
        liste = app.screen.query_one("#liste")
        premiere = str(liste.get_option_at_index(0).prompt)
        assert "samedi 28 novembre 2026 à 18 h 30" in premiere and "Sophie" in premiere
        assert "Fusion de la version de Sophie" in premiere
        assert await attendre(pilot, lambda: "Objectifs" in _detail(app))
        assert _detail(app).startswith("Ce qui a changé")
        await pilot.press("down")
        assert await attendre(pilot, lambda: "plus ancienne version" in _detail(app))
        assert "Ahmed" in str(liste.get_option_at_index(1).prompt)
        await pilot.press("escape")
        assert await attendre(pilot, lambda: not isinstance(app.screen, HistoriqueScreen))


async def test_restoring_keeps_what_was_typed_the_moment_before(tmp_path):
    chemin = tmp_path / "projet.toml"
    _deux_versions(chemin)
    app = fabrique(store.load(chemin), chemin, delai=60.0, attente_max=600)
    async with app.run_test(size=(100, 32)) as pilot:
        app.wizard.focus_champ("nom")
        await pilot.press("end", *" du quartier", "f10")  # typed, never saved, then F10
        assert await attendre(pilot, lambda: isinstance(app.screen, HistoriqueScreen)
                              and len(app.screen.versions) >= 2)
        await pilot.press("down", "enter")  # the old version of Ahmed
        assert await attendre(pilot, lambda: isinstance(app.screen, Choix))
        await pilot.press("r")
        assert await attendre(pilot, lambda: app.projet.conception.objectifs == "Réunir 80 voisins")
        await pilot.press("ctrl+s")
        assert await attendre(
            pilot, lambda: store.load(chemin).conception.objectifs == "Réunir 80 voisins")
        await enregistrement_termine(pilot)
    assert app.projet.nom == "Fête"  # the old version's answers, all of them
    versions = history.versions(chemin)
    restauration, avant = versions[0], versions[1]
    assert restauration.raison.startswith("restauration de la version du vendredi 20 novembre")
    assert restauration.projet().conception.objectifs == "Réunir 80 voisins"
    assert avant.raison.startswith("avant la restauration")
    gardee = avant.projet()  # nothing of "now" lost, the key typed just before F10 included
    assert gardee.nom == "Fête du quartier"
    assert gardee.conception.objectifs == "Réunir 150 habitants du quartier"


async def test_escape_on_the_question_restores_nothing(tmp_path):
    chemin = tmp_path / "projet.toml"
    _deux_versions(chemin)
    app = fabrique(store.load(chemin), chemin)
    async with app.run_test(size=(100, 32)) as pilot:
        assert await _historique(pilot, app, versions=2)
        await pilot.press("down", "r")
        assert await attendre(pilot, lambda: isinstance(app.screen, Choix))
        await pilot.press("escape")
        assert await attendre(pilot, lambda: isinstance(app.screen, HistoriqueScreen))
    assert app.projet.conception.objectifs == "Réunir 150 habitants du quartier"
    assert len(history.versions(chemin)) == 2


async def test_no_version_yet_says_when_one_is_kept(tmp_path, monkeypatch):
    chemin = tmp_path / "projet.toml"
    store.save(Projet(nom="Fête"), chemin)
    monkeypatch.setattr(history, "record", lambda *a, **k: None)  # the opening keeps none
    app = fabrique(store.load(chemin), chemin)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("f10")
        assert await attendre(pilot, lambda: isinstance(app.screen, HistoriqueScreen)
                              and "Aucune version" in texte_affiche(app.screen.query_one("#entete")))
        await pilot.press("r")  # nothing to restore: no question, no error
        assert isinstance(app.screen, HistoriqueScreen)


async def test_a_live_merge_is_kept_as_a_version(tmp_path):
    chemin = tmp_path / "projet.toml"
    store.save(Projet(nom="Notre projet"), chemin)
    app = fabrique(store.load(chemin), chemin)
    async with app.run_test(size=(100, 32)) as pilot:
        assert await attendre(pilot, lambda: app.session.disk is not None
                              and len(history.versions(chemin)) == 1)  # the opening
        autre = store.load(chemin)
        autre.resume = "Un repas pour tout le quartier"
        autre.enregistrement = Enregistrement(par="Ahmed", association="Amicale")
        store.save(autre, chemin)  # a partner's version arrives
        assert await attendre(pilot, lambda: app.projet.resume == autre.resume, essais=400)
        assert await attendre(pilot, lambda: len(history.versions(chemin)) == 2, essais=400)
    fusion = history.versions(chemin)[0]
    assert fusion.raison == "fusion de la version d'Ahmed, Amicale"
    assert fusion.projet().resume == "Un repas pour tout le quartier"
