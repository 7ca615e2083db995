"""The home screen: create, resume a recent project, open a file, open the example."""

from __future__ import annotations

from datetime import datetime

from textual.widgets import Input, OptionList, Static

from coopwizard import recent, store
from coopwizard.models import Projet
from coopwizard.paths import example_project_file
from screens.dialogs import NouveauProjet
from screens.home import HomeScreen
from tests.ui.conftest import attendre, enregistrement_termine, fabrique


def message(app) -> str:
    return str(app.screen.query_one("#accueil-message", Static).content)


async def test_create_a_project_from_home(tmp_path):
    app = fabrique()
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert isinstance(app.screen, NouveauProjet)
        await pilot.press(*"Fête de l'été")
        fichier = app.screen.query_one("#nom-fichier", Input)
        assert fichier.value == "fête-de-l-été.toml"
        await pilot.press("enter")
        assert await attendre(pilot, lambda: app.wizard is not None and app.wizard.is_current)
        await pilot.pause()
        assert app.focused is not None and app.focused.id == "q-nom"  # cursor in the name
        assert app.focused.value == "Fête de l'été"
        await enregistrement_termine(pilot)
    chemin = tmp_path / "fête-de-l-été.toml"
    assert store.load(chemin).nom == "Fête de l'été"
    assert recent.load()[0].fichier == str(chemin)


async def test_new_without_a_file_asks_the_name_first(tmp_path):
    (tmp_path / "kermesse.toml").write_text("ne pas toucher", encoding="utf-8")
    app = fabrique(demarrage="nouveau")
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, NouveauProjet)
        await pilot.press(*"Kermesse")
        assert app.screen.query_one("#nom-fichier", Input).value == "kermesse-2.toml"
        # a file name of one's own, but never outside the folder nor over a file
        app.screen.query_one("#nom-fichier", Input).value = "../ailleurs.toml"
        await pilot.press("enter")
        assert "sans dossier" in str(app.screen.query_one("#dialogue-message", Static).content)
        app.screen.query_one("#nom-fichier", Input).value = "kermesse.toml"
        await pilot.press("enter")
        assert "existe déjà" in str(app.screen.query_one("#dialogue-message", Static).content)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
    assert (tmp_path / "kermesse.toml").read_text(encoding="utf-8") == "ne pas toucher"
    assert not (tmp_path.parent / "ailleurs.toml").exists()


async def test_resume_a_recent_project(tmp_path):
    chemin = tmp_path / "repas.toml"
    store.save(Projet(nom="Repas"), chemin)
    recent.remember(chemin, "Repas", 1, 66, quand=datetime(2026, 5, 1, 9, 15))
    app = fabrique()
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        liste = app.screen.query_one("#recents", OptionList)
        assert liste.option_count == 1
        assert "Repas" in str(liste.get_option_at_index(0).prompt)
        assert "01/05/2026 à 09:15" in str(liste.get_option_at_index(0).prompt)
        assert app.focused is liste
        await pilot.press("enter")
        assert await attendre(pilot, lambda: app.wizard is not None and app.wizard.is_current)
        assert app.chemin == chemin


async def test_open_a_file_by_path_and_an_unreadable_one(tmp_path):
    cassé = tmp_path / "cassé.toml"
    cassé.write_text("nom = [", encoding="utf-8")
    app = fabrique()
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+o")
        await pilot.press(*"cassé.toml", "enter")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert "pas un TOML valide" in message(app)
        app.screen.query_one("#chemin", Input).value = "absent.toml"
        await pilot.press("enter")
        await pilot.pause()
        assert "n'existe pas" in message(app)
    assert cassé.read_text(encoding="utf-8") == "nom = ["


async def test_open_the_example_is_a_fresh_copy(tmp_path):
    original = example_project_file().read_bytes()
    app = fabrique()
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        await pilot.click("#exemple")
        assert await attendre(pilot, lambda: app.wizard is not None and app.wizard.is_current)
        assert app.chemin != example_project_file()
        assert app.chemin.read_bytes() == original
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert example_project_file().read_bytes() == original


async def test_forget_a_recent_project(tmp_path):
    recent.remember(tmp_path / "parti.toml", "Parti", 0, 66)
    app = fabrique()
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        await pilot.press("delete")
        await pilot.pause()
        assert recent.load() == []
        assert "retiré de la liste" in message(app)


async def test_the_path_is_completed_as_it_is_typed(tmp_path):
    (tmp_path / "projets").mkdir()
    store.save(Projet(nom="Vide-grenier"), tmp_path / "projets" / "vide-grenier.toml")
    (tmp_path / "projets" / "notes.txt").write_text("pas un projet", encoding="utf-8")
    app = fabrique()
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+o", *"proj")
        chemin = app.screen.query_one("#chemin", Input)

        async def accepter(attendu: str) -> bool:
            for _ in range(50):  # the suggestion comes asynchronously: → until it is there
                await pilot.press("right")
                if chemin.value == attendu:
                    return True
                await pilot.pause(0.02)
            return False

        assert await accepter("projets/")
        assert await accepter("projets/vide-grenier.toml")
        await pilot.press("enter")
        assert await attendre(pilot, lambda: app.wizard is not None and app.wizard.is_current)
        assert app.projet.nom == "Vide-grenier"


async def test_an_unknown_home_folder_typed_in_the_path_field_is_said_in_french(tmp_path):
    app = fabrique()
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+o")
        await pilot.press(*"~personne-de-ce-nom/p.toml", "enter")
        message = app.screen.query_one("#accueil-message", Static)
        assert await attendre(pilot, lambda: "ne désigne aucun utilisateur" in str(message.render()))
        assert isinstance(app.screen, HomeScreen) and app.is_running
