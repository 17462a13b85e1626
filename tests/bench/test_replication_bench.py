"""A tiny run of bench/replication.py, so the benchmark cannot rot between real runs."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.postgres


def test_replication_benchmark_runs_on_tiny_data() -> None:
    result = subprocess.run(
        [sys.executable, "bench/replication.py", "--push", "300", "--pull", "500"],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert "push 300 outbox rows:" in result.stdout
    assert "first pull of 800 customers:" in result.stdout
    assert result.stdout.count("beside COPY") == 2
