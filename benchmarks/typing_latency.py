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

Then half as many keys again, as fast as a held-down key repeats; over all
of them, counts the keys lost: typed, yet not in the text at the end.

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

from textual import events, on
from textual.app import App, ComposeResult
from textual.widgets import TextArea

from coopwizard import store
from screens.app import make_app
from screens.metrics import Metrics

FIELD_ID = "#q-conception-objectifs"  # the field the large project resumes at
BURST = 20  # keys per burst (fewer when fewer keys are asked for)
PACE = (0.045, 0.075)  # seconds between two keys (about 16 characters per second)
PAUSE = 0.78  # after a burst: longer than the autosave delay (0.7 s)
REPEAT = 0.01  # a held-down key on a fast repeat rate, or keys queued on a busy machine
# Every key types a character that no other key types within 70 keys: the character
# left of the cursor tells which key an event is about, even if the cursor jumped.
KEYS = "abcdefghijklmnopqrstuvwxyzéèàùâêîôûçëïüœæABCDEFGHIJKLMNOPQRSTUVWXYZÉÈÀÇ"
EVENTS = ("applied", "refreshed", "painted")


class PaintMetrics(Metrics):
    """The App's hook, with each event tied to the key it is about, plus one timestamp
    after the frame that follows each refresh ("painted")."""

    def __init__(self, app, area: TextArea, sent: list) -> None:
        super().__init__()
        self.app, self.area, self.sent = app, area, sent
        self.base = len(area.text)
        self.seen: dict[str, list[tuple[int, float]]] = {e: [] for e in EVENTS}

    def record(self, event: str, detail: str = "") -> None:
        super().record(event, detail)
        now = time.perf_counter()
        if event in ("applied", "refreshed"):
            key = self._key_left_of_cursor()
            if key is not None:
                self.seen[event].append((key, now))
                if event == "refreshed":
                    self.app.call_after_refresh(self._painted, key)

    def _painted(self, key: int) -> None:
        self.seen["painted"].append((key, time.perf_counter()))

    def _key_left_of_cursor(self) -> int | None:
        row, column = self.area.cursor_location
        if column == 0:
            return None
        position = KEYS.find(self.area.document.get_line(row)[column - 1])
        last = len(self.sent) - 1  # the latest key sent with that character
        if position < 0 or last < 0:
            return None
        return last - (last - position) % len(KEYS)

    def done_at(self, event: str, keys: int) -> dict[int, float]:
        """When each key was done: keys are handled in order, so a key is done as soon as
        it or any later key is seen (two keys can share one frame)."""
        first: dict[int, float] = {}
        for key, when in self.seen[event]:
            first[key] = min(when, first.get(key, when))
        result, earliest = {}, None
        for key in range(keys - 1, -1, -1):
            if key in first:
                earliest = first[key] if earliest is None else min(earliest, first[key])
            if earliest is not None:
                result[key] = earliest
        return result


def typist(app, keys: int, held: int, out: list, done: threading.Event) -> None:
    """`keys` typed at a typist's pace, then `held` more as fast as a held-down key repeats."""
    rng = random.Random(7)
    burst = min(BURST, max(1, keys // 2))
    for index in range(keys + held):
        char = KEYS[index % len(KEYS)]
        autosaver = getattr(app, "autosaver", None)
        saving = bool(autosaver and autosaver.busy)
        event = events.Key(char, char)
        out.append((time.perf_counter(), saving))
        app.post_message(event)
        if index >= keys:
            time.sleep(REPEAT)
        elif (index + 1) % burst == 0:
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
    held = keys // 2
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
        sent: list[tuple[float, bool]] = []  # (when, while saving) per key, by the typist
        metrics = PaintMetrics(app, area, sent)
        app.metrics = metrics
        done = threading.Event()
        thread = threading.Thread(target=typist, args=(app, keys, held, sent, done))
        thread.start()
        while not done.is_set():
            await asyncio.sleep(0.05)
        deadline = time.perf_counter() + 10
        while len(metrics.done_at("painted", keys + held)) < keys + held \
                and time.perf_counter() < deadline:
            await asyncio.sleep(0.02)
        await pilot.pause(1.0)  # the last autosave
        thread.join()
        saves = len(metrics.times("saved"))
        typed = len(area.text) - metrics.base
    # Latencies at a typist's pace only; lost keys counted over all, held-down key included.
    at = {event: {k: t for k, t in metrics.done_at(event, keys + held).items() if k < keys}
          for event in EVENTS}
    sent = sent[:keys]
    if not at["painted"]:
        raise SystemExit("aucune touche affichée")

    def since_key(event: str) -> list[float]:
        return [at[event][i] - t0 for i, (t0, _) in enumerate(sent) if i in at[event]]

    ecran = {i: at["painted"][i] - t0 for i, (t0, _) in enumerate(sent) if i in at["painted"]}
    return {
        "ecran": list(ecran.values()),
        "applique": since_key("applied"),
        "derivees": since_key("refreshed"),
        "pendant_enregistrement": [ecran[i] for i, (_, saving) in enumerate(sent)
                                   if saving and i in ecran],
        "perdues": keys + held - typed,
        "touches": keys + held,
        "enregistrements": saves,
        "maxrss_kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
    }


if __name__ == "__main__":
    minimal = "--minimal" in sys.argv[1:]
    args = [a for a in sys.argv[1:] if a != "--minimal"]
    print(json.dumps(asyncio.run(measure(Path(args[0]), int(args[1]), minimal))))
