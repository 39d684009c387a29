"""Time expressions resolved against a publication date."""

import datetime as dt

import pytest

from clearance.normalize.dates import resolve_when

D = dt.date
WED = D(2026, 1, 28)  # the seed article's publication date, a Wednesday
SUN = D(2026, 2, 1)
MON = D(2026, 2, 2)

CASES = [
    ("this week", WED, D(2026, 1, 26), D(2026, 2, 1)),
    ("this week", SUN, D(2026, 1, 26), D(2026, 2, 1)),
    ("this week", MON, D(2026, 2, 2), D(2026, 2, 8)),
    ("last week", WED, D(2026, 1, 19), D(2026, 1, 25)),
    ("next week", WED, D(2026, 2, 2), D(2026, 2, 8)),
    ("earlier this week", WED, D(2026, 1, 26), WED),
    ("later this week", WED, WED, D(2026, 2, 1)),
    ("the past week", WED, D(2026, 1, 22), WED),
    ("this month", WED, D(2026, 1, 1), D(2026, 1, 31)),
    ("last month", WED, D(2025, 12, 1), D(2025, 12, 31)),
    ("next month", WED, D(2026, 2, 1), D(2026, 2, 28)),
    ("earlier this month", WED, D(2026, 1, 1), WED),
    ("later this month", WED, WED, D(2026, 1, 31)),
    ("earlier this year", WED, D(2026, 1, 1), WED),
    ("last year", WED, D(2025, 1, 1), D(2025, 12, 31)),
    ("January 13", D(2026, 1, 2), D(2026, 1, 13), D(2026, 1, 13)),
    ("January 13", D(2026, 3, 1), D(2026, 1, 13), D(2026, 1, 13)),
    ("January 13", D(2025, 12, 28), D(2026, 1, 13), D(2026, 1, 13)),
    ("December 30", D(2026, 1, 2), D(2025, 12, 30), D(2025, 12, 30)),
    ("on January 13", D(2026, 1, 2), D(2026, 1, 13), D(2026, 1, 13)),
    ("13 January", WED, D(2026, 1, 13), D(2026, 1, 13)),
    ("Jan. 13", WED, D(2026, 1, 13), D(2026, 1, 13)),
    ("January 13, 2025", WED, D(2025, 1, 13), D(2025, 1, 13)),
    ("on Tuesday", WED, D(2026, 1, 27), D(2026, 1, 27)),
    ("Wednesday", WED, WED, WED),
    ("last Wednesday", WED, D(2026, 1, 21), D(2026, 1, 21)),
    ("next Friday", WED, D(2026, 1, 30), D(2026, 1, 30)),
    ("on Friday", WED, D(2026, 1, 23), D(2026, 1, 23)),
    ("yesterday", WED, D(2026, 1, 27), D(2026, 1, 27)),
    ("today", WED, WED, WED),
    ("two weeks ago", WED, D(2026, 1, 14), D(2026, 1, 14)),
    ("in 2027", WED, D(2027, 1, 1), D(2027, 12, 31)),
    ("by 2027", WED, None, D(2027, 12, 31)),
    ("by the end of 2026", WED, None, D(2026, 12, 31)),
    ("since 2020", WED, D(2020, 1, 1), None),
    ("Since 1 July 2024", WED, D(2024, 7, 1), None),
    ("since October", D(2025, 5, 6), D(2024, 10, 1), None),
    ("from 1 January 2026", D(2025, 6, 11), D(2026, 1, 1), D(2026, 1, 1)),
    ("from next year", D(2025, 9, 16), D(2026, 1, 1), D(2026, 12, 31)),
    ("not before next year", D(2025, 11, 21), D(2026, 1, 1), None),
    ("within 60 days", D(2025, 4, 17), D(2025, 4, 17), D(2025, 6, 16)),
    ("within two months", D(2025, 4, 17), D(2025, 4, 17), D(2025, 6, 17)),
    ("before Christmas", D(2025, 10, 6), None, D(2025, 12, 25)),
    ("before the end of the year", D(2025, 10, 24), None, D(2025, 12, 31)),
    ("for 2025", D(2025, 3, 12), D(2025, 1, 1), D(2025, 12, 31)),
    ("in March", D(2025, 10, 2), D(2025, 3, 1), D(2025, 3, 31)),
    ("in January", D(2025, 8, 18), D(2025, 1, 1), D(2025, 1, 31)),
    ("in December", D(2025, 10, 20), D(2025, 12, 1), D(2025, 12, 31)),
    ("by March", D(2025, 10, 2), None, D(2026, 3, 31)),
    ("earlier in the year", D(2025, 6, 24), D(2025, 1, 1), D(2025, 6, 24)),
    ("by the end of next year", WED, None, D(2027, 12, 31)),
    ("Q3 2025", WED, D(2025, 7, 1), D(2025, 9, 30)),
    ("the third quarter of 2025", WED, D(2025, 7, 1), D(2025, 9, 30)),
    ("first half of 2026", WED, D(2026, 1, 1), D(2026, 6, 30)),
    ("H2 2025", WED, D(2025, 7, 1), D(2025, 12, 31)),
    ("fiscal 2025", WED, D(2025, 1, 1), D(2025, 12, 31)),
    ("FY2025", WED, D(2025, 1, 1), D(2025, 12, 31)),
    ("in March", WED, D(2026, 3, 1), D(2026, 3, 31)),
    ("December 2025", WED, D(2025, 12, 1), D(2025, 12, 31)),
    ("2026-01-13", WED, D(2026, 1, 13), D(2026, 1, 13)),
    ("by year-end", WED, None, D(2026, 12, 31)),
]
UNRESOLVABLE = [
    "earlier",
    "until recently",
    "in the coming weeks",
    "recently",
    "soon",
    "in future batches",
    "previously",
    "within about two months",
    "in three days",
    "",
]


@pytest.mark.parametrize(("text", "anchor", "start", "end"), CASES)
def test_resolve_when(
    text: str, anchor: dt.date, start: dt.date | None, end: dt.date | None
) -> None:
    when = resolve_when(text, anchor)
    assert (when.start, when.end) == (start, end)
    assert when.anchor == anchor
    assert when.text == text


@pytest.mark.parametrize("text", UNRESOLVABLE)
def test_unresolvable_is_null_not_anchor(text: str) -> None:
    when = resolve_when(text, WED)
    assert (when.start, when.end, when.anchor, when.text) == (None, None, WED, text)


@pytest.mark.parametrize("text", ["this week", "January 13", "on Tuesday", "last month"])
def test_relative_without_anchor_is_null(text: str) -> None:
    when = resolve_when(text, None)
    assert (when.start, when.end, when.anchor) == (None, None, None)


def test_absolute_without_anchor() -> None:
    when = resolve_when("in 2027", None)
    assert (when.start, when.end) == (D(2027, 1, 1), D(2027, 12, 31))
