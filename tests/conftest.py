"""Shared fixtures: every test runs with coopwizard's own folders redirected."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from coopwizard.paths import example_project_file

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.hookimpl(tryfirst=True)  # before xdist names the groups (it reads the marks)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """xdist's `loadgroup` (pyproject's addopts) hands out tests one by one, which keeps
    both workers busy to the end; the tests of a module sharing a module-scoped fixture
    (a wheel built, the benchmark run, LibreOffice started) go together, so that fixture
    is built once, not once per worker."""
    for item in items:
        module = getattr(item, "module", None)
        if module is None or item.get_closest_marker("xdist_group"):
            continue
        infos = getattr(item, "_fixtureinfo", None)
        for defs in (infos.name2fixturedefs.values() if infos else ()):
            if any(d.scope != "function" and d.func.__module__ == module.__name__
                   for d in defs):
                item.add_marker(pytest.mark.xdist_group(module.__name__))
                break


@pytest.fixture(autouse=True)
def coopwizard_home(tmp_path_factory, monkeypatch) -> Path:
    """Recent projects, locks... go to a fresh folder, never the user's."""
    home = tmp_path_factory.mktemp("coopwizard-home")
    monkeypatch.setenv("COOPWIZARD_HOME", str(home))
    return home


@pytest.fixture
def example_copy(tmp_path) -> Path:
    """A private copy of the shipped example project."""
    dest = tmp_path / "repas-de-quartier.toml"
    shutil.copy(example_project_file(), dest)
    return dest
