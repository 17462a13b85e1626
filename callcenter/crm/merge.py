"""Merging two records of one customer, and keeping late rows from naming the merged-away one.

``merge_customers`` is one transaction on the context's store (a desk's local store, so it
replicates like any edit): every row of the other record (contacts, numbers, e-mails, orders,
invoices, payments, shipments, requests, callbacks, interactions: every model with a foreign
key to ``customers.id``, found from the metadata so a later one moves too) moves to the
survivor; a number or an e-mail the survivor already has is tombstoned instead of doubled;
the survivor's blank profile fields are filled from the other and the tags united; the other
becomes a tombstone pointing at the survivor (``merged_into_id``); one audit entry says what
moved.

**A desk that was offline during the merge** still names the other record in what it wrote
meanwhile (a call logged, a callback or a request opened, a number added), and the replicator
pushes those rows before it pulls the merge, so they reach every store naming a tombstone.
Two things make that lose nothing:

- *The read side follows the tombstone*: the 360° read of a merged-away id is the
  survivor's (``customer360``), and a number a tombstone holds pops the survivor
  (``lookup``: the chooser and the single-match pop), so a call from the old number shows
  the one customer and its history at once, before anything moved.
- *``rehome(ctx)`` moves the late rows*: rows still naming a tombstone go to its survivor
  (numbers and e-mails united as in the merge), in one transaction on the context's store,
  so the move replicates like any edit and the survivor's record holds them everywhere. It
  is idempotent, and two desks moving the same row write the same value, which the push
  merges without a conflict. It moves only rows the acting person may change, as the
  shared store's guards would allow them (an agent: numbers, e-mails, contacts, their own
  calls, requests and callbacks that are theirs to work on; supervisors and admins also
  everyone's work and what customers bought), so a desk's rehome is never
  refused. It reads before it writes and returns at once when no row names a tombstone, so
  running it after every pull costs one indexed scan of the tombstones.

Concurrent merges on two offline desks can chain (A into B here, B into C there: A's rows
follow to C) or loop (A into B, B into A): ``rehome`` run by a supervisor makes the record
with the lowest id of a loop live again, so a loop never swallows both.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from callcenter.crm.customer_fields import clean_tags, search_text
from callcenter.platform import audit
from callcenter.platform.context import ServiceContext
from callcenter.platform.errors import ConflictError, NotFoundError, ValidationError
from callcenter.platform.messages import N_
from callcenter.platform.permissions import Action, is_supervisor, may_work_on, require
from db.base import Base
from db.models import Callback, Customer, Email, Interaction, PhoneNumber, ServiceRequest

#: What customers bought: on a PostgreSQL store admins (and the system) change it, supervisors
#: only move it to another customer (``cc_guard_purchases``), agents never.
COMMERCE = frozenset({"orders", "invoices", "payments", "shipments"})
#: Profile fields a merge fills on the survivor when they are blank there.
FILLED_FIELDS = ("company_name", "region", "city", "industry", "source", "owner_id")
#: Links followed from a tombstone to its survivor before giving up (merges flatten chains).
MAX_HOPS = 32


@dataclass(frozen=True)
class ChildTable:
    """A model whose rows belong to a customer, and the column naming the customer."""

    model: type[Any]
    column: str

    @property
    def name(self) -> str:
        return str(self.model.__table__.name)


def child_tables() -> tuple[ChildTable, ...]:
    """Every model with a foreign key to ``customers.id`` (but a tombstone's own link)."""
    found = []
    for mapper in Base.registry.mappers:
        table = mapper.local_table
        for fk in getattr(table, "foreign_keys", ()):
            target = fk.column
            named = target.table.name == "customers" and target.name == "id"
            if named and mapper.class_ is not Customer:
                found.append(ChildTable(mapper.class_, fk.parent.name))
    return tuple(sorted(found, key=lambda t: t.name))


@dataclass(frozen=True)
class Moved:
    """How many rows of one table moved, and how many of those were tombstoned as doubles."""

    table: str
    rows: int
    united: int = 0


@dataclass(frozen=True)
class MergeResult:
    survivor_id: uuid.UUID
    other_id: uuid.UUID
    moved: tuple[Moved, ...]
    filled: tuple[str, ...]


@dataclass(frozen=True)
class RehomeResult:
    """What a rehome pass moved (nothing: ``moved`` is empty) and loops it undid."""

    moved: tuple[Moved, ...] = ()
    revived: tuple[uuid.UUID, ...] = ()

    @property
    def rows(self) -> int:
        return sum(m.rows for m in self.moved)


@dataclass(frozen=True)
class CustomerSide:
    """One record as the merge dialog compares it: its profile, numbers, e-mails and how many
    rows of each child table name it."""

    id: uuid.UUID
    name: str
    company_name: str | None
    city: str | None
    region: str | None
    phones: tuple[str, ...]
    emails: tuple[str, ...]
    tags: tuple[str, ...]
    rows: tuple[tuple[str, int], ...]
    blank: tuple[str, ...]

    def count(self, table: str) -> int:
        return dict(self.rows).get(table, 0)


@dataclass(frozen=True)
class MergePlan:
    """What merging ``other`` into ``survivor`` would do, for the confirmation."""

    survivor: CustomerSide
    other: CustomerSide
    moved: tuple[Moved, ...]
    filled: tuple[str, ...]


def _customer(session: Session, customer_id: uuid.UUID) -> Customer:
    row = session.get(Customer, customer_id)
    if row is None:
        raise NotFoundError(N_("customer {customer_id} does not exist"), customer_id=customer_id)
    return row


def _chain(session: Session, start: Customer) -> list[uuid.UUID]:
    """The ids a record's ``merged_into_id`` links lead through (itself first)."""
    seen = [start.id]
    current = start
    while current.merged_into_id is not None and len(seen) <= MAX_HOPS:
        if current.merged_into_id in seen:
            break
        seen.append(current.merged_into_id)
        current = _customer(session, current.merged_into_id)
    return seen


def _keys(session: Session, customer_id: uuid.UUID) -> dict[str, set[str]]:
    """The live numbers (E.164) and e-mail addresses (lower case) a customer holds."""
    phones = select(PhoneNumber.e164).where(
        PhoneNumber.customer_id == customer_id,
        PhoneNumber.deleted.is_(False),
        PhoneNumber.e164.is_not(None),
    )
    emails = select(Email.address_lower).where(
        Email.customer_id == customer_id, Email.deleted.is_(False)
    )
    return {
        "phone_numbers": {str(e) for e in session.scalars(phones)},
        "emails": set(session.scalars(emails)),
    }


def _key(row: Any) -> str | None:
    if isinstance(row, PhoneNumber):
        return row.e164
    if isinstance(row, Email):
        return row.address_lower
    return None


def _move(
    session: Session,
    ctx: ServiceContext,
    rows: Iterable[tuple[ChildTable, Any]],
    survivor_of: dict[uuid.UUID, uuid.UUID],
) -> tuple[Moved, ...]:
    """Point each row at its survivor; a live number or e-mail the survivor already holds is
    tombstoned instead of doubled."""
    keys: dict[uuid.UUID, dict[str, set[str]]] = {}
    counts: dict[str, list[int]] = {}
    for child, row in rows:
        survivor = survivor_of[getattr(row, child.column)]
        setattr(row, child.column, survivor)
        row.updated_by = ctx.actor_id
        count = counts.setdefault(child.name, [0, 0])
        count[0] += 1
        key = _key(row)
        if key is None or row.deleted:
            continue
        held = keys.setdefault(survivor, _keys(session, survivor))[child.name]
        if key in held:
            row.deleted = True
            count[1] += 1
        else:
            held.add(key)
    return tuple(Moved(name, n, united) for name, (n, united) in sorted(counts.items()))


def _rows_of(
    session: Session, tables: Sequence[ChildTable], ids: Iterable[uuid.UUID]
) -> list[tuple[ChildTable, Any]]:
    id_list = list(ids)
    found: list[tuple[ChildTable, Any]] = []
    for child in tables:
        column = getattr(child.model, child.column)
        for start in range(0, len(id_list), 500):
            statement = select(child.model).where(column.in_(id_list[start : start + 500]))
            found.extend((child, row) for row in session.scalars(statement))
    return found


def _fill(survivor: Customer, other: Customer) -> tuple[str, ...]:
    """Blank fields of the survivor taken from the other; tags united; notes kept both."""
    filled = []
    for name in FILLED_FIELDS:
        if getattr(survivor, name) in (None, "") and getattr(other, name) not in (None, ""):
            setattr(survivor, name, getattr(other, name))
            filled.append(name)
    tags = clean_tags(f"{survivor.tags},{other.tags}")
    if tags != survivor.tags:
        survivor.tags = tags
        filled.append("tags")
    if other.notes.strip() and other.notes.strip() not in survivor.notes:
        survivor.notes = "\n\n".join(n for n in (survivor.notes.strip(), other.notes.strip()) if n)
        filled.append("notes")
    return tuple(filled)


def merge_customers(
    ctx: ServiceContext, survivor_id: uuid.UUID, other_id: uuid.UUID
) -> MergeResult:
    """Make ``other_id`` part of ``survivor_id``: one transaction, audited (see the module)."""
    require(ctx, Action.MERGE_CUSTOMERS)
    if survivor_id == other_id:
        raise ValidationError("other_id", N_("a customer cannot be merged with itself"))
    try:
        with ctx.sessions.begin() as session:
            survivor = _customer(session, survivor_id)
            other = _customer(session, other_id)
            for row, field in ((survivor, "survivor_id"), (other, "other_id")):
                if row.deleted:
                    raise ValidationError(
                        field, N_("{name} was removed or merged already"), name=row.name
                    )
            if other.id in _chain(session, survivor) or survivor.id in _chain(session, other):
                raise ValidationError(
                    "other_id",
                    N_("{name} is already part of {other}"),
                    name=survivor.name,
                    other=other.name,
                )
            earlier = list(
                session.scalars(select(Customer).where(Customer.merged_into_id == other.id))
            )
            for tombstone in earlier:  # merged into the other before: now into the survivor
                tombstone.merged_into_id = survivor.id
                tombstone.updated_by = ctx.actor_id
            from_ids = [other.id, *(t.id for t in earlier)]
            moved = _move(
                session,
                ctx,
                _rows_of(session, child_tables(), from_ids),
                dict.fromkeys(from_ids, survivor.id),
            )
            filled = _fill(survivor, other)
            survivor.search_text = search_text(
                survivor.name, survivor.company_name, survivor.external_id
            )
            survivor.updated_by = ctx.actor_id
            other.deleted = True
            other.merged_into_id = survivor.id
            other.updated_by = ctx.actor_id
            session.flush()
            audit.record(
                session,
                ctx,
                "merge",
                "customer",
                survivor.id,
                before={"survivor": survivor_id, "other": other_id, "other_name": other.name},
                after={
                    "survivor": survivor_id,
                    "other": other_id,
                    "moved": {m.table: m.rows for m in moved},
                    "united": {m.table: m.united for m in moved if m.united},
                    "filled": list(filled),
                },
            )
            return MergeResult(survivor.id, other.id, moved, filled)
    except StaleDataError as exc:
        raise ConflictError(N_("a customer was changed by someone else; reload")) from exc


# ---- the comparison the dialog shows ---------------------------------------------------------


def describe(ctx: ServiceContext, customer_id: uuid.UUID) -> CustomerSide:
    """One record for the side-by-side comparison (a tombstone too: it says what it was)."""
    require(ctx, Action.READ_CUSTOMERS)
    with ctx.sessions() as session:
        row = _customer(session, customer_id)
        rows = []
        for child in child_tables():
            column = getattr(child.model, child.column)
            count = session.scalar(
                select(func.count()).select_from(child.model).where(column == customer_id)
            )
            if count:
                rows.append((child.name, int(count)))
        phones = session.scalars(
            select(PhoneNumber.e164)
            .where(PhoneNumber.customer_id == customer_id, PhoneNumber.deleted.is_(False))
            .order_by(PhoneNumber.e164)
        )
        emails = session.scalars(
            select(Email.address)
            .where(Email.customer_id == customer_id, Email.deleted.is_(False))
            .order_by(Email.address_lower)
        )
        return CustomerSide(
            id=row.id,
            name=row.name,
            company_name=row.company_name,
            city=row.city,
            region=row.region,
            phones=tuple(p for p in phones if p),
            emails=tuple(emails),
            tags=tuple(t for t in row.tags.split(",") if t),
            rows=tuple(rows),
            blank=tuple(f for f in FILLED_FIELDS if getattr(row, f) in (None, "")),
        )


def plan(survivor: CustomerSide, other: CustomerSide) -> MergePlan:
    """What ``merge_customers(survivor, other)`` will do, from the two sides (no store read)."""
    shared = {
        "phone_numbers": len(set(survivor.phones) & set(other.phones)),
        "emails": len({e.lower() for e in survivor.emails} & {e.lower() for e in other.emails}),
    }
    moved = tuple(Moved(table, n, shared.get(table, 0)) for table, n in other.rows)
    filled = tuple(f for f in survivor.blank if f not in other.blank)
    if set(other.tags) - set(survivor.tags):
        filled += ("tags",)
    return MergePlan(survivor, other, moved, filled)


# ---- rows that still name a tombstone ---------------------------------------------------------


Loop = list[uuid.UUID]


def _survivors(session: Session) -> tuple[dict[uuid.UUID, uuid.UUID], list[Loop]]:
    """Each tombstone's live survivor; loops found (each a list of ids) when there are any."""
    statement = select(Customer.id, Customer.merged_into_id).where(
        Customer.merged_into_id.is_not(None)
    )
    links = {a: b for a, b in session.execute(statement) if b is not None}
    survivor_of: dict[uuid.UUID, uuid.UUID] = {}
    loops: list[Loop] = []
    for start in links:
        path = [start]
        while path[-1] in links and len(path) <= MAX_HOPS:
            following = links[path[-1]]
            if following in path:
                loop = path[path.index(following) :]
                if sorted(loop, key=str) not in loops:
                    loops.append(sorted(loop, key=str))
                break
            path.append(following)
        else:
            if path[-1] not in links:
                survivor_of[start] = path[-1]
    return survivor_of, loops


def _allowed(session: Session, ctx: ServiceContext, child: ChildTable, row: Any) -> bool:
    """Whether the acting person may change ``row`` as the shared store's guards see it."""
    if is_supervisor(ctx):
        return True
    if child.name in COMMERCE:
        return False
    if isinstance(row, Interaction):
        return row.agent_id == ctx.actor_id
    work = {
        ServiceRequest: ("assignee_id", "queue_id"),
        Callback: ("owner_user_id", "owner_queue_id"),
    }.get(type(row))
    if work is None:
        return True
    return may_work_on(session, ctx, getattr(row, work[0]), getattr(row, work[1]))


def _strays(
    session: Session, ctx: ServiceContext, survivor_of: dict[uuid.UUID, uuid.UUID]
) -> list[tuple[ChildTable, Any]]:
    rows = _rows_of(session, child_tables(), survivor_of)
    return [(child, row) for child, row in rows if _allowed(session, ctx, child, row)]


def _revive(session: Session, ctx: ServiceContext, loops: list[Loop]) -> tuple[uuid.UUID, ...]:
    """The lowest id of each loop live again (a supervisor's or the system's pass only)."""
    if not is_supervisor(ctx):
        return ()
    revived = []
    for loop in loops:
        row = _customer(session, loop[0])
        row.deleted = False
        row.merged_into_id = None
        row.updated_by = ctx.actor_id
        revived.append(row.id)
    return tuple(revived)


def rehome(ctx: ServiceContext) -> RehomeResult:
    """Move rows that still name a merged-away customer to its survivor (see the module)."""
    with ctx.sessions() as session:
        survivor_of, loops = _survivors(session)
        undo_loops = bool(loops) and is_supervisor(ctx)
        if not undo_loops and not (survivor_of and _strays(session, ctx, survivor_of)):
            return RehomeResult()
    try:
        with ctx.sessions.begin() as session:
            revived = _revive(session, ctx, _survivors(session)[1])
            if revived:
                session.flush()
            survivor_of = _survivors(session)[0]
            moved = _move(session, ctx, _strays(session, ctx, survivor_of), survivor_of)
            if not moved and not revived:
                return RehomeResult()
            session.flush()
            audit.record(
                session,
                ctx,
                "rehome",
                "customer",
                None,
                after={
                    "moved": {m.table: m.rows for m in moved},
                    "united": {m.table: m.united for m in moved if m.united},
                    "revived": [str(r) for r in revived],
                },
            )
            return RehomeResult(moved, revived)
    except StaleDataError as exc:
        raise ConflictError(N_("a customer was changed by someone else; reload")) from exc
