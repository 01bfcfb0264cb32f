"""Typed infobox values: dates, lists, links, images, and the text a reader sees.

Every function here is total: any ``str`` gives a result, malformed values give ``None``
(or nothing) plus a :class:`ValueProblem`, never an exception and never a guessed date.
Value objects keep the wikitext they were read from in ``raw``.  Nothing reads the clock:
ages are computed against a ``today`` the caller passes, so results are reproducible.

Structure is found by the preprocessor scan (:mod:`wikibio._scan`): template calls,
comments and extension tags of a fragment are masked as opaque tokens first, so the
regular expressions here only ever see flat text; inline markup of template-free text
goes through :func:`wikibio._parse.plain_text`.

What the rendering relies on (sources: ``shared/reference/CS1_AND_INFOBOXES.md`` §4–5,
en.wiki ``Module:Age`` and template documentation copies):

* ``{{Birth date and age}}``/``{{Death date and age}}`` are ``Module:Age``'s ``bda`` and
  ``dda``: positional ``year|month|day`` (or named ``year``/``month``/``day``,
  ``year1``…/``year2``…), or one text date per date when fewer than three positional
  fields are given.  Any non-empty ``df`` means day first (``24 March 2001``), otherwise
  month first (``March 24, 2001``); ``mf`` only documents the intent.  Birth date and age
  needs a full date and shows ``(age N)``, or ``(age N months)``/``(age N days)`` under
  two years; its error texts are the module's (``Error: Need valid birth date: year, month,
  day``), and an age that is negative or over 150 is an error.  Death date and age accepts
  partial dates (year, or year and month), shows the death date with ``%B %Y``/``%Y``
  when partial, and ``(aged N)`` or the en-dash range ``(aged N–M)`` over the possible
  birth dates.  The first date is the death date.
* ``{{Birth date}}``, ``{{Death date}}``, ``{{Start date}}``, ``{{End date}}`` show the
  date only, same ``df`` rule; a month may be a number or an English name.  Partial dates
  (year, or year and month) are accepted.  ``{{Start date and age}}``/``{{End date and
  age}}`` are read as dates; their ``; N years ago`` suffix is not rendered.
* ``{{Birth year and age|Y|M}}`` shows ``[Month ]Y (age N)`` with a range when the
  birthday's position is unknown; ``{{Death year and age|death|birth}}`` shows
  ``Y (aged N–M)`` (month parameters of the latter are not used).
* ``{{Birth-date|text|display}}``/``{{Death-date|…}}`` read a written date and show
  ``display`` or the text as written; ``{{Birth-date and age}}`` (``{{B-da}}``) and
  ``{{Death-date and age|death|birth|display}}`` (``{{D-da}}``) add the age.
* ``{{Circa|Y}}`` shows ``c. Y``, ``{{Circa|A|B}}`` ``c. A – c. B``, ``{{Circa}}`` ``c.``
* ``{{Marriage|name|start|end|end=reason}}`` shows ``name (m. Y1)``, ``(m. Y1–Y2)``, or
  ``(m. Y1; div. Y2)`` (``div``/``sep``/``ann``/``wid``/``died`` recognised, any other
  reason shown as written); only the years of its dates are shown.
* ``{{Plainlist}}``, ``{{Flatlist}}`` (bullets in parameter 1, or bullets after a bare
  opener), ``{{Unbulleted list}}``/``{{Ubl}}``, ``{{Hlist}}`` (one item per positional
  parameter) are lists: one line per item.  ``{{Lang|code|text}}`` shows the text,
  ``{{Nowrap}}``, ``{{Small}}`` and kin their content, ``{{Longitem|[style|]text}}`` a
  block, ``{{URL|url|label}}`` the label or the address without its scheme.
* Template names are compared case-insensitively and with the listed redirects; every
  other template shows nothing.  Non-breaking and thin spaces come out as spaces.
"""

from __future__ import annotations

import datetime
import html
import re
from collections.abc import Callable, Iterator
from typing import Final, Literal

from attrs import field, frozen

from wikibio import _scan
from wikibio._names import is_template_call, normalize_page_name
from wikibio._parse import plain_text
from wikibio.errors import InvalidNodeError
from wikibio.templates import Template, build_template

__all__ = [
    "Date",
    "Link",
    "ValueProblem",
    "age",
    "age_range",
    "display_text",
    "parse_date",
    "parse_image",
    "parse_items",
    "parse_links",
]

Precision = Literal["year", "month", "day"]
DateStyle = Literal["dmy", "mdy"]

MONTHS: Final = (
    "January February March April May June July August September October November December"
).split()
#: Nested template calls past this depth show nothing (MediaWiki stops at 100 with an error).
MAX_DEPTH: Final = 40


def _days_in_month(year: int, month: int) -> int:
    """Days of a month in the proleptic Gregorian calendar (astronomical years, 0 is leap)."""
    if month == 2:
        return 29 if year % 4 == 0 and (year % 100 != 0 or year % 400 == 0) else 28
    return 30 if month in (4, 6, 9, 11) else 31


def _check_date(instance: Date, attribute: object, value: object) -> None:
    month, day = instance.month, instance.day
    if month is not None and not 1 <= month <= 12:
        raise InvalidNodeError(f"month {month} is not 1–12")
    if day is not None:
        if month is None:
            raise InvalidNodeError("a date with a day needs a month")
        if not 1 <= day <= _days_in_month(instance.year, month):
            raise InvalidNodeError(f"{MONTHS[month - 1]} {instance.year} has no day {day}")


@frozen
class Date:
    """A calendar date as an infobox gives it: to the year, the month or the day.

    Years are astronomical (ISO 8601): 1 BC is year 0, 384 BC is year -383.  ``str()``
    renders the date as Wikipedia's date templates do: ``March 24, 2001`` (month first,
    the templates' default), ``24 March 2001`` with ``display="dmy"``, ``March 2001``,
    ``1967``, ``c. 1956``, ``384 BC``.

    Raises:
        InvalidNodeError: the month or day does not exist.
    """

    year: int
    month: int | None = field(default=None, validator=_check_date)
    day: int | None = field(default=None, validator=_check_date)
    #: Whether the date is approximate (``c. 1956``).
    circa: bool = field(default=False, kw_only=True)
    #: The wikitext the date was read from (empty for a date built in code).
    raw: str = field(default="", kw_only=True, eq=False)
    #: The display preference: ``df=y`` or a written ``24 March 2001`` give ``"dmy"``,
    #: ``mf=y`` or ``March 24, 2001`` give ``"mdy"``; ``None`` when nothing says.
    display: DateStyle | None = field(default=None, kw_only=True)

    @property
    def precision(self) -> Precision:
        """``"year"``, ``"month"`` or ``"day"``: how much of the date is known."""
        if self.day is not None:
            return "day"
        return "year" if self.month is None else "month"

    def to_date(self) -> datetime.date | None:
        """The :class:`datetime.date`, or ``None`` for a partial date or one before AD 1."""
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
    """A wikilink as a reader meets it: the page it goes to and the text it shows."""

    #: The page name, normalised as MediaWiki does (first letter upper, ``_`` as space);
    #: empty for a link to a section of the same page.
    target: str
    #: The text shown: the label, or the target as written, with any link trail.
    label: str
    #: The link's wikitext (``[[a|b]]``, with its trail).
    raw: str = field(eq=False)
    #: The section part after ``#``, if any.
    fragment: str = field(default="", kw_only=True)


@frozen
class ValueProblem:
    """Why a value could not be read (or read only in part).

    ``code`` is a stable key: ``"unreadable-date"`` (no date template wikibio knows and
    no written date), ``"invalid-date"`` (a date that does not exist, or a date template
    whose arguments MediaWiki rejects).
    """

    code: str
    message: str

    def __str__(self) -> str:
        return f"{self.message} [{self.code}]"


# --- masking: a fragment's structure as opaque tokens ---------------------------------


class _Token:
    """One top-level scan node of a fragment: a call, a literal text, or nothing."""

    __slots__ = ("call", "end", "literal", "start")

    def __init__(self, start: int, end: int, call: Template | None, literal: str) -> None:
        self.start = start
        self.end = end
        self.call = call
        self.literal = literal


class _Masked:
    """A fragment with each template call, comment and extension tag replaced by a token.

    A token is ``mark + index + mark`` where ``mark`` is a private-use character absent
    from the fragment, so regular expressions over :attr:`text` see flat text only.
    """

    __slots__ = ("pattern", "source", "text", "tokens")

    def __init__(self, source: str) -> None:
        self.source = source
        scan_text = source.replace("\r\n", " \n").replace("\r", "\n") if "\r" in source else source
        mark = _free_mark(source)
        self.pattern = re.compile(f"{mark}(\\d+){mark}")
        self.tokens: list[_Token] = []
        pieces: list[str] = []
        position = 0
        for node in _scan.scan(scan_text).children:
            kind = type(node)
            if kind is _scan.Heading:
                continue
            call: Template | None = None
            literal = ""
            if kind is _scan.Template:
                assert isinstance(node, _scan.Template)
                title = node.parts[0]
                if not node.is_arg and is_template_call(source[title.start : title.end]):
                    call = build_template(source, node, 0)
            elif kind is _scan.Ext:
                assert isinstance(node, _scan.Ext)
                if node.name.lower() in ("nowiki", "pre") and node.inner_start >= 0:
                    literal = html.unescape(source[node.inner_start : node.inner_end])
            pieces.append(source[position : node.start])
            pieces.append(f"{mark}{len(self.tokens)}{mark}")
            self.tokens.append(_Token(node.start, node.end, call, literal))
            position = node.end
        pieces.append(source[position:])
        self.text = "".join(pieces)

    def token(self, match: re.Match[str]) -> _Token:
        return self.tokens[int(match.group(1))]

    def unmask(self, masked: str) -> str:
        """The original wikitext of a piece of :attr:`text`."""
        return self.pattern.sub(lambda m: self.source[self.token(m).start : self.token(m).end], masked)

    def calls(self, masked: str) -> Iterator[tuple[int, Template]]:
        """The template calls in a piece of :attr:`text`, with their offsets in the piece."""
        for match in self.pattern.finditer(masked):
            call = self.token(match).call
            if call is not None:
                yield match.start(), call


def _free_mark(text: str) -> str:
    """A private-use character that does not occur in ``text``."""
    for code in range(0xF8FF, 0xE100, -1):
        if chr(code) not in text:
            return chr(code)
    return next(chr(c) for c in range(0xF0000, 0x10FFFE) if chr(c) not in text)


# --- display text ----------------------------------------------------------------------

_SPACES: Final = re.compile(r"[ \t\xa0\u2009\u202f]+")
_BR: Final = re.compile(r"<br\s*/?\s*>|</br\s*>", re.IGNORECASE)
_LIST_MARKERS: Final = "*#:;"


def display_text(wikitext: str, *, today: datetime.date | None = None) -> str:
    """The plain text a reader sees for an infobox value.

    Links show their label, bold and italics their content; refs, comments, file and
    category links vanish; ``<br>``, list items and list templates become line breaks;
    known display templates are rendered (see the module documentation), unknown ones
    show nothing; entities are decoded.

    Args:
        wikitext: The value's wikitext.
        today: The date ages are computed at; without it an age template shows its date
            alone.

    Returns:
        The text, one line per displayed line, without empty lines.
    """
    return _render(wikitext, today, 0)


def _render(wikitext: str, today: datetime.date | None, depth: int) -> str:
    if depth > MAX_DEPTH or not wikitext:
        return ""
    masked = _Masked(wikitext)
    lines = [_inline(piece, masked, today, depth) for _, piece in _blocks(masked.text)]
    return _tidy("\n".join(lines))


def _tidy(text: str) -> str:
    """Fold blanks, trim each line, drop empty lines."""
    lines = (_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def _blocks(masked: str) -> Iterator[tuple[bool, str]]:
    """Split flat text into list items (``True``) and paragraphs (``False``).

    A line starting with ``*``, ``#``, ``:`` or ``;`` is a list item; other lines join
    into a paragraph (MediaWiki shows a single newline as a space) until a blank line.
    """
    paragraph: list[str] = []
    for line in masked.split("\n"):
        if line[:1] in _LIST_MARKERS and line:
            if paragraph:
                yield False, " ".join(paragraph)
                paragraph = []
            yield True, line.lstrip(_LIST_MARKERS)
        elif line.strip():
            paragraph.append(line)
        elif paragraph:
            yield False, " ".join(paragraph)
            paragraph = []
    if paragraph:
        yield False, " ".join(paragraph)


def _inline(piece: str, masked: _Masked, today: datetime.date | None, depth: int) -> str:
    """Plain text of a piece of masked text, each token replaced by what it shows."""

    def keep(match: re.Match[str]) -> str:
        token = masked.token(match)
        return match.group(0) if token.call is not None or token.literal else ""

    def show(match: re.Match[str]) -> str:
        token = masked.token(match)
        if token.call is None:
            return token.literal
        return _template_text(token.call, today, depth + 1)

    text = plain_text(masked.pattern.sub(keep, piece))
    return masked.pattern.sub(show, text)


def _template_text(call: Template, today: datetime.date | None, depth: int) -> str:
    """What a template call shows, or ``""`` for a template wikibio does not know."""
    if call.dynamic or depth > MAX_DEPTH:
        return ""
    kind = _KINDS.get(call.name.casefold())
    if kind is None:
        return ""
    if kind in _DATE_KINDS:
        return _read_date_call(call, kind, today, depth).text
    return _RENDERERS[kind](call, today, depth)


def _positional(call: Template) -> list[str]:
    """Positional argument values ``1…n`` (gaps as ``""``), as MediaWiki resolves them."""
    params = call.params
    count = max((a.index for a in call.arguments if a.positional), default=0)
    return [params.get(str(i), "") for i in range(1, count + 1)]


def _arg(call: Template, *names: str) -> str:
    """The stripped value of the first of ``names`` that is given and not blank."""
    params = call.params
    for name in names:
        value = params.get(name, "").strip()
        if value:
            return value
    return ""


def _line(wikitext: str, today: datetime.date | None, depth: int) -> str:
    """Display text of a small fragment as one line."""
    return _render(wikitext, today, depth).replace("\n", " ")


def _show_param(index: int) -> Callable[[Template, datetime.date | None, int], str]:
    def render(call: Template, today: datetime.date | None, depth: int) -> str:
        return _render(_arg(call, str(index)), today, depth)

    return render


def _show_longitem(call: Template, today: datetime.date | None, depth: int) -> str:
    return "\n" + _render(_arg(call, "2", "1"), today, depth) + "\n"


def _show_list(call: Template, today: datetime.date | None, depth: int) -> str:
    items = (_render(source, today, depth) for source in _list_sources(call))
    return "\n" + "\n".join(items) + "\n"


def _show_circa(call: Template, today: datetime.date | None, depth: int) -> str:
    years = [_line(value, today, depth) for value in _positional(call)[:2]]
    return " – ".join(f"c. {year}" for year in years if year) or "c."


def _show_url(call: Template, today: datetime.date | None, depth: int) -> str:
    label = _line(_arg(call, "2"), today, depth)
    if label:
        return label
    address = _line(_arg(call, "1", "url"), today, depth)
    address = re.sub(r"^(?:[a-z][a-z0-9+.-]*:)?//", "", address, flags=re.IGNORECASE)
    return address[:-1] if address.endswith("/") and address.count("/") == 1 else address


_MARRIAGE_ENDS: Final = {
    **dict.fromkeys(("div", "div.", "divorce", "divorced"), "div."),
    **dict.fromkeys(("sep", "sep.", "separated", "separation"), "sep."),
    **dict.fromkeys(("ann", "ann.", "annulled", "annulment"), "ann."),
    **dict.fromkeys(("w", "w.", "wid", "wid.", "widowed"), "wid."),
    **dict.fromkeys(("d", "d.", "died", "death"), "died"),
}


def _show_marriage(call: Template, today: datetime.date | None, depth: int) -> str:
    name = _line(_arg(call, "1", "spouse"), today, depth)
    name = _render(call.params.get("1", "") or _arg(call, "spouse"), today, depth)
    start = _year_text(_arg(call, "2", "date"), today, depth)
    if not start:
        return name
    end = _year_text(_arg(call, "3", "end date"), today, depth)
    reason_text = _arg(call, "end", "reason")
    reason = _MARRIAGE_ENDS.get(reason_text.casefold()) or _line(reason_text, today, depth)
    if reason:
        tail = f"; {reason} {end}".rstrip()
    else:
        tail = f"–{end}" if end else ""
    return f"{name} (m. {start}{tail})"


def _year_text(wikitext: str, today: datetime.date | None, depth: int) -> str:
    """The year of a marriage date, as ``{{Marriage}}`` shows it."""
    date, _ = parse_date(wikitext) if depth <= MAX_DEPTH else (None, None)
    if date is not None:
        return ("c. " if date.circa else "") + str(Date(date.year))
    return _line(wikitext, today, depth)


def _list_sources(call: Template) -> list[str]:
    """The wikitext of a list template's items (one source holding bullets for plainlists)."""
    if _KINDS.get(call.name.casefold()) == "bullets":
        return [call.params.get("1", "")]
    return [value for value in _positional(call) if value.strip()]


# --- dates -----------------------------------------------------------------------------


class _Reading:
    """A date template read: the date, a problem, and the text the template shows."""

    __slots__ = ("date", "problem", "text")

    def __init__(self, date: Date | None, problem: ValueProblem | None, text: str) -> None:
        self.date = date
        self.problem = problem
        self.text = text


def parse_date(wikitext: str) -> tuple[Date | None, ValueProblem | None]:
    """Read the date of an infobox value.

    Date templates are found at the top level or inside ``{{nowrap}}``-like wrappers
    (the first one wins: ``{{death date and age|…}}`` gives the death date); otherwise
    the first displayed line is read as a written date: ``March 24, 2001``,
    ``24 March 2001``, ``2001-03-24``, ``March 2001``, ``1967``, ``384 BC``,
    ``c. 1956``, ``circa 1956``, ``1950年``.  Refs, comments and a trailing ``(aged N)``
    are ignored.

    Args:
        wikitext: The value's wikitext.

    Returns:
        ``(date, None)``; ``(None, problem)`` when the value is not a readable date;
        ``(date, problem)`` when a date template's date is readable but the rest of the
        call is not (e.g. a birth date after the death date); ``(None, None)`` for a
        blank value.
    """
    reading = _find_date_call(wikitext, 0)
    if reading is not None:
        return reading.date, reading.problem
    text = _render(wikitext, None, 0).split("\n", 1)[0]
    if not text:
        if not _render_blank(wikitext):
            return None, ValueProblem(
                "unreadable-date",
                f"{_quote(wikitext)} shows no date: use a date template wikibio knows "
                "or write the date out, e.g. 24 March 2001",
            )
        return None, None
    return _written_date(text, wikitext.strip())


def _render_blank(wikitext: str) -> bool:
    """Whether a value holds nothing but whitespace and comments."""
    masked = _Masked(wikitext)
    if any(t.call is not None or t.literal for t in masked.tokens):
        return False
    source = masked.tokens
    rest = masked.pattern.sub("", masked.text)
    return not rest.strip() and all(
        wikitext.startswith("<!--", token.start) for token in source
    )


def _quote(wikitext: str) -> str:
    text = " ".join(wikitext.split())
    return repr(text if len(text) <= 60 else text[:57] + "...")


_WRAPPERS: Final = frozenset({"wrap", "lang", "longitem"})


def _find_date_call(wikitext: str, depth: int) -> _Reading | None:
    """The first date template at the top level or inside wrapper templates."""
    if depth > MAX_DEPTH or "{{" not in wikitext:
        return None
    masked = _Masked(wikitext)
    for _, call in masked.calls(masked.text):
        if call.dynamic:
            continue
        kind = _KINDS.get(call.name.casefold())
        if kind == "circa" and not _arg(call, "1"):
            continue
        if kind in _DATE_KINDS:
            return _read_date_call(call, kind, None, depth)
        if kind in _WRAPPERS:
            inner = _arg(call, "2" if kind == "lang" else "1")
            if kind == "longitem":
                inner = _arg(call, "2", "1")
            found = _find_date_call(inner, depth + 1)
            if found is not None:
                return found
    return None


def _style(call: Template) -> DateStyle | None:
    if _arg(call, "df"):
        return "dmy"
    return "mdy" if _arg(call, "mf") else None


def _invalid(call: Template, reason: str) -> ValueProblem:
    return ValueProblem(
        "invalid-date", f"{_quote(str(call))}: {reason}; give a real year|month|day"
    )


def _number(text: str) -> int | None:
    text = text.strip()
    return int(text) if text.isascii() and text.isdigit() and len(text) <= 6 else None


def _month(text: str) -> int | None:
    number = _number(text)
    if number is not None:
        return number
    return _MONTH_NAMES.get(text.strip().rstrip(".").casefold())


def _ymd(
    call: Template,
    fields: tuple[str, str, str],
    *,
    partial: bool,
    display: DateStyle | None,
) -> Date | ValueProblem:
    """A date from year, month and day fields (blank ones missing)."""
    year_text, month_text, day_text = (_plain(f) for f in fields)
    year = _number(year_text)
    month = _month(month_text) if month_text else None
    day = _number(day_text) if day_text else None
    if year is None or (month_text and month is None) or (day_text and day is None):
        return _invalid(call, "the year, month or day is not a number")
    if day is not None and month is None:
        return _invalid(call, "a day is given without a month")
    if not partial and day is None:
        return _invalid(call, "the template needs a year, a month and a day")
    try:
        return Date(year, month, day, raw=str(call), display=display)
    except InvalidNodeError as error:
        return _invalid(call, str(error))


def _plain(wikitext: str) -> str:
    return _line(wikitext, None, MAX_DEPTH - 2)


def _text_field(
    call: Template, text: str, *, partial: bool, display: DateStyle | None
) -> Date | ValueProblem:
    """A date from a written date in one template field (``{{bda|24 March 2001}}``)."""
    date, problem = _written_date(_plain(text), str(call))
    if date is None:
        return problem or _invalid(call, "the date is missing")
    if not partial and date.day is None:
        return _invalid(call, "the template needs a year, a month and a day")
    return Date(date.year, date.month, date.day, circa=date.circa, raw=str(call), display=display)


def _age_fields(call: Template, second: bool) -> tuple[str, str, str] | None:
    """Module:Age's fields of the first or second date, or ``None`` for text dates."""
    params = call.params
    named = ("year", "year1", "year2", "month", "month1", "month2", "day", "day1", "day2")
    if any(params.get(n) is not None for n in named):
        if second:
            return (_arg(call, "year2"), _arg(call, "month2"), _arg(call, "day2"))
        return (_arg(call, "year1", "year"), _arg(call, "month1", "month"),
                _arg(call, "day1", "day"))  # fmt: skip
    values = [v.strip() for v in _positional(call)[:6]]
    if sum(1 for v in values[:3] if v) + (len(values) > 3 and any(values[3:])) and any(
        values[2:]
    ):
        pass
    if len([v for v in values if v]) and _last_filled(values) >= 3:
        values += [""] * (6 - len(values))
        return (values[3], values[4], values[5]) if second else (values[0], values[1], values[2])
    return None


def _last_filled(values: list[str]) -> int:
    return max((i + 1 for i, v in enumerate(values) if v), default=0)


def _read_date_call(
    call: Template, kind: str, today: datetime.date | None, depth: int
) -> _Reading:
    """Read a date template: its date, any problem, and what it shows."""
    display = _style(call)
    if kind == "ymd":
        fields = tuple(v.strip() for v in ([*_positional(call), "", "", ""])[:3])
        found = _ymd(call, (fields[0], fields[1], fields[2]), partial=True, display=display)
        return _outcome(found, lambda d: str(d))
    if kind == "circa":
        return _read_circa(call, today, depth)
    if kind == "bda":
        return _read_bda(call, display, today)
    if kind == "dda":
        return _read_dda(call, display, today)
    if kind in ("bya", "dya"):
        return _read_year_and_age(call, kind, today)
    # Text forms: {{Birth-date|text|display}}, {{B-da|text|display}},
    # {{Death-date|text|display}}, {{D-da|death|birth|display}}.
    values = _positional(call)
    shown_index = 2 if kind == "dda-text" else 1
    shown = values[shown_index] if len(values) > shown_index else ""
    found = _text_field(call, _arg(call, "1"), partial=True, display=display)
    written = _line(shown if shown.strip() else _arg(call, "1"), today, depth)
    if isinstance(found, Date) and shown.strip():
        shown_date, _ = _written_date(_plain(shown), shown)
        if shown_date is not None and shown_date.circa and shown_date.year == found.year:
            found = Date(found.year, found.month, found.day, circa=True, raw=found.raw,
                         display=display)  # fmt: skip
    if kind in ("date-text",) or not isinstance(found, Date):
        return _outcome(found, lambda d: written, fallback=written)
    if kind == "bda-text":
        return _Reading(found, None, written + _age_suffix(found, today, "age"))
    birth = _text_field(call, _arg(call, "2"), partial=True, display=None)
    if not isinstance(birth, Date):
        return _Reading(found, birth, written)
    return _Reading(found, None, written + _aged_suffix(found, birth))


def _outcome(
    found: Date | ValueProblem, show: Callable[[Date], str], fallback: str = ""
) -> _Reading:
    if isinstance(found, Date):
        return _Reading(found, None, show(found))
    return _Reading(None, found, fallback)


def _read_circa(call: Template, today: datetime.date | None, depth: int) -> _Reading:
    text = _show_circa(call, today, depth)
    values = [v for v in _positional(call) if v.strip()]
    if len(values) > 1:
        problem = ValueProblem(
            "unreadable-date", f"{_quote(str(call))} is a date range, not one date"
        )
        return _Reading(None, problem, text)
    date, problem = _written_date(_plain(values[0]) if values else "", str(call))
    if date is None:
        return _Reading(None, problem, text)
    return _Reading(
        Date(date.year, date.month, date.day, circa=True, raw=str(call), display=date.display),
        None,
        text,
    )


def _module_error(call: Template, message: str) -> tuple[ValueProblem, str]:
    """Module:Age's error as wikibio's problem and as the text a reader sees."""
    return ValueProblem("invalid-date", f"{_quote(str(call))}: {message}"), f"Error: {message}"


def _read_bda(call: Template, display: DateStyle | None, today: datetime.date | None) -> _Reading:
    fields = _age_fields(call, second=False)
    if fields is None:
        found = _text_field(call, _arg(call, "1"), partial=False, display=display)
    else:
        found = _ymd(call, fields, partial=False, display=display)
    if not isinstance(found, Date):
        problem, text = _module_error(call, "Need valid birth date: year, month, day")
        return _Reading(None, problem, text)
    return _Reading(found, None, str(found) + _age_suffix(found, today, "age"))


def _read_dda(call: Template, display: DateStyle | None, today: datetime.date | None) -> _Reading:
    first, second = _age_fields(call, second=False), _age_fields(call, second=True)
    death: Date | ValueProblem
    birth: Date | ValueProblem
    if first is None or second is None:
        death = _text_field(call, _arg(call, "1"), partial=True, display=display)
        birth = _text_field(call, _arg(call, "2"), partial=True, display=None)
    else:
        death = _ymd(call, first, partial=True, display=display)
        birth = _ymd(call, second, partial=True, display=None)
    if not isinstance(death, Date):
        problem, text = _module_error(call, "Need valid death date (first date): year, month, day")
        return _Reading(None, problem, text)
    if not isinstance(birth, Date):
        problem, text = _module_error(call, "Need valid birth date (second date): year, month, day")
        return _Reading(death, problem, text)
    shown = str(death) if death.day is not None else str(Date(death.year, death.month))
    lowest = age_range(birth, Date(death.year, death.month, death.day))
    if lowest is None and _latest(birth) > _earliest(death):
        message = "Death date (first date) must be later in time than the birth date (second date)"
        problem, text = _module_error(call, message)
        return _Reading(death, problem, text)
    if today is not None and _earliest(death) > _tuple(today + datetime.timedelta(days=1)):
        problem, text = _module_error(call, "Death date (first date) must not be in the future")
        return _Reading(death, problem, text)
    span = age_range(birth, death)
    if span is not None and span[1] > 150:
        problem, text = _module_error(call, "Invalid dates for calculating age")
        return _Reading(death, problem, text)
    return _Reading(death, None, shown + _aged_suffix(death, birth))


def _read_year_and_age(call: Template, kind: str, today: datetime.date | None) -> _Reading:
    values = [v.strip() for v in [*_positional(call), "", ""]]
    if kind == "bya":
        found = _ymd(call, (values[0], values[1], ""), partial=True, display=None)
        if not isinstance(found, Date):
            return _Reading(None, found, "")
        return _Reading(found, None, str(found) + _age_suffix(found, today, "age"))
    death = _ymd(call, (values[0], "", ""), partial=True, display=None)
    birth = _ymd(call, (values[1], "", ""), partial=True, display=None)
    if not isinstance(death, Date):
        return _Reading(None, death, "")
    if not isinstance(birth, Date):
        return _Reading(death, birth, str(death))
    return _Reading(death, None, str(death) + _aged_suffix(death, birth))


def _age_suffix(born: Date, today: datetime.date | None, word: str) -> str:
    """`` (age N)`` as ``{{birth date and age}}``/``{{birth year and age}}`` show it."""
    if today is None:
        return ""
    span = age_range(born, today)
    if span is None or span[1] > 150:
        return " Error: Invalid birth date for calculating age"
    low, high = span
    if high < 2 and born.day is not None and born.month is not None:
        months = (today.year - born.year) * 12 + today.month - born.month - (today.day < born.day)
        if months == 0:
            days = (_ordinal(_tuple(today)) - _ordinal(_earliest(born)))
            return f" ({word} {days} day{'' if days == 1 else 's'})"
        return f" ({word} {months} month{'' if months == 1 else 's'})"
    return f" ({word} {low})" if low == high else f" ({word} {low}–{high})"


def _aged_suffix(death: Date, birth: Date) -> str:
    span = age_range(birth, death)
    if span is None:
        return ""
    low, high = span
    return f" (aged {low})" if low == high else f" (aged {low}–{high})"


def _ordinal(ymd: tuple[int, int, int]) -> int:
    """Day number of a proleptic Gregorian date (any year)."""
    year, month, day = ymd
    shift = (year - 1) // 400 * 400 if year < 1 else 0
    return datetime.date(year - shift, month, day).toordinal() + shift // 400 * 146097


def _tuple(date: datetime.date) -> tuple[int, int, int]:
    return date.year, date.month, date.day


def _earliest(date: Date) -> tuple[int, int, int]:
    return date.year, date.month or 1, date.day or 1


def _latest(date: Date) -> tuple[int, int, int]:
    month = date.month or 12
    return date.year, month, date.day or _days_in_month(date.year, month)


def _years_between(start: tuple[int, int, int], end: tuple[int, int, int]) -> int:
    return end[0] - start[0] - ((end[1], end[2]) < (start[1], start[2]))


def age_range(born: Date, on: Date | datetime.date) -> tuple[int, int] | None:
    """The lowest and highest age in full years that ``born`` may have had ``on`` a date.

    A partial date stands for every day it covers, so ``1921`` on ``1993-02-24`` gives
    ``(71, 72)``.

    Returns:
        ``(low, high)``, or ``None`` when ``on`` may come before the birth.
    """
    if isinstance(on, Date):
        on_first, on_last = _earliest(on), _latest(on)
    else:
        on_first = on_last = _tuple(on)
    low = _years_between(_latest(born), on_first)
    high = _years_between(_earliest(born), on_last)
    if low < 0 or _latest(born) > on_first:
        return None
    return low, high


def age(born: Date, on: datetime.date) -> int | None:
    """The age in full years of someone born on ``born``, on the day ``on``.

    Returns:
        The age, or ``None`` when it is not determined (a partial birth date that leaves
        two ages possible) or ``on`` may come before the birth.
    """
    span = age_range(born, on)
    return span[0] if span is not None and span[0] == span[1] else None


# --- written dates ---------------------------------------------------------------------

_MONTH_NAMES: Final = {
    **{name.casefold(): i for i, name in enumerate(MONTHS, 1)},
    **{name[:3].casefold(): i for i, name in enumerate(MONTHS, 1)},
    "sept": 9,
}
_MONTH_RE: Final = "(?P<month>" + "|".join(sorted(_MONTH_NAMES, key=len, reverse=True)) + r")\.?"
_CIRCA_RE: Final = r"(?P<circa>(?:circa\b|ca\.|c\.)\s*|(?:ca|c)\s+)?"
_ERA_RE: Final = r"(?:\s*(?P<era>B\.?\s?C\.?(?:\s?E\.?)?|A\.?\s?D\.?|C\.?\s?E\.?)(?![A-Za-z]))?"
_YEAR_RE: Final = r"(?P<year>\d{1,4})"
_DAY_RE: Final = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_WRITTEN: Final = tuple(
    (style, re.compile(_CIRCA_RE + body + r"\Z", re.IGNORECASE))
    for style, body in (
        ("iso", r"(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})"),
        ("mdy", _MONTH_RE + r"\s*" + _DAY_RE + r",?\s+" + _YEAR_RE + _ERA_RE),
        ("dmy", _DAY_RE + r"\s+" + _MONTH_RE + r",?\s+" + _YEAR_RE + _ERA_RE),
        ("my", _MONTH_RE + r",?\s+" + _YEAR_RE + _ERA_RE),
        ("y", r"(?:(?P<ad>A\.?\s?D\.?)\s*)?" + _YEAR_RE + _ERA_RE),
        ("cjk", r"(?P<year>\d{1,4})\s*年(?:\s*(?P<month>\d{1,2})\s*月(?:\s*(?P<day>\d{1,2})\s*日)?)?"),
    )
)
_AGE_TAIL: Final = re.compile(r"\s*\((?:age|aged)\s[^()]*\)\s*\Z", re.IGNORECASE)


def _written_date(text: str, raw: str) -> tuple[Date | None, ValueProblem | None]:
    """Read a date written out in running text (already plain text)."""
    cleaned = _AGE_TAIL.sub("", _SPACES.sub(" ", text)).strip().rstrip(",;")
    for style, pattern in _WRITTEN:
        match = pattern.match(cleaned)
        if match is None:
            continue
        groups = match.groupdict()
        year = int(groups["year"])
        era = (groups.get("era") or "").upper().replace(".", "").replace(" ", "")
        if style == "y" and len(groups["year"]) < 3 and not era and not groups.get("ad"):
            break
        if era in ("BC", "BCE"):
            if year == 0:
                break
            year = 1 - year
        elif (era or groups.get("ad")) and year == 0:
            break
        month_text = groups.get("month")
        month = _month(month_text) if month_text else None
        day = int(groups["day"]) if groups.get("day") else None
        display: DateStyle | None = "dmy" if style == "dmy" else "mdy" if style == "mdy" else None
        try:
            date = Date(year, month, day, circa=bool(groups["circa"]), raw=raw, display=display)
        except InvalidNodeError as error:
            return None, ValueProblem("invalid-date", f"{_quote(raw)}: {error}")
        return date, None
    hint = "it has no year; " if re.fullmatch(_MONTH_RE + r"\s*\d{1,2}", cleaned, re.I) else ""
    return None, ValueProblem(
        "unreadable-date",
        f"{_quote(raw)} is not a date wikibio can read: {hint}write e.g. 24 March 2001, "
        "March 24, 2001, 2001-03-24, March 2001, 2001 or c. 2001",
    )


# --- lists -----------------------------------------------------------------------------


def parse_items(wikitext: str) -> tuple[str, ...]:
    """The items of a list-like infobox value, each as plain text.

    Items come from ``{{plainlist}}``/``{{flatlist}}`` bullets, ``{{ubl}}``/``{{hlist}}``
    parameters (nested lists are flattened), bullet lines, and ``<br>``-separated text;
    a value without list structure is one item.  Empty items are dropped.

    Args:
        wikitext: The value's wikitext.

    Returns:
        The items in order.
    """
    return tuple(_items(wikitext, split_br=True, depth=0))


def _items(wikitext: str, *, split_br: bool, depth: int) -> list[str]:
    if depth > MAX_DEPTH or not wikitext:
        return []
    masked = _Masked(wikitext)
    found: list[str] = []
    for is_item, block in _blocks(masked.text):
        pieces = [block] if is_item or not split_br else _BR.split(block)
        for piece in pieces:
            position = 0
            for offset, call in masked.calls(piece):
                if _KINDS.get(call.name.casefold()) in ("list", "bullets") and not call.dynamic:
                    found.extend(_leaf(piece[position:offset], masked, depth))
                    nested = _KINDS.get(call.name.casefold()) == "bullets"
                    for source in _list_sources(call):
                        found.extend(_items(source, split_br=nested, depth=depth + 1))
                    position = masked.pattern.match(piece, offset).end()  # type: ignore[union-attr]
            found.extend(_leaf(piece[position:], masked, depth))
    return found


def _leaf(piece: str, masked: _Masked, depth: int) -> list[str]:
    text = _tidy(_inline(piece, masked, None, depth)).replace("\n", " ")
    return [text] if text else []


# --- links and images ------------------------------------------------------------------

_LINK: Final = re.compile(r"\[\[([^\[\]|\n]*)(?:\|((?:[^\[\]]|\[(?!\[)|\](?!\]))*))?\]\]([a-z]*)")
_HIDDEN_NAMESPACE: Final = re.compile(r"\s*(?:category|file|image)\s*:", re.IGNORECASE)
_FILE_NAMESPACES: Final = frozenset(
    """
    file image datei bild fichier archivo imagen ficheiro arquivo immagine bestand
    afbeelding plik файл изображение soubor fil fitxer tập_tin hình 파일 ファイル 画像
    文件 檔案 图像 圖像 ملف صورة پرونده تصویر فائل
    """.split()
)
_BAD_TITLE_CHARS: Final = re.compile(r"[<>\[\]{}|\n]")


def parse_links(wikitext: str) -> tuple[Link, ...]:
    """The wikilinks of a value, in order, including those inside template arguments.

    File and category links are not links a reader follows in text and are left out
    (``[[:Category:X]]`` is kept); links in refs, comments and ``<nowiki>`` are too.

    Args:
        wikitext: The value's wikitext.

    Returns:
        The links, each with its normalised target and displayed label.
    """
    return tuple(_links(wikitext, 0))


def _links(wikitext: str, depth: int) -> list[Link]:
    if depth > MAX_DEPTH or "[[" not in wikitext:
        return []
    masked = _Masked(wikitext)
    found: list[tuple[int, list[Link]]] = []
    covered: list[tuple[int, int]] = []
    for match in _LINK.finditer(masked.text):
        covered.append(match.span())
        link = _link(match, masked, depth)
        if link is not None:
            found.append((match.start(), [link]))
    for offset, call in masked.calls(masked.text):
        if not any(start <= offset < end for start, end in covered):
            links = [x for a in call.arguments for x in _links(a.value, depth + 1)]
            found.append((offset, links))
    found.sort(key=lambda item: item[0])
    return [link for _, links in found for link in links]


def _link(match: re.Match[str], masked: _Masked, depth: int) -> Link | None:
    written, label, trail = match.group(1), match.group(2), match.group(3)
    if masked.pattern.search(written) or _BAD_TITLE_CHARS.search(written):
        return None
    if _HIDDEN_NAMESPACE.match(written):
        return None
    title = html.unescape(written).strip()
    page, _, fragment = title.removeprefix(":").partition("#")
    target = normalize_page_name(page)
    if not target and not fragment.strip():
        return None
    shown = _line(masked.unmask(label), None, depth + 1) if label is not None else ""
    if not shown:
        shown = title.removeprefix(":").strip()
    raw = masked.unmask(match.group(0))
    return Link(target, shown + trail, raw, fragment=fragment.strip().replace("_", " "))


def parse_image(wikitext: str) -> str | None:
    """The file name an ``image``-like infobox value names, or ``None``.

    ``Foo.jpg``, ``File:Foo.jpg``, ``Image:Foo_bar.jpg`` and ``[[File:Foo.jpg|thumb|…]]``
    give ``"Foo.jpg"``/``"Foo bar.jpg"``: the namespace dropped, underscores as spaces,
    the first letter upper-cased as MediaWiki does for file names.  Text that is not a
    file name (no extension, characters a title cannot hold) gives ``None``.

    Args:
        wikitext: The value's wikitext.

    Returns:
        The normalised file name, or ``None``.
    """
    masked = _Masked(wikitext)
    for match in _LINK.finditer(masked.text):
        name = _file_name(match.group(1), require_namespace=True)
        if name is not None:
            return name
    text = masked.pattern.sub("", masked.text).strip()
    return _file_name(html.unescape(text), require_namespace=False) if text else None


_EXTENSION: Final = re.compile(r"\.[A-Za-z0-9]{2,5}\Z")


def _file_name(text: str, *, require_namespace: bool) -> str | None:
    head, colon, rest = text.strip().removeprefix(":").partition(":")
    if colon and head.strip().replace(" ", "_").casefold() in _FILE_NAMESPACES:
        text = rest
    elif require_namespace:
        return None
    name = normalize_page_name(text)
    if not name or _BAD_TITLE_CHARS.search(name) or any(c in name for c in ":/\\#"):
        return None
    return name if _EXTENSION.search(name) else None


# --- the templates wikibio knows ---------------------------------------------------------

_DATE_KINDS: Final = frozenset(
    {"ymd", "bda", "dda", "bya", "dya", "circa", "date-text", "bda-text", "dda-text"}
)


def _names(kind: str, names: str) -> dict[str, str]:
    return {name.replace("_", " ").casefold(): kind for name in names.split(",")}


#: Template name (case-folded) → what it is.
_KINDS: Final = {
    **_names("ymd", "Birth date,Dob,Birthdate,Date of birth,Death date,Dod,Deathdate,"
             "Date of death,Start date,End date,Start date and age,End date and age"),
    **_names("bda", "Birth date and age,Bda,Birthdate and age,Date of birth and age"),
    **_names("dda", "Death date and age,Dda,Deathdate and age,Date of death and age"),
    **_names("bya", "Birth year and age"),
    **_names("dya", "Death year and age"),
    **_names("circa", "Circa,C."),
    **_names("date-text", "Birth-date,Death-date"),
    **_names("bda-text", "Birth-date and age,B-da"),
    **_names("dda-text", "Death-date and age,D-da"),
    **_names("bullets", "Plainlist,Plain list,Flatlist,Flat list"),
    **_names("list", "Unbulleted list,Ubl,Ublist,Ubt,Unbulleted,Hlist,Horizontal list"),
    **_names("end", "Endplainlist,End plainlist,Endflatlist,End flatlist"),
    **_names("wrap", "Nowrap,Nobr,Nobreak,Small,Smaller,Big,Larger,Midsize,Baseball year"),
    **_names("lang", "Lang"),
    **_names("longitem", "Longitem"),
    **_names("marriage", "Marriage"),
    **_names("url", "URL,Url"),
    **_names("dot", "·,Dot"),
    **_names("bullet", "•"),
    **_names("slash", "\\"),
}  # fmt: skip

_RENDERERS: Final[dict[str, Callable[[Template, datetime.date | None, int], str]]] = {
    "bullets": _show_list,
    "list": _show_list,
    "end": lambda call, today, depth: "",
    "wrap": _show_param(1),
    "lang": _show_param(2),
    "longitem": _show_longitem,
    "marriage": _show_marriage,
    "url": _show_url,
    "dot": lambda call, today, depth: " · ",
    "bullet": lambda call, today, depth: " • ",
    "slash": lambda call, today, depth: " / ",
}
