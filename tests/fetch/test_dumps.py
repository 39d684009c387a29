"""JSONL and WARC dumps: good records become documents, damage becomes one error record each."""

import gzip
import io
import json
from pathlib import Path

import pytest
from tests.fetch.conftest import aeb_page, corpus_or_skip
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from clearance.article import build_article
from clearance.errors import ErrorKind, ErrorRecord
from clearance.fetch.document import RawDocument
from clearance.fetch.dumps import iter_jsonl, iter_warc

PAGES = ["374ac9a59a85", "360c732d1fdb", "39d5c43beb60"]  # cnbc, cityam, deccanherald
CAP = 10_000_000


def test_jsonl_lines(tmp_path: Path) -> None:
    lines = [
        {
            "url": "https://e.com/a",
            "title": "A",
            "published": "2024-03-05",
            "text": "Body A.",
            "id": 7,
        },
        "this is not json",
        {"url": "https://e.com/b", "published": "2024-03-06T09:30:00Z", "html": "<p>B</p>"},
        {"url": "https://e.com/c", "title": "no body"},
        {"text": "C", "published": "yesterday"},
        [1, 2],
    ]
    path = tmp_path / "dump.jsonl"
    path.write_text("\n".join(x if isinstance(x, str) else json.dumps(x) for x in lines) + "\n\n")
    items = list(iter_jsonl(path, max_bytes=CAP))
    assert len(items) == 6
    first, bad, second = items[0], items[1], items[2]
    assert isinstance(first, RawDocument) and first.doc_id == "7" and first.kind == "text"
    assert first.source == f"{path}:1" and first.published is not None
    assert isinstance(bad, ErrorRecord) and bad.kind is ErrorKind.BAD_JSONL
    assert bad.source == f"{path}:2"
    assert isinstance(second, RawDocument) and second.kind == "html"
    assert second.published is not None and second.published.isoformat() == "2024-03-06"
    assert all(isinstance(x, ErrorRecord) and x.kind is ErrorKind.BAD_JSONL for x in items[3:])


def test_jsonl_gz_and_long_line(tmp_path: Path) -> None:
    path = tmp_path / "dump.jsonl.gz"
    good = json.dumps({"url": "u", "text": "fine"})
    huge = json.dumps({"url": "u", "text": "x" * 5000})
    path.write_bytes(gzip.compress(f"{good}\n{huge}\n{good}\n".encode()))
    items = list(iter_jsonl(path, max_bytes=1000))
    assert [type(x).__name__ for x in items] == ["RawDocument", "ErrorRecord", "RawDocument"]
    assert isinstance(items[1], ErrorRecord) and items[1].kind is ErrorKind.TOO_LARGE
    assert items[2].source.endswith(":3")


def write_warc(path: Path, *, gzipped: bool, extra: bool = True) -> list[str]:
    """WARC with warcinfo, request, response (3 real pages, one gzip-encoded) and metadata."""
    urls = []
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=gzipped)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "tests"}))
        for n, prefix in enumerate(PAGES):
            html, truth = aeb_page(prefix)
            url = truth["url"]
            urls.append(url)
            headers = [("Content-Type", "text/html; charset=utf-8")]
            body = html
            if n == 1:
                body = gzip.compress(html)
                headers.append(("Content-Encoding", "gzip"))
            if extra:
                req = StatusAndHeaders(f"GET {url} HTTP/1.1", [("Host", "x")], is_http_request=True)
                writer.write_record(writer.create_warc_record(url, "request", http_headers=req))
            http = StatusAndHeaders("200 OK", headers, protocol="HTTP/1.1")
            writer.write_record(
                writer.create_warc_record(
                    url, "response", payload=io.BytesIO(body), http_headers=http
                )
            )
            if extra:
                meta = io.BytesIO(b"fetchTimeMs: 12\n")
                writer.write_record(
                    writer.create_warc_record(
                        url, "metadata", payload=meta, warc_content_type="text/plain"
                    )
                )
        image = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1")
        writer.write_record(
            writer.create_warc_record(
                "https://e.com/i.png",
                "response",
                payload=io.BytesIO(b"\x89PNG...."),
                http_headers=image,
            )
        )
    return urls


@pytest.mark.parametrize("gzipped", [False, True])
def test_warc_roundtrip(tmp_path: Path, gzipped: bool) -> None:
    path = tmp_path / ("crawl.warc.gz" if gzipped else "crawl.warc")
    urls = write_warc(path, gzipped=gzipped)
    items = list(iter_warc(path, max_bytes=CAP))
    assert [type(x).__name__ for x in items] == ["RawDocument"] * 3
    docs = [x for x in items if isinstance(x, RawDocument)]
    assert [d.url for d in docs] == urls
    assert all(d.source.startswith(f"{path}@") for d in docs)
    offsets = [int(d.source.rsplit("@", 1)[1]) for d in docs]
    assert offsets == sorted(offsets) and offsets[0] > 0
    articles = [build_article(d) for d in docs]
    assert "Emirates" in articles[0].text
    assert "Alibaba" in articles[1].text  # the gzip-encoded payload was inflated


def test_warc_payload_cap(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc.gz"
    write_warc(path, gzipped=True, extra=False)
    items = list(iter_warc(path, max_bytes=50_000))
    assert all(isinstance(x, ErrorRecord) and x.kind is ErrorKind.TOO_LARGE for x in items)
    assert len(items) == 3


def test_damaged_real_record_is_an_error_not_a_crash() -> None:
    path = corpus_or_skip("warc", "bbc-news-2014-commoncrawl-record-EXCERPT.warc")
    items = list(iter_warc(path, max_bytes=CAP))
    assert len(items) == 1
    assert isinstance(items[0], ErrorRecord) and items[0].kind is ErrorKind.BAD_WARC
    assert items[0].source == f"{path}@0"


@pytest.mark.parametrize("gzipped", [False, True])
def test_truncated_warc_keeps_the_good_records(tmp_path: Path, gzipped: bool) -> None:
    whole = tmp_path / ("whole.warc.gz" if gzipped else "whole.warc")
    write_warc(whole, gzipped=gzipped, extra=False)
    data = whole.read_bytes()
    cut = tmp_path / ("cut.warc.gz" if gzipped else "cut.warc")
    # Cut inside the third page's record: the first two records stay whole.
    full = list(iter_warc(whole, max_bytes=CAP))
    third = int(full[2].source.rsplit("@", 1)[1])
    cut.write_bytes(data[: third + (len(data) - third) // 3])
    items = list(iter_warc(cut, max_bytes=CAP))
    assert [type(x).__name__ for x in items] == ["RawDocument", "RawDocument", "ErrorRecord"]
    assert isinstance(items[2], ErrorRecord) and items[2].kind is ErrorKind.BAD_WARC


def test_garbage_is_one_error(tmp_path: Path) -> None:
    path = tmp_path / "junk.warc"
    path.write_bytes(b"this is not a warc file\r\n\r\n" * 10)
    items = list(iter_warc(path, max_bytes=CAP))
    assert len(items) == 1 and isinstance(items[0], ErrorRecord)
    assert items[0].kind is ErrorKind.BAD_WARC
