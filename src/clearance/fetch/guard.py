"""The address guard: which hosts and resolved addresses Clearance may connect to.

SSRF defence: a URL found on the open web (a feed link, a redirect) must not make us talk to
loopback, private networks, link-local ranges, CGNAT or a cloud metadata endpoint. The check is on
the *resolved* address, at connect time (see :mod:`clearance.fetch.http`), so DNS tricks and
redirect hops are covered. IPv4 addresses hidden inside IPv6 (mapped, 6to4, NAT64, Teredo) are
unwrapped and checked as IPv4.
"""

import ipaddress
import socket
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from clearance.errors import ErrorKind, FetchError

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Resolver = Callable[..., list[tuple[Any, ...]]]
"""``socket.getaddrinfo``'s shape; tests pass a table-driven one to cover DNS answers."""

_EXTRA_BLOCKED = [
    ipaddress.ip_network(net)
    for net in (
        "0.0.0.0/8",  # "this network"
        "100.64.0.0/10",  # CGNAT (shared address space)
        "169.254.0.0/16",  # link-local, incl. 169.254.169.254 metadata
        "192.0.0.0/24",  # IETF protocol assignments
        "198.18.0.0/15",  # benchmarking
        "fc00::/7",  # unique local
        "fe80::/10",  # link-local
        "fd00:ec2::254/128",  # AWS IPv6 metadata
    )
]
_NAT64 = ipaddress.ip_network("64:ff9b::/96")
_NAT64_LOCAL = ipaddress.ip_network("64:ff9b:1::/48")
_SCHEMES = ("http", "https")


@dataclass(frozen=True)
class Guard:
    """Policy: public addresses pass; others only by allowed host/address or ``allow_private``."""

    allow_hosts: frozenset[str] = field(default_factory=frozenset)
    allow_private: bool = False
    resolver: Resolver = socket.getaddrinfo

    @classmethod
    def create(
        cls,
        allow_hosts: list[str] | tuple[str, ...],
        allow_private: bool,
        resolver: Resolver = socket.getaddrinfo,
    ) -> "Guard":
        """Build from settings, normalising host names (case, brackets, trailing dot)."""
        return cls(frozenset(_norm_host(h) for h in allow_hosts), allow_private, resolver)

    def check_url(self, url: str, source: str | None = None) -> tuple[str, str, int]:
        """Vet scheme and host syntax; return (scheme, host, port). Raises BAD_URL."""
        name = source or url
        try:
            parts = urlsplit(url)
            port = parts.port
        except ValueError as exc:
            raise FetchError(name, f"malformed URL ({exc})", kind=ErrorKind.BAD_URL) from exc
        scheme = parts.scheme.lower()
        if scheme not in _SCHEMES:
            raise FetchError(
                name,
                f"only http and https URLs are fetched, not {scheme or 'none'!r}",
                kind=ErrorKind.BAD_URL,
            )
        host = _norm_host(parts.hostname or "")
        if not host:
            raise FetchError(name, "the URL has no host", kind=ErrorKind.BAD_URL)
        return scheme, host, port or (443 if scheme == "https" else 80)

    def host_allowed(self, host: str) -> bool:
        """True when the host name itself was explicitly allowed (or everything is)."""
        return self.allow_private or _norm_host(host) in self.allow_hosts

    def check_address(self, host: str, address: str, source: str) -> None:
        """Refuse a resolved ``address`` for ``host`` unless it is public or allowed."""
        if self.host_allowed(host) or _norm_host(address) in self.allow_hosts:
            return
        reason = blocked_reason(ipaddress.ip_address(address.split("%", 1)[0]))
        if reason is not None:
            raise FetchError(
                source,
                f"refused to connect to {host} ({address}): {reason} address; "
                "use --allow-host or --allow-private to permit it",
                kind=ErrorKind.BLOCKED_ADDRESS,
            )

    def resolve(self, host: str, port: int, source: str) -> list[tuple[int, str]]:
        """Resolve ``host`` and vet every address; returns (family, address) pairs to try."""
        try:
            infos = self.resolver(host, port, type=socket.SOCK_STREAM)
        except (socket.gaierror, UnicodeError) as exc:
            raise FetchError(
                source, f"cannot resolve {host} ({exc})", kind=ErrorKind.NETWORK
            ) from exc
        addresses: list[tuple[int, str]] = []
        for family, _type, _proto, _canon, sockaddr in infos:
            address = str(sockaddr[0])
            # One blocked address refuses the host: a name that mixes public and private
            # answers is a rebinding trick, not a reason to pick the public one.
            self.check_address(host, address, source)
            if (family, address) not in addresses:
                addresses.append((family, address))
        if not addresses:
            raise FetchError(source, f"{host} resolves to no address", kind=ErrorKind.NETWORK)
        return addresses


def blocked_reason(ip: IPAddress) -> str | None:
    """Why ``ip`` is not a public unicast address (None when it is public)."""
    if isinstance(ip, ipaddress.IPv6Address):
        embedded = _embedded_ipv4(ip)
        if embedded is not None:
            inner = blocked_reason(embedded)
            return None if inner is None else f"{inner} (embedded in {ip})"
    checks = (
        ("loopback", ip.is_loopback),
        ("link-local", ip.is_link_local),
        ("private", ip.is_private),
        ("multicast", ip.is_multicast),
        ("reserved", ip.is_reserved),
        ("unspecified", ip.is_unspecified),
    )
    for name, hit in checks:
        if hit:
            return "metadata" if str(ip) == "169.254.169.254" else name
    for net in _EXTRA_BLOCKED:
        if ip.version == net.version and ip in net:
            return "CGNAT" if str(net) == "100.64.0.0/10" else "non-public"
    if not ip.is_global:
        return "non-public"
    return None


def _embedded_ipv4(ip: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address inside an IPv4-mapped, 6to4, NAT64 or Teredo IPv6 address, if any."""
    if ip.ipv4_mapped is not None:
        return ip.ipv4_mapped
    if ip.sixtofour is not None:
        return ip.sixtofour
    if ip.teredo is not None:
        return ip.teredo[1]
    if ip in _NAT64 or ip in _NAT64_LOCAL:
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    packed = ip.packed
    if packed[:12] == bytes(12) and int(ip) > 1:  # deprecated IPv4-compatible ::a.b.c.d
        return ipaddress.IPv4Address(packed[12:])
    return None


def _norm_host(host: str) -> str:
    return host.strip().strip("[]").rstrip(".").lower()
