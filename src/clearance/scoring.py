"""Dev-set scores (``clearance score``) and the quality floors a change may not lower.

An event counts as found when decision, scope and authority agree (compare.match_key); slot
accuracy is then measured on the matched pairs only, so a missed event lowers recall once and
does not also drag every slot down.
"""

import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from clearance.compare import SCORE_SLOTS, match_events, slot_agrees
from clearance.errors import ConfigError
from clearance.fixtures import Case
from clearance.records import ApprovalEvent


@dataclass
class Counts:
    """True positives, false positives and false negatives."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        """tp / (tp + fp); 1.0 when nothing was predicted (no false event was made)."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        """tp / (tp + fn); 1.0 when nothing was expected."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, Any]:
        """JSON form with rounded rates."""
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


@dataclass
class Score:
    """Everything ``clearance score`` reports."""

    cases: int = 0
    events: Counts = field(default_factory=Counts)
    headline_total: int = 0
    headline_found: int = 0
    slot_agree: Counter[str] = field(default_factory=Counter)
    slot_total: Counter[str] = field(default_factory=Counter)
    negatives: int = 0
    negatives_false_events: int = 0
    by_decision: dict[str, Counts] = field(default_factory=dict)
    by_scope: dict[str, Counts] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)

    @property
    def headline_recall(self) -> float:
        """Share of headline events found; 1.0 when no case names any."""
        return self.headline_found / self.headline_total if self.headline_total else 1.0

    def slot_accuracy(self, slot: str) -> float | None:
        """Agreeing / pairs where either side has the slot; None when no pair has it."""
        total = self.slot_total[slot]
        return self.slot_agree[slot] / total if total else None

    def as_dict(self) -> dict[str, Any]:
        """The JSON ``--json`` writes."""
        return {
            "cases": self.cases,
            "events": self.events.as_dict(),
            "event_f1": round(self.events.f1, 4),
            "headline_recall": round(self.headline_recall, 4),
            "headline": {"found": self.headline_found, "total": self.headline_total},
            "slots": {slot: _round(self.slot_accuracy(slot)) for slot in SCORE_SLOTS},
            "slot_pairs": {slot: self.slot_total[slot] for slot in SCORE_SLOTS},
            "negatives": self.negatives,
            "negatives_false_events": self.negatives_false_events,
            "by_decision": {k: v.as_dict() for k, v in sorted(self.by_decision.items())},
            "by_scope": {k: v.as_dict() for k, v in sorted(self.by_scope.items())},
            "errors": self.errors,
        }


def score_cases(results: Iterable[tuple[Case, list[ApprovalEvent] | str]]) -> Score:
    """Score (case, actual events or an error message) pairs."""
    score = Score()
    for case, actual in results:
        score.cases += 1
        if isinstance(actual, str):
            score.errors.append(f"{case.name}: {actual}")
            actual = []
        add_case(score, case, actual)
    return score


def add_case(score: Score, case: Case, actual: list[ApprovalEvent]) -> None:
    """Fold one case's matching into the running totals."""
    expected = case.events
    matching = match_events(expected, actual)
    matched_exp = {p.expected_index for p in matching.pairs}
    score.events.tp += len(matching.pairs)
    score.events.fp += len(matching.added)
    score.events.fn += len(matching.missing)
    for index in case.meta.headline:
        score.headline_total += 1
        score.headline_found += index in matched_exp
    if case.is_negative:
        score.negatives += 1
        score.negatives_false_events += len(actual)
    for pair in matching.pairs:
        exp, act = expected[pair.expected_index], actual[pair.actual_index]
        _tally(score, exp, tp=True)
        for slot in SCORE_SLOTS:
            agrees = slot_agrees(slot, exp, act)
            if agrees is not None:
                score.slot_total[slot] += 1
                score.slot_agree[slot] += agrees
    for index in matching.missing:
        _tally(score, expected[index], fn=True)
    for index in matching.added:
        _tally(score, actual[index], fp=True)


def _tally(
    score: Score, event: ApprovalEvent, *, tp: bool = False, fn: bool = False, fp: bool = False
) -> None:
    for table, key in (
        (score.by_decision, event.decision.value),
        (score.by_scope, event.scope.value),
    ):
        counts = table.setdefault(key, Counts())
        counts.tp += tp
        counts.fn += fn
        counts.fp += fp


def render(score: Score) -> str:
    """The plain-text score table ``clearance score`` prints."""
    ev = score.events
    lines = [
        f"cases {score.cases}   negatives {score.negatives}",
        "",
        f"{'events':<16}{'P':>7}{'R':>7}{'F1':>7}{'tp':>6}{'fp':>6}{'fn':>6}",
        _row("all", ev),
        f"{'headline recall':<16}{score.headline_recall:>7.3f}"
        f"   ({score.headline_found}/{score.headline_total})",
        f"{'false events on negatives':<28}{score.negatives_false_events}",
        "",
        f"{'slot accuracy':<16}{'acc':>7}{'pairs':>7}",
    ]
    for slot in SCORE_SLOTS:
        acc = score.slot_accuracy(slot)
        shown = f"{acc:>7.3f}" if acc is not None else f"{'-':>7}"
        lines.append(f"  {slot:<14}{shown}{score.slot_total[slot]:>7}")
    for title, table in (("decision", score.by_decision), ("scope", score.by_scope)):
        lines += ["", f"{'by ' + title:<16}{'P':>7}{'R':>7}{'F1':>7}{'tp':>6}{'fp':>6}{'fn':>6}"]
        lines += [_row(f"  {key}", counts) for key, counts in sorted(table.items())]
    if score.errors:
        lines += ["", "errors:"] + [f"  {err}" for err in score.errors]
    return "\n".join(lines) + "\n"


def _row(name: str, c: Counts) -> str:
    return f"{name:<16}{c.precision:>7.3f}{c.recall:>7.3f}{c.f1:>7.3f}{c.tp:>6}{c.fp:>6}{c.fn:>6}"


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


# --- floors -----------------------------------------------------------------------------------


def load_floors(path: Path) -> dict[str, Any]:
    """``floors.json``: event_f1, headline_recall, negatives_false_events and per-slot floors."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise ConfigError(str(path), f"cannot read floors: {exc}") from exc
    if not isinstance(data, dict):
        raise ConfigError(str(path), "floors must be a JSON object")
    return data


def check_floors(score: Score, floors: dict[str, Any]) -> list[str]:
    """Every score below its floor (or false events above theirs), as readable lines."""
    found: list[str] = []
    checks: list[tuple[str, float | None]] = [
        ("event_f1", score.events.f1),
        ("headline_recall", score.headline_recall),
    ]
    for slot in SCORE_SLOTS:
        checks.append((f"slots.{slot}", score.slot_accuracy(slot)))
    for name, value in checks:
        floor = _floor(floors, name)
        if floor is not None and value is not None and value + 1e-9 < floor:
            found.append(f"{name} {value:.3f} is below its floor {floor:.3f}")
    ceiling = floors.get("negatives_false_events")
    if isinstance(ceiling, int) and score.negatives_false_events > ceiling:
        found.append(
            f"negatives_false_events {score.negatives_false_events} is above its ceiling {ceiling}"
        )
    return found


def _floor(floors: dict[str, Any], name: str) -> float | None:
    node: Any = floors
    for part in name.split("."):
        node = node.get(part) if isinstance(node, dict) else None
    return float(node) if isinstance(node, int | float) else None
