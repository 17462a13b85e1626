"""Screenshots of the desktop's main states, made from the real demo, in English and in Chinese.

Usage, on a real X display (the committed ones are made so):
    Xvfb :58 -screen 0 1920x1080x24 & DISPLAY=:58 openbox &
    DISPLAY=:58 QT_QPA_PLATFORM=xcb .venv/bin/python scripts/screenshots.py [--lang LANG] [OUT_DIR]
or offscreen: QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/screenshots.py [OUT_DIR]

Runs the demo (its own folder, demo data, the loopback softphone), places real simulated
SIP calls and saves idle, ringing with pop, on call with the log, unknown caller, shared
number chooser, callbacks due and the SR editor at 1366x768 (and the pop at 1920x1080), then
the back office as the demo's admin sees it (dictionary, people, audit trail, likely
duplicates, call scripts) and an announcement on the agent's window.

Each set is made in its own process (a process has one SIP endpoint): English into
``docs/screenshots`` (the interface in the system's language, as the demo starts by default),
and with ``--lang zh_CN`` the demo in 简体中文 (``callcenter demo --lang zh_CN``: the interface
and the dictionary in Chinese, a caller with a Chinese name, what the agent types in Chinese)
into ``docs/screenshots/zh_CN``. Without ``--lang`` both sets are made. Chinese needs a CJK
font (Debian ``fonts-noto-cjk``), or its text shows as empty boxes.
"""

from __future__ import annotations

import argparse
import datetime as dt
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QWidget

from callcenter.demo.calls import DemoCaller
from callcenter.sync.stores import first_sync
from callcenter.work.callbacks import NewCallback, schedule_callback
from ui.app import Running, build
from ui.commands import DEMO_AGENT, demo_phone, prepare_demo
from ui.demo import menu as demo_menu
from ui.desk.window import MainWindow

SHOTS = Path("docs/screenshots")
#: The languages of the sets: English is the default set (the system's language, as
#: ``callcenter demo`` starts by default), every other one gets a folder of its own.
LANGUAGES = ("en", "zh_CN")


@dataclass(frozen=True)
class Typed:
    """What the agent types in the screenshots, in the set's language."""

    notes: str
    callbacks: tuple[tuple[int, str], ...]
    callback_number: str


TYPED = {
    "en": Typed(
        notes="Customer asks about the last invoice; explained the late fee and agreed a refund.",
        callbacks=((-40, "Promised a call back about the refund"), (20, "Confirm delivery")),
        callback_number="+44 20 7946 0958",
    ),
    "zh_CN": Typed(
        notes="客户询问上一张发票；已解释滞纳金，并同意退款。",
        callbacks=((-40, "答应回电告知退款进度"), (20, "确认送货时间")),
        callback_number="+86 138 0013 8000",
    ),
}


def chinese(text: str) -> bool:
    return any("\u4e00" <= char <= "\u9fff" for char in text)


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


def promise_callbacks(window: MainWindow, typed: Typed) -> None:
    """Two callbacks of the agent's own, one overdue, so the due list has something to show."""
    ctx = window.desk.ctx
    assert ctx.actor is not None
    record = window.pages.record_view.record
    now = dt.datetime.now(dt.UTC)
    for start, reason in typed.callbacks:
        schedule_callback(
            ctx,
            NewCallback(
                phone_number=typed.callback_number,
                due_from=now + dt.timedelta(minutes=start),
                due_until=now + dt.timedelta(minutes=start + 30),
                reason=reason,
                customer_id=record.profile.id if record else None,
                owner_user_id=ctx.actor.user_id,
            ),
        )
    window.callbacks.refresh()


def sr_editor(window: MainWindow, out: Path, in_chinese: bool) -> None:
    """The editor opened from "My open requests", as the agent would open it (for the Chinese
    set, a request of a customer with a Chinese name if the agent has one)."""
    from sqlalchemy import select

    from db.models import Customer
    from ui.work.service_request_dialog import ServiceRequestDialog

    requests = window.requests.model
    if not requests.rowCount():
        return
    rows = [requests.record(row) for row in range(requests.rowCount())]
    request = rows[0]
    if in_chinese:
        with window.desk.ctx.sessions() as session:
            names = dict(
                session.execute(
                    select(Customer.id, Customer.name).where(
                        Customer.id.in_([r.customer_id for r in rows if r.customer_id])
                    )
                ).all()
            )
        request = next((r for r in rows if chinese(names.get(r.customer_id, ""))), request)
    dialog = ServiceRequestDialog(window.desk.ctx, request=request, parent=window)
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


def done_requests(window: MainWindow, out: Path, in_chinese: bool) -> None:
    """A customer with resolved or closed requests (one with a Chinese name for the Chinese
    set), on their Done requests tab."""
    from sqlalchemy import select

    from db.enums import SRStatus
    from db.models import Customer, ServiceRequest

    with window.desk.ctx.sessions() as session:
        found = session.execute(
            select(ServiceRequest.customer_id, Customer.name)
            .join(Customer, Customer.id == ServiceRequest.customer_id)
            .where(ServiceRequest.status.in_((SRStatus.RESOLVED, SRStatus.CLOSED)))
            .limit(200)
        ).all()
    chosen = ([row for row in found if chinese(row.name)] if in_chinese else []) or found
    if not chosen:
        return
    window.pages.open_customer(chosen[0].customer_id)
    view = window.pages.record_view
    view.tabs.setCurrentIndex(view.tabs.pages.indexOf(view.done_sr_table))
    save(window, out, "done-requests.png")
    view.tabs.setCurrentIndex(0)


def pick_chinese(window: MainWindow) -> None:
    """In the chooser, the first record with a Chinese name (for the Chinese set)."""
    matches = window.pages.chooser.matches
    for row in range(matches.count()):
        if chinese(matches.item(row).text().split("\n")[0]):
            matches.setCurrentRow(row)
            return


def record_screens(window: MainWindow, out: Path, in_chinese: bool) -> None:
    """From the chooser: the record chosen, its editor, and a record's Done requests."""
    window.pages.chooser.open_button.click()
    save(window, out, "chosen-with-way-back.png")
    customer_editor(window, out)
    done_requests(window, out, in_chinese)


ANNOUNCEMENT = {
    "en": ("Fire drill at 15:00", "Leave by the east stairs; the queues pause for ten minutes."),
    "zh_CN": ("15:00 消防演习", "请从东侧楼梯撤离；各队列暂停十分钟。"),
}


def back_office(window: MainWindow, out: Path, language: str) -> None:
    """The back office as the demo's admin sees it (the supervisor window's Supervise and
    Admin menus): the dictionary's queues, people, the audit trail, likely duplicates with a
    pair compared, the call scripts; then an announcement on the agent's window."""
    from sqlalchemy import select

    from callcenter.demo.data import ADMIN_USERNAME
    from callcenter.knowledge.announcements import post_announcement
    from callcenter.platform.context import Actor, ServiceContext
    from db.models import User
    from ui.supervisor.window import SupervisorWindow

    ctx = window.desk.ctx
    with ctx.sessions() as session:
        admin = session.scalars(select(User).where(User.username == ADMIN_USERNAME)).one()
    actor = Actor(admin.id, admin.username, admin.role)
    admin_ctx = ServiceContext(ctx.sessions, ctx.default_region, actor, ctx.clock)
    boards = SupervisorWindow(admin_ctx, admin_ctx)
    boards.resize(1366, 768)
    boards.show()
    opened = boards.back_office.open
    dictionary = opened["dictionary"]()
    dictionary.tabs.setCurrentIndex(3)
    dictionary.pages["queue"].table.selectRow(0)
    save(dictionary, out, "admin-dictionary-queues.png")
    dictionary.close()
    people = opened["people"]()
    people.table.selectRow(0)
    save(people, out, "admin-people.png")
    people.close()
    audit = opened["audit"]()
    pump_until(lambda: audit.model.rowCount() > 0)
    audit.table.selectRow(0)
    save(audit, out, "audit-trail.png")
    audit.close()
    duplicates = opened["duplicates"]()
    duplicates.resize(1200, 700)
    pump_until(lambda: duplicates.model.rowCount() > 0, timeout=30)
    duplicates.table.selectRow(0)
    pump_until(duplicates.merge_button.isEnabled, timeout=30)
    save(duplicates, out, "likely-duplicates.png")
    duplicates.close()
    scripts = opened["scripts"]()
    scripts.list_view.selectRow(0)
    save(scripts, out, "admin-call-scripts.png")
    scripts.close()
    boards.close()
    title, body = ANNOUNCEMENT[language]
    post_announcement(admin_ctx, title, body)
    window.announcements.refresh()
    save(window, out, "announcement.png")


def start(language: str) -> Running:
    """The demo in a folder of its own, in ``language`` (English: as the demo starts by
    default), synced and signed in."""
    if QApplication.instance() is None:
        QApplication(sys.argv)
    folder = Path(tempfile.mkdtemp(prefix="cc-shots-"))
    config = prepare_demo(folder, 3000, 1, None if language == "en" else language)
    first_sync(config)
    return build(config, DEMO_AGENT, lambda audio: demo_phone(config, audio))


def shots(out: Path, language: str) -> None:
    """One set, in ``language``, into ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    typed = TYPED[language]
    running = start(language)
    window, desk = running.window, running.desk
    phone = desk.phone
    assert phone is not None
    actions = demo_menu.install(window, phone)  # type: ignore[arg-type]
    window.resize(1366, 768)
    window.show()
    registered = QCoreApplication.translate("MainWindow", "SIP: registered")
    pump_until(lambda: window.reg_label.text() == registered)
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
    window.log_panel.notes.setPlainText(typed.notes)
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
    if language.startswith("zh"):
        pick_chinese(window)
    save(window, out, "shared-number-chooser.png")
    record_screens(window, out, language.startswith("zh"))
    phone.hangup_simulated()  # type: ignore[attr-defined]
    pump_until(lambda: window.calls.current is None)

    promise_callbacks(window, typed)
    save(window, out, "callbacks-due.png")

    sr_editor(window, out, language.startswith("zh"))
    back_office(window, out, language)
    window.hide()
    running.close()


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description="Screenshots of the demo desktop.")
    parser.add_argument(
        "--lang", choices=LANGUAGES, help="make only this set (default: every language)"
    )
    parser.add_argument(
        "out",
        nargs="?",
        type=Path,
        help="where a set goes (default: docs/screenshots, and its zh_CN folder for Chinese)",
    )
    args = parser.parse_args(argv)
    if args.lang:
        default = SHOTS if args.lang == "en" else SHOTS / args.lang
        shots(args.out or default, args.lang)
        return
    base = args.out or SHOTS
    for language in LANGUAGES:
        out = base if language == "en" else base / language
        command = [sys.executable, __file__, "--lang", language, str(out)]
        subprocess.run(command, check=True)


if __name__ == "__main__":
    main(sys.argv[1:])
