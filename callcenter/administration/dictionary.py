"""The data dictionary: dispositions, request categories, not-ready reasons, queues, products.

One editor for five tables, each described by a ``Kind``: its model, its key column (the code
calls, logs and the PBX's ``X-Queue`` header name it by), its label, and the fields only it
has. Entries are added, changed or retired (``active`` false), never deleted: old calls and
requests still name them. Queues have no retirement (calls still arrive for a queue the PBX
names); a queue leaves service when the PBX stops naming it. Labels in other languages sit in
the entry's ``labels`` JSON beside the source label (``callcenter.platform.language``).
"""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from callcenter.platform import audit
from callcenter.platform.context import ServiceContext
from callcenter.platform.directory import Code
from callcenter.platform.errors import ValidationError
from callcenter.platform.messages import N_
from callcenter.platform.permissions import Action, require
from db.enums import Priority
from db.models import DispositionCode, NotReadyReason, Product, Queue, SRCategory

MAX_CODE = 32
MAX_LABEL = 200
#: Codes and queue names are lower-case words joined by ``-`` or ``_``: they travel in SIP
#: headers, CSV files and reports. SKUs keep their case.
CODE = re.compile(r"[a-z0-9][a-z0-9_-]*")
SKU = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*")
#: The languages an entry may carry words in besides its source label.
LANGUAGES = ("zh_CN",)


def _whole(value: Any, field: str, low: int, high: int, *, empty: bool = False) -> int | None:
    if value is None or value == "":
        if empty:
            return None
        raise ValidationError(field, N_("is required"))
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise ValidationError(
            field, N_("must be a whole number from {low} to {high}"), low=low, high=high
        )
    return value


def _flag(value: Any, field: str) -> bool:
    if not isinstance(value, bool):
        raise ValidationError(field, N_("must be yes or no"))
    return value


def _priority(value: Any, field: str) -> Priority | None:
    if value is None or value == "":
        return None
    try:
        return Priority(value)
    except ValueError:
        raise ValidationError(field, N_("{value!r} is not a priority"), value=value) from None


def _text(value: Any, field: str, most: int, *, empty: bool = True) -> str | None:
    text = " ".join(str(value or "").split())
    if not text:
        if empty:
            return None
        raise ValidationError(field, N_("is required"))
    if len(text) > most:
        raise ValidationError(field, N_("is longer than {most} characters"), most=most)
    return text


def _currency(value: Any, field: str) -> str:
    text = str(value or "").strip().upper()
    if not re.fullmatch(r"[A-Z]{3}", text):
        raise ValidationError(field, N_("is three letters (ISO 4217), e.g. GBP or CNY"))
    return text


def _queue_id(value: Any, field: str) -> uuid.UUID | None:
    if value is None or value == "":
        return None
    if isinstance(value, uuid.UUID):
        return value
    raise ValidationError(field, N_("is not a queue"))


#: A field's check: (value, field name) -> the value to store.
Check = Callable[[Any, str], Any]


@dataclass(frozen=True)
class Kind:
    """One table of the dictionary as the editor and the service see it."""

    model: Any
    #: What the audit trail calls an entry of this kind.
    entity: str
    #: The column that names an entry, and its pattern.
    key: str
    key_pattern: re.Pattern[str]
    #: The column holding the entry's words in the source language.
    label: str
    #: Field name -> (default for a new entry, check).
    fields: Mapping[str, tuple[Any, Check]]
    retires: bool = True
    labelled: bool = True


KINDS: dict[str, Kind] = {
    "disposition": Kind(
        DispositionCode,
        "disposition_code",
        "code",
        CODE,
        "label",
        {"requires_notes": (False, _flag)},
    ),
    "category": Kind(
        SRCategory,
        "sr_category",
        "code",
        CODE,
        "label",
        {
            "sla_hours": (24, lambda v, f: _whole(v, f, 1, 8760)),
            "default_priority": (None, _priority),
            "default_queue_id": (None, _queue_id),
        },
    ),
    "reason": Kind(NotReadyReason, "not_ready_reason", "code", CODE, "label", {}),
    "queue": Kind(
        Queue,
        "queue",
        "name",
        CODE,
        "display_name",
        {
            "dialled_number": (None, lambda v, f: _text(v, f, 32)),
            "service_level_seconds": (20, lambda v, f: _whole(v, f, 1, 3600)),
            "service_level_target_percent": (80, lambda v, f: _whole(v, f, 1, 100)),
            "wrap_up_seconds": (None, lambda v, f: _whole(v, f, 0, 3600, empty=True)),
            "protect_wrap_up": (False, _flag),
            "outcome_required": (True, _flag),
        },
        retires=False,
    ),
    "product": Kind(
        Product,
        "product",
        "sku",
        SKU,
        "name",
        {
            "unit_price_minor": (0, lambda v, f: _whole(v, f, 0, 10**12)),
            "currency": ("GBP", _currency),
        },
        labelled=False,
    ),
}


@dataclass(frozen=True)
class Entry:
    """An entry as the editor shows it: inactive ones too, with its words per language."""

    kind: str
    id: uuid.UUID
    code: str
    label: str
    #: Language -> words (``{"zh_CN": "..."}``), only the languages it has.
    labels: Mapping[str, str]
    active: bool
    fields: Mapping[str, Any]


def _labels(row: Any) -> dict[str, str]:
    try:
        found = json.loads(getattr(row, "labels", None) or "{}")
    except ValueError:
        return {}
    if not isinstance(found, dict):
        return {}
    return {k: v for k, v in found.items() if isinstance(k, str) and isinstance(v, str)}


def _entry(name: str, kind: Kind, row: Any) -> Entry:
    return Entry(
        name,
        row.id,
        getattr(row, kind.key),
        getattr(row, kind.label),
        _labels(row) if kind.labelled else {},
        bool(getattr(row, "active", True)),
        {field: getattr(row, field) for field in kind.fields},
    )


def _kind(name: str) -> Kind:
    kind = KINDS.get(name)
    if kind is None:
        raise ValidationError("kind", N_("{kind!r} is not part of the dictionary"), kind=name)
    return kind


def entries(ctx: ServiceContext, kind: str) -> list[Entry]:
    """Every entry of one kind, retired ones included, in key order."""
    spec = _kind(kind)
    model = spec.model
    with ctx.sessions() as s:
        rows = s.scalars(
            select(model).where(model.deleted.is_(False)).order_by(getattr(model, spec.key))
        )
        return [_entry(kind, spec, row) for row in rows]


def _clean_key(spec: Kind, code: str) -> str:
    key = code.strip()
    if spec.key_pattern is CODE:
        key = key.lower()
    most = 64 if spec.key == "sku" else MAX_CODE
    if not key or len(key) > most or not spec.key_pattern.fullmatch(key):
        raise ValidationError(
            "code",
            N_("use 1 to {max_code} letters, digits, - or _, starting with a letter or digit"),
            max_code=most,
        )
    return key


def _clean_labels(spec: Kind, row: Any, labels: Mapping[str, str] | None) -> str | None:
    """The entry's labels JSON: the given languages set (empty words remove one), the
    others it had kept."""
    if not spec.labelled:
        return None
    merged = _labels(row) if row is not None else {}
    for language, words in (labels or {}).items():
        if language not in LANGUAGES:
            raise ValidationError("labels", N_("{language!r} is not a language"), language=language)
        text = _text(words, "labels", MAX_LABEL)
        if text is None:
            merged.pop(language, None)
        else:
            merged[language] = text
    return json.dumps(merged, ensure_ascii=False, sort_keys=True) if merged else None


def _after(
    session: Session,
    spec: Kind,
    row: Any,
    words: str | None,
    fields: Mapping[str, Any],
    *,
    active: bool,
    labels: Mapping[str, str] | None,
) -> dict[str, Any]:
    """The entry's checked values: the given fields, a new entry's defaults for the rest."""
    after: dict[str, Any] = {spec.label: words}
    for field, (default, check) in spec.fields.items():
        if field in fields:
            after[field] = check(fields[field], field)
        elif row is None:
            after[field] = default
    if after.get("default_queue_id") is not None:
        queue = session.get(Queue, after["default_queue_id"])
        if queue is None or queue.deleted:
            raise ValidationError("default_queue_id", N_("is not a queue"))
    if spec.retires:
        after["active"] = active
    if spec.labelled:
        after["labels"] = _clean_labels(spec, row, labels)
    return after


def save_entry(
    ctx: ServiceContext,
    kind: str,
    code: str,
    label: str,
    *,
    labels: Mapping[str, str] | None = None,
    active: bool = True,
    **fields: Any,
) -> Entry:
    """Add the entry named ``code``, or change it; fields not given keep their value (a new
    entry takes the kind's defaults). Audited with what changed."""
    require(ctx, Action.EDIT_DICTIONARY)
    spec = _kind(kind)
    unknown = set(fields) - set(spec.fields)
    if unknown:
        raise ValidationError(sorted(unknown)[0], N_("is not a field of {kind}"), kind=kind)
    key = _clean_key(spec, code)
    words = _text(label, "label", MAX_LABEL, empty=False)
    if not spec.retires and not active:
        raise ValidationError("active", N_("a queue is not retired: the PBX stops naming it"))
    model = spec.model
    with ctx.sessions.begin() as session:
        row = session.scalar(select(model).where(getattr(model, spec.key) == key))
        after = _after(session, spec, row, words, fields, active=active, labels=labels)
        if row is None:
            row = model(**{spec.key: key}, updated_by=ctx.actor_id, **after)
            session.add(row)
            before = None
        else:
            if row.deleted:
                raise ValidationError("code", N_("{code!r} was removed"), code=key)
            before = {k: getattr(row, k) for k in after}
            changed = {k: v for k, v in after.items() if before[k] != v}
            if not changed:
                return _entry(kind, spec, row)
            before = {k: before[k] for k in changed}
            after = changed
            for field, value in changed.items():
                setattr(row, field, value)
            row.updated_by = ctx.actor_id
        session.flush()
        audit.record(
            session,
            ctx,
            "create" if before is None else "edit",
            spec.entity,
            row.id,
            before=before,
            after={spec.key: key, **after},
        )
        return _entry(kind, spec, row)


def save_disposition(
    ctx: ServiceContext,
    code: str,
    label: str,
    *,
    requires_notes: bool = False,
    active: bool = True,
) -> Code:
    """Add the code, or change its label, whether it needs notes, and whether it is offered."""
    entry = save_entry(
        ctx, "disposition", code, label, active=active, requires_notes=requires_notes
    )
    return Code(entry.code, entry.label)
