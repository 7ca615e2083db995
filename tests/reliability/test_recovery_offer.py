"""The `.bak` offer is honest: the backup's date, the answers it would drop, where the rest goes.

A broken project file and its readable `.bak`: `store.recovery_hint` must say
when the backup's version was saved, list what can still be read of the broken
file that the backup lacks, and name the `.abime` copy restoring will keep.
`store.restore_backup` keeps that copy byte for byte, readable as text.
"""

from __future__ import annotations

import os
import shutil
import stat
from datetime import datetime

import tomli_w
from hypothesis import given
from hypothesis import strategies as st

from coopwizard import store
from coopwizard.paths import example_project_file

COPIE = datetime(2026, 12, 1, 10, 10)  # a Tuesday
CASSE = datetime(2026, 12, 1, 11, 2)
EXEMPLE = example_project_file().read_text(encoding="utf-8")
NOM = 'nom = "Repas partagé du quartier des Lilas"'


def _date(path, moment):
    os.utime(path, (moment.timestamp(), moment.timestamp()))


def _casse(tmp_path, texte: str | bytes, quand=CASSE):
    path = tmp_path / "projet.toml"
    bak = path.with_name("projet.toml.bak")
    shutil.copy(example_project_file(), bak)
    _date(bak, COPIE)
    path.write_bytes(texte.encode("utf-8") if isinstance(texte, str) else texte)
    _date(path, quand)
    return path


def test_the_offer_gives_the_date_of_the_backup_in_french(tmp_path):
    path = _casse(tmp_path, b'nom = "Repas\n[conception\n')
    hint = store.recovery_hint(path)
    assert "projet.toml.bak" in hint
    assert "le mardi 1er décembre 2026 à 10 h 10" in hint


def test_the_offer_lists_the_answers_restoring_would_drop(tmp_path):
    texte = EXEMPLE.replace(NOM, 'nom = "Grand repas des Lilas 2027"')
    texte = texte.replace("[conception]", "[conception", 1)  # a header lost its bracket
    texte = texte.replace('objectifs = """\n', 'objectifs = """\nNouvel objectif. ', 1)
    texte += '\n[[taches]]\nintitule = "Louer les tables"\n'
    path = _casse(tmp_path, texte)
    hint = store.recovery_hint(path)
    assert "Nom du projet : « Grand repas des Lilas 2027 »" in hint
    assert "(la copie a « Repas partagé du quartier des Lilas »)" in hint
    assert "Objectifs du projet : « Nouvel objectif." in hint  # under the mended header
    assert "Intitulé : « Louer les tables » (absent de la copie)" in hint
    assert "modifié le mardi 1er décembre 2026 à 11 h 02" in hint
    assert "Association 1" not in hint  # what the backup holds as well is not listed
    assert f"sous {tmp_path / 'projet.toml.abime'}" in hint


def test_unreadable_lines_are_named_and_never_taken_for_answers(tmp_path):
    texte = EXEMPLE.replace('date_fin = "2027-04-30"', 'date_fin = "2027-05-30')
    path = _casse(tmp_path, texte)
    hint = store.recovery_hint(path)
    ligne = texte.splitlines().index('date_fin = "2027-05-30') + 1
    assert f"la ligne {ligne} est illisible" in hint
    assert "Date de fin" not in hint


def test_when_nothing_can_be_compared_the_newer_broken_file_is_said_to_be_kept(tmp_path):
    path = _casse(tmp_path, b"\x00\xff\xfe" * 50)
    hint = store.recovery_hint(path)
    assert ("Le fichier abîmé est plus récent (modifié le mardi 1er décembre 2026 à 11 h 02) : "
            "ce qu'il contient de plus ne sera pas perdu, il est gardé sous projet.toml.abime."
            ) in hint


def test_an_older_broken_file_is_not_called_newer(tmp_path):
    path = _casse(tmp_path, b"\x00" * 10, quand=datetime(2026, 11, 30, 9, 0))
    hint = store.recovery_hint(path)
    assert "plus récent" not in hint.replace("n'est pas plus récent", "")
    assert "n'est pas plus récent que la copie" in hint


def test_a_broken_file_with_every_answer_in_the_backup_says_so(tmp_path):
    path = _casse(tmp_path, EXEMPLE.replace("[conception]", "[conception", 1))
    hint = store.recovery_hint(path)
    assert "Toutes les réponses du fichier abîmé se retrouvent dans la copie." in hint


def test_restoring_keeps_the_newer_session_byte_for_byte_and_says_where(tmp_path):
    texte = EXEMPLE.replace(NOM, 'nom = "Grand repas des Lilas 2027"').replace(
        "[conception]", "[conception", 1)
    path = _casse(tmp_path, texte)
    os.chmod(path, 0o640)
    kept = tmp_path / "projet.toml.abime"
    assert str(kept) in store.recovery_hint(path)
    assert store.restore_backup(path) == kept
    assert kept.read_bytes() == texte.encode("utf-8")
    assert kept.read_text(encoding="utf-8") == texte  # readable as text, as it was
    assert stat.S_IMODE(kept.stat().st_mode) == 0o640
    assert datetime.fromtimestamp(kept.stat().st_mtime) == CASSE  # its date tells its age
    assert store.load(path).nom == "Repas partagé du quartier des Lilas"

    path.write_bytes(b"cass\xc3\xa9 encore [")  # broken again: the first copy is never replaced
    assert str(tmp_path / "projet.toml.abime-2") in store.recovery_hint(path)
    assert store.restore_backup(path) == tmp_path / "projet.toml.abime-2"
    assert kept.read_bytes() == texte.encode("utf-8")
    assert (tmp_path / "projet.toml.abime-2").read_bytes() == "cassé encore [".encode()


def test_a_failed_copy_of_the_broken_file_restores_nothing(tmp_path, monkeypatch):
    path = _casse(tmp_path, b'nom = "Repas\n')

    def disque_plein(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(shutil, "copy2", disque_plein)
    try:
        store.restore_backup(path)
    except store.ProjectFileError as err:
        assert "le disque est plein" in str(err)
    else:
        raise AssertionError("restore_backup did not refuse")
    assert path.read_bytes() == b'nom = "Repas\n'
    assert not (tmp_path / "projet.toml.abime").exists()


# -- reading what can be read ----------------------------------------------------------

cles = st.from_regex(r"[a-z][a-z_]{0,10}", fullmatch=True)
valeurs = st.one_of(st.text(max_size=30), st.integers(-10**6, 10**6), st.booleans())
sections = st.dictionaries(cles, st.dictionaries(cles, valeurs, max_size=4), max_size=4)


@given(st.dictionaries(cles, valeurs, max_size=6), sections, st.data())
def test_garbage_lines_are_left_out_and_every_other_answer_is_read(racine, tables, data):
    from coopwizard.store.recovery import lire_au_mieux

    propre = {**{k: v for k, v in racine.items() if k not in tables}, **tables}
    lignes = tomli_w.dumps(propre).split("\n")
    for _ in range(data.draw(st.integers(1, 4))):
        i = data.draw(st.integers(0, len(lignes)))
        lignes.insert(i, "<<< " + data.draw(st.text(alphabet="abc =\"[]'", max_size=12)))
    numeros = [n for n, ligne in enumerate(lignes, 1) if ligne.startswith("<<< ")]
    assert lire_au_mieux("\n".join(lignes)) == (propre, numeros)


@given(sections.filter(bool), st.data())
def test_a_header_missing_its_bracket_keeps_its_keys_in_their_section(tables, data):
    from coopwizard.store.recovery import lire_au_mieux

    lignes = tomli_w.dumps(tables).split("\n")
    entetes = [i for i, ligne in enumerate(lignes) if ligne.startswith("[")]
    if not entetes:
        return
    i = data.draw(st.sampled_from(entetes))
    lignes[i] = lignes[i].rstrip("]")
    lu = lire_au_mieux("\n".join(lignes))
    assert lu is not None
    assert lu[0] == tables  # mended: nothing moved to the section above
