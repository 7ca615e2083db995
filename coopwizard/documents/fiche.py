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
from coopwizard.documents.typographie import accorder
from coopwizard.documents.synthese import (
    abrege,
    choix_en_ligne,
    dates_cles,
    liste_abregee,
    noms_en_ligne,
    planning_par_phase,
)
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


def _libelles(champ: str, valeurs: list[str], guide) -> list[str]:
    from coopwizard.guide import guide as shipped_guide

    g = guide or shipped_guide()
    return [g.libelle_valeur(champ, v) for v in valeurs]


def _nom_et_type(a, guide=None) -> str:
    """« Mairie d'Orly (collectivité territoriale) »: the partner's type is said unless it
    is an association (or not given, as in older files)."""
    if a.type_partenaire in (None, "association"):
        return a.nom.strip()
    libelle = _libelles("associations.type_partenaire", [a.type_partenaire], guide)[0]
    libelle = libelle.split(" (")[0]  # « Collectivité territoriale », not its examples
    return f"{a.nom.strip()} ({libelle[:1].lower() + libelle[1:]})"


def _associations(projet: Projet, guide=None) -> str:
    """Each association once: the porteur(s), then the partners (the long tail counted)."""
    w = section("fiche")
    nommees = [a for a in projet.associations if a.nom.strip()]
    porteurs = [_nom_et_type(a, guide) for a in nommees if a.role == "porteur"]
    autres = [_nom_et_type(a, guide) for a in nommees if a.role != "porteur"]
    parties = []
    if porteurs:
        parties.append(w["porteur"].format(s="s" if len(porteurs) > 1 else "",
                                           noms=noms_en_ligne(porteurs, 4)))
    if autres:
        parties.append((w["partenaires"] if porteurs else w["associations_liste"]).format(
            s="s" if len(autres) > 1 else "", noms=noms_en_ligne(autres)))
    return "\n".join(parties)


def _financement(projet: Projet) -> tuple[str, ...]:
    """What the financial means still lack, and where to look for them."""
    w = section("fiche")
    lignes = []
    for b in projet.moyens.besoins:
        if b.a_trouver and b.description.strip() and b.categorie == "financiers":
            piste = w["piste"].format(piste=b.piste.strip()) if b.piste.strip() else ""
            lignes.append(w["a_trouver"].format(description=b.description.strip(), piste=piste))
    return liste_abregee(lignes)


def build_fiche(projet: Projet, today: date, guide=None) -> Document:
    """The fiche synthétique of the guide's template, kept to one or two pages: each
    association once, the planning by phase, long answers shortened (the guide's
    prompts are for the wizard, not for a finished document)."""
    w = section("fiche")
    c, e, m = projet.conception, projet.evaluation, projet.moyens
    dates = ""
    if projet.date_debut or projet.date_fin:
        dates = w["dates_valeur"].format(
            debut=date_fr(projet.date_debut) or "…", fin=date_fr(projet.date_fin) or "…"
        )
    motivations = choix_en_ligne(_libelles("envie.motivations", list(projet.envie.motivations),
                                           guide))
    arguments = choix_en_ligne(_libelles("moyens.arguments", list(m.arguments), guide))
    blocs: list[Bloc] = [
        Champ(w["associations"], _associations(projet, guide)),
        Champ(w["nom"], projet.nom),
        Champ(w["dates"], dates),
        Titre(w["contexte"]),
        Champ(w["declencheur"], abrege(c.declencheur)),
        Champ(w["constats"], abrege(c.constats)),
        Champ(w["probleme"], abrege(c.probleme)),
        Champ(w["motivations"], "\n".join(x for x in (
            motivations, abrege(projet.envie.motivations_precisions)) if x)),
        Titre(w["objectifs_section"]),
        Champ(w["objectifs"], abrege(c.objectifs)),
        Champ(w["actions"], abrege(c.actions)),
        Champ(w["publics"], abrege(c.public_cible)),
        Champ(w["autres_beneficiaires"], abrege(c.autres_beneficiaires)),
        Champ(w["territoire"], abrege(c.territoire)),
        Titre(w["moyens"]),
        Liste(liste_abregee(_moyens(projet, ("humains",))), libelle=w["moyens_humains"]),
        Liste(liste_abregee(_moyens(projet, ("materiels", "locaux"))),
              libelle=w["moyens_materiels"]),
        Champ(w["partenaires_operationnels"], abrege(c.partenaires_operationnels)),
        Champ(w["autres_partenaires"], abrege(c.autres_partenaires)),
        Champ(w["faisabilite"], abrege(c.faisabilite)),
        Titre(w["activites"]),
        planning_par_phase(projet, today),
        Liste(dates_cles(projet, today), libelle=w["dates_cles"]),
        Titre(w["budget"]),
        Paragraphe(_budget_resume(projet)),
        Liste(_financement(projet), libelle=w["financement_a_trouver"]),
        Champ(w["arguments"], "\n".join(x for x in (arguments, abrege(m.arguments_precisions))
                                         if x)),
        Titre(w["evaluation"]),
        Champ(w["effets_public"], abrege(e.effets_public)),
        Champ(w["effets_partenariat"], abrege(e.effets_partenariat)),
        Liste(liste_abregee(_indicateurs(projet, "quantitatif")),
              libelle=w["indicateurs_quantitatifs"]),
        Liste(liste_abregee(_indicateurs(projet, "qualitatif")),
              libelle=w["indicateurs_qualitatifs"]),
    ]
    return Document(
        titre=w["titre"],
        sous_titre=nom_projet(projet),
        # No page header: the associations are said once, in the first field.
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
        return accorder(w[cle], faits=faits, total=total, alertes=alertes)

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
