"""Knowledge articles: found by title, tags and body, in English and Chinese, titles first."""

from __future__ import annotations

import pytest

from callcenter.knowledge.articles import (
    BODY,
    TAGS,
    TITLE,
    articles,
    save_article,
    search_articles,
)
from callcenter.platform.context import ServiceContext
from callcenter.platform.errors import PermissionDeniedError, ValidationError
from tests.callcenter.conftest import People, as_actor


@pytest.fixture
def library(admin: ServiceContext) -> ServiceContext:
    save_article(admin, "Refunds", "A refund reaches the card in 5 working days.", "billing")
    save_article(
        admin, "Router lights", "A red light means no line: ask for a REFUND only if...", ""
    )
    save_article(admin, "Moving home", "Book the move two weeks ahead.", ["Relocation", "move"])
    save_article(admin, "退款政策", "客户申请退款后，款项五个工作日内退回原支付方式。", "账单")
    save_article(admin, "发票", "电子发票在付款后发送到客户邮箱；如需退款请参见退款政策。", "")
    save_article(admin, "Old refund rules", "Replaced.", "", active=False)
    return admin


def _found(ctx: ServiceContext, text: str) -> list[tuple[str, str]]:
    return [(hit.article.title, hit.matched_on) for hit in search_articles(ctx, text)]


def test_english_title_first_then_body_case_aside(library: ServiceContext) -> None:
    assert _found(library, "refund") == [("Refunds", TITLE), ("Router lights", BODY)]
    assert _found(library, "ROUTER red") == [("Router lights", BODY)]
    assert _found(library, "relocation") == [("Moving home", TAGS)]
    assert _found(library, "refund moon") == []


def test_chinese_inside_sentences(library: ServiceContext) -> None:
    assert _found(library, "退款") == [("退款政策", TITLE), ("发票", BODY)]
    hit = search_articles(library, "邮箱")[0]
    assert hit.article.title == "发票"
    assert "邮箱" in hit.snippet
    assert _found(library, "账单") == [("退款政策", TAGS)]


def test_one_latin_letter_finds_nothing_and_limit_holds(library: ServiceContext) -> None:
    assert search_articles(library, "e") == []
    assert len(search_articles(library, "款")) == 2
    assert len(search_articles(library, "the", limit=1)) == 1


def test_agents_search_but_do_not_edit(library: ServiceContext, people: People) -> None:
    ann = as_actor(library, people.agent)
    assert _found(ann, "refund")[0] == ("Refunds", TITLE)
    for actor in (people.agent, people.supervisor):
        with pytest.raises(PermissionDeniedError):
            save_article(as_actor(library, actor), "Mine", "Body", "")


def test_edit_and_deactivate(library: ServiceContext) -> None:
    refunds = next(a for a in articles(library) if a.title == "Refunds")
    save_article(library, "Refunds", refunds.body, "billing", active=False, article_id=refunds.id)
    assert _found(library, "refunds") == []
    assert len(articles(library)) == 6
    with pytest.raises(ValidationError) as caught:
        save_article(library, "No body", "  ", "")
    assert caught.value.field == "body"
