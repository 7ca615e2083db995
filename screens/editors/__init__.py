"""Record editors for the "liste" questions (associations, tasks, budget...).

Contract with the wizard: `build_editor(kind, projet)` returns a widget that
edits its list in place in `projet` and posts `ProjetModifie(champ)` after each
change (champ: "associations", "collectif.membres", "taches", "budget.lignes",
"evaluation.indicateurs", "moyens.besoins", "reunions"; also
"collectif.coordinateur" and "budget" for the coordinator and the financial
year's dates).
"""

from __future__ import annotations

from textual.widget import Widget

from coopwizard.models import Projet
from screens.editors.base import RecordEditor
from screens.editors.budget import BudgetEditor
from screens.editors.simples import (
    AssociationsEditor,
    BesoinsEditor,
    IndicateursEditor,
    MembresEditor,
    ReunionsEditor,
)
from screens.editors.taches import TachesEditor

EDITEURS: dict[str, type[RecordEditor]] = {
    "associations": AssociationsEditor,
    "membres": MembresEditor,
    "taches": TachesEditor,
    "budget": BudgetEditor,
    "indicateurs": IndicateursEditor,
    "besoins": BesoinsEditor,
    "reunions": ReunionsEditor,
}


def build_editor(kind: str, projet: Projet) -> Widget:
    """The editor for `kind` (a key of EDITEURS), editing `projet` in place."""
    try:
        editor = EDITEURS[kind]
    except KeyError:
        raise ValueError(f"éditeur inconnu : {kind!r} (connus : {', '.join(EDITEURS)})") from None
    return editor(projet, classes="editeur", id=f"editeur-{kind}")


__all__ = ["EDITEURS", "RecordEditor", "build_editor"]
