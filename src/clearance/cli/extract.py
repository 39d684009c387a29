"""`clearance extract` (articles -> JSONL records) and `clearance schema`.

One article (a file, a URL, stdin) keeps the simple path: any failure is one line on stderr
naming the input, and exit 3. Anything that holds several articles (a directory, a glob, a
dump, ``--urls``, ``--feed``, ``--sitemap``) streams every article's records and reports each
failed input on its own stderr line; the exit code is 3 if any input failed.
"""

import datetime as dt
import itertools
import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, TextIO

import typer

from clearance.article import build_article
from clearance.cli.fetch_options import (
    AllowHostOption,
    AllowPrivateOption,
    FeedOption,
    FetchOptions,
    IgnoreRobotsOption,
    SitemapOption,
    TimeoutOption,
    UrlsOption,
)
from clearance.errors import ClearanceError, ErrorRecord
from clearance.extract import Extractor
from clearance.fetch.dumps import is_jsonl, is_warc
from clearance.fetch.files import is_glob
from clearance.fetch.sources import is_url, iter_documents, open_single
from clearance.records import ApprovalEvent, Article, json_schema
from clearance.settings import Settings


def _date(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise typer.BadParameter(f"expected YYYY-MM-DD, got {value!r}") from exc


def extract(
    source: Annotated[
        list[str] | None,
        typer.Argument(
            help="A .txt or .html file, an http(s) URL, - for stdin; also directories, globs, "
            "JSONL and WARC dumps."
        ),
    ] = None,
    url: Annotated[
        str | None, typer.Option(help="The article's URL (overrides the page's).")
    ] = None,
    published: Annotated[str | None, typer.Option(help="Publication date, YYYY-MM-DD.")] = None,
    title: Annotated[str | None, typer.Option(help="The article's title.")] = None,
    output: Annotated[Path | None, typer.Option("-o", "--output", help="Write JSONL here.")] = None,
    model: Annotated[str | None, typer.Option(help="spaCy pipeline to load.")] = None,
    no_text: Annotated[bool, typer.Option("--no-text", help="Omit article.text.")] = False,
    urls: UrlsOption = None,
    feed: FeedOption = None,
    sitemap: SitemapOption = None,
    allow_host: AllowHostOption = None,
    allow_private: AllowPrivateOption = False,
    timeout: TimeoutOption = None,
    ignore_robots: IgnoreRobotsOption = False,
) -> None:
    """Extract approval events from articles and print them as JSONL."""
    day = _date(published)
    options = FetchOptions.from_flags(
        urls=urls,
        feed=feed,
        sitemap=sitemap,
        allow_host=allow_host,
        allow_private=allow_private,
        timeout=timeout,
        ignore_robots=ignore_robots,
    )
    settings = options.apply(Settings() if model is None else Settings(model=model))
    specs = list(source or [])
    if not specs and not options.has_web_sources:
        raise typer.BadParameter("give a SOURCE, --urls, --feed or --sitemap")
    if len(specs) == 1 and not options.has_web_sources and _is_single(specs[0]):
        lines = _extract_one(specs[0], settings, url=url, title=title, day=day, no_text=no_text)
        _write(lines, output)
        return
    failed = _extract_many(specs, options, settings, output=output, no_text=no_text)
    if failed:
        raise typer.Exit(3)


def _is_single(spec: str) -> bool:
    if spec == "-" or is_url(spec):
        return True
    path = Path(spec)
    if not path.exists():
        return not is_glob(spec)  # a missing file fails on its own; a glob may match many
    return path.is_file() and not is_jsonl(path) and not is_warc(path)


def _extract_one(
    spec: str,
    settings: Settings,
    *,
    url: str | None,
    title: str | None,
    day: dt.date | None,
    no_text: bool,
) -> str:
    try:
        raw = open_single(spec, settings)
        raw.url = url or raw.url
        raw.title = title or raw.title
        raw.published = day or raw.published
        article = build_article(raw)
        events = Extractor(settings).extract(article)
    except ClearanceError as exc:
        _report(exc.to_record())
        raise typer.Exit(3) from None
    return "".join(event.to_json(include_text=not no_text) + "\n" for event in events)


def _extract_many(
    specs: list[str],
    options: FetchOptions,
    settings: Settings,
    *,
    output: Path | None,
    no_text: bool,
) -> int:
    """Stream every article's records; returns the number of failed inputs."""
    failures = [0]

    def articles() -> Iterator[Article]:
        docs = iter_documents(
            specs,
            settings,
            urls_file=options.urls,
            feeds=options.feeds,
            sitemaps=options.sitemaps,
        )
        for doc in docs:
            if isinstance(doc, ErrorRecord):
                failures[0] += 1
                _report(doc)
                continue
            try:
                yield build_article(doc)
            except ClearanceError as exc:
                failures[0] += 1
                _report(exc.to_record())

    stream = articles()
    first = next(stream, None)  # load the pipeline only if some input yields an article
    if first is None:
        return failures[0]
    extractor = Extractor(settings)
    with _open_output(output) as sink:
        for article, outcome in extractor.extract_many(itertools.chain([first], stream)):
            if isinstance(outcome, ClearanceError):
                failures[0] += 1
                _report(outcome.to_record())
                continue
            _write_events(sink, outcome, no_text=no_text)
            del article
    return failures[0]


@contextmanager
def _open_output(path: Path | None) -> Iterator[TextIO]:
    """stdout (left open) or a file opened for writing."""
    if path is None:
        yield sys.stdout
        return
    with path.open("w", encoding="utf-8") as handle:
        yield handle


def _write_events(sink: TextIO, events: list[ApprovalEvent], *, no_text: bool) -> None:
    for event in events:
        sink.write(event.to_json(include_text=not no_text) + "\n")
    sink.flush()


def _write(lines: str, output: Path | None) -> None:
    if output is None:
        sys.stdout.write(lines)
    else:
        output.write_text(lines, encoding="utf-8")


def _report(record: ErrorRecord) -> None:
    message = " ".join(record.message.split())
    typer.echo(f"error: {record.source}: {message} [{record.kind.value}]", err=True)


def schema() -> None:
    """Print the JSON Schema of one approval-event record."""
    typer.echo(json.dumps(json_schema(), indent=2))


def register(app: typer.Typer) -> None:
    """Add ``extract`` and ``schema`` to ``app``."""
    app.command()(extract)
    app.command()(schema)
