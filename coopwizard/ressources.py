"""Where to get help: support structures and the guide's webographie (data/ressources.toml).

Shown in the help pane of the steps each one helps with, and as the printable
document « ressources ».
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, model_validator

from coopwizard.paths import shipped_data_dir

try:  # compiled, as the store and the guide read their files
    import tomli as tomllib
except ImportError:  # pragma: no cover
    import tomllib


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Groupe(_Strict):
    titre: str


class Ressource(_Strict):
    id: str
    groupe: str
    nom: str
    texte: str
    adresse: str = ""
    etapes: tuple[str, ...] = ()


class Ressources(_Strict):
    note: str = ""
    groupes: dict[str, Groupe]
    ressources: tuple[Ressource, ...]

    @model_validator(mode="after")
    def _coherent(self) -> Ressources:
        # Edited by hand: name the faulty entry, in French.
        ids = [r.id for r in self.ressources]
        doublons = sorted({i for i in ids if ids.count(i) > 1})
        if doublons:
            raise ValueError(f"ressources.toml : identifiant(s) en double : {doublons}")
        for r in self.ressources:
            if r.groupe not in self.groupes:
                raise ValueError(f"ressources.toml, « {r.id} » : rubrique inconnue « {r.groupe} »")
        return self

    def par_groupe(self) -> list[tuple[Groupe, list[Ressource]]]:
        """Each rubric with its entries, in the file's order; empty rubrics left out."""
        return [
            (groupe, [r for r in self.ressources if r.groupe == gid])
            for gid, groupe in self.groupes.items()
            if any(r.groupe == gid for r in self.ressources)
        ]

    def pour_etape(self, etape_id: str) -> list[Ressource]:
        return [r for r in self.ressources if etape_id in r.etapes]


def load_ressources(path: Path | None = None) -> Ressources:
    path = path or shipped_data_dir() / "ressources.toml"
    with path.open("rb") as handle:
        return Ressources.model_validate(tomllib.load(handle))


@lru_cache(maxsize=1)
def ressources() -> Ressources:
    """The shipped list, read once."""
    return load_ressources()
