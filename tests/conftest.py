"""Shared fixtures: every test runs with coopwizard's own folders redirected."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from coopwizard.paths import example_project_file

FIXTURES = Path(__file__).parent / "fixtures"


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
