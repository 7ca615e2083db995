"""The kit (relevé de décision, invitation, convention), the planning, budget and
evaluation documents, and a property test of the HTML and Markdown escaping."""

from __future__ import annotations

import html
import re
from datetime import date
from decimal import Decimal
from html.parser import HTMLParser

from hypothesis import given, settings
from hypothesis import strategies as st

from coopwizard.documents import DOCUMENTS, render
from coopwizard.documents import produire as _produire
from coopwizard.documents.arbre import (
    Champ,
    Coche,
    Document,
    Liste,
    Paragraphe,
    Tableau,
    Titre,
)
from coopwizard.models import Projet
from coopwizard.paths import example_project_file
from coopwizard.store import load

TODAY = date(2026, 11, 26)


def produire(*args) -> str:
    """The document as text, its non-breaking spaces read as spaces, lines wrapped at 80
    columns joined again (each line kept whole when it fits)."""
    return _produire(*args).replace("\u00a0", " ")

REUNIONS = [
    {"date": "2026-10-05", "lieu": "Maison de quartier", "presents": "Sophie, Ahmed",
     "decisions": [{"point": "Budget", "decision": "Luc le chiffre", "responsable": "Luc"}]},
    {"date": "2026-11-20", "lieu": "Jardins", "presents": "Sophie, Roland",
     "decisions": [{"point": "Tables", "decision": "Roland relance la mairie",
                    "responsable": "Roland"}],
     "prochaine_reunion": "2026-12-10"},
    {"date": "2026-12-10", "horaires": "18 h 30 - 20 h", "lieu": "Amicale",
     "ordre_du_jour": "- Affiche\n- Bénévoles du jour J\n"},
    {"date": "2027-01-15", "lieu": "Mairie"},
]


def test_releve_uses_the_latest_meeting_held():
    p = Projet.model_validate({"reunions": REUNIONS})
    text = produire("releve", "texte", p, TODAY)
    assert "Réunion du 20/11/2026" in text
    assert "Roland relance la mairie" in text and "Luc le chiffre" not in text
    assert "10/12/2026" in text  # next meeting


def test_releve_without_meetings_says_so():
    assert "Aucune réunion" in produire("releve", "texte", Projet(), TODAY)


def test_invitation_uses_the_next_meeting_and_its_agenda():
    p = Projet.model_validate({"nom": "Repas", "reunions": REUNIONS,
                               "associations": [{"nom": "A", "courriel": "a@x.fr"}, {"nom": "B"}]})
    doc = DOCUMENTS["invitation"].build(p, TODAY)
    text = render(doc, "texte")
    assert "jeudi 10 décembre 2026" in text and "18 h 30 - 20 h" in text and "Amicale" in text
    assert "Le 26 novembre 2026" in text  # the letter's own date, in words
    ordre = next(b for b in doc.blocs if isinstance(b, Liste))
    assert ordre.elements == ("Affiche", "Bénévoles du jour J",
                              "Choix de la date de la prochaine réunion")
    assert doc.en_tete[0] == "A — a@x.fr"
    assert "Pour A, la présidence" in text and "Pour B, la présidence" in text


def test_convention_names_each_association_its_insurance_and_what_it_brings():
    p = load(example_project_file())
    text = produire("convention", "texte", p, TODAY)
    for association in p.associations:
        assert association.nom in text
    assert "MAF-2024-55812" in text  # the porteur's contract
    # An association without insurance details shows the gap.
    assert "Cuisines et Cultures du Monde : compagnie : à compléter" in text
    assert "Barnums et glacières" in text  # brought by the Jardins
    assert "Article 5 – Assurances" in text


def test_planning_flags_late_tasks_and_keeps_the_update_date():
    p = load(example_project_file())
    text = produire("planning", "texte", p, TODAY)
    assert "en cours, en retard" in text
    assert "Mis à jour le" in text
    assert "en retard au 26/11/2026" in text


def test_budget_document_balance_and_unknown_accounts():
    p = Projet.model_validate({"budget": {"lignes": [
        {"compte": "60", "libelle": "Courses", "montant": "100.10"},
        {"compte": "74", "libelle": "Commune", "montant": "90"},
        {"compte": "99", "libelle": "Mystère", "montant": "5"},
    ]}})
    doc = DOCUMENTS["budget"].build(p, TODAY)
    text = render(doc, "texte")
    assert "il manque 10,10\u00a0€ de produits" in text
    assert "1 ligne est sur un compte que le formulaire ne connaît pas" in text
    grille, hors, _ = doc.tableaux()
    (total,) = [row for row in grille.lignes if row[0] == "TOTAL DES CHARGES PRÉVISIONNELLES"]
    assert (total[1].valeur, total[3].valeur) == (Decimal("100.10"), Decimal(90))
    assert hors.lignes == (("99", "Mystère", "", Decimal(5)),)  # kept, shown apart


def test_evaluation_shows_planned_and_measured():
    p = Projet.model_validate({"evaluation": {"indicateurs": [
        {"indicateur": "Convives", "cible": "150", "valeur_mesuree": "162",
         "nature": "quantitatif"}]}})
    doc = DOCUMENTS["evaluation"].build(p, TODAY)
    (tableau,) = doc.tableaux()
    assert tableau.entetes[-2:] == ("Cible", "Mesuré")
    assert tableau.lignes[0][-3:] == ("quantitatif", "150", "162")


# --- Property: whatever the text, HTML shows it as text and Markdown escapes it ------------


class _Collecte(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: set[str] = set()
        self.attrs: set[str] = set()
        self.text = ""

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        self.attrs |= {name for name, _ in attrs}

    def handle_data(self, data):
        self.text += data


ALLOWED_TAGS = {"html", "head", "meta", "title", "style", "body", "header", "h1", "h2", "h3",
                "p", "div", "span", "em", "strong", "ul", "li", "table", "caption", "thead",
                "tbody", "tr", "th", "td", "footer"}
TEXTE = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=80)


@settings(max_examples=150, deadline=None)
@given(TEXTE, TEXTE)
def test_html_never_lets_user_text_become_markup(a, b):
    doc = Document(titre=a, sous_titre=b, en_tete=(a,), blocs=(
        Paragraphe(a), Champ(a, b), Liste((a, b), a), Tableau((a,), ((b,),), ((a,),)),
        Coche("alerte", a, b, (a,)),
    ), pied=b)
    page = render(doc, "html")
    audit = _Collecte()
    audit.feed(page)
    assert audit.tags <= ALLOWED_TAGS
    assert audit.attrs <= {"lang", "charset", "name", "content", "class", "title", "style"}
    # Every character typed is there, as text (whitespace aside).
    visible = re.sub(r"\s", "", audit.text)
    for value in (a, b):
        assert re.sub(r"\s", "", html.unescape(html.escape(value))) in visible


@settings(max_examples=150, deadline=None)
@given(TEXTE)
def test_markdown_escapes_every_angle_bracket(a):
    text = render(Document(titre="T", blocs=(Paragraphe(a), Champ("L", a),
                                             Tableau(("H",), ((a,),)))), "markdown")
    assert not re.search(r"(?<!\\)<(?!br>)", text)


def test_planning_month_grid_like_the_guides_template():
    p = load(example_project_file())
    doc = DOCUMENTS["planning"].build(p, TODAY)
    grille = doc.tableaux()[-1]
    assert grille.entetes[:2] == ("Étapes et tâches", "Qui")
    assert "nov. 2026 ◄" in grille.entetes  # today's month
    lignes = {ligne[0]: ligne for ligne in grille.lignes}
    retard = lignes["– Demander le prêt des tables et chaises à la mairie (en retard)"]
    colonnes = [grille.entetes[i] for i, case in enumerate(retard) if case == "■"]
    assert colonnes == ["oct. 2026", "nov. 2026 ◄"]
    assert "Étape 1 : Conception du projet" in lignes


def test_planning_grid_is_left_out_without_dates():
    p = Projet.model_validate({"taches": [{"intitule": "Affiche"}]})
    assert len(DOCUMENTS["planning"].build(p, TODAY).tableaux()) == 1


def test_compte_rendu_has_exchanges_and_decisions():
    reunions = [dict(REUNIONS[1], echanges="La mairie tarde à répondre.",
                     ordre_du_jour="Tables\nAffiche")]
    p = Projet.model_validate({"reunions": reunions})
    text = produire("compte-rendu", "texte", p, TODAY)
    assert "Compte-rendu de réunion" in text and "Réunion du 20/11/2026" in text
    assert "La mairie tarde à répondre." in text and "Roland relance la mairie" in text
    assert "1er point : Tables" in text and "2e point : Affiche" in text


def _champs_par_point(doc) -> list[tuple[str, dict[str, str]]]:
    """(agenda point's heading, {label: value}) in the order of the document."""
    points: list[tuple[str, dict[str, str]]] = []
    for bloc in doc.blocs:
        if isinstance(bloc, Titre):
            points.append((bloc.texte, {}))
        elif isinstance(bloc, Champ) and points:
            points[-1][1][bloc.libelle] = bloc.valeur
    return points


def test_compte_rendu_per_agenda_point_exchanges_decision_and_who():
    reunion = {"date": "2026-11-20", "ordre_du_jour": "- Budget prévisionnel\n- Planning\n",
               "decisions": [
                   {"point": "Autre", "decision": "Rien", "responsable": "Luc"},
                   {"point": "Budget", "echanges": "Luc présente", "decision": "Validé",
                    "responsable": "Luc"}]}
    doc = DOCUMENTS["compte-rendu"].build(Projet.model_validate({"reunions": [reunion]}), TODAY)
    points = _champs_par_point(doc)
    assert [titre for titre, _ in points] == [
        "1er point\u00a0: Budget prévisionnel", "2e point\u00a0: Planning", "3e point\u00a0: Autre"]
    assert points[0][1] == {"Échanges": "Luc présente", "Décision prise": "Validé",
                            "Responsable ou référent": "Luc"}
    # A point nothing was recorded for is there to be filled in.
    assert set(points[1][1].values()) == {""}


def test_meeting_documents_are_dated_the_day_of_their_meeting():
    p = Projet.model_validate({"reunions": REUNIONS})
    for nom in ("releve", "compte-rendu"):
        doc = DOCUMENTS[nom].build(p, TODAY)
        date_champ = next(b for b in doc.blocs if isinstance(b, Champ) and b.libelle == "Date")
        assert date_champ.valeur == "20/11/2026"
        assert "20/11/2026" in doc.sous_titre and "26/11/2026" not in doc.sous_titre
    sans_date = Projet.model_validate({"reunions": [{"lieu": "Salle"}]})
    text = produire("releve", "texte", sans_date, TODAY)
    assert "Réunion du à compléter" in text and "Date : à compléter" in text


def test_invitation_never_invites_to_a_past_meeting():
    passees = [{"date": "2026-09-01", "lieu": "Vieille salle"},
               {"date": "2026-10-01", "lieu": "Vieille salle", "prochaine_reunion": "2026-10-15"}]
    text = produire("invitation", "texte", Projet.model_validate({"reunions": passees}), TODAY)
    assert "Date : à compléter" in text and "Lieu : à compléter" in text
    assert "Vieille salle" not in text and "01/10/2026" not in text and "15/10/2026" not in text


def test_invitation_to_the_next_meeting_recorded_at_the_last_one():
    reunions = [{"date": "2026-11-20", "lieu": "Salle", "prochaine_reunion": "2026-12-03"}]
    text = produire("invitation", "texte", Projet.model_validate({"reunions": reunions}), TODAY)
    assert "Date : jeudi 3 décembre 2026" in text and "Lieu : à compléter" in text
