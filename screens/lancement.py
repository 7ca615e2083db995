"""Getting ready to start the App from the command line: files, messages, exit codes.

No textual here; `screens.app.run()` uses it.
"""

from __future__ import annotations

import sys
import tomllib
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from coopwizard.models import Projet

EXIT_OK, EXIT_UNREADABLE = 0, 2


def titre_du_guide() -> str:
    """Only the guide's title, for the home screen (no need to load the whole guide)."""
    from coopwizard.paths import shipped_data_dir

    try:
        with (shipped_data_dir() / "guide" / "structure.toml").open("rb") as handle:
            titre = tomllib.load(handle).get("titre", "")
    except (OSError, tomllib.TOMLDecodeError):
        return ""
    return titre if isinstance(titre, str) else ""


def echec(message: str) -> int:
    print(message, file=sys.stderr)
    return EXIT_UNREADABLE


def proposer_sauvegarde(chemin: Path, erreur: str) -> Projet | None:
    """An unreadable file: say why, and offer its readable `.bak` if there is one.

    The offer gives the backup's date and the answers it would drop
    (`store.recovery_hint`). The broken file is never overwritten: restoring
    first keeps a copy of it beside, and says where.
    """
    from coopwizard import store

    print(erreur, file=sys.stderr)
    conseil = store.recovery_hint(chemin)
    if conseil is None:
        return None
    print(conseil, file=sys.stderr)
    if not sys.stdin.isatty():
        print("Relancez coopwizard dans un terminal pour l'ouvrir.", file=sys.stderr)
        return None
    try:
        reponse = input("Ouvrir la copie de sauvegarde ? [o/N] ").strip().lower()
    except EOFError:
        reponse = ""
    if reponse not in ("o", "oui"):
        print("Rien n'a été modifié : le fichier abîmé et sa copie de sauvegarde sont restés "
              "tels quels.", file=sys.stderr)
        return None
    try:
        garde = store.restore_backup(chemin)
        projet = store.load(chemin)
    except store.ProjectFileError as err:
        print(err, file=sys.stderr)
        return None
    if garde is not None:
        print(f"Copie de sauvegarde remise en place. Le fichier abîmé est gardé tel quel sous "
              f"{garde} : ouvrez-le avec un éditeur de texte pour y reprendre des réponses.",
              file=sys.stderr)
    return projet


def preparer(mode: str, chemin: Path | None) -> tuple[Projet, Path, dict[str, object]] | int:
    """For open / new FICHIER / demo: the loaded project, its path and the App's options,
    or the exit code after a French message."""
    from coopwizard import store
    from coopwizard.models import Projet
    from coopwizard.store.errors import NotAProjectError
    from screens.fichiers import copie_exemple

    options: dict[str, object] = {}
    if mode == "demo":
        try:
            chemin = copie_exemple()
            projet = store.load(chemin)
        except OSError:
            return echec("Le projet d'exemple n'est pas disponible dans cette installation.")
        except store.ProjectFileError as err:
            return echec(str(err))
        options["message"] = f"Copie du projet d'exemple : {chemin}"
        return projet, chemin, options
    assert chemin is not None
    if mode == "open" or chemin.exists():
        try:
            projet = store.load(chemin)
        except NotAProjectError as err:  # someone else's file: no backup to offer, never written
            return echec(str(err))
        except store.ProjectFileError as err:
            projet = proposer_sauvegarde(chemin, str(err))
            if projet is None:
                return EXIT_UNREADABLE
        if mode == "new":
            options["message"] = (f"{chemin.name} existe déjà : il est ouvert tel quel, "
                                  "rien n'a été effacé.")
        return projet, chemin, options
    if not chemin.parent.is_dir():
        return echec(f"Le dossier {chemin.parent} n'existe pas : créez-le d'abord, "
                      "ou choisissez un autre emplacement pour le projet.")
    projet = Projet()
    try:
        store.save(projet, chemin)
    except store.ProjectFileError as err:
        return echec(str(err))
    options["nouveau"] = True
    return projet, chemin, options


def a_un_terminal() -> bool:
    """Can Textual run here? Both ends must be a terminal, or a driver chosen on purpose
    (textual-serve sets TEXTUAL_DRIVER and talks through pipes)."""
    import os

    if os.environ.get("TEXTUAL_DRIVER"):
        return True
    try:
        return sys.stdin.isatty() and sys.stdout.isatty()
    except (AttributeError, ValueError):  # a closed or missing stdin/stdout
        return False


def sans_terminal(mode: str, chemin: Path | None) -> int:
    """`coopwizard open p.toml < /dev/null`: say what is wrong with the file if anything
    (nothing is created or restored), then that the assistant needs a terminal. Exit 2."""
    from coopwizard import store
    from coopwizard.store.errors import NotAProjectError

    if chemin is not None and (mode == "open" or chemin.exists()):
        try:
            store.load(chemin)
        except NotAProjectError as err:
            return echec(str(err))
        except store.ProjectFileError as err:  # explain only: no question, nothing restored
            print(err, file=sys.stderr)
            conseil = store.recovery_hint(chemin)
            if conseil is None:
                return EXIT_UNREADABLE
            print(conseil, file=sys.stderr)
            return echec("Relancez coopwizard dans un terminal pour l'ouvrir.")
    commande = f"coopwizard {mode}" if mode != "accueil" else "coopwizard"
    return echec(
        f"{commande} ouvre l'assistant, qui a besoin d'un terminal : l'entrée ou la sortie "
        "est redirigée (fichier, tube ou /dev/null). Relancez la commande dans une fenêtre "
        "de terminal. Pour un document sans terminal : coopwizard checklist, fiche ou export."
    )
