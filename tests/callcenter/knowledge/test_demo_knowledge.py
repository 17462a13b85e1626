"""The demo's scripts and articles: in the demo's language, found as the desk finds them."""

from __future__ import annotations

from callcenter.demo.data import generate
from callcenter.knowledge.articles import search_articles
from callcenter.knowledge.scripts import script_for, scripts
from callcenter.platform.context import ServiceContext
from callcenter.platform.directory import queue_named


def _support_script(ctx: ServiceContext, category: str | None) -> list[str]:
    queue = queue_named(ctx, "support")
    assert queue is not None
    filled = script_for(
        ctx, queue_id=queue.id, category_code=category, customer=None, agent_name="Li"
    )
    assert filled is not None
    return [step.text for step in filled.steps]


def test_english_demo(ctx: ServiceContext) -> None:
    generate(ctx, 0)
    assert _support_script(ctx, None)[0] == "Good day {name}, this is Li from customer support."
    assert next(h.article.title for h in search_articles(ctx, "refund")) == (
        "Refunds: how long they take"
    )
    billing = queue_named(ctx, "billing")
    assert billing is not None
    refund = script_for(
        ctx, queue_id=billing.id, category_code="returns", customer=None, agent_name="Li"
    )
    assert refund is not None and refund.name == "Billing: refunds"
    assert any(step.sensitive for step in refund.steps)


def test_chinese_demo_and_a_rerun_adds_nothing(ctx: ServiceContext) -> None:
    generate(ctx, 0, language="zh_CN")
    assert _support_script(ctx, None)[0] == "{name}您好，我是客户服务部的Li。"
    assert next(h.article.title for h in search_articles(ctx, "退款")) == "退款到账时间"
    count = len(scripts(ctx))
    generate(ctx, 0, language="en")
    assert len(scripts(ctx)) == count
    assert search_articles(ctx, "refund") == []
