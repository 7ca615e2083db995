"""Write a large, valid project file for the benchmarks (fixed seed: same file every time).

    python benchmarks/make_large_project.py OUT.toml [--scale N]

200 associations (SIRET that pass the Luhn check), 2,000 tasks over the five
steps, 300 budget lines on the standard form's accounts (balanced: charges =
produits, 86 = 87), 50 long multi-paragraph answers with accents, quotes and
line breaks, plus members, indicators, needs and meetings.

`--scale N` multiplies the associations, tasks, needs, indicators and meetings by N and
gives every association a long presentation (same seed): `--scale 60` writes the
~57 MB project of issue 16 (the budget keeps its 300 balanced lines).
"""

from __future__ import annotations

import random
import sys
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

if __package__ in (None, ""):  # run as a script from a checkout
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from coopwizard import store
from coopwizard.models import (
    Association,
    Besoin,
    Decision,
    Indicateur,
    LigneBudget,
    Membre,
    Projet,
    Reunion,
    Tache,
)
from coopwizard.models.paths import answer_paths, field_info

SEED = 42
N_ASSOCIATIONS = 200
N_TACHES = 2000
N_LIGNES = 300
N_LONGUES = 50
ETAPES = ["conception", "collectif", "programmation", "realisation", "evaluation"]

def postes(cote: str) -> list[tuple[str, str]]:
    """(code, libellé) of the standard form's lines on one side: sub-lines, and accounts
    that have none (60..68, 70..79 with 74 split by funder, 86/87)."""
    from coopwizard.budget import formulaire

    form = formulaire()
    lignes = [p for p in form.postes if p.cote == cote]
    with_sub = {p.compte for p in lignes if not p.est_compte}
    return [(p.code, p.libelle) for p in lignes if not (p.est_compte and p.code in with_sub)]


VILLES = ["Créteil", "Vitry-sur-Seine", "Ivry-sur-Seine", "Champigny-sur-Marne", "Fontenay-sous-Bois",
          "Choisy-le-Roi", "Villejuif", "L'Haÿ-les-Roses", "Saint-Maur-des-Fossés", "Orly"]
OBJETS = ["Amicale", "Comité des fêtes", "Jardin partagé", "Club de lecture", "Entraide scolaire",
          "Théâtre « La Lucarne »", "Chorale", "Ressourcerie", "Club d'échecs", "Maison des jeunes",
          "Épicerie solidaire", "Vélo-école", "Atelier couture", "Café des âgés"]
PRENOMS = ["Anaïs", "Benoît", "Chloé", "Dévi", "Élodie", "François", "Gaëlle", "Hélène", "Inès",
           "Jérôme", "Karim", "Léa", "Maëlle", "Noël", "Océane", "Pierre-Yves", "Rémi", "Zoé"]
NOMS = ["Durand", "Lefèvre", "N'Diaye", "Moreau", "Benaïssa", "Le Goff", "Muñoz", "Nguyễn",
        "Dupré", "Kowalski", "Da Silva", "Ménard"]
VERBES = ["Préparer", "Réserver", "Envoyer", "Relancer", "Vérifier", "Rédiger", "Organiser",
          "Installer", "Présenter", "Répartir", "Évaluer", "Clôturer"]
CHOSES = ["la salle des fêtes", "le dossier de subvention", "les invitations", "le compte rendu",
          "le budget prévisionnel", "les affiches « Repas de quartier »", "le matériel de sono",
          "la convention de partenariat", "le questionnaire d'évaluation", "les bénévoles"]
PHRASES = [
    "Les habitants du quartier nous ont dit qu'ils ne se connaissaient plus « comme avant ».",
    "Nous voulons créer un moment convivial où chacun apporte un plat, même modeste.",
    "L'association porteuse s'appuie sur l'expérience de l'été dernier : 120 participants, déjà !",
    "Le centre social prête la cour et les tables ; la mairie fournit l'électricité.",
    "Il faudra vérifier l'assurance responsabilité civile de chaque partenaire avant le 15 mai.",
    "Certains bénévoles craignent de « perdre leur identité » en travaillant avec d'autres.",
    "On s'est mis d'accord : chaque décision est notée dans un relevé, envoyé à tous sous 48 h.",
    "Le public visé : les familles, les personnes âgées isolées et les jeunes de 16 à 25 ans.",
    "Notre coordinatrice, Élodie, délègue les tâches et garde une vue d'ensemble du planning.",
    "Les « points d'étape » ont lieu le premier mardi du mois, à 18 h 30, au local de l'amicale.",
    "Résultat attendu : au moins 200 personnes et une dizaine d'associations présentes.",
    "Pour l'évaluation, un questionnaire court (5 questions) sera distribué à la sortie.",
    "Le budget doit être équilibré : charges = produits, et bénévolat valorisé en 86/87.",
    "Ce qu'on a appris : « ensemble, on va plus loin », mais il faut du temps pour se faire confiance.",
    "Les jeunes du club de foot proposent d'animer un tournoi l'après-midi ; à confirmer.",
    "Il reste à trouver des barnums (3 ou 4) et une camionnette pour le transport du matériel.",
    "Le Département soutient ce type d'initiative via l'appel à projets « Vivre ensemble ».",
    "Âgés, enfants, nouveaux arrivants : tout le monde doit se sentir bienvenu, sans exception.",
    "Nous garderons une trace écrite — photos, témoignages, chiffres — pour le bilan final.",
    "Une réunion publique d'information est prévue en mars, avec traduction en arabe et en tamoul.",
]


def siret(rng: random.Random) -> str:
    """A 14-digit SIRET that passes the Luhn check (and is not La Poste's)."""
    while True:
        body = [rng.randrange(10) for _ in range(13)]
        if "".join(map(str, body[:9])) != "356000000":
            break
    for check in range(10):
        digits = body + [check]
        total = 0
        for index, value in enumerate(reversed(digits)):
            if index % 2 == 1:
                value *= 2
                if value > 9:
                    value -= 9
            total += value
        if total % 10 == 0:
            return "".join(map(str, digits))
    raise AssertionError("unreachable")


def personne(rng: random.Random) -> str:
    return f"{rng.choice(PRENOMS)} {rng.choice(NOMS)}"


def long_text(rng: random.Random, index: int) -> str:
    """A multi-paragraph answer: accents, « » and " quotes, apostrophes, line breaks."""
    paragraphs = []
    for _ in range(rng.randint(3, 6)):
        sentences = rng.sample(PHRASES, rng.randint(3, 6))
        paragraphs.append(" ".join(sentences))
    if index % 3 == 0:
        paragraphs.insert(1, "Points clés :\n- se connaître ;\n- \"faire ensemble\" ;\n- évaluer.")
    if index % 7 == 0:
        paragraphs.append('Citation d\'un habitant : """On n\'avait jamais vu ça ici""" — C:\\dossier')
    return "\n\n".join(paragraphs)


def short_text(rng: random.Random) -> str:
    return rng.choice(PHRASES)


def text_fields() -> list[str]:
    """The project's own free-text answers (not inside a list)."""
    return [p for p in answer_paths(Projet) if field_info(Projet, p).annotation is str]


def montant(rng: random.Random, low: int, high: int) -> Decimal:
    return Decimal(rng.randrange(low * 100, high * 100)) / 100


def budget_lines(rng: random.Random, porteurs: list[str]) -> list[LigneBudget]:
    """300 lines: charges then produits (balanced), and 86 = 87."""
    n_nature = 20  # 10 lines in 86, 10 in 87
    n_charges = (N_LIGNES - n_nature) // 2
    n_produits = N_LIGNES - n_nature - n_charges
    lines: list[LigneBudget] = []
    CHARGES, PRODUITS = postes("charges"), postes("produits")
    NATURE_86, NATURE_87 = postes("emplois_nature"), postes("contributions_nature")
    charges = [montant(rng, 50, 5000) for _ in range(n_charges)]
    for amount in charges:
        compte, libelle = rng.choice(CHARGES)
        lines.append(LigneBudget(compte=compte, libelle=libelle, montant=amount,
                                 association=rng.choice(porteurs)))
    produits = [montant(rng, 50, 5000) for _ in range(n_produits - 1)]
    produits.append(sum(charges) - sum(produits))  # the last line balances the budget
    if produits[-1] <= 0:
        raise SystemExit("unbalanced seed: change N_LIGNES")
    for amount in produits:
        compte, libelle = rng.choice(PRODUITS)
        lines.append(LigneBudget(compte=compte, libelle=libelle, montant=amount,
                                 association=rng.choice(porteurs)))
    nature = [montant(rng, 100, 3000) for _ in range(n_nature // 2)]
    for amount in nature:
        compte, libelle = rng.choice(NATURE_86)
        lines.append(LigneBudget(compte=compte, libelle=libelle, montant=amount))
    for amount in rng.sample(nature, len(nature)):
        compte, libelle = rng.choice(NATURE_87)
        lines.append(LigneBudget(compte=compte, libelle=libelle, montant=amount))
    return lines


def build(scale: int = 1) -> Projet:
    rng = random.Random(SEED)
    associations = []
    for index in range(N_ASSOCIATIONS * scale):
        ville = rng.choice(VILLES)
        associations.append(Association(
            nom=f"{rng.choice(OBJETS)} de {ville} n° {index + 1}",
            adresse=f"{rng.randint(1, 200)} rue de l'Église, 94{rng.randint(0, 99):03d} {ville}",
            contact_nom=personne(rng),
            contact_fonction=rng.choice(["Présidente", "Trésorier", "Secrétaire", "Bénévole"]),
            courriel=f"contact{index + 1}@asso-{index + 1}.fr",
            telephone=f"01 {rng.randint(10, 99)} {rng.randint(10, 99)} "
                      f"{rng.randint(10, 99)} {rng.randint(10, 99)}",
            siret=siret(rng),
            rna=f"W94{rng.randrange(10**7):07d}",
            role="porteur" if index == 0 else "partenaire",
            presentation=long_text(rng, index) if scale > 1 else short_text(rng),
            assurance_compagnie=rng.choice(["MAIF", "MACIF", "Groupama", "Crédit Mutuel"]),
            assurance_contrat=f"RC-{rng.randrange(10**6):06d}",
        ))
    noms = [a.nom for a in associations]

    start = date(2026, 1, 5)
    taches = []
    n_taches = N_TACHES * scale
    for index in range(n_taches):
        debut = start + timedelta(days=rng.randrange(0, 400))
        taches.append(Tache(
            etape=ETAPES[index * len(ETAPES) // n_taches],
            intitule=f"{rng.choice(VERBES)} {rng.choice(CHOSES)} ({index + 1})",
            responsable=personne(rng),
            debut=debut,
            echeance=debut + timedelta(days=rng.randrange(0, 60)),
            statut=rng.choice(["a_faire", "en_cours", "fait"]),
        ))

    projet = Projet(
        nom="Grande fête inter-associative du Val-de-Marne",
        resume="Un projet de très grande taille, pour mesurer les performances de coopwizard.",
        date_debut=date(2026, 1, 5),
        date_fin=date(2027, 3, 31),
        associations=associations,
        taches=taches,
    )
    projet.envie.motivations = ["valeurs", "convivialite", "interet_general"]
    projet.connaissance.lieux_rencontre = ["maison_associations", "forum", "centre_social"]
    projet.connaissance.conditions_rencontre = ["projet_concret", "convivialite"]
    projet.collectif.membres = [
        Membre(nom=personne(rng), association=rng.choice(noms), role=rng.choice(
            ["Coordinatrice", "Trésorier du projet", "Communication", "Logistique"]))
        for _ in range(10)
    ]
    projet.programmation.echeance_souhaitee = date(2026, 6, 20)
    projet.programmation.planning_mis_a_jour_le = date(2026, 3, 1)
    projet.budget.exercice_debut = date(2026, 1, 1)
    projet.budget.exercice_fin = date(2026, 12, 31)
    projet.budget.lignes = budget_lines(rng, noms[:20])
    projet.evaluation.indicateurs = [
        Indicateur(objectif=short_text(rng), action=f"Action {i + 1}",
                   resultat_attendu="200 participants", indicateur="Nombre de participants",
                   outil="Feuille d'émargement", nature=rng.choice(["quantitatif", "qualitatif"]),
                   cible="200", valeur_mesuree="" if i % 2 else str(rng.randint(100, 300)))
        for i in range(40 * scale)
    ]
    projet.evaluation.date_bilan = date(2026, 9, 15)
    projet.evaluation.destinataires_bilan = ["membres", "partenaires", "financeurs"]
    projet.moyens.besoins = [
        Besoin(categorie=rng.choice(["humains", "materiels", "locaux", "financiers"]),
               description=f"{rng.choice(CHOSES).capitalize()} ({i + 1})",
               apporte_par=rng.choice(noms), forme=rng.choice(["pret", "don", "partage"]),
               a_trouver=i % 5 == 0, piste="La mairie" if i % 5 == 0 else "",
               disponibilite_verifiee=i % 2 == 0)
        for i in range(80 * scale)
    ]
    projet.moyens.formalisation = "convention"
    projet.moyens.arguments = ["synergies", "citoyennete", "economies_echelle"]
    projet.moyens.assurance_verifiee = True
    projet.reunions = [
        Reunion(date=date(2026, 1, 10) + timedelta(days=14 * i), horaires="18 h 30 – 20 h",
                lieu="Local de l'amicale", ordre_du_jour=short_text(rng),
                presents=", ".join(personne(rng) for _ in range(6)), echanges=short_text(rng),
                decisions=[Decision(point=f"Point {j + 1}", decision=short_text(rng),
                                    responsable=personne(rng)) for j in range(3)])
        for i in range(20 * scale)
    ]

    # 50 long answers: every free-text field of the project, the rest in presentations.
    short_fields = {"nom", "resume", "collectif.nom_collectif", "collectif.coordinateur",
                    "collectif.frequence_reunions"}
    fields = [p for p in text_fields() if p not in short_fields]
    for index in range(N_LONGUES):
        text = long_text(rng, index)
        if index < len(fields):
            section, _, name = fields[index].rpartition(".")
            target = projet
            for part in section.split(".") if section else []:
                target = getattr(target, part)
            setattr(target, name, text)
        else:
            associations[index * 3].presentation = text
    projet.collectif.nom_collectif = "Comité de la fête inter-associative"
    projet.collectif.coordinateur = projet.collectif.membres[0].nom
    projet.collectif.frequence_reunions = "Toutes les deux semaines, le mardi soir"
    projet.position.etape = "conception"
    projet.position.champ = "conception.objectifs"
    return projet


def main(argv: list[str]) -> int:
    scale = 1
    if len(argv) == 3 and argv[1] == "--scale" and argv[2].isdigit() and int(argv[2]) >= 1:
        argv, scale = argv[:1], int(argv[2])
    if len(argv) != 1:
        print("utilisation : python benchmarks/make_large_project.py SORTIE.toml [--scale N]",
              file=sys.stderr)
        return 2
    out = Path(argv[0])
    projet = build(scale)
    store.save(projet, out)
    store.load(out)  # it must read back
    print(f"{out} : {out.stat().st_size // 1024} Kio, {len(projet.associations)} associations, "
          f"{len(projet.taches)} tâches, {len(projet.budget.lignes)} lignes de budget.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
