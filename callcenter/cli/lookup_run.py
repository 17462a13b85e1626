"""What ``callcenter lookup`` and ``callcenter search`` do (their parsers are ``lookup``)."""

from __future__ import annotations

import argparse

import phonenumbers

from callcenter.cli.common import context, load_config, open_ready_store, print_json
from callcenter.cli.words import _, n_
from callcenter.crm.lookup import lookup_caller
from callcenter.crm.phones import display, needs_region
from callcenter.crm.search import DEFAULT_LIMIT, search
from callcenter.platform.errors import ValidationError


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
    limit = DEFAULT_LIMIT if args.limit is None else args.limit
    if limit < 1:
        raise ValidationError("--limit", _("must be at least 1"))
    config = load_config(args)
    engine = open_ready_store(config, args.store)
    try:
        hits = search(context(config, engine), args.text, limit)
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
