"""Rich renderables for the terminal and the TUI's preview.

User text always goes into `Text` objects, never through console markup, so
"[bold]" typed in an answer is shown as typed.
"""

from __future__ import annotations

from rich import box
from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from coopwizard.documents.arbre import (
    Champ,
    Coche,
    Document,
    Liste,
    Paragraphe,
    Signatures,
    Tableau,
    Titre,
)
from coopwizard.documents.libelles import section
from coopwizard.documents.valeurs import A_COMPLETER, texte
from coopwizard.typographie import installer_rich

installer_rich()  # « mot\u00a0: » stays whole when the terminal wraps a line

MARQUES = {
    "fait": ("✔", "bold green"),
    "a_faire": ("☐", "bold"),
    "alerte": ("⚠", "bold yellow"),
}


def _valeur(value: str) -> Text:
    value = value.strip()
    return Text(value) if value else Text(A_COMPLETER, style="italic red")


def _tableau(bloc: Tableau) -> RenderableType:
    if not bloc.lignes:
        titre = f"{bloc.titre}\u00a0: " if bloc.titre else ""
        return Text(titre + bloc.vide, style="italic")
    table = Table(title=Text(bloc.titre, style="bold") if bloc.titre else None,
                  box=box.SIMPLE_HEAD, title_justify="left", show_lines=False, expand=False)
    numeriques = set(bloc.colonnes_sommees)
    for index, header in enumerate(bloc.entetes):
        table.add_column(Text(header), justify="right" if index in numeriques else "left",
                         overflow="fold")
    for i, row in enumerate(bloc.lignes):
        table.add_row(*(Text(texte(c), style="bold" if (i, j) in bloc.fortes else "")
                        for j, c in enumerate(row)))
    for index, row in enumerate(bloc.totaux):
        table.add_row(*(Text(texte(c), style="bold") for c in row), end_section=index == 0)
    return table


def empiler(table: Table) -> RenderableType:
    """A table too wide for the screen, one block per row (« Objectif : … » under each other):
    at 80 columns nothing is cut at the edge and nothing needs a sideways scroll."""
    entetes = [c.header.plain if isinstance(c.header, Text) else str(c.header)
               for c in table.columns]
    cellules = [list(c.cells) for c in table.columns]
    lignes: list[RenderableType] = []
    if table.title is not None:
        lignes.append(table.title if isinstance(table.title, Text) else Text(str(table.title)))
    for rang in range(table.row_count):
        for entete, colonne in zip(entetes, cellules, strict=True):
            cellule = colonne[rang] if rang < len(colonne) else ""
            valeur = cellule if isinstance(cellule, Text) else Text(str(cellule))
            if not valeur.plain.strip():
                continue
            ligne = Text()
            ligne.append(f"{entete}\u00a0: ", style="bold")  # the name bold, not the answer
            ligne.append_text(valeur)
            lignes.append(Padding(ligne, (0, 0, 0, 2)))
        lignes.append(Text(""))
    return Group(*lignes)


def renderables(doc: Document) -> list[RenderableType]:
    raison = section("checklist")["raison"]
    out: list[RenderableType] = []
    if doc.en_tete:
        out += [Text("\n".join(doc.en_tete), style="dim"), Text("")]
    out.append(Text(doc.titre, style="bold underline"))
    if doc.sous_titre:
        out.append(Text(doc.sous_titre, style="bold"))
    out.append(Text(""))
    for bloc in doc.blocs:
        if isinstance(bloc, Titre):
            out += [Text(""), Text(bloc.texte, style="bold cyan" if bloc.niveau == 1 else "bold")]
        elif isinstance(bloc, Paragraphe):
            style = {"note": "italic dim", "alerte": "bold yellow"}.get(bloc.style, "")
            prefix = "⚠ " if bloc.style == "alerte" else ""
            out.append(Text(prefix + bloc.texte, style=style))
        elif isinstance(bloc, Champ):
            label = Text(bloc.libelle, style="bold")
            if bloc.aide:
                label.append(f" — {bloc.aide}", style="italic dim")
            out += [label, Padding(_valeur(bloc.valeur), (0, 0, 0, 2))]
        elif isinstance(bloc, Liste):
            if bloc.libelle:
                out.append(Text(bloc.libelle, style="bold"))
                if not bloc.elements:
                    out.append(Padding(_valeur(""), (0, 0, 0, 2)))
            for element in bloc.elements:
                out.append(Padding(Text("• ") + Text(element), (0, 0, 0, 2)))
        elif isinstance(bloc, Tableau):
            out.append(_tableau(bloc))
        elif isinstance(bloc, Coche):
            mark, style = MARQUES[bloc.statut]
            line = Text.assemble((mark, style), " ", Text(bloc.libelle))
            out.append(line)
            for alerte in bloc.alertes:
                out.append(Padding(Text("⚠ " + alerte, style="yellow"), (0, 0, 0, 4)))
            if bloc.raison:
                out.append(Padding(Text(f"{raison}\u00a0: {bloc.raison}", style="dim"), (0, 0, 0, 4)))
        elif isinstance(bloc, Signatures) and (bloc.lignes or bloc.a_signer):
            for index, nom in enumerate(bloc.noms):
                lignes = bloc.lignes[index] if index < len(bloc.lignes) else ()
                out += [Text(""), Text(nom, style="bold"), *(Text(x) for x in lignes)]
                if bloc.a_signer:
                    out.append(Text("\n\n"))
        elif isinstance(bloc, Signatures):
            out.append(Text("\n" + "        ".join(bloc.noms) + "\n\n"))
    if doc.pied:
        out += [Text(""), Text(doc.pied, style="dim italic")]
    return out


def render(doc: Document) -> Group:
    from coopwizard.documents.typographie import typographier

    return Group(*renderables(typographier(doc)))
