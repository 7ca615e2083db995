"""French labels for the choice values the editors show (short labels from the guide)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from coopwizard.budget import format_euros

LIBELLES: dict[str, str] = {
    # Rôle d'une association
    "porteur": "Porteuse du projet",
    "partenaire": "Partenaire",
    # Étapes
    "conception": "1. Conception",
    "collectif": "2. Collectif",
    "programmation": "3. Programmation",
    "realisation": "4. Réalisation",
    "evaluation": "5. Évaluation",
    # Statut d'une tâche
    "a_faire": "À faire",
    "en_cours": "En cours",
    "fait": "Fait",
    # Indicateurs
    "quantitatif": "Quantitatif",
    "qualitatif": "Qualitatif",
    # Moyens
    "humains": "Humains",
    "materiels": "Matériels",
    "locaux": "Locaux",
    "financiers": "Financiers",
    "mise_en_commun": "Mise en commun",
    "pret": "Prêt",
    "mise_a_disposition_gratuite": "Mise à disposition gratuite",
    "mise_a_disposition_onereuse": "Mise à disposition à titre onéreux",
    "partage": "Partage",
    "echange": "Échange",
    "don": "Don",
}


def libelle(value: object) -> str:
    """How a stored value reads in a table cell."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, date):
        return f"{value:%d/%m/%Y}"
    if isinstance(value, Decimal):
        return format_euros(value)
    text = str(value)
    return LIBELLES.get(text, text)


def premiere_ligne(text: str, largeur: int = 40) -> str:
    """A long answer shown in one table cell: its first line, shortened."""
    line = text.strip().splitlines()[0] if text.strip() else ""
    return line if len(line) <= largeur else line[: largeur - 1] + "…"
