"""What keeps the fiche a one-to-two-page summary, however large the project:
long answers shortened at a word, long lists cut with « et n autres », the
planning told by phase with its key dates."""

from __future__ import annotations

from datetime import date

from coopwizard.documents.arbre import Tableau
from coopwizard.documents.libelles import section
from coopwizard.documents.valeurs import date_fr
from coopwizard.models import Projet

LONGUEUR_MAX = 200
"""Characters of one answer in the fiche (about three printed lines)."""
ELEMENTS_MAX = 4
"""Items of one list in the fiche; the rest are counted."""
ORDRE_ETAPES = ("conception", "collectif", "programmation", "realisation", "evaluation")


def abrege(texte: str, longueur: int = LONGUEUR_MAX) -> str:
    """The answer, cut at a word with « […] » when too long for the fiche."""
    texte = texte.strip()
    if len(texte) <= longueur:
        return texte
    coupe = texte[:longueur].rsplit(None, 1)[0].rstrip(" ,;:.—-")
    return f"{coupe} […]"


def liste_abregee(elements: list[str] | tuple[str, ...], maximum: int = ELEMENTS_MAX,
                  autres: str = "") -> tuple[str, ...]:
    """At most `maximum` items, then « … et n autres » (`autres` is the wording)."""
    elements = [abrege(e, 160) for e in elements if e.strip()]
    if len(elements) <= maximum:
        return tuple(elements)
    reste = len(elements) - (maximum - 1)
    return (*elements[:maximum - 1], (autres or section("fiche")["et_autres"]).format(n=reste))


def choix_en_ligne(libelles: list[str]) -> str:
    """Choice labels as one sentence: « C'est plus convivial ; mieux servir… »."""
    return " ; ".join(l if i == 0 else l[:1].lower() + l[1:] for i, l in enumerate(libelles))


def noms_en_ligne(noms: list[str], maximum: int = 8) -> str:
    """« A, B et C » — or the first ones and « et n autres » for a long list."""
    noms = [n for n in noms if n.strip()]
    w = section("fiche")
    if len(noms) > maximum:
        reste = len(noms) - maximum
        return ", ".join(noms[:maximum]) + " " + w["et_n_autres"].format(n=reste)
    if len(noms) <= 1:
        return "".join(noms)
    return ", ".join(noms[:-1]) + " et " + noms[-1]


def planning_par_phase(projet: Projet, today: date) -> Tableau:
    """One row per step: number of tasks, from when to when, how far along."""
    w = section("fiche")
    etapes = section("etapes")
    lignes = []
    for etape in (*ORDRE_ETAPES, None):
        taches = [t for t in projet.taches if t.etape == etape and t.intitule.strip()]
        if not taches:
            continue
        debuts = [t.debut for t in taches if t.debut] + [t.echeance for t in taches if t.echeance]
        fins = [t.echeance for t in taches if t.echeance] or debuts
        faites = sum(1 for t in taches if t.statut == "fait")
        retard = sum(1 for t in taches if t.en_retard(today))
        avancement = w["avancement"].format(faites=faites, total=len(taches),
                                            s="s" if faites > 1 else "")
        if retard:
            avancement += w["avancement_retard"].format(
                retard=retard, s="s" if retard > 1 else "")
        lignes.append((etapes.get(etape or "aucune", etapes["aucune"]),
                       w["n_taches"].format(n=len(taches), s="s" if len(taches) > 1 else ""),
                       min(debuts) if debuts else None, max(fins) if fins else None,
                       avancement))
    return Tableau(tuple(w["phases_entetes"]), tuple(lignes), vide=section("planning")["vide"])


def dates_cles(projet: Projet, today: date, nombre: int = 4) -> tuple[str, ...]:
    """The next deadlines still to meet, then the project's end."""
    w = section("fiche")
    a_venir = sorted((t for t in projet.taches
                      if t.echeance and t.echeance >= today and t.statut != "fait"
                      and t.intitule.strip()), key=lambda t: t.echeance)
    lignes = [w["date_cle"].format(date=date_fr(t.echeance), intitule=abrege(t.intitule, 80))
              for t in a_venir[:nombre]]
    if projet.date_fin and projet.date_fin >= today:
        lignes.append(w["date_cle"].format(date=date_fr(projet.date_fin), intitule=w["fin_projet"]))
    return tuple(lignes)
