"""The budget prévisionnel and the compte rendu financier, in the layout of the
associations' standard forms (CERFA 12156 and 15059, the guide's annex 1).

Every chapter and rubrique of the form is printed, even empty, so the document
can be completed by hand; every subtotal and total is a `Somme` (a formula in
the spreadsheet) and the balance sentences are `PhraseCalculee`. Internal codes
such as `74-commune` are never printed: rubriques show their label only.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from itertools import zip_longest

from coopwizard.budget import (
    ZERO,
    Rangee,
    apports_par_association,
    grille,
    montant,
    realise,
    totals,
)
from coopwizard.documents.arbre import (
    Bloc,
    Cellule,
    Champ,
    Document,
    Paragraphe,
    PhraseCalculee,
    Signatures,
    Solde,
    Somme,
    Tableau,
)
from coopwizard.documents.fiche import nom_projet, noms_associations, pied
from coopwizard.documents.libelles import section
from coopwizard.documents.valeurs import A_COMPLETER, date_fr, euros
from coopwizard.models import LigneBudget, Projet

Valeur = Callable[[LigneBudget], Decimal]


Saisi = Callable[[LigneBudget], bool]
"""Whether a line has the amount asked for (a blank is not a 0)."""
PREVU_SAISI: Saisi = lambda ligne: ligne.montant is not None  # noqa: E731
REALISE_SAISI: Saisi = lambda ligne: ligne.realise is not None  # noqa: E731


def _montant_de(rangee: Rangee, valeur: Valeur, saisi: Saisi) -> Decimal | None:
    """A leaf row's amount; None (a blank to fill) when no line of it has one."""
    if not any(saisi(ligne) for ligne in rangee.lignes):
        return None
    return sum((valeur(ligne) for ligne in rangee.lignes), ZERO)


def _colonne(rangees: list[Rangee], debut: int, colonne: int, valeur: Valeur,
             saisi: Saisi) -> tuple[list[Cellule], list[int]]:
    """One amount column for `rangees` placed from table row `debut`: leaf rows
    hold their amount, chapter rows a Somme of their rows. Returns the cells and
    the table rows of the chapters (what a total adds up)."""
    cellules: list[Cellule] = []
    chapitres: list[int] = []
    for index, rangee in enumerate(rangees):
        if rangee.chapitre and rangee.detail:
            valeurs = [_montant_de(rangees[i], valeur, saisi) for i in rangee.detail]
            cellules.append(Somme(sum((v for v in valeurs if v is not None), ZERO),
                                  tuple((debut + i, colonne) for i in rangee.detail)))
        else:
            cellules.append(_montant_de(rangee, valeur, saisi))
        if rangee.chapitre:
            chapitres.append(debut + index)
    return cellules, chapitres


def _valeur(cellule: Cellule) -> Decimal:
    if isinstance(cellule, Somme):
        return cellule.valeur
    return cellule if isinstance(cellule, Decimal) else ZERO


def _total(cellules: dict[int, Cellule], rangs: list[int], colonne: int) -> Somme:
    return Somme(sum((_valeur(cellules[r]) for r in rangs), ZERO),
                 tuple((r, colonne) for r in rangs))


def _solde(w: dict, gauche: tuple[int, int], droite: tuple[int, int], a: Decimal, b: Decimal,
           egal: str, plus: str, moins: str, vide: str, alerte: bool = True) -> PhraseCalculee:
    """The balance sentence, in words now and as a formula in the spreadsheet."""
    if not a and not b:
        texte = w[vide].format(montant=euros(a))
    elif a == b:
        texte = w[egal].format(montant=euros(a))
    else:
        texte = w[plus if a > b else moins].format(ecart=euros(abs(a - b)), montant=euros(a))
    style = "alerte" if alerte and a != b else "normal"
    return PhraseCalculee(texte, style, Solde(gauche, droite, w[egal], w[plus], w[moins], w[vide]))


def _exercice(projet: Projet, w: dict) -> Paragraphe:
    budget = projet.budget
    return Paragraphe(w["exercice"].format(debut=date_fr(budget.exercice_debut) or A_COMPLETER,
                                           fin=date_fr(budget.exercice_fin) or A_COMPLETER), "note")


def _hors_formulaire(projet: Projet) -> list[Bloc]:
    """Lines on an account the form does not know: shown apart, never lost."""
    w = section("budget")
    t = totals(projet.budget)
    if not t.hors_formulaire:
        return []
    lignes = [projet.budget.lignes[i] for i in t.hors_formulaire]
    return [
        Paragraphe(w["hors_formulaire" if len(lignes) > 1 else "hors_formulaire_une"].format(
            n=len(lignes)), "alerte"),
        Tableau(tuple(w["hors_entetes"]),
                tuple((ligne.compte, ligne.libelle, ligne.association, ligne.montant)
                      for ligne in lignes)),
    ]


def _rangee_forte(rang: int) -> set[tuple[int, int]]:
    return {(rang, colonne) for colonne in range(4)}


def tableau_cerfa(projet: Projet) -> Tableau:
    """Charges and produits side by side, as the form: chapters 60-68 | 70-79,
    the totals, then 86 | 87 and the grand totals including them."""
    w = section("budget")
    lignes = projet.budget.lignes

    def bloc(cote_g: str, cote_d: str, debut: int):
        gauche, droite = grille(lignes, cote_g), grille(lignes, cote_d)  # type: ignore[arg-type]
        cg, chap_g = _colonne(gauche, debut, 1, montant, PREVU_SAISI)
        cd, chap_d = _colonne(droite, debut, 3, montant, PREVU_SAISI)
        rows, fortes = [], set()
        for index, (rg, vg, rd, vd) in enumerate(zip_longest(gauche, cg, droite, cd)):
            rows.append((rg.libelle if rg else "", vg, rd.libelle if rd else "", vd))
            if rg and rg.chapitre:
                fortes |= {(debut + index, 0), (debut + index, 1)}
            if rd and rd.chapitre:
                fortes |= {(debut + index, 2), (debut + index, 3)}
        return rows, fortes, chap_g, chap_d

    rows, fortes, chap_c, chap_p = bloc("charges", "produits", 0)
    cellules = {r: c for r, c in enumerate(row[1] for row in rows)}
    cellules_p = {r: c for r, c in enumerate(row[3] for row in rows)}
    total_c, total_p = _total(cellules, chap_c, 1), _total(cellules_p, chap_p, 3)
    rang_total = len(rows)
    rows.append((w["total_charges"], total_c, w["total_produits"], total_p))
    fortes |= _rangee_forte(rang_total)
    nature, fortes_n, chap_86, chap_87 = bloc("emplois_nature", "contributions_nature", len(rows))
    rows += nature
    fortes |= fortes_n
    n86 = next(row[1] for r, row in enumerate(rows) if r == chap_86[0])
    n87 = next(row[3] for r, row in enumerate(rows) if r == chap_87[0])
    rows.append((
        w["total_general_charges"],
        Somme(total_c.valeur + _valeur(n86), ((rang_total, 1), (chap_86[0], 1))),
        w["total_general_produits"],
        Somme(total_p.valeur + _valeur(n87), ((rang_total, 3), (chap_87[0], 3))),
    ))
    fortes |= _rangee_forte(len(rows) - 1)
    return Tableau(tuple(w["entetes"]), tuple(rows), colonnes_sommees=(1, 3),
                   fortes=frozenset(fortes))


def tableau_apports(projet: Projet) -> Tableau:
    """What each association brings: every partner of the project (even with
    nothing yet), then the other names lines give (a town hall, « les trois »)."""
    w = section("budget")
    apports = apports_par_association(projet.budget)
    noms = list(noms_associations(projet))
    noms += [n for n in apports if n not in noms]
    rows = []
    for nom in noms:
        a = apports.get(nom)
        rows.append((nom or w["sans_association"], a.charges if a else ZERO,
                     a.produits if a else ZERO, a.nature if a else ZERO))
    somme = lambda i: sum((r[i] for r in rows), ZERO)  # noqa: E731
    return Tableau(tuple(w["apports_entetes"]), tuple(rows),
                   totaux=((w["total"], somme(1), somme(2), somme(3)),),
                   colonnes_sommees=(1, 2, 3), titre=w["apports"], vide=w["apports_vide"])


def build_budget(projet: Projet, today: date, guide=None) -> Document:
    w = section("budget")
    tableau = tableau_cerfa(projet)
    total = tableau.lignes.index(next(r for r in tableau.lignes if r[0] == w["total_charges"]))
    charges, produits = tableau.lignes[total][1], tableau.lignes[total][3]
    blocs: list[Bloc] = [
        _exercice(projet, w),
        Paragraphe(w["consigne"], "note"),
        tableau,
        _solde(w, (total, 1), (total, 3), charges.valeur, produits.valeur,  # type: ignore[union-attr]
               "equilibre", "desequilibre_produits", "desequilibre_charges", "vide"),
    ]
    t = totals(projet.budget)
    if t.emplois_nature != t.contributions_nature:
        blocs.append(Paragraphe(w["nature_desequilibre"].format(
            emplois=euros(t.emplois_nature), contributions=euros(t.contributions_nature)
        ), "alerte"))
    blocs += _hors_formulaire(projet)
    blocs.append(tableau_apports(projet))
    return Document(w["titre"], nom_projet(projet), noms_associations(projet), tuple(blocs),
                    pied(today))


def _section_crf(lignes, cote: str, nature: str, debut: int, w: dict):
    """Rows of one side of the compte rendu: chapters of `cote`, their total,
    the contributions in nature, the grand total. Columns: prévu, réalisé, écart."""
    rows: list[tuple] = [(w[cote], None, None, None)]
    fortes = _rangee_forte(debut)

    def ajouter(rangees: list[Rangee]) -> list[int]:
        depart = debut + len(rows)
        prevus, chap = _colonne(rangees, depart, 1, montant, PREVU_SAISI)
        realises, _ = _colonne(rangees, depart, 2, realise, REALISE_SAISI)
        for index, (rangee, p, r) in enumerate(zip(rangees, prevus, realises)):
            rang = depart + index
            ecart = Somme(_valeur(r) - _valeur(p), ((rang, 2),), ((rang, 1),),
                          masquer_zero=not (rangee.chapitre and rangee.detail))
            rows.append((rangee.libelle, p, r, ecart))
            if rangee.chapitre:
                fortes.update(_rangee_forte(rang))
        return chap

    def total(libelle: str, rangs: list[int]) -> int:
        rang = debut + len(rows)
        cells = {r: rows[r - debut] for r in rangs}
        p = Somme(sum((_valeur(c[1]) for c in cells.values()), ZERO), tuple((r, 1) for r in rangs))
        r_ = Somme(sum((_valeur(c[2]) for c in cells.values()), ZERO), tuple((r, 2) for r in rangs))
        rows.append((libelle, p, r_, Somme(r_.valeur - p.valeur, ((rang, 2),), ((rang, 1),))))
        fortes.update(_rangee_forte(rang))
        return rang

    chapitres = ajouter(grille(lignes, cote))  # type: ignore[arg-type]
    rang_total = total(w[f"total_{cote}"], chapitres)
    chap_nature = ajouter(grille(lignes, nature))  # type: ignore[arg-type]
    total(w[f"total_general_{cote}"], [rang_total, *chap_nature])
    return rows, fortes, rang_total


def build_compte_rendu_financier(projet: Projet, today: date, guide=None) -> Document:
    w = section("compte_rendu_financier")
    lignes = projet.budget.lignes
    charges, fortes_c, total_c = _section_crf(lignes, "charges", "emplois_nature", 0, w)
    produits, fortes_p, total_p = _section_crf(lignes, "produits", "contributions_nature",
                                               len(charges), w)
    rows = charges + produits
    tableau = Tableau(tuple(w["entetes"]), tuple(rows), colonnes_sommees=(1, 2, 3),
                      fortes=frozenset(fortes_c | fortes_p))
    realise_c, realise_p = rows[total_c][2].valeur, rows[total_p][2].valeur
    blocs: list[Bloc] = [
        _exercice(projet, section("budget")),
        Paragraphe(w["intro"], "note"),
        tableau,
        _solde(w, (total_p, 2), (total_c, 2), realise_p, realise_c,
               "equilibre", "excedent", "deficit", "vide", alerte=False),
    ]
    sans_realise = sum(1 for ligne in lignes if ligne.montant is not None and ligne.realise is None)
    if sans_realise and any(ligne.realise is not None for ligne in lignes):
        cle = "non_renseigne" if sans_realise > 1 else "non_renseigne_une"
        blocs.append(Paragraphe(w[cle].format(n=sans_realise), "note"))
    blocs += _hors_formulaire(projet)
    blocs += [
        Champ(w["ecarts"], "", w["ecarts_aide"]),
        Paragraphe(w["attestation"]),
        Signatures(tuple(w["signature"].format(association=n) for n in noms_associations(projet))),
    ]
    return Document(w["titre"], nom_projet(projet), noms_associations(projet), tuple(blocs),
                    pied(today))
