"""The conflicts a merge left in a project: their French names, and deciding them.

A conflict (`Conflit`, models/partage.py) stays in the file's `[[conflits]]`
until someone decides; meanwhile the field holds OUR value. For the TUI:

    for conflit in projet.conflits:
        libelle(conflit.champ, projet)         # « Tâche 3 (Réserver la salle), Échéance »
        montrer(conflit.notre_valeur)          # « 2026-10-31 », (vide), « Réserver la salle »
        libelle_conflit(conflit, Libelles(projet))  # the same, a deleted record by its name
        decrire(conflit)                       # one French sentence, as `check` prints it
        peut_garder_les_deux(conflit)          # True for texts
    projet = resoudre(projet, conflit, "mien" | "leur" | "les_deux")   # a new Projet

`resoudre` returns a new, validated project without that conflict (nothing
else changes); "les_deux" joins both texts under a French heading naming each
author (`joindre`). `coopwizard check` reports each conflict (diagnostics.py)
and the checklist shows them in a group of their own (checklist/__init__.py).
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel

from coopwizard.models import Conflit, Projet
from coopwizard.models.paths import field_label

Choix = Literal["mien", "leur", "les_deux"]
_GONE = 999_999_999  # the place of a record found nowhere, replaced in the label
_NOMS = ("nom", "intitule", "libelle", "description", "point", "objectif", "indicateur", "lieu",
         "date")


def _data(source: Any) -> Any:
    return source.model_dump(mode="json") if isinstance(source, BaseModel) else source


def _nom(record: dict[str, Any]) -> str:
    for key in _NOMS:
        value = record.get(key)
        if isinstance(value, str) and value.strip():
            text = " ".join(value.split())
            return text if len(text) <= 40 else text[:40] + "…"
    return ""


class Libelles:
    """French names of paths ("taches.#k3j9x2ab.echeance"), looked up in `sources`
    (project data or Projet, first found wins): a record is named by its place and
    its name, never by its id. Indexes are built once per list."""

    def __init__(self, *sources: Any) -> None:
        self.sources = [_data(s) for s in sources if s is not None]
        self._index: dict[tuple[int, tuple], dict[str, int]] = {}

    def _find(self, steps: list[str]) -> tuple[tuple, dict[str, Any] | None, int]:
        """(location with indexes, the innermost record, where its place ends in loc)."""
        for number, source in enumerate(self.sources):
            loc: list[Any] = []
            node: Any = source
            record, end = None, 0
            for step in steps:
                if step.startswith("#") and isinstance(node, list):
                    key = (number, tuple(loc))
                    if key not in self._index:
                        self._index[key] = {r.get("id"): i for i, r in enumerate(node)
                                            if isinstance(r, dict)}
                    index = self._index[key].get(step[1:])
                    if index is None:
                        break
                    loc.append(index)
                    node = record = node[index]
                    end = len(loc)
                elif isinstance(node, dict):
                    loc.append(step)
                    node = node.get(step)
                else:
                    break
            else:
                return tuple(loc), record, end
        return (), None, 0

    def __call__(self, champ: str) -> str:
        steps = champ.split(".")
        loc, record, end = self._find(steps)
        if not loc:  # found nowhere: a record deleted everywhere
            gone = tuple(_GONE if s.startswith("#") else s for s in steps)
            return field_label(gone).replace(f" {_GONE + 1}", " (élément supprimé)") or champ
        full = field_label(loc) or champ
        nom = _nom(record) if record is not None else ""
        place = field_label(loc[:end]) if nom else ""
        if place and full.startswith(place):  # « Tâche 3 (Réserver la salle), Échéance »
            return f"{place} ({nom}){full[len(place):]}"
        return full


def libelle(champ: str, *sources: Any) -> str:
    """« Objectifs du projet », « Tâche 3 (Réserver la salle), Échéance »."""
    return Libelles(*sources)(champ)


def montrer(valeur: Any) -> str:
    """A kept value, short, in French quotes; « (vide) » for no value."""
    if valeur is None or valeur == "" or valeur == []:
        return "(vide)"
    if isinstance(valeur, bool):
        return "« oui »" if valeur else "« non »"
    if isinstance(valeur, dict):
        nom = _nom(valeur)
        return f"« {nom} »" if nom else "(un élément)"
    texte = ", ".join(map(str, valeur)) if isinstance(valeur, list) else str(valeur)
    texte = " ".join(texte.split())
    return "« " + (texte if len(texte) <= 60 else texte[:60] + "…") + " »"


def _qui(auteur: str, defaut: str) -> str:
    return auteur.strip() or defaut


def _entier(conflit: Conflit) -> bool:
    """The conflict is about a whole record (deleted on one side, edited on the other)."""
    return conflit.champ.rsplit(".", 1)[-1].startswith("#")


def libelle_conflit(conflit: Conflit, nommer: Libelles) -> str:
    """The conflict's field in French; a record gone from the project is named by its value."""
    label = nommer(conflit.champ)
    valeur = conflit.leur_valeur if conflit.notre_valeur is None else conflit.notre_valeur
    gone = " (élément supprimé)"
    if _entier(conflit) and isinstance(valeur, dict) and _nom(valeur) and label.endswith(gone):
        label = f"{label[:-len(gone)]} « {_nom(valeur)} »"
    return label


def decrire(conflit: Conflit) -> str:
    """One French sentence: what differs, who wrote each version, how to decide."""
    if _entier(conflit):
        supprime, modifie = ((conflit.notre_auteur, conflit.leur_auteur)
                             if conflit.notre_valeur is None else
                             (conflit.leur_auteur, conflit.notre_auteur))
        autre = "dans l'autre"
        quoi = (f"cet élément a été supprimé {_par(supprime, 'dans une version')} et modifié "
                f"{_par(modifie, autre)}")
    else:
        quoi = (f"deux versions différentes : {montrer(conflit.notre_valeur)} "
                f"({_qui(conflit.notre_auteur, 'version en place')}) et "
                f"{montrer(conflit.leur_valeur)} ({_qui(conflit.leur_auteur, 'autre version')})")
    return (f"{quoi}. Les deux sont gardées dans le fichier en attendant votre choix : dans "
            "l'assistant (coopwizard open), ou à la main en écrivant la bonne valeur puis en "
            "supprimant ce bloc [[conflits]].")


def de(nom: str) -> str:
    """« d'Ahmed », « de Sophie »."""
    nom = nom.strip()
    return f"d'{nom}" if nom[:1].lower() in "aâàeéèêëiîïoôuûüyh" else f"de {nom}"


def _par(auteur: str, defaut: str) -> str:
    return f"par {auteur.strip()}" if auteur.strip() else defaut


def peut_garder_les_deux(conflit: Conflit) -> bool:
    """« Garder les deux » is offered for texts only."""
    return not _entier(conflit) and all(
        v is None or isinstance(v, str) for v in (conflit.notre_valeur, conflit.leur_valeur))


def joindre(conflit: Conflit) -> str:
    """Both texts, one after the other, each under a heading that names its author."""
    mien, leur = conflit.notre_valeur or "", conflit.leur_valeur or ""
    if not mien.strip() or not leur.strip():
        return mien if mien.strip() else leur
    titre_mien = f"Version {de(conflit.notre_auteur)}" if conflit.notre_auteur else \
        "Version en place"
    titre_leur = f"Version {de(conflit.leur_auteur)}" if conflit.leur_auteur else "Autre version"
    return f"——— {titre_mien} ———\n{mien}\n\n——— {titre_leur} ———\n{leur}"


def _put(node: Any, steps: list[str], value: Any) -> Any:
    """`node` (file data) with `value` at `steps` (None: removed); copies along the path."""
    node = dict(node) if isinstance(node, dict) else {}
    key, rest = steps[0], steps[1:]
    if rest and ".".join(steps) in node:  # an unknown key with a "." in its name
        key, rest = ".".join(steps), []
    if not rest:
        if value is None:
            node.pop(key, None)
        else:
            node[key] = value
        return node
    if rest[0].startswith("#"):
        rid = rest[0][1:]
        records = list(node.get(key) or []) if isinstance(node.get(key), list) else []
        where = next((i for i, r in enumerate(records)
                      if isinstance(r, dict) and r.get("id") == rid), None)
        if len(rest) == 1:  # the whole record
            if value is None:
                if where is not None:
                    del records[where]
            elif where is None:
                records.append(value)  # brought back: at the end of its list
            else:
                records[where] = value
        elif where is not None:
            records[where] = _put(records[where], rest[1:], value)
        elif value is not None:  # its record is gone since: brought back with the value
            records.append(_put({"id": rid}, rest[1:], value))
        node[key] = records
        return node
    node[key] = _put(node.get(key), rest, value)
    return node


def resoudre_donnees(data: dict[str, Any], conflit_id: str, choix: Choix) -> dict[str, Any]:
    """`resoudre` on file data (canonical, as merge.canonical gives); a new dict."""
    conflits = [c for c in data.get("conflits", []) if isinstance(c, dict)]
    trouve = next((c for c in conflits if c.get("id") == conflit_id), None)
    if trouve is None:
        raise ValueError("Ce désaccord n'est plus dans le projet : il a déjà été tranché.")
    conflit = Conflit.model_validate(trouve)
    if choix == "mien":
        valeur = conflit.notre_valeur
    elif choix == "leur":
        valeur = conflit.leur_valeur
    elif peut_garder_les_deux(conflit):
        valeur = joindre(conflit) or None
    else:
        raise ValueError("« Garder les deux » ne vaut que pour un texte : choisissez l'une "
                         "des deux versions.")
    out = _put(data, conflit.champ.split("."), valeur)
    out["conflits"] = [c for c in data.get("conflits", []) if c is not trouve]
    if not out["conflits"]:
        del out["conflits"]
    return out


def resoudre(projet: Projet, conflit: Conflit | str, choix: Choix) -> Projet:
    """A new project where `conflit` (or its id) is decided: "mien" keeps our value,
    "leur" theirs, "les_deux" both texts joined (`joindre`). Raises ValueError (French)."""
    from coopwizard.merge import canonical
    from coopwizard.store import tolerance

    conflit_id = conflit if isinstance(conflit, str) else conflit.id
    return tolerance.validate(resoudre_donnees(canonical(projet), conflit_id, choix))


def champ_du_guide(champ: str) -> str:
    """The answer the wizard asks for the field ("taches.#id.echeance" -> "taches")."""
    steps = champ.split(".")
    for index, step in enumerate(steps):
        if step.startswith("#"):
            return ".".join(steps[:index])
    return champ


_GENRES = {"modifie": "modifié", "ajoute": "ajouté", "supprime": "supprimé"}


def dire_changements(changes: list[Any], auteur: str = "", limite: int = 20) -> list[str]:
    """« Conception du projet, Objectifs du projet : modifié par Ahmed, Amicale des
    locataires », one line per change of `merge`'s result, at most `limite` (then a count)."""
    par = f"par {auteur}" if auteur.strip() else "dans l'autre version"
    lignes = [f"{c.libelle} : {_GENRES.get(c.genre, 'modifié')} {par}" for c in changes[:limite]]
    if len(changes) > limite:
        from coopwizard.text import nombre

        lignes.append(f"… et {nombre(len(changes) - limite, 'autre changement', 'autres changements')}.")
    return lignes
