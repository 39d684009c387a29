"""A real HTTP server on 127.0.0.1 (ephemeral port) with one route per behaviour under test.

It serves real pages from the article-extraction benchmark and real feeds/sitemaps from
``../shared/corpus/feeds`` (their links rewritten to this server), plus hostile routes: slow,
dripping, flaky, rate-limited, 50 MB, gzip bomb, redirect loop, redirect to 127.0.0.2, robots
disallow, wrong charset, empty and binary bodies.
"""

import contextlib
import gzip
import json
import os
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from clearance.settings import HttpSettings, Settings

REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO.parent / "shared" / "corpus"
ARTICLE_ID = "374ac9a59a85"  # cnbc.com: Emirates orders 30 Boeing 787 jets (English)
ITALIAN_ID = "20b2b64916b0"
FIFTY_MB = 50 * 1024 * 1024


def corpus_or_skip(*parts: str) -> Path:
    """A corpus path, or skip the test saying why."""
    path = CORPUS.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"shared corpus not found at {path} (the ../shared checkout is absent)")
    return path


def aeb_page(prefix: str) -> tuple[bytes, dict[str, str]]:
    """(html bytes, ground-truth entry) of the benchmark page whose id starts with ``prefix``."""
    root = corpus_or_skip("article-extraction-benchmark")
    truth = json.loads((root / "ground-truth.json").read_text(encoding="utf-8"))
    page_id = next(k for k in truth if k.startswith(prefix))
    return gzip.decompress((root / "html" / f"{page_id}.html.gz").read_bytes()), truth[page_id]


ARTICLE_TEXT = (
    "The European Commission approved the merger of two chemical companies on Tuesday, "
    "subject to conditions. The café owners said the naïve plan would be reviewed again "
    "by the regulator, which had opened an in-depth investigation in March. "
)


@dataclass
class Site:
    """The running server: its base URL and settings that allow it."""

    base: str
    port: int
    hits: Counter[str]

    def url(self, path: str) -> str:
        """Absolute URL of ``path`` on this server."""
        return self.base + path

    def settings(self, **http: object) -> Settings:
        """Settings allowing 127.0.0.1, no per-host delay, short retry waits."""
        values: dict[str, object] = {
            "allow_hosts": ["127.0.0.1"],
            "per_host_delay": 0.0,
            "max_retry_wait": 2.0,
        }
        values.update(http)
        return Settings(http=HttpSettings.model_validate(values))


def _pages() -> dict[str, bytes]:
    html, _ = aeb_page(ARTICLE_ID)
    italian, _ = aeb_page(ITALIAN_ID)
    return {"article": html, "italian": italian}


def _feeds(base: str) -> dict[str, bytes]:
    feeds = corpus_or_skip("feeds")
    rss = (feeds / "rss2-mercopress.xml").read_bytes()
    rss = rss.replace(b"https://en.mercopress.com/", f"{base}/mercopress/".encode())
    news = (feeds / "sitemap-news-shinpaideshou.xml").read_bytes()
    news = news.replace(b"https://shinpaideshou.wordpress.com/", f"{base}/shinpai/".encode())
    index = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        f"<sitemap><loc>{base}/sitemap.xml</loc></sitemap>"
        f"<sitemap><loc>{base}/sitemap-b.xml.gz</loc></sitemap>"
        "</sitemapindex>"
    ).encode()
    evil = (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>'
        "<item><title>metadata</title><link>http://169.254.169.254/latest/meta-data/</link></item>"
        f"<item><title>fine</title><link>{base}/article</link></item>"
        "</channel></rss>"
    ).encode()
    return {
        "/feed.xml": rss,
        "/sitemap.xml": news,
        "/sitemap-b.xml.gz": gzip.compress(news),
        "/sitemap-index.xml": index,
        "/feed-evil.xml": evil,
    }


def _make_handler(site: Site, pages: dict[str, bytes], bomb: bytes) -> type:
    feeds = _feeds(site.base)

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: object) -> None:
            """Quiet."""

        def _send(
            self,
            status: int,
            body: bytes,
            ctype: str = "text/html; charset=utf-8",
            headers: dict[str, str] | None = None,
        ) -> None:
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            for key, value in (headers or {}).items():
                self.send_header(key, value)
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self) -> None:
            path = urlsplit(self.path).path
            site.hits[self.path] += 1
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                self._route(path, site.hits[self.path])

        def _route(self, path: str, hit: int) -> None:
            routes: dict[str, Callable[[], None]] = {
                "/robots.txt": lambda: self._send(
                    200, b"User-agent: *\nDisallow: /private/\n", "text/plain"
                ),
                "/article": lambda: self._send(200, pages["article"]),
                "/private/article": lambda: self._send(200, pages["article"]),
                "/italian": lambda: self._send(200, pages["italian"]),
                "/no-article": lambda: self._send(
                    200, b"<html><body><nav>Home</nav></body></html>"
                ),
                "/text": lambda: self._send(200, ARTICLE_TEXT.encode(), "text/plain"),
                "/empty": lambda: self._send(200, b""),
                "/binary": lambda: self._send(200, os.urandom(4096), "application/octet-stream"),
                "/binary-as-html": lambda: self._send(200, b"\x89PNG\r\n\x1a\n" + os.urandom(4096)),
                "/wrong-charset": lambda: self._send(
                    200, _page(ARTICLE_TEXT).encode("cp1252"), "text/html; charset=utf-8"
                ),
                "/utf8-said-latin1": lambda: self._send(
                    200, _page(ARTICLE_TEXT).encode("utf-8"), "text/html; charset=iso-8859-1"
                ),
                "/slow": self._slow,
                "/drip": self._drip,
                "/flaky": lambda: self._send(503 if hit == 1 else 200, pages["article"]),
                "/always-500": lambda: self._send(500, b"oops"),
                "/ratelimited": lambda: self._send(
                    429 if hit == 1 else 200, pages["article"], headers={"Retry-After": "1"}
                ),
                "/big": self._big,
                "/big-stream": self._big_stream,
                "/bomb": lambda: self._send(200, bomb, headers={"Content-Encoding": "gzip"}),
                "/loop-a": lambda: self._redirect("/loop-b"),
                "/loop-b": lambda: self._redirect("/loop-a"),
                "/hop": lambda: self._redirect("/article"),
                "/to-other-loopback": lambda: self._redirect(
                    f"http://127.0.0.2:{site.port}/article"
                ),
                "/to-file": lambda: self._redirect("file:///etc/passwd"),
                "/missing": lambda: self._send(404, b"not here"),
            }
            if path in feeds:
                ctype = "application/gzip" if path.endswith(".gz") else "application/xml"
                self._send(200, feeds[path], ctype)
            elif path.startswith(("/mercopress/", "/shinpai/")):
                self._send(200, pages["article"])
            elif path in routes:
                routes[path]()
            else:
                self._send(404, b"no route")

        def _redirect(self, location: str) -> None:
            self._send(302, b"", headers={"Location": location})

        def _slow(self) -> None:
            time.sleep(3)
            self._send(200, pages["article"])

        def _drip(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", "100")
            self.end_headers()
            for _ in range(10):
                self.wfile.write(b"<")
                self.wfile.flush()
                time.sleep(0.3)

        def _big(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(FIFTY_MB))
            self.end_headers()
            self._stream_zeros()

        def _big_stream(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Connection", "close")
            self.end_headers()
            self.close_connection = True
            self._stream_zeros()

        def _stream_zeros(self) -> None:
            chunk = b"a" * (1 << 20)
            for _ in range(FIFTY_MB // len(chunk)):
                self.wfile.write(chunk)

    return Handler


def _page(text: str) -> str:
    return (
        f"<html><head><title>Merger cleared</title></head><body><article><p>{text}</p>"
        f"<p>{text}</p></article></body></html>"
    )


@pytest.fixture(scope="session")
def site() -> Iterator[Site]:
    """The test server, started once per session and stopped at the end."""
    pages = _pages()
    bomb = gzip.compress(b"<html>" + bytes(60 * 1024 * 1024), compresslevel=6)
    server = ThreadingHTTPServer(("127.0.0.1", 0), BaseHTTPRequestHandler)
    server.daemon_threads = True
    port = server.server_address[1]
    state = Site(base=f"http://127.0.0.1:{port}", port=port, hits=Counter())
    server.RequestHandlerClass = _make_handler(state, pages, bomb)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()
