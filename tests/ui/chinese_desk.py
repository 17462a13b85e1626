"""A desktop on a store whose dictionary, people and customer are Chinese, as a Chinese center
keeps them: for the checks that the interface leaves no English on screen."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pytestqt.qtbot import QtBot
from sqlalchemy import update

from callcenter.crm import customers
from callcenter.crm.customers import NewCustomer
from callcenter.platform import config_writer
from callcenter.platform.config import from_table
from callcenter.platform.context import ServiceContext
from callcenter.sync.stores import SHARED, first_sync, open_context
from db.enums import PhoneKind
from db.models import DispositionCode, NotReadyReason, Queue, SRCategory, User
from tests.callcenter.conftest import seed_people
from ui.app import Running, build
from ui.common import i18n

#: The dictionary and people in Chinese.
CHINESE: dict[Any, dict[str, str]] = {
    User: {"ann": "安娜", "bob": "鲍勃", "sue": "苏珊"},
    Queue: {"support": "客服"},
    DispositionCode: {"resolved": "已解决", "complaint": "投诉"},
    NotReadyReason: {"break": "休息", "lunch": "午餐"},
    SRCategory: {"billing": "账单", "technical": "技术", "retired": "停用"},
}


def in_chinese(ctx: ServiceContext) -> None:
    with ctx.sessions.begin() as s:
        for model, names in CHINESE.items():
            keys: dict[Any, Any] = {User: User.username, Queue: Queue.name}
            key = keys[model] if model in keys else model.code  # noqa: SIM401 - eager default
            column = "display_name" if model in (User, Queue) else "label"
            for code, words in names.items():
                s.execute(update(model).where(key == code).values({column: words}))


@contextlib.contextmanager
def chinese_desk(qtbot: QtBot, folder: Path, language: str) -> Iterator[Running]:
    """Ann's desktop in ``language`` (its config file in ``folder``) on the Chinese store,
    with 张伟 of 上海 as a customer; closed, and the interface back in English, after."""
    path = folder / "callcenter.toml"
    config_writer.save(
        path, {"agent_username": "ann", "language": language, "default_region": "CN"}
    )
    config = from_table(config_writer.read_table(path), path)
    ctx = open_context(config, SHARED)
    seed_people(ctx)
    in_chinese(ctx)
    customers.create_customer(
        ctx,
        NewCustomer(name="张伟", phones=(("138 0013 8000", PhoneKind.MOBILE),), city="上海"),
    )
    ctx.dispose()
    assert first_sync(config).initial_done
    app = build(config, "ann")
    qtbot.addWidget(app.window)
    app.window.show()
    try:
        yield app
    finally:
        app.desk.calls.clear()
        app.window.calls.current = None
        app.close()
        i18n.install("en")
