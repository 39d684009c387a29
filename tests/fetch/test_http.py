"""The guarded, polite HTTP client against the real local server in conftest."""

import time

import pytest
from tests.fetch.conftest import Site

from clearance.article import build_article
from clearance.errors import ClearanceError, ErrorKind
from clearance.fetch.feeds import FeedItem
from clearance.fetch.guard import Guard
from clearance.fetch.http import HttpClient, _parse_retry_after
from clearance.fetch.sources import fetch_document, open_single


def kind_of(site: Site, path: str, **http: object) -> ErrorKind:
    with pytest.raises(ClearanceError) as info:
        build_article(open_single(site.url(path), site.settings(**http)))
    return info.value.kind


def test_normal_article(site: Site) -> None:
    raw = open_single(site.url("/article"), site.settings())
    article = build_article(raw)
    assert "Emirates" in article.text and "787" in article.text
    assert raw.http_charset == "utf-8" and raw.encoding == "utf-8"
    assert article.language == "en"


def test_plain_text_response(site: Site) -> None:
    article = build_article(open_single(site.url("/text"), site.settings()))
    assert article.text.startswith("The European Commission approved")


def test_redirect_followed(site: Site) -> None:
    raw = open_single(site.url("/hop"), site.settings())
    assert raw.url == site.url("/article") and raw.source == site.url("/hop")


def test_slow_response_times_out(site: Site) -> None:
    started = time.monotonic()
    assert kind_of(site, "/slow", timeout=1.0) is ErrorKind.TIMEOUT
    assert time.monotonic() - started < 2.5


def test_dripping_body_hits_total_timeout(site: Site) -> None:
    assert kind_of(site, "/drip", timeout=1.0) is ErrorKind.TIMEOUT


def test_500_then_200_is_retried(site: Site) -> None:
    raw = open_single(site.url("/flaky?case=retry"), site.settings())
    assert raw.meta["status"] == "200"
    assert site.hits["/flaky?case=retry"] == 2


def test_persistent_500_is_http_status_after_retries(site: Site) -> None:
    assert (
        kind_of(site, "/always-500?case=a", retries=1, max_retry_wait=0.1) is ErrorKind.HTTP_STATUS
    )
    assert site.hits["/always-500?case=a"] == 2


def test_429_honours_retry_after(site: Site) -> None:
    started = time.monotonic()
    raw = open_single(site.url("/ratelimited?case=429"), site.settings())
    assert raw.meta["status"] == "200"
    assert time.monotonic() - started >= 0.9  # Retry-After: 1


def test_retry_after_wait_is_capped() -> None:
    assert _parse_retry_after("120") == 120.0
    assert _parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT") == 0.0
    assert _parse_retry_after("soon") is None


def test_50_mb_body_with_length_is_refused(site: Site) -> None:
    assert kind_of(site, "/big") is ErrorKind.TOO_LARGE


def test_50_mb_streamed_body_stops_at_cap(site: Site) -> None:
    assert kind_of(site, "/big-stream", max_bytes=2_000_000) is ErrorKind.TOO_LARGE


def test_gzip_bomb_stops_at_cap(site: Site) -> None:
    assert kind_of(site, "/bomb") is ErrorKind.TOO_LARGE


def test_redirect_loop(site: Site) -> None:
    assert kind_of(site, "/loop-a") is ErrorKind.TOO_MANY_REDIRECTS


def test_redirect_to_other_loopback_refused(site: Site) -> None:
    assert kind_of(site, "/to-other-loopback") is ErrorKind.BLOCKED_ADDRESS


def test_redirect_to_other_loopback_allowed_with_allow_private(site: Site) -> None:
    # 127.0.0.2 is loopback too, so with every private address allowed the hop is attempted;
    # nothing listens there on Linux unless bound, so it ends as a network error or an article.
    try:
        open_single(site.url("/to-other-loopback"), site.settings(allow_private=True))
    except ClearanceError as exc:
        assert exc.kind is not ErrorKind.BLOCKED_ADDRESS


def test_redirect_to_file_scheme_refused(site: Site) -> None:
    assert kind_of(site, "/to-file") is ErrorKind.BAD_URL


def test_server_not_allowed_by_default(site: Site) -> None:
    assert kind_of(site, "/article", allow_hosts=[]) is ErrorKind.BLOCKED_ADDRESS


def test_robots_disallow(site: Site) -> None:
    assert kind_of(site, "/private/article") is ErrorKind.ROBOTS
    raw = open_single(site.url("/private/article"), site.settings(obey_robots=False))
    assert raw.meta["status"] == "200"


def test_wrong_declared_charset(site: Site) -> None:
    raw = open_single(site.url("/wrong-charset"), site.settings())
    article = build_article(raw)
    assert "café" in article.text and "naïve" in article.text
    assert raw.encoding != "utf-8" and raw.meta["encoding_from"] == "detected"


def test_utf8_declared_as_latin1(site: Site) -> None:
    raw = open_single(site.url("/utf8-said-latin1"), site.settings())
    assert "café" in build_article(raw).text
    assert raw.encoding == "utf-8"


def test_empty_body(site: Site) -> None:
    assert kind_of(site, "/empty") is ErrorKind.EMPTY


def test_binary_body(site: Site) -> None:
    assert kind_of(site, "/binary") is ErrorKind.BINARY
    assert kind_of(site, "/binary-as-html") is ErrorKind.BINARY


def test_http_404(site: Site) -> None:
    assert kind_of(site, "/missing") is ErrorKind.HTTP_STATUS


def test_page_without_article(site: Site) -> None:
    assert kind_of(site, "/no-article") is ErrorKind.NO_TEXT


def test_non_english_page(site: Site) -> None:
    assert kind_of(site, "/italian") is ErrorKind.NOT_ENGLISH


def test_dns_name_resolving_to_metadata_is_refused(site: Site) -> None:
    def resolver(host: str, port: int, **_: object) -> list[tuple[object, ...]]:
        import socket

        table = {"evil.test": "169.254.169.254", "fine.test": "127.0.0.1"}
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (table[host], port))]

    settings = site.settings().http
    guard = Guard.create(["127.0.0.1"], False, resolver)
    with HttpClient(settings, guard=guard) as client:
        with pytest.raises(ClearanceError) as info:
            fetch_document(client, FeedItem(f"http://evil.test:{site.port}/article"))
        assert info.value.kind is ErrorKind.BLOCKED_ADDRESS
        raw = fetch_document(client, FeedItem(f"http://fine.test:{site.port}/article"))
        assert raw.meta["status"] == "200"


def test_localhost_name_needs_allowing(site: Site) -> None:
    url = f"http://localhost:{site.port}/article"
    with pytest.raises(ClearanceError) as info:
        open_single(url, site.settings(allow_hosts=[]))
    assert info.value.kind is ErrorKind.BLOCKED_ADDRESS
    try:
        raw = open_single(url, site.settings(allow_hosts=["localhost"]))
    except ClearanceError as exc:  # localhost may resolve to ::1 first, where nothing listens
        assert exc.kind is ErrorKind.NETWORK
    else:
        assert raw.meta["status"] == "200"
