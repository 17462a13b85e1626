"""Keyboard shortcuts: one table of defaults, overridable from the config file."""

from __future__ import annotations

from collections.abc import Mapping

DEFAULTS: dict[str, tuple[str, str]] = {
    "answer": ("Ctrl+Return", "Answer the ringing call"),
    "reject": ("Ctrl+Shift+Backspace", "Reject the ringing call"),
    "hangup": ("Ctrl+Shift+E", "Hang up"),
    "hold": ("Ctrl+Shift+H", "Hold / resume"),
    "mute": ("Ctrl+Shift+M", "Mute / unmute"),
    "transfer": ("Ctrl+Shift+T", "Blind transfer"),
    "consult": ("Ctrl+Shift+C", "Consult a colleague (the caller holds)"),
    "complete": ("Ctrl+Shift+J", "Complete the transfer to the consulted colleague"),
    "dial": ("Ctrl+D", "Go to the dial box"),
    "search": ("Ctrl+F", "Go to the search box"),
    "save_log": ("Ctrl+S", "Save the call log"),
    "save_ready": ("Ctrl+Shift+S", "Save the call log and become Ready"),
    "extend": ("Ctrl+Shift+X", "Extend wrap-up by 30 seconds"),
    "new_request": ("Ctrl+N", "New service request"),
    "callback": ("Ctrl+B", "Schedule a callback"),
    "edit_customer": ("Ctrl+E", "Edit the customer on screen"),
    "manual_log": ("Ctrl+L", "Log a call made outside the softphone"),
    "conflicts": ("Ctrl+Shift+K", "Sync conflicts to settle"),
    "refused": ("Ctrl+Shift+R", "Changes the shared database refused"),
    "ready": ("F9", "Become Ready"),
    "not_ready": ("F10", "Go Not ready"),
    "offline": ("Ctrl+Shift+O", "Go offline / back online"),
    "sign_out": ("Ctrl+Shift+Q", "Sign out (optionally forgetting stored passwords)"),
    "settings": ("Ctrl+,", "Settings…"),
    "supervisor": ("Ctrl+Shift+V", "Supervisor view"),
}


def resolve(overrides: Mapping[str, str]) -> dict[str, str]:
    """The key sequence for every action; unknown action names are an error worth seeing."""
    unknown = set(overrides) - set(DEFAULTS)
    if unknown:
        raise ValueError(f"unknown shortcut action(s): {', '.join(sorted(unknown))}")
    return {name: overrides.get(name, keys) for name, (keys, _what) in DEFAULTS.items()}
