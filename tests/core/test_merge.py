"""Issue 11: the merge on the example project, case by case, and deciding its conflicts."""

from __future__ import annotations

from datetime import date, datetime

import pytest
import tomli

from coopwizard import store
from coopwizard.checklist import build
from coopwizard.conflits import (
    Libelles,
    decrire,
    dire_changements,
    libelle_conflit,
    peut_garder_les_deux,
    resoudre,
)
from coopwizard.diagnostics import diagnose
from coopwizard.documents import produire
from coopwizard.guide import guide
from coopwizard.merge import canonical, merge
from coopwizard.models import Projet, Tache
from coopwizard.paths import example_project_file

AHMED = "Ahmed, Amicale des locataires"


@pytest.fixture
def base() -> Projet:
    return store.load(example_project_file())


def _copies(base: Projet) -> tuple[Projet, Projet]:
    ours, theirs = base.model_copy(deep=True), base.model_copy(deep=True)
    theirs.enregistrement.par, theirs.enregistrement.association = "Ahmed", \
        "Amicale des locataires"
    return ours, theirs


def test_two_versions_edited_in_different_fields_are_both_kept(base):
    ours, theirs = _copies(base)
    ours.nom = "Repas des Lilas 2027"
    ours.taches[0].responsable = "Luc"
    theirs.conception.objectifs = "Réunir 200 habitants."
    theirs.taches[0].echeance = date(2026, 10, 15)  # same record, another field
    result = merge(base, ours, theirs)
    merged = result.projet()
    assert result.conflicts == []
    assert merged.nom == "Repas des Lilas 2027"
    assert merged.conception.objectifs == "Réunir 200 habitants."
    assert (merged.taches[0].responsable, merged.taches[0].echeance) == ("Luc", date(2026, 10, 15))
    assert [c.libelle for c in result.changes] == [
        "Conception du projet, Objectifs du projet",
        "Tâche 1 (Rédiger la fiche projet), Échéance"]
    assert dire_changements(result.changes, AHMED)[0] == (
        f"Conception du projet, Objectifs du projet : modifié par {AHMED}")


def test_the_same_field_changed_differently_is_a_conflict_that_keeps_both(base):
    ours, theirs = _copies(base)
    ours.nom, theirs.nom = "Nom de Sophie", "Nom d'Ahmed"
    ours.enregistrement.par = "Sophie"
    when = datetime(2026, 12, 1, 10, 10).astimezone()
    result = merge(base, ours, theirs, le=when)
    (conflit,) = result.conflicts
    assert (conflit.champ, conflit.notre_valeur, conflit.leur_valeur) == (
        "nom", "Nom de Sophie", "Nom d'Ahmed")
    assert (conflit.notre_auteur, conflit.leur_auteur, conflit.le) == ("Sophie", AHMED, when)
    merged = result.projet()
    assert merged.nom == "Nom de Sophie"  # ours stays in place: the file is a valid project
    saved = tomli.loads(store.dumps(merged))["conflits"][0]
    assert (saved["notre_valeur"], saved["leur_valeur"]) == ("Nom de Sophie", "Nom d'Ahmed")
    assert "Nom d'Ahmed" in "\n".join(map(str, diagnose(merged)))
    assert merge(base, merged, theirs).conflicts == []  # merged twice: recorded once


def test_long_texts_are_merged_line_by_line_unless_the_changes_overlap(base):
    ours, theirs = _copies(base)
    ours.conception.objectifs += "\nFaire venir les écoles."
    theirs.conception.objectifs = "Créer du lien.\n" + theirs.conception.objectifs
    merged = merge(base, ours, theirs).projet().conception.objectifs
    assert merged.startswith("Créer du lien.\nRéunir") and merged.endswith("les écoles.")
    ours.conception.objectifs = "Tout autre chose."
    assert merge(base, ours, theirs).conflicts[0].champ == "conception.objectifs"


def test_records_added_on_both_sides_are_kept_deletions_honoured(base):
    ours, theirs = _copies(base)
    ours.taches.insert(1, Tache(intitule="De Sophie"))
    theirs.taches.insert(3, Tache(intitule="D'Ahmed"))
    del theirs.taches[-1]
    result = merge(base, ours, theirs)
    titres = [t.intitule for t in result.projet().taches]
    assert titres[1] == "De Sophie" and titres[4] == "D'Ahmed"  # each in its place
    assert "Réunion de bilan et diffusion du bilan" not in titres
    assert len(titres) == len(base.taches) + 1
    assert {c.genre for c in result.changes} == {"ajoute", "supprime"}


def test_only_their_reordering_is_taken(base):
    ours, theirs = _copies(base)
    theirs.taches = list(reversed(theirs.taches))
    ours.taches[0].statut = "en_cours"
    merged = merge(base, ours, theirs).projet()
    assert [t.id for t in merged.taches] == [t.id for t in theirs.taches]
    assert merged.taches[-1].statut == "en_cours"


def test_a_record_deleted_on_one_side_and_edited_on_the_other_is_a_conflict(base):
    ours, theirs = _copies(base)
    gone = ours.taches.pop(2)
    theirs.taches[2].responsable = "Zoé"
    result = merge(base, ours, theirs)
    (conflit,) = result.conflicts
    assert conflit.champ == f"taches.#{gone.id}" and conflit.notre_valeur is None
    merged = result.projet()
    assert gone.id not in [t.id for t in merged.taches]  # ours: deleted, for now
    label = libelle_conflit(merged.conflits[0], Libelles(merged))
    assert label == "Tâche « Établir le budget prévisionnel »"
    assert "supprimé dans une version et modifié par Ahmed" in decrire(merged.conflits[0])
    back = resoudre(merged, merged.conflits[0], "leur")
    assert back.taches[-1].responsable == "Zoé" and back.conflits == []
    assert not peut_garder_les_deux(merged.conflits[0])
    with pytest.raises(ValueError, match="ne vaut que pour un texte"):
        resoudre(merged, merged.conflits[0].id, "les_deux")


def test_choice_lists_merge_as_sets(base):
    ours, theirs = _copies(base)
    ours.envie.motivations = [*ours.envie.motivations, "etre_plus_fort"]
    theirs.envie.motivations = ["valeurs"]
    assert merge(base, ours, theirs).projet().envie.motivations == ["valeurs", "etre_plus_fort"]


def test_resolving_keeps_mine_theirs_or_both_texts(base):
    ours, theirs = _copies(base)
    ours.enregistrement.par = "Sophie"
    ours.conception.constats, theirs.conception.constats = "Ma version.", "Sa version."
    ours.nom, theirs.nom = "A", "B"
    merged = merge(base, ours, theirs).projet()
    by_field = {c.champ: c for c in merged.conflits}
    both = resoudre(merged, by_field["conception.constats"], "les_deux")
    assert both.conception.constats == (
        "——— Version de Sophie ———\nMa version.\n\n"
        f"——— Version d'{AHMED} ———\nSa version.")
    assert [c.champ for c in both.conflits] == ["nom"]
    assert resoudre(both, by_field["nom"], "leur").nom == "B"
    assert resoudre(both, by_field["nom"].id, "mien").nom == "A"
    with pytest.raises(ValueError, match="déjà été tranché"):
        resoudre(both, by_field["conception.constats"], "mien")


def test_no_ancestor_every_difference_is_a_conflict_additions_are_kept(base):
    ours, theirs = _copies(base)
    ours.nom = "A"
    theirs.nom = "B"
    theirs.realisation.ambiance = "Très bonne."
    result = merge(None, ours, theirs)
    assert [c.champ for c in result.conflicts] == ["nom"]
    assert result.projet().realisation.ambiance == "Très bonne."


def test_file_data_and_model_dumps_mean_the_same(base):
    raw = tomli.loads(example_project_file().read_text(encoding="utf-8"))
    ours = base.model_copy(deep=True)
    ours.nom = "Autre"
    result = merge(raw, ours.model_dump(mode="json"), base.model_dump(mode="json"))
    assert result.conflicts == [] and result.merged["nom"] == "Autre"
    assert canonical(raw) == canonical(base)


def test_version_2_files_without_ids_merge_record_by_record():
    v2 = 'schema_version = 2\n[[taches]]\nintitule = "Salle"\n[[taches]]\nintitule = "Affiches"\n'
    ours = v2 + '[[taches]]\nintitule = "Buvette"\n'
    theirs = v2.replace('"Affiches"', '"Affiches"\nresponsable = "Ahmed"')
    data = [tomli.loads(t) for t in (v2, ours, theirs)]
    merged = merge(*data).projet()
    assert [(t.intitule, t.responsable) for t in merged.taches] == [
        ("Salle", ""), ("Affiches", "Ahmed"), ("Buvette", "")]


def test_the_checklist_and_check_show_conflicts_without_ids(base):
    ours, theirs = _copies(base)
    ours.nom, theirs.nom = "A", "B"
    del ours.taches[0]
    theirs.taches[0].responsable = "Zoé"
    merged = merge(base, ours, theirs).projet()
    groupe = build(guide(), merged, date(2026, 11, 26)).groupes[0]
    assert groupe.titre == "Désaccords entre versions à trancher"
    assert [e.statut for e in groupe.elements] == ["alerte", "alerte"]
    assert groupe.elements[0].libelle == "Choisir la bonne version\u00a0: Nom du projet"
    # Documents put non-breaking spaces before « : » and inside « »: read them as spaces.
    texte = produire("checklist", "markdown", merged, date(2026, 11, 26)).replace("\u00a0", " ")
    problemes = "\n".join(map(str, diagnose(merged)))
    for conflit in merged.conflits:
        assert conflit.id not in texte and conflit.id not in problemes
    assert base.taches[0].id not in texte and base.taches[0].id not in problemes
    assert "Tâche « Rédiger la fiche projet »" in texte
    assert build(guide(), base, date(2026, 11, 26)).groupes[0].id != "desaccords"


def test_conflicts_already_in_both_versions_are_merged_as_records(base):
    ours, theirs = _copies(base)
    ours.nom, theirs.nom = "A", "B"
    with_conflict = merge(base, ours, theirs).projet()
    resolved = resoudre(with_conflict, with_conflict.conflits[0], "mien")
    other = with_conflict.model_copy(deep=True)
    other.resume = "Résumé d'Ahmed"
    merged = merge(with_conflict, resolved, other).projet()
    assert merged.conflits == [] and merged.resume == "Résumé d'Ahmed"  # decided stays decided
