"""Editors of the partner associations, the organising group, the indicators,
the shared means and the meetings."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel
from rich.text import Text
from textual.binding import Binding

from coopwizard.diagnostics import (
    TAILLE_MAX_COLLECTIF,
    email_problem,
    phone_problem,
    rna_problem,
    siret_problem,
)
from coopwizard.models import Association, Besoin, Indicateur, Membre, Reunion
from screens.editors.base import RecordEditor
from screens.editors.labels import libelle, premiere_ligne

ALERTE = "bold dark_orange"


def _flagged(value: str, problem) -> Text:
    """A cell that shows its value, with a warning sign when a check flags it."""
    if value.strip() and problem(value):
        return Text.assemble((value, ALERTE), (" ⚠", ALERTE))
    return Text(value)


def _noms_associations(projet) -> list[str]:
    return [a.nom for a in projet.associations if a.nom.strip()]


class AssociationsEditor(RecordEditor):
    champ = "associations"
    model = Association
    colonnes = [
        ("nom", "Nom"),
        ("role", "Rôle"),
        ("contact", "Contact"),
        ("courriel", "Courriel"),
        ("telephone", "Téléphone"),
        ("siret", "SIRET"),
        ("rna", "RNA"),
    ]
    prefixes_diagnostics = ("associations.",)

    def cellules(self, record: Association, index: int):
        return (
            record.nom,
            libelle(record.role),
            record.contact_nom,
            _flagged(record.courriel, email_problem),
            _flagged(record.telephone, phone_problem),
            _flagged(record.siret, siret_problem),
            _flagged(record.rna, rna_problem),
        )

    def form_options(self, record) -> dict[str, Any]:
        return {
            "checks": {
                "siret": siret_problem,
                "rna": rna_problem,
                "courriel": email_problem,
                "telephone": phone_problem,
            },
            "long_fields": {"presentation"},
        }


class MembresEditor(RecordEditor):
    champ = "collectif.membres"
    model = Membre
    colonnes = [("nom", "Nom"), ("association", "Association"), ("role", "Rôle")]
    prefixes_diagnostics = ("collectif.",)
    aide = RecordEditor.aide + " · c : désigner comme coordinateur"
    BINDINGS = [Binding("c", "coordinateur", "Coordinateur", id="editeur.coordinateur")]

    def cellules(self, record: Membre, index: int):
        nom = Text(record.nom)
        coordinateur = self.projet.collectif.coordinateur.strip().casefold()
        if coordinateur and record.nom.strip().casefold() == coordinateur:
            nom.append(" ★ coordinateur", style="bold")
        return (nom, record.association, record.role)

    def form_options(self, record) -> dict[str, Any]:
        return {"suggestions": {"association": _noms_associations(self.projet)}}

    def resume(self):
        membres = sum(1 for m in self.records if m.nom.strip())
        coordinateur = self.projet.collectif.coordinateur.strip() or "personne pour l'instant"
        return (
            f"{membres} membre{'s' if membres > 1 else ''} "
            f"(le guide conseille {TAILLE_MAX_COLLECTIF} au plus) · coordination : {coordinateur}"
        )

    def action_coordinateur(self) -> None:
        key = self.current_key()
        if key is None:
            return
        nom = self._records[key].nom.strip()
        if not nom:
            self.notify("Donnez d'abord un nom à ce membre.", severity="warning")
            return
        self.projet.collectif.coordinateur = nom
        for row in list(self._records):
            self.refresh_row(row)  # the ★ moves from one member to another
        self.changed("collectif.coordinateur")


def _nombre(text: str) -> float | None:
    cleaned = text.replace("\u00a0", "").replace(" ", "").replace(",", ".").rstrip("%")
    try:
        return float(cleaned)
    except ValueError:
        return None


def bilan_indicateur(record: Indicateur) -> Text:
    """Planned against measured: "à mesurer", "atteint", "non atteint" or "mesuré"."""
    if not record.valeur_mesuree.strip():
        return Text("à mesurer", style="dim")
    cible, mesure = _nombre(record.cible), _nombre(record.valeur_mesuree)
    if cible is None or mesure is None:
        return Text("mesuré")
    if mesure >= cible:
        return Text("atteint", style="bold green")
    return Text("non atteint", style=ALERTE)


class IndicateursEditor(RecordEditor):
    champ = "evaluation.indicateurs"
    model = Indicateur
    colonnes = [
        ("objectif", "Objectif"),
        ("indicateur", "Indicateur"),
        ("nature", "Nature"),
        ("outil", "Outil"),
        ("cible", "Cible (prévu)"),
        ("valeur_mesuree", "Mesuré (réalisé)"),
        ("bilan", "Bilan"),
    ]
    prefixes_diagnostics = ("evaluation.indicateurs.",)

    def cellules(self, record: Indicateur, index: int):
        return (
            premiere_ligne(record.objectif, 30),
            premiere_ligne(record.indicateur, 30),
            libelle(record.nature),
            premiere_ligne(record.outil, 20),
            record.cible,
            record.valeur_mesuree,
            bilan_indicateur(record),
        )

    def form_options(self, record) -> dict[str, Any]:
        return {"long_fields": {"objectif", "action", "resultat_attendu"}}

    def resume(self):
        total = len(self.records)
        mesures = sum(1 for r in self.records if r.valeur_mesuree.strip())
        atteints = sum(1 for r in self.records if bilan_indicateur(r).plain == "atteint")
        return f"{total} indicateur(s) · {mesures} mesuré(s) · {atteints} cible(s) atteinte(s)"


class BesoinsEditor(RecordEditor):
    champ = "moyens.besoins"
    model = Besoin
    colonnes = [
        ("categorie", "Catégorie"),
        ("description", "Besoin"),
        ("apporte_par", "Apporté par"),
        ("forme", "Forme"),
        ("a_trouver", "À trouver"),
        ("piste", "Auprès de qui"),
    ]
    prefixes_diagnostics = ("moyens.besoins.",)

    def cellules(self, record: Besoin, index: int):
        a_trouver = Text("oui", style=ALERTE) if record.a_trouver else Text("non")
        return (
            libelle(record.categorie),
            premiere_ligne(record.description, 36),
            record.apporte_par,
            libelle(record.forme),
            a_trouver,
            record.piste,
        )

    def form_options(self, record) -> dict[str, Any]:
        noms = _noms_associations(self.projet)
        # Who receives it: the conventions de mise à disposition are prefilled from it.
        return {"suggestions": {"apporte_par": noms, "beneficiaire": noms},
                "long_fields": {"precisions"}}

    def resume(self):
        couverts = sum(1 for r in self.records if not r.a_trouver)
        a_trouver = [r for r in self.records if r.a_trouver]
        text = f"{couverts} besoin(s) couvert(s) · {len(a_trouver)} encore à trouver"
        for besoin in a_trouver[:4]:
            piste = besoin.piste.strip() or "piste à chercher"
            text += f"\n  • {premiere_ligne(besoin.description, 40) or 'besoin'} : {piste}"
        return text


class ReunionsEditor(RecordEditor):
    champ = "reunions"
    model = Reunion
    colonnes = [
        ("date", "Date"),
        ("lieu", "Lieu"),
        ("ordre_du_jour", "Ordre du jour"),
        ("decisions", "Décisions"),
        ("prochaine", "Prochaine réunion"),
    ]

    def cellules(self, record: Reunion, index: int):
        return (
            libelle(record.date),
            record.lieu,
            premiere_ligne(record.ordre_du_jour, 40),
            str(len(record.decisions)),
            libelle(record.prochaine_reunion),
        )

    def form_options(self, record) -> dict[str, Any]:
        return {"long_fields": {"ordre_du_jour", "presents", "echanges"}}

    def nom_element(self, record: BaseModel) -> str:
        date = libelle(getattr(record, "date", None))
        return f"la réunion du {date}" if date else "cette réunion"
