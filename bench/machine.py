"""The machine a benchmark ran on, read off it, so a figure can be compared with another run."""

from __future__ import annotations

import os
import platform
import re
import sqlite3
import subprocess
from importlib import metadata
from pathlib import Path

from sqlalchemy import create_engine, text


def _first(pattern: str, text_: str) -> str | None:
    found = re.search(pattern, text_, re.MULTILINE)
    return found.group(1).strip() if found else None


def _command(*args: str) -> str:
    """The first non-empty line a tool prints about its version."""
    try:
        done = subprocess.run(args, capture_output=True, text=True, timeout=10, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return "not found"
    lines = [x.strip() for x in (done.stdout + done.stderr).splitlines() if x.strip()]
    return lines[0] if lines else "not found"


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "not installed"


def _postgres(url: str) -> str:
    try:
        engine = create_engine(url)
        with engine.connect() as conn:
            version = str(conn.execute(text("SHOW server_version")).scalar_one())
        engine.dispose()
        return version
    except Exception as exc:  # the description says so rather than failing the run
        return f"unreachable ({type(exc).__name__})"


def describe(pg_admin_url: str) -> list[tuple[str, str]]:
    cpuinfo = Path("/proc/cpuinfo").read_text(encoding="utf-8", errors="replace")
    meminfo = Path("/proc/meminfo").read_text(encoding="utf-8")
    mem_kib = int(_first(r"^MemTotal:\s+(\d+)", meminfo) or 0)
    os_release = Path("/etc/os-release")
    distro = (
        _first(r'^PRETTY_NAME="?([^"\n]+)', os_release.read_text(encoding="utf-8"))
        if os_release.exists()
        else None
    )
    load = ", ".join(f"{v:.2f}" for v in os.getloadavg())
    cpu = _first(r"^model name\s*:(.*)$", cpuinfo) or platform.processor()
    return [
        ("CPU", cpu),
        ("cores", str(os.cpu_count())),
        ("memory", f"{mem_kib / 1024 / 1024:.1f} GiB"),
        ("OS", f"{distro or platform.system()} (kernel {platform.release()})"),
        ("load average at start", load),
        ("Python", platform.python_version()),
        ("SQLite", sqlite3.sqlite_version),
        ("PostgreSQL server", _postgres(pg_admin_url)),
        ("PySide6", _version("PySide6")),
        ("SQLAlchemy", _version("SQLAlchemy")),
        ("psycopg", _version("psycopg")),
        ("pjsua2-python", _version("pjsua2-python")),
        ("Kamailio", _command("kamailio", "-v")),
        ("SIPp", _command("sipp", "-v")),
    ]
