"""The record table: one column takes the width the others leave, and ← → scroll by a
whole column (a row cursor would otherwise scroll one character at a time)."""

from __future__ import annotations

from textual.widgets import DataTable

SOUPLE_MIN = 14
"""Narrowest the flexible column gets (below, the table scrolls instead)."""


class Tableau(DataTable):
    souple: str = ""
    """Key of the column that takes the remaining width (empty: none)."""

    def on_resize(self) -> None:
        self.ajuster()

    def ajuster(self) -> None:
        """Give the flexible column what the fixed ones leave of the table's width."""
        colonne = next((c for c in self.ordered_columns if c.key.value == self.souple), None)
        largeur = self.scrollable_content_region.width
        if colonne is None or largeur <= 0:
            return
        # The columns that fit beside it, in order, take their width; the flexible one
        # takes the rest, so that the next column starts exactly at the right edge
        # (→ then brings it in whole).
        place = largeur - SOUPLE_MIN - 2 * self.cell_padding
        prises = 0
        for autre in self.ordered_columns:
            if autre is colonne:
                continue
            if prises + autre.get_render_width(self) > place:
                break
            prises += autre.get_render_width(self)
        voulue = max(SOUPLE_MIN, largeur - prises - 2 * self.cell_padding)
        if colonne.width != voulue or colonne.auto_width:
            colonne.width, colonne.auto_width = voulue, False
            self._require_update_dimensions = True
            self.refresh()

    def _debuts(self) -> list[int]:
        debuts, x = [], 0
        for colonne in self.ordered_columns:
            debuts.append(x)
            x += colonne.get_render_width(self)
        return debuts

    def action_cursor_right(self) -> None:
        if self.cursor_type != "row":
            return super().action_cursor_right()
        suivant = next((d for d in self._debuts() if d > self.scroll_x), None)
        if suivant is not None:
            self.scroll_to(x=min(suivant, self.max_scroll_x), animate=False)
        return None

    def action_cursor_left(self) -> None:
        if self.cursor_type != "row":
            return super().action_cursor_left()
        precedent = [d for d in self._debuts() if d < self.scroll_x]
        self.scroll_to(x=precedent[-1] if precedent else 0, animate=False)
        return None
