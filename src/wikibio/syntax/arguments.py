"""Writing template arguments so the page means what the caller wrote, in the page's style.

Two jobs, both on plain strings and offsets (the document applies the result):

* ``escape_value`` makes a value safe inside ``{{…|name=VALUE}}``: a ``|`` or ``}}``
  that would end the argument, an unbalanced ``{{``, ``[[`` or ``-{`` that would swallow
  the call, or a line-start ``=`` that would turn it into literal text are escaped, and the
  result is checked with the preprocessor scan itself.
* ``Style`` reads the layout of a call's existing arguments (one per line or inline,
  spaces around ``|`` and ``=``, the column ``=`` is aligned to) by majority vote, so a new
  argument looks like its siblings.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from typing import Final

from attrs import frozen

from wikibio.errors import InvalidNodeError
from wikibio.syntax import scan

__all__ = ["ArgumentLayout", "Style", "check_name", "escape_value", "layout_of"]

_ESCAPES: Final = {"{": "&#123;", "[": "&#91;"}
_BAD_NAME: Final = re.compile(r"[|={}\[\]<>\n]")


def check_name(name: str) -> str:
    """Validate a parameter name for writing; returns it stripped.

    Raises:
        InvalidNodeError: the name is empty or holds ``| = { } [ ] < >`` or a newline.
    """
    if not isinstance(name, str):
        raise TypeError(f"a parameter name must be a str, not {type(name).__name__}")
    stripped = name.strip()
    if not stripped or _BAD_NAME.search(stripped):
        raise InvalidNodeError(
            f"{name!r} cannot be a template parameter name: it must be non-empty and "
            "contain none of | = { } [ ] < > or a newline"
        )
    return stripped


def escape_value(value: str, *, named: bool = True) -> str:
    """Escape ``value`` so that it is exactly one argument's value, meaning what it says.

    Raises:
        TypeError: ``value`` is not a ``str``.
        InvalidNodeError: no escaping makes the value one argument (never seen in practice;
            the message says what to change).
    """
    if not isinstance(value, str):
        raise TypeError(
            f"a parameter value must be a str of wikitext, not {type(value).__name__}; "
            "convert it first, e.g. str(number)"
        )
    value = _escape_unclosed_tags(value)
    prefix = "{{X|k=" if named else "{{X|"
    for _ in range(len(value) + 2):
        wrapped = prefix + value + "}}"
        result = scan.scan(wrapped)
        call = result.children[0] if result.children else None
        if isinstance(call, scan.Template) and call.start == 0 and not call.is_arg:
            extra = call.parts[2:]
            if call.end < len(wrapped):
                # A "}}" in the value closed the call early.
                at = call.end - 2 - len(prefix)
                # Escape the braces of the value only: when the value ends in an odd run
                # of "}", the second closer is the wrapper's own.
                braces = value[at : at + 2]
                value = value[:at] + "&#125;" * len(braces) + value[at + 2 :]
                continue
            if extra:
                # "|" at the value's own level: each starts another argument.
                cuts = [part.start - 1 - len(prefix) for part in extra]
                for at in reversed(cuts):
                    # {{!}} is what editors write; next to a brace it would join its run.
                    merges = value[at - 1 : at] == "{" or value[at + 1 : at + 2] == "}"
                    value = value[:at] + ("&#124;" if merges else "{{!}}") + value[at + 1 :]
                continue
            part = call.parts[1] if len(call.parts) > 1 else None
            if (
                part is not None
                and (part.eq >= 0) == named
                and (not named or part.eq == len(prefix) - 1)
            ):
                return value
            if not named and part is not None and part.eq >= 0:
                at = part.eq - len(prefix)
                value = value[:at] + "{{=}}" + value[at + 1 :]
                continue
        escaped = _escape_unbalanced(value)
        if escaped == value:
            break
        value = escaped
    raise InvalidNodeError(
        f"cannot write {value!r} as one template argument; balance its brackets or wrap "
        "the literal part in <nowiki>…</nowiki>"
    )


#: Openings that, left unclosed in a value, reach past it: an extension tag (``<ref>x``)
#: is closed by the page's next ``</ref>``, swallowing every later field; a comment or
#: ``<includeonly>`` hides the rest of the page.
_UNCLOSED_TAGS: Final = ("unclosed-extension-tag", "unclosed-comment", "unclosed-includeonly")


def _escape_unclosed_tags(value: str) -> str:
    """``value`` with the ``<`` of every unclosed tag or comment written ``&lt;``.

    A reader sees the same characters; the page's later tags keep their own meaning.
    """
    while True:
        problems = [p for p in scan.scan(value).problems if p.code in _UNCLOSED_TAGS]
        if not problems:
            return value
        for at in sorted({p.offset for p in problems}, reverse=True):
            if value.startswith("<", at):
                value = value[:at] + "&lt;" + value[at + 1 :]


def _escape_unbalanced(value: str) -> str:
    """Escape the openings the scan reports unclosed, or else a line-start ``=``."""
    unclosed = ("unclosed-template", "unclosed-link", "unclosed-language-converter")
    problems = [p for p in scan.scan(value).problems if p.code in unclosed]
    for problem in sorted(problems, key=lambda p: p.offset, reverse=True):
        at = problem.offset
        if value.startswith("-{", at):
            value = value[:at] + "-&#123;" + value[at + 2 :]
        else:
            value = value[:at] + _ESCAPES[value[at]] + value[at + 1 :]
    if problems:
        return value
    line_start = re.search(r"(?:^|\n)=", value)
    if line_start is not None:
        at = line_start.end() - 1
        return value[:at] + "&#61;" + value[at + 1 :]
    run = re.search(r"\{\{\{+", value)
    if run is not None:
        # "{{{}}": a brace run that joins the call's closing "}}" into a longer run. Its
        # first brace is text either way (the run closes as "{" + "{{…}}"): write it so.
        return value[: run.start()] + "&#123;" + value[run.start() + 1 :]
    return value


@frozen
class ArgumentLayout:
    """The whitespace around one written argument: ``|LEAD name PAD = AFTER value TRAIL``."""

    lead: str
    name: str
    pad: str
    after: str
    value: str
    trail: str

    @property
    def column(self) -> int:
        """Where ``=`` stands, counted from the ``|``."""
        return len(self.lead) + len(self.name) + len(self.pad)


def layout_of(raw: str, equals: int) -> ArgumentLayout:
    """Split an argument's raw text (after its ``|``) at ``equals`` (-1: positional)."""
    if equals < 0:
        body = raw.rstrip()
        return ArgumentLayout("", "", "", "", body, raw[len(body) :])
    raw_name, raw_value = raw[:equals], raw[equals + 1 :]
    name = raw_name.strip()
    lead = raw_name[: len(raw_name) - len(raw_name.lstrip())]
    pad = raw_name[len(lead) + len(name) :]
    value = raw_value.strip()
    if value:
        after = raw_value[: len(raw_value) - len(raw_value.lstrip())]
        trail = raw_value[len(after) + len(value) :]
    else:
        after = raw_value[: len(raw_value) - len(raw_value.lstrip(" \t"))]
        trail = raw_value[len(after) :]
    return ArgumentLayout(lead, name, pad, after, value, trail)


@frozen
class Style:
    """How a call writes its arguments, by majority of the existing ones."""

    #: Whitespace between one argument and the next ``|`` ("\n" for one per line).
    separator: str
    lead: str
    after: str
    #: The column ``=`` is aligned to, or ``None`` when names are not aligned.
    column: int | None
    pad: str

    @classmethod
    def infer(cls, separators: Sequence[str], layouts: Sequence[ArgumentLayout]) -> Style:
        """Vote on each slot; with no arguments, the house default ``\\n| name = value``.

        ``separators`` are the whitespace runs that lead from the title and from each
        argument but the last to the next ``|``.
        """
        named = [layout for layout in layouts if layout.name]
        separator = _majority(separators) if layouts else "\n"
        if not named:
            return cls(separator if layouts else "\n", " ", " ", None, " ")
        lead = _majority([layout.lead for layout in named])
        filled = [layout.after for layout in named if layout.value] or [" "]
        after = _majority(filled)
        pad = _majority([layout.pad for layout in named])
        columns = Counter(layout.column for layout in named)
        column, votes = columns.most_common(1)[0]
        aligned = (
            len(named) >= 2
            and votes * 2 > len(named)
            and any(len(layout.pad) > 1 for layout in named)
        )
        return cls(separator, lead, after, column if aligned else None, pad)

    def write(self, name: str, value: str) -> str:
        """The text of a new argument, ``|`` included, without trailing whitespace."""
        pad = self.pad
        if self.column is not None:
            pad = " " * max(1, self.column - len(self.lead) - len(name))
        return f"|{self.lead}{name}{pad}={self.after if value else ''}{value}"


def _majority(values: Sequence[str]) -> str:
    """The most common value; ties go to the one seen first."""
    return Counter(values).most_common(1)[0][0]
