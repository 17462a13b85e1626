"""Dictionary entries in other languages: ``labels`` (JSON ``{"zh_CN": "..."}``) on queues,
disposition codes, request categories and not-ready reasons, shown in the reader's language;
the demo's dictionary gets its Chinese on a shared store (desks pull it like any edit).

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-03 08:40:00
"""

from __future__ import annotations

import json
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from db import changefeed_ddl

revision: str = "0016"
down_revision: str | None = "0015"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLES = ("queues", "disposition_codes", "sr_categories", "not_ready_reasons")
#: The demo's dictionary in Chinese, as it stood when this revision was written.
CHINESE = {
    "queues": {
        "sales": "销售",
        "support": "客户服务",
        "billing": "账单与付款",
    },
    "disposition_codes": {
        "resolved": "通话中已解决",
        "sale": "已成交",
        "complaint": "已记录投诉",
        "callback-requested": "客户要求回拨",
        "wrong-number": "打错电话",
        "no-answer": "无人接听",
        "information": "已提供信息",
        "escalated": "已升级至二线",
        "voicemail": "已留语音信箱",
    },
    "sr_categories": {
        "billing": "账单咨询",
        "technical": "技术故障",
        "delivery": "配送问题",
        "complaint": "投诉",
        "account": "账户变更",
        "returns": "退货或退款",
    },
    "not_ready_reasons": {
        "break": "休息",
        "lunch": "午餐",
        "training": "培训",
        "meeting": "会议",
        "admin": "行政事务",
    },
}


def _shared(connection: sa.Connection) -> bool:
    return connection.dialect.name == "postgresql" or changefeed_ddl.is_shared_sqlite(connection)


def upgrade() -> None:
    bind = op.get_bind()
    shared_sqlite = changefeed_ddl.is_shared_sqlite(bind)
    for table in TABLES:
        op.add_column(table, sa.Column("labels", sa.Text(), nullable=True))
    if shared_sqlite:
        # The update triggers list the columns they watch: rebuild them with the new one.
        changefeed_ddl.remove(bind, list(TABLES))
        changefeed_ddl.install(bind, list(TABLES))
    if not _shared(bind):
        return
    for table, words in CHINESE.items():
        key = "name" if table == "queues" else "code"
        for code, chinese in words.items():
            bind.execute(
                sa.text(
                    f"UPDATE {table} SET labels = :labels WHERE {key} = :code AND labels IS NULL"
                ),
                {"labels": json.dumps({"zh_CN": chinese}, ensure_ascii=False), "code": code},
            )


def downgrade() -> None:
    bind = op.get_bind()
    shared_sqlite = changefeed_ddl.is_shared_sqlite(bind)
    if shared_sqlite:
        changefeed_ddl.remove(bind, list(TABLES))
    for table in TABLES:
        op.execute(sa.text(f"ALTER TABLE {table} DROP COLUMN labels"))
    if shared_sqlite:
        changefeed_ddl.install(bind, list(TABLES))
