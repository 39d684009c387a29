"""Fixture cases on disk -> :class:`Case` objects whose expected events obey the record contract.

A case is one folder: ``article.txt`` or ``article.html``, ``meta.json`` and ``expected.jsonl``
(fixtures/README.md). Expected lines may leave out what the case already knows (``article``,
``event_id``, ``schema_version``, ``confidence``) and may give an evidence span by its text alone;
loading fills those in and builds full :class:`ApprovalEvent` records so a hand-written fixture
cannot drift from RECORD.md unnoticed.
"""

import datetime as dt
import json
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from clearance.article import build_article
from clearance.errors import ClearanceError, ErrorKind
from clearance.fetch.document import RawDocument
from clearance.records import ApprovalEvent, Article, Decision, Scope, event_id

log = logging.getLogger(__name__)

ARTICLE_NAMES = ("article.txt", "article.html")
EXPECTED_NAME = "expected.jsonl"
META_NAME = "meta.json"
COMPACT_EXCLUDE = {"schema_version", "event_id", "article", "confidence"}


class FixtureError(ClearanceError):
    """A case folder is malformed: missing article, bad meta.json, bad expected line."""

    kind = ErrorKind.BAD_JSONL


class CaseMeta(BaseModel):
    """``meta.json``; unknown keys are kept so case authors may add their own notes."""

    model_config = ConfigDict(extra="allow")

    url: str | None = None
    title: str | None = None
    published: dt.date | None = None
    site: str | None = None
    notes: str = ""
    tags: list[str] = Field(default_factory=list)
    headline: list[int] = Field(default_factory=list)
    xfail: str | None = None


@dataclass
class Expected:
    """One expected event plus what the line left out (so comparison can skip it)."""

    event: ApprovalEvent
    line: int
    confidence_given: bool


@dataclass
class Case:
    """One loaded fixture case: its article, metadata and expected events."""

    name: str
    path: Path
    meta: CaseMeta
    article: Article
    expected: list[Expected] = field(default_factory=list)
    has_expected_file: bool = True

    @property
    def expected_path(self) -> Path:
        """Where ``expected.jsonl`` lives (or will be written)."""
        return self.path / EXPECTED_NAME

    @property
    def events(self) -> list[ApprovalEvent]:
        """The expected events alone."""
        return [item.event for item in self.expected]

    @property
    def is_negative(self) -> bool:
        """A negative case states that the article holds no event."""
        return "negative" in self.meta.tags


def article_file(folder: Path) -> Path | None:
    """The case's article file, or None when the folder is not a case."""
    for name in ARTICLE_NAMES:
        if (folder / name).is_file():
            return folder / name
    return None


def discover(root: Path) -> list[Path]:
    """Case folders under ``root`` (a folder holding an article file), sorted by path.

    ``root`` itself may be a single case folder.
    """
    if not root.is_dir():
        raise FixtureError(str(root), "fixtures directory not found", kind=ErrorKind.NOT_FOUND)
    if article_file(root) is not None:
        return [root]
    folders = {path.parent for name in ARTICLE_NAMES for path in root.rglob(name)}
    return sorted(folders)


def unused_expected(root: Path) -> list[Path]:
    """``*.jsonl`` files that are not a case's ``expected.jsonl`` (a renamed article, a stray copy).

    They usually mean a case silently stopped being tested, so runners treat them as failures.
    """
    cases = set(discover(root))
    return [
        path
        for path in sorted(root.rglob("*.jsonl"))
        if not (path.name == EXPECTED_NAME and path.parent in cases)
    ]


def load_meta(folder: Path) -> CaseMeta:
    """Parse ``meta.json``; a missing file means an unnamed, untagged case."""
    path = folder / META_NAME
    if not path.is_file():
        return CaseMeta()
    try:
        return CaseMeta.model_validate_json(path.read_text(encoding="utf-8"))
    except ValidationError as exc:
        raise FixtureError(str(path), f"invalid meta.json: {_first_error(exc)}") from exc


def build_case_article(folder: Path, meta: CaseMeta) -> Article:
    """The article exactly as the CLI builds it, so offsets agree with ``clearance extract``."""
    path = article_file(folder)
    if path is None:
        raise FixtureError(str(folder), "no article.txt or article.html", kind=ErrorKind.NOT_FOUND)
    raw = RawDocument(
        source=str(path),
        kind="html" if path.suffix == ".html" else "text",
        data=path.read_bytes(),
        url=meta.url,
        title=meta.title,
        published=meta.published,
        site=meta.site,
    )
    return build_article(raw)


def load_case(folder: Path, *, read_expected: bool = True) -> Case:
    """Load one case folder; raises FixtureError naming the case (and line) on any defect.

    ``read_expected=False`` skips the expected file, for an update that will replace it anyway.
    """
    meta = load_meta(folder)
    article = build_case_article(folder, meta)
    case = Case(name=folder.name, path=folder, meta=meta, article=article)
    if not read_expected or not case.expected_path.is_file():
        case.has_expected_file = False
        return case
    lines = case.expected_path.read_text(encoding="utf-8").splitlines()
    for number, line in enumerate(lines, start=1):
        if line.strip():
            case.expected.append(parse_expected_line(line, article, f"{folder}:{number}", number))
    _check_headline(case)
    return case


def parse_expected_line(line: str, article: Article, source: str, number: int) -> Expected:
    """One ``expected.jsonl`` line -> a full, validated :class:`ApprovalEvent`."""
    try:
        data = json.loads(line)
    except json.JSONDecodeError as exc:
        raise FixtureError(source, f"not JSON: {exc.msg}") from exc
    if not isinstance(data, dict):
        raise FixtureError(source, "an expected line must be a JSON object")
    confidence_given = "confidence" in data
    data["evidence"] = [
        _locate(span, article.text or "", source) for span in data.get("evidence", [])
    ]
    data.setdefault("schema_version", "1")
    data["article"] = article.model_dump()
    data.setdefault("event_id", _event_id(data, article))
    try:
        event = ApprovalEvent.model_validate(data)
    except ValidationError as exc:
        raise FixtureError(source, f"not a valid record: {_first_error(exc)}") from exc
    return Expected(event=event, line=number, confidence_given=confidence_given)


def compact_line(event: ApprovalEvent) -> str:
    """The form ``--update`` and ``fixture add`` write: no article, id or confidence."""
    data = event.model_dump(mode="json", exclude=COMPACT_EXCLUDE, exclude_none=True)
    data["evidence"] = [
        {"text": span.text, "start": span.start, "end": span.end} for span in event.evidence
    ]
    return json.dumps(data, ensure_ascii=False)


def write_expected(path: Path, events: list[ApprovalEvent]) -> None:
    """Rewrite an expected file atomically (temp file then replace)."""
    tmp = path.with_suffix(".jsonl.tmp")
    tmp.write_text("".join(compact_line(event) + "\n" for event in events), encoding="utf-8")
    tmp.replace(path)


def _locate(span: Any, text: str, source: str) -> Any:
    """Fill a text-only span's offsets from the first place its text occurs."""
    if not isinstance(span, dict) or "start" in span or "text" not in span:
        return span
    start = text.find(span["text"])
    if start < 0:
        raise FixtureError(source, f"evidence text not found in the article: {span['text'][:60]!r}")
    return {"text": span["text"], "start": start, "end": start + len(span["text"])}


def _event_id(data: dict[str, Any], article: Article) -> str:
    try:
        decision, scope = Decision(str(data.get("decision"))), Scope(str(data.get("scope")))
    except ValueError:
        return "invalid"  # validation below reports the bad enum with its name
    spans = data.get("evidence") or [{}]
    first = spans[0].get("start", 0) if isinstance(spans[0], dict) else 0
    return event_id(article.id, decision, scope, int(first or 0))


def _check_headline(case: Case) -> None:
    for index in case.meta.headline:
        if not 0 <= index < len(case.expected):
            raise FixtureError(
                str(case.path / META_NAME),
                f"headline index {index} out of range ({len(case.expected)} expected events)",
            )


def _first_error(exc: ValidationError) -> str:
    err = exc.errors()[0]
    where = ".".join(str(part) for part in err["loc"]) or "<root>"
    return f"{where}: {err['msg']}"
