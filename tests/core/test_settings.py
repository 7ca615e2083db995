"""Issue 11, point 4: the user's name and association, asked once, and who saved a version."""

from __future__ import annotations

from datetime import datetime

from coopwizard import paths, settings, store
from coopwizard.models import Projet
from coopwizard.settings import Reglages


def test_nothing_saved_yet_means_ask():
    reglages = settings.load()
    assert reglages == Reglages() and settings.a_demander(reglages)


def test_saved_once_kept_as_toml_in_the_settings_folder():
    written = settings.save(Reglages(nom="Ahmed", association="Amicale des locataires"))
    assert written.parent == paths.config_dir() and written.name == "reglages.toml"
    assert 'nom = "Ahmed"' in written.read_text(encoding="utf-8")
    reglages = settings.load()
    assert (reglages.nom, reglages.association) == ("Ahmed", "Amicale des locataires")
    assert not settings.a_demander(reglages)
    assert reglages.auteur() == "Ahmed, Amicale des locataires"
    assert list(written.parent.iterdir()) == [written]  # atomic: no temp file left
    settings.save(Reglages())  # left empty: a valid answer, not asked again
    assert not settings.a_demander()


def test_an_unreadable_settings_file_is_no_settings():
    settings.settings_file().parent.mkdir(parents=True)
    settings.settings_file().write_bytes(b"\xff[pas du toml")
    assert settings.load() == Reglages()


def test_each_save_can_say_who_and_when(tmp_path):
    projet = Projet(nom="Fête")
    le = datetime(2026, 12, 1, 10, 10).astimezone()
    settings.signer(projet, Reglages("Ahmed", "Amicale des locataires", True), le=le)
    store.save(projet, tmp_path / "p.toml")
    text = (tmp_path / "p.toml").read_text(encoding="utf-8")
    assert '[enregistrement]\npar = "Ahmed"\nassociation = "Amicale des locataires"' in text
    loaded = store.load(tmp_path / "p.toml").enregistrement
    assert loaded.le == le and loaded.auteur() == "Ahmed, Amicale des locataires"
    # written by hand as a TOML date-time, it is read too
    hand = store.loads("[enregistrement]\npar = 'Sophie'\nle = 2026-12-01T10:10:00\n")
    assert hand.enregistrement.le == datetime(2026, 12, 1, 10, 10)
