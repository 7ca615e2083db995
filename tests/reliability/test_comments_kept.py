"""Issue 11: comments and layout written by hand survive the app's saves.

Open a commented file, change one answer, save: every comment is still there
and every line but the edited one is unchanged. A file without comments keeps
the fast path (tomlkit is not even imported).
"""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest
import tomli
import tomli_w
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from coopwizard import store
from coopwizard.models import Projet, Tache, get_path, set_path
from coopwizard.paths import example_project_file
from coopwizard.store import disposition
from coopwizard.store.lignes import locate
from coopwizard.store.session import ProjectSession
from tests.sans_ids import sans_ids

EXAMPLE = example_project_file().read_text(encoding="utf-8")
LINES = EXAMPLE.splitlines(keepends=True)
DATA = tomli.loads(EXAMPLE)

# Where a comment line can go without changing the data: between keys, before a
# section, on a blank line; never inside a multi-line text or list.
BETWEEN_KEYS = [
    n for n in range(len(LINES) + 1)
    if tomli.loads("".join([*LINES[:n], "# x\n", *LINES[n:]])) == DATA
]
# Answers written on a single line in the example, so that one line changes.
ONE_LINE_ANSWERS = [
    ("nom",), ("associations", 0, "adresse"), ("associations", 2, "contact_nom"),
    ("collectif", "coordinateur"), ("taches", 3, "responsable"), ("budget", "lignes", 1, "libelle"),
]
TEXT = st.characters(codec="utf-8", exclude_categories=("Cc", "Cs", "Zl", "Zp"))


@pytest.fixture(autouse=True)
def _fresh():
    disposition.forget()  # each test reads its file as a new session would
    yield
    disposition.forget()


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(places=st.lists(st.sampled_from(BETWEEN_KEYS), min_size=1, max_size=6, unique=True),
       comments=st.lists(st.text(TEXT, max_size=40), min_size=6, max_size=6),
       answer=st.sampled_from(ONE_LINE_ANSWERS),
       value=st.text(TEXT, min_size=1, max_size=40))
def test_comments_between_keys_survive_a_save_that_changes_one_answer(
        tmp_path_factory, places, comments, answer, value):
    path = tmp_path_factory.mktemp("commentaires") / "projet.toml"
    lines = list(LINES)
    for n, comment in sorted(zip(places, comments, strict=False), reverse=True):
        lines.insert(n, f"# {comment}\n")
    written = "".join(lines)
    path.write_text(written, encoding="utf-8")
    disposition.forget()

    projet = store.load(path)
    dotted = ".".join(map(str, answer))
    assume(value.strip() and get_path(projet, dotted) != value)
    set_path(projet, dotted, value)
    store.save(projet, path)

    saved = path.read_text(encoding="utf-8").splitlines()
    edited = locate(written, [answer])[answer] - 1
    expected = written.splitlines()
    expected[edited] = tomli_w.dumps({answer[-1]: get_path(projet, dotted)}).rstrip("\n")
    assert saved == expected
    assert get_path(store.load(path), dotted) == get_path(projet, dotted)


COMMENTED = textwrap.dedent("""\
    # Projet tenu à la main : ne pas effacer ces notes
    schema_version = 3
    nom    = "Fête"   # aligné à la main
    date_debut = 2026-09-01

    [conception]
    # Les objectifs ont été votés le 3 mars
    objectifs = "Se rencontrer"
    motivations_inconnues = ["a", "b"]

    [[taches]]
    id = "salle"
    intitule = "Salle"
    statut = "a_faire"  # par défaut, écrit quand même
    # tâche suivante : la plus urgente
    [[taches]]
    id = "affiches"
    intitule = "Affiches"

    [[budget.lignes]]
    id = "vaisselle"
    montant = 180.5
    """)


def _save_changed(path, change) -> str:
    projet = store.load(path)
    change(projet)
    store.save(projet, path)
    return path.read_text(encoding="utf-8")


def test_hand_layout_and_trailing_comments_are_kept(tmp_path):
    path = tmp_path / "p.toml"
    path.write_text(COMMENTED, encoding="utf-8")
    text = _save_changed(path, lambda p: setattr(p, "nom", "Grande fête"))
    assert text == COMMENTED.replace('nom    = "Fête"', 'nom    = "Grande fête"')


def test_records_added_and_removed_leave_the_other_comments(tmp_path):
    path = tmp_path / "p.toml"
    path.write_text(COMMENTED, encoding="utf-8")

    def change(projet: Projet) -> None:
        projet.taches = [*projet.taches, Tache(intitule="Rangement", statut="en_cours")]
        projet.conception.objectifs = "Se rencontrer et s'entraider"

    text = _save_changed(path, change)
    for line in COMMENTED.splitlines():
        if "#" in line:
            assert line in text.splitlines()
    assert sans_ids(tomli.loads(text)["taches"])[2] == {"intitule": "Rangement",
                                                         "statut": "en_cours"}
    text = _save_changed(path, lambda p: setattr(p, "taches", p.taches[1:]))
    assert "Salle" not in text and "Affiches" in text
    assert "# Les objectifs ont été votés le 3 mars" in text
    assert "# Projet tenu à la main : ne pas effacer ces notes" in text


def test_comments_survive_the_sessions_snapshot_saves(tmp_path):
    path = tmp_path / "p.toml"
    path.write_text(COMMENTED, encoding="utf-8")
    with ProjectSession(path) as session:
        projet = session.load()
        for n in range(3):  # the autosave saves a rebuilt snapshot, again and again
            projet.conception.objectifs = f"Version {n}"
            session.save(Projet.model_validate(projet.model_dump()))
    text = path.read_text(encoding="utf-8")
    assert "# Projet tenu à la main : ne pas effacer ces notes" in text
    assert 'objectifs = "Version 2"' in text
    assert store.backup_path(path).read_text(encoding="utf-8") == COMMENTED


def test_the_example_keeps_its_header_after_a_save(example_copy):
    header = EXAMPLE.splitlines()[:2]
    text = _save_changed(example_copy, lambda p: setattr(p, "resume", "Plus court."))
    assert text.splitlines()[:2] == header


def test_a_changed_file_on_disk_is_read_again(tmp_path):
    path = tmp_path / "p.toml"
    path.write_text(COMMENTED, encoding="utf-8")
    _save_changed(path, lambda p: setattr(p, "nom", "A"))
    path.write_text(COMMENTED.replace("# tâche suivante", "# autre note"), encoding="utf-8")
    text = _save_changed(path, lambda p: setattr(p, "nom", "B"))
    assert "# autre note" in text and 'nom    = "B"' in text


def test_the_tomlkit_path_is_verified_and_falls_back_to_the_fast_path(tmp_path, monkeypatch):
    path = tmp_path / "p.toml"
    path.write_text(COMMENTED, encoding="utf-8")
    real = disposition._apply

    def wrong(container, *args):
        real(container, *args)
        container["nom"] = "pas ce que l'utilisateur a tapé"  # a tomlkit bug, say

    monkeypatch.setattr(disposition, "_apply", wrong)
    projet = store.load(path)
    projet.nom = "Grande fête"
    store.save(projet, path)
    assert path.read_text(encoding="utf-8") == store.dumps(projet)  # verified fast text
    assert store.load(path).nom == "Grande fête"


def _imports_tomlkit(path) -> bool:
    code = ("import sys; from coopwizard import store; p = store.load(sys.argv[1]); "
            "p.nom = 'autre'; store.save(p, sys.argv[1]); print('tomlkit' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True,
                            text=True, timeout=60, check=False)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip() == "True"


def test_a_file_without_comments_keeps_the_fast_path(tmp_path):
    plain = tmp_path / "plain.toml"
    plain.write_text(store.dumps(store.loads(EXAMPLE)), encoding="utf-8")
    assert not _imports_tomlkit(plain)
    assert plain.read_text(encoding="utf-8") == store.dumps(store.load(plain))
    commented = tmp_path / "commented.toml"
    commented.write_text(EXAMPLE, encoding="utf-8")
    assert _imports_tomlkit(commented)


def test_a_large_file_keeps_the_fast_path(tmp_path, monkeypatch):
    monkeypatch.setattr(disposition, "MAX_BYTES", 100)  # tomlkit would take minutes
    path = tmp_path / "p.toml"
    path.write_text(COMMENTED, encoding="utf-8")
    text = _save_changed(path, lambda p: setattr(p, "nom", "X"))
    assert "#" not in text and text == store.dumps(store.load(path))
