"""``callcenter desktop`` and ``callcenter demo``: the commands that open the window.

Registered through the ``callcenter.commands`` entry point so the core never imports ``ui``.
Every ``callcenter`` command line loads this module to build its parser, so what the commands
run (Qt, the stores, the phone) is imported inside them, when they run.
"""

from __future__ import annotations

import argparse
import os
import sys
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from callcenter.cli.words import _
from callcenter.platform import config as config_module
from callcenter.platform.config import ENV_VAR, LANGUAGES, Config

if TYPE_CHECKING:
    from callcenter.platform.secrets import SecretStore
    from telephony.audio import AudioBridge
    from telephony.pjsua_phone import PjsuaPhone

DEMO_CUSTOMERS = 5000
DEMO_AGENT = "agent01"


def register(commands: Any) -> None:
    desktop = commands.add_parser("desktop", help=_("open the agent desktop"))
    desktop.add_argument("--user", help=_("sign in as this user (default: agent_username)"))
    desktop.add_argument("--event-log", metavar="PATH", help=_("write events as JSON Lines here"))
    desktop.set_defaults(func=run_desktop)

    demo = commands.add_parser(
        "demo",
        help=_("run the desktop on demo data in a folder of its own (no server needed)"),
        description=_(
            "Create (once) a config, SQLite stores and demo customers in FOLDER, then "
            "open the desktop signed in as a demo agent."
        ),
    )
    demo.add_argument(
        "--folder",
        type=Path,
        help=_("where the demo lives (default: the config file's folder, else ./demo-data)"),
    )
    demo.add_argument(
        "--customers",
        type=int,
        default=DEMO_CUSTOMERS,
        metavar="N",
        help=_("how many demo customers a new demo gets (default: {count})").format(
            count=DEMO_CUSTOMERS
        ),
    )
    demo.add_argument("--seed", type=int, default=1, help=_("random seed (default: 1)"))
    demo.add_argument(
        "--lang",
        choices=LANGUAGES,
        help=_(
            "the interface language, written into the demo's config (default: as the config "
            "has it, else the system's)"
        ),
    )
    demo.add_argument("--event-log", metavar="PATH", help=_("write events as JSON Lines here"))
    demo.set_defaults(func=run_demo)


def _with_event_log(config: Config, path: str | None) -> Config:
    return replace(config, event_log=Path(path)) if path else config


def for_person(config: Config, username: str | None) -> Config:
    """The config of the person signing in: their own local store file and desk name, not
    those of the config's ``agent_username`` (two people never share a desk's copy)."""
    return replace(config, agent_username=username) if username else config


def run_desktop(args: argparse.Namespace) -> int:
    # The core before Qt (and ui.app loads its own core imports first): PySide6 reads the
    # source of every module imported after it.
    from callcenter.cli.sync_run import console_progress
    from callcenter.desk.softphone import configured
    from callcenter.platform.secrets import SecretStore
    from callcenter.sync.stores import first_sync
    from ui.app import run

    config = for_person(_with_event_log(config_module.load(args.config), args.event_log), args.user)
    secrets = SecretStore()
    if not config.embedded:
        from PySide6.QtWidgets import QApplication

        from ui.platform.password_prompt import database_password

        QApplication.instance() or QApplication(sys.argv)
        database_password(config, secrets)  # kept in the keyring (or for this session)
    status = first_sync(config, console_progress, secrets)
    if not status.initial_done:
        print(
            _("callcenter: this desk has no copy of the shared database yet: {error}").format(
                error=status.last_error
            )
        )
        return 1
    if not configured(config):
        return run(config, args.user, secrets=secrets)
    return run(config, args.user, lambda audio: desk_phone(config, secrets, audio), secrets=secrets)


def desk_phone(config: Config, secrets: SecretStore, audio: AudioBridge) -> PjsuaPhone:
    """The configured SIP account, registered with the password from the OS keyring (asked
    for once, and kept for this session only when there is no usable keyring)."""
    from callcenter.crm.phones import to_e164
    from callcenter.desk.softphone import sip_settings
    from telephony.pjsua_phone import PjsuaPhone
    from ui.platform.password_prompt import sip_password

    phone = PjsuaPhone(
        sip_settings(config), normalise=lambda n: to_e164(n, config.default_region), audio=audio
    )
    phone.start()
    password = sip_password(config, secrets)
    if password is not None:
        phone.register(password)
    return phone


def demo_folder(args: argparse.Namespace) -> Path:
    if args.folder:
        return Path(args.folder)
    explicit = args.config or os.environ.get(ENV_VAR)
    return Path(explicit).parent if explicit else Path("demo-data")


def prepare_demo(folder: Path, customers: int, seed: int, language: str | None = None) -> Config:
    """Write the demo's config once and fill its shared store with demo data once (the desk
    copies it on its first sync, as a desk on a real shared database would).

    ``language`` (one of ``LANGUAGES``), when given, is written into the config, a new one's or
    an existing one's (its other keys kept): the interface and the dictionary then read in it,
    and a new demo's data has what the staff wrote in it (``callcenter.demo.data.written``).
    """
    from callcenter.crm.customers import customer_count
    from callcenter.demo import data as demo_data
    from callcenter.sync.stores import SHARED, open_context

    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "callcenter.toml"
    if not path.exists():
        path.write_text(
            "# Written by `callcenter demo`: embedded SQLite stores in this folder.\n"
            f'agent_username = "{DEMO_AGENT}"\n'
            'default_region = "GB"\n'
            "wrap_up_seconds = 30\n"
            'event_log = "events.jsonl"\n' + (f'language = "{language}"\n' if language else ""),
            encoding="utf-8",
        )
    config = config_module.load(path)
    if language and config.language != language:
        config = _set_language(path, language)
    ctx = open_context(config, SHARED)
    try:
        if not customer_count(ctx):
            print(
                _("creating {count} demo customers in {folder} …").format(
                    count=customers, folder=folder
                ),
                flush=True,
            )
            demo_data.generate(ctx, customers, seed=seed, language=config.language)
    finally:
        ctx.dispose()
    return config


def _set_language(path: Path, language: str) -> Config:
    """The config file at ``path`` with its ``language`` key set, every other key kept."""
    from callcenter.platform.config_writer import save

    if language not in LANGUAGES:
        raise ValueError(f"not a language: {language!r}")
    return save(path, {"language": language})


def demo_phone(config: Config, audio: AudioBridge | None = None) -> PjsuaPhone:
    """A softphone on a loopback account: calls come from the demo's own simulated callers."""
    from callcenter.crm.phones import to_e164
    from telephony.pjsua_phone import PjsuaPhone
    from telephony.settings import SipSettings

    settings = SipSettings(
        registrar_host="127.0.0.1",
        username="agent",
        bind_address="127.0.0.1",
        trusted_proxies=("127.0.0.1",),
    )
    phone = PjsuaPhone(settings, normalise=lambda n: to_e164(n, config.default_region), audio=audio)
    phone.start()
    phone.use_local_account()
    return phone


def run_demo(args: argparse.Namespace) -> int:
    from callcenter.cli.sync_run import console_progress
    from callcenter.sync.stores import first_sync
    from telephony.pjsua_phone import PjsuaPhone
    from ui.app import Running, run
    from ui.demo import menu as demo_menu

    config = prepare_demo(demo_folder(args), args.customers, args.seed, args.lang)
    config = _with_event_log(config, args.event_log)
    first_sync(config, console_progress)

    def add_menu(running: Running) -> None:
        assert isinstance(running.desk.phone, PjsuaPhone)
        demo_menu.install(running.window, running.desk.phone)

    return run(config, DEMO_AGENT, lambda audio: demo_phone(config, audio), after_start=add_menu)
