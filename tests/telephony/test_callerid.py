"""Caller-ID parsing from raw SIP text: precedence, formats, privacy, queue, garbage."""

from __future__ import annotations

import random

import pytest

from telephony.callerid import (
    CallerIdentity,
    InviteDetails,
    caller_identity,
    parse_invite,
    parse_message,
    parse_name_addr,
    parse_uri,
    split_header_list,
)


def invite(*headers: str, ruri: str = "sip:agent@10.0.0.5:5080") -> str:
    base = [
        f"INVITE {ruri} SIP/2.0",
        "Via: SIP/2.0/UDP 127.0.0.1:5062;branch=z9hG4bK1",
        "Max-Forwards: 69",
        "Call-ID: abc123@host",
        "CSeq: 1 INVITE",
    ]
    return "\r\n".join([*base, *headers, "Content-Length: 0", "", ""])


def identity(*headers: str, trusted: bool = True) -> CallerIdentity:
    return caller_identity(parse_message(invite(*headers)), trusted=trusted)


# --- message level -------------------------------------------------------------------------


def test_compact_forms_are_expanded() -> None:
    msg = parse_message(
        "INVITE sip:a@b SIP/2.0\r\nf: <sip:100@x>;tag=1\r\nt: <sip:200@y>\r\ni: cid-9\r\n"
        "m: <sip:100@1.2.3.4>\r\nl: 0\r\n\r\n"
    )
    assert msg.get("From") == "<sip:100@x>;tag=1"
    assert msg.get("to") == "<sip:200@y>"
    assert msg.get("Call-ID") == "cid-9"
    assert msg.get("i") == "cid-9"
    assert msg.get("Contact") == "<sip:100@1.2.3.4>"
    names = [name for name, _ in msg.headers]
    assert names == ["From", "To", "Call-ID", "Contact", "Content-Length"]


def test_folded_lines_are_joined() -> None:
    msg = parse_message(
        'INVITE sip:a@b SIP/2.0\r\nFrom: "Long\r\n Name" <sip:1@x>\r\nSubject: a\r\n\t b\r\n\r\n'
    )
    assert msg.get("From") == '"Long Name" <sip:1@x>'
    assert msg.get("Subject") == "a b"


def test_bare_lf_repeated_headers_and_body_ignored() -> None:
    msg = parse_message("INVITE sip:a@b SIP/2.0\nVia: a\nVia: b\n\nv=0\nFrom: <sip:9@z>\n")
    assert msg.get_all("via") == ["a", "b"]
    assert msg.get("From") is None
    assert msg.method == "INVITE"
    assert msg.request_uri == "sip:a@b"


def test_response_has_no_request_uri() -> None:
    msg = parse_message("SIP/2.0 180 Ringing\r\nCall-ID: x\r\n\r\n")
    assert msg.request_uri is None
    assert msg.method is None


def test_split_header_list_respects_quotes_and_brackets() -> None:
    value = '"Doe, John" <sip:1@x;a=b,c>, <tel:+4930123>, "q\\",x" <sip:2@y>'
    assert split_header_list(value) == [
        '"Doe, John" <sip:1@x;a=b,c>',
        "<tel:+4930123>",
        '"q\\",x" <sip:2@y>',
    ]


# --- URIs and name-addr --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "scheme", "user", "host", "port"),
    [
        ("sip:+4930123@example.com:5061;user=phone", "sip", "+4930123", "example.com", 5061),
        ("sips:alice:secret@[2001:db8::1]:5061", "sips", "alice", "2001:db8::1", 5061),
        ("sip:%2B4930123@h", "sip", "+4930123", "h", None),
        ("sip:+4930123;npdi;rn=+49301@h;user=phone", "sip", "+4930123", "h", None),
        ("tel:+1-212-555-0100;phone-context=+1", "tel", "+1-212-555-0100", "", None),
        ("SIP:Bob@HOST.example", "sip", "Bob", "host.example", None),
        ("sip:host.only", "sip", "", "host.only", None),
        ("http://x", "http", "", "", None),
        ("no scheme here", "", "", "", None),
    ],
)
def test_parse_uri(text: str, scheme: str, user: str, host: str, port: int | None) -> None:
    uri = parse_uri(text)
    assert (uri.scheme, uri.user, uri.host, uri.port) == (scheme, user, host, port)


def test_uri_params() -> None:
    uri = parse_uri("sip:1@h;user=phone;lr;transport=TCP")
    assert uri.param("user") == "phone"
    assert uri.param("lr") == ""
    assert uri.param("transport") == "TCP"
    assert uri.param("missing") is None


@pytest.mark.parametrize(
    ("text", "display", "user", "params"),
    [
        ('"Zhang Wei" <sip:+8613800138000@h>;tag=9', "Zhang Wei", "+8613800138000", {"tag": "9"}),
        ('"A \\"B\\" C\\\\" <sip:1@h>', 'A "B" C\\', "1", {}),
        ("Bob Smith <sip:2@h;user=phone>;party=calling", "Bob Smith", "2", {"party": "calling"}),
        ("sip:3@h;tag=abc", "", "3", {"tag": "abc"}),
        ("<tel:+4930123>", "", "+4930123", {}),
        ('"Müller, Jörg 张伟" <sip:4@h>', "Müller, Jörg 张伟", "4", {}),
    ],
)
def test_parse_name_addr(text: str, display: str, user: str, params: dict[str, str]) -> None:
    entry = parse_name_addr(text)
    assert entry.display_name == display
    assert entry.uri is not None
    assert entry.uri.user == user
    assert {key: value for key, value in entry.params} == params


def test_addr_spec_params_belong_to_header() -> None:
    entry = parse_name_addr("sip:3@h;tag=abc")
    assert entry.uri is not None
    assert entry.uri.params == ()
    assert entry.param("tag") == "abc"


# --- identity precedence -------------------------------------------------------------------


def test_pai_wins_when_trusted() -> None:
    got = identity(
        'From: "Spoofed" <sip:999@x>;tag=1',
        "Remote-Party-ID: <sip:888@x>;party=calling",
        'P-Asserted-Identity: "Real Name" <sip:+4930111@proxy>',
    )
    assert got == CallerIdentity("+4930111", "Real Name", False, "pai", "sip:+4930111@proxy")


def test_pai_ignored_when_untrusted() -> None:
    got = identity(
        'From: "Caller" <sip:999@x>;tag=1',
        "P-Asserted-Identity: <sip:+4930111@proxy>",
        trusted=False,
    )
    assert (got.number, got.source) == ("999", "from")


def test_pai_prefers_entry_with_number_and_takes_name_from_from() -> None:
    got = identity(
        'From: "Li Na" <sip:alias@x>;tag=1',
        "P-Asserted-Identity: <sip:li.na@example.com>, <tel:+8613912345678>",
    )
    assert (got.number, got.display_name, got.source) == ("+8613912345678", "Li Na", "pai")


def test_repeated_pai_headers() -> None:
    got = identity(
        "P-Asserted-Identity: <sip:alice@example.com>",
        "P-Asserted-Identity: <tel:+441234567890>",
    )
    assert got.number == "+441234567890"


def test_rpid_party_calling_used_and_called_party_skipped() -> None:
    got = identity(
        "f: <sip:111@x>;tag=1",
        'Remote-Party-ID: <sip:222@x>;party=called, "R" <sip:333@x>;party=calling;screen=yes',
    )
    assert (got.number, got.display_name, got.source) == ("333", "R", "rpid")


def test_rpid_without_party_counts_as_calling() -> None:
    assert identity("From: <sip:1@x>", "Remote-Party-ID: <sip:444@x>").source == "rpid"


def test_rpid_privacy_full_withholds() -> None:
    got = identity("From: <sip:1@x>", "Remote-Party-ID: <sip:444@x>;party=calling;privacy=full")
    assert got.withheld
    assert got.number == ""


def test_from_fallback_with_compact_header_and_utf8() -> None:
    got = identity('f: "Zhang Wei 张伟" <sip:+8613800138000@10.0.0.1>;tag=x')
    assert (got.number, got.display_name, got.source) == (
        "+8613800138000",
        "Zhang Wei 张伟",
        "from",
    )


@pytest.mark.parametrize(
    "headers",
    [
        ('From: "Anonymous" <sip:anonymous@anonymous.invalid>;tag=1',),
        ("From: <sip:Restricted@carrier.net>;tag=1",),
        ('From: "x" <sip:+4930@x>;tag=1', "Privacy: id"),
        ('From: "x" <sip:+4930@x>;tag=1', "Privacy: user;critical"),
        ('From: "x" <sip:+4930@x>', "P-Asserted-Identity: <sip:+4930@p>", "Privacy: id"),
        ('From: "Anonymous" <sip:anonymous@1.2.3.4>', "P-Asserted-Identity: <sip:anonymous@p>"),
        ("From: <sip:anonymous@anonymous.invalid>", "Remote-Party-ID: <sip:1@x>;privacy=uri"),
    ],
)
def test_withheld(headers: tuple[str, ...]) -> None:
    got = identity(*headers)
    assert got.withheld
    assert (got.number, got.display_name) == ("", "")


def test_privacy_none_is_not_withheld() -> None:
    got = identity("From: <sip:+4930@x>", "Privacy: none")
    assert not got.withheld
    assert got.number == "+4930"


def test_no_identity_at_all() -> None:
    assert identity() == CallerIdentity()


# --- whole INVITE --------------------------------------------------------------------------


def test_parse_invite_queue_header_wait_and_dialled() -> None:
    details = parse_invite(
        invite(
            'From: "C" <sip:+4930123@x>;tag=1',
            "To: <sip:+498001234@pbx>",
            "X-Queue: billing",
            "X-Queue-Wait: 42.5",
        ),
        trusted=True,
        queue_header="X-Queue",
        queue_by_dialled={"+498001234": "sales"},
        wait_header="x-queue-wait",
    )
    assert details.queue == "billing"
    assert details.waited_seconds == 42.5
    assert details.dialled_number == "+498001234"
    assert details.sip_call_id == "abc123@host"
    assert ("X-Queue", "billing") in details.headers


@pytest.mark.parametrize(
    ("to", "queue_map", "expected"),
    [
        ("To: <sip:+498001234@pbx>", {"+498001234": "sales"}, "sales"),
        ("To: <tel:+49-800-1234>", {"498001234": "sales"}, "sales"),
        ("To: <sip:4000@pbx>", {"+4000": "support"}, "support"),
        ("To: <sip:5000@pbx>", {"4000": "support"}, None),
    ],
)
def test_queue_from_dialled_map(to: str, queue_map: dict[str, str], expected: str | None) -> None:
    details = parse_invite(
        invite("From: <sip:1@x>", to, "X-Queue:   "),
        trusted=True,
        queue_header="X-Queue",
        queue_by_dialled=queue_map,
    )
    assert details.queue == expected


def test_dialled_falls_back_to_request_uri() -> None:
    details = parse_invite(invite("From: <sip:1@x>", ruri="sip:7000@pbx"), trusted=True)
    assert details.dialled_number == "7000"


@pytest.mark.parametrize("value", ["-3", "nan", "inf", "soon", ""])
def test_bad_wait_values_are_none(value: str) -> None:
    details = parse_invite(
        invite("From: <sip:1@x>", f"X-Wait: {value}"), trusted=True, wait_header="X-Wait"
    )
    assert details.waited_seconds is None


# --- garbage never raises ------------------------------------------------------------------

NASTY = [
    "",
    "\r\n\r\n",
    "INVITE",
    "INVITE sip:a@b SIP/2.0",
    "\x00\x01\x02",
    "From:",
    'INVITE sip:a@b SIP/2.0\r\nFrom: "unterminated <sip:1@x>\r\n\r\n',
    "INVITE sip:a@b SIP/2.0\r\nFrom: <sip:1@x\r\n\r\n",
    "INVITE sip:a@b SIP/2.0\r\nFrom: <>\r\nTo: <<<>>>\r\n\r\n",
    'INVITE sip:a@b SIP/2.0\r\nFrom: "\\\r\nP-Asserted-Identity: ,,,,\r\n\r\n',
    "INVITE sip:a@b SIP/2.0\r\nRemote-Party-ID: ;;;=;party\r\nPrivacy: ;;\r\n\r\n",
    "INVITE sip:a@b SIP/2.0\r\nFrom: sip:@:99999999;tag\r\n\r\n",
    "INVITE sip:a@b SIP/2.0\r\nFrom: sips:[::1:5060\r\n\r\n",
    "INVITE sip:a@b SIP/2.0\r\nFrom: tel:\r\nTo: tel:;;;\r\n\r\n",
    "INVITE sip:a@b SIP/2.0\r\n f: continuation first\r\n: no name\r\n\r\n",
    "INVITE sip:%zz@b SIP/2.0\r\nf: <sip:%E4%B8@x>\r\n\r\n",
    "\ud800 lone surrogate From: <sip:1@x>",
    "INVITE sip:a@b SIP/2.0\r\n" + "Via: x\r\n" * 2000 + "\r\n",
    "INVITE sip:a@b SIP/2.0\r\nFrom: " + '"' * 5000 + "\r\n\r\n",
    "INVITE sip:a@b SIP/2.0\r\nFrom: " + "<" * 5000 + "\r\n\r\n",
]


@pytest.mark.parametrize("text", NASTY)
@pytest.mark.parametrize("trusted", [True, False])
def test_nasty_inputs_never_raise(text: str, trusted: bool) -> None:
    details = parse_invite(
        text, trusted=trusted, queue_header="X-Queue", queue_by_dialled={}, wait_header="X-W"
    )
    assert isinstance(details, InviteDetails)
    assert isinstance(details.caller, CallerIdentity)


def test_bytes_with_invalid_utf8_are_read() -> None:
    raw = invite('From: "Caf\xe9" <sip:+331@x>').encode("latin-1")
    details = parse_invite(raw, trusted=False)
    assert details.caller.number == "+331"
    assert details.caller.display_name.startswith("Caf")


def test_random_mutations_never_raise() -> None:
    """A seeded fuzz: splice, drop and duplicate bytes of valid INVITEs with SIP-significant
    characters; every result must still parse to *something*."""
    rng = random.Random(20240603)
    seeds = [
        invite(
            '"A, \\"B\\"" <sip:+4930@x;user=phone>;tag=1'.join(["From: ", ""]),
            "P-Asserted-Identity: <tel:+4930>, <sip:+4930@p>",
            'Remote-Party-ID: "R" <sip:1@x>;party=calling;privacy=off',
            "Privacy: none",
            "X-Queue: q",
        )
    ]
    alphabet = '<>",;:=@\\\r\n \t%[]' + "张"
    for _ in range(3000):
        text = list(rng.choice(seeds))
        for _ in range(rng.randint(1, 8)):
            position = rng.randrange(len(text) + 1)
            action = rng.random()
            if action < 0.4:
                text.insert(position, rng.choice(alphabet))
            elif action < 0.7 and text:
                del text[min(position, len(text) - 1)]
            else:
                text[position:position] = text[position : position + rng.randint(1, 20)]
        parse_invite("".join(text), trusted=rng.random() < 0.5, queue_header="X-Queue")
