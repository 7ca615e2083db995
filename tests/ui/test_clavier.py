"""The keyboard pipeline (screens/clavier.py): keys in order, pasted text, read-only refusals.

A burst is what the terminal writes at once: every key is posted to the App before
it handles any (as the driver's thread does), never one `pilot.press` at a time.
"""

from __future__ import annotations

import asyncio
import itertools
from typing import ClassVar

import pytest
from hypothesis import given
from hypothesis import strategies as st
from textual import events
from textual._xterm_parser import XTermParser
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.widget import Widget
from textual.widgets import Input, SelectionList

from coopwizard import store
from coopwizard.models import Position, Projet
from coopwizard.store.session import ProjectSession
from screens import clavier
from screens.clavier import FERME, OUVRE, ClavierOrdonne, FiltreCollage
from screens.questions import widget_id
from tests.ui.conftest import attendre, enregistrement_termine, fabrique

CARACTERES = {"tab": "\t", "enter": "\r", "space": " ", "backspace": "\x08", "ctrl+q": "\x11",
              "ctrl+u": "\x15", "shift+tab": None, "up": None, "down": None, "left": None}


def touche(nom: str) -> events.Key:
    return events.Key(nom, CARACTERES.get(nom, nom if len(nom) == 1 else None))


def rafale(app: App, *touches: str | events.Event) -> None:
    """Post every key at once, as one write to the terminal delivers them."""
    for t in touches:
        app.post_message(touche(t) if isinstance(t, str) else t)


def _projet(tmp_path, **champs):
    chemin = tmp_path / "p.toml"
    store.save(Projet(**champs), chemin)
    return store.load(chemin), chemin


# -- keys in order -------------------------------------------------------------


class DeuxChamps(App):
    def compose(self) -> ComposeResult:
        yield Input(id="un")
        yield Input(id="deux")


class DeuxChampsOrdonnes(ClavierOrdonne, DeuxChamps):
    pass


@pytest.mark.parametrize(("classe", "attendu"), [
    (DeuxChamps, ("abcdef", "")),  # Textual alone: the cause of the bug
    (DeuxChampsOrdonnes, ("abc", "def")),
])
async def test_abc_tab_def_in_one_burst_lands_in_two_fields(classe, attendu):
    app = classe()
    async with app.run_test() as pilot:
        un, deux = app.query_one("#un", Input), app.query_one("#deux", Input)
        rafale(app, *"abc", "tab", *"def")
        await attendre(pilot, lambda: len(un.value + deux.value) == 6)
        assert (un.value, deux.value) == attendu


async def test_in_the_wizard_each_burst_fills_its_two_fields(tmp_path):
    projet, chemin = _projet(tmp_path)
    app = fabrique(projet, chemin)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        nom = app.wizard.query_one("#q-nom", Input)
        resume = app.wizard.query_one("#q-resume")
        for i in range(15):  # each a fresh burst, the fields emptied first
            rafale(app, "ctrl+u", *f"N{i}x", "tab", "ctrl+u", *f"R{i}y", "shift+tab")
            assert await attendre(pilot, lambda i=i: app.focused is nom
                                  and resume.text.endswith(f"{i}y"))
            assert (nom.value, resume.text) == (f"N{i}x", f"R{i}y")
            assert (app.projet.nom, app.projet.resume) == (f"N{i}x", f"R{i}y")
            await enregistrement_termine(pilot)


async def _essai(tmp_path, champ, touches, etat, *, en_rafale, attendu=None):
    """`etat(app)` once `touches` are typed in `champ`: slowly (one `pilot.press` after the
    other, each handled before the next) or in one burst (then waiting for `attendu`)."""
    etape = champ.split(".")[0]
    projet, chemin = _projet(tmp_path, position=Position(etape=etape, champ=champ))
    app = fabrique(projet, chemin)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        cible = app.wizard.query_one("#" + widget_id(champ))
        assert app.wizard.focus_champ(champ)
        await attendre(pilot, lambda: app.focused is cible)
        if en_rafale:
            rafale(app, *touches)
            await attendre(pilot, lambda: etat(app) == attendu)
        else:
            await pilot.press(*touches)
        resultat = etat(app)
        await enregistrement_termine(pilot)
    return resultat


def _coches(app):
    liste = app.wizard.query_one("#q-envie-motivations", SelectionList)
    return (app.focused is liste, list(app.projet.envie.motivations),
            app.projet.envie.motivations_precisions, liste.highlighted)


FLECHES_ESPACES = ["space", "down", "space", "down", "down", "space", "up", "space", "down",
                   "down", "space", "up", "up", "up", "up", "space"]
AVEC_TAB = ["space", "down", "down", "space", "down", "space", "up", "space", "up", "up",
            "space", "tab", "space", *"ok", "shift+tab", "down", "space"]


@pytest.mark.parametrize("touches", [FLECHES_ESPACES, AVEC_TAB], ids=["fleches", "tab"])
async def test_a_burst_in_a_tick_list_ticks_what_slow_keys_tick(tmp_path, touches):
    lente = await _essai(tmp_path, "envie.motivations", touches, _coches, en_rafale=False)
    assert lente[0] and len(lente[1]) >= 2
    rapide = await _essai(tmp_path, "envie.motivations", touches, _coches, en_rafale=True,
                          attendu=lente)
    assert rapide == lente


def _choix(app):
    return app.projet.moyens.formalisation, app.projet.moyens.recherche_qui_fait_quoi


async def test_a_burst_in_a_single_choice_picks_what_slow_keys_pick(tmp_path):
    touches = ["down", "down", "enter", "up", "space", "tab", "down", "enter", *"ok"]
    lente = await _essai(tmp_path, "moyens.formalisation", touches, _choix, en_rafale=False)
    assert lente[0] is not None and lente[1].endswith("ok")
    rapide = await _essai(tmp_path, "moyens.formalisation", touches, _choix, en_rafale=True,
                          attendu=lente)
    assert rapide == lente


@pytest.mark.parametrize("essai", range(3))
async def test_ctrl_q_right_after_typing_quits_with_the_typed_text(tmp_path, essai):
    projet, chemin = _projet(tmp_path, nom="Avant")
    app = fabrique(projet, chemin)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        rafale(app, "ctrl+u", *f"xyz{essai}", "tab", *"abc", "ctrl+q")
        await attendre(pilot, lambda: app.return_code is not None)
    assert app.return_code == 0
    assert (store.load(chemin).nom, store.load(chemin).resume) == (f"xyz{essai}", "abc")


# -- never stuck -------------------------------------------------------------------


class Bloque(Widget, can_focus=True):
    """Does not finish handling a key until told to."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.debloquer = asyncio.Event()

    async def _on_key(self, event: events.Key) -> None:
        await self.debloquer.wait()


class Jetable(Widget, can_focus=True):
    """Removes itself on the first key."""

    def on_key(self, event: events.Key) -> None:
        event.stop()
        self.remove()


class AvecBloque(ClavierOrdonne, App):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("ctrl+t", "drapeau", priority=True)]
    drapeau = False

    def compose(self) -> ComposeResult:
        yield Jetable(id="jetable")
        yield Bloque(id="bloque")
        yield Input(id="deux")

    def action_drapeau(self) -> None:
        self.drapeau = True


async def test_a_widget_removed_by_its_key_does_not_hold_the_next_ones(monkeypatch):
    monkeypatch.setattr(clavier, "DELAI_SECOURS", 60.0)  # only the walk may let "b" go
    app = AvecBloque()
    async with app.run_test() as pilot:
        app.query_one("#jetable").focus()
        await pilot.pause()
        deux = app.query_one("#deux", Input)
        app.query_one("#bloque").can_focus = False  # the focus goes on to "deux"
        rafale(app, "x", "b")
        assert await attendre(pilot, lambda: deux.value == "b")


async def test_a_stuck_handler_holds_the_next_keys_only_for_a_while(monkeypatch):
    monkeypatch.setattr(clavier, "DELAI_SECOURS", 0.3)
    app = AvecBloque()
    async with app.run_test() as pilot:
        bloque = app.query_one("#bloque", Bloque)
        bloque.focus()
        await pilot.pause()
        rafale(app, "a", "ctrl+t")
        for _ in range(200):  # not pilot.pause(): it waits for every widget, "bloque" too
            if app.drapeau:
                break
            await asyncio.sleep(0.02)
        bloque.debloquer.set()
        assert app.drapeau  # no deadlock: Ctrl+T came through


# -- a pasted text is only text ----------------------------------------------------------


def parse(*lectures: str) -> list[events.Event]:
    """What Textual's parser makes of the reads of one burst, through `FiltreCollage`."""
    parseur, filtre = XTermParser(), FiltreCollage()
    textes = [*(filtre.filtrer(lecture) for lecture in lectures), filtre.fin_de_rafale()]
    sortie = [e for texte in textes if texte for e in parseur.feed(texte)]
    sortie += parseur.feed("")  # the end: a lone ESC comes out as Escape
    return [e for e in sortie if isinstance(e, (events.Key, events.Paste))]


def _decrire(evenements):
    return [e.text if isinstance(e, events.Paste) else e.key for e in evenements]


ATTAQUE = f"{OUVRE}Colle{FERME}\x11Suite\r{FERME}"


def test_the_cause_textual_alone_sees_ctrl_q_after_an_end_marker_in_a_paste():
    evenements = list(XTermParser().feed(ATTAQUE))
    assert "ctrl+q" in _decrire(evenements)


@pytest.mark.parametrize("coupe", range(len(ATTAQUE) + 1))
def test_an_end_marker_inside_a_pasted_text_keeps_the_rest_as_text(coupe):
    # however the burst is cut into reads
    assert _decrire(parse(ATTAQUE[:coupe], ATTAQUE[coupe:])) == ["Colle\x11Suite\r"]


def test_a_real_ctrl_q_right_after_a_paste_still_quits():
    assert _decrire(parse(f"{OUVRE}Colle{FERME}", "\x11")) == ["Colle", "ctrl+q"]
    assert _decrire(parse(f"{OUVRE}a{FERME}{OUVRE}b{FERME}\x11")) == ["a", "b", "ctrl+q"]
    assert _decrire(parse(f"x{FERME}y\x1b")) == ["x", "y", "escape"]


MORCEAUX = ["a", "é", "\x1b", "[", "2", "0", "1", "~", "\x11", "\r", OUVRE, FERME]


def _lectures(texte, data):
    """`texte` cut into reads at random places."""
    bornes = [0, *sorted(data.draw(st.lists(st.integers(0, len(texte)), max_size=4))), len(texte)]
    return [texte[i:j] for i, j in itertools.pairwise(bornes)]


@given(st.lists(st.sampled_from(MORCEAUX), max_size=30).map("".join), st.data())
def test_the_filter_gives_back_all_the_input_in_order(texte, data):
    filtre = FiltreCollage()
    sortie = "".join(filtre.filtrer(lecture) for lecture in _lectures(texte, data))
    sortie += filtre.fin_de_rafale()
    assert sortie.replace(FERME, "") == texte.replace(FERME, "")  # only end markers may go
    if FERME not in texte:
        assert sortie == texte


TOUCHES_BRUTES = ["a", "é", "\x11", "\r", "\t", "\x1b[A", "\x1b[Z", "\x1b[<0;3;4M", "\x7f"]
COLLAGES = st.text(st.sampled_from("ab é\r\n\t\x11[~"), max_size=6).map(
    lambda t: OUVRE + t + FERME)


@given(st.lists(st.sampled_from(TOUCHES_BRUTES) | COLLAGES, max_size=12).map("".join),
       st.data())
def test_without_a_marker_inside_a_paste_textual_sees_the_same_events(texte, data):
    parseur = XTermParser()
    seul = [*(parseur.feed(texte) if texte else ()), *parseur.feed("")]
    attendu = [e for e in seul if isinstance(e, (events.Key, events.Paste))]
    assert _decrire(parse(*_lectures(texte, data))) == _decrire(attendu)


async def test_keys_after_a_paste_are_applied_after_it(tmp_path):
    projet, chemin = _projet(tmp_path, nom="")
    app = fabrique(projet, chemin)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        rafale(app, events.Paste("Lilas"), "tab", *"x")
        assert await attendre(pilot, lambda: app.projet.resume == "x")
        assert app.projet.nom == "Lilas"
        await enregistrement_termine(pilot)


# -- read-only: nothing typed is thrown away silently ----------------------------------------


@pytest.fixture
def lecture_seule(tmp_path):
    projet, chemin = _projet(tmp_path, nom="Tenu ailleurs")
    autre = ProjectSession(chemin)
    assert autre.acquire()  # another coopwizard has the file open
    yield fabrique(projet, chemin)
    autre.release()


def _notes(app) -> list[str]:
    """The notifications shown from now on."""
    notes: list[str] = []
    notifier = app.notify
    app.notify = lambda message, *a, **k: (notes.append(str(message)), notifier(message, *a, **k))
    return notes


async def test_read_only_refuses_typing_once_per_burst_and_keeps_navigation(lecture_seule,
                                                                             tmp_path):
    app, chemin = lecture_seule, tmp_path / "p.toml"
    avant = chemin.read_bytes()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        assert app.session.read_only
        notes = _notes(app)
        rafale(app, *"Perdu", "backspace", events.Paste("collé"))
        assert await attendre(pilot, lambda: not app._clavier_attente
                              and app._clavier_en_vol is None and notes)
        assert notes == [clavier.MESSAGE_LECTURE_SEULE]
        depart = app.focused
        await pilot.press("tab")  # navigation still works
        assert app.focused is not depart
        await pilot.press("f6")
        assert await attendre(pilot, lambda: app.wizard.etape_id != "projet")
        await pilot.press("ctrl+q")
        await attendre(pilot, lambda: app.return_code is not None)
    assert app.return_code == 0
    assert notes == [clavier.MESSAGE_LECTURE_SEULE]
    assert chemin.read_bytes() == avant


async def test_read_only_refuses_edits_before_they_reach_an_answer(lecture_seule):
    # Answers are disabled in a read-only window today; even if one takes the focus
    # (to be read, copied), what would change it never reaches it.
    app = lecture_seule
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        nom = app.wizard.query_one("#q-nom", Input)
        for bloc in app.wizard.vue().blocs():
            bloc.disabled = False
        nom.focus()
        nom.cursor_position = 0
        await pilot.pause()
        notes = _notes(app)
        rafale(app, *"abc", "right", "backspace", "delete", "ctrl+u", "enter",
               events.Paste("x"), "right")
        assert await attendre(pilot, lambda: nom.cursor_position == 2)
        assert nom.value == "Tenu ailleurs" and app.projet.nom == "Tenu ailleurs"
        assert notes == [clavier.MESSAGE_LECTURE_SEULE]
        await pilot.press("tab")
        assert app.focused is not nom


async def test_read_only_still_takes_typing_in_the_command_palette(lecture_seule):
    from textual.command import CommandPalette

    app = lecture_seule
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        notes = _notes(app)
        await pilot.press("ctrl+p")
        assert await attendre(pilot, lambda: isinstance(app.screen, CommandPalette))
        saisie = app.screen.query_one(Input)
        rafale(app, *"budget")
        assert await attendre(pilot, lambda: saisie.value == "budget")
        assert notes == []


async def test_read_only_still_lets_a_dialog_take_its_own_keys(lecture_seule):
    from screens.choix import Choix, Reponse

    app = lecture_seule
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        notes = _notes(app)
        choisi = []
        app.push_screen(Choix("Question", "Texte", [Reponse("garder", "Garder", "g")],
                              echap="revenir"), choisi.append)
        assert await attendre(pilot, lambda: isinstance(app.screen, Choix))
        rafale(app, "g")
        assert await attendre(pilot, lambda: choisi == ["garder"])
        assert notes == []
