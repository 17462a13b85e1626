"""Dictionary entries in the reader's language: the migration's Chinese for the demo's codes,
the demo's own, and the source label where an entry has no words in that language."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator

import pytest
from sqlalchemy import Engine, insert, select, text

from callcenter.demo.data import generate
from callcenter.platform import language
from callcenter.platform.context import ServiceContext
from callcenter.platform.directory import categories, dispositions, not_ready_reasons, queues
from db import migrate
from db.models import DispositionCode
from db.store import open_engine


@pytest.fixture(autouse=True)
def source_language() -> Iterator[None]:
    yield
    language.set_language(None)


def test_the_demo_dictionary_reads_in_chinese_and_english(ctx: ServiceContext) -> None:
    generate(ctx, customers=0)
    language.set_language("zh_CN")
    assert {c.code: c.label for c in dispositions(ctx)}["resolved"] == "通话中已解决"
    assert {c.code: c.label for c in not_ready_reasons(ctx)}["lunch"] == "午餐"
    assert {c.code: c.label for c in categories(ctx)}["technical"] == "技术故障"
    assert {q.name: q.display_name for q in queues(ctx)}["support"] == "客户服务"
    language.set_language(None)
    assert {c.code: c.label for c in dispositions(ctx)}["resolved"] == "Resolved on the call"
    assert {q.name: q.display_name for q in queues(ctx)}["support"] == "Customer support"


def test_an_entry_without_words_in_the_language_shows_its_label(engine: Engine) -> None:
    ctx = ServiceContext.for_engine(engine, "GB")
    with engine.begin() as conn:
        conn.execute(
            insert(DispositionCode),
            [
                {"code": "plain", "label": "Plain"},
                {"code": "french", "label": "Sale", "labels": json.dumps({"fr_FR": "Vente"})},
                {"code": "broken", "label": "Broken", "labels": "{not json"},
            ],
        )
    language.set_language("zh_CN")
    assert {c.code: c.label for c in dispositions(ctx)} == {
        "plain": "Plain",
        "french": "Sale",
        "broken": "Broken",
    }


@pytest.mark.parametrize("role", ["shared", "local"])
def test_the_migration_words_the_existing_demo_codes_on_a_shared_store(
    store_url: str, role: str
) -> None:
    engine = open_engine(store_url)
    try:
        migrate.upgrade(engine, "0015", role=role)
        with engine.begin() as conn:
            conn.execute(
                text(
                    "INSERT INTO disposition_codes (id, version, updated_at, deleted, code, "
                    "label, requires_notes, active) VALUES (:id, 1, CURRENT_TIMESTAMP, false, "
                    "'resolved', 'Resolved on the call', false, true)"
                ),
                {"id": uuid.uuid4().hex},
            )
        migrate.upgrade(engine, role=role)
        with engine.connect() as conn:
            labels = conn.execute(select(DispositionCode.labels)).scalar_one()
        shared = role == "shared" or engine.dialect.name == "postgresql"
        assert (json.loads(labels) if labels else None) == (
            {"zh_CN": "通话中已解决"} if shared else None
        ), "a desk's own store gets the words from the shared store, by pull"
    finally:
        engine.dispose()
