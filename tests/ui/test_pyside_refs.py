"""Guards the PySide6 pin: a void Qt method must not steal a reference to None.

PySide6 6.12.0 does (each ``setText`` drops None's refcount by one), and on Python 3.11, where
None is not immortal, a desk that runs for a shift aborts with "none_dealloc".
"""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot


def test_void_methods_keep_none_alive(qtbot: QtBot) -> None:
    label = QLabel()
    qtbot.addWidget(label)
    before = sys.getrefcount(None)
    for _ in range(1000):
        label.setText("x")
        label.repaint()
    assert sys.getrefcount(None) - before > -100
