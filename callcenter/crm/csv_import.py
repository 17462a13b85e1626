"""Importing customers from a CSV file, row by row, with the same field rules as the editor.

A bad row is reported with the physical line where its record starts and skipped; good rows
are written in chunks, one transaction each, so a failure midway keeps every chunk already
counted. Rows are matched on ``external_id``: importing the same file again changes nothing,
and an edited file updates the fields that changed and adds numbers and e-mails that are new.
The columns are described in ``docs/csv-import.md``. A dry run reads, checks and writes every
chunk as the import does, then rolls it back, so its per-row report is the import's own.
"""

from __future__ import annotations

import codecs
import csv
import re
import uuid
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from sqlalchemy import Connection, insert, select, update
from sqlalchemy.exc import SQLAlchemyError

from callcenter.crm.customer_fields import (
    clean_choice,
    clean_email,
    clean_name,
    clean_phone,
    clean_tags,
    clean_text,
    region_country,
    search_text,
)
from callcenter.crm.phones import ParsedNumber
from callcenter.platform import audit
from callcenter.platform.context import ServiceContext
from callcenter.platform.csv_cells import FORMULA_STARTS
from callcenter.platform.errors import ServiceError, ValidationError
from callcenter.platform.messages import N_
from callcenter.platform.permissions import Action, require
from db import statistics
from db.base import Base
from db.enums import CustomerKind, LifecycleStage, PhoneKind, ValueTier
from db.models import Customer, Email, PhoneNumber

CHUNK_ROWS = 500
REQUIRED_COLUMNS = ("external_id", "name")
OPTIONAL_COLUMNS = (
    "company",
    "kind",
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
#: columns the product's own export writes for people to read; an import passes over them
EXPORT_ONLY_COLUMNS = ("primary_phone", "primary_email")
#: database column each profile column of the file sets
PROFILE_COLUMNS = {
    "name": "name",
    "company": "company_name",
    "kind": "kind",
    "lifecycle_stage": "lifecycle_stage",
    "value_tier": "value_tier",
    "region": "region",
    "city": "city",
    "industry": "industry",
    "source": "source",
    "tags": "tags",
    "notes": "notes",
}
#: what a new customer gets for a column the file leaves out or empty
NEW_CUSTOMER_DEFAULTS = {
    "kind": CustomerKind.PERSON.value,
    "lifecycle_stage": LifecycleStage.LEAD.value,
    "value_tier": ValueTier.STANDARD.value,
    "company_name": None,
    "region": None,
    "city": None,
    "industry": None,
    "source": None,
    "tags": "",
    "notes": "",
}
MAX_LENGTHS = {
    "external_id": 64,
    "region": 64,
    "city": 100,
    "industry": 64,
    "source": 64,
    "tags": 500,
}
PHONE_RAW_MAX = 64
EXTENSION_MAX = 16
LIST_SEPARATOR = ";"
_LIST_SPLIT = re.compile(LIST_SEPARATOR)
#: a ``;ext=12`` parameter belongs to the number before it, it does not start a new one
_PHONE_LIST_SPLIT = re.compile(r";(?!\s*ext\s*=)", re.IGNORECASE)
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
#: how much of the file decides its line ends and whether it is UTF-16 or binary
HEAD_BYTES = 4096

Progress = Callable[[int, int], None]
#: asked after each committed chunk; True stops the import there
Cancel = Callable[[], bool]


class CsvFileError(ServiceError):
    """The file as a whole cannot be imported (missing, not UTF-8, no usable header)."""


class ImportAbortedError(ServiceError):
    """The store failed midway; the rows before the failing chunk stay imported."""


@dataclass(frozen=True)
class RowError:
    """A rejected row: the line its record starts on, the field at fault, and why."""

    line: int
    field: str
    message: str


@dataclass(frozen=True)
class RowOutcome:
    """What became of one row: ``created``, ``updated``, ``unchanged`` or ``rejected`` (with
    the field at fault and why)."""

    line: int
    result: str
    field: str = ""
    reason: str = ""


RowListener = Callable[[RowOutcome], None]


@dataclass(frozen=True)
class HeaderColumn:
    """A column of the file's header as written, the name it is read as, and its use:
    ``required``, ``optional``, ``export`` (written by our export, passed over) or ``unknown``."""

    written: str
    name: str
    use: str


@dataclass(frozen=True)
class ImportReport:
    """What happened to the file's rows, with every rejected row's reason."""

    file: str
    rows: int
    created: int
    updated: int
    unchanged: int
    rejected: int
    errors: tuple[RowError, ...]
    warnings: tuple[str, ...]
    #: the import stopped when asked, after the last committed chunk
    cancelled: bool = False
    #: nothing was written: the counts say what an import would do
    dry_run: bool = False


@dataclass
class _Tally:
    """The report while the import runs; only rows in committed chunks are counted as done."""

    file: str
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0
    errors: list[RowError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    cancelled: bool = False
    dry_run: bool = False
    on_row: RowListener | None = None

    def reject(self, line: int, error: ValidationError) -> None:
        self.rejected += 1
        self.errors.append(RowError(line, error.field, error.message))
        if self.on_row:
            self.on_row(RowOutcome(line, "rejected", error.field, error.message))

    def count(self, line: int, outcome: str) -> None:
        setattr(self, outcome, getattr(self, outcome) + 1)
        if self.on_row:
            self.on_row(RowOutcome(line, outcome))

    def report(self) -> ImportReport:
        return ImportReport(
            file=self.file,
            rows=self.rows,
            created=self.created,
            updated=self.updated,
            unchanged=self.unchanged,
            rejected=self.rejected,
            errors=tuple(self.errors),
            warnings=tuple(self.warnings),
            cancelled=self.cancelled,
            dry_run=self.dry_run,
        )


@dataclass(frozen=True)
class _Row:
    """One validated record: the profile fields it sets, and its numbers and addresses."""

    line: int
    external_id: str
    profile: dict[str, Any]
    phones: tuple[tuple[ParsedNumber, PhoneKind], ...]
    emails: tuple[str, ...]


# --- reading ------------------------------------------------------------------------------


class _Lines:
    """The file's physical lines as text, remembering which ones were not UTF-8 or held a NUL.

    Decoding line by line (instead of the whole file) lets one bad byte reject only the record
    it is in, reported at its own line. The lines of the record being read are ``held``, and
    ``ended`` says the file ran out while reading it, so that a quote left open can be told
    from a field that spans lines on purpose.
    """

    def __init__(self, handle: BinaryIO, *, cr_only: bool) -> None:
        self.raw: Iterator[bytes] = _cr_lines(handle) if cr_only else iter(handle)
        self.bytes_read = 0
        self.bad: dict[int, str] = {}
        self.held: list[str] = []
        self.ended = False

    def __iter__(self) -> Iterator[str]:
        for number, raw in enumerate(self.raw, start=1):
            self.bytes_read += len(raw)
            data = raw.removeprefix(codecs.BOM_UTF8) if number == 1 else raw
            if b"\x00" in data:
                self.bad[number] = "holds a NUL byte (0x00), which is not text"
            try:
                text = data.decode("utf-8")
            except UnicodeDecodeError as exc:
                self.bad.setdefault(number, f"byte 0x{data[exc.start]:02X} is not valid UTF-8")
                text = data.decode("utf-8", errors="replace")
            self.held.append(text)
            yield text
        self.ended = True


def _cr_lines(handle: BinaryIO) -> Iterator[bytes]:
    """The lines of a file whose lines end in CR alone (classic Mac OS), each with its CR."""
    rest = b""
    while chunk := handle.read(1 << 16):
        *whole, rest = (rest + chunk).split(b"\r")
        for line in whole:
            yield line + b"\r"
    if rest:
        yield rest


def _cr_only(head: bytes) -> bool:
    """Lines end in CR alone when the head of the file has a CR and no LF."""
    return b"\r" in head and b"\n" not in head


def _refuse_other_encodings(path: Path, head: bytes) -> None:
    """UTF-16 (marked or not) and binary files have NUL bytes in their first line; a NUL in a
    later line is only that row's fault."""
    first = next((line for line in re.split(rb"[\r\n]", head) if line), b"")
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or b"\x00" in first:
        raise CsvFileError(f"{path}: the file is UTF-16 or binary; save it as CSV UTF-8")


def _column_name(text: str) -> str:
    """Header names match case-insensitively, with spaces or dashes read as underscores."""
    return "_".join(text.strip().lower().replace("-", " ").split())


def _use(name: str) -> str:
    if name in REQUIRED_COLUMNS:
        return "required"
    if name in OPTIONAL_COLUMNS:
        return "optional"
    return "export" if name in EXPORT_ONLY_COLUMNS else "unknown"


def _header(path: Path, cells: list[str], report: _Tally) -> list[str]:
    names = [_column_name(c) for c in cells]
    duplicates = sorted({n for n in names if n and names.count(n) > 1})
    if duplicates:
        raise CsvFileError(f"{path}: column {duplicates[0]!r} appears more than once")
    missing = [c for c in REQUIRED_COLUMNS if c not in names]
    if missing:
        raise CsvFileError(f"{path}: the header has no {' or '.join(missing)} column")
    for original, name in zip(cells, names, strict=True):
        if _use(name) == "unknown":
            report.warnings.append(f"unknown column {original.strip()!r} ignored")
    return names


def _as_written(value: str) -> str:
    """A cell as it was before an export of ours put a ``'`` in front of its formula-like
    start (``csv_cells``), so what the product writes reads back as it was stored."""
    return value[1:] if value.startswith("'") and value[1:].startswith(FORMULA_STARTS) else value


# --- validating ---------------------------------------------------------------------------


def _text(value: str, field_name: str) -> str:
    text = " ".join(value.split())
    limit = MAX_LENGTHS.get(field_name)
    if limit and len(text) > limit:
        raise ValidationError(field_name, N_("is longer than {limit} characters"), limit=limit)
    return text


def _region(value: str) -> str:
    """Region and subdivision codes (``GB``, ``CN-BJ``) are stored upper-case; anything else as
    written."""
    return clean_text(value, "region") or ""


def _phone(item: str, region: str) -> tuple[ParsedNumber, PhoneKind]:
    """``kind:number`` or just a number; a ``tel:`` or ``sip:`` URI is a number, not a kind."""
    kind_text, _, number = item.partition(":")
    if kind_text.strip().lower() in {k.value for k in PhoneKind}:
        kind, raw = PhoneKind(kind_text.strip().lower()), number.strip()
    else:
        kind, raw = PhoneKind.OTHER, item
    if len(raw) > PHONE_RAW_MAX:
        raise ValidationError(
            "phones",
            N_("{raw!r} is longer than {phone_raw_max} characters"),
            raw=raw,
            phone_raw_max=PHONE_RAW_MAX,
        )
    parsed = clean_phone(raw, region, "phones")
    if parsed.extension and len(parsed.extension) > EXTENSION_MAX:
        raise ValidationError(
            "phones",
            N_("{raw!r} has an extension over {extension_max} digits"),
            raw=raw,
            extension_max=EXTENSION_MAX,
        )
    return parsed, kind


def _items(value: str, separator: re.Pattern[str] = _LIST_SPLIT) -> list[str]:
    return [p.strip() for p in separator.split(value) if p.strip()]


def _phones(value: str, region: str) -> tuple[tuple[ParsedNumber, PhoneKind], ...]:
    unique: dict[str, tuple[ParsedNumber, PhoneKind]] = {}
    for item in _items(value, _PHONE_LIST_SPLIT):
        parsed, kind = _phone(item, region)
        unique.setdefault(parsed.e164, (parsed, kind))
    return tuple(unique.values())


def _emails(value: str) -> tuple[str, ...]:
    unique: dict[str, str] = {}
    for item in _items(value):
        address = clean_email(item, "emails")
        unique.setdefault(address.lower(), address)
    return tuple(unique.values())


def _profile(cells: dict[str, str]) -> dict[str, Any]:
    """The profile fields a record sets: only its non-empty cells, each cleaned."""
    cleaners: dict[str, Callable[[str], Any]] = {
        "name": clean_name,
        "company": lambda v: clean_name(v, "company"),
        "kind": lambda v: clean_choice(CustomerKind, v, "kind"),
        "lifecycle_stage": lambda v: clean_choice(LifecycleStage, v, "lifecycle_stage"),
        "value_tier": lambda v: clean_choice(ValueTier, v, "value_tier"),
        "region": _region,
        "city": lambda v: _text(v, "city"),
        "industry": lambda v: _text(v, "industry"),
        "source": lambda v: _text(v, "source"),
        "tags": lambda v: _text(clean_tags(v.replace(LIST_SEPARATOR, ",")), "tags"),
        "notes": str.strip,
    }
    return {
        PROFILE_COLUMNS[column]: clean(cells[column])
        for column, clean in cleaners.items()
        if cells.get(column, "").strip()
    }


def _validate(line: int, cells: dict[str, str], default_region: str) -> _Row:
    external_id = _text(cells["external_id"], "external_id")
    if not external_id:
        raise ValidationError("external_id", N_("is required"))
    if not cells["name"].strip():
        raise ValidationError("name", N_("is required"))
    profile = _profile(cells)
    region = profile.get("region", "")
    phone_region = region_country(region) or default_region
    return _Row(
        line=line,
        external_id=external_id,
        profile=profile,
        phones=_phones(cells.get("phones", ""), phone_region),
        emails=_emails(cells.get("emails", "")),
    )


def _bad_field(names: Sequence[str], values: Sequence[str]) -> str:
    """The column holding the undecodable byte or the NUL, as far as the values tell."""
    for name, value in zip(names, values, strict=False):
        if "\ufffd" in value or "\x00" in value:
            return name or "row"
    return "row"


def _well_quoted(text: list[str]) -> bool:
    """Whether the lines read as CSV by the strict rule: a quoted field ends with its quote."""
    try:
        for _ in csv.reader(text, strict=True):
            pass
    except csv.Error:
        return False
    return True


def _holds_rows(values: Sequence[str], columns: int) -> bool:
    """Whether a value spanning lines has a whole line in it that reads as a row of the file."""
    for value in values:
        inner = _LINE_BREAK.split(value)[1:-1]
        if any(len(next(csv.reader([text]))) == columns for text in inner if text):
            return True
    return False


def _unclosed_quote(
    line: int, last_line: int, names: list[str], values: list[str], lines: _Lines
) -> ValidationError | None:
    """A quote left open reads the lines after it into one field and loses their records.

    It is told from a field that spans lines on purpose by running to the end of the file, by
    a closing quote with more text after it, or by a line inside the field that reads as a
    whole row of the file.
    """
    if last_line == line:
        return None
    spanning = [i for i, v in enumerate(values) if _LINE_BREAK.search(v)]
    column = names[spanning[0]] if spanning and spanning[0] < len(names) else "row"
    span = f"lines {line} to {last_line}"
    if lines.ended:
        return ValidationError(
            column,
            N_(
                "the quote opened on line {line} is never closed: {span} (the end of the file) "
                "were read as one field and not imported"
            ),
            line=line,
            span=span,
        )
    if _well_quoted(lines.held) and not _holds_rows(values, len(names)):
        return None
    return ValidationError(
        column,
        N_(
            "the quote opened on line {line} is not closed where its field ends: {span} were "
            "read as one field and not imported"
        ),
        line=line,
        span=span,
    )


def _check_record(
    line: int, last_line: int, names: list[str], values: list[str], lines: _Lines
) -> dict[str, str]:
    """The record as column -> cell, or a ValidationError for bytes, quotes or shape."""
    bad = [n for n in range(line, last_line + 1) if n in lines.bad]
    if bad:
        raise ValidationError(_bad_field(names, values), lines.bad[bad[0]])
    unclosed = _unclosed_quote(line, last_line, names, values, lines)
    if unclosed:
        raise unclosed
    if len(values) != len(names):
        raise ValidationError(
            "columns",
            N_("the row has {values} values but the header has {columns} columns"),
            values=len(values),
            columns=len(names),
        )
    return {name: _as_written(value) for name, value in zip(names, values, strict=True)}


# --- writing ------------------------------------------------------------------------------

_CUSTOMERS = Base.metadata.tables["customers"]
_PHONES = Base.metadata.tables["phone_numbers"]
_EMAILS = Base.metadata.tables["emails"]
#: What an import writes, in bulk.
_WRITTEN = (_CUSTOMERS, _PHONES, _EMAILS)


@dataclass
class _Existing:
    """What the store holds for a chunk's external ids, read once per chunk."""

    customers: dict[str, dict[str, Any]]
    phones: dict[uuid.UUID, set[str]]
    emails: dict[uuid.UUID, set[str]]

    @classmethod
    def read(cls, conn: Connection, external_ids: list[str]) -> _Existing:
        rows = conn.execute(select(_CUSTOMERS).where(Customer.external_id.in_(external_ids)))
        customers = {r.external_id: dict(r._mapping) for r in rows}
        ids = [c["id"] for c in customers.values()]
        phones: dict[uuid.UUID, set[str]] = {i: set() for i in ids}
        emails: dict[uuid.UUID, set[str]] = {i: set() for i in ids}
        live_phones = select(PhoneNumber.customer_id, PhoneNumber.e164).where(
            PhoneNumber.customer_id.in_(ids), PhoneNumber.deleted.is_(False)
        )
        for customer_id, e164 in conn.execute(live_phones):
            if e164:
                phones[customer_id].add(e164)
        live_emails = select(Email.customer_id, Email.address_lower).where(
            Email.customer_id.in_(ids), Email.deleted.is_(False)
        )
        for customer_id, address in conn.execute(live_emails):
            emails[customer_id].add(address)
        return cls(customers, phones, emails)


class _ChunkWriter:
    """Writes one chunk of validated rows in the caller's transaction."""

    def __init__(self, ctx: ServiceContext, conn: Connection, rows: list[_Row]) -> None:
        self.ctx = ctx
        self.conn = conn
        self.rows = rows
        self.now = ctx.clock()
        self.existing = _Existing.read(conn, [r.external_id for r in rows])
        self.new_customers: list[dict[str, Any]] = []
        self.new_phones: list[dict[str, Any]] = []
        self.new_emails: list[dict[str, Any]] = []

    def replicated(self, **values: Any) -> dict[str, Any]:
        return {
            "id": uuid.uuid4(),
            "version": 1,
            "updated_at": self.now,
            "updated_by": self.ctx.actor_id,
            "deleted": False,
            **values,
        }

    def write(self, report: _Tally) -> None:
        outcomes = [self.row(r) for r in self.rows]
        for table, rows in (
            (_CUSTOMERS, self.new_customers),
            (_PHONES, self.new_phones),
            (_EMAILS, self.new_emails),
        ):
            if rows:
                self.conn.execute(insert(table), rows)
        for outcome, row in zip(outcomes, self.rows, strict=True):
            if isinstance(outcome, ValidationError):
                report.reject(row.line, outcome)
            else:
                report.count(row.line, outcome)

    def row(self, row: _Row) -> str | ValidationError:
        """Queue or apply one row; returns "created", "updated", "unchanged" or the error."""
        current = self.existing.customers.get(row.external_id)
        if current is None:
            customer_id = self.create(row)
            outcome = "created"
        elif current["deleted"]:
            return ValidationError(
                "external_id",
                N_("{external_id!r} is a deleted customer"),
                external_id=row.external_id,
            )
        else:
            customer_id = current["id"]
            try:
                outcome = "updated" if self.update(row, current) else "unchanged"
            except ValidationError as exc:
                return exc
        added = self.add_numbers(customer_id, row) + self.add_emails(customer_id, row)
        return "updated" if outcome == "unchanged" and added else outcome

    def create(self, row: _Row) -> uuid.UUID:
        values = NEW_CUSTOMER_DEFAULTS | row.profile
        customer = self.replicated(
            external_id=row.external_id,
            owner_id=None,
            search_text=search_text(values["name"], values["company_name"], row.external_id),
            **values,
        )
        self.new_customers.append(customer)
        self.existing.phones[customer["id"]] = set()
        self.existing.emails[customer["id"]] = set()
        return uuid.UUID(str(customer["id"]))

    def update(self, row: _Row, current: dict[str, Any]) -> bool:
        changed = {k: v for k, v in row.profile.items() if current[k] != v}
        if not changed:
            return False
        merged = current | changed
        result = self.conn.execute(
            update(_CUSTOMERS)
            .where(Customer.id == current["id"], Customer.version == current["version"])
            .values(
                **changed,
                version=current["version"] + 1,
                updated_at=self.now,
                updated_by=self.ctx.actor_id,
                search_text=search_text(
                    merged["name"], merged["company_name"], merged["external_id"]
                ),
            )
        )
        if result.rowcount != 1:
            raise ValidationError(
                "external_id", N_("was changed by someone else during the import")
            )
        return True

    def add_numbers(self, customer_id: uuid.UUID, row: _Row) -> int:
        known = self.existing.phones[customer_id]
        new = [(p, k) for p, k in row.phones if p.e164 not in known]
        self.new_phones += [
            self.replicated(
                customer_id=customer_id,
                contact_id=None,
                raw=p.raw,
                e164=p.e164,
                national=p.national,
                extension=p.extension,
                kind=k.value,
            )
            for p, k in new
        ]
        known.update(p.e164 for p, _ in new)
        return len(new)

    def add_emails(self, customer_id: uuid.UUID, row: _Row) -> int:
        known = self.existing.emails[customer_id]
        new = [e for e in row.emails if e.lower() not in known]
        self.new_emails += [
            self.replicated(
                customer_id=customer_id, contact_id=None, address=e, address_lower=e.lower()
            )
            for e in new
        ]
        known.update(e.lower() for e in new)
        return len(new)


# --- the import ---------------------------------------------------------------------------


def _open(path: Path) -> BinaryIO:
    try:
        return path.open("rb")
    except OSError as exc:
        raise CsvFileError(f"{path}: cannot be read: {exc.strerror}") from exc


def _lines(path: Path, handle: BinaryIO) -> _Lines:
    """The file's lines, once its head shows it is neither UTF-16 nor binary."""
    head = handle.read(HEAD_BYTES)
    _refuse_other_encodings(path, head)
    handle.seek(0)
    return _Lines(handle, cr_only=_cr_only(head))


def _header_cells(
    path: Path, records: Iterator[tuple[int, int, list[str]]], lines: _Lines
) -> list[str]:
    """The first record that is not blank, which names the columns."""
    for line, last_line, values in records:
        if not any(v.strip() for v in values):
            continue
        if any(n in lines.bad for n in range(line, last_line + 1)):
            raise CsvFileError(
                f"{path}: the header on line {line} is not UTF-8; save the file as CSV UTF-8"
            )
        return values
    raise CsvFileError(f"{path}: the file is empty")


class _Importer:
    """Reads, validates and writes one file, keeping the report as it goes."""

    def __init__(
        self,
        ctx: ServiceContext,
        path: Path,
        progress: Progress | None,
        *,
        dry_run: bool = False,
        cancel: Cancel | None = None,
        on_row: RowListener | None = None,
    ) -> None:
        self.ctx = ctx
        self.path = path
        self.progress = progress
        self.cancel = cancel
        self.report = _Tally(file=str(path), dry_run=dry_run, on_row=on_row)
        self.seen: dict[str, int] = {}
        self.pending: list[_Row] = []
        self.names: list[str] = []

    def run(self) -> ImportReport:
        with _open(self.path) as handle:
            lines = _lines(self.path, handle)
            total = self.path.stat().st_size
            records = _records(lines, self.report)
            self.names = self.header(records, lines)
            for line, last_line, values in records:
                self.take(line, last_line, values, lines)
                if len(self.pending) >= CHUNK_ROWS:
                    self.flush()
                    if self.progress:
                        self.progress(lines.bytes_read, total)
                    if self.cancel and self.cancel():
                        self.report.cancelled = True
                        break
            self.flush()
            if self.progress and not self.report.cancelled:
                self.progress(total, total)
        if not self.report.dry_run:
            self.analyze()
            self.audit()
        return self.report.report()

    def header(self, records: Iterator[tuple[int, int, list[str]]], lines: _Lines) -> list[str]:
        return _header(self.path, _header_cells(self.path, records, lines), self.report)

    def take(self, line: int, last_line: int, values: list[str], lines: _Lines) -> None:
        if not any(v.strip() for v in values):
            return
        self.report.rows += 1
        try:
            cells = _check_record(line, last_line, self.names, values, lines)
            row = _validate(line, cells, self.ctx.default_region)
            first = self.seen.setdefault(row.external_id, line)
            if first != line:
                raise ValidationError(
                    "external_id",
                    N_("{external_id!r} is also on line {first}"),
                    external_id=row.external_id,
                    first=first,
                )
        except ValidationError as exc:
            self.report.reject(line, exc)
            return
        self.pending.append(row)

    def flush(self) -> None:
        if not self.pending:
            return
        try:
            with self.ctx.sessions() as session, session.begin() as transaction:
                _ChunkWriter(self.ctx, session.connection(), self.pending).write(self.report)
                if self.report.dry_run:
                    transaction.rollback()
        except SQLAlchemyError as exc:
            done = self.report.created + self.report.updated + self.report.unchanged
            raise ImportAbortedError(
                f"{self.path}: the store failed at the chunk starting on line "
                f"{self.pending[0].line} ({str(exc).splitlines()[0]}); "
                f"{done} rows before it are imported, re-run the file to finish"
            ) from exc
        self.pending = []

    def analyze(self) -> None:
        """Fresh statistics for the tables a bulk import wrote: the planner must know the new
        rows now, not when autovacuum gets to them."""
        if not (self.report.created or self.report.updated):
            return
        with self.ctx.sessions.begin() as session:
            statistics.analyze(session.connection(), (c.name for c in _WRITTEN))

    def audit(self) -> None:
        fields = ("file", "created", "updated", "rejected")
        summary: dict[str, object] = {k: getattr(self.report, k) for k in fields}
        if self.report.cancelled:
            summary["cancelled"] = True
        with self.ctx.sessions.begin() as session:
            audit.record(session, self.ctx, "import", "customers", None, after=summary)


def _records(lines: _Lines, report: _Tally) -> Iterator[tuple[int, int, list[str]]]:
    """Each data record with the lines it starts and ends on; the header is read first."""
    reader = csv.reader(lines)
    end = 0
    while True:
        lines.held.clear()
        try:
            values = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            report.rows += 1
            report.reject(end + 1, _not_csv(exc, end + 1, reader.line_num))
            end = reader.line_num
            continue
        start, end = end + 1, reader.line_num
        yield start, end, values


def _not_csv(exc: csv.Error, line: int, last_line: int) -> ValidationError:
    """The reader's complaint about the record on ``line`` to ``last_line``, in words."""
    text = str(exc)
    if text.startswith("field larger than field limit"):
        limit = f"{csv.field_size_limit():,}"
        if last_line > line:
            return ValidationError(
                "row",
                N_(
                    "the quote opened on line {line} is not closed: lines {line} to {last_line} "
                    "were read as one field until it passed {limit} characters, and not imported"
                ),
                line=line,
                last_line=last_line,
                limit=limit,
            )
        return ValidationError("row", N_("has a field longer than {limit} characters"), limit=limit)
    if text.startswith("new-line character seen in unquoted field"):
        return ValidationError("row", N_("has a lone CR or LF inside a field not in double quotes"))
    return ValidationError("row", N_("is not valid CSV: {exc}"), exc=exc)


def read_header(path: str | Path) -> tuple[HeaderColumn, ...]:
    """The file's columns and what the import reads each as, refusing the file for the
    reasons an import would (unreadable, UTF-16 or binary, empty, a bad header)."""
    path = Path(path)
    report = _Tally(file=str(path))
    with _open(path) as handle:
        lines = _lines(path, handle)
        cells = _header_cells(path, _records(lines, report), lines)
    names = _header(path, cells, report)
    return tuple(HeaderColumn(c.strip(), n, _use(n)) for c, n in zip(cells, names, strict=True))


def import_customers(
    ctx: ServiceContext,
    path: str | Path,
    progress: Progress | None = None,
    *,
    dry_run: bool = False,
    cancel: Cancel | None = None,
    on_row: RowListener | None = None,
) -> ImportReport:
    """Import a customers CSV file; ``progress(bytes_done, bytes_total)`` follows each chunk.

    ``dry_run`` writes each chunk and rolls it back, so the report is what an import would
    do; ``cancel()`` is asked after each committed chunk and True stops there (the report says
    ``cancelled``); ``on_row`` hears each row's outcome as it is known (rejections while
    reading come before the chunk's writes, so not in line order).
    """
    require(ctx, Action.IMPORT_CUSTOMERS)
    importer = _Importer(ctx, Path(path), progress, dry_run=dry_run, cancel=cancel, on_row=on_row)
    return importer.run()
