"""Checkboxes, radio buttons and check lists that say their state in text, not only in
colour (a colour-blind user, a monochrome terminal, a screenshot read in black and white):
☑ Oui / ☐ Non, ◉ / ○, ☑ / ☐."""

from __future__ import annotations

from rich.segment import Segment
from textual.content import Content
from textual.strip import Strip
from textual.widgets import Checkbox, RadioButton, SelectionList
from textual.widgets._toggle_button import ToggleButton
from textual.widgets.option_list import OptionDoesNotExist

COCHE, VIDE = "☑", "☐"


def texte_oui_non(value: bool) -> str:
    return f"{COCHE} Oui" if value else f"{VIDE} Non"


class CaseOuiNon(Checkbox):
    """A form's yes/no: « ☑ Oui » ticked, « ☐ Non » not (Space or Enter switches)."""

    BUTTON_LEFT = BUTTON_INNER = BUTTON_RIGHT = ""

    def __init__(self, value: bool = False, **kwargs) -> None:
        super().__init__(texte_oui_non(value), value, **kwargs)

    @property
    def _button(self) -> Content:
        return Content("")

    def watch_value(self) -> None:
        self.label = texte_oui_non(self.value)
        super().watch_value()


class BoutonRadio(RadioButton):
    """◉ for the chosen answer, ○ for the others."""

    @property
    def _button(self) -> Content:
        style = self.get_visual_style("toggle--button")
        return Content.assemble(
            (self.BUTTON_LEFT, ""), ("◉" if self.value else "○", style), (self.BUTTON_RIGHT, ""))


class ListeACocher(SelectionList[str]):
    """☑ before what is ticked, ☐ before the rest."""

    def render_line(self, y: int) -> Strip:
        strip = super().render_line(y)
        segments = list(strip)
        try:
            selection = self.get_option_at_index(self.scroll_offset.y + y)
        except OptionDoesNotExist:
            return strip
        if len(segments) < 2 or segments[1].text != ToggleButton.BUTTON_INNER:
            return strip
        marque = COCHE if selection.value in self._selected else VIDE
        segments[1] = Segment(marque, segments[1].style)
        return Strip(segments, strip.cell_length)
