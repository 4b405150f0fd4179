"""Provision delivered against provision promised. Pure Python: no Django.

Section F of a plan says how often each piece of provision happens ("once a week", "three times a week",
"every school day", "fortnightly") and for how long ("30 minutes", "one hour"). ``promise()`` reads those
two fields and works out how much is promised; ``tally()`` sets what was promised in a period (a week, a
term, the last four weeks) beside what was recorded as delivered.

How the amount is counted, written so that a family can check it by hand:

- School days are Monday to Friday, less bank holidays in England and any day the setting recorded as
  closed (a holiday, a training day, a closure).
- "Daily", "every day" and "every school day" mean once each school day. Any other frequency is spread
  evenly over the school days: "three times a week" is three fifths of a session each school day, so a
  week with a bank holiday in it promises 2.4 sessions, and a week the school is closed promises none.
- A fortnight is 2 weeks, a month 52/12 weeks, a half term 6½ school weeks, a term 13 and a school year 39.
  "Every 3 weeks" is a third of a session a week.
- A range ("20 to 30 minutes") promises its lower end: the least the plan promises.
- A session missed because the child was away is not owed: it takes one session off what was promised.
  Sessions missed for any other reason (the therapist was off, it was not arranged) are still owed.
- Amounts are compared in minutes when the plan says how long a session is, otherwise in sessions.
- Terms follow the calendar: autumn is 1 September to 31 December, spring 1 January to 31 March, summer
  1 April to 31 August. Each has two halves (autumn: to 31 October; spring: to 14 February; summer: to
  31 May).

A frequency the rule cannot read ("regular", "as needed", "bi-weekly", which means either twice a week
or every two weeks) gives no promise: the product says so and asks for clearer words, rather than
guessing. The number words are the plan checker's (``rules.checker.lexicon``).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Callable, Collection, Iterable
from enum import StrEnum
from fractions import Fraction

from coproduce.rules.checker import lexicon as lx
from coproduce.rules.clock.dates import ENGLAND_WORKING_DAYS

ONE_DAY = dt.timedelta(days=1)
DEFAULT_THRESHOLD = 80
SHORTFALL_WEEKS = 4

# --- numbers -----------------------------------------------------------------------------------------

_WORD_VALUES: dict[str, int] = {word: n for n, word in enumerate(lx._UNITS, start=1)}
_WORD_VALUES |= {word: 10 * n for n, word in enumerate(lx._TENS, start=2)}
_WORD_VALUES |= {"a dozen": 12, "dozen": 12, "a hundred": 100, "hundred": 100}


def number_value(text: str) -> Fraction | None:
    """The value of a number the plan checker recognises: "3", "2.5", "2½", "thirty", "forty-five"."""
    words = " ".join(text.lower().replace("-", " ").split())
    if not words:
        return None
    if words in _WORD_VALUES:
        return Fraction(_WORD_VALUES[words])
    parts = words.split()
    if len(parts) == 2 and parts[0] in _WORD_VALUES and parts[1] in _WORD_VALUES:
        tens, units = _WORD_VALUES[parts[0]], _WORD_VALUES[parts[1]]
        if tens % 10 == 0 and tens >= 20 and units < 10:
            return Fraction(tens + units)
        return None
    half = Fraction(0)
    if words.endswith("½"):
        half = Fraction(1, 2)
        words = words[:-1].strip()
        if not words:
            return half
    try:
        return Fraction(words.replace(",", ".")) + half
    except (ValueError, ZeroDivisionError):
        return None


_NUMBER = lx.NUMBER
_RANGE_TAIL = rf"(?:\s*(?:-|to|or)\s*(?:{_NUMBER}))?"

# --- how long ----------------------------------------------------------------------------------------

_CLOCK_RANGE = lx.compile_ci(
    r"""\b(?P<h1>\d{1,2})(?:[:.](?P<m1>\d{2}))?\s*(?P<p1>am|pm)?\s*(?:-|to|until|till)\s*
        (?P<h2>\d{1,2})(?:[:.](?P<m2>\d{2}))?\s*(?P<p2>am|pm)?\b"""
)
_SPECIAL_DURATIONS: tuple[tuple[re.Pattern[str], Fraction | None], ...] = (
    (lx.compile_ci(rf"(?P<n>{_NUMBER})\s+and\s+a\s+half\s+hours?\b"), None),
    (lx.compile_ci(r"\b(?:an?|one)\s+(?:full\s+)?hour\s+and\s+a\s+half\b"), Fraction(90)),
    (lx.compile_ci(r"\bthree[\s-]quarters\s+of\s+an?\s+hour\b"), Fraction(45)),
    (lx.compile_ci(r"\b(?:a\s+)?quarter\s+of\s+an?\s+hour\b|\bquarter[\s-]hour\b"), Fraction(15)),
    (lx.compile_ci(r"\bhalf\s+an?\s+hour\b|\bhalf[\s-]hour\b"), Fraction(30)),
    (lx.compile_ci(r"\b(?:an?|one)\s+(?:full\s+)?hour\b"), Fraction(60)),
)
_AMOUNT = lx.compile_ci(
    rf"(?P<n>{_NUMBER}){_RANGE_TAIL}\s*-?\s*(?:(?P<hours>hours?|hrs?|h)|(?P<minutes>minutes?|mins?))(?![a-z])"
)


def _clock_minutes(match: re.Match[str]) -> Fraction | None:
    def at(hour: str, minute: str | None, suffix: str | None) -> int:
        h = int(hour) % 12 + (12 if suffix and suffix.lower() == "pm" else 0) if suffix else int(hour)
        return h * 60 + int(minute or 0)

    if not (match["m1"] or match["p1"] or match["m2"] or match["p2"]):
        return None  # "2-3" alone is not a time of day
    start = at(match["h1"], match["m1"], match["p1"] or match["p2"])
    end = at(match["h2"], match["m2"], match["p2"])
    return Fraction(end - start) if end > start else None


def _blank(text: str, match: re.Match[str]) -> str:
    return text[: match.start()] + " " * (match.end() - match.start()) + text[match.end() :]


def _durations(text: str) -> tuple[Fraction | None, str]:
    """Minutes found in ``text`` (summed: "1 hour 15 minutes" is 75), and the text with them blanked."""
    folded = lx.fold(text).lower()
    total = Fraction(0)
    found = False
    for match in list(_CLOCK_RANGE.finditer(folded)):
        value = _clock_minutes(match)
        if value is not None:
            total += value
            found = True
            folded = _blank(folded, match)
    for pattern, value in _SPECIAL_DURATIONS:
        for match in list(pattern.finditer(folded)):
            if value is None:
                number = number_value(match["n"])
                if number is None:
                    continue
                amount = (number + Fraction(1, 2)) * 60
            else:
                amount = value
            total += amount
            found = True
            folded = _blank(folded, match)
    for match in list(_AMOUNT.finditer(folded)):
        number = number_value(match["n"])
        if number is None:
            continue
        total += number * 60 if match["hours"] else number
        found = True
        folded = _blank(folded, match)
    return (total if found and total > 0 else None), folded


def minutes(text: str) -> int | None:
    """How many minutes ``text`` says ("30 minutes", "one hour", "1 hour 15 minutes", "20-30 mins" → 20)."""
    value, _ = _durations(text or "")
    return None if value is None else int(value + Fraction(1, 2))


# --- how often ---------------------------------------------------------------------------------------


class Per(StrEnum):
    SCHOOL_DAY = "school day"
    WEEK = "week"
    FORTNIGHT = "fortnight"
    MONTH = "month"
    HALF_TERM = "half term"
    TERM = "term"
    YEAR = "school year"


#: Sessions a week for one session in each period.
PER_WEEK: dict[Per, Fraction] = {
    Per.SCHOOL_DAY: Fraction(5),
    Per.WEEK: Fraction(1),
    Per.FORTNIGHT: Fraction(1, 2),
    Per.MONTH: Fraction(12, 52),
    Per.HALF_TERM: Fraction(2, 13),
    Per.TERM: Fraction(1, 13),
    Per.YEAR: Fraction(1, 39),
}

_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_AMBIGUOUS = lx.compile_ci(r"\bbi-?(?:weekly|monthly)\b")
_DAYS_A_WEEK = lx.compile_ci(
    rf"(?P<n>{_NUMBER})\s+(?:school\s+)?(?:days?|mornings?|afternoons?|lunch\s*times?)\s+(?:a|per|each|every)\s+week\b"
)
_EVERY_N_WEEKS = lx.compile_ci(rf"\bevery\s+(?P<n>{_NUMBER})\s+(?:school\s+)?weeks\b")
_PERIODS: tuple[tuple[Per, re.Pattern[str]], ...] = (
    (Per.HALF_TERM, lx.compile_ci(r"\bhalf[\s-]?term(?:ly|s)?\b")),
    (Per.FORTNIGHT, lx.compile_ci(r"\bfortnight(?:ly|s)?\b|\b(?:every|each)\s+(?:other|second|alternate)\s+week\b")),
    (
        Per.SCHOOL_DAY,
        lx.compile_ci(
            r"""\bdaily\b | \b(?:every|each|per|a)\s+(?:school\s+|working\s+)?day\b
            | \b(?:every|each)\s+(?:morning|afternoon|lunch\s*time|weekday|week\s+day)\b
            | \bweekdays\b | \bmonday\s*(?:-|to|until)\s*friday\b"""
        ),
    ),
    (Per.WEEK, lx.compile_ci(r"\bweekly\b|\bweeks?\b|\bwk\b|\bp\.?w\.?(?![a-z])")),
    (Per.MONTH, lx.compile_ci(r"\bmonthly\b|\bmonths?\b")),
    (Per.TERM, lx.compile_ci(r"\btermly\b|\bterms?\b")),
    (Per.YEAR, lx.compile_ci(r"\byearly\b|\bannual(?:ly)?\b|\byears?\b")),
)
_COUNTS: tuple[re.Pattern[str], ...] = (
    lx.compile_ci(rf"(?P<n>{_NUMBER})\s*(?:x|times)(?![a-z])"),
    lx.compile_ci(rf"(?<![a-z])x\s*(?P<n>{_NUMBER})"),
    lx.compile_ci(
        rf"""(?P<n>{_NUMBER})\s+(?:[a-z-]+\s+){{0,2}}(?:sessions?|lessons?|visits?|periods?|appointments?|slots?|
        blocks?|classes|class|check-?ins?|groups?|meetings?)\b"""
    ),
)
_ONCE = {"once": 1, "twice": 2, "thrice": 3}
_ONCE_RE = lx.compile_ci(r"\b(?P<w>once|twice|thrice)\b")
_WEEKDAY_RE = lx.compile_ci(r"\b(?P<d>monday|tuesday|wednesday|thursday|friday|saturday|sunday)s?\b")
_WEEKDAY_SPAN = lx.compile_ci(
    r"\b(?P<a>monday|tuesday|wednesday|thursday|friday)s?\s*(?:-|to|until)\s*(?P<b>monday|tuesday|wednesday|thursday|friday)s?\b"
)


@dataclasses.dataclass(frozen=True)
class Frequency:
    """``count`` sessions in each ``per``."""

    count: Fraction
    per: Per

    @property
    def sessions_per_week(self) -> Fraction:
        return self.count * PER_WEEK[self.per]

    @property
    def words(self) -> str:
        if self.count < 1 and self.per == Per.WEEK:
            return f"once every {format_number(1 / self.count)} weeks"
        times = {1: "once", 2: "twice"}.get(self.count) if self.count.denominator == 1 else None
        times = times or f"{format_number(self.count)} times"
        if self.per == Per.SCHOOL_DAY:
            return "every school day" if times == "once" else f"{times} every school day"
        return f"{times} a {self.per.value}"


def _count(text: str) -> Fraction | None:
    for pattern in _COUNTS:
        match = pattern.search(text)
        if match and (value := number_value(match["n"])) is not None and value > 0:
            return value
    match = _ONCE_RE.search(text)
    return Fraction(_ONCE[match["w"].lower()]) if match else None


def _weekdays_named(text: str) -> int:
    span = _WEEKDAY_SPAN.search(text)
    if span:
        first, last = _WEEKDAYS.index(span["a"].lower()), _WEEKDAYS.index(span["b"].lower())
        return last - first + 1 if last >= first else 0
    return len({match["d"].lower() for match in _WEEKDAY_RE.finditer(text)})


def frequency(text: str) -> Frequency | None:
    """How often ``text`` says, or None if it cannot be worked out without guessing."""
    _, rest = _durations(text or "")
    rest = rest.lower()
    if not rest.strip() or _AMBIGUOUS.search(rest):
        return None
    match = _DAYS_A_WEEK.search(rest)
    if match and (value := number_value(match["n"])):
        return Frequency(value, Per.WEEK)
    match = _EVERY_N_WEEKS.search(rest)
    if match and (value := number_value(match["n"])):
        return Frequency(1 / value, Per.WEEK)
    count = _count(rest)
    for per, pattern in _PERIODS:
        if pattern.search(rest):
            if per == Per.WEEK and count is None and (named := _weekdays_named(rest)):
                return Frequency(Fraction(named), Per.WEEK)  # "every week on Monday and Thursday"
            return Frequency(count or Fraction(1), per)
    named = _weekdays_named(rest)  # "on Mondays and Thursdays"
    return Frequency(Fraction(named), Per.WEEK) if named else None


def format_number(value: Fraction | float | int) -> str:
    """1 → "1", 2.5 → "2.5", 2/3 → "0.67"."""
    value = Fraction(value)
    if value.denominator == 1:
        return str(value.numerator)
    return f"{float(value):.2f}".rstrip("0").rstrip(".")


# --- the promise ---------------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Promise:
    frequency: Frequency
    minutes: int | None

    @property
    def sessions_per_week(self) -> Fraction:
        return self.frequency.sessions_per_week

    @property
    def per_school_day(self) -> Fraction:
        return self.sessions_per_week / 5

    @property
    def minutes_per_week(self) -> Fraction | None:
        return None if self.minutes is None else self.sessions_per_week * self.minutes

    @property
    def in_minutes(self) -> bool:
        return self.minutes is not None

    @property
    def words(self) -> str:
        """ "45 minutes once a week (45 minutes in a full school week)" """
        if self.minutes is None:
            return (
                f"a session {self.frequency.words} ({format_number(self.sessions_per_week)} in a full school week; "
                "the plan does not say how long, so sessions are counted, not minutes)"
            )
        return (
            f"{self.minutes} minutes {self.frequency.words} "
            f"({format_number(self.minutes_per_week)} minutes in a full school week)"
        )


def promise(frequency_text: str, duration_text: str) -> Promise | None:
    """What a provision item promises, from its "how often" and "for how long" fields.

    The length may be in either field ("30 minutes, three times a week" in "how often" alone).
    """
    found = frequency(frequency_text)
    if found is None:
        return None
    return Promise(found, minutes(duration_text) or minutes(frequency_text))


# --- periods -----------------------------------------------------------------------------------------


def day_words(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


@dataclasses.dataclass(frozen=True, order=True)
class Period:
    start: dt.date
    end: dt.date
    label: str = dataclasses.field(compare=False)

    def __contains__(self, day: object) -> bool:
        return isinstance(day, dt.date) and self.start <= day <= self.end

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


def monday_of(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def week_of(day: dt.date) -> Period:
    start = monday_of(day)
    return Period(start, start + dt.timedelta(days=6), f"Week beginning {day_words(start)}")


def weeks(start: dt.date, end: dt.date) -> list[Period]:
    """The weeks (Monday to Sunday) that touch ``start`` to ``end``, oldest first."""
    found = []
    day = monday_of(start)
    while day <= end:
        found.append(week_of(day))
        day += dt.timedelta(days=7)
    return found


_TERMS = (("Spring", 1, 1, 3, 31), ("Summer", 4, 1, 8, 31), ("Autumn", 9, 1, 12, 31))
_HALVES = {"Spring": (2, 14), "Summer": (5, 31), "Autumn": (10, 31)}


def term_of(day: dt.date) -> Period:
    for name, start_month, start_day, end_month, end_day in _TERMS:
        start, end = dt.date(day.year, start_month, start_day), dt.date(day.year, end_month, end_day)
        if start <= day <= end:
            return Period(start, end, f"{name} term {day.year}")
    raise AssertionError("every day is in a term")  # pragma: no cover


def terms(start: dt.date, end: dt.date) -> list[Period]:
    found = []
    day = start
    while day <= end:
        term = term_of(day)
        found.append(term)
        day = term.end + ONE_DAY
    return found


def half_term_of(day: dt.date) -> Period:
    term = term_of(day)
    name = term.label.split()[0]
    month, last = _HALVES[name]
    middle = dt.date(day.year, month, last)
    if day <= middle:
        return Period(term.start, middle, f"{term.label}, first half")
    return Period(middle + ONE_DAY, term.end, f"{term.label}, second half")


def month_of(day: dt.date) -> Period:
    start = day.replace(day=1)
    following = (start + dt.timedelta(days=32)).replace(day=1)
    return Period(start, following - ONE_DAY, f"{day:%B %Y}")


class Every(StrEnum):
    """How often the team checks in on progress."""

    TERM = "term"
    HALF_TERM = "half_term"
    MONTH = "month"


_CHECK_IN: dict[Every, Callable[[dt.date], Period]] = {
    Every.TERM: term_of,
    Every.HALF_TERM: half_term_of,
    Every.MONTH: month_of,
}


def check_in_period(day: dt.date, every: str = Every.TERM) -> Period:
    """The check-in that ``day`` falls in: this term by default, or this half term, or this month."""
    return _CHECK_IN[Every(every)](day)


def shortfall_window(today: dt.date, weeks_back: int = SHORTFALL_WEEKS) -> Period:
    """The last ``weeks_back`` full weeks before this one (this week's sessions may not be recorded yet)."""
    end = monday_of(today) - ONE_DAY
    start = end - dt.timedelta(days=7 * weeks_back - 1)
    return Period(start, end, f"the {weeks_back} weeks from {day_words(start)} to {day_words(end)}")


# --- delivered against promised -------------------------------------------------------------------------


class Kind(StrEnum):
    DELIVERED = "delivered"
    MISSED = "missed"  # still owed
    EXCUSED = "excused"  # missed because the child was away: not owed
    CLOSED = "closed"  # the setting was closed from ``on`` to ``until``: no school days


@dataclasses.dataclass(frozen=True)
class Record:
    on: dt.date
    kind: Kind
    minutes: int = 0
    until: dt.date | None = None


def closed_days(records: Iterable[Record]) -> frozenset[dt.date]:
    days: set[dt.date] = set()
    for record in records:
        if record.kind == Kind.CLOSED:
            day = record.on
            while day <= (record.until or record.on):
                days.add(day)
                day += ONE_DAY
    return frozenset(days)


IsOpen = Callable[[dt.date], bool]


def school_days(
    start: dt.date,
    end: dt.date,
    *,
    closed: Collection[dt.date] = frozenset(),
    is_open: IsOpen = ENGLAND_WORKING_DAYS.is_working_day,
) -> int:
    count = 0
    day = start
    while day <= end:
        count += is_open(day) and day not in closed
        day += ONE_DAY
    return count


@dataclasses.dataclass(frozen=True)
class Tally:
    """What was promised and what was delivered in one period."""

    period: Period
    in_minutes: bool
    school_days: int
    expected_sessions: Fraction
    expected_minutes: Fraction | None
    delivered_sessions: int
    delivered_minutes: int
    missed_sessions: int
    excused_sessions: int

    @property
    def expected(self) -> Fraction:
        return self.expected_minutes if self.in_minutes else self.expected_sessions

    @property
    def delivered(self) -> int:
        return self.delivered_minutes if self.in_minutes else self.delivered_sessions

    @property
    def unit(self) -> str:
        return "minutes" if self.in_minutes else "sessions"

    @property
    def percent(self) -> int | None:
        """Delivered as a whole-number percentage of promised; None when nothing was promised."""
        if not self.expected:
            return None
        return int(Fraction(100 * self.delivered) / self.expected + Fraction(1, 2))

    def below(self, threshold: int) -> bool:
        """Delivered less than ``threshold`` per cent of what was promised (exactly, before rounding)."""
        return bool(self.expected) and 100 * self.delivered < threshold * self.expected

    @property
    def expected_text(self) -> str:
        return format_number(self.expected)

    @property
    def percent_text(self) -> str:
        if self.percent is not None:
            return f"{self.percent}%"
        return "no school days" if self.school_days == 0 else "nothing owed"


def tally(
    promised: Promise,
    period: Period,
    records: Iterable[Record],
    *,
    starts_on: dt.date | None = None,
    ends_on: dt.date | None = None,
    is_open: IsOpen = ENGLAND_WORKING_DAYS.is_working_day,
) -> Tally:
    """``period``'s promised amount (from ``starts_on``, up to ``ends_on``) beside what was recorded in it."""
    records = list(records)
    first = max(period.start, starts_on) if starts_on else period.start
    last = min(period.end, ends_on) if ends_on else period.end
    days = school_days(first, last, closed=closed_days(records), is_open=is_open) if first <= last else 0
    inside = [record for record in records if record.on in period]
    excused = sum(1 for record in inside if record.kind == Kind.EXCUSED and first <= record.on <= last)
    expected = max(Fraction(0), promised.per_school_day * days - excused)
    delivered = [record for record in inside if record.kind == Kind.DELIVERED]
    return Tally(
        period=period,
        in_minutes=promised.in_minutes,
        school_days=days,
        expected_sessions=expected,
        expected_minutes=None if promised.minutes is None else expected * promised.minutes,
        delivered_sessions=len(delivered),
        delivered_minutes=sum(record.minutes for record in delivered),
        missed_sessions=sum(1 for record in inside if record.kind == Kind.MISSED),
        excused_sessions=sum(1 for record in inside if record.kind == Kind.EXCUSED),
    )


def shortfall(
    promised: Promise,
    records: Iterable[Record],
    today: dt.date,
    *,
    threshold: int = DEFAULT_THRESHOLD,
    starts_on: dt.date | None = None,
    is_open: IsOpen = ENGLAND_WORKING_DAYS.is_working_day,
) -> Tally | None:
    """The last four weeks' tally if less than ``threshold`` per cent of the promise was delivered."""
    found = tally(promised, shortfall_window(today), records, starts_on=starts_on, is_open=is_open)
    return found if found.below(threshold) else None
