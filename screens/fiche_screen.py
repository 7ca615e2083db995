"""Document preview (the fiche projet by default) and the export dialog.

The preview is the Rich rendering of the same document tree every export
uses, so what is on screen is what will be printed.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, cast

from rich.console import Console, Group
from rich.measure import Measurement
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, Footer, Input, Label, Static

from coopwizard.documents import DOCUMENTS, EXTENSIONS, render
from coopwizard.documents.commande import ErreurSortie, ecrire, meme_fichier
from coopwizard.paths import UnknownHome, typed_path
from coopwizard.planning import today

if TYPE_CHECKING:
    from screens.app import CoopApp

NOMS = {
    "checklist": "Checklist", "fiche": "Fiche projet", "planning": "Planning",
    "budget": "Budget prévisionnel", "evaluation": "Évaluation",
    "compte-rendu-financier": "Compte rendu financier", "releve": "Relevé de décision",
    "compte-rendu": "Compte-rendu de réunion",
    "invitation": "Invitation", "convention": "Convention de coopération",
    "convention-materiel": "Convention de mise à disposition de matériel",
    "convention-local": "Convention de mise à disposition d'un local",
    "convention-salarie": "Convention de mise à disposition d'un salarié",
    "ressources": "Où trouver de l'aide",
}
PAR_DEFAUT = {"checklist": "markdown", "planning": "xlsx", "budget": "xlsx", "evaluation": "xlsx",
              "compte-rendu-financier": "xlsx"}
LARGEUR_PAGE = 96
"""The preview's text width (the #apercu box is 100 wide with its padding)."""
LARGEUR_MAX = 200
"""Widest a page gets so that a table of many columns keeps every word whole."""
FORMAT_DE_SUFFIXE = {".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html",
                     ".docx": "docx", ".txt": "texte", ".xlsx": "xlsx"}


def chemin_propose(projet_chemin: Path | None, nom: str) -> Path:
    fmt = PAR_DEFAUT.get(nom, "docx")
    dossier = projet_chemin.parent if projet_chemin else Path.cwd()
    base = projet_chemin.stem if projet_chemin else "projet"
    return dossier / f"{base}-{nom}{EXTENSIONS[fmt]}"


class ExportDialog(ModalScreen[Path | None]):
    """Asks where to write a document; the format follows the file's extension."""

    CSS_PATH = "fiche_screen.tcss"
    BINDINGS = [Binding("escape", "annuler", "Annuler", id="annuler-export")]

    def __init__(self, nom: str, propose: Path, contenu: Callable[[str], str | bytes], *,
                 cursor_blink: bool = True, telecharger: bool = False) -> None:
        super().__init__()
        self.nom = nom
        self.telecharger = telecharger
        """In a browser: the document goes to the user's computer (a download), never to
        a path on the server's disk."""
        self.propose = Path(propose.name) if telecharger else propose
        self.contenu = contenu
        self.cursor_blink = cursor_blink
        self.formats = [f for f in DOCUMENTS[nom].formats if f != "terminal"]
        self._remplacer: Path | None = None

    def compose(self) -> ComposeResult:
        suffixes = ", ".join(EXTENSIONS[f] for f in self.formats)
        with Vertical(id="export"):
            yield Static(Text(f"Exporter : {NOMS.get(self.nom, self.nom)}"), classes="export-titre")
            yield Label(Text(f"Nom du fichier à télécharger (le format suit l'extension : "
                             f"{suffixes})" if self.telecharger else
                             f"Fichier à écrire (le format suit l'extension : {suffixes})"))
            champ = Input(str(self.propose), id="export-chemin")
            champ.cursor_blink = self.cursor_blink
            yield champ
            yield Static("", id="export-message")
            with Horizontal(classes="boutons"):
                yield Button("Télécharger" if self.telecharger else "Exporter",
                             variant="primary", id="exporter")
                yield Button("Annuler", id="annuler")

    def on_mount(self) -> None:
        self.query_one("#export-chemin", Input).focus()

    def _dire(self, message: str) -> None:
        self.query_one("#export-message", Static).update(Text(message))

    @on(Input.Changed)
    def _change(self) -> None:
        self._remplacer = None
        self._dire("")

    @on(Input.Submitted)
    @on(Button.Pressed, "#exporter")
    def _exporter(self) -> None:
        saisie = self.query_one("#export-chemin", Input).value.strip()
        if not saisie:
            self._dire("Indiquez le fichier à écrire.")
            return
        if self.telecharger:
            self._telecharger(saisie)
            return
        try:
            chemin = typed_path(saisie)
        except UnknownHome as err:
            self._dire(str(err))
            return
        projet = getattr(self.app, "chemin", None)
        if projet is not None and meme_fichier(chemin, projet):
            self._dire("C'est le fichier du projet lui-même : choisissez un autre nom.")
            return
        fmt = FORMAT_DE_SUFFIXE.get(chemin.suffix.lower())
        if fmt not in self.formats:
            possibles = ", ".join(EXTENSIONS[f] for f in self.formats)
            self._dire(f"Terminez le nom par l'une de ces extensions : {possibles}.")
            return
        if chemin.exists() and self._remplacer != chemin:
            self._remplacer = chemin
            self._dire(f"{chemin.name} existe déjà : validez de nouveau pour le remplacer.")
            return
        try:
            ecrire(chemin, self.contenu(fmt))
        except ErreurSortie as err:
            self._dire(str(err))
            return
        self.dismiss(chemin)

    def _telecharger(self, nom: str) -> None:
        if any(c in nom for c in "/\\:") or nom.startswith((".", "~")):
            self._dire("Indiquez seulement un nom de fichier : il sera téléchargé par votre "
                       "navigateur, dans votre dossier de téléchargements.")
            return
        fmt = FORMAT_DE_SUFFIXE.get(Path(nom).suffix.lower())
        if fmt not in self.formats:
            possibles = ", ".join(EXTENSIONS[f] for f in self.formats)
            self._dire(f"Terminez le nom par l'une de ces extensions : {possibles}.")
            return
        contenu = self.contenu(fmt)
        donnees = contenu.encode("utf-8") if isinstance(contenu, str) else contenu
        self.app.deliver_binary(io.BytesIO(donnees), save_filename=nom)
        self.dismiss(Path(nom))

    @on(Button.Pressed, "#annuler")
    def action_annuler(self) -> None:
        self.dismiss(None)


def exporter(screen: Screen, nom: str) -> None:
    """Open the export dialog for document `nom` of the app's project."""
    app = cast("CoopApp", screen.app)

    def contenu(fmt: str) -> str | bytes:
        return render(DOCUMENTS[nom].build(app.projet, today(), app.guide), fmt)

    def fini(chemin: Path | None) -> None:
        if chemin is not None and app.is_web:
            app.notify(f"{NOMS.get(nom, nom)} : téléchargement de {chemin} lancé.", timeout=8)
        elif chemin is not None:
            app.notify(f"{NOMS.get(nom, nom)} : fichier écrit dans {chemin}.", timeout=8)

    screen.app.push_screen(
        ExportDialog(nom, chemin_propose(app.chemin, nom), contenu,
                     cursor_blink=app.cursor_blink, telecharger=app.is_web),
        fini,
    )


class FicheScreen(Screen):
    """Preview of a document as it will print; D cycles the documents, E exports."""

    CSS_PATH = "fiche_screen.tcss"
    BINDINGS = [
        Binding("escape", "fermer", "Retour", id="fermer-apercu"),
        Binding("e", "exporter", "Exporter", id="exporter-document"),
        Binding("d", "document_suivant", "Autre document", id="document-suivant"),
    ]

    def __init__(self, nom: str = "fiche") -> None:
        super().__init__()
        self.nom = nom
        self.pret = ""
        """The document shown once its layout is done ("" while it is being laid out)."""
        self.largeur = LARGEUR_PAGE
        """The text width the document is laid out at (narrower on a narrow terminal)."""

    @property
    def coop(self) -> CoopApp:
        return cast("CoopApp", self.app)

    def compose(self) -> ComposeResult:
        yield Static(id="apercu-entete")
        with VerticalScroll(id="apercu-defilement"):
            yield Static(id="apercu")
        yield Footer()

    def on_mount(self) -> None:
        self.actualiser()
        self.query_one("#apercu-defilement").focus()

    def on_resize(self) -> None:
        # Laid out again at the width of the screen: Rich wraps between words, so a word
        # is never cut at the edge (a page wider than the terminal would be).
        if self._largeur_voulue() != self.largeur:
            self.actualiser()

    def _largeur_voulue(self) -> int:
        return max(40, min(LARGEUR_PAGE, self.app.size.width - 5))  # padding, scrollbar

    def actualiser(self) -> None:
        self.pret = ""
        self.largeur = self._largeur_voulue()
        self.query_one("#apercu", Static).styles.width = self.largeur + 4
        self.query_one("#apercu-entete", Static).update(
            Text(f"Aperçu : {NOMS[self.nom]} — tel qu'il sera imprimé")
        )
        self._rendre(self.nom, self.largeur)

    @work(thread=True, exclusive=True, group="apercu")
    def _rendre(self, nom: str, largeur: int = LARGEUR_PAGE) -> None:
        """Lay the document out off the UI thread: a 2,000-task planning takes seconds."""
        from rich.table import Table

        from coopwizard.documents.rendus.terminal import empiler
        from coopwizard.documents.rendus.terminal import render as rich_render

        document = DOCUMENTS[nom].build(self.coop.projet, today(), self.coop.guide)
        rendu = rich_render(document)
        sortie = io.StringIO()
        console = Console(file=sortie, width=largeur, force_terminal=True,
                          color_system="truecolor", legacy_windows=False)
        # Text is laid out at the screen's width (Rich wraps between words: none is cut
        # at the edge); a table of many columns that would fold its words at that width
        # is shown one block per row instead (never a page wider than the screen).
        parties = rendu.renderables if isinstance(rendu, Group) else [rendu]
        for partie in parties:
            minimum = Measurement.get(console, console.options.update_width(LARGEUR_MAX),
                                      partie).minimum
            if minimum > largeur and isinstance(partie, Table):
                partie = empiler(partie)
            console.print(partie)
        texte = Text.from_ansi(sortie.getvalue())
        self.app.call_from_thread(self._montrer, nom, texte, largeur)

    def _montrer(self, nom: str, texte: Text, largeur: int = LARGEUR_PAGE) -> None:
        if nom != self.nom:
            return  # the user has moved on to another document
        self.query_one("#apercu", Static).styles.width = largeur + 4
        self.query_one("#apercu", Static).update(texte)
        self.pret = nom

    def action_document_suivant(self) -> None:
        noms = list(DOCUMENTS)
        self.nom = noms[(noms.index(self.nom) + 1) % len(noms)]
        self.actualiser()
        self.query_one("#apercu-defilement", VerticalScroll).scroll_home(animate=False)

    def action_exporter(self) -> None:
        exporter(self, self.nom)

    def action_fermer(self) -> None:
        self.app.pop_screen()
