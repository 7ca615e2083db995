"""What waits for the first frame (screens/demarrage.py), and what never does."""

from __future__ import annotations

from coopwizard import recent, store
from coopwizard.store import presence
from screens.demarrage import PremiereImage
from tests.ui.conftest import attendre, fabrique


def reprise(chemin):
    projet = store.load(chemin)
    projet.position.etape, projet.position.champ = "conception", "conception.objectifs"
    store.save(projet, chemin)
    return store.load(chemin)


async def test_the_recent_list_waits_for_the_first_frame_presence_does_not(example_copy, monkeypatch):
    app = fabrique(reprise(example_copy), example_copy)
    vus: dict[str, bool] = {}

    def quand(nom, fonction):
        def noter(*args, **kwargs):
            ecran = app.wizard  # None while the project is still being opened
            premiere = getattr(ecran, "premiere", None)
            vus.setdefault(nom, isinstance(premiere, PremiereImage) and premiere.passee)
            return fonction(*args, **kwargs)
        return noter

    monkeypatch.setattr(recent, "remember", quand("recent", recent.remember))
    monkeypatch.setattr(presence.PresenceFile, "announce",
                        quand("presence", presence.PresenceFile.announce))
    async with app.run_test(size=(100, 32)) as pilot:
        assert await attendre(pilot, lambda: len(vus) == 2)
        # the partners must know at once; the recent list can wait
        assert vus == {"recent": True, "presence": False}
        assert recent.load()[0].fichier == str(example_copy)
        assert presence.read(example_copy) is not None
        assert len(app.wizard.query("Footer")) == 1  # the footer came after it, first


async def test_keys_typed_at_once_are_in_the_file(example_copy):
    projet = reprise(example_copy)
    avant = projet.conception.objectifs
    app = fabrique(projet, example_copy)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press(*"Vite ")  # at once, before anything settles
        await pilot.press("ctrl+q")
    assert store.load(example_copy).conception.objectifs == "Vite " + avant  # the cursor's place
