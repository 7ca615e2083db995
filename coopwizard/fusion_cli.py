"""`coopwizard fusionner` and `coopwizard fusion`: merging versions from the command line.

    coopwizard fusionner projet.toml "projet (conflicted copy 2026-12-01 101010).toml"
    coopwizard fusion ANCETRE NOTRE LEUR      # Git's merge driver: %O %A %B

Exit codes: 0 merged without conflict, 1 conflicts recorded in the file (both
values kept, `coopwizard check` lists them), 2 error (nothing written).

For Git, in the repository:
    .gitattributes:  *.toml merge=coopwizard
    git config merge.coopwizard.driver "coopwizard fusion %O %A %B"
"""

from __future__ import annotations

import argparse
import errno
import os
import sys
from pathlib import Path
from typing import Any

from coopwizard.paths import typed_path as chemin

EXIT_OK, EXIT_CONFLITS, EXIT_ERREUR = 0, 1, 2


def _erreur(message: str) -> int:
    try:
        print(message, file=sys.stderr)
    except OSError:
        pass
    return EXIT_ERREUR


def _rapport(resultat: Any, auteur: str, out=None) -> None:
    from coopwizard.conflits import Libelles, decrire, dire_changements, libelle_conflit
    from coopwizard.text import nombre

    out = out or sys.stdout
    if resultat.changes:
        print(f"{nombre(len(resultat.changes), 'changement')} repris de l'autre version :", file=out)
        for ligne in dire_changements(resultat.changes, auteur):
            print(f"  - {ligne}", file=out)
    else:
        print("L'autre version n'apporte aucun changement.", file=out)
    if resultat.conflicts:
        nommer = Libelles(resultat.merged)
        print(f"{nombre(len(resultat.conflicts), 'désaccord')} à trancher : chaque fois, les deux "
              "valeurs sont gardées dans le fichier (la vôtre est en place).", file=out)
        for conflit in resultat.conflicts:
            print(f"  - {libelle_conflit(conflit, nommer)} : {decrire(conflit)}", file=out)


def _renommer(copie: Path) -> Path:
    """Rename the merged copy so that it says so; never over another file, never deleted."""
    from coopwizard.sync_copies import merged_name

    cible = merged_name(copie)
    try:
        os.link(copie, cible)  # fails if `cible` exists: nothing is ever replaced
        os.unlink(copie)
    except OSError as err:
        if err.errno not in (errno.EPERM, errno.ENOTSUP, errno.EXDEV, errno.EMLINK):
            raise
        if cible.exists():
            raise FileExistsError(errno.EEXIST, "exists", str(cible)) from None
        os.rename(copie, cible)  # a file system without hard links (FAT, some shares)
    return cible


def cmd_fusionner(args: argparse.Namespace) -> int:
    from coopwizard import history, settings, store
    from coopwizard.merge import canonical, merge
    from coopwizard.store.errors import os_reason
    from coopwizard.store.session import ProjectSession
    from coopwizard.sync_copies import identify

    projet_chemin, copie = chemin(args.projet), chemin(args.copie)
    if store._resolve(projet_chemin) == store._resolve(copie):
        return _erreur("Le projet et la copie sont le même fichier : rien à fusionner.")
    try:
        projet = store.load(projet_chemin)
        autre = store.load(copie)
    except store.ProjectFileError as err:
        return _erreur(f"{err}\nRien n'a été fusionné ni modifié.")
    session = ProjectSession(projet_chemin)
    if not session.acquire():
        return _erreur(f"{projet_chemin} est ouvert dans coopwizard : fermez-le d'abord (ou "
                       "laissez l'assistant proposer la fusion). Rien n'a été modifié.")
    try:
        nous, eux = canonical(projet), canonical(autre)
        outil = identify(copie, projet_chemin)
        auteur = autre.enregistrement.auteur() or (outil.qui if outil else "")
        if nous == eux:
            print(f"{copie.name} est identique au projet : rien à fusionner.")
            return _fin(copie, EXIT_OK)
        ancetre = history.find_ancestor(projet_chemin, nous, eux)
        if ancetre is None:
            print("Aucune version commune au projet et à la copie n'est connue sur cet "
                  "ordinateur : chaque réponse qui diffère entre les deux est traitée comme un "
                  "désaccord (les deux valeurs sont gardées).")
            base = None
        else:
            quand = f"du {ancetre.le:%d/%m/%Y à %H:%M}" if ancetre.le else "sans date"
            print(f"Version commune : celle {quand} ({ancetre.raison}).")
            base = ancetre.projet()
        resultat = merge(base, nous, eux, theirs_author=auteur)
        fusion = resultat.projet()
        reglages = settings.load()
        if reglages.demande:
            settings.signer(fusion, reglages)
        history.record(projet_chemin, projet, f"avant la fusion de {copie.name}")
        session.save(fusion)
        history.record(projet_chemin, fusion, f"fusion de {copie.name}")
    except (store.ProjectFileError, ValueError) as err:
        return _erreur(f"Fusion impossible : {err}\nLe projet n'a pas été modifié.")
    finally:
        session.release()
    print(f"{projet_chemin} : la copie {copie.name} y est fusionnée.")
    _rapport(resultat, auteur)
    try:
        return _fin(copie, EXIT_CONFLITS if resultat.conflicts else EXIT_OK)
    except OSError as err:
        print(f"La copie n'a pas pu être renommée ({os_reason(err)}) : elle est restée "
              f"{copie.name}.", file=sys.stderr)
        return EXIT_CONFLITS if resultat.conflicts else EXIT_OK


def _fin(copie: Path, code: int) -> int:
    cible = _renommer(copie)
    print(f"La copie a été renommée {cible.name} (elle n'est pas effacée).")
    return code


def cmd_fusion(args: argparse.Namespace) -> int:
    """Git's merge driver: %O %A %B; the result is written into NOTRE (%A)."""
    from coopwizard import store
    from coopwizard.merge import merge

    fichiers = [chemin(args.ancetre), chemin(args.notre), chemin(args.leur)]
    versions: list[Any] = []
    for numero, fichier in enumerate(fichiers):
        try:
            vide = numero == 0 and (not fichier.exists() or fichier.stat().st_size == 0)
            versions.append(None if vide else store.load(fichier))
        except (store.ProjectFileError, OSError) as err:
            return _erreur(f"coopwizard fusion : {err}\nRien n'a été fusionné.")
    ancetre, notre, leur = versions
    try:
        resultat = merge(ancetre, notre, leur)
        store.save(resultat.projet(), fichiers[1])
    except (store.ProjectFileError, ValueError) as err:
        return _erreur(f"coopwizard fusion : {err}\nRien n'a été fusionné.")
    _rapport(resultat, leur.enregistrement.auteur(), out=sys.stderr)
    return EXIT_CONFLITS if resultat.conflicts else EXIT_OK


def add_commands(sub: Any) -> None:
    """The two commands, on the CLI's sub-parsers."""
    aide = ("fusionne une copie du projet (copie en conflit d'un outil de synchronisation, "
            "fichier reçu par courriel) dans le projet, puis renomme la copie sans l'effacer "
            "(code de sortie 0 : fusion sans désaccord, 1 : désaccords gardés dans le "
            "fichier, 2 : erreur)")
    command = sub.add_parser("fusionner", help=aide, description=aide)
    command.add_argument("projet", metavar="PROJET", help="le fichier du projet (.toml)")
    command.add_argument("copie", metavar="COPIE", help="la copie à fusionner (.toml)")
    command.set_defaults(handler=cmd_fusionner)
    aide = ("pilote de fusion pour Git (%O %A %B) : fusionne LEUR dans NOTRE depuis ANCETRE, "
            "écrit le résultat dans NOTRE (code 0 : sans désaccord, 1 : désaccords gardés "
            "dans le fichier)")
    command = sub.add_parser(
        "fusion", help=aide.replace("%", "%%"), description=aide,
        epilog="Dans le dépôt : « *.toml merge=coopwizard » dans .gitattributes, puis "
               "git config merge.coopwizard.driver \"coopwizard fusion %O %A %B\"")
    command.add_argument("ancetre", metavar="ANCETRE", help="la version commune (%%O)")
    command.add_argument("notre", metavar="NOTRE", help="notre version, remplacée par le "
                         "résultat (%%A)")
    command.add_argument("leur", metavar="LEUR", help="leur version (%%B)")
    command.set_defaults(handler=cmd_fusion)
