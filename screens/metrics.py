"""A tiny hook for the benchmarks: timestamps of what the App did.

Set `app.metrics = Metrics()` before (or while) the app runs; the App then
records, with `time.perf_counter()`:

- "applied":   an answer was written into the Projet in memory (detail: its field);
- "refreshed": the derived views (sidebar progress, status bar) were updated;
- "saved":     a save reached the disk (recorded from the saving thread);
- "step":      a step's questions were shown (detail: the step id).

With `app.metrics` left to None (the default) nothing is recorded.
"""

from __future__ import annotations

import threading
import time


class Metrics:
    def __init__(self) -> None:
        self.events: list[tuple[str, str, float]] = []
        self._lock = threading.Lock()

    def record(self, event: str, detail: str = "") -> None:
        with self._lock:
            self.events.append((event, detail, time.perf_counter()))

    def times(self, event: str) -> list[float]:
        with self._lock:
            return [t for e, _, t in self.events if e == event]

    def last(self, event: str) -> float | None:
        found = self.times(event)
        return found[-1] if found else None

    def clear(self) -> None:
        with self._lock:
            self.events.clear()
