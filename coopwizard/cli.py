"""The `coopwizard` command (argparse, in French).

Imports are deliberately late: `--version` and the printing commands must
start fast, and only the commands that open the TUI import `screens`
(and so textual).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from coopwizard import __version__

EXIT_OK, EXIT_PROBLEMS, EXIT_UNREADABLE = 0, 1, 2


class _FrenchParser(argparse.ArgumentParser):
    """argparse with its few English words in French."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("add_help", False)
        super().__init__(*args, **kwargs)
        self._positionals.title = "arguments"
        self._optionals.title = "options"
        self.add_argument("-h", "--help", action="help", help="affiche cette aide et quitte")

    def error(self, message: str) -> None:  # argparse's own messages, translated
        replacements = {
            "the following arguments are required": "arguments obligatoires manquants",
            "unrecognized arguments": "arguments inconnus",
            "invalid choice": "choix invalide",
            "choose from": "valeurs possibles :",
            "expected one argument": "une valeur est attendue",
            "argument ": "argument ",
        }
        for english, french in replacements.items():
            message = message.replace(english, french)
        self.print_usage(sys.stderr)
        self.exit(EXIT_UNREADABLE, f"{self.prog} : erreur : {message}\n")

    def format_usage(self) -> str:
        return super().format_usage().replace("usage:", "utilisation :")

    def format_help(self) -> str:
        return super().format_help().replace("usage:", "utilisation :")


def _fail(message: str) -> int:
    print(message, file=sys.stderr)
    return EXIT_UNREADABLE


def cmd_check(args: argparse.Namespace) -> int:
    from coopwizard import store
    from coopwizard.diagnostics import diagnose

    try:
        projet = store.load(args.fichier)
    except store.ProjectFileError as err:
        return _fail(str(err))
    problemes = diagnose(projet)
    if not problemes:
        print(f"{args.fichier} : aucun problème trouvé.")
        return EXIT_OK
    print(f"{args.fichier} : {len(problemes)} point(s) à vérifier :")
    for probleme in problemes:
        print(f"  - {probleme}")
    return EXIT_PROBLEMS


def cmd_example(args: argparse.Namespace) -> int:
    from coopwizard.paths import example_project_file
    from coopwizard.store import copy_file

    dest = Path(args.fichier)
    try:
        copy_file(example_project_file(), dest)
    except FileExistsError:
        return _fail(f"{dest} existe déjà : il n'a pas été remplacé. Choisissez un autre nom.")
    except OSError as err:
        return _fail(f"Impossible d'écrire {dest} : {err.strerror}.")
    print(f"Projet d'exemple écrit dans {dest}.")
    return EXIT_OK


def cmd_schema(args: argparse.Namespace) -> int:
    import json

    from coopwizard.models import Projet

    schema = Projet.model_json_schema(mode="validation")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    print(json.dumps(schema, ensure_ascii=False, indent=2))
    return EXIT_OK


def cmd_document(args: argparse.Namespace) -> int:
    """checklist, fiche and export: build a document and write it (see documents/commande.py)."""
    from coopwizard.documents.commande import executer

    return executer(args.fichier, args.document, args.format, args.sortie,
                    reunion=getattr(args, "reunion", None))


def _add_document_commands(sub) -> None:
    from coopwizard.documents import DOCUMENTS

    def options(command, formats) -> None:
        command.add_argument("-f", "--format", choices=formats, metavar="FORMAT",
                             help="format : " + ", ".join(formats) + " (par défaut : terminal)")
        command.add_argument("-o", "--sortie", metavar="SORTIE",
                             help="écrit dans ce fichier au lieu de l'afficher")
        command.add_argument("fichier", metavar="FICHIER", help="le fichier du projet (.toml)")
        command.set_defaults(handler=cmd_document)

    aide_date = ("La date du jour (tâches en retard...) peut être fixée par la variable "
                 "d'environnement COOPWIZARD_AUJOURDHUI=AAAA-MM-JJ.")
    for name, text in (
        ("checklist", "affiche la checklist du projet : ce qui est fait, ce qui reste, "
                      "ce qui va contre les conseils du guide"),
        ("fiche", "écrit la fiche projet (fiche synthétique de présentation du projet)"),
    ):
        command = sub.add_parser(name, help=text, description=text, epilog=aide_date)
        options(command, DOCUMENTS[name].formats)
        command.set_defaults(document=name)
    liste = "\n".join(f"  {nom:<11} {d.description} ({', '.join(d.formats)})"
                      for nom, d in DOCUMENTS.items())
    command = sub.add_parser(
        "export", help="écrit un document du projet (checklist, fiche, planning, budget...)",
        description="écrit un document du projet dans le format choisi",
        epilog=f"Documents :\n{liste}\n\n{aide_date}",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    options(command, sorted({f for d in DOCUMENTS.values() for f in d.formats}))
    command.add_argument("document", metavar="DOCUMENT", choices=list(DOCUMENTS),
                         help="le document : " + ", ".join(DOCUMENTS))
    command.add_argument("-r", "--reunion", metavar="N", type=int,
                         help="pour releve, compte-rendu et invitation : la réunion n° N "
                              "(dans l'ordre du fichier ; par défaut la dernière tenue, "
                              "ou la prochaine pour une invitation)")


def cmd_tui(args: argparse.Namespace) -> int:
    import gc

    # No garbage collection while the TUI starts (imports, project, first screen: all kept);
    # the App turns it back on after its first frame (screens.app.CoopApp.premiere_image).
    gc.disable()
    try:
        from screens.app import run  # the only place the core reaches the UI

        return run(args.commande or "accueil", getattr(args, "fichier", None))
    finally:
        gc.enable()


TUI_COMMANDS = ("new", "open", "demo")


def build_parser(documents: bool = True) -> argparse.ArgumentParser:
    """The whole command line; without `documents`, no checklist / fiche / export
    sub-commands (they import the documents package: not needed to open the TUI)."""
    parser = _FrenchParser(
        prog="coopwizard",
        description=(
            "Assistant pour construire un projet de coopération entre associations, "
            "d'après le guide « La coopération entre associations : un guide pour se lancer »."
        ),
        epilog="Sans commande, coopwizard ouvre l'écran d'accueil.",
    )
    parser.add_argument(
        "--version", action="version", version=f"coopwizard {__version__}",
        help="affiche la version et quitte",
    )
    sub = parser.add_subparsers(dest="commande", title="commandes", metavar="COMMANDE",
                                parser_class=_FrenchParser)

    def add(name: str, help_text: str, handler, fichier: str | None = None):
        command = sub.add_parser(name, help=help_text, description=help_text)
        if fichier == "obligatoire":
            command.add_argument("fichier", metavar="FICHIER", help="le fichier du projet (.toml)")
        elif fichier == "facultatif":
            command.add_argument("fichier", metavar="FICHIER", nargs="?",
                                 help="le fichier du projet à créer (.toml)")
        command.set_defaults(handler=handler)
        return command

    add("new", "crée un nouveau projet et ouvre l'assistant", cmd_tui, "facultatif")
    add("open", "reprend un projet là où vous l'aviez laissé", cmd_tui, "obligatoire")
    add("demo", "ouvre une copie neuve du projet d'exemple", cmd_tui)
    add("example", "écrit une copie du projet d'exemple dans FICHIER (sans jamais remplacer "
        "un fichier existant)", cmd_example, "obligatoire")
    add("check", "vérifie un projet : SIRET, RNA, courriels, téléphones, dates "
        "(code de sortie 0 : rien à signaler, 1 : points à vérifier, 2 : fichier illisible)",
        cmd_check, "obligatoire")
    add("schema", "affiche le schéma JSON du fichier de projet (pour les éditeurs de texte)",
        cmd_schema)
    if documents:
        _add_document_commands(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    words = sys.argv[1:] if argv is None else argv
    # the TUI starts sooner without the document commands, which it does not use
    parser = build_parser(documents=bool(words) and words[0] not in (*TUI_COMMANDS, "--version"))
    args = parser.parse_args(argv)
    handler = getattr(args, "handler", cmd_tui)
    try:
        return handler(args)
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
