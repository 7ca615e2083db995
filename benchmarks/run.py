"""coopwizard's benchmarks: start-up, printing, first frame, saving, typing.

    python benchmarks/run.py                 # full run (a few minutes)
    python benchmarks/run.py --quick         # smoke run (CI)
    python benchmarks/run.py --write docs/performance.md

Every timing is a median over repeated runs (with min and max), next to a
baseline measured in the same run, interleaved with it, so that the ratio
holds on a noisy machine. See docs/performance.md for the targets.
"""

from __future__ import annotations

import argparse
import compileall
import itertools
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import gros_projet
import minimal_app
from exports import export_rows
from harness import (
    PYTHON,
    Samples,
    Terminal,
    Unavailable,
    coopwizard_command,
    interleaved,
    run_once,
)
from report import Row, context, table, write_doc

# What each screen shows once drawn (the harness waits for it in the terminal).
HOME_TEXT = "Créer un projet"  # the home screen's first button
RESUMED_TEXT = "objectifs du projet ?"  # the question the large project resumes at
TODAY = "2026-06-15"
# Issue 16's targets for a resumed project's first frame, as ratios to the minimal app
RESUMED_EXAMPLE, RESUMED_LARGE = 1.4, 1.8
FRAME = 1 / 60  # Textual draws at most 60 frames a second: "by the next frame"


def example_file() -> Path | None:
    sys.path.insert(0, str(HERE.parent))
    from coopwizard.paths import example_project_file

    path = example_project_file()
    return path if path.exists() else None


def process_rows(cw: list[str], files: dict[str, Path | None], out: Path, env: dict,
                 repeat: int, quick: bool) -> list[Row]:
    floor = [PYTHON, str(HERE / "floor.py")]
    rows: list[Row] = []
    r = interleaved({
        "pass": lambda: run_once([PYTHON, "-c", "pass"], env),
        "version": lambda: run_once([*cw, "--version"], env),
    }, repeat)
    rows.append(Row("`python -c pass`", r["pass"]))
    rows.append(Row("`coopwizard --version`", r["version"], "`python -c pass`", r["pass"], 3.0))
    counter = itertools.count()
    for label, path in files.items():
        if path is None:
            missing = Samples(missing="projet d'exemple absent")
            for name in ("check", "checklist", "fiche --format docx"):
                rows.append(Row(f"`coopwizard {name}` ({label})", missing, "floor.py", missing))
            continue
        measures = {
            "floor": lambda p=path: run_once([*floor, str(p)], env),
            "check": lambda p=path: run_once([*cw, "check", str(p)], env),
            "checklist": lambda p=path: run_once([*cw, "checklist", str(p)], env),
        }
        if not (quick and label == "grand projet"):  # the slowest: skipped in quick mode
            measures["fiche"] = lambda p=path: run_once(
                [*cw, "fiche", str(p), "--format", "docx", "-o",
                 str(out / f"fiche-{next(counter)}.docx")], env)
        r = interleaved(measures, repeat)
        base = r["floor"]
        rows.append(Row(f"`coopwizard check` ({label})", r["check"], "floor.py", base))
        limit = 1.3 if label == "grand projet" else None
        rows.append(Row(f"`coopwizard checklist` ({label})", r["checklist"], "floor.py", base,
                        limit))
        if "fiche" in r:
            rows.append(Row(f"`coopwizard fiche --format docx` ({label})", r["fiche"],
                            "floor.py", base))
    for row in rows:  # argparse refusing the sub-command: it is not written yet
        if "choix invalide" in row.samples.missing or "invalid choice" in row.samples.missing:
            row.samples.missing = "commande non disponible"
    return rows


def resumable_copy(source: Path, dest: Path) -> Path:
    """A copy that resumes at the same question as the large project (same text to wait for)."""
    from coopwizard import store

    projet = store.load(source)
    projet.position.etape, projet.position.champ = "conception", "conception.objectifs"
    dest.parent.mkdir(parents=True, exist_ok=True)
    store.save(projet, dest)
    return dest


def tui_rows(cw: list[str], files: dict[str, Path | None], work: Path, repeat: int,
             quick: bool) -> list[Row]:
    minimal = [PYTHON, str(HERE / "minimal_app.py")]
    home_env = {"COOPWIZARD_HOME": str(work / "home-accueil")}
    open_env = {"COOPWIZARD_HOME": str(work / "home-reprise")}
    large = files["grand projet"]
    resumed = resumable_copy(large, work / "reprise" / large.name)
    example = files["exemple"]
    example_resumed = resumable_copy(example, work / "reprise" / example.name) if example else None
    try:
        terminal = Terminal()
    except Unavailable as err:
        missing = Samples(missing=str(err))
        return [Row("Premier écran : accueil", missing, limit=1.3),
                Row("Premier écran : grand projet repris", missing, limit=RESUMED_LARGE)]
    with terminal:
        measures = {
            "minimal": lambda: terminal.first_frame(minimal, minimal_app.EXPECTED, home_env),
            "accueil": lambda: terminal.first_frame(cw, HOME_TEXT, home_env),
        }
        if not quick:
            if example_resumed is not None:
                measures["exemple"] = lambda: terminal.first_frame(
                    [*cw, "open", str(example_resumed)], RESUMED_TEXT, open_env)
            measures["reprise"] = lambda: terminal.first_frame(
                [*cw, "open", str(resumed)], RESUMED_TEXT, open_env)
        r = interleaved(measures, repeat)
    base = "application Textual minimale"
    rows = [Row("Premier écran : accueil (`coopwizard`)", r["accueil"], base, r["minimal"], 1.3)]
    if "exemple" in r:
        rows.append(Row("Premier écran : exemple repris (`coopwizard open`)", r["exemple"],
                        base, r["minimal"], RESUMED_EXAMPLE))
    if "reprise" in r:
        rows.append(Row("Premier écran : grand projet repris (`coopwizard open`)", r["reprise"],
                        base, r["minimal"], RESUMED_LARGE))
    return rows


def store_rows(files: dict[str, Path | None], repeat: int) -> list[Row]:
    rows: list[Row] = []
    for label, path in files.items():
        if path is None:
            missing = Samples(missing="projet d'exemple absent")
            rows.append(Row(f"Enregistrement ({label})", missing, limit=0.005, ratio=False))
            continue
        done = subprocess.run([PYTHON, str(HERE / "inprocess.py"), str(path), str(repeat)],
                              capture_output=True, text=True, check=False)
        if done.returncode != 0:
            missing = Samples(missing=(done.stderr.strip().splitlines() or ["échec"])[-1])
            rows.append(Row(f"Chargement ({label})", missing))
            continue
        d = json.loads(done.stdout)
        limit = 0.050 if label == "grand projet" else 0.005
        rows += [
            Row(f"Chargement `store.load` ({label})", Samples(d["load"]),
                "`tomllib.loads` seul", Samples(d["tomllib"])),
            Row(f"Enregistrement `store.save` après une frappe ({label})", Samples(d["save"]),
                "écriture atomique brute", Samples(d["bare_write"]), limit, ratio=False),
            Row(f"dont `store.dumps` ({label})", Samples(d["dumps"])),
            Row(f"Premier enregistrement de la session, à froid ({label})",
                Samples(d["save_cold"]), "écriture atomique brute", Samples(d["bare_write"])),
            Row(f"Mémoire : pic tracemalloc load + dumps ({label})",
                Samples([d["tracemalloc_peak"] / 2**20]), unit="Mio"),
            Row(f"Mémoire : maxrss du processus ({label})",
                Samples([d["maxrss_kib"] / 1024]), unit="Mio"),
        ]
    return rows


def typing_rows(large: Path, work: Path, keys: int) -> list[Row]:
    results = {}
    for name, extra in (("minimal", ["--minimal"]), ("coopwizard", [])):
        copy = work / f"frappe-{name}" / large.name
        copy.parent.mkdir(exist_ok=True)
        shutil.copy(large, copy)
        env = {**os.environ, "COOPWIZARD_HOME": str(work / f"home-frappe-{name}")}
        done = subprocess.run([PYTHON, str(HERE / "typing_latency.py"), str(copy), str(keys),
                               *extra], capture_output=True, text=True, env=env, timeout=600,
                              check=False)
        if done.returncode != 0:
            reason = (done.stderr.strip().splitlines() or ["échec"])[-1][:120]
            results[name] = {"missing": reason}
        else:
            results[name] = json.loads(done.stdout)

    def samples(name: str, key: str) -> Samples:
        d = results[name]
        return Samples(missing=d["missing"]) if "missing" in d else Samples(d.get(key) or [])

    base = "TextArea seule (Textual)"
    rows = [
        Row("Frappe → caractère et vues dérivées à l'écran (grand projet)",
            samples("coopwizard", "ecran"), base, samples("minimal", "ecran"), 0.010, ratio=False),
        Row("Frappe → vues dérivées à jour en mémoire (grand projet)",
            samples("coopwizard", "derivees"), base, samples("minimal", "derivees"),
            FRAME, ratio=False),
        Row("Frappe pendant un enregistrement → à l'écran (grand projet)",
            samples("coopwizard", "pendant_enregistrement"), base, samples("minimal", "ecran"),
            0.010, ratio=False),
        Row("Frappe pendant un enregistrement → à l'écran, p99 (grand projet)",
            samples("coopwizard", "pendant_enregistrement"), base, samples("minimal", "ecran"),
            0.025, ratio=False, centile=99),
    ]
    d = results["coopwizard"]
    if "perdues" in d:
        rows.append(Row(f"Touches perdues, sur {d['touches']} (dont {d['touches'] - keys} à la "
                        "cadence d'une touche maintenue)", Samples([d["perdues"]]), base,
                        Samples([results["minimal"]["perdues"]])
                        if "perdues" in results["minimal"] else None,
                        0, ratio=False, unit="touche(s)"))
    if d.get("maxrss_kib"):
        rows.append(Row(f"Mémoire : maxrss de l'interface, grand projet ({d['enregistrements']} "
                        "enregistrements pendant la frappe)", Samples([d["maxrss_kib"] / 1024]),
                        "TextArea seule", Samples([results["minimal"].get("maxrss_kib", 0) / 1024])
                        if results["minimal"].get("maxrss_kib") else None, unit="Mio"))
    return rows


def merge_rows(large: Path, repeat: int) -> list[Row]:
    """Issue 11: two partners' versions of the large project merged (coopwizard.merge),
    from the plain data the live merge hands it; `store.dumps` of the project as reference."""
    sys.path.insert(0, str(HERE.parent))
    from coopwizard import store
    from coopwizard.merge import merge
    from coopwizard.models import Tache

    base = store.load(large)
    ours, theirs = base.model_copy(deep=True), base.model_copy(deep=True)
    ours.nom, ours.resume, theirs.resume = "Notre nom", "Notre résumé", "Leur résumé"
    theirs.conception.objectifs += "\nUne ligne de plus."
    theirs.taches.append(Tache(intitule="Une tâche de plus"))
    del theirs.budget.lignes[5]
    for i in range(0, len(base.taches), 200):
        ours.taches[i].responsable = "Sophie"
        theirs.taches[i + 100].statut = "fait"
    data = [v.model_dump(mode="json") for v in (base, ours, theirs)]

    def timed(action) -> float:
        start = time.perf_counter()
        action()
        return time.perf_counter() - start

    r = interleaved({"merge": lambda: timed(lambda: merge(*data)),
                     "dumps": lambda: timed(lambda: store.dumps(base))}, repeat)
    return [Row("Fusion de deux versions `merge` (grand projet)", r["merge"],
                "`store.dumps` (grand projet)", r["dumps"], 0.5, ratio=False)]


PHASES = ("processus", "premier-ecran", "enregistrement", "frappe", "fusion", "exports",
          "gros-projet")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="short smoke run (CI)")
    parser.add_argument("--write", metavar="FICHIER", type=Path,
                        help="write the table into this Markdown file (between its markers)")
    parser.add_argument("--repeat", type=int, help="repetitions per measure")
    parser.add_argument("--only", choices=PHASES, action="append",
                        help="run only this phase (repeatable), e.g. --only premier-ecran")
    args = parser.parse_args(argv)
    if args.only and args.write:
        parser.error("--write needs the whole table: not with --only")
    quick = args.quick
    repeat = args.repeat or (1 if quick else 15)  # quick: each measure once (CI's smoke run)
    # An installed copy has its bytecode (pip compiles it at install): a checkout run with
    # PYTHONDONTWRITEBYTECODE=1 would compile every module at every start, which no user pays.
    for package in ("coopwizard", "screens"):
        compileall.compile_dir(HERE.parent / package, quiet=1)
    work = Path(tempfile.mkdtemp(prefix="coopbench-"))
    try:
        large = work / "grand-projet.toml"
        subprocess.run([PYTHON, str(HERE / "make_large_project.py"), str(large)], check=True,
                       stdout=subprocess.DEVNULL)
        files = {"exemple": example_file(), "grand projet": large}
        # A fixed "today" (mid-project): the late tasks, hence the warnings, stay the same.
        os.environ.setdefault("COOPWIZARD_AUJOURDHUI", TODAY)
        env = {**os.environ, "COOPWIZARD_HOME": str(work / "home")}
        cw = coopwizard_command()
        rows = []
        for key, title, phase in (
            ("processus", "processus entiers",
             lambda: process_rows(cw, files, work, env, repeat, quick)),
            ("premier-ecran", "premier écran (tmux)",
             lambda: tui_rows(cw, files, work, repeat, quick)),
            ("enregistrement", "chargement et enregistrement", lambda: store_rows(files, repeat)),
            ("frappe", "frappe", lambda: typing_rows(large, work, 24 if quick else 200)),
            ("fusion", "fusion", lambda: merge_rows(large, repeat)),
            # 60 exports a round: 3 rounds at most, one in quick mode (benchmarks/exports.py)
            ("exports", "exports", lambda: export_rows(cw, large, work / "exports", env,
                                                       min(repeat, 3), quick)),
            ("gros-projet", "projet de 57 Mo", lambda: gros_projet.rows(work, quick)),
        ):
            if args.only and key not in args.only:
                continue
            start = time.perf_counter()
            rows += phase()
            print(f"[bench] {title} : {time.perf_counter() - start:.1f} s", file=sys.stderr)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    block = context("rapide" if quick else "complet") + "\n\n" + table(rows)
    print(block)
    if args.write:
        write_doc(args.write, block)
        print(f"\nRésultats écrits dans {args.write}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
