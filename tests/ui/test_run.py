"""`screens.app.run(mode, fichier)`, as the CLI calls it (the App itself is not started)."""

from __future__ import annotations

import pytest

from coopwizard import store
from coopwizard.models import Projet
from coopwizard.paths import data_dir, example_project_file
from screens import app as app_module


@pytest.fixture
def lances(monkeypatch):
    """Every App `run()` would start, instead of starting it."""
    apps = []

    def fake_run(self, *args, **kwargs):
        apps.append(self)
        return 0

    monkeypatch.setattr(app_module.CoopApp, "run", fake_run)
    return apps


def test_open_unreadable_file_exit_2_and_file_untouched(tmp_path, capsys, lances):
    cassé = tmp_path / "cassé.toml"
    cassé.write_bytes(b"schema_version = 99\n")
    assert app_module.run("open", str(cassé)) == 2
    assert "version plus récente" in capsys.readouterr().err
    assert cassé.read_bytes() == b"schema_version = 99\n"
    assert lances == []


def test_open_missing_file(tmp_path, capsys, lances):
    assert app_module.run("open", str(tmp_path / "absent.toml")) == 2
    assert "n'existe pas" in capsys.readouterr().err


def test_open_loads_the_project(tmp_path, lances):
    chemin = tmp_path / "p.toml"
    store.save(Projet(nom="Bal"), chemin)
    assert app_module.run("open", str(chemin)) == 0
    (app,) = lances
    assert app._depart[0].nom == "Bal" and app._depart[1] == chemin


def test_new_creates_the_file(tmp_path, lances):
    chemin = tmp_path / "nouveau.toml"
    assert app_module.run("new", str(chemin)) == 0
    assert store.load(chemin) == Projet()
    (app,) = lances
    assert app._depart[2] is True  # nouveau: the cursor goes to the name


def test_new_on_an_existing_file_opens_it_and_says_so(tmp_path, lances):
    chemin = tmp_path / "deja.toml"
    store.save(Projet(nom="Déjà là"), chemin)
    avant = chemin.read_bytes()
    assert app_module.run("new", str(chemin)) == 0
    (app,) = lances
    assert app._depart[0].nom == "Déjà là"
    assert "existe déjà" in app._depart[3]
    assert chemin.read_bytes() == avant


def test_new_on_an_unreadable_existing_file_refuses(tmp_path, capsys, lances):
    chemin = tmp_path / "cassé.toml"
    chemin.write_text("nom = [", encoding="utf-8")
    assert app_module.run("new", str(chemin)) == 2
    assert capsys.readouterr().err.strip()
    assert chemin.read_text(encoding="utf-8") == "nom = ["


def test_new_in_a_missing_folder_refuses(tmp_path, capsys, lances):
    assert app_module.run("new", str(tmp_path / "absent" / "p.toml")) == 2
    assert "n'existe pas" in capsys.readouterr().err
    assert not (tmp_path / "absent").exists()


def test_new_in_a_read_only_folder_refuses(tmp_path, capsys, lances, monkeypatch):
    from coopwizard.store import ProjectFileError

    def refuse(projet, path, **kwargs):
        raise ProjectFileError(f"Enregistrement impossible dans {path} : le disque est en "
                               "lecture seule. Vos réponses sont gardées à l'écran.")

    monkeypatch.setattr(store, "save", refuse)
    assert app_module.run("new", str(tmp_path / "p.toml")) == 2
    assert "lecture seule" in capsys.readouterr().err
    assert lances == []


def test_new_without_a_file_starts_with_the_name_dialog(lances):
    assert app_module.run("new", None) == 0
    (app,) = lances
    assert app._demarrage == "nouveau"


def test_demo_opens_a_fresh_copy_never_the_shipped_file(lances):
    original = example_project_file().read_bytes()
    assert app_module.run("demo", None) == 0
    assert app_module.run("demo", None) == 0
    first, second = (app._depart[1] for app in lances)
    assert first != second != example_project_file()
    assert first.parent == data_dir() / "exemples"
    assert first.read_bytes() == original
    assert example_project_file().read_bytes() == original


def test_home_mode(lances):
    assert app_module.run("accueil", None) == 0
    (app,) = lances
    assert app._depart[0] is None


def test_the_home_screen_needs_neither_the_model_nor_the_wizard():
    # What the first screen waits for: keep pydantic, the model, the guide and the
    # wizard out of `import screens.app` (they load when a project opens).
    import subprocess
    import sys

    code = (
        "import sys, screens.app; "
        "print(sorted(m for m in ('pydantic', 'coopwizard.models', 'coopwizard.guide', "
        "'coopwizard.store', 'screens.wizard', 'screens.editors') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
