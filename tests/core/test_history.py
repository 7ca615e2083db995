"""Issue 11, point 6: the versions this computer saw, and the ancestor of a conflict copy."""

from __future__ import annotations

from datetime import datetime

from coopwizard import history, paths, store
from coopwizard.merge import merge
from coopwizard.models import Projet, Tache


def test_versions_are_kept_per_project_newest_first_with_date_author_reason(example_copy):
    projet = store.load(example_copy)
    projet.enregistrement.par, projet.enregistrement.association = "Sophie", "Les Jardins"
    first = history.record(example_copy, projet, "ouverture", le=datetime(2026, 12, 1, 9, 0))
    again = history.record(example_copy, store.dumps(projet), "ouverture")
    assert again == first  # the same content twice in a row: one version
    projet.nom = "Autre nom"
    history.record(example_copy, projet.model_dump(mode="json"), "fusion de copie.toml")
    kept = history.versions(example_copy)
    assert [v.raison for v in kept] == ["fusion de copie.toml", "ouverture"]
    assert kept[1].auteur == "Sophie, Les Jardins" and kept[1].le == datetime(2026, 12, 1, 9, 0)
    assert kept[0].projet().nom == "Autre nom"
    assert kept[0].fichier.is_relative_to(paths.data_dir())
    assert history.versions(example_copy.with_name("autre.toml")) == []


def test_at_most_fifty_versions(tmp_path):
    path = tmp_path / "p.toml"
    for n in range(history.MAX_VERSIONS + 5):
        history.record(path, Projet(nom=f"Version {n}"), "test")
    kept = history.versions(path)
    assert len(kept) == history.MAX_VERSIONS
    assert kept[0].projet().nom == "Version 54" and kept[-1].projet().nom == "Version 5"
    assert len(list(history.folder(path).glob("0*.toml"))) == history.MAX_VERSIONS


def test_record_never_raises(tmp_path, monkeypatch):
    assert history.record(tmp_path / "p.toml", "ceci n'est pas du TOML [", "test") is None
    monkeypatch.setattr(paths, "history_dir", lambda: tmp_path / "fichier")
    (tmp_path / "fichier").write_text("un fichier, pas un dossier")
    assert history.record(tmp_path / "p.toml", Projet(), "test") is None


def _edited(projet: Projet, **answers) -> Projet:
    copy = projet.model_copy(deep=True)
    for name, value in answers.items():
        setattr(copy, name, value)
    return copy


def test_the_ancestor_is_the_newest_version_both_sides_descend_from(example_copy):
    v1 = store.load(example_copy)
    v2 = _edited(v1, resume="Résumé 2")
    v3 = _edited(v2, date_fin=None)
    for number, version in enumerate((v1, v2, v3), start=1):
        history.record(example_copy, version, f"v{number}")
    # the copy was made from v2 elsewhere, then edited; ours went on to v3, then edited
    theirs = _edited(v2, nom="Nom d'Ahmed")
    ours = _edited(v3, resume="Résumé 3")
    found = history.find_ancestor(example_copy, ours, theirs)
    assert found is not None and found.raison == "v2"
    # v3 would be too new: the copy still has v2's date_fin, which v3 had cleared, and
    # a merge from v3 would take it for the copy's change and bring the date back
    result = merge(found.projet(), ours, theirs)
    assert result.conflicts == [] and result.projet().date_fin is None
    assert result.projet().nom == "Nom d'Ahmed" and result.projet().resume == "Résumé 3"


def test_no_ancestor_when_the_copy_was_saved_before_every_version(tmp_path):
    path = tmp_path / "p.toml"
    version = Projet(nom="Deux")
    version.enregistrement.le = datetime(2026, 12, 2, 10, 0).astimezone()
    history.record(path, version, "v2")
    theirs = Projet(nom="Un")
    theirs.enregistrement.le = datetime(2026, 12, 1, 10, 0).astimezone()
    assert history.find_ancestor(path, Projet(nom="Deux", resume="x"), theirs) is None
    theirs.enregistrement.le = None  # unknown: the content alone decides
    assert history.find_ancestor(path, Projet(nom="Deux", resume="x"), theirs).raison == "v2"
    assert history.find_ancestor(tmp_path / "r.toml", Projet(), Projet()) is None


def test_what_changed_names_the_fields_as_the_wizard_does(tmp_path):
    chemin = tmp_path / "projet.toml"
    avant = Projet(nom="Fête")
    history.record(chemin, avant, "ouverture")
    apres = store.loads(store.dumps(avant))
    apres.conception.objectifs = "Réunir 150 habitants"
    apres.nom = "Fête des Lilas"
    history.record(chemin, apres, "fusion")
    nouvelle, ancienne = history.versions(chemin)
    libelles = {c.libelle for c in history.what_changed(nouvelle, ancienne)}
    assert any("Objectifs" in lib for lib in libelles) and len(libelles) == 2
    avec_tache = store.loads(store.dumps(apres))
    avec_tache.taches = [Tache(intitule="Réserver la salle", responsable="Ahmed")]
    history.record(chemin, avec_tache, "fusion")
    (change,) = history.what_changed(history.versions(chemin)[0], nouvelle)
    assert change.genre == "ajoute" and "Réserver la salle" in change.libelle  # one, not per field
    assert history.what_changed(ancienne, None) == []
    assert history.what_changed(ancienne, ancienne) == []


def test_de_elides_before_a_vowel():
    from coopwizard.text import de

    assert de("Ahmed, Amicale") == "d'Ahmed, Amicale"
    assert de("Émilie") == "d'Émilie"
    assert de("Sophie") == "de Sophie"
    assert de("Les Jardins") == "de Les Jardins"  # an association's name is kept whole
