"""The user's own settings: who they are, asked once (issue 11). Core: no UI.

Kept in `reglages.toml` in the user's settings folder (platformdirs, through
coopwizard.paths; COOPWIZARD_HOME redirects it for tests). For the TUI:

    reglages = settings.load()            # never raises: defaults when absent or unreadable
    if settings.a_demander(reglages):     # name and association never asked yet
        ...ask...; settings.save(Reglages(nom="Ahmed", association="Amicale des locataires"))
    settings.signer(projet)               # before a save: [enregistrement] par, association, le

The name and association say who saved each version of a shared project
(`[enregistrement]`), so that a merge can tell « modifié par Ahmed, Amicale
des locataires ». An empty name is a valid answer ("do not ask again").
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

try:  # the same parser as the store
    import tomli as tomllib
except ImportError:  # pragma: no cover
    import tomllib

import tomli_w

from coopwizard import paths
from coopwizard.text import normalise_text


@dataclass(frozen=True)
class Reglages:
    nom: str = ""
    """How partners know the user: « Ahmed »."""
    association: str = ""
    """The user's association: « Amicale des locataires »."""
    demande: bool = False
    """Whether the name was asked already (True once saved, even left empty)."""

    def auteur(self) -> str:
        """« Ahmed, Amicale des locataires », or "" when nothing was given."""
        return ", ".join(p for p in (self.nom.strip(), self.association.strip()) if p)


def settings_file() -> Path:
    return paths.config_dir() / "reglages.toml"


def load() -> Reglages:
    """The saved settings; defaults (nothing asked yet) when absent or unreadable."""
    try:
        data = tomllib.loads(settings_file().read_bytes().decode("utf-8-sig"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return Reglages()
    qui = data.get("identite")
    if not isinstance(qui, dict):
        return Reglages()
    texte = {k: normalise_text(v) if isinstance(v, str) else "" for k, v in qui.items()}
    return Reglages(texte.get("nom", ""), texte.get("association", ""), demande=True)


def save(reglages: Reglages) -> Path:
    """Write the settings atomically (the folder is created). Raises OSError."""
    from coopwizard.store.atomic import write_atomically

    target = settings_file()
    target.parent.mkdir(parents=True, exist_ok=True)
    data = {"identite": {"nom": normalise_text(reglages.nom),
                         "association": normalise_text(reglages.association)}}
    texte = ("# Réglages de coopwizard : votre nom et votre association, écrits dans les\n"
             "# projets que vous enregistrez pour que vos partenaires sachent qui a modifié quoi.\n"
             + tomli_w.dumps(data))
    write_atomically(target, texte.encode("utf-8"))
    return target


def a_demander(reglages: Reglages | None = None) -> bool:
    """True until the user was asked their name once."""
    return not (reglages or load()).demande


def signer(projet, reglages: Reglages | None = None, le: datetime | None = None) -> None:
    """Set `projet.enregistrement` (who saves, and when) before a save."""
    reglages = reglages or load()
    projet.enregistrement.par = reglages.nom
    projet.enregistrement.association = reglages.association
    projet.enregistrement.le = le or datetime.now().astimezone().replace(microsecond=0)
