"""`clearance batch` over web sources: a feed and a URL list served by a real local server."""

import threading
from collections.abc import Iterator
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from clearance.extract import Extractor

from .conftest import cli, texts

PAGE = (
    "<html><head><title>{n}</title></head>"
    "<body><article><h1>Story {n}</h1>{body}</article></body></html>"
)
RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Local</title><link>{base}/</link><description>t</description>
{items}
</channel></rss>"""


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        return None


@pytest.fixture
def site(tmp_path: Path) -> Iterator[str]:
    root = tmp_path / "site"
    root.mkdir()
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_Quiet, directory=str(root)))
    base = f"http://127.0.0.1:{server.server_address[1]}"
    for number, (_, text) in enumerate(texts(5)):
        body = "".join(f"<p>{line}</p>" for line in text.splitlines() if line.strip())
        (root / f"a{number}.html").write_text(PAGE.format(n=number, body=body), encoding="utf-8")
    items = "".join(
        f"<item><title>{n}</title><link>{base}/a{n}.html</link></item>" for n in (0, 1, 2)
    )
    (root / "feed.xml").write_text(RSS.format(base=base, items=items), encoding="utf-8")
    (root / "robots.txt").write_text("User-agent: *\nAllow: /\n")
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield base
    finally:
        server.shutdown()
        server.server_close()


def test_feed_and_url_list(site: str, tmp_path: Path, extractor: Extractor) -> None:
    urls = tmp_path / "urls.txt"
    urls.write_text(
        f"# two pages and a missing one\n{site}/a3.html\n{site}/a4.html\n{site}/gone.html\n"
    )
    out = tmp_path / "web.jsonl"
    args = ["batch", "--feed", f"{site}/feed.xml", "--urls", str(urls), "-o", str(out)]
    args += ["--allow-host", "127.0.0.1", "--shard-size", "2"]
    result = cli(*args, env={"CLEARANCE_HTTP__PER_HOST_DELAY": "0"})
    assert result.exit_code == 3, result.stderr  # gone.html is a 404
    assert "6 inputs: 5 ok, 1 failed" in result.stderr.replace("\n", " ")
    errors = out.with_name("web.errors.jsonl").read_text()
    assert "gone.html" in errors and "http_status" in errors
    first = next(texts(1))[1]
    if "approv" in first:  # the seed article is the first text: its page yields events
        assert out.read_text().strip()
