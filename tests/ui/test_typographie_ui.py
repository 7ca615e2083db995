"""On screen, a non-breaking space holds: no line of the guide's help starts
with a lone « : ; ! ? » or « » », whatever the width (issue 14)."""

from __future__ import annotations

import pytest
from textual._wrap import compute_wrap_offsets
from textual.geometry import Region
from textual.widgets import Static

from coopwizard import store
from coopwizard.models import Position, Projet
from coopwizard import typographie
from screens.francais import installer_textual
from tests.ui.conftest import attendre, fabrique

PONCTUATION = tuple(":;!?»")


def _lignes(texte: str, largeur: int) -> list[str]:
    coupures = [0, *compute_wrap_offsets(texte, largeur, 8), len(texte)]
    return [texte[a:b] for a, b in zip(coupures, coupures[1:])]


def test_wrapping_keeps_the_punctuation_with_its_word():
    assert installer_textual() and typographie.installer_rich()
    lignes = _lignes("un deux trois quatre\u00a0; cinq six «\u00a0sept\u00a0»", 20)
    assert not any(ligne.lstrip().startswith(PONCTUATION) for ligne in lignes), lignes
    # Ordinary spaces inside « » and before « : ; ! ? » hold too (strings written in the code).
    for largeur in range(16, 60):  # wider than the longest chunk that holds together
        lignes = _lignes("Se règle à l'étape « Votre projet », question « Comment ? » : oui", largeur)
        assert not any(ligne.lstrip().startswith(PONCTUATION) for ligne in lignes), lignes
        assert not any(ligne.rstrip().endswith("«") for ligne in lignes), lignes
    # Ordinary spaces still break.
    assert len(_lignes("un deux trois quatre cinq six", 10)) > 1


def test_rich_wrapping_too():
    # Textual's Content (Static with a Rich Text) wraps with Rich's pattern.
    from textual.content import Content

    typographie.installer_rich()
    texte = "Bien s'organiser — Préparer, mettre en œuvre, évaluer\u00a0: la méthode."
    lignes = [ligne.plain for ligne in Content(texte).wrap(54)]
    assert len(lignes) == 2 and lignes[1].startswith("évaluer"), lignes


ATTENDU = {
    # What issue 14 added to each help pane.
    "conception": ["Bien s'organiser —", "Ce qui a freiné"],
    "connaissance": ["Entendu en atelier", "forum ouvert", "Où trouver de l'aide"],
    "moyens": ["Où trouver de l'aide", "Dispositif local", "« Où trouver de l'aide »"],
}


@pytest.mark.parametrize("etape", sorted(ATTENDU))
async def test_no_help_line_starts_with_punctuation(tmp_path, etape):
    chemin = tmp_path / "projet.toml"
    store.save(Projet(position=Position(etape=etape)), chemin)
    app = fabrique(store.load(chemin), chemin)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f2")
        assert await attendre(pilot, lambda: app.screen.query(f"#aide-{etape} Static"))
        vus = 0
        texte = []
        for static in app.screen.query(f"#aide-{etape} Static").results(Static):
            largeur, hauteur = static.content_region.size
            if largeur <= 0:
                continue
            for strip in static.render_lines(Region(0, 0, largeur, hauteur)):
                ligne = strip.text.strip()
                texte.append(ligne)
                vus += bool(ligne)
                assert not ligne.startswith(PONCTUATION), (etape, ligne)
        assert vus > 20
        tout = " ".join(texte)
        for attendu in ATTENDU[etape]:
            assert attendu in tout, (etape, attendu)
