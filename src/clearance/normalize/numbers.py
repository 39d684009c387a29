"""Numbers and counted quantities, with honest bounds.

Why not a library alone: text2num reads spelled integers well but mangles "1.5 million" and
"hundreds of thousands" (FIELD-NOTES), and general quantity parsers read "H200" as a unit. So
digits, scale words and vague magnitudes are parsed here; text2num only reads spelled integers.

Bounds (RECORD.md ``Quantity``): ``exact`` has ``low == high == value``; ``more_than`` and
``at_least`` have ``low = value``; ``at_most`` and ``less_than`` have ``high = value``; ``about``
on a single number has no bounds; vague magnitudes are ``about`` with ``value = low``:
"hundreds of X" is 100X..1000X-1, "tens of X" 10X..100X-1, plain "thousands"/"millions" X..1000X-1,
"hundreds" 100..999, "dozens" 24..99, "scores" 40..99, "several N" 3N..10N-1, "a few N" 2N..5N,
"a couple of N" 2N..3N, "many N" 2N..10N-1.
"""

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from text_to_num import text2num

from clearance.normalize.found import Found
from clearance.normalize.tables import default_table
from clearance.records import Number, Qualifier, Quantity

SCALES: dict[str, int] = {
    "hundred": 100,
    "thousand": 1_000,
    "k": 1_000,
    "lakh": 100_000,
    "lakhs": 100_000,
    "million": 1_000_000,
    "mil": 1_000_000,
    "mln": 1_000_000,
    "mn": 1_000_000,
    "m": 1_000_000,
    "crore": 10_000_000,
    "crores": 10_000_000,
    "cr": 10_000_000,
    "billion": 1_000_000_000,
    "bn": 1_000_000_000,
    "bln": 1_000_000_000,
    "b": 1_000_000_000,
    "trillion": 1_000_000_000_000,
    "tn": 1_000_000_000_000,
    "trn": 1_000_000_000_000,
}

NUMERIC = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
# Scale words that may follow a number after a space; single letters only when glued ("400k").
SCALE_WORD = r"(?:trillion|billion|million|thousand|crores?|lakhs?|mln|mn|bln|bn|tn|trn|mil)"
SCALE_GLUED = r"(?:(?i:bn|mn|mln|tn)|(?-i:k|m|b|M|B))"
DIGITS = (
    rf"(?<![\w.,$€£¥])(?P<num>{NUMERIC})"
    rf"(?:(?:\s?-?(?P<scale>{SCALE_WORD})\b)|(?P<glued>{SCALE_GLUED})\b)?"
    r"(?![\w%]|\.\d|,\d)"
)

_ONES = [
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
_TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_WORD = (
    rf"(?:(?:{'|'.join(_TENS)})(?:-(?:{'|'.join(_ONES[:9])}))?|{'|'.join(reversed(_ONES))}"
    r"|hundred|thousand|million|billion|trillion|dozen)"
)
_JOIN = r"(?:(?<=hundred)\s+and\s+|(?<=thousand)\s+and\s+|[\s-]+)"
SPELLED = (
    rf"\b(?P<spelled>(?:half\s+an?\s+|an?\s+)?{_WORD}(?:{_JOIN}{_WORD})*)\b(?!-(?:year|month))"
)
_PLURAL_SCALE = r"(?:thousands|millions|billions|trillions)"
VAGUE = (
    r"\b(?P<vague>"
    rf"(?P<vmul>tens|hundreds)\s+of\s+(?P<vbase>{_PLURAL_SCALE})"
    r"|(?P<vq>several|a\s+few|a\s+couple\s+of|many)\s+"
    r"(?P<vscale>(?:hundred|thousand|million|billion)(?:\s+(?:thousand|million))?)"
    rf"|(?P<vplain>{_PLURAL_SCALE}|hundreds|dozens|scores)"
    r")\b"
)
_ATOM = rf"(?:{VAGUE}|{DIGITS}|{SPELLED})"

_VAGUE_FACTORS: dict[str, tuple[int, int]] = {
    "several": (3, 10),
    "a few": (2, 5),
    "a couple of": (2, 3),
    "many": (2, 10),
}


@dataclass(frozen=True)
class _Reading:
    """One number expression read: its point value and, for vague ones, bounds."""

    value: Number
    low: Number | None = None
    high: Number | None = None
    vague: bool = False


def as_number(value: Decimal) -> Number:
    """Integral values come back as ``int`` so that 2.4 million is 2400000, not 2400000.0."""
    if value == value.to_integral_value():
        return int(value)
    return float(value)


def number_value(num: str, scale: str | None) -> Number | None:
    """Digits (with thousands separators) times an optional scale word."""
    try:
        base = Decimal(num.replace(",", ""))
    except InvalidOperation:
        return None
    factor = SCALES.get(scale.lower(), 1) if scale else 1
    return as_number(base * factor)


def spelled_value(words: str) -> int | None:
    """A spelled integer ("four hundred thousand", "a dozen", "half a million") via text2num."""
    text = re.sub(r"[\s-]+", " ", words.lower()).strip()
    if text.startswith("half a ") or text.startswith("half an "):
        whole = spelled_value("one " + text.split(" ", 2)[2])
        return whole // 2 if whole is not None else None
    if text in {"a", "an"}:
        return None
    text = re.sub(r"^an? ", "one ", text)
    if text.endswith("dozen"):
        prefix = text.removesuffix("dozen").strip() or "one"
        count = spelled_value(prefix)
        return count * 12 if count is not None else None
    if "dozen" in text.split():
        return None
    try:
        return int(text2num(text, "en"))
    except ValueError:
        return None


def _vague_reading(match: re.Match[str]) -> _Reading | None:
    if match["vmul"]:
        base = SCALES[match["vbase"].lower().removesuffix("s")]
        mul = 10 if match["vmul"].lower() == "tens" else 100
        return _Reading(mul * base, mul * base, mul * base * 10 - 1, vague=True)
    if match["vq"]:
        size = spelled_value(match["vscale"])
        if size is None:
            return None
        low, high = _VAGUE_FACTORS[re.sub(r"\s+", " ", match["vq"].lower())]
        top = size * high - (1 if high == 10 else 0)
        return _Reading(size * low, size * low, top, vague=True)
    plain = match["vplain"].lower()
    bounds = {"hundreds": (100, 999), "dozens": (24, 99), "scores": (40, 99)}
    if plain in bounds:
        low, high = bounds[plain]
        return _Reading(low, low, high, vague=True)
    base = SCALES[plain.removesuffix("s")]
    return _Reading(base, base, base * 1000 - 1, vague=True)


def _atom_reading(match: re.Match[str]) -> _Reading | None:
    """Read whichever alternative of ``_ATOM`` matched."""
    if match["vague"]:
        return _vague_reading(match)
    if match["num"]:
        value = number_value(match["num"], match["scale"] or match["glued"])
        return _Reading(value) if value is not None else None
    spelled = spelled_value(match["spelled"])
    return _Reading(spelled) if spelled is not None else None


_ATOM_RE = re.compile(_ATOM, re.IGNORECASE)
_YEAR_RE = re.compile(r"(?:1[89]|2[01])\d\d")


def parse_number(text: str, *, allow_year: bool = False) -> Number | None:
    """The value of one number expression, or ``None`` when ``text`` is not just a number.

    Reads "400,000", "2.4 million", "1.5bn", "20 mil", "two million", "a dozen" and vague
    magnitudes (their low bound: "hundreds of thousands" -> 100000). A bare four-digit year
    ("2025") is ``None`` unless ``allow_year``; percentages, model codes ("H200", "5G"),
    ordinals ("3rd") and phrases with other words ("fiscal 2025") never match.
    """
    stripped = text.strip()
    if not allow_year and _YEAR_RE.fullmatch(stripped):
        return None
    match = _ATOM_RE.fullmatch(stripped)
    if match is None:
        return None
    reading = _atom_reading(match)
    return reading.value if reading is not None else None


# --- qualifiers and ranges -------------------------------------------------------------------


@functools.cache
def _qualifier_tables() -> tuple[dict[str, Qualifier], dict[str, Qualifier]]:
    pre: dict[str, Qualifier] = {}
    post: dict[str, Qualifier] = {}
    for row in default_table("normalize", "qualifiers.tsv"):
        target = post if row["position"] == "post" else pre
        target[row["phrase"].lower()] = Qualifier(row["qualifier"])
    return pre, post


def _alternation(phrases: list[str]) -> str:
    ordered = sorted(phrases, key=len, reverse=True)
    return "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in ordered)


@functools.cache
def _quantity_re() -> re.Pattern[str]:
    pre, post = _qualifier_tables()
    second = _ATOM.replace("(?P<", "(?P<b_")
    # "and" joins a range only after "between": "400 and 500 chips" are two counts.
    core = (
        rf"(?:(?P<lead>between|from)\s+)?{_ATOM}"
        rf"(?:\s*(?:-|–|—|to|(?(lead)and|(?!x)x))\s*{second})?"
    )
    pattern = (
        rf"(?:\b(?P<pre>{_alternation(list(pre))})\s+)?"
        rf"(?P<core>{core})"
        rf"(?:\s*(?P<post>(?<!\w)\+|\b(?:{_alternation(list(post))})\b))?"
    )
    return re.compile(pattern, re.IGNORECASE)


def _second(match: re.Match[str]) -> re.Match[str] | None:
    """The range's upper atom re-read on its own, so its groups have their plain names."""
    span = _upper_span(match)
    if span is None:
        return None
    return _ATOM_RE.fullmatch(match.string[span[0] : span[1]])


def _upper_span(match: re.Match[str]) -> tuple[int, int] | None:
    for group in ("b_vague", "b_num", "b_spelled"):
        if match[group]:
            start = match.start(group)
            end = match.end("b_scale") if group == "b_num" and match["b_scale"] else None
            if group == "b_num" and match["b_glued"]:
                end = match.end("b_glued")
            return start, end if end is not None else match.end(group)
    return None


def _range_quantity(text: str, first: _Reading, upper: re.Match[str]) -> Quantity | None:
    high = _atom_reading(upper)
    if high is None:
        return None
    low_value = first.value
    scale = upper["scale"] or upper["glued"]
    if (
        scale
        and isinstance(low_value, int | float)
        and low_value < high.value / SCALES[scale.lower()]
    ):
        low_value = as_number(Decimal(str(low_value)) * SCALES[scale.lower()])
    top = high.high if high.high is not None else high.value
    return Quantity(text=text, value=low_value, low=low_value, high=top, qualifier=Qualifier.RANGE)


def _bounded(text: str, reading: _Reading, qualifier: Qualifier) -> Quantity:
    value = reading.value
    if reading.vague:
        if qualifier in (Qualifier.EXACT, Qualifier.ABOUT):
            return Quantity(
                text=text,
                value=value,
                low=reading.low,
                high=reading.high,
                qualifier=Qualifier.ABOUT,
            )
        bound = reading.low if qualifier in _LOWER else reading.high
        value = bound if bound is not None else value
    low, high = {
        Qualifier.EXACT: (value, value),
        Qualifier.ABOUT: (None, None),
        Qualifier.MORE_THAN: (value, None),
        Qualifier.AT_LEAST: (value, None),
        Qualifier.AT_MOST: (None, value),
        Qualifier.LESS_THAN: (None, value),
    }[qualifier]
    return Quantity(text=text, value=value, low=low, high=high, qualifier=qualifier)


_LOWER = (Qualifier.MORE_THAN, Qualifier.AT_LEAST)


def _quantity_from(match: re.Match[str]) -> Quantity | None:
    """Build the Quantity a ``_quantity_re`` match stands for (no unit yet)."""
    first = _atom_reading(match)
    if first is None:
        return None
    text = match.group(0)
    upper = _second(match)
    if upper is not None:
        return _range_quantity(text, first, upper)
    if match["lead"]:
        return None  # "from 2019" without "to ...": not a range, and "from" marks a start

    pre, post = _qualifier_tables()
    qualifier = Qualifier.EXACT
    if match["pre"]:
        qualifier = pre[re.sub(r"\s+", " ", match["pre"].lower())]
    elif match["post"]:
        qualifier = post.get(match["post"].lower(), Qualifier.AT_LEAST)
    return _bounded(text, first, qualifier)


def parse_quantity(text: str, unit: str | None = None) -> Quantity | None:
    """A qualified quantity phrase ("more than 400,000", "between 10 and 20 million").

    The whole of ``text`` must be the phrase (surrounding whitespace aside); ``unit`` is copied
    into the result. Returns ``None`` for anything else, including bare years.
    """
    stripped = text.strip()
    if _YEAR_RE.fullmatch(stripped):
        return None
    match = _quantity_re().fullmatch(stripped)
    if match is None:
        return None
    quantity = _quantity_from(match)
    if quantity is not None and unit is not None:
        quantity.unit = unit
    return quantity


def iter_quantity_matches(sentence: str) -> Iterator[tuple[re.Match[str], Quantity]]:
    """Every qualified-number match in ``sentence`` with its Quantity (no context checks)."""
    for match in _quantity_re().finditer(sentence):
        if not match.group(0).strip():
            continue
        quantity = _quantity_from(match)
        if quantity is not None:
            yield match, quantity


def find_quantities(sentence: str) -> list[Found[Quantity]]:
    """Every counted quantity in ``sentence``; see :mod:`clearance.normalize.quantities`."""
    from clearance.normalize.quantities import find_counted

    return find_counted(sentence)
