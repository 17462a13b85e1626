"""Start-up time and idle memory of ``callcenter desktop``, launched the way an agent does.

Usage: PYTHONPATH=. .venv/bin/python bench/startup.py --config DESK.toml [--launches 5]

Each launch runs the real command (offscreen) in a D-Bus session of its own with GNOME
Keyring unlocked and holding the desk's SIP and database passwords, registering with a real
Kamailio. Start-up runs from the moment the shell execs ``callcenter`` to ``desktop.ready`` in
its event log (the main window painted and the event loop turning again). Memory is the
process's resident set once it has sat idle (registered, replicating, heartbeating).

The same section times the command line: ``callcenter --help`` and a command's own ``--help``
run as the agent runs them (the installed script, a fresh process each time), alternating with
their floor, a bare interpreter (``python -c pass``) and one that loads argparse and gettext.

Python's compiled modules are kept, as on an agent's machine: a package installed with pip or
from a distribution has its bytecode compiled at install, and a first start writes what is
missing. This machine sets PYTHONDONTWRITEBYTECODE (the shared working tree stays clean), so
without care every launch here would compile every module of the sources again (about 0.2 s of
CPU) where no agent's does. The launched processes therefore use a bytecode cache of the
bench's own (PYTHONPYCACHEPREFIX in its scratch folder), filled by one untimed launch (and one
untimed round of the command lines) first; ``--no-bytecode`` measures without it.

``--cli-only`` measures only the command line (no desk, no Kamailio).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.data import desk_config
from bench.report import Section, Series
from callcenter.crm.customers import customer_count
from callcenter.platform import config as config_module
from callcenter.platform.config import Config
from callcenter.platform.secrets import database_key, sip_key
from callcenter.sync.stores import LOCAL, local_store_path, open_context
from tests.telephony.peers import Kamailio, free_port, make_certificate

READY_S = 1.5
RSS_MIB = 250.0
HELP_MS = 300.0
CLI_RUNS = 20
SIP_USER = "agent"
SIP_PASSWORD = "bench-Pa55"
ROOT = Path(__file__).resolve().parents[1]

#: Runs inside the private D-Bus session: unlock a keyring, store the passwords the desk will
#: ask it for, note the moment, then become ``callcenter desktop`` (same PID).
LAUNCH = """
printf pw | gnome-keyring-daemon --unlock --components=secrets >/dev/null
"$PYTHON" -c 'import os, sys
from callcenter.platform.secrets import SecretStore
store = SecretStore()
store.set(os.environ["SIP_KEY"], os.environ["SIP_SECRET"])
store.set(os.environ["DB_KEY"], "trust")' || exit 3
echo $$ > "$WORK/pid"
date +%s.%N > "$WORK/launched"
exec "$PYTHON" -m callcenter --config "$CONFIG" desktop --event-log "$WORK/events.jsonl"
"""


def _status_kib(pid: int, field: str) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise KeyError(field)


def _ready_at(events: Path, timeout_s: float, process: subprocess.Popen[bytes]) -> float:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the desktop exited with {process.returncode} before it was ready")
        if events.exists():
            for line in events.read_text(encoding="utf-8").splitlines():
                record = json.loads(line)
                if record["event"] == "desktop.ready":
                    return dt.datetime.fromisoformat(record["ts"]).timestamp()
        time.sleep(0.02)
    raise RuntimeError("the desktop did not report ready in time")


def _registered(events: Path) -> bool:
    return any(
        json.loads(line).get("state") == "registered"
        for line in events.read_text(encoding="utf-8").splitlines()
        if '"sip.registration"' in line
    )


def bytecode_env(cache: Path | None) -> dict[str, str]:
    """The environment of a launched process with its compiled modules kept in ``cache`` (the
    bytecode an installed desktop has), or as this process has it when ``cache`` is None."""
    env = dict(os.environ)
    if cache is not None:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(cache)
    return env


def launch(
    config_path: Path,
    work: Path,
    keys: dict[str, str],
    idle_s: float,
    bytecode: Path | None = None,
) -> dict[str, float]:
    """One launch: seconds to ready, and resident memory (MiB) after ``idle_s`` idle."""
    shutil.rmtree(work, ignore_errors=True)
    (work / "run").mkdir(parents=True, mode=0o700)
    env = {
        key: value
        for key, value in bytecode_env(bytecode).items()
        if key not in {"PYTHON_KEYRING_BACKEND", "DBUS_SESSION_BUS_ADDRESS"}
    }
    env |= {
        "PYTHONPATH": str(ROOT),
        "PYTHON": sys.executable,
        "HOME": str(work),
        "XDG_DATA_HOME": str(work / "data"),
        "XDG_CONFIG_HOME": str(work / "config"),
        "XDG_RUNTIME_DIR": str(work / "run"),
        "QT_QPA_PLATFORM": "offscreen",
        "QT_LOGGING_RULES": "qt.multimedia*=false",
        "WORK": str(work),
        "CONFIG": str(config_path),
        **keys,
    }
    with (work / "desktop.out").open("wb") as out:
        process = subprocess.Popen(
            ["dbus-run-session", "--", "sh", "-c", LAUNCH],
            env=env,
            cwd=work,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            ready = _ready_at(work / "events.jsonl", 60, process)
            launched = float((work / "launched").read_text())
            pid = int((work / "pid").read_text())
            deadline = time.monotonic() + 15
            while not _registered(work / "events.jsonl") and time.monotonic() < deadline:
                time.sleep(0.05)
            time.sleep(idle_s)
            result = {
                "ready_s": ready - launched,
                "rss_mib": _status_kib(pid, "VmRSS") / 1024,
                "anon_mib": _status_kib(pid, "RssAnon") / 1024,
                "file_mib": _status_kib(pid, "RssFile") / 1024,
                "registered": float(_registered(work / "events.jsonl")),
            }
        finally:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(15)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
    return result


def _callcenter() -> list[str]:
    """The ``callcenter`` script installed beside this interpreter (``python -m`` without it)."""
    script = shutil.which("callcenter", path=str(Path(sys.executable).parent))
    return [script] if script else [sys.executable, "-m", "callcenter"]


def command_line(runs: int = CLI_RUNS, bytecode: Path | None = None) -> tuple[list[Series], float]:
    """Milliseconds each command line takes from exec to exit, the runs of every one alternating
    (so a busy moment falls on all of them), and ``callcenter --help``'s median; with a
    ``bytecode`` cache, after one untimed round that fills it."""
    callcenter = _callcenter()
    env = bytecode_env(bytecode)
    commands = {
        "floor: python -c pass": [sys.executable, "-c", "pass"],
        "floor: python -c 'import argparse, gettext'": [
            sys.executable,
            "-c",
            "import argparse, gettext",
        ],
        "callcenter --help": [*callcenter, "--help"],
        "callcenter lookup --help": [*callcenter, "lookup", "--help"],
        "callcenter desktop --help": [*callcenter, "desktop", "--help"],
    }
    if bytecode is not None:
        for argv in commands.values():
            subprocess.run(argv, check=True, stdout=subprocess.DEVNULL, env=env)
    taken: dict[str, list[float]] = {label: [] for label in commands}
    for _ in range(runs):
        for label, argv in commands.items():
            began = time.perf_counter()
            subprocess.run(argv, check=True, stdout=subprocess.DEVNULL, env=env)
            taken[label].append((time.perf_counter() - began) * 1000)
    series = [Series.of(label, values) for label, values in taken.items()]
    return series, Series.of("", taken["callcenter --help"]).median


def command_line_section(runs: int = CLI_RUNS, bytecode: Path | None = None) -> Section:
    series, help_median = command_line(runs, bytecode)
    section = Section(
        "cli", "Command line", setup=f"Each command run {runs} times, alternating.", series=series
    )
    section.check(f"callcenter --help <= {HELP_MS:g} ms (median)", help_median, HELP_MS, "ms")
    return section


def run(
    config: Config,
    work: Path,
    launches: int = 5,
    idle_s: float = 10.0,
    *,
    keep_bytecode: bool = True,
) -> Section:
    """``config`` names the desk (its filled local store); a SIP account is added for it.
    ``keep_bytecode`` (see the module's docstring) False: every launch compiles the sources."""
    assert config.path is not None, "the desk's config must be a file"
    bytecode = work / "bytecode" if keep_bytecode else None
    cli_series, help_median = command_line(bytecode=bytecode)
    ctx = open_context(config, LOCAL)
    try:
        stored = customer_count(ctx)
    finally:
        ctx.dispose()
    store_mib = local_store_path(config).stat().st_size / 2**20
    desk_folder = config.path.parent
    (work / "kamailio").mkdir(parents=True, exist_ok=True)
    kamailio = Kamailio(
        port=free_port(),
        tls_port=free_port(),
        workdir=work / "kamailio",
        users={SIP_USER: SIP_PASSWORD},
        cert_file=make_certificate(work / "kamailio"),
    )
    kamailio.start()
    try:
        registrar = kamailio.address
        launched_config = desk_config(
            desk_folder,
            config.shared_database_url,
            name="startup.toml",
            sip={"registrar": registrar, "username": SIP_USER, "trusted_proxies": [registrar]},
        )
        assert local_store_path(launched_config) == local_store_path(config)
        keys = {
            "SIP_KEY": sip_key(SIP_USER, registrar),
            "SIP_SECRET": SIP_PASSWORD,
            "DB_KEY": database_key(launched_config.shared_database_url),
        }
        if bytecode is not None:  # the untimed launch that fills the bytecode cache
            launch(desk_folder / "startup.toml", work / "launch-first", keys, 0.0, bytecode)
        results = [
            launch(desk_folder / "startup.toml", work / f"launch-{i}", keys, idle_s, bytecode)
            for i in range(launches)
        ]
    finally:
        kamailio.stop()
    section = Section(
        "startup",
        "Start-up and memory",
        setup=(
            f"`callcenter desktop` launched {launches} time(s) (offscreen, GNOME Keyring holding "
            f"its passwords, registering with Kamailio) on a local store of {stored:,} customers "
            f"({store_mib:,.0f} MiB); memory read after {idle_s:g} s idle. "
            f"Registered every time: {all(r['registered'] for r in results)}. "
            f"The command lines ran {CLI_RUNS} times each, alternating with their floors. "
            + (
                "Compiled modules kept (after one untimed launch), as installed."
                if bytecode is not None
                else "No compiled modules kept: every launch compiled the sources."
            )
        ),
    )
    ready = Series.of("launch -> window ready", [r["ready_s"] for r in results], "s")
    rss = Series.of("idle resident memory (RSS)", [r["rss_mib"] for r in results], "MiB")
    section.series += [
        ready,
        rss,
        Series.of("  of it anonymous (heap)", [r["anon_mib"] for r in results], "MiB"),
        Series.of(
            "  of it file-backed (libraries, mapped store)", [r["file_mib"] for r in results], "MiB"
        ),
    ]
    section.series += cli_series
    section.check(f"launch -> ready <= {READY_S:g} s (median)", ready.median, READY_S, "s")
    section.check(f"idle RSS <= {RSS_MIB:g} MB (max)", max(rss.values), RSS_MIB, "MiB")
    section.check(f"callcenter --help <= {HELP_MS:g} ms (median)", help_median, HELP_MS, "ms")
    return section


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--config", help="the desk's config (needed unless --cli-only)")
    parser.add_argument("--launches", type=int, default=5)
    parser.add_argument("--idle", type=float, default=10.0, help="seconds idle before measuring")
    parser.add_argument("--cli-only", action="store_true", help="time the command line only")
    parser.add_argument("--cli-runs", type=int, default=CLI_RUNS)
    parser.add_argument(
        "--no-bytecode", action="store_true", help="keep no compiled modules between launches"
    )
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="cc-bench-start-"))
    bytecode = None if args.no_bytecode else work / "bytecode"
    if args.cli_only:
        print(command_line_section(args.cli_runs, bytecode).text())
        return
    if not args.config:
        parser.error("--config is required (or --cli-only)")
    config = config_module.load(args.config)
    section = run(config, work, args.launches, args.idle, keep_bytecode=bytecode is not None)
    print(section.text())


if __name__ == "__main__":
    main()
