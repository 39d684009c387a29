"""Cited outlets, source phrases, certainty and conditions."""

import pytest

from clearance.normalize.attribution import certainty, find_sources, find_via
from clearance.normalize.conditions import find_conditions
from clearance.records import Certainty

VIA = [
    ("News.Az reports, citing Reuters.", ["Reuters"]),
    ("China approved the imports, according to Bloomberg.", ["Bloomberg"]),
    ("The company told Reuters it had applied.", ["Reuters"]),
    ("Reuters reported on Monday that the deal was cleared.", ["Reuters"]),
    ("BEIJING (AP) — Regulators approved the deal.", ["AP"]),
    ("as first reported by the Financial Times", ["Financial Times"]),
    ("the Wall Street Journal reported, citing people familiar", ["Wall Street Journal"]),
    ("according to the Associated Press and Reuters", ["AP"]),
    ("Xinhua news agency said the ministry approved it.", ["Xinhua"]),
    ("The regulator approved the deal on Tuesday.", []),
    ("Bloomberg's calculations show, citing Reuters", ["Bloomberg", "Reuters"]),
]
SOURCES = [
    (
        "China approved the imports, according to sources familiar with the decision.",
        ["sources familiar with the decision"],
    ),
    (
        "The deal was cleared, people familiar with the matter said.",
        ["people familiar with the matter"],
    ),
    ("The deal was cleared, two sources said.", ["two sources"]),
    ("A spokesperson for the ministry declined to comment.", ["A spokesperson"]),
    ("A ministry spokesman said the review was complete.", ["A ministry spokesman"]),
    ("U.S. officials said the licence was granted.", ["U.S. officials"]),
    ("The deal lapsed, according to a statement from the company.", ["a statement"]),
    ("The ministry said in a statement that it approved the merger.", ["a statement"]),
    ("A source told Reuters the deal was cleared.", ["A source"]),
    (
        "two people with direct knowledge of the talks told Reuters",
        ["two people with direct knowledge of the talks"],
    ),
    ("The regulator approved the deal.", []),
]
CERTAINTY = [
    ("Authorities are reportedly considering new rules.", Certainty.UNCONFIRMED),
    ("Other Chinese enterprises are now reportedly lining up for approval.", Certainty.UNCONFIRMED),
    ("The regulator is said to be preparing a clearance.", Certainty.UNCONFIRMED),
    ("Huawei is rumoured to have won a licence.", Certainty.UNCONFIRMED),
    ("The firm allegedly obtained permits.", Certainty.UNCONFIRMED),
    ("China approved it, according to sources familiar with the decision.", Certainty.REPORTED),
    ("Two sources said on Tuesday the licence was approved.", Certainty.REPORTED),
    ("A senior official at the mining ministry said a ban was planned.", Certainty.REPORTED),
    ("China approved the imports, citing Reuters.", Certainty.REPORTED),
    ("ByteDance has been cleared to buy more than 400,000 chips.", Certainty.CONFIRMED),
    ("The FDA approved the drug on Friday.", Certainty.CONFIRMED),
    ("Washington is considering limits, according to two officials.", Certainty.REPORTED),
    ("The council also approved the export, the letter showed.", Certainty.REPORTED),
    ("The Commission is weighing a ban, according to a draft seen by Reuters.", Certainty.REPORTED),
    ("The PUCO approved a rise, half of what the utility had asked for.", Certainty.CONFIRMED),
    (
        "The FTC is considering a lawsuit, people familiar with the agency's deliberations said.",
        Certainty.REPORTED,
    ),
    ("The ministry said in a statement that it approved the merger.", Certainty.CONFIRMED),
    ("The FDA announced the approval on Friday.", Certainty.CONFIRMED),
    ("The ministry said on Tuesday it cleared the deal.", Certainty.CONFIRMED),
    ("The EU cleared the deal, the Commission said.", Certainty.CONFIRMED),
    ("A spokesperson confirmed the licence had been revoked.", Certainty.CONFIRMED),
    ("The company told Reuters it had received approval.", Certainty.CONFIRMED),
    ("A source told Reuters the deal was cleared.", Certainty.REPORTED),
    ("U.S. officials said the licence was granted, Bloomberg reported.", Certainty.REPORTED),
]


@pytest.mark.parametrize(("text", "outlets"), VIA)
def test_find_via(text: str, outlets: list[str]) -> None:
    assert find_via(text) == outlets


@pytest.mark.parametrize(("sentence", "sources"), SOURCES)
def test_find_sources(sentence: str, sources: list[str]) -> None:
    assert find_sources(sentence) == sources


@pytest.mark.parametrize(("sentence", "expected"), CERTAINTY)
def test_certainty(sentence: str, expected: Certainty) -> None:
    assert certainty(sentence, sources=find_sources(sentence)) is expected


def test_outlet_in_sources_reports() -> None:
    sentence = "U.S. authorities earlier cleared Nvidia to export the H200 chips to China."
    assert certainty(sentence, sources=[]) is Certainty.CONFIRMED
    assert certainty(sentence, sources=["Reuters"]) is Certainty.REPORTED


def test_on_record_flag_overrides_outlets() -> None:
    sentence = "The ministry cleared the deal."
    assert certainty(sentence, sources=["Reuters"]) is Certainty.REPORTED
    assert certainty(sentence, sources=["Reuters"], on_record=True) is Certainty.CONFIRMED


def test_hedge_beats_on_record() -> None:
    sentence = "The ministry reportedly said in a statement it would approve."
    assert certainty(sentence, sources=[], on_record=True) is Certainty.UNCONFIRMED


CONDITIONS = [
    (
        "Authorities are reportedly considering rules that would require firms to purchase a "
        "quota of locally produced chips as a condition for importing foreign semiconductors.",
        [
            "require firms to purchase a quota of locally produced chips as a condition for "
            "importing foreign semiconductors"
        ],
    ),
    (
        "The EU cleared the deal on condition that Google divest its adtech business, the "
        "Commission said.",
        ["on condition that Google divest its adtech business"],
    ),
    (
        "The CMA approved the merger subject to behavioural remedies and a case-by-case review.",
        ["subject to behavioural remedies and a case-by-case review"],
    ),
    (
        "Approval was granted provided that the firm keeps its R&D in France; analysts "
        "expect more.",
        ["provided that the firm keeps its R&D in France"],
    ),
    (
        "Regulators cleared the merger after the companies agreed to sell their cement plants "
        "in Texas.",
        ["agreed to sell their cement plants in Texas"],
    ),
    (
        "The watchdog approved the deal after Bayer offered to divest its vegetable seeds "
        "business.",
        ["offered to divest its vegetable seeds business"],
    ),
    (
        "Exports were allowed, requiring exporters to obtain licences for each shipment.",
        ["requiring exporters to obtain licences for each shipment"],
    ),
    ("Licences will be granted on a case-by-case review.", ["on a case-by-case review"]),
    ("The deal is subject to regulatory approval.", []),
    ("The ministry approved the imports on Tuesday.", []),
]


@pytest.mark.parametrize(("sentence", "expected"), CONDITIONS)
def test_find_conditions(sentence: str, expected: list[str]) -> None:
    found = find_conditions(sentence)
    assert found == expected
    assert all(len(phrase.split()) <= 20 for phrase in found)


def test_long_condition_is_trimmed() -> None:
    sentence = "It was cleared subject to " + " ".join(f"w{i}" for i in range(40)) + "."
    (phrase,) = find_conditions(sentence)
    assert len(phrase.split()) == 20
