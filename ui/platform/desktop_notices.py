"""Desktop notifications through the freedesktop notification service
(``org.freedesktop.Notifications`` on the session bus), with actions the agent can press in
the notice itself: Answer and Reject a ringing call while the window is behind another.

QtDBus is not used: PySide6 cannot marshal an unsigned 32-bit integer (a Python int goes as
``i``, and ``QDBusArgument << int`` picks ``quint16``), so ``Notify(susssasa{sv}i)`` is refused
by every server. jeepney (installed for keyring's Secret Service) writes the signature as
given; its socket is read by a QSocketNotifier on the GUI thread, so no thread is added and
every signal arrives in the event loop like any other input. Servers send ActionInvoked only to
the connection that sent Notify, so one connection does both.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from jeepney import DBusAddress, HeaderFields, MatchRule, MessageType, message_bus, new_method_call
from jeepney.io.blocking import DBusConnection, open_dbus_connection
from PySide6.QtCore import QObject, QSocketNotifier, Signal

log = logging.getLogger(__name__)

SERVICE = DBusAddress(
    "/org/freedesktop/Notifications",
    bus_name="org.freedesktop.Notifications",
    interface="org.freedesktop.Notifications",
)
#: The notification spec's urgency hint: 2 is critical (not dismissed on its own).
URGENCY = {"normal": 1, "critical": 2}
#: How long (s) the bus and the service may take to answer at start; the desk must not hang.
START_TIMEOUT = 1.0


class DesktopNotices(QObject):
    """Notices by a key of the caller's choosing (``"call:c1"``); showing a key again replaces
    its notice, and closing it takes it off the screen.

    Signals (GUI thread):
        action(str, str): the agent pressed an action (key, action key; ``"default"`` is a
            click on the notice itself).
        closed(str): the notice went away (expired, dismissed, or closed by us).
    """

    action = Signal(str, str)
    closed = Signal(str)

    def __init__(self, app_name: str, icon: str = "", parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.app_name = app_name
        self.icon = icon
        #: What the service can do (``actions``, ``body-markup``…); empty when there is none.
        self.capabilities: frozenset[str] = frozenset()
        #: Why there is no service, for the settings and the log ("" when there is one).
        self.unavailable = ""
        self._conn: DBusConnection | None = None
        self._reader: QSocketNotifier | None = None
        self._pending: dict[int, str] = {}
        self._ids: dict[str, int] = {}
        self._keys: dict[int, str] = {}
        try:
            self._connect()
        except (OSError, TimeoutError, KeyError, ValueError, RuntimeError) as exc:
            self._drop(f"no notification service on the session bus ({exc})")

    @property
    def available(self) -> bool:
        return self._conn is not None

    @property
    def has_actions(self) -> bool:
        return "actions" in self.capabilities

    def _connect(self) -> None:
        conn = open_dbus_connection(bus="SESSION", auth_timeout=START_TIMEOUT)
        self._conn = conn
        reply = conn.send_and_get_reply(
            new_method_call(SERVICE, "GetCapabilities"), timeout=START_TIMEOUT
        )
        if reply.header.message_type == MessageType.error:
            raise RuntimeError(str(reply.body[0]) if reply.body else "GetCapabilities failed")
        self.capabilities = frozenset(reply.body[0])
        for member in ("ActionInvoked", "NotificationClosed"):
            rule = MatchRule(
                type="signal", interface=SERVICE.interface, member=member, path=SERVICE.object_path
            )
            conn.send(new_method_call(message_bus, "AddMatch", "s", (rule.serialise(),)))
        self._reader = QSocketNotifier(conn.sock.fileno(), QSocketNotifier.Type.Read, self)
        self._reader.activated.connect(self._read)

    def show(
        self,
        key: str,
        title: str,
        body: str,
        actions: Sequence[tuple[str, str]] = (),
        *,
        critical: bool = False,
        timeout_ms: int = -1,
    ) -> bool:
        """Show (or replace) the notice ``key``; False when there is no service to show it.

        ``actions`` are (action key, label) pairs; ``timeout_ms`` 0 keeps it until closed.
        """
        if self._conn is None:
            return False
        flat = [part for pair in actions for part in pair] if self.has_actions else []
        hints: dict[str, tuple[str, Any]] = {
            "urgency": ("y", URGENCY["critical" if critical else "normal"]),
            "desktop-entry": ("s", "callcenter"),
        }
        if critical:
            hints["category"] = ("s", "call.incoming")
        message = new_method_call(
            SERVICE,
            "Notify",
            "susssasa{sv}i",
            (self.app_name, self._ids.get(key, 0), self.icon, title, body, flat, hints, timeout_ms),
        )
        serial = self._send(message)
        if serial is None:
            return False
        self._pending[serial] = key
        return True

    def close(self, key: str) -> None:
        """Take the notice off the screen (the call was answered, or it ended)."""
        notice_id = self._ids.get(key)
        if notice_id is not None and self._conn is not None:
            self._send(new_method_call(SERVICE, "CloseNotification", "u", (notice_id,)))

    def _send(self, message: Any) -> int | None:
        assert self._conn is not None
        serial = next(self._conn.outgoing_serial)
        try:
            self._conn.send(message, serial=serial)
        except OSError as exc:
            self._drop(f"the notification service went away ({exc})")
            return None
        return serial

    def _read(self) -> None:
        """Every whole message the socket holds now; a partial one waits for the next read."""
        while self._conn is not None:
            try:
                message = self._conn.receive(timeout=0)
            except TimeoutError:
                return
            except (OSError, ValueError) as exc:
                self._drop(f"the session bus closed ({exc})")
                return
            self._dispatch(message)

    def _dispatch(self, message: Any) -> None:
        header = message.header
        if header.message_type in (MessageType.method_return, MessageType.error):
            key = self._pending.pop(header.fields.get(HeaderFields.reply_serial, -1), None)
            if key is None:
                return
            if header.message_type == MessageType.error:
                log.warning("the notification service refused a notice: %s", message.body)
                return
            notice_id = int(message.body[0])
            self._ids[key] = notice_id
            self._keys[notice_id] = key
        elif header.message_type == MessageType.signal:
            member = header.fields.get(HeaderFields.member)
            notice_id = int(message.body[0])
            key = self._keys.get(notice_id)
            if key is None:
                return
            if member == "ActionInvoked":
                self.action.emit(key, str(message.body[1]))
            elif member == "NotificationClosed":
                del self._keys[notice_id]
                if self._ids.get(key) == notice_id:
                    del self._ids[key]
                self.closed.emit(key)

    def _drop(self, why: str) -> None:
        log.info("desktop notifications off: %s", why)
        self.unavailable = why
        if self._reader is not None:
            self._reader.setEnabled(False)
            self._reader = None
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def shutdown(self) -> None:
        """Close what is shown and the connection (the desk is closing)."""
        for key in list(self._ids):
            self.close(key)
        if self._conn is not None:
            self._drop("closed")
