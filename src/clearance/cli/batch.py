"""`clearance batch`: streaming, parallel, resumable runs over many sources.

Progress and the closing summary go to stderr; with ``-o -`` stdout carries nothing but records.
Exit codes: 0 every input processed, 2 usage or configuration error, 3 finished but some inputs
failed (they are listed in the errors file).
"""

import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
)
from rich.text import Text

from clearance.batch import (
    DEFAULT_SHARD_SIZE,
    BatchOptions,
    BatchSummary,
    Shard,
    run_batch,
    validate,
)
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
from clearance.errors import ClearanceError, ErrorKind
from clearance.settings import Settings


class _RateColumn(ProgressColumn):
    """Articles per second over the whole run (rich's own speed column is for bytes)."""

    def render(self, task: Task) -> Text:
        elapsed = task.elapsed or 0.0
        rate = task.completed / elapsed if elapsed > 0 else 0.0
        return Text(f"{rate:,.1f} articles/s", style="progress.data.speed")


def _progress(console: Console) -> Progress:
    return Progress(
        TextColumn("[bold]batch"),
        BarColumn(),
        MofNCompleteColumn(),
        _RateColumn(),
        TextColumn("{task.fields[events]} events"),
        TextColumn("[red]{task.fields[errors]} errors"),
        TimeElapsedColumn(),
        console=console,
        transient=False,
    )


def _summary_line(summary: BatchSummary) -> str:
    rate = summary.inputs / summary.seconds if summary.seconds > 0 else 0.0
    where = str(summary.output) if summary.output is not None else "stdout"
    resumed = f", {summary.resumed} resumed" if summary.resumed else ""
    return (
        f"{summary.inputs:,} inputs: {summary.ok:,} ok, {summary.failed:,} failed, "
        f"{summary.skipped:,} skipped; {summary.events:,} events -> {where}; "
        f"{summary.shards} shards{resumed}; {summary.seconds:.1f} s ({rate:,.1f} inputs/s); "
        f"errors -> {summary.errors}"
    )


def batch(
    output: Annotated[
        str, typer.Option("-o", "--output", help="OUT .jsonl, .jsonl.gz, .parquet, or - (stdout).")
    ],
    sources: Annotated[
        list[str] | None,
        typer.Argument(help="Files, directories, globs, JSONL/WARC dumps or URLs."),
    ] = None,
    errors: Annotated[
        Path | None,
        typer.Option("--errors", help="Errors file (default: out.jsonl -> out.errors.jsonl)."),
    ] = None,
    jobs: Annotated[int, typer.Option("--jobs", "-j", help="Worker processes.")] = 1,
    engine: Annotated[str, typer.Option(help="local or dask.")] = "local",
    scheduler: Annotated[
        str | None, typer.Option(help="Dask scheduler address (default: a LocalCluster).")
    ] = None,
    resume: Annotated[
        bool, typer.Option("--resume", help="Skip shards an interrupted run already published.")
    ] = False,
    no_text: Annotated[bool, typer.Option("--no-text", help="Omit article.text.")] = False,
    model: Annotated[str | None, typer.Option(help="spaCy pipeline to load.")] = None,
    shard_size: Annotated[
        int, typer.Option("--shard-size", help="Documents (or files) per shard.")
    ] = DEFAULT_SHARD_SIZE,
    urls: UrlsOption = None,
    feed: FeedOption = None,
    sitemap: SitemapOption = None,
    allow_host: AllowHostOption = None,
    allow_private: AllowPrivateOption = False,
    timeout: TimeoutOption = None,
    ignore_robots: IgnoreRobotsOption = False,
) -> None:
    """Extract approval events from many articles into one JSONL/Parquet output."""
    console = Console(stderr=True)
    fetch = FetchOptions.from_flags(
        urls=urls,
        feed=feed,
        sitemap=sitemap,
        allow_host=allow_host,
        allow_private=allow_private,
        timeout=timeout,
        ignore_robots=ignore_robots,
    )
    options = BatchOptions(
        specs=list(sources or []),
        output=None if output == "-" else Path(output),
        errors=errors,
        jobs=jobs,
        engine=engine,
        scheduler=scheduler,
        resume=resume,
        include_text=not no_text,
        shard_size=shard_size,
        urls_file=fetch.urls,
        feeds=fetch.feeds,
        sitemaps=fetch.sitemaps,
    )
    try:
        validate(options)
        settings = fetch.apply(Settings() if model is None else Settings(model=model))
        summary = _run(options, settings, console)
    except ClearanceError as exc:
        console.print(f"error: {exc.source}: {exc.message}", markup=False, highlight=False)
        # a config error is a usage error (2); anything else aborted the run (1)
        raise typer.Exit(2 if exc.kind is ErrorKind.CONFIG else 1) from None
    console.print(_summary_line(summary), markup=False, highlight=False)
    if summary.failed:
        raise typer.Exit(3)


def _run(options: BatchOptions, settings: Settings, console: Console) -> BatchSummary:
    with _progress(console) as progress:
        task = progress.add_task("batch", total=None, events=0, errors=0)
        totals = [0, 0]  # events, errors

        def on_plan(shards: list[Shard]) -> None:
            expected = [shard.expected for shard in shards]
            total = None if None in expected else sum(e or 0 for e in expected)
            progress.update(task, total=total)

        def on_progress(inputs: int, events: int, failed: int) -> None:
            totals[0] += events
            totals[1] += failed
            progress.update(task, advance=inputs, events=totals[0], errors=totals[1])

        return run_batch(
            options, settings, stdout=sys.stdout.buffer, on_plan=on_plan, on_progress=on_progress
        )


def register(app: typer.Typer) -> None:
    """Add the batch command to ``app``."""
    app.command()(batch)
