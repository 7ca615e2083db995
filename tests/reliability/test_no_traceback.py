"""No tracebacks, ever: unknown ~user, absurd nesting, `| head`, /dev/full, no terminal.

The real program in a subprocess; each case ends with a French message and exit 2
(or quietly, for a reader that stopped reading), never a Python traceback.
"""

from __future__ import annotations

import errno
import os
import pwd
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coopwizard import store
from coopwizard.paths import example_project_file

INCONNU = "utilisateur-inexistant-coopwizard"
SANS_TERMINAL = "a besoin d'un terminal"
ENGLISH = ("Traceback", "Error", "Errno", "No space", "Exception ignored")


def run(*args: str, **kwargs) -> subprocess.CompletedProcess:
    if "stdout" not in kwargs and "stderr" not in kwargs:
        kwargs["capture_output"] = True
    env = {**os.environ, "NO_COLOR": "1", "COOPWIZARD_AUJOURDHUI": "2026-11-26"}
    return subprocess.run([sys.executable, "-m", "coopwizard", *args], text=True, env=env,
                          timeout=20, **kwargs)  # the timeout only guards against a hang


def sans_anglais(texte: str) -> None:
    assert not any(mot in texte for mot in ENGLISH), texte


@pytest.fixture
def projet(tmp_path) -> Path:
    dest = tmp_path / "projet.toml"
    shutil.copy(example_project_file(), dest)
    return dest


@pytest.fixture
def inconnu() -> str:
    try:
        pwd.getpwnam(INCONNU)
    except KeyError:
        return INCONNU
    pytest.skip(f"{INCONNU} exists here")


@pytest.mark.parametrize("commande", [["open"], ["new"], ["check"], ["checklist"],
                                      ["example"], ["fiche", "-f", "markdown"]])
def test_an_unknown_user_in_a_path_is_explained(inconnu, commande, tmp_path):
    result = run(*commande, f"~{inconnu}/p.toml", cwd=tmp_path, stdin=subprocess.DEVNULL)
    assert result.returncode == 2
    assert f"le dossier personnel de « {inconnu} » est introuvable" in result.stderr
    sans_anglais(result.stderr)
    assert list(tmp_path.iterdir()) == []


def test_an_unknown_user_in_the_output_path_is_explained(inconnu, projet):
    result = run("fiche", str(projet), "-o", f"~{inconnu}/fiche.md")
    assert result.returncode == 2 and "introuvable" in result.stderr
    sans_anglais(result.stderr)


def _imbrique(genre: str, niveaux: int) -> str:
    """`niveaux` levels of lists or tables, the file itself being the first."""
    n = niveaux - 1
    if genre == "listes":
        return 'nom = "x"\nv = ' + "[" * n + "]" * n + "\n"
    if genre == "tables":
        return 'nom = "x"\nv = ' + "{a = " * n + "1" + "}" * n + "\n"
    return 'nom = "x"\n[' + ".".join(["a"] * n) + "]\nb = 1\n"


@pytest.mark.parametrize("genre", ["listes", "tables", "sections"])
@pytest.mark.parametrize("niveaux", [1_000, 20_000])
def test_a_file_nested_a_thousand_levels_deep_is_refused_in_french(tmp_path, genre, niveaux):
    chemin = tmp_path / "profond.toml"
    chemin.write_text(_imbrique(genre, niveaux), encoding="utf-8")
    avant = chemin.read_bytes()
    result = run("check", str(chemin))
    assert result.returncode == 2
    assert "plus de 100 niveaux" in result.stderr
    sans_anglais(result.stderr)
    assert chemin.read_bytes() == avant


@settings(max_examples=40, deadline=None)
@given(genre=st.sampled_from(["listes", "tables", "sections"]), niveaux=st.integers(2, 100))
def test_what_is_nested_within_the_limit_loads_and_saves(genre, niveaux):
    projet = store.loads(_imbrique(genre, niveaux))
    assert store.loads(store.dumps(projet)) == projet


@settings(max_examples=40, deadline=None)
@given(genre=st.sampled_from(["listes", "tables", "sections"]), niveaux=st.integers(101, 3_000))
def test_deeper_than_the_limit_is_refused(genre, niveaux):
    with pytest.raises(store.ProjectFileError, match="plus de 100 niveaux"):
        store.loads(_imbrique(genre, niveaux))


@pytest.fixture
def grand(tmp_path) -> Path:
    chemin = tmp_path / "grand.toml"  # ~3,000 problems: far more than a pipe holds
    chemin.write_text("".join(f'[[associations]]\nnom = "A{i}"\nsiret = "123"\n'
                              for i in range(3_000)), encoding="utf-8")
    return chemin


def test_check_piped_into_head_stops_quietly(grand):
    env = {**os.environ, "NO_COLOR": "1"}
    proc = subprocess.Popen([sys.executable, "-m", "coopwizard", "check", str(grand)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    premiere = proc.stdout.readline()
    proc.stdout.close()  # as `head -1` does once it has its line
    erreurs = proc.stderr.read().decode()
    assert proc.wait(timeout=20) == 141  # like a tool stopped by SIGPIPE
    assert "point(s) à vérifier" in premiere.decode()
    assert erreurs == ""


def test_check_piped_into_a_real_head(grand):
    script = f"{sys.executable} -m coopwizard check {grand} | head -1"
    result = subprocess.run(["sh", "-c", script], capture_output=True, text=True, timeout=20,
                            env={**os.environ, "NO_COLOR": "1"})
    assert result.stdout.count("\n") == 1 and "point(s) à vérifier" in result.stdout
    assert result.stderr == ""


@pytest.mark.parametrize("commande", [["checklist", "P"], ["check", "P"], ["schema"],
                                      ["export", "P", "budget", "-f", "xlsx"],
                                      ["fiche", "P", "-f", "html"]])
def test_output_to_a_full_device_is_a_french_error(projet, commande):
    args = [str(projet) if a == "P" else a for a in commande]
    with open("/dev/full", "w") as plein:
        result = run(*args, stdout=plein, stderr=subprocess.PIPE)
    assert result.returncode == 2
    assert "impossible d'écrire la sortie : le disque est plein" in result.stderr
    sans_anglais(result.stderr)


@pytest.fixture
def disque_plein(tmp_path) -> str:
    """A "disk full" device. As root, a private one: if a regression ever replaced the
    device by a regular file (os.replace works on /dev as root), /dev/full would be lost."""
    if os.geteuid() != 0:
        return "/dev/full"  # nobody else can replace it
    chemin = tmp_path / "plein"
    try:
        os.mknod(chemin, 0o666 | stat.S_IFCHR, os.makedev(1, 7))
        with open(chemin, "wb") as essai:
            essai.write(b"x")
    except OSError as err:
        if err.errno == errno.ENOSPC:
            return str(chemin)
    pytest.skip("no private /dev/full here")


def test_o_dev_full_is_a_french_error(projet, disque_plein):
    result = run("checklist", str(projet), "-o", disque_plein)
    assert result.returncode == 2
    assert f"Impossible d'écrire {disque_plein} : le disque est plein." in result.stderr
    sans_anglais(result.stderr)
    assert stat.S_ISCHR(os.stat(disque_plein).st_mode)  # written into, never replaced
    assert stat.S_ISCHR(os.stat("/dev/full").st_mode)


def _sans_terminal(*args: str, stdin, stdout, tmp_path) -> tuple[int, str]:
    """Exit code and stderr; the 20 s timeout only catches a hang or a busy loop."""
    env = {k: v for k, v in os.environ.items() if k != "TEXTUAL_DRIVER"}
    env.update(COOPWIZARD_HOME=str(tmp_path / "home"), TERM="xterm-256color")
    proc = subprocess.run([sys.executable, "-m", "coopwizard", *args], stdin=stdin,
                          stdout=stdout, stderr=subprocess.PIPE, text=True, env=env,
                          timeout=20, cwd=tmp_path)
    return proc.returncode, proc.stderr


@pytest.mark.parametrize("args", [["open", "P"], ["new", "nouveau.toml"], ["demo"], []])
def test_the_assistant_without_a_terminal_exits_2_with_a_message(projet, tmp_path, args):
    args = [str(projet) if a == "P" else a for a in args]
    avant = projet.read_bytes()
    code, erreur = _sans_terminal(*args, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                     tmp_path=tmp_path)
    assert code == 2
    assert SANS_TERMINAL in erreur and "Relancez" in erreur
    sans_anglais(erreur)
    assert projet.read_bytes() == avant
    assert not (tmp_path / "nouveau.toml").exists()


def test_stdout_redirected_but_stdin_a_terminal_is_refused_too(projet, tmp_path):
    maitre, esclave = os.openpty()
    try:
        code, erreur = _sans_terminal("open", str(projet), stdin=esclave,
                                         stdout=subprocess.PIPE, tmp_path=tmp_path)
    finally:
        os.close(esclave)
        os.close(maitre)
    assert code == 2 and SANS_TERMINAL in erreur


def test_a_broken_project_without_a_terminal_still_says_what_is_wrong(tmp_path):
    chemin = tmp_path / "casse.toml"
    chemin.write_text('nom = "Repas\n', encoding="utf-8")
    code, erreur = _sans_terminal("open", str(chemin), stdin=subprocess.DEVNULL,
                                     stdout=subprocess.PIPE, tmp_path=tmp_path)
    assert code == 2 and "n'est pas un TOML valide" in erreur and "ligne 1" in erreur
    assert chemin.read_text(encoding="utf-8") == 'nom = "Repas\n'
