"""Issue 10: hand edits never lock the user out.

A wrong value opens, prints, is reported by `check` with its line and a
suggestion, and is kept as written until the user changes that field.
"""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from decimal import Decimal

import pytest
import tomli
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coopwizard import store
from coopwizard.diagnostics import diagnose
from coopwizard.models import Projet, Tache
from coopwizard.store.lignes import locate
from coopwizard.store.rapport import closest

HAND_EDITED = """\
# Notre projet, corrigé à la main
schema_version = 2
nom = "Fête des voisins"
date_debut = "1/9/2026"

[conceptoin]
objectifs = "Se rencontrer"

[conception]
objectfis = "Se rencontrer"

[envie]
motivations = ["valeurs", "Convivialité"]

[[taches]]
intitule = "Réserver la salle"
statut = "Fait"

[[taches]]
intitule = "Faire les affiches"
statut = "a_faire"

[[budget.lignes]]
compte = "60"
libelle = "Courses"
montant = 180.5
"""


def _line(text: str, start: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if line.startswith(start))


def run(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_COLOR": "1", "COOPWIZARD_AUJOURDHUI": "2026-06-15"}
    return subprocess.run([sys.executable, "-m", "coopwizard", *args], capture_output=True,
                          text=True, env=env, timeout=60, check=False)


@pytest.fixture
def hand_edited(tmp_path):
    path = tmp_path / "projet.toml"
    path.write_text(HAND_EDITED, encoding="utf-8")
    return path


def test_check_lists_each_problem_with_its_line_and_a_suggestion(hand_edited):
    result = run("check", str(hand_edited))
    assert result.returncode == 1, result.stderr
    out = result.stdout
    expected = [
        (_line(HAND_EDITED, 'statut = "Fait"'),
         ("Tâche 1, Statut : doit être l'une des valeurs : a_faire, en_cours, fait "
          "(valeur trouvée : « Fait ») : vouliez-vous dire « fait » ?")),
        (_line(HAND_EDITED, "[conceptoin]"), "vouliez-vous dire [conception] ?"),
        (_line(HAND_EDITED, "objectfis"), "vouliez-vous dire « objectifs » ?"),
        (_line(HAND_EDITED, "motivations"), "vouliez-vous dire « convivialite » ?"),
    ]
    for line, text in expected:
        assert any(f"ligne {line} : " in row and text in row for row in out.splitlines()), (
            line, text, out)
    assert "gardée telle quelle" in out
    # a float amount and a French date are simply read: nothing to say about them
    assert "Montant" not in out and "Date de début" not in out
    assert hand_edited.read_text(encoding="utf-8") == HAND_EDITED  # check never writes


def test_check_exit_codes(tmp_path):
    clean = tmp_path / "propre.toml"
    clean.write_text('nom = "Fête"\n', encoding="utf-8")
    assert run("check", str(clean)).returncode == 0
    unreadable = tmp_path / "casse.toml"
    unreadable.write_text('nom = "Fête"\nresume = "sans fin\n[conception]\n', encoding="utf-8")
    result = run("check", str(unreadable))
    assert result.returncode == 2
    assert "guillemet fermant manquant ligne 2" in result.stderr


def test_checklist_and_fiche_print_for_a_hand_edited_file(hand_edited):
    checklist = run("checklist", str(hand_edited), "-f", "texte")
    assert checklist.returncode == 0, checklist.stderr
    assert "Fête des voisins" in checklist.stdout or "☐" in checklist.stdout
    fiche = run("fiche", str(hand_edited), "-f", "texte")
    assert fiche.returncode == 0, fiche.stderr
    # The fiche tells the planning by phase; the task itself is in the planning.
    assert "Fête des voisins" in fiche.stdout and "2 tâches" in fiche.stdout
    planning = run("export", str(hand_edited), "planning", "-f", "texte")
    assert planning.returncode == 0 and "Réserver la salle" in planning.stdout
    assert "Traceback" not in checklist.stderr + fiche.stderr + planning.stderr


def test_wrong_choice_survives_a_save_that_changed_another_field(hand_edited):
    projet = store.load(hand_edited)
    assert projet.taches[0].statut == "a_faire"  # the stand-in the app works with
    projet.nom = "Fête des voisins 2026"
    projet.taches[0].intitule = "Réserver la grande salle"  # same record, other field
    store.save(projet, hand_edited)
    saved = tomli.loads(hand_edited.read_text(encoding="utf-8"))
    assert saved["nom"] == "Fête des voisins 2026"
    assert saved["taches"][0] == {"id": projet.taches[0].id,  # its id, first, kept
                                  "intitule": "Réserver la grande salle", "statut": "Fait"}
    assert saved["envie"]["motivations"] == ["valeurs", "Convivialité"]
    assert saved["conceptoin"] == {"objectifs": "Se rencontrer"}
    assert any("Fait" in str(p) for p in diagnose(store.load(hand_edited)))


def test_kept_value_survives_snapshots_and_record_forms(hand_edited):
    projet = store.load(hand_edited)
    # the autosave rebuilds a snapshot from a plain dump; a record form rebuilds its record
    snapshot = Projet.model_validate(projet.model_dump())
    form = {**snapshot.taches[0].model_dump(), "intitule": "Salle réservée"}
    snapshot.taches[0] = Tache.model_validate(form)
    store.save(snapshot, hand_edited)
    assert 'statut = "Fait"' in hand_edited.read_text(encoding="utf-8")


def test_kept_value_is_forgotten_once_the_user_changes_the_field(hand_edited):
    projet = store.load(hand_edited)
    projet.taches[0].statut = "fait"
    store.save(projet, hand_edited)
    assert tomli.loads(hand_edited.read_text(encoding="utf-8"))["taches"][0]["statut"] == "fait"
    projet.taches[0].statut = "a_faire"  # back to the stand-in: the user's choice, not "Fait"
    store.save(projet, hand_edited)
    text = hand_edited.read_text(encoding="utf-8")
    assert '"Fait"' not in text
    assert not any("Fait" in str(p) for p in diagnose(store.load(hand_edited)))


def test_kept_value_follows_its_record(hand_edited):
    projet = store.load(hand_edited)
    projet.taches.insert(0, Tache(intitule="Nouvelle tâche"))
    projet.taches = projet.taches  # reassigned, as the planning editor does
    store.save(projet, hand_edited)
    taches = tomli.loads(hand_edited.read_text(encoding="utf-8"))["taches"]
    assert [t.get("statut") for t in taches] == [None, "Fait", "a_faire"]


def test_float_amount_and_french_date_are_read_and_normalised(hand_edited):
    projet = store.load(hand_edited)
    assert projet.budget.lignes[0].montant == Decimal("180.5")
    assert projet.date_debut == date(2026, 9, 1)


def test_missing_closing_quote_is_named_with_its_line():
    with pytest.raises(store.ProjectFileError, match="guillemet fermant manquant ligne 2"):
        store.loads('nom = "Fête"\nresume = "Un texte sans fin\n')
    with pytest.raises(store.ProjectFileError, match="guillemet fermant manquant ligne 2"):
        store.loads("nom = 'Fête'\nresume = '''Un texte sans fin\n")


def test_a_bare_date_that_is_not_toml_says_how_to_write_it():
    with pytest.raises(store.ProjectFileError, match="ligne 2 : la date 2026-9-1 s'écrit 2026-09"):
        store.loads('nom = "Fête"\ndate_debut = 2026-9-1\n')
    with pytest.raises(store.ProjectFileError, match="ligne 1 : la date 1/9/2026 s'écrit 2026-09"):
        store.loads("date_debut = 1/9/2026  # rentrée\n")
    with pytest.raises(store.ProjectFileError, match="31/02/2027 n'est pas une date qui existe"):
        store.loads("date_fin = 31/02/2027\n")
    with pytest.raises(store.ProjectFileError) as err:
        store.loads("version = 1.2.3\n")
    assert "date" not in str(err.value)


def test_suggestions_ignore_case_accents_and_spaces():
    choices = ("a_faire", "en_cours", "fait")
    assert closest("Fait", choices) == "fait"
    assert closest("À faire", choices) == "a_faire"
    assert closest("En cour", choices) == "en_cours"
    assert closest("n'importe quoi", choices) is None
    assert closest("conceptoin", Projet.model_fields) == "conception"


def test_lines_are_found_past_strings_arrays_and_nested_tables():
    text = (
        'nom = "a # pas un commentaire"\n'
        'resume = """\n[pas une section]\nstatut = "x"\n"""\n'
        "motivations = [\n  'valeurs', # un commentaire\n  \"x\",\n]\n"
        "[[reunions]]\nlieu = 'salle'\n"
        "[[reunions]]\n[[reunions.decisions]]\npoint = \"p\"\n"
        "[[reunions.decisions]]\ndecision = { qui = 1, quoi = [2, 3] }\n"
    )
    lines = locate(text, [("resume",), ("motivations", 1), ("reunions", 1, "decisions", 1,
                                                             "decision", "quoi", 1),
                          ("reunions", 0, "lieu"), ("reunions", 1, "lieu")])
    assert lines == {("resume",): 2, ("motivations", 1): 8, ("reunions", 0, "lieu"): 11,
                     ("reunions", 1, "decisions", 1, "decision", "quoi", 1): 16,
                     ("reunions", 1, "lieu"): 12}  # absent: its record's line


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(written=st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")),
                       max_size=30))
def test_any_text_in_a_choice_field_is_read_or_kept_as_written(tmp_path_factory, written):
    path = tmp_path_factory.mktemp("choix") / "p.toml"
    path.write_text(f'nom = "x"\n[[taches]]\nstatut = {tomli_dumps(written)}\n',
                    encoding="utf-8")
    projet = store.load(path)
    projet.nom = "y"
    store.save(projet, path)
    assert tomli.loads(path.read_text(encoding="utf-8"))["taches"][0].get("statut", "a_faire") \
        == written


def tomli_dumps(value: str) -> str:
    import tomli_w

    return tomli_w.dumps({"v": value}).split("=", 1)[1].strip()
