"""Which URLs may be fetched: http(s) only, and never a private address unless allowed."""

from __future__ import annotations

import ipaddress
import logging
import socket
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool
from urllib3.response import BaseHTTPResponse
from urllib3.util import connection as urllib3_connection
from vnextract.pipeline.sources.deadline import watch_socket

LOGGER = logging.getLogger(__name__)

Resolver = Callable[[str, int], list[str]]
IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
SCHEMES = ("http", "https")


class UnsafeURL(Exception):
    """A URL or address the policy refuses; deliberately not an OSError so nothing retries it."""


class Unresolvable(UnsafeURL):
    """The host name did not resolve: a network failure rather than a policy refusal."""


def system_resolver(host: str, port: int) -> list[str]:
    """Every address the system resolver gives for host:port."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def blocked_reason(ip: IPAddress) -> str | None:
    """Why an address must not be fetched from the public web, or None if it is public."""
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped  # ::ffff:10.0.0.1 is 10.0.0.1
    for label, hit in (
        ("loopback", ip.is_loopback),
        ("link-local", ip.is_link_local),
        ("multicast", ip.is_multicast),
        ("unspecified", ip.is_unspecified),
        ("reserved", ip.is_reserved),
        ("private", ip.is_private),
        ("not globally routable", not ip.is_global),  # e.g. 100.64.0.0/10 carrier NAT
    ):
        if hit:
            return label
    return None


@dataclass
class AddressPolicy:
    """Decides whether an address may be connected to; resolves names with an injectable resolver."""

    allow_private: bool = False
    allowed_networks: Sequence[str] = ()
    resolver: Resolver = system_resolver
    _networks: list[ipaddress.IPv4Network | ipaddress.IPv6Network] = field(init=False)

    def __post_init__(self) -> None:
        self._networks = [ipaddress.ip_network(net, strict=False) for net in self.allowed_networks]

    def check_ip(self, ip_text: str, host: str) -> None:
        """Raise UnsafeURL if this address of `host` is refused."""
        ip = ipaddress.ip_address(ip_text.split("%", 1)[0])  # drop an IPv6 zone id
        if self.allow_private or any(ip in net for net in self._networks):
            return
        reason = blocked_reason(ip)
        if reason:
            raise UnsafeURL(
                f"{host} resolves to {ip} ({reason} address); pass --allow-private to fetch it"
            )

    def resolve(self, host: str, port: int) -> list[str]:
        """Resolve host (an IP literal stays itself) and check every address; raise UnsafeURL."""
        host = host.strip("[]")
        try:
            addresses = [str(ipaddress.ip_address(host))]
        except ValueError:
            try:
                addresses = self.resolver(host, port)
            except (OSError, UnicodeError) as exc:
                raise Unresolvable(f"cannot resolve {host}: {exc}") from exc
        if not addresses:
            raise Unresolvable(f"cannot resolve {host}: no addresses")
        # Refuse if any address is unsafe: a name that mixes public and private answers is a trick.
        for address in addresses:
            self.check_ip(address, host)
        return addresses

    def check_url(self, url: str) -> None:
        """Raise UnsafeURL unless `url` is http(s) with a host whose addresses are all allowed."""
        try:
            parts = urlsplit(url)
            port = parts.port
        except ValueError as exc:
            raise UnsafeURL(f"malformed URL {url!r}: {exc}") from exc
        if parts.scheme.lower() not in SCHEMES:
            raise UnsafeURL(f"scheme {parts.scheme or '(none)'!r} of {url!r}; only http and https")
        if not parts.hostname:
            raise UnsafeURL(f"no host in {url!r}")
        self.resolve(parts.hostname, port or (443 if parts.scheme.lower() == "https" else 80))


def _guarded_new_conn(conn: HTTPConnection, policy: AddressPolicy) -> socket.socket:
    """Open the socket to an address that passed the policy, checked at connect time."""
    # Checking again here, on the address actually dialled, defeats DNS rebinding between the
    # pre-check and the connection; and redirects and retries pass through here too.
    addresses = policy.resolve(conn._dns_host, conn.port)
    last: OSError | None = None
    for address in addresses:
        try:
            return urllib3_connection.create_connection(
                (address, conn.port),
                conn.timeout,
                source_address=conn.source_address,
                socket_options=conn.socket_options,
            )
        except OSError as exc:
            last = exc
    assert last is not None
    raise last


def guarded_pool_classes(policy: AddressPolicy) -> dict[str, type[HTTPConnectionPool]]:
    """urllib3 pool classes whose connections dial only addresses the policy allows."""

    def new_conn(self: HTTPConnection) -> socket.socket:
        try:
            sock = _guarded_new_conn(self, policy)
            watch_socket(sock)  # the exchange's deadline covers the TLS handshake too
            return sock
        except UnsafeURL:
            raise
        except OSError as exc:
            # Map to urllib3's own errors the way HTTPConnection._new_conn does, so requests
            # reports connection failures and timeouts as usual.
            from urllib3.exceptions import ConnectTimeoutError, NewConnectionError

            if isinstance(exc, TimeoutError | socket.timeout):
                raise ConnectTimeoutError(self, f"connection to {self.host} timed out") from exc
            raise NewConnectionError(self, f"failed to connect: {exc}") from exc

    def http_getresponse(self: HTTPConnection) -> BaseHTTPResponse:
        watch_socket(self.sock)  # a reused connection joins this exchange's deadline here
        return HTTPConnection.getresponse(self)

    def https_getresponse(self: HTTPSConnection) -> BaseHTTPResponse:
        watch_socket(self.sock)
        return HTTPSConnection.getresponse(self)

    http_conn = type(
        "GuardedHTTPConnection",
        (HTTPConnection,),
        {"_new_conn": new_conn, "getresponse": http_getresponse},
    )
    https_conn = type(
        "GuardedHTTPSConnection",
        (HTTPSConnection,),
        {"_new_conn": new_conn, "getresponse": https_getresponse},
    )
    http_pool = type("GuardedHTTPPool", (HTTPConnectionPool,), {"ConnectionCls": http_conn})
    https_pool = type("GuardedHTTPSPool", (HTTPSConnectionPool,), {"ConnectionCls": https_conn})
    return {"http": http_pool, "https": https_pool}
