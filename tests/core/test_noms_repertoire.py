"""noms.Repertoire and noms.compter: the indexed shortcut gives exactly what comparing
every name with every cell gives (the checklist's « coordinateur fait tout » on a big
planning used to compare 200 names with 2,000 tasks, 20 s of CPU)."""

from hypothesis import given, settings
from hypothesis import strategies as st

from coopwizard.noms import Repertoire, compter, concerne, meme_personne, premier_au_dela

# Few words, initials, civilities and run-together initials: many near-collisions.
_MOTS = st.sampled_from(["Aïcha", "aicha", "Benali", "BEN-ALI", "A.", "B", "Mme", "M.",
                         "Luc", "L.", "Dupont", "D", "Marie", "MD", "md", "AB", "ABC",
                         "Sophie", "S", "Jean-Luc", "JL", "Dr", "x"])
_NOMS = st.lists(_MOTS, min_size=0, max_size=3).map(" ".join)
_CELLULES = st.lists(_NOMS, min_size=1, max_size=3).flatmap(
    lambda noms: st.sampled_from([", ", " et ", " / ", "; "]).map(lambda sep: sep.join(noms)))


@settings(max_examples=300, deadline=None)
@given(st.lists(_CELLULES, max_size=12), st.lists(_NOMS, max_size=8))
def test_compter_is_concerne_for_every_cell(cellules, noms):
    attendu = [sum(concerne(c, nom) for c in cellules) for nom in noms]
    assert compter(cellules, noms) == attendu
    for seuil in (0, 1, len(cellules) / 2):
        premier = next(((n, k) for n, k in zip(noms, attendu) if k > seuil), None)
        assert premier_au_dela(cellules, noms, seuil) == premier


@settings(max_examples=300, deadline=None)
@given(st.lists(_NOMS, max_size=10), _NOMS)
def test_repertoire_finds_every_same_person(ajoutes, nom):
    repertoire = Repertoire()
    for n in ajoutes:
        repertoire.ajouter(n)
    assert repertoire.connu(nom) == any(meme_personne(nom, a) for a in ajoutes)
    assert sorted(set(repertoire.memes(nom))) == sorted(
        {a for a in ajoutes if meme_personne(a, nom)})


def test_initials_run_together_are_found_without_a_shared_word():
    repertoire = Repertoire()
    repertoire.ajouter("Marie Dupont")
    repertoire.ajouter("JL")
    assert repertoire.connu("MD") and repertoire.connu("Jean Luc")
    assert compter(["MD", "Jean Luc"], ["Marie Dupont", "JL"]) == [1, 1]
    assert compter(["Marie Dupont", "Luc", "Marie Dupont et Luc"], ["MD", "Luc", "Zoé"]) \
        == [2, 2, 0]
