"""Write the configuration back to its TOML file: validated, secret-free, atomically.

The standard library reads TOML but does not write it, and the config needs only a small part
of the format, so this writes that part itself (every value ``tomllib`` can return, so keys
the desk does not know survive a save). Comments in a hand-edited file are not kept.
"""

from __future__ import annotations

import datetime as dt
import math
import os
import re
import tempfile
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from callcenter.platform.config import SECRET_KEYS, Config, from_table
from callcenter.platform.errors import ConfigError
from callcenter.platform.messages import N_
from callcenter.platform.secrets import split_password

__all__ = ["dumps", "merged", "read_table", "save", "write_table"]

_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
_ESCAPES = {
    '"': '\\"',
    "\\": "\\\\",
    "\b": "\\b",
    "\t": "\\t",
    "\n": "\\n",
    "\f": "\\f",
    "\r": "\\r",
}


def read_table(path: Path) -> dict[str, Any]:
    """The file's table as parsed (empty when there is no file yet)."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    except OSError as exc:
        raise ConfigError(
            N_("{path}: cannot be read: {strerror}"), path=path, strerror=exc.strerror
        ) from exc
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(N_("{path}: not valid TOML: {exc}"), path=path, exc=exc) from exc


def merged(base: Mapping[str, Any], updates: Mapping[str, Any]) -> dict[str, Any]:
    """``base`` with ``updates`` laid over it, table by table; a None update removes a key,
    and a table that removals leave empty goes too (no bare ``[audio]`` header in the file)."""
    result = dict(base)
    for key, value in updates.items():
        if value is None:
            result.pop(key, None)
        elif isinstance(value, Mapping):
            below = result.get(key)
            table = merged(below if isinstance(below, Mapping) else {}, value)
            if table or not value or any(v is not None for v in value.values()):
                result[key] = table
            else:
                result.pop(key, None)
        else:
            result[key] = value
    return result


def save(path: Path, updates: Mapping[str, Any]) -> Config:
    """Apply ``updates`` to the file at ``path``, keeping every other key; the new Config.

    Nothing is written unless the result validates; errors name the offending key.
    """
    return write_table(path, merged(read_table(path), updates))


def write_table(path: Path, table: Mapping[str, Any]) -> Config:
    """Validate ``table`` as a Config, then replace the file at ``path`` with it atomically."""
    config = from_table(dict(table), path)
    _, password = split_password(config.shared_database_url)
    if password is not None:
        raise ConfigError(
            N_(
                "database.shared_url: must not contain a password; "
                "it is kept in the OS keyring instead"
            )
        )
    _replace(path, dumps(table))
    return config


def dumps(table: Mapping[str, Any]) -> str:
    """``table`` as TOML text; refuses keys that name a secret."""
    lines: list[str] = []
    _table(lines, (), table)
    return "\n".join(lines).lstrip("\n") + "\n"


def _table(lines: list[str], path: tuple[str, ...], table: Mapping[str, Any]) -> None:
    """Plain keys first, then sub-tables: in TOML a key after a header belongs to it."""
    plain = {k: v for k, v in table.items() if not isinstance(v, Mapping)}
    tables = {k: v for k, v in table.items() if isinstance(v, Mapping)}
    if path and (plain or not tables):
        lines.append("")
        lines.append(f"[{'.'.join(_key(k) for k in path)}]")
    for key, value in plain.items():
        lines.append(f"{_key(key)} = {_value(value, (*path, key))}")
    for key, value in tables.items():
        _table(lines, (*path, _checked(key, path)), value)


def _checked(key: str, path: tuple[str, ...]) -> str:
    if key.lower() in SECRET_KEYS:
        name = ".".join((*path, key))
        raise ConfigError(N_("{name}: passwords are never written to the config file"), name=name)
    return key


def _key(key: str) -> str:
    return key if _BARE_KEY.fullmatch(key) else _string(key)


def _value(value: Any, path: tuple[str, ...]) -> str:
    _checked(path[-1], path[:-1])
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_value(item, path) for item in value) + "]"
    if isinstance(value, Mapping):
        items = (f"{_key(k)} = {_value(v, (*path, k))}" for k, v in value.items())
        return "{ " + ", ".join(items) + " }" if value else "{}"
    return _scalar(value, path)


def _scalar(value: Any, path: tuple[str, ...]) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return _string(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return _float(value)
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    raise ConfigError(
        N_("{value}: a {kind} cannot be written to TOML"),
        value=".".join(path),
        kind=type(value).__name__,
    )


def _string(text: str) -> str:
    out = []
    for char in text:
        if char in _ESCAPES:
            out.append(_ESCAPES[char])
        elif ord(char) < 0x20 or ord(char) == 0x7F:
            out.append(f"\\u{ord(char):04X}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def _float(number: float) -> str:
    if math.isnan(number):
        return "nan"
    if math.isinf(number):
        return "inf" if number > 0 else "-inf"
    return repr(number)


def _replace(path: Path, text: str) -> None:
    """Write beside ``path`` and rename over it, so a crash leaves the old file or the new one,
    never half of one; the old file's permissions are kept."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    temp = Path(temp_name)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        if path.exists():
            os.chmod(temp, path.stat().st_mode & 0o7777)
        os.replace(temp, path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    _sync_folder(path.parent)


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX only; Windows cannot open a folder this way)."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
