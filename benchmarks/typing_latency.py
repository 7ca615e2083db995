"""Keystroke latency in a long-text field of a large project, with the App's own hooks.

    python benchmarks/typing_latency.py PROJET.toml KEYS [--minimal]    # prints JSON

With --minimal: the baseline, a bare Textual app with one TextArea holding the
same text, timed the same way (Textual's own floor: its frame pacing and the
TextArea's rendering).

A "typist" thread posts key events to the App the way Textual's driver thread
does (`post_message` is thread-safe), at a fast typist's pace, in bursts
separated by pauses long enough for the autosave to fire, so that some keys
land while a save is running. For each key:

- t0: the key event is posted;
- "applied" / "refreshed" (screens.metrics, recorded by the App): the answer is
  in the Projet, then the derived views (progress, status bar) are updated;
- "painted": the first screen refresh after "refreshed" (`call_after_refresh`),
  which draws the typed character and the derived views in the same frame.

Runs headless (`App.run_test`): the frame is composed but not written to a
terminal, so the real figure is a little higher by the cost of writing it.
"""

from __future__ import annotations

import asyncio
import json
import random
import resource
import sys
import threading
import time
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from textual import events, on  # noqa: E402
from textual.app import App, ComposeResult  # noqa: E402
from textual.widgets import TextArea  # noqa: E402

from coopwizard import store  # noqa: E402
from screens.app import make_app  # noqa: E402
from screens.metrics import Metrics  # noqa: E402

FIELD_ID = "#q-conception-objectifs"  # the field the large project resumes at
BURST = 20  # keys per burst (fewer when fewer keys are asked for)
PACE = (0.045, 0.075)  # seconds between two keys (about 16 characters per second)
PAUSE = 0.78  # after a burst: longer than the autosave delay (0.7 s)
TEXT = "Nous irons à la fête « ensemble », élèves et aînés. "


class PaintMetrics(Metrics):
    """The App's hook, keyed by the key's index (the text's length tells which key it was),
    plus one timestamp after the frame that follows each refresh."""

    def __init__(self, app, area: TextArea) -> None:
        super().__init__()
        self.app, self.area = app, area
        self.base = len(area.text)
        self.at: dict[str, dict[int, float]] = {"applied": {}, "refreshed": {}, "painted": {}}

    def record(self, event: str, detail: str = "") -> None:
        super().record(event, detail)
        now = time.perf_counter()
        if event in ("applied", "refreshed"):
            index = len(self.area.text) - self.base - 1
            self._mark(event, index, now)
            if event == "refreshed":
                self.app.call_after_refresh(self._painted, index)

    def _painted(self, index: int) -> None:
        self._mark("painted", index, time.perf_counter())

    def _mark(self, event: str, index: int, now: float) -> None:
        """Every key up to `index` not marked yet is done now (two keys can share a frame)."""
        marks = self.at[event]
        for key in range(index, -1, -1):
            if key in marks:
                break
            marks[key] = now


def typist(app, keys: int, out: list, done: threading.Event) -> None:
    rng = random.Random(7)
    burst = min(BURST, max(1, keys // 2))
    for index in range(keys):
        char = TEXT[index % len(TEXT)]
        key = "space" if char == " " else char
        autosaver = getattr(app, "autosaver", None)
        saving = bool(autosaver and autosaver.busy)
        event = events.Key(key, char)
        out.append((time.perf_counter(), saving))
        app.post_message(event)
        if (index + 1) % burst == 0:
            time.sleep(PAUSE)
        else:
            time.sleep(rng.uniform(*PACE))
    done.set()


class MinimalTyping(App):
    """The baseline: one TextArea holding the same text, nothing derived from it."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text
        self.metrics: Metrics | None = None

    def compose(self) -> ComposeResult:
        area = TextArea(self.text, id="texte", tab_behavior="focus", highlight_cursor_line=False)
        area.cursor_blink = False
        yield area

    @on(TextArea.Changed)
    def _changed(self) -> None:
        if self.metrics is not None:
            self.metrics.record("applied")
            self.metrics.record("refreshed")


async def measure(path: Path, keys: int, minimal: bool = False) -> dict:
    projet = store.load(path)
    if minimal:
        app = MinimalTyping(projet.conception.objectifs)
        field_id = "#texte"
    else:
        app = make_app(projet, path, cursor_blink=False)
        field_id = FIELD_ID
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        area = app.screen.query_one(field_id, TextArea)
        area.focus()
        area.move_cursor(area.document.end)
        await pilot.pause(0.8)  # let the autosave of the resume position pass
        metrics = PaintMetrics(app, area)
        app.metrics = metrics
        sent: list[tuple[float, bool]] = []
        done = threading.Event()
        thread = threading.Thread(target=typist, args=(app, keys, sent, done))
        thread.start()
        while not done.is_set():
            await asyncio.sleep(0.05)
        deadline = time.perf_counter() + 10
        while len(metrics.at["painted"]) < keys and time.perf_counter() < deadline:
            await asyncio.sleep(0.02)
        await pilot.pause(1.0)  # the last autosave
        thread.join()
        saves = len(metrics.times("saved"))
    at = metrics.at
    if len(at["painted"]) < keys:
        raise SystemExit(f"only {len(at['painted'])} of {keys} keys reached the screen")

    def since_key(event: str) -> list[float]:
        return [at[event][i] - t0 for i, (t0, _) in enumerate(sent)]

    ecran = since_key("painted")
    return {
        "ecran": ecran,
        "applique": since_key("applied"),
        "derivees": since_key("refreshed"),
        "pendant_enregistrement": [e for e, (_, saving) in zip(ecran, sent) if saving],
        "enregistrements": saves,
        "maxrss_kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
    }


if __name__ == "__main__":
    minimal = "--minimal" in sys.argv[1:]
    args = [a for a in sys.argv[1:] if a != "--minimal"]
    print(json.dumps(asyncio.run(measure(Path(args[0]), int(args[1]), minimal))))
