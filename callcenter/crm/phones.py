"""Phone numbers in any format a person or a phone system writes them, to E.164.

Handles national and international forms, spaces / dashes / dots / brackets, ``00`` and
``+`` prefixes, extensions (``x12``, ``ext. 12``, ``;ext=12``), ``tel:`` and ``sip:`` URIs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import unquote

import phonenumbers

_URI_SCHEME = re.compile(r"^\s*<?\s*(?:sips?|tel):", re.IGNORECASE)
_EXT_PARAM = re.compile(r";\s*ext\s*=\s*(\d+)", re.IGNORECASE)
_DIGITS = re.compile(r"\d")


@dataclass(frozen=True)
class ParsedNumber:
    """A number understood: E.164, national significant number, region and extension."""

    raw: str
    e164: str
    national: str
    region: str | None
    extension: str | None


def _strip_uri(text: str) -> tuple[str, str | None]:
    """Take the user part of a ``tel:`` / ``sip:`` URI, keeping an ``ext=`` parameter."""
    extension = None
    match = _EXT_PARAM.search(text)
    if match:
        extension = match.group(1)
    if not _URI_SCHEME.match(text):
        return text, extension
    body = _URI_SCHEME.sub("", text, count=1).strip().rstrip(">")
    user = body.split("@", 1)[0]
    user = user.split(";", 1)[0]
    return unquote(user), extension


def parse(raw: str, default_region: str) -> ParsedNumber | None:
    """Understand ``raw`` as a phone number, or return None when it is not a possible one.

    ``default_region`` (ISO 3166 alpha-2, e.g. ``GB``) decides what a national number means.
    """
    if not raw or not _DIGITS.search(raw):
        return None
    text, extension = _strip_uri(raw.strip())
    text = text.strip()
    if text.startswith("00"):
        text = "+" + text[2:]
    try:
        number = phonenumbers.parse(text, default_region.upper())
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_possible_number(number):
        return None
    return ParsedNumber(
        raw=raw,
        e164=phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164),
        national=str(number.national_number),
        region=phonenumbers.region_code_for_number(number),
        extension=extension or number.extension or None,
    )


def needs_region(raw: str) -> bool:
    """True when ``raw`` has digits but no country code (no ``+`` or ``00``): what number it is
    depends on the region it is read in, so a failed parse may mean the wrong region."""
    text, _ = _strip_uri(raw.strip())
    return bool(_DIGITS.search(text)) and not text.strip().startswith(("+", "00"))


def to_e164(raw: str, default_region: str) -> str | None:
    """E.164 form of ``raw``, or None when it is not a possible phone number."""
    parsed = parse(raw, default_region)
    return parsed.e164 if parsed else None


def display(e164: str, region: str | None = None) -> str:
    """An E.164 number written for a reader in ``region``: the national form for a number of
    that country (``020 7946 0958`` in GB), the international one otherwise or with no region
    (``+44 20 7946 0958``). Anything that is not a number comes back as it is."""
    try:
        number = phonenumbers.parse(e164, None)
    except phonenumbers.NumberParseException:
        return e164
    home = phonenumbers.country_code_for_region(region.upper()) if region else 0
    style = (
        phonenumbers.PhoneNumberFormat.NATIONAL
        if home and number.country_code == home
        else phonenumbers.PhoneNumberFormat.INTERNATIONAL
    )
    return phonenumbers.format_number(number, style)


def digits_for_prefix_search(text: str) -> str:
    """The digits of a partly typed number, for prefix search against stored numbers."""
    return "".join(_DIGITS.findall(text))
