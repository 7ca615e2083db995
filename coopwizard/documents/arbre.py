"""The neutral document tree every builder returns and every renderer reads.

Builders (fiche, checklist, planning...) fill it from the project's answers;
renderers (terminal, Markdown, HTML, texte, DOCX, XLSX) turn it into a
format. The wording lives in the tree, never in a renderer.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Literal



@dataclass(frozen=True)
class Somme:
    """An amount computed from other cells of its table: text formats print
    `valeur`, the spreadsheet writes a formula, so a changed amount updates it.

    Cells are (row, column) of `Tableau.lignes`; the value is the sum of
    `termes` minus the sum of `moins`."""

    valeur: Decimal
    termes: tuple[tuple[int, int], ...] = ()
    moins: tuple[tuple[int, int], ...] = ()
    masquer_zero: bool = False
    """Print nothing for zero (an écart on a rubrique nobody filled in)."""


Cellule = str | Decimal | date | int | Somme | None
Statut = Literal["fait", "a_faire", "alerte"]


@dataclass(frozen=True)
class Titre:
    texte: str
    niveau: int = 1
    """1 = section, 2 = sub-section (the document's own title is Document.titre)."""
    nouvelle_page: bool = False
    """Printed formats start a new page here (one convention per page)."""


@dataclass(frozen=True)
class Paragraphe:
    texte: str
    style: Literal["normal", "note", "alerte"] = "normal"


@dataclass(frozen=True)
class Solde:
    """How a spreadsheet recomputes a balance sentence from two cells, (row,
    column) of the closest table before the sentence. The sentences hold
    {montant} (the equal amount) or {ecart} (the difference)."""

    gauche: tuple[int, int]
    droite: tuple[int, int]
    egal: str
    plus: str
    """When gauche > droite."""
    moins: str
    vide: str = ""
    """When both are zero (an empty form); "" means `egal`."""


@dataclass(frozen=True)
class PhraseCalculee(Paragraphe):
    """A paragraph a spreadsheet writes as a formula (other formats print `texte`)."""

    solde: Solde | None = None


@dataclass(frozen=True)
class Champ:
    """A labelled answer; an empty value is shown as "à compléter"."""

    libelle: str
    valeur: str
    aide: str = ""
    """The template's hint under the label (e.g. "Quel but souhaite-t-on atteindre ?")."""


@dataclass(frozen=True)
class Liste:
    elements: tuple[str, ...]
    libelle: str = ""
    """With a label, the list is that field's answer ("à compléter" when empty)."""


@dataclass(frozen=True)
class Tableau:
    entetes: tuple[str, ...]
    lignes: tuple[tuple[Cellule, ...], ...]
    totaux: tuple[tuple[Cellule, ...], ...] = ()
    """Total rows, under the lines; a Decimal in a `colonnes_sommees` column is
    the sum of that column (XLSX writes it as a =SUM formula)."""
    colonnes_sommees: tuple[int, ...] = ()
    titre: str = ""
    vide: str = "Aucune ligne pour l'instant."
    fortes: frozenset[tuple[int, int]] = frozenset()
    """Cells (row, column) of `lignes` printed in bold: a form's chapters and
    totals (per cell: charges and produits side by side are not bold together)."""


@dataclass(frozen=True)
class Coche:
    """One checklist item."""

    statut: Statut
    libelle: str
    raison: str = ""
    alertes: tuple[str, ...] = ()
    ref: str = ""
    """The item's id (lets an interactive view find it back)."""


@dataclass(frozen=True)
class Signatures:
    """Signature blocks at the bottom of a convention or an invitation."""

    noms: tuple[str, ...]
    lignes: tuple[tuple[str, ...], ...] = ()
    """Under each name: who signs and in what capacity (same order as `noms`)."""
    a_signer: bool = False
    """Leave room to write the place, the date and to sign by hand."""


Bloc = Titre | Paragraphe | Champ | Liste | Tableau | Coche | Signatures


@dataclass(frozen=True)
class Document:
    titre: str
    sous_titre: str = ""
    en_tete: tuple[str, ...] = ()
    """Shown above the title: the associations' names."""
    blocs: tuple[Bloc, ...] = field(default_factory=tuple)
    pied: str = ""
    """A closing line (e.g. "Document établi avec coopwizard le 26/11/2026")."""
    auteur: str = ""
    """Who the document is from (the porteur association): Word's "author" property."""

    def tableaux(self) -> list[Tableau]:
        return [b for b in self.blocs if isinstance(b, Tableau)]
