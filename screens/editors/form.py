"""A form dialog built from a record model's fields and their French titles.

`RecordForm` is a `ModalScreen` that dismisses with the new record (a fresh,
validated model instance) or None when cancelled. Choices (Literal) become a
Select, booleans a Checkbox, dates and euros an Input that accepts the French
way of writing them. Optional hooks: per-field checks shown under the field
(flagged, never refused) and a live preview (e.g. budget totals).

What is typed in a form is kept like any answer: each change is a draft in
the session's journal (`brouillon`, via the App's `noter_brouillon`), offered
back after a crash (`reprise`); Escape on a changed form asks first; Ctrl+Q
saves it (`enregistrer_pour_quitter`). `appliquer` receives the saved record
synchronously, before the form closes, so a quit right after loses nothing.
"""

from __future__ import annotations

import typing
from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal
from typing import Any, Literal

from pydantic import BaseModel, ValidationError
from rich.console import RenderableType
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.suggester import SuggestFromList
from textual.widgets import Button, Checkbox, Input, Label, Select, Static, TextArea

from screens.cases import CaseOuiNon
from screens.editors.champs import (
    TOUCHES,
    ChampLigne,
    _item_model,
    _message_erreur,
    _unwrap,
    montant_saisi,
)
from screens.editors.labels import LIBELLES
from screens.editors.sous_liste import SousListe


def _sous_records(item: type[BaseModel], value: Any) -> list[BaseModel]:
    """The items of a draft (a list of dicts), those that still validate; a draft from an
    older version held one line of text per item: nothing of it is lost, it is one item."""
    if isinstance(value, str):
        first = next(iter(item.model_fields))
        return [item.model_validate({first: line}) for line in value.splitlines() if line.strip()]
    records = []
    for data in value if isinstance(value, list) else []:
        try:
            records.append(item.model_validate(data))
        except (ValidationError, TypeError):
            continue
    return records


class RecordForm(ModalScreen[BaseModel | None]):
    """Add or edit one record of `model`."""

    DEFAULT_CSS = """
    RecordForm { align: center middle; }
    RecordForm > #dialogue {
        width: 96; max-width: 100%; height: auto; max-height: 95%;
        border: thick $primary; background: $surface; padding: 0 1;
    }
    RecordForm #titre { text-style: bold; }
    RecordForm #touches { color: $text-muted; padding-bottom: 1; }
    RecordForm #champs { height: auto; max-height: 60vh; }
    RecordForm .ligne { height: auto; margin-bottom: 1; }
    RecordForm .etiquette { width: 30; color: $text-muted; }
    RecordForm .ligne > Input, RecordForm .ligne > Select { width: 1fr; }
    RecordForm .ligne > Input { background: $boost; }
    RecordForm .diagnostic { color: $warning; height: auto; padding-left: 30;
                             margin-bottom: 1; display: none; }
    RecordForm Checkbox { border: none; height: 1; padding: 0; }
    RecordForm TextArea { height: 6; width: 1fr; }
    RecordForm #apercu { height: auto; padding-top: 1; }
    RecordForm #erreurs { color: $error; height: auto; }
    RecordForm #boutons { height: auto; align-horizontal: right; padding-bottom: 1; }
    RecordForm #boutons Button { margin-left: 2; }
    """

    BINDINGS = [
        Binding("escape", "annuler", "Annuler", id="formulaire.annuler"),
        Binding("ctrl+s", "enregistrer", "Enregistrer", id="formulaire.enregistrer"),
    ]

    def __init__(
        self,
        model: type[BaseModel],
        record: BaseModel | None = None,
        *,
        titre: str = "",
        exclude: set[str] | frozenset[str] = frozenset(),
        options: dict[str, list[tuple[str, str]]] | None = None,
        suggestions: dict[str, list[str]] | None = None,
        long_fields: set[str] | frozenset[str] = frozenset(),
        checks: dict[str, Callable[[str], str | None]] | None = None,
        preview: Callable[[BaseModel | None], RenderableType] | None = None,
        verifier: Callable[[BaseModel | None], list[tuple[str, str]]] | None = None,
        appliquer: Callable[[BaseModel], None] | None = None,
        brouillon: str = "",
        index: int | None = None,
        reprise: dict[str, Any] | None = None,
    ) -> None:
        super().__init__()
        self.appliquer = appliquer
        self.brouillon = brouillon
        """The draft's key in the journal (empty: not journalled)."""
        self.index = index
        """Place of the edited record in its list (None: a new record)."""
        self.reprise = reprise
        """Raw field contents of a draft recovered after a crash, shown instead of the record's."""
        self._depart: dict[str, Any] | None = None
        self.model = model
        self.record = record
        self.titre = titre or ("Modifier" if record else "Ajouter")
        self.fields = [n for n in model.model_fields if n not in exclude]
        self.options = options or {}
        self.suggestions = suggestions or {}
        self.long_fields = long_fields
        self.checks = checks or {}
        self.preview = preview
        self.verifier = verifier
        """Problems of the record being typed that need several fields (an end before
        its start): (field, message) pairs, shown under the field, never refused."""

    # --- building -----------------------------------------------------------------
    def compose(self) -> ComposeResult:
        with Vertical(id="dialogue"):
            yield Static(self.titre, id="titre")
            yield Static(TOUCHES, id="touches")
            with VerticalScroll(id="champs"):
                for name in self.fields:
                    info = self.model.model_fields[name]
                    with Horizontal(classes="ligne"):
                        yield Label(info.title or name, classes="etiquette")
                        yield self._widget(name, info.annotation)
                    yield Static("", id=f"diag-{name}", classes="diagnostic")
            if self.preview is not None:
                yield Static("", id="apercu")
            yield Static("", id="erreurs")
            with Horizontal(id="boutons"):
                # compact: at 24 rows, a budget line's totals and the buttons both show
                yield Button("Enregistrer", variant="primary", id="enregistrer", compact=True)
                yield Button("Annuler", id="annuler", compact=True)

    def _current(self, name: str) -> Any:
        return getattr(self.record, name) if self.record is not None else None

    def _widget(self, name: str, annotation: Any):
        kind, optional = _unwrap(annotation)
        value = self._current(name)
        wid = f"champ-{name}"
        if name in self.options:
            choices = list(self.options[name])
            if value and value not in [v for _, v in choices]:
                choices.append((str(value), value))  # keep what the file holds
            return Select(
                choices, value=value or Select.NULL, prompt="Choisir…", compact=True, id=wid
            )
        if typing.get_origin(kind) is Literal:
            choices = [(LIBELLES.get(v, v), v) for v in typing.get_args(kind)]
            initial = value if value is not None else self.model.model_fields[name].default
            return Select(
                choices,
                value=initial if initial is not None else Select.NULL,
                allow_blank=optional,
                prompt="Choisir…",
                compact=True,
                id=wid,
            )
        if kind is bool:
            return CaseOuiNon(bool(value), id=wid)
        if kind is date:
            text = f"{value:%d/%m/%Y}" if value else ""
            return ChampLigne(text, placeholder="jj/mm/aaaa", compact=True, id=wid)
        if kind is Decimal:
            return ChampLigne(montant_saisi(value), placeholder="0,00 €", compact=True, id=wid)
        item = _item_model(kind)
        if item is not None:  # records inside the record: their own small table and forms
            return SousListe(item, list(value or []), id=wid)
        text = "" if value is None else str(value)
        if name in self.long_fields:
            return TextArea(text, id=wid)
        suggester = None
        if self.suggestions.get(name):
            suggester = SuggestFromList(self.suggestions[name], case_sensitive=False)
        return ChampLigne(text, suggester=suggester, compact=True, id=wid)

    def on_mount(self) -> None:
        self._depart = self.saisie()
        if self.reprise:
            self._remplir(self.reprise)
        if self.fields:
            # The first field to type in (a task's « Intitulé », not its « Étape » list):
            # letters typed at once must not go into a list's search, nor Enter open it.
            champs = [self.query_one(f"#champ-{name}") for name in self.fields]
            next((c for c in champs if not isinstance(c, Select)), champs[0]).focus()
        self._refresh_feedback()

    # --- drafts ---------------------------------------------------------------------
    def saisie(self) -> dict[str, Any]:
        """What each widget holds, as typed (JSON-ready): the draft kept in the journal."""
        raw: dict[str, Any] = {}
        for name in self.fields:
            widget = self.query_one(f"#champ-{name}")
            if isinstance(widget, Select):
                raw[name] = None if widget.value is Select.NULL else widget.value
            elif isinstance(widget, Checkbox):
                raw[name] = widget.value
            elif isinstance(widget, TextArea):
                raw[name] = widget.text
            elif isinstance(widget, SousListe):
                raw[name] = [r.model_dump(mode="json") for r in widget.records]
            else:
                raw[name] = widget.value
        return raw

    def _remplir(self, raw: dict[str, Any]) -> None:
        for name, value in raw.items():
            if name not in self.fields:
                continue
            widget = self.query_one(f"#champ-{name}")
            try:
                if isinstance(widget, Select):
                    widget.value = Select.NULL if value is None else value
                elif isinstance(widget, Checkbox):
                    widget.value = bool(value)
                elif isinstance(widget, TextArea):
                    widget.text = str(value)
                elif isinstance(widget, SousListe):
                    widget.remplacer(_sous_records(widget.item, value))
                elif isinstance(widget, Input):
                    widget.value = str(value)
            except Exception:  # noqa: BLE001, S112 - a draft edited by hand must not block the form
                continue

    def modifie(self) -> bool:
        """Something was typed that the record does not hold yet."""
        return self._depart is not None and (bool(self.reprise) or self.saisie() != self._depart)

    def _noter_brouillon(self) -> None:
        if not self.brouillon or not self.is_attached or not self.modifie():
            return
        contenu = {"champ": self.brouillon.rpartition("#")[0], "index": self.index,
                   "titre": self.titre, "valeurs": self.saisie(),
                   "quand": datetime.now().isoformat(timespec="seconds")}
        noter = getattr(self.app, "noter_brouillon", None)
        if noter is not None:
            noter(self.brouillon, contenu)

    def _fermer_brouillon(self) -> None:
        fermer = getattr(self.app, "fermer_brouillon", None)
        if self.brouillon and fermer is not None:
            fermer(self.brouillon)

    def enregistrer_pour_quitter(self) -> bool:
        """Ctrl+Q on an open form: save it if it is valid. False: its draft stays in the journal."""
        if not self.modifie():
            return True
        try:
            record = self.build()
        except ValidationError:
            self._noter_brouillon()
            return False
        self._valider(record)
        return True

    def _valider(self, record: BaseModel) -> None:
        self._fermer_brouillon()
        if self.appliquer is not None:
            self.appliquer(record)
        self.dismiss(record)

    # --- reading the widgets --------------------------------------------------------
    def values(self) -> dict[str, Any]:
        """What the user entered, as raw values for the model to validate."""
        data: dict[str, Any] = {}
        for name in self.fields:
            widget = self.query_one(f"#champ-{name}")
            if isinstance(widget, Select):
                if widget.value is not Select.NULL:
                    data[name] = widget.value
                else:
                    kind, optional = _unwrap(self.model.model_fields[name].annotation)
                    if optional:
                        data[name] = None
                    elif kind is str:
                        data[name] = ""
                    # else: a required choice left blank keeps the model's default
            elif isinstance(widget, Checkbox):
                data[name] = widget.value
            elif isinstance(widget, TextArea):
                data[name] = widget.text
            elif isinstance(widget, SousListe):
                data[name] = [r.model_dump() for r in widget.records]
            else:
                data[name] = widget.value
                kind = _unwrap(self.model.model_fields[name].annotation)[0]
                if kind in (date, Decimal) and not widget.value.strip():
                    data[name] = None
        return data

    def build(self) -> BaseModel:
        """The record from the form (raises ValidationError)."""
        base = self.record.model_dump() if self.record is not None else {}
        return self.model.model_validate({**base, **self.values()})

    def _draft(self) -> BaseModel | None:
        try:
            return self.build()
        except ValidationError:
            return None

    def _refresh_feedback(self) -> None:
        draft = self._draft() if self.preview is not None or self.verifier else None
        ensemble: dict[str, list[str]] = {}
        for champ, message in self.verifier(draft) if self.verifier is not None else []:
            ensemble.setdefault(champ, []).append(message)
        for name in self.fields:
            messages = []
            if name in self.checks:
                value = str(self.query_one(f"#champ-{name}", Input).value)
                message = self.checks[name](value) if value.strip() else None
                messages += [message] if message else []
            messages += ensemble.get(name, [])
            diag = self.query_one(f"#diag-{name}", Static)
            diag.update("\n".join(f"⚠ {m}" for m in messages))
            diag.display = bool(messages)
        if self.preview is not None:
            self.query_one("#apercu", Static).update(self.preview(draft))

    @on(Input.Changed)
    @on(Select.Changed)
    @on(Checkbox.Changed)
    @on(TextArea.Changed)
    @on(SousListe.Changed)
    def _changed(self) -> None:
        self._refresh_feedback()
        self._noter_brouillon()

    # --- actions --------------------------------------------------------------------
    @on(Button.Pressed, "#enregistrer")
    def action_enregistrer(self) -> None:
        try:
            record = self.build()
        except ValidationError as error:
            messages = [_message_erreur(self.model, e) for e in error.errors()]
            self.query_one("#erreurs", Static).update("\n".join(dict.fromkeys(messages)))
            return
        self._valider(record)

    @on(Button.Pressed, "#annuler")
    def action_annuler(self) -> None:
        if not self.modifie():
            self._fermer_brouillon()
            self.dismiss(None)
            return
        from screens.choix import abandonner_modifications

        def decide(choix: str | None) -> None:
            if choix == "abandonner":
                self._fermer_brouillon()
                self.dismiss(None)

        self.app.push_screen(abandonner_modifications(), decide)
