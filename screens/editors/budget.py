"""The budget prévisionnel: lines on the accounts of the standard form, grouped
by account, with live totals and the balance check (charges = produits, 86 = 87)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pydantic import BaseModel
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual.binding import Binding

from coopwizard.budget import (
    apports_par_association,
    balance_problems,
    format_euros,
    formulaire,
    totals,
)
from coopwizard.models import Budget, LigneBudget
from coopwizard.store.journal import draft_key
from screens.editors.base import RecordEditor
from screens.editors.form import RecordForm

ALERTE = "bold dark_orange"


def options_comptes() -> list[tuple[str, str]]:
    """The form's accounts and sub-lines, as Select options."""
    return [
        (p.titre if p.est_compte else f"   {p.titre}", p.code) for p in formulaire().postes
    ]


def panneau_totaux(lignes: Sequence[LigneBudget]) -> Group:
    """Totals of the four sides and the balance, as the form's bottom lines."""
    t = totals(lignes)
    # Narrow enough for 80 columns (beside the sidebar): the table under it stays visible.
    grid = Table.grid(padding=(0, 2))
    grid.add_column()
    grid.add_column(justify="right")
    grid.add_column(justify="right")
    grid.add_row("", Text("Charges", style="bold"), Text("Produits", style="bold"))
    grid.add_row("Comptes 60 à 68 / 70 à 79", format_euros(t.charges), format_euros(t.produits))
    grid.add_row("En nature 86 / 87", format_euros(t.emplois_nature),
                 format_euros(t.contributions_nature))
    grid.add_row(
        Text("Total", style="bold"),
        Text(format_euros(t.total_charges), style="bold"),
        Text(format_euros(t.total_produits), style="bold"),
    )
    problems = balance_problems(lignes)
    lines: list[RenderableType] = [grid]
    for message in problems:
        lines.append(Text(f"⚠ {message[0].upper()}{message[1:]}", style=ALERTE))
    if lignes and not problems:
        lines.append(Text("✓ Budget équilibré", style="bold green"))
    return Group(*lines)


def ligne_realise(lignes: Sequence[LigneBudget]) -> Text | None:
    """Once amounts actually spent or received are filled in (évaluation finale):
    the réalisé totals, as the compte rendu financier will print them."""
    if not any(ligne.realise is not None for ligne in lignes):
        return None
    t = totals([ligne.model_copy(update={"montant": ligne.realise}) for ligne in lignes])
    return Text(f"Réalisé\u00a0: charges {format_euros(t.charges)} · produits "
                f"{format_euros(t.produits)} · en nature {format_euros(t.contributions_nature)}"
                " (le compte rendu financier compare prévu et réalisé)", style="dim")


def probleme_ligne(ligne: LigneBudget) -> list[tuple[str, str]]:
    """A line the totals cannot place: no account, or one the standard form does not have."""
    compte = ligne.compte.strip()
    if not compte:
        return [("compte", ("choisissez le compte de cette ligne (60 à 68, 70 à 79, 86 ou 87) : "
                            "sans lui, elle n'entre dans aucun total"))]
    if formulaire().compte_de(compte) is None:
        return [("compte", f"le compte « {compte} » ne figure pas dans le budget type")]
    return []


def _ordre(code: str) -> int:
    postes = formulaire().postes
    poste = formulaire().poste(code) or formulaire().compte_de(code)
    return postes.index(poste) if poste is not None else len(postes)


class BudgetEditor(RecordEditor):
    champ = "budget.lignes"
    model = LigneBudget
    colonnes = [
        ("compte", "Compte"),
        ("libelle", "Libellé"),
        ("montant", "Montant"),
        ("association", "Apporté par"),
    ]
    largeurs = {"compte": 14, "montant": 11, "association": 16}
    souple = "libelle"
    aide = RecordEditor.aide + " · d : dates de l'exercice"
    BINDINGS = [Binding("d", "exercice", "Exercice", id="editeur.exercice")]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._rangs: dict[str, int] = {}

    def cellules(self, record: LigneBudget, index: int):
        form = formulaire()
        poste = form.poste(record.compte)
        compte = form.compte_de(record.compte)
        if compte is None:
            label = Text(f"{record.compte.strip() or '?'} ⚠ à choisir", style=ALERTE)
        else:
            prefix = "" if poste is not None and poste.est_compte else " "
            # A funder's line shows its account (« 74 – Commune(s) »), never its code.
            titre = (poste.titre if poste is not None
                     else f"{record.compte.strip()} – {compte.libelle}")
            label = Text(f"{prefix}{titre}")
        # The label no longer holds a funder's code: its rank sorts the table.
        self._rangs[label.plain] = _ordre(record.compte)
        montant = Text(format_euros(record.montant), justify="right")
        return (label, record.libelle, montant, record.association)

    def detail(self, record: LigneBudget) -> Text:
        form = formulaire()
        poste = form.poste(record.compte) or form.compte_de(record.compte)
        parts = [poste.titre if poste is not None else "",
                 record.libelle.strip(), format_euros(record.montant)]
        if record.realise is not None:  # no column at 80×24: the detail line says it
            parts.append(f"réalisé {format_euros(record.realise)}")
        if record.association.strip():
            parts.append(f"apporté par {record.association.strip()}")
        return Text(" · ".join(p for p in parts if p))

    def problemes(self, record: LigneBudget) -> list[str]:
        return [message for _, message in probleme_ligne(record)]

    def form_options(self, record: BaseModel | None) -> dict[str, Any]:
        noms = [a.nom for a in self.projet.associations if a.nom.strip()]

        def preview(draft: BaseModel | None):
            if draft is None:
                return Text("Montant non reconnu : les totaux attendent un nombre.", style=ALERTE)
            lignes = [draft if r is record else r for r in self.records]
            if record is None:
                lignes.append(draft)
            return panneau_totaux(lignes)

        return {
            "verifier": lambda draft: probleme_ligne(draft) if draft is not None else [],
            "options": {"compte": options_comptes()},
            "suggestions": {"association": noms},
            "preview": preview,
        }

    def resume(self):
        budget = self.projet.budget
        debut, fin = budget.exercice_debut, budget.exercice_fin
        exercice = Text("Exercice : ")
        exercice.append(f"du {debut:%d/%m/%Y}" if debut else "début à préciser")
        exercice.append(f" au {fin:%d/%m/%Y}" if fin else ", fin à préciser")
        apports = [
            f"{nom} {format_euros(a.produits + a.nature)}"
            for nom, a in apports_par_association(self.records).items()
            if nom and (a.produits or a.nature)
        ]
        parts: list[RenderableType] = [exercice, panneau_totaux(self.records)]
        reel = ligne_realise(self.records)
        if reel is not None:
            parts.append(reel)
        if apports:
            parts.append(Text("Apports (produits et nature) : " + " · ".join(apports), style="dim",
                              no_wrap=True, overflow="ellipsis"))
        return Group(*parts)

    def alertes(self) -> list[str]:
        return []  # the balance shows in the totals panel, unknown accounts in the rows

    def _trier(self) -> None:
        self.table.sort("compte", key=lambda cell: self._rangs.get(
            cell.plain, _ordre((cell.plain.split() or [""])[0])))

    def after_fill(self) -> None:
        self._trier()

    def after_add(self, key: str) -> None:
        self._trier()

    def _edited(self, key: str, record: BaseModel | None) -> None:
        super()._edited(key, record)
        if record is not None:
            self._trier()

    def nom_element(self, record: BaseModel) -> str:
        ligne: LigneBudget = record  # type: ignore[assignment]
        quoi = ligne.libelle.strip() or ligne.compte.strip() or "sans compte"
        return f"la ligne « {quoi} » ({format_euros(ligne.montant) or 'sans montant'})"

    def action_exercice(self, reprise: dict | None = None) -> None:
        self.app.push_screen(RecordForm(
            Budget, self.projet.budget, titre="Dates de l'exercice", exclude={"lignes"},
            appliquer=self._exercice_saisi, brouillon=draft_key("budget", None), reprise=reprise,
        ))

    def reprendre_brouillon(self, contenu: dict) -> None:
        if contenu.get("champ") == "budget":
            self.action_exercice(reprise=contenu.get("valeurs") or {})
        else:
            super().reprendre_brouillon(contenu)

    def _exercice_saisi(self, budget: BaseModel | None) -> None:
        if budget is None:
            return
        self.projet.budget.exercice_debut = budget.exercice_debut
        self.projet.budget.exercice_fin = budget.exercice_fin
        self.changed("budget")
