"""Every place coopwizard keeps files of its own (recent projects, locks).

Tests and careful users redirect all of them at once with COOPWIZARD_HOME.
"""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "coopwizard"


def _home() -> Path | None:
    value = os.environ.get("COOPWIZARD_HOME")
    return Path(value) if value else None


def data_dir() -> Path:
    """Where the list of recent projects lives."""
    home = _home()
    if home is not None:
        return home / "data"
    import platformdirs  # imported late: only the commands that need it pay for it

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def state_dir() -> Path:
    """Where the project-file locks live (never next to the user's files)."""
    home = _home()
    if home is not None:
        return home / "state"
    import platformdirs

    return Path(platformdirs.user_state_dir(APP_NAME, appauthor=False))


def config_dir() -> Path:
    """Where the user's settings live (their name and association: coopwizard/settings.py)."""
    home = _home()
    if home is not None:
        return home / "config"
    import platformdirs

    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def cache_dir() -> Path | None:
    """Where what can be made again is kept (the ready-made guide); None if unknown."""
    home = _home()
    if home is not None:
        return home / "cache"
    try:
        import platformdirs

        return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))
    except Exception:  # noqa: BLE001 - no home folder at all: simply no cache
        return None


def history_dir() -> Path:
    """Where the versions of each project this computer saw are kept (coopwizard/history.py)."""
    return data_dir() / "historique"


def recent_projects_file() -> Path:
    return data_dir() / "projets-recents.toml"


def shipped_data_dir() -> Path:
    """The guide's content and the example project (`data/`, in the wheel as coopwizard/data)."""
    installed = Path(__file__).parent / "data"
    if installed.is_dir():
        return installed
    return Path(__file__).resolve().parent.parent / "data"


def example_project_file() -> Path:
    return shipped_data_dir() / "exemple" / "repas-de-quartier.toml"


class UnknownHome(ValueError):
    """`~inconnu/p.toml`: `str(err)` is a French message; nothing was read or written."""


def typed_path(texte: str) -> Path:
    """A path typed by the user (command line or a field), `~` and `~utilisateur` expanded
    as a shell would. Raises UnknownHome (French) when that home folder does not exist."""
    try:
        return Path(texte).expanduser()
    except RuntimeError:  # no such user, or no home folder at all
        qui = texte[1:].replace("\\", "/").split("/", 1)[0]
        dossier = f"le dossier personnel de « {qui} »" if qui else "votre dossier personnel"
        raise UnknownHome(
            f"{texte} : {dossier} est introuvable (« ~{qui} » ne désigne aucun utilisateur "
            "de cet ordinateur). Écrivez le chemin complet du fichier ; rien n'a été lu ni "
            "écrit.") from None


def project_key(project: Path) -> str:
    """The key of a project in coopwizard's own folders (lock, journal, history): a hash of
    its real path, so a symlink and its target are one project."""
    import hashlib

    try:
        real = Path(project).resolve()
    except (OSError, RuntimeError):  # a symlink loop
        real = Path(project).absolute()
    return hashlib.sha256(str(real).encode("utf-8", "surrogatepass")).hexdigest()[:32]
