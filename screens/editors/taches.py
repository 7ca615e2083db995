"""The échéancier: tasks with step, who, dates and status; late ones flagged;
"v" switches to the month-by-month view."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable

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
        ("etape", "Étape"),
        ("intitule", "Tâche"),
        ("responsable", "Qui"),
        ("debut", "Début"),
        ("echeance", "Échéance"),
        ("statut", "Statut"),
    ]
    aide = RecordEditor.aide + " · v : vue par mois"
    BINDINGS = [Binding("v", "vue_mensuelle", "Vue par mois", id="editeur.vue_mensuelle")]

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
            statut = Text(f"{libelle(record.statut)} · en retard ⚠", style=STYLE_RETARD)
        if record.critique:
            statut.append(" · critique", style="bold")
        return (
            libelle(record.etape),
            Text(premiere_ligne(record.intitule, 44), style=STYLE_RETARD if retard else ""),
            record.responsable,
            libelle(record.debut),
            Text(libelle(record.echeance), style=STYLE_RETARD if retard else ""),
            statut,
        )

    def form_options(self, record) -> dict[str, Any]:
        noms = [m.nom for m in self.projet.collectif.membres if m.nom.strip()]
        noms += [a.nom for a in self.projet.associations if a.nom.strip()]
        return {"suggestions": {"responsable": list(dict.fromkeys(noms))}}

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
