"""References as the Cite extension sees them: ``<ref>`` tags, groups, names, numbers, lists.

Numbering follows Cite's legacy parser (``ReferenceStack``): per group, in order of first
use; a reused name keeps its number and adds a backlink; ``<references/>`` (or a
``{{Reflist}}``-style template) outputs and clears its group, so later refs of that group
start again at 1; default-group refs never output get a list at the end of the page.
``docs/mediawiki-rules.md`` records the rules and their sources.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from typing import Final

from attrs import field, frozen

from wikibio._parse import plain_text

__all__ = ["RefTag", "Reference", "ReferenceList", "backlink_label", "parse_attributes"]

# Sanitizer::getAttribsRegex: a name, then optionally = and a quoted or bare value.
_ATTRIBUTE: Final = re.compile(
    r"""([^\t\n\f\r /=>][^\t\n\f\r />=]*|=[^\t\n\f\r />=]*)"""
    r"""(?:[\t\n\f\r ]*=[\t\n\f\r ]*"""
    r"""(?:"([^"]*)(?:"|$)|'([^']*)(?:'|$)|((?:(?![\t\n\f\r ]|>).)*)))?""",
    re.DOTALL,
)
_WHITESPACE: Final = re.compile(r"[\t\r\n ]+")


def parse_attributes(raw: str) -> dict[str, str]:
    """Decode a tag's attribute text as MediaWiki's ``Sanitizer::decodeTagAttributes`` does.

    Names are lower-cased; values have whitespace folded, are trimmed and have character
    references decoded; a later duplicate wins.
    """
    attributes: dict[str, str] = {}
    for match in _ATTRIBUTE.finditer(raw):
        name = match.group(1).lower()
        value = next((g for g in match.groups()[1:] if g is not None), "")
        attributes[name] = html.unescape(_WHITESPACE.sub(" ", value).strip())
    return attributes


def backlink_label(index: int) -> str:
    """The backlink label English Wikipedia shows for the ``index``-th use (0-based).

    ``a`` … ``z``, then ``aa``, ``ab`` … (Cite's message
    ``cite_references_link_many_format_backlink_labels``).
    """
    label = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        label = chr(ord("a") + rest) + label
    return label


@frozen
class RefTag:
    """One ``<ref …>`` tag in the page: a definition, a reuse, or a list-defined ref."""

    #: The ``name`` attribute (``None`` when absent, empty, or ``"0"``).
    name: str | None
    #: The ``group`` attribute, ``""`` for the default group.
    group: str
    #: The content between ``<ref>`` and ``</ref>``; ``None`` for ``<ref … />``.
    content: str | None
    #: Offsets of the whole tag in the page.
    start: int
    end: int
    #: Whether the tag stands inside ``<references>…</references>`` (a list-defined ref).
    list_defined: bool = False
    _source: str = field(default="", repr=False)

    def __str__(self) -> str:
        return self._source[self.start : self.end]


@frozen
class Reference:
    """A note in a reference list, with every place the page uses it."""

    #: The number readers see within its group (``None`` for an unused list-defined ref).
    number: int | None
    #: The group, ``""`` for the default group.
    group: str
    #: The ref's name, if it has one.
    name: str | None
    #: The content of the defining ``<ref>`` (``""`` when no tag gives content).
    wikitext: str
    #: Each ``<ref>`` tag that uses the note, in page order.
    uses: tuple[RefTag, ...] = ()
    #: The tags that define it inside ``<references>…</references>``, if any.
    definitions: tuple[RefTag, ...] = ()

    @property
    def backlinks(self) -> Sequence[str]:
        """Backlink labels as English Wikipedia shows them: ``[]`` for one use, else a, b, c…"""
        if len(self.uses) < 2:
            return []
        return [backlink_label(index) for index in range(len(self.uses))]

    @property
    def text(self) -> str:
        """The note as plain text (citation templates are not rendered yet)."""
        return plain_text(self.wikitext)


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


class Numbering:
    """Cite's reference stack: feed tags and list placements in parse order."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.lists: list[ReferenceList] = []
        # group -> key -> entry; key is the name, or an int for unnamed refs.
        self._pending: dict[str, dict[str | int, _Entry]] = {}
        self._counter: dict[str, int] = {}
        self._anonymous = 0

    def use(self, tag: RefTag) -> None:
        """A ``<ref>`` outside any list: a new note or a reuse."""
        group = self._pending.setdefault(tag.group, {})
        key: str | int
        if tag.name is None:
            self._anonymous += 1
            key = -self._anonymous
        else:
            key = tag.name
        entry = group.get(key)
        if entry is None:
            number = self._counter.get(tag.group, 0) + 1
            self._counter[tag.group] = number
            entry = group[key] = _Entry(number, tag.group, tag.name)
        entry.uses.append(tag)
        if entry.content is None and tag.content is not None and tag.content.strip():
            entry.content = tag.content

    def define(self, tag: RefTag, group: str) -> None:
        """A list-defined ``<ref>`` inside ``<references>`` of ``group``."""
        if tag.name is None:
            return
        entry = self._pending.setdefault(group, {}).get(tag.name)
        if entry is None:
            entry = _Entry(None, group, tag.name)
            self._pending[group][tag.name] = entry
        entry.definitions.append(tag)
        if entry.content is None and tag.content is not None:
            entry.content = tag.content

    def place(self, group: str, start: int, end: int) -> None:
        """A ``<references/>`` or ``{{Reflist}}``: output and clear the group."""
        entries = self._pending.pop(group, {})
        self._counter.pop(group, None)
        if entries:
            self.lists.append(ReferenceList(group, _freeze(entries), start, end, self.source))

    def finish(self) -> list[ReferenceList]:
        """Close the page: pending default-group notes get the generated list at the end."""
        entries = self._pending.pop("", {})
        if entries:
            self.lists.append(ReferenceList("", _freeze(entries), -1, -1, self.source))
        return self.lists


class _Entry:
    __slots__ = ("content", "definitions", "group", "name", "number", "uses")

    def __init__(self, number: int | None, group: str, name: str | None) -> None:
        self.number = number
        self.group = group
        self.name = name
        self.content: str | None = None
        self.uses: list[RefTag] = []
        self.definitions: list[RefTag] = []


def _freeze(entries: dict[str | int, _Entry]) -> tuple[Reference, ...]:
    notes = [
        Reference(
            entry.number,
            entry.group,
            entry.name,
            entry.content or "",
            tuple(entry.uses),
            tuple(entry.definitions),
        )
        for entry in entries.values()
    ]
    used = sorted((note for note in notes if note.number is not None), key=_number)
    return (*used, *(note for note in notes if note.number is None))


def _number(note: Reference) -> int:
    return note.number or 0
