"""The guide's content (data/guide/): every question bound to a real field of
Projet, every answer field asked exactly once, the guide's substance present."""

from __future__ import annotations

import shutil
import typing
import unicodedata
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import BaseModel

from coopwizard.guide import EDITEURS, Guide, champ_generique, load_guide, progress
from coopwizard.models import Projet
from coopwizard.models.paths import unwrap, answer_paths, field_info, list_item_model
from coopwizard.paths import shipped_data_dir

ORGANISATION = ["conception", "collectif", "programmation", "realisation", "evaluation"]
ORDRE = ["projet", "envie", "connaissance", *ORGANISATION, "moyens"]

# Where each group of fields is asked (issue 3: one home per part of Projet).
PLACEMENT = {
    "nom": "projet",
    "resume": "projet",
    "date_debut": "projet",
    "date_fin": "projet",
    "associations": "projet",
    "envie": "envie",
    "connaissance": "connaissance",
    "conception": "conception",
    "collectif": "collectif",
    "reunions": "collectif",
    "programmation": "programmation",
    "taches": "programmation",
    "budget": "programmation",
    "realisation": "realisation",
    "evaluation": "evaluation",
    "moyens": "moyens",
}

EDITEUR_DE_LISTE = {
    "associations": "associations",
    "collectif.membres": "membres",
    "reunions": "reunions",
    "taches": "taches",
    "budget.lignes": "budget",
    "evaluation.indicateurs": "indicateurs",
    "moyens.besoins": "besoins",
}


@pytest.fixture(scope="module")
def guide() -> Guide:
    return load_guide()


def _sans_accents(texte: str) -> str:
    decompose = unicodedata.normalize("NFKD", texte.casefold())
    return "".join(c for c in decompose if not unicodedata.combining(c))


def _literal_values(annotation) -> tuple[set[str] | None, bool]:
    """(values of the Literal, is it a list of them?) — (None, _) if no Literal."""
    annotation = unwrap(annotation)
    multiple = typing.get_origin(annotation) is list
    if multiple:
        annotation = unwrap(typing.get_args(annotation)[0])
    if typing.get_origin(annotation) is typing.Literal:
        return set(typing.get_args(annotation)), multiple
    return None, multiple


def _literal_fields(model: type[BaseModel], prefix: str = "") -> dict[str, set[str]]:
    """Every Literal field under model, by generic path, list items included."""
    found = {}
    for name, info in model.model_fields.items():
        path = f"{prefix}{name}"
        values, _ = _literal_values(info.annotation)
        if values is not None:
            found[path] = values
            continue
        inner = unwrap(info.annotation)
        if typing.get_origin(inner) is list:
            inner = unwrap(typing.get_args(inner)[0])
        if isinstance(inner, type) and issubclass(inner, BaseModel):
            found.update(_literal_fields(inner, f"{path}."))
    return found


# --- loading ---------------------------------------------------------------


def test_shipped_guide_loads_in_the_wizard_order(guide):
    assert guide.ordre == ORDRE
    assert set(guide.etapes) == set(ORDRE)
    assert guide.etapes["conception"].phase == "preparation"
    assert guide.etapes["evaluation"].phase == "evaluation_finale"


def test_every_step_has_a_short_title_for_the_sidebar(guide):
    for etape in guide.etapes.values():
        assert etape.titre_court, etape.id
        assert len(etape.titre_court) <= 22, etape.titre_court
        assert etape.intro.strip(), etape.id
    for condition in guide.conditions:
        assert len(condition.nom_court) <= 22, condition.nom_court
        for phase in condition.phases:
            assert len(phase.titre) <= 22, phase.titre


# --- binding to Projet -------------------------------------------------------


def test_every_question_points_to_a_real_field(guide):
    for etape, question in guide.questions():
        assert field_info(Projet, question.champ) is not None, (etape.id, question.champ)


def _non_poses(guide: Guide) -> set[str]:
    return set(answer_paths(Projet)) - {q.champ for _, q in guide.questions()}


def test_every_answer_field_is_asked_exactly_once(guide):
    asked = [q.champ for _, q in guide.questions()]
    doublons = {c for c in asked if asked.count(c) > 1}
    assert not doublons
    # Record lists (associations, taches...) are one path each in answer_paths.
    assert not _non_poses(guide)
    assert set(asked) == set(answer_paths(Projet))


def test_a_field_left_unasked_is_noticed(guide_copy):
    moyens = guide_copy / "etapes" / "moyens.toml"
    text = moyens.read_text(encoding="utf-8")
    debut = text.index('[[questions]]\nchamp = "moyens.assurance_notes"')
    moyens.write_text(text[:debut], encoding="utf-8")
    assert _non_poses(load_guide(guide_copy)) == {"moyens.assurance_notes"}


def test_each_field_is_asked_in_its_step(guide):
    for etape, question in guide.questions():
        assert PLACEMENT[question.champ.split(".")[0]] == etape.id, question.champ


def test_question_types_match_the_field_types(guide):
    for _, question in guide.questions():
        annotation = unwrap(field_info(Projet, question.champ).annotation)
        values, multiple = _literal_values(annotation)
        if question.type == "choix":
            assert values is not None and not multiple, question.champ
        elif question.type == "choix_multiple":
            assert values is not None and multiple, question.champ
        elif question.type == "liste":
            assert typing.get_origin(annotation) is list and values is None, question.champ
        elif question.type == "date":
            assert annotation is date, question.champ
        elif question.type == "oui_non":
            assert annotation is bool, question.champ
        else:  # texte, texte_long
            assert annotation is str, question.champ


def test_choice_values_are_exactly_the_field_literal(guide):
    for _, question in guide.questions():
        if question.type not in ("choix", "choix_multiple"):
            continue
        values, _ = _literal_values(field_info(Projet, question.champ).annotation)
        offered = [c.valeur for c in question.choix]
        assert len(offered) == len(set(offered)), question.champ
        assert set(offered) == values, question.champ
        assert all(c.libelle for c in question.choix), question.champ


def test_every_choice_value_of_projet_has_a_french_label(guide):
    # Editors show labels for the Literal fields inside records (besoins.forme...).
    for path, values in _literal_fields(Projet).items():
        labels = guide.choix_de(path)
        assert set(labels) == values, path
        assert all(labels.values()), path


def test_list_questions_name_their_editor(guide):
    listes = {q.champ: q.editeur for _, q in guide.questions() if q.type == "liste"}
    assert listes == EDITEUR_DE_LISTE
    assert set(listes.values()) <= EDITEURS


def test_etape_de_champ_finds_the_step_of_any_path(guide):
    for path in answer_paths(Projet):
        assert guide.etape_de_champ(path) == PLACEMENT[path.split(".")[0]], path
    assert guide.etape_de_champ("associations.1.siret") == "projet"
    assert guide.etape_de_champ("budget.lignes.0.montant") == "programmation"
    assert guide.etape_de_champ("reunions.2.decisions.0.point") == "collectif"
    assert guide.etape_de_champ("envie.freins") == "envie"
    assert guide.etape_de_champ("inconnu.champ") is None
    assert champ_generique("moyens.besoins.3.forme") == "moyens.besoins.forme"
    assert guide.libelle_valeur("moyens.besoins.3.forme", "pret") == "Prêt"
    assert guide.libelle_valeur("moyens.besoins.3.forme", "inconnue") == "inconnue"


_LISTES = {
    path: list_item_model(field_info(Projet, path).annotation)
    for path in answer_paths(Projet)
    if list_item_model(field_info(Projet, path).annotation) is not None
}


@given(
    liste=st.sampled_from(sorted(_LISTES)),
    index=st.integers(min_value=0, max_value=999),
    data=st.data(),
)
def test_any_path_inside_a_record_leads_to_its_list_step(guide, liste, index, data):
    sous_champ = data.draw(st.sampled_from(sorted(_LISTES[liste].model_fields)))
    chemin = f"{liste}.{index}.{sous_champ}"
    assert guide.etape_de_champ(chemin) == PLACEMENT[liste.split(".")[0]]
    assert guide.question_de_champ(chemin)[1].champ == liste


def test_progress_counts_every_question(guide):
    counts = progress(guide, Projet())
    assert all(done == 0 for done, _ in counts.values())
    assert sum(total for _, total in counts.values()) == len(guide.questions())
    projet = Projet(nom="Repas", envie={"motivations": ["valeurs"]})
    counts = progress(guide, projet)
    assert counts["projet"][0] == 1 and counts["envie"][0] == 1


# --- the guide's substance ----------------------------------------------------


def test_organisation_steps_have_all_six_facets(guide):
    for etape_id in ORGANISATION:
        facettes = guide.etapes[etape_id].facettes
        assert facettes is not None, etape_id
        for nom in ("questions", "contexte", "objectifs", "taches", "outils", "communication"):
            valeur = getattr(facettes, nom)
            elements = (valeur,) if isinstance(valeur, str) else valeur
            assert elements and all(e.strip() for e in elements), (etape_id, nom)


def test_the_five_words_are_in_the_guide(guide):
    mots = ["souplesse", "communication", "respect", "bienveillance", "methode"]
    assert [_sans_accents(m) for m in guide.mots_cles] == mots
    repere = " ".join(
        " ".join((r.titre, r.texte, *r.points)) for r in guide.etapes["envie"].reperes
    )
    for mot in mots:
        assert mot in _sans_accents(repere), mot


def test_freins_and_motivations_carry_the_guide_answer(guide):
    freins = [q for _, q in guide.questions() if q.champ.startswith("envie.freins.")]
    assert {q.champ.rsplit(".", 1)[1] for q in freins} == {
        "avec_qui", "identite", "concurrence", "temps", "confiance", "autres"
    }
    assert all(q.type == "texte_long" and q.aide.strip() for q in freins)
    for champ in ("envie.motivations", "connaissance.conditions_rencontre", "moyens.formalisation"):
        _, question = guide.question(champ)
        assert all(c.aide.strip() for c in question.choix), champ


def test_arguments_come_in_the_guide_three_families(guide):
    _, question = guide.question("moyens.arguments")
    assert len({c.groupe for c in question.choix}) == 3
    assert all(c.groupe for c in question.choix)


@pytest.mark.parametrize(
    ("etape_id", "mots"),
    [
        ("conception", ["feuille de route", "formalise"]),
        ("collectif", ["8 a 10"]),
        ("collectif", ["coordonner", "delegue"]),
        ("connaissance", ["animation"]),
        ("moyens", ["assur"]),
        ("moyens", ["louer", "dons"]),
        ("moyens", ["disponibles"]),
        ("evaluation", ["financeurs", "evaluation"]),
    ],
)
def test_the_guide_tips_are_carried(guide, etape_id, mots):
    textes = [
        _sans_accents(" ".join((c.titre, c.texte, *c.points)))
        for c in guide.etapes[etape_id].conseils
    ]
    assert any(all(mot in texte for mot in mots) for texte in textes), (etape_id, mots)


def test_every_conseil_type_is_used(guide):
    types_ = {c.type for e in guide.etapes.values() for c in (*e.conseils, *e.reperes)}
    assert types_ == {"astuce", "attention", "entendu", "exemple"}


def test_text_is_short_and_safe_to_display(guide):
    for etape, question in guide.questions():
        assert question.libelle.strip() and len(question.libelle) <= 70, question.libelle
        assert len(question.aide) <= 400, question.champ
        for texte in (question.libelle, question.aide, question.exemple):
            # Square brackets would be read as Rich markup by the UI.
            assert "[" not in texte and "\\" not in texte, question.champ


# --- the loader refuses an incoherent guide -----------------------------------


@pytest.fixture
def guide_copy(tmp_path) -> Path:
    dest = tmp_path / "guide"
    shutil.copytree(shipped_data_dir() / "guide", dest)
    return dest


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_copy_of_the_guide_loads(guide_copy, guide):
    assert load_guide(guide_copy) == guide


def test_step_named_in_structure_without_file_is_refused(guide_copy):
    (guide_copy / "etapes" / "realisation.toml").unlink()
    with pytest.raises(ValueError, match="sans fichier"):
        load_guide(guide_copy)


def test_step_file_not_in_structure_is_refused(guide_copy):
    shutil.copy(guide_copy / "etapes" / "envie.toml", guide_copy / "etapes" / "envie2.toml")
    _edit(guide_copy / "etapes" / "envie2.toml", 'id = "envie"', 'id = "envie2"')
    with pytest.raises(ValueError, match="absent"):
        load_guide(guide_copy)


def test_file_name_must_match_step_id(guide_copy):
    _edit(guide_copy / "etapes" / "envie.toml", 'id = "envie"', 'id = "envies"')
    with pytest.raises(ValueError, match="attendu « envie »"):
        load_guide(guide_copy)


def test_unknown_field_is_refused(guide_copy):
    _edit(guide_copy / "etapes" / "moyens.toml", '"moyens.assurance_notes"', '"moyens.assurances"')
    with pytest.raises(ValueError, match="n'existe pas"):
        load_guide(guide_copy)


def test_field_asked_twice_is_refused(guide_copy):
    _edit(guide_copy / "etapes" / "moyens.toml", '"moyens.assurance_notes"', '"nom"')
    with pytest.raises(ValueError, match="déjà posée"):
        load_guide(guide_copy)


def test_list_without_known_editor_is_refused(guide_copy):
    _edit(guide_copy / "etapes" / "programmation.toml", 'editeur = "taches"', 'editeur = "planning"')
    with pytest.raises(ValueError, match="éditeur inconnu"):
        load_guide(guide_copy)


def test_step_in_the_wrong_phase_is_refused(guide_copy):
    _edit(guide_copy / "etapes" / "collectif.toml", 'phase = "preparation"', 'phase = "mise_en_oeuvre"')
    with pytest.raises(ValueError, match="structure.toml dit"):
        load_guide(guide_copy)
