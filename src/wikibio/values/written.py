"""Dates written out in plain text: ``24 March 2001``, ``March 24, 2001``, ``c. 384 BC``.

Kept apart from ``wikibio.values.dates`` so that it is compiled (``setup.py``): that module
defines the attrs classes of values, which mypyc cannot compile, and every citation's and
infobox's date is read here (most citation dates are written out, not templates).
"""

from __future__ import annotations

import re
from typing import Final

from wikibio.errors import InvalidNodeError
from wikibio.syntax.chars import fold_blanks
from wikibio.values.dates import MONTHS, Date, DateStyle, ValueProblem

__all__ = ["written_date"]


def _number(text: str) -> int | None:
    return int(text) if text.isascii() and text.isdigit() and len(text) <= 6 else None


def _month(text: str) -> int | None:
    number = _number(text)
    return number if number is not None else _MONTH_NAMES.get(text.rstrip(".").casefold())


def _quote(wikitext: str) -> str:
    text = " ".join(wikitext.split())
    return repr(text if len(text) <= 60 else text[:57] + "...")


_MONTH_NAMES: Final = {
    **{name.casefold(): i for i, name in enumerate(MONTHS, 1)},
    **{name[:3].casefold(): i for i, name in enumerate(MONTHS, 1)},
    "sept": 9,
}
_MONTH: Final = "(?P<month>" + "|".join(sorted(_MONTH_NAMES, key=len, reverse=True)) + r")\.?"
_CIRCA: Final = r"(?P<circa>(?:circa\b|ca\.|c\.)\s*|(?:ca|c)\s+)?"
_ERA: Final = r"(?:\s*(?P<era>B\.?\s?C\.?(?:\s?E\.?)?|A\.?\s?D\.?|C\.?\s?E\.?)(?![A-Za-z]))?"
_YEAR: Final = r"(?P<year>\d{1,4})"
_DAY: Final = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_WRITTEN: Final = tuple(
    (style, re.compile(_CIRCA + body + r"\Z", re.IGNORECASE))
    for style, body in (
        ("iso", r"(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})"),
        ("mdy", _MONTH + r"\s*" + _DAY + r",?\s+" + _YEAR + _ERA),
        ("dmy", _DAY + r"\s+" + _MONTH + r",?\s+" + _YEAR + _ERA),
        ("my", _MONTH + r",?\s+" + _YEAR + _ERA),
        ("y", r"(?:(?P<ad>A\.?\s?D\.?)\s*)?" + _YEAR + _ERA),
        ("cjk", _YEAR + r"\s*年(?:\s*(?P<month>\d{1,2})\s*月(?:\s*" + _DAY + r"\s*日)?)?"),
    )
)  # fmt: skip
#: The forms that can start with a digit (the others open with a month name or ``c.``).
_FROM_DIGIT: Final = tuple(
    (style, pattern) for style, pattern in _WRITTEN if style not in ("mdy", "my")
)
_AGE_TAIL: Final = re.compile(r"\s*\((?:age|aged)\s[^()]*\)\s*\Z", re.IGNORECASE)
_ANY_MONTH: Final = _MONTH.replace("(?P<month>", "(?:")
_NO_YEAR: Final = re.compile(_ANY_MONTH + r"\s*\d{1,2}|\d{1,2}\s+" + _ANY_MONTH, re.IGNORECASE)


def written_date(text: str, raw: str) -> tuple[Date | None, ValueProblem | None]:
    """Read a date written out in plain text (``24 March 2001``, ``c. 384 BC`` …)."""
    cleaned = fold_blanks(text)
    if "(" in cleaned:  # "(aged 12)" after a date
        cleaned = _AGE_TAIL.sub("", cleaned)
    cleaned = cleaned.strip().rstrip(",;")
    if (
        len(cleaned) == 10
        and cleaned[4] == "-"
        and cleaned[7] == "-"
        and cleaned.isascii()
        and (cleaned[:4] + cleaned[5:7] + cleaned[8:]).isdigit()
    ):
        # PERF: 2001-03-24, the first form and most citations' access dates, read without
        # the patterns (the same reading as theirs).
        return _dated(int(cleaned[:4]), int(cleaned[5:7]), int(cleaned[8:]), False, raw, None)
    words = cleaned.split(" ")
    if len(words) == 3 and cleaned.isascii():
        found = _day_month_year(words, raw)
        if found is not None:
            return found
    return by_patterns(cleaned, raw)


def _day_month_year(words: list[str], raw: str) -> tuple[Date | None, ValueProblem | None] | None:
    """``24 March 2001`` or ``March 24, 2001`` (three ASCII words, a year of three or four
    digits) read without the patterns, as they read it; ``None`` for any other shape.

    PERF: most written citation dates; the patterns' match and groups cost twice the rest.
    """
    first, middle, year = words
    if not (year.isdigit() and 3 <= len(year) <= 4):
        return None
    if first.isdigit() and len(first) <= 2:
        month = _MONTH_NAMES.get(middle.casefold())
        if month is not None:
            return _dated(int(year), month, int(first), False, raw, "dmy")
        return None
    day = middle[:-1] if middle.endswith(",") else middle
    if day.isdigit() and len(day) <= 2:
        month = _MONTH_NAMES.get(first.casefold())
        if month is not None:
            return _dated(int(year), month, int(day), False, raw, "mdy")
    return None


def by_patterns(cleaned: str, raw: str) -> tuple[Date | None, ValueProblem | None]:
    """``written_date`` of a cleaned text, read by the patterns alone (the fast paths
    give the same reading; the tests compare them)."""
    # PERF: a date that starts with a digit starts with no month name (most citation dates).
    patterns = _FROM_DIGIT if cleaned[:1].isdigit() else _WRITTEN
    for style, pattern in patterns:
        match = pattern.match(cleaned)
        if match is None:
            continue
        groups = match.groupdict()
        year = int(groups["year"])
        era = (groups.get("era") or "").upper().replace(".", "").replace(" ", "")
        ad = era in ("AD", "CE") or bool(groups.get("ad"))
        if len(groups["year"]) < 3 and style != "cjk" and not era and not ad:
            break  # "September 10" is a day without its year, not September AD 10
        if year == 0 and (era or ad):
            break  # there is no year 0 BC or AD
        if era in ("BC", "BCE"):
            year = 1 - year
        month = _month(groups["month"]) if groups.get("month") else None
        day = int(groups["day"]) if groups.get("day") else None
        display: DateStyle | None = "dmy" if style == "dmy" else "mdy" if style == "mdy" else None
        return _dated(year, month, day, bool(groups["circa"]), raw, display)
    hint = "it has no year; " if _NO_YEAR.fullmatch(cleaned) else ""
    return None, ValueProblem(
        "unreadable-date",
        f"{_quote(raw)} is not a date wikibio can read: {hint}write e.g. 24 March 2001, "
        "March 24, 2001, 2001-03-24, March 2001, 2001 or c. 2001",
    )


def _dated(
    year: int, month: int | None, day: int | None, circa: bool, raw: str, display: DateStyle | None
) -> tuple[Date | None, ValueProblem | None]:
    """The date read, or the problem of a date that does not exist."""
    try:
        return Date(year, month, day, circa=circa, raw=raw, display=display), None
    except InvalidNodeError as error:
        return None, ValueProblem("invalid-date", f"{_quote(raw)}: {error}")
