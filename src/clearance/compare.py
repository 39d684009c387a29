"""Field-aware comparison of expected and actual events: matching, slot agreement, readable diffs.

Snapshot tools diff records byte for byte; ours must tolerate what legitimately moves between
runs (ids, offsets, confidence within a tolerance, surface mentions) while naming every slot
that really changed. Which fields are volatile is a rule (``fixtures/regress.toml``), not code.
"""

import json
import re
import tomllib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from clearance.errors import ConfigError
from clearance.records import ApprovalEvent

DEFAULT_IGNORE = (
    "schema_version",
    "event_id",
    "article",
    "evidence[*].start",
    "evidence[*].end",
    "*.mentions",
    "quantity.text",
    "amount.text",
    "when.text",
    "when.anchor",
    "attribution.sources",
    "item.category",
    "conditions",
)
SCORE_SLOTS = ("authority", "beneficiaries", "item", "vendor", "quantity", "amount", "when")
REGRESS_SLOTS = (*SCORE_SLOTS, "origin", "destination", "certainty", "conditions", "evidence")


@dataclass(frozen=True)
class Rules:
    """What a regression comparison ignores, and how far confidence may move."""

    ignore: tuple[str, ...] = DEFAULT_IGNORE
    confidence_tolerance: float = 0.2

    def ignores(self, path: str) -> bool:
        """True when ``path`` or any enclosing path matches an ignore pattern."""
        return any(_pattern(p).fullmatch(prefix) for p in self.ignore for prefix in _prefixes(path))


def load_rules(path: Path | None) -> Rules:
    """Read ``ignore = [...]`` and ``confidence_tolerance = x`` from TOML; None -> defaults."""
    if path is None:
        return Rules()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(str(path), f"cannot read comparison rules: {exc}") from exc
    ignore = data.get("ignore", list(DEFAULT_IGNORE))
    tolerance = data.get("confidence_tolerance", 0.2)
    if not isinstance(ignore, list) or not all(isinstance(item, str) for item in ignore):
        raise ConfigError(str(path), "ignore must be a list of strings")
    if not isinstance(tolerance, int | float):
        raise ConfigError(str(path), "confidence_tolerance must be a number")
    return Rules(ignore=tuple(ignore), confidence_tolerance=float(tolerance))


@dataclass(frozen=True)
class SlotChange:
    """One field that differs on a matched pair."""

    path: str
    expected: Any
    actual: Any

    def render(self) -> str:
        """``quantity.value 400000 -> 200000``."""
        old, new = self.render_values()
        return f"{self.path} {old} -> {new}"

    def render_values(self) -> tuple[str, str]:
        """The expected and actual values as short display strings."""
        return _show(self.expected), _show(self.actual)


@dataclass
class Pair:
    """A matched expected/actual pair with the fields that differ."""

    expected_index: int
    actual_index: int
    changes: list[SlotChange] = field(default_factory=list)


@dataclass
class Matching:
    """How the events of one article paired up."""

    pairs: list[Pair]
    missing: list[int]
    added: list[int]


# --- matching ---------------------------------------------------------------------------------


def match_key(event: ApprovalEvent) -> tuple[str, str, str | None]:
    """Decision, scope and authority name (case-insensitive): what makes two events the same."""
    authority = event.authority.name.casefold() if event.authority else None
    return event.decision.value, event.scope.value, authority


def match_events(expected: Sequence[ApprovalEvent], actual: Sequence[ApprovalEvent]) -> Matching:
    """Pair events with equal match keys, preferring pairs that agree on the most slots."""
    candidates = [
        (-similarity(exp, act), i, j)
        for i, exp in enumerate(expected)
        for j, act in enumerate(actual)
        if match_key(exp) == match_key(act)
    ]
    used_exp: set[int] = set()
    used_act: set[int] = set()
    pairs: list[Pair] = []
    for _score, i, j in sorted(candidates):
        if i not in used_exp and j not in used_act:
            used_exp.add(i)
            used_act.add(j)
            pairs.append(Pair(i, j))
    pairs.sort(key=lambda pair: pair.expected_index)
    missing = [i for i in range(len(expected)) if i not in used_exp]
    added = [j for j in range(len(actual)) if j not in used_act]
    return Matching(pairs=pairs, missing=missing, added=added)


def similarity(expected: ApprovalEvent, actual: ApprovalEvent) -> int:
    """How many regression slots agree (used only to choose among same-key candidates)."""
    return sum(1 for slot in REGRESS_SLOTS if slot_agrees(slot, expected, actual) is True)


# --- slots ------------------------------------------------------------------------------------


def _name(value: Any) -> str | None:
    return value.name.casefold() if value is not None else None


def _quantity(event: ApprovalEvent) -> Any:
    q = event.quantity
    return None if q is None else (q.value, q.qualifier.value, q.low, q.high)


def _amount(event: ApprovalEvent) -> Any:
    return None if event.amount is None else (event.amount.value, event.amount.currency)


def _when(event: ApprovalEvent) -> Any:
    return None if event.when is None else (event.when.start, event.when.end)


def _vendor(event: ApprovalEvent) -> Any:
    return _name(event.item.vendor) if event.item is not None else None


def _beneficiaries(event: ApprovalEvent) -> Any:
    return frozenset(p.name.casefold() for p in event.beneficiaries) or None


SLOT_VALUES: dict[str, Callable[[ApprovalEvent], Any]] = {
    "authority": lambda e: _name(e.authority),
    "beneficiaries": _beneficiaries,
    "item": lambda e: _name(e.item),
    "vendor": _vendor,
    "quantity": _quantity,
    "amount": _amount,
    "when": _when,
    "origin": lambda e: e.origin,
    "destination": lambda e: e.destination,
    "certainty": lambda e: e.attribution.certainty.value,
    "conditions": lambda e: len(e.conditions) or None,
}


def slot_agrees(slot: str, expected: ApprovalEvent, actual: ApprovalEvent) -> bool | None:
    """Whether a slot agrees; None when neither side has it (the pair does not count)."""
    if slot == "evidence":
        if not expected.evidence and not actual.evidence:
            return None
        return bool(expected.evidence and actual.evidence) and _overlap(expected, actual)
    get = SLOT_VALUES[slot]
    exp, act = get(expected), get(actual)
    if exp is None and act is None:
        return None
    if slot == "item" and exp is not None and act is not None:
        return same_item_name(exp, act)
    return bool(exp == act)


def same_item_name(expected: str, actual: str) -> bool:
    """Free-text item names agree when one contains the other or they share the head word
    ("generative AI models" ~ "generative artificial intelligence models"; "licence" ~
    "broadcasting licence"): annotators and extractors word items differently."""
    a, b = expected.casefold().split(), actual.casefold().split()
    if not a or not b:
        return a == b
    joined_a, joined_b = " ".join(a), " ".join(b)
    return joined_a in joined_b or joined_b in joined_a or a[-1] == b[-1]


def _overlap(expected: ApprovalEvent, actual: ApprovalEvent) -> bool:
    """The expected first span overlaps any span of the actual event (a restated decision's
    sentences may come in another order)."""
    a = expected.evidence[0]
    return any(a.start < b.end and b.start < a.end for b in actual.evidence)


# --- field diff -------------------------------------------------------------------------------


def diff_pair(
    expected: ApprovalEvent, actual: ApprovalEvent, rules: Rules, *, confidence_given: bool = True
) -> list[SlotChange]:
    """Every non-ignored field that differs, with paths like ``quantity.value``."""
    exp, act = _comparable(expected), _comparable(actual)
    changes = _diff(exp, act, "", rules)
    if not rules.ignores("evidence") and slot_agrees("evidence", expected, actual) is False:
        changes.append(SlotChange("evidence[0]", _first_text(expected), _first_text(actual)))
    moved = abs(expected.confidence - actual.confidence) > rules.confidence_tolerance
    if confidence_given and not rules.ignores("confidence") and moved:
        changes.append(SlotChange("confidence", expected.confidence, actual.confidence))
    return changes


def _comparable(event: ApprovalEvent) -> dict[str, Any]:
    data = event.model_dump(mode="json", exclude={"evidence", "confidence"})
    data["beneficiaries"] = sorted(data["beneficiaries"], key=lambda p: p["name"].casefold())
    data["conditions_count"] = len(data["conditions"])
    return data


def _diff(exp: Any, act: Any, path: str, rules: Rules) -> list[SlotChange]:
    if path and rules.ignores(path):
        return []
    if isinstance(exp, dict) and isinstance(act, dict):
        keys = list(dict.fromkeys([*exp, *act]))
        return [c for k in keys for c in _diff(exp.get(k), act.get(k), _join(path, k), rules)]
    if isinstance(exp, list) and isinstance(act, list) and exp != act:
        if len(exp) != len(act) or not all(isinstance(x, dict) for x in (*exp, *act)):
            return [SlotChange(path, _prune(exp, path, rules), _prune(act, path, rules))]
        return [
            c
            for i, (x, y) in enumerate(zip(exp, act, strict=True))
            for c in _diff(x, y, f"{path}[{i}]", rules)
        ]
    if _same(exp, act):
        return []
    return [SlotChange(path, _prune(exp, path, rules), _prune(act, path, rules))]


def _prune(value: Any, path: str, rules: Rules) -> Any:
    """Drop ignored fields from a value shown whole (``when: null -> {...}``)."""
    if isinstance(value, dict):
        return {
            k: _prune(v, _join(path, k), rules)
            for k, v in value.items()
            if not rules.ignores(_join(path, k))
        }
    if isinstance(value, list):
        return [_prune(v, f"{path}[{i}]", rules) for i, v in enumerate(value)]
    return value


def _same(exp: Any, act: Any) -> bool:
    if isinstance(exp, str) and isinstance(act, str):
        return exp.casefold() == act.casefold()
    return bool(exp == act)


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _first_text(event: ApprovalEvent) -> str | None:
    return event.evidence[0].text if event.evidence else None


# --- rendering --------------------------------------------------------------------------------


def label(event: ApprovalEvent) -> str:
    """``approved/import by China: H200 (ByteDance, Alibaba)`` — an event in one line."""
    text = f"{event.decision.value}/{event.scope.value} by "
    text += event.authority.name if event.authority else "(no authority)"
    if event.item is not None:
        text += f": {event.item.name}"
    if event.beneficiaries:
        text += " (" + ", ".join(p.name for p in event.beneficiaries) + ")"
    return text


def _show(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, dict):
        return str(value["name"]) if "name" in value else json.dumps(value, ensure_ascii=False)
    if isinstance(value, str):
        return json.dumps(value if len(value) <= 80 else value[:77] + "...", ensure_ascii=False)
    if isinstance(value, list):
        return "[" + ", ".join(_show(v) for v in value) + "]"
    return str(value)


_CACHE: dict[str, re.Pattern[str]] = {}


def _pattern(glob: str) -> re.Pattern[str]:
    """A glob where only ``*`` is special (so ``evidence[*].start`` means what it says)."""
    if glob not in _CACHE:
        escaped = re.escape(glob).replace(r"\*", ".*")
        _CACHE[glob] = re.compile(escaped)
    return _CACHE[glob]


def _prefixes(path: str) -> list[str]:
    """``a.b[0].c`` -> ``a``, ``a.b``, ``a.b[0]``, ``a.b[0].c``."""
    cuts = [m.start() for m in re.finditer(r"[.\[]", path)]
    return [path[:cut] for cut in cuts if cut] + [path]
