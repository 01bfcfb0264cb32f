"""References as the Cite extension shows them: notes, their uses, groups, numbers, lists.

The value objects here are what the walk over a page (``wikibio.analysis.analyse`` driving
``cite.Cite``) produces:

* ``ReferenceUse``: one place the page uses a note (a ``<ref>`` tag, a
  ``{{#tag:ref}}`` call or a template such as ``{{efn}}`` or ``{{sfn}}``), with the marker
  label readers see (``1``, ``a``, ``note 1``) and its backlink label (``a``, ``b`` …);
* ``Reference``: one note of a list, with its number, name, content and uses;
* ``ReferenceList``: one ``<references/>``, ``{{Reflist}}`` or the list MediaWiki
  generates at the end of the page;
* ``RefTag``: a ``<ref>`` that defines a note inside ``<references>…</references>``.

Numbering follows Cite's legacy parser (``shared/reference/CITE.md``); the labels follow
English Wikipedia's messages (``^ a b c`` backlinks, ``[a]`` for ``lower-alpha`` notes).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Final, Literal, Protocol

from attrs import field, frozen

from wikibio._cached import cached_property
from wikibio._gc import pausing
from wikibio.citations import Citation, find_citation, lone_citation
from wikibio.sections import Section
from wikibio.syntax.attributes import parse_attributes
from wikibio.syntax.compose import reference_wikitext
from wikibio.syntax.inline import plain_text

__all__ = [
    "NoteScans",
    "RefTag",
    "Reference",
    "ReferenceList",
    "ReferenceUse",
    "UseKind",
    "backlink_label",
    "marker_label",
    "parse_attributes",
]

#: How many backlink labels English Wikipedia's message lists: a … z, aa … zz.
BACKLINK_LABELS: Final = 702

#: How a use was written in the page.
UseKind = Literal["tag", "parser-function", "template"]


def _letters(index: int, alphabet: str = "abcdefghijklmnopqrstuvwxyz") -> str:
    """Bijective base-N: 0 → a, 25 → z, 26 → aa, 701 → zz."""
    label = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, len(alphabet))
        label = alphabet[rest] + label
    return label


def backlink_label(index: int, *, count: int = 0, number: str | int | None = None) -> str:
    """The backlink label English Wikipedia shows for the ``index``-th use (0-based).

    ``a`` … ``z``, then ``aa`` … ``zz`` (the 702 labels of Cite's message
    ``cite_references_link_many_format_backlink_labels``).  Past the list Cite shows the
    numeric label instead: ``<number>.<index>``, the index zero-padded to the digits of
    ``count`` (the note's number of uses), e.g. ``1.702``.

    Examples:
        >>> [backlink_label(i) for i in (0, 25, 26, 701)]
        ['a', 'z', 'aa', 'zz']
        >>> backlink_label(702, count=800, number=3)
        '3.702'
    """
    if index < BACKLINK_LABELS:
        return _letters(index)
    width = len(str(max(count, index + 1)))
    return f"{number if number is not None else ''}.{index:0{width}d}"


_GREEK: Final = "αβγδεζηθικλμνξοπρστυφχψω"
_ROMAN: Final = (
    (1000, "m"),
    (900, "cm"),
    (500, "d"),
    (400, "cd"),
    (100, "c"),
    (90, "xc"),
    (50, "l"),
    (40, "xl"),
    (10, "x"),
    (9, "ix"),
    (5, "v"),
    (4, "iv"),
    (1, "i"),
)


def _roman(number: int) -> str:
    out = []
    for value, letters in _ROMAN:
        while number >= value:
            out.append(letters)
            number -= value
    return "".join(out)


def marker_label(group: str, number: int) -> str:
    """The in-text marker label (without brackets) for note ``number`` of ``group``.

    The default group and ``decimal`` show the number; English Wikipedia's reserved groups
    (``MediaWiki:Cite_link_label_group-…``) show letters or numerals: ``lower-alpha`` and
    ``upper-alpha`` a … z, aa … zz (702 labels), ``lower-greek`` the 24 Greek letters,
    ``lower-roman``/``upper-roman`` i, ii, … (up to 3999).  Past a group's list, and for
    any other group, Cite shows ``"<group> <number>"`` (e.g. ``note 1``).

    Examples:
        >>> [marker_label(g, 2) for g in ("", "lower-alpha", "upper-roman", "note")]
        ['2', 'b', 'II', 'note 2']
    """
    if not group or group == "decimal":
        return str(number)
    if group in ("lower-alpha", "upper-alpha") and number <= BACKLINK_LABELS:
        letters = _letters(number - 1)
        return letters if group == "lower-alpha" else letters.upper()
    if group == "lower-greek" and number <= len(_GREEK):
        return _GREEK[number - 1]
    if group in ("lower-roman", "upper-roman") and number < 4000:
        numeral = _roman(number)
        return numeral if group == "lower-roman" else numeral.upper()
    return f"{group} {number}"


class NoteScans(Protocol):
    """Reads notes from the scans the page's walk already made of their bodies."""

    def citation(self, wikitext: str) -> Citation | None:
        """The first citation at the top level of the note ``wikitext``."""

    def is_one_call(self, wikitext: str) -> bool:
        """Whether the note ``wikitext`` is one template call and nothing else (blanks aside)."""


# PERF: a __dict__, not slots: ten fields set through object.__setattr__ cost more than the
# dict, and a page makes one of these for every marker.
@frozen(slots=False)
class ReferenceUse:
    """One place the page uses a note: the marker ``[1]`` readers see there.

    ``str(use)`` is the wikitext that makes it: the ``<ref …>`` tag, the
    ``{{#tag:ref|…}}`` call, or the template call (``{{sfn|…}}``, ``{{efn|…}}``,
    ``{{r|…}}``; one ``{{r|a|b}}`` call makes two uses).
    """

    #: Offsets of the tag or call in the page; -1 and -1 for a ref that template
    #: expansion registered but did not show (Cite numbers and lists it, and its
    #: backlink points nowhere readers see), see ``shown``.
    start: int
    end: int
    #: The note's group and name.
    group: str
    name: str | None
    #: The marker label without brackets, e.g. ``"1"``, ``"a"``, ``"note 1"``, ``"1.1"``.
    label: str
    #: Position among the note's uses, from 0.
    index: int
    #: The label of this use's backlink in the list (``"a"``, ``"b"`` …); ``None`` when
    #: the note is used once and its list entry shows a bare ``^``.
    backlink: str | None
    #: How the use is written: a ``<ref>`` tag, ``{{#tag:ref}}`` or a template call.
    kind: UseKind = "tag"
    _source: str = field(default="", repr=False)
    _locate: Callable[[int], Section] | None = field(default=None, eq=False, repr=False)

    def __str__(self) -> str:
        return self._source[self.start : self.end] if self.start >= 0 else ""

    @property
    def shown(self) -> bool:
        """Whether the page shows this use's marker (``False`` for a ref that template
        expansion registered but dropped, e.g. in an ``{{#if:}}`` test)."""
        return self.start >= 0

    @property
    def section(self) -> Section | None:
        """The innermost section the marker stands in (the lead before any heading);
        ``None`` for a use the page does not show."""
        if self._locate is None or self.start < 0:
            return None
        return self._locate(self.start)


@frozen
class RefTag:
    """A ``<ref>`` (or ``{{#tag:ref}}``) that defines a note inside a reference list."""

    #: The ``name`` attribute (``None`` when absent or rejected).
    name: str | None
    #: The group it defines a note of (the list's group).
    group: str
    #: Its content; ``None`` for ``<ref … />``.
    content: str | None
    #: Offsets of the tag or call in the page.
    start: int
    end: int
    #: Whether the tag stands inside ``<references>…</references>`` or ``refs=``.
    list_defined: bool = True
    _source: str = field(default="", repr=False)

    def __str__(self) -> str:
        return self._source[self.start : self.end]


# PERF: a __dict__, not slots: its fields are set without object.__setattr__, and its cached
# properties (text, citation) are read without attrs' __getattr__ hook.
@frozen(slots=False)
class Reference:
    """A note in a reference list, with every place the page uses it."""

    #: The number readers see within its group (``None`` for a list-defined note that is
    #: never used, and for a ``follow=`` continuation whose note is not on the page).
    number: int | None
    #: The group, ``""`` for the default group.
    group: str
    #: The ref's name, if it has one.
    name: str | None
    #: The note's content: the first non-empty content given (``""`` when none is).
    wikitext: str
    #: Each use, in the order Cite processes them (page order, except that a ref inside
    #: a ``{{#tag:ref}}``/``{{efn}}`` comes before the note that holds it).
    uses: tuple[ReferenceUse, ...] = ()
    #: The ``<ref>`` tags that define it inside a list (list-defined references).
    definitions: tuple[RefTag, ...] = ()
    #: The marker label readers see (``"1"``, ``"a"``, ``"note 1"``, ``"1.2"``).
    label: str | None = None
    #: For an unattached ``follow=`` continuation: the name it continues.
    follow: str | None = None
    #: Sub-references (``details=``), listed under this note.
    subreferences: tuple[Reference, ...] = ()
    #: Cite's message keys for problems of this note; the list shows the first.
    errors: tuple[str, ...] = ()
    _render: Callable[[Reference], str] | None = field(default=None, eq=False, repr=False)
    _scans: NoteScans | None = field(default=None, eq=False, repr=False)

    @classmethod
    def new(cls, content: str, *, name: str | None = None, group: str = "") -> Reference:
        """A note defined by one ``<ref>``, used once, as a page holding only that tag reads it.

        Raises:
            InvalidNodeError: the content is empty or holds ``<ref>``/``</ref>`` or an
                unclosed bracket, or ``name``/``group`` cannot be a ref's name or group.
        """
        tag = reference_wikitext(content, name=name, group=group)
        attributes = parse_attributes(tag[len("<ref") : tag.index(">")])
        name = attributes.get("name") or None
        group = attributes.get("group", "")
        label = marker_label(group, 1)
        use = ReferenceUse(0, len(tag), group, name, label, 0, None, "tag", tag)
        return cls(1, group, name, content, (use,), label=label)

    def __str__(self) -> str:
        """The tag (or call) that first uses the note, else its list definition."""
        if self.uses:
            return str(self.uses[0])
        return str(self.definitions[0]) if self.definitions else ""

    @property
    def backlinks(self) -> Sequence[str]:
        """Backlink labels as English Wikipedia shows them: ``[]`` for one use, else a, b, c…"""
        return [use.backlink for use in self.uses if use.backlink is not None]

    @cached_property
    @pausing
    def text(self) -> str:
        """The note as readers see it in the list: citations rendered as CS1 does."""
        if self._render is None:
            return _note_text(self.wikitext)
        return self._render(self)

    @cached_property
    @pausing
    def citation(self) -> Citation | None:
        """The citation template at the top level of the note, if any."""
        if self._scans is None:
            return find_citation(self.wikitext)
        return self._scans.citation(self.wikitext)

    @cached_property
    def lone_citation(self) -> Citation | None:
        """The citation when the note is one citation call and nothing else (most are)."""
        if self._scans is None:
            return lone_citation(self.wikitext)
        # The call is then the note's first top-level template: its citation, read once.
        return self.citation if self._scans.is_one_call(self.wikitext) else None


@frozen
class ReferenceList:
    """One list of notes: a ``<references/>``, a ``{{Reflist}}``, or the page-end list."""

    #: The group the list shows, ``""`` for the default group.
    group: str
    #: Its notes in displayed order.
    references: tuple[Reference, ...]
    #: Offsets of the tag or template that places the list; -1 for the generated list.
    start: int = -1
    end: int = -1
    _source: str = field(default="", repr=False)

    def __str__(self) -> str:
        """The tag or template that places the list (``""`` for the generated one)."""
        return self._source[self.start : self.end] if self.start >= 0 else ""


def _note_text(wikitext: str) -> str:
    """A note's text without its page's reading view: a lone citation rendered, else plain.

    Notes of a parsed page are rendered by the reading view (which knows the page's date
    format and display templates); this serves notes built on their own.
    """
    citation = lone_citation(wikitext)
    return plain_text(wikitext) if citation is None else citation.to_text(errors=False)
