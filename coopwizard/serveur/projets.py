"""The projects a server offers: their address, their title and their secret token.

A token is random (`secrets.token_urlsafe(24)`: 192 bits) and kept in
coopwizard's state folder (`serveur/jetons.json`, readable by its owner only),
so that the links sent to partners still work after the server restarts;
`--nouveaux-liens` draws new ones (the old links stop working).
"""

from __future__ import annotations

import json
import os
import re
import secrets
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from coopwizard import paths

TOKEN_BYTES = 24
"""Bytes of randomness in a token (192 bits; the issue asks for 128 or more)."""


class ProjetIntrouvable(ValueError):
    """Nothing to serve: `str(err)` is a French message."""


@dataclass(frozen=True)
class ProjetServi:
    slug: str
    """The project's address on the server: `/<slug>/` (ASCII letters, digits, dashes)."""
    chemin: Path
    titre: str
    """The project's name, or its file name when it has none: the page's title."""
    jeton: str


def slug_ascii(texte: str) -> str:
    """"Fête des Lilas.toml" -> "fete-des-lilas": safe in a URL and in a cookie's name."""
    sans_accents = "".join(c for c in unicodedata.normalize("NFKD", texte)
                           if not unicodedata.combining(c))
    slug = re.sub(r"[^a-z0-9]+", "-", sans_accents.lower()).strip("-")[:40].strip("-")
    return slug or "projet"


def _titre(chemin: Path) -> str:
    from coopwizard import store

    projet = store.load(chemin)  # ProjectFileError: the caller says why
    return projet.nom.strip() or chemin.stem


def _candidats(dossier: Path) -> list[Path]:
    """The folder's project files: `.toml`, not a backup, a temp file or a hidden file."""
    return sorted(p for p in dossier.iterdir()
                  if p.suffix == ".toml" and p.is_file() and not p.name.startswith("."))


def trouver(fichier: Path | None, dossier: Path | None) -> tuple[list[tuple[Path, str]], list[str]]:
    """The projects to serve as (path, title), and a French sentence for each file left out.

    Raises ProjetIntrouvable when there is nothing to serve.
    """
    from coopwizard import store

    if fichier is not None:
        if not fichier.is_file():
            raise ProjetIntrouvable(f"{fichier} n'existe pas ou n'est pas un fichier : créez "
                                    f"d'abord le projet (coopwizard new {fichier}).")
        try:
            return [(fichier, _titre(fichier))], []
        except store.ProjectFileError as err:
            raise ProjetIntrouvable(str(err)) from None
    assert dossier is not None
    if not dossier.is_dir():
        raise ProjetIntrouvable(f"{dossier} n'est pas un dossier.")
    trouves, ecartes = [], []
    for chemin in _candidats(dossier):
        try:
            trouves.append((chemin, _titre(chemin)))
        except store.ProjectFileError as err:
            ecartes.append(f"{chemin.name} n'est pas proposé : {err}")
    if not trouves:
        raise ProjetIntrouvable(f"Aucun projet coopwizard (fichier .toml) dans {dossier}.")
    return trouves, ecartes


def fichier_des_jetons() -> Path:
    return paths.state_dir() / "serveur" / "jetons.json"


def _lire_jetons() -> dict[str, str]:
    try:
        data = json.loads(fichier_des_jetons().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {k: v for k, v in data.items() if isinstance(v, str)} if isinstance(data, dict) else {}


def _ecrire_jetons(jetons: dict[str, str]) -> None:
    from coopwizard.store.atomic import write_atomically

    cible = fichier_des_jetons()
    cible.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    if not cible.exists():  # created private: write_atomically keeps an existing file's mode
        fd = os.open(cible, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        os.close(fd)
    write_atomically(cible, json.dumps(jetons, indent=1).encode("utf-8"))


def preparer(trouves: list[tuple[Path, str]], *, nouveaux: bool = False) -> list[ProjetServi]:
    """Give each project its address and its token (the kept one, unless `nouveaux`)."""
    jetons = {} if nouveaux else _lire_jetons()
    projets, pris = [], set()
    change = nouveaux
    for chemin, titre in trouves:
        cle = paths.project_key(chemin)
        jeton = jetons.get(cle, "")
        if len(jeton) < 22:  # absent, or not one of ours: at least 128 bits
            jeton = jetons[cle] = secrets.token_urlsafe(TOKEN_BYTES)
            change = True
        slug = base = slug_ascii(chemin.stem)
        n = 2
        while slug in pris:
            slug, n = f"{base}-{n}", n + 1
        pris.add(slug)
        projets.append(ProjetServi(slug, chemin.resolve(), titre, jeton))
    if change:
        try:
            _ecrire_jetons({**_lire_jetons(), **jetons})  # other projects' tokens are kept
        except OSError:
            pass  # the links work until the server stops; the next start draws new ones
    return projets
