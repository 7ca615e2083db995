"""Every document of the kit in every format it is written in, on the large project.

    python benchmarks/exports.py GRAND.toml [REPEAT]     # the rows, as a table

Each export is timed as the whole command the user waits for
(`coopwizard export FICHIER DOCUMENT -f FORMAT -o SORTIE`: start-up, reading the
project, building, rendering, writing the file), interleaved with floor.py on the same
file. Targets (issue 16): every export ≤ 1 s, the fiche in docx ≤ 0.6 s.
"""

from __future__ import annotations

import itertools
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from harness import PYTHON, interleaved, run_once  # noqa: E402
from report import Row  # noqa: E402

LIMIT, FICHE_DOCX_LIMIT = 1.0, 0.6
# -o writes a file: "terminal" is the same text as "texte" there, so it is not timed twice.
FORMATS_FICHIER = ("texte", "markdown", "html", "docx", "xlsx")
QUICK = (("fiche", "docx"), ("planning", "xlsx"), ("convention", "html"))
"""Quick mode (CI): the fiche in docx, one spreadsheet, one letter: a few seconds."""


def exports() -> list[tuple[str, str]]:
    from coopwizard.documents import DOCUMENTS

    return [(nom, fmt) for nom, d in DOCUMENTS.items() for fmt in FORMATS_FICHIER
            if fmt in d.formats]


def export_rows(cw: list[str], large: Path, out: Path, env: dict, repeat: int,
                quick: bool) -> list[Row]:
    from coopwizard.documents import EXTENSIONS

    out.mkdir(parents=True, exist_ok=True)
    counter = itertools.count()
    chosen = list(QUICK) if quick else exports()

    def command(nom: str, fmt: str) -> list[str]:
        sortie = out / f"{nom}-{next(counter)}{EXTENSIONS[fmt]}"  # new each time: no --force
        return [*cw, "export", str(large), nom, "-f", fmt, "-o", str(sortie)]

    measures = {"floor": lambda: run_once([PYTHON, str(HERE / "floor.py"), str(large)], env)}
    for nom, fmt in chosen:
        measures[f"{nom}/{fmt}"] = lambda n=nom, f=fmt: run_once(command(n, f), env)
    # quick: one round, no warm-up (CI only checks that every row lands in the table)
    r = interleaved(measures, 1 if quick else repeat, warmup=0 if quick else 1)
    base = r["floor"]
    rows = []
    for nom, fmt in chosen:
        limit = FICHE_DOCX_LIMIT if (nom, fmt) == ("fiche", "docx") else LIMIT
        rows.append(Row(f"`coopwizard export` {nom} -f {fmt} (grand projet)", r[f"{nom}/{fmt}"],
                        "floor.py", base, limit, ratio=False))
    return rows


def main() -> int:
    import os
    import tempfile

    from harness import coopwizard_command
    from report import table

    large, repeat = Path(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else 3
    os.environ.setdefault("COOPWIZARD_AUJOURDHUI", "2026-06-15")
    with tempfile.TemporaryDirectory(prefix="coopexports-") as work:
        env = {**os.environ, "COOPWIZARD_HOME": str(Path(work) / "home")}
        print(table(export_rows(coopwizard_command(), large, Path(work), env, repeat,
                                quick=False)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
