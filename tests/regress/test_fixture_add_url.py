"""`clearance fixture add URL` through the project's fetcher, against a real local server."""

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from typer.testing import CliRunner

from clearance.cli import app

from .casekit import read_lines

PAGE = (
    b"<!doctype html><html><head><title>China approves chips</title></head><body>"
    b"<nav>Home | World | Markets</nav><article><h1>China approves chips</h1>"
    b"<p>China approved imports of more than 400,000 H200 chips this week, officials said on "
    b"Wednesday, ending months of uncertainty for the country's largest technology groups.</p>"
    b"<p>The European Commission blocked the merger of Acme and Widget. The companies said "
    b"they were studying the decision and would consider an appeal.</p></article>"
    b"<footer>Copyright Trade Desk</footer></body></html>"
)


class Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        body, kind = (b"User-agent: *\nAllow: /\n", "text/plain")
        if self.path != "/robots.txt":
            body, kind = PAGE, "text/html; charset=utf-8"
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        return None


@pytest.fixture
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_fixture_add_from_url(server: str, tmp_path: Path, toy: str) -> None:
    url = f"{server}/news/china-chips"
    env = {"CLEARANCE_HTTP__ALLOW_PRIVATE": "true", "CLEARANCE_HTTP__PER_HOST_DELAY": "0"}
    root = tmp_path / "fx"
    result = CliRunner().invoke(
        app,
        ["fixture", "add", url, "--name", "from-url", "--dir", str(root), "--extractor", toy],
        env=env,
    )
    assert result.exit_code == 0, result.output
    folder = root / "from-url"
    assert (folder / "article.html").read_bytes() == PAGE
    meta = json.loads((folder / "meta.json").read_text())
    assert meta["url"] == url and "html" in meta["tags"]
    events = read_lines(folder / "expected.jsonl")
    assert [e["decision"] for e in events] == ["approved", "denied"]
    regress = CliRunner().invoke(app, ["regress", str(root), "--extractor", toy])
    assert regress.exit_code == 0, regress.output
