"""Command palette (Ctrl+P): jump to any step of the guide."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider


class CommandesEtapes(Provider):
    """"Aller à l'étape : …" for every step, when a project is open."""

    def _etapes(self) -> list[tuple[str, str, str]]:
        app = self.app
        wizard = getattr(app, "wizard", None)
        if wizard is None:
            return []
        from screens import navigation

        guide = wizard.guide
        return [
            (etape_id, f"Aller à l'étape : {guide.etapes[etape_id].titre}",
             wizard.chemin(etape_id))
            for etape_id in navigation.ordre(guide)
        ]

    def _aller(self, etape_id: str) -> None:
        self.app.aller_a(etape_id)  # type: ignore[attr-defined]

    async def discover(self) -> Hits:
        for etape_id, texte, aide in self._etapes():
            yield DiscoveryHit(texte, partial(self._aller, etape_id), help=aide)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for etape_id, texte, aide in self._etapes():
            score = max(matcher.match(texte), matcher.match(aide))
            if score > 0:
                yield Hit(score, matcher.highlight(texte), partial(self._aller, etape_id), help=aide)
