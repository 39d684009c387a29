"""The deal an article is about, read with patterns over the raw text (no parse).

Merger and investment events often name no firm ("the CMA referred the deal to phase 2"): the
firms are in the sentence that describes the deal ("Tidewell's $4 billion takeover of Boxmark"),
which may hold no decision word and so may never be parsed. These patterns read the deal from
the text itself, identically with and without the prefilter.
"""

import re
from dataclasses import dataclass

_NAME = r"[A-Z][\w&.’'-]*(?:\s+(?:[A-Z][\w&.-]*|&|de|of))*"
_FILLER = r"(?:[\w$€£¥.,%()-]+\s+){0,7}?"
_DEAL_NOUNS = r"(?:acquisition|takeover|purchase|buyout|merger|bid|tie-up|deal)"
_LOWER_WORDS = r"(?:(?:[a-z][\w-]*|[A-Z]{2,3}|[A-Z][a-z]+(?:ish|ian|ese|ch|an))\s+){0,5}"

_PATTERNS = (
    # "Quillon Software's restructured £4.2 billion acquisition of video game developer Brightforge"
    re.compile(
        rf"(?P<a>{_NAME})['’]s?\s+{_FILLER}{_DEAL_NOUNS}\s+(?:of|for|with)\s+"
        rf"(?:the\s+)?{_LOWER_WORDS}(?P<b>{_NAME})"
    ),
    # "the merger of regional carriers Azulmar and Voa Sul", "a tie-up between X and Y"
    re.compile(
        rf"{_DEAL_NOUNS}\s+(?:of|between)\s+{_LOWER_WORDS}(?P<a>{_NAME})\s+(?:and|with)\s+"
        rf"(?P<b>{_NAME})"
    ),
    # "Tidewell agreed to buy Boxmark", "Cadenza plans to acquire chip-design firm Siltrace"
    re.compile(
        rf"(?P<a>{_NAME})\s+(?:has\s+|had\s+)?(?:agreed|agrees|plans|planned|offered|"
        rf"proposed|sought|seeks|moved|bid)\s+to\s+(?:buy|acquire|take\s+over|merge\s+with)\s+"
        rf"(?:the\s+)?{_LOWER_WORDS}(?P<b>{_NAME})"
    ),
)
_STOP = frozenset({"The", "A", "An", "This", "That", "Its", "Their", "It", "In", "On", "After"})


@dataclass(frozen=True)
class Deal:
    """The two sides of a deal, as written."""

    acquirer: str
    target: str


def find_deals(text: str) -> list[Deal]:
    """Every deal the text describes, in order of appearance."""
    found: list[tuple[int, Deal]] = []
    for pattern in _PATTERNS:
        for match in pattern.finditer(text):
            a, b = _clean(match.group("a")), _clean(match.group("b"))
            if a and b and a != b:
                found.append((match.start(), Deal(a, b)))
    return [deal for _, deal in sorted(found, key=lambda pair: pair[0])]


def _clean(name: str) -> str:
    words = name.replace("’", "'").split()
    while words and words[0] in _STOP:
        words = words[1:]
    while words and words[-1].lower() in ("of", "de", "&"):
        words = words[:-1]
    name = " ".join(words).rstrip(".,")
    return re.sub(r"'s?$", "", name)
