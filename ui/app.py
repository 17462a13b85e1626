"""Starting the desktop: Qt application, sign-in, the desk and its phone, the main window."""

from __future__ import annotations

import gc
import logging
import sys
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING

from callcenter.crm.merge import rehome
from callcenter.desk.agent_state import AgentStateMachine
from callcenter.desk.desk import Desk
from callcenter.platform.config import Config
from callcenter.platform.context import ServiceContext
from callcenter.platform.directory import not_ready_reasons, people, sign_in
from callcenter.platform.event_log import EventLog
from callcenter.platform.permissions import is_supervisor
from callcenter.platform.secrets import SecretStore
from callcenter.sync.replicator import Replicator
from callcenter.sync.stores import (
    LOCAL,
    desk_name,
    open_context,
    open_shared_context,
    start_replication,
)
from db.enums import Role
from resources import ICON, STYLESHEET
from telephony.audio import AudioBridge
from telephony.phone import Phone

# isort: split
# Qt after the core: PySide6 reads the source of every module imported after it (its
# __feature__ check); over SQLAlchemy, the models and the replicator that cost every start
# 0.1 to 0.3 s of CPU on the (loaded) bench machine.
from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QInputDialog, QWidget

from ui.common import i18n
from ui.common.collation import sorted_names
from ui.common.formatting import set_reading_region
from ui.desk.headset import Headset
from ui.desk.phone_bridge import PhoneBridge
from ui.desk.shortcuts import resolve
from ui.desk.window import MainWindow
from ui.platform.desktop_notices import DesktopNotices
from ui.sync.status import SyncBridge

if TYPE_CHECKING:
    from ui.supervisor.window import SupervisorWindow

log = logging.getLogger(__name__)
#: How long a Python thread may keep the interpreter lock from another that wants it.
SWITCH_INTERVAL_S = 0.001


@dataclass
class Running:
    """Everything a running desktop owns, so it can be shut down in order."""

    window: MainWindow
    desk: Desk
    bridge: PhoneBridge | None
    events: EventLog
    replicator: Replicator
    sync: SyncBridge
    supervisor: SupervisorView | None

    def close(self) -> None:
        self.replicator.stop()
        if self.window.calls.notices is not None:
            self.window.calls.notices.shutdown()
        if self.supervisor is not None:
            self.supervisor.close()
        if self.window.headset is not None:
            self.window.headset.stop_ring()
            self.window.headset.stop()
        if self.bridge is not None:
            self.bridge.detach()
        if self.desk.phone is not None:
            self.desk.phone.close()
        self.window.finish_reads()
        self.desk.ctx.dispose()
        self.events.close()


class SupervisorView:
    """Supervise ▸ Supervisor view: one window on the shared store, opened when first asked
    for and raised after that; it closes with the desk."""

    def __init__(self, open_shared: Callable[[], ServiceContext], desk_ctx: ServiceContext) -> None:
        self._open_shared = open_shared
        self._desk_ctx = desk_ctx
        self.window: SupervisorWindow | None = None
        # Where a request near or past its SLA is announced (the desk's notifications).
        self.notify: Callable[[str, str], None] | None = None

    def show(self) -> None:
        if self.window is None:
            # Imported when first opened: the boards, charts and back office are not what a
            # desk shows at start, and loading them cost every start ~50 ms of CPU.
            from ui.supervisor.window import SupervisorWindow

            self.window = SupervisorWindow(self._open_shared(), self._desk_ctx)
            if self.notify is not None:
                notify = self.notify
                self.window.sla_warning.connect(lambda text: notify("SLA", text))
        self.window.show()
        self.window.raise_()

    def close(self) -> None:
        if self.window is not None:
            self.window.close()
            self.window.ctx.dispose()

    def reopen(self) -> None:
        """The interface changed language: the window is made again in it (it holds nothing
        the shared store does not), shown again if it was open."""
        if self.window is None:
            return
        shown = self.window.isVisible()
        self.close()
        self.window = None
        if shown:
            self.show()


def choose_user(ctx: ServiceContext) -> str | None:
    """Embedded sign-in: pick yourself from the store's agents and supervisors."""
    names = sorted_names(p.username for p in people(ctx) if p.role in (Role.AGENT, Role.SUPERVISOR))
    if not names:
        return None
    name, ok = QInputDialog.getItem(
        None,
        QCoreApplication.translate("SignIn", "Sign in"),
        QCoreApplication.translate("SignIn", "Who is at this desk?"),
        names,
        0,
        False,
    )
    return name if ok else None


def build(
    config: Config,
    username: str | None,
    phone_factory: Callable[[AudioBridge], Phone] | None = None,
    secrets: SecretStore | None = None,
) -> Running:
    """Open the local store, sign in, start the phone, and show the main window."""
    set_reading_region(config.default_region)
    app = QApplication.instance()
    if isinstance(app, QApplication):
        i18n.install(config.language, config.default_region)
        app.setWindowIcon(QIcon(str(ICON)))
        app.setDesktopFileName("callcenter")  # the menu entry scripts/install-desktop-entry makes
        app.setStyleSheet(STYLESHEET.read_text(encoding="utf-8"))
    base = open_context(config, LOCAL)
    username = username or config.agent_username or choose_user(base)
    if not username:
        raise SystemExit("no agent signed in")
    ctx = sign_in(base, username, desk_name(config))
    actor = ctx.actor
    assert actor is not None
    events = EventLog(config.event_log)
    events.write("agent.sign_in", username=actor.username, role=actor.role)
    machine = AgentStateMachine(
        config.wrap_up_seconds,
        ctx.clock,
        frozenset(r.code for r in not_ready_reasons(ctx)),
        auto_ready=config.auto_ready,
    )
    audio = AudioBridge()
    phone = phone_factory(audio) if phone_factory else None
    desk = Desk(ctx, machine, phone, events, busy_response=config.sip.busy_response)
    bridge = None
    headset = None
    if phone is not None:
        bridge = PhoneBridge(phone)
        bridge.phone_event.connect(desk.handle)
        headset = Headset(audio)
    machine.sign_in()
    audio_problem = None
    if headset is not None:  # a desk with a softphone: can its calls be heard?
        outputs, inputs = Headset.output_names(), Headset.input_names()
        audio_problem = Headset.problem(outputs, inputs)
        events.write(
            "audio.devices", outputs=len(outputs), inputs=len(inputs), problem=audio_problem
        )
        try:
            headset.set_output(config.audio.output)
            headset.set_input(config.audio.input)
        except ValueError as exc:  # the configured headset is not plugged in
            log.warning("audio: %s; using the system default", exc)
    supervisor = (
        SupervisorView(lambda: open_shared_context(config, actor, secrets), ctx)
        if is_supervisor(ctx)
        else None
    )
    window = MainWindow(
        desk,
        resolve(dict(config.shortcuts)),
        headset=headset,
        config_path=config.path,
        secrets=secrets,
        open_supervisor_view=supervisor.show if supervisor is not None else None,
        authenticated=not config.embedded,
        ask_before_dialling=config.ask_before_dialling,
        audio_problem=audio_problem,
        notices=DesktopNotices(QCoreApplication.translate("App", "Call center"), str(ICON)),
    )
    if supervisor is not None:
        supervisor.notify = window.notify
        window.language_changed.connect(supervisor.reopen)
    sync = SyncBridge()
    sync.changed.connect(window.show_sync)
    replicator = start_replication(
        config, base, sync.publish, lambda: desk.presence, secrets=secrets
    )
    desk.subscribe(lambda _event: replicator.wake())  # a state change is news for supervisors
    # Rows an offline desk wrote for a customer merged away meanwhile follow it to the survivor.
    replicator.after_pull = partial(rehome, desk.ctx)
    # Everything made so far (modules, models, widgets) lives as long as the desk: leave it out
    # of the collector's full passes, which otherwise walk it all again in the middle of a pop.
    gc.freeze()
    # The replicator's and the phone's threads run Python beside the GUI thread. A thread that
    # wants the interpreter lock back (the GUI thread waking for a ring, or after each read
    # that let it go) waits up to the switch interval for it: 5 ms by default, several times
    # in one pop while a sync cycle runs. 1 ms bounds each wait at a fifth.
    sys.setswitchinterval(SWITCH_INTERVAL_S)
    return Running(window, desk, bridge, events, replicator, sync, supervisor)


class _FirstPaint(QObject):
    """Logs ``desktop.ready`` once the window has been painted and the event loop has come
    round again: the moment the agent can use it (start-up is measured to here)."""

    def __init__(self, window: QWidget, events: EventLog) -> None:
        super().__init__(window)
        self._window = window
        self._events = events
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's API
        if watched is self._window and event.type() == QEvent.Type.Paint:
            self._window.removeEventFilter(self)
            QTimer.singleShot(0, lambda: self._events.write("desktop.ready"))
        return False


def run(
    config: Config,
    username: str | None,
    phone_factory: Callable[[AudioBridge], Phone] | None = None,
    after_start: Callable[[Running], None] | None = None,
    secrets: SecretStore | None = None,
) -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("callcenter")
    running = build(config, username, phone_factory, secrets)
    _FirstPaint(running.window, running.events)
    running.window.show()
    if after_start is not None:
        after_start(running)
    try:
        return int(app.exec())
    finally:
        running.close()
