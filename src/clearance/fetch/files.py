"""Local inputs: single files (plain or gzipped), directory walks and globs, stdin.

Directory walks and glob expansions are sorted so that batch shards are reproducible.
"""

import glob
import sys
from pathlib import Path
from typing import Literal

from clearance.errors import ErrorKind, InputError
from clearance.fetch.decompress import read_file
from clearance.fetch.document import RawDocument
from clearance.fetch.dumps import is_jsonl, is_warc

HTML_SUFFIXES = (".html", ".htm", ".xhtml", ".html.gz", ".htm.gz")
TEXT_SUFFIXES = (".txt", ".txt.gz")
DUMP_SUFFIXES = (".jsonl", ".jsonl.gz", ".ndjson", ".ndjson.gz", ".warc", ".warc.gz")
_GLOB_CHARS = set("*?[")


def is_input_file(path: Path) -> bool:
    """Files a directory walk picks up: pages, texts and dumps."""
    return path.name.lower().endswith(HTML_SUFFIXES + TEXT_SUFFIXES + DUMP_SUFFIXES)


def is_glob(spec: str) -> bool:
    """True when ``spec`` has glob characters and does not name an existing path."""
    return bool(_GLOB_CHARS & set(spec)) and not Path(spec).exists()


def walk(root: Path) -> list[str]:
    """Input files under ``root``, recursively, sorted (hidden files and folders skipped)."""
    found = [
        p
        for p in root.rglob("*")
        if p.is_file()
        and is_input_file(p)
        and not any(part.startswith(".") for part in p.relative_to(root).parts)
    ]
    return sorted(str(p) for p in found)


def expand_glob(pattern: str) -> list[str]:
    """Glob matches (``**`` recursive), directories walked, sorted."""
    out: list[str] = []
    # glob.glob, not Path.glob: patterns may be absolute.
    for match in sorted(glob.glob(pattern, recursive=True)):  # noqa: PTH207
        path = Path(match)
        if path.is_dir():
            out.extend(walk(path))
        elif path.is_file():
            out.append(match)
    return out


def read_document(path: Path, *, max_bytes: int, source: str | None = None) -> RawDocument:
    """One page or text file as a RawDocument (undecoded bytes; gzip inflated under the cap)."""
    name = source or str(path)
    if not path.is_file():
        raise InputError(name, "no such file", kind=ErrorKind.NOT_FOUND)
    data = read_file(path, max_bytes=max_bytes, source=name)
    return RawDocument(source=name, kind=_kind_for(path, data), data=data)


def read_stdin(*, max_bytes: int) -> RawDocument:
    """Standard input, sniffed as HTML or plain text."""
    data = sys.stdin.buffer.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise InputError(
            "<stdin>", f"input passes the cap of {max_bytes} bytes", kind=ErrorKind.TOO_LARGE
        )
    return RawDocument(source="<stdin>", kind=sniff_kind(data), data=data)


def sniff_kind(data: bytes) -> Literal["html", "text"]:
    """HTML when the first non-blank bytes open a document or an ``<html>`` element."""
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return "html" if head.startswith((b"<!doctype html", b"<html", b"<?xml")) else "text"


def _kind_for(path: Path, data: bytes) -> Literal["html", "text"]:
    name = path.name.lower()
    if name.endswith(HTML_SUFFIXES):
        return "html"
    if name.endswith(TEXT_SUFFIXES):
        return "text"
    return sniff_kind(data)


def is_dump(path: Path) -> bool:
    """JSONL or WARC dumps (read record by record, not as one document)."""
    return is_jsonl(path) or is_warc(path)
