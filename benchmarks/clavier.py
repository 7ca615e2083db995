"""What the keyboard pipeline (screens/clavier.py) costs per key.

    python benchmarks/clavier.py [--touches 300]     # prints a small table (and JSON with --json)

For the name field of a new project (an Input in the wizard), with the pipeline and
without it (Textual's own `App.on_event`, the behaviour before it), headless:

- "une touche": a key posted alone (nothing queued), time until the answer is in the
  Projet ("applied", recorded by the question) and until the App has refreshed the
  derived views ("refreshed"); "libre" is when the pipeline would take the next key;
- "rafale": N keys posted at once, time until the App has refreshed the derived views
  for the last one, per key.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from textual import events
from textual.app import App

from coopwizard import store
from coopwizard.models import Projet
from screens.app import CoopApp, make_app
from screens.metrics import Metrics

LETTRES = "abcdefghijklmnopqrstuvwxyz"


async def _attendre(condition, delai: float = 10.0) -> None:
    fin = time.perf_counter() + delai
    while not condition():
        if time.perf_counter() > fin:
            raise SystemExit("la touche n'est jamais arrivée")
        await asyncio.sleep(0)


async def mesurer(touches: int, avec: bool) -> dict[str, list[float] | float]:
    dossier = Path(tempfile.mkdtemp())
    chemin = dossier / "projet.toml"
    store.save(Projet(nom=""), chemin)
    if not avec:
        CoopApp.on_event = App.on_event  # type: ignore[method-assign]  # Textual's own
    try:
        app = make_app(store.load(chemin), chemin, cursor_blink=False, delai=60.0)
        async with app.run_test(size=(100, 32)) as pilot:
            await pilot.pause()
            app.metrics = metrics = Metrics()
            applique, derive, libre = [], [], []
            for i in range(touches):
                lettre = LETTRES[i % len(LETTRES)]
                avant = len(metrics.times("refreshed"))
                t0 = time.perf_counter()
                app.post_message(events.Key(lettre, lettre))
                await _attendre(lambda avant=avant: len(metrics.times("refreshed")) > avant)
                applique.append(metrics.times("applied")[-1] - t0)
                derive.append(metrics.times("refreshed")[-1] - t0)
                if avec:
                    await _attendre(lambda: app._clavier_en_vol is None)
                    libre.append(time.perf_counter() - t0)
                await pilot.pause(0.002)
            avant = len(metrics.times("refreshed"))
            t0 = time.perf_counter()
            for i in range(touches):
                app.post_message(events.Key(LETTRES[i % 26], LETTRES[i % 26]))
            fin = avant + touches
            await _attendre(lambda: len(metrics.times("refreshed")) >= fin, 60)
            rafale = (metrics.times("refreshed")[-1] - t0) / touches
    finally:
        if not avec:
            del CoopApp.on_event  # back to the pipeline's
    return {"applique": applique, "derive": derive, "libre": libre, "rafale": rafale}


def _ms(valeurs: list[float]) -> str:
    if not valeurs:
        return "—"
    quantiles = statistics.quantiles(valeurs, n=10)
    return f"{statistics.median(valeurs) * 1000:.2f} ms (p90 {quantiles[-1] * 1000:.2f})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--touches", type=int, default=300)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    resultats = {
        "sans": asyncio.run(mesurer(args.touches, avec=False)),
        "avec": asyncio.run(mesurer(args.touches, avec=True)),
    }
    if args.json:
        print(json.dumps(resultats))
        return
    for nom, r in resultats.items():
        print(f"{nom:>5} : une touche : appliquée {_ms(r['applique'])}, vues à jour "
              f"{_ms(r['derive'])}, suivante possible {_ms(r['libre'])} ; "
              f"rafale : {r['rafale'] * 1000:.2f} ms par touche")


if __name__ == "__main__":
    main()
