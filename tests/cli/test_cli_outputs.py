"""`-o FILE` never destroys: --force to replace, never a project; format from the extension;
`example` on a full disk leaves nothing behind. The real program, in a subprocess."""

from __future__ import annotations

import errno
import os
import resource
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coopwizard.paths import example_project_file

FEW = settings(max_examples=8, deadline=None,
               suppress_health_check=[HealthCheck.function_scoped_fixture])
ENGLISH = ("Traceback", "File too large", "No space", "Errno")


def run(*args: str, cwd: Path | None = None, preexec_fn=None) -> subprocess.CompletedProcess:
    env = {**os.environ, "COOPWIZARD_AUJOURDHUI": "2026-11-26", "NO_COLOR": "1"}
    return subprocess.run([sys.executable, "-m", "coopwizard", *args], capture_output=True,
                          text=True, env=env, cwd=cwd, timeout=60, preexec_fn=preexec_fn)


@pytest.fixture
def projet(tmp_path) -> Path:
    dest = tmp_path / "projet.toml"
    shutil.copy(example_project_file(), dest)
    return dest


def _etat(dossier: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(dossier.iterdir()) if p.is_file()}


def test_an_existing_file_is_not_replaced_without_force(projet, tmp_path):
    out = tmp_path / "fiche.md"
    out.write_text("mes notes, à garder", encoding="utf-8")
    result = run("fiche", str(projet), "-f", "markdown", "-o", str(out))
    assert result.returncode == 2
    assert "fiche.md existe déjà" in result.stderr and "--force" in result.stderr
    assert out.read_text(encoding="utf-8") == "mes notes, à garder"


def test_force_replaces_it_whole_and_leaves_no_temp_file(projet, tmp_path):
    out = tmp_path / "fiche.md"
    out.write_text("ancien contenu " * 10_000, encoding="utf-8")
    result = run("fiche", str(projet), "-o", str(out), "--force")
    assert result.returncode == 0, result.stderr
    assert out.read_text(encoding="utf-8").startswith("# Fiche synthétique")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["fiche.md", "projet.toml"]


def _cibles_protegees(projet: Path) -> dict[str, Path]:
    """Every kind of file a document must never be written over, even with --force."""
    dossier = projet.parent
    lien = dossier / "lien.md"
    lien.symlink_to(projet)
    dur = dossier / "dur.md"
    os.link(projet, dur)
    autre = dossier / "autre-projet.md"  # another project, whatever its name
    shutil.copy(projet, autre)
    casse = dossier / "casse.toml"  # a project with a syntax error is still one
    casse.write_text('nom = "Repas\n', encoding="utf-8")
    faux = dossier / "mauvais-types.txt"  # a project with wrong answers too
    faux.write_text('nom = "x"\n[budget]\nlignes = 3\n', encoding="utf-8")
    cibles = {"projet": projet, "lien": lien, "lien-dur": dur, "autre": autre, "casse": casse,
              "mauvais-types": faux}
    for suffixe in (".bak", ".abime", ".abime-3"):
        chemin = projet.with_name(projet.name + suffixe)
        chemin.write_text('nom = "ancienne version"\n', encoding="utf-8")
        cibles[suffixe] = chemin
    ailleurs = dossier / "ailleurs.toml.bak"  # another project's backup
    ailleurs.write_text("n'importe quoi", encoding="utf-8")
    cibles["autre-bak"] = ailleurs
    return cibles


def test_never_written_over_a_project_its_backup_or_abime_even_with_force(projet):
    cibles = _cibles_protegees(projet)
    avant = _etat(projet.parent)
    for nom, cible in cibles.items():
        result = run("fiche", str(projet), "-f", "markdown", "-o", str(cible), "--force")
        assert result.returncode == 2, nom
        assert "même avec --force" in result.stderr, (nom, result.stderr)
        assert str(cible) in result.stderr
    assert _etat(projet.parent) == avant


def test_the_project_given_through_a_symlink_is_protected(projet, tmp_path):
    lien = tmp_path / "lien-projet.toml"
    lien.symlink_to(projet)
    avant = projet.read_bytes()
    result = run("fiche", str(lien), "-f", "markdown", "-o", str(projet), "--force")
    assert result.returncode == 2 and "même avec --force" in result.stderr
    assert projet.read_bytes() == avant


def _format_ecrit(data: bytes) -> str:
    if data.startswith(b"PK"):
        return "zip"  # docx and xlsx are zip files
    if data.startswith(b"<!DOCTYPE html>"):
        return "html"
    premiere = data.split(b"\n", 1)[0]
    return "markdown" if premiere.endswith(b"  ") else "texte"  # markdown's line breaks


EXTENSIONS = {".docx": "zip", ".xlsx": "zip", ".html": "html", ".htm": "html",
              ".md": "markdown", ".txt": "texte"}


@FEW
@given(suffixe=st.sampled_from(sorted(EXTENSIONS)), majuscules=st.booleans())
def test_without_f_the_format_follows_the_extension(projet, suffixe, majuscules):
    nom = ("budget" + suffixe).upper() if majuscules else "budget" + suffixe
    out = projet.parent / nom
    out.unlink(missing_ok=True)
    result = run("export", str(projet), "budget", "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert _format_ecrit(out.read_bytes()) == EXTENSIONS[suffixe]
    if suffixe in (".docx", ".xlsx"):
        assert ("word/" if suffixe == ".docx" else "xl/").encode() in out.read_bytes()


@FEW
@given(nom=st.sampled_from(["fiche.pdf", "fiche", "fiche.odt", "notes.rst"]))
def test_an_unknown_extension_without_f_is_refused_in_french(projet, nom):
    out = projet.parent / nom
    result = run("fiche", str(projet), "-o", str(out))
    assert result.returncode == 2
    assert "ne se devine pas" in result.stderr and "-f" in result.stderr
    assert not out.exists()


CONTRADICTIONS = [(fmt, ext) for fmt in ("markdown", "html", "docx", "texte")
                  for ext in (".docx", ".md", ".html", ".txt")
                  if {".docx": "docx", ".md": "markdown", ".html": "html",
                      ".txt": "texte"}[ext] != fmt]


@FEW
@given(paire=st.sampled_from(CONTRADICTIONS))
def test_a_format_contradicting_the_extension_is_an_error(projet, paire):
    fmt, ext = paire
    out = projet.parent / f"fiche{ext}"
    result = run("fiche", str(projet), "-f", fmt, "-o", str(out))
    assert result.returncode == 2
    assert "se contredisent" in result.stderr
    assert not out.exists()


def test_f_with_an_extension_it_does_not_know_is_allowed(projet, tmp_path):
    out = tmp_path / "fiche.rst"
    result = run("fiche", str(projet), "-f", "markdown", "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert out.read_text(encoding="utf-8").startswith("# Fiche synthétique")


def _petit_disque():
    """In the child: every file stops at 100 bytes (EFBIG), as a nearly full disk would."""
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (100, 100))


def test_example_on_a_full_disk_leaves_no_file_behind(tmp_path):
    dest = tmp_path / "exemple.toml"
    result = run("example", str(dest), preexec_fn=_petit_disque)
    assert result.returncode == 2
    assert "Impossible d'écrire" in result.stderr and "Aucun fichier" in result.stderr
    assert not any(mot in result.stderr for mot in ENGLISH), result.stderr
    assert list(tmp_path.iterdir()) == []


def test_example_when_the_disk_is_full_says_so(tmp_path, monkeypatch, capsys):
    from coopwizard import cli
    from coopwizard.documents import commande

    def plein(fd, data):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(commande, "_write", plein)
    dest = tmp_path / "exemple.toml"
    assert cli.main(["example", str(dest)]) == 2
    assert "le disque est plein" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_a_document_on_a_full_disk_leaves_nothing(projet, tmp_path):
    out = tmp_path / "fiche.docx"
    result = run("fiche", str(projet), "-o", str(out), preexec_fn=_petit_disque)
    assert result.returncode == 2 and "Impossible d'écrire" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["projet.toml"]


@pytest.mark.parametrize("commande", [["checklist"], ["fiche"], ["export"]])
def test_force_is_in_each_document_commands_help(commande):
    result = run(*commande, "--help")
    assert result.returncode == 0
    assert "--force" in result.stdout and "remplace SORTIE s'il existe déjà" in result.stdout
