"""Messages shared across the UI."""

from __future__ import annotations

from textual.message import Message


class ProjetModifie(Message):
    """An answer changed in the project held by the App (it bubbles up to the App,
    which schedules the autosave and refreshes progress, totals and warnings)."""

    def __init__(self, champ: str, *, depuis_question: bool = False) -> None:
        super().__init__()
        self.champ = champ
        """Dotted path of what changed, e.g. "conception.objectifs" or "taches"."""
        self.depuis_question = depuis_question
        """True when the wizard's own question widget made the change: it already shows it."""
