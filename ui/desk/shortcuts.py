"""Keyboard shortcuts: one table of defaults, overridable from the config file."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QT_TRANSLATE_NOOP

#: Action name -> (default keys, what it does: marked for the "Shortcuts" context).
DEFAULTS: dict[str, tuple[str, str]] = {
    "answer": ("Ctrl+Return", QT_TRANSLATE_NOOP("Shortcuts", "Answer the ringing call")),
    "reject": ("Ctrl+Shift+Backspace", QT_TRANSLATE_NOOP("Shortcuts", "Reject the ringing call")),
    "hangup": ("Ctrl+Shift+E", QT_TRANSLATE_NOOP("Shortcuts", "Hang up")),
    "hold": ("Ctrl+Shift+H", QT_TRANSLATE_NOOP("Shortcuts", "Hold / resume")),
    "mute": ("Ctrl+Shift+M", QT_TRANSLATE_NOOP("Shortcuts", "Mute / unmute")),
    "transfer": ("Ctrl+Shift+T", QT_TRANSLATE_NOOP("Shortcuts", "Blind transfer")),
    "consult": (
        "Ctrl+Shift+C",
        QT_TRANSLATE_NOOP("Shortcuts", "Consult a colleague (the caller holds)"),
    ),
    "complete": (
        "Ctrl+Shift+J",
        QT_TRANSLATE_NOOP("Shortcuts", "Complete the transfer to the consulted colleague"),
    ),
    "dial": ("Ctrl+D", QT_TRANSLATE_NOOP("Shortcuts", "Go to the dial box")),
    "search": ("Ctrl+F", QT_TRANSLATE_NOOP("Shortcuts", "Go to the search box")),
    "save_log": ("Ctrl+S", QT_TRANSLATE_NOOP("Shortcuts", "Save the call log")),
    "save_ready": (
        "Ctrl+Shift+S",
        QT_TRANSLATE_NOOP("Shortcuts", "Save the call log and become Ready"),
    ),
    "extend": ("Ctrl+Shift+X", QT_TRANSLATE_NOOP("Shortcuts", "Extend wrap-up by 30 seconds")),
    "new_request": ("Ctrl+N", QT_TRANSLATE_NOOP("Shortcuts", "New service request")),
    "callback": ("Ctrl+B", QT_TRANSLATE_NOOP("Shortcuts", "Schedule a callback")),
    "edit_customer": ("Ctrl+E", QT_TRANSLATE_NOOP("Shortcuts", "Edit the customer on screen")),
    "manual_log": (
        "Ctrl+L",
        QT_TRANSLATE_NOOP("Shortcuts", "Log a call made outside the softphone"),
    ),
    "conflicts": ("Ctrl+Shift+K", QT_TRANSLATE_NOOP("Shortcuts", "Sync conflicts to settle")),
    "refused": (
        "Ctrl+Shift+R",
        QT_TRANSLATE_NOOP("Shortcuts", "Changes the shared database refused"),
    ),
    "ready": ("F9", QT_TRANSLATE_NOOP("Shortcuts", "Become Ready")),
    "not_ready": ("F10", QT_TRANSLATE_NOOP("Shortcuts", "Go Not ready")),
    "offline": ("Ctrl+Shift+O", QT_TRANSLATE_NOOP("Shortcuts", "Go offline / back online")),
    "sign_out": (
        "Ctrl+Shift+Q",
        QT_TRANSLATE_NOOP("Shortcuts", "Sign out (optionally forgetting stored passwords)"),
    ),
    "settings": ("Ctrl+,", QT_TRANSLATE_NOOP("Shortcuts", "Settings…")),
    "supervisor": ("Ctrl+Shift+V", QT_TRANSLATE_NOOP("Shortcuts", "Supervisor view")),
}


def resolve(overrides: Mapping[str, str]) -> dict[str, str]:
    """The key sequence for every action; unknown action names are an error worth seeing."""
    unknown = set(overrides) - set(DEFAULTS)
    if unknown:
        raise ValueError(f"unknown shortcut action(s): {', '.join(sorted(unknown))}")
    return {name: overrides.get(name, keys) for name, (keys, _what) in DEFAULTS.items()}
