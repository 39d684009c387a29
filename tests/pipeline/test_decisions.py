"""Decision semantics on real parses: voice, negation, governors, modality, weak triggers."""

import pytest
from spacy.language import Language

from clearance.pipeline.components.events import EventsComponent


def decisions(
    text: str, english: Language, component: EventsComponent
) -> list[tuple[str, str | None]]:
    doc = component(english(text))
    return [(c.decision, c.scope) for c in doc._.clearance_candidates]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The European Commission approved the merger on Tuesday.", [("approved", "merger")]),
        ("The merger was cleared by the Commission.", [("approved", "merger")]),
        ("Pfizer won approval from the FDA for the drug.", [("approved", "product")]),
        (
            "Microsoft failed to win approval for the acquisition before the deadline.",
            [("denied", "merger")],
        ),
        ("The regulator did not approve the merger.", []),
        ("Beijing imposed a ban on imports of Japanese seafood.", [("denied", "import")]),
        ("Seoul lifted its ban on imports of US beef.", [("approved", "import")]),
        ("The ministry is considering a ban on exports of gallium.", [("proposed", "export")]),
        ("Officials said the licence will be approved next month.", [("pending", "license")]),
        ("The CMA referred the acquisition to an in-depth investigation.", [("pending", "merger")]),
        ("The agency revoked the company's operating licence.", [("revoked", "license")]),
        ("Shares rose after the company cleared its inventory backlog.", []),
        ("The app allows users to share photos.", []),
    ],
)
def test_decision_semantics(
    text: str,
    expected: list[tuple[str, str | None]],
    english: Language,
    events_component: EventsComponent,
) -> None:
    assert decisions(text, english, events_component) == expected
