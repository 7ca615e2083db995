"""A tab's process: stopped with SIGHUP, which the App answers by saving (exit code 0)."""

from __future__ import annotations

import asyncio

import aiohttp
from aiohttp.test_utils import TestClient, TestServer

from coopwizard import store
from coopwizard.models import Projet
from coopwizard.serveur import projets as lesprojets
from screens.serveur.application import ServeurCoop
from tests.web.conftest import dans_un_fil


async def _ouvrir(tmp_path, inactivite: float):
    chemin = tmp_path / "fete.toml"
    store.save(Projet(nom="Fête"), chemin)
    (projet,) = lesprojets.preparer(lesprojets.trouver(chemin, None)[0])
    serveur = ServeurCoop([projet], etat=tmp_path / "postes", inactivite=inactivite)
    client = TestClient(TestServer(await serveur.application()))
    await client.start_server()
    await client.get("/fete/", params={"jeton": projet.jeton})
    ws = await client.ws_connect("/fete/ws?width=100&height=30",
                                 headers={"Origin": str(client.make_url("")).rstrip("/")})
    return serveur, client, ws


async def _jusqu_a_la_fin(ws) -> aiohttp.WSMessage:
    async for message in ws:
        if message.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED):
            return message
    return ws  # closed without a close frame


@dans_un_fil
async def test_an_idle_tab_is_saved_and_closed(tmp_path):
    serveur, client, ws = await _ouvrir(tmp_path, inactivite=1.0)
    try:
        (onglet,) = serveur.onglets
        await _jusqu_a_la_fin(ws)
        assert ws.close_code == 4000
        assert onglet.raison == "inactivite"
        code = await asyncio.wait_for(onglet.processus.wait(), 30)
        assert code == 0  # SIGHUP handled by the App: saved, then a clean exit
    finally:
        await client.close()


@dans_un_fil
async def test_stopping_the_server_saves_each_open_tab_and_waits_for_it(tmp_path):
    serveur, client, ws = await _ouvrir(tmp_path, inactivite=600)
    (onglet,) = serveur.onglets
    async for message in ws:  # the wizard is drawn: the App is running
        if message.type == aiohttp.WSMsgType.BINARY and b"Comment s" in message.data:
            break
    await client.close()  # what Ctrl+C does: the application's shutdown
    assert onglet.raison == "arret"
    assert onglet.processus.returncode == 0
    assert serveur.non_enregistres == 0
