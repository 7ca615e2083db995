"""Issue 12: the budget prévisionnel in the CERFA 12156 layout and the compte rendu
financier (CERFA 15059), in every format; the xlsx computes with formulas."""

from __future__ import annotations

import io
import re
import zipfile
from datetime import date
from decimal import Decimal

import docx
import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coopwizard.budget import formulaire, totals
from coopwizard.documents import DOCUMENTS, produire
from coopwizard.documents.arbre import Somme
from coopwizard.documents.valeurs import texte
from coopwizard.models import LigneBudget, Projet
from coopwizard.paths import example_project_file
from coopwizard.store import load
from tests.formules import formule_de_l_app

TODAY = date(2026, 11, 26)
NOMS = ("budget", "compte-rendu-financier")


def texte_de(data: str | bytes, fmt: str) -> str:
    """Everything a reader sees in one output, as plain text."""
    if fmt == "docx":
        document = docx.Document(io.BytesIO(data))
        parts = [p.text for p in document.paragraphs]
        parts += [c.text for t in document.tables for row in t.rows for c in row.cells]
        return "\n".join(parts)
    if fmt == "xlsx":
        ws = openpyxl.load_workbook(io.BytesIO(data)).active
        return "\n".join(str(c.value) for row in ws.iter_rows() for c in row
                         if c.value is not None and c.data_type != "f")
    return data  # type: ignore[return-value]


def _sheet(data: bytes):
    return openpyxl.load_workbook(io.BytesIO(data)).active


def _cellule(ws, libelle: str, colonne: int = 1):
    """The cell right of the label `libelle` (searched in column `colonne`)."""
    for row in ws.iter_rows():
        cell = row[colonne - 1]
        if cell.value == libelle:
            return ws.cell(cell.row, cell.column + 1)
    raise AssertionError(f"{libelle!r} n'est pas dans la feuille")


@pytest.fixture(scope="module")
def exemple() -> Projet:
    return load(example_project_file())


@pytest.mark.parametrize("nom", NOMS)
@pytest.mark.parametrize("fmt", DOCUMENTS["budget"].formats)
def test_empty_project_gives_every_chapter_and_rubrique_to_fill_in(nom, fmt):
    out = texte_de(produire(nom, fmt, Projet(), TODAY), fmt)
    if fmt == "html":
        import html

        out = html.unescape(out)
    for poste in formulaire().postes:
        attendu = poste.titre if poste.est_compte else poste.libelle
        assert attendu in out, (fmt, attendu)
    assert "TOTAL DES CHARGES" in out and "TOTAL DES PRODUITS" in out
    assert "à compléter" in out  # the dates of the exercice, the balance


@pytest.mark.parametrize("nom", NOMS)
@pytest.mark.parametrize("fmt", DOCUMENTS["budget"].formats)
def test_no_internal_code_is_ever_printed(nom, fmt):
    codes = [p.code for p in formulaire().postes if not p.code.isdigit()]
    assert "74-commune" in codes
    projet = Projet(budget={"lignes": [
        LigneBudget(compte=code, montant="10", realise="9", association="Asso")
        for code in codes]})
    out = texte_de(produire(nom, fmt, projet, TODAY), fmt)
    for code in codes:
        assert code not in out, (fmt, code)
    assert "Commune(s)" in out
    if fmt == "xlsx":  # not in a formula or a hidden cell either
        with zipfile.ZipFile(io.BytesIO(produire(nom, fmt, projet, TODAY))) as archive:
            xml = "".join(archive.read(n).decode() for n in archive.namelist()
                          if n.endswith(".xml"))
        assert not re.search(r"74-[a-z]", xml)


def test_the_grid_details_funders_and_sums_each_chapter(exemple):
    tableau = DOCUMENTS["budget"].build(exemple, TODAY).tableaux()[0]
    assert tableau.entetes == ("Charges", "Montant", "Produits", "Montant")
    lignes = {row[2]: row[3] for row in tableau.lignes if row[2]}
    assert lignes["Commune(s)\u00a0: Subvention de la commune (demandée)"] == Decimal("700")
    assert lignes["Région(s)"] is None  # a blank to fill in, not 0
    chapitre = lignes["74 – Subventions d'exploitation"]
    assert isinstance(chapitre, Somme) and chapitre.valeur == Decimal("700")
    totaux = {row[0]: row[1] for row in tableau.lignes}
    assert totaux["TOTAL DES CHARGES PRÉVISIONNELLES"].valeur == Decimal("1100")
    assert totaux["TOTAL DES CHARGES"].valeur == Decimal("3200")  # 86 included
    # Bold per cell: a chapter of one side does not make the other side's rubrique bold.
    rang = next(i for i, row in enumerate(tableau.lignes) if row[2].startswith("74 –"))
    assert (rang, 2) in tableau.fortes and (rang, 0) not in tableau.fortes


def test_each_partner_association_has_its_contribution(exemple):
    document = DOCUMENTS["budget"].build(exemple, TODAY)
    apports = next(t for t in document.tableaux() if t.titre == "Apport de chaque association")
    par_nom = {row[0]: row[1:] for row in apports.lignes}
    for association in exemple.associations:
        assert association.nom in par_nom
    assert par_nom["Les Jardins partagés des Lilas"] == (
        Decimal("265.50"), Decimal("700"), Decimal("0"))
    assert par_nom["Mairie"][2] == Decimal("300")
    assert apports.totaux[0][1:] == (Decimal("1100"), Decimal("1100"), Decimal("2100"))


def test_xlsx_subtotals_totals_and_balance_are_formulas_on_the_right_cells(exemple):
    ws = _sheet(produire("budget", "xlsx", exemple, TODAY))
    achats = _cellule(ws, "60 – Achats")
    first, last = achats.row + 1, achats.row + 5  # its five rubriques
    assert achats.value == f"=SUM(B{first}:B{last})"
    assert ws.cell(last, 1).value == "Autres fournitures"
    assert ws.cell(last + 1, 1).value == "61 – Services extérieurs"
    total = _cellule(ws, "TOTAL DES CHARGES PRÉVISIONNELLES")
    chapitres = [c.row for c in ws["A"] if isinstance(c.value, str)
                 and re.match(r"6\d – ", c.value)]
    assert len(chapitres) == 9
    assert sorted(_lignes_sommees(total.value)) == chapitres
    general = _cellule(ws, "TOTAL DES CHARGES")
    n86 = _cellule(ws, "86 – Emplois des contributions volontaires en nature")
    assert _lignes_sommees(general.value) == [total.row, n86.row]
    produits = _cellule(ws, "TOTAL DES PRODUITS PRÉVISIONNELS", colonne=3)
    phrase = next(c for c in ws["A"] if str(c.value).startswith("=IF("))
    assert f"B{total.row}" in phrase.value and f"D{produits.row}" in phrase.value
    assert "équilibré" in phrase.value
    for row in ws.iter_rows():
        for cell in row:
            if cell.data_type == "f":
                assert formule_de_l_app(cell.value), cell.value
    empty = _sheet(produire("budget", "xlsx", Projet(), TODAY))
    assert _cellule(empty, "60 – Achats").value.startswith("=SUM(")
    assert _cellule(empty, "Locations").number_format.endswith("[$€-40C]")  # typed = euros


def _lignes_sommees(formule: str) -> list[int]:
    """The rows a =SUM(B12,B18,B38:B41) adds up."""
    rows = []
    for debut, fin in re.findall(r"[A-Z]+(\d+)(?::[A-Z]+(\d+))?", formule):
        rows += range(int(debut), int(fin or debut) + 1)
    return rows


def _avec_realise(projet: Projet) -> Projet:
    projet = projet.model_copy(deep=True)
    for ligne in projet.budget.lignes:
        if ligne.compte == "74-commune":
            ligne.realise = Decimal("600")
        elif ligne.compte == "613":
            ligne.realise = Decimal("250")
    return projet


def test_compte_rendu_financier_gives_planned_actual_and_gap_per_chapter(exemple):
    document = DOCUMENTS["compte-rendu-financier"].build(_avec_realise(exemple), TODAY)
    (tableau,) = document.tableaux()
    assert tableau.entetes == ("Rubrique", "Prévu", "Réalisé", "Écart")
    rows = {row[0]: row[1:] for row in tableau.lignes}
    prevu, reel, ecart = rows["74 – Subventions d'exploitation"]
    assert (prevu.valeur, reel.valeur, ecart.valeur) == (700, 600, -100)
    prevu, reel, ecart = rows["61 – Services extérieurs"]
    assert (prevu.valeur, reel.valeur, ecart.valeur) == (305, 250, -55)
    prevu, reel, ecart = rows["Région(s)"]
    assert prevu is None and reel is None and ecart.masquer_zero and texte(ecart) == ""
    textes = [b.texte for b in document.blocs if hasattr(b, "texte")]
    # Réalisé: 250 € spent (613), 600 € received (74): an excédent of 350 €.
    assert any("excédent de 350,00\u00a0€" in t for t in textes)
    assert any("10 lignes du budget n'ont pas encore de montant réalisé" in t for t in textes)


def test_compte_rendu_financier_xlsx_gap_is_actual_minus_planned(exemple):
    ws = _sheet(produire("compte-rendu-financier", "xlsx", _avec_realise(exemple), TODAY))
    subventions = _cellule(ws, "74 – Subventions d'exploitation")
    r = subventions.row
    assert subventions.value.startswith("=SUM(B")
    assert ws.cell(r, 3).value.startswith("=SUM(C")
    assert ws.cell(r, 4).value == f"=C{r}-B{r}"
    commune = _cellule(ws, "Commune(s)\u00a0: Subvention de la commune (demandée)")
    assert (commune.value, ws.cell(commune.row, 3).value) == (700, 600)
    assert ws.cell(commune.row, 4).number_format.endswith(';""')  # no 0,00 € on blank rubriques
    phrase = next(c for c in ws["A"] if str(c.value).startswith("=IF("))
    assert "excédent" in phrase.value and "déficit" in phrase.value


def test_the_evaluation_bilan_gives_the_financial_result_beside_the_qualitative_one(exemple):
    def mots(texte: str) -> str:  # the texte format wraps at 80 columns (no-break spaces kept)
        return texte.replace("\n", " ")

    avant = mots(produire("evaluation", "texte", exemple, TODAY))
    assert "Bilan financier" in avant and "montant réellement dépensé ou reçu" in avant
    apres = mots(produire("evaluation", "texte", _avec_realise(exemple), TODAY))
    assert "Réalisé\u00a0: charges 250,00\u00a0€, produits 600,00\u00a0€" in apres
    assert "prévu\u00a0: charges 1\u202f100,00\u00a0€" in apres


def test_cli_writes_the_compte_rendu_financier_in_every_file_format(tmp_path):
    import os
    import subprocess
    import sys

    projet = tmp_path / "projet.toml"
    projet.write_text('nom = "Fête"\n[[budget.lignes]]\ncompte = "74-commune"\n'
                      'montant = "700"\nrealise = "650"\n', encoding="utf-8")
    env = {**os.environ, "COOPWIZARD_AUJOURDHUI": "2026-11-26"}
    for suffixe in (".xlsx", ".docx", ".html", ".md", ".txt"):
        sortie = tmp_path / f"crf{suffixe}"
        result = subprocess.run(
            [sys.executable, "-m", "coopwizard", "export", str(projet),
             "compte-rendu-financier", "-o", str(sortie)],
            capture_output=True, env=env, timeout=60, check=False)
        assert result.returncode == 0, result.stderr
        assert "Compte rendu financier" in result.stderr.decode()
        fmt = {".md": "markdown", ".txt": "texte"}.get(suffixe, suffixe[1:])
        data = sortie.read_bytes() if fmt in ("xlsx", "docx") else sortie.read_text("utf-8")
        out = texte_de(data, fmt)
        assert "74-commune" not in out and "Commune(s)" in out
        if fmt != "xlsx":  # the spreadsheet holds formulas, computed when opened
            assert "-50,00\u00a0€" in out  # the écart, réalisé minus prévu


_codes = st.sampled_from([p.code for p in formulaire().postes] + ["6064", "99", "74-inconnu"])
_montants = st.one_of(st.none(), st.decimals(min_value=-10**6, max_value=10**6, places=2,
                                             allow_nan=False, allow_infinity=False))


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(_codes, _montants, _montants), max_size=25))
def test_every_printed_sum_is_what_its_formula_computes(lignes):
    # The number a text format prints and the formula the spreadsheet writes never disagree.
    projet = Projet(budget={"lignes": [
        LigneBudget(compte=c, montant=m, realise=r) for c, m, r in lignes]})
    for nom in NOMS:
        (tableau, *_) = DOCUMENTS[nom].build(projet, TODAY).tableaux()

        def valeur(i: int, j: int) -> Decimal:
            v = tableau.lignes[i][j]
            return v.valeur if isinstance(v, Somme) else (v or Decimal(0))

        for row in tableau.lignes:
            for cell in row:
                if isinstance(cell, Somme):
                    attendu = sum((valeur(*c) for c in cell.termes), Decimal(0)) - sum(
                        (valeur(*c) for c in cell.moins), Decimal(0))
                    assert cell.valeur == attendu
    t = totals(projet.budget)
    cerfa = DOCUMENTS["budget"].build(projet, TODAY).tableaux()[0]
    final = cerfa.lignes[-1]
    assert (final[1].valeur, final[3].valeur) == (t.total_charges, t.total_produits)
