"""SIP account and phone behaviour settings: plain values, no secrets.

The SIP password is deliberately absent: the application reads it from the OS keyring and
passes it to ``Phone.register()``, so it is never written into a config file or a log.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

__all__ = ["SipSettings", "SrtpMode", "Transport"]

Transport = Literal["udp", "tcp", "tls"]
SrtpMode = Literal["off", "optional", "mandatory"]


@dataclass(frozen=True)
class SipSettings:
    """How the softphone reaches its registrar / proxy and treats calls.

    ``trusted_proxies`` lists extra ``host`` or ``host:port`` sources allowed to send
    INVITEs (the registrar itself is always trusted); a ``host`` alone matches any port, which
    TCP and TLS need because replies may come from an ephemeral port.
    """

    registrar_host: str
    username: str
    registrar_port: int = 5060
    transport: Transport = "udp"
    domain: str = ""
    display_name: str = ""
    auth_username: str = ""
    bind_address: str = "0.0.0.0"  # a desk phone must be reachable by its proxy
    local_port: int = 0
    trusted_proxies: tuple[str, ...] = ()
    tls_ca_file: str | None = None
    tls_verify_server: bool = True
    srtp: SrtpMode = "off"
    queue_header: str | None = "X-Queue"
    wait_header: str | None = "X-Queue-Wait"
    queue_by_dialled: Mapping[str, str] = field(default_factory=dict)
    call_waiting: bool = True
    auto_ringing: bool = True
    invite_rate_per_second: float = 10.0
    invite_burst: int = 20
    register_expires_seconds: int = 300
    register_retry_seconds: int = 30
    register_first_retry_seconds: int = 2
    user_agent: str = "callcenter-desk"

    @property
    def sip_domain(self) -> str:
        return self.domain or self.registrar_host

    @property
    def registrar_uri(self) -> str:
        # sip: with transport=tls rather than sips:, which would demand TLS end to end.
        return f"sip:{self.registrar_host}:{self.registrar_port};transport={self.transport}"

    @property
    def account_uri(self) -> str:
        uri = f"sip:{self.username}@{self.sip_domain}"
        if self.display_name:
            escaped = self.display_name.replace("\\", "\\\\").replace('"', '\\"')
            return f'"{escaped}" <{uri}>'
        return uri
