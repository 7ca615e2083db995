"""The échéancier: tasks with step, who, dates and status; late ones flagged;
"v" switches to the month-by-month view."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable

from coopwizard.diagnostics import problemes_tache
from coopwizard.models import Tache
from coopwizard.planning import marquer_mis_a_jour, today
from screens.editors.base import RecordEditor
from screens.editors.labels import libelle, premiere_ligne
from screens.messages import ProjetModifie
from screens.editors.mensuel import STYLE_RETARD, PlanningMensuel, index_tache


class TachesEditor(RecordEditor):
    champ = "taches"
    model = Tache
    colonnes = [
        ("intitule", "Tâche"),
        ("responsable", "Qui"),
        ("echeance", "Échéance"),
        ("statut", "Statut"),
        ("etape", "Étape"),
        ("debut", "Début"),
    ]
    largeurs = {"responsable": 9, "echeance": 8, "statut": 8, "etape": 16, "debut": 8}
    souple = "intitule"
    aide = RecordEditor.aide + " · v : vue par mois"
    BINDINGS = [Binding("v", "vue_mensuelle", "Par mois", id="editeur.vue_mensuelle")]

    def compose(self) -> ComposeResult:
        yield from super().compose()
        mensuel = PlanningMensuel(id="mensuel")
        mensuel.display = False
        yield mensuel

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._jour = today()

    def cellules(self, record: Tache, index: int):
        retard = record.en_retard(self._jour)
        statut = Text(libelle(record.statut))
        if retard:
            statut = Text("⚠ retard", style=STYLE_RETARD)
        if record.critique:
            statut.append(" · critique" if retard else " critique", style="bold")
        dates = {champ for champ, _ in problemes_tache(record, self.projet)}
        return (
            Text(premiere_ligne(record.intitule, 200), style=STYLE_RETARD if retard else ""),
            record.responsable,
            _date_courte(record.echeance, "echeance" in dates or retard),
            statut,
            libelle(record.etape),
            _date_courte(record.debut, "debut" in dates),
        )

    def detail(self, record: Tache) -> Text:
        texte = Text(premiere_ligne(record.intitule, 200) or "Tâche sans intitulé", style="bold")
        quand = []
        if record.debut:
            quand.append(f"du {libelle(record.debut)}")
        if record.echeance:
            quand.append(f"{'au' if record.debut else 'pour le'} {libelle(record.echeance)}")
        parts = [libelle(record.etape), record.responsable.strip() or "personne encore",
                 " ".join(quand) or "sans date", libelle(record.statut)]
        if record.en_retard(self._jour):
            parts[-1] += " (en retard)"
        if record.critique:  # its delay would put the whole project at risk
            parts.append("tâche critique")
        texte.append("\n" + " · ".join(p for p in parts if p))
        return texte

    def problemes(self, record: Tache) -> list[str]:
        return [message for _, message in problemes_tache(record, self.projet)]

    def form_options(self, record) -> dict[str, Any]:
        noms = [m.nom for m in self.projet.collectif.membres if m.nom.strip()]
        noms += [a.nom for a in self.projet.associations if a.nom.strip()]
        projet = self.projet

        def verifier(draft) -> list[tuple[str, str]]:
            return problemes_tache(draft, projet) if draft is not None else []

        return {"suggestions": {"responsable": list(dict.fromkeys(noms))},
                "verifier": verifier}

    def resume(self):
        taches = self.records
        faites = sum(1 for t in taches if t.statut == "fait")
        retard = sum(1 for t in taches if t.en_retard(self._jour))
        maj = self.projet.programmation.planning_mis_a_jour_le
        text = Text(f"Mis à jour le {libelle(maj) if maj else '—'} · ")
        text.append(f"{len(taches)} tâche(s), {faites} faite(s)")
        if retard:
            text.append(f" · {retard} en retard ⚠", style=STYLE_RETARD)
        return text

    def alertes(self) -> list[str]:
        return []  # late tasks are counted in the summary and flagged in the rows

    def changed(self, champ: str | None = None) -> None:
        marquer_mis_a_jour(self.projet, self._jour)
        mensuel = self.query_one("#mensuel", PlanningMensuel)
        if mensuel.display:
            mensuel.montrer(self.records)
        super().changed(champ)
        # The wizard shows "Planning mis à jour le" as a question of its own.
        self.post_message(ProjetModifie("programmation.planning_mis_a_jour_le"))

    def action_vue_mensuelle(self) -> None:
        mensuel = self.query_one("#mensuel", PlanningMensuel)
        montrer = not mensuel.display
        if montrer:
            mensuel.montrer(self.records)
        mensuel.display = montrer
        self.table.display = not montrer
        (mensuel if montrer else self.table).focus()

    def current_key(self) -> str | None:
        mensuel = self.query_one("#mensuel", PlanningMensuel)
        if not mensuel.display:
            return super().current_key()
        if mensuel.row_count == 0:
            return None
        row_key = mensuel.coordinate_to_cell_key(mensuel.cursor_coordinate).row_key.value
        index = index_tache(row_key)
        if index is None:
            self.notify("Choisissez une tâche (pas une étape).", severity="warning")
            return None
        tache = self.records[index]
        return next(key for key, record in self._records.items() if record is tache)

    @on(DataTable.RowSelected, "#mensuel")
    def _task_selected_in_month_view(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if index_tache(event.row_key.value) is not None:
            self.action_modifier()


def _date_courte(quand, probleme: bool) -> Text:
    """31/10/26: a date that fits a narrow column (the detail line has it in full)."""
    texte = Text(f"{quand:%d/%m/%y}" if quand else "")
    if probleme and quand:
        texte.stylize(STYLE_RETARD)
    return texte
