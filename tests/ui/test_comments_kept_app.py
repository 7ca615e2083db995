"""Issues 10 and 11 in the app: type in one field of a commented, hand-edited file, quit.

Every comment is still in the file, and the wrong value written by hand
(`statut = "Fait"`) is still there, as written.
"""

from __future__ import annotations

from coopwizard import store
from tests.ui.conftest import attendre, enregistrement_termine, fabrique

FICHIER = """\
# Notes du collectif : à garder
schema_version = 3
nom = "Fête"  # le nom définitif sera voté

[conception]
# voté le 3 mars
objectifs = "Se rencontrer"

[[taches]]
id = "salle"
intitule = "Réserver la salle"
statut = "Fait"
"""


async def test_typing_in_one_field_keeps_comments_and_kept_values(tmp_path):
    chemin = tmp_path / "projet.toml"
    chemin.write_text(FICHIER, encoding="utf-8")
    app = fabrique(store.load(chemin), chemin, nouveau=True)  # starts on the project's name
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        await pilot.press("end", *" des voisins")
        assert await attendre(pilot, lambda: store.load(chemin).nom == "Fête des voisins")
        await enregistrement_termine(pilot)
        await pilot.press("ctrl+q")
    texte = chemin.read_text(encoding="utf-8")
    # every line but the edited one, byte for byte; then only where the wizard stopped
    debut, _, ajoute = texte.partition("\n[position]\n")
    assert debut == FICHIER.replace('nom = "Fête"', 'nom = "Fête des voisins"')
    assert ajoute.split() == ['etape', '=', '"projet"', 'champ', '=', '"nom"']
