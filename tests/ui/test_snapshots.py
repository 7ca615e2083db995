"""Named SVG snapshots: home, every step (each condition and each phase step), the example.

Update with `python -m pytest tests/ui/test_snapshots.py --snapshot-update`, then look at them.
"""

from __future__ import annotations

import shutil
from datetime import datetime

import pytest

from coopwizard import recent, store
from coopwizard.guide import guide
from coopwizard.models import Position, Projet
from coopwizard.paths import example_project_file
from screens import navigation
from tests.ui.conftest import fabrique, sans_clignotement

TAILLES = {"80x24": (80, 24), "120x40": (120, 40)}
ETAPES = navigation.ordre(guide())


@pytest.mark.parametrize("taille", TAILLES)
def test_home(snap_compare, taille):
    recent.remember("/home/marie/projets/repas-des-lilas.toml", "Repas partagé des Lilas", 41, 66,
                    quand=datetime(2026, 5, 11, 18, 5))
    recent.remember("/home/marie/projets/troc-de-livres.toml", "Troc de livres", 7, 66,
                    quand=datetime(2026, 5, 12, 9, 40))
    assert snap_compare(fabrique(), terminal_size=TAILLES[taille], run_before=sans_clignotement)


@pytest.mark.parametrize("taille", TAILLES)
@pytest.mark.parametrize("etape", ETAPES)
def test_step(snap_compare, tmp_path, etape, taille):
    chemin = tmp_path / "projet.toml"
    projet = Projet(nom="Repas partagé des Lilas", position=Position(etape=etape))
    store.save(projet, chemin)
    app = fabrique(store.load(chemin), chemin)
    assert snap_compare(app, terminal_size=TAILLES[taille], run_before=sans_clignotement)


@pytest.mark.parametrize("taille", TAILLES)
def test_example_project(snap_compare, tmp_path, taille):
    chemin = tmp_path / "repas-de-quartier.toml"
    shutil.copy(example_project_file(), chemin)
    app = fabrique(store.load(chemin), chemin)
    assert snap_compare(app, terminal_size=TAILLES[taille], run_before=sans_clignotement)


def test_help_shown_at_80x24(snap_compare, tmp_path):
    chemin = tmp_path / "projet.toml"
    store.save(Projet(position=Position(etape="conception")), chemin)
    app = fabrique(store.load(chemin), chemin)
    assert snap_compare(app, terminal_size=(80, 24), press=["f2"], run_before=sans_clignotement)


def test_new_project_dialog(snap_compare):
    async def avant(pilot):
        await sans_clignotement(pilot)
        await pilot.press(*"Repas partagé")
        await sans_clignotement(pilot)

    app = fabrique(demarrage="nouveau", dossier=__import__("pathlib").Path("/home/marie/projets"))
    assert snap_compare(app, terminal_size=(80, 24), run_before=avant)
