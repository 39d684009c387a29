"""`clearance extract` (one article -> JSONL records) and `clearance schema`."""

import datetime as dt
import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from clearance.article import build_article
from clearance.errors import ClearanceError
from clearance.extract import Extractor
from clearance.fetch.sources import open_single
from clearance.records import json_schema
from clearance.settings import Settings


def _date(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise typer.BadParameter(f"expected YYYY-MM-DD, got {value!r}") from exc


def extract(
    source: Annotated[str, typer.Argument(help="A .txt or .html file, an http(s) URL, or - for stdin.")],
    url: Annotated[str | None, typer.Option(help="The article's URL (overrides the page's).")] = None,
    published: Annotated[str | None, typer.Option(help="Publication date, YYYY-MM-DD.")] = None,
    title: Annotated[str | None, typer.Option(help="The article's title.")] = None,
    output: Annotated[Path | None, typer.Option("-o", "--output", help="Write JSONL here.")] = None,
    model: Annotated[str | None, typer.Option(help="spaCy pipeline to load.")] = None,
    no_text: Annotated[bool, typer.Option("--no-text", help="Omit article.text.")] = False,
) -> None:
    """Extract approval events from one article and print them as JSONL."""
    day = _date(published)
    settings = Settings() if model is None else Settings(model=model)
    try:
        raw = open_single(source, settings)
        raw.url = url or raw.url
        raw.title = title or raw.title
        raw.published = day or raw.published
        article = build_article(raw)
        events = Extractor(settings).extract(article)
    except ClearanceError as exc:
        typer.echo(f"error: {exc.source}: {exc.message} [{exc.kind.value}]", err=True)
        raise typer.Exit(3) from None
    lines = "".join(event.to_json(include_text=not no_text) + "\n" for event in events)
    if output is None:
        sys.stdout.write(lines)
    else:
        output.write_text(lines, encoding="utf-8")


def schema() -> None:
    """Print the JSON Schema of one approval-event record."""
    typer.echo(json.dumps(json_schema(), indent=2))


def register(app: typer.Typer) -> None:
    """Add ``extract`` and ``schema`` to ``app``."""
    app.command()(extract)
    app.command()(schema)
