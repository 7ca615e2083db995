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
from coopwizard.documents.valeurs import A_COMPLETER, ESPACES_SECABLES, texte

MARQUES = {"fait": "[x]", "a_faire": "[ ]", "alerte": "[!]"}


def _indent(value: str, prefix: str) -> str:
    return "\n".join(prefix + line if line else line for line in value.splitlines())


def cellule(value) -> str:
    # One line per cell; no-break spaces (1 234,50 €, « : ») are kept, not made breakable.
    return ESPACES_SECABLES.sub(" ", texte(value)).strip()


LARGEUR = 80
"""An e-mail's width: prose is wrapped there, a wider table is told row by row."""
_FIXE = "\x00"
"""Marks a table line, never re-wrapped (removed before output)."""


def _en_fiches(rows: list[list[str]], entetes: tuple[str, ...]) -> list[str]:
    """A table too wide for 80 columns, one row after the other: « - first cell », then
    « Header : value » for each filled cell."""
    lines = []
    for row in rows:
        cells = [(h, c) for h, c in zip(entetes, row) if c]
        if not cells:
            continue
        lines.append(f"- {cells[0][1]}")
        marques: dict[str, list[str]] = {}  # a month grid's ■: one line, the months listed
        for h, c in cells[1:]:
            if len(c) <= 2:
                marques.setdefault(c, []).append(h)
            else:
                lines.append(f"  {h}\u00a0: {c}")
        lines += [f"  {c}\u00a0: {', '.join(hs)}" for c, hs in marques.items()]
    return lines


def _replier(line: str) -> list[str]:
    """A line wrapped at LARGEUR, its indent (and a bullet's hanging indent) kept; the
    non-breaking spaces (« Date : », « 18 h 30 ») never break."""
    import textwrap

    if len(line) <= LARGEUR:
        return [line]
    retrait = len(line) - len(line.lstrip(" "))
    suite = " " * (retrait + (2 if line.lstrip(" ").startswith(("- ", "• ")) else 0))
    return textwrap.wrap(line, LARGEUR, initial_indent="", subsequent_indent=suite,
                         break_long_words=True, break_on_hyphens=False) or [line]


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
    if sum(widths) + 2 * (len(widths) - 1) > LARGEUR:
        return lines + _en_fiches(rows[1:], bloc.entetes)
    for index, row in enumerate(rows):
        lines.append(_FIXE + "  ".join(cell.ljust(widths[i])
                                       for i, cell in enumerate(row)).rstrip())
        if index == 0 or index == len(rows) - len(bloc.totaux) - 1 and bloc.totaux:
            lines.append(_FIXE + "  ".join("-" * w for w in widths))
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
                out += ["", f"{bloc.libelle}\u00a0:", _indent(value, "  ")]
            else:
                out += ["", f"{bloc.libelle}\u00a0: {value}"]
        elif isinstance(bloc, Liste):
            if bloc.libelle:
                out += ["", f"{bloc.libelle}\u00a0:" + ("" if bloc.elements else f" {A_COMPLETER}")]
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
                out.append(f"    {raison}\u00a0: {bloc.raison}")
        elif isinstance(bloc, Signatures) and (bloc.lignes or bloc.a_signer):
            for index, nom in enumerate(bloc.noms):  # one under the other: 80 columns
                lignes = bloc.lignes[index] if index < len(bloc.lignes) else ()
                out += ["", nom, *lignes] + ([""] * 3 if bloc.a_signer else [])
        elif isinstance(bloc, Signatures):
            cote_a_cote = "    ".join(bloc.noms)
            out += [""] + ([cote_a_cote] if len(cote_a_cote) <= LARGEUR else list(bloc.noms))
            out += ["", ""]
    if doc.pied:
        out += ["", doc.pied]
    repliees: list[str] = []
    for bloc_texte in out:
        for line in bloc_texte.split("\n"):
            repliees += [line[1:]] if line.startswith(_FIXE) else _replier(line)
    return "\n".join(repliees).rstrip() + "\n"
