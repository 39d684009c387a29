"""One entry point over every kind of input: a spec string -> RawDocuments (or error records).

Minimal first version: local files and stdin. The ingest work extends it to URLs, feeds,
sitemaps, directories, JSONL and WARC dumps.
"""

import sys
from pathlib import Path
from typing import Literal

from clearance.errors import ErrorKind, InputError
from clearance.fetch.document import RawDocument
from clearance.settings import Settings

HTML_SUFFIXES = {".html", ".htm", ".xhtml"}


def open_single(spec: str, settings: Settings) -> RawDocument:
    """Read one article: a file path or ``-`` for stdin (plain text unless it looks like HTML)."""
    del settings
    if spec == "-":
        data = sys.stdin.buffer.read()
        return RawDocument(source="<stdin>", kind=_sniff_kind(data), data=data)
    path = Path(spec)
    if not path.is_file():
        raise InputError(spec, "no such file", kind=ErrorKind.NOT_FOUND)
    data = path.read_bytes()
    kind = "html" if path.suffix.lower() in HTML_SUFFIXES else "text"
    return RawDocument(source=spec, kind=kind, data=data)


def _sniff_kind(data: bytes) -> Literal["html", "text"]:
    head = data[:2048].lstrip().lower()
    return "html" if head.startswith((b"<!doctype html", b"<html")) else "text"

