"""Markdown: checklists as task lists (`- [x]` / `- [ ]`), tables as pipe tables."""

from __future__ import annotations

import re

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

# Characters that would turn user text into markup (emphasis, links, raw HTML, tables).
_SPECIAL = re.compile(r"([\\`*_\[\]<>|])")
_LINE_START = re.compile(r"^(\s*)([#>+\-=]|\d+[.)])", re.MULTILINE)


def esc(value: str) -> str:
    value = _SPECIAL.sub(r"\\\1", value)
    return _LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), value)


def _lines(value: str) -> str:
    """A multi-line answer as Markdown lines (hard breaks kept)."""
    return "  \n".join(esc(line) for line in value.strip().splitlines())


def cellule(value) -> str:
    return "<br>".join(esc(line) for line in texte(value).splitlines()) or " "


def tableau(bloc: Tableau) -> list[str]:
    out = []
    if bloc.titre:
        out += [f"**{esc(bloc.titre)}**", ""]
    if not bloc.lignes:
        out.append(f"*{esc(bloc.vide)}*")
        return out
    out.append("| " + " | ".join(esc(h) for h in bloc.entetes) + " |")
    out.append("|" + "|".join("---" for _ in bloc.entetes) + "|")
    for i, row in enumerate(bloc.lignes):
        out.append("| " + " | ".join(
            f"**{cellule(c)}**" if (i, j) in bloc.fortes and texte(c) else cellule(c)
            for j, c in enumerate(row)) + " |")
    for row in bloc.totaux:
        out.append("| " + " | ".join(f"**{cellule(c)}**" if texte(c) else " " for c in row) + " |")
    return out


def render(doc: Document) -> str:
    out: list[str] = []
    if doc.en_tete:
        out += ["  \n".join(esc(n) for n in doc.en_tete), ""]
    out.append(f"# {esc(doc.titre)}")
    if doc.sous_titre:
        out += ["", f"**{esc(doc.sous_titre)}**"]
    raison = section("checklist")["raison"]
    marques = {"fait": "- [x] ", "a_faire": "- [ ] ", "alerte": "- [ ] ⚠ "}
    previous = None
    for bloc in doc.blocs:
        if isinstance(bloc, Coche):
            if not isinstance(previous, Coche):
                out.append("")
            out.append(marques[bloc.statut] + esc(bloc.libelle))
            for alerte in bloc.alertes:
                out.append(f"  - **Attention\u00a0:** {esc(alerte)}")
            if bloc.raison:
                out.append(f"  - *{esc(raison)}\u00a0:* {esc(bloc.raison)}")
        elif isinstance(bloc, Titre):
            out += ["", "#" * (bloc.niveau + 1) + " " + esc(bloc.texte)]
        elif isinstance(bloc, Paragraphe):
            text = _lines(bloc.texte)
            if bloc.style == "note":
                text = f"*{text}*"
            elif bloc.style == "alerte":
                text = f"**⚠ {text}**"
            out += ["", text]
        elif isinstance(bloc, Champ):
            # Two trailing spaces: a hard line break between label and answer.
            if bloc.aide:
                out += ["", f"**{esc(bloc.libelle)}** — *{esc(bloc.aide)}*  "]
            else:
                out += ["", f"**{esc(bloc.libelle)}**  "]
            value = bloc.valeur.strip()
            out.append(_lines(value) if value else f"*{A_COMPLETER}*")
        elif isinstance(bloc, Liste):
            out.append("")
            if bloc.libelle:
                out.append(f"**{esc(bloc.libelle)}**")
                if not bloc.elements:
                    out.append(f"*{A_COMPLETER}*")
                else:
                    out.append("")
            out += ["- " + _lines(e).replace("  \n", "  \n  ") for e in bloc.elements]
        elif isinstance(bloc, Tableau):
            out += [""] + tableau(bloc)
        elif isinstance(bloc, Signatures) and (bloc.lignes or bloc.a_signer):
            for index, nom in enumerate(bloc.noms):
                lignes = bloc.lignes[index] if index < len(bloc.lignes) else ()
                out += ["", "  \n".join([f"**{esc(nom)}**", *(esc(x) for x in lignes)])]
                if bloc.a_signer:
                    out += ["", "&nbsp;", "", "&nbsp;"]
        elif isinstance(bloc, Signatures):
            out += ["", " — ".join(f"*{esc(n)}*" for n in bloc.noms)]
        previous = bloc
    if doc.pied:
        out += ["", "---", "", f"*{esc(doc.pied)}*"]
    return "\n".join(out).rstrip() + "\n"
