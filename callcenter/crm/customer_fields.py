"""Field rules for customers shared by the editor, quick-create, CSV import and demo data."""

from __future__ import annotations

import re
from enum import StrEnum
from typing import TypeVar

import phonenumbers

from callcenter.crm.phones import ParsedNumber, parse
from callcenter.platform.errors import ValidationError
from callcenter.platform.messages import N_

_CJK = re.compile(
    r"([\u2e80-\u2fff\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff])"
)
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
#: an ISO 3166-2 subdivision code: the country's two letters, a dash, one to three letters or
#: digits (``CN-BJ``, ``US-CA``, ``GB-LND``, ``FR-75``)
_SUBDIVISION = re.compile(r"([A-Z]{2})-[A-Z0-9]{1,3}")
NAME_MAX = 200
E = TypeVar("E", bound=StrEnum)


#: the longest each short profile text may be (the columns' widths)
TEXT_LIMITS = {"company_name": 200, "city": 100, "region": 64, "industry": 64, "source": 64}


def clean_text(value: str | None, field: str) -> str | None:
    """A short profile text with its spaces tidied; empty is None (nothing known)."""
    text = " ".join((value or "").split()) or None
    limit = TEXT_LIMITS.get(field)
    if text is not None and limit is not None and len(text) > limit:
        raise ValidationError(field, N_("is longer than {limit} characters"), limit=limit)
    if text is not None and field == "region" and region_country(text):
        return text.upper()  # region and subdivision codes are stored upper-case
    return text


def region_country(region: str | None) -> str | None:
    """The country a region value names, upper-case: ``GB`` for ``gb``, ``CN`` for ``CN-BJ``;
    None for free text ("Greater London"), which names no country a number can be read in."""
    text = (region or "").strip().upper()
    match = _SUBDIVISION.fullmatch(text)
    country = match.group(1) if match else text
    return country if country in phonenumbers.SUPPORTED_REGIONS else None


def spaced_cjk(text: str) -> str:
    """Put spaces round CJK characters so each is its own search token.

    Full-text tokenisers treat a run of Han characters as one word; spacing them lets
    "伟" find "张伟" the way "wei" finds "Zhang Wei".
    """
    return " ".join(_CJK.sub(r" \1 ", text).split())


def search_text(name: str, company_name: str | None, external_id: str | None) -> str:
    """The text the full-text index holds for a customer."""
    return spaced_cjk(" ".join(p for p in (name, company_name, external_id) if p))


def clean_name(value: str, field: str = "name") -> str:
    name = " ".join(value.split())
    if not name:
        raise ValidationError(field, N_("is required"))
    if len(name) > NAME_MAX:
        raise ValidationError(field, N_("is longer than {name_max} characters"), name_max=NAME_MAX)
    return name


def clean_email(value: str, field: str = "email") -> str:
    address = value.strip()
    if not _EMAIL.match(address) or len(address) > 254:
        raise ValidationError(field, N_("{value!r} is not an e-mail address"), value=value)
    return address


def clean_phone(value: str, region: str, field: str = "phone") -> ParsedNumber:
    parsed = parse(value, region)
    if parsed is None:
        raise ValidationError(field, N_("{value!r} is not a phone number"), value=value)
    return parsed


def clean_tags(tags: list[str] | tuple[str, ...] | str) -> str:
    """Tags stored as one comma-separated, de-duplicated, lower-case string."""
    items = tags.split(",") if isinstance(tags, str) else list(tags)
    seen: dict[str, None] = {}
    for tag in items:
        norm = " ".join(tag.strip().lower().split())
        if norm:
            seen[norm] = None
    return ",".join(seen)


def clean_choice(enum_cls: type[E], value: object, field: str) -> E:
    """One of a closed vocabulary, written any case and with spaces ("In progress" too)."""
    text = str(value).strip().lower().replace(" ", "_")
    try:
        return enum_cls(text)
    except ValueError:
        allowed = ", ".join(m.value for m in enum_cls)
        raise ValidationError(
            field, N_("{value!r} is not one of {allowed}"), value=value, allowed=allowed
        ) from None
