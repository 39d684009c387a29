"""Files, directories, globs, stdin and the spec expansion the batch runner shards on."""

import gzip
import io
import json
import sys
from pathlib import Path

import pytest
from tests.fetch.conftest import Site

from clearance.errors import ClearanceError, ErrorKind, ErrorRecord
from clearance.fetch.document import RawDocument
from clearance.fetch.sources import iter_documents, open_single, shard_specs
from clearance.settings import Settings


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    (tmp_path / "b").mkdir()
    (tmp_path / "a.txt").write_text("Plain text article.")
    (tmp_path / "b" / "page.html").write_text("<html><body><p>x</p></body></html>")
    (tmp_path / "b" / "z.htm").write_text("<html></html>")
    (tmp_path / "b" / "gz.html.gz").write_bytes(gzip.compress(b"<html>gz</html>"))
    (tmp_path / "b" / "dump.jsonl").write_text(
        json.dumps({"url": "u1", "text": "one"}) + "\n" + json.dumps({"url": "u2", "text": "two"})
    )
    (tmp_path / "b" / "notes.md").write_text("ignored")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "h.txt").write_text("ignored")
    return tmp_path


def test_shard_specs_expands_sorted(tree: Path) -> None:
    specs = shard_specs([str(tree), "https://example.com/x", "-", str(tree / "a.txt")])
    assert specs == [
        str(tree / "a.txt"),
        str(tree / "b" / "dump.jsonl"),
        str(tree / "b" / "gz.html.gz"),
        str(tree / "b" / "page.html"),
        str(tree / "b" / "z.htm"),
        "https://example.com/x",
        "-",
    ]


def test_shard_specs_globs(tree: Path) -> None:
    assert shard_specs([str(tree / "**" / "*.htm*")]) == [
        str(tree / "b" / "gz.html.gz"),
        str(tree / "b" / "page.html"),
        str(tree / "b" / "z.htm"),
    ]
    missing = str(tree / "nothing-*.txt")
    assert shard_specs([missing]) == [missing]


def test_iter_documents_over_a_tree(tree: Path) -> None:
    items = list(iter_documents([str(tree), str(tree / "missing.txt")], Settings()))
    sources = [i.source for i in items]
    assert sources == [
        str(tree / "a.txt"),
        f"{tree / 'b' / 'dump.jsonl'}:1",
        f"{tree / 'b' / 'dump.jsonl'}:2",
        str(tree / "b" / "gz.html.gz"),
        str(tree / "b" / "page.html"),
        str(tree / "b" / "z.htm"),
        str(tree / "missing.txt"),
    ]
    gz = items[3]
    assert isinstance(gz, RawDocument) and gz.data == b"<html>gz</html>" and gz.kind == "html"
    assert isinstance(items[0], RawDocument) and items[0].kind == "text"
    assert isinstance(items[-1], ErrorRecord) and items[-1].kind is ErrorKind.NOT_FOUND


def test_unmatched_glob_is_one_error(tree: Path) -> None:
    items = list(iter_documents([str(tree / "nothing-*.txt")], Settings()))
    assert len(items) == 1 and isinstance(items[0], ErrorRecord)
    assert "pattern" in items[0].message


def test_urls_mixed_with_files_keep_order(site: Site, tree: Path) -> None:
    specs = [site.url("/article"), str(tree / "a.txt"), site.url("/missing"), site.url("/text")]
    items = list(iter_documents(specs, site.settings(concurrency=3)))
    assert [i.source for i in items] == specs
    assert isinstance(items[2], ErrorRecord) and items[2].kind is ErrorKind.HTTP_STATUS


def test_open_single_kinds(tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert open_single(str(tree / "a.txt"), Settings()).kind == "text"
    assert open_single(str(tree / "b" / "page.html"), Settings()).kind == "html"
    with pytest.raises(ClearanceError) as info:
        open_single(str(tree / "nope.txt"), Settings())
    assert info.value.kind is ErrorKind.NOT_FOUND
    with pytest.raises(ClearanceError):
        open_single(str(tree), Settings())
    fake = io.TextIOWrapper(io.BytesIO(b"<!DOCTYPE html><html><p>hi</p></html>"))
    monkeypatch.setattr(sys, "stdin", fake)
    raw = open_single("-", Settings())
    assert raw.source == "<stdin>" and raw.kind == "html"


def test_file_over_cap(tree: Path) -> None:
    from clearance.settings import HttpSettings

    big = tree / "big.txt"
    big.write_bytes(b"word " * 1000)
    with pytest.raises(ClearanceError) as info:
        open_single(str(big), Settings(http=HttpSettings(max_bytes=100)))
    assert info.value.kind is ErrorKind.TOO_LARGE
