"""Issue 12: a changed amount in the budget's xlsx updates its subtotals, totals and
balance sentence, as LibreOffice computes them (skipped where it is not installed)."""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import date
from decimal import Decimal

import openpyxl
import pytest

from coopwizard.documents import produire
from coopwizard.models import Projet
from coopwizard.paths import example_project_file
from coopwizard.store import load

TODAY = date(2026, 11, 26)
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
pytestmark = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice n'est pas installé")


def _ligne(ws, libelle: str, colonne: int = 1) -> int:
    for cell in ws[openpyxl.utils.get_column_letter(colonne)]:
        if cell.value == libelle:
            return cell.row
    raise AssertionError(libelle)


def _phrase(ws) -> str:
    return next(str(c.value) for c in ws["A"] if str(c.value).startswith(("Le budget", "Résultat")))


@pytest.fixture(scope="module")
def recalcules(tmp_path_factory):
    """Three spreadsheets edited as a user would (one amount typed), then opened,
    computed and saved again by LibreOffice; read back with the computed values."""
    dossier = tmp_path_factory.mktemp("lo")
    exemple = load(example_project_file())
    for ligne in exemple.budget.lignes:
        if ligne.compte == "74-commune":
            ligne.realise = Decimal("600")
    cas = {
        "budget": (produire("budget", "xlsx", exemple, TODAY),
                   "Locations\u00a0: Location d'une sonorisation", 1, 2, 320),
        "vide": (produire("budget", "xlsx", Projet(), TODAY), "Commune(s)", 3, 4, 500),
        "crf": (produire("compte-rendu-financier", "xlsx", exemple, TODAY),
                "Locations\u00a0: Location d'une sonorisation", 1, 3, 250),
    }
    chemins = []
    for nom, (data, libelle, colonne_libelle, colonne, valeur) in cas.items():
        source = dossier / f"{nom}-source.xlsx"
        source.write_bytes(data)
        wb = openpyxl.load_workbook(source)
        ws = wb.active
        ws.cell(_ligne(ws, libelle, colonne_libelle), colonne).value = valeur
        chemin = dossier / f"{nom}.xlsx"
        wb.save(chemin)
        chemins.append(str(chemin))
    sortie = dossier / "calcule"
    subprocess.run(
        [SOFFICE, "--headless", f"-env:UserInstallation=file://{dossier}/profil",
         "--convert-to", "xlsx", "--outdir", str(sortie), *chemins],
        check=True, capture_output=True, timeout=180,
    )
    return {nom: openpyxl.load_workbook(sortie / f"{nom}.xlsx", data_only=True).active
            for nom in cas}


def test_a_changed_charge_updates_its_chapter_the_totals_and_the_sentence(recalcules):
    ws = recalcules["budget"]
    assert ws.cell(_ligne(ws, "61 – Services extérieurs"), 2).value == 405
    assert ws.cell(_ligne(ws, "TOTAL DES CHARGES PRÉVISIONNELLES"), 2).value == 1200
    assert ws.cell(_ligne(ws, "TOTAL DES CHARGES"), 2).value == 3300
    assert ws.cell(_ligne(ws, "TOTAL DES PRODUITS PRÉVISIONNELS", 3), 4).value == 1100
    phrase = _phrase(ws)
    assert "n'est pas équilibré" in phrase and "de produits" in phrase
    assert re.search(r"100[.,]00\u00a0€", phrase), phrase


def test_the_empty_grid_filled_by_hand_computes(recalcules):
    ws = recalcules["vide"]
    assert ws.cell(_ligne(ws, "74 – Subventions d'exploitation", 3), 4).value == 500
    assert ws.cell(_ligne(ws, "TOTAL DES PRODUITS", 3), 4).value == 500
    assert ws.cell(_ligne(ws, "TOTAL DES CHARGES"), 2).value == 0
    phrase = _phrase(ws)
    assert "de charges" in phrase and re.search(r"500[.,]00\u00a0€", phrase), phrase


def test_a_changed_actual_amount_updates_the_gap_and_the_result(recalcules):
    ws = recalcules["crf"]
    ligne = _ligne(ws, "61 – Services extérieurs")
    assert [ws.cell(ligne, c).value for c in (2, 3, 4)] == [305, 250, -55]
    total = _ligne(ws, "Total des charges (60 à 68)")
    assert ws.cell(total, 3).value == 250
    # Réalisé: 600 € received, 250 € spent.
    assert "excédent" in _phrase(ws) and re.search(r"350[.,]00", _phrase(ws)), _phrase(ws)
