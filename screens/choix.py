"""`Choix`: a modal question with a few answers, each a button and a key.

Used wherever the user must decide before anything is lost or overwritten
(abandon a changed form, a file changed outside, quit with unsaved answers, a
form recovered after a crash). It dismisses with the id of the chosen answer;
Escape dismisses with `echap` (the safe answer).
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Static


@dataclass(frozen=True)
class Reponse:
    id: str
    libelle: str
    touche: str
    """A letter that chooses it (shown in the hint line); empty: the button only
    (what loses something must not be chosen by a key typed a moment too late)."""
    variante: str = "default"


class Choix(ModalScreen[str]):
    DEFAULT_CSS = """
    Choix { align: center middle; }
    Choix > #dialogue {
        width: 76; max-width: 100%; height: auto; max-height: 90%;
        border: thick $warning; background: $surface; padding: 1 2;
    }
    Choix #texte { height: auto; max-height: 16; }
    Choix #touches { color: $text-muted; padding-top: 1; }
    Choix #boutons { height: auto; align-horizontal: right; padding-top: 1; }
    Choix #boutons Button { margin-left: 1; min-width: 12; }
    """

    def __init__(self, titre: str, texte: str, reponses: list[Reponse], *,
                 echap: str, echap_libelle: str = "", focus: str = "") -> None:
        super().__init__()
        self.echap_libelle = echap_libelle
        self.titre = titre
        self.texte = texte
        self.reponses = reponses
        self.echap = echap
        self.focus_id = focus or echap

    def compose(self) -> ComposeResult:
        with Vertical(id="dialogue"):
            yield Static(Text(self.titre, style="bold"), id="titre")
            with VerticalScroll(id="texte"):
                yield Static(Text(self.texte))
            touches = " · ".join(f"{r.touche} : {r.libelle.lower()}" for r in self.reponses
                                 if r.touche)
            yield Static(Text(f"{touches} · Échap : {self._libelle(self.echap).lower()}"),
                         id="touches")
            with Horizontal(id="boutons"):
                for reponse in self.reponses:
                    yield Button(reponse.libelle, variant=reponse.variante, id=f"r-{reponse.id}")

    def _libelle(self, ident: str) -> str:
        return next((r.libelle for r in self.reponses if r.id == ident),
                    self.echap_libelle or "revenir")

    def on_mount(self) -> None:
        for button in self.query(Button):
            if button.id == f"r-{self.focus_id}":
                button.focus()

    @on(Button.Pressed)
    def _bouton(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss((event.button.id or "r-")[2:])

    def on_key(self, event: events.Key) -> None:
        # Keys per dialog (not BINDINGS): each Choix has its own answers.
        touches = {r.touche: r.id for r in self.reponses if r.touche} | {"escape": self.echap}
        if event.key in touches:
            event.stop()
            self.dismiss(touches[event.key])


ABANDONNER = [
    Reponse("abandonner", "Abandonner", "a", "error"),
    Reponse("continuer", "Continuer la saisie", "c", "primary"),
]


def abandonner_modifications() -> Choix:
    return Choix(
        "Abandonner les modifications ?",
        "Ce que vous avez tapé dans ce formulaire n'est pas encore enregistré. "
        "Si vous l'abandonnez, il sera perdu.",
        ABANDONNER, echap="continuer",
    )
