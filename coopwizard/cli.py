"""The `coopwizard` command (argparse, in French).

Imports are deliberately late: `--version` and the printing commands must
start fast, and only the commands that open the TUI import `screens`
(and so textual).
"""

from __future__ import annotations

import argparse
import errno
import os
import re
import sys
from typing import NoReturn

from coopwizard import __version__
from coopwizard.paths import UnknownHome as _CheminIntrouvable
from coopwizard.paths import typed_path as chemin

EXIT_OK, EXIT_PROBLEMS, EXIT_UNREADABLE = 0, 1, 2
EXIT_PIPE_CLOSED = 141  # what a shell shows for a tool stopped by SIGPIPE (`| head`)


def _sans_guillemets(texte: str) -> str:
    texte = texte.strip()
    return texte[1:-1] if len(texte) > 1 and texte[0] == texte[-1] and texte[0] in "'\"" else texte


def _choix(match: re.Match[str]) -> str:
    valeurs = ", ".join(_sans_guillemets(v) for v in match["choix"].split(","))
    return (f"choix invalide : « {_sans_guillemets(match['valeur'])} » "
            f"(valeurs possibles : {valeurs})")


_TYPES = {"int": "un nombre entier", "float": "un nombre"}

# argparse's messages (Python 3.11 to 3.13), in French; anything else is left as it is.
_ARGPARSE = [
    (r"the following arguments are required: (.*)", r"arguments obligatoires manquants : \1"),
    (r"one of the arguments (.*) is required", r"l'un de ces arguments est obligatoire : \1"),
    (r"unrecognized arguments: (.*)", r"arguments inconnus : \1"),
    (r"invalid choice: (?P<valeur>.*?) \(choose from (?P<choix>.*)\)", _choix),
    (r"expected one argument", "une valeur est attendue après cette option"),
    (r"expected at most one argument", "une valeur au plus est attendue"),
    (r"expected at least one argument", "au moins une valeur est attendue"),
    (r"expected (\d+) arguments?", r"\1 valeur(s) attendue(s)"),
    (r"ambiguous option: (\S+) could match (.*)", r"option ambiguë : \1 peut désigner \2"),
    (r"not allowed with argument (.*)", r"impossible avec l'argument \1"),
    (r"ignored explicit argument (.*)",
     lambda m: f"cette option ne prend pas de valeur (« {_sans_guillemets(m[1])} » en trop)"),
    (r"invalid (\w+) value: (.*)",
     lambda m: f"« {_sans_guillemets(m[2])} » n'est pas {_TYPES.get(m[1], 'une valeur valide')}"),
    (r"unexpected option string: (.*)", r"option inattendue : \1"),
]


def traduire_argparse(message: str) -> str:
    """One argparse error message in French (the `argument X: ` prefix, then the rest)."""
    prefixe = re.fullmatch(r"argument (\S+?): (.*)", message, re.DOTALL)
    if prefixe:
        return f"argument {prefixe[1]} : {traduire_argparse(prefixe[2])}"
    for anglais, francais in _ARGPARSE:
        match = re.fullmatch(anglais, message, re.DOTALL)
        if match is not None:
            return match.expand(francais) if isinstance(francais, str) else francais(match)
    return message


class _FrenchParser(argparse.ArgumentParser):
    """argparse with its English words in French: help, usage and every error."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("add_help", False)
        super().__init__(*args, **kwargs)
        self._positionals.title = "arguments"
        self._optionals.title = "options"
        self.add_argument("-h", "--help", action="help", help="affiche cette aide et quitte")

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(EXIT_UNREADABLE, f"{self.prog} : erreur : {traduire_argparse(message)}\n")

    def format_usage(self) -> str:
        return _utilisation(super().format_usage())

    def format_help(self) -> str:
        return _utilisation(super().format_help())


def _utilisation(texte: str) -> str:
    """"usage: ..." -> "utilisation : ...", its wrapped lines shifted to stay aligned."""
    if not texte.startswith("usage: "):
        return texte
    usage, sep, reste = texte.partition("\n\n")
    decalage = " " * (len("utilisation : ") - len("usage: "))
    lignes = usage.split("\n")
    lignes = ["utilisation : " + lignes[0][len("usage: "):]] + [
        decalage + ligne if ligne.strip() else ligne for ligne in lignes[1:]]
    return "\n".join(lignes) + sep + reste


def _fail(message: str) -> int:
    try:
        print(message, file=sys.stderr)
    except OSError:  # stderr itself is full or closed: the exit code still says it
        pass
    return EXIT_UNREADABLE


def cmd_check(args: argparse.Namespace) -> int:
    from coopwizard import store
    from coopwizard.store.rapport import file_problems

    try:
        projet = store.load(chemin(args.fichier))
    except store.ProjectFileError as err:
        return _fail(str(err))
    # values kept as written, unknown keys and diagnostics, each with its line
    problemes = file_problems(projet, chemin(args.fichier))
    if not problemes:
        print(f"{args.fichier} : aucun problème trouvé.")
        return EXIT_OK
    print(f"{args.fichier} : {len(problemes)} point(s) à vérifier :")
    for probleme in problemes:
        print(f"  - {probleme}")
    return EXIT_PROBLEMS


def cmd_example(args: argparse.Namespace) -> int:
    from coopwizard.documents.commande import ecrire_nouveau
    from coopwizard.paths import example_project_file
    from coopwizard.store.errors import os_reason

    dest = chemin(args.fichier)
    try:
        if dest.is_dir():
            return _fail(f"{dest} est un dossier : donnez le nom du fichier à créer, "
                         f"par exemple {dest / 'exemple.toml'}.")
        ecrire_nouveau(dest, example_project_file().read_bytes())
    except FileExistsError:
        return _fail(f"{dest} existe déjà : il n'a pas été remplacé. Choisissez un autre nom.")
    except OSError as err:
        raison = os_reason(err)
        if err.errno == errno.ENOENT and not dest.parent.is_dir():
            raison = f"le dossier {dest.parent} n'existe pas"
        return _fail(f"Impossible d'écrire {dest} : {raison}. Aucun fichier n'a été créé.")
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

    sortie = str(chemin(args.sortie)) if args.sortie else None
    return executer(str(chemin(args.fichier)), args.document, args.format, sortie,
                    reunion=getattr(args, "reunion", None), force=args.force)


def _add_document_commands(sub) -> None:
    from coopwizard.documents import DOCUMENTS

    def options(command, formats) -> None:
        command.add_argument("-f", "--format", choices=formats, metavar="FORMAT",
                             help="format : " + ", ".join(formats) + " (par défaut : "
                                  "terminal, ou d'après l'extension de SORTIE : .docx, "
                                  ".xlsx, .html, .md, .txt)")
        command.add_argument("-o", "--sortie", metavar="SORTIE",
                             help="écrit dans ce fichier au lieu de l'afficher (jamais sur "
                                  "un fichier de projet ni sur sa sauvegarde)")
        command.add_argument("--force", action="store_true",
                             help="remplace SORTIE s'il existe déjà (sans --force, un "
                                  "fichier existant n'est jamais remplacé)")
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
    # the App turns it back on after its first frame (screens/demarrage.py, premiere_image).
    from screens.lancement import a_un_terminal, sans_terminal  # no textual in there

    mode = args.commande or "accueil"
    fichier = getattr(args, "fichier", None)
    projet = chemin(fichier) if fichier else None
    if not a_un_terminal():  # Textual would wait on a closed stdin, or draw into a file
        return sans_terminal(mode, projet)
    gc.disable()
    try:
        from screens.app import run  # the only place the core reaches the UI

        return run(mode, str(projet) if projet else None)
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
    from coopwizard.fusion_cli import add_commands as _add_merge_commands

    _add_merge_commands(sub)  # fusionner, fusion (issue 11)
    from coopwizard.serveur.commande import add_command as _add_serve_command

    _add_serve_command(sub)  # serve: in a browser (issue 15)
    if documents:
        _add_document_commands(sub)
    return parser


def _taire_stdout() -> None:
    """Send what is left of stdout to /dev/null, so the exit flush cannot fail again."""
    try:
        sys.stdout.flush()
    except (OSError, ValueError):
        pass
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):
        pass


def main(argv: list[str] | None = None) -> int:
    words = sys.argv[1:] if argv is None else argv
    # the TUI starts sooner without the document commands, which it does not use
    parser = build_parser(documents=bool(words) and words[0] not in (*TUI_COMMANDS, "--version"))
    args = parser.parse_args(argv)
    handler = getattr(args, "handler", cmd_tui)
    try:
        code = handler(args)
        sys.stdout.flush()  # a full disk or a closed pipe shows here, not at exit
        return code
    except KeyboardInterrupt:
        return 130
    except _CheminIntrouvable as err:
        return _fail(str(err))
    except BrokenPipeError:  # `| head` stopped reading: not an error, and nothing to say
        _taire_stdout()
        return EXIT_PIPE_CLOSED
    except OSError as err:  # /dev/full, a disk error on the output
        from coopwizard.store.errors import os_reason

        _taire_stdout()
        return _fail(f"coopwizard : impossible d'écrire la sortie : {os_reason(err)}.")
    except Exception as err:  # never a traceback for the user; COOPWIZARD_DEBUG=1 shows it
        if os.environ.get("COOPWIZARD_DEBUG"):
            raise
        return _fail(f"coopwizard : erreur inattendue ({type(err).__name__}). Aucun fichier "
                     "de projet n'a été modifié. Relancez avec COOPWIZARD_DEBUG=1 pour le "
                     "détail, et signalez le problème.")


if __name__ == "__main__":
    sys.exit(main())
