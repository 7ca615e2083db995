"""F10 « Historique »: the versions of the project this computer kept, and restoring one.

The versions come from the core (`coopwizard.history`: one at each opening, each
merge, each restoration). What a version changed is computed in a thread for the
highlighted one only (a large project's 50 versions would take seconds). Restoring
is never destructive: the answers as they are now are kept in the history first,
then the old version's answers replace them in the open project like a merge
(`remplacer_reponses`) and are saved by the autosave.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Any, ClassVar, cast

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from coopwizard.dates import horodatage

if TYPE_CHECKING:
    from coopwizard.history import Version
    from screens.app import CoopApp

RAISONS = {"ouverture": "Version à l'ouverture du projet"}
PREMIERE = "La plus ancienne version gardée : rien avant elle à comparer."
AUCUNE = ("Aucune version gardée pour l'instant. Une version est gardée à chaque ouverture "
          "du projet, à chaque fusion avec la version d'un partenaire et avant chaque "
          "restauration.")


def quand(version: Version) -> str:
    return horodatage(version.le) if version.le else "date inconnue"


def raison(version: Version) -> str:
    texte = RAISONS.get(version.raison, version.raison) or "Version gardée"
    return texte[:1].upper() + texte[1:]


def resume(changes: list[Any], maxi: int = 6) -> str:
    """« Ce qui a changé » for a version: the fields it changed, named as in the wizard."""
    if not changes:
        return "Aucune réponse changée par rapport à la version précédente."
    genres = {"ajoute": " (ajouté)", "supprime": " (supprimé)"}
    noms = list(dict.fromkeys(c.libelle + genres.get(c.genre, "") for c in changes))
    reste = len(noms) - maxi
    texte = " ; ".join(noms[:maxi]) + (f" ; et {reste} autre{'s' if reste > 1 else ''}"
                                        if reste > 0 else "")
    return f"Ce qui a changé : {texte}."


def _option(version: Version) -> Option:
    ligne = Text(quand(version), style="bold")
    ligne.append(f" · {version.auteur or 'auteur inconnu'}", style="")
    ligne.append(f"\n  {raison(version)}", style="italic")
    return Option(ligne)


class HistoriqueScreen(ModalScreen[None]):
    DEFAULT_CSS = """
    HistoriqueScreen { align: center middle; }
    HistoriqueScreen > Vertical {
        width: 100; max-width: 100%; height: 90%; border: thick $primary;
        background: $surface; padding: 0 1;
    }
    HistoriqueScreen #entete { height: auto; padding-bottom: 1; }
    HistoriqueScreen #liste { height: 1fr; }
    HistoriqueScreen #detail { height: auto; max-height: 6; padding-top: 1; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("r", "restaurer", "Restaurer cette version", id="historique.restaurer"),
        Binding("escape,f10", "fermer", "Fermer", id="historique.fermer"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.versions: list[Version] = []
        self._changes: dict[int, str] = {}

    @property
    def coop(self) -> CoopApp:
        return cast("CoopApp", self.app)

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static("", id="entete")
            yield OptionList(id="liste")
            yield Static("", id="detail")
        yield Footer()

    def on_mount(self) -> None:
        self._lister()

    @work(thread=True, exclusive=True, group="historique-liste", exit_on_error=False)
    def _lister(self) -> None:
        from coopwizard import history

        chemin = self.coop.chemin
        versions = history.versions(chemin) if chemin is not None else []
        self.app.call_from_thread(self._remplir, versions)

    def _remplir(self, versions: list[Version]) -> None:
        self.versions = versions
        self._changes.clear()
        liste = self.query_one("#liste", OptionList)
        liste.clear_options()
        liste.add_options([_option(v) for v in versions])
        n = len(versions)
        self.query_one("#entete", Static).update(Text(
            f"{n} version{'s' if n > 1 else ''} du projet gardée{'s' if n > 1 else ''} sur cet "
            "ordinateur, la plus récente en haut.\nEntrée ou r : restaurer la version choisie "
            "(les réponses actuelles restent dans l'historique) · Échap : fermer"
            if n else AUCUNE))
        if n:
            liste.highlighted = 0
            liste.focus()
            self._montrer(0)

    @on(OptionList.OptionHighlighted, "#liste")
    def _surligne(self, event: OptionList.OptionHighlighted) -> None:
        self._montrer(event.option_index)

    def _montrer(self, index: int) -> None:
        detail = self.query_one("#detail", Static)
        if index in self._changes:
            detail.update(Text(self._changes[index]))
            return
        detail.update(Text("Ce qui a changé : recherche…", style="italic"))
        self._comparer(index)

    @work(thread=True, exclusive=True, group="historique-detail", exit_on_error=False)
    def _comparer(self, index: int) -> None:
        from coopwizard import history

        version = self.versions[index]
        plus_ancienne = self.versions[index + 1] if index + 1 < len(self.versions) else None
        try:
            texte = (resume(history.what_changed(version, plus_ancienne)) if plus_ancienne
                     else PREMIERE)
        except Exception:  # noqa: BLE001 - an unreadable old version: say so, keep the list
            texte = "Cette version ne peut pas être relue (fichier abîmé)."
        self.app.call_from_thread(self._compare, index, texte)

    def _compare(self, index: int, texte: str) -> None:
        self._changes[index] = texte
        liste = self.query_one("#liste", OptionList)
        if liste.highlighted == index:
            self.query_one("#detail", Static).update(Text(texte))

    @on(OptionList.OptionSelected, "#liste")
    def _choisi(self) -> None:
        self.action_restaurer()

    def action_restaurer(self) -> None:
        from screens.choix import Choix, Reponse

        liste = self.query_one("#liste", OptionList)
        if liste.highlighted is None or not self.versions:
            return
        session = self.coop.session
        if session is None or session.read_only:
            self.notify("Le projet est ouvert en lecture seule : aucune version ne peut y être "
                        "restaurée.", severity="warning")
            return
        version = self.versions[liste.highlighted]
        texte = (f"Les réponses de la version du {quand(version)} "
                 f"({version.auteur or 'auteur inconnu'}) remplaceront les réponses actuelles "
                 "du projet.\nLes réponses actuelles sont d'abord gardées dans l'historique : "
                 "vous pourrez y revenir de la même façon.")
        choix = Choix("Restaurer cette version ?", texte,
                      [Reponse("restaurer", "Restaurer", "r", "primary")],
                      echap="annuler", echap_libelle="Annuler", focus="restaurer")
        self.app.push_screen(choix, partial(self._decide, version))

    def _decide(self, version: Version, reponse: str | None) -> None:
        if reponse != "restaurer":
            return
        from coopwizard import store

        self.coop.vider_saisies()  # what was typed a moment ago is part of "now"
        maintenant = store.dumps(self.coop.projet)  # on the UI thread: the project is its own
        self._restaurer(version, maintenant)

    @work(thread=True, exclusive=True, group="historique-restaurer", exit_on_error=False)
    def _restaurer(self, version: Version, maintenant: str) -> None:
        from coopwizard import history

        chemin = self.coop.chemin
        assert chemin is not None
        try:
            ancienne = version.projet()
        except Exception as err:  # noqa: BLE001 - said to the user, nothing replaced
            self.app.call_from_thread(
                self.notify, f"Cette version ne peut pas être restaurée : {err}",
                severity="error", timeout=10)
            return
        date = quand(version)
        history.record(chemin, maintenant, f"avant la restauration de la version du {date}")
        history.record(chemin, version.texte(), f"restauration de la version du {date}")
        self.app.call_from_thread(self._appliquer, ancienne, date)

    def _appliquer(self, ancienne: Any, date: str) -> None:
        projet = self.coop.projet
        # Where the user is and who saved last belong to this session, not to the old version.
        ancienne.position = projet.position
        ancienne.enregistrement = projet.enregistrement
        self.coop.remplacer_reponses(ancienne)
        self.coop.notify(f"La version du {date} est restaurée. Les réponses d'avant sont "
                         "gardées dans l'historique (F10).", title="Historique", timeout=8)
        self.dismiss(None)

    def action_fermer(self) -> None:
        self.dismiss(None)
