"""Errors the services raise: a marked English template (``code``) and its parameters, worded
in the reader's language when read (``message``, ``str``), by ``callcenter.platform.messages``."""

from __future__ import annotations

from callcenter.platform.messages import N_, words

#: Field names as a message names them (``phone: ... is not a phone number``), marked.
FIELDS = {
    "code": N_("code"),
    "label": N_("label"),
    "name": N_("name"),
    "phone": N_("phone"),
    "phones": N_("phones"),
    "email": N_("email"),
    "emails": N_("emails"),
    "contact": N_("contact"),
    "title": N_("title"),
    "external_id": N_("external_id"),
    "display_name": N_("display_name"),
    "password": N_("password"),
    "role": N_("role"),
    "subject": N_("subject"),
    "description": N_("description"),
    "notes": N_("notes"),
    "disposition": N_("disposition"),
    "due": N_("due"),
    "due_from": N_("due_from"),
    "due_until": N_("due_until"),
    "priority": N_("priority"),
    "status": N_("status"),
    "category": N_("category"),
    "queue": N_("queue"),
    "assignee": N_("assignee"),
    "resolution": N_("resolution"),
    "reason": N_("reason"),
    "row": N_("row"),
    "assignee_id": N_("assignee_id"),
    "queue_id": N_("queue_id"),
    "customers": N_("customers"),
    "owner": N_("owner"),
    "phone_number": N_("phone_number"),
    "city": N_("city"),
    "region": N_("region"),
    "company_name": N_("company_name"),
    "industry": N_("industry"),
    "tags": N_("tags"),
    "lifecycle_stage": N_("lifecycle_stage"),
    "value_tier": N_("value_tier"),
    "kind": N_("kind"),
    "body": N_("body"),
    "steps": N_("steps"),
    "expires_at": N_("expires_at"),
    "entity_id": N_("entity_id"),
    "labels": N_("labels"),
    "active": N_("active"),
    "sla_hours": N_("sla_hours"),
    "default_priority": N_("default_priority"),
    "default_queue_id": N_("default_queue_id"),
    "wrap_up_seconds": N_("wrap_up_seconds"),
    "service_level_seconds": N_("service_level_seconds"),
    "service_level_target_percent": N_("service_level_target_percent"),
    "dialled_number": N_("dialled_number"),
    "unit_price_minor": N_("unit_price_minor"),
    "currency": N_("currency"),
    "requires_notes": N_("requires_notes"),
    "other_id": N_("other_id"),
}


class ServiceError(Exception):
    """Base of every error a service reports to its caller."""

    def __init__(self, code: str = "", /, **params: object) -> None:
        super().__init__(code)
        self.code = code
        self.params = params

    @property
    def message(self) -> str:
        return words(self.code, self.params)

    def __str__(self) -> str:
        return self.message


class ValidationError(ServiceError):
    """Input that cannot be saved; ``field`` names the field so a form can point at it."""

    def __init__(self, field: str, code: str, /, **params: object) -> None:
        super().__init__(code, **params)
        self.field = field

    def __str__(self) -> str:
        field = words(FIELDS[self.field]) if self.field in FIELDS else self.field
        return words(N_("{field}: {message}"), {"field": field, "message": self.message})


class NotFoundError(ServiceError):
    pass


class PermissionDeniedError(ServiceError):
    pass


class FieldPermissionError(PermissionDeniedError, ValidationError):
    """A refusal about one field (only a supervisor may set it): a form shows it on that
    field, and it is a refusal like any other ``PermissionDeniedError``."""


class ConflictError(ServiceError):
    """The record changed since it was read; reload and try again."""


class ConfigError(ServiceError):
    pass
