"""The benchmark's quick mode, end to end: CI runs it through this test.

No timed assertion (speed is judged by the table, not by a test): this checks
that every measure still runs and lands in the table and in the document.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
RUN = ROOT / "benchmarks" / "run.py"
ROW = re.compile(r"^\| (?P<mesure>[^|]+?) \| (?P<mediane>[^|]*?) \|", re.MULTILINE)


@pytest.fixture(scope="module")
def quick_run(tmp_path_factory) -> tuple[str, Path]:
    folder = tmp_path_factory.mktemp("bench")
    doc = folder / "performance.md"
    doc.write_text("# Performances\n\nAnalyse gardée.\n\n<!-- debut-resultats -->\nancien\n"
                   "<!-- fin-resultats -->\n\nFin gardée.\n", encoding="utf-8")
    env = {**os.environ, "COOPWIZARD_HOME": str(folder / "home")}
    done = subprocess.run([sys.executable, str(RUN), "--quick", "--write", str(doc)],
                          capture_output=True, text=True, env=env, timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    return done.stdout, doc


def medians(output: str) -> dict[str, str]:
    return {m["mesure"]: m["mediane"] for m in ROW.finditer(output)}


def test_the_table_has_every_measure(quick_run):
    output, _ = quick_run
    rows = medians(output)
    assert "Mesure" in rows  # the header
    expected = [
        "`python -c pass`",
        "`coopwizard --version`",
        "`coopwizard check` (grand projet)",
        "`coopwizard checklist` (grand projet)",
        "Chargement `store.load` (grand projet)",
        "Enregistrement `store.save` après une frappe (grand projet)",
        "Enregistrement `store.save` après une frappe (exemple)",
        "Frappe → caractère et vues dérivées à l'écran (grand projet)",
        "`coopwizard export` fiche -f docx (grand projet)",
        "`coopwizard export` planning -f xlsx (grand projet)",
        "`coopwizard export` convention -f html (grand projet)",
    ]
    if shutil.which("tmux"):  # the first frame is timed in a real terminal
        expected.append("Premier écran : accueil (`coopwizard`)")
    for mesure in expected:
        assert mesure in rows, mesure
        assert re.fullmatch(r"[\d.]+ ms", rows[mesure]), (mesure, rows[mesure])
    # The very large project (issue 16), at a small scale in quick mode.
    for debut, unite in (("Enregistrement automatique après une frappe (projet de ", "ms"),
                         ("Plus longue attente du fil de l'interface pendant cet "
                          "enregistrement (projet de ", "ms"),
                         ("Mémoire : pic tracemalloc de l'enregistrement (projet de ", "Mio")):
        found = [m for m in rows if m.startswith(debut)]
        assert found, debut
        assert re.fullmatch(rf"[\d.]+ {unite}", rows[found[0]]), (found[0], rows[found[0]])


def test_machine_and_versions_are_recorded(quick_run):
    output, _ = quick_run
    assert re.search(r"^- Machine : \d+ cœurs", output, re.MULTILINE)
    assert re.search(r"^- Versions : Python 3\.\d+\.\d+, textual \S+, rich \S+, pydantic \S+",
                     output, re.MULTILINE)


def test_write_replaces_only_the_results(quick_run):
    _output, doc = quick_run
    text = doc.read_text(encoding="utf-8")
    assert "Analyse gardée." in text and "Fin gardée." in text
    assert "ancien" not in text
    assert text.count("<!-- debut-resultats -->") == 1
    assert "| `coopwizard --version` |" in text
