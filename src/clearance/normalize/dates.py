"""Time expressions resolved against the publication date (the *anchor*) into date ranges.

Rules (each is a pattern in ``_RULES``; the first that matches the whole phrase wins):

- "today", "yesterday", "tomorrow", "N days/weeks ago": that day.
- "this/last/next week": Monday..Sunday of that ISO week; "earlier this week": Monday..anchor;
  "later this week": anchor..Sunday; "the past week": anchor-6..anchor. Likewise for month
  and year ("earlier this month": month start..anchor).
- Weekdays: "on Tuesday"/"Tuesday"/"last Tuesday": the latest such day on or before the anchor
  ("last Tuesday": strictly before); "next Tuesday": the first one after it.
- "January 13" without a year: the occurrence nearest the anchor (ties go to the past), so an
  article of January 2 saying "January 13" means the coming January 13, one of December 28 means
  the coming one too, one of March 1 means the one just gone. "in March" without a year: the
  latest March begun by the anchor, unless the next one starts within two months (news mostly
  reports the past). After "since"/"after" the past occurrence is taken, after "by", "until",
  "from", "before" the next one. "Christmas", "New Year" work like dates.
- "within 60 days"/"within two months": anchor..anchor + that span.
- "in 2027": the year; "by 2027"/"by the end of 2027"/"until 2027": only ``end`` (the end of
  that span); "before Christmas": only ``end``, the day named; "since 2020"/"not before 2027":
  only ``start``; "after X": from the day after X; "from 1 January 2026": that day.
- "Q3 2025", "third quarter of 2025", "first half of 2026", "H2 2025": those quarters or
  halves; "fiscal 2025"/"FY2025": the calendar year 2025 (fiscal calendars vary by company and
  country; the text is kept for the reader).
- Anything else goes to dateparser (``languages=["en"]``, anchor as ``RELATIVE_BASE``) only if
  it names a month or weekday, a year, or a numeric date ("2026-01-13"), never for counted
  relative phrases, which it reads backwards ("within 60 days" as 60 days ago).
- A phrase nothing resolves ("earlier", "until recently", "in the coming weeks") keeps
  ``start``/``end`` null, never the anchor itself.
"""

import calendar
import datetime as dt
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass

import dateparser

from clearance.records import When

log = logging.getLogger(__name__)

Range = tuple[dt.date | None, dt.date | None]


@dataclass(frozen=True)
class _Ctx:
    """What a rule needs besides its match: the anchor, and which way an undated day leans."""

    anchor: dt.date | None
    tense: str = "default"  # "past" after "since"; "future" after "by", "until", "from"


_Handler = Callable[[re.Match[str], _Ctx], Range | None]

_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_MONTHS |= {name.lower(): i for i, name in enumerate(calendar.month_abbr) if name}
_MONTHS["sept"] = 9
_WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
_WEEKDAYS |= {name.lower(): i for i, name in enumerate(calendar.day_abbr)}
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = r"(?P<weekday>" + "|".join(sorted(_WEEKDAYS, key=len, reverse=True)) + r")\.?"
_YEAR = r"(?P<year>(?:19|20|21)\d\d)"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_COUNTS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}
_COUNTS |= {"seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}
_HOLIDAYS = {
    "christmas": (12, 25),
    "christmas day": (12, 25),
    "christmas eve": (12, 24),
    "new year's day": (1, 1),
    "new year": (1, 1),
    "new year's eve": (12, 31),
}
_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3}
_ORDINALS["4th"] = 4
_LEAD = re.compile(
    r"^(?P<lead>on|in|during|at|as of|for|by|by the end of|until|till|through|before|after|"
    r"since|from|starting|starting in|starting from|beginning|beginning in|effective|"
    r"effective from|as early as|no later than|not before|not until)\s+",
)
_PAST_LEADS = frozenset({"since", "after"})
_FUTURE_LEADS = frozenset(
    {
        "by", "by the end of", "until", "till", "through", "before", "from", "starting",
        "starting in", "starting from", "beginning", "beginning in", "effective",
        "effective from", "as early as", "no later than", "not before", "not until",
    }
)  # fmt: skip
_DEADLINE_LEADS = frozenset(
    {"by", "by the end of", "until", "till", "through", "no later than", "not until"}
)
NEAR_FUTURE_DAYS = 62


def resolve_when(text: str, anchor: dt.date | None) -> When:
    """``text`` as a date range resolved against ``anchor`` (the publication date).

    The result always records ``anchor``; when nothing resolves, ``start`` and ``end`` stay
    ``None`` rather than falling back to the anchor.
    """
    phrase = _normalise(text)
    lead_match = _LEAD.match(phrase)
    lead = lead_match["lead"] if lead_match else ""
    body = phrase[lead_match.end() :] if lead_match else phrase
    span = _resolve_body(body, _Ctx(anchor, _tense(lead)))
    if span is None and lead:
        span = _resolve_body(phrase, _Ctx(anchor))
        lead = ""
    if span is None:
        return When(text=text, start=None, end=None, anchor=anchor)
    start, end = _apply_lead(lead, span)
    return When(text=text, start=start, end=end, anchor=anchor)


def _normalise(text: str) -> str:
    phrase = re.sub(r"\s+", " ", text.strip().lower()).strip(" ,.;:")
    return re.sub(r"^the ", "", phrase)


def _tense(lead: str) -> str:
    if lead in _PAST_LEADS:
        return "past"
    if lead in _FUTURE_LEADS:
        return "future"
    return "default"


def _apply_lead(lead: str, span: Range) -> Range:
    """Bound a span by its preposition: "by X" ends at X, "since X" starts at X, and so on."""
    start, end = span
    if lead in _DEADLINE_LEADS:
        return None, end
    if lead == "before":
        return None, start if start is not None else end
    if lead == "after":
        return (end + dt.timedelta(days=1) if end else None), None
    if lead in {"since", "not before"}:
        return start, None
    return start, end


def _resolve_body(body: str, ctx: _Ctx) -> Range | None:
    for pattern, handler in _RULES:
        match = pattern.fullmatch(body)
        if match is not None:
            return handler(match, ctx)
    return _dateparser(body, ctx.anchor)


def _choose(options: list[Range], ctx: _Ctx, *, nearest: bool) -> Range | None:
    """Pick one yearly occurrence of an undated day or month.

    "since"/"after" take the latest one starting on or before the anchor; "by", "until",
    "from" and the like the earliest one ending on or after it. Otherwise a day is the nearest
    occurrence (ties go to the past) and a month the latest one started by the anchor, unless
    the next one starts within ``NEAR_FUTURE_DAYS`` (news mostly reports what happened).
    """
    anchor = ctx.anchor
    dated: list[tuple[dt.date, dt.date]] = []
    for start, end in options:
        if start is not None and end is not None:
            dated.append((start, end))
    if anchor is None or not dated:
        return None
    past = [o for o in dated if o[0] <= anchor]
    future = [o for o in dated if o[0] > anchor]
    if ctx.tense == "past" and past:
        return past[-1]
    if ctx.tense == "future":
        ahead = [o for o in dated if o[1] >= anchor]
        return ahead[0] if ahead else None
    if nearest:
        return min(dated, key=lambda o: (abs((o[0] - anchor).days), o[0] > anchor))
    if future and (future[0][0] - anchor).days <= NEAR_FUTURE_DAYS:
        return future[0]
    return past[-1] if past else future[0]


# --- handlers -------------------------------------------------------------------------------


def _day_offset(match: re.Match[str], ctx: _Ctx) -> Range | None:
    anchor = ctx.anchor
    if anchor is None:
        return None
    offset = {"today": 0, "yesterday": -1, "tomorrow": 1}[match["word"]]
    day = anchor + dt.timedelta(days=offset)
    return day, day


def _ago(match: re.Match[str], ctx: _Ctx) -> Range | None:
    anchor = ctx.anchor
    if anchor is None:
        return None
    count = int(match["n"]) if match["n"].isdigit() else _COUNTS.get(match["n"], 0)
    days = count * (7 if match["unit"].startswith("week") else 1)
    day = anchor - dt.timedelta(days=days)
    return day, day


def _period(match: re.Match[str], ctx: _Ctx) -> Range | None:
    """this/last/next/earlier this/later this/past + week/month/year."""
    anchor = ctx.anchor
    if anchor is None:
        return None
    which, unit = match["which"], match["unit"]
    shift = {"this": 0, "current": 0, "last": -1, "previous": -1, "past": -1, "next": 1}
    start, end = _unit_range(unit, anchor, shift.get(which.split()[-1], 0))
    if which == "past" and unit == "week":
        return anchor - dt.timedelta(days=6), anchor
    if which.startswith("earlier"):
        return start, anchor
    if which.startswith("later"):
        return anchor, end
    return start, end


def _unit_range(unit: str, anchor: dt.date, shift: int) -> tuple[dt.date, dt.date]:
    if unit == "week":
        monday = anchor - dt.timedelta(days=anchor.weekday()) + dt.timedelta(weeks=shift)
        return monday, monday + dt.timedelta(days=6)
    if unit == "month":
        year, month = divmod(anchor.year * 12 + anchor.month - 1 + shift, 12)
        return _month_range(year, month + 1)
    if unit == "quarter":
        index = anchor.year * 4 + (anchor.month - 1) // 3 + shift
        return _quarter_range(index // 4, index % 4 + 1)
    year = anchor.year + shift
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def _month_range(year: int, month: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])


def _quarter_range(year: int, quarter: int) -> tuple[dt.date, dt.date]:
    first = (quarter - 1) * 3 + 1
    return dt.date(year, first, 1), _month_range(year, first + 2)[1]


def _weekday(match: re.Match[str], ctx: _Ctx) -> Range | None:
    anchor = ctx.anchor
    if anchor is None:
        return None
    target = _WEEKDAYS[match["weekday"]]
    which = match["which"] or ""
    if which == "next":
        ahead = (target - anchor.weekday()) % 7 or 7
        day = anchor + dt.timedelta(days=ahead)
    else:
        back = (anchor.weekday() - target) % 7
        if which == "last" and back == 0:
            back = 7
        day = anchor - dt.timedelta(days=back)
    return day, day


def _month_day(match: re.Match[str], ctx: _Ctx) -> Range | None:
    month, day = _MONTHS[match["month"]], int(match["day"])
    if match["year"]:
        return _safe_day(int(match["year"]), month, day)
    return _yearly_day(month, day, ctx)


def _yearly_day(month: int, day: int, ctx: _Ctx) -> Range | None:
    if ctx.anchor is None:
        return None
    options = [_safe_day(ctx.anchor.year + k, month, day) for k in (-1, 0, 1)]
    return _choose([o for o in options if o is not None], ctx, nearest=True)


def _holiday(match: re.Match[str], ctx: _Ctx) -> Range | None:
    month, day = _HOLIDAYS[match["holiday"]]
    if match["year"]:
        return _safe_day(int(match["year"]), month, day)
    return _yearly_day(month, day, ctx)


def _safe_day(year: int, month: int, day: int) -> Range | None:
    try:
        date = dt.date(year, month, day)
    except ValueError:
        return None
    return date, date


def _month(match: re.Match[str], ctx: _Ctx) -> Range | None:
    month = _MONTHS[match["month"]]
    if match["year"]:
        return _month_range(int(match["year"]), month)
    if ctx.anchor is None:
        return None
    ranges: list[Range] = [_month_range(ctx.anchor.year + k, month) for k in (-1, 0, 1)]
    return _choose(ranges, ctx, nearest=False)


def _within(match: re.Match[str], ctx: _Ctx) -> Range | None:
    """ "within 60 days": from the anchor to that many days (weeks, months, years) later."""
    anchor = ctx.anchor
    if anchor is None:
        return None
    raw = match["n"]
    count = int(raw) if raw.isdigit() else _COUNTS[raw]
    unit = match["unit"].rstrip("s")
    if unit in ("day", "week"):
        return anchor, anchor + dt.timedelta(days=count * (7 if unit == "week" else 1))
    months = count * (12 if unit == "year" else 1)
    return anchor, _add_months(anchor, months)


def _add_months(day: dt.date, months: int) -> dt.date:
    year, month = divmod(day.year * 12 + day.month - 1 + months, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


def _year(match: re.Match[str], _ctx: _Ctx) -> Range | None:
    year = int(match["year"])
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def _quarter(match: re.Match[str], ctx: _Ctx) -> Range | None:
    anchor = ctx.anchor
    raw = match["q"]
    quarter = int(raw) if raw.isdigit() else _ORDINALS[raw]
    year = _year_or_anchor(match, anchor)
    return _quarter_range(year, quarter) if year is not None else None


def _half(match: re.Match[str], ctx: _Ctx) -> Range | None:
    anchor = ctx.anchor
    raw = match["h"]
    half = int(raw) if raw.isdigit() else _ORDINALS[raw]
    year = _year_or_anchor(match, anchor)
    if year is None or half not in (1, 2):
        return None
    return (
        (dt.date(year, 1, 1), dt.date(year, 6, 30))
        if half == 1
        else (
            dt.date(year, 7, 1),
            dt.date(year, 12, 31),
        )
    )


def _year_or_anchor(match: re.Match[str], anchor: dt.date | None) -> int | None:
    if match["year"]:
        return int(match["year"])
    return anchor.year if anchor is not None else None


def _year_end(match: re.Match[str], ctx: _Ctx) -> Range | None:
    year = _year_or_anchor(match, ctx.anchor)
    if year is None:
        return None
    year += {"next": 1, "last": -1}.get(match["rel"] or "", 0)
    if match["part"] == "end":
        return None, dt.date(year, 12, 31)
    return dt.date(year, 1, 1), None


def _this_year_end(_match: re.Match[str], ctx: _Ctx) -> Range | None:
    anchor = ctx.anchor
    return (None, dt.date(anchor.year, 12, 31)) if anchor is not None else None


def _unresolvable(_match: re.Match[str], _ctx: _Ctx) -> Range | None:
    return None


def _year_from_yy(match: re.Match[str], _ctx: _Ctx) -> Range | None:
    year = 2000 + int(match["yy"])
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


_NAMED = (
    r"(?P<which>this|current|last|previous|past|next|earlier this|later this|earlier in the"
    r"|later in the)"
)
_YEAR_OPT = rf"(?:,?\s*(?:of\s+)?{_YEAR})?"
_Q = r"(?P<q>[1-4]|first|second|third|fourth|1st|2nd|3rd|4th)"
_H = r"(?P<h>[12]|first|second|1st|2nd)"
_VAGUE = (
    r"earlier|later|recently|until recently|soon|shortly|in the coming (?:days|weeks|months|years)"
    r"|in the near future|in recent (?:days|weeks|months|years)|previously|before|at some point"
    r"|in the past|once|eventually|later on|in due course|(?:the )?following (?:week|month|year)"
)
_RULES: list[tuple[re.Pattern[str], _Handler]] = [
    (re.compile(_VAGUE), _unresolvable),
    (re.compile(r"(?P<word>today|yesterday|tomorrow)"), _day_offset),
    (
        re.compile(
            rf"within (?:the next )?(?P<n>\d+|{'|'.join(_COUNTS)}) "
            r"(?P<unit>days?|weeks?|months?|years?)"
        ),
        _within,
    ),
    (
        re.compile(
            r"(?P<holiday>christmas(?: day| eve)?|new year(?:'s day|'s eve)?)"
            r"(?:,? (?P<year>\d{4}))?"
        ),
        _holiday,
    ),
    (re.compile(r"(?P<n>\d+|a|an|one|two|three|four|five|six) (?P<unit>days?|weeks?) ago"), _ago),
    (re.compile(rf"{_NAMED} (?P<unit>week|month|year|quarter)"), _period),
    (re.compile(rf"(?:(?P<which>last|next|this|on|past) )?{_WEEKDAY}"), _weekday),
    (re.compile(rf"{_MONTH} {_DAY}{_YEAR_OPT}"), _month_day),
    (re.compile(rf"{_DAY} (?:of )?{_MONTH}{_YEAR_OPT}"), _month_day),
    (re.compile(rf"{_MONTH}{_YEAR_OPT}"), _month),
    (re.compile(rf"(?:the )?(?:calendar |fiscal |financial )?(?:year )?{_YEAR}"), _year),
    (re.compile(rf"(?:fy|fy-|fy ){_YEAR}"), _year),
    (re.compile(r"(?:fy|fy-|fy )(?P<yy>\d\d)"), _year_from_yy),
    (re.compile(rf"q{_Q}(?: |-|/)?(?:{_YEAR})?"), _quarter),
    (re.compile(rf"(?:the )?{_Q} quarter(?: of)?(?: {_YEAR})?"), _quarter),
    (re.compile(rf"h{_H}(?: |-|/)?(?:{_YEAR})?"), _half),
    (re.compile(rf"(?:the )?{_H} half(?: of)?(?: {_YEAR})?"), _half),
    (
        re.compile(
            rf"(?:the )?(?P<part>end|start|beginning) of "
            rf"(?:the year|this year|(?P<rel>next|last) year|{_YEAR})"
        ),
        _year_end,
    ),
    (re.compile(r"(?P<part>end)[- ]of[- ]year|year[- ]end"), _this_year_end),
]


_DATEPARSER_GATE = re.compile(
    r"\d{1,4}[-/.]\d{1,2}|\b(?:19|20)\d\d\b|\b(?:"
    + "|".join(sorted(set(_MONTHS) | set(_WEEKDAYS), key=lambda w: (-len(w), w)))
    + r")\b"
)


def _dateparser(body: str, anchor: dt.date | None) -> Range | None:
    """Last resort for absolute dates ("2026-01-13", "13/01/2026"); relative ones need a rule."""
    if not _DATEPARSER_GATE.search(body):
        return None
    settings: dict[str, object] = {"PREFER_DATES_FROM": "current_period", "STRICT_PARSING": True}
    if anchor is not None:
        settings["RELATIVE_BASE"] = dt.datetime.combine(anchor, dt.time())
    parsed = dateparser.parse(body, languages=["en"], settings=settings)
    if parsed is None:
        log.debug("unresolved time expression %r", body)
        return None
    day = parsed.date()
    return day, day
