"""What a browser tab shows, read as the user sees it.

The page draws the terminal in a canvas (xterm.js): its text is not in the DOM.
`Ecran` listens to the tab's websocket instead, and feeds what the server sends
into a terminal emulator (pyte) of the size the page asked for.
"""

from __future__ import annotations

import codecs
import json
import time
from urllib.parse import parse_qs, urlsplit

import pyte
from playwright.sync_api import Page, WebSocket


class Ecran:
    def __init__(self, page: Page) -> None:
        self.page = page
        self.screen: pyte.Screen | None = None
        self.stream: pyte.Stream | None = None
        self.ferme = False
        self._decode = codecs.getincrementaldecoder("utf-8")("replace").decode
        page.on("websocket", self._ouvert)

    def _ouvert(self, socket: WebSocket) -> None:
        query = parse_qs(urlsplit(socket.url).query)
        self.screen = pyte.Screen(int(query["width"][0]), int(query["height"][0]))
        self.stream = pyte.Stream(self.screen)
        self._decode = codecs.getincrementaldecoder("utf-8")("replace").decode
        self.ferme = False
        socket.on("framereceived", self._recu)
        socket.on("framesent", self._envoye)
        socket.on("close", lambda _: setattr(self, "ferme", True))

    def _recu(self, payload: bytes | str) -> None:
        if isinstance(payload, bytes) and self.stream is not None:
            self.stream.feed(self._decode(payload))

    def _envoye(self, payload: bytes | str) -> None:
        if isinstance(payload, str) and payload.startswith('["resize"') and self.screen:
            taille = json.loads(payload)[1]
            self.screen.resize(taille["height"], taille["width"])

    def texte(self) -> str:
        return "" if self.screen is None else "\n".join(l.rstrip() for l in self.screen.display)

    def mots(self) -> str:
        """The screen's words, borders left out (a dialog wraps its text)."""
        texte = "".join(" " if "\u2500" <= c <= "\u259f" else c for c in self.texte())
        return " ".join(texte.split())

    def cliquer(self, texte: str, lignes: int = 0) -> None:
        """A mouse click `lignes` rows below the first `texte` on the screen."""
        assert self.screen is not None
        for ligne, contenu in enumerate(self.screen.display):
            if texte in contenu:
                colonne = contenu.index(texte) + 2
                break
        else:
            raise AssertionError(f"pas à l'écran : {texte!r}\n{self.texte()}")
        boite = self.page.locator(".xterm-screen").bounding_box()
        assert boite is not None
        largeur = boite["width"] / self.screen.columns
        hauteur = boite["height"] / self.screen.lines
        self.page.mouse.click(boite["x"] + (colonne + 0.5) * largeur,
                              boite["y"] + (ligne + lignes + 0.5) * hauteur)

    def attendre(self, condition, timeout: float = 30.0) -> None:
        fin = time.monotonic() + timeout
        while not condition():
            if time.monotonic() > fin:
                raise AssertionError(f"l'écran n'a pas changé comme attendu :\n{self.texte()}")
            self.page.wait_for_timeout(50)

    def voir(self, *textes: str, timeout: float = 30.0) -> str:
        """Wait until one of `textes` is on the screen; returns it."""
        fin = time.monotonic() + timeout
        while True:
            mots = self.mots()
            for texte in textes:
                if texte in self.texte() or " ".join(texte.split()) in mots:
                    return texte
            if time.monotonic() > fin:
                raise AssertionError(f"pas à l'écran : {textes!r}\n{self.texte()}")
            self.page.wait_for_timeout(50)  # lets Playwright deliver the next frames
