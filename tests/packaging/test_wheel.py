"""The built wheel installs in a fresh venv and runs from any directory."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def roues(tmp_path_factory):
    """The declared dependencies as wheels, in a folder (pip's own cache makes a second
    run local). Fetched while the wheel builds: both mostly wait on the network, and one
    after the other they took a minute or two. The fresh venv then installs from there
    only (`--no-index`), resolving the wheel's own metadata: nothing from this
    environment leaks in, and a wheel declaring other dependencies than pyproject.toml
    would not install."""
    cache = tmp_path_factory.mktemp("roues")
    journal = tmp_path_factory.mktemp("pip") / "download.log"  # a file: a pipe could fill up
    declared = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    with journal.open("wb") as sortie:
        telechargement = subprocess.Popen(
            [sys.executable, "-m", "pip", "download", "--quiet", "--only-binary=:all:",
             "--dest", str(cache), *declared["project"]["dependencies"]],
            stdout=subprocess.DEVNULL, stderr=sortie,
        )
    yield telechargement, cache, journal
    if telechargement.poll() is None:  # the wheel failed to build: no use waiting
        telechargement.kill()
        telechargement.wait()


@pytest.fixture(scope="module")
def wheel(tmp_path_factory, roues) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--outdir", str(out), str(ROOT)],
        check=True, capture_output=True, timeout=300,
    )
    (built,) = out.glob("coopwizard-*.whl")
    return built


def test_wheel_contains_the_guide_and_the_example(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "coopwizard/data/guide/structure.toml" in names
    assert "coopwizard/data/exemple/repas-de-quartier.toml" in names
    assert "screens/__init__.py" in names
    assert not any(name.startswith("tests/") for name in names)


def _wheel_cache(roues) -> Path:
    telechargement, cache, journal = roues
    assert telechargement.wait(timeout=300) == 0, (
        "les dépendances n'ont pas pu être téléchargées (registre des paquets "
        f"inaccessible ?) :\n{journal.read_text('utf-8', 'replace')}")
    return cache


def test_installed_wheel_runs_from_another_directory(wheel, roues, tmp_path):
    cache = _wheel_cache(roues)
    env_dir = tmp_path / "venv"
    # No system site-packages: what a user gets on a fresh Debian with
    # `python3 -m venv` — the wheel and its declared dependencies, nothing else (not
    # even pip: this environment's pip installs into it, which spares ensurepip's
    # seconds and leaves nothing but what the wheel declares).
    venv.create(env_dir, with_pip=False, system_site_packages=False)
    python = env_dir / "bin" / "python"
    # --no-compile: byte-compiling all 40 dependencies took 10 s of CPU, for the few
    # modules the commands below import (Python compiles those as it meets them).
    subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "--no-index",
         "--no-compile", "--find-links", str(cache), "--quiet", str(wheel)],
        check=True, capture_output=True, timeout=300,
    )
    elsewhere = tmp_path / "ailleurs"
    elsewhere.mkdir()
    env = {**os.environ, "COOPWIZARD_HOME": str(tmp_path / "home"), "PYTHONPATH": "",
           "NO_COLOR": "1"}
    env.pop("VIRTUAL_ENV", None)
    exe = str(env_dir / "bin" / "coopwizard")

    def run(*args):
        return subprocess.run([exe, *args], cwd=elsewhere, env=env, capture_output=True,
                              text=True, timeout=120, check=False)

    version = run("--version")
    assert version.returncode == 0 and version.stdout.startswith("coopwizard "), version.stderr
    assert run("example", "projet.toml").returncode == 0
    check = run("check", "projet.toml")
    # The example is caught mid-course: it may list late tasks (exit 1), but
    # its identity data is clean and the file reads (never exit 2).
    assert check.returncode in (0, 1), check.stderr
    assert "SIRET" not in check.stdout and check.stderr == ""
    checklist = run("checklist", "projet.toml")
    assert checklist.returncode == 0, checklist.stderr
    # plain text (not a terminal): done and left items as [x] / [ ]
    assert "[x] " in checklist.stdout and "[ ] " in checklist.stdout, checklist.stdout
    schema = run("schema")
    assert schema.returncode == 0 and '"title": "Projet"' in schema.stdout
    # It really ran the installed copy, not the source tree, with its own dependencies.
    where = subprocess.run(
        [str(python), "-c", ("import coopwizard.paths as p, textual; "
                             "print(p.shipped_data_dir()); print(textual.__file__)")],
        cwd=elsewhere, env=env, capture_output=True, text=True, check=True,
    )
    assert where.stdout.count(str(env_dir)) == 2, where.stdout
