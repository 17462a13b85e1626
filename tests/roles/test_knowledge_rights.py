"""Announcements, call scripts and articles under the roles, tried as each person's own role:
in plain SQL (the database alone refuses) and through the services on the person's engine."""

from __future__ import annotations

import uuid

import psycopg
import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError

from callcenter.knowledge.announcements import (
    acknowledge,
    pending_announcements,
    post_announcement,
    receipts,
)
from callcenter.knowledge.articles import save_article, search_articles
from callcenter.knowledge.scripts import save_script
from callcenter.platform.context import Actor, ServiceContext
from db.models import AnnouncementAck
from tests.roles.conftest import Person, allowed, refused

pytestmark = pytest.mark.postgres

INSERT_ANNOUNCEMENT = (
    "INSERT INTO announcements (id, version, updated_at, deleted, title, body, posted_by, "
    "posted_at, active) VALUES (:id, 1, now(), false, 'Fire drill', '', :by, now(), true)"
)
INSERT_ACK = (
    "INSERT INTO announcement_acks (id, version, updated_at, deleted, announcement_id, "
    "user_id, acked_at) VALUES (:id, 1, now(), false, :announcement, :user, now())"
)
INSERT_SCRIPT = (
    "INSERT INTO call_scripts (id, version, updated_at, deleted, name, steps, active) "
    "VALUES (:id, 1, now(), false, 'Greeting', '[]', true)"
)
INSERT_ARTICLE = (
    "INSERT INTO knowledge_articles (id, version, updated_at, deleted, title, body, tags, "
    "active) VALUES (:id, 1, now(), false, 'Refunds', 'Five days', '', true)"
)


def _desk(person: Person) -> ServiceContext:
    """The person's desk writing straight to the shared store as their own role."""
    return ServiceContext.for_engine(
        person.engine, "GB", Actor(person.id, person.name, person.role)
    )


def _announcement(person: Person) -> uuid.UUID:
    announcement = uuid.uuid4()
    allowed(person.engine, INSERT_ANNOUNCEMENT, id=announcement, by=person.id)
    return announcement


def test_agents_cannot_post_or_withdraw(people: dict[str, Person]) -> None:
    ann = people["ann"]
    refused(ann.engine, INSERT_ANNOUNCEMENT, id=uuid.uuid4(), by=ann.id)
    posted = _announcement(people["sue"])
    refused(ann.engine, "UPDATE announcements SET active = false WHERE id = :id", id=posted)


def test_supervisors_post_only_as_themselves(people: dict[str, Person]) -> None:
    sue = people["sue"]
    _announcement(sue)
    refused(sue.engine, INSERT_ANNOUNCEMENT, id=uuid.uuid4(), by=people["ada"].id)
    assert allowed(
        sue.engine, "UPDATE announcements SET active = false WHERE posted_by = :me", me=sue.id
    )


def test_everyone_acknowledges_as_themselves_once_and_for_good(
    people: dict[str, Person],
) -> None:
    posted = _announcement(people["sue"])
    ann, bob = people["ann"], people["bob"]
    ack = uuid.uuid4()
    allowed(ann.engine, INSERT_ACK, id=ack, announcement=posted, user=ann.id)
    refused(bob.engine, INSERT_ACK, id=uuid.uuid4(), announcement=posted, user=ann.id)
    assert "append-only" in refused(
        ann.engine, "UPDATE announcement_acks SET acked_at = now() WHERE id = :id", id=ack
    )


def test_only_admins_write_scripts_and_articles(people: dict[str, Person]) -> None:
    for who in ("ann", "sue"):
        refused(people[who].engine, INSERT_SCRIPT, id=uuid.uuid4())
        refused(people[who].engine, INSERT_ARTICLE, id=uuid.uuid4())
    allowed(people["ada"].engine, INSERT_SCRIPT, id=uuid.uuid4())
    allowed(people["ada"].engine, INSERT_ARTICLE, id=uuid.uuid4())


def test_the_services_on_each_persons_role(people: dict[str, Person]) -> None:
    """A supervisor posts, an agent acknowledges, an admin writes; the receipts say so."""
    sue, ann, ada = (_desk(people[n]) for n in ("sue", "ann", "ada"))
    posted = post_announcement(sue, "Fire drill at 3", "East stairs")
    assert [a.title for a in pending_announcements(ann)] == ["Fire drill at 3"]
    acknowledge(ann, posted.id)
    acknowledge(ann, posted.id)
    assert pending_announcements(ann) == []
    with ann.sessions() as s:
        acks = s.scalars(select(AnnouncementAck.user_id)).all()
    assert acks == [people["ann"].id]
    assert people["ann"].id in {r.user_id for r in receipts(sue, posted.id).acknowledged}
    save_script(ada, "Greeting", [{"text": "Hello {name}", "sensitive": False}])
    save_article(ada, "Refunds", "Five working days.", "billing")
    assert [h.article.title for h in search_articles(ann, "refund")] == ["Refunds"]


def test_an_agent_desk_believing_it_may_is_still_refused(people: dict[str, Person]) -> None:
    """The desk's person claims to be an admin: only the database stands in the way."""
    ann = people["ann"]
    lying = ServiceContext.for_engine(ann.engine, "GB", Actor(ann.id, ann.name, people["ada"].role))

    with pytest.raises(DBAPIError) as posting:
        post_announcement(lying, "Free pizza", "")
    with pytest.raises(DBAPIError) as scripting:
        save_script(lying, "Mine", [{"text": "Hi", "sensitive": False}])
    for caught in (posting, scripting):
        assert isinstance(caught.value.orig, psycopg.errors.InsufficientPrivilege)
    with ann.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM announcements")).scalar_one() == 0
