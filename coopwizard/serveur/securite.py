"""The rules every request to `coopwizard serve` goes through (one aiohttp middleware).

- Every address is under a project's own `/<slug>/`; a request for it must
  carry that project's token: in the link (`?jeton=`), or after the first visit
  in the cookie the link left (HttpOnly, SameSite=Strict). Anything else, even an
  address that does not exist, gets the same 403: a refusal says nothing of what
  is served.
- The link's visit answers with a page that moves to the clean address: the
  token leaves the address bar (and the history, the screen shared in a meeting).
- The websocket also needs an `Origin` of this server (cross-site WebSocket
  hijacking: a foreign page cannot drive a tab with the user's cookie).
- Tokens are compared in constant time; an address that presents wrong tokens
  too often is refused for a while (429), even with the right one.
"""

from __future__ import annotations

import hmac
import html
import time
from collections import defaultdict, deque
from collections.abc import Awaitable, Callable
from urllib.parse import urlsplit

from aiohttp import web

from coopwizard.serveur.projets import ProjetServi

PARAMETRE = "jeton"
ESSAIS_MAX = 5
"""Wrong tokens allowed from one address within `FENETRE` seconds."""
FENETRE = 60.0

ENTETES = {
    "Referrer-Policy": "no-referrer",  # the link's token never goes to another site
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Content-Security-Policy": "frame-ancestors 'none'",
}

_REFUS = """<!DOCTYPE html>
<html lang="fr"><head><meta charset="utf-8"><title>{titre}</title></head>
<body style="font-family: sans-serif; max-width: 40em; margin: 3em auto; line-height: 1.5">
<h1>{titre}</h1><p>{texte}</p></body></html>
"""

REFUS_LIEN = (
    "Ce lien ne permet pas d'ouvrir un projet. Ouvrez le lien complet que vous avez reçu, "
    "tel quel (il se termine par « ?jeton=… ») ; s'il ne marche plus, demandez-en un "
    "nouveau à la personne qui vous l'a envoyé."
)
REFUS_ESSAIS = (
    "Trop de liens faux ont été essayés depuis cette adresse : réessayez dans une minute "
    "avec le lien complet que vous avez reçu."
)


def nom_du_cookie(slug: str) -> str:
    return f"coopwizard-{slug}"


def page_de_refus(status: int, texte: str) -> web.Response:
    titre = "Accès refusé" if status == 403 else "Trop d'essais"
    return web.Response(status=status, content_type="text/html", charset="utf-8",
                        text=_REFUS.format(titre=titre, texte=html.escape(texte)),
                        headers={**ENTETES, "Cache-Control": "no-store"})


def meme_jeton(donne: str, attendu: str) -> bool:
    """Constant time: how long the comparison takes says nothing of the right token."""
    return hmac.compare_digest(donne.encode("utf-8", "surrogatepass"),
                               attendu.encode("utf-8"))


def origine(url: str) -> str:
    """"https://Asso.example.org/coop/" -> "https://asso.example.org"."""
    parts = urlsplit(url)
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}"


class Limiteur:
    """Wrong tokens per address, over a sliding window (`horloge` is injectable for tests)."""

    def __init__(self, essais: int = ESSAIS_MAX, fenetre: float = FENETRE,
                 horloge: Callable[[], float] = time.monotonic) -> None:
        self.essais, self.fenetre, self.horloge = essais, fenetre, horloge
        self._echecs: dict[str, deque[float]] = defaultdict(deque)

    def _recents(self, adresse: str) -> deque[float]:
        echecs = self._echecs[adresse]
        limite = self.horloge() - self.fenetre
        while echecs and echecs[0] < limite:
            echecs.popleft()
        if not echecs:
            del self._echecs[adresse]  # memory stays bounded by the addresses still failing
        return echecs

    def bloque(self, adresse: str) -> bool:
        return len(self._recents(adresse)) >= self.essais

    def echec(self, adresse: str) -> None:
        self._recents(adresse)
        self._echecs[adresse].append(self.horloge())


PROJET = web.RequestKey("projet", ProjetServi)
"""The project a request was let through for (set by the middleware)."""

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


class Gardien:
    """Decides, for each request, whether it reaches the application."""

    def __init__(self, projets: list[ProjetServi], url_publique: str | None = None,
                 limiteur: Limiteur | None = None) -> None:
        self.projets = {p.slug: p for p in projets}
        self.url_publique = url_publique
        self.limiteur = limiteur or Limiteur()

    def origines(self, request: web.Request) -> set[str]:
        if self.url_publique:
            return {origine(self.url_publique)}
        return {f"{request.scheme}://{request.host}".lower()}

    def cookie_securise(self, request: web.Request) -> bool:
        return (self.url_publique or "").startswith("https:") or request.secure

    def projet_du_cookie(self, request: web.Request) -> ProjetServi | None:
        """The project one of the request's cookies opens (for /download)."""
        for projet in self.projets.values():
            donne = request.cookies.get(nom_du_cookie(projet.slug))
            if donne is not None and meme_jeton(donne, projet.jeton):
                return projet
        return None

    @web.middleware
    async def middleware(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        reponse = await self._filtrer(request, handler)
        for nom, valeur in ENTETES.items():
            reponse.headers.setdefault(nom, valeur)
        return reponse

    async def _filtrer(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        adresse = request.remote or "?"
        if self.limiteur.bloque(adresse):
            return page_de_refus(429, REFUS_ESSAIS)
        premier, _, reste = request.path.lstrip("/").partition("/")
        if premier == "download":  # textual-serve's downloads: the key, and one of our cookies
            if self.projet_du_cookie(request) is None:
                return self._refus(adresse, essai=False)
            return await handler(request)
        projet = self.projets.get(premier)
        donne_lien = request.query.get(PARAMETRE)
        if projet is None:
            return self._refus(adresse, essai=donne_lien is not None)
        donne = donne_lien if donne_lien is not None else request.cookies.get(
            nom_du_cookie(projet.slug))
        if donne is None or not meme_jeton(donne, projet.jeton):
            return self._refus(adresse, essai=donne is not None)
        if reste == "ws":
            if request.headers.get("Origin", "").lower() not in self.origines(request):
                return page_de_refus(403, REFUS_LIEN)
        elif donne_lien is not None and reste == "":
            return self._poser_cookie(request, projet)
        request[PROJET] = projet
        return await handler(request)

    def _refus(self, adresse: str, *, essai: bool) -> web.Response:
        if essai:  # a wrong token was presented (not a mere favicon.ico): it counts
            self.limiteur.echec(adresse)
        return page_de_refus(403, REFUS_LIEN)

    def _poser_cookie(self, request: web.Request, projet: ProjetServi) -> web.Response:
        """The link's first visit: keep the token in a cookie, go on to the clean address.

        A page that moves on rather than a 303: after a link followed from a webmail (a
        cross-site navigation), browsers do not send a SameSite=Strict cookie on the
        redirect; they do on a navigation started by our own page.
        """
        suite = "./" if request.path.endswith("/") else f"{projet.slug}/"
        reponse = web.Response(
            content_type="text/html", charset="utf-8",
            text=('<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8">'
                  f'<meta http-equiv="refresh" content="0; url={suite}">'
                  f"<title>{html.escape(projet.titre)}</title></head>"
                  f'<body><p>Ouverture du projet… <a href="{suite}">continuer</a></p></body></html>'),
            headers={"Cache-Control": "no-store"},
        )
        reponse.set_cookie(nom_du_cookie(projet.slug), projet.jeton, path="/",
                           httponly=True, samesite="Strict",
                           secure=self.cookie_securise(request))
        return reponse
