"""The table documents of the guide's annexes: planning, evaluation (budget: budget_cerfa)."""

from __future__ import annotations

from datetime import date

from coopwizard.documents.arbre import (
    Bloc,
    Champ,
    Document,
    Liste,
    Paragraphe,
    Tableau,
    Titre,
)
from coopwizard.documents.fiche import nom_projet, noms_associations, pied
from coopwizard.documents.libelles import section
from coopwizard.documents.valeurs import date_fr
from coopwizard.models import Projet

ORDRE_ETAPES = ("conception", "collectif", "programmation", "realisation", "evaluation")


def _cle_tache(tache) -> tuple:
    rang = ORDRE_ETAPES.index(tache.etape) if tache.etape in ORDRE_ETAPES else len(ORDRE_ETAPES)
    return (rang, tache.debut or date.max, tache.echeance or date.max)


def tableau_taches(projet: Projet, today: date) -> Tableau:
    """Tasks in the guide's order of steps, then by start date; late ones say so."""
    w = section("planning")
    etapes = section("etapes")
    statuts = section("statuts_taches")
    lignes = []
    for tache in sorted(projet.taches, key=_cle_tache):
        statut = statuts.get(tache.statut, tache.statut)
        if tache.en_retard(today):
            statut = f"{statut}, {w['retard']}"
        if tache.critique:
            # The guide's planning flags the delays that endanger the project.
            statut = f"{statut}, {w['critique']}"
        lignes.append((
            etapes.get(tache.etape or "aucune", etapes["aucune"]),
            tache.intitule,
            tache.responsable,
            tache.debut,
            tache.echeance,
            statut,
        ))
    return Tableau(entetes=tuple(w["entetes"]), lignes=tuple(lignes), vide=w["vide"])


MOIS_MAX = 12
"""Months in the printed grid: one A4 landscape page stays readable."""


def grille_mois(projet: Projet, today: date) -> list[Bloc]:
    """The guide's planning template: steps and tasks as rows, months as columns."""
    from coopwizard.planning import grille_mensuelle, libelle_mois

    w = section("planning")
    grille = grille_mensuelle(projet.taches, today, max_mois=MOIS_MAX)
    mois = [libelle_mois(m) for m in grille.mois]
    if grille.mois_courant is not None:
        mois[grille.mois_courant] = w["grille_mois_courant"].format(mois=mois[grille.mois_courant])
    lignes = []
    for ligne in grille.lignes:
        libelle = ligne.libelle
        if ligne.en_retard:
            libelle = w["grille_retard"].format(intitule=libelle)
        cases = tuple(w["grille_actif"] if actif else "" for actif in ligne.actif)
        lignes.append((libelle if ligne.est_etape else f"– {libelle}", ligne.qui, *cases))
    blocs: list[Bloc] = []
    if grille.tronque:
        blocs.append(Paragraphe(w["grille_tronquee"].format(n=MOIS_MAX), "note"))
    blocs.append(Tableau((*w["grille_entetes"], *mois), tuple(lignes)))
    return blocs


def build_planning(projet: Projet, today: date, guide=None) -> Document:
    w = section("planning")
    taches = projet.taches
    blocs: list[Bloc] = []
    maj = projet.programmation.planning_mis_a_jour_le
    if maj:
        blocs.append(Paragraphe(w["mis_a_jour"].format(date=date_fr(maj)), "note"))
    # Like the guide's template: each association with the people who act for it.
    for association in noms_associations(projet):
        membres = [m.nom for m in projet.collectif.membres
                   if m.nom.strip() and m.association.strip() == association]
        if membres:
            blocs.append(Champ(association, ", ".join(membres)))
    blocs.append(tableau_taches(projet, today))
    if any(t.debut or t.echeance for t in taches):
        blocs += [Titre(w["grille"]), *grille_mois(projet, today)]
    if taches:
        from coopwizard.documents.typographie import accorder

        blocs.append(Paragraphe(accorder(
            w["resume"],
            n=len(taches),
            faites=sum(t.statut == "fait" for t in taches),
            en_cours=sum(t.statut == "en_cours" for t in taches),
            retard=sum(t.en_retard(today) for t in taches),
            date=date_fr(today),
        )))
    return Document(w["titre"], nom_projet(projet), noms_associations(projet), tuple(blocs),
                    pied(today))


def bilan_financier(projet: Projet) -> str:
    """The financial side of the bilan, in one sentence (the compte rendu financier
    is the document beside it)."""
    from coopwizard.budget import totals
    from coopwizard.documents.valeurs import euros

    w = section("evaluation")
    lignes = projet.budget.lignes
    if not any(ligne.realise is not None for ligne in lignes):
        return w["bilan_financier_vide"]
    prevu = totals(lignes)
    reel = totals([ligne.model_copy(update={"montant": ligne.realise}) for ligne in lignes])
    return w["bilan_financier_realise"].format(
        charges=euros(reel.charges), produits=euros(reel.produits),
        prevu_charges=euros(prevu.charges), prevu_produits=euros(prevu.produits))


def build_evaluation(projet: Projet, today: date, guide=None) -> Document:
    w = section("evaluation")
    e = projet.evaluation
    natures = w["nature"]
    lignes = tuple(
        (i.objectif, i.action, i.resultat_attendu, i.indicateur, i.outil,
         natures.get(i.nature or "", ""), i.cible, i.valeur_mesuree)
        for i in e.indicateurs
    )
    destinataires = tuple(w["destinataires_choix"].get(d, d) for d in e.destinataires_bilan)
    blocs: list[Bloc] = [
        Titre(w["indicateurs"]),
        Tableau(tuple(w["entetes"]), lignes, vide=w["vide"]),
        Titre(w["effets"]),
        Champ(section("fiche")["effets_public"], e.effets_public),
        Champ(section("fiche")["effets_partenariat"], e.effets_partenariat),
        Titre(w["bilan"]),
        Champ(w["date_bilan"], date_fr(e.date_bilan)),
        Champ(w["points_forts"], e.points_forts),
        Champ(w["points_faibles"], e.points_faibles),
        Champ(w["dynamiques_associations"], e.dynamiques_associations),
        Champ(w["dynamiques_public"], e.dynamiques_public),
        Champ(w["suites"], e.suites),
        Liste(destinataires, libelle=w["destinataires"]),
        Champ(w["bilan_financier"], bilan_financier(projet)),
    ]
    return Document(w["titre"], nom_projet(projet), noms_associations(projet), tuple(blocs),
                    pied(today))
