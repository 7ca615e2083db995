"""Every message of the command line in French: argparse's own, and the system's (errno)."""

from __future__ import annotations

import contextlib
import io
import os
import re
import resource
import signal
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coopwizard import cli

ENGLISH = ["usage:", "error:", "the following", "required", "unrecognized", "invalid",
           "expected", "ambiguous", "could match", "choose from", "not allowed",
           "ignored explicit", "positional arguments", "show this help", "optional arguments",
           "Traceback", "Errno", "No such file", "Not a directory", "File too large",
           "Permission denied", "No space"]


def run(*args: str, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "coopwizard", *args], capture_output=True,
                          text=True, env={**os.environ, "NO_COLOR": "1"}, timeout=60, **kwargs)


def sans_anglais(texte: str) -> None:
    found = [mot for mot in ENGLISH if re.search(rf"(?<!\w){re.escape(mot)}(?!\w)", texte)]
    assert not found, (found, texte)


CASES = [
    (["check"], "arguments obligatoires manquants : FICHIER"),
    (["nimporte"], "choix invalide : « nimporte » (valeurs possibles : new, open"),
    (["check", "a.toml", "b.toml"], "arguments inconnus : b.toml"),
    (["fiche", "p.toml", "-f"], "argument -f/--format : une valeur est attendue"),
    (["fiche", "p.toml", "-f", "pdf"], "argument -f/--format : choix invalide : « pdf »"),
    (["fiche", "p.toml", "--fo", "x"], "option ambiguë : --fo peut désigner --format, --force"),
    (["export", "p.toml", "releve", "-r", "deux"],
     "argument -r/--reunion : « deux » n'est pas un nombre entier"),
    (["fiche", "p.toml", "--force=oui"], "cette option ne prend pas de valeur (« oui » en trop)"),
    (["--inconnue"], "arguments inconnus : --inconnue"),
]


@pytest.mark.parametrize(("args", "attendu"), CASES, ids=[" ".join(a) for a, _ in CASES])
def test_argparse_errors_are_in_french(args, attendu):
    result = run(*args)
    assert result.returncode == 2
    assert attendu in result.stderr, result.stderr
    assert result.stderr.startswith("utilisation : coopwizard")
    assert " : erreur : " in result.stderr
    sans_anglais(result.stderr)


@pytest.mark.parametrize(("anglais", "francais"), [
    ("argument -x: not allowed with argument -y", "argument -x : impossible avec l'argument -y"),
    ("one of the arguments -a -b is required", "l'un de ces arguments est obligatoire : -a -b"),
    ("argument N: expected at least one argument", "argument N : au moins une valeur est attendue"),
    ("argument N: expected at most one argument", "argument N : une valeur au plus est attendue"),
    ("argument N: expected 2 arguments", "argument N : 2 valeur(s) attendue(s)"),
    ("argument -t: invalid float value: 'x'", "argument -t : « x » n'est pas un nombre"),
    ("argument C: invalid choice: x (choose from a, b)",  # Python 3.12.8+ drops the quotes
     "argument C : choix invalide : « x » (valeurs possibles : a, b)"),
    ("unexpected option string: -q", "option inattendue : -q"),
])
def test_the_messages_no_command_triggers_are_translated_too(anglais, francais):
    assert cli.traduire_argparse(anglais) == francais


@pytest.mark.parametrize("commande", [[], ["new"], ["open"], ["demo"], ["example"], ["check"],
                                      ["schema"], ["checklist"], ["fiche"], ["export"]])
def test_every_help_is_in_french(commande):
    result = run(*commande, "--help")
    assert result.returncode == 0
    assert result.stdout.startswith("utilisation : coopwizard")
    assert "affiche cette aide et quitte" in result.stdout
    sans_anglais(result.stdout)


MOTS = ["new", "open", "demo", "example", "check", "schema", "checklist", "fiche", "export",
        "budget", "releve", "p.toml", "-f", "--format", "-o", "--sortie", "--force", "-r",
        "--reunion", "-h", "--help", "--version", "--fo", "--f", "--", "-", "x", "3", "pdf",
        "markdown", "--force=1", "-fdocx", "--zzz"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(MOTS), st.text(min_size=1, max_size=6)),
                max_size=6))
def test_whatever_is_typed_argparse_answers_in_french(argv):
    sortie, erreur = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(sortie), contextlib.redirect_stderr(erreur):
        try:
            cli.build_parser().parse_args(argv)  # parsing only: nothing is run
        except SystemExit as fin:
            assert fin.code in (0, 2)
    sans_anglais(sortie.getvalue() + erreur.getvalue())


def test_a_system_error_is_explained_in_french(tmp_path):
    fichier = tmp_path / "fichier"
    fichier.write_text("x", encoding="utf-8")
    result = run("example", str(fichier / "exemple.toml"))  # a path through a file
    assert result.returncode == 2
    assert "le chemin ne mène pas à un dossier" in result.stderr
    sans_anglais(result.stderr)


def test_a_missing_folder_is_named(tmp_path):
    result = run("example", str(tmp_path / "absent" / "exemple.toml"))
    assert result.returncode == 2
    assert f"le dossier {tmp_path / 'absent'} n'existe pas" in result.stderr
    sans_anglais(result.stderr)


def _fichiers_de_100_octets():
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (100, 100))


def test_a_file_size_limit_is_explained_in_french(tmp_path):
    result = run("example", str(tmp_path / "exemple.toml"), preexec_fn=_fichiers_de_100_octets)
    assert result.returncode == 2
    assert "le fichier dépasse la taille permise" in result.stderr
    sans_anglais(result.stderr)
