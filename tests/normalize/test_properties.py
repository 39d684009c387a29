"""Property tests: integers written with separators, in scale words or spelled out round-trip."""

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from clearance.normalize.money import parse_money
from clearance.normalize.numbers import find_quantities, parse_number, parse_quantity

from .conftest import PROFILE

_ONES = [
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
    "nineteen",
]  # fmt: skip
_TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_SCALES = [(10**12, "trillion"), (10**9, "billion"), (10**6, "million"), (1000, "thousand")]


def spell(n: int, *, hyphen: bool = True, use_and: bool = False) -> str:
    """An independent English speller (the inverse text2num is checked against)."""
    if n < 20:
        return _ONES[n]
    if n < 100:
        tens, ones = divmod(n, 10)
        joiner = "-" if hyphen else " "
        return _TENS[tens] + (joiner + _ONES[ones] if ones else "")
    if n < 1000:
        hundreds, rest = divmod(n, 100)
        head = f"{_ONES[hundreds]} hundred"
        if not rest:
            return head
        return f"{head} {'and ' if use_and else ''}{spell(rest, hyphen=hyphen)}"
    for size, word in _SCALES:
        if n >= size:
            top, rest = divmod(n, size)
            head = f"{spell(top, hyphen=hyphen)} {word}"
            return head if not rest else f"{head} {spell(rest, hyphen=hyphen, use_and=use_and)}"
    raise AssertionError(n)


@settings(PROFILE)
@given(st.integers(min_value=1000, max_value=10**15))
def test_separated_digits_round_trip(n: int) -> None:
    assert parse_number(f"{n:,}") == n


@settings(PROFILE)
@given(st.integers(min_value=0, max_value=10**12))
def test_plain_digits_round_trip(n: int) -> None:
    assert parse_number(str(n), allow_year=True) == n


@settings(PROFILE)
@given(
    st.integers(min_value=1, max_value=999),
    st.integers(min_value=0, max_value=2),
    st.sampled_from(
        [
            ("thousand", 10**3),
            ("million", 10**6),
            ("billion", 10**9),
            ("trillion", 10**12),
            ("bn", 10**9),
            ("mn", 10**6),
            ("mil", 10**6),
            ("m", 10**6),
            ("k", 10**3),
        ]
    ),
)
def test_scale_words_round_trip(mantissa: int, places: int, scale: tuple[str, int]) -> None:
    word, size = scale
    number = Decimal(mantissa) / (10**places)
    glued = word in {"m", "k"}
    text = f"{number}{'' if glued else ' '}{word}"
    expected = number * size
    value = parse_number(text)
    assert value is not None
    assert Decimal(str(value)) == expected
    if expected == expected.to_integral_value():
        assert isinstance(value, int)


@settings(PROFILE)
@given(st.integers(min_value=1, max_value=10**12 - 1), st.booleans(), st.booleans())
def test_spelled_out_round_trip(n: int, hyphen: bool, use_and: bool) -> None:
    text = spell(n, hyphen=hyphen, use_and=use_and)
    assert parse_number(text) == n, text


@settings(PROFILE)
@given(st.integers(min_value=2, max_value=10**9), st.sampled_from(["chips", "units", "tonnes"]))
def test_counted_quantity_round_trips(n: int, unit: str) -> None:
    sentence = f"Regulators cleared more than {n:,} {unit} for export."
    (found,) = find_quantities(sentence)
    assert (found.value.value, found.value.low, found.value.unit) == (n, n, unit)
    assert sentence[found.start : found.end] == found.text


@settings(PROFILE)
@given(st.integers(min_value=1, max_value=10**6), st.integers(min_value=1, max_value=10**6))
def test_ranges_are_ordered_as_written(a: int, b: int) -> None:
    quantity = parse_quantity(f"between {a:,} and {b:,}")
    assert quantity is not None
    assert (quantity.low, quantity.high) == (a, b)


@settings(PROFILE)
@given(st.integers(min_value=1, max_value=10**12), st.sampled_from(["$", "€", "£", "HK$"]))
def test_money_round_trips(n: int, symbol: str) -> None:
    money = parse_money(f"{symbol}{n:,}")
    assert money is not None and money.value == n
