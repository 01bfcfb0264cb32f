"""Typed infobox values: dates, lists, links, images, and the text a reader sees.

Every function here is total: any ``str`` gives a result, and a malformed value gives
``None`` (or nothing) plus a ``ValueProblem``, never an exception and never a guessed
date.  Value objects keep the wikitext they were read from in ``raw``.  Nothing reads the
clock: ages are computed at a ``today`` the caller passes, so results are reproducible.

Structure comes from the preprocessor scan (``wikibio.syntax.scan``): the template calls,
comments and extension tags of a fragment are masked as opaque tokens first, so the regular
expressions here only ever see flat text; the inline markup of the text between them goes
through ``wikibio.syntax.inline.span_text``.

What the rendering relies on (from ``shared/reference/CS1_AND_INFOBOXES.md`` §4-5, the
en.wiki ``Module:Age`` source and copies of the templates' documentation):

* ``{{Birth date and age}}`` and ``{{Death date and age}}`` are ``Module:Age``'s ``bda``
  and ``dda``.  Dates are positional ``year|month|day`` (or named ``year``/``month``/``day``
  and ``year1``/…/``day2``), or one written date per date when fewer than three positional
  fields are filled.  Any non-empty ``df`` means day first (``24 March 2001``), otherwise
  month first (``March 24, 2001``); ``mf`` only records the intent.  Birth date and age
  needs a full date and shows ``(age N)``, under two years ``(age N months)`` or, in the
  first month, ``(age N days)``; a negative age or one over 150 shows the module's error
  instead.  Death date and age accepts partial dates (a year, or a year and a month),
  shows a partial death date as ``March 1993`` or ``1993``, and the age as ``(aged N)`` or,
  when the birth date leaves two ages possible, ``(aged N-M)``.  The first date is the
  death date.  Their error texts are the module's (``Error: Need valid birth date: year,
  month, day``).
* ``{{Birth date}}``, ``{{Death date}}``, ``{{Start date}}`` and ``{{End date}}`` show the
  date alone, with the same ``df`` rule; a month may be a number or an English name, and
  partial dates are accepted.  ``{{Start date and age}}``/``{{End date and age}}`` are read
  the same way; their ``; N years ago`` is not rendered.
* ``{{Birth year and age|Y|M}}`` shows ``[Month ]Y (age N)``, a range when the birthday's
  place in the year is unknown; ``{{Death year and age|death|birth}}`` shows
  ``Y (aged N-M)`` (its month parameters are not read).
* ``{{Birth-date|text|display}}`` and ``{{Death-date|…}}`` read a written date and show
  ``display``, else the text as written; ``{{Birth-date and age}}`` (``{{B-da}}``) and
  ``{{Death-date and age|death|birth|display}}`` (``{{D-da}}``) add the age.
* ``{{Circa|Y}}`` shows ``c. Y``, ``{{Circa|A|B}}`` ``c. A - c. B``, ``{{Circa}}`` ``c.``.
* ``{{Marriage|name|start|end|end=reason}}`` shows ``name (m. Y1)``, ``(m. Y1-Y2)`` or
  ``(m. Y1; div. Y2)``: ``div``, ``sep``, ``ann``, ``wid`` and ``died`` are recognised
  (with their spelled-out forms), any other reason is shown as written; only the years of
  its dates are shown.
* ``{{Plainlist}}`` and ``{{Flatlist}}`` (bullets in parameter 1, or bullet lines after a
  bare opener up to ``{{Endplainlist}}``), ``{{Unbulleted list}}``/``{{Ubl}}`` and
  ``{{Hlist}}`` (an item per positional parameter) are lists: a line per item.
  ``{{Lang|code|text}}`` shows the text; ``{{Nowrap}}``, ``{{Small}}`` and their kin their
  content; ``{{Longitem|[style|]text}}`` its text as a block; ``{{Flag|name}}`` the name as
  given; ``{{URL|address|label}}`` the label, else the address without its scheme.
* Template names are compared without regard to case and through the redirects listed in
  ``_KINDS``; every other template shows nothing.  Non-breaking and thin spaces come out
  as spaces.  The dashes written ``-`` above are en dashes in the output.
"""

from __future__ import annotations

import bisect
import datetime
import html
import itertools
import re
from collections.abc import Callable, Iterator
from functools import lru_cache
from typing import Final

from wikibio.errors import InvalidNodeError
from wikibio.site import HIDDEN_LINK, is_file_namespace
from wikibio.syntax import scan
from wikibio.syntax.chars import fold_blanks
from wikibio.syntax.inline import ANY_BREAK, span_text
from wikibio.syntax.names import is_template_call, normalize_page_name, strip_comments
from wikibio.templates import Template, build_template
from wikibio.values.convert import convert
from wikibio.values.dates import (
    DASH,
    Date,
    DateStyle,
    Link,
    Precision,
    Today,
    ValueProblem,
    age,
    age_range,
    earliest,
    latest,
    ymd_of,
)
from wikibio.values.written import _month, _number, _quote, written_date

#: Template calls nested deeper than this show nothing (MediaWiki gives up at 100).
MAX_DEPTH: Final = 40

__all__ = [
    "Date",
    "Link",
    "Precision",
    "ValueProblem",
    "age",
    "age_range",
    "call_text",
    "display_text",
    "fold_blanks",
    "parse_date",
    "parse_image",
    "parse_items",
    "parse_links",
    "shows_nothing",
    "span_display",
]

# --- masking: a fragment's structure as opaque tokens ----------------------------------


class _Token:
    """One top-level node of a fragment: a template call, a literal text, or nothing."""

    __slots__ = ("call", "end", "literal", "start")

    def __init__(self, start: int, end: int, call: Template | None, literal: str) -> None:
        self.start = start
        self.end = end
        self.call = call
        self.literal = literal


class _Masked:
    """A fragment whose template calls, comments and extension tags are tokens.

    A token is ``mark + index + mark``, ``mark`` being a private-use character absent from
    the fragment, so regular expressions over ``text`` see flat text only.  Calls keep
    their ``Template`` view; ``<nowiki>`` and ``<pre>`` their body as literal text.
    """

    __slots__ = ("pattern", "source", "text", "tokens")

    def __init__(self, source: str) -> None:
        self.source = source
        # As Article does: scan a same-length copy with MediaWiki's "\n" line ends.
        scan_text = source.replace("\r\n", " \n").replace("\r", "\n") if "\r" in source else source
        mark = _free_mark(source)
        self.pattern = re.compile(f"{re.escape(mark)}(\\d+){re.escape(mark)}")
        self.tokens: list[_Token] = []
        pieces: list[str] = []
        position = 0
        for node in scan.scan(scan_text).children:
            kind = type(node)
            if kind is scan.Heading:
                continue
            call: Template | None = None
            literal = ""
            if kind is scan.Template:
                assert isinstance(node, scan.Template)
                title = node.parts[0]
                if source[node.start : node.end] == "{{!}}":
                    literal = "|"  # the magic word {{!}} is a literal pipe
                elif not node.is_arg and is_template_call(source[title.start : title.end]):
                    call = build_template(source, node, 0)
            elif kind is scan.Ext:
                assert isinstance(node, scan.Ext)
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
        """The original wikitext of a piece of ``text``."""
        return self.pattern.sub(lambda m: self._original(self.token(m)), masked)

    def _original(self, token: _Token) -> str:
        return self.source[token.start : token.end]

    def calls(self, masked: str) -> Iterator[tuple[int, int, Template]]:
        """The template calls in a piece of ``text``, with their span in the piece."""
        for match in self.pattern.finditer(masked):
            call = self.token(match).call
            if call is not None and not call.dynamic:
                yield match.start(), match.end(), call


@lru_cache(maxsize=1024)
def _mask(wikitext: str) -> _Masked:
    return _Masked(wikitext)


def _free_mark(text: str) -> str:
    """A private-use mark that does not occur in ``text`` (plain_text uses U+E000/1)."""
    for code in itertools.chain(range(0xF8FF, 0xE100, -1), range(0xFFFFD, 0xF0000, -1)):
        if chr(code) not in text:
            return chr(code)
    mark = "\uf8ff"
    while mark in text:  # every private-use character occurs: a longer run does not
        mark += "\uf8ff"
    return mark


def shows_nothing(wikitext: str, call: Template | None) -> bool:
    """Whether ``display_text(wikitext)`` is empty for a fragment that is one call.

    ``call`` is the fragment's template call as the page's walk read it, or ``None`` when
    the node is no template call (a parser function, a magic word, a parameter): those
    show nothing here but ``{{!}}``, a literal pipe.  A template wikibio does not know, or
    whose name another call builds, shows nothing.  Lets a caller that holds the call skip
    reading the fragment again.
    """
    if call is None:
        return wikitext != "{{!}}"
    return call.dynamic or _kind(call) is None


def call_text(call: Template) -> str:
    """``display_text`` of a fragment that is exactly ``call``, read from the call itself.

    For a caller that holds the call from the page's own scan: the fragment is not scanned
    again.  A template wikibio does not know shows nothing.
    """
    return _tidy(_template_text(call, None, 0))


def _kind(call: Template) -> str | None:
    """What wikibio knows a template as (see ``_KINDS``), or ``None``."""
    return _KINDS.get(call.name.casefold())


def _positional(call: Template) -> list[str]:
    """Positional argument values ``1…n`` (gaps as ``""``), as ``_arg`` gives them."""
    count = max((a.index for a in call.arguments if a.positional), default=0)
    return [_arg(call, str(i)) for i in range(1, count + 1)]


def _arg(call: Template, *names: str) -> str:
    """The value of the first of ``names`` that is given and not blank.

    Comments are dropped and the value stripped: the preprocessor removes comments before
    a template sees its arguments (``df=<!-- -->`` is empty).
    """
    params = call.params
    for name in names:
        value = strip_comments(params.get(name, "")).strip()
        if value:
            return value
    return ""


# --- display text ----------------------------------------------------------------------

_LIST_MARKERS: Final = "*#:;"
#: What makes a value more than plain words: markup, entities, line breaks.
_MARKUP_OR_BLOCK: Final = re.compile(r"[\[\]{}<>'&\n\r]")
_TRAILING_BR: Final = re.compile(r"(?:<br\s*/?\s*>|</br\s*>)\s*\Z", re.IGNORECASE)


def display_text(wikitext: str, *, today: datetime.date | None = None) -> str:
    """The plain text a reader sees for an infobox value.

    Links show their label, bold and italics their content; refs, comments, file and
    category links vanish; ``<br>``, list items and list templates break lines; known
    display templates are rendered (see the module documentation) and unknown ones show
    nothing; entities are decoded.

    Args:
        wikitext: The value's wikitext.
        today: The date ages are computed at.  Without it an age template shows its date
            alone.

    Returns:
        The text, a line per displayed line, without empty lines.
    """
    if "{" not in wikitext and "<" not in wikitext:
        return span_display(wikitext)
    return _render(wikitext, today, 0)


@lru_cache(maxsize=4096)
def _render(wikitext: str, today: Today, depth: int) -> str:
    """Display text of ``wikitext`` nested ``depth`` calls deep (arguments are one deeper).

    Cached: a subtree is rendered once per depth however many readings ask for it, which
    keeps nested calls (a marriage date inside a marriage …) linear.
    """
    if depth > MAX_DEPTH or not wikitext:
        return ""
    if "{" not in wikitext and "<" not in wikitext:
        return span_display(wikitext)
    masked = _mask(wikitext)
    lines = [_inline(piece, masked, today, depth) for _, piece in _blocks(masked.text)]
    return _tidy("\n".join(lines))


def _line(wikitext: str, today: Today, depth: int) -> str:
    """Display text of a small fragment as one line."""
    return _render(wikitext, today, depth).replace("\n", " ")


def span_display(wikitext: str) -> str:
    """``display_text`` of a span with no preprocessor structure, read without a scan.

    For spans whose calls, comments and extension tags were already taken out (the
    reading view's paragraphs, whose page the one walk has scanned) and for values with
    no ``{`` or ``<``: their lines and list items read by ``syntax.inline.span_text``.
    """
    if _is_plain(wikitext):
        # PERF: most values are plain words; what the full reading gives them is this.
        return fold_blanks(wikitext).strip()
    if "\n" not in wikitext and wikitext[:1] not in _LIST_MARKERS:
        # PERF: one line that is no list item is one paragraph (most of the reading
        # view's paragraphs): no splitting into blocks.
        text = span_text(wikitext)
        return _tidy(text) if "\n" in text else fold_blanks(text).strip()
    return _tidy("\n".join(span_text(piece) for _, piece in _blocks(wikitext)))


def _is_plain(wikitext: str) -> bool:
    """Whether a value is plain words: no markup, entity, line break or list mark."""
    return not _MARKUP_OR_BLOCK.search(wikitext) and wikitext[:1] not in _LIST_MARKERS


def _tidy(text: str) -> str:
    """Fold blanks, trim each line, drop empty lines."""
    lines = (fold_blanks(line).strip() for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def _blocks(masked: str) -> Iterator[tuple[bool, str]]:
    """Split flat text into list items (``True``) and paragraphs (``False``).

    A line starting with ``*``, ``#``, ``:`` or ``;`` is a list item; other lines join into
    a paragraph (MediaWiki shows a single newline as a space) until a blank line.
    """
    paragraph: list[str] = []
    for line in masked.split("\n"):
        if line and line[0] in _LIST_MARKERS:
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


def _inline(piece: str, masked: _Masked, today: Today, depth: int) -> str:
    """Plain text of a piece of masked text, each token replaced by what it shows."""

    def keep(match: re.Match[str]) -> str:
        token = masked.token(match)
        return match.group(0) if token.call is not None or token.literal else ""

    def show(match: re.Match[str]) -> str:
        token = masked.token(match)
        if token.call is None:
            return token.literal
        return _template_text(token.call, today, depth)

    # The calls, comments and tags are tokens by now: the piece is a span without structure.
    return masked.pattern.sub(show, span_text(masked.pattern.sub(keep, piece)))


def _template_text(call: Template, today: Today, depth: int) -> str:
    """What a call at ``depth`` shows, or ``""`` for a template wikibio does not know."""
    kind = _kind(call)
    if kind is None or call.dynamic:
        return ""
    if kind == "literal":
        return LITERAL_TEMPLATES[call.name.casefold()]
    if kind in _DATE_KINDS:
        return _read_date_call(call, kind, today, depth + 1).text
    return _RENDERERS[kind](call, today, depth + 1)


# Renderers get the depth of the call's arguments.


def _show_wrapped(call: Template, today: Today, depth: int) -> str:
    text = _render(_wrapped(call), today, depth)
    return f"\n{text}\n" if _kind(call) == "longitem" else text


def _wrapped(call: Template) -> str:
    """The content a wrapper (``{{nowrap}}``, ``{{lang}}``, ``{{longitem}}``) shows."""
    kind = _kind(call)
    if kind == "lang" or (kind == "longitem" and _arg(call, "2")):
        return _arg(call, "2")
    return _arg(call, "1")


def _show_list(call: Template, today: Today, depth: int) -> str:
    items = (_render(source, today, depth) for source in _list_sources(call))
    return "\n" + "\n".join(items) + "\n"


def _list_sources(call: Template) -> list[str]:
    """The wikitext of a list's items (a single source with bullets for plainlists)."""
    if _kind(call) == "bullets":
        return [call.params.get("1", "")]
    return [value for value in _positional(call) if value]


def _show_circa(call: Template, today: Today, depth: int) -> str:
    years = [_line(value, today, depth) for value in _positional(call)[:2]]
    return f" {DASH} ".join(f"c. {year}" for year in years if year) or "c."


def _show_url(call: Template, today: Today, depth: int) -> str:
    label = _line(_arg(call, "2"), today, depth)
    if label:
        return label
    address = _line(_arg(call, "1", "url"), today, depth)
    address = re.sub(r"^(?:[a-z][a-z0-9+.-]*:)?//", "", address, flags=re.IGNORECASE)
    return address[:-1] if address.endswith("/") and address.count("/") == 1 else address


def _show_sic(call: Template, today: Today, depth: int) -> str:
    """``{{sic|text}}`` shows ``text [sic]``; ``hide=y`` shows the text alone."""
    text = _line(_arg(call, "1"), today, depth)
    if _arg(call, "hide"):
        return text
    return f"{text} [sic]" if text else "[sic]"


def _show_nihongo(call: Template, today: Today, depth: int) -> str:
    """``{{nihongo|English|漢字|rōmaji}}`` shows ``English (Japanese: 漢字, Hepburn: rōmaji)``."""
    english, kanji, romaji = (_line(_arg(call, str(i)), today, depth) for i in (1, 2, 3))
    inside = ", ".join(
        part
        for part in (f"Japanese: {kanji}" if kanji else "", f"Hepburn: {romaji}" if romaji else "")
        if part
    )
    head = english or romaji
    return f"{head} ({inside})" if inside and head else head or kanji


def _show_convert(call: Template) -> str:

    named = {a.name: a.value for a in call.arguments if not a.positional}
    return convert([strip_comments(v).strip() for v in _positional(call)], named) or ""


_MARRIAGE_ENDS: Final = {
    **dict.fromkeys(("div", "div.", "divorce", "divorced"), "div."),
    **dict.fromkeys(("sep", "sep.", "separated", "separation"), "sep."),
    **dict.fromkeys(("ann", "ann.", "annulled", "annulment"), "ann."),
    **dict.fromkeys(("w", "w.", "wid", "wid.", "widowed"), "wid."),
    **dict.fromkeys(("d", "d.", "died", "death"), "died"),
}


def _show_marriage(call: Template, today: Today, depth: int) -> str:
    written_name = _arg(call, "1", "spouse")
    name = _render(written_name, today, depth)
    if _TRAILING_BR.search(written_name):  # "[[Mileva Marić]]<br>": the dates go below
        name += "\n"
    start = _year_text(_arg(call, "2", "date"), today, depth)
    if not start:
        return name
    end = _year_text(_arg(call, "3", "end date"), today, depth)
    written = _arg(call, "end", "reason")
    reason = _MARRIAGE_ENDS.get(_line(written, None, depth).casefold())
    reason = reason or _line(written, today, depth)
    tail = f"; {reason} {end}".rstrip() if reason else f"{DASH}{end}" if end else ""
    return f"{name} (m. {start}{tail})".replace("\n ", "\n")


def _year_text(wikitext: str, today: Today, depth: int) -> str:
    """The year of a ``{{Marriage}}`` date (the text as written if it is no date)."""
    date, _ = _parse_date(wikitext, depth)
    if date is None:
        return _line(wikitext, today, depth)
    return str(Date(date.year, circa=date.circa))


# --- dates -----------------------------------------------------------------------------


class _Reading:
    """A date template read: its date, a problem, and the text it shows."""

    __slots__ = ("date", "problem", "text")

    def __init__(self, date: Date | None, problem: ValueProblem | None, text: str) -> None:
        self.date = date
        self.problem = problem
        self.text = text


@lru_cache(maxsize=4096)
def parse_date(wikitext: str) -> tuple[Date | None, ValueProblem | None]:
    """Read the date an infobox value gives.

    A date template at the top level or inside ``{{nowrap}}``-like wrappers wins (the
    first one: ``{{death date and age|…}}`` gives the death date).  Otherwise the first
    displayed line is read as a written date: ``March 24, 2001``, ``24 March 2001``,
    ``2001-03-24``, ``March 2001``, ``1967``, ``384 BC``, ``c. 1956``, ``circa 1956``,
    ``1950年``; refs, comments and a trailing ``(aged N)`` are ignored.

    Args:
        wikitext: The value's wikitext.

    Returns:
        ``(date, None)`` for a date; ``(None, problem)`` for a value that is no readable
        date; ``(date, problem)`` when a date template's own date is readable but the rest
        of the call is not (a birth date after the death date, say); ``(None, None)`` for
        a value with nothing but blanks and comments.
    """
    if _is_plain(wikitext):
        # PERF: a date written out in plain words is read as written (most citation dates);
        # written_date folds its blanks.
        text = wikitext.strip()
        return written_date(text, text) if text else (None, None)
    return _parse_date(wikitext, 0)


def _parse_date(wikitext: str, depth: int) -> tuple[Date | None, ValueProblem | None]:
    reading = _find_date_call(wikitext, depth)
    if reading is not None:
        return reading.date, reading.problem
    text = _render(wikitext, None, depth).split("\n", 1)[0]
    if text:
        return written_date(text, wikitext.strip())
    masked = _mask(wikitext)
    if masked.pattern.sub("", masked.text).strip() or any(
        not wikitext.startswith("<!--", token.start) for token in masked.tokens
    ):
        message = (
            f"{_quote(wikitext)} shows no date: use a date template wikibio knows "
            "or write the date out, e.g. 24 March 2001"
        )
        return None, ValueProblem("unreadable-date", message)
    return None, None


def _find_date_call(wikitext: str, depth: int) -> _Reading | None:
    """The first date template at the top level or inside wrapper templates."""
    if depth > MAX_DEPTH or "{{" not in wikitext:
        return None
    masked = _mask(wikitext)
    for _, _, call in masked.calls(masked.text):
        kind = _kind(call)
        if kind in _DATE_KINDS and not (kind == "circa" and not _arg(call, "1")):
            return _read_date_call(call, kind, None, depth + 1)
        if kind in _WRAPPERS:
            found = _find_date_call(_wrapped(call), depth + 1)
            if found is not None:
                return found
    return None


def _read_date_call(call: Template, kind: str, today: Today, depth: int) -> _Reading:
    """Read a date template whose arguments are at ``depth``."""
    display: DateStyle | None = "dmy" if _arg(call, "df") else "mdy" if _arg(call, "mf") else None
    values = [_line(v, None, depth) for v in _positional(call)[:6]]
    values += [""] * (6 - len(values))
    if kind == "ymd":
        found = _ymd(call, values[0], values[1], values[2], partial=True, display=display)
        if isinstance(found, ValueProblem):
            return _Reading(None, found, "")
        return _Reading(found, None, str(found))
    if kind == "circa":
        return _read_circa(call, values, today, depth)
    if kind == "bda":
        return _read_bda(call, display, today, depth)
    if kind == "dda":
        return _read_dda(call, display, today, depth)
    if kind in ("bya", "dya"):
        return _read_year_and_age(call, kind, values, today)
    return _read_text_form(call, kind, values, display, today, depth)


def _ymd(
    call: Template, year_text: str, month_text: str, day_text: str, *, partial: bool,
    display: DateStyle | None,
) -> Date | ValueProblem:  # fmt: skip
    """A date from plain-text year, month and day fields, blank ones missing."""
    year = _number(year_text)
    month = _month(month_text) if month_text else None
    day = _number(day_text) if day_text else None
    if year is None or (month_text and month is None) or (day_text and day is None):
        return _invalid(call, "the year, month or day is not a number (or month name)")
    if day is not None and month is None:
        return _invalid(call, "a day is given without a month")
    if not partial and day is None:
        return _invalid(call, "the template needs a year, a month and a day")
    try:
        return Date(year, month, day, raw=str(call), display=display)
    except InvalidNodeError as error:
        return _invalid(call, str(error))


def _invalid(call: Template, reason: str) -> ValueProblem:
    message = f"{_quote(str(call))}: {reason}; give a date that exists as year|month|day"
    return ValueProblem("invalid-date", message)


def _text_date(
    call: Template, text: str, *, partial: bool, display: DateStyle | None, as_written: bool
) -> Date | ValueProblem:
    """A date written in one template field (``{{bda|24 March 2001}}``), as plain text.

    ``as_written``: the template shows the date as written, so unless ``df``/``mf`` say
    otherwise the written form (``24 March 2001``) sets the display preference.
    """
    date, problem = written_date(text, str(call))
    if date is None:
        return problem or _invalid(call, "the date is missing")
    if not partial and date.day is None:
        return _invalid(call, "the template needs a year, a month and a day")
    shown = date.display if as_written and display is None else display
    return Date(date.year, date.month, date.day, circa=date.circa, raw=str(call), display=shown)


def _age_fields(call: Template, depth: int) -> list[str] | None:
    """Module:Age's six fields (two dates of year, month, day), or ``None`` for text dates.

    Named ``year``/``month``/``day`` (``…1``, ``…2``) win; otherwise positional fields are
    dates when the last filled one is at least the third, else each date is written out.
    """
    names = ("year1 year", "month1 month", "day1 day", "year2", "month2", "day2")
    if any(call.params.get(n) is not None for n in " ".join(names).split()):
        return [_line(_arg(call, *n.split()), None, depth) for n in names]
    values = [_line(v, None, depth) for v in _positional(call)[:6]]
    if max((i + 1 for i, v in enumerate(values) if v), default=0) < 3:
        return None
    return values + [""] * (6 - len(values))


def _module_error(call: Template, date: Date | None, message: str) -> _Reading:
    """Module:Age's error: wikibio's problem, and the text a reader sees instead."""
    problem = ValueProblem("invalid-date", f"{_quote(str(call))}: {message}")
    return _Reading(date, problem, f"Error: {message}")


def _read_bda(call: Template, display: DateStyle | None, today: Today, depth: int) -> _Reading:
    fields = _age_fields(call, depth)
    found = (
        _text_date(call, _line(_arg(call, "1"), None, depth), partial=False, display=display,
                   as_written=False)
        if fields is None
        else _ymd(call, *fields[:3], partial=False, display=display)
    )  # fmt: skip
    if isinstance(found, ValueProblem):
        return _module_error(call, None, "Need valid birth date: year, month, day")
    suffix = _age_suffix(found, today)
    if suffix is None:
        return _Reading(found, None, "Error: Invalid birth date for calculating age")
    return _Reading(found, None, str(found) + suffix)


def _read_dda(call: Template, display: DateStyle | None, today: Today, depth: int) -> _Reading:
    fields = _age_fields(call, depth)
    death: Date | ValueProblem
    birth: Date | ValueProblem
    if fields is None:
        texts = [_line(_arg(call, n), None, depth) for n in ("1", "2")]
        death = _text_date(call, texts[0], partial=True, display=display, as_written=False)
        birth = _text_date(call, texts[1], partial=True, display=None, as_written=False)
    else:
        death = _ymd(call, *fields[:3], partial=True, display=display)
        birth = _ymd(call, *fields[3:], partial=True, display=None)
    if isinstance(death, ValueProblem):
        return _module_error(call, None, "Need valid death date (first date): year, month, day")
    if isinstance(birth, ValueProblem):
        return _module_error(call, death, "Need valid birth date (second date): year, month, day")
    if earliest(birth) > latest(death):
        message = "Death date (first date) must be later in time than the birth date (second date)"
        return _module_error(call, death, message)
    # Module:Age allows one day into the future, for time zones.
    tomorrow = today + datetime.timedelta(days=1) if today and today < datetime.date.max else today
    if tomorrow is not None and earliest(death) > ymd_of(tomorrow):
        return _module_error(call, death, "Death date (first date) must not be in the future")
    span = age_range(birth, death)
    if span is not None and span[1] > 150:
        return _module_error(call, death, "Invalid dates for calculating age")
    return _Reading(death, None, str(death) + _aged_suffix(span))


def _read_year_and_age(call: Template, kind: str, values: list[str], today: Today) -> _Reading:
    """``{{Birth year and age|Y|M}}`` and ``{{Death year and age|death|birth}}``."""
    if kind == "bya":
        found = _ymd(call, values[0], values[1], "", partial=True, display=None)
        if isinstance(found, ValueProblem):
            return _Reading(None, found, "")
        return _Reading(found, None, str(found) + (_age_suffix(found, today) or ""))
    death = _ymd(call, values[0], "", "", partial=True, display=None)
    birth = _ymd(call, values[1], "", "", partial=True, display=None)
    if isinstance(death, ValueProblem):
        return _Reading(None, death, "")
    if isinstance(birth, ValueProblem):
        return _Reading(death, birth, str(death))
    return _Reading(death, None, str(death) + _aged_suffix(age_range(birth, death)))


def _read_circa(call: Template, values: list[str], today: Today, depth: int) -> _Reading:
    text = _show_circa(call, today, depth)
    if values[1]:
        message = f"{_quote(str(call))} is a range, not a date"
        return _Reading(None, ValueProblem("unreadable-date", message), text)
    date, problem = written_date(values[0], str(call))
    if date is None:
        return _Reading(None, problem, text)
    found = Date(date.year, date.month, date.day, circa=True, raw=str(call), display=date.display)
    return _Reading(found, None, text)


def _read_text_form(
    call: Template, kind: str, values: list[str], display: DateStyle | None, today: Today,
    depth: int,
) -> _Reading:  # fmt: skip
    """``{{Birth-date|text|shown}}``, ``{{B-da|text|shown}}``, ``{{D-da|death|birth|shown}}``."""
    shown_at = 2 if kind == "dda-text" else 1
    shown = _arg(call, str(shown_at + 1))
    text = _line(shown or _arg(call, "1"), today, depth)
    found = _text_date(call, values[0], partial=True, display=display, as_written=True)
    if isinstance(found, ValueProblem):
        return _Reading(None, found, text)
    written, _ = written_date(values[shown_at], shown)
    if written is not None and written.circa and written.year == found.year:  # "{{circa}} 965"
        found = Date(found.year, found.month, found.day, circa=True, raw=found.raw,
                     display=found.display)  # fmt: skip
    if kind == "date-text":
        return _Reading(found, None, text)
    if kind == "bda-text":
        return _Reading(found, None, text + (_age_suffix(found, today) or ""))
    birth = _text_date(call, values[1], partial=True, display=None, as_written=True)
    if isinstance(birth, ValueProblem):
        return _Reading(found, birth, text)
    return _Reading(found, None, text + _aged_suffix(age_range(birth, found)))


def _age_suffix(born: Date, today: Today) -> str | None:
    """`` (age N)`` as ``{{Birth date and age}}`` shows it; ``None`` for an impossible age.

    Without ``today`` there is no age to show (``""``).  Under two years Module:Age counts
    months, and days in the first month.
    """
    if today is None:
        return ""
    span = age_range(born, today)
    if span is None or span[1] > 150:
        return None
    low, high = span
    birthday = born.to_date()
    if high < 2 and birthday is not None:
        months = (today.year - birthday.year) * 12 + today.month - birthday.month
        months -= today.day < birthday.day
        if months == 0:
            days = (today - birthday).days
            return f" (age {days} day{'' if days == 1 else 's'})"
        return f" (age {months} month{'' if months == 1 else 's'})"
    return f" (age {low})" if low == high else f" (age {low}{DASH}{high})"


def _aged_suffix(span: tuple[int, int] | None) -> str:
    if span is None:
        return ""
    low, high = span
    return f" (aged {low})" if low == high else f" (aged {low}{DASH}{high})"


# --- lists -----------------------------------------------------------------------------


def parse_items(wikitext: str) -> tuple[str, ...]:
    """The items of a list-like infobox value, each as plain text on one line.

    Items come from ``{{plainlist}}``/``{{flatlist}}`` bullets, ``{{ubl}}``/``{{hlist}}``
    parameters (a list nested in an item is flattened), bullet lines and ``<br>``-separated
    text; a value without list structure is one item, and empty items are dropped.

    Args:
        wikitext: The value's wikitext.

    Returns:
        The items in order.
    """
    return tuple(_items(wikitext, split_br=True, depth=0))


def _items(wikitext: str, *, split_br: bool, depth: int) -> list[str]:
    if depth > MAX_DEPTH or not wikitext:
        return []
    if "{" not in wikitext and "<" not in wikitext:
        # PERF: an item with no call, comment or tag (most {{ubl}} items) has no tokens to
        # mask, so its reading is its blocks' spans.  A scan and a _Masked per item were
        # three quarters of reading a long {{ubl}}: 102,400 items 0.68 s -> 0.10 s.
        return [text for _, block in _blocks(wikitext) if (text := _plain_leaf(block))]
    masked = _mask(wikitext)
    found: list[str] = []
    for is_item, block in _blocks(masked.text):
        for piece in [block] if is_item or not split_br else _split_br(block):
            calls = list(masked.calls(piece))
            if len(calls) == 1 and _kind(calls[0][2]) in _WRAPPERS:
                start, end, call = calls[0]
                if not (piece[:start] + piece[end:]).strip():  # "{{nowrap|a<br>b}}"
                    found.extend(_items(_wrapped(call), split_br=split_br, depth=depth + 1))
                    continue
            position = 0
            for start, end, call in calls:
                kind = _kind(call)
                if kind in ("list", "bullets"):
                    found.extend(_leaf(piece[position:start], masked, depth))
                    for source in _list_sources(call):
                        found.extend(_items(source, split_br=kind == "bullets", depth=depth + 1))
                    position = end
            found.extend(_leaf(piece[position:], masked, depth))
    return found


def _split_br(block: str) -> list[str]:
    """Split flat text at ``<br>`` tags, except inside a link's label."""
    ends = {m.start(): m.end() for m in _LINK.finditer(block)} if "[[" in block else {}
    starts = sorted(ends)
    pieces: list[str] = []
    position = 0
    for match in ANY_BREAK.finditer(block):
        at = bisect.bisect_left(starts, match.start()) - 1
        if at < 0 or ends[starts[at]] <= match.start():
            pieces.append(block[position : match.start()])
            position = match.end()
    pieces.append(block[position:])
    return pieces


def _leaf(piece: str, masked: _Masked, depth: int) -> list[str]:
    text = _tidy(_inline(piece, masked, None, depth)).replace("\n", " ")
    return [text] if text else []


def _plain_leaf(piece: str) -> str:
    """``_leaf``'s text of a piece with no tokens: what ``_inline`` gives it is its span."""
    if _is_plain(piece):
        return fold_blanks(piece).strip()
    return _tidy(span_text(piece)).replace("\n", " ")


# --- links and images ------------------------------------------------------------------

_LINK: Final = re.compile(r"\[\[([^\[\]|\n]*)(?:\|((?:[^\[\]]|\[(?!\[)|\](?!\]))*))?\]\]([a-z]*)")
_BAD_TITLE: Final = re.compile(r"[<>\[\]{}|\n]")
_EXTENSION: Final = re.compile(r"\.[A-Za-z0-9]{2,5}\Z")


def parse_links(wikitext: str) -> tuple[Link, ...]:
    """The wikilinks of a value in order, those in template arguments included.

    File and category links show no link in text and are left out (``[[:Category:X]]``
    is kept), as are links in refs, comments and ``<nowiki>``.

    Args:
        wikitext: The value's wikitext.

    Returns:
        The links, each with its normalised target and the label a reader sees.
    """
    return tuple(_links(wikitext, 0))


def _links(wikitext: str, depth: int) -> list[Link]:
    if depth > MAX_DEPTH or "[[" not in wikitext:
        return []
    masked = _mask(wikitext)
    found: list[tuple[int, list[Link]]] = []
    ends: dict[int, int] = {}
    for match in _LINK.finditer(masked.text):
        ends[match.start()] = match.end()
        link = _link(match, masked, depth)
        if link is not None:
            found.append((match.start(), [link]))
    starts = sorted(ends)
    for offset, _, call in masked.calls(masked.text):
        at = bisect.bisect_left(starts, offset) - 1
        if at < 0 or ends[starts[at]] <= offset:  # not in a link's label
            found.append((offset, [x for a in call.arguments for x in _links(a.value, depth + 1)]))
    found.sort(key=lambda item: item[0])
    return [link for _, links in found for link in links]


def _link(match: re.Match[str], masked: _Masked, depth: int) -> Link | None:
    written, label, trail = match.group(1), match.group(2), match.group(3)
    if masked.pattern.search(written) or _BAD_TITLE.search(written):
        return None
    if HIDDEN_LINK.match(written):
        return None
    title = html.unescape(written).strip().removeprefix(":")
    page, _, fragment = title.partition("#")
    target = normalize_page_name(page)
    if not target and not fragment.strip():
        return None
    shown = _line(masked.unmask(label), None, depth) if label is not None else ""
    raw = masked.unmask(match.group(0))
    fragment = fragment.strip().replace("_", " ")
    return Link(target, (shown or title.strip()) + trail, raw, fragment=fragment)


def parse_image(wikitext: str) -> str | None:
    """The file an ``image``-like infobox value names, or ``None``.

    ``Foo.jpg``, ``File:Foo.jpg``, ``Image:Foo_bar.jpg`` and ``[[File:Foo.jpg|thumb|…]]``
    give ``"Foo.jpg"``/``"Foo bar.jpg"``: the namespace dropped, underscores as spaces,
    the first letter upper-cased as MediaWiki does for file names.  Text that is no file
    name (no extension, characters a file name cannot hold) gives ``None``.

    Args:
        wikitext: The value's wikitext.

    Returns:
        The normalised file name, or ``None``.
    """
    masked = _mask(wikitext)
    for match in _LINK.finditer(masked.text):
        name = _file_name(match.group(1), namespace_needed=True)
        if name is not None:
            return name
    text = html.unescape(masked.pattern.sub("", masked.text))
    return _file_name(text, namespace_needed=False)


def _file_name(text: str, *, namespace_needed: bool) -> str | None:
    head, colon, rest = text.strip().removeprefix(":").partition(":")
    if colon and is_file_namespace(head):
        text = rest
    elif namespace_needed:
        return None
    name = normalize_page_name(text)
    if not name or _BAD_TITLE.search(name) or any(c in name for c in ":/\\#"):
        return None
    return name if _EXTENSION.search(name) else None


# --- the templates wikibio knows -------------------------------------------------------

_DATE_KINDS: Final = frozenset(
    {"ymd", "bda", "dda", "bya", "dya", "circa", "date-text", "bda-text", "dda-text"}
)
_WRAPPERS: Final = frozenset({"wrap", "lang", "longitem"})


#: Templates that show a fixed text (case-folded name → text).
LITERAL_TEMPLATES: Final = {
    "·": " · ",
    "dot": " · ",
    "•": " • ",
    "\\": " / ",
    "ndash": DASH,
    "snd": f" {DASH} ",
    "sndash": f" {DASH} ",
    "spaced ndash": f" {DASH} ",
    "mdash": "\N{EM DASH}",
    "'": "'",
    "nbsp": " ",
    "nbs": " ",  # Template:Nbs, a no-break space like {{nbsp}}
    "pipe": "|",  # Template:Pipe: a literal | inside a template argument
}


def _names(kind: str, names: str) -> dict[str, str]:
    return {name.casefold(): kind for name in names.split(",")}


#: Template name (case-folded) → what it is.  Redirects as on English Wikipedia.
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
    **_names("bullets", "Plainlist,Plain list,Indented plainlist,Flatlist,Flat list"),
    **_names("list", "Unbulleted list,Ubl,Ublist,Ubt,Unbulleted,Hlist,Horizontal list"),
    **_names("end", "Endplainlist,End plainlist,Endflatlist,End flatlist"),
    **_names("wrap", "Nowrap,Nobr,Nobreak,Avoid wrap,Small,Smaller,Big,Larger,Midsize,"
             "Baseball year"),
    **_names("lang", "Lang"),
    **_names("longitem", "Longitem"),
    **_names("flag", "Flag,Flagu"),
    **_names("marriage", "Marriage"),
    **_names("url", "URL"),
    **_names("abbr", "Abbr,Abbreviation"),
    **_names("sic", "Sic"),
    **_names("nihongo", "Nihongo"),
    **_names("convert", "Convert,Cvt"),
    **dict.fromkeys(LITERAL_TEMPLATES, "literal"),
}  # fmt: skip

_RENDERERS: Final[dict[str, Callable[[Template, Today, int], str]]] = {
    "bullets": _show_list,
    "list": _show_list,
    "end": lambda call, today, depth: "",
    "wrap": _show_wrapped,
    "lang": _show_wrapped,
    "longitem": _show_wrapped,
    "flag": lambda call, today, depth: _render(_arg(call, "name", "1"), today, depth),
    "marriage": _show_marriage,
    "url": _show_url,
    "abbr": lambda call, today, depth: _line(_arg(call, "1"), today, depth),
    "sic": lambda call, today, depth: _show_sic(call, today, depth),
    "nihongo": lambda call, today, depth: _show_nihongo(call, today, depth),
    "convert": lambda call, today, depth: _show_convert(call),
}
