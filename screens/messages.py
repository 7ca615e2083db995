"""Messages shared across the UI."""

from __future__ import annotations

from textual.message import Message


class ProjetModifie(Message):
    """An answer changed in the project held by the App (it bubbles up to the App,
    which schedules the autosave and refreshes progress, totals and warnings)."""

    def __init__(self, champ: str) -> None:
        super().__init__()
        self.champ = champ
        """Dotted path of what changed, e.g. "conception.objectifs" or "taches"."""
