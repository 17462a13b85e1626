"""What a benchmark measured, in one shape every benchmark shares, and RESULTS.md made from it.

Each benchmark returns a :class:`Section`: timing series (summarised as median, p95, p99, min
and max), single figures (a push took 1.6 s), and checks against the product's targets. The
runner prints sections as they finish and writes them all to ``bench/RESULTS.md``; whatever
follows the analysis marker in an existing RESULTS.md (the written-by-hand account of what
remains and why) is kept across runs.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

ANALYSIS_MARKER = "<!-- analysis: written by hand, kept when the benchmarks rewrite this file -->"


def percentile(values: Sequence[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..1): a value that was really measured."""
    ordered = sorted(values)
    rank = max(1, math.ceil(q * len(ordered)))
    return ordered[rank - 1]


@dataclass(frozen=True)
class Series:
    """Repeated measurements of one thing, in ``unit``."""

    label: str
    values: tuple[float, ...]
    unit: str = "ms"

    @classmethod
    def of(cls, label: str, values: Iterable[float], unit: str = "ms") -> Series:
        return cls(label, tuple(values), unit)

    @property
    def median(self) -> float:
        return statistics.median(self.values)

    def p(self, q: float) -> float:
        return percentile(self.values, q)

    def line(self) -> str:
        if not self.values:
            return f"{self.label}: no measurements"
        u = self.unit
        return (
            f"{self.label}: n={len(self.values)} median={self.median:.2f} {u} "
            f"p95={self.p(0.95):.2f} p99={self.p(0.99):.2f} "
            f"min={min(self.values):.2f} max={max(self.values):.2f}"
        )


@dataclass(frozen=True)
class Check:
    """One target of the product against what was measured."""

    target: str
    measured: str
    met: bool


@dataclass
class Section:
    """One benchmark's results."""

    key: str
    title: str
    setup: str = ""
    series: list[Series] = field(default_factory=list)
    figures: list[tuple[str, str]] = field(default_factory=list)
    checks: list[Check] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def check(self, target: str, measured: float, limit: float, unit: str) -> None:
        self.checks.append(Check(target, f"{measured:.2f} {unit}".strip(), measured <= limit))

    def text(self) -> str:
        """For the console."""
        out = [f"== {self.title}"]
        if self.setup:
            out.append(f"   {self.setup}")
        out += [f"   {s.line()}" for s in self.series]
        out += [f"   {name}: {value}" for name, value in self.figures]
        for c in self.checks:
            out.append(f"   target {c.target}: {c.measured} {'met' if c.met else 'MISSED'}")
        out += [f"   note: {n}" for n in self.notes]
        return "\n".join(out)

    def markdown(self) -> str:
        out = [f"## {self.title}", ""]
        if self.setup:
            out += [self.setup, ""]
        if self.series:
            out += [
                "| measured | n | median | p95 | p99 | min | max |",
                "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
            ]
            for s in self.series:
                if not s.values:
                    out.append(f"| {s.label} | 0 | | | | | |")
                    continue
                u = f" {s.unit}"
                out.append(
                    f"| {s.label} | {len(s.values)} | {s.median:.2f}{u} | {s.p(0.95):.2f}{u} | "
                    f"{s.p(0.99):.2f}{u} | {min(s.values):.2f}{u} | {max(s.values):.2f}{u} |"
                )
            out.append("")
        out += [f"- {name}: {value}" for name, value in self.figures]
        if self.figures:
            out.append("")
        if self.checks:
            out += ["| target | measured | |", "| --- | ---: | --- |"]
            out += [
                f"| {c.target} | {c.measured} | {'met' if c.met else '**missed**'} |"
                for c in self.checks
            ]
            out.append("")
        out += [f"- {n}" for n in self.notes]
        if self.notes:
            out.append("")
        return "\n".join(out)


def summary_table(sections: Sequence[Section]) -> str:
    rows = ["| benchmark | target | measured | |", "| --- | --- | ---: | --- |"]
    for section in sections:
        for c in section.checks:
            verdict = "met" if c.met else "**missed**"
            rows.append(f"| {section.title} | {c.target} | {c.measured} | {verdict} |")
    return "\n".join(rows)


def kept_analysis(path: Path) -> str:
    """The hand-written part of an existing RESULTS.md (empty if there is none)."""
    if not path.exists():
        return ""
    text = path.read_text(encoding="utf-8")
    _, marker, rest = text.partition(ANALYSIS_MARKER)
    return rest.strip("\n") if marker else ""


def write_results(
    path: Path, header: str, machine: Sequence[tuple[str, str]], sections: Sequence[Section]
) -> None:
    analysis = kept_analysis(path)
    parts = [
        "# Benchmark results",
        "",
        header,
        "",
        "## Machine",
        "",
        *[f"- {name}: {value}" for name, value in machine],
        "",
        "## Targets",
        "",
        summary_table(sections),
        "",
        *[s.markdown() for s in sections],
        ANALYSIS_MARKER,
        "",
        analysis or "## What remains and why\n\n(not written yet)",
        "",
    ]
    path.write_text("\n".join(parts), encoding="utf-8")
