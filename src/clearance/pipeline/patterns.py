"""Entity-ruler patterns compacted for speed.

The party tables yield one token pattern per place ("Abuja" + institution words, "Afghanistan" +
institution words, ...): over a thousand patterns that differ only in their leading words. spaCy's
Matcher tries every pattern at every token, which made the ruler the slowest part of the
pipeline. Patterns with the same label, the same number of literal leading words and the same
tail are merged into one whose leading tokens match any of the words seen in that position. The
merge can accept word combinations no table lists ("Hong Dhabi officials"), which real text does
not contain; the pipeline reads canonical names through the resolver, not pattern ids, so nothing
is lost.
"""

import json
from typing import Any

Pattern = dict[str, Any]


def compact(patterns: list[Pattern]) -> list[Pattern]:
    """Phrase patterns as they are; token patterns merged by (label, literal prefix, tail)."""
    merged: dict[tuple[str, int, str], list[list[str]]] = {}
    kept: list[Pattern] = []
    for pattern in patterns:
        tokens = pattern["pattern"]
        size = _literal_prefix(tokens) if isinstance(tokens, list) else 0
        if size == 0:
            kept.append(pattern)
            continue
        key = (pattern["label"], size, json.dumps(tokens[size:], sort_keys=True))
        merged.setdefault(key, []).append([t["ORTH"] for t in tokens[:size]])
    for (label, size, tail), prefixes in merged.items():
        head = [
            {"ORTH": sorted({p[i] for p in prefixes})[0]}
            if len({p[i] for p in prefixes}) == 1
            else {"ORTH": {"IN": sorted({p[i] for p in prefixes})}}
            for i in range(size)
        ]
        kept.append({"label": label, "pattern": [*head, *json.loads(tail)]})
    return kept


def _literal_prefix(tokens: list[Any]) -> int:
    size = 0
    for token in tokens:
        literal = isinstance(token, dict) and set(token) == {"ORTH"}
        if not (literal and isinstance(token["ORTH"], str)):
            break
        size += 1
    return size if size < len(tokens) else 0
