"""« Enregistrer sous… »: the way out when the project's file cannot be written any more
(folder renamed or deleted, read-only file, full disk): pick another file and go on there."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from coopwizard.paths import UnknownHome, typed_path


def proposition(chemin: Path) -> Path:
    """A free file to propose: beside the project if its folder still exists, else at home."""
    dossier = chemin.parent if chemin.parent.is_dir() else Path.home()
    n = 1
    while True:
        nom = f"{chemin.stem}-copie{'' if n == 1 else f'-{n}'}{chemin.suffix or '.toml'}"
        if not (dossier / nom).exists():
            return dossier / nom
        n += 1


SEULEMENT_UN_NOM = ("Dans un navigateur, le projet reste dans son dossier sur le serveur : "
                    "indiquez seulement un nom de fichier, sans dossier.")


def verifier(saisie: str, dossier: Path | None = None) -> tuple[Path | None, str]:
    """(the file to write, "") or (None, why not) for what the user typed. `dossier`: only a
    file name in that folder is allowed (in a browser the disk is the server's, not the user's:
    a link must not let anyone write wherever the server may)."""
    texte = saisie.strip()
    if not texte:
        return None, "Indiquez le fichier où enregistrer le projet."
    if dossier is not None:
        if any(c in texte for c in "/\\:") or texte.startswith(("~", ".")):
            return None, SEULEMENT_UN_NOM
        chemin = dossier / texte
    else:
        try:
            chemin = typed_path(texte)
        except UnknownHome as err:
            return None, str(err)
    if chemin.suffix != ".toml":
        chemin = chemin.with_name(chemin.name + ".toml")
    if chemin.exists():
        return None, f"{chemin} existe déjà : choisissez un autre nom (rien n'a été remplacé)."
    if not chemin.parent.is_dir():
        return None, f"Le dossier {chemin.parent} n'existe pas."
    return chemin, ""


class EnregistrerSous(ModalScreen[Path | None]):
    """Asks a new file for the project; dismisses the path (not written yet) or None."""

    CSS_PATH = "dialogs.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "annuler", "Annuler", id="annuler-enregistrer-sous"),
    ]

    def __init__(self, chemin: Path, *, cursor_blink: bool = True,
                 dans_son_dossier: bool = False) -> None:
        super().__init__()
        self.chemin = chemin
        self.cursor_blink = cursor_blink
        self.dossier = chemin.parent if dans_son_dossier else None
        """Set in a browser: only a new name, beside the project."""

    def compose(self) -> ComposeResult:
        with Vertical(id="dialogue"):
            yield Static("Enregistrer sous…", classes="dialogue-titre")
            propose = proposition(self.chemin)
            if self.dossier is None:
                yield Label(Text("Nouveau fichier du projet (le travail continue dans ce fichier)"))
            else:
                yield Label(Text(f"Nouveau nom du projet, dans son dossier sur le serveur "
                                 f"({self.dossier.name}) ; le travail continue dans ce fichier"))
                propose = Path(propose.name)
            champ = Input(str(propose), id="chemin-enregistrer-sous")
            champ.cursor_blink = self.cursor_blink
            yield champ
            yield Static("", id="dialogue-message")
            with Horizontal(classes="boutons"):
                yield Button("Enregistrer", variant="primary", id="enregistrer")
                yield Button("Annuler", id="annuler")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Submitted)
    @on(Button.Pressed, "#enregistrer")
    def _valider(self) -> None:
        chemin, erreur = verifier(self.query_one(Input).value, self.dossier)
        if chemin is None:
            self.query_one("#dialogue-message", Static).update(Text(erreur))
            return
        self.dismiss(chemin)

    @on(Button.Pressed, "#annuler")
    def action_annuler(self) -> None:
        self.dismiss(None)
