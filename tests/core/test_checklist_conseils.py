"""The rules for the guide's advice that issue 14 added: each fires on a project
that goes against the advice and stays quiet on one that follows it."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coopwizard import checklist
from coopwizard.checklist import REGLES_ALERTE, REGLES_FAIT, definitions
from coopwizard.noms import concerne, meme_personne, mots
from coopwizard.guide import guide
from coopwizard.models import Projet

TODAY = date(2026, 11, 26)


def element(data: dict, element_id: str, today: date = TODAY) -> checklist.Element:
    return checklist.build(guide(), Projet.model_validate(data), today).element(element_id)


def alertes(data: dict, element_id: str) -> tuple[str, ...]:
    return element(data, element_id).alertes


def _assos(n: int) -> list[dict]:
    return [{"nom": f"Association {i}"} for i in range(1, n + 1)]


def _taches(*qui: str) -> list[dict]:
    return [{"intitule": f"Tâche {i}", "responsable": r} for i, r in enumerate(qui, start=1)]


# --- data and functions go together ----------------------------------------------------


def test_every_rule_in_the_data_has_a_function_and_every_function_is_in_the_data():
    items = definitions()
    fait = {d.regle for d in items}
    alerte = {a.regle for d in items for a in d.alertes}
    assert fait - set(REGLES_FAIT) == set(), "règles « fait » sans fonction"
    assert alerte - set(REGLES_ALERTE) == set(), "règles d'alerte sans fonction"
    assert set(REGLES_FAIT) - fait == set(), "fonctions « fait » absentes de checklist.toml"
    assert set(REGLES_ALERTE) - alerte == set(), "fonctions d'alerte absentes de checklist.toml"


def test_every_message_is_filled_by_its_rule():
    # A placeholder the rule does not fill would raise KeyError in front of a user.
    for d in definitions():
        for a in d.alertes:
            assert "{" not in a.message.format_map(_Tout()), (d.id, a.regle)


class _Tout(dict):
    def __missing__(self, key):
        return "x"


# --- loose names --------------------------------------------------------------------------


@pytest.mark.parametrize("a, b", [
    ("Aïcha Benali", "aicha"), ("Aïcha Benali", "A. Benali"), ("Aïcha Benali", "Mme BENALI"),
    ("Marie Dupont", "Dupont Marie"), ("Marie Dupont", "MD"), ("Jean-Pierre Martin", "jean pierre"),
])
def test_same_person_written_differently(a, b):
    assert meme_personne(a, b) and meme_personne(b, a)


@pytest.mark.parametrize("a, b", [
    ("Marie Dupont", "Marie Durand"), ("Luc", "Lucie"), ("Marie Dupont", "M. D."), ("", "Luc"),
])
def test_different_people_stay_apart(a, b):
    assert not meme_personne(a, b)


def test_a_cell_may_name_several_people():
    assert concerne("Luc et Sophie", "sophie")
    assert concerne("Roland, Vincent / Aïcha", "Aicha")
    assert not concerne("Roland, Vincent", "Sophie")


@given(st.text(max_size=30))
def test_a_name_is_always_its_own_person(nom):
    assert meme_personne(nom, nom) == bool(mots(nom))


# --- coordinator -------------------------------------------------------------------------


def test_sans_coordinateur_once_work_is_planned():
    assert alertes({"taches": _taches("Luc")}, "collectif-coordinateur")
    assert "réunion" in alertes({"reunions": [{"date": "2026-12-10"}]},
                                "collectif-coordinateur")[0]
    assert element({"taches": _taches("Luc"), "collectif": {"coordinateur": "Sophie"}},
                   "collectif-coordinateur").statut == "fait"
    assert element({}, "collectif-coordinateur").statut == "a_faire"


def test_coordonner_n_est_pas_tout_faire_matches_names_loosely():
    data = {"collectif": {"coordinateur": "Aïcha Benali", "delegation": "x"},
            "taches": _taches("aicha", "Mme Benali", "A. BENALI et Luc", "Luc")}
    (message,) = alertes(data, "collectif-delegation")
    assert "Aïcha Benali" in message and "3 tâche(s) sur 4" in message


def test_anyone_holding_most_tasks_is_warned_not_only_the_coordinator():
    data = {"collectif": {"coordinateur": "Sophie", "delegation": "x"},
            "taches": _taches("Roland", "roland", "Sophie")}
    assert "Roland" in alertes(data, "collectif-delegation")[0]


def test_tasks_shared_out_do_not_warn():
    data = {"collectif": {"coordinateur": "Aïcha", "delegation": "x"},
            "taches": _taches("Aïcha", "Luc", "Sophie", "Aïcha")}
    assert element(data, "collectif-delegation").statut == "fait"
    # Two tasks are too few to speak of "most".
    data["taches"] = _taches("Aïcha", "Aïcha")
    assert element(data, "collectif-delegation").statut == "fait"


# --- formalise, start simple ---------------------------------------------------------------


def test_more_partners_means_more_to_write_down():
    (message,) = alertes({"associations": _assos(3)}, "collectif-formalisation")
    assert "3 partenaires" in message and "convention" in message
    assert not alertes({"associations": _assos(2)}, "collectif-formalisation")
    assert not alertes({"associations": _assos(3), "moyens": {"formalisation": "convention"}},
                       "collectif-formalisation")


def test_a_first_cooperation_means_more_to_write_down():
    data = {"associations": _assos(2), "connaissance": {"premiere_cooperation": True}}
    assert "première fois" in alertes(data, "collectif-formalisation")[0]
    data["reunions"] = [{"date": "2026-10-01", "decisions": [{"decision": "Fête le 5 juin"}]}]
    assert not alertes(data, "collectif-formalisation")


def test_a_first_cooperation_starts_with_few_partners():
    data = {"associations": _assos(5), "connaissance": {"premiere_cooperation": True}}
    (message,) = alertes(data, "projet-associations")
    assert "5 partenaires" in message and "simple" in message
    assert not alertes({**data, "connaissance": {"premiere_cooperation": False}},
                       "projet-associations")
    assert not alertes({"associations": _assos(3),
                        "connaissance": {"premiere_cooperation": True}}, "projet-associations")


# --- meetings --------------------------------------------------------------------------------


def test_meeting_conditions_all_four():
    toutes = ["projet_concret", "coordination", "convivialite", "animation"]
    assert element({"connaissance": {"conditions_rencontre": toutes}},
                   "connaissance-conditions").statut == "fait"
    assert element({"connaissance": {"conditions_rencontre": toutes[:3]}},
                   "connaissance-conditions").statut == "a_faire"


def test_a_coming_meeting_needs_an_agenda():
    (message,) = alertes({"reunions": [{"date": "2026-12-03"}]}, "connaissance-conditions")
    assert "03/12/2026" in message and "ordre du jour" in message
    assert not alertes({"reunions": [{"date": "2026-12-03", "ordre_du_jour": "Affiche"}]},
                       "connaissance-conditions")
    # A past meeting is the relevé's business, not the agenda's.
    assert not alertes({"reunions": [{"date": "2026-10-01"}]}, "connaissance-conditions")


# --- evaluation from the start ------------------------------------------------------------------


def test_criteria_before_the_first_task_starts():
    started = {"taches": [{"intitule": "Affiche", "debut": "2026-11-20"}]}
    assert alertes(started, "evaluation-criteres")
    later = {"taches": [{"intitule": "Affiche", "debut": "2026-12-20"}]}
    assert not alertes(later, "evaluation-criteres")


# --- money ------------------------------------------------------------------------------------


def test_a_subsidy_needs_indicators_and_arguments():
    budget = {"lignes": [{"compte": "74-commune", "montant": "800"}]}
    (message,) = alertes({"budget": budget}, "moyens-arguments")
    assert "800,00" in message and "ni indicateur" in message
    with_args = {"budget": budget, "moyens": {"arguments": ["fiabilite"]}}
    assert "aucun indicateur" in alertes(with_args, "moyens-arguments")[0]
    ok = {**with_args, "evaluation": {"indicateurs": [{"indicateur": "Convives"}]}}
    assert not alertes(ok, "moyens-arguments")
    assert not alertes({"budget": {"lignes": [{"compte": "70", "montant": "800"}]}},
                       "moyens-arguments")


def test_contributions_in_kind_belong_in_86_87():
    besoins = [{"description": "Tables", "apporte_par": "Mairie", "forme": "pret"},
               {"description": "Sono", "apporte_par": "A", "forme": "mise_a_disposition_onereuse"}]
    budget = {"lignes": [{"compte": "60", "montant": "100"}, {"compte": "74", "montant": "100"}]}
    (message,) = alertes({"moyens": {"besoins": besoins}, "budget": budget}, "programmation-budget")
    assert "Tables" in message and "Sono" not in message and "86 et 87" in message
    budget["lignes"] += [{"compte": "86", "montant": "50"}, {"compte": "87", "montant": "50"}]
    assert not alertes({"moyens": {"besoins": besoins}, "budget": budget}, "programmation-budget")


def test_shared_material_names_what_needs_insurance():
    pret = {"description": "Barnums", "categorie": "materiels", "apporte_par": "A", "forme": "pret"}
    (message,) = alertes({"moyens": {"besoins": [pret]}}, "moyens-assurance")
    assert "Barnums" in message
    assert not alertes({"moyens": {"besoins": [pret], "assurance_verifiee": True}},
                       "moyens-assurance")


# --- critical tasks --------------------------------------------------------------------------


def test_a_late_critical_task_has_its_own_warning():
    late = {"intitule": "Réserver la salle", "echeance": "2026-11-01", "responsable": "Luc"}
    (message,) = alertes({"taches": [{**late, "critique": True}]}, "realisation-critiques")
    assert "critique" in message and "Réserver la salle" in message
    # Not said twice: the ordinary late-task warning leaves it out.
    assert not alertes({"taches": [{**late, "critique": True}]}, "realisation-suivi")
    assert not alertes({"taches": [late]}, "realisation-critiques")
    assert alertes({"taches": [late]}, "realisation-suivi")
    on_time = {**late, "critique": True, "echeance": "2026-12-01"}
    assert element({"taches": [on_time]}, "realisation-critiques").statut == "fait"


# --- bilan and thanks -------------------------------------------------------------------------


def test_the_bilan_goes_to_members_ag_partners_and_other_associations():
    data = {"evaluation": {"points_forts": "Ambiance", "destinataires_bilan": ["membres"]}}
    (message,) = alertes(data, "evaluation-diffusion")
    assert "l'assemblée générale" in message and "membres" not in message
    data["evaluation"]["destinataires_bilan"] = [
        "membres", "assemblee_generale", "partenaires", "autres_associations"]
    assert element(data, "evaluation-diffusion").statut == "fait"
    assert not alertes({"evaluation": {"destinataires_bilan": []}}, "evaluation-diffusion")


def test_thank_the_volunteers():
    assert "26/10/2026" not in "".join(alertes({"date_fin": "2026-12-26"}, "evaluation-remercier"))
    (message,) = alertes({"date_fin": "2026-10-26"}, "evaluation-remercier")
    assert "26/10/2026" in message and "bénévoles" in message
    assert alertes({"evaluation": {"points_forts": "x"}}, "evaluation-remercier")
    done = {"date_fin": "2026-10-26", "evaluation": {"remerciements": "Un goûter"}}
    assert element(done, "evaluation-remercier").statut == "fait"
