"""In a browser (`coopwizard serve`) the disk is the server's: « Enregistrer sous… » only
renames the project beside itself, a link never lets anyone write elsewhere."""

from __future__ import annotations

import pytest
from textual.widgets import Input

from coopwizard import store
from coopwizard.models import Projet
from screens.enregistrer_sous import SEULEMENT_UN_NOM, EnregistrerSous, verifier
from tests.ui.conftest import attendre, fabrique, texte_affiche


@pytest.mark.parametrize("saisie", ["/etc/cron.d/x", "../autre.toml", "~/x.toml", "..",
                                    "sous/dossier.toml", "C:\\\\x.toml", ".cache"])
def test_only_a_name_in_the_project_folder(tmp_path, saisie):
    assert verifier(saisie, tmp_path) == (None, SEULEMENT_UN_NOM)
    assert not list(tmp_path.iterdir())


def test_a_plain_name_goes_beside_the_project(tmp_path):
    assert verifier("fete-bis", tmp_path) == (tmp_path / "fete-bis.toml", "")


async def test_in_a_browser_the_dialog_asks_a_name_only(tmp_path):
    chemin = tmp_path / "fete.toml"
    store.save(Projet(nom="Fête"), chemin)
    app = fabrique(store.load(chemin), chemin)
    async with app.run_test(size=(80, 24)) as pilot:
        choisi = []
        app.push_screen(EnregistrerSous(chemin, dans_son_dossier=True), choisi.append)
        assert await attendre(pilot, lambda: isinstance(app.screen, EnregistrerSous)
                              and app.screen.query(Input))
        champ = app.screen.query_one(Input)
        assert champ.value == "fete-copie.toml"
        champ.value = "/tmp/ailleurs.toml"
        await pilot.press("enter")
        assert await attendre(pilot, lambda: "seulement un nom" in texte_affiche(
            app.screen.query_one("#dialogue-message")))
        champ.value = "fete-2027"
        await pilot.press("enter")
        assert await attendre(pilot, lambda: choisi == [tmp_path / "fete-2027.toml"])
