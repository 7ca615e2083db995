"""French typography in everything data/ shows to users: a non-breaking space
(U+00A0 or U+202F) before « : ; ! ? » and inside « », never a plain one, so
that a line never starts with a lone « ? » and the guillemets hold their word."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from coopwizard.paths import shipped_data_dir

INSECABLES = "\u00a0\u202f"
URL = re.compile(r"\b(?:https?://|www\.)\S+|\S+@\S+\.\w+")
FAUTES = [
    (re.compile(rf"(?<=[^\s{INSECABLES}])[;!?»]|[ \t\n][:;!?»]"), "espace insécable avant"),
    (re.compile(rf"«(?=[^{INSECABLES}])"), "espace insécable après « "),
    # A colon glued to a word (« Ex: ») — times such as 14h30 have no colon.
    (re.compile(rf"(?<=[^\s{INSECABLES}\d]):(?=\s)"), "espace insécable avant « : »"),
]


def textes(valeur, chemin=""):
    if isinstance(valeur, str):
        yield chemin, valeur
    elif isinstance(valeur, dict):
        for cle, v in valeur.items():
            yield from textes(v, f"{chemin}.{cle}" if chemin else cle)
    elif isinstance(valeur, list):
        for i, v in enumerate(valeur):
            yield from textes(v, f"{chemin}[{i}]")


def fautes(texte: str) -> list[str]:
    propre = URL.sub("URL", texte)
    trouvees = []
    for motif, quoi in FAUTES:
        for m in motif.finditer(propre):
            debut = max(0, m.start() - 20)
            trouvees.append(f"{quoi} : …{propre[debut:m.end() + 5]!r}…")
    return trouvees


FICHIERS = sorted(shipped_data_dir().rglob("*.toml"))


def test_every_data_file_is_scanned():
    noms = {p.relative_to(shipped_data_dir()).as_posix() for p in FICHIERS}
    assert {"checklist.toml", "checklist/3-moyens.toml", "ressources.toml", "guide/structure.toml",
            "documents/libelles.toml", "guide/etapes/envie.toml"} <= noms


@pytest.mark.parametrize("fichier", FICHIERS, ids=lambda p: p.name)
def test_french_typography(fichier: Path):
    with fichier.open("rb") as handle:
        data = tomllib.load(handle)
    problemes = [f"{chemin} : {f}" for chemin, texte in textes(data) for f in fautes(texte)]
    assert not problemes, "\n".join(problemes)


@pytest.mark.parametrize("texte", [
    "Pourquoi ?", "Ex: oui", "« mot »", "«\u00a0mot »", "fin ;", "Attention!",
])
def test_the_scan_catches_plain_spaces(texte):
    assert fautes(texte)


@pytest.mark.parametrize("texte", [
    "Pourquoi\u00a0?", "«\u00a0mot\u00a0»", "Voir http://exemple.fr/a?b=c;d", "14h30",
    "Écrivez à reseau@exemple.fr", "{n} tâche(s)",
])
def test_the_scan_lets_good_typography_pass(texte):
    assert not fautes(texte)
