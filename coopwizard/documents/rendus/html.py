"""A self-contained HTML page, styled for printing on A4.

Every piece of text goes through html.escape; no link is ever built from
the user's text, so no <script>, onerror= or javascript: can survive.
"""

from __future__ import annotations

from html import escape

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

CSS = """
@page { size: A4; margin: 18mm 16mm;
        @bottom-center { content: "page " counter(page) " sur " counter(pages);
                         font: 8pt "DejaVu Sans", Arial, sans-serif; color: #555; } }
* { box-sizing: border-box; }
body { font-family: "DejaVu Sans", Arial, Helvetica, "Segoe UI Symbol", sans-serif; font-size: 10.5pt;
       line-height: 1.4; color: #111; max-width: 178mm; margin: 1.5em auto; }
header.associations { font-size: 9.5pt; color: #333; border-bottom: 1px solid #999;
       padding-bottom: .4em; margin-bottom: 1em; }
header.associations p { margin: 0; }
h1 { font-size: 17pt; margin: .2em 0; }
p.sous-titre { font-size: 12pt; font-weight: bold; margin: 0 0 1em; }
h2 { font-size: 13pt; border-bottom: 1px solid #bbb; margin: 1.2em 0 .4em;
     break-after: avoid; page-break-after: avoid; }
h3 { font-size: 11pt; margin: 1em 0 .3em; break-after: avoid; }
.champ { margin: .35em 0; break-inside: avoid; }
.champ .libelle { font-weight: bold; }
.champ .aide { font-style: italic; color: #555; }
.valeur { white-space: pre-wrap; margin: .1em 0 0 0; }
.vide { color: #a33; font-style: italic; }
p.note { color: #555; font-style: italic; }
p.alerte, li .alerte { color: #8a4b00; font-weight: bold; }
table { width: 100%; border-collapse: collapse; margin: .4em 0 .8em; font-size: 9.5pt; }
caption { text-align: left; font-weight: bold; padding: .2em 0; }
th, td { border: 1px solid #888; padding: .25em .4em; vertical-align: top;
         text-align: left; white-space: pre-wrap; }
thead th { background: #e8e8e8; }
td.nombre { text-align: right; white-space: nowrap; }
tr.total td { font-weight: bold; background: #f3f3f3; }
tr { break-inside: avoid; page-break-inside: avoid; }
thead { display: table-header-group; }  /* the header row again on each printed page */
ul.checklist { list-style: none; padding-left: 0; }
ul.checklist li { margin: .3em 0; padding-left: 1.8em; text-indent: -1.8em; break-inside: avoid; }
.marque { display: inline-block; width: 1.5em; text-align: center; font-weight: bold; }
li.fait .marque { color: #1a6b2a; }
li.alerte .marque { color: #8a4b00; }
li .raison { display: block; color: #555; font-size: 9.5pt; text-indent: 0; }
.signatures { display: flex; justify-content: space-between; gap: 2em; margin-top: 2em; }
.signatures div { flex: 1; min-height: 6em; border-top: 1px solid #999; padding-top: .3em; }
.signatures p { margin: .15em 0; }
.signatures.a-signer { flex-wrap: wrap; break-inside: avoid; page-break-inside: avoid; }
.signatures.a-signer div { min-width: 40%; min-height: 11em; }
footer { margin-top: 2em; font-size: 8.5pt; color: #666; border-top: 1px solid #ccc; }
.nouvelle-page { break-before: page; page-break-before: always; }
@media print { body { margin: 0; max-width: none; } }
"""

MARQUES = {"fait": "✔", "a_faire": "☐", "alerte": "⚠"}


def esc(value: object) -> str:
    return escape(str(value), quote=True)


def _valeur(value: str) -> str:
    value = value.strip()
    if not value:
        return f'<p class="valeur vide">{esc(A_COMPLETER)}</p>'
    return f'<p class="valeur">{esc(value)}</p>'


def _cellule(value, tag: str = "td", fort: bool = False) -> str:
    classe = ' class="nombre"' if not isinstance(value, str) and value is not None else ""
    contenu = esc(texte(value))
    if fort and contenu:
        contenu = f"<strong>{contenu}</strong>"
    return f"<{tag}{classe}>{contenu}</{tag}>"


def _tableau(bloc: Tableau) -> list[str]:
    if not bloc.lignes:
        titre = f"<strong>{esc(bloc.titre)}</strong>\u00a0: " if bloc.titre else ""
        return [f'<p class="note">{titre}{esc(bloc.vide)}</p>']
    out = ["<table>"]
    if bloc.titre:
        out.append(f"<caption>{esc(bloc.titre)}</caption>")
    out.append("<thead><tr>" + "".join(f"<th>{esc(h)}</th>" for h in bloc.entetes) + "</tr></thead>")
    out.append("<tbody>")
    for i, row in enumerate(bloc.lignes):
        out.append("<tr>" + "".join(_cellule(c, fort=(i, j) in bloc.fortes)
                                    for j, c in enumerate(row)) + "</tr>")
    for row in bloc.totaux:
        out.append('<tr class="total">' + "".join(_cellule(c) for c in row) + "</tr>")
    out += ["</tbody>", "</table>"]
    return out


def render(doc: Document) -> str:
    raison = section("checklist")["raison"]
    noms_statuts = section("checklist")["marques"]
    out = [
        "<!DOCTYPE html>",
        '<html lang="fr">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{esc(doc.titre)}{' — ' + esc(doc.sous_titre) if doc.sous_titre else ''}</title>",
        f"<style>{CSS}</style>",
        "</head>",
        "<body>",
    ]
    if doc.en_tete:
        out.append('<header class="associations">'
                   + "".join(f"<p>{esc(n)}</p>" for n in doc.en_tete) + "</header>")
    out.append(f"<h1>{esc(doc.titre)}</h1>")
    if doc.sous_titre:
        out.append(f'<p class="sous-titre">{esc(doc.sous_titre)}</p>')
    in_list = False
    for bloc in doc.blocs:
        if in_list and not isinstance(bloc, Coche):
            out.append("</ul>")
            in_list = False
        if isinstance(bloc, Coche):
            if not in_list:
                out.append('<ul class="checklist">')
                in_list = True
            marque = (f'<span class="marque" title="{esc(noms_statuts[bloc.statut])}">'
                      f"{MARQUES[bloc.statut]}</span>")
            parts = [f'<li class="{esc(bloc.statut)}">', f"{marque} {esc(bloc.libelle)}"]
            parts += [f'<span class="raison alerte">{esc(a)}</span>' for a in bloc.alertes]
            if bloc.raison:
                parts.append(f'<span class="raison"><em>{esc(raison)}\u00a0:</em> {esc(bloc.raison)}</span>')
            out.append("".join(parts) + "</li>")
        elif isinstance(bloc, Titre):
            level = min(bloc.niveau + 1, 6)
            classe = ' class="nouvelle-page"' if bloc.nouvelle_page else ""
            out.append(f"<h{level}{classe}>{esc(bloc.texte)}</h{level}>")
        elif isinstance(bloc, Paragraphe):
            classe = f' class="{esc(bloc.style)}"' if bloc.style != "normal" else ""
            out.append(f'<p{classe} style="white-space: pre-wrap">{esc(bloc.texte)}</p>')
        elif isinstance(bloc, Champ):
            aide = f' <span class="aide">— {esc(bloc.aide)}</span>' if bloc.aide else ""
            out.append(f'<div class="champ"><span class="libelle">{esc(bloc.libelle)}</span>'
                       f"{aide}{_valeur(bloc.valeur)}</div>")
        elif isinstance(bloc, Liste):
            items = "".join(f'<li class="valeur">{esc(e)}</li>' for e in bloc.elements)
            liste = f"<ul>{items}</ul>" if bloc.elements else ""
            if bloc.libelle:
                corps = liste or _valeur("")
                out.append(f'<div class="champ"><span class="libelle">{esc(bloc.libelle)}</span>'
                           f"{corps}</div>")
            elif liste:
                out.append(liste)
        elif isinstance(bloc, Tableau):
            out += _tableau(bloc)
        elif isinstance(bloc, Signatures):
            cartouches = []
            for index, nom in enumerate(bloc.noms):
                lignes = bloc.lignes[index] if index < len(bloc.lignes) else ()
                corps = "".join(f"<p>{esc(x)}</p>" for x in lignes)
                cartouches.append(f"<div><p><strong>{esc(nom)}</strong></p>{corps}</div>")
            classe = "signatures a-signer" if bloc.a_signer else "signatures"
            out.append(f'<div class="{classe}">' + "".join(cartouches) + "</div>")
    if in_list:
        out.append("</ul>")
    if doc.pied:
        out.append(f"<footer><p>{esc(doc.pied)}</p></footer>")
    out += ["</body>", "</html>"]
    return "\n".join(out) + "\n"
