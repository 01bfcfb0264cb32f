# ruff: noqa: RUF001, RUF002 - en dashes are what the module writes and reads in date ranges
"""Citation Style 1 date rules: which dates the module accepts, and how it reformats them.

A port of the parts of ``Module:Citation/CS1/Date_validation`` (en.wiki, September 2022)
that change what a reader sees: ``check_date`` (a date that is not one of the MOS:DATE
formats makes the module show ``Check date values in: |date=``), ``reformat_dates`` (under
``{{Use dmy dates}}``/``{{Use mdy dates}}`` or ``|df=``) and ``date_hyphen_to_dash``.

Two rules of the module depend on the clock (a year may be at most next year, an access
date at most tomorrow); they are left out so results never depend on the day of the run.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Final

__all__ = ["MONTHS", "check_date", "hyphen_to_dash", "reformat"]

MONTHS: Final = (
    "January February March April May June July August September October November December"
).split()
_LONG: Final = {name: i for i, name in enumerate(MONTHS, 1)}
_SHORT: Final = {name[:3]: i for i, name in enumerate(MONTHS, 1)}
_SEASONS: Final = frozenset({"Winter", "Spring", "Summer", "Fall", "Autumn"})
_QUARTERS: Final = frozenset({"First Quarter", "Second Quarter", "Third Quarter", "Fourth Quarter"})
_PROPER: Final = frozenset({"Christmas"})

# Lua's %D- is "any non-digits, lazily"; %a? after the year is a CITEREF disambiguator.
_N = r"[^\d]+?"
_PATTERNS: Final = {
    "ymd": re.compile(r"(\d{4})-(\d\d)-(\d\d)"),
    "Mdy": re.compile(rf"({_N}) +([1-9]\d?), +((\d{{3,4}})[A-Za-z]?)"),
    "Md-dy": re.compile(rf"({_N}) +([1-9]\d?)[-–]([1-9]\d?), +((\d{{4}})[A-Za-z]?)"),
    "dMy": re.compile(rf"([1-9]\d?) +({_N}) +((\d{{3,4}})[A-Za-z]?)"),
    "d-dMy": re.compile(rf"([1-9]\d?)[-–]([1-9]\d?) +({_N}) +((\d{{4}})[A-Za-z]?)"),
    "dM-dMy": re.compile(rf"([1-9]\d?) +({_N}) +[-–] +([1-9]\d?) +({_N}) +((\d{{4}})[A-Za-z]?)"),
    "Md-Mdy": re.compile(rf"({_N}) +([1-9]\d?) +[-–] +({_N}) +([1-9]\d?), +((\d{{4}})[A-Za-z]?)"),
    "Sy-y": re.compile(rf"({_N}) +(\d{{4}})[-–]((\d{{4}})[A-Za-z]?)"),
    "My-My": re.compile(rf"({_N}) +(\d{{4}}) +[-–] +({_N}) +((\d{{4}})[A-Za-z]?)"),
    "M-My": re.compile(rf"({_N})[-–]({_N}) +((\d{{4}})[A-Za-z]?)"),
    "My": re.compile(r"([^\d–]+?) +((\d{4})[A-Za-z]?)"),
    "y-y": re.compile(r"(\d{3,4})[-–]((\d{3,4})[A-Za-z]?)"),
    "y4-y2": re.compile(r"((\d\d)\d\d)[-–]((\d\d)[A-Za-z]?)"),
    "y": re.compile(r"((\d{3,4})[A-Za-z]?)"),
}
_CIRCA: Final = re.compile(r"c\. [1-9]\d\d\d?[A-Za-z]?")
_NO_DATE: Final = re.compile(r"n\.d\.[A-Za-z]?|nd[A-Za-z]?")
_YEAR_ONLY: Final = re.compile(r"[1-9]\d\d\d?[A-Za-z]?")
#: The module refuses access dates before Wikipedia existed.
_FIRST_ACCESS: Final = (2001, 1, 15)


def _month(name: str) -> int:
    return _LONG.get(name) or _SHORT.get(name) or 0


def _element(name: str) -> bool:
    return bool(_month(name)) or name in _SEASONS or name in _QUARTERS or name in _PROPER


def _real(year: int, month: int, day: int) -> bool:
    if not 1 <= month <= 12 or day < 1:
        return False
    if month == 2:
        leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0 or year < 1583)
        return day <= (29 if leap else 28)
    return day <= (30 if month in (4, 6, 9, 11) else 31)


def _same_style(first: str, second: str) -> bool:
    """Both month names long, or both short (``is_valid_month_range_style``)."""
    return (first in _LONG and second in _LONG) or (first in _SHORT and second in _SHORT)


def _range_ok(first: str, second: str) -> bool:
    """``is_valid_month_season_range``: left to right, same style, not the same."""
    if _month(first) and _month(second):
        return _same_style(first, second) and _month(first) < _month(second)
    return first in _SEASONS and second in _SEASONS and first != second


@lru_cache(maxsize=4096)
def check_date(text: str, param: str) -> bool:
    """Whether ``Module:Citation/CS1`` accepts ``text`` in the date parameter ``param``.

    ``param`` is the canonical name: ``"date"``, ``"year"``, ``"access-date"``,
    ``"archive-date"`` or ``"publication-date"``.
    """
    if param in ("date", "year") and _CIRCA.fullmatch(text):
        return True
    if param == "date" and _NO_DATE.fullmatch(text):
        return True
    if param == "year":
        return _YEAR_ONLY.fullmatch(text) is not None
    kind, match = _match(text)
    if match is None:
        return False
    g = match.groups()
    single: tuple[int, int, int] | None = None
    if kind == "ymd":
        year, month, day = int(g[0]), int(g[1]), int(g[2])
        if not 1 <= month <= 12 or year < 1582 or day == 0:
            return False
        single = (year, month, day)
    elif kind in ("Mdy", "dMy"):
        name, day_text = (g[0], g[1]) if kind == "Mdy" else (g[1], g[0])
        if not _month(name):
            return False
        single = (int(g[3]), _month(name), int(day_text))
    elif kind in ("Md-dy", "d-dMy"):
        name, first, second, year_text = (
            (g[0], g[1], g[2], g[4]) if kind == "Md-dy" else (g[2], g[0], g[1], g[4])
        )
        month = _month(name)
        if not month or int(first) >= int(second):
            return False
        year = int(year_text)
        return _real(year, month, int(first)) and _real(year, month, int(second))
    elif kind in ("dM-dMy", "Md-Mdy"):
        if kind == "dM-dMy":
            day1, name1, day2, name2, year_text = g[0], g[1], g[2], g[3], g[5]
        else:
            name1, day1, name2, day2, year_text = g[0], g[1], g[2], g[3], g[5]
        if not (_month(name1) and _month(name2) and _range_ok(name1, name2)):
            return False
        year = int(year_text)
        return _real(year, _month(name1), int(day1)) and _real(year, _month(name2), int(day2))
    elif kind == "My-My":
        if int(g[1]) >= int(g[4]):
            return False
        months = bool(_month(g[0]) and _month(g[2]) and _same_style(g[0], g[2]))
        return months or (g[0] in _SEASONS and g[2] in _SEASONS)
    elif kind == "M-My":
        return _range_ok(g[0], g[1])
    elif kind == "My":
        return _element(g[0])
    elif kind == "Sy-y":
        return g[0] in ("Winter", "Summer") and int(g[3]) - int(g[1]) == 1
    elif kind == "y-y":
        return int(g[0]) < int(g[2]) and int(g[0]) >= 100
    elif kind == "y4-y2":
        second = int(g[3])
        return second >= 13 and int(g[0]) < int(g[1] + g[3])
    elif kind == "y":
        return int(g[1]) >= 100
    if single is None:
        return False
    if param == "access-date" and single < _FIRST_ACCESS:
        return False
    return _real(*single)


#: The patterns that open with a digit, in ``_PATTERNS``'s order, and the others (they
#: open with ``%D-``, a non-digit): a text's first character rules out one of the two.
_DIGIT_FIRST: Final = frozenset({"ymd", "dMy", "d-dMy", "dM-dMy", "y-y", "y4-y2", "y"})
_FROM_DIGIT: Final = tuple((k, p) for k, p in _PATTERNS.items() if k in _DIGIT_FIRST)
_FROM_OTHER: Final = tuple((k, p) for k, p in _PATTERNS.items() if k not in _DIGIT_FIRST)


def _match(text: str) -> tuple[str, re.Match[str] | None]:
    """The first of ``_PATTERNS`` that matches all of ``text``, and its match."""
    # PERF: half the patterns are ruled out by the first character (a dMy date tried two
    # patterns instead of four).
    for kind, pattern in _FROM_DIGIT if text[:1].isdecimal() else _FROM_OTHER:  # \d is Nd
        match = pattern.fullmatch(text)
        if match is not None:
            return kind, match
    return "", None


@lru_cache(maxsize=4096)  # PERF: a page's notes repeat their access dates
def reformat(text: str, style: str, length: str = "l") -> str:
    """``text`` in the date format ``style`` (``"dmy"``, ``"mdy"`` or ``"ymd"``).

    Month names come out long (``length="l"``) or short (``"s"``).  Dates the module cannot
    convert (seasons, year ranges …) come back unchanged; month-year dates only get their
    month name lengthened.
    """
    kind, match = _match(text)
    if match is None:
        return text
    g = match.groups()
    names = MONTHS if length != "s" else [name[:3] for name in MONTHS]
    if kind == "ymd":
        if style == "ymd":
            return text
        month_name, day_text = names[int(g[1]) - 1], str(int(g[2]))
        if style == "dmy":
            return f"{day_text} {month_name} {g[0]}"
        return f"{month_name} {day_text}, {g[0]}"
    if kind in ("Mdy", "dMy"):
        name, day, year = (g[0], g[1], g[2]) if kind == "Mdy" else (g[1], g[0], g[2])
        number = _month(name)
        if not number:
            return text
        if style == "ymd":
            if int(g[3]) < 1582 or not year.isdigit():
                return text
            return f"{int(year):04d}-{number:02d}-{int(day):02d}"
        if style == "dmy":
            return f"{day} {names[number - 1]} {year}"
        return f"{names[number - 1]} {day}, {year}"
    if style == "ymd":
        return text
    if kind in ("Md-dy", "d-dMy"):
        name, first, second, year = (
            (g[0], g[1], g[2], g[3]) if kind == "Md-dy" else (g[2], g[0], g[1], g[3])
        )
        number = _month(name)
        if not number:
            return text
        long_name = names[number - 1]
        return (
            f"{first}–{second} {long_name} {year}"
            if style == "dmy"
            else f"{long_name} {first}–{second}, {year}"
        )
    if kind == "My":
        number = _month(g[0])
        return f"{names[number - 1]} {g[1]}" if number else text
    return text


def hyphen_to_dash(text: str) -> str:
    """A date's hyphens as en dashes (``2001-2002`` → ``2001–2002``); ISO dates untouched."""
    if "-" not in text or _PATTERNS["ymd"].fullmatch(text):
        return text
    return text.replace("-", "–")
