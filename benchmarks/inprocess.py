"""In-process timings of the store, run in a fresh interpreter; prints JSON.

    python benchmarks/inprocess.py PROJET.toml REPEAT

Each timing sits next to its floor measured in the same process: load next to
`tomllib.loads` of the same bytes, save next to a bare atomic write of the
same bytes (temp file, fsync, rename, fsync of the folder). Saves are timed as
an autosave meets them: after one more character in a long answer (the store
may reuse what it wrote for the unchanged sections), and cold (first save).
"""

from __future__ import annotations

import json
import os
import resource
import sys
import tempfile
import time
import tomllib
import tracemalloc
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from coopwizard import store


def timed(function, repeat: int) -> list[float]:
    function()  # warm-up: caches, first allocation of pydantic's validators
    values = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        values.append(time.perf_counter() - start)
    return values


def bare_write(target: Path, data: bytes) -> None:
    tmp = target.with_name(f".{target.name}.floor")
    with open(tmp, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, target)
    fd = os.open(target.parent, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def clear_cache() -> None:
    """Forget what the store may keep between two saves (its per-section cache)."""
    serialise = getattr(store, "serialise", None)
    if serialise is not None and hasattr(serialise, "clear_cache"):
        serialise.clear_cache()


def main(source: Path, repeat: int) -> dict:
    raw = source.read_bytes()
    text = raw.decode("utf-8")
    results: dict[str, list[float] | int] = {}
    results["tomllib"] = timed(lambda: tomllib.loads(text), repeat)
    results["load"] = timed(lambda: store.load(source), repeat)
    projet = store.load(source)

    def typed() -> None:  # what an autosave follows: one more character in a long answer
        projet.conception.objectifs += "é"

    def cold() -> None:  # the session's first save: nothing known yet
        clear_cache()

    with tempfile.TemporaryDirectory(prefix="coopbench-", dir=os.environ.get("BENCH_DIR")) as tmp:
        target = Path(tmp) / source.name
        floor_target = Path(tmp) / ("floor-" + source.name)
        dumped = store.dumps(projet).encode("utf-8")
        for round_ in range(repeat + 1):  # interleaved: the disk's noise hits all alike
            timings = {
                "bare_write": _time(lambda: bare_write(floor_target, dumped)),
                "save": _time(lambda: store.save(projet, target), before=typed),
                "save_cold": _time(lambda: store.save(projet, target), before=cold),
                "dumps": _time(lambda: store.dumps(projet), before=typed),
            }
            if round_:  # the first round warms up
                for name, value in timings.items():
                    results.setdefault(name, []).append(value)
    tracemalloc.start()
    clear_cache()
    loaded = store.load(source)
    store.dumps(loaded)
    results["tracemalloc_peak"] = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    results["maxrss_kib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return results


def _time(function, before=None) -> float:
    if before is not None:
        before()
    start = time.perf_counter()
    function()
    return time.perf_counter() - start


if __name__ == "__main__":
    print(json.dumps(main(Path(sys.argv[1]), int(sys.argv[2]))))
