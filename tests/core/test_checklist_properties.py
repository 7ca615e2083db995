"""Property tests: on any project, the checklist is consistent and every document renders."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coopwizard import checklist
from coopwizard.budget import totals
from coopwizard.documents import DOCUMENTS, produire
from coopwizard.guide import guide
from coopwizard.models import Projet

TODAY = date(2026, 11, 26)
jours = st.one_of(st.none(), st.integers(-400, 400).map(lambda n: TODAY + timedelta(days=n)))
mots = st.sampled_from(["", "Sophie", "Luc", "Mairie", "=1+2", "<b>x</b>", "Ahmed"])
montants = st.one_of(st.none(), st.decimals(-1000, 10_000, places=2, allow_nan=False,
                                            allow_infinity=False))

taches = st.fixed_dictionaries({
    "intitule": st.sampled_from(["", "Affiche", "Budget", "Bilan"]),
    "responsable": mots,
    "etape": st.sampled_from([None, "conception", "collectif", "programmation", "realisation",
                              "evaluation"]),
    "debut": jours, "echeance": jours,
    "statut": st.sampled_from(["a_faire", "en_cours", "fait"]),
})
lignes = st.fixed_dictionaries({
    "compte": st.sampled_from(["60", "606", "613", "64", "70", "74", "74-commune", "86", "87",
                               "99", ""]),
    "libelle": mots, "montant": montants, "association": mots,
})
besoins = st.fixed_dictionaries({
    "categorie": st.sampled_from([None, "humains", "materiels", "locaux", "financiers"]),
    "description": st.sampled_from(["", "Tables", "Sono"]),
    "apporte_par": mots,
    "forme": st.sampled_from([None, "pret", "don", "mise_en_commun"]),
    "a_trouver": st.booleans(), "piste": mots, "disponibilite_verifiee": st.booleans(),
})
projets = st.fixed_dictionaries({
    "nom": mots,
    "date_debut": jours, "date_fin": jours,
    "associations": st.lists(st.fixed_dictionaries({"nom": mots, "role": st.sampled_from(
        [None, "porteur", "partenaire"])}), max_size=4),
    "collectif": st.fixed_dictionaries({
        "membres": st.lists(st.fixed_dictionaries({"nom": mots}), max_size=14),
        "coordinateur": mots,
    }),
    "taches": st.lists(taches, max_size=6),
    "budget": st.fixed_dictionaries({"lignes": st.lists(lignes, max_size=6)}),
    "moyens": st.fixed_dictionaries({"besoins": st.lists(besoins, max_size=4),
                                     "assurance_verifiee": st.sampled_from([None, True, False])}),
    "evaluation": st.fixed_dictionaries({"indicateurs": st.lists(st.fixed_dictionaries(
        {"indicateur": mots, "valeur_mesuree": mots}), max_size=3)}),
    "reunions": st.lists(st.fixed_dictionaries({"date": jours}), max_size=3),
    "checklist": st.fixed_dictionaries({"coches": st.lists(
        st.sampled_from([d.id for d in checklist.definitions()] + ["inconnu"]), max_size=5,
        unique=True)}),
})


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(projets)
def test_statuses_are_consistent(data):
    projet = Projet.model_validate(data)
    result = checklist.build(guide(), projet, TODAY)
    assert result.total == len(checklist.definitions())
    for element in result.elements:
        if element.alertes:
            assert element.statut == "alerte"
        elif element.coche or element.automatique:
            assert element.statut == "fait"
        else:
            assert element.statut == "a_faire"
        assert element.coche == (element.id in projet.checklist.coches)
    assert result.faits + result.alertes <= result.total
    assert sum(g.total for g in result.groupes) == result.total
    # The budget warning says exactly what the exact totals say.
    t = totals(projet.budget)
    budget = result.element("programmation-budget")
    desequilibre = bool(projet.budget.lignes) and t.charges != t.produits
    assert any("pas équilibré" in a for a in budget.alertes) == desequilibre


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(projets, st.sampled_from(sorted(DOCUMENTS)), st.sampled_from(["texte", "markdown", "html"]))
def test_every_document_renders_for_any_project(data, nom, fmt):
    out = produire(nom, fmt, Projet.model_validate(data), TODAY)
    assert isinstance(out, str) and out.endswith("\n")


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(lignes, max_size=8))
def test_xlsx_budget_sum_formulas_match_the_exact_totals(budget_lignes):
    import io

    import openpyxl

    projet = Projet.model_validate({"budget": {"lignes": budget_lignes}})
    ws = openpyxl.load_workbook(io.BytesIO(produire("budget", "xlsx", projet, TODAY))).active
    t = totals(projet.budget)
    attendus = {"Total des charges prévisionnelles": t.charges,
                "Total des produits prévisionnels": t.produits}
    for row in ws.iter_rows():
        for cell in row:
            if cell.data_type != "f":
                continue
            label = ws.cell(row=cell.row, column=1).value
            if label not in attendus:
                continue
            # Evaluate the formula from the cells it names: it must give the exact total.
            rng = cell.value[len("=SUM("):-1]
            total = sum((Decimal(str(c.value)) for (c,) in ws[rng] if c.value is not None),
                        Decimal(0))
            assert total == attendus[label]
