"""News feeds -> (link, title, date) items: RSS 2.0, RSS 1.0 (RDF), Atom and JSON Feed.

Parsing only: fetching the feed and each linked article goes through the guarded HTTP client in
:mod:`clearance.fetch.sources`, so every link is vetted like any other URL.
"""

import datetime as dt
import email.utils
import json
from dataclasses import dataclass
from urllib.parse import urljoin

from lxml import etree

from clearance.errors import ClearanceError, ErrorKind
from clearance.fetch.xmlparse import child_text, children, descendants, local, parse_xml


@dataclass(frozen=True)
class FeedItem:
    """One linked article, with what the feed says about it."""

    url: str
    title: str | None = None
    published: dt.date | None = None


def parse_feed(data: bytes, source: str, base_url: str | None = None) -> list[FeedItem]:
    """Items of any supported feed format, links made absolute against ``base_url``."""
    head = data.lstrip()[:1]
    if head in (b"{", b"["):
        items = _json_feed(data, source)
    else:
        root = parse_xml(data, source)
        name = local(root)
        if name == "rss":
            items = _rss_items(root, source)
        elif name == "RDF":
            items = _rdf_items(root)
        elif name == "feed":
            items = _atom_items(root)
        else:
            raise ClearanceError(
                source, f"not a feed (root element <{name}>)", kind=ErrorKind.BAD_FEED
            )
    return _absolute(items, base_url)


def parse_date(value: str | None) -> dt.date | None:
    """RFC 822 (RSS) or ISO 8601 (Atom, JSON Feed, dc:date, some RSS) -> date, else None."""
    if not value:
        return None
    value = value.strip()
    try:
        return dt.datetime.fromisoformat(value.replace("Z", "+00:00")).date()
    except ValueError:
        pass
    try:
        return email.utils.parsedate_to_datetime(value).date()
    except (TypeError, ValueError, IndexError):
        return None


def _rss_items(root: etree._Element, source: str) -> list[FeedItem]:
    channel = next(children(root, "channel"), None)
    if channel is None:
        raise ClearanceError(source, "RSS without a <channel>", kind=ErrorKind.BAD_FEED)
    items = []
    for item in children(channel, "item"):
        link = child_text(item, "link") or _permalink_guid(item)
        if link:
            date = child_text(item, "pubDate", "date", "published")
            items.append(FeedItem(link, child_text(item, "title"), parse_date(date)))
    return items


def _permalink_guid(item: etree._Element) -> str | None:
    for guid in children(item, "guid"):
        text = (guid.text or "").strip()
        if guid.get("isPermaLink", "true").lower() == "true" and text.startswith("http"):
            return text
    return None


def _rdf_items(root: etree._Element) -> list[FeedItem]:
    items = []
    for item in descendants(root, "item"):
        link = child_text(item, "link")
        if link:
            items.append(
                FeedItem(link, child_text(item, "title"), parse_date(child_text(item, "date")))
            )
    return items


def _atom_items(root: etree._Element) -> list[FeedItem]:
    items = []
    for entry in children(root, "entry"):
        link = _atom_link(entry)
        if link:
            date = child_text(entry, "published", "updated")
            items.append(FeedItem(link, child_text(entry, "title"), parse_date(date)))
    return items


def _atom_link(entry: etree._Element) -> str | None:
    fallback = None
    for link in children(entry, "link"):
        href = (link.get("href") or "").strip()
        rel = link.get("rel", "alternate")
        if href and rel == "alternate":
            return href
        fallback = fallback or (href if rel not in ("self", "edit", "replies") else None)
    return fallback


def _json_feed(data: bytes, source: str) -> list[FeedItem]:
    try:
        obj = json.loads(data)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise ClearanceError(source, f"not valid JSON ({exc})", kind=ErrorKind.BAD_FEED) from exc
    if not isinstance(obj, dict) or not isinstance(obj.get("items"), list):
        raise ClearanceError(source, "a JSON Feed needs an 'items' list", kind=ErrorKind.BAD_FEED)
    items = []
    for item in obj["items"]:
        if not isinstance(item, dict):
            continue
        link = item.get("url") or item.get("external_url")
        if isinstance(link, str) and link.strip():
            title = item.get("title") if isinstance(item.get("title"), str) else None
            date = item.get("date_published")
            items.append(
                FeedItem(link.strip(), title, parse_date(date if isinstance(date, str) else None))
            )
    return items


def _absolute(items: list[FeedItem], base_url: str | None) -> list[FeedItem]:
    if not base_url:
        return items
    return [FeedItem(urljoin(base_url, i.url), i.title, i.published) for i in items]
