"""The softphone's settings from the desk's configuration (the password comes separately)."""

from __future__ import annotations

import socket

from callcenter.platform.config import Config
from callcenter.platform.errors import ConfigError
from callcenter.platform.messages import N_
from telephony.settings import SipSettings, Transport

DEFAULT_SIP_PORT = 5060
DEFAULT_TLS_PORT = 5061


def split_host_port(value: str, default_port: int) -> tuple[str, int]:
    """``pbx.example.com:5080`` -> (host, 5080); a bare host gets ``default_port``."""
    host, sep, port = value.strip().rpartition(":")
    if not sep:
        return value.strip(), default_port
    if not port.isdigit() or not 0 < int(port) < 65536 or not host:
        raise ConfigError(N_("sip.registrar: {value!r} is not host or host:port"), value=value)
    return host, int(port)


def reaching_address(host: str, port: int) -> str:
    """The local address this machine sends from to reach ``host`` (no packet is sent: a UDP
    socket's connect only picks the route), so the phone does not listen on every interface.
    Where the registrar cannot be resolved yet, every interface (the phone retries anyway)."""
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
            probe.connect((host, port))
            return str(probe.getsockname()[0])
    except OSError:
        return "0.0.0.0"


def configured(config: Config) -> bool:
    """True when the config names a SIP account this desk should register."""
    return bool(config.sip.registrar and config.sip.username)


def sip_settings(config: Config) -> SipSettings:
    sip = config.sip
    default = DEFAULT_TLS_PORT if sip.transport == "tls" else DEFAULT_SIP_PORT
    host, port = split_host_port(sip.registrar, default)
    transports: dict[str, Transport] = {"udp": "udp", "tcp": "tcp", "tls": "tls"}
    if sip.transport not in transports:
        raise ConfigError(
            N_("sip.transport: {transport!r} is not udp, tcp or tls"), transport=sip.transport
        )
    transport = transports[sip.transport]
    return SipSettings(
        bind_address=sip.bind_address or reaching_address(host, port),
        local_port=sip.local_port,
        invite_rate_per_second=sip.invite_rate_per_second,
        invite_burst=sip.invite_burst,
        registrar_host=host,
        registrar_port=port,
        username=sip.username,
        transport=transport,
        domain=sip.domain,
        display_name=sip.display_name,
        trusted_proxies=sip.trusted_proxies,
        queue_header=sip.queue_header or None,
        wait_header=sip.wait_header or None,
    )
