"""The guide's four conventions (annexe 1): every article, the parties' legal
representatives, a wrong SIRET flagged, and the mises à disposition prefilled
from the shared needs."""

from __future__ import annotations

from datetime import date

import pytest

from coopwizard.documents import DOCUMENTS
from coopwizard.documents import render as _render
from coopwizard.documents.arbre import Champ, Liste, Paragraphe, Signatures, Titre
from coopwizard.documents.conventions import a_, de
from coopwizard.models import Projet
from coopwizard.paths import example_project_file
from coopwizard.store import load

TODAY = date(2026, 11, 26)


def render(doc, fmt: str) -> str:
    """The document rendered, as one line (texte wraps at 80 columns), its non-breaking
    spaces read as spaces."""
    return " ".join(_render(doc, fmt).replace("\u00a0", " ").split())

# The articles of each model in the guide's annexe 1, in its order.
ARTICLES_DU_GUIDE = {
    "convention": ["Contexte", "Objet de la convention", "Engagements", "Suivi du projet",
                   "Assurances", "Durée", "Révision", "Résiliation",
                   "Application de la convention"],
    "convention-materiel": ["Contexte", "Objet de la convention", "Obligations", "Assurances",
                            "Révision", "Résiliation"],
    "convention-local": ["Contexte", "Objet de la convention", "Obligations", "Assurances",
                         "Durée", "Révision", "Résiliation"],
    "convention-salarie": ["Contexte", "Objet de la convention", "Obligations",
                           "Missions du salarié", "Modalités financières", "Durée", "Révision",
                           "Résiliation"],
}

PROJET = {
    "nom": "Fête des Lilas",
    "resume": "Une fête.",
    "date_debut": "2027-01-01", "date_fin": "2027-06-30",
    "conception": {"objectifs": "Réunir 150 habitants.\nFaire connaître les associations."},
    "associations": [
        {"nom": "Les Jardins", "role": "porteur", "siret": "42831729100014",
         "representant_nom": "Sophie Martin", "representant_fonction": "Présidente"},
        {"nom": "Amicale du Parc", "siret": "51209463000022",
         "representant_nom": "Ahmed Benali", "representant_fonction": "Président"},
    ],
    "moyens": {"besoins": [
        {"categorie": "locaux", "description": "Salle polyvalente", "apporte_par": "Amicale du Parc",
         "forme": "mise_a_disposition_onereuse", "lieu": "3 allée du Parc", "horaires": "mardis 14 h",
         "precisions": "80 m²", "capacite": "60", "cout": "150"},
        {"categorie": "materiels", "description": "Tables et chaises", "apporte_par": "Amicale du Parc",
         "forme": "pret"},
        {"categorie": "humains", "description": "Animatrice", "apporte_par": "Les Jardins",
         "beneficiaire": "Amicale du Parc", "forme": "mise_a_disposition_onereuse",
         "cout": "18.5", "horaires": "Amicale : jeudi, 8 h par semaine"},
        {"categorie": "materiels", "description": "Sono", "a_trouver": True},
    ]},
}


def _articles(doc) -> list[str]:
    return [b.texte.split("–", 1)[1].strip() for b in doc.blocs
            if isinstance(b, Titre) and b.texte.startswith("Article")]


@pytest.mark.parametrize("nom", list(ARTICLES_DU_GUIDE))
@pytest.mark.parametrize("donnees", [PROJET, {}], ids=["rempli", "vide"])
def test_every_article_of_the_guide_model_in_order(nom, donnees):
    doc = DOCUMENTS[nom].build(Projet.model_validate(donnees), TODAY)
    assert _articles(doc) == ARTICLES_DU_GUIDE[nom]
    signatures = [b for b in doc.blocs if isinstance(b, Signatures)]
    assert signatures and all(s.a_signer and len(s.noms) >= 2 for s in signatures)


def test_convention_states_the_objectives_answered_in_conception():
    doc = DOCUMENTS["convention"].build(Projet.model_validate(PROJET), TODAY)
    objectifs = next(b for b in doc.blocs if isinstance(b, Champ) and b.libelle.startswith("Objectifs"))
    assert objectifs.valeur == PROJET["conception"]["objectifs"]


def test_signature_block_names_the_legal_representative_with_room_to_sign():
    doc = DOCUMENTS["convention"].build(Projet.model_validate(PROJET), TODAY)
    (bloc,) = [b for b in doc.blocs if isinstance(b, Signatures)]
    assert bloc.noms == ("Pour Les Jardins", "Pour Amicale du Parc")
    assert bloc.lignes[0][:2] == ("Sophie Martin", "Présidente")
    assert any("Fait à" in ligne for ligne in bloc.lignes[1])
    text = render(doc, "texte")
    assert "représentée par Sophie Martin, en sa qualité de Présidente" in text


def test_missing_representative_is_to_complete_not_the_contact_person():
    projet = Projet.model_validate({"associations": [
        {"nom": "A", "contact_nom": "Léa Contact"}, {"nom": "B"}]})
    text = render(DOCUMENTS["convention"].build(projet, TODAY), "texte")
    assert "Léa Contact" not in text
    assert "représentée par …………… (à compléter)" in text
    assert "Prénom et nom : à compléter" in text


def test_a_wrong_siret_is_flagged_in_the_document():
    doc = DOCUMENTS["convention"].build(Projet.model_validate(PROJET), TODAY)
    sirets = [b for b in doc.blocs if isinstance(b, Paragraphe) and b.texte.startswith("SIRET")]
    assert sirets[0].texte == "SIRET n° 42831729100014" and sirets[0].style == "normal"
    assert "SIRET à vérifier" in sirets[1].texte and sirets[1].style == "alerte"
    for fmt in ("texte", "html", "markdown"):
        assert "SIRET à vérifier" in render(doc, fmt)


def test_local_prefilled_from_the_shared_need():
    doc = DOCUMENTS["convention-local"].build(Projet.model_validate(PROJET), TODAY)
    champs = {b.libelle: b.valeur for b in doc.blocs if isinstance(b, Champ)}
    assert champs["Adresse"] == "3 allée du Parc"
    assert champs["Description et superficie"] == "Salle polyvalente\n80 m²"
    assert champs["Jours et horaires"] == "mardis 14 h"
    assert champs["Capacité maximale d'occupation des salles"] == "60 personnes"
    assert champs["Matériel disponible (tables, chaises, paperboard…)"] == "Tables et chaises"
    assert champs["Contribution financière"].startswith("150,00")
    text = render(doc, "texte")
    # Lent by the Amicale to the porteur.
    assert "Amicale du Parc met à la disposition des Jardins les locaux suivants" in text
    assert "verser la contribution financière" in text
    assert doc.titre == "Convention de mise à disposition d'un local à titre onéreux"


def test_free_room_says_so_and_asks_no_payment():
    projet = Projet.model_validate({"moyens": {"besoins": [
        {"categorie": "locaux", "description": "Cuisine", "apporte_par": "Maison de quartier",
         "forme": "mise_a_disposition_gratuite"}]}, "associations": [{"nom": "Les Jardins"}]})
    doc = DOCUMENTS["convention-local"].build(projet, TODAY)
    assert doc.titre.endswith("à titre gratuit")
    assert "contribution financière" not in render(doc, "texte")


def test_salarie_hourly_cost_monthly_invoice_and_hours():
    doc = DOCUMENTS["convention-salarie"].build(Projet.model_validate(PROJET), TODAY)
    champs = {b.libelle: b.valeur for b in doc.blocs if isinstance(b, Champ)}
    assert champs["Coût horaire brut du salarié"].startswith("18,50")
    assert champs["Répartition des heures entre les associations (jours, horaires, heures par semaine)"] \
        == "Amicale : jeudi, 8 h par semaine"
    listes = {b.libelle: b.elements for b in doc.blocs if isinstance(b, Liste)}
    assert "Chaque mois, Les Jardins facture à Amicale du Parc" in listes


def test_materiel_one_convention_per_loan_and_none_for_what_is_to_find():
    projet = Projet.model_validate(PROJET)
    projet.moyens.besoins.append(projet.moyens.besoins[1].model_copy(
        update={"description": "Barnums", "apporte_par": "Les Jardins", "id": "zzzzzzzz"}))
    doc = DOCUMENTS["convention-materiel"].build(projet, TODAY)
    text = render(doc, "texte")
    assert "Tables et chaises" in text and "Barnums" in text and "Sono" not in text
    nouvelles = [b for b in doc.blocs if isinstance(b, Titre) and b.nouvelle_page]
    assert len(nouvelles) == 1  # the second convention starts a new page
    assert _articles(doc) == ARTICLES_DU_GUIDE["convention-materiel"] * 2


def test_without_a_matching_need_the_blank_model_says_what_to_complete():
    doc = DOCUMENTS["convention-salarie"].build(load(example_project_file()), TODAY)
    assert doc.blocs[0].style == "note" and "à compléter" in doc.blocs[0].texte


@pytest.mark.parametrize(("nom", "attendu_de", "attendu_a"), [
    ("Les Jardins", "des Jardins", "aux Jardins"),
    ("Le Comité", "du Comité", "au Comité"),
    ("Amicale du Parc", "d'Amicale du Parc", "à Amicale du Parc"),
    ("Mairie", "de Mairie", "à Mairie"),
])
def test_french_contractions_before_a_name(nom, attendu_de, attendu_a):
    assert de(nom) == attendu_de and a_(nom) == attendu_a
