"""Dumps: JSONL (one article a line, optionally gzipped) and WARC / WARC.gz via warcio.

Each good line or record becomes a RawDocument; each bad one becomes one ErrorRecord in its
place, and reading goes on. Sources are named ``dump.jsonl:LINE`` and ``crawl.warc.gz@OFFSET``
so an error points at the exact spot. Payloads pass the same size cap as HTTP bodies.
"""

import datetime as dt
import gzip
import json
import logging
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from warcio.archiveiterator import ArchiveIterator
from warcio.bufferedreaders import ChunkedDataReader
from warcio.exceptions import ArchiveLoadFailed

from clearance.errors import ClearanceError, ErrorKind, ErrorRecord
from clearance.fetch.decompress import decompress
from clearance.fetch.document import RawDocument

log = logging.getLogger(__name__)

Item = RawDocument | ErrorRecord
_HTML_TYPES = ("text/html", "application/xhtml+xml")


def is_jsonl(path: Path) -> bool:
    """``.jsonl`` or ``.jsonl.gz`` (also ``.ndjson``)."""
    name = path.name.lower()
    return name.endswith((".jsonl", ".jsonl.gz", ".ndjson", ".ndjson.gz"))


def is_warc(path: Path) -> bool:
    """``.warc`` or ``.warc.gz``."""
    return path.name.lower().endswith((".warc", ".warc.gz"))


# -- JSONL ------------------------------------------------------------------------------------


def iter_jsonl(path: Path, *, max_bytes: int) -> Iterator[Item]:
    """One RawDocument per line; a bad line (or an over-long one) is one error record."""
    opener: Any = gzip.open if path.name.lower().endswith(".gz") else open
    lineno = 0
    try:
        with opener(path, "rb") as handle:
            while True:
                line = handle.readline(max_bytes + 1)
                if not line:
                    return
                lineno += 1
                source = f"{path}:{lineno}"
                if len(line) > max_bytes and not line.endswith(b"\n"):
                    _skip_rest_of_line(handle)
                    yield _error(source, ErrorKind.TOO_LARGE, f"line passes {max_bytes} bytes")
                    continue
                if line.strip():
                    yield _jsonl_document(line, source)
    except (OSError, EOFError, zlib.error) as exc:
        yield _error(f"{path}:{lineno + 1}", ErrorKind.BAD_JSONL, f"cannot read the dump ({exc})")


def _skip_rest_of_line(handle: IO[bytes]) -> None:
    while (piece := handle.readline(1 << 20)) and not piece.endswith(b"\n"):
        pass


def _jsonl_document(line: bytes, source: str) -> Item:
    try:
        obj = json.loads(line)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        return _error(source, ErrorKind.BAD_JSONL, f"not valid JSON ({exc})")
    if not isinstance(obj, dict):
        return _error(source, ErrorKind.BAD_JSONL, "a line must be a JSON object")
    text, html = obj.get("text"), obj.get("html")
    body = html if isinstance(html, str) and html.strip() else text
    if not isinstance(body, str):
        return _error(source, ErrorKind.BAD_JSONL, "the line has no string 'text' or 'html'")
    try:
        published = parse_date(obj.get("published"))
    except ValueError as exc:
        return _error(source, ErrorKind.BAD_JSONL, str(exc))
    return RawDocument(
        source=source,
        kind="html" if body is html else "text",
        text=body,
        url=_opt_str(obj.get("url")),
        title=_opt_str(obj.get("title")),
        published=published,
        site=_opt_str(obj.get("site")),
        doc_id=None if obj.get("id") is None else str(obj["id"]),
    )


def parse_date(value: object) -> dt.date | None:
    """An ISO date or datetime (``Z`` allowed) -> date; None for null/empty."""
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise ValueError(f"'published' must be an ISO date string, got {value!r}")
    text = value.strip()
    try:
        if len(text) == 10:
            return dt.date.fromisoformat(text)
        return dt.datetime.fromisoformat(text.replace("Z", "+00:00")).date()
    except ValueError as exc:
        raise ValueError(f"'published' is not an ISO date or datetime: {value!r}") from exc


def _opt_str(value: object) -> str | None:
    return value if isinstance(value, str) and value.strip() else None


# -- WARC -------------------------------------------------------------------------------------


def iter_warc(path: Path, *, max_bytes: int) -> Iterator[Item]:
    """HTML ``response`` records as RawDocuments; other records skipped; damage reported.

    A damaged record (short read, bad HTTP block) is one error record; a broken stream (a
    truncated gzip member, garbage where a header should be) ends the file with one error
    record after every good record before it.
    """
    offset = 0
    records: Any = None
    try:
        with path.open("rb") as handle:
            records = ArchiveIterator(handle, check_digests=False)
            for record in records:
                offset = records.offset  # get_record_offset() would consume the record
                if not str(record.format).startswith("warc"):
                    yield _error(f"{path}@{offset}", ErrorKind.BAD_WARC, "not a WARC record")
                    return
                item = _warc_item(record, f"{path}@{offset}", max_bytes)
                if item is not None:
                    yield item
    except (ArchiveLoadFailed, OSError, EOFError, zlib.error, ValueError) as exc:
        where = f"{path}@{getattr(records, 'offset', offset)}"
        yield _error(where, ErrorKind.BAD_WARC, f"unreadable WARC data ({_one_line(exc)})")


def _warc_item(record: Any, source: str, max_bytes: int) -> Item | None:
    if record.rec_type != "response" or record.http_headers is None:
        return None
    content_type = (record.http_headers.get_header("Content-Type") or "").lower()
    if content_type and not content_type.startswith((*_HTML_TYPES, "text/plain")):
        return None
    url = record.rec_headers.get_header("WARC-Target-URI")
    try:
        payload = _read_payload(record, source, max_bytes)
    except ClearanceError as exc:
        return exc.to_record()
    except Exception as exc:  # warcio's readers raise assorted types on damaged blocks
        return _error(source, ErrorKind.BAD_WARC, f"damaged record ({_one_line(exc)})")
    charset = _charset(content_type)
    return RawDocument(
        source=source,
        kind="text" if content_type.startswith("text/plain") else "html",
        data=payload,
        url=url,
        http_charset=charset,
        meta={"warc_date": record.rec_headers.get_header("WARC-Date") or ""},
    )


def _read_payload(record: Any, source: str, max_bytes: int) -> bytes:
    headers = record.http_headers
    stream: Any = record.raw_stream
    if (headers.get_header("Transfer-Encoding") or "").lower() == "chunked":
        stream = ChunkedDataReader(stream, decomp_type=None)
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise ClearanceError(
            source, f"payload passes the cap of {max_bytes} bytes", kind=ErrorKind.TOO_LARGE
        )
    missing = getattr(record.raw_stream, "limit", 0)
    if missing:
        raise ClearanceError(
            source,
            f"damaged record: {missing} of its declared {record.length} bytes are missing",
            kind=ErrorKind.BAD_WARC,
        )
    encoding = headers.get_header("Content-Encoding")
    return decompress(data, encoding, source=source, max_bytes=max_bytes)


def _charset(content_type: str) -> str | None:
    for param in content_type.split(";")[1:]:
        key, _, value = param.partition("=")
        if key.strip() == "charset" and value.strip():
            return value.strip().strip("\"'")
    return None


def _error(source: str, kind: ErrorKind, message: str) -> ErrorRecord:
    return ErrorRecord(source=source, kind=kind, message=message)


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split())[:300] or type(exc).__name__
