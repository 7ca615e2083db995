"""A TOML file that is not a project (pyproject.toml, ruff.toml) is refused and left as it is.

The rule (store.loads): a non-empty file with none of the Projet's top-level keys
(after migrating v1's `titre` / `partenaires`) and no `schema_version` is not a project.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import tomli_w
from hypothesis import given, settings
from hypothesis import strategies as st

from coopwizard import store
from coopwizard.models import Projet
from coopwizard.store.errors import NotAProjectError

PYPROJECT = b"""[build-system]
requires = ["setuptools>=68"]

[project]
name = "exemple"
version = "1.0"
dependencies = ["textual>=8"]

[tool.ruff]
line-length = 100
"""
RUFF = b'line-length = 100\ntarget-version = "py311"\n\n[lint]\nselect = ["E", "F"]\n'
PROJECT_KEYS = set(Projet.model_fields) | {"titre", "partenaires"}


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "coopwizard", *args], capture_output=True,
                          text=True, env={**os.environ, "NO_COLOR": "1"}, timeout=60)


@pytest.fixture(params=[("pyproject.toml", PYPROJECT), ("ruff.toml", RUFF)], ids=["pyproject", "ruff"])
def etranger(request, tmp_path) -> Path:
    nom, contenu = request.param
    chemin = tmp_path / nom
    chemin.write_bytes(contenu)
    os.utime(chemin, (1_700_000_000, 1_700_000_000))
    return chemin


def _intact(chemin: Path, contenu: bytes) -> None:
    assert chemin.read_bytes() == contenu
    assert chemin.stat().st_mtime == 1_700_000_000
    assert sorted(p.name for p in chemin.parent.iterdir()) == [chemin.name]


def test_check_says_it_is_not_a_project_and_exits_2(etranger):
    contenu = etranger.read_bytes()
    result = run("check", str(etranger))
    assert result.returncode == 2
    assert "n'est pas un projet coopwizard" in result.stderr
    assert str(etranger) in result.stderr and "rien n'y a été modifié" in result.stderr
    _intact(etranger, contenu)


@pytest.mark.parametrize("commande", [["checklist"], ["fiche", "-f", "markdown"]])
def test_documents_refuse_it_too(etranger, commande):
    contenu = etranger.read_bytes()
    result = run(*commande, str(etranger))
    assert result.returncode == 2 and "n'est pas un projet coopwizard" in result.stderr
    assert result.stdout == ""
    _intact(etranger, contenu)


@pytest.mark.parametrize("mode", ["open", "new"])
def test_open_and_new_refuse_it_without_starting_the_app(etranger, mode, monkeypatch, capsys):
    from screens import app as app_module

    lances = []
    monkeypatch.setattr(app_module.CoopApp, "run", lambda self, *a, **k: lances.append(self))
    contenu = etranger.read_bytes()
    assert app_module.run(mode, str(etranger)) == 2
    erreur = capsys.readouterr().err
    assert "n'est pas un projet coopwizard" in erreur
    assert "sauvegarde" not in erreur  # no backup offered for someone else's file
    assert lances == []
    _intact(etranger, contenu)


def test_open_refuses_it_in_a_terminal(etranger):
    pexpect = pytest.importorskip("pexpect")
    contenu = etranger.read_bytes()
    child = pexpect.spawn(sys.executable, ["-m", "coopwizard", "open", str(etranger)],
                          env={**os.environ, "TERM": "xterm-256color"}, encoding="utf-8",
                          timeout=20, dimensions=(40, 100))
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 2
    assert "n'est pas un projet coopwizard" in child.before.replace("\r\n", " ").replace("\n", " ")
    _intact(etranger, contenu)


@pytest.mark.parametrize("texte", ["", "\n\n", "# seulement un commentaire\n"])
def test_an_empty_file_is_still_an_empty_project(texte):
    assert store.loads(texte) == Projet()


cles_etrangeres = st.from_regex(r"[a-z][a-z0-9_-]{0,12}", fullmatch=True).filter(
    lambda k: k not in PROJECT_KEYS)
valeurs = st.one_of(st.integers(-10, 10), st.text(max_size=10), st.booleans(),
                    st.lists(st.integers(0, 5), max_size=3),
                    st.dictionaries(cles_etrangeres, st.integers(0, 5), max_size=3))


@settings(max_examples=150, deadline=None)
@given(st.dictionaries(cles_etrangeres, valeurs, min_size=1, max_size=6))
def test_any_toml_without_a_project_key_is_not_a_project(data):
    with pytest.raises(NotAProjectError) as err:
        store.loads(tomli_w.dumps(data), "autre.toml")
    assert "autre.toml n'est pas un projet coopwizard" in str(err.value)


@settings(max_examples=150, deadline=None)
@given(st.dictionaries(cles_etrangeres, valeurs, max_size=4),
       st.sampled_from(["nom", "resume", "titre", "schema_version"]))
def test_one_project_key_or_a_version_makes_it_a_project(data, cle):
    data[cle] = 2 if cle == "schema_version" else "Repas"
    try:
        store.loads(tomli_w.dumps(data))
    except NotAProjectError:
        pytest.fail("refused as foreign")
    except store.ProjectFileError:
        pass  # a wrong value is another matter (type checks, newer version)
