"""The checklist screen: tick items, read the guide's reason, jump to the question.

Items and their status come from coopwizard.checklist; ticking stores the id
in projet.checklist.coches and posts ProjetModifie("checklist") so the App
autosaves.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from coopwizard import checklist
from coopwizard.planning import today
from screens.fiche_screen import exporter
from screens.messages import ProjetModifie

if TYPE_CHECKING:
    from screens.app import CoopApp

MARQUES = {"fait": ("✔", "bold green"), "a_faire": ("☐", "bold"), "alerte": ("⚠", "bold yellow")}
STATUTS = {"fait": "Fait", "a_faire": "À faire", "alerte": "Va contre un conseil du guide"}


def _progression(faits: int, total: int, alertes: int) -> str:
    """As the checklist document says it (« 13 faits sur 14, 1 alerte »)."""
    from coopwizard.documents.libelles import section
    from coopwizard.documents.typographie import accorder

    w = section("checklist")
    cle = "progression_alertes" if alertes else "progression"
    return accorder(w[cle], faits=faits, total=total, alertes=alertes)


def _ligne(element: checklist.Element) -> Table:
    """Mark and label side by side, so a long label wraps under itself."""
    mark, style = MARQUES[element.statut]
    grille = Table.grid(padding=(0, 1))
    grille.add_column(width=3, justify="right")
    grille.add_column(ratio=1)
    grille.add_row(Text(mark, style=style), Text(element.libelle))
    return grille


class ChecklistScreen(Screen):
    CSS_PATH = "checklist_screen.tcss"
    BINDINGS = [
        Binding("escape", "fermer", "Retour", id="fermer-checklist"),
        Binding("space", "cocher", "Cocher", id="cocher-element"),
        Binding("enter", "aller", "Aller à la question", id="aller-question", show=True),
        Binding("e", "exporter", "Exporter", id="exporter-checklist"),
        Binding("r", "reste", "Ce qui reste", id="filtrer-reste"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.resultat: checklist.Checklist | None = None
        self.seulement_reste = False
        """Hide what is done: only what is left and what goes against the guide."""

    @property
    def coop(self) -> CoopApp:
        return cast("CoopApp", self.app)

    def compose(self) -> ComposeResult:
        yield Static(id="checklist-entete")
        with Horizontal(id="checklist-corps"):
            yield OptionList(id="checklist-liste")
            with VerticalScroll(id="checklist-detail"):
                yield Static(id="checklist-explication")
        yield Footer()

    def on_mount(self) -> None:
        self.actualiser()
        liste = self.query_one(OptionList)
        liste.focus()
        self._premier()

    def _premier(self) -> None:
        liste = self.query_one(OptionList)
        for index in range(liste.option_count):
            if not liste.get_option_at_index(index).disabled:
                liste.highlighted = index
                return

    # -- content --------------------------------------------------------------

    def actualiser(self) -> None:
        """Rebuild from the project's answers, keeping the cursor where it was."""
        app = self.coop
        self.resultat = checklist.build(app.guide, app.projet, today())
        liste = self.query_one(OptionList)
        ancien = liste.highlighted
        options: list[Option] = []
        for groupe in self.resultat.groupes:
            elements = [e for e in groupe.elements
                        if not (self.seulement_reste and e.statut == "fait")]
            if not elements:
                continue
            titre = Text(f"{groupe.titre} — ", style="bold")
            titre.append(_progression(groupe.faits, groupe.total, groupe.alertes), style="dim")
            options.append(Option(titre, id=f"groupe:{groupe.id}", disabled=True))
            for element in elements:
                options.append(Option(_ligne(element), id=element.id))
        liste.clear_options()
        liste.add_options(options)
        if ancien is not None and ancien < liste.option_count:
            liste.highlighted = ancien
            if liste.get_option_at_index(ancien).disabled:
                self._premier()
        r = self.resultat
        nom = app.projet.nom.strip() or "Projet sans nom"
        self.query_one("#checklist-entete", Static).update(
            Text(f"Checklist — {nom} — {_progression(r.faits, r.total, r.alertes)}")
        )
        self._expliquer()

    def element_courant(self) -> checklist.Element | None:
        liste = self.query_one(OptionList)
        if liste.highlighted is None or self.resultat is None:
            return None
        option_id = liste.get_option_at_index(liste.highlighted).id or ""
        if option_id.startswith("groupe:"):
            return None
        return self.resultat.element(option_id)

    def _expliquer(self) -> None:
        element = self.element_courant()
        zone = self.query_one("#checklist-explication", Static)
        if element is None:
            zone.update("")
            return
        guide = self.coop.guide
        etape_id, champ = checklist.cible(guide, element)
        etape = guide.etapes.get(etape_id)
        trouve = guide.question(champ) if champ else None
        mark, style = MARQUES[element.statut]
        statut = STATUTS[element.statut]
        if element.statut == "fait":
            statut += " (coché à la main)" if element.coche else " (d'après vos réponses)"
        elif element.coche:
            statut += " (coché à la main)"
        parties = [
            Text(element.libelle, style="bold"),
            Text.assemble((mark + " ", style), statut),
            Text(""),
        ]
        for alerte in element.alertes:
            parties += [Text("⚠ " + alerte, style="yellow"), Text("")]
        parties += [Text("Pourquoi", style="bold"), Text(element.raison), Text("")]
        if etape is not None:
            ou = f"Se règle à l'étape « {etape.titre} »"
            if trouve is not None:
                ou += f", question « {trouve[1].libelle} »"
            parties.append(Text(ou + ".", style="italic"))
        parties += [
            Text(""),
            Text("✔ fait · ☐ à faire · ⚠ va contre un conseil du guide", style="dim"),
            Text("Espace : cocher ou décocher · Entrée : aller à la question · "
                 "R : seulement ce qui reste", style="dim"),
        ]
        zone.update(Group(*parties))

    @on(OptionList.OptionHighlighted)
    def _surligne(self) -> None:
        self._expliquer()

    # -- actions ---------------------------------------------------------------

    def action_cocher(self) -> None:
        element = self.element_courant()
        if element is None:
            return
        app = self.coop
        if app.autosaver is not None and app.autosaver.read_only:
            self.notify("Lecture seule : ce projet est ouvert dans une autre fenêtre.",
                        severity="warning")
            return
        coche = checklist.toggle(app.projet, element.id)
        self.post_message(ProjetModifie("checklist"))
        self.actualiser()
        if coche and element.automatique:
            self.notify("Déjà fait d'après vos réponses ; la coche est gardée aussi.", timeout=4)

    @on(OptionList.OptionSelected)
    def _choisi(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_aller()

    def action_aller(self) -> None:
        element = self.element_courant()
        if element is None:
            return
        etape_id, champ = checklist.cible(self.coop.guide, element)
        wizard = self.coop.wizard
        self.app.pop_screen()
        if wizard is not None:
            wizard.call_later(wizard.aller_a, etape_id, champ)

    def action_reste(self) -> None:
        self.seulement_reste = not self.seulement_reste
        self.query_one(OptionList).highlighted = None
        self.actualiser()
        self._premier()
        self._expliquer()

    def action_exporter(self) -> None:
        exporter(self, "checklist")

    def action_fermer(self) -> None:
        self.app.pop_screen()
