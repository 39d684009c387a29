"""Parse units: an article's non-blank lines, over-long ones cut at sentence ends.

Units are parsed independently, so which units the prefilter keeps cannot change what the parser
reads in any other unit. The cut is deterministic and uses only the text.
"""

import re

MAX_UNIT_CHARS = 2_000
_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"'”’)]*\s+(?=[\"'“‘(]?[A-Z0-9])")


def split_units(text: str) -> list[tuple[int, int]]:
    """Character spans of the parse units: non-blank lines, long ones cut at sentence ends."""
    units: list[tuple[int, int]] = []
    for line in re.finditer(r"[^\n]+", text):
        if not line.group().strip():
            continue
        units.extend(_cut(line.start(), line.end(), text))
    return units


def _cut(start: int, end: int, text: str) -> list[tuple[int, int]]:
    if end - start <= MAX_UNIT_CHARS:
        return [(start, end)]
    pieces, piece_start = [], start
    for boundary in _SENTENCE_END.finditer(text, start, end):
        if boundary.start() - piece_start >= MAX_UNIT_CHARS // 2:
            pieces.append((piece_start, boundary.start()))
            piece_start = boundary.end()
    pieces.append((piece_start, end))
    return pieces


_DATELINE = re.compile(
    r"^\s*[A-Z][A-Z.'’ -]{1,40}(?:,\s*[A-Z][A-Za-z.]*(?:\s+[A-Z][a-z]*\.?)?)?"
    r"(?:,?\s*(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]{2,8})(?:,?\s+\d{4})?)?"
    r"\s*(?:\([^()\n]{1,60}\))?\s*[-–—]{1,2}\s"
)


def mask_dateline(unit: str) -> str:
    """Blank a wire dateline ("BRUSSELS, March 3 (Wire) - ") with spaces of the same length.

    The parser otherwise reads the city as a party of the lede's first clause; blanking keeps
    every character offset, so evidence still indexes the article text.
    """
    match = _DATELINE.match(unit)
    if match is None:
        return unit
    return " " * match.end() + unit[match.end() :]


def is_headline(text: str, start: int, end: int) -> bool:
    """A line that reads as a title or sub-heading: short, not ending as a sentence does."""
    line = text[start:end].strip()
    return 0 < len(line) <= 160 and not line.endswith((".", "!", "?", ":", '"', "”"))
