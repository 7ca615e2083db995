"""`coopwizard checklist | fiche | export`, end to end in a subprocess."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

import docx
import openpyxl
import pytest

from coopwizard.paths import example_project_file

GOLDEN = Path(__file__).parent.parent / "golden"


def run(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    environ = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    environ.update({"COOPWIZARD_AUJOURDHUI": "2026-11-26", **(env or {})})
    return subprocess.run(
        [sys.executable, "-m", "coopwizard", *args],
        capture_output=True, env=environ, timeout=60, check=False,
    )


@pytest.fixture
def exemple(tmp_path) -> Path:
    dest = tmp_path / "projet.toml"
    shutil.copy(example_project_file(), dest)
    return dest


def test_checklist_piped_is_plain_text_with_clear_marks(exemple):
    result = run("checklist", str(exemple))
    assert result.returncode == 0, result.stderr
    out = result.stdout.decode()
    assert "\x1b[" not in out  # no colour codes when piped
    assert "[x] Donner un nom au projet" in out
    assert "[ ] Préparer l'animation des rencontres" in out
    assert "[!] Repérer les tâches dont le retard mettrait le projet en danger" in out
    assert "Ensemble du projet\u00a0:" in out


def test_checklist_markdown_to_stdout_matches_golden(exemple):
    result = run("checklist", str(exemple), "--format", "markdown")
    assert result.returncode == 0
    assert result.stdout.decode() == (GOLDEN / "checklist.md").read_text(encoding="utf-8")


def test_fiche_markdown_to_file_matches_golden(exemple, tmp_path):
    out = tmp_path / "fiche.md"
    result = run("fiche", str(exemple), "--format", "markdown", "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert result.stdout == b""
    assert "Écrit dans" in result.stderr.decode()
    assert out.read_text(encoding="utf-8") == (GOLDEN / "fiche.md").read_text(encoding="utf-8")


def test_fiche_docx(exemple, tmp_path):
    out = tmp_path / "fiche.docx"
    result = run("fiche", str(exemple), "--format", "docx", "-o", str(out))
    assert result.returncode == 0, result.stderr
    document = docx.Document(str(out))
    assert document.paragraphs[0].text == "Fiche synthétique de présentation du projet"
    assert not list(tmp_path.glob(".*.tmp"))


def test_html_and_texte(exemple, tmp_path):
    for fmt, marker in (("html", "<!DOCTYPE html>"), ("texte", "Checklist du projet\n====")):
        result = run("export", str(exemple), "checklist", "-f", fmt)
        assert result.returncode == 0
        assert marker in result.stdout.decode()


def test_export_budget_xlsx_has_formulas(exemple, tmp_path):
    out = tmp_path / "budget.xlsx"
    result = run("export", str(exemple), "budget", "--format", "xlsx", "-o", str(out))
    assert result.returncode == 0, result.stderr
    ws = openpyxl.load_workbook(out).active
    assert any(c.data_type == "f" for row in ws.iter_rows() for c in row)


def test_export_xlsx_piped_to_stdout(exemple):
    result = run("export", str(exemple), "planning", "-f", "xlsx")
    assert result.returncode == 0
    assert openpyxl.load_workbook(io.BytesIO(result.stdout)).active is not None


@pytest.mark.parametrize("document", ["planning", "evaluation", "releve", "invitation",
                                      "convention"])
def test_export_other_documents(exemple, document):
    result = run("export", str(exemple), document, "-f", "markdown")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(b"Les Jardins")


def test_invalid_format_for_a_document_is_refused_in_french(exemple, tmp_path):
    out = tmp_path / "fiche.xlsx"
    result = run("export", str(exemple), "fiche", "-f", "xlsx", "-o", str(out))
    assert result.returncode == 2
    assert "ne s'écrit pas au format xlsx" in result.stderr.decode()
    assert not out.exists()


def test_unknown_format_and_document(exemple):
    result = run("fiche", str(exemple), "--format", "pdf")
    assert result.returncode == 2 and "choix invalide" in result.stderr.decode()
    result = run("export", str(exemple), "bilan")
    assert result.returncode == 2 and "choix invalide" in result.stderr.decode()


def test_unreadable_project(tmp_path):
    result = run("checklist", str(tmp_path / "absent.toml"))
    assert result.returncode == 2 and "n'existe pas" in result.stderr.decode()
    broken = tmp_path / "casse.toml"
    broken.write_text("nom = \n", encoding="utf-8")
    result = run("fiche", str(broken), "-f", "markdown")
    assert result.returncode == 2 and "TOML" in result.stderr.decode()
    assert result.stdout == b""


def test_unwritable_path_leaves_nothing(exemple, tmp_path):
    missing = tmp_path / "absent" / "fiche.md"
    result = run("fiche", str(exemple), "-f", "markdown", "-o", str(missing))
    assert result.returncode == 2
    assert "Impossible d'écrire" in result.stderr.decode()
    assert not missing.parent.exists()

    result = run("fiche", str(exemple), "-f", "markdown", "-o", str(tmp_path))
    assert result.returncode == 2 and "dossier" in result.stderr.decode()


def test_path_through_a_file_is_refused(exemple, tmp_path):
    # Works even as root (unlike a read-only folder).
    result = run("export", str(exemple), "budget", "-f", "xlsx",
                 "-o", str(exemple / "budget.xlsx"))
    assert result.returncode == 2
    assert "Impossible d'écrire" in result.stderr.decode()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["projet.toml"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes anywhere")
def test_read_only_folder(exemple, tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        result = run("fiche", str(exemple), "-f", "docx", "-o", str(folder / "f.docx"))
        assert result.returncode == 2 and "droit" in result.stderr.decode()
        assert list(folder.iterdir()) == []
    finally:
        folder.chmod(0o700)


def test_existing_output_is_replaced_whole(exemple, tmp_path):
    out = tmp_path / "fiche.md"
    out.write_text("ancien contenu " * 10_000, encoding="utf-8")
    assert run("fiche", str(exemple), "-f", "markdown", "-o", str(out), "--force").returncode == 0
    assert out.read_text(encoding="utf-8").startswith("# Fiche synthétique")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["fiche.md", "projet.toml"]


def _pty(*args: str, env: dict | None = None) -> tuple[str, int]:
    pexpect = pytest.importorskip("pexpect")
    environ = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    environ.update({"COOPWIZARD_AUJOURDHUI": "2026-11-26", "TERM": "xterm-256color",
                    "COLUMNS": "100", **(env or {})})
    child = pexpect.spawn(sys.executable, ["-m", "coopwizard", *args], env=environ,
                          encoding="utf-8", timeout=60, dimensions=(40, 100))
    child.expect(pexpect.EOF)
    child.close()
    return child.before, child.exitstatus


def test_terminal_output_is_rich_in_a_terminal(exemple):
    out, status = _pty("checklist", str(exemple))
    assert status == 0
    assert "\x1b[" in out  # colours
    assert "✔" in out and "Donner un nom au projet" in out and "⚠" in out


def test_no_color_gives_plain_text_in_a_terminal(exemple):
    out, status = _pty("checklist", str(exemple), env={"NO_COLOR": "1"})
    assert status == 0
    assert "\x1b[" not in out and "[x] Donner un nom au projet" in out


def test_docx_to_a_terminal_is_refused(exemple):
    out, status = _pty("fiche", str(exemple), "-f", "docx")
    assert status == 2 and "-o fiche.docx" in out


def test_help_documents_the_fixed_date():
    result = run("fiche", "--help")
    assert result.returncode == 0
    text = result.stdout.decode()
    assert "utilisation :" in text and "COOPWIZARD_AUJOURDHUI" in text


def test_commands_never_import_textual_nor_unasked_libraries(exemple):
    code = (
        "import sys, runpy\n"
        "sys.argv = ['coopwizard', 'checklist', sys.argv[1], '-f', 'markdown']\n"
        "from coopwizard.cli import main\n"
        "main()\n"
        "loaded = {m.split('.')[0] for m in sys.modules}\n"
        "sys.stderr.write(repr(sorted(loaded & {'textual', 'docx', 'openpyxl', 'rich'})))\n"
    )
    result = subprocess.run([sys.executable, "-c", code, str(exemple)], capture_output=True,
                            env={**os.environ, "COOPWIZARD_AUJOURDHUI": "2026-11-26"}, timeout=60,
                            check=False)
    assert result.returncode == 0
    assert result.stderr.decode().endswith("[]")


def test_fixed_date_changes_late_tasks(exemple):
    early = run("checklist", str(exemple), env={"COOPWIZARD_AUJOURDHUI": "2026-10-01"})
    # The example's late task is marked critical: it has the stronger warning.
    assert "critique(s) en retard" not in early.stdout.decode()
    late = run("checklist", str(exemple))
    assert "critique(s) en retard" in late.stdout.decode()


def test_reunion_option_chooses_the_meeting(exemple):
    from coopwizard.store import load

    reunions = load(exemple).reunions
    assert len(reunions) >= 1
    first = reunions[0]
    result = run("export", str(exemple), "releve", "-r", "1", "-f", "texte")
    assert result.returncode == 0, result.stderr
    assert f"Réunion du {first.date:%d/%m/%Y}" in result.stdout.decode()

    result = run("export", str(exemple), "releve", "-r", str(len(reunions) + 1))
    assert result.returncode == 2 and "pas de réunion n°" in result.stderr.decode()
    result = run("export", str(exemple), "fiche", "-r", "1")
    assert result.returncode == 2 and "ne s'applique qu'aux documents" in result.stderr.decode()


def test_never_writes_over_the_project_file(exemple, tmp_path):
    before = exemple.read_bytes()
    result = run("fiche", str(exemple), "-f", "markdown", "-o", str(exemple))
    assert result.returncode == 2 and "fichier du projet lui-même" in result.stderr.decode()
    link = tmp_path / "lien.md"
    link.symlink_to(exemple)
    result = run("fiche", str(exemple), "-f", "markdown", "-o", str(link))
    assert result.returncode == 2
    assert exemple.read_bytes() == before


def test_never_writes_over_the_backup(exemple):
    bak = exemple.with_name(exemple.name + ".bak")
    bak.write_text("sauvegarde", encoding="utf-8")
    result = run("fiche", str(exemple), "-f", "markdown", "-o", str(bak))
    assert result.returncode == 2 and bak.read_text(encoding="utf-8") == "sauvegarde"
