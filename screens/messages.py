"""Messages shared across the UI."""

from __future__ import annotations

from datetime import datetime

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


class Enregistrement(Message):
    """A background save finished (posted from the saving thread to the App)."""

    def __init__(self, source: object, generation: int, erreur: str, quand: datetime,
                 *, ailleurs: bool = False) -> None:
        super().__init__()
        self.ailleurs = ailleurs
        """The save was refused: the file on disk is another version than the session's."""
        self.source = source
        self.generation = generation
        self.erreur = erreur
        self.quand = quand
