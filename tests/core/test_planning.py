"""The échéancier: late tasks, the month grid, the injectable date, diagnostics."""

from __future__ import annotations

from datetime import date

from coopwizard.diagnostics import diagnose
from coopwizard.models import Collectif, Membre, Projet, Tache
from coopwizard.models.moyens import Besoin
from coopwizard.models.phases import Indicateur
from coopwizard.planning import (
    grille_mensuelle,
    libelle_mois,
    marquer_mis_a_jour,
    taches_en_retard,
    today,
)

JOUR = date(2026, 3, 15)


def test_today_honours_the_environment(monkeypatch):
    monkeypatch.setenv("COOPWIZARD_AUJOURDHUI", "2027-02-01")
    assert today() == date(2027, 2, 1)
    monkeypatch.setenv("COOPWIZARD_AUJOURDHUI", "n'importe quoi")
    assert today() == date.today()


def test_late_tasks():
    taches = [
        Tache(intitule="Réserver la salle", echeance="01/03/2026"),
        Tache(intitule="Faite", echeance="01/03/2026", statut="fait"),
        Tache(intitule="Aujourd'hui", echeance="15/03/2026"),
        Tache(intitule="Sans date"),
    ]
    assert taches_en_retard(taches, JOUR) == [0]


def test_mis_a_jour_le(monkeypatch):
    monkeypatch.setenv("COOPWIZARD_AUJOURDHUI", "2026-04-02")
    projet = Projet()
    marquer_mis_a_jour(projet)
    assert projet.programmation.planning_mis_a_jour_le == date(2026, 4, 2)


def test_month_grid_rows_and_columns():
    taches = [
        Tache(etape="realisation", intitule="Repas", debut="10/05/2026", echeance="20/06/2026"),
        Tache(etape="conception", intitule="Idée", debut="05/01/2026", echeance="28/02/2026"),
        Tache(etape="conception", intitule="Constat", echeance="10/01/2026", responsable="Luc"),
        Tache(intitule="Sans date"),
    ]
    grille = grille_mensuelle(taches, JOUR)
    assert [libelle_mois(m) for m in grille.mois] == [
        "janv. 2026", "févr. 2026", "mars 2026", "avr. 2026", "mai 2026", "juin 2026",
    ]  # fmt: skip
    assert grille.mois_courant == 2
    libelles = [ligne.libelle for ligne in grille.lignes]
    assert libelles == [
        "Étape 1 : Conception du projet", "Idée", "Constat",
        "Étape 4 : Réalisation du projet", "Repas",
        "Sans étape", "Sans date",
    ]  # fmt: skip
    etape1, idee, constat = grille.lignes[:3]
    assert etape1.est_etape and etape1.actif == (True, True, False, False, False, False)
    assert idee.actif == (True, True, False, False, False, False) and idee.en_retard
    assert constat.qui == "Luc" and constat.index == 2
    assert grille.lignes[4].actif == (False, False, False, False, True, True)
    assert not any(grille.lignes[6].actif)


def test_month_grid_without_dates_and_outside_today():
    assert grille_mensuelle([], JOUR).lignes == ()
    grille = grille_mensuelle([Tache(echeance="01/01/2030")], JOUR)
    assert len(grille.mois) == 1 and grille.mois_courant is None


def test_long_span_keeps_today_in_view():
    taches = [Tache(echeance="01/01/2000"), Tache(echeance="01/01/2100")]
    grille = grille_mensuelle(taches, JOUR, max_mois=24)
    assert grille.tronque and len(grille.mois) == 24
    assert grille.mois_courant is not None


def test_grid_with_2000_tasks():
    taches = [
        Tache(etape="programmation", intitule=f"T{i}", debut=date(2026, 1 + i % 12, 1))
        for i in range(2000)
    ]
    grille = grille_mensuelle(taches, JOUR)
    assert len(grille.lignes) == 2001 and len(grille.mois) == 12


def test_late_task_diagnostic(monkeypatch):
    monkeypatch.setenv("COOPWIZARD_AUJOURDHUI", "2026-03-15")
    projet = Projet(taches=[Tache(intitule="Affiche", echeance="01/03/2026")])
    (probleme,) = [p for p in diagnose(projet) if p.chemin.startswith("taches")]
    assert probleme.chemin == "taches.0.echeance"
    assert "« Affiche »" in probleme.message and "01/03/2026" in probleme.message
    assert probleme.libelle == "Tâche 1, Échéance"


def _membres(n: int) -> list[Membre]:
    return [Membre(nom=f"Personne {i}", association="X") for i in range(n)]


def test_group_size_warning():
    ok = Projet(collectif=Collectif(membres=_membres(10), coordinateur="Personne 0"))
    assert not [p for p in diagnose(ok) if p.chemin.startswith("collectif")]
    trop = Projet(collectif=Collectif(membres=_membres(11), coordinateur="Personne 0"))
    (probleme,) = [p for p in diagnose(trop) if p.chemin == "collectif.membres"]
    assert "11 membres" in probleme.message and "8 à 10" in probleme.message


def test_no_coordinator_and_coordinator_who_does_everything():
    sans = Projet(collectif=Collectif(membres=_membres(3)))
    assert [p.chemin for p in diagnose(sans)] == ["collectif.coordinateur"]
    taches = [Tache(intitule=f"T{i}", responsable="sophie ") for i in range(3)]
    seul = Projet(collectif=Collectif(membres=_membres(3), coordinateur="Sophie"), taches=taches)
    assert any("déléguer" in p.message for p in diagnose(seul))
    taches[0] = Tache(intitule="T0", responsable="Luc")
    partage = Projet(collectif=Collectif(membres=_membres(3), coordinateur="Sophie"), taches=taches)
    assert not any("déléguer" in p.message for p in diagnose(partage))


def test_besoin_without_piste_and_indicator_without_target():
    projet = Projet(
        moyens={"besoins": [Besoin(description="Salle", a_trouver=True), Besoin(a_trouver=True,
                piste="Mairie")]},  # fmt: skip
        evaluation={"indicateurs": [Indicateur(indicateur="Nombre de convives"),
                    Indicateur(indicateur="Satisfaction", cible="80 %")]},  # fmt: skip
    )
    chemins = [p.chemin for p in diagnose(projet)]
    assert chemins == ["moyens.besoins.0.piste", "evaluation.indicateurs.0.cible"]
