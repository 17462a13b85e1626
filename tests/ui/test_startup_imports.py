"""What the desktop loads to start, in a fresh process (not timed: bench/startup.py times it).

The core comes before Qt, because PySide6 reads the source of every module imported after it;
windows the agent opens later (the supervisor's, the back office) are loaded when opened.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

LOADED = """
import json, sys
import ui.app
print(json.dumps(list(sys.modules)))
"""


def _loaded_in_order() -> list[str]:
    done = subprocess.run(
        [sys.executable, "-c", LOADED],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    loaded: list[str] = json.loads(done.stdout)  # sys.modules keeps the order of import
    return loaded


def test_the_core_is_loaded_before_qt_and_later_windows_not_at_all() -> None:
    loaded = _loaded_in_order()
    qt = loaded.index("PySide6")
    for core in ("sqlalchemy", "db.models", "callcenter.sync.replicator", "callcenter.desk.desk"):
        assert loaded.index(core) < qt, core
    later = [m for m in loaded if m.startswith(("ui.supervisor", "ui.administration"))]
    assert not later, later
