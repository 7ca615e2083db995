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
    largeurs = {"role": 10, "contact": 14, "courriel": 24, "telephone": 16}
    souple = "nom"
    prefixes_diagnostics = ("associations.",)

    def cellules(self, record: Association, index: int):
        return (
            record.nom,
            {"porteur": "Porteuse"}.get(record.role or "", libelle(record.role)),
            record.contact_nom,
            _flagged(record.courriel, email_problem),
            _flagged(record.telephone, phone_problem),
            _flagged(record.siret, siret_problem),
            _flagged(record.rna, rna_problem),
        )

    def detail(self, record: Association) -> Text:
        parts = [record.nom.strip() or "Association sans nom", libelle(record.role),
                 record.contact_nom.strip(), record.courriel.strip(), record.telephone.strip()]
        return Text(" · ".join(p for p in parts if p))

    def problemes(self, record: Association) -> list[str]:
        checks = (("SIRET", record.siret, siret_problem), ("RNA", record.rna, rna_problem),
                  ("courriel", record.courriel, email_problem),
                  ("téléphone", record.telephone, phone_problem))
        return [f"{nom} : {probleme}" for nom, value, check in checks
                if value.strip() and (probleme := check(value))]

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
    largeurs = {"nom": 18, "role": 14}
    souple = "association"
    prefixes_diagnostics = ("collectif.",)
    aide = RecordEditor.aide + " · c : désigner comme coordinateur"
    BINDINGS = [Binding("c", "coordinateur", "Coordinateur", id="editeur.coordinateur")]

    def cellules(self, record: Membre, index: int):
        nom = Text(record.nom)
        coordinateur = self.projet.collectif.coordinateur.strip().casefold()
        if coordinateur and record.nom.strip().casefold() == coordinateur:
            nom = Text("★ ", style="bold").append_text(nom)
        return (nom, record.association, record.role)

    def detail(self, record: Membre) -> Text:
        coordinateur = self.projet.collectif.coordinateur.strip().casefold()
        parts = [record.nom.strip() or "Membre sans nom", record.association.strip(),
                 record.role.strip()]
        if coordinateur and record.nom.strip().casefold() == coordinateur:
            parts.append("★ coordinateur du collectif")
        return Text(" · ".join(p for p in parts if p))

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
        ("indicateur", "Indicateur"),
        ("cible", "Prévu"),
        ("valeur_mesuree", "Mesuré"),
        ("bilan", "Bilan"),
        ("objectif", "Objectif"),
        ("nature", "Nature"),
        ("outil", "Outil"),
    ]
    largeurs = {"cible": 8, "valeur_mesuree": 8, "bilan": 11, "objectif": 24, "outil": 18}
    souple = "indicateur"
    prefixes_diagnostics = ("evaluation.indicateurs.",)

    def cellules(self, record: Indicateur, index: int):
        return (
            premiere_ligne(record.indicateur, 200),
            record.cible,
            record.valeur_mesuree,
            bilan_indicateur(record),
            premiere_ligne(record.objectif, 200),
            libelle(record.nature),
            premiere_ligne(record.outil, 200),
        )

    def detail(self, record: Indicateur) -> Text:
        texte = Text(premiere_ligne(record.indicateur, 200) or "Indicateur sans nom", style="bold")
        parts = [f"objectif : {premiere_ligne(record.objectif, 60)}" if record.objectif.strip()
                 else "", libelle(record.nature),
                 f"prévu {record.cible.strip()}" if record.cible.strip() else "",
                 f"mesuré {record.valeur_mesuree.strip()}" if record.valeur_mesuree.strip()
                 else "", bilan_indicateur(record).plain]
        texte.append("\n" + " · ".join(p for p in parts if p))
        return texte

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
        ("description", "Besoin"),
        ("categorie", "Catégorie"),
        ("a_trouver", "À trouver"),
        ("apporte_par", "Apporté par"),
        ("forme", "Forme"),
        ("piste", "Auprès de qui"),
    ]
    largeurs = {"categorie": 10, "a_trouver": 9, "apporte_par": 18, "forme": 16, "piste": 20}
    souple = "description"
    prefixes_diagnostics = ("moyens.besoins.",)

    def cellules(self, record: Besoin, index: int):
        a_trouver = Text("⚠ oui", style=ALERTE) if record.a_trouver else Text("non")
        return (
            premiere_ligne(record.description, 200),
            libelle(record.categorie),
            a_trouver,
            record.apporte_par,
            libelle(record.forme),
            record.piste,
        )

    def detail(self, record: Besoin) -> Text:
        texte = Text(premiere_ligne(record.description, 200) or "Besoin sans description",
                     style="bold")
        if record.a_trouver:
            suite = f"encore à trouver, auprès de : {record.piste.strip() or 'piste à chercher'}"
        else:
            suite = " ".join(p for p in ("apporté par", record.apporte_par.strip()) if p) \
                if record.apporte_par.strip() else "couvert"
        parts = [libelle(record.categorie), libelle(record.forme), suite]
        texte.append("\n" + " · ".join(p for p in parts if p))
        return texte

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
        ("ordre_du_jour", "Ordre du jour"),
        ("lieu", "Lieu"),
        ("decisions", "Décis."),
        ("prochaine", "Prochaine"),
    ]
    largeurs = {"date": 10, "lieu": 14, "decisions": 6, "prochaine": 10}
    souple = "ordre_du_jour"

    def cellules(self, record: Reunion, index: int):
        return (
            libelle(record.date),
            premiere_ligne(record.ordre_du_jour, 200),
            record.lieu,
            Text(str(len(record.decisions)), justify="right"),
            libelle(record.prochaine_reunion),
        )

    def detail(self, record: Reunion) -> Text:
        quand = f"Réunion du {libelle(record.date)}" if record.date else "Réunion sans date"
        parts = [quand, record.horaires.strip(), record.lieu.strip(),
                 f"{len(record.decisions)} décision(s)",
                 f"prochaine le {libelle(record.prochaine_reunion)}"
                 if record.prochaine_reunion else ""]
        return Text(" · ".join(p for p in parts if p))

    def form_options(self, record) -> dict[str, Any]:
        return {"long_fields": {"ordre_du_jour", "presents", "echanges"}}

    def nom_element(self, record: BaseModel) -> str:
        date = libelle(getattr(record, "date", None))
        return f"la réunion du {date}" if date else "cette réunion"
