"""Documents made from a project: built as a neutral tree (arbre.py), rendered per format.

`DOCUMENTS` names each document, its builder and the formats it can be
written in; `produire(nom, format, projet, today)` does both steps.
Renderers are imported only when their format is asked for (python-docx
and openpyxl are slow to import).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date

from coopwizard.documents.arbre import Document

TEXTE = ("terminal", "texte", "markdown", "html", "docx")
REUNIONS = frozenset({"releve", "compte-rendu", "invitation"})
"""Documents made from one meeting (the CLI's --reunion chooses which)."""
TABLEAUX = TEXTE + ("xlsx",)
BINAIRES = frozenset({"docx", "xlsx"})
EXTENSIONS = {"texte": ".txt", "markdown": ".md", "html": ".html", "docx": ".docx",
              "xlsx": ".xlsx", "terminal": ".txt"}


def auteur(projet) -> str:
    """The porteur association (else the first one named): who hands the document over."""
    noms = [a for a in projet.associations if a.nom.strip()]
    porteurs = [a for a in noms if a.role == "porteur"]
    return (porteurs or noms)[0].nom.strip() if noms else "coopwizard"


@dataclass(frozen=True)
class TypeDocument:
    builder: str
    """"module:function" under coopwizard.documents."""
    formats: tuple[str, ...]
    description: str

    def build(self, projet, today: date, guide=None, **options) -> Document:
        """`options`: reunion=Reunion for the meeting documents."""
        module, _, function = self.builder.partition(":")
        func: Callable = getattr(importlib.import_module(f"coopwizard.documents.{module}"), function)
        document = func(projet, today, guide, **options)
        return document if document.auteur else replace(document, auteur=auteur(projet))


DOCUMENTS: dict[str, TypeDocument] = {
    "checklist": TypeDocument("fiche:build_checklist", TEXTE,
                              "ce qui est fait, ce qui reste, ce qui va contre les conseils du guide"),
    "fiche": TypeDocument("fiche:build_fiche", TEXTE, "la fiche synthétique de présentation du projet"),
    "planning": TypeDocument("tableaux:build_planning", TABLEAUX, "l'échéancier : qui fait quoi et quand"),
    "budget": TypeDocument("budget_cerfa:build_budget", TABLEAUX,
                           "le budget prévisionnel (formulaire CERFA 12156) et son équilibre"),
    "evaluation": TypeDocument("tableaux:build_evaluation", TABLEAUX,
                               "les indicateurs (prévu et mesuré) et le bilan final"),
    "compte-rendu-financier": TypeDocument(
        "budget_cerfa:build_compte_rendu_financier", TABLEAUX,
        "le compte rendu financier (prévu, réalisé et écart par chapitre, CERFA 15059)"),
    "releve": TypeDocument("kit:build_releve", TEXTE, "le relevé de décision de la dernière réunion"),
    "compte-rendu": TypeDocument("kit:build_compte_rendu", TEXTE,
                                 "le compte-rendu de la dernière réunion (échanges et décisions)"),
    "invitation": TypeDocument("kit:build_invitation", TEXTE, "l'invitation à la prochaine réunion"),
    "convention": TypeDocument("conventions:build_convention", TEXTE,
                               "la convention de coopération entre les associations"),
    "convention-materiel": TypeDocument("mises_a_disposition:build_materiel", TEXTE,
                                        "la convention de mise à disposition de matériel"),
    "convention-local": TypeDocument("mises_a_disposition:build_local", TEXTE,
                                     "la convention de mise à disposition d'un local"),
    "convention-salarie": TypeDocument("mises_a_disposition:build_salarie", TEXTE,
                                       "la convention de mise à disposition d'un salarié"),
    "ressources": TypeDocument("ressources:build_ressources", TEXTE,
                               "où trouver de l'aide : structures d'accompagnement, réseaux, sites utiles"),
}


def render(doc: Document, fmt: str) -> str | bytes:
    """The document in one format: str for text formats, bytes for docx/xlsx.
    "terminal" gives plain text here; a colour terminal uses rendus.terminal directly."""
    from coopwizard.documents.typographie import typographier

    module = {"terminal": "texte"}.get(fmt, fmt)
    rendu = importlib.import_module(f"coopwizard.documents.rendus.{module}")
    return rendu.render(typographier(doc))


def produire(nom: str, fmt: str, projet, today: date, guide=None) -> str | bytes:
    return render(DOCUMENTS[nom].build(projet, today, guide), fmt)
