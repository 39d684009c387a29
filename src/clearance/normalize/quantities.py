"""Counted quantities in a sentence: the number, its qualifier and the noun it counts.

Context decides what is *not* a count: years ("in 2025", "fiscal 2025"), dates ("January 13"),
percentages, money, times, ages, durations, multipliers ("six times"), labels ("Section 232")
and model codes ("H200", "5G", which the number pattern never matches).
"""

import re

from clearance.normalize.found import Found
from clearance.normalize.money import find_money
from clearance.normalize.numbers import iter_quantity_matches
from clearance.records import Quantity

_MONTHS = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec",
}  # fmt: skip
_LABELS = {
    "article", "section", "no", "no.", "nos", "chapter", "phase", "model", "series", "version",
    "tier", "level", "class", "title", "rule", "form", "item", "part", "stage", "grade", "route",
    "flight", "page", "vol", "vol.", "number", "#", "aged", "age", "ages", "paragraph", "schedule",
    "annex", "clause", "case", "docket", "resolution", "gen", "generation", "windows", "ios",
    "android", "covid", "covid-", "g", "top", "group", "category", "round", "line", "lot",
}  # fmt: skip
_YEAR_CUES = {
    "in", "since", "by", "fiscal", "fy", "year", "until", "till", "from", "before", "after",
    "early", "late", "mid", "of", "during", "through", "to", "for", "and", "or", "circa", "around",
    "spring", "summer", "autumn", "fall", "winter", "the", "between", "q1", "q2", "q3", "q4", "h1",
    "h2", "end", "beginning", "start",
}  # fmt: skip
_NOT_UNITS = {
    "times", "time", "fold", "percent", "per", "pct", "percentage", "bps", "basis", "year",
    "years", "month", "months", "week", "weeks", "day", "days", "hour", "hours", "minute",
    "minutes", "second", "seconds", "decade", "decades", "quarter", "quarters", "am", "pm",
    "a.m", "p.m", "a.m.", "p.m.", "o'clock", "gmt", "utc", "et", "bst", "cet", "year-old",
    "years-old", "st", "nd", "rd", "th", "century", "centuries", "nm", "points", "point",
    "-year-old", "-year", "-month", "-day", "-week", "-hour",
}  # fmt: skip
_STOP = {
    "of", "in", "on", "at", "to", "for", "from", "by", "with", "and", "or", "but", "that",
    "which", "who", "whom", "whose", "was", "were", "is", "are", "be", "been", "being", "have",
    "has", "had", "will", "would", "could", "should", "may", "might", "can", "this", "these",
    "those", "than", "as", "per", "into", "over", "under", "after", "before", "during", "since",
    "while", "through", "across", "worth", "each", "a", "an", "the", "said", "says", "its",
    "their", "it", "they", "we", "he", "she", "last", "next", "ago", "more", "less", "not",
    "also", "so", "if", "when", "where", "out", "up", "down", "off", "about", "all", "both",
    "including", "such", "like", "via", "then", "there", "here", "do", "does",
}  # fmt: skip
_INCREMENTS = {"more", "additional", "extra", "further", "new", "other", "fewer"}
_SENTENCE_STARTERS = {"only", "just", "all", "about", "some", "the", "another", "and", "but"}
_DETERMINERS = {"the", "its", "their", "his", "her", "our", "these", "those", "such", "new"}
_IRREGULAR_PLURALS = {
    "people", "staff", "personnel", "cattle", "livestock", "aircraft", "equipment", "sheep",
    "data", "police", "children", "men", "women", "fish", "swine", "poultry", "deer", "series",
}  # fmt: skip
_TOKEN = re.compile(r"[A-Za-z0-9][\w'’.-]*[\w]|[A-Za-z0-9]|-[a-z]+(?:-[a-z]+)*|\S")
_PREV_WORD = re.compile(r"([\w.#'’-]+)\W*$")
_NEXT_WORD = re.compile(r"^\W{0,2}([\w.'’-]+)")
_YEAR = re.compile(r"(?:1[89]|2[01])\d\d")
_BARE_SCALE = re.compile(r"(?:hundred|thousand|million|billion|trillion|dozen)\b", re.I)


def find_counted(sentence: str) -> list[Found[Quantity]]:
    """Every counted quantity in ``sentence``; offsets index ``sentence``.

    The unit is the counted noun after the number, skipping "of the" and model codes
    ("more than 400,000 H200 chips" -> "chips"): the first plural-looking word of the next
    five, else the last of them.
    """
    money = [(f.start, f.end) for f in find_money(sentence)]
    found: list[Found[Quantity]] = []
    for match, quantity in iter_quantity_matches(sentence):
        start, end = match.span()
        if any(s < end and start < e for s, e in money):
            continue
        unit = _counted(sentence, match, quantity)
        if unit is False or unit is True:
            continue
        quantity.unit = unit
        found.append(Found(start, end, sentence[start:end], quantity))
    return found


def _counted(sentence: str, match: re.Match[str], quantity: Quantity) -> str | bool | None:
    """The unit of a match, or ``False`` when the context says it is not a count."""
    start, end = match.span()
    core = match["core"]
    prev = _word_before(sentence, start)
    following = _word_after(sentence, end)
    if _is_label_or_date(sentence, start, end, prev, following):
        return False
    if match["spelled"] and not match["b_spelled"] and _weak_spelled(core, quantity):
        return False
    words, direct = _unit_words(sentence, end)
    if words and words[0].lower().lstrip("-") in _NOT_UNITS | {w.lstrip("-") for w in _NOT_UNITS}:
        return False
    if words and any(w.lower().startswith(("year-", "month-", "-year")) for w in words[:1]):
        return False
    unit = _pick_unit(words)
    first_atom = match["num"] or ""
    bare_year = _YEAR.fullmatch(first_atom) and not match["scale"] and not match["glued"]
    if bare_year and (match["b_num"] or not _year_counts(prev, unit, direct)):
        return False  # "in 2025", "2025-11", "2024-2026"
    if match["num"] and not match["pre"] and _named_model(sentence, match.start("num"), prev):
        return False
    return unit


def _named_model(sentence: str, start: int, prev: str) -> bool:
    """ "Keiler 2", "Boeing 737", "Falcon 9": a number right after a capitalised name inside a
    sentence is part of the name, not a count ("About 3,000" is caught by its qualifier)."""
    if not prev or not prev[0].isupper() or not prev.replace("-", "").isalpha():
        return False
    if prev.lower() in _MONTHS or prev.lower() in _SENTENCE_STARTERS:
        return False
    before = sentence[: start - len(prev) - 1].rstrip()
    if not sentence[:start].rstrip().endswith(prev):
        return False
    return bool(before) and not before.endswith((".", "!", "?", ":", '"', "“", "\n"))


def _is_label_or_date(sentence: str, start: int, end: int, prev: str, following: str) -> bool:
    if prev.lower().rstrip(".") in _MONTHS or following.lower().rstrip(".,") in _MONTHS:
        return True
    if prev.lower() in _LABELS or prev.lower().rstrip(".") in _LABELS:
        return True
    before = sentence[max(0, start - 1) : start]
    after = sentence[end : end + 2]
    if before in {"/", ":", "#", "-"} or re.match(r"[:/]\d|\s?%", after):
        return True
    return bool(
        re.match(
            r"\s*(?:per\s*cent|percent|pct|percentage|basis\s+points|bps)\b", sentence[end:], re.I
        )
    )


def _weak_spelled(core: str, quantity: Quantity) -> bool:
    """Lone "one", "a" and bare scale words ("million-dollar") are not counts."""
    stripped = core.strip().lower()
    return quantity.value == 1 or bool(_BARE_SCALE.match(stripped))


def _year_counts(prev: str, unit: str | None, direct: bool) -> bool:
    """A year-shaped number counts only right before a plural noun and after no year cue."""
    return bool(unit and direct and _is_plural(unit) and prev.lower() not in _YEAR_CUES)


def _word_before(sentence: str, start: int) -> str:
    match = _PREV_WORD.search(sentence[max(0, start - 40) : start])
    return match.group(1) if match else ""


def _word_after(sentence: str, end: int) -> str:
    match = _NEXT_WORD.match(sentence[end : end + 40])
    return match.group(1) if match else ""


def _unit_words(sentence: str, end: int) -> tuple[list[str], bool]:
    """Up to three candidate noun words after a number; ``direct`` when no "of" intervened."""
    words: list[str] = []
    direct = True
    after_of = False
    for token in _TOKEN.finditer(sentence[end : end + 120]):
        if "\n" in sentence[end : end + token.start()]:
            break
        text = token.group(0).rstrip(".")
        low = text.lower()
        if not (text[:1].isalnum() or text.startswith("-")) or text in {"-", "—", "–"}:
            break
        if not words and low == "of" and direct:
            direct, after_of = False, True
            continue
        if not words and after_of and low in _DETERMINERS:
            continue
        if not words and low in _INCREMENTS:
            continue  # "14 more models", "3,000 additional jobs"
        if low in _STOP:
            break
        if any(ch.isdigit() for ch in text):
            continue
        words.append(text)
        if len(words) == 5:
            break
    return words, direct


def _pick_unit(words: list[str]) -> str | None:
    for word in words:
        if _is_plural(word):
            return _clean(word)
    return _clean(words[-1]) if words else None


def _clean(word: str) -> str:
    return word.strip("-'’")


def _is_plural(word: str) -> bool:
    low = word.lower()
    if low in _IRREGULAR_PLURALS:
        return True
    return len(low) > 3 and low.endswith("s") and not low.endswith(("ss", "us", "is", "'s", "’s"))
