"""A throwaway PostgreSQL 15 cluster for tests that crash or restart the server.

The machine's own server on 5432 is shared by every other test; a test that kills a server
runs its own here, on a free port, in a temp folder removed afterwards.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path
from types import TracebackType
from typing import Self

import pytest

BIN = Path("/usr/lib/postgresql/15/bin")
SUPERUSER = "postgres"


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class PgCluster:
    """``initdb`` in a temp folder, then ``start()``, ``crash()`` and ``stop()`` at will.

    Use as a context manager: entering creates and starts the cluster, leaving stops it and
    removes the folder, whatever happened in between.
    """

    def __init__(self) -> None:
        if not (BIN / "initdb").exists():
            pytest.skip(f"PostgreSQL 15 is not installed ({BIN / 'initdb'} is missing)")
        self.port = _free_port()
        self.dir = Path(tempfile.mkdtemp(prefix="pgcluster-"))
        self.data = self.dir / "data"
        self.log = self.dir / "log"

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+psycopg://{SUPERUSER}@127.0.0.1:{self.port}/{database}"

    def create(self) -> None:
        """Make the data folder; ``initdb`` refuses root, so as root it runs as ``postgres``."""
        if os.geteuid() == 0:
            shutil.chown(self.dir, SUPERUSER, SUPERUSER)
        self._run("initdb", "-D", str(self.data), "-A", "trust", "-U", SUPERUSER)

    def start(self) -> None:
        """Start the server and wait until it accepts connections (after a crash: recovered)."""
        options = f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1"
        self._pg_ctl("start", "-w", "-o", options, "-l", str(self.log))

    def crash(self) -> None:
        """Stop the way a crash does: no checkpoint, the next start replays the WAL."""
        self._pg_ctl("stop", "-m", "immediate", "-w")

    def stop(self) -> None:
        """Stop the server if it runs and remove the cluster."""
        if (self.data / "postmaster.pid").exists():
            self._pg_ctl("stop", "-m", "immediate", "-w", check=False)
        shutil.rmtree(self.dir, ignore_errors=True)

    def log_text(self) -> str:
        """The server's log, for a failing test's message."""
        return self.log.read_text(errors="replace") if self.log.exists() else ""

    def __enter__(self) -> Self:
        try:
            self.create()
            self.start()
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    def _pg_ctl(self, *args: str, check: bool = True) -> None:
        self._run("pg_ctl", "-D", str(self.data), *args, check=check)

    def _run(self, program: str, *args: str, check: bool = True) -> None:
        command = [str(BIN / program), *args]
        if os.geteuid() == 0:
            command = ["runuser", "-u", SUPERUSER, "--", *command]
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        if check and done.returncode != 0:
            raise RuntimeError(
                f"{program} {' '.join(args)} failed ({done.returncode}):\n"
                f"{done.stdout}{done.stderr}{self.log_text()[-2000:]}"
            )
