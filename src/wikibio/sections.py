"""Sections: the lead and the heading tree MediaWiki's preprocessor sees at the page's top level."""

from __future__ import annotations

from collections.abc import Sequence

from attrs import field, frozen

from wikibio.errors import InvalidNodeError
from wikibio.syntax import scan
from wikibio.syntax.compose import section_wikitext
from wikibio.syntax.inline import plain_text
from wikibio.syntax.names import strip_comments

__all__ = ["Section"]


@frozen
class Section:
    """A heading and everything up to the next heading of the same or a higher level.

    The lead is a section too: ``level == 0``, ``title is None``, no heading.
    ``str(section)`` is its wikitext, heading and subsections included; the sections of a
    page, concatenated in order, give back the page.
    """

    #: The heading's plain text, as readers see it (``None`` for the lead).
    title: str | None
    #: 2 for ``==``, 3 for ``===`` … (1 for ``=``, 0 for the lead).
    level: int
    #: Sections whose headings are deeper and follow this one, in page order.
    subsections: tuple[Section, ...] = ()
    #: MediaWiki's section number (``action=edit&section=N``); 0 for the lead.
    index: int = 0
    #: Offsets of the section's text in the page.
    start: int = 0
    end: int = 0
    #: Offset where the heading line ends (where the body begins).
    heading_end: int = 0
    _source: str = field(default="", repr=False)

    def __str__(self) -> str:
        return self._source[self.start : self.end]

    @classmethod
    def new(
        cls, title: str, body: str = "", *, level: int = 2, subsections: Sequence[Section] = ()
    ) -> Section:
        """A section in house style: ``== Title ==``, the body, then the subsections.

        Raises:
            InvalidNodeError: the title cannot be a heading, the body would run into the
                next part of the page, or a subsection is not deeper than ``level``.
        """
        subs = list(subsections)
        for sub in subs:
            if sub.level <= level:
                raise InvalidNodeError(
                    f"subsection {sub.title!r} has level {sub.level}; it must be deeper than "
                    f"{level}"
                )
        text = section_wikitext(title, body, level=level, subsections=[str(s) for s in subs])
        headings = [n for n in scan.scan(text).children if type(n) is scan.Heading]
        sections = build_sections(text, headings)[1]
        if len(sections) != 1:
            raise InvalidNodeError(f"{title!r} with this body does not read back as one section")
        return sections[0]

    @property
    def heading(self) -> str:
        """The heading line as written, ``=`` signs, trailing spaces and comments included."""
        return self._source[self.start : self.heading_end]

    @property
    def body(self) -> str:
        """The text between the heading and the first subsection (or the section's end)."""
        end = self.subsections[0].start if self.subsections else self.end
        return self._source[self.heading_end : end]

    def walk(self) -> Sequence[Section]:
        """This section and all its subsections at any depth, in page order."""
        found: list[Section] = []
        pending = [self]
        while pending:
            section = pending.pop()
            found.append(section)
            pending.extend(reversed(section.subsections))
        return found


def heading_title(source: str, node: scan.Heading) -> str:
    """The plain title of a heading node: between its ``=`` runs, comments and markup removed."""
    pieces = []
    pos = node.start
    for child in node.children:
        if isinstance(child, scan.Comment):
            pieces.append(source[pos : child.start])
            pos = child.end
    pieces.append(source[pos : node.end])
    raw = "".join(pieces).rstrip(" \t\r\n")
    level = node.level
    inner = raw[level:-level] if len(raw) >= 2 * level else ""
    return plain_text(strip_comments(inner))


def build_sections(
    source: str, headings: Sequence[scan.Heading]
) -> tuple[Section, tuple[Section, ...]]:
    """The lead and the top-level section tree from the page's root headings."""
    end = len(source)
    lead = Section(
        None,
        0,
        (),
        0,
        0,
        headings[0].start if headings else end,
        0,
        source,
    )
    # Build bottom-up: a section is final once the next heading of its level or higher
    # (or the page's end) is known.  Each open entry: [heading, children].
    open_: list[tuple[scan.Heading, list[Section]]] = []
    top: list[Section] = []

    def close(until: int) -> None:
        heading, children = open_.pop()
        section = Section(
            heading_title(source, heading),
            heading.level,
            tuple(children),
            heading.index,
            heading.start,
            until,
            heading.end,
            source,
        )
        (open_[-1][1] if open_ else top).append(section)

    for heading in headings:
        while open_ and open_[-1][0].level >= heading.level:
            close(heading.start)
        open_.append((heading, []))
    while open_:
        close(end)
    return lead, tuple(top)


def innermost_section(lead: Section, sections: Sequence[Section], offset: int) -> Section:
    """The innermost section holding ``offset`` (the lead before the first heading)."""
    section, candidates = lead, sections
    while True:
        inner = next((s for s in candidates if s.start <= offset < s.end), None)
        if inner is None:
            return section
        section, candidates = inner, inner.subsections
