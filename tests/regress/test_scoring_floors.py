"""Event P/R/F1, headline recall, slot accuracy, negatives, and the floors check."""

from pathlib import Path

from clearance.fixtures import load_case
from clearance.scoring import check_floors, render, score_cases

from .casekit import META
from .conftest import MakeCase

CHINA = {"name": "China", "kind": "government", "country": "CN"}
EU = {"name": "European Commission", "kind": "regulator", "country": "EU"}
FIRST = {
    "decision": "approved",
    "scope": "import",
    "authority": CHINA,
    "item": {"name": "H200"},
    "quantity": {"text": "400,000", "value": 400000},
    "evidence": [{"text": "China approved imports of more than 400,000 H200 chips this week."}],
}
SECOND = {
    "decision": "denied",
    "scope": "merger",
    "authority": EU,
    "evidence": [{"text": "The European Commission blocked the merger of Acme and Widget."}],
}


def test_scores(make_case: MakeCase, tmp_path: Path) -> None:
    case = load_case(make_case("two", expected=[FIRST, SECOND]))
    neg = load_case(
        make_case("neg", meta={**META, "tags": ["negative"], "headline": []}, expected=[])
    )
    wrong_qty = {**FIRST, "quantity": {"text": "5", "value": 5}}
    actual = load_case(make_case("actual", expected=[wrong_qty])).events
    spurious = load_case(make_case("spurious", expected=[SECOND])).events
    score = score_cases([(case, actual), (neg, spurious)])
    assert (score.events.tp, score.events.fp, score.events.fn) == (1, 1, 1)
    assert score.events.f1 == 0.5
    assert score.headline_recall == 1.0  # headline [0] is FIRST, which was found
    assert score.slot_accuracy("authority") == 1.0
    assert score.slot_accuracy("quantity") == 0.0
    assert score.slot_accuracy("amount") is None
    assert score.negatives == 1 and score.negatives_false_events == 1
    assert score.by_decision["denied"].fp == 1 and score.by_scope["merger"].fn == 1
    table = render(score)
    assert "headline recall" in table and "false events on negatives   1" in table
    data = score.as_dict()
    assert data["event_f1"] == 0.5 and data["slots"]["quantity"] == 0.0


def test_floors() -> None:
    from clearance.scoring import Score

    score = Score()
    score.events.tp, score.events.fn = 1, 1
    score.negatives_false_events = 2
    floors = {"event_f1": 0.9, "headline_recall": 0.0, "negatives_false_events": 0, "slots": {}}
    broken = check_floors(score, floors)
    assert len(broken) == 2
    assert broken[0].startswith("event_f1 0.667 is below its floor 0.900")
    assert "negatives_false_events 2" in broken[1]
    assert check_floors(score, {"event_f1": 0.5, "negatives_false_events": 2}) == []
