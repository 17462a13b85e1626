"""The settings dialog driven as a person would: the file it writes, the keyring it fills, and
the field each error lands on (with nothing written while one shows)."""

from __future__ import annotations

import tomllib
from collections.abc import Iterator
from pathlib import Path

import keyring.backends.fail
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from callcenter.platform.config import Config
from callcenter.platform.secrets import SERVICE, SecretStore
from tests.helpers.keyring_memory import MemoryKeyring, installed
from ui.common.form import select_data
from ui.platform.settings_dialog import SettingsDialog

SIP_PASSWORD = "hunter2 ✓ sip"
DB_PASSWORD = "db-secret-42"
URL = "postgresql+psycopg://ann@db.example.com:5432/callcenter"
OUTPUTS = ["USB Headset", "Built-in Speakers"]
INPUTS = ["USB Headset Microphone", "Built-in Microphone"]


@pytest.fixture
def memory() -> Iterator[MemoryKeyring]:
    backend = MemoryKeyring()
    with installed(backend):
        yield backend


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "callcenter.toml"


def open_dialog(qtbot: QtBot, path: Path, secrets: SecretStore | None = None) -> SettingsDialog:
    dialog = SettingsDialog(
        path, secrets or SecretStore(), audio_devices=OUTPUTS, input_devices=INPUTS
    )
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def fill(dialog: SettingsDialog) -> None:
    dialog.registrar.setText("pbx.example.com:5061")
    dialog.username.setText("ann")
    dialog.domain.setText("example.com")
    assert select_data(dialog.transport, "tls")
    dialog.display_name.setText('Ann "Support" O\'Neil')
    dialog.sip_password.edit.setText(SIP_PASSWORD)
    assert select_data(dialog.output_device, "USB Headset")
    assert select_data(dialog.input_device, "USB Headset Microphone")
    assert select_data(dialog.ring_device, "Built-in Speakers")
    assert select_data(dialog.region, "DE")
    dialog.wrap_up.setValue(45)
    dialog.database_url.setText(URL)
    dialog.database_password.edit.setText(DB_PASSWORD)


def save(qtbot: QtBot, dialog: SettingsDialog) -> Config:
    with qtbot.waitSignal(dialog.saved, timeout=2000) as blocker:
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    config = blocker.args[0]
    assert isinstance(config, Config)
    return config


def refused(qtbot: QtBot, dialog: SettingsDialog) -> None:
    with qtbot.assertNotEmitted(dialog.saved):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()


def test_save_writes_the_file_and_puts_the_passwords_in_the_keyring(
    qtbot: QtBot, path: Path, memory: MemoryKeyring
) -> None:
    dialog = open_dialog(qtbot, path)
    assert dialog.keyring_notice.isHidden()
    fill(dialog)
    config = save(qtbot, dialog)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert tomllib.loads(path.read_text(encoding="utf-8")) == {
        "default_region": "DE",
        "wrap_up_seconds": 45,
        "sip": {
            "registrar": "pbx.example.com:5061",
            "username": "ann",
            "domain": "example.com",
            "transport": "tls",
            "display_name": 'Ann "Support" O\'Neil',
        },
        "audio": {
            "output": "USB Headset",
            "input": "USB Headset Microphone",
            "ring": "Built-in Speakers",
        },
        "database": {"shared_url": URL},
    }
    assert config.default_region == "DE"
    assert config.wrap_up_seconds == 45
    assert config.sip.transport == "tls"
    assert config.shared_database_url == URL
    assert memory.passwords == {
        (SERVICE, "sip:ann@pbx.example.com:5061"): SIP_PASSWORD,
        (SERVICE, f"db:{URL}"): DB_PASSWORD,
    }
    text = path.read_text(encoding="utf-8")
    assert SIP_PASSWORD not in text
    assert DB_PASSWORD not in text


def test_the_dialog_shows_the_file_and_keeps_what_it_does_not_edit(
    qtbot: QtBot, path: Path, memory: MemoryKeyring
) -> None:
    path.write_text(
        'default_region = "fr"\n'
        "wrap_up_seconds = 90\n"
        'event_log = "events.jsonl"\n'
        "[sip]\n"
        'registrar = "pbx.example.com"\n'
        'username = "bob"\n'
        'queue_header = "X-Team"\n'
        "[audio]\n"
        'output = "Old Headset"\n'
        "[shortcuts]\n"
        'answer = "F5"\n',
        encoding="utf-8",
    )
    memory.passwords[(SERVICE, "sip:bob@pbx.example.com")] = SIP_PASSWORD
    dialog = open_dialog(qtbot, path)
    assert dialog.region.currentData() == "FR"
    assert dialog.region.currentText() == "France (FR)"
    assert dialog.wrap_up.value() == 90
    assert dialog.username.text() == "bob"
    assert dialog.output_device.currentText() == "Old Headset (not connected)"
    assert dialog.input_device.currentText() == "System default"
    assert dialog.sip_password.status.text() == "Stored in the OS keyring"
    assert dialog.sip_password.edit.text() == ""  # a stored password is never shown back
    assert dialog.database_password.status.text() == ""
    save(qtbot, dialog)
    assert tomllib.loads(path.read_text(encoding="utf-8")) == {
        "default_region": "FR",
        "wrap_up_seconds": 90,
        "event_log": "events.jsonl",
        "sip": {
            "registrar": "pbx.example.com",
            "username": "bob",
            "queue_header": "X-Team",
            "transport": "udp",
        },
        "audio": {"output": "Old Headset"},
        "shortcuts": {"answer": "F5"},
    }
    assert memory.passwords == {(SERVICE, "sip:bob@pbx.example.com"): SIP_PASSWORD}


@pytest.mark.parametrize(
    ("typed", "code"), [("jp", "JP"), ("france", "FR"), ("United Kingdom (GB)", "GB")]
)
def test_a_region_can_be_typed_as_a_code_or_a_name(
    qtbot: QtBot, path: Path, memory: MemoryKeyring, typed: str, code: str
) -> None:
    dialog = open_dialog(qtbot, path)
    dialog.region.setEditText(typed)
    assert save(qtbot, dialog).default_region == code


def test_a_bad_region_is_shown_on_the_region_field_and_nothing_is_written(
    qtbot: QtBot, path: Path, memory: MemoryKeyring
) -> None:
    dialog = open_dialog(qtbot, path)
    fill(dialog)
    dialog.region.setEditText("Atlantis")
    refused(qtbot, dialog)
    assert dialog.errors.text("default_region") == "'ATLANTIS' is not an ISO 3166 region code"
    assert dialog.tabs.tabText(dialog.tabs.currentIndex()) == "D&esk"
    assert not path.exists()
    assert memory.passwords == {}


def test_an_emptied_wrap_up_is_refused_on_its_field(
    qtbot: QtBot, path: Path, memory: MemoryKeyring
) -> None:
    dialog = open_dialog(qtbot, path)
    dialog.wrap_up.lineEdit().clear()
    refused(qtbot, dialog)
    assert dialog.errors.text("wrap_up_seconds") == (
        "Wrap-up time must be a whole number from 0 to 3600."
    )
    assert dialog.errors.text("default_region") == ""
    assert not path.exists()


def test_errors_already_in_the_file_show_on_their_fields_when_opened(
    qtbot: QtBot, path: Path, memory: MemoryKeyring
) -> None:
    """A hand-edited file: the bad transport is shown as it is and Save refuses it until
    changed; the file is untouched meanwhile."""
    text = '[sip]\nusername = "ann"\ntransport = "sctp"\n'
    path.write_text(text, encoding="utf-8")
    dialog = open_dialog(qtbot, path)
    assert dialog.transport.currentText() == "sctp (not supported)"
    assert dialog.errors.text("sip.transport") == "Transport must be udp, tcp or tls."
    assert dialog.tabs.tabText(dialog.tabs.currentIndex()) == "SIP &account"
    refused(qtbot, dialog)
    assert dialog.errors.text("sip.transport") == "Transport must be udp, tcp or tls."
    assert path.read_text(encoding="utf-8") == text
    assert select_data(dialog.transport, "tcp")
    assert save(qtbot, dialog).sip.transport == "tcp"


def test_a_wrap_up_out_of_range_in_the_file_is_pointed_out(
    qtbot: QtBot, path: Path, memory: MemoryKeyring
) -> None:
    path.write_text("wrap_up_seconds = 5000\n", encoding="utf-8")
    dialog = open_dialog(qtbot, path)
    assert dialog.errors.text("wrap_up_seconds") == (
        "Wrap-up time must be a whole number from 0 to 3600."
    )
    assert dialog.tabs.tabText(dialog.tabs.currentIndex()) == "D&esk"


def test_a_url_with_a_password_is_refused_with_where_to_put_it(
    qtbot: QtBot, path: Path, memory: MemoryKeyring
) -> None:
    dialog = open_dialog(qtbot, path)
    fill(dialog)
    dialog.tabs.setCurrentIndex(0)
    dialog.database_url.setText("postgresql+psycopg://ann:hunter2@db.example.com/callcenter")
    refused(qtbot, dialog)
    assert dialog.errors.text("database.shared_url") == (
        "Server URL must not contain a password; type it in the Password field below, "
        "which keeps it in the OS keyring."
    )
    assert dialog.tabs.tabText(dialog.tabs.currentIndex()) == "Shared data&base"
    assert not path.exists()
    assert memory.passwords == {}


def test_a_password_found_in_the_files_url_moves_to_the_keyring(
    qtbot: QtBot, path: Path, memory: MemoryKeyring
) -> None:
    path.write_text(
        '[database]\nshared_url = "postgresql://ann:p%40ss@db.example.com/cc"\n', encoding="utf-8"
    )
    dialog = open_dialog(qtbot, path)
    assert dialog.database_url.text() == "postgresql://ann@db.example.com/cc"
    assert dialog.database_password.edit.text() == "p@ss"
    assert "moved to the Password field" in dialog.errors.text("database.shared_url")
    save(qtbot, dialog)
    assert "p%40ss" not in path.read_text(encoding="utf-8")
    assert memory.passwords == {(SERVICE, "db:postgresql://ann@db.example.com/cc"): "p@ss"}


@pytest.mark.parametrize(
    "registrar", ["sip:pbx.example.com", "pbx example.com", "pbx.example.com:70000", "pbx:"]
)
def test_a_malformed_registrar_is_refused(
    qtbot: QtBot, path: Path, memory: MemoryKeyring, registrar: str
) -> None:
    dialog = open_dialog(qtbot, path)
    dialog.registrar.setText(registrar)
    refused(qtbot, dialog)
    assert dialog.errors.text("sip.registrar") == (
        "Registrar must be host or host:port, such as pbx.example.com:5060."
    )
    assert not path.exists()


def test_a_sip_password_needs_the_account_it_belongs_to(
    qtbot: QtBot, path: Path, memory: MemoryKeyring
) -> None:
    dialog = open_dialog(qtbot, path)
    dialog.registrar.setText("[2001:db8::1]:5060")
    dialog.sip_password.edit.setText(SIP_PASSWORD)
    refused(qtbot, dialog)
    assert dialog.errors.text("sip_password").startswith("Password is kept under the account")
    assert dialog.errors.text("sip.registrar") == ""
    assert not path.exists()


def test_with_no_keyring_the_dialog_says_so_and_keeps_the_password_for_this_session(
    qtbot: QtBot, path: Path
) -> None:
    with installed(keyring.backends.fail.Keyring()):
        secrets = SecretStore()
        dialog = open_dialog(qtbot, path, secrets)
        assert dialog.keyring_notice.isVisible()
        assert dialog.keyring_notice.text().startswith(
            "Passwords cannot be kept in the OS keyring: no OS keyring is available"
        )
        assert "used for this session only" in dialog.keyring_notice.text()
        assert dialog.sip_password.edit.placeholderText() == "Used for this session only"
        fill(dialog)
        save(qtbot, dialog)
        assert dialog.result() == QDialog.DialogCode.Accepted
        assert secrets.session_only("sip:ann@pbx.example.com:5061")
        assert secrets.get("sip:ann@pbx.example.com:5061") == SIP_PASSWORD
        assert secrets.get(f"db:{URL}") == DB_PASSWORD
    text = path.read_text(encoding="utf-8")
    assert SIP_PASSWORD not in text
    assert DB_PASSWORD not in text


def test_a_keyring_failing_at_save_keeps_the_dialog_open_to_say_so(
    qtbot: QtBot, path: Path, memory: MemoryKeyring
) -> None:
    secrets = SecretStore()
    dialog = open_dialog(qtbot, path, secrets)
    fill(dialog)
    memory.locked = True
    save(qtbot, dialog)
    assert dialog.isVisible()
    assert dialog.keyring_notice.text().startswith(
        "Settings saved. Passwords cannot be kept in the OS keyring: the OS keyring is locked"
    )
    assert dialog.sip_password.status.text() == "Kept for this session only"
    assert dialog.cancel_button.text() == "Close"
    assert secrets.get("sip:ann@pbx.example.com:5061") == SIP_PASSWORD
    assert memory.passwords == {}
    assert path.exists()


def test_forget_removes_the_stored_password_at_once(
    qtbot: QtBot, path: Path, memory: MemoryKeyring
) -> None:
    path.write_text('[sip]\nregistrar = "pbx.example.com"\nusername = "ann"\n', encoding="utf-8")
    memory.passwords[(SERVICE, "sip:ann@pbx.example.com")] = SIP_PASSWORD
    dialog = open_dialog(qtbot, path)
    qtbot.mouseClick(dialog.sip_password.forget_button, Qt.MouseButton.LeftButton)
    assert memory.passwords == {}
    assert dialog.sip_password.status.text() == "Stored password forgotten"
    qtbot.mouseClick(dialog.sip_password.forget_button, Qt.MouseButton.LeftButton)
    assert dialog.sip_password.status.text() == "None was stored"


def test_typing_an_account_says_whether_its_password_is_stored(
    qtbot: QtBot, path: Path, memory: MemoryKeyring
) -> None:
    memory.passwords[(SERVICE, "sip:ann@pbx.example.com")] = SIP_PASSWORD
    dialog = open_dialog(qtbot, path)
    assert dialog.sip_password.status.text() == ""
    assert not dialog.sip_password.forget_button.isEnabled()
    qtbot.keyClicks(dialog.registrar, "pbx.example.com")
    qtbot.keyClicks(dialog.username, "ann")
    qtbot.waitUntil(lambda: dialog.sip_password.status.text() == "Stored in the OS keyring")
    assert dialog.sip_password.forget_button.isEnabled()
    qtbot.keyClicks(dialog.username, "e")
    qtbot.waitUntil(lambda: dialog.sip_password.status.text() == "None stored")


def test_an_error_in_the_file_outranks_the_note_on_a_moved_password(
    qtbot: QtBot, path: Path, memory: MemoryKeyring
) -> None:
    path.write_text(
        'wrap_up_seconds = 5000\n[database]\nshared_url = "postgresql://ann:pw@db/cc"\n',
        encoding="utf-8",
    )
    dialog = open_dialog(qtbot, path)
    assert dialog.errors.text("wrap_up_seconds") != ""
    assert dialog.errors.text("database.shared_url") == ""
    assert dialog.database_url.text() == "postgresql://ann@db/cc"


def test_a_file_that_is_not_toml_is_not_overwritten(
    qtbot: QtBot, path: Path, memory: MemoryKeyring
) -> None:
    path.write_text("default_region = \n", encoding="utf-8")
    dialog = open_dialog(qtbot, path)
    assert not dialog.save_button.isEnabled()
    assert dialog.general_error.isVisible()
    assert dialog.general_error.text().startswith(f"{path}: not valid TOML")
    assert dialog.general_error.text().endswith("Fix or remove the file, then open Settings.")


def test_settings_screenshot(
    qtbot: QtBot, path: Path, memory: MemoryKeyring, screenshot_dir: Path
) -> None:
    path.write_text(
        'default_region = "GB"\nwrap_up_seconds = 30\n'
        '[sip]\nregistrar = "pbx.example.com:5061"\nusername = "ann"\ntransport = "tls"\n'
        'display_name = "Ann Smith"\ndomain = "example.com"\n',
        encoding="utf-8",
    )
    memory.passwords[(SERVICE, "sip:ann@pbx.example.com:5061")] = SIP_PASSWORD
    dialog = open_dialog(qtbot, path)
    dialog.resize(680, 500)
    assert dialog.sip_password.status.text() == "Stored in the OS keyring"
    image = screenshot_dir / "settings.png"
    assert dialog.grab().save(str(image))
