"""The audit trail's actions and record kinds in words: the services write them as short
English keys ("set role", "sr_category"); the viewer shows them in the reader's language. A
key not listed (a later service's) is shown as it is stored, readable if not translated."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

CONTEXT = "AuditWords"
WORDS: dict[str, str] = {
    # Actions.
    "acknowledge": QT_TRANSLATE_NOOP("AuditWords", "acknowledged"),
    "add contact": QT_TRANSLATE_NOOP("AuditWords", "added a contact"),
    "add e-mail": QT_TRANSLATE_NOOP("AuditWords", "added an e-mail address"),
    "attach number": QT_TRANSLATE_NOOP("AuditWords", "added a number"),
    "attempt": QT_TRANSLATE_NOOP("AuditWords", "tried a callback"),
    "complete": QT_TRANSLATE_NOOP("AuditWords", "finished"),
    "create": QT_TRANSLATE_NOOP("AuditWords", "created"),
    "create user": QT_TRANSLATE_NOOP("AuditWords", "created a person"),
    "disable user": QT_TRANSLATE_NOOP("AuditWords", "disabled a person"),
    "discard_refused": QT_TRANSLATE_NOOP("AuditWords", "discarded a refused change"),
    "edit": QT_TRANSLATE_NOOP("AuditWords", "changed"),
    "edit contact": QT_TRANSLATE_NOOP("AuditWords", "changed a contact"),
    "enable user": QT_TRANSLATE_NOOP("AuditWords", "enabled a person"),
    "export": QT_TRANSLATE_NOOP("AuditWords", "exported"),
    "export audit": QT_TRANSLATE_NOOP("AuditWords", "exported the audit trail"),
    "join queue": QT_TRANSLATE_NOOP("AuditWords", "joined a queue"),
    "leave queue": QT_TRANSLATE_NOOP("AuditWords", "left a queue"),
    "merge": QT_TRANSLATE_NOOP("AuditWords", "merged"),
    "post": QT_TRANSLATE_NOOP("AuditWords", "posted"),
    "reassign": QT_TRANSLATE_NOOP("AuditWords", "reassigned"),
    "rehome": QT_TRANSLATE_NOOP("AuditWords", "moved to the merged record"),
    "remove": QT_TRANSLATE_NOOP("AuditWords", "removed"),
    "remove contact": QT_TRANSLATE_NOOP("AuditWords", "removed a contact"),
    "reset password": QT_TRANSLATE_NOOP("AuditWords", "reset a password"),
    "retry_refused": QT_TRANSLATE_NOOP("AuditWords", "retried a refused change"),
    "schedule": QT_TRANSLATE_NOOP("AuditWords", "scheduled"),
    "set role": QT_TRANSLATE_NOOP("AuditWords", "changed a role"),
    "sign_in": QT_TRANSLATE_NOOP("AuditWords", "signed in"),
    "state": QT_TRANSLATE_NOOP("AuditWords", "changed state"),
    "undo changes": QT_TRANSLATE_NOOP("AuditWords", "undid changes"),
    "withdraw": QT_TRANSLATE_NOOP("AuditWords", "withdrew"),
    # Record kinds.
    "agent": QT_TRANSLATE_NOOP("AuditWords", "agent"),
    "announcement": QT_TRANSLATE_NOOP("AuditWords", "announcement"),
    "audit": QT_TRANSLATE_NOOP("AuditWords", "audit trail"),
    "call_script": QT_TRANSLATE_NOOP("AuditWords", "call script"),
    "callback": QT_TRANSLATE_NOOP("AuditWords", "callback"),
    "customer": QT_TRANSLATE_NOOP("AuditWords", "customer"),
    "customers": QT_TRANSLATE_NOOP("AuditWords", "customers"),
    "disposition_code": QT_TRANSLATE_NOOP("AuditWords", "disposition"),
    "interaction": QT_TRANSLATE_NOOP("AuditWords", "call or contact"),
    "knowledge_article": QT_TRANSLATE_NOOP("AuditWords", "knowledge article"),
    "not_ready_reason": QT_TRANSLATE_NOOP("AuditWords", "not-ready reason"),
    "outbox": QT_TRANSLATE_NOOP("AuditWords", "refused change"),
    "product": QT_TRANSLATE_NOOP("AuditWords", "product"),
    "queue": QT_TRANSLATE_NOOP("AuditWords", "queue"),
    "service_request": QT_TRANSLATE_NOOP("AuditWords", "service request"),
    "sr_category": QT_TRANSLATE_NOOP("AuditWords", "request category"),
    "person": QT_TRANSLATE_NOOP("AuditWords", "person"),
    "user": QT_TRANSLATE_NOOP("AuditWords", "person"),
}


def audit_word(key: str | None) -> str:
    """An action or record kind in the reader's language (unknown keys as stored)."""
    if not key:
        return ""
    text = WORDS.get(key)
    return QCoreApplication.translate(CONTEXT, text) if text else key
