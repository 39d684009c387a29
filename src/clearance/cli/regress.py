"""`clearance score`, `clearance regress`, `clearance fixture add`: fixture-driven quality checks.

Exit codes: 0 ok; 1 a difference, a floor broken or an update refused; 2 usage or configuration
error (unreadable rules, floors or fixtures directory).
"""

import datetime as dt
import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from clearance.compare import Rules, load_rules
from clearance.errors import ClearanceError
from clearance.fetch.sources import open_single
from clearance.fixtures import Case
from clearance.records import ApprovalEvent
from clearance.regress import (
    CaseResult,
    EventSource,
    NewCase,
    Status,
    add_case,
    compare_case,
    extract_cases,
    load_cases,
    make_source,
    mark_known_gaps,
    unused_expected_results,
    update_case,
)
from clearance.scoring import Score, check_floors, load_floors, render, score_cases
from clearance.settings import Settings

ModelOpt = Annotated[str | None, typer.Option(help="spaCy pipeline to load.")]
ExtractorOpt = Annotated[
    str | None,
    typer.Option(help="Your own extractor factory, package.module:callable(settings)."),
]


def _fail(exc: ClearanceError) -> typer.Exit:
    typer.echo(f"error: {exc.source}: {exc.message} [{exc.kind.value}]", err=True)
    return typer.Exit(2)


def _source(model: str | None, extractor: str | None) -> EventSource:
    settings = Settings() if model is None else Settings(model=model)
    return make_source(settings, extractor)


def _rules(root: Path, config: Path | None) -> Rules:
    if config is not None:
        return load_rules(config)
    default = root / "regress.toml"
    return load_rules(default if default.is_file() else None)


def _run(
    root: Path, source: EventSource, rules: Rules, *, updating: bool = False
) -> tuple[list[tuple[Case, list[ApprovalEvent] | str]], list[CaseResult]]:
    """Extract every case once; return (case, events-or-error) pairs and the comparisons."""
    cases, broken = load_cases(root, updating=updating)
    outcomes: list[tuple[Case, list[ApprovalEvent] | str]] = []
    results = list(broken)
    for case, outcome in extract_cases(cases, source):
        results.append(compare_case(case, outcome, rules))
        outcomes.append((case, outcome if isinstance(outcome, list) else str(outcome)))
    results.sort(key=lambda result: str(result.path))
    return outcomes, [*results, *unused_expected_results(root)]


def score(
    directory: Annotated[Path, typer.Argument(help="Fixtures directory (one folder per case).")],
    json_out: Annotated[
        Path | None, typer.Option("--json", help="Also write the scores here.")
    ] = None,
    model: ModelOpt = None,
    extractor: ExtractorOpt = None,
    check_floors_: Annotated[
        bool, typer.Option("--check-floors", help="Exit 1 if a score is below DIR/floors.json.")
    ] = False,
    floors: Annotated[
        Path | None, typer.Option(help="Floors file (default DIR/floors.json).")
    ] = None,
) -> None:
    """Score extraction on a fixtures directory: event P/R/F1, headline recall, slot accuracy."""
    try:
        outcomes, results = _run(directory, _source(model, extractor), Rules())
        floor_values = load_floors(floors or directory / "floors.json") if check_floors_ else None
    except ClearanceError as exc:
        raise _fail(exc) from None
    result = score_cases(outcomes)
    result.errors += [r.error or "" for r in results if r.status is Status.ERROR and r.case is None]
    sys.stdout.write(render(result))
    if json_out is not None:
        json_out.write_text(json.dumps(result.as_dict(), indent=2) + "\n", encoding="utf-8")
    if floor_values is not None:
        _enforce(result, floor_values)


def _enforce(result: Score, floors: dict[str, object]) -> None:
    broken = check_floors(result, floors)
    broken += [f"fixture error: {err}" for err in result.errors]
    for line in broken:
        typer.echo(f"floor: {line}", err=True)
    if broken:
        raise typer.Exit(1)
    typer.echo("floors: all scores at or above their floors", err=True)


def regress(
    directory: Annotated[Path, typer.Argument(help="Fixtures directory.")] = Path("fixtures"),
    update: Annotated[
        bool, typer.Option(help="Rewrite expected.jsonl with the current extraction.")
    ] = False,
    allow_regression: Annotated[
        bool, typer.Option(help="With --update: accept scores below floors.json.")
    ] = False,
    mark_gaps: Annotated[
        bool,
        typer.Option(
            "--mark-known-gaps",
            help="Write each differing case's gap into its meta.json as an xfail mark (and "
            "clear marks from cases that pass), then exit 0.",
        ),
    ] = False,
    html: Annotated[Path | None, typer.Option(help="Write an HTML report here.")] = None,
    config: Annotated[
        Path | None, typer.Option(help="Comparison rules (default DIR/regress.toml).")
    ] = None,
    model: ModelOpt = None,
    extractor: ExtractorOpt = None,
) -> None:
    """Compare extraction with every case's expected events; exit 1 on any difference."""
    try:
        rules = _rules(directory, config)
        outcomes, results = _run(directory, _source(model, extractor), rules, updating=update)
    except ClearanceError as exc:
        raise _fail(exc) from None
    if html is not None:
        from clearance.report import write_report

        write_report(html, results)
        typer.echo(f"report: {html}", err=True)
    if update:
        for result in results:
            if result.status is Status.ERROR and result.error:
                typer.echo(f"warning: {result.name}: {result.error}", err=True)
        _update(directory, outcomes, allow_regression)
        return
    _print_results(results)
    if mark_gaps:
        marked = mark_known_gaps(results, dt.date.today().isoformat())
        typer.echo(f"{marked} case(s) marked as known gaps", err=True)
        return
    if any(result.failed for result in results):
        raise typer.Exit(1)


def _print_results(results: list[CaseResult]) -> None:
    for result in results:
        typer.echo(result.render())
    counts = {status: sum(r.status is status for r in results) for status in Status}
    typer.echo(
        f"regress: {counts[Status.PASS]} pass, {counts[Status.FAIL]} fail, "
        f"{counts[Status.XFAIL]} xfail, {counts[Status.XPASS]} xpass, {counts[Status.ERROR]} error"
    )


def _update(
    root: Path, outcomes: list[tuple[Case, list[ApprovalEvent] | str]], allow_regression: bool
) -> None:
    floors_path = root / "floors.json"
    if floors_path.is_file() and not allow_regression:
        try:
            broken = check_floors(score_cases(outcomes), load_floors(floors_path))
        except ClearanceError as exc:
            raise _fail(exc) from None
        if broken:
            for line in broken:
                typer.echo(f"floor: {line}", err=True)
            typer.echo(
                "refusing to update: the current extraction scores below "
                f"{floors_path}; fix it or pass --allow-regression",
                err=True,
            )
            raise typer.Exit(1)
    written = 0
    for case, outcome in outcomes:
        if isinstance(outcome, list):
            update_case(case, outcome)
            written += 1
        else:
            typer.echo(f"not updated: {case.name}: {outcome}", err=True)
    typer.echo(f"updated {written} case(s)")


def _date(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise typer.BadParameter(f"expected YYYY-MM-DD, got {value!r}") from exc


def fixture_add(
    source: Annotated[str, typer.Argument(help="A .txt or .html file, or an http(s) URL.")],
    name: Annotated[str, typer.Option(help="Case folder name.")],
    directory: Annotated[Path, typer.Option("--dir", help="Fixtures directory.")] = Path(
        "fixtures"
    ),
    url: Annotated[str | None, typer.Option(help="The article's URL.")] = None,
    published: Annotated[str | None, typer.Option(help="Publication date, YYYY-MM-DD.")] = None,
    title: Annotated[str | None, typer.Option(help="The article's title.")] = None,
    model: ModelOpt = None,
    extractor: ExtractorOpt = None,
) -> None:
    """Capture a new case: copy the article, write meta.json and the current extraction."""
    spec = NewCase(name=name, root=directory, url=url, title=title, published=_date(published))
    if (directory / name).exists():
        typer.echo(f"error: {directory / name}: a case with this name exists already", err=True)
        raise typer.Exit(2)
    settings = Settings() if model is None else Settings(model=model)
    try:
        raw = open_single(source, settings)
        folder = add_case(raw, spec, make_source(settings, extractor))
    except ClearanceError as exc:
        raise _fail(exc) from None
    typer.echo(f"review {folder / 'expected.jsonl'}")


def register(app: typer.Typer) -> None:
    """Add ``score``, ``regress`` and ``fixture add`` to ``app``."""
    app.command()(score)
    app.command()(regress)
    fixture = typer.Typer(help="Manage fixture cases.", no_args_is_help=True)
    fixture.command("add")(fixture_add)
    app.add_typer(fixture, name="fixture")
