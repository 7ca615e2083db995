"""The guide's four conventions (annexe 1), ready to sign.

The convention de coopération binds every association of the project; the
three mises à disposition (matériel, local, salarié) bind the association
that lends and the one that receives, one convention per shared need
(`moyens.besoins`). Whatever the answers do not say is printed « à
compléter » (or left as a dotted line to fill in by hand), never guessed.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from coopwizard.diagnostics import siret_problem
from coopwizard.documents.arbre import Bloc, Champ, Document, Liste, Paragraphe, Signatures, Titre
from coopwizard.documents.fiche import nom_projet, noms_associations, pied
from coopwizard.documents.libelles import section
from coopwizard.documents.valeurs import A_COMPLETER, date_fr, ou_a_completer
from coopwizard.models import Association, Besoin, Projet

# --- pieces every convention shares ---------------------------------------------------------


def _commun() -> dict:
    return section("conventions")


def trouver_association(projet: Projet, nom: str) -> Association:
    """The project's association of that name, or one known by its name only (a town hall)."""
    cle = nom.strip().casefold()
    for a in projet.associations:
        if a.nom.strip().casefold() == cle:
            return a
    return Association(nom=nom.strip())


def de(nom: str) -> str:
    """« de » before a name, contracted as French requires: « des Jardins », « d'Amicale »."""
    return _contracte(nom, "de ", {"les ": "des ", "le ": "du "}, "d'")


def a_(nom: str) -> str:
    """« à » before a name: « aux Jardins », « au Comité », « à l'Amicale »."""
    return _contracte(nom, "à ", {"les ": "aux ", "le ": "au "}, "à ")


def _contracte(nom: str, simple: str, articles: dict[str, str], elision: str) -> str:
    for article, contraction in articles.items():
        if nom[:len(article)].casefold() == article:
            return contraction + nom[len(article):]
    if nom[:1].casefold() in "aeiouyhéèêàâîôû" and nom[:1]:
        return (elision if elision != simple else simple) + nom
    return simple + nom


def trou(valeur: str) -> str:
    """A value inside a sentence, or a dotted line marked « à compléter »."""
    return valeur.strip().rstrip(".").strip() or _commun()["trou"]


def _siret(a: Association) -> Paragraphe:
    w = _commun()
    siret = a.siret.strip()
    if not siret:
        return Paragraphe(w["siret"].format(siret=trou("")))
    probleme = siret_problem(siret)
    if probleme:
        return Paragraphe(w["siret_a_verifier"].format(siret=siret, raison=probleme.rstrip(".")), "alerte")
    return Paragraphe(w["siret"].format(siret=siret))


def parties(associations: list[Association]) -> list[Bloc]:
    """« Entre les soussignées : X…, d'une part, et Y…, d'autre part. »"""
    w = _commun()
    blocs: list[Bloc] = [Paragraphe(w["entre"])]
    for index, a in enumerate(associations):
        if index:
            blocs.append(Paragraphe(w["et"]))
        blocs.append(Paragraphe(w["partie"].format(
            nom=trou(a.nom), adresse=trou(a.adresse), representant=trou(a.representant_nom),
            fonction=trou(a.representant_fonction))))
        blocs.append(_siret(a))
        if index == 0:
            blocs.append(Paragraphe(w["une_part"]))
    if len(associations) > 1:
        blocs.append(Paragraphe(w["autre_part"]))
    blocs.append(Paragraphe(w["convenu"]))
    return blocs


def presentations(associations: Iterable[Association]) -> list[Bloc]:
    w = _commun()
    return [Titre(w["presentations"], 2), *(Champ(a.nom.strip() or A_COMPLETER, a.presentation)
                                             for a in associations)]


def assurances(associations: Iterable[Association]) -> list[Bloc]:
    w = _commun()
    return [Champ(a.nom.strip() or A_COMPLETER,
                  w["assurance"].format(compagnie=ou_a_completer(a.assurance_compagnie),
                                        contrat=ou_a_completer(a.assurance_contrat)))
            for a in associations]


def _mois(debut: date, fin: date) -> int:
    """Whole months a period covers, a started month counting as one (1/9 to 30/4: 8)."""
    mois = (fin.year - debut.year) * 12 + fin.month - debut.month
    return max(mois + (1 if fin.day >= debut.day - 1 else 0), 1)


def duree(projet: Projet) -> Paragraphe:
    w = _commun()
    debut, fin = projet.date_debut, projet.date_fin
    if debut and fin and fin >= debut:
        return Paragraphe(w["duree"].format(
            mois=w["mois"].format(n=_mois(debut, fin)),
            periode=w["duree_periode"].format(debut=date_fr(debut), fin=date_fr(fin))))
    return Paragraphe(w["duree"].format(mois=w["mois_inconnus"], periode=""))


def signatures(associations: list[Association]) -> list[Bloc]:
    """« Fait en n exemplaires », then per party: name, function, place, date, signature."""
    w = _commun()
    return [
        Paragraphe(w["exemplaires"].format(n=max(len(associations), 2))),
        Signatures(
            tuple(w["pour"].format(association=a.nom.strip() or A_COMPLETER)
                  for a in associations),
            tuple((a.representant_nom.strip() or w["signataire"],
                   a.representant_fonction.strip() or w["fonction"],
                   w["lieu_date"], w["signature"]) for a in associations),
            a_signer=True,
        ),
    ]


def _document(titre: str, projet: Projet, associations: list[Association],
              blocs: list[Bloc], today: date) -> Document:
    return Document(titre, section("convention")["sous_titre"].format(nom=nom_projet(projet)),
                    tuple(a.nom.strip() for a in associations if a.nom.strip())
                    or noms_associations(projet), tuple(blocs), pied(today))


# --- the convention de coopération -----------------------------------------------------------


def _taches_par_responsable(projet: Projet) -> list[tuple[str, str]]:
    """Each task's title and casefolded « qui », once for every partner (200 partners ×
    2,000 tasks casefolded the same cells 400,000 times)."""
    return [(t.intitule.strip(), t.responsable.casefold()) for t in projet.taches
            if t.intitule.strip()]


def _engagements(projet: Projet, a: Association,
                 taches_qui: list[tuple[str, str]]) -> tuple[str, ...]:
    w = section("convention")
    cle = a.nom.strip().casefold()
    apports = [w["apport"].format(description=b.description.strip())
               for b in projet.moyens.besoins
               if b.description.strip() and not b.a_trouver
               and b.apporte_par.strip().casefold() == cle]
    taches = [w["tache"].format(intitule=intitule) for intitule, qui in taches_qui
              if cle and cle in qui] if cle else []
    return tuple(apports + taches)


def build_convention(projet: Projet, today: date, guide=None) -> Document:
    w = section("convention")
    nom = nom_projet(projet)
    associations = [a for a in projet.associations if a.nom.strip()]
    if not associations:
        associations = [Association(), Association()]  # the blank template, two parties
    c = projet.conception
    periode = w["periode"].format(debut=date_fr(projet.date_debut) or "…",
                                  fin=date_fr(projet.date_fin) or "…")
    lieu = w["lieu"].format(lieu=trou(c.territoire))
    blocs = parties(associations)
    blocs += [Titre(w["article_contexte"]), *presentations(associations),
              Champ(w["description"], projet.resume), Champ(w["objectifs"], c.objectifs)]
    blocs += [Titre(w["article_objet"]),
              Paragraphe(w["objet"].format(nom=nom, periode=periode, lieu=lieu))]
    blocs.append(Titre(w["article_engagements"]))
    taches_qui = _taches_par_responsable(projet)
    for a in associations:
        blocs.append(Liste(_engagements(projet, a, taches_qui),
                           libelle=w["engagements"].format(association=a.nom or A_COMPLETER)))
    frequence = trou(projet.collectif.frequence_reunions)
    blocs += [Titre(w["article_suivi"]), Paragraphe(w["suivi"].format(frequence=frequence)),
              Paragraphe(w["bilan"])]
    blocs += [Titre(w["article_assurances"]), Paragraphe(w["assurances"]),
              *assurances(associations)]
    blocs += [Titre(w["article_duree"]), duree(projet)]
    blocs += [Titre(w["article_revision"]), Paragraphe(w["revision"])]
    blocs += [Titre(w["article_resiliation"]), Paragraphe(w["resiliation"])]
    blocs += [Titre(w["article_application"]), Paragraphe(w["application"])]
    blocs += signatures(associations)
    return _document(w["titre"], projet, associations, blocs, today)


# --- the three mises à disposition -----------------------------------------------------------

FORMES_PRET = {"pret", "mise_a_disposition_gratuite", "mise_a_disposition_onereuse"}


def beneficiaire(projet: Projet, besoin: Besoin) -> Association:
    """Who receives: the need's `beneficiaire`, else the porteur (or a partner) that does not lend."""
    if besoin.beneficiaire.strip():
        return trouver_association(projet, besoin.beneficiaire)
    fournisseur = besoin.apporte_par.strip().casefold()
    autres = [a for a in projet.associations
              if a.nom.strip() and a.nom.strip().casefold() != fournisseur]
    porteurs = [a for a in autres if a.role == "porteur"]
    return (porteurs or autres or [Association()])[0]


def besoins_pour(projet: Projet, categorie: str, formes: set[str]) -> list[Besoin]:
    """The shared needs one kind of convention covers: lent by someone, not still to find."""
    return [b for b in projet.moyens.besoins
            if b.categorie == categorie and b.forme in formes and not b.a_trouver
            and b.apporte_par.strip()]


def _nom(a: Association, defaut: str) -> str:
    return a.nom.strip() or defaut


def conventions_a_deux(projet: Projet, today: date, cle: str, besoins: list[Besoin],
                       articles) -> Document:
    """One convention per need (in one document, each on its own page); with none, the
    blank template. `articles(w, besoin, fournisseur, beneficiaire)` gives the articles
    between the parties and the signatures."""
    w = section(cle)
    commun = _commun()
    if not besoins:
        vide = Besoin()
        blocs = [Paragraphe(commun["aucun_besoin"], "note"),
                 *_une_convention(projet, w, vide, Association(), Association(), articles)]
        return _document(w["titre"], projet, [], blocs, today)
    blocs: list[Bloc] = []
    if len(besoins) > 1:
        blocs.append(Paragraphe(commun["plusieurs"].format(n=len(besoins)), "note"))
    tous: list[Association] = []
    for k, besoin in enumerate(besoins, start=1):
        fournisseur = trouver_association(projet, besoin.apporte_par)
        recoit = beneficiaire(projet, besoin)
        tous += [a for a in (fournisseur, recoit) if a.nom.strip() and a not in tous]
        if len(besoins) > 1:
            blocs.append(Titre(commun["numero"].format(
                titre=w["titre"], k=k, fournisseur=_nom(fournisseur, A_COMPLETER),
                beneficiaire=_nom(recoit, A_COMPLETER)), nouvelle_page=k > 1))
        blocs += _une_convention(projet, w, besoin, fournisseur, recoit, articles)
    return _document(w["titre"], projet, tous, blocs, today)


def _une_convention(projet, w, besoin, fournisseur, recoit, articles) -> list[Bloc]:
    commun = _commun()
    donne = _nom(fournisseur, commun["fournisseur_inconnu"])
    recu = _nom(recoit, commun["beneficiaire_inconnu"])
    noms = {"fournisseur": donne, "beneficiaire": recu, "de_beneficiaire": de(recu),
            "a_beneficiaire": a_(recu), "nom": nom_projet(projet)}
    return [*parties([fournisseur, recoit]), *articles(w, besoin, noms),
            *signatures([fournisseur, recoit])]


def assurance_des_deux(projet: Projet, besoin: Besoin) -> list[Bloc]:
    return assurances([trouver_association(projet, besoin.apporte_par),
                       beneficiaire(projet, besoin)] if besoin.apporte_par.strip()
                      else [Association(), Association()])
