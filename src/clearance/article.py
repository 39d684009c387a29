"""RawDocument -> Article: decoded text, trafilatura's body and metadata, the offsets' base.

For text input ``article.text`` is the text exactly as given (offsets index the caller's own
string); for HTML it is trafilatura's extracted body.
"""

import datetime as dt
from typing import Any

import trafilatura

from clearance.errors import ErrorKind, InputError
from clearance.fetch.document import RawDocument
from clearance.records import Article, article_id


def article_from_text(
    text: str,
    *,
    source: str = "<text>",
    url: str | None = None,
    title: str | None = None,
    published: dt.date | None = None,
    site: str | None = None,
) -> Article:
    """An Article over plain text, kept byte-for-byte so offsets index the caller's string."""
    if not text.strip():
        raise InputError(source, "the input is empty", kind=ErrorKind.EMPTY)
    if "\x00" in text:
        raise InputError(source, "the input looks binary (NUL characters)", kind=ErrorKind.BINARY)
    return Article(
        id=article_id(url, text),
        url=url,
        title=title,
        site=site,
        published=published,
        language="en",
        text=text,
    )


def article_from_html(
    html: str,
    *,
    source: str = "<html>",
    url: str | None = None,
    title: str | None = None,
    published: dt.date | None = None,
    site: str | None = None,
) -> Article:
    """An Article from a page: trafilatura's body; explicit arguments override page metadata."""
    if not html.strip():
        raise InputError(source, "the page is empty", kind=ErrorKind.EMPTY)
    extracted = _extract_html(html, url)
    body = (extracted or {}).get("text") or ""
    if not body.strip():
        raise InputError(source, "no article text found in the page", kind=ErrorKind.NO_TEXT)
    meta = extracted or {}
    return Article(
        id=article_id(url or meta.get("url"), body),
        url=url or meta.get("url"),
        title=title or meta.get("title"),
        site=site or meta.get("sitename"),
        published=published or _parse_date(meta.get("date")),
        language=meta.get("language") or "en",
        text=body,
    )


def build_article(raw: RawDocument) -> Article:
    """Turn any source's RawDocument into an Article, raising InputError on unusable input."""
    text = raw.text if raw.text is not None else _decode(raw)
    build = article_from_html if raw.kind == "html" else article_from_text
    return build(
        text,
        source=raw.source,
        url=raw.url,
        title=raw.title,
        published=raw.published,
        site=raw.site,
    )


def _decode(raw: RawDocument) -> str:
    data = raw.data or b""
    if not data.strip():
        raise InputError(raw.source, "the input is empty", kind=ErrorKind.EMPTY)
    if b"\x00" in data[:4096]:
        raise InputError(raw.source, "the input looks binary (NUL bytes)", kind=ErrorKind.BINARY)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            raw.source, f"not valid UTF-8 ({exc.reason} at byte {exc.start})",
            kind=ErrorKind.UNDECODABLE,
        ) from exc


def _extract_html(html: str, url: str | None) -> dict[str, Any] | None:
    doc = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=False, include_tables=False
    )
    if doc is None:
        return None
    result: dict[str, Any] = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    return result


def _parse_date(value: object) -> dt.date | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None
