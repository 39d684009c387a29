"""One entry point over every kind of input: spec strings -> RawDocuments (or error records).

A spec is a file, a directory (walked recursively), a glob, a JSONL or WARC dump, an http(s)
URL, or ``-`` for stdin; feeds, sitemaps and a file of URLs come in through keyword arguments.
One bad input is one :class:`ErrorRecord` yielded in its place and the iteration goes on; the
order is deterministic so batch shards are reproducible.
"""

import logging
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Literal

from clearance.errors import ClearanceError, ErrorKind, ErrorRecord, InputError
from clearance.fetch.decompress import decompress, is_gzip, read_file
from clearance.fetch.document import RawDocument
from clearance.fetch.dumps import is_jsonl, is_warc, iter_jsonl, iter_warc
from clearance.fetch.feeds import FeedItem, parse_feed
from clearance.fetch.files import expand_glob, is_glob, read_document, read_stdin, walk
from clearance.fetch.http import HttpClient, HttpResponse
from clearance.fetch.sitemaps import MAX_CHILDREN, MAX_DEPTH, parse_sitemap
from clearance.settings import Settings

log = logging.getLogger(__name__)

Item = RawDocument | ErrorRecord
_ClientGetter = Callable[[], HttpClient]
_Maker = Callable[[], Item]
_HTML_TYPES = ("text/html", "application/xhtml+xml")
_TEXT_TYPES = ("text/plain",)


def is_url(spec: str) -> bool:
    """http(s) URLs (any other scheme is not fetched)."""
    return spec.lower().startswith(("http://", "https://"))


def open_single(spec: str, settings: Settings) -> RawDocument:
    """Read one article: a .txt/.html/.htm file, an http(s) URL, or ``-`` for stdin.

    Raises:
        ClearanceError: the input is missing, too large, blocked, or the fetch failed.
    """
    max_bytes = settings.http.max_bytes
    if spec == "-":
        return read_stdin(max_bytes=max_bytes)
    if is_url(spec):
        with HttpClient(settings.http) as client:
            return fetch_document(client, FeedItem(spec))
    path = Path(spec)
    if path.is_dir():
        raise InputError(spec, "is a directory, not one article", kind=ErrorKind.NOT_FOUND)
    return read_document(path, max_bytes=max_bytes, source=spec)


def shard_specs(specs: Sequence[str]) -> list[str]:
    """Directories and globs expanded into concrete inputs; dumps, URLs and files kept whole.

    Each expansion is sorted; duplicates are dropped keeping the first. A path that does not
    exist is kept, so :func:`iter_documents` reports it as one ``not_found`` error.
    """
    out: list[str] = []
    seen: set[str] = set()
    for spec in specs:
        if spec == "-" or is_url(spec):
            expanded = [spec]
        elif Path(spec).is_dir():
            expanded = walk(Path(spec))
        elif is_glob(spec):
            expanded = expand_glob(spec) or [spec]
        else:
            expanded = [spec]
        for item in expanded:
            if item not in seen:
                seen.add(item)
                out.append(item)
    return out


def iter_documents(
    specs: Sequence[str],
    settings: Settings,
    *,
    urls_file: Path | None = None,
    feeds: Sequence[str] = (),
    sitemaps: Sequence[str] = (),
) -> Iterator[RawDocument | ErrorRecord]:
    """Every document of every input, in order: specs, then URLs file, feeds, sitemaps."""
    client: HttpClient | None = None

    def http() -> HttpClient:
        nonlocal client
        if client is None:
            client = HttpClient(settings.http)
        return client

    try:
        pending_urls: list[FeedItem] = []
        for spec in shard_specs(specs):
            if is_url(spec):
                pending_urls.append(FeedItem(spec))
                continue
            yield from _fetch_all(http, pending_urls, settings)
            pending_urls = []
            yield from _local(spec, settings)
        yield from _fetch_all(http, pending_urls, settings)
        if urls_file is not None:
            yield from _urls_file(urls_file, http, settings)
        for feed in feeds:
            yield from _feed(feed, http, settings)
        for sitemap in sitemaps:
            yield from _sitemap(sitemap, http, settings)
    finally:
        if client is not None:
            client.close()


# -- local inputs -----------------------------------------------------------------------------


def _local(spec: str, settings: Settings) -> Iterator[Item]:
    max_bytes = settings.http.max_bytes
    if spec == "-":
        yield _guarded(lambda: read_stdin(max_bytes=max_bytes), "<stdin>")
        return
    path = Path(spec)
    if not path.exists():
        what = "no file matches this pattern" if is_glob(spec) else "no such file or directory"
        yield ErrorRecord(source=spec, kind=ErrorKind.NOT_FOUND, message=what)
    elif is_jsonl(path):
        yield from iter_jsonl(path, max_bytes=max_bytes)
    elif is_warc(path):
        yield from iter_warc(path, max_bytes=max_bytes)
    else:
        yield _guarded(lambda: read_document(path, max_bytes=max_bytes, source=spec), spec)


def _guarded(make: _Maker, source: str) -> Item:
    try:
        return make()
    except ClearanceError as exc:
        return exc.to_record()
    except OSError as exc:
        return ErrorRecord(source=source, kind=ErrorKind.NOT_FOUND, message=f"cannot read ({exc})")


# -- the web ----------------------------------------------------------------------------------


def fetch_document(client: HttpClient, item: FeedItem) -> RawDocument:
    """GET one article page; the feed's or sitemap's title and date ride along."""
    response = client.get(item.url)
    kind = _content_kind(response, item.url)
    return RawDocument(
        source=item.url,
        kind=kind,
        data=response.body,
        url=response.url,
        title=item.title,
        published=item.published,
        http_charset=response.charset,
        meta={"status": str(response.status), "content_type": response.content_type},
    )


def _content_kind(response: HttpResponse, source: str) -> Literal["html", "text"]:
    ctype = response.content_type
    if ctype.startswith(_HTML_TYPES):
        return "html"
    if ctype.startswith(_TEXT_TYPES):
        return "text"
    if not ctype:
        head = response.body[:2048].lstrip().lower()
        return "html" if head.startswith((b"<!doctype html", b"<html")) else "text"
    raise InputError(
        source, f"not an HTML or text page (Content-Type {ctype})", kind=ErrorKind.BINARY
    )


def _fetch_all(
    http: _ClientGetter, items: Iterable[FeedItem], settings: Settings
) -> Iterator[Item]:
    """Fetch concurrently (capped), yield in input order; memory bounded by a small window."""
    items = list(items)
    if not items:
        return
    client = http()
    workers = max(1, min(settings.http.concurrency, len(items)))
    if workers == 1:
        for item in items:
            yield _guarded(_bind(client, item), item.url)
        return
    window: deque[Future[Item]] = deque()
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="clearance-fetch") as pool:
        for item in items:
            window.append(pool.submit(_guarded, _bind(client, item), item.url))
            if len(window) >= 2 * workers:
                yield window.popleft().result()
        while window:
            yield window.popleft().result()


def _bind(client: HttpClient, item: FeedItem) -> _Maker:
    return lambda: fetch_document(client, item)


def _urls_file(path: Path, http: _ClientGetter, settings: Settings) -> Iterator[Item]:
    try:
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError as exc:
        yield ErrorRecord(
            source=str(path), kind=ErrorKind.NOT_FOUND, message=f"cannot read ({exc})"
        )
        return
    urls = [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]
    yield from _fetch_all(http, [FeedItem(url) for url in urls], settings)


def _load(spec: str, http: _ClientGetter, settings: Settings) -> bytes:
    """A feed or sitemap's bytes: fetched (guarded) for a URL, read for a local file."""
    max_bytes = settings.http.max_bytes
    if is_url(spec):
        body = http().get(spec).body
        return decompress(body, "gzip", source=spec, max_bytes=max_bytes) if is_gzip(body) else body
    path = Path(spec)
    if not path.is_file():
        raise InputError(spec, "no such file", kind=ErrorKind.NOT_FOUND)
    return read_file(path, max_bytes=max_bytes, source=spec)


def _feed(spec: str, http: _ClientGetter, settings: Settings) -> Iterator[Item]:
    try:
        items = parse_feed(_load(spec, http, settings), spec, spec if is_url(spec) else None)
    except ClearanceError as exc:
        yield _feed_error(exc)
        return
    log.info("%s: %d items", spec, len(items))
    yield from _fetch_all(http, items, settings)


def _sitemap(spec: str, http: _ClientGetter, settings: Settings) -> Iterator[Item]:
    queue: deque[tuple[str, int]] = deque([(spec, 0)])
    followed = 0
    while queue:
        url, depth = queue.popleft()
        try:
            parsed = parse_sitemap(_load(url, http, settings), url)
        except ClearanceError as exc:
            yield _feed_error(exc)
            continue
        for child in parsed.children:
            if depth + 1 > MAX_DEPTH or followed >= MAX_CHILDREN:
                log.warning("%s: sitemap index limit reached; %s not followed", spec, child)
                continue
            followed += 1
            queue.append((child, depth + 1))
        yield from _fetch_all(http, parsed.items, settings)


def _feed_error(exc: ClearanceError) -> ErrorRecord:
    """A fetch error keeps its kind; a parse error of the feed itself is ``bad_feed``."""
    return exc.to_record()
