"""The checklist: its data is consistent with the guide and the model, and
every "fait" and "alerte" rule fires when (and only when) it should."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from coopwizard import checklist
from coopwizard.checklist import REGLES_ALERTE, REGLES_FAIT, definitions
from coopwizard.guide import guide
from coopwizard.models import Projet
from coopwizard.models.paths import field_info
from coopwizard.paths import example_project_file
from coopwizard.store import load

TODAY = date(2026, 11, 26)


def element(projet: Projet, element_id: str, today: date = TODAY) -> checklist.Element:
    return checklist.build(guide(), projet, today).element(element_id)


def projet(**data) -> Projet:
    return Projet.model_validate(data)


# --- The data -------------------------------------------------------------------------


def test_ids_are_unique_and_every_item_is_well_formed():
    items = definitions()
    ids = [d.id for d in items]
    assert len(ids) == len(set(ids))
    assert len(items) >= 40
    order = guide().ordre
    for d in items:
        assert d.etape in order, d.id
        field_info(Projet, d.champ)  # raises KeyError for a path the model does not have
        assert d.regle in REGLES_FAIT, d.id
        assert d.libelle.strip() and d.raison.strip(), d.id
        for champ in d.params.get("champs", []):
            field_info(Projet, champ)
        for alerte in d.alertes:
            assert alerte.regle in REGLES_ALERTE, d.id


def test_every_item_jumps_to_a_question_of_the_wizard():
    g = guide()
    for e in checklist.build(g, Projet(), TODAY).elements:
        etape, champ = checklist.cible(g, e)
        assert champ == e.champ, e.id
        assert any(q.champ == champ for q in g.etapes[etape].questions)


def test_every_registered_rule_is_used_by_the_data():
    items = definitions()
    used_fait = {d.regle for d in items}
    used_alerte = {a.regle for d in items for a in d.alertes}
    assert used_fait == set(REGLES_FAIT)
    assert used_alerte == set(REGLES_ALERTE)


def test_a_malformed_item_is_named_in_french(tmp_path):
    broken = tmp_path / "checklist.toml"
    broken.write_text('[[items]]\nid = "x"\netape = "projet"\nchamp = "nom"\n'
                      'libelle = "Nom"\nregle = "rempli"\n', encoding="utf-8")
    with pytest.raises(ValueError, match=r"élément 1 \(x\) : il manque raison"):
        checklist.load_definitions(broken)


def test_groups_follow_the_four_conditions_and_three_phases():
    result = checklist.build(guide(), Projet(), TODAY)
    assert [g.id for g in result.groupes] == [
        "projet", "envie", "connaissance", "preparation", "mise_en_oeuvre",
        "evaluation_finale", "moyens",
    ]
    assert result.total == len(definitions())
    assert result.faits == 0 and result.alertes == 0


def test_a_new_project_has_everything_to_do_and_no_warning():
    result = checklist.build(guide(), Projet(), TODAY)
    assert {e.statut for e in result.elements} == {"a_faire"}


def test_build_is_pure():
    p = load(example_project_file())
    before = p.model_dump()
    first = checklist.build(guide(), p, TODAY)
    assert p.model_dump() == before
    assert checklist.build(guide(), p, TODAY) == first


# --- Ticking by hand -------------------------------------------------------------------


def test_toggle_ticks_and_unticks_and_progress_follows():
    p = Projet()
    assert checklist.toggle(p, "moyens-prospecter") is True
    assert p.checklist.coches == ["moyens-prospecter"]
    e = element(p, "moyens-prospecter")
    assert e.statut == "fait" and e.coche and not e.automatique
    groupe = next(g for g in checklist.build(guide(), p, TODAY).groupes if g.id == "moyens")
    assert groupe.faits == 1
    assert checklist.toggle(p, "moyens-prospecter") is False
    assert p.checklist.coches == []
    assert element(p, "moyens-prospecter").statut == "a_faire"


def test_a_ticked_item_still_shows_its_warning():
    p = projet(collectif={"membres": [{"nom": f"M{i}"} for i in range(12)]},
               checklist={"coches": ["collectif-membres"]})
    e = element(p, "collectif-membres")
    assert e.coche and e.statut == "alerte"


def test_manual_items_are_never_done_automatically():
    p = load(example_project_file())
    for d in definitions():
        if d.regle == "manuel":
            assert element(p, d.id).automatique is False


# --- "Fait" rules -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("element_id", "answers"),
    [
        ("projet-nom", {"nom": "Repas"}),
        ("envie-motivations", {"envie": {"motivations": ["valeurs"]}}),
        ("envie-freins", {"envie": {"freins": {"temps": "On limite à un événement."}}}),
        ("conception-public", {"conception": {"public_cible": "Habitants", "territoire": "Lilas"}}),
        ("collectif-coordinateur", {"collectif": {"coordinateur": "Sophie"}}),
        ("moyens-assurance", {"moyens": {"assurance_verifiee": True}}),
    ],
)
def test_answer_rules_mark_done(element_id, answers):
    assert element(Projet(), element_id).statut == "a_faire"
    assert element(projet(**answers), element_id).statut == "fait"


def test_rempli_needs_every_field():
    p = projet(conception={"public_cible": "Habitants"})
    assert element(p, "conception-public").statut == "a_faire"


def test_blank_text_does_not_count():
    assert element(projet(nom="   "), "projet-nom").statut == "a_faire"


def test_assurance_false_is_not_done():
    assert element(projet(moyens={"assurance_verifiee": False}), "moyens-assurance").statut != "fait"


def test_deux_associations_and_porteur():
    one = projet(associations=[{"nom": "A", "role": "porteur"}])
    assert element(one, "projet-associations").statut == "a_faire"
    assert element(one, "projet-porteur").statut == "fait"
    two = projet(associations=[{"nom": "A"}, {"nom": "B"}, {"nom": ""}])
    assert element(two, "projet-associations").statut == "fait"
    assert element(two, "projet-porteur").statut == "a_faire"


def test_reunion_avec_decisions():
    sans = projet(reunions=[{"date": "2026-10-01", "decisions": [{"point": "Budget"}]}])
    assert element(sans, "connaissance-releve", date(2026, 9, 1)).statut == "a_faire"
    avec = projet(reunions=[{"decisions": [{"point": "Budget", "decision": "Luc le fait"}]}])
    assert element(avec, "connaissance-releve").statut == "fait"


def test_fiche_complete_needs_the_essentials():
    essentials = {
        "nom": "Repas",
        "associations": [{"nom": "A"}, {"nom": "B"}],
        "conception": {"constats": "x", "objectifs": "y", "public_cible": "z", "actions": "w"},
    }
    assert element(projet(**essentials), "conception-fiche").statut == "fait"
    essentials["conception"]["actions"] = ""
    assert element(projet(**essentials), "conception-fiche").statut == "a_faire"


def test_echeancier_complet_needs_who_and_when_for_every_task():
    ok = projet(taches=[{"intitule": "Affiche", "responsable": "Ahmed", "echeance": "2027-02-28"}])
    assert element(ok, "programmation-echeancier").statut == "fait"
    no_deadline = projet(taches=[{"intitule": "Affiche", "responsable": "Ahmed"}])
    assert element(no_deadline, "programmation-echeancier").statut == "a_faire"
    assert element(Projet(), "programmation-echeancier").statut == "a_faire"


def test_planning_a_jour_within_thirty_days():
    recent = projet(programmation={"planning_mis_a_jour_le": "2026-11-10"})
    assert element(recent, "realisation-planning").statut == "fait"
    old = projet(programmation={"planning_mis_a_jour_le": "2026-09-01"})
    assert element(old, "realisation-planning").statut == "a_faire"


def test_criteres_and_mesures():
    ind = {"indicateur": "Nombre de convives", "cible": "150"}
    p = projet(evaluation={"indicateurs": [ind]})
    assert element(p, "evaluation-criteres").statut == "fait"
    assert element(p, "evaluation-mesures").statut == "a_faire"
    p = projet(evaluation={"indicateurs": [{**ind, "valeur_mesuree": "162"}]})
    assert element(p, "evaluation-mesures").statut == "fait"


def test_besoins_attribues_needs_who_and_how():
    p = projet(moyens={"besoins": [{"description": "Tables", "apporte_par": "Mairie"}]})
    assert element(p, "moyens-partages").statut == "a_faire"
    p = projet(moyens={"besoins": [{"description": "Tables", "apporte_par": "Mairie",
                                    "forme": "pret"}]})
    assert element(p, "moyens-partages").statut == "fait"


def test_recherche_repartie():
    besoin = {"description": "Sono", "a_trouver": True}
    p = projet(moyens={"besoins": [besoin]})
    assert element(p, "moyens-a-trouver").statut == "alerte"
    p = projet(moyens={"besoins": [{**besoin, "piste": "Mairie"}],
                       "recherche_qui_fait_quoi": "Roland cherche la sono"})
    assert element(p, "moyens-a-trouver").statut == "fait"


def test_disponibilites_verifiees():
    pret = {"description": "Tables", "apporte_par": "Mairie", "forme": "pret"}
    p = projet(moyens={"besoins": [pret]})
    assert element(p, "moyens-disponibilite").statut == "a_faire"
    p = projet(moyens={"besoins": [{**pret, "disponibilite_verifiee": True}]})
    assert element(p, "moyens-disponibilite").statut == "fait"


# --- "Alerte" rules ---------------------------------------------------------------------


def _membres(n: int) -> list[dict]:
    return [{"nom": f"Membre {i}", "association": "A"} for i in range(n)]


def test_collectif_trop_grand_above_ten():
    assert element(projet(collectif={"membres": _membres(10)}), "collectif-membres").statut == "fait"
    e = element(projet(collectif={"membres": _membres(14)}), "collectif-membres")
    assert e.statut == "alerte"
    assert "14 membres" in e.alertes[0] and "8 à 10" in e.alertes[0]


def test_taches_sans_responsable():
    p = projet(taches=[{"intitule": "Affiche", "echeance": "2027-01-01"}])
    e = element(p, "programmation-echeancier")
    assert e.statut == "alerte" and "Affiche" in e.alertes[0]


def test_taches_apres_echeance():
    p = projet(programmation={"echeance_souhaitee": "2027-03-20", "contraintes_agendas": "x"},
               taches=[{"intitule": "Bilan", "echeance": "2027-04-30"}])
    e = element(p, "programmation-agendas")
    assert e.statut == "alerte" and "20/03/2027" in e.alertes[0] and "Bilan" in e.alertes[0]


def test_final_evaluation_may_come_after_the_deadline():
    p = projet(programmation={"echeance_souhaitee": "2027-03-20", "contraintes_agendas": "x"},
               taches=[{"intitule": "Bilan", "echeance": "2027-04-30", "etape": "evaluation"}])
    assert element(p, "programmation-agendas").statut == "fait"


def test_budget_desequilibre_and_contributions():
    lignes = [{"compte": "60", "montant": "100.10"}, {"compte": "74", "montant": "100.00"}]
    e = element(projet(budget={"lignes": lignes}), "programmation-budget")
    assert e.statut == "alerte" and "0,10" in e.alertes[0]
    lignes[1]["montant"] = "100.10"
    assert element(projet(budget={"lignes": lignes}), "programmation-budget").statut == "fait"
    lignes += [{"compte": "86", "montant": "50"}, {"compte": "87", "montant": "40"}]
    e = element(projet(budget={"lignes": lignes}), "programmation-budget")
    assert e.statut == "alerte" and "(86)" in e.alertes[0]


def test_budget_balance_is_exact_decimal():
    # 0.1 + 0.2 == 0.3 exactly: a float budget would warn here.
    lignes = [{"compte": "60", "montant": "0.1"}, {"compte": "61", "montant": "0.2"},
              {"compte": "74", "montant": Decimal("0.3")}]
    assert element(projet(budget={"lignes": lignes}), "programmation-budget").statut == "fait"


def test_taches_en_retard():
    tache = {"intitule": "Prêt des tables", "responsable": "Roland", "echeance": "2026-11-15",
             "statut": "en_cours"}
    p = projet(realisation={"suivi": "Point mensuel"}, taches=[tache])
    e = element(p, "realisation-suivi")
    assert e.statut == "alerte" and "Prêt des tables" in e.alertes[0]
    p = projet(realisation={"suivi": "Point mensuel"}, taches=[{**tache, "statut": "fait"}])
    assert element(p, "realisation-suivi").statut == "fait"
    # Not late yet the day of the deadline.
    assert element(projet(taches=[tache]), "realisation-suivi", date(2026, 11, 15)).statut == "a_faire"


def test_planning_perime_only_while_tasks_are_under_way():
    p = projet(taches=[{"intitule": "Affiche", "statut": "en_cours"}])
    e = element(p, "realisation-planning")
    assert e.statut == "alerte" and "sa création" in e.alertes[0]
    p = projet(taches=[{"intitule": "Affiche", "statut": "a_faire"}])
    assert element(p, "realisation-planning").statut == "a_faire"


def test_criteres_absents_while_tasks_under_way():
    p = projet(taches=[{"intitule": "Affiche", "statut": "en_cours"}])
    assert element(p, "evaluation-criteres").statut == "alerte"
    p = projet(taches=[{"intitule": "Affiche", "statut": "a_faire"}])
    assert element(p, "evaluation-criteres").statut == "a_faire"
    p = projet(taches=[{"intitule": "Affiche", "statut": "fait"}],
               evaluation={"indicateurs": [{"indicateur": "Convives"}]})
    assert element(p, "evaluation-criteres").statut == "fait"


def test_bilan_en_attente_after_the_end():
    assert element(projet(date_fin="2026-10-01"), "evaluation-bilan").statut == "alerte"
    assert element(projet(date_fin="2027-10-01"), "evaluation-bilan").statut == "a_faire"
    done = projet(date_fin="2026-10-01",
                  evaluation={"points_forts": "Ambiance", "points_faibles": "Météo"})
    assert element(done, "evaluation-bilan").statut == "fait"


def test_reunion_sans_releve():
    p = projet(reunions=[{"date": "2026-10-01"}])
    e = element(p, "connaissance-releve")
    assert e.statut == "alerte" and "01/10/2026" in e.alertes[0]
    future = projet(reunions=[{"date": "2026-12-10"}])
    assert element(future, "connaissance-releve").statut == "a_faire"


def test_assurance_non_verifiee_once_associations_or_means_exist():
    assert element(Projet(), "moyens-assurance").statut == "a_faire"
    two = projet(associations=[{"nom": "A"}, {"nom": "B"}])
    assert element(two, "moyens-assurance").statut == "alerte"
    means = projet(moyens={"besoins": [{"description": "Tables"}]})
    assert element(means, "moyens-assurance").statut == "alerte"
    ok = projet(associations=[{"nom": "A"}, {"nom": "B"}], moyens={"assurance_verifiee": True})
    assert element(ok, "moyens-assurance").statut == "fait"


def test_disponibilite_a_verifier_when_the_project_is_near():
    pret = {"description": "Tables", "apporte_par": "Mairie", "forme": "pret"}
    far = projet(date_debut="2027-06-01", moyens={"besoins": [pret]})
    assert element(far, "moyens-disponibilite").statut == "a_faire"
    near = projet(date_debut="2026-12-10", moyens={"besoins": [pret]})
    e = element(near, "moyens-disponibilite")
    assert e.statut == "alerte" and "Tables" in e.alertes[0]


def test_example_project_shows_the_expected_warnings():
    result = checklist.build(guide(), load(example_project_file()), TODAY)
    alertes = {e.id for e in result.elements if e.statut == "alerte"}
    # The tables, marked critical, are late on 26/11/2026.
    assert "realisation-critiques" in alertes and "realisation-suivi" not in alertes
    assert 0 < result.faits < result.total
