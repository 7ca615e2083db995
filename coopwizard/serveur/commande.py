"""`coopwizard serve`: its options, and running the server until Ctrl+C.

Light to import (cli.py builds every command's options at each start): aiohttp
and textual-serve are imported only when the server starts.
"""

from __future__ import annotations

import argparse
import sys

AIDE = ("ouvre l'assistant dans un navigateur : donne un lien secret par projet, à envoyer "
        "aux partenaires")
EPILOGUE = """\
Par défaut, le serveur n'est joignable que depuis cet ordinateur (127.0.0.1).
Pour une réunion : --host 0.0.0.0, puis envoyez le lien affiché aux participants
du même réseau. Pour héberger plusieurs associations, placez-le derrière un proxy
inverse en HTTPS et donnez son adresse avec --url-publique (voir le README).
Chaque onglet ouvert enregistre quand on le ferme ; Ctrl+C arrête le serveur
après avoir enregistré tous les onglets ouverts."""


def add_command(sub) -> None:
    command = sub.add_parser("serve", help=AIDE, description=AIDE, epilog=EPILOGUE,
                             formatter_class=argparse.RawDescriptionHelpFormatter)
    command.add_argument("fichier", metavar="FICHIER", nargs="?",
                         help="le fichier du projet (.toml)")
    command.add_argument("--dossier", metavar="DOSSIER",
                         help="propose chaque projet de ce dossier, chacun avec son lien")
    command.add_argument("--port", type=int, default=8000,
                         help="port d'écoute (par défaut : 8000 ; 0 : un port libre)")
    command.add_argument("--host", default="127.0.0.1",
                         help="adresse d'écoute (par défaut : 127.0.0.1, cet ordinateur "
                              "seulement ; 0.0.0.0 : tout le réseau)")
    command.add_argument("--url-publique", metavar="URL",
                         help="l'adresse du proxy inverse devant coopwizard, pour écrire "
                              "les liens (ex. : https://asso.example.org/coopwizard)")
    command.add_argument("--inactivite", metavar="MINUTES", type=float, default=60.0,
                         help="un onglet sans activité pendant ce temps est enregistré et "
                              "fermé (par défaut : 60)")
    command.add_argument("--nouveaux-liens", action="store_true",
                         help="tire de nouveaux liens secrets (les anciens ne marchent plus)")
    command.set_defaults(handler=cmd_serve)


def _local(host: str) -> bool:
    import ipaddress

    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def adresse_du_reseau() -> str | None:
    """This computer's address on its network (what partners in the room type), if any."""
    import ipaddress
    import socket

    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sonde:
        try:
            sonde.connect(("192.0.2.1", 9))  # nothing is sent: it only picks the interface
            adresse = sonde.getsockname()[0]
        except OSError:
            return None
    return None if ipaddress.ip_address(adresse).is_loopback else adresse


def base_des_liens(host: str, port: int, url_publique: str | None) -> str:
    if url_publique:
        return url_publique.rstrip("/")
    if host in ("0.0.0.0", "::", ""):
        host = adresse_du_reseau() or "127.0.0.1"
    if ":" in host:
        host = f"[{host}]"
    return f"http://{host}:{port}"


def _erreur(message: str) -> int:
    print(message, file=sys.stderr)
    return 2


def cmd_serve(args: argparse.Namespace) -> int:
    from coopwizard.paths import typed_path
    from coopwizard.serveur import projets as lesprojets

    if (args.fichier is None) == (args.dossier is None):
        return _erreur("coopwizard serve : donnez soit un fichier de projet, soit "
                       "--dossier DOSSIER (pas les deux).")
    if args.url_publique and not args.url_publique.startswith(("http://", "https://")):
        return _erreur(f"--url-publique : « {args.url_publique} » n'est pas une adresse web "
                       "(elle commence par https://).")
    if not 0 <= args.port <= 65535:
        return _erreur(f"--port : {args.port} n'est pas un port (de 1 à 65535).")
    if args.inactivite <= 0:
        return _erreur("--inactivite : donnez un nombre de minutes plus grand que 0.")
    try:
        trouves, ecartes = lesprojets.trouver(
            typed_path(args.fichier) if args.fichier else None,
            typed_path(args.dossier) if args.dossier else None)
    except lesprojets.ProjetIntrouvable as err:
        return _erreur(str(err))
    for phrase in ecartes:
        print(phrase, file=sys.stderr)
    servis = lesprojets.preparer(trouves, nouveaux=args.nouveaux_liens)
    if not _local(args.host):
        print(f"Attention : le serveur écoute sur {args.host}, il est joignable depuis le "
              "réseau. Le lien secret est la seule protection, et sans HTTPS il circule en "
              "clair : ne l'utilisez ainsi que sur un réseau de confiance (une réunion), ou "
              "placez coopwizard derrière un proxy inverse en HTTPS (voir le README).",
              file=sys.stderr)
    import asyncio

    try:
        return asyncio.run(_servir(servis, args))
    except KeyboardInterrupt:
        return 130


async def _servir(servis, args: argparse.Namespace) -> int:
    import asyncio
    import signal

    from aiohttp import web

    from coopwizard.paths import state_dir
    from screens.serveur.application import ServeurCoop

    serveur = ServeurCoop(servis, etat=state_dir() / "serveur" / "postes",
                          url_publique=args.url_publique, inactivite=args.inactivite * 60)
    runner = web.AppRunner(await serveur.application(), handle_signals=False,
                           access_log=None, shutdown_timeout=30)
    await runner.setup()
    try:
        site = web.TCPSite(runner, args.host, args.port)
        await site.start()
    except OSError as err:
        await runner.cleanup()
        from coopwizard.store.errors import os_reason

        return _erreur(f"Impossible d'écouter sur {args.host}:{args.port} : {os_reason(err)}. "
                       "Choisissez un autre port avec --port.")
    port = runner.addresses[0][1]
    base = base_des_liens(args.host, port, args.url_publique)
    print("coopwizard est ouvert dans le navigateur. Lien à envoyer pour chaque projet "
          "(il ouvre ce projet seulement) :")
    for projet in servis:
        print(f"  {projet.titre} : {base}/{projet.slug}/?jeton={projet.jeton}")
    print("Ctrl+C arrête le serveur (les onglets ouverts sont enregistrés d'abord).",
          flush=True)
    arret = asyncio.Event()
    boucle = asyncio.get_running_loop()
    for nom in ("SIGINT", "SIGTERM", "SIGHUP"):
        if hasattr(signal, nom):
            boucle.add_signal_handler(getattr(signal, nom), arret.set)
    await arret.wait()
    ouverts = len(serveur.onglets)
    print(f"Arrêt du serveur : enregistrement de {ouverts} onglet(s) ouvert(s)…", flush=True)
    await runner.cleanup()
    if serveur.non_enregistres:
        print(f"Serveur arrêté. {serveur.non_enregistres} onglet(s) n'ont pas pu enregistrer "
              "(la raison est écrite plus haut) : ce qui y avait été tapé est gardé dans leur "
              "journal de secours, repris à la prochaine ouverture.", file=sys.stderr)
        return 1
    print("Serveur arrêté : tout est enregistré.", flush=True)
    return 0
