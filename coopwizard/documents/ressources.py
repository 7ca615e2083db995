"""The printable « ressources » page: where to get help, rubric by rubric."""

from __future__ import annotations

import re

from datetime import date

from coopwizard.documents.arbre import Bloc, Document, Liste, Paragraphe, Titre
from coopwizard.documents.fiche import nom_projet, pied
from coopwizard.documents.libelles import section
from coopwizard.models import Projet
from coopwizard.ressources import ressources


_ESPACES = re.compile(r"[ \t\r\n]+")  # str.split() would also eat non-breaking spaces


def _ligne(nom: str, texte: str, adresse: str) -> str:
    ligne = f"{nom} — {_ESPACES.sub(' ', texte).strip()}"
    return f"{ligne} ({adresse})" if adresse else ligne


def build_ressources(projet: Projet, today: date, guide=None) -> Document:
    w = section("ressources")
    data = ressources()
    blocs: list[Bloc] = [Paragraphe(w["introduction"])]
    for groupe, entrees in data.par_groupe():
        blocs.append(Titre(groupe.titre))
        blocs.append(Liste(tuple(_ligne(r.nom, r.texte, r.adresse) for r in entrees)))
    if data.note:
        blocs.append(Paragraphe(_ESPACES.sub(" ", data.note).strip(), style="note"))
    return Document(titre=w["titre"], sous_titre=nom_projet(projet), blocs=tuple(blocs),
                    pied=pied(today))
