"""Money amounts: a number with a scale and an ISO 4217 currency.

Currency surface forms live in ``models/normalize/currencies.tsv`` so a new symbol or name is
one line of data. They match case-sensitively, so "TRY 5m" is lira but "try 5 times" is not.
Amounts read here are also what :func:`find_quantities` refuses to count.
"""

import functools
import re

from clearance.normalize.found import Found
from clearance.normalize.numbers import NUMERIC, SCALE_GLUED, SCALE_WORD, number_value
from clearance.normalize.tables import default_table
from clearance.records import Money

_AMOUNT = (
    rf"(?P<num>{NUMERIC})"
    rf"(?:\s?-?(?P<scale>{SCALE_WORD})\b|(?P<glued>{SCALE_GLUED})\b)?"
)


@functools.cache
def _currencies() -> tuple[dict[str, str], dict[str, str]]:
    """(pre, post) maps from surface form (as written) to ISO code."""
    pre: dict[str, str] = {}
    post: dict[str, str] = {}
    for row in default_table("normalize", "currencies.tsv"):
        key = row["surface"]
        if row["position"] in ("pre", "both"):
            pre[key] = row["code"]
        if row["position"] in ("post", "both"):
            post[key] = row["code"]
    return pre, post


def _alternation(surfaces: list[str]) -> str:
    ordered = sorted(surfaces, key=len, reverse=True)
    return "|".join(re.escape(s).replace(r"\ ", r"\s+") for s in ordered)


@functools.cache
def _money_re() -> re.Pattern[str]:
    pre, post = _currencies()
    before = rf"(?<![A-Za-z])(?P<pre>{_alternation(list(pre))})\s?{_AMOUNT}"
    after = _AMOUNT.replace("(?P<", "(?P<a_")
    after = rf"(?<![\w.,]){after}\s?(?P<post>{_alternation(list(post))})(?![A-Za-z])"
    return re.compile(rf"{before}(?![\w%])|{after}")


def _money_from(match: re.Match[str]) -> Money | None:
    pre, post = _currencies()
    if match["pre"]:
        currency = pre[_norm(match["pre"])]
        value = number_value(match["num"], match["scale"] or match["glued"])
    else:
        currency = post[_norm(match["post"])]
        value = number_value(match["a_num"], match["a_scale"] or match["a_glued"])
    if value is None:
        return None
    return Money(text=match.group(0), value=value, currency=currency)


def _norm(surface: str) -> str:
    return re.sub(r"\s+", " ", surface)


def parse_money(text: str) -> Money | None:
    """The amount ``text`` states ("$69 billion" -> 69000000000 USD), or ``None``."""
    match = _money_re().fullmatch(text.strip())
    return _money_from(match) if match is not None else None


def find_money(sentence: str) -> list[Found[Money]]:
    """Every money amount in ``sentence``, with offsets into it."""
    found: list[Found[Money]] = []
    for match in _money_re().finditer(sentence):
        money = _money_from(match)
        if money is not None:
            found.append(Found(match.start(), match.end(), match.group(0), money))
    return found
