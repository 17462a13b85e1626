"""Caller identity from raw SIP text: who is calling, what they dialled, which queue.

pjsua2 hands us the whole INVITE as text (``prm.rdata.wholeMsg``) and exposes few parsed
headers, so identity is worked out here in pure Python. Every function is total: garbage in
gives a result with whatever could be read, never an exception, because a malformed INVITE
must not stop the phone from ringing (or from being refused). There is no catch-all: the
tests hold that promise with a table of nasty inputs and a seeded fuzz.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Literal
from urllib.parse import unquote

from telephony.header_text import FIELD_LIMIT, HEADER_LIMIT, NAME_LIMIT, clean

__all__ = [
    "CallerIdentity",
    "IdentitySource",
    "InviteDetails",
    "NameAddr",
    "SipMessage",
    "SipUri",
    "caller_identity",
    "parse_invite",
    "parse_message",
    "parse_name_addr",
    "parse_uri",
    "split_header_list",
]

# RFC 3261 7.3.3 plus the compact forms registered since (RFC 3515, 3892, 4028, 6665, 8224).
_COMPACT = {
    "a": "Accept-Contact",
    "b": "Referred-By",
    "c": "Content-Type",
    "d": "Request-Disposition",
    "e": "Content-Encoding",
    "f": "From",
    "i": "Call-ID",
    "j": "Reject-Contact",
    "k": "Supported",
    "l": "Content-Length",
    "m": "Contact",
    "n": "Identity-Info",
    "o": "Event",
    "r": "Refer-To",
    "s": "Subject",
    "t": "To",
    "u": "Allow-Events",
    "v": "Via",
    "x": "Session-Expires",
    "y": "Identity",
}

# Canonical spelling for the headers this module reads, so lookups are case-insensitive
# but the headers handed on to the application read the way people expect.
_CANONICAL = {
    name.lower(): name
    for name in (
        *_COMPACT.values(),
        "P-Asserted-Identity",
        "P-Preferred-Identity",
        "Remote-Party-ID",
        "Privacy",
        "CSeq",
        "Max-Forwards",
        "Record-Route",
        "Route",
        "User-Agent",
        "Allow",
        "Diversion",
        "History-Info",
    )
}

# User parts that mean "no number": RFC 3323 recommends anonymous; carriers use the others.
_ANONYMOUS_USERS = frozenset(
    {"anonymous", "restricted", "private", "withheld", "unknown", "unavailable"}
)
_WITHHELD_PRIVACY = frozenset({"id", "user", "header"})

IdentitySource = Literal["pai", "rpid", "from", "none"]


@dataclass(frozen=True)
class SipUri:
    """A parsed ``sip:``, ``sips:`` or ``tel:`` URI; other schemes keep only ``scheme`` and
    ``raw``."""

    raw: str
    scheme: str = ""
    user: str = ""
    host: str = ""
    port: int | None = None
    params: tuple[tuple[str, str | None], ...] = ()

    def param(self, name: str) -> str | None:
        """The value of URI parameter ``name`` (case-insensitive), '' for a flag, None if
        absent."""
        for key, value in self.params:
            if key == name.lower():
                return "" if value is None else value
        return None


@dataclass(frozen=True)
class NameAddr:
    """One entry of an address header: display name, URI and the header's own parameters."""

    raw: str
    display_name: str = ""
    uri: SipUri | None = None
    params: tuple[tuple[str, str | None], ...] = ()

    def param(self, name: str) -> str | None:
        """The value of header parameter ``name`` (case-insensitive), '' for a flag."""
        for key, value in self.params:
            if key == name.lower():
                return "" if value is None else value
        return None


@dataclass(frozen=True)
class SipMessage:
    """Start line and unfolded headers of a SIP message, in arrival order."""

    start_line: str = ""
    headers: tuple[tuple[str, str], ...] = ()

    def get_all(self, name: str) -> list[str]:
        """Every value of header ``name`` (long or compact form), comma lists not split."""
        wanted = _canonical_name(name).lower()
        return [value for key, value in self.headers if key.lower() == wanted]

    def get(self, name: str) -> str | None:
        """The first value of header ``name``, or None."""
        values = self.get_all(name)
        return values[0] if values else None

    @property
    def request_uri(self) -> str | None:
        """The Request-URI of a request, None for a response or an unreadable start line."""
        parts = self.start_line.split()
        if len(parts) == 3 and parts[2].upper().startswith("SIP/"):
            return parts[1]
        return None

    @property
    def method(self) -> str | None:
        """The method of a request (``INVITE``...), None for a response."""
        return self.start_line.split()[0] if self.request_uri is not None else None


@dataclass(frozen=True)
class CallerIdentity:
    """Who the caller is, as far as the signalling says; empty strings mean unknown."""

    number: str = ""
    display_name: str = ""
    withheld: bool = False
    source: IdentitySource = "none"
    uri: str = ""


@dataclass(frozen=True)
class InviteDetails:
    """Everything the desk needs from an INVITE before the agent answers."""

    caller: CallerIdentity = field(default_factory=CallerIdentity)
    sip_call_id: str = ""
    dialled_number: str = ""
    queue: str | None = None
    waited_seconds: float | None = None
    headers: tuple[tuple[str, str], ...] = ()


def _canonical_name(name: str) -> str:
    name = name.strip()
    lower = name.lower()
    if lower in _COMPACT:
        return _COMPACT[lower]
    return _CANONICAL.get(lower, name)


def parse_message(text: str | bytes) -> SipMessage:
    """Split raw SIP text into start line and headers.

    Handles CRLF or bare LF line ends, folded continuation lines and compact header names
    (``f:`` becomes ``From``). The body, if any, is ignored. Lines without a colon are
    skipped rather than rejected.
    """
    if isinstance(text, bytes):
        text = text.decode("utf-8", errors="replace")
    if not isinstance(text, str):
        return SipMessage()
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    # Tolerate leading blank lines (keep-alives glued in front of a message).
    while lines and not lines[0].strip():
        lines.pop(0)
    if not lines:
        return SipMessage()
    start_line = lines[0].strip()
    raw_headers: list[list[str]] = []
    for line in lines[1:]:
        if not line.strip():
            break  # end of headers: what follows is the body
        if line[0] in " \t":
            if raw_headers:
                raw_headers[-1][1] += " " + line.strip()
            continue
        name, sep, value = line.partition(":")
        if not sep or not name.strip() or " " in name.strip():
            continue
        raw_headers.append([_canonical_name(name), value.strip()])
    return SipMessage(start_line, tuple((name, value) for name, value in raw_headers))


def split_header_list(value: str) -> list[str]:
    """Split a comma-separated header value; commas inside quotes or ``<...>`` do not count."""
    items: list[str] = []
    current: list[str] = []
    in_quotes = False
    in_angle = False
    escaped = False
    for char in value:
        if escaped:
            escaped = False
        elif in_quotes and char == "\\":
            escaped = True
        elif char == '"' and not in_angle:
            in_quotes = not in_quotes
        elif not in_quotes and char == "<":
            in_angle = True
        elif not in_quotes and char == ">":
            in_angle = False
        elif char == "," and not in_quotes and not in_angle:
            items.append("".join(current).strip())
            current = []
            continue
        current.append(char)
    items.append("".join(current).strip())
    return [item for item in items if item]


def _split_params(text: str) -> tuple[tuple[str, str | None], ...]:
    """``;a=1;b;c="x;y"`` -> (("a", "1"), ("b", None), ("c", "x;y")); names lower-cased."""
    params: list[tuple[str, str | None]] = []
    for raw_chunk in _split_outside_quotes(text, ";"):
        chunk = raw_chunk.strip()
        if not chunk:
            continue
        key, sep, value = chunk.partition("=")
        key = key.strip().lower()
        if not key:
            continue
        if not sep:
            params.append((key, None))
            continue
        value = value.strip()
        if len(value) >= 2 and value[0] == value[-1] == '"':
            value = _unescape_quoted(value[1:-1])
        params.append((key, value))
    return tuple(params)


def _split_outside_quotes(text: str, sep: str) -> list[str]:
    parts: list[str] = []
    current: list[str] = []
    in_quotes = False
    escaped = False
    for char in text:
        if escaped:
            escaped = False
        elif in_quotes and char == "\\":
            escaped = True
        elif char == '"':
            in_quotes = not in_quotes
        elif char == sep and not in_quotes:
            parts.append("".join(current))
            current = []
            continue
        current.append(char)
    parts.append("".join(current))
    return parts


def _unescape_quoted(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text, flags=re.DOTALL)


def parse_uri(text: str) -> SipUri:
    """Parse a ``sip:``/``sips:``/``tel:`` URI; anything else keeps only what is readable."""
    raw = text.strip()
    scheme, sep, rest = raw.partition(":")
    scheme = scheme.strip().lower()
    if not sep or not re.fullmatch(r"[a-z][a-z0-9+.-]*", scheme):
        return SipUri(raw=raw)
    if scheme == "tel":
        number, _, params = rest.partition(";")
        return SipUri(
            raw=raw, scheme=scheme, user=unquote(number.strip()), params=_split_params(params)
        )
    if scheme not in ("sip", "sips"):
        return SipUri(raw=raw, scheme=scheme)
    rest, _, _headers = rest.partition("?")
    userinfo, at, hostpart = rest.rpartition("@")
    if not at:
        userinfo, hostpart = "", rest
    # A user part may carry its own parameters (RFC 4694 "+4930123;npdi"); they are not the
    # number. A password after ':' is never part of the number either.
    user = userinfo.partition(";")[0].partition(":")[0]
    hostport, _, params = hostpart.partition(";")
    host, port = _split_hostport(hostport.strip())
    return SipUri(
        raw=raw,
        scheme=scheme,
        user=unquote(user.strip()),
        host=host,
        port=port,
        params=_split_params(params),
    )


def _split_hostport(hostport: str) -> tuple[str, int | None]:
    if hostport.startswith("["):
        host, _, tail = hostport[1:].partition("]")
        port_text = tail[1:] if tail.startswith(":") else ""
    else:
        host, _, port_text = hostport.partition(":")
    port = int(port_text) if port_text.isdigit() and 0 < int(port_text) < 65536 else None
    return host.lower(), port


def parse_name_addr(value: str) -> NameAddr:
    """Parse one ``"Name" <uri>;params`` / ``Name <uri>`` / ``uri;params`` entry."""
    raw = value.strip()
    display = ""
    rest = raw
    if rest.startswith('"'):
        end = _closing_quote(rest)
        if end < 0:
            return NameAddr(raw=raw, display_name=_unescape_quoted(rest[1:]).strip())
        display = _unescape_quoted(rest[1:end])
        rest = rest[end + 1 :].lstrip()
    lt = rest.find("<")
    if lt >= 0:
        if not display:
            display = rest[:lt].strip()
        gt = rest.find(">", lt)
        if gt < 0:
            return NameAddr(raw=raw, display_name=display, uri=parse_uri(rest[lt + 1 :]))
        uri = parse_uri(rest[lt + 1 : gt])
        header_params = _split_params(rest[gt + 1 :])
        return NameAddr(raw=raw, display_name=display, uri=uri, params=header_params)
    # addr-spec without angle brackets: every ';' belongs to the header, not the URI.
    uri_text, _, params = rest.partition(";")
    if not uri_text.strip():
        return NameAddr(raw=raw, display_name=display)
    return NameAddr(
        raw=raw, display_name=display, uri=parse_uri(uri_text), params=_split_params(params)
    )


def _closing_quote(text: str) -> int:
    escaped = False
    for index in range(1, len(text)):
        char = text[index]
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == '"':
            return index
    return -1


def _entries(message: SipMessage, name: str) -> list[NameAddr]:
    return [
        parse_name_addr(item)
        for value in message.get_all(name)
        for item in split_header_list(value)
    ]


def _is_anonymous(entry: NameAddr) -> bool:
    uri = entry.uri
    if uri is None:
        return entry.display_name.strip().lower() in _ANONYMOUS_USERS
    if uri.user.lower() in _ANONYMOUS_USERS or uri.host.endswith("anonymous.invalid"):
        return True
    return not uri.user and entry.display_name.strip().lower() in _ANONYMOUS_USERS


def _has_number(entry: NameAddr) -> bool:
    return entry.uri is not None and any(char.isdigit() for char in entry.uri.user)


def _privacy_withheld(message: SipMessage) -> bool:
    for value in message.get_all("Privacy"):
        for token in re.split(r"[;,\s]+", value):
            if token.strip().lower() in _WITHHELD_PRIVACY:
                return True
    return False


def _pick(entries: list[NameAddr]) -> NameAddr | None:
    """The first entry that carries a number; otherwise the first entry with a URI."""
    with_uri = [entry for entry in entries if entry.uri is not None and entry.uri.scheme]
    for entry in with_uri:
        if _has_number(entry):
            return entry
    return with_uri[0] if with_uri else None


def caller_identity(message: SipMessage, *, trusted: bool) -> CallerIdentity:
    """Caller identity by precedence: P-Asserted-Identity (only when ``trusted``, i.e. the
    message came from our own proxy, because anyone can write that header), then
    Remote-Party-ID with ``party=calling``, then From. ``Privacy: id``/``user``/``header``,
    an RPID ``privacy=full|uri`` or an anonymous user make the caller withheld, and a withheld
    caller has no number or name."""
    source: IdentitySource = "none"
    chosen: NameAddr | None = None
    if trusted:
        chosen = _pick(_entries(message, "P-Asserted-Identity"))
        source = "pai" if chosen else "none"
    withheld = _privacy_withheld(message)
    if chosen is None:
        calling = [
            entry
            for entry in _entries(message, "Remote-Party-ID")
            if (entry.param("party") or "calling").lower() == "calling"
        ]
        chosen = _pick(calling)
        if chosen is not None:
            source = "rpid"
            if (chosen.param("privacy") or "").lower() in ("full", "uri"):
                withheld = True
    from_entries = _entries(message, "From")
    from_entry = from_entries[0] if from_entries else None
    if chosen is None and from_entry is not None and from_entry.uri is not None:
        chosen, source = from_entry, "from"
    if chosen is None:
        return CallerIdentity(withheld=withheld)
    if withheld or _is_anonymous(chosen):
        return CallerIdentity(withheld=True, source=source, uri=_uri_raw(chosen))
    display = chosen.display_name
    if not display and from_entry is not None and not _is_anonymous(from_entry):
        display = from_entry.display_name
    number = chosen.uri.user if chosen.uri is not None else ""
    return CallerIdentity(
        number=number, display_name=display.strip(), source=source, uri=_uri_raw(chosen)
    )


def _uri_raw(entry: NameAddr) -> str:
    return entry.uri.raw if entry.uri is not None else ""


def _dialled_number(message: SipMessage) -> str:
    to_entries = _entries(message, "To")
    if to_entries and to_entries[0].uri is not None and to_entries[0].uri.user:
        return to_entries[0].uri.user
    request_uri = message.request_uri
    return parse_uri(request_uri).user if request_uri else ""


def _lookup_queue(dialled: str, queue_map: Mapping[str, str]) -> str | None:
    if not dialled:
        return None
    digits = re.sub(r"[^\d]", "", dialled)
    for key in (dialled, digits, "+" + digits):
        if key in queue_map:
            return queue_map[key]
    return None


def _seconds(value: str | None) -> float | None:
    if value is None:
        return None
    try:
        seconds = float(value.strip().split(";")[0])
    except ValueError:
        return None
    return seconds if math.isfinite(seconds) and seconds >= 0 else None


def parse_invite(
    text: str | bytes,
    *,
    trusted: bool,
    queue_header: str | None = None,
    queue_by_dialled: Mapping[str, str] | None = None,
    wait_header: str | None = None,
) -> InviteDetails:
    """Read an INVITE: caller identity, SIP Call-ID, dialled number (To user, else
    Request-URI user), queue (``queue_header`` wins over the dialled-number map) and the
    seconds the caller already waited (``wait_header``). Every text is cleaned
    (``header_text.clean``): what reaches the desk can be shown and logged. Never raises."""
    message = parse_message(text)
    dialled = clean(_dialled_number(message), FIELD_LIMIT)
    queue: str | None = None
    if queue_header:
        queue = clean(message.get(queue_header) or "", FIELD_LIMIT) or None
    if queue is None:
        queue = _lookup_queue(dialled, queue_by_dialled or {})
    caller = caller_identity(message, trusted=trusted)
    return InviteDetails(
        caller=replace(
            caller,
            number=clean(caller.number, FIELD_LIMIT),
            display_name=clean(caller.display_name, NAME_LIMIT),
            uri=clean(caller.uri, HEADER_LIMIT),
        ),
        sip_call_id=clean(message.get("Call-ID") or "", FIELD_LIMIT),
        dialled_number=dialled,
        queue=queue,
        waited_seconds=_seconds(message.get(wait_header)) if wait_header else None,
        headers=tuple(
            (clean(name, FIELD_LIMIT), clean(value, HEADER_LIMIT))
            for name, value in message.headers
        ),
    )
