"""The help pane: the guide's guidance for the current step, beside the questions."""

from __future__ import annotations

import re

from rich.text import Text
from textual.containers import Vertical, VerticalScroll
from textual.widget import Widget
from textual.widgets import Static

from coopwizard.guide import Conseil, Etape, Guide
from coopwizard.ressources import Ressources, ressources

FACETTES = (
    ("questions", "Les questions à se poser"),
    ("contexte", "Le contexte de la coopération"),
    ("objectifs", "Les objectifs"),
    ("taches", "Les tâches"),
    ("outils", "Les outils"),
    ("communication", "La communication"),
)

TYPES_CONSEIL = {
    "astuce": "Astuce",
    "attention": "Point d'attention",
    "entendu": "Entendu en atelier",
    "exemple": "Expérience",
}


_ESPACES = re.compile(r"[ \t\r\n]+")  # not str.split(): it would eat the non-breaking spaces


def _paragraphe(texte: str) -> str:
    # data files wrap long lines with "\" continuations; blank lines separate paragraphs
    return "\n\n".join(_ESPACES.sub(" ", p).strip() for p in texte.strip().split("\n\n"))


def _puces(points: tuple[str, ...]) -> str:
    return "\n".join(f"• {_paragraphe(p)}" for p in points)


class AideEtape(VerticalScroll):
    """Shows one step's intro, facets, repères and conseils. Hidden and shown with F2."""

    def __init__(self, guide: Guide, *, id: str | None = None,
                 aides: Ressources | None = None) -> None:
        super().__init__(id=id)
        self.guide = guide
        self._aides = aides
        self.can_focus = True  # so a keyboard user can scroll it
        self._vues: dict[str, Vertical] = {}
        self._courante: Vertical | None = None

    @property
    def aides(self) -> Ressources:
        """Where to get help, read when a step's help is first shown (a TOML file and a
        model to validate: hidden on a narrow screen, the help waits for the first frame)."""
        if self._aides is None:
            self._aides = ressources()
        return self._aides

    def _blocs(self, etape: Etape) -> list[Widget]:
        blocs: list[Widget] = [Static(Text("Ce que dit le guide"), classes="aide-titre")]
        condition = next((c for c in self.guide.conditions if c.id == etape.condition), None)
        if condition is not None and condition.resume:
            # The success condition this step serves, in one line (named unless
            # the step already bears its name).
            resume = _paragraphe(condition.resume)
            if condition.titre.casefold() not in etape.titre.casefold():
                resume = f"{condition.titre} — {resume}"
            blocs.append(Static(Text(resume, style="italic"), classes="aide-condition"))
        elif etape.id in self.guide.etapes_avant and self.guide.introduction:
            blocs.append(Static(Text(_paragraphe(self.guide.introduction)), classes="aide-intro"))
        if etape.intro:
            blocs.append(Static(Text(_paragraphe(etape.intro)), classes="aide-intro"))
        if etape.facettes is not None:
            for name, titre in FACETTES:
                value = getattr(etape.facettes, name)
                if not value:
                    continue
                texte = _puces(value) if isinstance(value, tuple) else _paragraphe(value)
                blocs.append(Static(Text(titre), classes="facette-titre"))
                blocs.append(Static(Text(texte), classes="facette"))
        for conseil in etape.reperes:
            blocs.append(self._conseil(conseil, "repere"))
        for conseil in etape.conseils:
            blocs.append(self._conseil(conseil, conseil.type))
        aides = self.aides.pour_etape(etape.id)
        if aides:
            blocs.append(Static(Text("Où trouver de l'aide"), classes="facette-titre"))
            # Names only: long addresses would swamp the pane; the printable page has them.
            blocs.append(Static(Text(_puces(tuple(r.nom for r in aides))), classes="aide-ressources"))
            blocs.append(Static(Text("Adresses et descriptions dans le document à imprimer "
                                     "« Où trouver de l'aide » : F8, puis d."), classes="aide-note"))
        if self.guide.mots_cles:
            mots = " · ".join(self.guide.mots_cles)
            blocs.append(Static(Text(f"À garder à l'esprit : {mots}"), classes="mots-cles"))
        blocs.append(Static(
            Text("Touches : F2 montre ou cache cette aide, F3 va au plan, F5 et F6 changent "
                 "d'étape, Ctrl+P cherche une étape, Ctrl+Q enregistre et quitte."),
            classes="touches",
        ))
        return blocs

    def _conseil(self, conseil: Conseil, kind: str) -> Static:
        texte = Text()
        label = TYPES_CONSEIL.get(conseil.type, "") if kind != "repere" else ""
        titre = " — ".join(t for t in (label, conseil.titre) if t)
        if titre:
            texte.append(titre + "\n", style="bold")
        texte.append(_paragraphe(conseil.texte))
        if conseil.points:
            texte.append("\n" + _puces(conseil.points))
        return Static(texte, classes=f"conseil conseil-{kind}")

    async def montrer(self, etape: Etape) -> None:
        """Show a step's guidance (built on the first visit, then kept)."""
        vue = self._vues.get(etape.id)
        if vue is None:
            vue = Vertical(*self._blocs(etape), id=f"aide-{etape.id}", classes="aide-etape")
            self._vues[etape.id] = vue
            await self.mount(vue)
        if self._courante is not None and self._courante is not vue:
            self._courante.display = False
        vue.display = True
        self._courante = vue
        self.scroll_home(animate=False)
