"""Textual's own words, in French: Ctrl+C's hint and the command palette's system entries.

Textual 8 writes them in English inside `App` (`action_help_quit`,
`get_system_commands`, the palette's placeholder). `FrenchApp` goes first in
the App's bases and says the same things in French, through public API only.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from textual.app import App, SystemCommand
from textual.command import CommandListItem, CommandPalette, SimpleProvider
from textual.screen import Screen
from textual.theme import ThemeProvider

if TYPE_CHECKING:
    from textual.widget import AwaitMount

    _Base = App[int]
else:
    _Base = object

PLACEHOLDER = "Chercher une étape ou une commande…"
PLACEHOLDER_THEMES = "Chercher un thème…"


def touche_lisible(touche: str) -> str:
    """"ctrl+q" -> "Ctrl+Q", as the README and the footer write keys."""
    return "+".join(part.capitalize() if len(part) > 1 else part.upper()
                    for part in touche.split("+"))


class FrenchApp(_Base):
    """Mixin for the App: put it before `App` in the bases."""

    def action_help_quit(self) -> None:
        """Ctrl+C no longer quits (it copies in a text field): say which key does."""
        for touche, active in self.active_bindings.items():
            if active.binding.action in ("quit", "app.quit"):
                self.notify(
                    f"Pour quitter coopwizard, appuyez sur [b]{touche_lisible(touche)}[/b] : "
                    "vos réponses sont enregistrées avant.",
                    title="Voulez-vous quitter ?",
                )
                return

    def action_command_palette(self) -> None:
        if self.use_command_palette and not CommandPalette.is_open(self):
            self.push_screen(CommandPalette(id="--command-palette", placeholder=PLACEHOLDER))

    def search_commands(
        self, commands: Sequence[CommandListItem], placeholder: str = PLACEHOLDER
    ) -> AwaitMount:
        return self.push_screen(
            CommandPalette(providers=[SimpleProvider(self.screen, commands)],
                           placeholder=placeholder)
        )

    def search_themes(self) -> None:
        self.push_screen(CommandPalette(providers=[ThemeProvider],
                                        placeholder=PLACEHOLDER_THEMES))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Textual's own entries (App.get_system_commands), in French."""
        yield SystemCommand("Thème", "Changer les couleurs de l'application",
                            self.action_change_theme)
        yield SystemCommand("Quitter", "Enregistrer et quitter coopwizard", self.action_quit)
        if screen.query("HelpPanel"):
            yield SystemCommand("Touches", "Masquer le panneau d'aide et des touches",
                                self.action_hide_help_panel)
        else:
            yield SystemCommand("Touches", "Afficher l'aide de l'élément choisi et la liste "
                                "des touches", self.action_show_help_panel)
        if screen.maximized is not None:
            yield SystemCommand("Réduire", "Rendre à l'élément agrandi sa taille normale",
                                screen.action_minimize)
        elif screen.focused is not None and screen.focused.allow_maximize:
            yield SystemCommand("Agrandir", "Agrandir l'élément choisi à tout l'écran",
                                screen.action_maximize)
        yield SystemCommand("Capture d'écran", "Enregistrer une image SVG de l'écran dans le "
                            "dossier courant", lambda: self.set_timer(0.1, self.capture_ecran))

    def capture_ecran(self) -> None:
        """Textual's screenshot, with its notification in French."""
        try:
            chemin = self.save_screenshot()
        except OSError as err:
            from coopwizard.store.errors import os_reason

            self.notify(f"Capture d'écran impossible : {os_reason(err)}.",
                        title="Capture d'écran", severity="error")
            return
        self.notify(f"Image enregistrée : {chemin}", title="Capture d'écran", markup=False)


def installer_textual() -> bool:
    """French typography in Textual's own wrapping (TextArea, Static with plain strings):
    the pattern of coopwizard.typographie, which keeps « mot\u00a0; » whole."""
    from textual import _wrap

    from coopwizard.typographie import MOT_TEXTUAL, remplacer

    return remplacer(_wrap, "re_chunk", MOT_TEXTUAL)
