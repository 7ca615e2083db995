"""The ready-made guide (coopwizard/guide_cache.py): right, or not used at all."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from coopwizard import guide_cache
from coopwizard.guide import load_guide
from coopwizard.paths import shipped_data_dir


@pytest.fixture
def dossier(tmp_path) -> Path:
    copie = tmp_path / "guide"
    shutil.copytree(shipped_data_dir() / "guide", copie)
    return copie


class Lecteur:
    """load_guide, counting the times data/ is really read."""

    def __init__(self) -> None:
        self.lectures = 0

    def __call__(self, dossier: Path):
        self.lectures += 1
        return load_guide(dossier)


def test_the_second_start_takes_the_guide_from_the_cache(dossier, tmp_path):
    lire, cache = Lecteur(), tmp_path / "cache"
    premier = guide_cache.charger(dossier, lire, cache)
    second = guide_cache.charger(dossier, lire, cache)
    assert lire.lectures == 1
    assert second == premier == load_guide(dossier)


def test_a_changed_data_file_is_read_again(dossier, tmp_path):
    lire, cache = Lecteur(), tmp_path / "cache"
    guide_cache.charger(dossier, lire, cache)
    etape = dossier / "etapes" / "conception.toml"
    texte = etape.read_text(encoding="utf-8")
    assert "Quels sont les objectifs du projet" in texte
    etape.write_text(texte.replace("Quels sont les objectifs du projet",
                                   "Quels buts pour le projet"), encoding="utf-8")
    guide = guide_cache.charger(dossier, lire, cache)
    assert lire.lectures == 2
    assert guide.question("conception.objectifs")[1].libelle.startswith("Quels buts")


def test_same_size_and_a_new_date_is_read_again(dossier, tmp_path):
    lire, cache = Lecteur(), tmp_path / "cache"
    guide_cache.charger(dossier, lire, cache)
    etape = dossier / "etapes" / "conception.toml"
    st = etape.stat()
    os.utime(etape, ns=(st.st_atime_ns, st.st_mtime_ns + 10**9))
    guide_cache.charger(dossier, lire, cache)
    assert lire.lectures == 2


def test_a_corrupt_cache_is_read_past_and_made_again(dossier, tmp_path):
    lire, cache = Lecteur(), tmp_path / "cache"
    guide_cache.charger(dossier, lire, cache)
    (cache / guide_cache.NOM).write_bytes(b"\x80\x05pas un pickle")
    assert guide_cache.charger(dossier, lire, cache) == load_guide(dossier)
    assert guide_cache.charger(dossier, lire, cache) == load_guide(dossier)
    assert lire.lectures == 2  # read again once, then the cache is right again


def test_no_place_for_the_cache_still_gives_the_guide(dossier, tmp_path):
    bloque = tmp_path / "fichier"
    bloque.write_text("un fichier, pas un dossier", encoding="utf-8")
    lire = Lecteur()
    assert guide_cache.charger(dossier, lire, bloque / "cache") == load_guide(dossier)
    assert guide_cache.charger(dossier, lire, None) == load_guide(dossier)
    assert lire.lectures == 2
    assert not list(tmp_path.glob("**/.guide-*"))  # no temporary file left behind


def test_a_malformed_guide_is_still_refused(dossier, tmp_path):
    (dossier / "etapes" / "realisation.toml").unlink()
    with pytest.raises(ValueError, match="sans fichier"):
        guide_cache.charger(dossier, load_guide, tmp_path / "cache")
    assert not (tmp_path / "cache" / guide_cache.NOM).exists()
