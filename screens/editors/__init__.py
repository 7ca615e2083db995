"""Record editors for the "liste" questions (associations, tasks, budget...).

Contract with the wizard: `build_editor(kind, projet)` returns a widget that
edits the list in place in `projet` and posts `ProjetModifie(champ)` after each
change. Placeholder until the editors land.
"""

from __future__ import annotations

from textual.widget import Widget
from textual.widgets import Static

from coopwizard.models import Projet


def build_editor(kind: str, projet: Projet) -> Widget:
    return Static(f"Éditeur « {kind} » : bientôt disponible.", classes="editeur-a-venir")
