"""``callcenter lookup`` and ``callcenter search``: the screen pop and search box as commands."""

from __future__ import annotations

import argparse
from typing import Any

import phonenumbers

from callcenter.cli.common import (
    add_store_option,
    context,
    load_config,
    open_ready_store,
    print_json,
)
from callcenter.cli.words import _, n_
from callcenter.crm.lookup import lookup_caller
from callcenter.crm.phones import display, needs_region
from callcenter.crm.search import DEFAULT_LIMIT, search
from callcenter.platform.errors import ValidationError


def register(commands: Any) -> None:
    lookup = commands.add_parser(
        "lookup",
        help=_("find the customers behind a phone number (the screen-pop lookup)"),
        description=_(
            "Normalise NUMBER (any format, tel:/sip: URIs too) and list every "
            "customer or contact that has it. Exit status 1 when nothing matches."
        ),
    )
    lookup.add_argument("number", metavar="NUMBER")
    lookup.add_argument("--region", metavar="CC", help=_("region for national numbers, e.g. GB"))
    lookup.add_argument("--json", action="store_true", help=_("print the matches as JSON"))
    add_store_option(lookup)
    lookup.set_defaults(func=run_lookup)

    find = commands.add_parser(
        "search",
        help=_("search customers by name, phone, e-mail or SR number"),
        description=_("Rank customers and service requests matching TEXT, as the search box does."),
    )
    find.add_argument("text", metavar="TEXT")
    find.add_argument("--limit", type=int, default=DEFAULT_LIMIT, help=_("most hits to show"))
    find.add_argument("--json", action="store_true", help=_("print the hits as JSON"))
    add_store_option(find)
    find.set_defaults(func=run_search)


def run_lookup(args: argparse.Namespace) -> int:
    config = load_config(args)
    region = (args.region or config.default_region).upper()
    if region not in phonenumbers.SUPPORTED_REGIONS:
        raise ValidationError(
            "--region", _("{region!r} is not an ISO 3166 region code").format(region=region)
        )
    engine = open_ready_store(config, args.store)
    try:
        result = lookup_caller(context(config, engine), args.number, region)
    finally:
        engine.dispose()
    if args.json:
        print_json([m.__dict__ for m in result.matches])
    elif result.e164 is None:
        print(_not_a_number(args.number, region, given=bool(args.region)))
    elif not result.matches:
        print(_("{number}: unknown caller").format(number=display(result.e164)))
    else:
        count = len(result.matches)
        print(
            n_("{number}: {count} match", "{number}: {count} matches", count).format(
                number=display(result.e164), count=count
            )
        )
        for m in result.matches:
            who = m.name + (f" ({m.company_name})" if m.company_name else "")
            if m.contact_name:
                who += _(", contact {name}").format(name=m.contact_name)
            print(f"  {m.external_id or '-':<14} {who}  [{m.phone_kind}: {m.matched_raw}]")
    return 0 if result.matches else 1


def _not_a_number(number: str, region: str, *, given: bool) -> str:
    """Why ``number`` is not understood: a national number means something only in its own
    region, so one of another country needs its country code or its region named."""
    if not needs_region(number):
        return _("{number!r} is not a phone number (withheld or invalid)").format(number=number)
    where = region if given else _("{region} (the default region)").format(region=region)
    return _(
        "{number!r} needs a region: without a country code it is read as a number in {where}, "
        "and it is not one there; write it with its country code (+...), or give its region "
        "with --region or default_region in the config"
    ).format(number=number, where=where)


def run_search(args: argparse.Namespace) -> int:
    if args.limit < 1:
        raise ValidationError("--limit", _("must be at least 1"))
    config = load_config(args)
    engine = open_ready_store(config, args.store)
    try:
        hits = search(context(config, engine), args.text, args.limit)
    finally:
        engine.dispose()
    if args.json:
        print_json(hits)
        return 0
    if not hits:
        print(_("nothing matches {text!r}").format(text=args.text))
    for hit in hits:
        print(f"  {hit.title:<30} {hit.detail:<40} ({hit.matched_on})")
    return 0
