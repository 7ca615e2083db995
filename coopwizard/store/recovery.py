"""What restoring a `.bak` would change: an honest offer, in French.

When a project file cannot be read and its `.bak` can, `coopwizard open`
offers the backup. Before the user answers, this module reads what it can of
the broken file (every line tomllib accepts once the broken ones are left
out), compares it with the backup, and says which answers the backup would
not bring back. The broken file itself is never lost: `restore_backup` keeps
a byte-for-byte copy under `abime_path`, and the offer says where.
"""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path
from typing import Any

try:  # the same parser as store.load (tomli is tomllib, compiled)
    import tomli as tomllib
except ImportError:  # pragma: no cover
    import tomllib

from coopwizard.dates import horodatage
from coopwizard.models.paths import field_label

MAX_ESSAIS = 200  # lines left out before giving up on a file that is mostly noise
MAX_TEXTE = 5_000_000  # characters: a bigger broken file is only compared by its date
MAX_LISTE = 12  # answers listed one by one; the rest are counted
_POSITION = re.compile(r"\(at line (\d+), column \d+\)")
_ENTETE = re.compile(r"^\s*(\[\[?)\s*([^\[\]#=]*?)\s*\]*\s*(#.*)?$")
_HORS_REPONSES = {"schema_version", "position", "enregistrement"}  # not answers
_ILLISIBLE, _ILLISIBLE_TOML = "\x00illisible ", "\\u0000illisible "  # no file has this key


def abime_path(target: Path) -> Path:
    """Where the broken file is kept: `<name>.abime`, or `.abime-2`, `-3`... if taken."""
    kept = target.with_name(target.name + ".abime")
    n = 2
    while kept.exists():
        kept = target.with_name(f"{target.name}.abime-{n}")
        n += 1
    return kept


def _ligne_fautive(lignes: list[str], err: Exception) -> int:
    """Index of the line to leave out, from tomllib's error."""
    match = _POSITION.search(str(err))
    if match:
        return min(int(match.group(1)), len(lignes)) - 1
    # "at end of document" (a string never closed): the longest readable beginning
    # ends just before the line that opened it.
    lu, illu = 0, len(lignes)
    while illu - lu > 1:
        milieu = (lu + illu) // 2
        try:
            tomllib.loads("\n".join(lignes[:milieu]))
            lu = milieu
        except tomllib.TOMLDecodeError:
            illu = milieu
    return lu


def lire_au_mieux(texte: str) -> tuple[dict[str, Any], list[int]] | None:
    """What can be read of a broken TOML text: (data, numbers of the lines left out).

    A broken section header (`[conception` without its `]`) is mended if that
    is enough; otherwise the keys under it go to a section of their own, never
    to the section before. None when nothing sensible can be read.
    """
    if len(texte) > MAX_TEXTE:
        return None
    lignes = texte.replace("\r\n", "\n").split("\n")
    numeros = list(range(1, len(lignes) + 1))
    ecartees: list[int] = []
    for essai in range(MAX_ESSAIS):
        try:
            return tomllib.loads("\n".join(lignes)), sorted(ecartees)
        except tomllib.TOMLDecodeError as err:
            i = _ligne_fautive(lignes, err)
        entete = _ENTETE.match(lignes[i])
        if entete and entete.group(2):
            ouvre = entete.group(1)
            reparee = f"{ouvre}{entete.group(2)}{ouvre.replace('[', ']')}"
            if reparee != lignes[i].strip():
                lignes[i] = reparee  # tried on the next round; left out if still wrong
                continue
        ecartees.append(numeros[i])
        if lignes[i].lstrip().startswith("["):
            # Its keys go to a section of their own (left out of the comparison),
            # never into the section above.
            lignes[i] = f'["{_ILLISIBLE_TOML}{essai}"]'
        else:
            del lignes[i]
            del numeros[i]
    return None


def _feuilles(data: Any, chemin: tuple = ()) -> dict[tuple, Any]:
    """{("taches", 1, "intitule"): "Réserver la salle", ...}; lists of records by index."""
    if isinstance(data, dict):
        out: dict[tuple, Any] = {}
        for cle, valeur in data.items():
            if not chemin and (cle in _HORS_REPONSES or cle.startswith(_ILLISIBLE)):
                continue
            out.update(_feuilles(valeur, (*chemin, cle)))
        return out
    if isinstance(data, list) and any(isinstance(v, dict) for v in data):
        out = {}
        for i, valeur in enumerate(data):
            if isinstance(valeur, dict):  # a record's id is not an answer (models/ids.py)
                valeur = {k: v for k, v in valeur.items() if k != "id"}
            out.update(_feuilles(valeur, (*chemin, i)))
        return out
    return {chemin: data}


def _vide(valeur: Any) -> bool:
    return valeur is None or valeur == "" or valeur == [] or valeur == {}


def _montre(valeur: Any) -> str:
    if isinstance(valeur, bool):
        return "oui" if valeur else "non"
    if isinstance(valeur, list):
        texte = ", ".join(str(v) for v in valeur)
    else:
        texte = str(valeur)
    texte = " ".join(texte.split())
    return "« " + (texte if len(texte) <= 50 else texte[:50] + "…") + " »"


def reponses_perdues(casse: dict[str, Any], copie: dict[str, Any]) -> list[str]:
    """One French line per answer of the broken file that the backup does not hold."""
    from coopwizard.models import SCHEMA_VERSION
    from coopwizard.store.migrations import migrate

    def _pret(data: dict[str, Any]) -> dict[tuple, Any]:
        try:
            data = migrate(dict(data), SCHEMA_VERSION)
        except (KeyError, TypeError, AttributeError):
            pass
        return _feuilles(data)

    avant, apres = _pret(copie), _pret(casse)
    lignes = []
    for chemin, valeur in apres.items():
        if _vide(valeur) or avant.get(chemin) == valeur:
            continue
        nom = field_label(chemin) or ".".join(str(c) for c in chemin)
        ancienne = avant.get(chemin)
        if _vide(ancienne):
            lignes.append(f"  - {nom} : {_montre(valeur)} (absent de la copie)")
        else:
            lignes.append(f"  - {nom} : {_montre(valeur)} (la copie a {_montre(ancienne)})")
    if len(lignes) > MAX_LISTE:
        reste = len(lignes) - MAX_LISTE
        lignes = [*lignes[:MAX_LISTE], f"  … et {reste} autre(s) réponse(s)."]
    return lignes


def _quand(path: Path) -> datetime | None:
    try:
        return datetime.fromtimestamp(path.stat().st_mtime)
    except (OSError, OverflowError, ValueError):
        return None


def _lignes(numeros: list[int]) -> str:
    shown = ", ".join(str(n) for n in numeros[:8]) + (", …" if len(numeros) > 8 else "")
    if len(numeros) == 1:
        return f"la ligne {shown} est illisible"
    return f"les lignes {shown} sont illisibles"


def _plus_recent(modifie: str, garde: Path) -> str:
    return (f"Le fichier abîmé est plus récent ({modifie}) : ce qu'il contient de plus ne sera "
            f"pas perdu, il est gardé sous {garde.name}.")


def _comparaison(texte: str | None, copie: dict[str, Any], plus_recent: bool, modifie: str,
                 garde: Path) -> list[str]:
    """What reading the broken file tells about the answers the copy lacks."""
    lu = lire_au_mieux(texte) if texte is not None else None
    age = (_plus_recent(modifie, garde) if plus_recent else
           f"Le fichier abîmé ({modifie}) n'est pas plus récent que la copie.")
    if lu is None:  # nothing to compare: only the dates can speak
        return [age]
    data, illisibles = lu
    perdues = reponses_perdues(data, copie)
    phrases = []
    if perdues:
        phrases.append(f"Le fichier abîmé ({modifie}) contient des réponses que la copie n'a "
                       "pas ; en ouvrant la copie, elles ne seront plus dans le projet :")
        phrases.extend(perdues)
        if illisibles:
            contenu = "elle contient" if len(illisibles) == 1 else "elles contiennent"
            phrases.append(f"Dans le fichier abîmé, {_lignes(illisibles)} : ce qu'{contenu} "
                           "n'a pas pu être comparé.")
    elif illisibles:
        phrases.append("Ce qui a pu être lu du fichier abîmé se retrouve dans la copie, mais "
                       f"{_lignes(illisibles)}.")
        phrases.append(age)
    else:
        phrases.append("Toutes les réponses du fichier abîmé se retrouvent dans la copie.")
    return phrases


def describe(target: Path, bak: Path, copie: dict[str, Any]) -> str:
    """The offer: the backup's date, what restoring would drop, where the broken file goes.

    `copie` is the backup's TOML data (already known to be a readable project).
    """
    quand_copie, quand_casse = _quand(bak), _quand(target)
    garde = abime_path(target)
    if quand_copie is not None:
        phrases = [f"Une copie de sauvegarde lisible existe : {bak.name}, le projet tel qu'il "
                   f"était enregistré le {horodatage(quand_copie)}."]
    else:
        phrases = [f"Une copie de sauvegarde lisible existe : {bak.name}."]
    plus_recent = quand_casse is not None and (quand_copie is None or quand_casse > quand_copie)
    modifie = f"modifié le {horodatage(quand_casse)}" if quand_casse else "date inconnue"
    try:
        texte: str | None = target.read_bytes().decode("utf-8", "replace")
    except OSError:
        texte = None
    phrases.extend(_comparaison(texte, copie, plus_recent, modifie, garde))
    phrases.append(f"Rien n'est effacé : le fichier abîmé sera gardé tel quel à côté, sous "
                   f"{garde} (un fichier texte, à ouvrir avec un éditeur pour y reprendre "
                   "des réponses).")
    return "\n".join(phrases)
