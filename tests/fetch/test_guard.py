"""The address guard's logic, directly: every non-public range, unwrapped IPv6, DNS answers."""

import ipaddress
import socket

import pytest

from clearance.errors import ClearanceError, ErrorKind
from clearance.fetch.guard import Guard, blocked_reason


@pytest.mark.parametrize(
    ("address", "reason"),
    [
        ("127.0.0.1", "loopback"),
        ("127.0.0.2", "loopback"),
        ("10.1.2.3", "private"),
        ("172.16.5.4", "private"),
        ("192.168.1.1", "private"),
        ("169.254.169.254", "metadata"),
        ("169.254.10.10", "link-local"),
        ("100.64.0.1", "CGNAT"),
        ("100.127.255.254", "CGNAT"),
        ("0.0.0.0", "private"),
        ("224.0.0.1", "multicast"),
        ("::1", "loopback"),
        ("fe80::1", "link-local"),
        ("fc00::1", "private"),
        ("fd00:ec2::254", "private"),
        ("::ffff:127.0.0.1", "loopback"),
        ("::ffff:169.254.169.254", "metadata"),
        ("::ffff:10.0.0.1", "private"),
        ("2002:7f00:0001::", "loopback"),  # 6to4 wrapping 127.0.0.1
        ("2002:a9fe:a9fe::", "metadata"),  # 6to4 wrapping 169.254.169.254
        ("64:ff9b::a9fe:a9fe", "metadata"),  # NAT64 wrapping 169.254.169.254
        ("64:ff9b::7f00:1", "loopback"),  # NAT64 wrapping 127.0.0.1
        ("64:ff9b::6440:1", "CGNAT"),  # NAT64 wrapping 100.64.0.1
    ],
)
def test_blocked(address: str, reason: str) -> None:
    found = blocked_reason(ipaddress.ip_address(address))
    assert found is not None and found.startswith(reason)


@pytest.mark.parametrize(
    "address", ["93.184.216.34", "8.8.8.8", "2606:4700::1111", "::ffff:8.8.8.8", "64:ff9b::808:808"]
)
def test_public_allowed(address: str) -> None:
    assert blocked_reason(ipaddress.ip_address(address)) is None


def _table(answers: dict[str, list[str]]):  # type: ignore[no-untyped-def]
    """A resolver answering from a table, shaped like socket.getaddrinfo."""

    def resolve(host: str, port: int, **_: object) -> list[tuple[object, ...]]:
        if host not in answers:
            raise socket.gaierror(socket.EAI_NONAME, "unknown")
        out: list[tuple[object, ...]] = []
        for addr in answers[host]:
            family = socket.AF_INET6 if ":" in addr else socket.AF_INET
            out.append((family, socket.SOCK_STREAM, 6, "", (addr, port)))
        return out

    return resolve


def kind(guard: Guard, host: str) -> ErrorKind | None:
    try:
        guard.resolve(host, 80, host)
    except ClearanceError as exc:
        return exc.kind
    return None


def test_real_localhost_name_is_refused() -> None:
    assert kind(Guard.create([], False), "localhost") is ErrorKind.BLOCKED_ADDRESS
    assert kind(Guard.create(["localhost"], False), "localhost") is None
    assert kind(Guard.create([], True), "localhost") is None


def test_dns_names_resolving_to_blocked_addresses() -> None:
    guard = Guard.create(
        [],
        False,
        _table(
            {
                "metadata.test": ["169.254.169.254"],
                "mapped.test": ["::ffff:192.168.0.1"],
                "nat64.test": ["64:ff9b::a00:1"],
                "cgnat.test": ["100.100.0.1"],
                "rebind.test": ["93.184.216.34", "127.0.0.1"],
                "public.test": ["93.184.216.34"],
            }
        ),
    )
    for host in ("metadata.test", "mapped.test", "nat64.test", "cgnat.test", "rebind.test"):
        assert kind(guard, host) is ErrorKind.BLOCKED_ADDRESS, host
    assert kind(guard, "public.test") is None
    assert kind(guard, "nowhere.test") is ErrorKind.NETWORK


def test_allow_host_by_address_covers_that_address_only() -> None:
    guard = Guard.create(
        ["127.0.0.1"], False, _table({"a.test": ["127.0.0.1"], "b.test": ["127.0.0.2"]})
    )
    assert kind(guard, "a.test") is None
    assert kind(guard, "b.test") is ErrorKind.BLOCKED_ADDRESS


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("ftp://example.com/x", ErrorKind.BAD_URL),
        ("file:///etc/passwd", ErrorKind.BAD_URL),
        ("gopher://x", ErrorKind.BAD_URL),
        ("http:///nohost", ErrorKind.BAD_URL),
        ("http://example.com:99999/", ErrorKind.BAD_URL),
    ],
)
def test_bad_urls(url: str, expected: ErrorKind) -> None:
    with pytest.raises(ClearanceError) as info:
        Guard().check_url(url)
    assert info.value.kind is expected


def test_good_url_parts() -> None:
    assert Guard().check_url("HTTPS://Example.COM./path") == ("https", "example.com", 443)
    assert Guard().check_url("http://[::1]:8080/") == ("http", "::1", 8080)
