"""Knowledge articles: answers agents find from the search box.

There are few articles (hundreds, not millions), so the search reads the active ones and
matches in Python: the same answer on SQLite and PostgreSQL, case folded for every script
(SQLite's ``lower`` knows ASCII only), and a Chinese word found inside a sentence, which has
no spaces to split on.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from callcenter.crm.customer_fields import clean_tags
from callcenter.platform import audit
from callcenter.platform.context import ServiceContext
from callcenter.platform.errors import NotFoundError, ValidationError
from callcenter.platform.messages import N_
from callcenter.platform.permissions import Action, require
from callcenter.platform.views import split_tags
from db.models import KnowledgeArticle

MAX_TITLE = 200
MAX_BODY = 20_000
MAX_TAGS = 500
#: Characters of the body shown either side of what matched.
SNIPPET = 40
#: Title, tag, body: where a hit matched, best first.
TITLE, TAGS, BODY = "title", "tags", "body"
_RANK = {TITLE: 0, TAGS: 1, BODY: 2}


@dataclass(frozen=True)
class ArticleView:
    id: uuid.UUID
    version: int
    title: str
    body: str
    tags: tuple[str, ...]
    active: bool


@dataclass(frozen=True)
class ArticleHit:
    article: ArticleView
    #: TITLE, TAGS or BODY: the best place every typed word was found.
    matched_on: str
    #: The body around the first word found there (or its start).
    snippet: str


def _view(row: KnowledgeArticle) -> ArticleView:
    return ArticleView(row.id, row.version, row.title, row.body, split_tags(row.tags), row.active)


def save_article(
    ctx: ServiceContext,
    title: str,
    body: str,
    tags: list[str] | tuple[str, ...] | str,
    *,
    active: bool = True,
    article_id: uuid.UUID | None = None,
) -> ArticleView:
    """Add an article (``article_id`` None) or change one; deactivating hides it from search."""
    require(ctx, Action.EDIT_KNOWLEDGE)
    title, body = " ".join(title.split()), body.strip()
    if not title or len(title) > MAX_TITLE:
        raise ValidationError(
            "title", N_("is required, at most {max_title} characters"), max_title=MAX_TITLE
        )
    if not body or len(body) > MAX_BODY:
        raise ValidationError(
            "body", N_("is required, at most {max_body} characters"), max_body=MAX_BODY
        )
    stored_tags = clean_tags(tags)
    if len(stored_tags) > MAX_TAGS:
        raise ValidationError("tags", N_("at most {max_tags} characters in all"), max_tags=MAX_TAGS)
    after: dict[str, object] = {"title": title, "body": body, "tags": stored_tags, "active": active}
    with ctx.sessions.begin() as session:
        if article_id is None:
            row = KnowledgeArticle(updated_by=ctx.actor_id, **after)
            session.add(row)
            before = None
        else:
            found = session.get(KnowledgeArticle, article_id)
            if found is None or found.deleted:
                raise NotFoundError(N_("no article {id}"), id=article_id)
            row = found
            before = {key: getattr(row, key) for key in after}
            if before == after:
                return _view(row)
            for key, value in after.items():
                setattr(row, key, value)
            row.updated_by = ctx.actor_id
        session.flush()
        action = "create" if before is None else "edit"
        audit.record(session, ctx, action, "knowledge_article", row.id, before=before, after=after)
        return _view(row)


def articles(ctx: ServiceContext) -> list[ArticleView]:
    """Every article, the inactive ones too, by title: the editor's list."""
    with ctx.sessions() as session:
        return [_view(row) for row in _rows(session, active_only=False)]


def get_article(ctx: ServiceContext, article_id: uuid.UUID) -> ArticleView:
    with ctx.sessions() as session:
        row = session.get(KnowledgeArticle, article_id)
        if row is None or row.deleted:
            raise NotFoundError(N_("no article {id}"), id=article_id)
        return _view(row)


def _rows(session: Session, *, active_only: bool) -> Sequence[KnowledgeArticle]:
    query = select(KnowledgeArticle).where(KnowledgeArticle.deleted.is_(False))
    if active_only:
        query = query.where(KnowledgeArticle.active.is_(True))
    return session.scalars(query.order_by(KnowledgeArticle.title, KnowledgeArticle.id)).all()


def _is_cjk(char: str) -> bool:
    return (
        "\u2e80" <= char <= "\u9fff" or "\uac00" <= char <= "\ud7af" or "\uf900" <= char <= "\ufaff"
    )


def _snippet(body: str, folded_body: str, token: str | None) -> str:
    at = folded_body.find(token) if token else -1
    if at < 0:
        text = body[: 2 * SNIPPET]
        return " ".join(text.split()) + ("…" if len(body) > 2 * SNIPPET else "")
    # Case folding keeps the length for almost every script; where it does not ("ß"), the
    # snippet is a few characters off, never wrong about what the article says.
    start, end = max(0, at - SNIPPET), min(len(body), at + len(token or "") + SNIPPET)
    text = " ".join(body[start:end].split())
    return ("…" if start else "") + text + ("…" if end < len(body) else "")


def search_articles(ctx: ServiceContext, text: str, limit: int = 5) -> list[ArticleHit]:
    """Active articles holding every typed word in their title, tags or body (case aside,
    inside words too, so "退款" finds a sentence that has it); title hits first, then tags,
    then body, by title. One Latin letter finds nothing (it is in every article)."""
    tokens = text.casefold().split()
    if not tokens or (len("".join(tokens)) < 2 and not any(_is_cjk(c) for c in tokens[0])):
        return []
    hits: list[ArticleHit] = []
    with ctx.sessions() as session:
        rows = _rows(session, active_only=True)
        for row in rows:
            title, body = row.title.casefold(), row.body.casefold()
            tags = " ".join(split_tags(row.tags)).casefold()
            places = []
            for token in tokens:
                found = [
                    p for p, field in ((TITLE, title), (TAGS, tags), (BODY, body)) if token in field
                ]
                if not found:
                    break
                places.append(found)
            else:
                best = max(min(_RANK[p] for p in found) for found in places)
                matched = next(name for name, rank in _RANK.items() if rank == best)
                in_body = next((t for t in tokens if t in body), None)
                hits.append(ArticleHit(_view(row), matched, _snippet(row.body, body, in_body)))
    hits.sort(key=lambda hit: _RANK[hit.matched_on])
    return hits[:limit]
