"""The autosave of a very large project (issue 16: 57 MB): wall time, UI stall, memory.

    python benchmarks/gros_projet.py PROJET.toml [REPEAT]     # prints JSON

The app's own `Autosaver` runs on a stand-in App whose workers are plain threads:
the main thread plays the UI thread. It takes the snapshot (`save_soon`, as the
App does after a key), then sleeps 1 ms in a loop until the save thread is done
and records the longest gap between two wake-ups: how long a key would wait,
the snapshot on the UI thread included. Each repetition follows one more
character in a long answer, as an autosave does; the first save of the session
(cold: empty section cache, `.bak` written) is timed apart. Memory, in a last
save: tracemalloc's peak above what was allocated before it, and the peak of the
resident size (sampled every ms) above its value before it, both against the
file's size. `rows()` puts them in the benchmark's table (`run.py`).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import tracemalloc
from pathlib import Path

HERE = Path(__file__).resolve().parent
if __package__ in (None, ""):
    sys.path.insert(0, str(HERE.parent))
    sys.path.insert(0, str(HERE))

SCALE = 64  # make_large_project.py --scale 64: 55 Mio, 128 000 tasks (the 57 MB)
QUICK_SCALE = 2
STALL_LIMIT = 0.025  # a key typed during the save: on screen within 25 ms at worst
MEMORY_LIMIT = 3.0  # the save's extra memory, in file sizes
_PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


class _Worker:
    def __init__(self, thread: threading.Thread) -> None:
        self.thread = thread


class _Timer:
    def stop(self) -> None:
        pass


class StandIn:
    """What the Autosaver needs of an App: a timer (never fired here), thread workers,
    and the message that ends a save."""

    def __init__(self) -> None:
        self.fini = threading.Event()
        self.message = None

    def set_timer(self, *args, **kwargs) -> _Timer:
        return _Timer()

    def run_worker(self, work, **kwargs) -> _Worker:
        thread = threading.Thread(target=work, name="autosave")
        thread.start()
        return _Worker(thread)

    def post_message(self, message) -> None:
        self.message = message
        self.fini.set()


def _rss() -> int:
    try:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[1]) * _PAGE
    except OSError:
        return 0


def _save(autosaver, app: StandIn) -> tuple[float, float, int]:
    """(wall s, longest main-thread gap s, peak resident bytes above the start)."""
    app.fini.clear()
    rss0 = peak = _rss()
    start = last = time.perf_counter()
    autosaver.save_soon()  # the snapshot, on this (the UI) thread
    gaps = []
    while not app.fini.is_set():
        time.sleep(0.001)
        now = time.perf_counter()
        gaps.append(now - last)
        last = now
        peak = max(peak, _rss())
    wall = time.perf_counter() - start
    gaps.append(time.perf_counter() - last)
    if app.message is not None and app.message.erreur:
        raise SystemExit(app.message.erreur)
    autosaver.done(app.message)
    return wall, max(gaps), peak - rss0


def _idle(seconds: float) -> float:
    """The floor: the longest gap of the same loop with no save running (this machine's
    scheduling noise: with other processes on its cores, a thread can wait for a CPU)."""
    gaps, end = [], time.perf_counter() + seconds
    last = time.perf_counter()
    while last < end:
        time.sleep(0.001)
        now = time.perf_counter()
        gaps.append(now - last)
        last = now
    return max(gaps)


def measure(path: Path, repeat: int) -> dict:
    os.environ.setdefault("COOPWIZARD_HOME", tempfile.mkdtemp(prefix="coopbench-"))
    from coopwizard.store.session import ProjectSession
    from screens.autosave import Autosaver

    work = Path(tempfile.mkdtemp(prefix="coopbench-"))
    try:
        copy = work / path.name
        shutil.copy(path, copy)
        session = ProjectSession(copy)
        session.acquire()
        projet = session.load()
        app = StandIn()
        autosaver = Autosaver(app, session, projet)  # type: ignore[arg-type]

        def typed() -> None:
            projet.conception.objectifs += "é"
            autosaver.changed("conception.objectifs")

        typed()
        cold = _save(autosaver, app)
        warm, idle = [], []
        for _ in range(repeat):  # alternated with the floor: the same noise hits both
            typed()
            warm.append(_save(autosaver, app))
            idle.append(_idle(min(warm[-1][0], 2.0)))
        typed()
        tracemalloc.start()
        before = tracemalloc.get_traced_memory()[0]
        _save(autosaver, app)
        traced = tracemalloc.get_traced_memory()[1] - before
        tracemalloc.stop()
        session.release()
        return {"taille": path.stat().st_size, "froid": cold[:2],
                "total": [w[0] for w in warm], "attente": [w[1] for w in warm], "repos": idle,
                "rss": max(w[2] for w in [cold, *warm]), "tracemalloc": traced}
    finally:
        shutil.rmtree(work, ignore_errors=True)


def rows(work: Path, quick: bool) -> list:
    """The table's rows: the project is made here (`--scale`), measured in a fresh process."""
    from harness import PYTHON, Samples
    from report import Row

    scale = QUICK_SCALE if quick else SCALE
    big = work / f"projet-x{scale}.toml"
    subprocess.run([PYTHON, str(HERE / "make_large_project.py"), str(big), "--scale", str(scale)],
                   check=True, stdout=subprocess.DEVNULL)
    env = {**os.environ, "COOPWIZARD_HOME": str(work / "home-gros")}
    done = subprocess.run([PYTHON, str(HERE / "gros_projet.py"), str(big),
                           "2" if quick else "5"], capture_output=True, text=True, env=env,
                          timeout=1800, check=False)
    label = f"projet de {big.stat().st_size / 2**20:.0f} Mio"
    if done.returncode != 0:
        missing = Samples(missing=(done.stderr.strip().splitlines() or ["échec"])[-1][:120])
        return [Row(f"Enregistrement automatique ({label})", missing)]
    d = json.loads(done.stdout)
    taille = d["taille"]
    fichier = Samples([taille / 2**20])
    return [
        Row(f"Enregistrement automatique après une frappe ({label})", Samples(d["total"])),
        Row(f"Plus longue attente du fil de l'interface pendant cet enregistrement ({label})",
            Samples(d["attente"]), "même boucle, sans enregistrement", Samples(d["repos"]),
            limit=STALL_LIMIT, ratio=False),
        Row(f"Premier enregistrement de la session, plus longue attente ({label})",
            Samples([d["froid"][1]]), limit=STALL_LIMIT, ratio=False),
        Row(f"Mémoire : pic tracemalloc de l'enregistrement ({label})",
            Samples([d["tracemalloc"] / 2**20]), "taille du fichier", fichier, MEMORY_LIMIT,
            unit="Mio"),
        Row(f"Mémoire : pic de mémoire résidente en plus pendant l'enregistrement ({label})",
            Samples([d["rss"] / 2**20]), "taille du fichier", fichier, MEMORY_LIMIT, unit="Mio"),
    ]


if __name__ == "__main__":
    print(json.dumps(measure(Path(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else 3)))
