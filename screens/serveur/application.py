"""The aiohttp application of `coopwizard serve`: one page, its static files and its
websocket per project, behind the rules of securite.py.

Built on textual-serve's `Server` (its static files, its downloads, its
reading of the browser's messages); the page is ours (French, the project's
name as title, no font fetched from another site) and so is the websocket's
handler, which starts an `Onglet` and stops it with SIGHUP when the tab goes.
"""

from __future__ import annotations

import asyncio
import contextlib
import html
import json
import logging
import re
import secrets
import time
from importlib.resources import files
from pathlib import Path
from string import Template
from urllib.parse import urlsplit

from aiohttp import web
from textual_serve.server import Server, to_int

from screens.serveur.onglets import Onglet, Postes
from coopwizard.serveur.projets import ProjetServi
from coopwizard.serveur.securite import PROJET, Gardien, Limiteur

log = logging.getLogger("coopwizard.serveur")

COOKIE_POSTE = "coopwizard-poste"
"""Names the browser (random, no token): its tabs' state folders (onglets.Postes)."""
_POSTE = re.compile(r"[A-Za-z0-9_-]{22}")
ONGLETS_MAX = 40
"""Tabs open at once on the server (each is a process)."""

RAISONS = {
    "fin": "Vous avez quitté coopwizard : vos réponses sont enregistrées.",
    "inactivite": "L'onglet est resté sans activité trop longtemps : vos réponses ont été "
                  "enregistrées et la session fermée.",
    "arret": "Le serveur coopwizard s'est arrêté : vos réponses ont été enregistrées.",
    "echec": "coopwizard n'a pas pu ouvrir ce projet (la raison est affichée dans le "
             "terminal du serveur).",
    "complet": "Trop d'onglets sont ouverts sur ce serveur : fermez-en un, puis rouvrez "
               "le projet.",
    "coupure": "La connexion avec le serveur est coupée. Ce qui avait été tapé est "
               "enregistré ; rouvrez le projet pour continuer.",
}


def _page() -> Template:
    return Template(files("screens.serveur").joinpath("page.html").read_text("utf-8"))


class ServeurCoop(Server):
    """textual-serve's Server, for the projects given, each behind its own token."""

    def __init__(self, projets: list[ProjetServi], *, etat: Path,
                 url_publique: str | None = None, inactivite: float = 3600.0,
                 limiteur: Limiteur | None = None, onglets_max: int = ONGLETS_MAX) -> None:
        super().__init__("coopwizard", public_url=url_publique or "")
        self.projets = projets
        self.url_publique = url_publique.rstrip("/") if url_publique else None
        self.gardien = Gardien(projets, self.url_publique, limiteur)
        self.postes = Postes(etat)
        self.inactivite = inactivite
        self.onglets_max = onglets_max
        self.onglets: set[Onglet] = set()
        self._page = _page()
        self._veille: asyncio.Task[None] | None = None
        self.non_enregistres = 0
        """Tabs stopped with the server whose process said it could not save (exit code)."""

    async def _make_app(self) -> web.Application:
        app = web.Application(middlewares=[self.gardien.middleware])
        for projet in self.projets:
            racine = f"/{projet.slug}"
            app.router.add_get(racine, self.vers_la_page)
            app.router.add_get(f"{racine}/", self.handle_index)
            app.router.add_get(f"{racine}/ws", self.handle_websocket)
            app.router.add_static(f"{racine}/static", self.statics_path)
        app.router.add_get("/download/{key}", self.handle_download)
        app.on_startup.append(self.on_startup)
        app.on_shutdown.append(self.on_shutdown)
        return app

    async def application(self) -> web.Application:
        return await self._make_app()

    # -- the page ---------------------------------------------------------------

    async def vers_la_page(self, request: web.Request) -> web.Response:
        raise web.HTTPFound(f"{request[PROJET].slug}/")  # relative: fine behind a proxy

    def adresse_websocket(self, request: web.Request, projet: ProjetServi) -> str:
        if self.url_publique:
            parts = urlsplit(self.url_publique)
            schema = "wss" if parts.scheme == "https" else "ws"
            return f"{schema}://{parts.netloc}{parts.path}/{projet.slug}/ws"
        schema = "wss" if request.secure else "ws"
        return f"{schema}://{request.host}/{projet.slug}/ws"

    async def handle_index(self, request: web.Request) -> web.Response:
        projet: ProjetServi = request[PROJET]
        raisons = json.dumps(RAISONS, ensure_ascii=False).replace("<", "\\u003c")
        texte = self._page.substitute(
            titre=html.escape(projet.titre),
            raisons=raisons,
            websocket=html.escape(self.adresse_websocket(request, projet)),
            taille=max(8, min(to_int(request.query.get("taille", "16"), 16), 40)),
        )
        reponse = web.Response(text=texte, content_type="text/html", charset="utf-8",
                               headers={"Cache-Control": "no-store"})
        if not _POSTE.fullmatch(request.cookies.get(COOKIE_POSTE, "")):
            reponse.set_cookie(COOKIE_POSTE, secrets.token_urlsafe(16), path="/",
                               max_age=400 * 24 * 3600, httponly=True, samesite="Strict",
                               secure=self.gardien.cookie_securise(request))
        return reponse

    # -- one tab ------------------------------------------------------------------

    async def handle_websocket(self, request: web.Request) -> web.StreamResponse:
        projet: ProjetServi = request[PROJET]
        websocket = web.WebSocketResponse(heartbeat=15)  # a vanished browser is noticed
        await websocket.prepare(request)
        if len(self.onglets) >= self.onglets_max:
            await websocket.close(code=4000, message=b"complet")
            return websocket
        poste = request.cookies.get(COOKIE_POSTE, "")
        if not _POSTE.fullmatch(poste):
            poste = secrets.token_urlsafe(16)  # no cookie (refused by the browser): alone
        home, place = self.postes.prendre(poste, projet.slug)
        onglet: Onglet

        async def fermer() -> None:
            await websocket.close(code=4000, message=onglet.raison.encode())

        onglet = Onglet(projet, home, write_bytes=websocket.send_bytes,
                        write_str=websocket.send_str, close=fermer,
                        download_manager=self.download_manager)
        self.onglets.add(onglet)
        try:
            width = max(20, min(to_int(request.query.get("width", "80"), 80), 1000))
            height = max(10, min(to_int(request.query.get("height", "24"), 24), 1000))
            await onglet.start(width, height)
            lecture = asyncio.create_task(self._process_messages(websocket, onglet))
            assert onglet._task is not None
            await asyncio.wait({lecture, onglet._task}, return_when=asyncio.FIRST_COMPLETED)
            lecture.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await lecture
        except Exception as error:  # noqa: BLE001 - a tab's failure never stops the server
            log.exception(error)
        finally:
            await onglet.stop()  # SIGHUP: saved as when a terminal is closed
            processus = onglet.processus
            if processus is not None and processus.returncode not in (0, None) \
                    and onglet.raison == "fin":
                onglet.raison = "echec"
            self.onglets.discard(onglet)
            self.postes.rendre(place)
            if not websocket.closed:
                await fermer()
        return websocket

    # -- idle tabs, start and stop ---------------------------------------------------

    async def _surveiller_inactivite(self) -> None:
        while True:
            await asyncio.sleep(max(0.2, min(self.inactivite / 4, 30.0)))
            maintenant = time.monotonic()
            for onglet in list(self.onglets):
                if onglet.pret and maintenant - onglet.derniere_activite > self.inactivite:
                    onglet.raison = "inactivite"
                    onglet.raccrocher()

    async def on_startup(self, app: web.Application) -> None:
        self._veille = asyncio.create_task(self._surveiller_inactivite())

    async def on_shutdown(self, app: web.Application) -> None:
        """Ctrl+C: every open tab saves (SIGHUP) before the server stops; waits for all."""
        if self._veille is not None:
            self._veille.cancel()
        onglets = list(self.onglets)
        for onglet in onglets:
            onglet.raison = "arret"
        await asyncio.gather(*(o.stop() for o in onglets), return_exceptions=True)
        self.non_enregistres += sum(1 for o in onglets
                                    if o.processus is not None and o.processus.returncode)
