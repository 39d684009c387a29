"""Feeds and sitemaps: the real files in ../shared/corpus/feeds, parsed, and fetched via HTTP."""

from pathlib import Path

import pytest
from tests.fetch.conftest import Site, corpus_or_skip

from clearance.errors import ClearanceError, ErrorKind, ErrorRecord
from clearance.fetch.decompress import read_file
from clearance.fetch.document import RawDocument
from clearance.fetch.feeds import parse_feed
from clearance.fetch.sitemaps import parse_sitemap
from clearance.fetch.sources import iter_documents

# (file, items) from the corpus README's table
FEEDS = [
    ("rss2-wsj-world.xml", 20),
    ("rss2-npr-world.xml", 10),
    ("rss2-bbc-world.xml", 33),
    ("rss2-aljazeera.xml", 25),
    ("rss2-al-monitor.xml", 20),
    ("rss2-mercopress.xml", 10),
    ("rss2-japantoday-world.xml", 30),
    ("rss2-allafrica-latest.xml", 32),
    ("rss2-abcnews-international.xml", 25),
    ("rss2-nyt-world.xml", 57),
    ("rss2-elpais-english.xml", 56),
    ("rss1-rdf-dw-english.xml", 141),
    ("atom-kottke.xml", 60),
    ("jsonfeed-npr-technology.json", 25),
]
SITEMAPS = [
    ("sitemap-hebdenbridgetimes-articles.xml", 74),
    ("sitemap-news-shinpaideshou.xml", 3),
    ("sitemap-sitemaps-org.xml.gz", 84),
]


@pytest.mark.parametrize(("name", "count"), FEEDS)
def test_real_feeds_parse(name: str, count: int) -> None:
    path = corpus_or_skip("feeds", name)
    items = parse_feed(path.read_bytes(), name)
    assert len(items) == count
    assert all(item.url.startswith("http") for item in items)
    assert all(item.published is not None for item in items)


@pytest.mark.parametrize(("name", "count"), SITEMAPS)
def test_real_sitemaps_parse(name: str, count: int) -> None:
    path = corpus_or_skip("feeds", name)
    sitemap = parse_sitemap(read_file(path, max_bytes=10_000_000), name)
    assert len(sitemap.items) == count and not sitemap.children


def test_google_news_fields() -> None:
    path = corpus_or_skip("feeds", "sitemap-news-shinpaideshou.xml")
    first = parse_sitemap(path.read_bytes(), "s").items[0]
    assert first.title == "Job Opening: Reischauer Policy Research Fellow"
    assert first.published is not None and first.published.isoformat() == "2017-04-25"


def test_entities_are_not_expanded() -> None:
    lol = (
        b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa">'
        b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY x SYSTEM "file:///etc/passwd">]>'
        b'<rss version="2.0"><channel><item><title>&b;&x;</title>'
        b"<link>https://example.com/a</link></item></channel></rss>"
    )
    item = parse_feed(lol, "lol")[0]
    assert "aaaa" not in (item.title or "") and "root:" not in (item.title or "")


def test_not_a_feed() -> None:
    with pytest.raises(ClearanceError) as info:
        parse_feed(b"<html><body>hi</body></html>", "x")
    assert info.value.kind is ErrorKind.BAD_FEED
    with pytest.raises(ClearanceError):
        parse_feed(b"{not json", "x")


def docs(items: list[RawDocument | ErrorRecord]) -> list[RawDocument]:
    return [item for item in items if isinstance(item, RawDocument)]


def test_feed_over_http_fetches_every_article(site: Site) -> None:
    items = list(iter_documents([], site.settings(), feeds=[site.url("/feed.xml")]))
    assert len(items) == 10 and len(docs(items)) == 10
    first = docs(items)[0]
    assert first.source.startswith(site.url("/mercopress/2026/02/18/argentina-clears"))
    assert first.title is not None and first.title.startswith("Argentina clears")
    assert first.published is not None and first.published.isoformat() == "2026-02-18"


def test_feed_links_are_vetted(site: Site) -> None:
    items = list(iter_documents([], site.settings(), feeds=[site.url("/feed-evil.xml")]))
    assert isinstance(items[0], ErrorRecord) and items[0].kind is ErrorKind.BLOCKED_ADDRESS
    assert items[0].source.startswith("http://169.254.169.254/")
    assert isinstance(items[1], RawDocument)


def test_sitemap_index_with_gzip_child(site: Site) -> None:
    items = list(iter_documents([], site.settings(), sitemaps=[site.url("/sitemap-index.xml")]))
    assert len(docs(items)) == 6 and len(items) == 6
    assert docs(items)[0].title == "Job Opening: Reischauer Policy Research Fellow"


def test_feed_and_sitemap_from_local_files(site: Site, tmp_path: Path) -> None:
    feed = tmp_path / "feed.json"
    feed.write_text(
        '{"version": "https://jsonfeed.org/version/1.1", "items": '
        f'[{{"url": "{site.url("/article")}", "title": "T", "date_published": '
        '"2024-05-01T10:00:00Z"}]}'
    )
    sitemap = tmp_path / "sitemap.xml"
    sitemap.write_text(
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        f"<url><loc>{site.url('/article')}</loc></url></urlset>"
    )
    missing = str(tmp_path / "nope.xml")
    items = list(
        iter_documents([], site.settings(), feeds=[str(feed), missing], sitemaps=[str(sitemap)])
    )
    assert [type(i).__name__ for i in items] == ["RawDocument", "ErrorRecord", "RawDocument"]
    first = items[0]
    assert isinstance(first, RawDocument) and first.title == "T"
    assert first.published is not None and first.published.isoformat() == "2024-05-01"
    assert isinstance(items[1], ErrorRecord) and items[1].kind is ErrorKind.NOT_FOUND


def test_missing_feed_url_is_one_error(site: Site) -> None:
    items = list(iter_documents([], site.settings(), feeds=[site.url("/missing")]))
    assert len(items) == 1 and isinstance(items[0], ErrorRecord)
    assert items[0].kind is ErrorKind.HTTP_STATUS


def test_urls_file(site: Site, tmp_path: Path) -> None:
    listing = tmp_path / "urls.txt"
    listing.write_text(f"# comment\n{site.url('/article')}\n\n{site.url('/empty')}\nftp://x/\n")
    items = list(iter_documents([], site.settings(), urls_file=listing))
    assert isinstance(items[0], RawDocument)
    assert isinstance(items[1], RawDocument) and items[1].data == b""
    assert isinstance(items[2], ErrorRecord) and items[2].kind is ErrorKind.BAD_URL
