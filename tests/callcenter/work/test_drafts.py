"""Notes typed during a call survive a killed process and leave when the log is saved."""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from callcenter.platform.context import ServiceContext
from callcenter.platform.errors import ValidationError
from callcenter.work import drafts
from callcenter.work.interactions import NewInteraction
from db import migrate
from db.enums import Channel, Direction
from db.models import Interaction
from db.store import open_engine
from tests.callcenter.conftest import People, as_actor

NOW = dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.UTC)

CHILD = textwrap.dedent(
    """
    import os, signal, sys
    from callcenter.work import drafts
    from callcenter.platform.context import ServiceContext
    from db.store import open_engine
    ctx = ServiceContext.for_engine(open_engine(sys.argv[1]), "GB")
    text = ""
    for word in "customer says the router reboots every night 你好".split():
        text += word + " "
        drafts.save_draft(ctx, "call-42", notes=text, disposition_code="resolved")
    print("saved", flush=True)
    os.kill(os.getpid(), signal.SIGKILL)
    """
)


def test_draft_survives_sigkill(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'local.db'}"
    engine = open_engine(url)
    migrate.upgrade(engine)
    root = Path(__file__).resolve().parents[3]
    result = subprocess.run(
        [sys.executable, "-c", CHILD, url],
        cwd=root,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(root)},
        check=False,
    )
    assert result.returncode == -signal.SIGKILL, result.stderr
    assert result.stdout.strip() == "saved"
    ctx = ServiceContext.for_engine(engine, "GB")
    (draft,) = drafts.unsaved_drafts(ctx)
    assert draft.key == "call-42"
    assert draft.notes == "customer says the router reboots every night 你好 "
    assert draft.disposition_code == "resolved"
    engine.dispose()


def test_saving_the_log_removes_the_draft(ctx: ServiceContext, people: People) -> None:
    agent = as_actor(ctx, people.agent)
    drafts.save_draft(agent, "call-1", notes="first words")
    drafts.save_draft(agent, "call-1", notes="first words, then more", call_id="call-1")
    assert drafts.load_draft(agent, "call-1").notes == "first words, then more"  # type: ignore[union-attr]
    item = NewInteraction(
        Channel.PHONE, Direction.INBOUND, NOW, disposition_code="complaint", notes=""
    )
    with pytest.raises(ValidationError):
        drafts.save_as_interaction(agent, "call-1", item)
    assert drafts.load_draft(agent, "call-1") is not None
    saved = drafts.save_as_interaction(
        agent, "call-1", NewInteraction(Channel.PHONE, Direction.INBOUND, NOW, notes="all of it")
    )
    assert drafts.load_draft(agent, "call-1") is None
    with ctx.sessions() as s:
        assert s.get(Interaction, saved.id) is not None
    drafts.discard_draft(agent, "no-such-key")
