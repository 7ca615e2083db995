"""`coopwizard serve` on the command line: where it listens, what it prints."""

from __future__ import annotations

import socket
import subprocess
import sys
from urllib.parse import urlsplit

import pytest

from coopwizard import store
from coopwizard.models import Projet
from coopwizard.serveur.commande import adresse_du_reseau
from tests.web.conftest import environnement


def _joignable(hote: str, port: int) -> bool:
    try:
        with socket.create_connection((hote, port), timeout=5):
            return True
    except OSError:
        return False


def test_by_default_only_this_computer_can_connect(serveur_de, tmp_path):
    chemin = tmp_path / "fete.toml"
    store.save(Projet(nom="Fête"), chemin)
    serveur = serveur_de(str(chemin))
    (lien,) = serveur.liens.values()
    adresse = urlsplit(lien)
    assert adresse.hostname == "127.0.0.1" and adresse.path == "/fete/"
    assert len(adresse.query.removeprefix("jeton=")) >= 22  # 128 bits or more
    assert "Attention" not in serveur.texte()
    assert _joignable("127.0.0.1", adresse.port)
    reseau = adresse_du_reseau()
    if reseau is None:
        pytest.skip("cet ordinateur n'a pas d'adresse réseau : seul 127.0.0.1 a été vérifié")
    assert not _joignable(reseau, adresse.port)


def test_another_address_warns_that_the_link_is_the_only_protection(serveur_de, tmp_path):
    chemin = tmp_path / "fete.toml"
    store.save(Projet(nom="Fête"), chemin)
    serveur = serveur_de(str(chemin), "--host", "0.0.0.0")
    texte = serveur.texte()
    assert "Attention : le serveur écoute sur 0.0.0.0" in texte
    assert "HTTPS" in texte and "proxy inverse" in texte
    (lien,) = serveur.liens.values()
    attendu = adresse_du_reseau() or "127.0.0.1"  # the address partners in the room type
    assert urlsplit(lien).hostname == attendu


def test_a_folder_gives_each_project_its_own_link(serveur_de, tmp_path):
    dossier = tmp_path / "projets"
    dossier.mkdir()
    store.save(Projet(nom="Fête des Lilas"), dossier / "fête.toml")
    store.save(Projet(nom="Vide-grenier"), dossier / "vide-grenier.toml")
    (dossier / "notes.toml").write_text("titre = [pas fermé\n", encoding="utf-8")
    serveur = serveur_de("--dossier", str(dossier), "--url-publique",
                         "https://asso.example.org/coop/")
    assert set(serveur.liens) == {"Fête des Lilas", "Vide-grenier"}
    fete, vide = serveur.liens["Fête des Lilas"], serveur.liens["Vide-grenier"]
    assert fete.startswith("https://asso.example.org/coop/fete/?jeton=")
    assert vide.startswith("https://asso.example.org/coop/vide-grenier/?jeton=")
    assert fete.split("jeton=")[1] != vide.split("jeton=")[1]
    assert "notes.toml n'est pas proposé" in serveur.texte()


@pytest.mark.parametrize("arguments, message", [
    ([], "donnez soit un fichier de projet, soit --dossier"),
    (["absent.toml"], "absent.toml n'existe pas"),
    (["p.toml", "--url-publique", "asso.example.org"], "n'est pas une adresse web"),
])
def test_bad_arguments_get_a_french_message(tmp_path, arguments, message):
    store.save(Projet(), tmp_path / "p.toml")
    fini = subprocess.run([sys.executable, "-m", "coopwizard", "serve", *arguments],
                          capture_output=True, text=True, cwd=tmp_path, timeout=60,
                          env=environnement(tmp_path))
    assert fini.returncode == 2
    assert message in fini.stderr
