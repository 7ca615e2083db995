"""The sidebar: the guide's structure as a tree, with each step's progress.

"Votre projet", then the four conditions; under "Bien s'organiser" the three
phases and their steps. A condition with a single step is that step.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.message import Message
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from coopwizard.guide import Guide

MARQUE = "▶ "


class Sommaire(Tree[str]):
    """Selecting a step (Enter or click) posts `Sommaire.EtapeChoisie`."""

    class EtapeChoisie(Message):
        def __init__(self, etape_id: str) -> None:
            super().__init__()
            self.etape_id = etape_id

    def __init__(self, guide: Guide, *, id: str | None = None) -> None:
        super().__init__("Plan du guide", id=id)
        self.show_root = False
        self.guide_depth = 2
        self.guide = guide
        self.courante = ""
        self._titres: dict[TreeNode[str], str] = {}
        self._etapes: dict[TreeNode[str], tuple[str, ...]] = {}
        self._noeud_etape: dict[str, TreeNode[str]] = {}
        self._progress: dict[str, tuple[int, int]] = {}
        self._construire()

    def _titre(self, etape_id: str) -> str:
        return self.guide.etapes[etape_id].nom_court

    def _add(self, parent: TreeNode[str], titre: str, etapes: tuple[str, ...]) -> None:
        """A leaf for one step, or a branch holding several."""
        etapes = tuple(e for e in etapes if e in self.guide.etapes)
        if not etapes:
            return
        if len(etapes) == 1:
            node = parent.add_leaf(titre or self._titre(etapes[0]), data=etapes[0])
            self._noeud_etape[etapes[0]] = node
        else:
            node = parent.add(titre, expand=True)
            for etape_id in etapes:
                self._add(node, self._titre(etape_id), (etape_id,))
        self._titres[node] = titre or self._titre(etapes[0])
        self._etapes[node] = etapes

    def _construire(self) -> None:
        for etape_id in self.guide.etapes_avant:
            self._add(self.root, "", (etape_id,))
        for condition in self.guide.conditions:
            if not condition.phases:
                # the short title where the guide gives one: « Trouver les moyens » reads
                # whole in the sidebar, « Valoriser les res… » did not
                self._add(self.root, condition.nom_court, condition.etapes)
                continue
            if not any(e in self.guide.etapes for e in condition.toutes_etapes):
                continue
            branch = self.root.add(condition.titre, expand=True)
            self._titres[branch] = condition.titre
            self._etapes[branch] = tuple(
                e for e in condition.toutes_etapes if e in self.guide.etapes
            )
            if condition.etapes:
                for etape_id in condition.etapes:
                    self._add(branch, self._titre(etape_id), (etape_id,))
            for phase in condition.phases:
                self._add(branch, phase.titre, phase.etapes)

    def actualiser(self, progress: dict[str, tuple[int, int]], courante: str) -> None:
        """Update every label: progress, and the marker of the current step."""
        self.courante = courante
        self._progress = progress
        for node, titre in self._titres.items():
            etapes = self._etapes[node]
            done = sum(progress.get(e, (0, 0))[0] for e in etapes)
            total = sum(progress.get(e, (0, 0))[1] for e in etapes)
            current = node.data == courante and node.data is not None
            compte = f" {done}/{total}" if total else ""
            place = self._place(node) - len(compte) - (len(MARQUE) if current else 0)
            if len(titre) > place > 3:
                titre = titre[: place - 1].rstrip() + "…"
            label = Text()
            if current:
                label.append(MARQUE, style="bold")
            label.append(titre, style="bold" if current else "")
            if compte:
                style = "sommaire--complet" if done == total else "sommaire--compte"
                label.append(compte, style=self.get_component_rich_style(style, partial=True))
            if label != node.label:
                node.set_label(label)

    def on_resize(self) -> None:
        if self._progress:
            self.actualiser(self._progress, self.courante)

    def _place(self, node: TreeNode[str]) -> int:
        """Columns left for a node's label (guides and the expand icon take the rest)."""
        largeur = self.scrollable_content_region.width or 24
        depth = 0
        parent = node.parent
        while parent is not None and parent is not self.root:
            depth += 1
            parent = parent.parent
        icone = 2 if node.allow_expand else 0
        return largeur - depth * self.guide_depth - icone - 1

    def montrer(self, etape_id: str) -> None:
        """Put the tree's cursor on a step."""
        node = self._noeud_etape.get(etape_id)
        if node is not None and node.line >= 0 and self.cursor_node is not node:
            self.move_cursor(node)

    COMPONENT_CLASSES = Tree.COMPONENT_CLASSES | {"sommaire--complet", "sommaire--compte"}

    DEFAULT_CSS = """
    Sommaire > .sommaire--complet { color: $success; }
    Sommaire > .sommaire--compte { color: $text-muted; }
    """

    @on(Tree.NodeSelected)
    def _selected(self, event: Tree.NodeSelected[str]) -> None:
        event.stop()
        if event.node.data:
            self.post_message(self.EtapeChoisie(event.node.data))
