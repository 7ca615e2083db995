"""The write-ahead journal: what it keeps, what a kill leaves, what a save compacts."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coopwizard.store import journal as journaux
from coopwizard.store.journal import Journal, draft_key, journal_path

champs = st.sampled_from(["nom", "resume", "conception.objectifs", "position"])
textes = st.text(max_size=40)


def test_notes_reach_the_file_on_flush_and_read_back(tmp_path):
    projet = tmp_path / "p.toml"
    journal = Journal(projet)
    journal.start(base="abc")
    journal.note("nom", "Fête", 1)
    journal.note_draft(draft_key("taches", None), {"champ": "taches", "valeurs": {"intitule": "Salle"}})
    journal.note_text("date_debut", "05/0")
    assert journaux.read(projet).answers == {}  # queued, not written yet
    assert journal.flush()
    lu = journaux.read(projet)
    assert lu.base == "abc"
    assert lu.answers == {"nom": "Fête"}
    assert lu.drafts["taches#nouveau"]["valeurs"] == {"intitule": "Salle"}
    assert lu.texts == {"date_debut": "05/0"}
    journal.close(discard=True)
    assert journal_path(projet).exists()  # a draft and a half-typed date are left: kept


def test_a_save_compacts_what_the_file_holds(tmp_path):
    projet = tmp_path / "p.toml"
    journal = Journal(projet)
    journal.start(base="v0")
    journal.note("nom", "A", 1)
    journal.note("resume", "B", 2)
    journal.flush()
    journal.saved(1, "v1")  # the file holds generation 1 (nom) but not resume yet
    lu = journaux.read(projet)
    assert lu.base == "v1"
    assert lu.answers == {"resume": "B"}
    journal.saved(2, "v2")
    journal.close(discard=True)
    assert not journal_path(projet).exists()


def test_a_closed_form_is_no_longer_a_draft(tmp_path):
    projet = tmp_path / "p.toml"
    journal = Journal(projet)
    journal.start(base="")
    journal.note_draft("taches#3", {"valeurs": {"intitule": "x"}})
    journal.flush()
    journal.close_draft("taches#3")
    journal.flush()
    assert journaux.read(projet).drafts == {}


def test_a_recovered_draft_survives_a_second_interruption(tmp_path):
    projet = tmp_path / "p.toml"
    first = Journal(projet)
    first.start(base="")
    first.note_draft("reunions#nouveau", {"valeurs": {"ordre_du_jour": "budget"}})
    first.flush()  # then killed: never closed
    recovered = journaux.read(projet)
    second = Journal(projet)
    second.start(base="", recovered=recovered)  # reopened, the user did nothing yet
    second.saved(5, "v5")
    assert journaux.read(projet).drafts == recovered.drafts


def test_an_unwritable_state_folder_is_reported_in_french(tmp_path, monkeypatch):
    monkeypatch.setenv("COOPWIZARD_HOME", str(tmp_path / "fichier"))
    (tmp_path / "fichier").write_text("pas un dossier")
    journal = Journal(tmp_path / "p.toml")
    journal.start(base="")
    journal.note("nom", "x", 1)
    assert not journal.flush()
    assert "journal de secours impossible à écrire" in journal.error


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    operations=st.lists(st.tuples(champs, textes), min_size=1, max_size=12),
    cut=st.integers(min_value=0, max_value=10_000),
)
def test_a_kill_at_any_byte_leaves_a_prefix_of_the_changes(tmp_path, operations, cut):
    """Whatever byte a kill stops the journal at, what reads back is an earlier state, exactly."""
    projet = tmp_path / "p.toml"
    journal_path(projet).unlink(missing_ok=True)
    journal = Journal(projet)
    journal.start(base="")
    states = [{}]
    for generation, (champ, valeur) in enumerate(operations, 1):
        journal.note(champ, valeur, generation)
        journal.flush()
        state = dict(states[-1])
        state[champ] = valeur
        states.append(state)
    journal.close(discard=False)
    raw = journal_path(projet).read_bytes()
    journal_path(projet).write_bytes(raw[: cut % (len(raw) + 1)])
    lu = journaux.read(projet)
    answers = lu.answers if lu is not None else {}
    assert answers in states
