"""One block per question: its label, help, the right input widget, and a message line.

Each block writes the answer into the Projet held by the App (`set_path`) as
the user types, then posts `ProjetModifie(champ)`: the App autosaves and
refreshes the progress.
"""

from __future__ import annotations

from datetime import date

from pydantic import ValidationError
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widget import Widget
from textual.widgets import (
    Input,
    RadioButton,
    RadioSet,
    SelectionList,
    Static,
    TextArea,
)
from textual.widgets.selection_list import Selection

from coopwizard import dates
from coopwizard.guide import Question
from coopwizard.models import Projet, get_path, set_path
from screens.cases import BoutonRadio, ListeACocher
from screens.messages import ProjetModifie

MESSAGE_DATE = (
    "Date pas encore reconnue : écrivez-la jj/mm/aaaa, par exemple 31/05/2026. "
    "Elle sera enregistrée dès qu'elle sera complète."
)


def message_date(raison: str) -> str:
    """What a date question says under its field when its text is not a date (yet).

    `raison` comes from `coopwizard.dates.parse`: the gentle message while the
    date can still be completed (05/0), the precise one once it cannot (31/02).
    """
    if raison == dates.INCOMPLETE:
        return MESSAGE_DATE
    phrase = raison[0].upper() + raison[1:]
    if not phrase.endswith("?"):
        phrase += "."
    if raison.startswith(dates.ANNEE_ENTIERE):
        return f"{phrase} La date sera enregistrée dès qu'elle sera complète."
    return (f"{phrase} Cette date n'est pas enregistrée tant qu'elle n'est pas corrigée "
            "(jj/mm/aaaa).")


def widget_id(champ: str) -> str:
    """A DOM id for the input of a field ("conception.objectifs" -> "q-conception-objectifs")."""
    return "q-" + champ.replace(".", "-").replace("_", "-")


def format_date(value: object) -> str:
    return value.strftime("%d/%m/%Y") if isinstance(value, date) else ""


class QuestionBlock(Vertical):
    """A question of the guide, bound to one field of the Projet."""

    def __init__(self, question: Question, projet: Projet, *, cursor_blink: bool = True) -> None:
        super().__init__(classes=f"question type-{question.type}")
        self.question = question
        self.projet = projet
        self.cursor_blink = cursor_blink
        self.champ = question.champ

    def _value(self) -> object:
        try:
            return get_path(self.projet, self.champ)
        except (AttributeError, IndexError, ValueError):
            return None

    def compose(self) -> ComposeResult:
        q = self.question
        yield Static(Text(q.libelle), classes="libelle")
        if q.aide:
            yield Static(Text(q.aide.strip()), classes="aide")
        yield self._input()
        if q.type in ("choix", "choix_multiple") and any(c.aide for c in q.choix):
            yield Static("", classes="aide-choix")
        yield Static("", classes="message")

    def _input(self) -> Widget:
        q, value, wid = self.question, self._value(), widget_id(self.champ)
        placeholder = f"ex. : {q.exemple}" if q.exemple else ""
        if q.type == "texte":
            return self._blink(
                Input(str(value or ""), placeholder=placeholder, id=wid, classes="reponse",
                      select_on_focus=False)
            )
        if q.type == "date":
            # A date typed but not recognised when the last session was interrupted
            # comes back as it was typed (then flagged), never silently dropped.
            repris = getattr(self.app, "saisies_reprises", {}).pop(self.champ, None)
            return self._blink(
                Input(format_date(value) if repris is None else repris, placeholder="jj/mm/aaaa",
                      id=wid, classes="reponse date", select_on_focus=False)
            )
        if q.type == "texte_long":
            area = TextArea(
                str(value or ""), placeholder=placeholder, id=wid, classes="reponse",
                tab_behavior="focus", highlight_cursor_line=False,
            )
            area.cursor_blink = self.cursor_blink
            return area
        if q.type == "choix":
            return RadioSet(
                *(BoutonRadio(c.libelle, value=(c.valeur == value)) for c in q.choix),
                id=wid, classes="reponse",
            )
        if q.type == "oui_non":
            return RadioSet(
                BoutonRadio("Oui", value=value is True),
                BoutonRadio("Non", value=value is False),
                id=wid, classes="reponse",
            )
        if q.type == "choix_multiple":
            chosen = set(value or ())
            return ListeACocher(
                *(Selection(c.libelle, c.valeur, c.valeur in chosen) for c in q.choix),
                id=wid, classes="reponse",
            )
        from screens.editors import build_editor  # only record steps need the editors

        editor = build_editor(q.editeur, self.projet)
        editor.add_class("reponse", "editeur")
        return editor

    # select_on_focus=False: coming back to an answer and typing must add to it, never
    # replace it all (Textual's Input selects its whole text on focus by default).
    def _blink(self, widget: Input) -> Input:
        widget.cursor_blink = self.cursor_blink
        return widget

    # -- writing the answers -------------------------------------------------

    def _apply(self, value: object) -> bool:
        before = self._value()
        try:
            set_path(self.projet, self.champ, value)
        except ValidationError:
            return False
        if self._value() == before:
            return True  # e.g. the widget announcing its initial value: nothing to save
        self.app.record("applied", self.champ)  # type: ignore[attr-defined]
        self.post_message(ProjetModifie(self.champ, depuis_question=True))
        return True

    def _garder_saisie(self, saisie: str | None) -> None:
        noter = getattr(self.app, "noter_saisie", None)
        if noter is not None:
            noter(self.champ, saisie)

    def _say(self, text: str) -> None:
        self.query_one(".message", Static).update(Text(text))
        self.set_class(bool(text), "-avertissement")

    @on(Input.Changed, ".reponse")
    def _input_changed(self, event: Input.Changed) -> None:
        event.stop()
        if self.question.type == "date":
            # Only a whole, existing date reaches the model: "0" or "05/0" never
            # becomes 01/01/1970, and the previous answer stays until the date is whole.
            valeur, raison = dates.parse(event.value)
            if raison is None and self._apply(valeur):
                self._say("")
                self._garder_saisie(None)
            else:
                self._say(message_date(raison or dates.INCOMPLETE))
                self._garder_saisie(event.value)  # not an answer yet, but never dropped
        else:
            self._apply(event.value)

    @on(TextArea.Changed, ".reponse")
    def _text_changed(self, event: TextArea.Changed) -> None:
        event.stop()
        self._apply(event.text_area.text)

    @on(RadioSet.Changed, ".reponse")
    def _radio_changed(self, event: RadioSet.Changed) -> None:
        event.stop()
        index = event.index
        if self.question.type == "oui_non":
            self._apply(index == 0)
        elif 0 <= index < len(self.question.choix):
            choix = self.question.choix[index]
            self._apply(choix.valeur)
            self._show_choice_help(choix.aide)

    @on(SelectionList.SelectedChanged, ".reponse")
    def _selection_changed(self, event: SelectionList.SelectedChanged) -> None:
        event.stop()
        chosen = set(event.selection_list.selected)
        self._apply([c.valeur for c in self.question.choix if c.valeur in chosen])

    @on(SelectionList.SelectionHighlighted, ".reponse")
    def _selection_highlighted(self, event: SelectionList.SelectionHighlighted) -> None:
        event.stop()
        value = event.selection.value
        for choix in self.question.choix:
            if choix.valeur == value:
                self._show_choice_help(choix.aide)

    def _show_choice_help(self, aide: str) -> None:
        for widget in self.query(".aide-choix").results(Static):
            widget.update(Text(aide.strip()))

    def en_avance(self) -> bool:
        """The widget shows keys the model has not received yet (their Changed is queued)."""
        from coopwizard.text import normalise_text  # as the model keeps it: never ahead for ever

        widgets = self.query(".reponse")
        widget = widgets.first() if widgets else None
        if self.question.type == "texte" and isinstance(widget, Input):
            shown = widget.value
        elif self.question.type == "texte_long" and isinstance(widget, TextArea):
            shown = widget.text
        else:
            return False  # a date being typed differs from the model on purpose (flagged)
        return normalise_text(shown) != normalise_text(str(self._value() or ""))

    def synchroniser(self, *, force: bool = False) -> None:
        """Show the model's value if the widget shows another (changed from elsewhere).

        `force`: even in the widget being typed in (another version merged in).

        Setting a widget posts its Changed message; `_apply` then finds the same
        value in the model and posts nothing.
        """
        q, value = self.question, self._value()
        widgets = self.query(".reponse")
        if not widgets:
            return
        widget = widgets.first()
        if widget.has_focus and not force:
            # The user is typing here: the widget is ahead of the model (its latest
            # Changed message is still queued). Rewriting it would drop keystrokes.
            return
        if q.type == "texte" and isinstance(widget, Input):
            if widget.value != str(value or ""):
                widget.value = str(value or "")
        elif q.type == "date" and isinstance(widget, Input):
            shown = format_date(value)
            # A text that is not a date yet is what the user typed: keep it on screen
            # (flagged) rather than put the previous answer back over it.
            if widget.value.strip() != shown and not self.has_class("-avertissement"):
                widget.value = shown
        elif q.type == "texte_long" and isinstance(widget, TextArea):
            if widget.text != str(value or ""):
                widget.text = str(value or "")
        elif q.type in ("choix", "oui_non") and isinstance(widget, RadioSet):
            if q.type == "oui_non":
                index = {True: 0, False: 1}.get(value, -1)  # type: ignore[arg-type]
            else:
                index = next((i for i, c in enumerate(q.choix) if c.valeur == value), -1)
            if widget.pressed_index != index:
                buttons = list(widget.query(RadioButton))
                if 0 <= index < len(buttons):
                    buttons[index].value = True
                else:
                    for button in buttons:
                        button.value = False
        elif q.type == "choix_multiple" and isinstance(widget, SelectionList):
            wanted = set(value or ())
            if set(widget.selected) != wanted:
                widget.deselect_all()
                for valeur in wanted:
                    widget.select(valeur)

    def appliquer_saisie(self) -> bool:
        """Apply what the widget shows now (on quit, its Changed message may still be
        queued behind the key). True when the project changed."""
        widgets = self.query(".reponse")
        if not widgets:
            return False
        widget, q, before = widgets.first(), self.question, self._value()
        if q.type == "texte" and isinstance(widget, Input):
            self._apply(widget.value)
        elif q.type == "date" and isinstance(widget, Input):
            valeur, raison = dates.parse(widget.value)
            if raison is None:  # a date not recognised changes nothing
                self._apply(valeur)
        elif q.type == "texte_long" and isinstance(widget, TextArea):
            self._apply(widget.text)
        elif q.type in ("choix", "oui_non") and isinstance(widget, RadioSet):
            presses = [b.value for b in widget.query(RadioButton)]
            if True in presses:
                index = presses.index(True)
                if q.type == "oui_non":
                    self._apply(index == 0)
                elif index < len(q.choix):
                    self._apply(q.choix[index].valeur)
        elif q.type == "choix_multiple" and isinstance(widget, SelectionList):
            chosen = set(widget.selected)
            self._apply([c.valeur for c in q.choix if c.valeur in chosen])
        return self._value() != before

    def focus_input(self) -> bool:
        """Put the cursor in this question's widget; False if it cannot take focus."""
        for widget in self.query(".reponse"):
            if widget.focusable:
                widget.focus(scroll_visible=False)  # the wizard decides what to show
                return True
            for child in widget.query("*"):
                if child.focusable:
                    child.focus(scroll_visible=False)
                    return True
        return False
