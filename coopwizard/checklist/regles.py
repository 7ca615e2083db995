"""The checklist's rules, registered by name (data/checklist.toml names them).

A "fait" rule says whether the answers show a task done; an "alerte" rule
returns None, or the values its message (worded in the data) needs.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from coopwizard.budget import totals
from coopwizard.documents.valeurs import date_fr, euros
from coopwizard.guide import is_answered
from coopwizard.models import Projet, get_path

Params = dict[str, Any]
RegleFait = Callable[[Projet, Params, date], bool]
RegleAlerte = Callable[[Projet, Params, date], "dict[str, Any] | None"]

REGLES_FAIT: dict[str, RegleFait] = {}
REGLES_ALERTE: dict[str, RegleAlerte] = {}


def regle_fait(name: str):
    def register(func: RegleFait) -> RegleFait:
        REGLES_FAIT[name] = func
        return func

    return register


def regle_alerte(name: str):
    def register(func: RegleAlerte) -> RegleAlerte:
        REGLES_ALERTE[name] = func
        return func

    return register


# --- "Fait" rules -------------------------------------------------------------


@regle_fait("manuel")
def _manuel(projet: Projet, params: Params, today: date) -> bool:
    return False  # only a tick by hand says it is done


@regle_fait("rempli")
def _rempli(projet: Projet, params: Params, today: date) -> bool:
    return all(is_answered(get_path(projet, champ)) for champ in params["champs"])


@regle_fait("un_rempli")
def _un_rempli(projet: Projet, params: Params, today: date) -> bool:
    return any(is_answered(get_path(projet, champ)) for champ in params["champs"])


@regle_fait("vrai")
def _vrai(projet: Projet, params: Params, today: date) -> bool:
    return all(get_path(projet, champ) is True for champ in params["champs"])


def _associations_nommees(projet: Projet) -> list:
    return [a for a in projet.associations if a.nom.strip()]


@regle_fait("deux_associations")
def _deux_associations(projet: Projet, params: Params, today: date) -> bool:
    return len(_associations_nommees(projet)) >= 2


@regle_fait("porteur_designe")
def _porteur_designe(projet: Projet, params: Params, today: date) -> bool:
    return any(a.role == "porteur" for a in _associations_nommees(projet))


@regle_fait("reunion_avec_decisions")
def _reunion_avec_decisions(projet: Projet, params: Params, today: date) -> bool:
    return any(any(d.decision.strip() for d in r.decisions) for r in projet.reunions)


FICHE_ESSENTIEL = (
    "nom", "conception.constats", "conception.objectifs", "conception.public_cible",
    "conception.actions",
)


@regle_fait("fiche_complete")
def _fiche_complete(projet: Projet, params: Params, today: date) -> bool:
    return _deux_associations(projet, params, today) and all(
        is_answered(get_path(projet, champ)) for champ in FICHE_ESSENTIEL
    )


def _taches(projet: Projet) -> list:
    return [t for t in projet.taches if t.intitule.strip()]


@regle_fait("echeancier_complet")
def _echeancier_complet(projet: Projet, params: Params, today: date) -> bool:
    taches = _taches(projet)
    return bool(taches) and all(t.responsable.strip() and t.echeance for t in taches)


@regle_fait("planning_a_jour")
def _planning_a_jour(projet: Projet, params: Params, today: date) -> bool:
    maj = projet.programmation.planning_mis_a_jour_le
    return maj is not None and today - maj <= timedelta(days=params.get("jours", 30))


def _indicateurs(projet: Projet) -> list:
    return [i for i in projet.evaluation.indicateurs if i.indicateur.strip()]


@regle_fait("criteres_evaluation")
def _criteres_evaluation(projet: Projet, params: Params, today: date) -> bool:
    return bool(_indicateurs(projet))


@regle_fait("indicateurs_mesures")
def _indicateurs_mesures(projet: Projet, params: Params, today: date) -> bool:
    indicateurs = _indicateurs(projet)
    return bool(indicateurs) and all(i.valeur_mesuree.strip() for i in indicateurs)


def _besoins(projet: Projet) -> list:
    return [b for b in projet.moyens.besoins if b.description.strip()]


@regle_fait("besoins_attribues")
def _besoins_attribues(projet: Projet, params: Params, today: date) -> bool:
    apportes = [b for b in _besoins(projet) if not b.a_trouver]
    return bool(apportes) and all(b.apporte_par.strip() and b.forme for b in apportes)


@regle_fait("recherche_repartie")
def _recherche_repartie(projet: Projet, params: Params, today: date) -> bool:
    a_trouver = [b for b in _besoins(projet) if b.a_trouver]
    if not _besoins(projet):
        return False
    return all(b.piste.strip() for b in a_trouver) and (
        not a_trouver or is_answered(projet.moyens.recherche_qui_fait_quoi)
    )


PRETS = ("pret", "mise_a_disposition_gratuite", "mise_a_disposition_onereuse", "echange", "partage")


def _prets(projet: Projet) -> list:
    return [b for b in _besoins(projet) if not b.a_trouver and b.forme in PRETS]


@regle_fait("disponibilites_verifiees")
def _disponibilites_verifiees(projet: Projet, params: Params, today: date) -> bool:
    besoins = [b for b in _besoins(projet) if not b.a_trouver]
    return bool(besoins) and all(b.disponibilite_verifiee for b in _prets(projet))


# --- "Alerte" rules -----------------------------------------------------------


def _liste(noms: list[str], maximum: int = 3) -> str:
    noms = [n or "sans intitulé" for n in noms]
    if len(noms) <= maximum:
        return ", ".join(noms)
    reste = len(noms) - maximum
    return ", ".join(noms[:maximum]) + f" et {reste} autre{'s' if reste > 1 else ''}"


@regle_alerte("collectif_trop_grand")
def _collectif_trop_grand(projet: Projet, params: Params, today: date):
    membres = [m for m in projet.collectif.membres if m.nom.strip()]
    if len(membres) > params.get("maximum", 10):
        return {"n": len(membres)}
    return None


@regle_alerte("taches_sans_responsable")
def _taches_sans_responsable(projet: Projet, params: Params, today: date):
    orphelines = [t.intitule for t in _taches(projet) if not t.responsable.strip()]
    return {"n": len(orphelines), "liste": _liste(orphelines)} if orphelines else None


@regle_alerte("taches_apres_echeance")
def _taches_apres_echeance(projet: Projet, params: Params, today: date):
    limite = projet.programmation.echeance_souhaitee
    if limite is None:
        return None
    # The final evaluation comes after the action by nature: only the work
    # that leads to the deadline has to fit before it.
    tardives = [
        t.intitule for t in _taches(projet)
        if t.echeance and t.echeance > limite and t.etape != "evaluation"
    ]
    if not tardives:
        return None
    return {"n": len(tardives), "liste": _liste(tardives), "echeance": date_fr(limite)}


@regle_alerte("taches_en_retard")
def _taches_en_retard(projet: Projet, params: Params, today: date):
    # Critical tasks have their own, stronger warning (conseils.py).
    retard = [t.intitule for t in _taches(projet) if t.en_retard(today) and not t.critique]
    return {"n": len(retard), "liste": _liste(retard)} if retard else None


def _taches_lancees(projet: Projet) -> list:
    return [t for t in _taches(projet) if t.statut in ("en_cours", "fait")]


@regle_alerte("planning_perime")
def _planning_perime(projet: Projet, params: Params, today: date):
    if not any(t.statut == "en_cours" for t in _taches(projet)):
        return None
    if _planning_a_jour(projet, params, today):
        return None
    maj = projet.programmation.planning_mis_a_jour_le
    return {"depuis": f"le {date_fr(maj)}" if maj else "sa création"}


@regle_alerte("criteres_absents_taches_lancees")
def _criteres_absents(projet: Projet, params: Params, today: date):
    # « Dès l'origine » : a task whose start date has come counts as launched.
    lancees = [t for t in _taches(projet)
               if t.statut in ("en_cours", "fait") or (t.debut is not None and t.debut <= today)]
    if lancees and not _indicateurs(projet):
        return {"n": len(lancees)}
    return None


@regle_alerte("budget_desequilibre")
def _budget_desequilibre(projet: Projet, params: Params, today: date):
    if not projet.budget.lignes:
        return None
    totaux = totals(projet.budget)
    if totaux.charges == totaux.produits:
        return None
    return {
        "charges": euros(totaux.charges),
        "produits": euros(totaux.produits),
        "ecart": euros(totaux.produits - totaux.charges),
    }


@regle_alerte("contributions_desequilibrees")
def _contributions_desequilibrees(projet: Projet, params: Params, today: date):
    totaux = totals(projet.budget)
    if totaux.emplois_nature == totaux.contributions_nature:
        return None
    return {"emplois": euros(totaux.emplois_nature), "contributions": euros(totaux.contributions_nature)}


@regle_alerte("bilan_en_attente")
def _bilan_en_attente(projet: Projet, params: Params, today: date):
    fin = projet.date_fin
    if fin is None or fin >= today:
        return None
    evaluation = projet.evaluation
    if is_answered(evaluation.points_forts) or is_answered(evaluation.points_faibles):
        return None
    return {"fin": date_fr(fin)}


@regle_alerte("reunion_sans_releve")
def _reunion_sans_releve(projet: Projet, params: Params, today: date):
    passees = [
        r for r in projet.reunions
        if r.date and r.date < today and not any(d.decision.strip() for d in r.decisions)
    ]
    if not passees:
        return None
    return {"n": len(passees), "liste": _liste([f"le {date_fr(r.date)}" for r in passees])}


@regle_alerte("moyens_sans_piste")
def _moyens_sans_piste(projet: Projet, params: Params, today: date):
    sans_piste = [b.description for b in _besoins(projet) if b.a_trouver and not b.piste.strip()]
    return {"n": len(sans_piste), "liste": _liste(sans_piste)} if sans_piste else None


@regle_alerte("assurance_non_verifiee")
def _assurance_non_verifiee(projet: Projet, params: Params, today: date):
    if projet.moyens.assurance_verifiee is True:
        return None
    partages = [b.description for b in _prets(projet) if b.categorie in ("materiels", "locaux")]
    if partages:
        return {"objet": f"du matériel ou des locaux sont partagés ({_liste(partages)})"}
    if _besoins(projet):
        return {"objet": "des moyens sont mis en commun"}
    if len(_associations_nommees(projet)) >= 2:
        return {"objet": "plusieurs associations sont engagées"}
    return None


@regle_alerte("disponibilite_a_verifier")
def _disponibilite_a_verifier(projet: Projet, params: Params, today: date):
    a_verifier = [b.description for b in _prets(projet) if not b.disponibilite_verifiee]
    if not a_verifier:
        return None
    debut = projet.date_debut
    proche = debut is not None and debut - today <= timedelta(days=params.get("jours", 30))
    if not proche and not _taches_lancees(projet):
        return None
    return {"n": len(a_verifier), "liste": _liste(a_verifier)}
