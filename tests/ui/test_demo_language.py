"""``callcenter demo --lang``: the demo's config gets the language (a new demo's and an existing
one's), the dictionary and the callers then read in it, and the command's help is worded in the
locale's language like the rest of the command line."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest

from callcenter.demo.calls import CHINESE_NUMBERS, DemoCaller, simulated_call
from callcenter.platform import language
from callcenter.platform.directory import not_ready_reasons, queues
from callcenter.sync.stores import SHARED, open_context
from ui.commands import prepare_demo

CUSTOMERS = 60


@pytest.fixture
def reading_back() -> Iterator[None]:
    """The dictionary's language as it was before the test, afterwards."""
    before = language.current()
    yield
    language.set_language(before)


def _table(folder: Path) -> dict[str, object]:
    return tomllib.loads((folder / "callcenter.toml").read_text(encoding="utf-8"))


def test_a_new_demo_in_chinese_reads_chinese(tmp_path: Path, reading_back: None) -> None:
    config = prepare_demo(tmp_path, CUSTOMERS, 1, "zh_CN")
    assert config.language == "zh_CN"
    assert _table(tmp_path)["language"] == "zh_CN"

    language.set_language(config.language)
    ctx = open_context(config, SHARED)
    try:
        names = {q.name: q.display_name for q in queues(ctx)}
        assert names == {"sales": "销售", "support": "客户服务", "billing": "账单与付款"}
        assert "午餐" in {r.label for r in not_ready_reasons(ctx)}
        caller = simulated_call(ctx, DemoCaller.KNOWN, "support")
        display = caller.caller_uri.split('"')[1]
        assert any("\u4e00" <= char <= "\u9fff" for char in display), caller.caller_uri
        assert caller.caller_uri.split("<sip:")[1].startswith(CHINESE_NUMBERS), caller.caller_uri
    finally:
        ctx.dispose()


def test_an_existing_demo_changes_language_and_keeps_the_rest(tmp_path: Path) -> None:
    first = prepare_demo(tmp_path, 0, 1)
    assert first.language == "system"
    assert "language" not in _table(tmp_path)

    again = prepare_demo(tmp_path, 0, 1, "zh_CN")
    table = _table(tmp_path)
    assert again.language == "zh_CN"
    assert table["language"] == "zh_CN"
    assert table["agent_username"] == "agent01"
    assert table["wrap_up_seconds"] == 30

    assert prepare_demo(tmp_path, 0, 1, "en").language == "en"
    assert prepare_demo(tmp_path, 0, 1).language == "en"  # no --lang: as the config has it
    assert _table(tmp_path)["language"] == "en"


def _demo_help(locale: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "LANGUAGE": locale, "LC_ALL": "", "LANG": "C.UTF-8"}
    return subprocess.run(
        [sys.executable, "-m", "callcenter", "demo", "--help"],
        check=False,
        capture_output=True,
        text=True,
        env=env,
    )


@pytest.mark.parametrize(
    ("locale", "words"),
    [
        ("zh_CN", ["用法：", "以演示坐席身份登录", "界面语言", "{system,en,zh_CN}"]),
        ("en", ["usage:", "signed in as a demo agent", "the interface language"]),
    ],
)
def test_demo_help_is_in_the_locales_language(locale: str, words: list[str]) -> None:
    shown = _demo_help(locale)
    assert shown.returncode == 0, shown.stderr
    for word in words:
        assert word in shown.stdout, shown.stdout


def test_the_commands_list_in_chinese() -> None:
    env = {**os.environ, "LANGUAGE": "zh_CN", "LC_ALL": "", "LANG": "C.UTF-8"}
    shown = subprocess.run(
        [sys.executable, "-m", "callcenter", "--help"],
        check=False,
        capture_output=True,
        text=True,
        env=env,
    )
    assert "打开坐席桌面" in shown.stdout
    assert "用演示数据运行桌面" in shown.stdout


def test_a_chinese_demo_has_the_same_customers_with_chinese_notes(tmp_path: Path) -> None:
    from sqlalchemy import select

    from db.models import Customer, ServiceRequest

    def read(language: str) -> tuple[list[str], list[str]]:
        config = prepare_demo(tmp_path / language, CUSTOMERS, 1, language)
        ctx = open_context(config, SHARED)
        try:
            with ctx.sessions() as session:
                names = list(session.scalars(select(Customer.name).order_by(Customer.external_id)))
                subjects = list(
                    session.scalars(select(ServiceRequest.subject).order_by(ServiceRequest.number))
                )
        finally:
            ctx.dispose()
        return names, subjects

    english, english_subjects = read("en")
    chinese, chinese_subjects = read("zh_CN")
    assert chinese == english
    assert len(chinese_subjects) == len(english_subjects) > 0
    assert all(any("\u4e00" <= c <= "\u9fff" for c in subject) for subject in chinese_subjects)
    assert any(subject.isascii() for subject in english_subjects)
