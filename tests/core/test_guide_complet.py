"""The parts of the guide issue 14 brought in: where to get help, the six
experiences and the forum ouvert, partners beyond associations."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

from coopwizard.documents import DOCUMENTS, produire
from coopwizard.guide import guide
from coopwizard.models import Projet
from coopwizard.ressources import load_ressources, ressources
from coopwizard.store import load

TODAY = __import__("datetime").date(2026, 11, 26)
FIXTURE = Path(__file__).parent.parent / "fixtures" / "projet-format-1.toml"


def _plat(texte: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", texte.casefold())
                   if not unicodedata.combining(c))


# --- where to get help -------------------------------------------------------------------


def test_every_resource_names_real_steps_and_every_step_that_needs_help_has_some():
    data = ressources()
    ordre = set(guide().ordre)
    for r in data.ressources:
        assert r.etapes and set(r.etapes) <= ordre, r.id
        assert r.nom.strip() and r.texte.strip(), r.id
    for etape in ("projet", "connaissance", "conception", "collectif", "moyens", "evaluation"):
        assert data.pour_etape(etape), etape


@pytest.mark.parametrize("mot", [
    "service de la vie associative", "maisons des associations", "proj'aide",
    "dispositif local d'accompagnement", "tetes de reseau", "formations",
])
def test_the_support_structures_of_the_guide_are_there(mot):
    assert any(mot in _plat(r.nom) for r in ressources().ressources), mot


def test_an_unknown_rubric_is_named_in_french(tmp_path):
    broken = tmp_path / "ressources.toml"
    broken.write_text('[groupes.a]\ntitre = "A"\n[[ressources]]\nid = "x"\ngroupe = "b"\n'
                      'nom = "X"\ntexte = "Y"\n', encoding="utf-8")
    with pytest.raises(ValueError, match="« x » : rubrique inconnue « b »"):
        load_ressources(broken)


def test_the_printable_page_lists_every_resource_by_rubric():
    text = produire("ressources", "markdown", Projet(nom="Fête du vent"), TODAY)
    assert text.index("Se faire accompagner") < text.index("Réseaux en Val-de-Marne")
    for r in ressources().ressources:
        assert r.nom in text, r.id
    assert "https://www.gagnao.org/" in text
    assert "certaines ont pu changer" in text


def test_cli_prints_the_resources_page(tmp_path):
    environ = {**os.environ, "COOPWIZARD_AUJOURDHUI": "2026-11-26"}
    projet = tmp_path / "projet.toml"
    subprocess.run([sys.executable, "-m", "coopwizard", "example", str(projet)],
                   capture_output=True, env=environ, timeout=60, check=True)
    sortie = tmp_path / "aide.html"
    result = subprocess.run(
        [sys.executable, "-m", "coopwizard", "export", str(projet), "ressources", "-o", str(sortie)],
        capture_output=True, env=environ, timeout=60, check=False,
    )
    assert result.returncode == 0, result.stderr
    html = sortie.read_text(encoding="utf-8")
    assert "Où trouver de l" in html and "Dispositif local d" in html
    assert "ressources" in DOCUMENTS


# --- annexes 2 and 3 -----------------------------------------------------------------------


@pytest.mark.parametrize(("etape", "mot"), [
    ("envie", "fete de la ville"), ("collectif", "conseil de la vie associative"),
    ("connaissance", "economie sociale et solidaire"), ("realisation", "laicite"),
    ("conception", "journaux de quartier"), ("moyens", "grand repas"),
])
def test_each_experience_says_what_helped_and_what_got_in_the_way(etape, mot):
    exemples = [c for c in guide().etapes[etape].conseils if c.type == "exemple"]
    trouve = [c for c in exemples if mot in _plat(c.titre)]
    assert trouve, (etape, mot)
    points = " ".join(trouve[0].points)
    assert "Ce qui a aidé" in points and "Ce qui a freiné" in points


def test_bien_se_connaitre_proposes_the_forum_ouvert_in_steps():
    forum = [c for c in guide().etapes["connaissance"].reperes if "forum ouvert" in c.titre]
    assert forum and len(forum[0].points) >= 4


# --- partners beyond associations --------------------------------------------------------------


def test_a_file_written_before_partner_types_still_loads():
    projet = load(FIXTURE)
    assert projet.associations and all(a.type_partenaire is None for a in projet.associations)


def test_the_fiche_says_the_partner_type():
    projet = Projet.model_validate({"associations": [
        {"nom": "Les Jardins", "role": "porteur"},
        {"nom": "Mairie d'Orly", "type_partenaire": "collectivite", "role": "partenaire"},
        {"nom": "Boulangerie du coin", "type_partenaire": "entreprise"},
        {"nom": "Amicale", "type_partenaire": "association"},
    ]})
    text = re.sub(r" *\n *", " ", produire("fiche", "texte", projet, TODAY))  # wrapped at 80
    assert "Les Jardins" in text and "Les Jardins (" not in text  # an association: no precision
    assert "Mairie d'Orly (collectivité territoriale)" in text
    assert "Boulangerie du coin (entreprise)" in text
    assert "Amicale (association" not in text


def test_every_partner_type_has_a_french_label():
    libelles = guide().choix_de("associations.type_partenaire")
    assert {"association", "collectivite", "etat", "reseau", "citoyens", "entreprise"} <= set(libelles)
