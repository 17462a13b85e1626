"""Notices through a real freedesktop notification service (dunst on a private session bus):
shown, replaced, closed, and their actions pressed the way a person presses them."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from tests.helpers.notification_service import NotificationService
from ui.platform.desktop_notices import DesktopNotices

RING = (("default", "Answer"), ("answer", "Answer"), ("reject", "Reject"))


@pytest.fixture
def notices(desktop_notifications: NotificationService) -> DesktopNotices:
    shown = DesktopNotices("Call center test")
    assert shown.available, shown.unavailable
    assert shown.has_actions  # dunst offers actions
    return shown


def test_a_click_on_the_notice_is_its_default_action(
    qtbot: QtBot, notices: DesktopNotices, desktop_notifications: NotificationService
) -> None:
    assert notices.show("call:c1", "Incoming call", "Ann Lee — support", RING, critical=True)
    desktop_notifications.wait_displayed(1)
    with qtbot.waitSignal(notices.action, timeout=5000) as pressed:
        desktop_notifications.click()
    assert pressed.args == ["call:c1", "default"]


def test_reject_is_chosen_from_the_notices_actions(
    qtbot: QtBot, notices: DesktopNotices, desktop_notifications: NotificationService
) -> None:
    notices.show("call:c2", "Incoming call", "Bo — sales", RING, critical=True, timeout_ms=0)
    desktop_notifications.wait_displayed(1)
    with qtbot.waitSignal(notices.action, timeout=5000) as pressed:
        desktop_notifications.choose("Reject")
    assert pressed.args == ["call:c2", "reject"]


def test_a_key_shown_again_replaces_its_notice_and_close_removes_it(
    qtbot: QtBot, notices: DesktopNotices, desktop_notifications: NotificationService
) -> None:
    notices.show("notice:Callback due", "Callback due", "+44 20 7946 0958: refund")
    qtbot.waitUntil(lambda: "notice:Callback due" in notices._ids, timeout=5000)
    notices.show("notice:Callback due", "Callback due", "+44 20 7946 0111: invoice")
    qtbot.wait(200)
    assert desktop_notifications.displayed() == 1
    with qtbot.waitSignal(notices.closed, timeout=5000) as closed:
        notices.close("notice:Callback due")
    assert closed.args == ["notice:Callback due"]
    desktop_notifications.wait_displayed(0)


def test_without_a_service_nothing_is_shown_and_the_reason_is_kept(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, tmp_path: object
) -> None:
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/bus")
    notices = DesktopNotices("Call center test")
    assert not notices.available
    assert "no notification service" in notices.unavailable
    assert notices.show("call:c3", "Incoming call", "x", RING) is False
