"""Matching regardless of order, volatile-field rules, confidence tolerance, readable diffs."""

from pathlib import Path
from typing import Any

from clearance.compare import Rules, diff_pair, label, load_rules, match_events
from clearance.records import ApprovalEvent, Article, Span

ARTICLE = Article(id="a1", text="China approved it. Japan blocked it. The EU cleared it.")


def event(**kw: Any) -> ApprovalEvent:
    base: dict[str, Any] = {
        "event_id": "x",
        "article": ARTICLE,
        "decision": "approved",
        "scope": "import",
        "authority": {"name": "China", "kind": "government", "country": "CN"},
        "evidence": [Span(text="China approved it.", start=0, end=18)],
    }
    base.update(kw)
    return ApprovalEvent.model_validate(base)


def test_match_ignores_order_and_authority_case() -> None:
    japan = event(decision="denied", authority={"name": "Japan", "kind": "government"})
    china = event()
    upper = event(authority={"name": "CHINA", "kind": "government", "country": "CN"})
    matching = match_events([china, japan], [japan, upper])
    assert [(p.expected_index, p.actual_index) for p in matching.pairs] == [(0, 1), (1, 0)]
    assert matching.missing == matching.added == []


def test_null_authority_matches_only_null() -> None:
    matching = match_events([event(authority=None)], [event()])
    assert matching.pairs == [] and matching.missing == [0] and matching.added == [0]


def test_best_pairing_among_same_key_candidates() -> None:
    big = event(quantity={"text": "400", "value": 400})
    small = event(quantity={"text": "5", "value": 5})
    matching = match_events([big, small], [small, big])
    assert [(p.expected_index, p.actual_index) for p in matching.pairs] == [(0, 1), (1, 0)]


def test_diff_names_the_changed_slot() -> None:
    exp = event(quantity={"text": "more than 400,000", "value": 400000})
    act = event(quantity={"text": "200,000", "value": 200000})
    changes = [c.render() for c in diff_pair(exp, act, Rules())]
    assert changes == ["quantity.value 400000 -> 200000"]  # quantity.text is volatile


def test_volatile_fields_are_ignored() -> None:
    exp = event(authority={"name": "China", "kind": "government", "mentions": ["Beijing"]})
    act = event(
        event_id="other",
        confidence=0.6,
        authority={"name": "China", "kind": "government", "mentions": []},
        evidence=[Span(text="China approved", start=0, end=14)],
    )
    assert diff_pair(exp, act, Rules()) == []


def test_confidence_tolerance_only_when_expected_gives_one() -> None:
    exp, act = event(confidence=0.9), event(confidence=0.5)
    assert [c.path for c in diff_pair(exp, act, Rules())] == ["confidence"]
    assert diff_pair(exp, act, Rules(), confidence_given=False) == []
    assert diff_pair(exp, act, Rules(confidence_tolerance=0.5)) == []


def test_evidence_must_overlap() -> None:
    exp = event()
    act = event(evidence=[Span(text="Japan blocked it.", start=19, end=36)])
    assert [c.path for c in diff_pair(exp, act, Rules())] == ["evidence[0]"]


def test_beneficiary_order_does_not_matter() -> None:
    a = {"name": "Alibaba", "kind": "company"}
    b = {"name": "ByteDance", "kind": "company"}
    assert diff_pair(event(beneficiaries=[a, b]), event(beneficiaries=[b, a]), Rules()) == []
    changes = diff_pair(event(beneficiaries=[a, b]), event(beneficiaries=[a]), Rules())
    assert [c.path for c in changes] == ["beneficiaries"]


def test_conditions_text_ignored_but_count_compared() -> None:
    same = diff_pair(event(conditions=["a quota"]), event(conditions=["quota"]), Rules())
    assert same == []
    fewer = diff_pair(event(conditions=["a quota"]), event(), Rules())
    assert [c.render() for c in fewer] == ["conditions_count 1 -> 0"]


def test_rules_file_overrides(tmp_path: Path) -> None:
    path = tmp_path / "rules.toml"
    path.write_text('ignore = ["quantity", "event_id", "article"]\nconfidence_tolerance = 0.05\n')
    rules = load_rules(path)
    assert rules.ignores("quantity.value") and not rules.ignores("when.start")
    exp = event(quantity={"text": "1", "value": 1}, confidence=0.5)
    act = event(quantity={"text": "2", "value": 2}, confidence=0.6)
    assert [c.path for c in diff_pair(exp, act, rules)] == ["confidence"]


def test_glob_patterns() -> None:
    rules = Rules(ignore=("evidence[*].start", "*.mentions"))
    assert rules.ignores("evidence[3].start") and not rules.ignores("evidence[3].text")
    assert rules.ignores("item.vendor.mentions") and rules.ignores("authority.mentions[0]")


def test_label() -> None:
    text = label(
        event(item={"name": "H200"}, beneficiaries=[{"name": "Alibaba", "kind": "company"}])
    )
    assert text == "approved/import by China: H200 (Alibaba)"
