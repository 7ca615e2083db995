"""An autosave's snapshot re-dumps only what changed, and is always the whole project's dump."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coopwizard import store
from coopwizard.models import Association, Projet, Tache, set_path
from coopwizard.store.snapshot import Sections

# One step of an editing session, as the app makes them: (what, argument).
STEPS = st.lists(st.one_of(
    st.tuples(st.just("nom"), st.text(max_size=12)),  # a question typed in, touched
    st.tuples(st.just("objectifs"), st.text(max_size=12)),  # in place in a sub-model, touched
    st.tuples(st.just("tache"), st.text(max_size=12)),  # a record added in place, touched
    st.tuples(st.just("intitule"), st.text(max_size=12)),  # a record edited by its path
    st.tuples(st.just("fusion"), st.text(max_size=12)),  # a merge: new objects, not touched
    st.tuples(st.just("tout"), st.text(max_size=12)),  # a change that does not say where
    st.tuples(st.just("inconnu"), st.text(max_size=12)),  # an unknown key kept from the file
), max_size=12)


def _apply(projet: Projet, sections: Sections, what: str, text: str) -> None:
    if what == "nom":
        set_path(projet, "nom", text)
        sections.touch("nom")
    elif what == "objectifs":
        set_path(projet, "conception.objectifs", text)
        sections.touch("conception.objectifs")
    elif what == "tache":
        projet.taches.append(Tache(intitule=text))
        sections.touch("taches#nouveau")  # a record form's draft key
    elif what == "intitule" and projet.taches:
        set_path(projet, f"taches.{len(projet.taches) - 1}.intitule", text)
        sections.touch(f"taches.{len(projet.taches) - 1}.intitule")
    elif what == "fusion":
        projet.associations = [*projet.associations, Association(nom=text)]
    elif what == "tout":
        projet.budget.lignes = []
        projet.collectif.nom_collectif = text
        sections.touch_all()
    elif what == "inconnu":
        projet.__pydantic_extra__["cle_inconnue"] = {"texte": text}  # type: ignore[index]


@settings(max_examples=80, suppress_health_check=[HealthCheck.too_slow])
@given(steps=STEPS, between=st.lists(st.booleans(), min_size=12, max_size=12))
def test_snapshot_is_the_whole_dump_after_any_edits(steps, between):
    projet = Projet(nom="Repas", taches=[Tache(intitule="Réserver la salle")])
    sections = Sections()
    assert sections.take(projet) == projet.model_dump()
    for (what, text), save in zip(steps, between, strict=False):
        _apply(projet, sections, what, text)
        if save:  # autosaves fall anywhere between the edits
            snapshot = sections.take(projet)
            assert snapshot == projet.model_dump()
            assert list(snapshot) == list(projet.model_dump())  # same order: same file
    assert sections.take(projet) == projet.model_dump()


def test_a_snapshot_saves_to_the_same_bytes_as_the_project(example_copy, tmp_path):
    projet = store.load(example_copy)
    sections = Sections()
    sections.take(projet)
    set_path(projet, "conception.objectifs", "Se connaître « enfin ».")
    sections.touch("conception.objectifs")
    projet.taches = [*projet.taches, Tache(intitule="Une de plus")]  # a merge: not touched
    snapshot = Projet.model_validate(sections.take(projet))
    store.save(snapshot, tmp_path / "instantane.toml")
    store.save(projet, tmp_path / "projet.toml")
    assert (tmp_path / "instantane.toml").read_bytes() == (tmp_path / "projet.toml").read_bytes()


def test_only_the_changed_field_is_dumped_again(example_copy):
    projet = store.load(example_copy)
    sections = Sections()
    first = sections.take(projet)
    set_path(projet, "nom", "Autre nom")
    sections.touch("nom")
    second = sections.take(projet)
    assert second["nom"] == "Autre nom"
    assert second["taches"] is first["taches"]  # reused, not dumped again
    assert second["conception"] is first["conception"]
