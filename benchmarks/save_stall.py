"""How long a save of a large project holds up the UI thread, against an older writer.

    python benchmarks/save_stall.py PROJET.toml [--baseline REV] [--repeat 6]   # prints JSON

The save runs in a thread, as the autosave does; the main thread sleeps 1 ms in a
loop and records the longest gap between two wake-ups: how long a key would wait
for the GIL. Each repetition saves twice: cold (empty section cache, the first
save of a session) and warm (one task's title changed, the usual autosave). The
baseline is `coopwizard/store/serialise.py` as it was at REV (default HEAD~1),
measured in the same run, alternating with the current one.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _writer_at(rev: str):
    code = subprocess.run(["git", "-C", str(ROOT), "show", f"{rev}:coopwizard/store/serialise.py"],
                          capture_output=True, text=True, check=True).stdout
    folder = Path(tempfile.mkdtemp())
    (folder / "serialise_baseline.py").write_text(code, encoding="utf-8")
    spec = importlib.util.spec_from_file_location("serialise_baseline",
                                                  folder / "serialise_baseline.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


def _in_thread(fn) -> tuple[float, float]:
    """(total ms, longest main-thread stall ms) of fn() run in a thread."""
    gaps: list[float] = []
    done = threading.Event()
    worker = threading.Thread(target=lambda: (fn(), done.set()))
    start = last = time.perf_counter()
    worker.start()
    while not done.is_set():
        time.sleep(0.001)
        now = time.perf_counter()
        gaps.append(now - last)
        last = now
    worker.join()
    return (time.perf_counter() - start) * 1000, max(gaps, default=0) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("projet", type=Path)
    parser.add_argument("--baseline", default="HEAD~1")
    parser.add_argument("--repeat", type=int, default=6)
    args = parser.parse_args()
    os.environ.setdefault("COOPWIZARD_HOME", tempfile.mkdtemp())
    from coopwizard import store
    from coopwizard.store import serialise
    from coopwizard.store.session import ProjectSession

    copy = Path(tempfile.mkdtemp()) / args.projet.name
    shutil.copy(args.projet, copy)
    session = ProjectSession(copy)
    session.acquire()
    projet = session.load()
    time.sleep(1)  # the disk version's hash, in its thread, is done
    writers = {"baseline": _writer_at(args.baseline), "current": serialise}
    results: dict[str, dict[str, list[float]]] = {
        name: {"cold_ms": [], "cold_stall_ms": [], "warm_ms": [], "warm_stall_ms": []}
        for name in writers}
    for _ in range(args.repeat):
        for name, writer in writers.items():
            store.serialise = writer
            writer.clear_cache()
            for kind in ("cold", "warm"):
                total, stall = _in_thread(lambda: session.save(projet))
                results[name][f"{kind}_ms"].append(total)
                results[name][f"{kind}_stall_ms"].append(stall)
                if projet.taches:
                    projet.taches[len(projet.taches) // 2].intitule += "x"
    session.release()
    print(json.dumps({name: {k: round(statistics.median(v), 1) for k, v in r.items()}
                      for name, r in results.items()}, indent=2))


if __name__ == "__main__":
    main()
