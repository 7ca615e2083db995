"""Rules for the guide's advice on people, meetings, money and the bilan.

Same contract as regles.py (registered by name, named in data/checklist.toml);
split out so that each file stays readable. An alert returns None or the
values its message needs.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from coopwizard.budget import ZERO, formulaire, montant, totals
from coopwizard.noms import Repertoire, personnes, premier_au_dela
from coopwizard.checklist.regles import (
    Params,
    _associations_nommees,
    _besoins,
    _indicateurs,
    _liste,
    _taches,
    regle_alerte,
    regle_fait,
)
from coopwizard.documents.valeurs import euros
from coopwizard.guide import guide, is_answered
from coopwizard.models import Projet


def _libelles(champ: str, valeurs: list[str]) -> list[str]:
    """The guide's French labels of choice values, in lower case for a sentence."""
    g = guide()
    return [g.libelle_valeur(champ, v) for v in valeurs]


# --- Who coordinates, who does what ---------------------------------------------------


@regle_alerte("sans_coordinateur")
def _sans_coordinateur(projet: Projet, params: Params, today: date):
    if projet.collectif.coordinateur.strip():
        return None
    if _taches(projet):
        return {"objet": f"{len(_taches(projet))} tâche(s) sont au planning"}
    if projet.reunions:
        return {"objet": f"{len(projet.reunions)} réunion(s) sont prévues"}
    return None


def _candidats(projet: Projet) -> list[str]:
    """Everyone who may hold tasks, each once: the coordinator first."""
    noms = [projet.collectif.coordinateur, *(m.nom for m in projet.collectif.membres)]
    cellules = dict.fromkeys(t.responsable for t in _taches(projet))  # each spelling once
    noms += [p for cellule in cellules for p in personnes(cellule)]
    uniques: list[str] = []
    vus = Repertoire()  # who is already there, by word: not every name against every name
    deja: set[str] = set()  # the same spelling again (2,000 tasks, 200 people): known
    for nom in (n.strip() for n in noms):
        if nom and nom not in deja and not vus.connu(nom):
            uniques.append(nom)
            vus.ajouter(nom)
        deja.add(nom)
    return uniques


@regle_alerte("coordinateur_fait_tout")
def _coordinateur_fait_tout(projet: Projet, params: Params, today: date):
    # « Aïcha », « A. Benali » and « Mme Benali » are one person: count her once.
    taches = [t for t in _taches(projet) if t.responsable.strip()]
    if len(taches) < params.get("minimum", 3):
        return None
    part = params.get("part", 0.5)
    trouve = premier_au_dela((t.responsable for t in taches), _candidats(projet),
                             part * len(taches))
    if trouve is None:
        return None
    nom, siennes = trouve
    return {"personne": nom, "n": siennes, "total": len(taches)}


# --- How much to write down, how many to start with ----------------------------------


def _deja_formalise(projet: Projet) -> bool:
    return (
        is_answered(projet.collectif.formalisation)
        or projet.moyens.formalisation not in (None, "aucune")
        or any(any(d.decision.strip() for d in r.decisions) for r in projet.reunions)
    )


@regle_alerte("formaliser_davantage")
def _formaliser_davantage(projet: Projet, params: Params, today: date):
    if _deja_formalise(projet):
        return None
    n = len(_associations_nommees(projet))
    if n >= params.get("partenaires", 3):
        return {"raison": f"Vous êtes {n} partenaires"}
    if projet.connaissance.premiere_cooperation is True and n >= 2:
        return {"raison": "Vous coopérez ensemble pour la première fois"}
    return None


@regle_alerte("premiere_cooperation_nombreuse")
def _premiere_cooperation_nombreuse(projet: Projet, params: Params, today: date):
    n = len(_associations_nommees(projet))
    if projet.connaissance.premiere_cooperation is True and n > params.get("maximum", 3):
        return {"n": n}
    return None


# --- Meetings -------------------------------------------------------------------------


@regle_fait("conditions_rencontre")
def _conditions_rencontre(projet: Projet, params: Params, today: date) -> bool:
    return set(params["conditions"]) <= set(projet.connaissance.conditions_rencontre)


@regle_alerte("reunion_sans_ordre_du_jour")
def _reunion_sans_ordre_du_jour(projet: Projet, params: Params, today: date):
    # Only meetings still to come: an agenda is sent before, not written after.
    a_venir = [r for r in projet.reunions if r.date and r.date >= today
               and not r.ordre_du_jour.strip()]
    if not a_venir:
        return None
    return {"n": len(a_venir), "liste": _liste([f"le {r.date:%d/%m/%Y}" for r in a_venir])}


# --- Money: subsidies, contributions in kind --------------------------------------------


def _subventions(projet: Projet) -> Decimal:
    form = formulaire()
    total = ZERO
    for ligne in projet.budget.lignes:
        compte = form.compte_de(ligne.compte)
        if compte is not None and compte.code == "74":
            total += montant(ligne)
    return total


@regle_alerte("subvention_sans_evaluation")
def _subvention_sans_evaluation(projet: Projet, params: Params, today: date):
    subventions = _subventions(projet)
    if subventions <= ZERO:
        return None
    sans_indicateur = not _indicateurs(projet)
    sans_argument = not (projet.moyens.arguments or is_answered(projet.moyens.arguments_precisions))
    if sans_indicateur and sans_argument:
        manque = "ni indicateur d'évaluation ni argument pour les financeurs"
    elif sans_indicateur:
        manque = "aucun indicateur d'évaluation"
    elif sans_argument:
        manque = "aucun argument pour les financeurs"
    else:
        return None
    return {"montant": euros(subventions), "manque": manque}


EN_NATURE = ("pret", "mise_a_disposition_gratuite", "mise_en_commun", "partage", "echange", "don")


@regle_alerte("contributions_non_valorisees")
def _contributions_non_valorisees(projet: Projet, params: Params, today: date):
    if not projet.budget.lignes:
        return None  # no budget yet: the item itself says to make one
    totaux = totals(projet.budget)
    if totaux.emplois_nature > ZERO or totaux.contributions_nature > ZERO:
        return None
    en_nature = [
        b.description for b in _besoins(projet)
        if not b.a_trouver and (b.forme in EN_NATURE or b.categorie == "humains")
    ]
    if not en_nature:
        return None
    return {"n": len(en_nature), "liste": _liste(en_nature)}


# --- Critical tasks ---------------------------------------------------------------------


@regle_alerte("tache_critique_en_retard")
def _tache_critique_en_retard(projet: Projet, params: Params, today: date):
    retard = [t.intitule for t in _taches(projet) if t.critique and t.en_retard(today)]
    return {"n": len(retard), "liste": _liste(retard)} if retard else None


# --- The bilan, shared; the volunteers, thanked -----------------------------------------


def _bilan_fait(projet: Projet) -> bool:
    e = projet.evaluation
    return is_answered(e.points_forts) or is_answered(e.points_faibles)


@regle_alerte("bilan_non_diffuse")
def _bilan_non_diffuse(projet: Projet, params: Params, today: date):
    if not _bilan_fait(projet):
        return None
    manquants = [d for d in params["destinataires"]
                 if d not in projet.evaluation.destinataires_bilan]
    if not manquants:
        return None
    libelles = _libelles("evaluation.destinataires_bilan", manquants)
    return {"liste": ", ".join(lib[:1].lower() + lib[1:] for lib in libelles)}


@regle_alerte("benevoles_non_remercies")
def _benevoles_non_remercies(projet: Projet, params: Params, today: date):
    if is_answered(projet.evaluation.remerciements):
        return None
    fin = projet.date_fin
    if fin is not None and fin < today:
        return {"quand": f"Le projet s'est terminé le {fin:%d/%m/%Y}"}
    if _bilan_fait(projet):
        return {"quand": "Le bilan est fait"}
    return None


@regle_fait("taches_critiques_reperees")
def _taches_critiques_reperees(projet: Projet, params: Params, today: date) -> bool:
    return any(t.critique for t in _taches(projet))
