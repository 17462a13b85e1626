"""Files the desktop ships with: the application icon, the style sheet and the desktop-menu
entry's template (``scripts/install-desktop-entry`` fills in where this checkout lives)."""

from pathlib import Path

HERE = Path(__file__).resolve().parent
#: The application's icon (window, taskbar, tray, notifications, the system's menu).
ICON = HERE / "callcenter.svg"
DESKTOP_ENTRY = HERE / "callcenter.desktop.in"
#: The desk's own colours and emphasis, by object name (Qt style sheet).
STYLESHEET = HERE / "callcenter.qss"
#: Qt Linguist catalogues, one per part of the desktop: ``<part>_<language>.ts`` and the
#: ``.qm`` built from it (``scripts/translations``).
TRANSLATIONS = HERE / "translations"
