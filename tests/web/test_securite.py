"""The rules of coopwizard.serveur.securite, on the real aiohttp application (in-process)."""

from __future__ import annotations

import contextlib
import os
import stat

import aiohttp
import pytest
from aiohttp.test_utils import TestClient, TestServer

from coopwizard import store
from coopwizard.models import Projet
from coopwizard.serveur import projets as lesprojets
from screens.serveur.application import ServeurCoop
from coopwizard.serveur.securite import Limiteur
from tests.web.conftest import dans_un_fil


class Horloge:
    def __init__(self) -> None:
        self.t = 1000.0

    def __call__(self) -> float:
        return self.t


@pytest.fixture
def servis(tmp_path):
    for nom, titre in (("fete", "Fête des Lilas"), ("autre", "</title><script>alert(1)</script>")):
        store.save(Projet(nom=titre), tmp_path / f"{nom}.toml")
    trouves, _ = lesprojets.trouver(None, tmp_path)
    return {p.slug: p for p in lesprojets.preparer(trouves)}


@pytest.fixture
def horloge():
    return Horloge()


@contextlib.asynccontextmanager
async def client_de(servis, tmp_path, horloge):
    serveur = ServeurCoop(list(servis.values()), etat=tmp_path / "postes",
                          limiteur=Limiteur(horloge=horloge), inactivite=600)
    async with TestClient(TestServer(await serveur.application())) as client:
        client.serveur = serveur
        yield client


async def refuse(reponse, status: int = 403) -> None:
    assert reponse.status == status
    assert "lien" in await reponse.text()  # a French sentence, not aiohttp's English


@dans_un_fil
async def test_without_the_token_page_static_files_websocket_are_refused(servis, tmp_path, horloge):
    async with client_de(servis, tmp_path, horloge) as client:
        for adresse in ("/fete/", "/fete", "/fete/static/js/textual.js", "/fete/static/css/xterm.css",
                        "/", "/inconnu/", "/download/abc", "/static/js/textual.js"):
            await refuse(await client.get(adresse))
        with pytest.raises(aiohttp.WSServerHandshakeError) as refus:
            await client.ws_connect("/fete/ws", headers={"Origin": str(client.make_url(""))})
        assert refus.value.status == 403


@dans_un_fil
async def test_a_wrong_token_is_refused(servis, horloge, tmp_path):
    async with client_de(servis, tmp_path, horloge) as client:
        juste = servis["fete"].jeton
        faux = juste[:-1] + ("A" if juste[-1] != "A" else "B")
        for jeton in (faux, "", "é", juste + "x", juste[:-1]):
            await refuse(await client.get("/fete/", params={"jeton": jeton}))
            horloge.t += 61  # not slowed down here (see the test below)
        client.session.cookie_jar.update_cookies({"coopwizard-fete": faux})
        await refuse(await client.get("/fete/"))


@dans_un_fil
async def test_the_token_of_another_project_is_refused(servis, tmp_path, horloge):
    async with client_de(servis, tmp_path, horloge) as client:
        autre = servis["autre"].jeton
        await refuse(await client.get("/fete/", params={"jeton": autre}))
        client.session.cookie_jar.update_cookies({"coopwizard-fete": autre, "coopwizard-autre": autre})
        await refuse(await client.get("/fete/"))
        await refuse(await client.get("/fete/static/js/textual.js"))
        assert (await client.get("/autre/")).status == 200  # that token opens its own project


@dans_un_fil
async def test_the_link_leaves_a_strict_cookie_and_moves_to_the_clean_address(servis, tmp_path, horloge):
    async with client_de(servis, tmp_path, horloge) as client:
        reponse = await client.get("/fete/", params={"jeton": servis["fete"].jeton})
        assert reponse.status == 200
        cookie = reponse.headers["Set-Cookie"]
        for attribut in ("HttpOnly", "SameSite=Strict", "Path=/"):
            assert attribut in cookie
        assert reponse.headers["Referrer-Policy"] == "no-referrer"
        assert 'http-equiv="refresh" content="0; url=./"' in await reponse.text()
        page = await client.get("/fete/")  # the cookie alone now
        texte = await page.text()
        assert page.status == 200 and "<title>Fête des Lilas · coopwizard</title>" in texte
        assert 'lang="fr"' in texte and "googleapis" not in texte  # nothing fetched elsewhere
        assert (await client.get("/fete/static/js/textual.js")).status == 200


@dans_un_fil
async def test_a_hostile_project_name_is_escaped_in_the_page(servis, tmp_path, horloge):
    async with client_de(servis, tmp_path, horloge) as client:
        await client.get("/autre/", params={"jeton": servis["autre"].jeton})
        texte = await (await client.get("/autre/")).text()
        assert "<script>alert(1)" not in texte
        assert "&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;" in texte


@dans_un_fil
async def test_the_websocket_refuses_a_foreign_origin(servis, tmp_path, horloge):
    async with client_de(servis, tmp_path, horloge) as client:
        await client.get("/fete/", params={"jeton": servis["fete"].jeton})
        for entetes in ({"Origin": "http://evil.example"}, {"Origin": "null"}, {}):
            with pytest.raises(aiohttp.WSServerHandshakeError) as refus:
                await client.ws_connect("/fete/ws", headers=entetes, origin=None)
            assert refus.value.status == 403
        assert client.serveur.onglets == set()  # no process was started for them
        origine = str(client.make_url("")).rstrip("/")
        ws = await client.ws_connect("/fete/ws", headers={"Origin": origine})  # its own page: yes
        await ws.close()


@dans_un_fil
async def test_wrong_tokens_are_slowed_down_even_before_the_right_one(servis, horloge, tmp_path):
    async with client_de(servis, tmp_path, horloge) as client:
        juste = servis["fete"].jeton
        for _ in range(10):  # the browser's own requests without a token never count
            await client.get("/favicon.ico")
        assert (await client.get("/fete/", params={"jeton": juste})).status == 200
        client.session.cookie_jar.clear()
        for n in range(5):
            await refuse(await client.get("/fete/", params={"jeton": f"faux{n}"}))
        trop = await client.get("/fete/", params={"jeton": juste})
        assert trop.status == 429 and "Trop de liens faux" in await trop.text()
        horloge.t += 61
        assert (await client.get("/fete/", params={"jeton": juste})).status == 200


def test_tokens_are_long_random_private_and_kept(servis, tmp_path):
    jetons = {p.jeton for p in servis.values()}
    assert len(jetons) == 2 and all(len(j) >= 32 for j in jetons)  # 192 bits in base64url
    fichier = lesprojets.fichier_des_jetons()
    assert stat.S_IMODE(os.stat(fichier).st_mode) == 0o600
    trouves, _ = lesprojets.trouver(None, tmp_path)
    assert {p.jeton for p in lesprojets.preparer(trouves)} == jetons  # links still work
    nouveaux = {p.jeton for p in lesprojets.preparer(trouves, nouveaux=True)}
    assert nouveaux.isdisjoint(jetons)
