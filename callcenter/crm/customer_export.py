"""Exporting customers to a CSV file the importer reads back (``docs/csv-import.md``).

One row per customer with the profile columns of the import, the numbers and addresses as the
import's ``phones`` and ``emails`` lists (each number with its kind and in international form,
so it means the same whatever region reads it), and the primary number and address on their
own for people to read (the import passes over those two). Customers are read in batches from a
streaming cursor and written as they come, so a hundred thousand of them never sit in memory;
every cell goes through ``csv_cells`` so none runs as a formula in a spreadsheet, and the
import takes that guard off again. The file appears whole under its name or not at all.
"""

from __future__ import annotations

import datetime as dt
import os
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session

from callcenter.crm import phones as phone_numbers
from callcenter.crm.csv_import import Cancel, Progress
from callcenter.platform import audit
from callcenter.platform.context import ServiceContext
from callcenter.platform.csv_cells import write_rows
from callcenter.platform.errors import ServiceError
from callcenter.platform.messages import N_
from callcenter.platform.permissions import Action, require
from db.enums import LifecycleStage, PhoneKind, ValueTier
from db.models import Customer, Email, PhoneNumber

#: the file's columns, in order; all but the two ``primary_`` ones are the import's
COLUMNS = (
    "external_id",
    "name",
    "company",
    "kind",
    "primary_phone",
    "primary_email",
    "phones",
    "emails",
    "region",
    "city",
    "industry",
    "lifecycle_stage",
    "value_tier",
    "tags",
    "source",
    "notes",
)
#: customers read and written per batch (one query for their numbers, one for their addresses)
BATCH = 1000
#: which number is a customer's primary one: the first kind in this order, then the oldest
PRIMARY_KINDS = (PhoneKind.MOBILE, PhoneKind.WORK, PhoneKind.HOME, PhoneKind.OTHER, PhoneKind.FAX)
SEPARATOR = ";"
#: encoding with a byte-order mark, so Excel opens the file as UTF-8 (the import accepts it)
ENCODING = "utf-8-sig"


class ExportCancelledError(ServiceError):
    """The export stopped when asked; no file was left behind."""


class ExportFileError(ServiceError):
    """The file cannot be written (no such folder, no permission, the disk is full)."""


@dataclass(frozen=True)
class ExportFilters:
    """Which customers to export; every filter left ``None`` takes all.

    ``region`` matches case-insensitively and takes a country's subdivisions with it (``CN``
    exports ``CN-BJ`` too); ``industry`` matches case-insensitively; ``updated_since`` is
    the last change of the customer's profile.
    """

    region: str | None = None
    value_tier: ValueTier | None = None
    lifecycle_stage: LifecycleStage | None = None
    industry: str | None = None
    updated_since: dt.datetime | None = None

    def described(self) -> dict[str, str]:
        """The filters set, as text for the audit entry."""
        values = {k: v for k, v in asdict(self).items() if v not in (None, "")}
        return {
            k: v.isoformat() if isinstance(v, dt.datetime) else str(v) for k, v in values.items()
        }


def _selected(filters: ExportFilters | None) -> Select[Any]:
    """The customers an export takes: live ones (not deleted, not merged away) that match."""
    query = select(Customer.id).where(
        Customer.deleted.is_(False), Customer.merged_into_id.is_(None)
    )
    f = filters or ExportFilters()
    if f.region and f.region.strip():
        region = f.region.strip().lower()
        query = query.where(
            or_(
                func.lower(Customer.region) == region,
                func.lower(Customer.region).like(region + "-%"),
            )
        )
    if f.value_tier:
        query = query.where(Customer.value_tier == f.value_tier)
    if f.lifecycle_stage:
        query = query.where(Customer.lifecycle_stage == f.lifecycle_stage)
    if f.industry and f.industry.strip():
        query = query.where(func.lower(Customer.industry) == f.industry.strip().lower())
    if f.updated_since:
        query = query.where(Customer.updated_at >= f.updated_since)
    return query


_PROFILE = (
    Customer.id,
    Customer.external_id,
    Customer.name,
    Customer.company_name,
    Customer.kind,
    Customer.region,
    Customer.city,
    Customer.industry,
    Customer.lifecycle_stage,
    Customer.value_tier,
    Customer.tags,
    Customer.source,
    Customer.notes,
)


def _number(e164: str, extension: str | None) -> str:
    """A stored number in international form, with its extension the way the import reads it."""
    text = phone_numbers.display(e164)
    return f"{text} ext. {extension}" if extension else text


def _numbers(session: Session, ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, list[tuple[str, str]]]:
    """Each customer's own numbers (not its contacts') as (kind, number), primary first.

    A number stored without an E.164 form is left out: the import could not read it back.
    """
    rank = {kind: i for i, kind in enumerate(PRIMARY_KINDS)}
    found_rows = session.execute(
        select(
            PhoneNumber.customer_id,
            PhoneNumber.kind,
            PhoneNumber.e164,
            PhoneNumber.extension,
            PhoneNumber.updated_at,
        ).where(
            PhoneNumber.customer_id.in_(ids),
            PhoneNumber.contact_id.is_(None),
            PhoneNumber.deleted.is_(False),
            PhoneNumber.e164.is_not(None),
        )
    ).all()
    rows = sorted(found_rows, key=lambda r: (rank[r.kind], r.updated_at, r.e164))
    found: dict[uuid.UUID, list[tuple[str, str]]] = {}
    for r in rows:
        found.setdefault(r.customer_id, []).append((r.kind.value, _number(r.e164, r.extension)))
    return found


def _addresses(session: Session, ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, list[str]]:
    """Each customer's own e-mail addresses, the oldest (the primary one) first."""
    rows = session.execute(
        select(Email.customer_id, Email.address)
        .where(
            Email.customer_id.in_(ids),
            Email.contact_id.is_(None),
            Email.deleted.is_(False),
        )
        .order_by(Email.updated_at, Email.address_lower)
    ).all()
    found: dict[uuid.UUID, list[str]] = {}
    for customer_id, address in rows:
        found.setdefault(customer_id, []).append(address)
    return found


def _lines(session: Session, batch: Sequence[Any]) -> Iterator[list[object]]:
    ids = [c.id for c in batch]
    numbers, addresses = _numbers(session, ids), _addresses(session, ids)
    for c in batch:
        own = numbers.get(c.id, [])
        mail = addresses.get(c.id, [])
        yield [
            c.external_id,
            c.name,
            c.company_name,
            c.kind.value,
            own[0][1] if own else "",
            mail[0] if mail else "",
            SEPARATOR.join(f"{kind}:{number}" for kind, number in own),
            SEPARATOR.join(mail),
            c.region,
            c.city,
            c.industry,
            c.lifecycle_stage.value,
            c.value_tier.value,
            c.tags,
            c.source,
            c.notes,
        ]


def _batches(session: Session, filters: ExportFilters | None) -> Iterator[Sequence[Any]]:
    """The chosen customers in external-id order, a batch at a time from a streaming cursor."""
    chosen = _selected(filters).subquery()
    query = (
        select(*_PROFILE)
        .join(chosen, chosen.c.id == Customer.id)
        .order_by(Customer.external_id, Customer.id)
        .execution_options(yield_per=BATCH)
    )
    return session.execute(query).partitions()


def count_customers(ctx: ServiceContext, filters: ExportFilters | None = None) -> int:
    """How many customers an export with ``filters`` writes."""
    require(ctx, Action.EXPORT_CUSTOMERS)
    with ctx.sessions() as session:
        total = session.scalar(select(func.count()).select_from(_selected(filters).subquery()))
    return int(total or 0)


def export_customers(
    ctx: ServiceContext,
    path: str | Path,
    *,
    filters: ExportFilters | None = None,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
) -> int:
    """Write the customers ``filters`` choose to ``path`` as CSV; the number written.

    ``progress(done, total)`` follows each batch; ``cancel()`` is asked after each batch and
    True stops with ``ExportCancelledError``, leaving no file. Audited with the count and the
    filters.
    """
    require(ctx, Action.EXPORT_CUSTOMERS)
    target = Path(path)
    partial = target.with_name(target.name + ".part")
    written = 0
    try:
        with ctx.sessions() as session, session.begin():
            total = int(
                session.scalar(select(func.count()).select_from(_selected(filters).subquery())) or 0
            )
            with partial.open("w", encoding=ENCODING, newline="") as handle:
                write_rows(handle, [COLUMNS])
                for batch in _batches(session, filters):
                    write_rows(handle, _lines(session, batch))
                    written += len(batch)
                    if progress:
                        progress(written, total)
                    if cancel and cancel():
                        raise ExportCancelledError(
                            N_("{file}: the export was cancelled"), file=target
                        )
            if progress and not written:
                progress(0, 0)
        os.replace(partial, target)
    except OSError as exc:
        raise ExportFileError(
            N_("{file}: cannot be written: {error}"), file=target, error=exc.strerror or exc
        ) from exc
    finally:
        partial.unlink(missing_ok=True)
    descr = (filters or ExportFilters()).described()
    audit.note(ctx, "export", "customers", after={"file": str(target), "count": written, **descr})
    return written
