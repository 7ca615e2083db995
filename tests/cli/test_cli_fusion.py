"""Issue 11, point 5: `coopwizard fusionner` (a sync tool's copy) and `coopwizard fusion` (Git)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
import tomli

from coopwizard import history, store
from coopwizard.models import Projet
from coopwizard.sync_copies import find_copies

SYNCTHING = "repas.sync-conflict-20261201-101010-ABCDEFG.toml"
ROOT = Path(__file__).resolve().parents[2]


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_COLOR": "1", "COOPWIZARD_AUJOURDHUI": "2026-11-26"}
    return subprocess.run([sys.executable, "-m", "coopwizard", *args], capture_output=True,
                          text=True, cwd=cwd, env=env, timeout=120, check=False)


def _edit(path: Path, par: str = "", **answers) -> None:
    projet = store.load(path)
    for dotted, value in answers.items():
        target = projet
        *parts, last = dotted.split("__")
        for part in parts:
            target = getattr(target, part)
        setattr(target, last, value)
    projet.enregistrement.par = par
    if par == "Ahmed":
        projet.enregistrement.association = "Amicale des locataires"
    store.save(projet, path)


@pytest.fixture
def shared(example_copy) -> tuple[Path, Path]:
    """A project seen by this computer (in its history), and a sync tool's copy of it."""
    project = example_copy.with_name("repas.toml")
    example_copy.rename(project)
    history.record(project, project.read_text(encoding="utf-8"), "ouverture")
    copy = project.with_name(SYNCTHING)
    shutil.copy(project, copy)
    return project, copy


def test_a_syncthing_copy_is_found_and_merged(shared):
    project, copy = shared
    _edit(project, par="Sophie", nom="Repas des Lilas 2027")
    _edit(copy, par="Ahmed", conception__objectifs="Réunir 200 habitants.")
    (found,) = find_copies(project)
    assert found.chemin == copy and found.outil == "Syncthing"
    result = run("fusionner", str(project), str(found.chemin))
    assert result.returncode == 0, result.stdout + result.stderr
    merged = store.load(project)
    assert merged.nom == "Repas des Lilas 2027"
    assert merged.conception.objectifs == "Réunir 200 habitants."
    assert merged.conflits == []
    assert ("Conception du projet, Objectifs du projet : modifié par Ahmed, Amicale des "
            "locataires") in result.stdout
    assert "Version commune : celle du" in result.stdout
    assert not copy.exists()  # renamed, never deleted
    renamed = copy.with_name(copy.stem + f".fusionnee-{date.today().isoformat()}.toml")
    assert store.load(renamed).conception.objectifs == "Réunir 200 habitants."
    assert find_copies(project) == []
    reasons = [v.raison for v in history.versions(project)]
    assert reasons[:2] == [f"fusion de {SYNCTHING}", f"avant la fusion de {SYNCTHING}"]


def test_the_same_field_is_a_conflict_kept_in_the_file_and_reported_by_check(shared):
    project, copy = shared
    _edit(project, par="Sophie", nom="Nom de Sophie")
    _edit(copy, par="Ahmed", nom="Nom d'Ahmed")
    result = run("fusionner", str(project), str(copy))
    assert result.returncode == 1, result.stdout + result.stderr
    assert "1 désaccord à trancher" in result.stdout
    saved = tomli.loads(project.read_text(encoding="utf-8"))
    assert saved["nom"] == "Nom de Sophie"
    (conflit,) = saved["conflits"]
    assert (conflit["champ"], conflit["notre_valeur"], conflit["leur_valeur"]) == (
        "nom", "Nom de Sophie", "Nom d'Ahmed")
    assert (conflit["notre_auteur"], conflit["leur_auteur"]) == (
        "Sophie", "Ahmed, Amicale des locataires")
    check = run("check", str(project))
    assert check.returncode == 1
    assert ("Nom du projet : deux versions différentes : « Nom de Sophie » (Sophie) et "
            "« Nom d'Ahmed » (Ahmed, Amicale des locataires)") in check.stdout
    assert "ligne " in check.stdout.split("Nom du projet : deux versions")[0].splitlines()[-1]
    checklist = run("checklist", str(project), "-f", "texte")
    # The document puts a non-breaking space before the colon.
    assert "Choisir la bonne version\u00a0: Nom du projet" in checklist.stdout


def test_without_a_common_version_every_difference_is_a_conflict(example_copy, tmp_path):
    other = tmp_path / "reçu par courriel.toml"
    shutil.copy(example_copy, other)
    _edit(other, nom="Autre nom", realisation__ambiance="Très bonne.")
    result = run("fusionner", str(example_copy), str(other))
    assert result.returncode == 1
    assert "Aucune version commune" in result.stdout
    assert "traitée comme un désaccord" in result.stdout
    assert store.load(example_copy).realisation.ambiance == "Très bonne."  # added: kept


def test_errors_change_nothing(shared, tmp_path):
    project, copy = shared
    before = project.read_bytes()
    assert run("fusionner", str(project), str(tmp_path / "absente.toml")).returncode == 2
    assert run("fusionner", str(project), str(project)).returncode == 2
    broken = tmp_path / "cassée.toml"
    broken.write_text('nom = "pas fini\n', encoding="utf-8")
    result = run("fusionner", str(project), str(broken))
    assert result.returncode == 2 and "Rien n'a été fusionné" in result.stderr
    assert project.read_bytes() == before and broken.exists() and copy.exists()


def test_a_project_open_in_coopwizard_is_not_merged_behind_its_back(shared):
    from coopwizard.store.session import ProjectSession

    project, copy = shared
    with ProjectSession(project):
        result = run("fusionner", str(project), str(copy))
    assert result.returncode == 2 and "est ouvert dans coopwizard" in result.stderr
    assert copy.exists()


def test_the_merge_driver_follows_gits_contract(tmp_path):
    base, ours, theirs = (tmp_path / n for n in ("O.toml", "A.toml", "B.toml"))
    store.save(Projet(nom="Fête", resume="Un repas."), base)
    store.save(Projet(nom="Fête des voisins", resume="Un repas."), ours)
    store.save(Projet(nom="Fête", resume="Un grand repas."), theirs)
    assert run("fusion", str(base), str(ours), str(theirs)).returncode == 0
    assert (store.load(ours).nom, store.load(ours).resume) == ("Fête des voisins", "Un grand repas.")
    empty = tmp_path / "vide"
    empty.write_bytes(b"")  # git gives an empty %O when both sides added the file
    result = run("fusion", str(empty), str(ours), str(theirs))
    assert result.returncode == 1 and store.load(ours).conflits


def _git(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org",
           "PYTHONPATH": str(ROOT), "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
    return subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, env=env,
                          timeout=120, check=False)


@pytest.fixture
def repo(tmp_path, example_copy) -> Path:
    if shutil.which("git") is None:
        pytest.skip("git absent")
    repo = tmp_path / "depot"
    repo.mkdir()
    _git(repo, "init", "-q", "-b", "principale")
    (repo / ".gitattributes").write_text("*.toml merge=coopwizard\n", encoding="utf-8")
    _git(repo, "config", "merge.coopwizard.driver",
         f'"{sys.executable}" -m coopwizard fusion %O %A %B')
    shutil.copy(example_copy, repo / "projet.toml")
    _git(repo, "add", ".")
    _git(repo, "commit", "-q", "-m", "projet")
    return repo


def _branches(repo: Path, ours: dict, theirs: dict) -> subprocess.CompletedProcess[str]:
    _git(repo, "checkout", "-q", "-b", "amicale")
    _edit(repo / "projet.toml", par="Ahmed", **theirs)
    _git(repo, "commit", "-q", "-am", "amicale")
    _git(repo, "checkout", "-q", "principale")
    _edit(repo / "projet.toml", par="Sophie", **ours)
    _git(repo, "commit", "-q", "-am", "jardins")
    return _git(repo, "merge", "-q", "amicale", "-m", "fusion")


def test_a_real_git_merge_of_two_branches_keeps_both_changes(repo):
    done = _branches(repo, {"nom": "Repas 2027"}, {"conception__objectifs": "Réunir 200 habitants."})
    assert done.returncode == 0, done.stdout + done.stderr
    merged = store.load(repo / "projet.toml")
    assert (merged.nom, merged.conception.objectifs) == ("Repas 2027", "Réunir 200 habitants.")
    assert _git(repo, "status", "--porcelain").stdout == ""  # committed by git itself


def test_a_real_git_merge_with_a_conflict_records_it_in_the_file(repo):
    done = _branches(repo, {"nom": "Nom de Sophie"}, {"nom": "Nom d'Ahmed"})
    assert done.returncode != 0  # git stops: the conflict is for a person to decide
    merged = store.load(repo / "projet.toml")  # still a valid project, no <<<<<<< markers
    assert merged.nom == "Nom de Sophie"
    assert [(c.notre_valeur, c.leur_valeur) for c in merged.conflits] == [
        ("Nom de Sophie", "Nom d'Ahmed")]
    assert run("check", str(repo / "projet.toml")).returncode == 1
