"""RawDocument -> Article: decoded text, trafilatura's body and metadata, the offsets' base.

For text input ``article.text`` is the text exactly as given (offsets index the caller's own
string); for HTML it is trafilatura's extracted body. Bytes are decoded in the order of
:mod:`clearance.fetch.decoding` (BOM, HTTP charset, ``<meta>``, detector, UTF-8 with
replacement) and the choice is written back to ``RawDocument.encoding``. Articles that are not
in English become an ``InputError`` of kind ``not_english``: the pipeline is English-only.
"""

import datetime as dt
from typing import Any

import trafilatura

from clearance.errors import ErrorKind, InputError
from clearance.fetch.decoding import decode_bytes
from clearance.fetch.document import RawDocument
from clearance.fetch.language import english_ratio, latin_share, looks_english
from clearance.records import Article, article_id

MIN_ARTICLE_WORDS = 12
"""Below this, trafilatura's "body" is a menu or a caption, not an article."""


def article_from_text(
    text: str,
    *,
    source: str = "<text>",
    url: str | None = None,
    title: str | None = None,
    published: dt.date | None = None,
    site: str | None = None,
    check_language: bool = True,
) -> Article:
    """An Article over plain text, kept byte-for-byte so offsets index the caller's string."""
    if not text.strip():
        raise InputError(source, "the input is empty", kind=ErrorKind.EMPTY)
    if "\x00" in text:
        raise InputError(source, "the input looks binary (NUL characters)", kind=ErrorKind.BINARY)
    if check_language:
        _require_english(text, source)
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
    check_language: bool = True,
) -> Article:
    """An Article from a page: trafilatura's body; explicit arguments override page metadata."""
    if not html.strip():
        raise InputError(source, "the page is empty", kind=ErrorKind.EMPTY)
    meta = extract_html(html, url) or {}
    body = meta.get("text") or ""
    words = len(body.split())
    if words < MIN_ARTICLE_WORDS:
        found = f" (only {words} words of body text)" if words else ""
        raise InputError(
            source, f"no article text found in the page{found}", kind=ErrorKind.NO_TEXT
        )
    if check_language:
        _require_english(body, source)
    return Article(
        id=article_id(url or meta.get("url"), body),
        url=url or meta.get("url"),
        title=title or meta.get("title"),
        site=site or meta.get("sitename"),
        published=published or _parse_date(meta.get("date")),
        language="en",
        text=body,
    )


def build_article(raw: RawDocument) -> Article:
    """Turn any source's RawDocument into an Article, raising InputError on unusable input."""
    if raw.text is not None:
        text = raw.text
    else:
        decoded = decode_bytes(
            raw.data or b"",
            source=raw.source,
            http_charset=raw.http_charset,
            html=raw.kind == "html",
        )
        raw.encoding = decoded.encoding
        raw.meta["encoding_from"] = decoded.how
        text = decoded.text
    build = article_from_html if raw.kind == "html" else article_from_text
    return build(
        text,
        source=raw.source,
        url=raw.url,
        title=raw.title,
        published=raw.published,
        site=raw.site,
    )


def extract_html(html: str, url: str | None) -> dict[str, Any] | None:
    """trafilatura's body and metadata for one page (None when it finds nothing).

    The options are the ones the article-extraction benchmark scores best with here (see
    ``benchmarks/bench_body_extraction.py``); change them only with that benchmark's figure.
    """
    doc = trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        favor_precision=True,
        include_images=False,
        include_links=False,
        deduplicate=False,
    )
    if doc is None:
        return None
    result: dict[str, Any] = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    return result


def _require_english(text: str, source: str) -> None:
    if looks_english(text):
        return
    share, _letters = latin_share(text)
    ratio, _count = english_ratio(text)
    raise InputError(
        source,
        f"the article is not in English (English function words {ratio:.0%}, "
        f"Latin letters {share:.0%})",
        kind=ErrorKind.NOT_ENGLISH,
    )


def _parse_date(value: object) -> dt.date | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None
