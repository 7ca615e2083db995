"""The month-by-month planning, like the guide's template: steps and tasks as
rows, months as columns, bars where a row is active, today's month marked and
late tasks in the warning colour. A DataTable without cell padding, so only
the rows on screen are drawn, even with thousands of tasks."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.widgets import DataTable

from coopwizard.models import Tache
from coopwizard.planning import grille_mensuelle, libelle_mois, today

LARGEUR_MOIS = 8
LARGEUR_LIBELLE = 34
STYLE_ETAPE = "bold steel_blue"
STYLE_TACHE = "green"
STYLE_RETARD = "bold dark_orange"
STYLE_AUJOURDHUI = "on grey23"


def _coupe(text: str, largeur: int) -> str:
    return text if len(text) <= largeur else text[: largeur - 1] + "…"


def index_tache(row_key: str | None) -> int | None:
    """The task index behind a row of the grid (None for a step row)."""
    if row_key and row_key.startswith("tache-"):
        return int(row_key.removeprefix("tache-"))
    return None


class PlanningMensuel(DataTable):
    """Read-only month grid of the tasks (rebuilt on demand with `montrer`)."""

    DEFAULT_CSS = """
    PlanningMensuel { height: 1fr; }
    """

    def __init__(self, **kwargs) -> None:
        super().__init__(cursor_type="row", cell_padding=0, zebra_stripes=False, **kwargs)

    def montrer(self, taches: Sequence[Tache]) -> None:
        """Redraw the grid for these tasks."""
        jour = today()
        grille = grille_mensuelle(taches, jour)
        garde = self.cursor_row  # stay where the user was after a change
        self.clear(columns=True)
        self.add_column(" Étapes / tâches", width=LARGEUR_LIBELLE, key="libelle")
        self.add_column("Qui", width=16, key="qui")
        for col, mois in enumerate(grille.mois):
            avec_annee = col == 0 or mois.month == 1
            label = libelle_mois(mois, avec_annee=False)
            if col == grille.mois_courant:
                header = Text(f"▼{label}".center(LARGEUR_MOIS), style="bold reverse")
            else:
                if avec_annee:  # the year shows on the first column and each January
                    label = f"{label} {mois:%y}"
                header = Text(label.center(LARGEUR_MOIS))
            self.add_column(header, width=LARGEUR_MOIS, key=f"m{col}")
        rows = []
        keys = []
        for ligne in grille.lignes:
            keys.append(f"etape-{len(keys)}" if ligne.est_etape else f"tache-{ligne.index}")
            if ligne.est_etape:
                libelle = Text(_coupe(ligne.libelle, LARGEUR_LIBELLE - 1), style="bold")
                style = STYLE_ETAPE
            else:
                retard = " ⚠" if ligne.en_retard else ""
                nom = _coupe("  " + ligne.libelle, LARGEUR_LIBELLE - 1 - len(retard)) + retard
                style = STYLE_RETARD if ligne.en_retard else STYLE_TACHE
                libelle = Text(nom, style=STYLE_RETARD if ligne.en_retard else "")
            cells: list[Text] = [libelle, Text(_coupe(ligne.qui, 15))]
            for col, actif in enumerate(ligne.actif):
                courant = col == grille.mois_courant
                if actif:
                    cell = Text("█" * (LARGEUR_MOIS - 1) + " ", style=style)
                elif courant:
                    cell = Text("┆".center(LARGEUR_MOIS), style="dim")
                else:
                    cell = Text(" " * LARGEUR_MOIS)
                if courant:
                    cell.stylize(STYLE_AUJOURDHUI)
                cells.append(cell)
            rows.append(cells)
        for key, cells in zip(keys, rows, strict=True):
            self.add_row(*cells, key=key)
        if rows:
            self.move_cursor(row=min(garde, len(rows) - 1))
        if grille.tronque:
            self.notify(
                f"Le planning couvre plus de {len(grille.mois)} mois : "
                "seuls les mois autour d'aujourd'hui sont affichés.",
                severity="information",
            )
