"""SVG snapshots at 80×24 of the dialogs of saving and sharing: « Historique », restoring a
version, « Enregistrer sous… », « Qui êtes-vous ? » and F4 « Désaccords ».

Update with `python -m pytest tests/ui/test_snapshots_dialogs.py --snapshot-update`, then look.
"""

from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path

import pytest
from filelock import FileLock

from coopwizard import history, settings, store
from coopwizard.models import Conflit, Enregistrement, Projet
from screens.choix import Choix
from screens.conflits_screen import ConflitsScreen
from screens.enregistrer_sous import EnregistrerSous
from screens.historique import HistoriqueScreen
from screens.identite import Identite
from tests.ui.conftest import attendre, fabrique, sans_clignotement

TAILLE = (80, 24)
DOSSIER = Path("/tmp/coopwizard-captures/Projets")  # the path shows on screen: always the same
# That one folder is emptied by each test: one test at a time, on this machine. The
# module's tests share a worker (xdist_group) so that they never wait for each other;
# the lock is for the other checkouts running the suite at the same time.
VERROU = FileLock(f"{DOSSIER.parent}.lock", timeout=600)
pytestmark = pytest.mark.xdist_group("captures-dans-tmp")


@pytest.fixture
def chemin():
    with VERROU:
        shutil.rmtree(DOSSIER.parent, ignore_errors=True)
        DOSSIER.mkdir(parents=True)
        yield DOSSIER / "fete-des-lilas.toml"
        shutil.rmtree(DOSSIER.parent, ignore_errors=True)


def _identifiee() -> None:
    settings.save(settings.Reglages("Marie", "Les Lilas", demande=True))


def _attendre_ecran(genre, pret=lambda app: True):
    async def avant(pilot):
        app = pilot.app
        assert await attendre(pilot, lambda: isinstance(app.screen, genre) and pret(app))
        app.clear_notifications()  # a toast's few seconds must not decide the picture
        await sans_clignotement(pilot)

    return avant


def _avec_historique(chemin: Path) -> None:
    ancienne = Projet(nom="Fête des Lilas", enregistrement=Enregistrement(par="Ahmed"))
    history.record(chemin, ancienne, "ouverture", le=datetime(2026, 11, 20, 10, 5).astimezone())
    actuelle = store.loads(store.dumps(ancienne))
    actuelle.conception.objectifs = "Réunir 150 habitants"
    actuelle.enregistrement = Enregistrement(par="Sophie", association="Les Jardins")
    history.record(chemin, actuelle, "fusion de la version de Sophie, Les Jardins",
                   le=datetime(2026, 11, 28, 18, 30).astimezone())
    store.save(actuelle, chemin)


def test_historique(snap_compare, chemin):
    _identifiee()
    _avec_historique(chemin)
    app = fabrique(store.load(chemin), chemin)

    async def avant(pilot):
        await pilot.press("f10")
        await _attendre_ecran(HistoriqueScreen, lambda app: "Objectifs" in str(
            app.screen.query_one("#detail").render()))(pilot)

    assert snap_compare(app, terminal_size=TAILLE, run_before=avant)


def test_restaurer_une_version(snap_compare, chemin):
    _identifiee()
    _avec_historique(chemin)
    app = fabrique(store.load(chemin), chemin)

    async def avant(pilot):
        await pilot.press("f10")
        await attendre(pilot, lambda: isinstance(app.screen, HistoriqueScreen)
                       and len(app.screen.versions) == 2)
        await pilot.press("down", "r")
        await _attendre_ecran(Choix)(pilot)

    assert snap_compare(app, terminal_size=TAILLE, run_before=avant)


def test_enregistrer_sous(snap_compare, chemin):
    _identifiee()
    store.save(Projet(nom="Fête des Lilas"), chemin)
    app = fabrique(store.load(chemin), chemin)

    async def avant(pilot):
        await pilot.press("f9")
        await _attendre_ecran(EnregistrerSous)(pilot)

    assert snap_compare(app, terminal_size=TAILLE, run_before=avant)


def test_qui_etes_vous(snap_compare, chemin):
    projet = Projet(nom="Fête des Lilas",
                    enregistrement=Enregistrement(par="Ahmed", association="Amicale"))
    store.save(projet, chemin)  # a partner's project, never asked on this computer
    app = fabrique(store.load(chemin), chemin)
    assert snap_compare(app, terminal_size=TAILLE, run_before=_attendre_ecran(Identite))


def test_desaccords(snap_compare, chemin):
    _identifiee()
    projet = Projet(nom="Fête des Lilas", conflits=[
        Conflit(champ="nom", notre_valeur="Fête des Lilas", leur_valeur="Repas des Lilas",
                notre_auteur="Marie, Les Lilas", leur_auteur="Ahmed, Amicale"),
        Conflit(champ="resume", notre_valeur="Un repas partagé dans la cour",
                leur_valeur="Un repas et un concert", notre_auteur="Marie, Les Lilas",
                leur_auteur="Ahmed, Amicale"),
    ])
    store.save(projet, chemin)
    app = fabrique(store.load(chemin), chemin)

    async def avant(pilot):
        # the wizard beneath drawn first: else its status bar was sometimes not yet there
        assert await attendre(pilot, lambda: "réponses" in str(
            app.wizard.query_one("#statut-fichier").render()))
        # and what waits for its first frame (footer, the step's other questions) done
        assert await attendre(pilot, lambda: app.wizard.premiere.passee
                              and bool(app.wizard.query("Footer")))
        await pilot.pause()
        await pilot.press("f4")
        await _attendre_ecran(ConflitsScreen)(pilot)

    assert snap_compare(app, terminal_size=TAILLE, run_before=avant)
