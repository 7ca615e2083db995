"""The command line, end to end in a subprocess: exit codes and French messages."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from coopwizard import __version__


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_COLOR": "1"}
    return subprocess.run(
        [sys.executable, "-m", "coopwizard", *args],
        capture_output=True, text=True, cwd=cwd, env=env, timeout=60,
    )


def test_version():
    result = run("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"coopwizard {__version__}"


def test_help_is_french():
    result = run("--help")
    assert result.returncode == 0
    assert "utilisation :" in result.stdout
    for command in ("new", "open", "demo", "example", "check", "schema"):
        assert command in result.stdout
    assert "affiche cette aide" in result.stdout


def test_unknown_command_is_refused_in_french():
    result = run("nimporte")
    assert result.returncode == 2
    assert "choix invalide" in result.stderr


def test_example_writes_a_valid_project_then_refuses_to_overwrite(tmp_path):
    dest = tmp_path / "exemple.toml"
    first = run("example", str(dest))
    assert first.returncode == 0, first.stderr
    content = dest.read_bytes()
    assert b"Repas partag" in content
    second = run("example", str(dest))
    assert second.returncode == 2
    assert "existe déjà" in second.stderr
    assert dest.read_bytes() == content


def test_check_clean_project_exits_0(tmp_path):
    path = tmp_path / "propre.toml"
    path.write_text(
        'nom = "Fête"\n[[associations]]\nnom = "A"\nsiret = "73282932000074"\n'
        'courriel = "a@asso.fr"\ntelephone = "01 45 73 12 34"\nrna = "W941234567"\n',
        encoding="utf-8",
    )
    result = run("check", str(path))
    assert result.returncode == 0, result.stdout
    assert "aucun problème" in result.stdout


def test_check_with_problems_exits_1(tmp_path):
    path = tmp_path / "p.toml"
    path.write_text('[[associations]]\nnom = "A"\nsiret = "73282932000075"\n', encoding="utf-8")
    result = run("check", str(path))
    assert result.returncode == 1
    assert "Association 1, SIRET" in result.stdout


def test_check_corrupt_file_exits_2_names_the_line_and_leaves_it_untouched(tmp_path):
    path = tmp_path / "casse.toml"
    path.write_bytes(b'nom = "Repas"\nresume = "ok"\n[conception\nobjectifs = "x"\n')
    before = path.read_bytes()
    result = run("check", str(path))
    assert result.returncode == 2
    assert "ligne 3" in result.stderr
    assert "TOML valide" in result.stderr
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["casse.toml"]


def test_check_missing_file(tmp_path):
    result = run("check", str(tmp_path / "absent.toml"))
    assert result.returncode == 2
    assert "n'existe pas" in result.stderr


def test_schema_is_json_schema_with_french_titles():
    result = run("schema")
    assert result.returncode == 0
    schema = json.loads(result.stdout)
    assert schema["title"] == "Projet"
    assert schema["properties"]["nom"]["title"] == "Nom du projet"
    assert "associations" in schema["properties"]
