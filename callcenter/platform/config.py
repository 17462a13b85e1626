"""Configuration from a TOML file; never holds a password (those live in the OS keyring).

Found at ``--config PATH``, else ``$CALLCENTER_CONFIG``, else ``callcenter.toml`` in the
user's config folder. A missing file means the embedded default: SQLite stores in the
user's data folder.
"""

from __future__ import annotations

import ipaddress
import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import platformdirs

from callcenter.platform.errors import ConfigError
from callcenter.platform.messages import N_

APP_NAME = "callcenter"
ENV_VAR = "CALLCENTER_CONFIG"
SECRET_KEYS = frozenset({"password", "passwd", "secret", "token"})


@dataclass(frozen=True)
class SipAccountConfig:
    registrar: str = ""
    username: str = ""
    domain: str = ""
    transport: str = "udp"
    display_name: str = ""
    trusted_proxies: tuple[str, ...] = ()
    queue_header: str = "X-Queue"
    # Seconds the caller already waited in the phone system's queue (counts in ASA and SL).
    wait_header: str = "X-Queue-Wait"
    # What a call the agent cannot take (not ready, offline, busy, protected wrap-up) is
    # answered with: 486 Busy Here or 480 Temporarily Unavailable; either moves the queue on.
    busy_response: int = 486
    # Where the softphone listens: "" is the address this machine reaches the registrar from
    # (not every interface); port 0 is any free port (the registration tells the proxy which).
    bind_address: str = ""
    local_port: int = 0
    # INVITEs a second the phone lets through to the desk (and the burst), the rest get 503.
    invite_rate_per_second: float = 10.0
    invite_burst: int = 20


@dataclass(frozen=True)
class AudioConfig:
    """Device descriptions as Qt lists them; None is the system default."""

    output: str | None = None
    input: str | None = None
    ring: str | None = None


SYNC_SCOPES = ("all", "working_set")


@dataclass(frozen=True)
class SyncConfig:
    """How a desk replicates with the shared store.

    ``timeout_seconds`` bounds connecting and every round trip (a silent link is given up
    after it); ``scope`` is ``all`` or ``working_set`` (customers touched in the last
    ``working_set_days`` days, the agent's open requests and pending callbacks).
    """

    timeout_seconds: float = 10.0
    interval_seconds: float = 3.0
    scope: str = "all"
    working_set_days: int = 30


#: The interface languages: the system's, or one the desktop has catalogues for.
LANGUAGES = ("system", "en", "zh_CN")


@dataclass(frozen=True)
class Config:
    """Everything a desk needs to know that is not a secret."""

    path: Path | None
    shared_database_url: str
    local_store_dir: Path
    default_region: str = "GB"
    wrap_up_seconds: int = 30
    #: Click-to-dial (from the record or the callback list) asks "Call ...?" first.
    ask_before_dialling: bool = True
    #: Wrap-up ends by itself when its time is up; off, the agent ends it (Ready / Not ready).
    auto_ready: bool = True
    event_log: Path | None = None
    agent_username: str | None = None
    sip: SipAccountConfig = field(default_factory=SipAccountConfig)
    shortcuts: tuple[tuple[str, str], ...] = ()
    sync: SyncConfig = field(default_factory=SyncConfig)
    audio: AudioConfig = field(default_factory=AudioConfig)
    #: The interface language (``LANGUAGES``); "system" follows the desktop session's locale.
    language: str = "system"

    @property
    def embedded(self) -> bool:
        """True when the shared store is a SQLite file (no server needed)."""
        return self.shared_database_url.startswith("sqlite")


def default_config_path() -> Path:
    return Path(platformdirs.user_config_dir(APP_NAME)) / "callcenter.toml"


def resolve_path(explicit: str | Path | None) -> Path:
    if explicit:
        return Path(explicit).expanduser()
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env).expanduser()
    return default_config_path()


def _find_secret(table: dict[str, Any], prefix: str = "") -> str | None:
    for key, value in table.items():
        if key.lower() in SECRET_KEYS:
            return prefix + key
        if isinstance(value, dict):
            found = _find_secret(value, f"{prefix}{key}.")
            if found:
                return found
    return None


def make_url_password(url: str) -> bool:
    """True when a database URL carries a password (which belongs in the keyring)."""
    from sqlalchemy.engine import make_url  # here: the parser reads LANGUAGES without SQLAlchemy
    from sqlalchemy.exc import ArgumentError

    try:
        return bool(make_url(url).password)
    except ArgumentError:
        return False


def _embedded_defaults(base: Path) -> tuple[str, Path]:
    return f"sqlite:///{base / 'shared.db'}", base / "local"


def _str(table: dict[str, Any], key: str, default: str, where: str) -> str:
    value = table.get(key, default)
    if not isinstance(value, str):
        raise ConfigError(
            N_("{where}{key} must be a string, not {kind}"),
            where=where,
            key=key,
            kind=type(value).__name__,
        )
    return value


def _number(table: dict[str, Any], key: str, default: float, low: float, high: float) -> float:
    value = table.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int | float) or not low <= value <= high:
        raise ConfigError(
            N_("sync.{key}: must be a number from {low:g} to {high:g}"), key=key, low=low, high=high
        )
    return float(value)


def _sync(table: dict[str, Any]) -> SyncConfig:
    sync = table.get("sync", {})
    if not isinstance(sync, dict):
        raise ConfigError(N_("[sync] must be a table"))
    scope = _str(sync, "scope", "all", "sync.")
    if scope not in SYNC_SCOPES:
        raise ConfigError(
            N_("sync.scope: must be one of {choices}"), choices=", ".join(SYNC_SCOPES)
        )
    return SyncConfig(
        timeout_seconds=_number(sync, "timeout_seconds", 10, 0.5, 300),
        interval_seconds=_number(sync, "interval_seconds", 3, 0.2, 3600),
        scope=scope,
        working_set_days=int(_number(sync, "working_set_days", 30, 1, 3650)),
    )


def _flag(table: dict[str, Any], key: str, default: bool) -> bool:
    value = table.get(key, default)
    if not isinstance(value, bool):
        raise ConfigError(N_("{key}: must be true or false"), key=key)
    return value


def _sip_int(sip: dict[str, Any], key: str, default: int, low: int, high: int) -> int:
    value = sip.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise ConfigError(
            N_("sip.{key}: must be a whole number from {low} to {high}"),
            key=key,
            low=low,
            high=high,
        )
    return value


def _bind_address(sip: dict[str, Any]) -> str:
    value = _str(sip, "bind_address", "", "sip.").strip()
    if value:
        try:
            ipaddress.ip_address(value)
        except ValueError:
            raise ConfigError(
                N_(
                    "sip.bind_address: {value!r} is not an IP address (leave it out to use the "
                    "one that reaches the registrar)"
                ),
                value=value,
            ) from None
    return value


def _busy_response(sip: dict[str, Any]) -> int:
    value = sip.get("busy_response", 486)
    if isinstance(value, bool) or value not in (486, 480):
        raise ConfigError(
            N_("sip.busy_response: must be 486 (Busy Here) or 480 (Temporarily Unavailable)")
        )
    return int(value)


def from_table(table: dict[str, Any], path: Path | None) -> Config:
    """Build and validate a Config from parsed TOML; errors name the offending key."""
    import phonenumbers  # here: the command line's parser reads LANGUAGES without it

    secret = _find_secret(table)
    if secret:
        raise ConfigError(
            N_(
                "{secret}: passwords do not belong in the config file; they are kept in the OS "
                "keyring (callcenter asks for them once)"
            ),
            secret=secret,
        )
    base = path.parent if path else Path(platformdirs.user_data_dir(APP_NAME))
    default_url, default_local = _embedded_defaults(base)
    database = table.get("database", {})
    if not isinstance(database, dict):
        raise ConfigError(N_("[database] must be a table"))
    url = _str(database, "shared_url", default_url, "database.")
    local_dir = Path(_str(database, "local_store_dir", str(default_local), "database."))
    if not local_dir.is_absolute():
        local_dir = base / local_dir
    region = _str(table, "default_region", "GB", "").upper()
    if region not in phonenumbers.SUPPORTED_REGIONS:
        raise ConfigError(
            N_("default_region: {region!r} is not an ISO 3166 region code"), region=region
        )
    wrap_up = table.get("wrap_up_seconds", 30)
    if not isinstance(wrap_up, int) or isinstance(wrap_up, bool) or not 0 <= wrap_up <= 3600:
        raise ConfigError(N_("wrap_up_seconds: must be a whole number from 0 to 3600"))
    event_log_text = table.get("event_log")
    event_log = Path(event_log_text) if isinstance(event_log_text, str) else None
    if event_log is not None and not event_log.is_absolute():
        event_log = base / event_log
    agent = table.get("agent_username")
    sip_table = table.get("sip", {})
    if not isinstance(sip_table, dict):
        raise ConfigError(N_("[sip] must be a table"))
    transport = _str(sip_table, "transport", "udp", "sip.").lower()
    if transport not in {"udp", "tcp", "tls"}:
        raise ConfigError(N_("sip.transport: must be udp, tcp or tls"))
    sip = SipAccountConfig(
        registrar=_str(sip_table, "registrar", "", "sip."),
        username=_str(sip_table, "username", "", "sip."),
        domain=_str(sip_table, "domain", "", "sip."),
        transport=transport,
        display_name=_str(sip_table, "display_name", "", "sip."),
        trusted_proxies=tuple(str(p) for p in sip_table.get("trusted_proxies", [])),
        queue_header=_str(sip_table, "queue_header", "X-Queue", "sip."),
        wait_header=_str(sip_table, "wait_header", "X-Queue-Wait", "sip."),
        busy_response=_busy_response(sip_table),
        bind_address=_bind_address(sip_table),
        local_port=_sip_int(sip_table, "local_port", 0, 0, 65535),
        invite_rate_per_second=float(_sip_int(sip_table, "invite_rate_per_second", 10, 1, 1000)),
        invite_burst=_sip_int(sip_table, "invite_burst", 20, 1, 1000),
    )
    audio_table = table.get("audio", {})
    if not isinstance(audio_table, dict):
        raise ConfigError(N_("[audio] must be a table"))
    audio = AudioConfig(
        *(_str(audio_table, key, "", "audio.") or None for key in ("output", "input", "ring"))
    )
    if make_url_password(url):
        raise ConfigError(
            N_("database.shared_url: must not contain a password; it is kept in the OS keyring")
        )
    shortcuts = table.get("shortcuts", {})
    if not isinstance(shortcuts, dict) or not all(isinstance(v, str) for v in shortcuts.values()):
        raise ConfigError(N_("[shortcuts] must map action names to key sequences (strings)"))
    language = _str(table, "language", "system", "")
    if language not in LANGUAGES:
        raise ConfigError(N_("language: must be one of {choices}"), choices=", ".join(LANGUAGES))
    return Config(
        path=path,
        shared_database_url=url,
        local_store_dir=local_dir,
        default_region=region,
        wrap_up_seconds=wrap_up,
        ask_before_dialling=_flag(table, "ask_before_dialling", True),
        auto_ready=_flag(table, "auto_ready", True),
        event_log=event_log,
        agent_username=agent if isinstance(agent, str) else None,
        sip=sip,
        shortcuts=tuple(sorted(shortcuts.items())),
        audio=audio,
        sync=_sync(table),
        language=language,
    )


def load(explicit: str | Path | None = None) -> Config:
    """Read the configuration; a missing file gives the embedded default."""
    path = resolve_path(explicit)
    if not path.exists():
        return from_table({}, path)
    try:
        table = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(N_("{path}: not valid TOML: {exc}"), path=path, exc=exc) from exc
    except OSError as exc:
        raise ConfigError(
            N_("{path}: cannot be read: {strerror}"), path=path, strerror=exc.strerror
        ) from exc
    return from_table(table, path)
