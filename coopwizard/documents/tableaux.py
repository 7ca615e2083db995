"""The table documents of the guide's annexes: planning, budget, evaluation."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

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
from coopwizard.documents.valeurs import date_fr, euros
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


def _ordre_et_compte(code: str) -> tuple[int, str]:
    """Where a line sits on the standard form, and how its account is written."""
    from coopwizard.budget import formulaire

    form = formulaire()
    poste = form.poste(code) or form.compte_de(code)
    if poste is None:
        return len(form.postes), code
    rang = form.postes.index(poste)
    titre = poste.titre if poste.code == code.strip() else f"{code.strip()} – {poste.libelle}"
    return rang, titre


def _tableau_budget(lignes, titre: str, total: str) -> Tableau:
    w = section("budget")
    rangees = []
    somme = Decimal(0)
    for rang, compte, ligne in sorted(
        ((*_ordre_et_compte(l.compte), l) for l in lignes), key=lambda t: t[0]
    ):
        rangees.append((compte, ligne.libelle, ligne.association, ligne.montant))
        somme += ligne.montant or 0
    return Tableau(
        entetes=tuple(w["entetes"]),
        lignes=tuple(rangees),
        totaux=((total, "", "", somme),),
        colonnes_sommees=(3,),
        titre=titre,
        vide=w["vide"],
    )


def build_budget(projet: Projet, today: date, guide=None) -> Document:
    from coopwizard.budget import formulaire, totals

    w = section("budget")
    budget = projet.budget
    form = formulaire()
    par_cote: dict[str | None, list] = {
        "charges": [], "produits": [], "emplois_nature": [], "contributions_nature": [], None: []
    }
    for ligne in budget.lignes:
        compte = form.compte_de(ligne.compte)
        par_cote[compte.cote if compte else None].append(ligne)
    blocs: list[Bloc] = []
    if budget.exercice_debut or budget.exercice_fin:
        blocs.append(Paragraphe(w["exercice"].format(
            debut=date_fr(budget.exercice_debut) or "…", fin=date_fr(budget.exercice_fin) or "…"
        ), "note"))
    blocs += [
        Titre(w["charges"]),
        _tableau_budget(par_cote["charges"], "", w["total_charges"]),
        Titre(w["produits"]),
        _tableau_budget(par_cote["produits"], "", w["total_produits"]),
    ]
    if par_cote["emplois_nature"] or par_cote["contributions_nature"]:
        blocs += [
            Titre(w["nature"]),
            _tableau_budget(par_cote["emplois_nature"], w["emplois"], w["total_nature"]),
            _tableau_budget(par_cote["contributions_nature"], w["contributions"],
                            w["total_nature"]),
        ]
    if par_cote[None]:
        blocs.append(Paragraphe(w["hors_formulaire"].format(n=len(par_cote[None])), "alerte"))
        blocs.append(_tableau_budget(par_cote[None], "", w["total_nature"]))
    totaux = totals(budget)
    if totaux.charges == totaux.produits:
        blocs.append(Paragraphe(w["equilibre"].format(montant=euros(totaux.charges))))
    else:
        ecart = totaux.charges - totaux.produits
        cote = w["produits"].lower() if ecart > 0 else w["charges"].lower()
        blocs.append(Paragraphe(w["desequilibre"].format(ecart=euros(abs(ecart)), cote=cote),
                                "alerte"))
    if totaux.emplois_nature != totaux.contributions_nature:
        blocs.append(Paragraphe(w["nature_desequilibre"].format(
            emplois=euros(totaux.emplois_nature), contributions=euros(totaux.contributions_nature)
        ), "alerte"))
    return Document(w["titre"], nom_projet(projet), noms_associations(projet), tuple(blocs),
                    pied(today))


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
    ]
    return Document(w["titre"], nom_projet(projet), noms_associations(projet), tuple(blocs),
                    pied(today))
