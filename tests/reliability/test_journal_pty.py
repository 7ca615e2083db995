"""The real program in a pty: record forms, continuous typing and quitting never lose what was typed.

The example project opens on its tasks editor; `a` opens the « Ajouter : tâche »
form, whose second field is the task's title.
"""

from __future__ import annotations

import shutil
import signal
import sys
import time

import pytest

from coopwizard import store
from coopwizard.models import Projet
from coopwizard.paths import example_project_file
from coopwizard.store.journal import journal_path
from tests.reliability.pty_app import loads_nom, spawn, wait_exit, wait_for, wait_pid

pexpect = pytest.importorskip("pexpect")

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal"),
]

TITRE = "Reserver la salle 42"


@pytest.fixture
def exemple(tmp_path):
    path = tmp_path / "projet.toml"
    shutil.copy(example_project_file(), path)
    return path


def _titres(path):
    return [t.intitule for t in store.load(path).taches]


def _open_task_form(child):
    child.send("a")
    child.see("Ajouter : tâche")
    # the form opens on « Intitulé », its first field to type in
    child.send(TITRE)
    child.see(TITRE)


def _journal_has(path, text):
    try:
        return text in journal_path(path).read_text(encoding="utf-8")
    except OSError:
        return False


def test_form_draft_survives_kill_9_and_is_offered_back(exemple, coopwizard_home):
    child = spawn(exemple, coopwizard_home)
    _open_task_form(child)
    assert wait_for(lambda: _journal_has(exemple, TITRE), timeout=10)  # on disk within 2 s
    child.kill(signal.SIGKILL)
    wait_pid(child.pid)
    assert TITRE not in _titres(exemple)  # the form was never saved...

    child = spawn(exemple, coopwizard_home, expect="Un formulaire n'avait pas été enregistré")
    child.see(TITRE)  # ...but what it held is offered back
    child.send("r")
    child.see("Ajouter : tâche")
    child.send("\x13")  # Ctrl+S saves the form
    assert wait_for(lambda: TITRE in _titres(exemple))
    child.send("\x11")
    assert wait_exit(child) == 0
    assert _titres(exemple).count(TITRE) == 1
    assert not journal_path(exemple).exists()  # everything is in the file: no journal left


def test_keys_typed_right_after_enter_in_a_form_go_to_the_next_field(exemple, coopwizard_home):
    # Seen at 80x24: « Comité des fêtes3 r » when the next field's text followed Enter at once.
    child = spawn(exemple, coopwizard_home)
    child.send("a")
    child.see("Ajouter : tâche")
    child.send("Louer la sono\rKarim\r01/04/2027")  # one write, as a fast typist
    child.see("01/04/2027")
    child.send("\x13")
    assert wait_for(lambda: "Louer la sono" in _titres(exemple))
    child.send("\x11")
    assert wait_exit(child) == 0
    tache = next(t for t in store.load(exemple).taches if t.intitule == "Louer la sono")
    assert (tache.responsable, f"{tache.debut:%d/%m/%Y}") == ("Karim", "01/04/2027")


@pytest.mark.parametrize("how", ["ctrl-q", "sighup", "sigterm"])
def test_quitting_with_a_changed_form_saves_it(exemple, coopwizard_home, how):
    child = spawn(exemple, coopwizard_home)
    _open_task_form(child)
    if how == "ctrl-q":
        child.send("\x11")
    else:
        child.kill(signal.SIGHUP if how == "sighup" else signal.SIGTERM)
    assert wait_exit(child) == 0
    assert TITRE in _titres(exemple)


def test_escape_on_a_changed_form_asks_first(exemple, coopwizard_home):
    child = spawn(exemple, coopwizard_home)
    _open_task_form(child)
    child.send("\x1b")
    child.see("Abandonner les modifications")
    child.send("c")  # continue typing: the form is still there, with the text
    child.send(" bis")
    child.see(f"{TITRE} bis")
    child.send("\x1b")
    child.see("Abandonner les modifications")
    child.send("a")
    child.see("Qui fait quoi")
    child.send("\x11")
    assert wait_exit(child) == 0
    assert not any(t.startswith(TITRE) for t in _titres(exemple))
    assert not journal_path(exemple).exists()


def test_continuous_typing_reaches_the_file_while_typing(tmp_path, coopwizard_home):
    """Typing that never pauses (a key every 50 ms, longer than the debounce) is saved anyway."""
    path = tmp_path / "projet.toml"
    store.save(Projet(nom="A"), path)
    child = spawn(path, coopwizard_home, expect="Comment s'appelle votre projet")
    child.send("\x15")  # Ctrl+U: empty the name
    typed = ""
    on_disk_while_typing = ""
    deadline = time.monotonic() + 60  # safety net only
    while time.monotonic() < deadline and len(typed) < 120:
        typed += "abcdefghij"[len(typed) % 10]
        child.send(typed[-1])
        time.sleep(0.05)  # the pace of a fast typist: the test is what happens meanwhile
        child.drain()
        nom = loads_nom(path)
        if len(nom) >= 10 and typed.startswith(nom):
            on_disk_while_typing = nom
            break
    assert on_disk_while_typing, f"nothing reached the file while the typing went on: {loads_nom(path)!r} {typed!r}"
    child.send("\x11")
    assert wait_exit(child) == 0
    assert store.load(path).nom == typed


@pytest.mark.parametrize("run", range(20))
def test_keys_then_ctrl_q_in_one_write_are_saved(tmp_path, coopwizard_home, run):
    """Ctrl+Q 0 ms after the last key: the keys are drained before the save (20 runs)."""
    path = tmp_path / "projet.toml"
    store.save(Projet(nom=""), path)
    child = spawn(path, coopwizard_home, expect="Comment s'appelle votre projet")
    child.send(f"Fete{run}\x11")
    assert wait_exit(child) == 0
    assert store.load(path).nom == f"Fete{run}"


def test_answers_typed_before_kill_9_are_replayed_at_the_next_start(tmp_path, coopwizard_home):
    """Killed after the journal has the keys, before the file does: nothing is lost."""
    path = tmp_path / "projet.toml"
    store.save(Projet(nom="Avant", position={"etape": "projet", "champ": "date_debut"}), path)
    child = spawn(path, coopwizard_home, expect="Quand le projet commence-t-il")
    child.send("05/0")  # a date still being typed: not an answer, but kept
    child.send("\x1b[Z\x1b[Z")  # Shift+Tab twice: back to the name (keys applied in order)
    child.send("\x05 bis")  # Ctrl+E: end of the name, then type
    assert wait_for(lambda: _journal_has(path, "Avant bis") and _journal_has(path, "05/0"))
    child.kill(signal.SIGKILL)
    wait_pid(child.pid)
    file_had_it = loads_nom(path) == "Avant bis"  # (an autosave may have come before the kill)

    child = spawn(path, coopwizard_home, expect="Comment s'appelle votre projet")
    if not file_had_it:  # the usual case: the kill came before the autosave's delay
        child.see("la réponse tapée a été reprise")
    child.see("05/0")  # the half-typed date is back in its field, flagged
    assert wait_for(lambda: loads_nom(path) == "Avant bis")  # and saved, without a key
    child.send("\x11")  # the date is not a date: quitting points it out first
    child.see("la date tapée n'est pas reconnue")
    child.send("\x11")
    assert wait_exit(child) == 0
    projet = store.load(path)
    assert projet.nom == "Avant bis"
    assert projet.date_debut is None  # never 1970, never a guess


def test_folder_gone_the_reason_shows_at_80_columns_and_quitting_asks(tmp_path, coopwizard_home):
    dossier = tmp_path / "partage"
    dossier.mkdir()
    path = dossier / "projet.toml"
    store.save(Projet(nom="Avant"), path)
    child = spawn(path, coopwizard_home, size=(24, 80), expect="Comment s'appelle votre projet")
    dossier.rename(tmp_path / "renomme")
    child.send("\x05 bis")
    child.see("Ctrl+S : réessayer")  # the last line of the alert: the whole reason is above it
    assert "n'existe plus" in child.text() or "introuvable" in child.text() or "dossier" in child.text()
    child.send("\x11")
    child.see("L'enregistrement a échoué")
    child.see("journal de secours")
    child.send("q")
    assert wait_exit(child) == 1  # never 0 with the answers not in the project file
    assert store.load(tmp_path / "renomme" / "projet.toml").nom == "Avant"  # old file intact


def test_a_file_changed_outside_is_never_overwritten(tmp_path, coopwizard_home):
    """A partner's version arriving while we type is merged in, never written over."""
    path = tmp_path / "projet.toml"
    store.save(Projet(nom="Avant"), path)
    child = spawn(path, coopwizard_home, expect="Comment s'appelle votre projet")
    child.send("\x05 ici")
    assert wait_for(lambda: loads_nom(path) == "Avant ici")
    partenaire = store.load(path)
    partenaire.resume = "Le résumé du partenaire"
    store.save(partenaire, path)  # a sync tool brings another version
    child.send(" et là")
    child.see("Version d'un partenaire fusionnée")
    child.send("\x11")
    assert wait_exit(child) == 0
    final = store.load(path)
    assert (final.nom, final.resume) == ("Avant ici et là", "Le résumé du partenaire")


def test_a_broken_file_on_disk_is_never_overwritten(tmp_path, coopwizard_home):
    path = tmp_path / "projet.toml"
    store.save(Projet(nom="Avant"), path)
    child = spawn(path, coopwizard_home, expect="Comment s'appelle votre projet")
    child.send("\x05 ici")
    assert wait_for(lambda: loads_nom(path) == "Avant ici")
    path.write_text('nom = "coupé', encoding="utf-8")  # an editor saved half a file
    child.send(" et là")
    child.see("modifié en dehors de coopwizard")
    child.send("\x11")
    child.see("L'enregistrement a échoué")
    child.send("q")
    assert wait_exit(child) == 1
    assert path.read_text(encoding="utf-8") == 'nom = "coupé'
