"""The real page in headless Chromium: type, see it on disk, close the tab, reopen."""

from __future__ import annotations

import pytest

from coopwizard import store
from coopwizard.models import Projet
from tests.web.conftest import attendre
from tests.web.ecran import Ecran

pytestmark = pytest.mark.slow

QUESTION = "Comment s'appelle votre projet"


def entrer(page, ecran: Ecran, qui: str = "", asso: str = "") -> None:
    """To the first question; `qui`: « Qui êtes-vous ? » is expected first (a project
    someone else has open), answered with `qui` and `asso`."""
    if qui:
        ecran.voir("Qui êtes-vous")
        page.keyboard.type(qui)
        page.keyboard.press("Enter")
        page.keyboard.type(asso)
        page.keyboard.press("Enter")
        ecran.attendre(lambda: "Qui êtes-vous" not in ecran.mots())
    ecran.voir(QUESTION)


def devant(page) -> None:
    """The tab in front, its keys to the wizard (a headless tab behind loses its focus)."""
    page.bring_to_front()
    page.focus(".xterm-helper-textarea")


def ouvrir(context, lien: str):
    page = context.new_page()
    ecran = Ecran(page)
    page.goto(lien)
    page.wait_for_url(lambda url: "jeton" not in url)  # the link's page moves on at once
    page.wait_for_load_state()
    return page, ecran


def test_typed_answer_is_on_disk_and_resumed_after_closing_the_tab(serveur_de, context, tmp_path):
    chemin = tmp_path / "fete.toml"
    store.save(Projet(nom="Fête"), chemin)
    serveur = serveur_de(str(chemin))
    (lien,) = serveur.liens.values()
    page, ecran = ouvrir(context, lien)
    assert page.title() == "Fête · coopwizard"
    assert "jeton" not in page.url  # the token went to a cookie
    entrer(page, ecran)
    page.keyboard.press("End")
    page.keyboard.type(" des Lilas")
    attendre(lambda: store.load(chemin).nom == "Fête des Lilas")
    page.keyboard.press("Tab")  # to the summary
    page.keyboard.type("Un repas")
    ecran.voir("Un repas")
    page.close()  # saved as a closed terminal saves, even before the autosave's delay
    attendre(lambda: store.load(chemin).resume == "Un repas")
    page, ecran = ouvrir(context, lien)
    ecran.voir("Fête des Lilas")
    ecran.voir("Un repas")
    page.keyboard.press("End")  # the focus is back in the summary (its one line)
    page.keyboard.type(" partagé")
    attendre(lambda: store.load(chemin).resume == "Un repas partagé",
             etat=lambda: chemin.read_text() + ecran.texte())
    page.close()
    assert serveur.arreter() == 0
    assert "Serveur arrêté : tout est enregistré." in serveur.texte()
    final = store.load(chemin)
    assert (final.nom, final.resume, final.conflits) == ("Fête des Lilas", "Un repas partagé", [])


def test_two_tabs_on_one_project_typing_in_different_fields_both_are_kept(
        serveur_de, context, tmp_path):
    chemin = tmp_path / "fete.toml"
    store.save(Projet(nom="Fête"), chemin)
    serveur = serveur_de(str(chemin))
    (lien,) = serveur.liens.values()
    premier, ecran1 = ouvrir(context, lien)
    entrer(premier, ecran1)
    second, ecran2 = ouvrir(context, lien)  # the same browser: its own process and folder
    entrer(second, ecran2, "Ahmed", "Amicale des locataires")  # Sophie has it open
    assert "Lecture seule" not in ecran2.texte()  # each tab writes
    devant(premier)
    premier.keyboard.press("End")
    premier.keyboard.type(" des Lilas")
    attendre(lambda: store.load(chemin).nom == "Fête des Lilas")
    devant(second)
    ecran2.cliquer("Que voulez-vous faire ensemble", lignes=3)  # into the summary
    second.keyboard.type("Un repas partagé")
    attendre(lambda: (store.load(chemin).nom, store.load(chemin).resume)
             == ("Fête des Lilas", "Un repas partagé"),
             etat=lambda: chemin.read_text(encoding="utf-8"))
    assert serveur.arreter() == 0  # Ctrl+C with both tabs open: both save first
    assert "enregistrement de 2 onglet(s)" in serveur.texte()
    final = store.load(chemin)
    assert (final.nom, final.resume, final.conflits) == ("Fête des Lilas", "Un repas partagé", [])


def test_the_page_keeps_the_wizards_keys_from_the_browser(serveur_de, context, tmp_path):
    """F5 would reload the page, Ctrl+S save it, Ctrl+P print it: they go to the wizard."""
    chemin = tmp_path / "fete.toml"
    store.save(Projet(nom="Fête"), chemin)
    serveur = serveur_de(str(chemin))
    page, ecran = ouvrir(context, next(iter(serveur.liens.values())))
    entrer(page, ecran)
    page.evaluate("""() => {
        window.pris = [];
        // seen first (capture), looked at once the page has handled it
        window.addEventListener("keydown", e => window.pris.push(e), true);
        window.restee = true;  // gone if the page reloads
    }""")
    for touche in ("F6", "F5", "F2", "F3", "Control+s", "Control+p", "Escape"):
        page.keyboard.press(touche)
    ecran.voir("Étape 1 sur 9")  # F6 then F5: to the next step and back
    pris = page.evaluate("window.pris.map(e => [e.key, e.defaultPrevented])")
    touches = [p for p in pris if p[0] not in ("Control", "Shift", "Alt")]  # pressed alone
    assert len(touches) == 7 and all(empeche for _, empeche in touches), pris
    assert page.evaluate("window.restee") is True
