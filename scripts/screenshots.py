"""Screenshots of the desktop's main states, made from the real demo.

Usage, on a real X display (the committed ones are made so):
    Xvfb :58 -screen 0 1920x1080x24 & DISPLAY=:58 openbox &
    DISPLAY=:58 QT_QPA_PLATFORM=xcb .venv/bin/python scripts/screenshots.py [OUT_DIR]
or offscreen: QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/screenshots.py [OUT_DIR]

Runs the demo (its own folder, demo data, the loopback softphone), places real simulated
SIP calls and saves idle, ringing with pop, on call with the log, unknown caller, shared
number chooser, callbacks due and the SR editor at 1366x768 (and the pop at 1920x1080).
"""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
import time
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QWidget

from callcenter.demo.calls import DemoCaller
from callcenter.sync.stores import first_sync
from callcenter.work.callbacks import NewCallback, schedule_callback
from ui.app import build
from ui.commands import DEMO_AGENT, demo_phone, prepare_demo
from ui.demo import menu as demo_menu
from ui.desk.window import MainWindow


def pump_until(condition: object, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():  # type: ignore[operator]
        if time.monotonic() > deadline:
            raise TimeoutError("the desktop did not get there in time")
        QCoreApplication.processEvents()
        time.sleep(0.01)


def save(widget: QWidget, out: Path, name: str) -> None:
    QCoreApplication.processEvents()
    widget.grab().save(str(out / name))
    print(f"wrote {out / name}")


def promise_callbacks(window: MainWindow) -> None:
    """Two callbacks of the agent's own, one overdue, so the due list has something to show."""
    ctx = window.desk.ctx
    assert ctx.actor is not None
    record = window.pages.record_view.record
    now = dt.datetime.now(dt.UTC)
    for start, reason in ((-40, "Promised a call back about the refund"), (20, "Confirm delivery")):
        schedule_callback(
            ctx,
            NewCallback(
                phone_number="+44 20 7946 0958",
                due_from=now + dt.timedelta(minutes=start),
                due_until=now + dt.timedelta(minutes=start + 30),
                reason=reason,
                customer_id=record.profile.id if record else None,
                owner_user_id=ctx.actor.user_id,
            ),
        )
    window.callbacks.refresh()


def sr_editor(window: MainWindow, out: Path) -> None:
    """The editor opened from "My open requests", as the agent would open it."""
    from ui.work.service_request_dialog import ServiceRequestDialog

    requests = window.requests.model
    if requests.rowCount():
        dialog = ServiceRequestDialog(window.desk.ctx, request=requests.record(0), parent=window)
        dialog.show()
        save(dialog, out, "sr-editor-from-desk.png")
        dialog.close()


def customer_editor(window: MainWindow, out: Path) -> None:
    """The editor on the record on screen: its profile, then its numbers."""
    from ui.crm.customer_dialog import CustomerDialog

    record = window.pages.record_view.record
    if record is None:
        return
    dialog = CustomerDialog(window.desk.ctx, record.profile.id, parent=window)
    dialog.show()
    save(dialog, out, "customer-editor.png")
    dialog.tabs.setCurrentIndex(1)
    save(dialog, out, "customer-editor-numbers.png")
    dialog.close()


def done_requests(window: MainWindow, out: Path) -> None:
    """A customer with resolved or closed requests, on their Done requests tab."""
    from sqlalchemy import select

    from db.enums import SRStatus
    from db.models import ServiceRequest

    with window.desk.ctx.sessions() as session:
        customer_id = session.scalar(
            select(ServiceRequest.customer_id)
            .where(
                ServiceRequest.status.in_((SRStatus.RESOLVED, SRStatus.CLOSED)),
                ServiceRequest.customer_id.is_not(None),
            )
            .limit(1)
        )
    if customer_id is None:
        return
    window.pages.open_customer(customer_id)
    tabs = window.pages.record_view.tabs
    for index in range(8):
        if tabs.tabText(index).startswith("Done requests"):
            tabs.setCurrentIndex(index)
            save(window, out, "done-requests.png")
            tabs.setCurrentIndex(0)
            return


def record_screens(window: MainWindow, out: Path) -> None:
    """From the chooser: the record chosen, its editor, and a record's Done requests."""
    window.pages.chooser.open_button.click()
    save(window, out, "chosen-with-way-back.png")
    customer_editor(window, out)
    done_requests(window, out)


def main() -> None:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("docs/screenshots")
    out.mkdir(parents=True, exist_ok=True)
    if QApplication.instance() is None:
        QApplication(sys.argv)
    folder = Path(tempfile.mkdtemp(prefix="cc-shots-"))
    config = prepare_demo(folder, 3000, 1)
    first_sync(config)
    running = build(config, DEMO_AGENT, lambda audio: demo_phone(config, audio))
    window, desk = running.window, running.desk
    phone = desk.phone
    assert phone is not None
    actions = demo_menu.install(window, phone)  # type: ignore[arg-type]
    window.resize(1366, 768)
    window.show()
    pump_until(lambda: "registered" in window.reg_label.text())
    desk.state.set_ready()
    save(window, out, "idle.png")

    def call(kind: DemoCaller) -> str:
        before = set(desk.calls)
        actions[kind].trigger()
        pump_until(lambda: set(desk.calls) - before)
        return next(iter(set(desk.calls) - before))

    call_id = call(DemoCaller.KNOWN)
    save(window, out, "ringing-pop.png")
    window.resize(1920, 1080)
    save(window, out, "ringing-pop-1920.png")
    window.resize(1366, 768)
    desk.answer(call_id)
    pump_until(lambda: window.call_panel.phase == "talking")
    window.log_panel.notes.setPlainText(
        "Customer asks about the last invoice; explained the late fee and agreed a refund."
    )
    window.log_panel.disposition.setCurrentIndex(1)
    save(window, out, "on-call-log.png")
    phone.hangup_simulated()  # type: ignore[attr-defined]
    pump_until(lambda: window.call_panel.phase == "ended")
    save(window, out, "wrap-up.png")
    window.log_panel.save_ready.click()

    call_id = call(DemoCaller.UNKNOWN)
    save(window, out, "unknown-caller.png")
    phone.hangup_simulated()  # type: ignore[attr-defined]
    pump_until(lambda: window.calls.current is None)

    call_id = call(DemoCaller.SHARED)
    save(window, out, "shared-number-chooser.png")
    record_screens(window, out)
    phone.hangup_simulated()  # type: ignore[attr-defined]
    pump_until(lambda: window.calls.current is None)

    promise_callbacks(window)
    save(window, out, "callbacks-due.png")

    sr_editor(window, out)
    window.hide()
    running.close()


if __name__ == "__main__":
    main()
