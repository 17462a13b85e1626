"""The desktop with its real softphone: a SIPp call through Kamailio pops the right record."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QInputDialog, QMessageBox
from pytestqt.qtbot import QtBot

from callcenter.crm import customers
from callcenter.crm.customers import NewCustomer
from callcenter.crm.phones import to_e164
from callcenter.desk.agent_state import AgentState
from callcenter.desk.desk import TransferNews
from callcenter.platform.config import from_table
from callcenter.sync.stores import LOCAL, open_context
from db.enums import PhoneKind
from telephony.audio import AudioBridge
from telephony.pjsua_phone import PjsuaPhone
from tests.callcenter.conftest import seed_people
from tests.helpers.notification_service import NotificationService
from tests.telephony.conftest import PASSWORD, kamailio, phone_settings
from tests.telephony.peers import Kamailio, Sipp
from tests.ui.conftest import choose_outcome
from ui.app import Running, build

__all__ = ["kamailio"]  # the Kamailio fixture, shared with the telephony tests

pytestmark = pytest.mark.sip

CALLER_KEYS = {
    "to_hdr": "<sip:+498001234@127.0.0.1>",
    "pai": "X-No-PAI: 1",
    "rpid": "X-No-RPID: 1",
    "privacy": "X-No-Privacy: 1",
    "queue": "X-Queue: sales",
    "wait": "X-No-Wait: 1",
}


@pytest.fixture
def desktop(
    qtbot: QtBot, tmp_path: Path, kamailio: Kamailio, virtual_headset: None
) -> Iterator[Running]:
    """The desktop with its softphone registered at Kamailio and the virtual headset."""
    config = from_table(
        {"agent_username": "ann", "default_region": "DE", "event_log": "events.jsonl"},
        tmp_path / "callcenter.toml",
    )
    ctx = open_context(config, LOCAL)
    seed_people(ctx)
    customers.create_customer(
        ctx,
        NewCustomer(
            name="Klara Fischer", phones=(("030 123456", PhoneKind.HOME),), external_id="K-7"
        ),
    )
    ctx.dispose()

    def make_phone(audio: AudioBridge) -> PjsuaPhone:
        phone = PjsuaPhone(
            phone_settings(kamailio),
            normalise=lambda n: to_e164(n, config.default_region),
            audio=audio,
        )
        phone.start()
        phone.register(PASSWORD)
        return phone

    running = build(config, "ann", make_phone)
    qtbot.addWidget(running.window)
    running.window.show()
    yield running
    running.desk.calls.clear()
    running.window.calls.current = None
    running.close()


def test_sipp_call_through_kamailio_pops_and_logs(
    desktop: Running, qtbot: QtBot, tmp_path: Path, kamailio: Kamailio
) -> None:
    window, desk = desktop.window, desktop.desk
    qtbot.waitUntil(lambda: window.reg_label.text() == "SIP: registered", timeout=10_000)
    desk.state.set_ready()
    caller = Sipp(
        "uac_caller_hangs_up.xml",
        tmp_path / "sipp",
        target=kamailio.address,
        keys={**CALLER_KEYS, "from_hdr": 'From: "Klara F." <sip:+4930123456@127.0.0.1>'},
        extra=["-d", "1500"],
    )
    with qtbot.waitSignal(window.calls.pop_painted, timeout=10_000) as painted:
        pass
    call_id = painted.args[0]
    assert window.pages.record_view.record is not None
    assert window.pages.record_view.record.profile.external_id == "K-7"
    assert "Queue: sales" in window.call_panel.detail.text()
    assert window.headset is not None and window.headset.ringing
    window.call_panel.buttons["answer"].click()
    qtbot.waitUntil(lambda: window.call_panel.phase == "talking", timeout=5000)
    assert window.headset.active and not window.headset.ringing
    qtbot.keyClicks(window.log_panel.notes, "Asked about her order")
    qtbot.waitUntil(lambda: window.call_panel.phase == "ended", timeout=10_000)
    assert desk.state.status.state == AgentState.WRAP_UP
    choose_outcome(window.log_panel)
    window.log_panel.save_ready.click()
    assert desk.state.status.state == AgentState.READY
    caller.expect_success()
    assert desktop.events.path is not None
    lines = [json.loads(x) for x in desktop.events.path.read_text(encoding="utf-8").splitlines()]
    shown = next(e for e in lines if e["event"] == "screenpop.shown")
    assert shown["call_id"] == call_id
    assert shown["latency_ms"] < 1000
    saved = [e for e in lines if e["event"] == "interaction.saved"]
    assert len(saved) == 1


def test_attended_transfer_from_the_call_panel(
    desktop: Running,
    qtbot: QtBot,
    tmp_path: Path,
    kamailio: Kamailio,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window, desk = desktop.window, desktop.desk
    qtbot.waitUntil(lambda: window.reg_label.text() == "SIP: registered", timeout=10_000)
    desk.state.set_ready()
    caller = Sipp(
        "uac_hold_then_refer.xml",
        tmp_path / "caller",
        target=kamailio.address,
        keys={**CALLER_KEYS, "from_hdr": 'From: "Klara F." <sip:+4930123456@127.0.0.1>'},
    )
    colleague = Sipp("uas_answer.xml", tmp_path / "colleague")
    with qtbot.waitSignal(window.calls.pop_painted, timeout=10_000):
        pass
    window.call_panel.buttons["answer"].click()
    qtbot.waitUntil(lambda: window.call_panel.phase == "talking", timeout=5000)
    monkeypatch.setattr(
        QInputDialog,
        "getItem",
        lambda *_a, **_k: (f"sip:colleague@127.0.0.1:{colleague.port}", True),
    )
    window.call_panel.consult_button.click()
    qtbot.waitUntil(window.call_panel.complete_button.isEnabled, timeout=10_000)
    window.call_panel.complete_button.click()
    qtbot.waitUntil(lambda: window.call_panel.phase == "ended", timeout=10_000)
    caller.expect_success()
    qtbot.waitUntil(lambda: all(s.consult_for is None for s in desk.calls.values()), timeout=10_000)
    colleague.expect_success()
    choose_outcome(window.log_panel)
    window.log_panel.save_ready.click()
    assert desk.unlogged_calls() == []
    assert desktop.events.path is not None
    names = [json.loads(x)["event"] for x in desktop.events.path.read_text().splitlines()]
    assert "call.consult" in names
    assert "call.transfer" in names


@pytest.mark.parametrize("code", [486, 480])
def test_a_not_ready_desk_turns_the_call_away_through_kamailio(
    desktop: Running, qtbot: QtBot, tmp_path: Path, kamailio: Kamailio, code: int
) -> None:
    """The caller's side sees the desk's refusal at once (so a queue would try the next
    agent); the agent sees nothing ring."""
    window, desk = desktop.window, desktop.desk
    qtbot.waitUntil(lambda: window.reg_label.text() == "SIP: registered", timeout=10_000)
    desk.busy_response = code
    desk.state.set_not_ready("break")
    caller = Sipp(
        f"uac_rejected_{code}.xml",
        tmp_path / "sipp",
        target=kamailio.address,
        keys={**CALLER_KEYS, "from_hdr": 'From: "Klara F." <sip:+4930123456@127.0.0.1>'},
    )
    # The desk hears of the call through the event loop: keep it turning while SIPp runs.
    qtbot.waitUntil(lambda: caller.process.poll() is not None, timeout=15_000)
    caller.expect_success()
    assert window.calls.current is None
    assert window.call_panel.phase == "idle"
    assert desk.calls == {}
    assert desktop.events.path is not None
    lines = [json.loads(x) for x in desktop.events.path.read_text(encoding="utf-8").splitlines()]
    (refused,) = [e for e in lines if e["event"] == "call.refused"]
    assert (refused["code"], refused["state"], refused["reason"]) == (code, "not_ready", "break")
    assert not [e for e in lines if e["event"] == "screenpop.shown"]


def test_a_call_in_wrap_up_pops_is_answered_and_the_first_log_returns(
    desktop: Running, qtbot: QtBot, tmp_path: Path, kamailio: Kamailio
) -> None:
    window, desk = desktop.window, desktop.desk
    qtbot.waitUntil(lambda: window.reg_label.text() == "SIP: registered", timeout=10_000)
    desk.state.set_ready()
    keys = {**CALLER_KEYS, "from_hdr": 'From: "Klara F." <sip:+4930123456@127.0.0.1>'}
    first = Sipp(
        "uac_caller_hangs_up.xml",
        tmp_path / "first",
        target=kamailio.address,
        keys=keys,
        extra=["-d", "500"],
    )
    with qtbot.waitSignal(window.calls.pop_painted, timeout=10_000) as painted:
        pass
    first_id = painted.args[0]
    window.call_panel.buttons["answer"].click()
    qtbot.waitUntil(lambda: window.call_panel.phase == "ended", timeout=10_000)
    first.expect_success()
    qtbot.keyClicks(window.log_panel.notes, "Klara: order 118 late")
    assert desk.state.status.state == AgentState.WRAP_UP

    second = Sipp(
        "uac_caller_hangs_up.xml",
        tmp_path / "second",
        target=kamailio.address,
        keys={**CALLER_KEYS, "from_hdr": 'From: "Unknown" <sip:+4940999999@127.0.0.1>'},
        extra=["-d", "500"],
    )
    with qtbot.waitSignal(window.calls.pop_painted, timeout=10_000) as painted:
        pass
    second_id = painted.args[0]
    assert second_id != first_id and window.calls.current == second_id
    assert window.call_panel.buttons["answer"].isEnabled()
    window.call_panel.buttons["answer"].click()
    qtbot.waitUntil(lambda: window.call_panel.phase == "talking", timeout=5000)
    qtbot.waitUntil(lambda: window.call_panel.phase == "ended", timeout=10_000)
    second.expect_success()
    choose_outcome(window.log_panel)
    window.log_panel.save.click()

    assert window.calls.current == first_id
    assert window.log_panel.notes.toPlainText() == "Klara: order 118 late"
    choose_outcome(window.log_panel)
    window.log_panel.save_ready.click()
    assert window.calls.current is None
    assert desk.unlogged_calls() == []
    assert desk.state.status.state == AgentState.READY


@pytest.mark.parametrize(
    ("scenario", "words"),
    [
        ("uac_refer.xml", "Transferred to sip:transfer-target@127.0.0.1"),
        (
            "uac_refer_refused.xml",
            "The transfer to sip:transfer-target@127.0.0.1 failed (refused); "
            "the caller is still with you",
        ),
    ],
)
def test_a_blind_transfer_says_how_it_went(
    desktop: Running,
    qtbot: QtBot,
    *,
    tmp_path: Path,
    kamailio: Kamailio,
    monkeypatch: pytest.MonkeyPatch,
    scenario: str,
    words: str,
) -> None:
    window, desk = desktop.window, desktop.desk
    qtbot.waitUntil(lambda: window.reg_label.text() == "SIP: registered", timeout=10_000)
    desk.state.set_ready()
    caller = Sipp(
        scenario,
        tmp_path / "caller",
        target=kamailio.address,
        keys={**CALLER_KEYS, "from_hdr": 'From: "Klara F." <sip:+4930123456@127.0.0.1>'},
    )
    with qtbot.waitSignal(window.calls.pop_painted, timeout=10_000):
        pass
    window.call_panel.buttons["answer"].click()
    qtbot.waitUntil(lambda: window.call_panel.phase == "talking", timeout=5000)
    offered: list[list[str]] = []

    def choose(*args: object, **_kwargs: object) -> tuple[str, bool]:
        offered.append(list(args[3]))  # type: ignore[call-overload]
        return "sip:transfer-target@127.0.0.1", True

    monkeypatch.setattr(QInputDialog, "getItem", choose)
    # A failure must not leave the window's "unsaved call log?" question waiting at teardown.
    monkeypatch.setattr(QMessageBox, "question", lambda *_a: QMessageBox.StandardButton.Yes)
    news: list[TransferNews] = []
    desk.subscribe(lambda e: news.append(e) if isinstance(e, TransferNews) else None)
    shown: list[str] = []
    window.call_panel.detail.setText = (  # type: ignore[method-assign]
        lambda text, original=window.call_panel.detail.setText: (shown.append(text), original(text))
    )
    window.call_panel.transfer_button.click()
    assert "Queue: Support" in offered[0]  # the directory offers the queues
    qtbot.waitUntil(lambda: any(n.final for n in news), timeout=10_000)
    assert news[0].words == "Transferring the caller to sip:transfer-target@127.0.0.1…"
    assert news[-1].words == words
    assert words in shown  # the call panel said it
    if window.call_panel.phase == "talking":  # refused: the caller is still there
        window.call_panel.buttons["hangup"].click()
    qtbot.waitUntil(lambda: caller.process.poll() is not None, timeout=15_000)
    caller.expect_success()
    qtbot.waitUntil(lambda: window.call_panel.phase == "ended", timeout=5000)
    choose_outcome(window.log_panel)
    window.log_panel.save_ready.click()  # the agent logs the call, transferred or not
    assert window.calls.current is None


@pytest.fixture
def noticed_desktop(
    desktop_notifications: NotificationService, request: pytest.FixtureRequest
) -> Running:
    """The desktop started once the notification service is on its session bus."""
    running: Running = request.getfixturevalue("desktop")
    assert running.window.calls.notices is not None
    assert running.window.calls.notices.available, running.window.calls.notices.unavailable
    return running


@pytest.mark.parametrize(
    ("press", "scenario"),
    [("click", "uac_caller_hangs_up.xml"), ("Reject", "uac_rejected_486.xml")],
)
def test_the_ring_notice_answers_or_rejects(
    *,
    noticed_desktop: Running,
    desktop_notifications: NotificationService,
    qtbot: QtBot,
    tmp_path: Path,
    kamailio: Kamailio,
    press: str,
    scenario: str,
) -> None:
    """With the window behind another, the agent answers (a click on the notice) or rejects
    (its Reject action) in the desktop's own notice; it leaves the screen either way."""
    window, desk = noticed_desktop.window, noticed_desktop.desk
    qtbot.waitUntil(lambda: window.reg_label.text() == "SIP: registered", timeout=10_000)
    desk.state.set_ready()
    caller = Sipp(
        scenario,
        tmp_path / "caller",
        target=kamailio.address,
        keys={**CALLER_KEYS, "from_hdr": 'From: "Klara F." <sip:+4930123456@127.0.0.1>'},
        extra=["-d", "1000"],
    )
    with qtbot.waitSignal(window.calls.pop_painted, timeout=10_000):
        pass
    desktop_notifications.wait_displayed(1)
    if press == "click":
        desktop_notifications.click()
        qtbot.waitUntil(lambda: window.call_panel.phase == "talking", timeout=5000)
        desktop_notifications.wait_displayed(0)  # answered: the notice is gone
        qtbot.waitUntil(lambda: window.call_panel.phase == "ended", timeout=10_000)
        choose_outcome(window.log_panel)
        window.log_panel.save_ready.click()
    else:
        desktop_notifications.choose(press)
        qtbot.waitUntil(lambda: window.calls.current is None, timeout=10_000)
        desktop_notifications.wait_displayed(0)
    qtbot.waitUntil(lambda: caller.process.poll() is not None, timeout=15_000)
    caller.expect_success()


def test_a_flood_through_the_proxy_leaves_the_desk_able_to_pop(
    desktop: Running, qtbot: QtBot, tmp_path: Path, kamailio: Kamailio
) -> None:
    """300 INVITEs at 500 a second at a Ready desk: the calls that ring are given up by their
    callers and recorded as missed, the rest are refused (the log says so, a bounded number
    of lines), and a real caller afterwards pops her own record."""
    window, desk = desktop.window, desktop.desk
    qtbot.waitUntil(lambda: window.reg_label.text() == "SIP: registered", timeout=10_000)
    desk.state.set_ready()
    flood = Sipp(
        "uac_flood_sdp.xml",
        tmp_path / "flood",
        target=kamailio.address,
        calls=300,
        extra=["-r", "500", "-l", "300", "-recv_timeout", "10000"],
    )
    qtbot.waitUntil(lambda: flood.process.poll() is not None, timeout=60_000)
    qtbot.waitUntil(lambda: not desk.calls and window.calls.current is None, timeout=10_000)
    assert desk.state.status.state == AgentState.READY
    assert desktop.desk.phone is not None and desktop.desk.phone.call_ids() == ()
    assert desktop.events.path is not None
    lines = [json.loads(x) for x in desktop.events.path.read_text(encoding="utf-8").splitlines()]
    assert any(e["event"] == "call.incoming" for e in lines)  # some rang and were missed
    assert len([e for e in lines if e["event"] == "call.refused"]) <= 40
    qtbot.wait(1000)  # the INVITE rate limit refills
    caller = Sipp(
        "uac_caller_hangs_up.xml",
        tmp_path / "caller",
        target=kamailio.address,
        keys={**CALLER_KEYS, "from_hdr": 'From: "Klara F." <sip:+4930123456@127.0.0.1>'},
        extra=["-d", "300"],
    )
    with qtbot.waitSignal(window.calls.pop_painted, timeout=10_000) as painted:
        pass
    assert painted.args[1] < 1000  # ms from the INVITE to the painted pop
    assert window.pages.record_view.record is not None
    assert window.pages.record_view.record.profile.external_id == "K-7"
    window.call_panel.buttons["answer"].click()
    qtbot.waitUntil(lambda: window.call_panel.phase == "ended", timeout=10_000)
    choose_outcome(window.log_panel)
    window.log_panel.save_ready.click()
    caller.expect_success()
