"""Polite, guarded HTTP over urllib3: the only code in Clearance that opens a socket.

Polite: robots.txt (cached per host), a per-host delay, a global concurrency cap, an identifying
User-Agent, at most ``retries`` retries on 429/5xx honouring ``Retry-After`` (waits capped).
Guarded: http/https only; every connection -- first request, each redirect hop (we follow
redirects ourselves), robots.txt -- is made to an address the :class:`Guard` vetted *at connect
time*, so a DNS answer cannot change between check and use; TLS is always verified (urllib3's
default verifying context, no unverified fallback); bodies are read in chunks through the bounded
decompressor, so neither a 50 MB body nor a gzip bomb gets past ``max_bytes``; connect, read and
total timeouts.
"""

import datetime as dt
import email.utils
import logging
import socket
import threading
import time
from dataclasses import dataclass
from typing import Any, ClassVar
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser

import urllib3
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool
from urllib3.exceptions import HTTPError as Urllib3Error
from urllib3.exceptions import (
    NewConnectionError,
    ProtocolError,
    ReadTimeoutError,
    SSLError,
)
from urllib3.exceptions import TimeoutError as Urllib3Timeout

from clearance.errors import ErrorKind, FetchError
from clearance.fetch.decompress import BoundedDecoder
from clearance.fetch.guard import Guard
from clearance.settings import HttpSettings

log = logging.getLogger(__name__)

_CHUNK = 64 * 1024
_REDIRECTS = {301, 302, 303, 307, 308}
_RETRY_STATUSES = {429, 500, 502, 503, 504}
_ROBOTS_MAX_BYTES = 512 * 1024


@dataclass
class HttpResponse:
    """A finished, decoded, size-checked response."""

    url: str
    status: int
    headers: dict[str, str]
    body: bytes

    @property
    def content_type(self) -> str:
        """The media type, lower-cased, without parameters."""
        return self.headers.get("content-type", "").split(";", 1)[0].strip().lower()

    @property
    def charset(self) -> str | None:
        """The ``charset`` parameter of ``Content-Type``, if any."""
        for param in self.headers.get("content-type", "").split(";")[1:]:
            key, _, value = param.partition("=")
            if key.strip().lower() == "charset" and value.strip():
                return value.strip().strip("\"'").lower()
        return None


class TlsError(FetchError):
    """Certificate or handshake failure: never retried, never retried without verification."""


class _GuardedMixin:
    """Resolve, vet and connect in one step, so the vetted address is the one used."""

    guard: ClassVar[Guard]
    host: str
    port: int
    timeout: Any
    source_address: Any
    socket_options: Any

    def _new_conn(self) -> socket.socket:
        source = f"{self.host}:{self.port}"
        last: OSError | None = None
        for family, address in self.guard.resolve(self.host, self.port, source):
            sock = socket.socket(family, socket.SOCK_STREAM)
            try:
                for opt in self.socket_options or ():
                    sock.setsockopt(*opt)
                if isinstance(self.timeout, int | float):
                    sock.settimeout(self.timeout)
                sock.connect((address, self.port))
            except TimeoutError as exc:
                sock.close()
                raise FetchError(
                    source, f"connect timed out after {self.timeout} s", kind=ErrorKind.TIMEOUT
                ) from exc
            except OSError as exc:
                sock.close()
                last = exc
                continue
            return sock
        raise FetchError(source, f"cannot connect ({last})", kind=ErrorKind.NETWORK)


def _pool_classes(guard: Guard) -> dict[str, type[HTTPConnectionPool]]:
    """Connection-pool classes bound to one guard (urllib3 builds connections from classes)."""
    conn_cls = type("GuardedHTTPConnection", (_GuardedMixin, HTTPConnection), {"guard": guard})
    tls_cls = type("GuardedHTTPSConnection", (_GuardedMixin, HTTPSConnection), {"guard": guard})
    pool = type("GuardedPool", (HTTPConnectionPool,), {"ConnectionCls": conn_cls})
    tls_pool = type("GuardedTLSPool", (HTTPSConnectionPool,), {"ConnectionCls": tls_cls})
    return {"http": pool, "https": tls_pool}


class HttpClient:
    """One polite, guarded HTTP client; thread-safe, share it across a run."""

    def __init__(self, settings: HttpSettings, *, guard: Guard | None = None) -> None:
        self.settings = settings
        self.guard = guard or Guard.create(settings.allow_hosts, settings.allow_private)
        self._pool = urllib3.PoolManager(
            num_pools=32, maxsize=max(1, settings.concurrency), cert_reqs="CERT_REQUIRED"
        )
        self._pool.pool_classes_by_scheme = _pool_classes(self.guard)
        self._slots = threading.BoundedSemaphore(max(1, settings.concurrency))
        self._lock = threading.Lock()
        self._next_slot: dict[str, float] = {}
        self._robots: dict[str, RobotFileParser | None] = {}
        self._robots_locks: dict[str, threading.Lock] = {}

    def close(self) -> None:
        """Close pooled connections."""
        self._pool.clear()

    def __enter__(self) -> "HttpClient":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def get(self, url: str, *, source: str | None = None) -> HttpResponse:
        """GET ``url`` following redirects ourselves; raises FetchError with the right kind."""
        name = source or url
        current = url
        for _hop in range(self.settings.max_redirects + 1):
            self.guard.check_url(current, name)
            self._check_robots(current, name)
            response = self._get_with_retries(current, name, self.settings.max_bytes)
            location = response.headers.get("location")
            if response.status not in _REDIRECTS or not location:
                return _checked_status(response, name)
            current = urljoin(current, location.strip())
            log.debug("%s: redirected to %s", name, current)
        raise FetchError(
            name,
            f"more than {self.settings.max_redirects} redirects (last to {current})",
            kind=ErrorKind.TOO_MANY_REDIRECTS,
        )

    # -- politeness -------------------------------------------------------------------------

    def _check_robots(self, url: str, source: str) -> None:
        if not self.settings.obey_robots:
            return
        parts = urlsplit(url)
        key = f"{parts.scheme}://{parts.netloc}".lower()
        with self._lock:
            lock = self._robots_locks.setdefault(key, threading.Lock())
        with lock:
            if key not in self._robots:
                self._robots[key] = self._load_robots(key, source)
        parser = self._robots[key]
        if parser is not None and not parser.can_fetch(self.settings.user_agent, url):
            raise FetchError(source, "robots.txt disallows this URL", kind=ErrorKind.ROBOTS)

    def _load_robots(self, base: str, source: str) -> RobotFileParser | None:
        """None means "everything allowed" (no robots.txt, or a 4xx for it)."""
        url = f"{base}/robots.txt"
        try:
            response = self._get_with_retries(url, source, _ROBOTS_MAX_BYTES)
        except FetchError as exc:
            if exc.kind in (ErrorKind.BLOCKED_ADDRESS, ErrorKind.BAD_URL):
                raise
            log.info("%s: robots.txt unavailable (%s); assuming allowed", base, exc.message)
            return None
        parser = RobotFileParser(url)
        if response.status >= 500:
            parser.parse(["User-agent: *", "Disallow: /"])  # server trouble: stay away
        elif 200 <= response.status < 300:
            parser.parse(response.body.decode("utf-8", "replace").splitlines())
        else:
            return None
        return parser

    def _wait_turn(self, host: str) -> None:
        delay = self.settings.per_host_delay
        if delay <= 0:
            return
        with self._lock:
            now = time.monotonic()
            start = max(now, self._next_slot.get(host, now))
            self._next_slot[host] = start + delay
        if start > now:
            time.sleep(start - now)

    # -- one request ------------------------------------------------------------------------

    def _get_with_retries(self, url: str, source: str, max_bytes: int) -> HttpResponse:
        attempt = 0
        while True:
            try:
                response = self._request(url, source, max_bytes)
            except FetchError as exc:
                retryable = exc.kind == ErrorKind.NETWORK and not isinstance(exc, TlsError)
                if not retryable or attempt >= self.settings.retries:
                    raise
                wait = self._backoff(attempt, None)
            else:
                if response.status not in _RETRY_STATUSES or attempt >= self.settings.retries:
                    return response
                wait = self._backoff(attempt, response.headers.get("retry-after"))
            attempt += 1
            log.info("%s: retry %d in %.1f s", source, attempt, wait)
            time.sleep(wait)

    def _backoff(self, attempt: int, retry_after: str | None) -> float:
        wait = 0.5 * 2.0**attempt
        parsed = _parse_retry_after(retry_after)
        if parsed is not None:
            wait = parsed
        return max(0.0, min(wait, self.settings.max_retry_wait))

    def _request(self, url: str, source: str, max_bytes: int) -> HttpResponse:
        self._wait_turn(urlsplit(url).netloc.lower())
        timeout = urllib3.Timeout(
            connect=min(self.settings.connect_timeout, self.settings.timeout),
            read=self.settings.timeout,
        )
        headers = {
            "User-Agent": self.settings.user_agent,
            "Accept-Encoding": "gzip, deflate",
            "Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
        }
        with self._slots:
            deadline = time.monotonic() + self.settings.timeout
            try:
                raw = self._pool.request(
                    "GET",
                    url,
                    headers=headers,
                    preload_content=False,
                    decode_content=False,
                    redirect=False,
                    retries=False,
                    timeout=timeout,
                )
            except FetchError as exc:
                raise FetchError(source, exc.message, kind=exc.kind) from exc
            except Urllib3Error as exc:
                raise _translate(exc, source, self.settings.timeout) from exc
            try:
                return self._read(raw, url, source, max_bytes, deadline)
            except BaseException:
                raw.close()  # unread bytes left: never hand this connection back for reuse
                raise
            finally:
                raw.release_conn()

    def _read(
        self,
        raw: urllib3.BaseHTTPResponse,
        url: str,
        source: str,
        max_bytes: int,
        deadline: float,
    ) -> HttpResponse:
        headers = {k.lower(): v for k, v in raw.headers.items()}
        declared = headers.get("content-length", "")
        if declared.isdigit() and int(declared) > max_bytes:
            raise FetchError(
                source,
                f"the body ({declared} bytes) passes the cap of {max_bytes} bytes",
                kind=ErrorKind.TOO_LARGE,
            )
        if raw.status in _REDIRECTS:
            return HttpResponse(url, raw.status, headers, b"")
        decoder = BoundedDecoder(source, headers.get("content-encoding"), max_bytes)
        body = bytearray()
        try:
            while True:
                if time.monotonic() > deadline:
                    raise FetchError(
                        source,
                        f"no complete response within {self.settings.timeout} s",
                        kind=ErrorKind.TIMEOUT,
                    )
                chunk = raw.read1(_CHUNK, decode_content=False)
                if not chunk:
                    break
                body += decoder.feed(chunk)
            body += decoder.finish()
        except Urllib3Error as exc:
            raise _translate(exc, source, self.settings.timeout) from exc
        return HttpResponse(url, raw.status, headers, bytes(body))


def _checked_status(response: HttpResponse, source: str) -> HttpResponse:
    if response.status >= 400 or response.status < 200:
        raise FetchError(source, f"HTTP status {response.status}", kind=ErrorKind.HTTP_STATUS)
    return response


def _translate(exc: Exception, source: str, timeout: float) -> FetchError:
    """urllib3's exceptions -> our kinds, with a one-line message."""
    if isinstance(exc, ReadTimeoutError | Urllib3Timeout):
        return FetchError(source, f"timed out after {timeout} s", kind=ErrorKind.TIMEOUT)
    if isinstance(exc, SSLError):
        return TlsError(source, f"TLS verification failed ({exc})", kind=ErrorKind.NETWORK)
    if isinstance(exc, NewConnectionError | ProtocolError):
        return FetchError(source, f"connection failed ({exc})", kind=ErrorKind.NETWORK)
    return FetchError(source, f"HTTP error ({exc})", kind=ErrorKind.NETWORK)


def _parse_retry_after(value: str | None) -> float | None:
    """Seconds from a ``Retry-After`` header (delta-seconds or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return max(0.0, (when - dt.datetime.now(dt.UTC)).total_seconds())
