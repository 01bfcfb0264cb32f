"""The parts of a citation: its people, its dates, its identifiers, what the module flags.

Value objects (attrs classes) that ``wikibio.citations.read`` builds and ``Citation`` holds.
They live apart from the reader so that it can be compiled (``setup.py``): a compiled module
defines no attrs classes. ``wikibio.citations`` re-exports them.
"""

from __future__ import annotations

from attrs import field, frozen

from wikibio._cached import cached_property
from wikibio.values import Date, Precision, parse_date

__all__ = ["CitationDate", "CitationProblem", "Identifier", "Person"]


@frozen
class CitationProblem:
    """Something the module would flag in a citation: an error or a maintenance message.

    ``code`` is the module's own error key without its ``err_``/``maint_`` prefix
    (``"bad_date"``, ``"parameter_ignored_suggest"``, ``"discouraged_parameter"`` …).
    """

    #: The module's key for the message.
    code: str
    #: The message, as the module words it (parameter names written ``|name=``).
    message: str
    #: Whether readers see it after the citation (errors) or not (maintenance messages).
    visible: bool = True
    #: The parameter concerned, if one is.
    parameter: str | None = None

    def __str__(self) -> str:
        return f"{self.message} [{self.code}]"


@frozen
class Person:
    """One name of an author, editor, translator, interviewer or contributor list."""

    #: The surname, or the whole name as written in ``|author=`` or ``|vauthors=``.
    last: str
    #: The given names, if a separate parameter gives them.
    first: str | None = None
    #: The page ``|author-link=`` links the name to (no effect on plain text).
    link: str | None = None
    #: ``|author-mask=``: a number of dashes, or text shown instead of the name.
    mask: str | None = None
    #: The wikitext of the surname (or whole name) and of the given names, as written.
    raw_last: str = field(default="", eq=False)
    raw_first: str | None = field(default=None, eq=False)

    @property
    def name(self) -> str:
        """``Last, First`` (or the name as written)."""
        return f"{self.last}, {self.first}" if self.first else self.last


# PERF: a __dict__, not slots: ``date`` is read without attrs' __getattr__ hook.
@frozen(slots=False)
class CitationDate:
    """A date parameter: its wikitext, its text, and what wikibio reads in it."""

    #: The value's wikitext as written.
    raw: str
    #: The text the module works with (comments dropped, markup rendered).
    text: str
    #: Whether the module accepts the value as a MOS:DATE date (else it shows an error).
    valid: bool = True

    @cached_property
    def date(self) -> Date | None:
        """The date read by ``wikibio.values.parse_date``, or ``None`` (a range, a season,
        ``n.d.`` or an unreadable value).

        PERF: read when asked; the reading view shows the text and never asks.
        """
        return parse_date(self.raw)[0]

    @property
    def precision(self) -> Precision | None:
        """``"day"``, ``"month"`` or ``"year"``; ``None`` when no date could be read."""
        date = self.date
        return None if date is None else date.precision

    def __str__(self) -> str:
        return self.text


@frozen
class Identifier:
    """A standard identifier: ``doi``, ``isbn``, ``pmid`` …"""

    #: The module's handler key, lower case (``"doi"``, ``"isbn"``, ``"s2cid"``).
    kind: str
    #: The identifier as the text shows it.
    value: str
    #: The parameter it was read from.
    parameter: str = field(default="", eq=False)
