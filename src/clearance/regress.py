"""Run extraction over fixture cases and compare with what they expect.

The CLI (``clearance regress``/``score``/``fixture add``) and the pytest plugin are thin layers
over this module, so a team sees the same verdict and the same diff whichever way it runs.
"""

import contextlib
import datetime as dt
import importlib
import json
import logging
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Protocol

from clearance.article import build_article
from clearance.compare import Matching, Rules, SlotChange, diff_pair, label, match_events
from clearance.errors import ClearanceError, ConfigError
from clearance.extract import Extractor
from clearance.fetch.document import RawDocument
from clearance.fixtures import (
    EXPECTED_NAME,
    META_NAME,
    Case,
    FixtureError,
    discover,
    load_case,
    unused_expected,
    write_expected,
)
from clearance.records import ApprovalEvent, Article
from clearance.settings import Settings

log = logging.getLogger(__name__)

Outcome = list[ApprovalEvent] | ClearanceError


class EventSource(Protocol):
    """Anything that turns articles into events the way :class:`Extractor` does."""

    def extract_many(self, articles: Iterable[Article]) -> Iterator[tuple[Article, Outcome]]:
        """Stream (article, events-or-error) pairs in input order."""
        ...


def make_source(settings: Settings, spec: str | None = None) -> EventSource:
    """The project's Extractor, or a team's own factory given as ``package.module:callable``.

    The factory is called with the Settings and must return an :class:`EventSource`; this is
    how a team runs its fixtures against its own pipeline without forking Clearance.
    """
    if spec is None:
        return Extractor(settings)
    module_name, _, attr = spec.partition(":")
    if not module_name or not attr:
        raise ConfigError(spec, "an extractor is given as package.module:callable")
    try:
        factory = getattr(importlib.import_module(module_name), attr)
    except (ImportError, AttributeError) as exc:
        raise ConfigError(spec, f"cannot import the extractor factory: {exc}") from exc
    source: EventSource = factory(settings)
    return source


class Status(StrEnum):
    """A case's verdict; XFAIL and XPASS never fail a run."""

    PASS = "pass"
    FAIL = "fail"
    XFAIL = "xfail"
    XPASS = "xpass"
    ERROR = "error"


@dataclass
class CaseResult:
    """One case's extraction compared with its expectation."""

    name: str
    path: Path
    status: Status
    case: Case | None = None
    actual: list[ApprovalEvent] = field(default_factory=list)
    matching: Matching | None = None
    changes: dict[int, list[SlotChange]] = field(default_factory=dict)
    error: str | None = None

    @property
    def failed(self) -> bool:
        """True when this case should fail the run."""
        return self.status in (Status.FAIL, Status.ERROR)

    @property
    def expected(self) -> list[ApprovalEvent]:
        """The case's expected events (none when the case could not be loaded)."""
        return self.case.events if self.case is not None else []

    def diff_lines(self) -> list[str]:
        """``event added: ...``, ``event missing: ...``, ``slot changed: <event> path a -> b``."""
        if self.error is not None:
            return [f"error: {self.error}"]
        if self.matching is None:
            return []
        lines = [f"event missing: {label(self.expected[i])}" for i in self.matching.missing]
        lines += [f"event added: {label(self.actual[j])}" for j in self.matching.added]
        for pair in self.matching.pairs:
            name = label(self.expected[pair.expected_index])
            lines += [
                f"slot changed: {name} {c.render()}"
                for c in self.changes.get(pair.expected_index, [])
            ]
        return lines

    def render(self) -> str:
        """The case's verdict line and its diff, indented."""
        head = f"{self.status.value.upper():<5} {self.name}"
        if self.case is not None and self.case.meta.xfail:
            head += f"  (xfail: {self.case.meta.xfail})"
        return "\n".join([head, *("    " + line for line in self.diff_lines())])


def load_cases(root: Path, *, updating: bool = False) -> tuple[list[Case], list[CaseResult]]:
    """Every case under ``root``; a malformed case becomes an ERROR result, the rest go on.

    When ``updating``, a case whose expected file is broken is still loaded (without it), since
    the update is what repairs it.
    """
    cases: list[Case] = []
    broken: list[CaseResult] = []
    for folder in discover(root):
        try:
            cases.append(load_case(folder))
        except ClearanceError as exc:
            broken.append(CaseResult(folder.name, folder, Status.ERROR, error=str(exc)))
            if updating:
                with contextlib.suppress(ClearanceError):
                    cases.append(load_case(folder, read_expected=False))
    return cases, broken


def extract_cases(cases: Sequence[Case], source: EventSource) -> Iterator[tuple[Case, Outcome]]:
    """Stream each case's actual events (or error) through one source, in case order."""
    outcomes = source.extract_many(case.article for case in cases)
    for case, (_article, outcome) in zip(cases, outcomes, strict=True):
        yield case, outcome


def compare_case(case: Case, outcome: Outcome, rules: Rules) -> CaseResult:
    """Match and diff one case; apply its xfail mark."""
    if isinstance(outcome, ClearanceError):
        result = CaseResult(case.name, case.path, Status.ERROR, case=case, error=str(outcome))
        return _apply_xfail(result)
    matching = match_events(case.events, outcome)
    result = CaseResult(
        case.name, case.path, Status.PASS, case=case, actual=outcome, matching=matching
    )
    if not case.has_expected_file:
        result.error = f"no {EXPECTED_NAME} (write one, or run with --update)"
    for pair in matching.pairs:
        given = case.expected[pair.expected_index].confidence_given
        exp, act = case.events[pair.expected_index], outcome[pair.actual_index]
        changes = diff_pair(exp, act, rules, confidence_given=given)
        if changes:
            result.changes[pair.expected_index] = changes
    if result.error or matching.missing or matching.added or result.changes:
        result.status = Status.FAIL
    return _apply_xfail(result)


def _apply_xfail(result: CaseResult) -> CaseResult:
    if result.case is None or not result.case.meta.xfail:
        return result
    result.status = Status.XPASS if result.status is Status.PASS else Status.XFAIL
    return result


def mark_known_gaps(results: Sequence[CaseResult], when: str) -> int:
    """Record each differing case's gap in its ``meta.json`` (``xfail``) and clear the mark
    from cases that now pass, so a known gap stays visible without failing the run and a
    fixed one fails again if it comes back. Returns how many cases carry a mark."""
    marked = 0
    for result in results:
        if result.case is None or result.status is Status.ERROR:
            continue
        meta_path = result.path / "meta.json"
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        if result.status in (Status.FAIL, Status.XFAIL):
            meta["xfail"] = f"known extraction gap ({when}): {_gap_summary(result)}"
            marked += 1
        else:
            meta.pop("xfail", None)
        meta_path.write_text(json.dumps(meta, indent=2, ensure_ascii=False) + "\n", "utf-8")
    return marked


def _gap_summary(result: CaseResult) -> str:
    matching = result.matching
    parts = []
    if matching is not None and matching.missing:
        parts.append(f"{len(matching.missing)} event(s) missed")
    if matching is not None and matching.added:
        parts.append(f"{len(matching.added)} extra event(s)")
    if result.changes:
        parts.append(f"{sum(len(c) for c in result.changes.values())} slot difference(s)")
    return ", ".join(parts) or "differs"


def unused_expected_results(root: Path) -> list[CaseResult]:
    """Expected files no case uses, as ERROR results (FIELD-NOTES: fail on them)."""
    return [
        CaseResult(
            path.parent.name, path, Status.ERROR, error=f"{path}: expected file no case uses"
        )
        for path in unused_expected(root)
    ]


# --- update and capture -----------------------------------------------------------------------


def update_case(case: Case, actual: list[ApprovalEvent]) -> None:
    """Rewrite the case's expected file with the current extraction (compact form)."""
    write_expected(case.expected_path, actual)
    log.info("updated %s (%d events)", case.expected_path, len(actual))


@dataclass
class NewCase:
    """What ``clearance fixture add`` is told about the case to create."""

    name: str
    root: Path
    url: str | None = None
    title: str | None = None
    published: dt.date | None = None


def add_case(raw: RawDocument, spec: NewCase, source: EventSource) -> Path:
    """Create ``root/name/`` from one input: article file, meta.json, current extraction.

    Raises:
        FixtureError: the case folder exists already.
        ClearanceError: the input cannot be read or extracted.
    """
    folder = spec.root / spec.name
    if folder.exists():
        raise FixtureError(str(folder), "a case with this name exists already")
    raw.url = spec.url or raw.url
    raw.title = spec.title or raw.title
    raw.published = spec.published or raw.published
    article = build_article(raw)
    events = _extract_one(source, article)
    folder.mkdir(parents=True)
    suffix = "html" if raw.kind == "html" else "txt"
    body = raw.data if raw.data is not None else (raw.text or "").encode("utf-8")
    (folder / f"article.{suffix}").write_bytes(body)
    (folder / META_NAME).write_text(_meta_json(article, raw), encoding="utf-8")
    write_expected(folder / EXPECTED_NAME, events)
    return folder


def _extract_one(source: EventSource, article: Article) -> list[ApprovalEvent]:
    _article, outcome = next(iter(source.extract_many([article])))
    if isinstance(outcome, ClearanceError):
        raise outcome
    return outcome


def _meta_json(article: Article, raw: RawDocument) -> str:
    meta = {
        "url": article.url,
        "title": article.title,
        "published": article.published.isoformat() if article.published else None,
        "site": article.site,
        "notes": f"captured by `clearance fixture add` from {raw.source}; review expected.jsonl",
        "tags": ["html"] if raw.kind == "html" else [],
        "headline": [],
    }
    return json.dumps(meta, indent=2, ensure_ascii=False) + "\n"
