"""Conventions de mise à disposition (guide, annexe 1): matériel, local, salarié.

Each is prefilled from the shared needs (`moyens.besoins`): who lends
(`apporte_par`), who receives (`beneficiaire`, else the porteur), what, where,
when and for how much; the rest is « à compléter ».
"""

from __future__ import annotations

from datetime import date

from coopwizard.documents.arbre import Bloc, Champ, Document, Liste, Paragraphe, Titre
from coopwizard.documents.conventions import (
    FORMES_PRET,
    assurance_des_deux,
    besoins_pour,
    conventions_a_deux,
    duree,
)
from coopwizard.documents.valeurs import euros
from coopwizard.models import Besoin, Projet


def build_materiel(projet: Projet, today: date, guide=None) -> Document:
    def articles(w, besoin: Besoin, n: dict) -> list[Bloc]:
        return [
            Titre(w["article_contexte"]), Paragraphe(w["contexte"].format(**n)),
            Titre(w["article_objet"]),
            Liste(tuple(x for x in (besoin.description.strip(),) if x),
                  libelle=w["materiel"].format(**n)),
            Champ(w["periode"], besoin.horaires),
            Champ(w["retrait"], besoin.lieu),
            Titre(w["article_obligations"]),
            Liste((w["fournir"],), libelle=w["obligations_fournisseur"].format(**n)),
            Liste((w["usage"], w["soin"]), libelle=w["obligations_beneficiaire"].format(**n)),
            Titre(w["article_assurances"]), Paragraphe(w["assurances"]),
            *assurance_des_deux(projet, besoin),
            Titre(w["article_revision"]), Paragraphe(w["revision"]),
            Titre(w["article_resiliation"]), Paragraphe(w["resiliation"]),
        ]

    # Free of charge: a paid loan of equipment is not what this model covers.
    besoins = besoins_pour(projet, "materiels", FORMES_PRET - {"mise_a_disposition_onereuse"})
    return conventions_a_deux(projet, today, "convention_materiel", besoins, articles)


def _materiel_du_local(projet: Projet, besoin: Besoin) -> str:
    """The equipment the same association lends with its room (tables, chairs…)."""
    cle = besoin.apporte_par.strip().casefold()
    return ", ".join(b.description.strip() for b in projet.moyens.besoins
                     if b.categorie == "materiels" and not b.a_trouver and b.description.strip()
                     and b.apporte_par.strip().casefold() == cle)


def build_local(projet: Projet, today: date, guide=None) -> Document:
    def articles(w, besoin: Besoin, n: dict) -> list[Bloc]:
        payant = besoin.forme != "mise_a_disposition_gratuite"
        capacite = (w["capacite_valeur"].format(n=besoin.capacite.strip())
                    if besoin.capacite.strip() else "")
        locaux = "\n".join(x for x in (besoin.description.strip(), besoin.precisions.strip()) if x)
        blocs: list[Bloc] = [
            Titre(w["article_contexte"]),
            Paragraphe(w["contexte"].format(contrepartie=w["contrepartie"] if payant else "", **n)),
            Titre(w["article_objet"]), Paragraphe(w["locaux"].format(**n)),
            Champ(w["adresse"], besoin.lieu),
            Champ(w["superficie"], locaux),
            Champ(w["horaires"], besoin.horaires),
            Champ(w["materiel"], _materiel_du_local(projet, besoin)),
            Champ(w["capacite"], capacite),
            Champ(w["activites"], projet.conception.actions),
        ]
        if payant:
            blocs.append(Champ(w["contribution"], euros(besoin.cout)))
        beneficiaire = [w["payer"]] if payant else []
        beneficiaire += [w["usage"], w["respect"], w["capacite_respect"]]
        return blocs + [
            Titre(w["article_obligations"]),
            Liste((w["mettre_a_disposition"], w["cles"].format(**n), w["securite"]),
                  libelle=w["obligations_fournisseur"].format(**n)),
            Liste(tuple(beneficiaire), libelle=w["obligations_beneficiaire"].format(**n)),
            Titre(w["article_assurances"]), Paragraphe(w["assurances"]),
            *assurance_des_deux(projet, besoin),
            Titre(w["article_duree"]), duree(projet),
            Titre(w["article_revision"]), Paragraphe(w["revision"]),
            Titre(w["article_resiliation"]), Paragraphe(w["resiliation"]),
        ]

    besoins = besoins_pour(projet, "locaux", FORMES_PRET)
    doc = conventions_a_deux(projet, today, "convention_local", besoins, articles)
    if besoins and all(b.forme == "mise_a_disposition_gratuite" for b in besoins):
        from dataclasses import replace

        from coopwizard.documents.libelles import section

        doc = replace(doc, titre=section("convention_local")["titre_gratuit"])
    return doc


def build_salarie(projet: Projet, today: date, guide=None) -> Document:
    def articles(w, besoin: Besoin, n: dict) -> list[Bloc]:
        cout = w["cout_valeur"].format(montant=euros(besoin.cout)) if besoin.cout else ""
        return [
            Titre(w["article_contexte"]), Paragraphe(w["contexte"].format(**n)),
            Titre(w["article_objet"]), Paragraphe(w["objet"].format(**n)),
            Champ(w["fonction"], besoin.description),
            Champ(w["salarie"], ""),
            Titre(w["article_obligations"]), Paragraphe(w["employeur"].format(**n)),
            Liste((w["obligation_employeur"], w["contrat"], w["moyens"], w["direction"],
                   w["absences"]), libelle=w["ensemble"]),
            Paragraphe(w["facture"].format(**n)), Paragraphe(w["rencontres"]),
            Titre(w["article_missions"]),
            Champ(w["missions"], besoin.precisions),
            Champ(w["repartition"], besoin.horaires),
            Titre(w["article_financier"]),
            Champ(w["cout_horaire"], cout),
            Liste((w["facture_salaire"], w["facture_charges"], w["facture_frais"]),
                  libelle=w["facturation"].format(**n)),
            Paragraphe(w["reglement"]),
            Titre(w["article_duree"]), duree(projet),
            Titre(w["article_revision"]), Paragraphe(w["revision"]),
            Titre(w["article_resiliation"]), Paragraphe(w["resiliation"]),
        ]

    formes = {"mise_a_disposition_onereuse", "mise_a_disposition_gratuite", "pret"}
    besoins = besoins_pour(projet, "humains", formes)
    return conventions_a_deux(projet, today, "convention_salarie", besoins, articles)
