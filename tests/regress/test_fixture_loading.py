"""Loading cases: filled-in fields, text-only spans, errors that name the case and line."""

import json
from pathlib import Path

import pytest

from clearance.fixtures import (
    FixtureError,
    compact_line,
    discover,
    load_case,
    parse_expected_line,
    unused_expected,
)
from clearance.records import event_id

from .casekit import ARTICLE, META
from .conftest import MakeCase

CHINA = {"name": "China", "kind": "government", "country": "CN"}
LINE = {
    "decision": "approved",
    "scope": "import",
    "authority": CHINA,
    "evidence": [{"text": "China approved imports of more than 400,000 H200 chips this week."}],
}


def test_loading_fills_in_article_id_and_offsets(make_case: MakeCase) -> None:
    case = load_case(make_case(expected=[LINE]))
    (expected,) = case.expected
    span = expected.event.evidence[0]
    assert ARTICLE[span.start : span.end] == span.text
    assert expected.event.article.url == META["url"]
    assert expected.event.article.published.isoformat() == META["published"]
    assert expected.event.event_id == event_id(
        case.article.id, expected.event.decision, expected.event.scope, span.start
    )
    assert expected.confidence_given is False


def test_span_text_not_in_article_is_an_error_naming_case_and_line(make_case: MakeCase) -> None:
    bad = {**LINE, "evidence": [{"text": "Japan approved nothing."}]}
    folder = make_case(name="bad-span", expected=[LINE, bad])
    with pytest.raises(FixtureError) as info:
        load_case(folder)
    assert "bad-span" in info.value.source and info.value.source.endswith(":2")
    assert "not found" in info.value.message


def test_invalid_record_is_refused(make_case: MakeCase) -> None:
    folder = make_case(expected=[{**LINE, "decision": "waved-through"}])
    with pytest.raises(FixtureError, match="decision"):
        load_case(folder)


def test_headline_index_out_of_range(make_case: MakeCase) -> None:
    folder = make_case(meta={**META, "headline": [3]}, expected=[LINE])
    with pytest.raises(FixtureError, match="headline index 3"):
        load_case(folder)


def test_html_case_uses_the_extracted_body(make_case: MakeCase) -> None:
    page = (
        "<html><head><title>T</title></head><body><nav>Home | World</nav><article>"
        "<h1>China approves chips</h1><p>China approved imports of more than 400,000 H200 "
        "chips this week, officials said on Wednesday in Beijing.</p><p>Analysts said the "
        "decision was widely expected after months of talks between the two sides.</p>"
        "</article><footer>Copyright</footer></body></html>"
    )
    line = {**LINE, "evidence": [{"text": "China approved imports of more than 400,000 H200"}]}
    case = load_case(make_case(text=page, suffix="html", expected=[line]))
    assert "Home | World" not in (case.article.text or "")
    assert case.expected[0].event.evidence[0].start >= 0


def test_negative_case_with_empty_expected(make_case: MakeCase) -> None:
    case = load_case(make_case(meta={**META, "tags": ["negative"], "headline": []}, expected=[]))
    assert case.is_negative and case.events == []


def test_discover_and_unused_expected(tmp_path: Path, make_case: MakeCase) -> None:
    make_case("a", expected=[])
    make_case("b", expected=[])
    root = tmp_path / "fixtures"
    (root / "renamed").mkdir()
    (root / "renamed" / "expected.jsonl").write_text("")
    assert [p.name for p in discover(root)] == ["a", "b"]
    assert unused_expected(root) == [root / "renamed" / "expected.jsonl"]


def test_compact_line_round_trips(make_case: MakeCase) -> None:
    case = load_case(make_case(expected=[{**LINE, "confidence": 0.7}]))
    event = case.events[0]
    compact = json.loads(compact_line(event))
    assert {"article", "event_id", "confidence", "schema_version"}.isdisjoint(compact)
    assert set(compact["evidence"][0]) == {"text", "start", "end"}
    again = parse_expected_line(json.dumps(compact), case.article, "x", 1).event
    assert again.model_dump(exclude={"confidence"}) == event.model_dump(exclude={"confidence"})
