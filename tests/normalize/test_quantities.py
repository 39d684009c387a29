"""Counted quantities found in sentences: what counts, its unit, and what never counts."""

import pytest

from clearance.normalize.numbers import find_quantities
from clearance.records import Qualifier

FOUND = [
    (
        "ByteDance, Alibaba and Tencent have been cleared to buy more than 400,000 H200 chips.",
        [("more than 400,000", 400000, Qualifier.MORE_THAN, "chips")],
    ),
    (
        "allowing firms to purchase hundreds of thousands of the high-performance processors,",
        [("hundreds of thousands", 100000, Qualifier.ABOUT, "processors")],
    ),
    (
        "Chinese companies have placed orders exceeding two million H200 units.",
        [("exceeding two million", 2000000, Qualifier.MORE_THAN, "units")],
    ),
    ("They shipped 1.5bn tonnes of soybeans.", [("1.5bn", 1500000000, Qualifier.EXACT, "tonnes")]),
    (
        "Exports of between 10 and 20 million barrels were approved.",
        [("between 10 and 20 million", 10000000, Qualifier.RANGE, "barrels")],
    ),
    ("The licence covers up to 5,000 cars.", [("up to 5,000", 5000, Qualifier.AT_MOST, "cars")]),
    ("It ordered two million doses.", [("two million", 2000000, Qualifier.EXACT, "doses")]),
    ("The airline bought a dozen jets.", [("a dozen", 12, Qualifier.EXACT, "jets")]),
    ("About 3,000 workers will move.", [("About 3,000", 3000, Qualifier.ABOUT, "workers")]),
    ("It sold 20 mil units.", [("20 mil", 20000000, Qualifier.EXACT, "units")]),
    ("It won 2.4 million subscribers.", [("2.4 million", 2400000, Qualifier.EXACT, "subscribers")]),
    ("Regulators cleared 2000 drones for sale.", [("2000", 2000, Qualifier.EXACT, "drones")]),
    ("Dozens of firms applied.", [("Dozens", 24, Qualifier.ABOUT, "firms")]),
    ("Nearly 1,200 people were briefed.", [("Nearly 1,200", 1200, Qualifier.ABOUT, "people")]),
    (
        "Germany approved 18 Keiler 2 infantry fighting vehicles.",
        [("18", 18, Qualifier.EXACT, "vehicles")],
    ),
    ("Only 5 firms applied.", [("5", 5, Qualifier.EXACT, "firms")]),
    (
        "The regulator approved 14 more generative AI models.",
        [("14", 14, Qualifier.EXACT, "models")],
    ),
]
NOTHING = [
    "In fiscal 2025 revenue rose.",
    "The H200 is Nvidia's second-most powerful AI processor.",
    "It delivers roughly six times the performance of the H20.",
    "Sales rose 10% and margins 3 percent.",
    "The deal is worth $69 billion.",
    "A fine of €500 million and 1.5 billion yuan was paid.",
    "The decision came on January 13 at 10:30 a.m.",
    "The 45-year-old chief executive resigned.",
    "The rules date from 2019 and take effect in 2027.",
    "Section 232 tariffs apply to 5G equipment.",
    "It was the 3rd approval in 12 months.",
    "One of the firms objected.",
    "He was aged 61.",
    "Shares fell 3.5 per cent.",
    "The order dated 2025-11 stands.",
    "Over 2024-2026 the plan runs.",
    "It approved Boeing 737 deliveries.",
]


@pytest.mark.parametrize(("sentence", "expected"), FOUND)
def test_find_quantities(sentence: str, expected: list[tuple[object, ...]]) -> None:
    found = find_quantities(sentence)
    got = [(f.text, f.value.value, f.value.qualifier, f.value.unit) for f in found]
    assert got == expected
    for item in found:
        assert sentence[item.start : item.end] == item.text


@pytest.mark.parametrize("sentence", NOTHING)
def test_not_quantities(sentence: str) -> None:
    assert find_quantities(sentence) == []
