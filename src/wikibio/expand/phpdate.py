"""Dates for ``{{#time:}}``: reading the date argument and PHP's ``date()`` format letters.

MediaWiki hands the date to PHP's ``DateTime`` (``strtotime`` syntax).  The forms read
here are the ones pages use: empty or ``now``, ``@unix``, ISO ``2001-01-15`` with an
optional ``23:00[:00]`` time and an IANA zone, ``15 January 2001``, ``January 15, 2001``,
``January 2001``, a bare year of four digits, and ``+N day(s)/week(s)/month(s)/year(s)``
offsets.  Anything else is an error ("Error: Invalid time.").  Format letters follow
``Language::sprintfDate``: ``d D j l N w z W F m M n t L o Y y a A g G h H i s U c r e``
and ``x``-prefixed ones are not supported (shown as written, with a diagnostic);
``\\x`` and ``"…"`` quote text.
"""

from __future__ import annotations

import datetime
import re
from typing import Final
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from wikibio.site.languages import LanguageData

__all__ = ["TimeError", "format_date", "parse_date"]

UTC: Final = datetime.UTC
MONTHS: Final = (
    "January February March April May June July August September October November December"
).split()
DAYS: Final = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()
_MONTH_INDEX: Final = {name.lower(): i + 1 for i, name in enumerate(MONTHS)} | {
    name[:3].lower(): i + 1 for i, name in enumerate(MONTHS)
}


class TimeError(Exception):
    """A date ``#time`` cannot read."""


_ISO: Final = re.compile(
    r"(\d{4})-(\d{1,2})(?:-(\d{1,2}))?"
    r"(?:[T ]+(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?"
    r"(?:\s*(Z|[+-]\d{2}:?\d{2})|\s+(\S+))?$"
)
_DMY: Final = re.compile(r"(\d{1,2})\s+([A-Za-z]+)\.?,?\s+(-?\d{1,4})(?:\s+(\d{1,2}):(\d{2}))?$")
_MDY: Final = re.compile(r"([A-Za-z]+)\.?\s+(\d{1,2}),?\s+(-?\d{1,4})$")
_MY: Final = re.compile(r"([A-Za-z]+)\s+(\d{4})$")
_RELATIVE: Final = re.compile(r"([+-]?\d+)\s*(day|week|month|year|hour|minute|second)s?", re.I)


def _zone(name: str | None) -> datetime.tzinfo:
    if not name or name.upper() in ("UTC", "GMT", "Z"):
        return UTC
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as error:
        raise TimeError(name) from error


def _offset(text: str) -> datetime.tzinfo:
    """``Z`` or ``+01:00``/``-0500`` as a fixed offset."""
    if text == "Z":
        return UTC
    sign = -1 if text[0] == "-" else 1
    digits = text[1:].replace(":", "")
    delta = datetime.timedelta(hours=int(digits[:2]), minutes=int(digits[2:]))
    return datetime.timezone(sign * delta)


def _month(name: str) -> int:
    month = _MONTH_INDEX.get(name.lower())
    if month is None:
        raise TimeError(name)
    return month


def parse_date(text: str, now: datetime.datetime) -> datetime.datetime:
    """The moment ``text`` names (UTC), relative to ``now`` for ``now`` and offsets.

    Raises:
        TimeError: for a date form this reader does not know.
    """
    text = " ".join(text.split())
    try:
        return _parse(text, now).astimezone(UTC)
    except (ValueError, OverflowError) as error:
        raise TimeError(text) from error


def _parse(text: str, now: datetime.datetime) -> datetime.datetime:
    if text == "" or text.lower() == "now":
        return now
    if text.startswith("@") and re.fullmatch(r"@-?\d+", text):
        return datetime.datetime.fromtimestamp(int(text[1:]), UTC)
    m = _ISO.match(text)
    if m:
        year, month, day, hour, minute, second, offset, zone = m.groups()
        tz = _zone(zone) if offset is None else _offset(offset)
        return datetime.datetime(
            int(year), int(month), int(day or 1), int(hour or 0), int(minute or 0),
            int(second or 0), tzinfo=tz,
        )  # fmt: skip
    m = _DMY.match(text)
    if m:
        day, month, year, hour, minute = m.groups()
        return datetime.datetime(
            int(year), _month(month), int(day), int(hour or 0), int(minute or 0), tzinfo=UTC
        )
    m = _MDY.match(text)
    if m:
        return datetime.datetime(int(m[3]), _month(m[1]), int(m[2]), tzinfo=UTC)
    m = _MY.match(text)
    if m:
        return datetime.datetime(int(m[2]), _month(m[1]), 1, tzinfo=UTC)
    if re.fullmatch(r"\d{4}", text):
        # ParserFunctions reads four digits alone as a year at 00:00 (it prefixes "00:00 "
        # because PHP would read them as a time of day); month and day are today's.
        # A day the year lacks (29 February) overflows into the next month, as in PHP.
        first = now.replace(year=int(text), day=1, hour=0, minute=0, second=0, microsecond=0)
        return first + datetime.timedelta(days=now.day - 1)
    offsets = list(_RELATIVE.finditer(text))
    if offsets and _RELATIVE.sub("", text).strip() == "":
        moment = now
        for found in offsets:
            amount, unit = int(found[1]), found[2].lower()
            if unit in ("month", "year"):
                months = moment.month - 1 + amount * (12 if unit == "year" else 1)
                moment = moment.replace(year=moment.year + months // 12, month=months % 12 + 1)
            else:
                moment += datetime.timedelta(**{unit + "s": amount})
        return moment
    raise TimeError(text)


def _iso_year(moment: datetime.datetime) -> int:
    return moment.isocalendar()[0]


def format_date(
    fmt: str, moment: datetime.datetime, language: LanguageData | None = None
) -> tuple[str, list[str]]:
    """``moment`` written with PHP date letters (names in ``language``, English by
    default); also the letters not supported."""
    out: list[str] = []
    unsupported: list[str] = []
    i = 0
    n = len(fmt)
    while i < n:
        c = fmt[i]
        i += 1
        if c == "\\" and i < n:
            out.append(fmt[i])
            i += 1
            continue
        if c == '"':
            close = fmt.find('"', i)
            if close < 0:
                out.append('"')
                continue
            out.append(fmt[i:close])
            i = close + 1
            continue
        if c == "x" and i < n:
            unsupported.append("x" + fmt[i])
            out.append("x" + fmt[i])
            i += 1
            continue
        out.append(_letter(c, moment, language))
    return "".join(out), unsupported


def _letter(c: str, m: datetime.datetime, language: LanguageData | None) -> str:
    if language is not None and language.code != "en" and c in "DlFM":
        sunday_first = m.isoweekday() % 7
        if c == "D":
            return language.day_abbreviations[sunday_first]
        if c == "l":
            return language.days[sunday_first]
        if c == "F":
            return language.months[m.month - 1]
        return language.month_abbreviations[m.month - 1]
    hour12 = m.hour % 12 or 12
    table = {
        "d": f"{m.day:02d}",
        "D": DAYS[m.weekday()][:3],
        "j": str(m.day),
        "l": DAYS[m.weekday()],
        "N": str(m.isoweekday()),
        "w": str(m.isoweekday() % 7),
        "z": str(m.timetuple().tm_yday - 1),
        "W": f"{m.isocalendar()[1]:02d}",
        "F": MONTHS[m.month - 1],
        "m": f"{m.month:02d}",
        "M": MONTHS[m.month - 1][:3],
        "n": str(m.month),
        "t": str(_days_in_month(m.year, m.month)),
        "L": "1" if _days_in_month(m.year, 2) == 29 else "0",
        "o": str(_iso_year(m)),
        "Y": str(m.year),
        "y": f"{m.year % 100:02d}",
        "a": "am" if m.hour < 12 else "pm",
        "A": "AM" if m.hour < 12 else "PM",
        "g": str(hour12),
        "G": str(m.hour),
        "h": f"{hour12:02d}",
        "H": f"{m.hour:02d}",
        "i": f"{m.minute:02d}",
        "s": f"{m.second:02d}",
        "U": str(int(m.timestamp())),
        "c": m.strftime("%Y-%m-%dT%H:%M:%S+00:00"),
        "r": m.strftime("%a, %d %b %Y %H:%M:%S +0000"),
        "e": "UTC",
        "T": "UTC",
        "O": "+0000",
        "P": "+00:00",
        "Z": "0",
        "I": "0",
    }
    return table.get(c, c)


def _days_in_month(year: int, month: int) -> int:
    if month == 12:
        return 31
    return (datetime.date(year, month + 1, 1) - datetime.date(year, month, 1)).days
