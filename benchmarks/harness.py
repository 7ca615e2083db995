"""Timing primitives: whole processes, and a TUI's first frame in a real terminal (tmux)."""

from __future__ import annotations

import os
import shlex
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Self

PYTHON = sys.executable
TMUX_SOCKET = f"coopbench-{os.getpid()}"  # our own tmux server: never touch anyone else's
SIZE = ("100", "32")


class Unavailable(Exception):
    """The thing to measure does not run (a command not written yet, no tmux...)."""


@dataclass
class Samples:
    """Wall times in seconds (or any unit), with the reason when there are none."""

    values: list[float] = field(default_factory=list)
    missing: str = ""

    @property
    def median(self) -> float:
        ordered = sorted(self.values)
        mid = len(ordered) // 2
        return ordered[mid] if len(ordered) % 2 else (ordered[mid - 1] + ordered[mid]) / 2

    def centile(self, q: float) -> float:
        """The q-th percentile (nearest rank: a value that was measured)."""
        ordered = sorted(self.values)
        rank = max(1, -(-len(ordered) * q // 100))  # ceil(n q / 100)
        return ordered[int(rank) - 1]


def coopwizard_command() -> list[str]:
    """The installed console script itself (a pyenv shim would add its own start-up)."""
    script = Path(PYTHON).parent / "coopwizard"
    if script.exists():
        return [str(script)]
    found = shutil.which("coopwizard")
    return [found] if found else [PYTHON, "-m", "coopwizard"]


def run_once(command: list[str], env: dict[str, str] | None = None) -> float:
    """Wall time of one process; Unavailable if it fails (exit code 0 or 1 is success)."""
    start = time.perf_counter()
    done = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                          stdin=subprocess.DEVNULL, env=env, check=False)
    elapsed = time.perf_counter() - start
    if done.returncode not in (0, 1):
        reason = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise Unavailable(reason[-1] if reason else f"code de sortie {done.returncode}")
    return elapsed


def interleaved(measures: dict[str, callable], repeat: int,
                warmup: int | None = None) -> dict[str, Samples]:
    """Run each measure in turn, `repeat` rounds, so noise hits them all alike.

    One warm-up round by default; none for a single repetition (the quick mode: a smoke
    run that proves each measure still runs, where a warm-up would only triple its cost)."""
    if warmup is None:
        warmup = 1 if repeat > 1 else 0
    results = {name: Samples() for name in measures}
    live = dict(measures)
    for round_ in range(warmup + repeat):
        for name, measure in list(live.items()):
            try:
                value = measure()
            except Unavailable as err:
                results[name].missing = str(err) or "non disponible"
                results[name].values.clear()
                del live[name]
                continue
            if round_ >= warmup:
                results[name].values.append(value)
    return results


# --- tmux -------------------------------------------------------------------

def _tmux(*args: str, check: bool = True) -> subprocess.CompletedProcess:
    return subprocess.run(["tmux", "-u", "-f", "/dev/null", "-L", TMUX_SOCKET, *args],
                          capture_output=True, text=True, check=check)


class Terminal:
    """A private tmux server kept alive for the whole run (its start-up is not measured)."""

    def __init__(self) -> None:
        if shutil.which("tmux") is None:
            raise Unavailable("tmux n'est pas installé")
        self._count = 0

    def __enter__(self) -> Self:
        _tmux("new-session", "-d", "-s", "garde", "-x", SIZE[0], "-y", SIZE[1], "sleep 3600")
        _tmux("set-option", "-g", "remain-on-exit", "on")
        return self

    def __exit__(self, *exc) -> None:
        _tmux("kill-server", check=False)

    def first_frame(self, command: list[str], expected: str, env: dict[str, str],
                    timeout: float = 30.0) -> float:
        """Seconds from launching `command` in a 100x32 terminal until `expected` shows."""
        self._count += 1
        name = f"mesure{self._count}"
        args = ["new-session", "-d", "-s", name, "-x", SIZE[0], "-y", SIZE[1]]
        for key, value in env.items():
            args += ["-e", f"{key}={value}"]
        start = time.perf_counter()
        _tmux(*args, shlex.join(command))
        try:
            while True:
                screen = _tmux("capture-pane", "-p", "-t", name, check=False).stdout
                # the UI writes French typography (« projet\u00a0? »): compare plain spaces
                screen = screen.replace("\u00a0", " ").replace("\u202f", " ")
                if expected in screen:
                    return time.perf_counter() - start
                dead = "Pane is dead" in screen  # remain-on-exit: the command has ended
                if dead or time.perf_counter() - start > timeout:
                    lines = [line.strip() for line in screen.splitlines()
                             if line.strip() and "Pane is dead" not in line]
                    what = "la commande s'est arrêtée" if dead else f"« {expected} » jamais affiché"
                    raise Unavailable(what + (f" : {lines[-1][:100]}" if lines else ""))
                time.sleep(0.004)
        finally:
            self._close(name)

    def _close(self, name: str) -> None:
        pid = _tmux("display-message", "-p", "-t", name, "#{pane_pid}", check=False).stdout.strip()
        if pid.isdigit():
            # The app we started, by its id: killed outright, since a clean exit on SIGHUP
            # takes a second or more and would steal CPU from the next measurement.
            try:
                os.kill(int(pid), signal.SIGKILL)
            except ProcessLookupError:
                pass
            deadline = time.perf_counter() + 10  # gone, and its project lock with it
            while _alive(pid) and time.perf_counter() < deadline:
                time.sleep(0.005)
        _tmux("kill-session", "-t", name, check=False)


def _alive(pid: str) -> bool:
    """True while the process runs (a zombie waiting for tmux to reap it is not running)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rpartition(")")[2].split()[0] != "Z"
