"""The seed article (News.Az citing Reuters) gives the five events an analyst reads from it."""

import datetime as dt
from pathlib import Path

import pytest

from clearance.article import article_from_text
from clearance.extract import Extractor
from clearance.records import ApprovalEvent

SEED = Path(__file__).resolve().parents[2] / "fixtures" / "seed-news-az-h200"
URL = "https://news.az/news/china-approves-first-nvidia-h200-chip-imports"


@pytest.fixture(scope="module")
def events(extractor: Extractor) -> list[ApprovalEvent]:
    text = (SEED / "article.txt").read_text(encoding="utf-8")
    article = article_from_text(text, url=URL, published=dt.date(2026, 1, 28))
    return extractor.extract(article)


def find(events: list[ApprovalEvent], decision: str, scope: str) -> ApprovalEvent:
    matches = [e for e in events if e.decision.value == decision and e.scope.value == scope]
    assert len(matches) == 1, [(e.decision.value, e.scope.value) for e in events]
    return matches[0]


def test_five_events(events: list[ApprovalEvent]) -> None:
    assert sorted((e.decision.value, e.scope.value) for e in events) == [
        ("approved", "export"),
        ("approved", "import"),
        ("denied", "import"),
        ("pending", "import"),
        ("proposed", "import"),
    ]


def test_headline_event(events: list[ApprovalEvent]) -> None:
    event = find(events, "approved", "import")
    assert event.authority is not None
    assert (event.authority.name, event.authority.country) == ("China", "CN")
    assert "Beijing" in event.authority.mentions
    assert [b.name for b in event.beneficiaries] == ["ByteDance", "Alibaba", "Tencent"]
    assert event.item is not None and event.item.name == "H200"
    assert event.item.vendor is not None and event.item.vendor.name == "Nvidia"
    assert event.quantity is not None
    assert (event.quantity.value, event.quantity.qualifier.value) == (400000, "more_than")
    assert event.quantity.unit == "chips"
    assert event.destination == "CN"
    assert event.when is not None
    assert (event.when.start, event.when.end) == (dt.date(2026, 1, 26), dt.date(2026, 2, 1))
    assert event.when.anchor == dt.date(2026, 1, 28)
    assert event.article.via == ["Reuters"]
    assert event.attribution.certainty.value == "reported"
    assert "sources familiar with the decision" in event.attribution.sources


def test_other_four_events(events: list[ApprovalEvent]) -> None:
    export = find(events, "approved", "export")
    assert export.authority is not None and export.authority.name == "United States"
    assert [b.name for b in export.beneficiaries] == ["Nvidia"]
    assert (export.origin, export.destination) == ("US", "CN")
    assert export.when is not None and export.when.start is None

    blocked = find(events, "denied", "import")
    assert blocked.authority is not None and blocked.authority.name == "China"
    assert blocked.item is not None and blocked.item.name == "H200"

    quota = find(events, "proposed", "import")
    assert quota.conditions and "quota" in quota.conditions[0]
    assert quota.attribution.certainty.value == "unconfirmed"

    later = find(events, "pending", "import")
    assert [b.name.casefold() for b in later.beneficiaries] == ["other chinese enterprises"]
    assert later.beneficiaries[0].kind.value == "group"


def test_boilerplate_is_not_evidence(events: list[ApprovalEvent]) -> None:
    for event in events:
        for span in event.evidence:
            assert "16 px" not in span.text
            assert span.text != "News.Az"
            assert event.article.text is not None
            assert event.article.text[span.start : span.end] == span.text


def test_event_ids_are_stable(events: list[ApprovalEvent], extractor: Extractor) -> None:
    text = (SEED / "article.txt").read_text(encoding="utf-8")
    again = extractor.extract(article_from_text(text, url=URL, published=dt.date(2026, 1, 28)))
    assert [e.event_id for e in again] == [e.event_id for e in events]
    assert len({e.event_id for e in events}) == len(events)


def test_prefilter_changes_nothing(extractor: Extractor) -> None:
    from clearance.settings import Settings

    text = (SEED / "article.txt").read_text(encoding="utf-8")
    article = article_from_text(text, url=URL, published=dt.date(2026, 1, 28))
    full = Extractor(Settings(models_dir=extractor.settings.models_dir, prefilter=False))
    assert [e.model_dump() for e in full.extract(article)] == [
        e.model_dump() for e in extractor.extract(article)
    ]
