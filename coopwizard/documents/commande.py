"""What `coopwizard checklist | fiche | export` do, kept out of cli.py.

Output goes to the terminal (Rich when it is a colour terminal, plain text
when piped or with NO_COLOR), or to a file written atomically: a temp file
in the target folder, then os.replace; on error nothing partial is left.
"""

from __future__ import annotations

import os
import sys
from datetime import date
from pathlib import Path

from coopwizard.documents import BINAIRES, DOCUMENTS, EXTENSIONS, REUNIONS, render

EXIT_OK, EXIT_ERREUR = 0, 2


class ErreurSortie(Exception):
    """A French message for the user; nothing was written."""


def aujourd_hui() -> date:
    """Today, or COOPWIZARD_AUJOURDHUI=AAAA-MM-JJ (tests, reproducible documents)."""
    from coopwizard.planning import today

    return today()


def ecrire(chemin: Path, contenu: str | bytes) -> None:
    """Write atomically; raises ErreurSortie (French) and leaves nothing behind."""
    from coopwizard.store.atomic import write_atomically
    from coopwizard.store.errors import os_reason

    data = contenu.encode("utf-8") if isinstance(contenu, str) else contenu
    if chemin.is_dir():
        raise ErreurSortie(f"Impossible d'écrire {chemin} : c'est un dossier.")
    cible = chemin.resolve() if chemin.is_symlink() else chemin
    if not str(cible.parent):
        cible = Path(".") / cible
    try:
        write_atomically(cible, data)
    except OSError as err:
        raise ErreurSortie(f"Impossible d'écrire {chemin} : {os_reason(err)}.") from None


def meme_fichier(sortie: Path, projet: Path) -> bool:
    """True when writing `sortie` would replace the project file or its .bak
    (same path, symlink or hard link): a document must never cost the answers."""
    for protege in (projet, projet.with_name(projet.name + ".bak")):
        try:
            if sortie.resolve() == protege.resolve():
                return True
            if sortie.exists() and protege.exists() and sortie.samefile(protege):
                return True
        except OSError:
            continue
    return False


def _couleurs() -> bool:
    return sys.stdout.isatty() and not os.environ.get("NO_COLOR")


def executer(fichier: str, nom: str, fmt: str | None, sortie: str | None,
             reunion: int | None = None) -> int:
    """Load the project, build document `nom`, write it. Returns the exit code."""
    from coopwizard import store

    type_doc = DOCUMENTS[nom]
    fmt = fmt or "terminal"
    if fmt not in type_doc.formats:
        possibles = ", ".join(type_doc.formats)
        print(f"Le document « {nom} » ne s'écrit pas au format {fmt}. "
              f"Formats possibles : {possibles}.", file=sys.stderr)
        return EXIT_ERREUR
    try:
        projet = store.load(fichier)
    except store.ProjectFileError as err:
        print(str(err), file=sys.stderr)
        return EXIT_ERREUR
    options = {}
    if reunion is not None:
        if nom not in REUNIONS:
            print(f"--reunion ne s'applique qu'aux documents {', '.join(sorted(REUNIONS))}.",
                  file=sys.stderr)
            return EXIT_ERREUR
        if not 1 <= reunion <= len(projet.reunions):
            total = len(projet.reunions)
            print(f"Il n'y a pas de réunion n° {reunion} : le projet en compte {total}.",
                  file=sys.stderr)
            return EXIT_ERREUR
        options["reunion"] = projet.reunions[reunion - 1]
    document = type_doc.build(projet, aujourd_hui(), **options)

    if sortie:
        if meme_fichier(Path(sortie), Path(fichier)):
            print(f"{sortie} est le fichier du projet lui-même (ou sa sauvegarde) : il n'a pas "
                  "été remplacé. Choisissez un autre nom pour le document.", file=sys.stderr)
            return EXIT_ERREUR
        try:
            ecrire(Path(sortie), render(document, fmt))
        except ErreurSortie as err:
            print(str(err), file=sys.stderr)
            return EXIT_ERREUR
        print(f"Écrit dans {sortie} : {document.titre}.", file=sys.stderr)
        return EXIT_OK

    if fmt in BINAIRES:
        if sys.stdout.isatty():
            print(f"Le format {fmt} s'écrit dans un fichier : ajoutez par exemple "
                  f"-o {nom}{EXTENSIONS[fmt]}", file=sys.stderr)
            return EXIT_ERREUR
        sys.stdout.buffer.write(render(document, fmt))  # type: ignore[arg-type]
        sys.stdout.flush()
        return EXIT_OK
    if fmt == "terminal" and _couleurs():
        from rich.console import Console

        from coopwizard.documents.rendus.terminal import render as rich_render

        Console(highlight=False).print(rich_render(document))
        return EXIT_OK
    try:
        sys.stdout.write(render(document, fmt))  # type: ignore[arg-type]
        sys.stdout.flush()
    except BrokenPipeError:  # `| head` closed the pipe: not an error for the user
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return EXIT_OK
