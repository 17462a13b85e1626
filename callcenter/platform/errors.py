"""Errors the services raise, each with a message fit to show a user."""

from __future__ import annotations


class ServiceError(Exception):
    """Base of every error a service reports to its caller."""


class ValidationError(ServiceError):
    """Input that cannot be saved; ``field`` names the field so a form can point at it."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


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
