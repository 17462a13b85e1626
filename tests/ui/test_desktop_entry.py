"""The desktop in the system's menu: the entry the set-up installs, and the icon it shows."""

from __future__ import annotations

import configparser
import os
import subprocess
from pathlib import Path

from PySide6.QtGui import QIcon
from pytestqt.qtbot import QtBot

from resources import ICON

ROOT = Path(__file__).resolve().parents[2]


def test_the_set_up_puts_a_valid_entry_in_the_menu(tmp_path: Path) -> None:
    done = subprocess.run(
        [str(ROOT / "scripts" / "install-desktop-entry")],
        env={**os.environ, "XDG_DATA_HOME": str(tmp_path)},
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr  # desktop-file-validate ran in it
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # keys such as Name[zh_CN] are case-sensitive
    entry.read(tmp_path / "applications" / "callcenter.desktop", encoding="utf-8")
    desk = entry["Desktop Entry"]
    program, command = desk["Exec"].split()
    assert Path(program) == ROOT / ".venv" / "bin" / "callcenter" and command == "desktop"
    assert Path(program).exists()
    assert Path(desk["Icon"]) == ICON
    assert desk["Name[zh_CN]"] == "呼叫中心坐席"


def test_the_icon_draws(qtbot: QtBot) -> None:
    pixmap = QIcon(str(ICON)).pixmap(64, 64)
    assert not pixmap.isNull()
    image = pixmap.toImage()
    assert len({image.pixel(x, y) for x in range(0, 64, 4) for y in range(0, 64, 4)}) >= 3
