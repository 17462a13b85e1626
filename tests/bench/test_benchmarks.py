"""The benchmarks on tiny data, so they cannot rot between real runs: ``python -m bench
--scale smoke`` builds its own scratch stores, runs every benchmark against the real desktop,
Kamailio, SIPp, PostgreSQL and a keyring, and writes its results file."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from bench.report import ANALYSIS_MARKER, Section, Series, percentile, write_results

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.postgres
@pytest.mark.sip
@pytest.mark.slow
def test_every_benchmark_runs_on_tiny_data(tmp_path: Path) -> None:
    results = tmp_path / "RESULTS.md"
    env = {k: v for k, v in os.environ.items() if k not in {"DBUS_SESSION_BUS_ADDRESS"}}
    done = subprocess.run(
        [sys.executable, "-m", "bench", "--scale", "smoke", "--results", str(results)],
        cwd=ROOT,
        env={**env, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    text = results.read_text(encoding="utf-8")
    for title in (
        "## Replication",
        "## Search as you type (local store)",
        "## Search as you type (PostgreSQL store)",
        "## Supervisor refresh",
        "## Screen pop",
        "## Start-up and memory",
        "## Soak",
    ):
        assert title in text, title
    for measured in (
        "INVITE leaves SIPp -> record painted | 5 |",
        "SIP floor: INVITE -> 100 Trying (proxy) | 5 |",
        "launch -> window ready | 1 |",
        "one refresh | 3 |",
        "screen pop during the soak | 12 |",
    ):
        assert measured in text, measured
    assert re.search(r"first sync of the whole demo store \([\d,]+ rows", text)
    assert "- pops painted / answered / logs saved: 12 / 12 / 12" in text
    assert "- calls answered while the last log was open (wrap-up): 1" in text
    assert "| failures = 0 | 0.00 | met |" in text
    assert "- CPU: " in text and "- PostgreSQL server: 15" in text
    assert ANALYSIS_MARKER in text


def test_percentiles_are_values_that_were_measured() -> None:
    values = [float(v) for v in range(1, 101)]
    assert (percentile(values, 0.5), percentile(values, 0.95), percentile(values, 0.99)) == (
        50.0,
        95.0,
        99.0,
    )
    assert percentile([3.0], 0.99) == 3.0


def test_results_keep_the_hand_written_analysis(tmp_path: Path) -> None:
    path = tmp_path / "RESULTS.md"
    section = Section("x", "Example", series=[Series.of("one", [1.0, 2.0, 3.0])])
    section.check("one <= 2 ms", 2.0, 2.0, "ms")
    write_results(path, "first run", [("CPU", "test")], [section])
    assert "(not written yet)" in path.read_text(encoding="utf-8")
    path.write_text(
        path.read_text(encoding="utf-8").replace("(not written yet)", "Profiled: it is the GIL."),
        encoding="utf-8",
    )
    write_results(path, "second run", [("CPU", "test")], [section])
    text = path.read_text(encoding="utf-8")
    assert "second run" in text and "first run" not in text
    assert text.count("Profiled: it is the GIL.") == 1
    assert "| one | 3 | 2.00 ms | 3.00 ms | 3.00 ms | 1.00 ms | 3.00 ms |" in text
    assert "| Example | one <= 2 ms | 2.00 ms | met |" in text
