"""Every record editor driven by Pilot: add, edit, delete (with confirmation),
the change reaches the projet, a ProjetModifie is posted and the file is saved."""

from __future__ import annotations

import pytest
from rich.console import Console
from textual.widgets import DataTable, Input, Static

from coopwizard import store
from coopwizard.models import Projet, get_path
from screens.editors import EDITEURS, build_editor
from screens.choix import Choix
from screens.editors.confirm import ConfirmDelete
from screens.editors.form import RecordForm
from tests.ui.editors_harness import EditorApp, sync

SIZE = (120, 40)

# kind -> (dotted path of the list, a text field to fill, an existing record)
CAS = {
    "associations": ("associations", "nom", {"nom": "Les Jardins"}),
    "membres": ("collectif.membres", "nom", {"nom": "Sophie"}),
    "taches": ("taches", "intitule", {"intitule": "Affiche"}),
    "budget": ("budget.lignes", "libelle", {"compte": "604", "libelle": "Traiteur"}),
    "indicateurs": ("evaluation.indicateurs", "indicateur", {"indicateur": "Convives"}),
    "besoins": ("moyens.besoins", "description", {"description": "Salle"}),
    "reunions": ("reunions", "lieu", {"lieu": "Maison des associations"}),
}


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    monkeypatch.setenv("COOPWIZARD_AUJOURDHUI", "2026-03-15")


def texte(widget: Static) -> str:
    """What a Static shows, as plain text."""
    console = Console(width=200, record=True, file=open("/dev/null", "w"))  # noqa: SIM115
    console.print(widget.content)
    return console.export_text()


def projet_avec(kind: str, n: int = 1) -> Projet:
    champ, _, record = CAS[kind]
    projet = Projet()
    editor = EDITEURS[kind]
    get_path(projet, champ).extend(editor.model(**record) for _ in range(n))
    return projet


async def type_text(pilot, text: str) -> None:
    for char in text:
        await pilot.press("space" if char == " " else char)


def test_every_kind_has_an_editor():
    assert set(EDITEURS) == set(CAS)
    with pytest.raises(ValueError, match="éditeur inconnu"):
        build_editor("inconnu", Projet())


@pytest.mark.parametrize("kind", sorted(CAS))
@sync
async def test_add_edit_delete(kind, tmp_path):
    champ, field, record = CAS[kind]
    path = tmp_path / "projet.toml"
    projet = projet_avec(kind)
    store.save(projet, path)
    app = EditorApp(kind, projet, path)
    async with app.run_test(size=SIZE) as pilot:
        table = app.query_one("#table", DataTable)
        assert table.row_count == 1

        # Add: "a" opens the form, the first field has the focus.
        await pilot.press("a")
        assert isinstance(app.screen, RecordForm)
        app.screen.query_one(f"#champ-{field}", Input).focus()
        await type_text(pilot, "Nouveau")
        await pilot.press("enter")  # Enter in a field goes on to the next: nothing saved yet
        await pilot.pause()
        assert isinstance(app.screen, RecordForm)
        assert len(get_path(projet, champ)) == 1
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, RecordForm)
        records = get_path(projet, champ)
        assert [getattr(r, field) for r in records] == [record[field], "Nouveau"]
        assert table.row_count == 2
        assert champ in app.changes[-2:]  # taches also announces "mis à jour le"
        assert getattr(get_path(store.load(path), champ)[1], field) == "Nouveau"

        # Edit the new row (the cursor is on it): Enter opens it too.
        await pilot.press("enter")
        assert isinstance(app.screen, RecordForm)
        app.screen.query_one(f"#champ-{field}", Input).value = "Modifié"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert getattr(get_path(projet, champ)[1], field) == "Modifié"
        assert getattr(get_path(store.load(path), champ)[1], field) == "Modifié"
        assert table.row_count == 2
        cells = [str(c) for c in table.get_row_at(table.cursor_row)]
        assert any("Modifié" in c for c in cells)

        # Cancel leaves everything as it was.
        changes = len(app.changes)
        await pilot.press("e")
        app.screen.query_one(f"#champ-{field}", Input).value = "Jamais"
        await pilot.press("escape")  # a changed form asks before dropping what was typed
        await pilot.pause()
        assert isinstance(app.screen, Choix)
        assert "Abandonner les modifications ?" in str(app.screen.query_one("#titre").render())
        await pilot.press("a")
        await pilot.pause()
        assert getattr(get_path(projet, champ)[1], field) == "Modifié"
        assert len(app.changes) == changes

        # Delete asks first; "n" keeps the record, "o" removes it.
        await pilot.press("delete")
        assert isinstance(app.screen, ConfirmDelete)
        await pilot.press("n")
        await pilot.pause()
        assert len(get_path(projet, champ)) == 2
        await pilot.press("delete")
        assert "Supprimer" in texte(app.screen.query_one("#question", Static))
        await pilot.press("o")
        await pilot.pause()
        assert [getattr(r, field) for r in get_path(projet, champ)] == [record[field]]
        assert table.row_count == 1
        assert len(get_path(store.load(path), champ)) == 1
        assert champ in app.changes[-2:]  # taches also announces "mis à jour le"


@sync
async def test_delete_the_right_record_among_equal_ones(tmp_path):
    """Records that compare equal are still told apart (by identity)."""
    projet = projet_avec("membres", n=3)
    membres = projet.collectif.membres
    app = EditorApp("membres", projet)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("down", "e")
        app.screen.query_one("#champ-role", Input).value = "Trésorière"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert [m.role for m in membres] == ["", "Trésorière", ""]
        await pilot.press("delete", "o")
        await pilot.pause()
        assert [m.role for m in membres] == ["", ""]


@sync
async def test_empty_list_edit_and_delete_do_nothing():
    app = EditorApp("taches", Projet())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e", "delete")
        await pilot.pause()
        assert not isinstance(app.screen, RecordForm | ConfirmDelete)
        assert app.changes == []
