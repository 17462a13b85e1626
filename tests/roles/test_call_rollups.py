"""The calls' sums for the boards (``db.rollups_ddl``) from both sides: supervisors and admins
read them, nobody else writes them; an agent's desk pushing its calls (new rows by COPY,
changes by UPDATE, a replayed push, the same row sent again as new) moves them once."""

from __future__ import annotations

import datetime as dt
import uuid
from pathlib import Path

import pytest
from sqlalchemy import delete, insert, select

from db import rollups_ddl
from db.enums import Channel, Direction
from db.models import Interaction, OutboxEntry
from db.replication.push import push
from db.store import session_factory
from tests.roles.conftest import NOW, Cluster, Person, World, allowed, refused
from tests.roles.test_desk_push import _desk

pytestmark = pytest.mark.postgres

TABLES = (rollups_ddl.HALF_HOURS, rollups_ddl.AGENT_DAYS)


def test_supervisors_read_the_sums_and_nobody_writes_them(
    people: dict[str, Person], world: World
) -> None:
    ann, sue, ada = people["ann"], people["sue"], people["ada"]
    for table in TABLES:
        assert "permission denied" in refused(ann.engine, f"SELECT * FROM {table}")
        for person in (ann, sue, ada):
            assert "permission denied" in refused(person.engine, f"DELETE FROM {table}")
            assert "permission denied" in refused(
                person.engine, f"UPDATE {table} SET talks = talks + 1"
            )
        for person in (sue, ada):
            allowed(person.engine, f"SELECT * FROM {table}")
    assert "permission denied" in refused(
        ann.engine,
        "INSERT INTO call_half_hours VALUES (now(), gen_random_uuid(), 9, 9, 0, 9, 0, 0, 0)",
    )


def _sums(cluster: Cluster) -> list[list[tuple[object, ...]]]:
    with cluster.owner.connect() as conn:
        return [
            sorted(tuple(r) for r in conn.execute(select(t)).all())
            for t in (rollups_ddl.half_hours, rollups_ddl.agent_days)
        ]


def test_an_agents_pushed_calls_count_once(
    tmp_path: Path, cluster: Cluster, people: dict[str, Person], world: World
) -> None:
    ann = people["ann"]
    desk = _desk(tmp_path, cluster, ann)
    before = _sums(cluster)
    call_id = uuid.uuid4()
    with desk.sessions.begin() as s:
        s.add(
            Interaction(
                id=call_id,
                channel=Channel.PHONE,
                direction=Direction.INBOUND,
                queue_id=world.ann_queue,
                offered_at=NOW + dt.timedelta(minutes=40),
                agent_id=ann.id,
                updated_by=ann.id,
            )
        )
    assert push(desk.engine, ann.engine, desk.name).applied == 1  # COPY: offered, ringing
    with desk.sessions.begin() as s:
        call = s.get_one(Interaction, call_id)
        call.answered_at = NOW + dt.timedelta(minutes=40, seconds=12)
        call.ended_at = NOW + dt.timedelta(minutes=45)
    with desk.engine.connect() as local:
        sent = [dict(r) for r in local.execute(select(OutboxEntry.__table__)).mappings()]
    assert push(desk.engine, ann.engine, desk.name).applied == 1  # UPDATE: answered, ended
    # The reply was lost: the desk sends the same entries again; then the same row once more
    # under new entries (another desk's copy of it), which the push applies as a change.
    with desk.engine.begin() as local:
        local.execute(insert(OutboxEntry.__table__), sent)
    assert push(desk.engine, ann.engine, desk.name).applied == 0
    with desk.engine.begin() as local:
        local.execute(
            insert(OutboxEntry.__table__),
            [{**e, "seq": None, "entry_id": uuid.uuid4()} for e in sent],
        )
    push(desk.engine, ann.engine, desk.name)
    with desk.engine.begin() as local:
        local.execute(delete(OutboxEntry.__table__))
    after = _sums(cluster)
    half_hour = (NOW + dt.timedelta(minutes=30), world.ann_queue, 1, 1, 0, 1, 12_000_000, 1)
    assert [r for r in after[0] if r not in before[0]] == [(*half_hour, 288_000_000)]
    day = NOW.replace(hour=0)
    assert [r for r in after[1] if r not in before[1]] == [(day, ann.id, 1, 288_000_000)]
    with cluster.owner.begin() as conn:
        rollups_ddl.rebuild(conn)
    assert _sums(cluster) == [[r for r in rows if any(r[2:])] for rows in after]
    with session_factory(cluster.owner)() as s:
        assert s.get_one(Interaction, call_id).ended_at == NOW + dt.timedelta(minutes=45)
