"""Command palette (Ctrl+P): jump to any step of the guide, open the checklist or a document."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider


class CommandesEtapes(Provider):
    """"Aller à l'étape : …" for every step, and the documents, when a project is open."""

    def _commandes(self) -> list[tuple[str, str, Callable[[], object]]]:
        app = self.app
        wizard = getattr(app, "wizard", None)
        if wizard is None:
            return []
        from screens import navigation

        guide = wizard.guide
        commandes: list[tuple[str, str, Callable[[], object]]] = [
            (f"Aller à l'étape : {guide.etapes[etape_id].titre}", wizard.chemin(etape_id),
             partial(app.aller_a, etape_id))  # type: ignore[attr-defined]
            for etape_id in navigation.ordre(guide)
        ]
        commandes += [
            ("Ouvrir la checklist", "ce qui est fait, ce qui reste, ce qui va contre "
             "les conseils du guide (F7)", wizard.action_checklist),
            ("Aperçu et export des documents", "fiche projet, planning, budget, évaluation, "
             "relevé de décision, convention... (F8)", wizard.action_fiche),
            ("Historique des versions", "les versions gardées sur cet ordinateur ; en restaurer "
             "une (F10)", wizard.action_historique),
        ]
        return commandes

    async def discover(self) -> Hits:
        for texte, aide, action in self._commandes():
            yield DiscoveryHit(texte, action, help=aide)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for texte, aide, action in self._commandes():
            score = max(matcher.match(texte), matcher.match(aide))
            if score > 0:
                yield Hit(score, matcher.highlight(texte), action, help=aide)
