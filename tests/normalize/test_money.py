"""Money amounts with ISO 4217 currencies."""

import pytest

from clearance.normalize.money import find_money, parse_money

MONEY = [
    ("$69 billion", 69000000000, "USD"),
    ("$69bn", 69000000000, "USD"),
    ("US$1.2bn", 1200000000, "USD"),
    ("€500 million", 500000000, "EUR"),
    ("1.5 billion yuan", 1500000000, "CNY"),
    ("Rs 1,200 crore", 12000000000, "INR"),
    ("£3.2bn", 3200000000, "GBP"),
    ("HK$10bn", 10000000000, "HKD"),
    ("A$5 million", 5000000, "AUD"),
    ("C$3m", 3000000, "CAD"),
    ("¥500 billion", 500000000000, "JPY"),
    ("100 billion won", 100000000000, "KRW"),
    ("2,000 rupees", 2000, "INR"),
    ("50 million euros", 50000000, "EUR"),
    ("USD 5 million", 5000000, "USD"),
    ("$5M", 5000000, "USD"),
    ("RMB 3 billion", 3000000000, "CNY"),
    ("$1.25", 1.25, "USD"),
    ("NT$2bn", 2000000000, "TWD"),
    ("300 million Swiss francs", 300000000, "CHF"),
    ("3.8 billion Australian dollar", 3800000000, "AUD"),
    ("96 million Canadian dollars", 96000000, "CAD"),
    ("410 million euro", 410000000, "EUR"),
]


@pytest.mark.parametrize(("text", "value", "currency"), MONEY)
def test_parse_money(text: str, value: float, currency: str) -> None:
    money = parse_money(text)
    assert money is not None
    assert (money.value, money.currency, money.text) == (value, currency, text)


@pytest.mark.parametrize("text", ["400,000 chips", "H200", "try 5 times", "", "10%"])
def test_not_money(text: str) -> None:
    assert parse_money(text) is None


def test_find_money_offsets() -> None:
    sentence = "The deal, valued at $69 billion, beat a €500 million bid and 1.5 billion yuan."
    found = find_money(sentence)
    assert [(f.text, f.value.currency) for f in found] == [
        ("$69 billion", "USD"),
        ("€500 million", "EUR"),
        ("1.5 billion yuan", "CNY"),
    ]
    assert all(sentence[f.start : f.end] == f.text for f in found)
