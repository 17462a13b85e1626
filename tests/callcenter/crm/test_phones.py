"""Every way people and phone systems write a number ends in the same E.164."""

from __future__ import annotations

import pytest

from callcenter.crm.phones import display, parse, to_e164

LONDON = "+442079460958"


@pytest.mark.parametrize(
    "raw",
    [
        "020 7946 0958",
        "02079460958",
        "020-7946-0958",
        "020.7946.0958",
        "(020) 7946 0958",
        "+44 20 7946 0958",
        "+44 (0)20 7946 0958",
        "0044 20 7946 0958",
        "00442079460958",
        "tel:+44-20-7946-0958",
        "sip:+442079460958@10.0.0.1;user=phone",
        "<sip:02079460958@pbx.example.com>",
        "sips:0044-20-7946-0958@pbx",
        "  +44 20 7946 0958  ",
    ],
)
def test_london_number_in_any_format(raw: str) -> None:
    assert to_e164(raw, "GB") == LONDON


def test_extensions_are_kept_apart() -> None:
    for raw in ("020 7946 0958 ext. 33", "020 7946 0958 x33", "tel:+442079460958;ext=33"):
        parsed = parse(raw, "GB")
        assert parsed is not None
        assert (parsed.e164, parsed.extension) == (LONDON, "33")


def test_region_decides_national_numbers() -> None:
    assert to_e164("138 0013 8000", "CN") == "+8613800138000"
    assert to_e164("(415) 555-0100", "US") == "+14155550100"
    assert to_e164("+86 138 0013 8000", "US") == "+8613800138000"


@pytest.mark.parametrize(
    "raw", ["", "anonymous", "sip:anonymous@anonymous.invalid", "12", "x", "+"]
)
def test_not_a_number(raw: str) -> None:
    assert parse(raw, "GB") is None


@pytest.mark.parametrize(
    ("e164", "region", "shown"),
    [
        ("+442079460958", "GB", "020 7946 0958"),
        ("+442079460958", "CN", "+44 20 7946 0958"),
        ("+8613800138000", "CN", "138 0013 8000"),
        ("+8613800138000", "GB", "+86 138 0013 8000"),
        ("+8613800138000", None, "+86 138 0013 8000"),
        ("+12025550123", "CA", "(202) 555-0123"),  # one country code, one national form
        ("not a number", "GB", "not a number"),
    ],
)
def test_numbers_read_nationally_at_home_and_internationally_abroad(
    e164: str, region: str | None, shown: str
) -> None:
    assert display(e164, region) == shown
