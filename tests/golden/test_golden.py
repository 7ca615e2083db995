"""Golden Markdown outputs for the example project, on a fixed day (26/11/2026).

When a change to the wording or the example project is intended, regenerate with
    COOPWIZARD_GOLDEN_UPDATE=1 python -m pytest tests/golden
and review the diff before committing.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest

from coopwizard.documents import produire
from coopwizard.paths import example_project_file
from coopwizard.store import load

TODAY = date(2026, 11, 26)
HERE = Path(__file__).parent


REALISE = {"606": "512.30", "613": "250", "623": "150", "708": "203.40", "74-commune": "600",
           "75": "250", "864": "1950", "870": "1950", "871": "300"}
"""The example at its évaluation finale: what was really spent and received
(6063, 616 and 861 left without a réalisé, as a user forgets some)."""


def _projet(nom: str):
    projet = load(example_project_file())
    if nom == "compte-rendu-financier":
        for ligne in projet.budget.lignes:
            if ligne.compte in REALISE:
                ligne.realise = REALISE[ligne.compte]
    return projet


@pytest.mark.parametrize("nom", ["checklist", "fiche", "planning", "budget", "evaluation",
                                 "compte-rendu-financier"])
def test_markdown_matches_golden(nom):
    actual = produire(nom, "markdown", _projet(nom), TODAY)
    golden = HERE / f"{nom}.md"
    if os.environ.get("COOPWIZARD_GOLDEN_UPDATE") == "1":
        golden.write_text(actual, encoding="utf-8")
    assert golden.exists(), f"{golden.name} manque : lancez avec COOPWIZARD_GOLDEN_UPDATE=1"
    assert actual == golden.read_text(encoding="utf-8")
