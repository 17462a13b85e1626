"""The event log writes one JSON object per line and refuses secret-looking fields."""

from __future__ import annotations

import json
import threading
import uuid
from pathlib import Path

import pytest

from callcenter.platform.event_log import EventLog


def test_lines_from_many_threads(tmp_path: Path) -> None:
    path = tmp_path / "logs" / "events.jsonl"
    log = EventLog(path)
    customer = uuid.uuid4()

    def burst(n: int) -> None:
        for i in range(200):
            log.write(
                "screenpop.shown", call_id=f"{n}-{i}", customer_ids=(customer,), latency_ms=3.5
            )

    threads = [threading.Thread(target=burst, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    log.close()
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert len(records) == 800
    assert records[0]["event"] == "screenpop.shown"
    assert records[0]["customer_ids"] == [str(customer)]
    assert records[0]["ts"].endswith("+00:00")


def test_refuses_secrets(tmp_path: Path) -> None:
    log = EventLog(tmp_path / "e.jsonl")
    with pytest.raises(ValueError, match="sip_password"):
        log.write("settings.saved", sip_password="hunter2")
    log.close()
    assert "hunter2" not in (tmp_path / "e.jsonl").read_text(encoding="utf-8")
