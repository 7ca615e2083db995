"""Crash test: kill a saving process with SIGKILL, again and again, and check the file.

A child process (forked, so it starts instantly) opens a ProjectSession and
saves N different versions of a project in a loop, some of them large. The
parent kills it with SIGKILL at a random moment (half of the runs: a random
moment; the other half: a few milliseconds after the child starts writing a
file, so the kill lands inside the write itself), then checks that the file on
disk is, byte for byte, one of the versions, loads, and that the `.bak` is too.
Never empty, never a mix, never unreadable.

    python scripts/crash_test.py --runs 300        # the full count
    COOPWIZARD_CRASH_RUNS=40 pytest tests/reliability/test_crash.py

POSIX only (fork, SIGKILL).
"""

from __future__ import annotations

import argparse
import os
import random
import select
import signal
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from coopwizard import store  # noqa: E402
from coopwizard.models import Association, LigneBudget, Projet  # noqa: E402
from coopwizard.store.atomic import stale_temp_files  # noqa: E402
from coopwizard.store.session import ProjectSession  # noqa: E402


def make_versions() -> list[Projet]:
    """Six distinct versions: small, hostile, and large ones (slow to write)."""
    big_text = ("Une longue réponse collée d'un traitement de texte. " * 20_000)[:1_000_000]
    many = [Association(nom=f"Association n°{i}", siret="73282932000074") for i in range(3000)]
    return [
        Projet(nom="Version 1 : petite"),
        Projet(nom="Version 2", resume="Ligne 1\nLigne 2 🎉 émoji\n<script>x</script>"),
        Projet(nom="Version 3 : un million de caractères", resume=big_text),
        Projet(nom="Version 4 : trois mille associations", associations=many),
        Projet(
            nom="Version 5",
            budget={"lignes": [LigneBudget(libelle=f"Poste {i}", montant=f"{i},50")
                               for i in range(500)]},
        ),
        Projet(nom="Version 6 : grand et différent", resume=big_text[::-1],
               associations=many[:1500]),
    ]


@dataclass
class Stats:
    runs: int = 0
    saves_completed: int = 0
    kills_in_write_window: int = 0  # killed inside write_atomically (temp file, fsync, rename)
    kills_before_first_save: int = 0
    temp_files_left_by_kills: int = 0
    versions_seen: dict[int, int] = field(default_factory=dict)
    seconds: float = 0.0
    failures: list[str] = field(default_factory=list)


def _child(path: Path, versions: list[Projet], start: int, out: int) -> None:
    """Runs in the forked child: save forever, reporting each phase on the pipe."""
    try:
        real_write = store.write_atomically

        def traced(*args, **kwargs):
            os.write(out, b"W")
            real_write(*args, **kwargs)
            os.write(out, b"D")

        store.write_atomically = traced
        session = ProjectSession(path)
        if not session.acquire():
            os.write(out, b"L")  # the killed predecessor's lock must not block
            os._exit(3)
        session.load()
        os.write(out, b"R")
        k = start
        while True:
            session.save(versions[k % len(versions)])
            os.write(out, b"S")
            k += 1
    except BaseException:  # noqa: BLE001 - the child must never return into the parent's code
        import traceback

        traceback.print_exc()  # a child that cannot save is a failure the parent reports
        os._exit(2)
    os._exit(0)


def _read_all(fd: int, timeout: float) -> bytes:
    chunks = b""
    while True:
        ready, _, _ = select.select([fd], [], [], timeout)
        if not ready:
            return chunks
        chunk = os.read(fd, 4096)
        if not chunk:
            return chunks
        chunks += chunk


def run(runs: int, folder: Path, seed: int | None = None, max_delay: float = 0.4) -> Stats:
    rng = random.Random(seed)
    versions = make_versions()
    expected = {store.dumps(v).encode("utf-8"): i for i, v in enumerate(versions)}
    path = folder / "projet-crash.toml"
    store.save(versions[0], path)
    stats = Stats()
    began = time.perf_counter()
    for run_index in range(runs):
        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:
            os.close(read_end)
            _child(path, versions, rng.randrange(len(versions)), write_end)
        os.close(write_end)
        ready = os.read(read_end, 1)  # b"R" once the session holds the lock
        if ready != b"R":
            os.waitpid(pid, 0)
            stats.failures.append(f"run {run_index}: child could not start ({ready!r})")
            os.close(read_end)
            continue
        trace = b""
        if run_index % 2:
            # Every other run aims at the write itself: wait until the child
            # starts its m-th file write, then kill within a few milliseconds.
            wanted = rng.randint(1, 4)
            while trace.count(b"W") < wanted:
                chunk = os.read(read_end, 1)
                if not chunk:
                    break
                trace += chunk
            time.sleep(rng.uniform(0, 0.002))
        else:
            time.sleep(rng.uniform(0, max_delay))
        os.kill(pid, signal.SIGKILL)
        _, status = os.waitpid(pid, 0)
        trace += _read_all(read_end, 0.5)
        if not (os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL):
            stats.failures.append(f"run {run_index}: the child stopped saving by itself ({status})")
        os.close(read_end)
        stats.runs += 1
        stats.saves_completed += trace.count(b"S")
        if trace.rfind(b"W") > trace.rfind(b"D"):
            stats.kills_in_write_window += 1
        if b"S" not in trace:
            stats.kills_before_first_save += 1
        stats.temp_files_left_by_kills += len(stale_temp_files(path))
        _check(path, expected, run_index, stats)
    stats.seconds = time.perf_counter() - began
    return stats


def _check(path: Path, expected: dict[bytes, int], run_index: int, stats: Stats) -> None:
    data = path.read_bytes()
    if data not in expected:
        stats.failures.append(
            f"run {run_index}: file is not one of the versions ({len(data)} bytes)"
        )
        return
    stats.versions_seen[expected[data]] = stats.versions_seen.get(expected[data], 0) + 1
    try:
        store.load(path)
    except store.ProjectFileError as err:
        stats.failures.append(f"run {run_index}: file does not load: {err}")
    bak = store.backup_path(path)
    if bak.exists() and bak.read_bytes() not in expected:
        stats.failures.append(f"run {run_index}: the .bak is not one of the versions")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=300)
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument("--max-delay", type=float, default=0.4, help="seconds before the kill")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as home, tempfile.TemporaryDirectory() as folder:
        os.environ["COOPWIZARD_HOME"] = home
        stats = run(args.runs, Path(folder), args.seed, args.max_delay)
    print(f"runs (SIGKILL): {stats.runs}")
    print(f"saves completed in the children: {stats.saves_completed}")
    print("kills inside the write itself (temp file, fsync, rename):",
          stats.kills_in_write_window)
    print(f"kills before the first save finished: {stats.kills_before_first_save}")
    print(f"temp files left by kills (removed at next session): {stats.temp_files_left_by_kills}")
    print(f"versions found on disk after a kill: {dict(sorted(stats.versions_seen.items()))}")
    print(f"time: {stats.seconds:.1f} s")
    for failure in stats.failures:
        print("FAILURE:", failure)
    print("OK: the file was always one whole version." if not stats.failures else "FAILED")
    return 1 if stats.failures else 0


if __name__ == "__main__":
    sys.exit(main())
