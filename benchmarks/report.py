"""The results as a Markdown table, and their place in docs/performance.md."""

from __future__ import annotations

import os
import platform
import re
import sys
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path

from harness import Samples

BEGIN, END = "<!-- debut-resultats -->", "<!-- fin-resultats -->"


@dataclass
class Row:
    mesure: str
    samples: Samples
    base_label: str = ""
    base: Samples | None = None
    limit: float | None = None  # a ratio to the baseline when `ratio`, else an absolute value
    ratio: bool = True
    unit: str = "ms"
    centile: float | None = None
    """Report this percentile (e.g. 99) in the "Médiane" column and against the target."""

    def _value(self, samples: Samples) -> float:
        return samples.median if self.centile is None else samples.centile(self.centile)

    def _fmt(self, value: float) -> str:
        if self.unit == "ms":
            return f"{value * 1000:.1f} ms" if value < 0.1 else f"{value * 1000:.0f} ms"
        if self.unit == "Mio":
            return f"{value:.1f} {self.unit}"
        return f"{value:.0f} {self.unit}"

    @property
    def ratio_value(self) -> float | None:
        if self.base is None or not self.base.values or not self.samples.values \
                or not self.base.median:
            return None
        return self._value(self.samples) / self._value(self.base)

    @property
    def verdict(self) -> str:
        if self.limit is None:
            return ""
        if not self.samples.values:
            return "non mesurée"
        value = self.ratio_value if self.ratio else self._value(self.samples)
        if value is None:
            return "non mesurée"
        return "atteinte" if value <= self.limit else "**manquée**"

    def cells(self) -> list[str]:
        s = self.samples
        if not s.values:
            main = [f"n/a ({s.missing})" if s.missing else "n/a", "", ""]
        else:
            spread = "" if len(s.values) == 1 else \
                f"{self._fmt(min(s.values))} – {self._fmt(max(s.values))}"
            main = [self._fmt(self._value(s)), spread, str(len(s.values))]
        if self.base is None:
            base = ["", ""]
        elif not self.base.values:
            base = [self.base_label, f"n/a ({self.base.missing})"]
        else:
            base = [self.base_label, self._fmt(self._value(self.base))]
        ratio = self.ratio_value
        target = ""
        if self.limit is not None:
            target = f"≤ {self.limit:g} ×" if self.ratio else f"≤ {self._fmt(self.limit)}"
        return [self.mesure, *main, *base, f"{ratio:.2f} ×" if ratio else "", target,
                self.verdict]


HEADER = ["Mesure", "Médiane", "Min – max", "n", "Référence", "Médiane réf.", "Rapport",
          "Cible", "Résultat"]


def table(rows: list[Row]) -> str:
    lines = ["| " + " | ".join(HEADER) + " |", "|" + "|".join("---" for _ in HEADER) + "|"]
    for row in rows:
        cells = [c.replace("|", "\\|") for c in row.cells()]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _ram() -> str:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                return f"{int(line.split()[1]) / 1024 / 1024:.1f} Gio"
    except OSError:
        pass
    return "?"


def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "absent"


def context(mode: str) -> str:
    now = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    versions = ", ".join(f"{n} {_version(n)}" for n in ("textual", "rich", "pydantic"))
    return (f"- Date : {now} (mode {mode})\n"
            f"- Machine : {cpus} cœurs (nproc), {_cpu_model()}, {_ram()} de RAM, "
            f"{platform.system()} {platform.release()}\n"
            f"- Versions : Python {sys.version.split()[0]}, {versions}")


def write_doc(path: Path, block: str) -> None:
    """Replace the results between the markers; the analysis around them stays."""
    block = f"{BEGIN}\n{block}\n{END}"
    if path.exists():
        text = path.read_text(encoding="utf-8")
        if BEGIN in text and END in text:
            pattern = re.compile(re.escape(BEGIN) + ".*?" + re.escape(END), re.DOTALL)
            path.write_text(pattern.sub(lambda _: block, text, count=1), encoding="utf-8")
            return
        path.write_text(text.rstrip() + "\n\n" + block + "\n", encoding="utf-8")
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("# Performances\n\n" + block + "\n", encoding="utf-8")
