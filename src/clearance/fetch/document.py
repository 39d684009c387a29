"""What every source yields: the raw input plus what the source already knows about it."""

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

ContentKind = Literal["html", "text"]


@dataclass
class RawDocument:
    """One input before extraction.

    ``source`` names the input for error messages and manifests (a path, URL, ``dump.jsonl:12``,
    ``crawl.warc.gz@offset``). Exactly one of ``data`` (undecoded bytes) or ``text`` is set.
    Metadata given by the source (a JSONL line's title, a feed item's date) wins over what
    extraction finds in the page.
    """

    source: str
    kind: ContentKind
    data: bytes | None = None
    text: str | None = None
    url: str | None = None
    title: str | None = None
    published: dt.date | None = None
    site: str | None = None
    doc_id: str | None = None
    http_charset: str | None = None
    encoding: str | None = None
    meta: dict[str, str] = field(default_factory=dict)
