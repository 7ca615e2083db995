"""Plain text: for pipes, NO_COLOR terminals, and e-mails."""

from __future__ import annotations

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

MARQUES = {"fait": "[x]", "a_faire": "[ ]", "alerte": "[!]"}


def _indent(value: str, prefix: str) -> str:
    return "\n".join(prefix + line if line else line for line in value.splitlines())


def cellule(value) -> str:
    return " ".join(texte(value).split())  # one line per cell


def tableau(bloc: Tableau) -> list[str]:
    lines = []
    if bloc.titre:
        lines.append(bloc.titre)
    if not bloc.lignes:
        lines.append(bloc.vide)
        lines += [" | ".join(cellule(c) for c in row if cellule(c)) for row in bloc.totaux]
        return lines
    rows = [list(bloc.entetes)] + [[cellule(c) for c in row] for row in bloc.lignes]
    rows += [[cellule(c) for c in row] for row in bloc.totaux]
    widths = [max(len(row[i]) for row in rows) for i in range(len(bloc.entetes))]
    for index, row in enumerate(rows):
        lines.append("  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)).rstrip())
        if index == 0 or index == len(rows) - len(bloc.totaux) - 1 and bloc.totaux:
            lines.append("  ".join("-" * w for w in widths))
    return lines


def render(doc: Document) -> str:
    out: list[str] = []
    if doc.en_tete:
        out += list(doc.en_tete) + [""]
    out += [doc.titre, "=" * len(doc.titre)]
    if doc.sous_titre:
        out.append(doc.sous_titre)
    raison = section("checklist")["raison"]
    for bloc in doc.blocs:
        if isinstance(bloc, Titre):
            out += ["", bloc.texte, ("-" if bloc.niveau == 1 else "·") * len(bloc.texte)]
        elif isinstance(bloc, Paragraphe):
            prefix = "/!\\ " if bloc.style == "alerte" else ""
            out += ["", prefix + bloc.texte]
        elif isinstance(bloc, Champ):
            value = bloc.valeur.strip() or A_COMPLETER
            if "\n" in value:
                out += ["", f"{bloc.libelle} :", _indent(value, "  ")]
            else:
                out += ["", f"{bloc.libelle} : {value}"]
        elif isinstance(bloc, Liste):
            if bloc.libelle:
                out += ["", f"{bloc.libelle} :" + ("" if bloc.elements else f" {A_COMPLETER}")]
            else:
                out.append("")
            out += [_indent(f"- {e}", "  ") for e in bloc.elements]
        elif isinstance(bloc, Tableau):
            out += [""] + tableau(bloc)
        elif isinstance(bloc, Coche):
            out.append(f"{MARQUES[bloc.statut]} {bloc.libelle}")
            for alerte in bloc.alertes:
                out.append(f"    /!\\ {alerte}")
            if bloc.raison:
                out.append(f"    {raison} : {bloc.raison}")
        elif isinstance(bloc, Signatures) and (bloc.lignes or bloc.a_signer):
            for index, nom in enumerate(bloc.noms):  # one under the other: 80 columns
                lignes = bloc.lignes[index] if index < len(bloc.lignes) else ()
                out += ["", nom, *lignes] + ([""] * 3 if bloc.a_signer else [])
        elif isinstance(bloc, Signatures):
            out += [""] + ["    ".join(bloc.noms)] + ["", ""]
    if doc.pied:
        out += ["", doc.pied]
    return "\n".join(out).rstrip() + "\n"
