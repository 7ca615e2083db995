"""The meeting kit: relevé de décision, compte-rendu, invitation (conventions: conventions.py)."""

from __future__ import annotations

from datetime import date

from coopwizard.documents.arbre import (
    Bloc,
    Champ,
    Document,
    Liste,
    Paragraphe,
    Signatures,
    Tableau,
    Titre,
)
from coopwizard.documents.fiche import nom_projet, noms_associations, pied
from coopwizard.documents.libelles import section
from coopwizard.documents.valeurs import A_COMPLETER, date_fr
from coopwizard.models import Projet, Reunion


def _points(ordre_du_jour: str) -> tuple[str, ...]:
    """One agenda item per line, without the bullets people type."""
    return tuple(
        ligne.strip().lstrip("-•*·").strip()
        for ligne in ordre_du_jour.splitlines()
        if ligne.strip().lstrip("-•*·").strip()
    )


def reunion_passee(projet: Projet, today: date) -> Reunion | None:
    """The latest meeting held on or before today (else the last one entered)."""
    datees = [r for r in projet.reunions if r.date and r.date <= today]
    if datees:
        return max(datees, key=lambda r: r.date)
    return projet.reunions[-1] if projet.reunions else None


def reunion_a_venir(projet: Projet, today: date) -> Reunion | None:
    """The next meeting from today (else the last one entered)."""
    futures = [r for r in projet.reunions if r.date and r.date >= today]
    if futures:
        return min(futures, key=lambda r: r.date)
    return projet.reunions[-1] if projet.reunions else None


def build_releve(projet: Projet, today: date, guide=None, reunion: Reunion | None = None) -> Document:
    w = section("releve")
    reunion = reunion or reunion_passee(projet, today)
    if reunion is None:
        return Document(w["titre"], nom_projet(projet), noms_associations(projet),
                        (Paragraphe(w["aucune_reunion"], "note"),), pied(today))
    lignes = tuple((d.point, d.decision, d.responsable) for d in reunion.decisions)
    blocs: list[Bloc] = [
        Champ(w["presents"], reunion.presents),
        Champ(w["lieu"], reunion.lieu),
        Tableau(tuple(w["entetes"]), lignes),
        Champ(w["prochaine"], date_fr(reunion.prochaine_reunion)),
    ]
    sous_titre = w["sous_titre"].format(date=date_fr(reunion.date) or "…")
    return Document(w["titre"], f"{nom_projet(projet)} — {sous_titre}", noms_associations(projet),
                    tuple(blocs), pied(today))


def build_compte_rendu(projet: Projet, today: date, guide=None,
                       reunion: Reunion | None = None) -> Document:
    w = section("compte_rendu")
    reunion = reunion or reunion_passee(projet, today)
    if reunion is None:
        return Document(w["titre"], nom_projet(projet), noms_associations(projet),
                        (Paragraphe(section("releve")["aucune_reunion"], "note"),), pied(today))
    blocs: list[Bloc] = [
        Champ(w["presents"], reunion.presents),
        Champ(w["lieu"], reunion.lieu),
        Liste(_points(reunion.ordre_du_jour), libelle=w["ordre_du_jour"]),
        Champ(w["echanges"], reunion.echanges),
        Titre(w["decisions"]),
        Tableau(tuple(w["entetes"]),
                tuple((d.point, d.decision, d.responsable) for d in reunion.decisions)),
        Champ(w["prochaine"], date_fr(reunion.prochaine_reunion)),
    ]
    sous_titre = w["sous_titre"].format(date=date_fr(reunion.date) or "…")
    return Document(w["titre"], f"{nom_projet(projet)} — {sous_titre}", noms_associations(projet),
                    tuple(blocs), pied(today))


def _coordonnees(projet: Projet) -> tuple[str, ...]:
    lignes = []
    for a in projet.associations:
        if not a.nom.strip():
            continue
        details = " ; ".join(d for d in (a.adresse, a.telephone, a.courriel) if d.strip())
        lignes.append(f"{a.nom} — {details}" if details else a.nom)
    return tuple(lignes)


def build_invitation(projet: Projet, today: date, guide=None,
                     reunion: Reunion | None = None) -> Document:
    w = section("invitation")
    reunion = reunion or reunion_a_venir(projet, today)
    nom = nom_projet(projet)
    points = _points(reunion.ordre_du_jour) if reunion else ()
    blocs: list[Bloc] = [
        Paragraphe(date_fr(today)),
        Paragraphe(w["salutation"]),
        Paragraphe(w["introduction"].format(nom=nom)),
        Champ(w["date"], date_fr(reunion.date) if reunion else ""),
        Champ(w["horaires"], reunion.horaires if reunion else ""),
        Champ(w["lieu"], reunion.lieu if reunion else ""),
        Liste(points + (w["dernier_point"],), libelle=w["ordre_du_jour"]),
        Paragraphe(w["ponctualite"]),
        Paragraphe(w["remerciements"]),
        Signatures(tuple(w["signature"].format(association=n) for n in noms_associations(projet))
                   or (w["signature"].format(association="…"),)),
    ]
    return Document(w["titre"], w["sous_titre"].format(nom=nom), _coordonnees(projet),
                    tuple(blocs), pied(today))
