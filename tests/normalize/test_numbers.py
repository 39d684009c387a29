"""Table-driven cases for numbers and qualified quantities."""

import pytest

from clearance.normalize.numbers import parse_number, parse_quantity
from clearance.records import Qualifier

NUMBERS = [
    ("400,000", 400000),
    ("2.4 million", 2400000),
    ("1.5bn", 1500000000),
    ("1.5 billion", 1500000000),
    ("20 mil", 20000000),
    ("20 million", 20000000),
    ("3.2bn", 3200000000),
    ("400k", 400000),
    ("5m", 5000000),
    ("12", 12),
    ("1,234,567", 1234567),
    ("0.5", 0.5),
    ("2.75 million", 2750000),
    ("1.25", 1.25),
    ("two million", 2000000),
    ("four hundred thousand", 400000),
    ("a dozen", 12),
    ("two dozen", 24),
    ("half a million", 500000),
    ("a million", 1000000),
    ("a hundred", 100),
    ("twenty-five thousand", 25000),
    ("one hundred and twenty", 120),
    ("Two Million", 2000000),
    ("hundreds of thousands", 100000),
    ("tens of thousands", 10000),
    ("dozens", 24),
    ("1,200 crore", 12000000000),
    ("5 lakh", 500000),
    ("2 trillion", 2000000000000),
]
NOT_NUMBERS = [
    "fiscal 2025",
    "in 2025",
    "2025",
    "H200",
    "5G",
    "A100",
    "3rd",
    "second",
    "10%",
    "10 percent",
    "Q3",
    "",
    "chips",
    "a",
    "FY2025",
]


@pytest.mark.parametrize(("text", "value"), NUMBERS)
def test_parse_number(text: str, value: float) -> None:
    result = parse_number(text)
    assert result == value
    assert type(result) is type(value)


@pytest.mark.parametrize("text", NOT_NUMBERS)
def test_parse_number_refuses(text: str) -> None:
    assert parse_number(text) is None


def test_year_allowed_when_asked() -> None:
    assert parse_number("2025", allow_year=True) == 2025


Q = Qualifier
QUANTITIES = [
    ("more than 400,000", 400000, 400000, None, Q.MORE_THAN),
    ("over 1,000", 1000, 1000, None, Q.MORE_THAN),
    ("exceeding two million", 2000000, 2000000, None, Q.MORE_THAN),
    ("above 50", 50, 50, None, Q.MORE_THAN),
    ("at least 300", 300, 300, None, Q.AT_LEAST),
    ("400,000 or more", 400000, 400000, None, Q.AT_LEAST),
    ("up to 5,000", 5000, None, 5000, Q.AT_MOST),
    ("as many as 10,000", 10000, None, 10000, Q.AT_MOST),
    ("less than 50", 50, None, 50, Q.LESS_THAN),
    ("fewer than 50", 50, None, 50, Q.LESS_THAN),
    ("under 2 million", 2000000, None, 2000000, Q.LESS_THAN),
    ("about 300", 300, None, None, Q.ABOUT),
    ("around 1.5 million", 1500000, None, None, Q.ABOUT),
    ("roughly 20,000", 20000, None, None, Q.ABOUT),
    ("nearly 2 million", 2000000, None, None, Q.ABOUT),
    ("some 400", 400, None, None, Q.ABOUT),
    ("an estimated 3,000", 3000, None, None, Q.ABOUT),
    ("hundreds of thousands", 100000, 100000, 999999, Q.ABOUT),
    ("tens of thousands", 10000, 10000, 99999, Q.ABOUT),
    ("hundreds of millions", 100000000, 100000000, 999999999, Q.ABOUT),
    ("several hundred thousand", 300000, 300000, 999999, Q.ABOUT),
    ("a few thousand", 2000, 2000, 5000, Q.ABOUT),
    ("thousands", 1000, 1000, 999999, Q.ABOUT),
    ("dozens", 24, 24, 99, Q.ABOUT),
    ("between 10 and 20", 10, 10, 20, Q.RANGE),
    ("between 10 and 20 million", 10000000, 10000000, 20000000, Q.RANGE),
    ("from 5 to 10", 5, 5, 10, Q.RANGE),
    ("10-20", 10, 10, 20, Q.RANGE),
    ("2.4 million", 2400000, 2400000, 2400000, Q.EXACT),
    ("400,000", 400000, 400000, 400000, Q.EXACT),
    ("more than hundreds of thousands", 100000, 100000, None, Q.MORE_THAN),
]


@pytest.mark.parametrize(("text", "value", "low", "high", "qualifier"), QUANTITIES)
def test_parse_quantity(
    text: str, value: int, low: int | None, high: int | None, qualifier: Qualifier
) -> None:
    quantity = parse_quantity(text)
    assert quantity is not None
    assert (quantity.value, quantity.low, quantity.high, quantity.qualifier) == (
        value,
        low,
        high,
        qualifier,
    )
    assert quantity.text == text


def test_parse_quantity_keeps_unit() -> None:
    quantity = parse_quantity("more than 400,000", unit="chips")
    assert quantity is not None and quantity.unit == "chips"


@pytest.mark.parametrize("text", ["fiscal 2025", "H200", "2025", "10%", "10 and 20", "chips"])
def test_parse_quantity_refuses(text: str) -> None:
    assert parse_quantity(text) is None
