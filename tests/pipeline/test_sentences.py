"""Whole-pipeline behaviour on single sentences: what is, and what is not, an approval event.

Each case is a general rule (RECORD.md's hard cases, negation, modality, actors), written as a
sentence of its own rather than copied from a fixture, so a change that breaks the rule fails
here with a readable name.
"""

import datetime as dt

import pytest

from clearance.article import article_from_text
from clearance.extract import Extractor

Expected = list[tuple[str, str, str]]

CASES: list[tuple[str, Expected]] = [
    (
        "The European Commission approved the merger of Alpha and Beta on Tuesday.",
        [("approved", "merger", "European Commission")],
    ),
    (
        "The merger was cleared by Canadian and US authorities earlier this year.",
        [("approved", "merger", "Canada"), ("approved", "merger", "United States")],
    ),
    ("Human rights groups urged the government of Canada to halt arms exports.", []),
    ("Analysts say the CMA rarely blocks deals outright.", []),
    ("Tidewell would pay a break fee if the CMA blocked the deal.", []),
    ("Shareholders of Alpha approved the merger with Beta on Tuesday.", []),
    ("The board of Alpha approved a $2 billion share buyback.", []),
    ("The FDA did not approve the drug.", []),
    (
        "The FDA declined to approve Pellmont's kidney drug on Friday.",
        [("denied", "product", "FDA")],
    ),
    (
        "Japan's trade ministry has yet to approve the export licence for Kanto Resist.",
        [("pending", "export", "Japan")],
    ),
    (
        "Manila suspended imports of poultry from Poland on Monday.",
        [("denied", "import", "Philippines")],
    ),
    (
        "Ofcom revoked the broadcasting licence of Meridian Talk on Thursday.",
        [("revoked", "license", "Ofcom")],
    ),
    (
        "The FTC is considering a lawsuit to block the merger of Alpha and Beta.",
        [("proposed", "merger", "FTC")],
    ),
    (
        "Seoul lifted its ban on imports of US beef on Monday.",
        [("approved", "import", "South Korea")],
    ),
    (
        "Indonesia is considering a ban on exports of raw bauxite.",
        [("proposed", "export", "Indonesia")],
    ),
    (
        "Microsoft failed to win approval from the CMA for the acquisition before the deadline.",
        [("denied", "merger", "CMA")],
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0][:50] for c in CASES])
def test_sentence(text: str, expected: Expected, extractor: Extractor) -> None:
    article = article_from_text(text, published=dt.date(2026, 3, 4))
    found = [
        (e.decision.value, e.scope.value, e.authority.name if e.authority else "")
        for e in extractor.extract(article)
    ]
    assert sorted(found) == sorted(expected)
