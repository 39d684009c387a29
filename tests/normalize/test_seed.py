"""The seed article's slots (shared/seed/expected.md), read by the normalizer's functions."""

import pytest

from clearance.normalize.attribution import certainty, find_sources, find_via
from clearance.normalize.conditions import find_conditions
from clearance.normalize.dates import resolve_when
from clearance.normalize.numbers import find_quantities, parse_quantity
from clearance.normalize.parties import PartyResolver
from clearance.records import Certainty, PartyKind, Qualifier

from .conftest import SEED, SEED_PUBLISHED


@pytest.fixture(scope="module")
def seed_text() -> str:
    if not SEED.is_file():
        pytest.skip(f"seed article not found at {SEED} (shared/ is beside the repo)")
    return SEED.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("surface", "name", "country"),
    [
        ("Beijing", "China", "CN"),
        ("Chinese customs officials", "China", "CN"),
        ("U.S. authorities", "United States", "US"),
    ],
)
def test_authorities(resolver: PartyResolver, surface: str, name: str, country: str) -> None:
    party = resolver.resolve(surface)
    assert party is not None
    assert (party.name, party.kind, party.country) == (name, PartyKind.GOVERNMENT, country)


def test_authorities_with_china_context(resolver: PartyResolver) -> None:
    party = resolver.resolve_in_context("Authorities", "CN")
    assert party is not None and (party.name, party.country) == ("China", "CN")


@pytest.mark.parametrize(
    ("surface", "country"),
    [("ByteDance", "CN"), ("Alibaba", "CN"), ("Tencent", "CN"), ("Nvidia", "US")],
)
def test_companies(resolver: PartyResolver, surface: str, country: str) -> None:
    party = resolver.resolve(surface, "ORG")
    assert party is not None
    assert (party.name, party.kind, party.country) == (surface, PartyKind.COMPANY, country)


def test_other_enterprises_group(resolver: PartyResolver) -> None:
    party = resolver.resolve("Other Chinese enterprises")
    assert party is not None
    assert (party.name, party.kind, party.country) == (
        "other Chinese enterprises",
        PartyKind.GROUP,
        "CN",
    )


def test_quantity() -> None:
    quantity = parse_quantity("more than 400,000", unit="chips")
    assert quantity is not None
    assert (quantity.value, quantity.low, quantity.high, quantity.qualifier, quantity.unit) == (
        400000,
        400000,
        None,
        Qualifier.MORE_THAN,
        "chips",
    )


def test_when_this_week() -> None:
    when = resolve_when("this week", SEED_PUBLISHED)
    assert (str(when.start), str(when.end), when.anchor) == (
        "2026-01-26",
        "2026-02-01",
        SEED_PUBLISHED,
    )


def test_whole_article(seed_text: str) -> None:
    assert find_via(seed_text) == ["Reuters"]
    quantities = {f.text: f.value for f in find_quantities(seed_text)}
    assert quantities["more than 400,000"].unit == "chips"
    assert quantities["hundreds of thousands"].high == 999999
    assert quantities["exceeding two million"].unit == "units"
    assert not any("H200" in text or "H20" in text for text in quantities)


def test_sources_and_certainty(seed_text: str) -> None:
    first = seed_text.split("\n\n")[1]
    assert find_sources(first) == ["sources familiar with the decision"]
    assert certainty(first, sources=find_sources(first)) is Certainty.REPORTED
    rules = next(s for s in seed_text.split(". ") if "reportedly considering" in s)
    assert certainty(rules, sources=[]) is Certainty.UNCONFIRMED
    assert find_conditions(rules) == [
        "require firms to purchase a quota of locally produced chips as a condition for "
        "importing foreign semiconductors"
    ]


@pytest.mark.parametrize("text", ["earlier", "until recently", "in future batches"])
def test_unresolvable_times(text: str) -> None:
    when = resolve_when(text, SEED_PUBLISHED)
    assert (when.start, when.end, when.anchor) == (None, None, SEED_PUBLISHED)
