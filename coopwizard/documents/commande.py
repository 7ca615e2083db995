"""What `coopwizard checklist | fiche | export` do, kept out of cli.py.

Output goes to the terminal (Rich when it is a colour terminal, plain text
when piped or with NO_COLOR), or to the file given by -o, written whole or not
at all (a temp file in the target folder, then a link or os.replace). An
existing file is replaced only with --force, and a project file, its .bak or
its .abime never, even with --force.
"""

from __future__ import annotations

import errno
import glob
import os
import re
import stat
import sys
import tempfile
try:  # as the store reads projects
    import tomli as tomllib
except ImportError:  # pragma: no cover
    import tomllib
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


FORMAT_DE_SUFFIXE = {".docx": "docx", ".xlsx": "xlsx", ".html": "html", ".htm": "html",
                     ".md": "markdown", ".markdown": "markdown", ".txt": "texte"}
"""Without -f, the format of `-o` follows its extension."""


def _sauvegardes(projet: Path) -> list[Path]:
    """The project, its `.bak` and every `.abime`, `.abime-2`... a restore kept beside it."""
    from coopwizard.store import backup_path

    bak = backup_path(projet)
    reel = bak.with_name(bak.name.removesuffix(".bak"))
    try:
        abimes = [p for p in reel.parent.glob(glob.escape(reel.name) + ".abime*")
                  if _ABIME.fullmatch(p.name.removeprefix(reel.name))]
    except OSError:
        abimes = []
    return [projet, reel, bak, *abimes]


_ABIME = re.compile(r"\.abime(?:-\d+)?")
_SAUVEGARDE = re.compile(r".*\.toml(?:\.bak|\.abime(?:-\d+)?)", re.IGNORECASE)


def meme_fichier(sortie: Path, projet: Path) -> bool:
    """True when writing `sortie` would replace the project file, its .bak or a kept .abime
    (same path, symlink or hard link): a document must never cost the answers."""
    for protege in _sauvegardes(projet):
        try:
            if sortie.resolve() == protege.resolve():
                return True
            if sortie.exists() and protege.exists() and sortie.samefile(protege):
                return True
        except (OSError, RuntimeError):
            continue
    return False


def _est_un_projet(chemin: Path) -> bool:
    """Is the existing file `chemin` some coopwizard project (even one with wrong answers)?"""
    from coopwizard import store
    from coopwizard.store.errors import NotAProjectError

    if chemin.suffix.lower() == ".toml" or _SAUVEGARDE.fullmatch(chemin.name):
        return True  # a project, broken or not, or one's backup: never a document's name
    try:
        if chemin.stat().st_size > store.MAX_FILE_BYTES:
            return False
        texte = chemin.read_bytes().removeprefix(b"\xef\xbb\xbf").decode("utf-8")
        if not tomllib.loads(texte):
            return False  # empty, or only comments: nothing of anyone's to lose
    except (OSError, ValueError, RecursionError):  # not TOML (a .docx, a page...): no project
        return False
    try:
        store.loads(texte)
    except NotAProjectError:
        return False
    except store.ProjectFileError:  # a project with wrong answers is still someone's answers
        return True
    return True


def format_de_sortie(fmt: str | None, sortie: Path) -> str:
    """The format for `-o sortie`: -f if given, else the extension's; a contradiction is refused."""
    suffixe = sortie.suffix.lower()
    deduit = FORMAT_DE_SUFFIXE.get(suffixe)
    if fmt is None:
        if deduit is not None:
            return deduit
        if _peripherique(sortie):
            return "texte"  # a device or a pipe (/dev/stdout): plain text, like a redirection
        connues = ", ".join(FORMAT_DE_SUFFIXE)
        raise ErreurSortie(
            f"Le format de {sortie} ne se devine pas d'après son nom : terminez-le par "
            f"l'une de ces extensions ({connues}) ou choisissez le format avec -f.")
    if deduit is not None and deduit != fmt and not (deduit == "texte" and fmt == "terminal"):
        raise ErreurSortie(
            f"-f {fmt} et -o {sortie} se contredisent : un fichier {suffixe} est au format "
            f"{deduit}. Changez l'extension du fichier ou le format.")
    return fmt


def verifier_sortie(sortie: Path, projet: Path, force: bool) -> None:
    """Refuse (ErreurSortie) what writing `sortie` must never do: replace the project, a
    backup or any project file (even with --force), or another file without --force."""
    if meme_fichier(sortie, projet):
        raise ErreurSortie(
            f"{sortie} est le fichier du projet lui-même (ou sa sauvegarde) : il n'a pas été "
            "remplacé, même avec --force. Choisissez un autre nom pour le document.")
    cible = _cible(sortie)
    if cible.is_dir():
        raise ErreurSortie(f"Impossible d'écrire {sortie} : c'est un dossier.")
    if _peripherique(sortie) or not cible.is_file():
        return  # a device / pipe is written into, not replaced; or a new file
    if _est_un_projet(cible):
        raise ErreurSortie(
            f"{sortie} est un fichier de projet coopwizard (ou une sauvegarde de projet) : "
            "un document ne le remplace jamais, même avec --force. Choisissez un autre nom.")
    if not force:
        raise ErreurSortie(
            f"{sortie} existe déjà : il n'a pas été remplacé. Ajoutez --force pour le "
            "remplacer, ou choisissez un autre nom.")


def _peripherique(chemin: Path) -> bool:
    """A device or a pipe (/dev/full, /dev/stdout, a FIFO), links followed."""
    try:
        mode = os.stat(chemin).st_mode
    except (OSError, ValueError):
        return False
    return not stat.S_ISREG(mode) and not stat.S_ISDIR(mode)


def _cible(chemin: Path) -> Path:
    """The real file behind a symlink (the link stays); `x` alone is in the current folder."""
    try:
        cible = chemin.resolve() if chemin.is_symlink() else chemin
    except (OSError, RuntimeError):
        cible = chemin
    return cible if str(cible.parent) else Path(".") / cible


def _mode_par_defaut() -> int:
    """The mode a new file gets from the user's umask (mkstemp would give 0600)."""
    masque = os.umask(0o022)
    os.umask(masque)
    return 0o666 & ~masque


_write = os.write  # one place a test can make the disk "full"


def _ecrire_tout(fd: int, data: bytes) -> None:
    vue = memoryview(data)
    while vue:
        vue = vue[_write(fd, vue):]


def _creer_exclusif(cible: Path, data: bytes) -> None:
    """O_EXCL creation, for file systems without hard links; removed again on failure."""
    fd = os.open(cible, os.O_WRONLY | os.O_CREAT | os.O_EXCL, _mode_par_defaut())
    try:
        try:
            _ecrire_tout(fd, data)
            os.fsync(fd)
        finally:
            os.close(fd)
    except BaseException:
        cible.unlink(missing_ok=True)
        raise


def ecrire_nouveau(chemin: Path, data: bytes) -> None:
    """Create `chemin`, never replacing a file (FileExistsError). The bytes go to a temp
    file first and are hard-linked to the name only once complete: a full disk or a kill
    never leaves an empty or partial file under that name."""
    from coopwizard.store.atomic import TEMP_SUFFIX, fsync_dir

    cible = _cible(chemin)
    fd, nom_temp = tempfile.mkstemp(dir=cible.parent, prefix=".coopwizard-", suffix=TEMP_SUFFIX)
    temp = Path(nom_temp)
    try:
        try:
            _ecrire_tout(fd, data)
            os.fchmod(fd, _mode_par_defaut())
            os.fsync(fd)
        finally:
            os.close(fd)
        try:
            os.link(temp, cible)
        except FileExistsError:
            raise
        except OSError as err:
            if err.errno not in _SANS_LIENS:
                raise
            _creer_exclusif(cible, data)
    finally:
        temp.unlink(missing_ok=True)
    fsync_dir(cible.parent)


_SANS_LIENS = {errno.EPERM, errno.EOPNOTSUPP, errno.EMLINK, errno.ENOSYS, errno.EXDEV}
"""os.link errors that mean "this file system has no hard links" (FAT, some network disks)."""


def ecrire_sortie(sortie: Path, data: bytes, force: bool) -> None:
    """Write a checked `-o` target (see verifier_sortie); raises ErreurSortie in French."""
    from coopwizard.store.errors import os_reason

    cible = _cible(sortie)
    try:
        if _peripherique(sortie):
            with open(sortie, "wb") as flux:  # written into, never replaced
                flux.write(data)
        elif force:
            ecrire(sortie, data)
        else:
            ecrire_nouveau(sortie, data)
    except FileExistsError:
        raise ErreurSortie(
            f"{sortie} vient d'apparaître : il n'a pas été remplacé. Ajoutez --force pour le "
            "remplacer, ou choisissez un autre nom.") from None
    except OSError as err:
        raison = os_reason(err)
        if err.errno == errno.ENOENT and not cible.parent.is_dir():
            raison = f"le dossier {cible.parent} n'existe pas"
        raise ErreurSortie(f"Impossible d'écrire {sortie} : {raison}.") from None


def _couleurs() -> bool:
    return sys.stdout.isatty() and not os.environ.get("NO_COLOR")


def executer(fichier: str, nom: str, fmt: str | None, sortie: str | None,
             reunion: int | None = None, force: bool = False) -> int:
    """Load the project, build document `nom`, write it. Returns the exit code.

    Errors writing to stdout (a closed pipe, /dev/full) go up to cli.main."""
    try:
        return _executer(Path(fichier), nom, fmt, Path(sortie) if sortie else None,
                         reunion, force)
    except ErreurSortie as err:
        print(str(err), file=sys.stderr)
        return EXIT_ERREUR


def _executer(fichier: Path, nom: str, fmt: str | None, sortie: Path | None,
              reunion: int | None, force: bool) -> int:
    from coopwizard import store

    type_doc = DOCUMENTS[nom]
    if sortie:
        verifier_sortie(sortie, fichier, force)  # first: what must never be written over
    fmt = format_de_sortie(fmt, sortie) if sortie else fmt or "terminal"
    if fmt not in type_doc.formats:
        possibles = ", ".join(type_doc.formats)
        raise ErreurSortie(f"Le document « {nom} » ne s'écrit pas au format {fmt}. "
                           f"Formats possibles : {possibles}.")
    try:
        projet = store.load(fichier)
    except store.ProjectFileError as err:
        raise ErreurSortie(str(err)) from None
    options = {}
    if reunion is not None:
        if nom not in REUNIONS:
            raise ErreurSortie(
                f"--reunion ne s'applique qu'aux documents {', '.join(sorted(REUNIONS))}.")
        if not 1 <= reunion <= len(projet.reunions):
            total = len(projet.reunions)
            raise ErreurSortie(
                f"Il n'y a pas de réunion n° {reunion} : le projet en compte {total}.")
        options["reunion"] = projet.reunions[reunion - 1]
    document = type_doc.build(projet, aujourd_hui(), **options)

    if sortie:
        contenu = render(document, fmt)
        data = contenu.encode("utf-8") if isinstance(contenu, str) else contenu
        ecrire_sortie(sortie, data, force)
        print(f"Écrit dans {sortie} : {document.titre}.", file=sys.stderr)
        return EXIT_OK

    if fmt in BINAIRES:
        if sys.stdout.isatty():
            raise ErreurSortie(f"Le format {fmt} s'écrit dans un fichier : ajoutez par exemple "
                               f"-o {nom}{EXTENSIONS[fmt]}")
        sys.stdout.buffer.write(render(document, fmt))  # type: ignore[arg-type]
        sys.stdout.flush()
        return EXIT_OK
    if fmt == "terminal" and _couleurs():
        from rich.console import Console

        from coopwizard.documents.rendus.terminal import render as rich_render

        Console(highlight=False).print(rich_render(document))
        return EXIT_OK
    sys.stdout.write(render(document, fmt))  # type: ignore[arg-type]
    sys.stdout.flush()
    return EXIT_OK
