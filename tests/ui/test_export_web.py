"""In a browser (`coopwizard serve`) an exported document is downloaded by the browser,
never written on the server's disk where the link-holder chooses."""

from __future__ import annotations

import shutil

from textual.widgets import Input

from coopwizard import store
from coopwizard.paths import example_project_file
from screens.fiche_screen import ExportDialog, exporter
from tests.ui.conftest import attendre, fabrique, texte_affiche


async def test_in_a_browser_a_document_is_downloaded_not_written(tmp_path, monkeypatch):
    chemin = tmp_path / "repas.toml"
    shutil.copy(example_project_file(), chemin)
    app = fabrique(store.load(chemin), chemin)
    envoyes = []
    monkeypatch.setattr(type(app), "is_web", property(lambda self: True))
    monkeypatch.setattr(app, "deliver_binary",
                        lambda fichier, save_filename=None, **k: envoyes.append(
                            (save_filename, fichier.read())))
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        exporter(app.screen, "fiche")
        assert await attendre(pilot, lambda: isinstance(app.screen, ExportDialog)
                              and app.screen.query(Input))
        champ = app.screen.query_one(Input)
        assert "/" not in champ.value and champ.value.endswith(".docx")  # a name only
        champ.value = "/tmp/ailleurs/fiche.docx"
        await pilot.press("enter")
        assert await attendre(pilot, lambda: "seulement un nom" in texte_affiche(
            app.screen.query_one("#export-message")))
        champ.value = "fiche.docx"
        await pilot.press("enter")
        assert await attendre(pilot, lambda: envoyes)
        assert await attendre(pilot, lambda: any("téléchargement" in n.message
                                                 for n in app._notifications))
    (nom, donnees), = envoyes
    assert nom == "fiche.docx" and donnees[:2] == b"PK"  # a real Word file
    assert not [p for p in tmp_path.rglob("*.docx")]  # nothing on the server's disk
