"""Date, link and problem values, age arithmetic, and dates written out in plain text.

The value objects ``wikibio.values`` returns, and the part of date reading that needs
no templates: ``24 March 2001``, ``March 24, 2001``, ``2001-03-24``, ``c. 384 BC`` ….
Split from ``wikibio.values``, which re-exports the public names.
"""

from __future__ import annotations

import datetime
from typing import Final, Literal

from attrs import field, frozen

from wikibio.errors import InvalidNodeError

__all__ = [
    "DASH",
    "MONTHS",
    "Date",
    "DateStyle",
    "Link",
    "Precision",
    "Today",
    "ValueProblem",
    "age",
    "age_range",
    "earliest",
    "latest",
    "ymd_of",
]


Precision = Literal["year", "month", "day"]
DateStyle = Literal["dmy", "mdy"]
Today = datetime.date | None

MONTHS: Final = (
    "January February March April May June July August September October November December"
).split()
DASH: Final = "\N{EN DASH}"


def _days_in_month(year: int, month: int) -> int:
    """Days of a month in the proleptic Gregorian calendar (astronomical years: 0 is leap)."""
    if month == 2:
        return 29 if year % 4 == 0 and (year % 100 != 0 or year % 400 == 0) else 28
    return 30 if month in (4, 6, 9, 11) else 31


@frozen
class Date:
    """A calendar date as an infobox gives it: to the year, the month or the day.

    Years are astronomical, as in ISO 8601: 1 BC is year 0 and 384 BC is year -383.
    ``str()`` renders the date as Wikipedia's date templates do: ``March 24, 2001`` (month
    first, their default), ``24 March 2001`` with ``display="dmy"``, ``March 2001``,
    ``1967``, ``c. 1956``, ``384 BC``.  Two dates read from different wikitext are equal
    when they say the same (``raw`` takes no part).

    Raises:
        InvalidNodeError: The month or the day does not exist, or a day has no month.
    """

    year: int
    month: int | None = None
    day: int | None = None
    #: Whether the date is approximate (``c. 1956``).
    circa: bool = field(default=False, kw_only=True)
    #: The wikitext the date was read from (empty for a date built in code).
    raw: str = field(default="", kw_only=True, eq=False)
    #: The display preference: ``df=y`` or a written ``24 March 2001`` give ``"dmy"``,
    #: ``mf=y`` or a written ``March 24, 2001`` give ``"mdy"``; ``None`` when nothing says.
    display: DateStyle | None = field(default=None, kw_only=True)

    def __attrs_post_init__(self) -> None:
        """Refuse dates that do not exist: they could not render faithfully."""
        month, day = self.month, self.day
        if month is not None and not 1 <= month <= 12:
            raise InvalidNodeError(f"month {month} is not a month (1 to 12)")
        if day is not None:
            if month is None:
                raise InvalidNodeError(f"day {day} needs a month")
            if not 1 <= day <= _days_in_month(self.year, month):
                raise InvalidNodeError(f"{MONTHS[month - 1]} {self.year} has no day {day}")

    @property
    def precision(self) -> Precision:
        """How much of the date is known: ``"year"``, ``"month"`` or ``"day"``."""
        if self.day is not None:
            return "day"
        return "year" if self.month is None else "month"

    def to_date(self) -> datetime.date | None:
        """The ``datetime.date``, or ``None`` for a partial date or one outside AD 1-9999."""
        if self.month is None or self.day is None or not 1 <= self.year <= 9999:
            return None
        return datetime.date(self.year, self.month, self.day)

    def __str__(self) -> str:
        year = str(self.year) if self.year > 0 else f"{1 - self.year} BC"
        if self.month is None:
            text = year
        elif self.day is None:
            text = f"{MONTHS[self.month - 1]} {year}"
        elif self.display == "dmy":
            text = f"{self.day} {MONTHS[self.month - 1]} {year}"
        else:
            text = f"{MONTHS[self.month - 1]} {self.day}, {year}"
        return "c. " + text if self.circa else text


@frozen
class Link:
    """A wikilink as a reader meets it: the page it leads to and the text it shows."""

    #: The page name, normalised as MediaWiki does (first letter upper, ``_`` as space);
    #: empty for a link to a section of the same page.
    target: str
    #: The text shown: the label, or else the target as written, with any link trail.
    label: str
    #: The link's wikitext (``[[a|b]]``, with its trail); takes no part in equality.
    raw: str = field(eq=False)
    #: The section after ``#``, if any.
    fragment: str = field(default="", kw_only=True)


@frozen
class ValueProblem:
    """Why a value could not be read, or was read only in part.

    ``code`` is a stable key: ``"unreadable-date"`` (neither a date template wikibio knows
    nor a written date) or ``"invalid-date"`` (a date that does not exist, or date template
    arguments that MediaWiki rejects).
    """

    #: Stable machine-readable key.
    code: str
    #: What is wrong and what to write instead, in one sentence.
    message: str

    def __str__(self) -> str:
        return f"{self.message} [{self.code}]"


def ymd_of(date: datetime.date) -> tuple[int, int, int]:
    return date.year, date.month, date.day


def earliest(date: Date) -> tuple[int, int, int]:
    return date.year, date.month or 1, date.day or 1


def latest(date: Date) -> tuple[int, int, int]:
    month = date.month or 12
    return date.year, month, date.day or _days_in_month(date.year, month)


def _full_years(start: tuple[int, int, int], end: tuple[int, int, int]) -> int:
    return end[0] - start[0] - ((end[1], end[2]) < (start[1], start[2]))


def age_range(born: Date, on: Date | datetime.date) -> tuple[int, int] | None:
    """The lowest and highest age in full years someone born on ``born`` has ``on`` a date.

    A partial date stands for every day it covers: born in ``1921``, the age on
    1993-02-24 is ``(71, 72)``.

    Args:
        born: The birth date.
        on: The date of the age (a partial ``Date`` widens the range).

    Returns:
        ``(low, high)``, or ``None`` when ``on`` may come before the birth.
    """
    first, last = (earliest(on), latest(on)) if isinstance(on, Date) else (ymd_of(on),) * 2
    if latest(born) > first:
        return None
    return _full_years(latest(born), first), _full_years(earliest(born), last)


def age(born: Date, on: datetime.date) -> int | None:
    """The age in full years, on the day ``on``, of someone born on ``born``.

    Args:
        born: The birth date.
        on: The day of the age; pass "today" explicitly, results never depend on the clock.

    Returns:
        The age, or ``None`` when the birth date leaves two ages possible or ``on`` may
        come before the birth.
    """
    span = age_range(born, on)
    return span[0] if span is not None and span[0] == span[1] else None
