"""Sitemaps -> article URLs: ``urlset`` and ``sitemapindex`` files, gzip, Google News extension.

Parsing only; :mod:`clearance.fetch.sources` fetches (guarded) and follows index files, with
limits on depth and on the number of child sitemaps so a hostile index cannot fan out forever.
"""

from dataclasses import dataclass

from clearance.errors import ClearanceError, ErrorKind
from clearance.fetch.feeds import FeedItem, parse_date
from clearance.fetch.xmlparse import child_text, children, local, parse_xml

MAX_DEPTH = 3
MAX_CHILDREN = 200


@dataclass(frozen=True)
class Sitemap:
    """A parsed sitemap: article entries, or (for an index) child sitemap URLs."""

    items: list[FeedItem]
    children: list[str]


def parse_sitemap(data: bytes, source: str) -> Sitemap:
    """Parse a ``urlset`` or ``sitemapindex``; ``news:title``/``news:publication_date`` kept."""
    root = parse_xml(data, source)
    name = local(root)
    if name == "sitemapindex":
        locs = [child_text(node, "loc") for node in children(root, "sitemap")]
        return Sitemap([], [loc for loc in locs if loc])
    if name != "urlset":
        raise ClearanceError(
            source, f"not a sitemap (root element <{name}>)", kind=ErrorKind.BAD_FEED
        )
    items = []
    for node in children(root, "url"):
        loc = child_text(node, "loc")
        if not loc:
            continue
        news = next(children(node, "news"), None)
        title = child_text(news, "title") if news is not None else None
        date = child_text(news, "publication_date") if news is not None else None
        items.append(FeedItem(loc, title, parse_date(date)))
    return Sitemap(items, [])
