"""The fiche projet (the guide's one-page "fiche synthétique") and the checklist document."""

from __future__ import annotations

from datetime import date

from coopwizard.documents.arbre import (
    Bloc,
    Champ,
    Coche,
    Document,
    Liste,
    Paragraphe,
    Titre,
)
from coopwizard.documents.libelles import section
from coopwizard.documents.valeurs import date_fr, euros, texte
from coopwizard.models import Projet


def nom_projet(projet: Projet) -> str:
    return projet.nom.strip() or section("commun")["sans_nom"]


def noms_associations(projet: Projet) -> tuple[str, ...]:
    return tuple(a.nom.strip() for a in projet.associations if a.nom.strip())


def pied(today: date) -> str:
    return section("commun")["pied"].format(date=date_fr(today))


def _moyens(projet: Projet, categories: tuple[str, ...]) -> tuple[str, ...]:
    w = section("fiche")
    lignes = []
    for besoin in projet.moyens.besoins:
        if besoin.categorie not in categories or not besoin.description.strip():
            continue
        if besoin.a_trouver or not besoin.apporte_par.strip():
            lignes.append(w["moyen_a_trouver"].format(description=besoin.description))
        else:
            lignes.append(
                w["moyen_apporte"].format(description=besoin.description, qui=besoin.apporte_par)
            )
    return tuple(lignes)


def _indicateurs(projet: Projet, nature: str) -> tuple[str, ...]:
    lignes = []
    for ind in projet.evaluation.indicateurs:
        if ind.nature != nature or not ind.indicateur.strip():
            continue
        details = [d for d in (ind.cible and f"cible : {ind.cible}",
                               ind.outil and f"outil : {ind.outil}") if d]
        lignes.append(ind.indicateur + (f" ({' ; '.join(details)})" if details else ""))
    return tuple(lignes)


def _budget_resume(projet: Projet) -> str:
    from coopwizard.budget import totals

    w = section("fiche")
    if not projet.budget.lignes:
        return w["budget_vide"]
    totaux = totals(projet.budget)
    return w["budget_resume"].format(
        charges=euros(totaux.charges),
        produits=euros(totaux.produits),
        nature=euros(totaux.contributions_nature),
    )


def _partenaire(a, guide=None) -> str:
    """« Mairie d'Orly (collectivité territoriale, partenaire) »: the partner's type
    is said unless it is an association (or not given, as in older files)."""
    from coopwizard.guide import guide as guide_livre

    precisions = []
    if a.type_partenaire not in (None, "association"):
        libelle = (guide or guide_livre()).libelle_valeur("associations.type_partenaire",
                                                          a.type_partenaire)
        precisions.append(libelle[:1].lower() + libelle[1:])
    role = {"porteur": "porteur du projet", "partenaire": "partenaire"}.get(a.role or "")
    if role:
        precisions.append(role)
    return a.nom.strip() + (f" ({', '.join(precisions)})" if precisions else "")


def build_fiche(projet: Projet, today: date, guide=None) -> Document:
    """The fiche synthétique, field by field as in the guide's template."""
    from coopwizard.documents.tableaux import tableau_taches

    w = section("fiche")
    c = projet.conception
    e = projet.evaluation
    associations = [_partenaire(a, guide) for a in projet.associations if a.nom.strip()]
    dates = ""
    if projet.date_debut or projet.date_fin:
        dates = w["dates_valeur"].format(
            debut=date_fr(projet.date_debut) or "…", fin=date_fr(projet.date_fin) or "…"
        )
    blocs: list[Bloc] = [
        Liste(tuple(associations), libelle=w["associations"]),
        Champ(w["nom"], projet.nom),
        Champ(w["dates"], dates),
        Titre(w["contexte"]),
        Champ(w["declencheur"], c.declencheur, aide=w["declencheur_aide"]),
        Champ(w["constats"], c.constats),
        Champ(w["probleme"], c.probleme),
        Titre(w["objectifs_section"]),
        Champ(w["objectifs"], c.objectifs, aide=w["objectifs_aide"]),
        Champ(w["actions"], c.actions),
        Champ(w["publics"], c.public_cible),
        Champ(w["autres_beneficiaires"], c.autres_beneficiaires),
        Champ(w["territoire"], c.territoire),
        Titre(w["moyens"]),
        Liste(_moyens(projet, ("humains",)), libelle=w["moyens_humains"]),
        Liste(_moyens(projet, ("materiels", "locaux")), libelle=w["moyens_materiels"]),
        Champ(w["partenaires_operationnels"], c.partenaires_operationnels),
        Champ(w["autres_partenaires"], c.autres_partenaires),
        Titre(w["activites"]),
        tableau_taches(projet, today),
        Titre(w["evaluation"]),
        Champ(w["effets_public"], e.effets_public),
        Champ(w["effets_partenariat"], e.effets_partenariat),
        Liste(_indicateurs(projet, "quantitatif"), libelle=w["indicateurs_quantitatifs"]),
        Liste(_indicateurs(projet, "qualitatif"), libelle=w["indicateurs_qualitatifs"]),
        Titre(w["budget"]),
        Paragraphe(_budget_resume(projet)),
    ]
    return Document(
        titre=w["titre"],
        sous_titre=nom_projet(projet),
        en_tete=noms_associations(projet),
        blocs=tuple(blocs),
        pied=pied(today),
    )


def build_checklist(projet: Projet, today: date, guide=None) -> Document:
    """The checklist as a document: each group with its progress, then its items."""
    from coopwizard import checklist
    from coopwizard.guide import guide as shipped_guide

    w = section("checklist")
    resultat = checklist.build(guide or shipped_guide(), projet, today)

    def progression(faits: int, total: int, alertes: int) -> str:
        cle = "progression_alertes" if alertes else "progression"
        return w[cle].format(faits=faits, total=total, alertes=alertes)

    blocs: list[Bloc] = [
        Paragraphe(w["ensemble"].format(
            progression=progression(resultat.faits, resultat.total, resultat.alertes)
        ))
    ]
    for groupe in resultat.groupes:
        blocs.append(Titre(groupe.titre))
        blocs.append(Paragraphe(progression(groupe.faits, groupe.total, groupe.alertes), "note"))
        for element in groupe.elements:
            # What is done needs no reason: the page stays short.
            raison = "" if element.statut == "fait" else element.raison
            blocs.append(Coche(element.statut, element.libelle, raison,
                               element.alertes, ref=element.id))
    return Document(
        titre=w["titre"],
        sous_titre=w["sous_titre"].format(nom=nom_projet(projet), date=date_fr(today)),
        en_tete=noms_associations(projet),
        blocs=tuple(blocs),
        pied=pied(today),
    )


__all__ = ["build_checklist", "build_fiche", "nom_projet", "noms_associations", "pied", "texte"]
