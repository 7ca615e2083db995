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
from coopwizard.diagnostics import format_telephone
from coopwizard.documents.typographie import date_longue
from coopwizard.documents.valeurs import A_COMPLETER, date_fr
from coopwizard.models import Decision, Projet, Reunion


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
    """The next meeting to invite to: the first one dated from today on; else the
    `prochaine_reunion` the last meeting held recorded, if still to come (a meeting
    known by its date only); else None — never a meeting already past."""
    futures = [r for r in projet.reunions if r.date and r.date >= today]
    if futures:
        return min(futures, key=lambda r: r.date)
    annoncees = [r.prochaine_reunion for r in projet.reunions
                 if r.prochaine_reunion and r.prochaine_reunion >= today]
    if annoncees:
        return Reunion(date=min(annoncees))
    return None


def _date_reunion(reunion: Reunion) -> str:
    return date_fr(reunion.date) or A_COMPLETER


def _decisions(reunion: Reunion) -> list[Decision]:
    """One record per agenda point, in the agenda's order: the decisions taken on it, then
    the points nothing was recorded for (to fill in), then decisions on other points."""
    restantes = list(reunion.decisions)
    points: list[Decision] = []
    for point in _points(reunion.ordre_du_jour):
        trouvees = [d for d in restantes if _meme_point(point, d.point)]
        for d in trouvees:
            restantes.remove(d)
        # Under the agenda's own wording, as the guide's template recalls it.
        points += [d.model_copy(update={"point": point}) for d in trouvees] or [Decision(point=point)]
    return points + restantes


def _meme_point(agenda: str, point: str) -> bool:
    """« Budget » is the agenda's « Budget prévisionnel »: one contains the other."""
    a, b = " ".join(agenda.casefold().split()), " ".join(point.casefold().split())
    return bool(b) and (a in b or b in a)


def _entete_reunion(w: dict, reunion: Reunion) -> list[Bloc]:
    return [
        Champ(w["date"], _date_reunion(reunion)),
        Champ(w["presents"], reunion.presents),
        Champ(w["lieu"], reunion.lieu),
    ]


def build_releve(projet: Projet, today: date, guide=None, reunion: Reunion | None = None) -> Document:
    w = section("releve")
    reunion = reunion or reunion_passee(projet, today)
    if reunion is None:
        return Document(w["titre"], nom_projet(projet), noms_associations(projet),
                        (Paragraphe(w["aucune_reunion"], "note"),), pied(today))
    lignes = tuple((d.point, d.decision, d.responsable) for d in _decisions(reunion))
    blocs: list[Bloc] = [
        *_entete_reunion(w, reunion),
        Tableau(tuple(w["entetes"]), lignes),
        Champ(w["prochaine"], date_fr(reunion.prochaine_reunion)),
    ]
    sous_titre = w["sous_titre"].format(date=_date_reunion(reunion))
    return Document(w["titre"], f"{nom_projet(projet)} — {sous_titre}", noms_associations(projet),
                    tuple(blocs), pied(today))


def build_compte_rendu(projet: Projet, today: date, guide=None,
                       reunion: Reunion | None = None) -> Document:
    w = section("compte_rendu")
    reunion = reunion or reunion_passee(projet, today)
    if reunion is None:
        return Document(w["titre"], nom_projet(projet), noms_associations(projet),
                        (Paragraphe(section("releve")["aucune_reunion"], "note"),), pied(today))
    blocs: list[Bloc] = [*_entete_reunion(w, reunion)]
    if reunion.echanges.strip():  # what was said overall (and files from before per-point)
        blocs.append(Champ(w["echanges_generaux"], reunion.echanges))
    decisions = _decisions(reunion)
    if not decisions:
        blocs.append(Paragraphe(w["aucun_point"], "note"))
    for numero, d in enumerate(decisions, start=1):
        rang = w["premier"] if numero == 1 else w["rang"].format(n=numero)
        blocs += [
            Titre(w["point"].format(rang=rang, point=d.point.strip() or A_COMPLETER), 2),
            Champ(w["echanges"], d.echanges),
            Champ(w["decision"], d.decision),
            Champ(w["responsable"], d.responsable),
        ]
    blocs.append(Champ(w["prochaine"], date_fr(reunion.prochaine_reunion)))
    sous_titre = w["sous_titre"].format(date=_date_reunion(reunion))
    return Document(w["titre"], f"{nom_projet(projet)} — {sous_titre}", noms_associations(projet),
                    tuple(blocs), pied(today))


def _coordonnees(projet: Projet) -> tuple[str, ...]:
    lignes = []
    for a in projet.associations:
        if not a.nom.strip():
            continue
        telephone = format_telephone(a.telephone) if a.telephone.strip() else ""
        details = " ; ".join(d for d in (a.adresse, telephone, a.courriel) if d.strip())
        lignes.append(f"{a.nom} — {details}" if details else a.nom)
    return tuple(lignes)


def build_invitation(projet: Projet, today: date, guide=None,
                     reunion: Reunion | None = None) -> Document:
    w = section("invitation")
    reunion = reunion or reunion_a_venir(projet, today)
    nom = nom_projet(projet)
    points = _points(reunion.ordre_du_jour) if reunion else ()
    blocs: list[Bloc] = [
        Paragraphe(w["le"].format(date=date_longue(today))),
        Paragraphe(w["salutation"]),
        Paragraphe(w["introduction"].format(nom=nom)),
        # A letter says the day in words; none known: « à compléter », never a past one.
        Champ(w["date"], date_longue(reunion.date, avec_jour=True) if reunion else ""),
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
