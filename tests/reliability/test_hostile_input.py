"""Hostile text in every text field goes through save and load intact (after normalisation)."""

from __future__ import annotations

import re

import pytest

from coopwizard import store
from coopwizard.models import Association, Projet
from coopwizard.models.paths import answer_paths, get_path, set_path
from coopwizard.store.session import ProjectSession
from coopwizard.text import normalise_text
from tests.reliability.hostile import HOSTILE, all_strings, fill, hostile_project

FORBIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]")


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_text_in_every_field_round_trips(tmp_path, name):
    projet = hostile_project(HOSTILE[name], items=2)
    path = tmp_path / "hostile.toml"
    store.save(projet, path)
    loaded = store.load(path)
    assert loaded == projet
    strings = list(all_strings(loaded.model_dump(mode="json")))
    assert normalise_text(HOSTILE[name]) in strings  # the text really went everywhere
    assert not any(FORBIDDEN.search(s) for s in strings)
    path.read_bytes().decode("utf-8")  # always valid UTF-8


def test_what_normalisation_keeps_and_drops():
    assert normalise_text("a\r\nb\rc") == "a\nb\nc"
    assert normalise_text("a\x00b\x1bc\x7fd\x85e") == "abcde"
    assert normalise_text("tab\tet\nligne") == "tab\tet\nligne"
    assert normalise_text("x\ufffey\uffff") == "xy"
    assert normalise_text("\ud800") == "\ufffd"
    for kept in ("emoji-zwj", "rtl", "script", "formule-egal", "markup", "vide-apparent"):
        assert normalise_text(HOSTILE[kept]) == HOSTILE[kept]  # text the user meant is kept


def test_every_answer_path_accepts_hostile_text_by_assignment(tmp_path):
    """The UI assigns answers one by one (validate_assignment): each is normalised."""
    projet = Projet()
    projet.associations.append(Association())
    text = HOSTILE["controles"] + HOSTILE["surrogates"]
    assigned = 0
    for path in answer_paths(Projet):
        if isinstance(get_path(projet, path), str):
            set_path(projet, path, text)
            assigned += 1
    vide = Association()
    for field in Association.model_fields:
        if isinstance(getattr(vide, field), str):  # role, type_partenaire: choices, not text
            set_path(projet, f"associations.0.{field}", text)
    assert assigned > 40
    store.save(projet, tmp_path / "p.toml")
    loaded = store.load(tmp_path / "p.toml")
    assert loaded == projet
    assert loaded.conception.objectifs == normalise_text(text)


def test_text_that_skipped_validation_is_normalised_on_save(tmp_path):
    projet = Projet.model_construct(nom="a\ud800b\x00c\r\nd")
    store.save(projet, tmp_path / "p.toml")
    assert store.load(tmp_path / "p.toml").nom == "a\ufffdbc\nd"


def test_one_megabyte_paste_into_a_long_text_field(tmp_path):
    paste = ("Un paragraphe collé depuis un traitement de texte, avec « guillemets » et\r\n"
             "des retours à la ligne Windows.\t😀\n") * 10_000
    paste = paste[:1_000_000]
    projet = Projet(nom="Gros collage")
    projet.conception.constats = paste
    path = tmp_path / "p.toml"
    with ProjectSession(path) as session:
        session.save(projet)
    loaded = store.load(path)
    assert loaded.conception.constats == normalise_text(paste)
    assert len(loaded.conception.constats) > 900_000
    assert 'constats = """' in path.read_text(encoding="utf-8")  # still hand-editable


def test_ten_thousand_partner_associations(tmp_path):
    association = fill(Association, HOSTILE["emoji-zwj"] + HOSTILE["script"])
    projet = Projet(nom="Très grand réseau", associations=[association] * 10_000)
    path = tmp_path / "p.toml"
    store.save(projet, path)
    loaded = store.load(path)
    assert len(loaded.associations) == 10_000
    assert loaded == projet


def test_hostile_keys_in_a_hand_edited_file_are_kept(tmp_path):
    path = tmp_path / "p.toml"
    # (a project key first: a file of unknown keys only is « pas un projet coopwizard »)
    path.write_text('nom = "p"\n"clé <script>" = "x"\n"=cmd" = "y"\n"" = "vide"\n',
                    encoding="utf-8")
    projet = store.load(path)
    store.save(projet, path)
    assert store.load(path).model_extra == {"clé <script>": "x", "=cmd": "y", "": "vide"}


# Without a limit, "1e999999999" would load and every later save or export
# would write a number of a billion digits. Since issue 10 it is set aside (kept
# as the short text it is) and reported, instead of refusing the file.
def test_absurd_amount_is_set_aside_with_a_french_message():
    from coopwizard.diagnostics import diagnose

    projet = store.loads('[[budget.lignes]]\nmontant = "1e999999999"\n')
    assert projet.budget.lignes[0].montant is None
    assert any("trop de chiffres" in str(p) for p in diagnose(projet))
    assert 'montant = "1e999999999"' in store.dumps(projet)
