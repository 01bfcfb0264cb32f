"""The reading view's entry points: an article, or one note, as plain text or Markdown.

``wikibio.render.tree.build`` makes the tree of blocks in one pass over the page's scan;
``wikibio.render.plain`` and ``wikibio.render.markdown`` format it.  Notes are rendered
here too: ``wikibio.analysis.analyse`` asks ``NoteRenderer`` for each note's text, which
is a lone citation rendered directly or else the note read as a page of its own.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Sequence
from typing import Final

from wikibio.analysis import analyse
from wikibio.citations import Citation, DateFormat, lone_citation
from wikibio.infobox import DEFAULT_INFOBOX_NAMES, Infobox
from wikibio.page import Page
from wikibio.references import Reference, ReferenceList, ReferenceUse
from wikibio.render.blocks import Document
from wikibio.render.markdown import markdown_text
from wikibio.render.plain import TAGLINE, plain_blocks, plain_text
from wikibio.render.tree import Readable, build, line_text, page_date_format
from wikibio.sections import Section, build_sections
from wikibio.site import WIKITEXT_TAGS, Site
from wikibio.syntax import scan
from wikibio.templates import Template

__all__ = [
    "TAGLINE",
    "NoteRenderer",
    "Readable",
    "note_text",
    "page_date_format",
    "reading_view",
    "render",
    "render_markdown",
]


class NoteRenderer:
    """Renders a page's notes as its lists show them, in the page's date format.

    Made from the page's template calls (``wikibio.analysis.analyse`` calls it with the list
    it fills) and a function giving the page's notes once the walk is done; the date
    format is looked up on the first note.
    """

    __slots__ = ("_format", "_given", "_known", "_templates", "_uses")

    def __init__(self, templates: Sequence[Template]) -> None:
        self._templates = templates
        self._format: DateFormat | None = None
        self._known = False
        self._given: Sequence[ReferenceUse] = ()
        self._uses: _Uses | None = None

    def page_uses(self, uses: Sequence[ReferenceUse]) -> None:
        """Every use of the page's notes (``wikibio.analysis`` gives them after its walk)."""
        self._given = uses

    def __call__(self, reference: Reference) -> str:
        if not self._known:
            self._format = page_date_format(self._templates)
            self._known = True
        # The reference knows whether it is one citation from the page's scan of its body.
        citation = reference.lone_citation
        wikitext = reference.wikitext
        if citation is None and ("{" in wikitext or "<" in wikitext):
            if self._uses is None:
                self._uses = _Uses(self._given)
            wikitext = self._uses.marked(reference)
        return _note_text(wikitext, citation, self._format)


class _Uses:
    """Every use of a page's notes by position, to show the notes nested in a note.

    A note made inside another (``{{efn|… {{efn|…}} …}}``, ``{{#tag:ref|… <ref>…</ref>}}``)
    is a marker in the outer note's text, numbered as the page numbers it, as Cite shows
    it.  Its wikitext is replaced by that marker before the outer note is read, so each
    note reads only its own text: deep nesting stays linear, and the inner note keeps the
    page's number instead of one its outer note would give it read on its own.
    """

    __slots__ = ("_starts", "_uses", "_written")

    def __init__(self, uses: Sequence[ReferenceUse]) -> None:
        #: One use per span: its wikitext, read when a note holds it.
        self._written: dict[tuple[int, int], ReferenceUse] = {}
        #: ``(start, end, markers)`` by start; one ``{{r|a|b}}`` call makes two markers.
        self._uses: list[tuple[int, int, str]] = []
        self._starts: list[int] = []
        if not _nested(uses):
            return  # PERF: most pages nest no note in another: no note is marked
        found: dict[tuple[int, int], list[str]] = {}
        for use in uses:
            span = (use.start, use.end)
            found.setdefault(span, []).append(f"[{use.label}]")
            self._written.setdefault(span, use)
        self._uses = sorted((start, end, "".join(marks)) for (start, end), marks in found.items())
        self._starts = [start for start, _, _ in self._uses]

    def marked(self, reference: Reference) -> str:
        """The note's wikitext with each note nested in it as its marker."""
        wikitext = reference.wikitext
        if not self._uses:
            return wikitext
        for use in reference.uses:
            nested = self._inside(use.start, use.end)
            if nested:
                return self._replaced(wikitext, nested)
        return wikitext

    def _inside(self, start: int, end: int) -> list[tuple[int, int, str]]:
        """The outermost uses strictly inside ``[start, end)``."""
        first = bisect.bisect_left(self._starts, start)
        nested: list[tuple[int, int, str]] = []
        reached = start
        for use_start, use_end, marks in itertools.islice(self._uses, first, None):
            if use_start >= end:
                break
            if use_start < reached or use_end > end or (use_start, use_end) == (start, end):
                continue
            nested.append((use_start, use_end, marks))
            reached = use_end
        return nested

    def _replaced(self, wikitext: str, nested: list[tuple[int, int, str]]) -> str:
        """``wikitext`` with each nested use's wikitext, found in order, as its markers.

        A note's text holds its nested uses as written, whether it is a slice of the page
        (``<ref>``, ``{{#tag:ref}}``, ``{{efn}}``) or made from a call's parameters
        (``{{sfn}}``); a use not found there is left as it is.
        """
        pieces: list[str] = []
        position = 0
        for start, end, marks in nested:
            found = wikitext.find(str(self._written[start, end]), position)
            if found < 0:
                continue
            pieces.append(wikitext[position:found])
            pieces.append(marks)
            position = found + end - start
        pieces.append(wikitext[position:])
        return "".join(pieces)


def _nested(uses: Sequence[ReferenceUse]) -> bool:
    """Whether some use starts inside another (uses are tags and calls of one page's
    tree: they nest or follow each other, never overlap otherwise)."""
    reached = -1
    for start, end in sorted({(use.start, use.end) for use in uses}):
        if start < reached:
            return True
        reached = max(reached, end)
    return False


class _Fragment:
    """A note's wikitext read as a page of its own, for its reading view."""

    def __init__(self, wikitext: str) -> None:
        self.title: str | None = None
        self.site = Site.default()
        self.page = Page(wikitext)
        self.templates: Sequence[Template] = ()
        self.reference_lists: Sequence[ReferenceList] = ()
        self.references: Sequence[Reference] = ()
        self.infobox: Infobox | None = None
        if not any(map(_holds_views, self.page.tree.children)):
            # PERF: most notes that are not a lone citation are text, links and comments,
            # with no call, ref or list to find (4,900 of the corpus's 7,300).
            return
        analysis = analyse(self.page)
        self.templates = analysis.templates
        self.reference_lists = analysis.reference_lists
        self.references = [
            ref for ref_list in analysis.reference_lists for ref in ref_list.references
        ]
        self.infobox = next(
            (
                Infobox(t, self.page)
                for t in self.templates
                if not t.dynamic and t.name in DEFAULT_INFOBOX_NAMES
            ),
            None,
        )

    def all_sections(self) -> Sequence[Section]:
        top = build_sections(self.page.text, self.page.headings())[1]
        return [s for section in top for s in section.walk()]


def _holds_views(node: scan.Node) -> bool:
    """Whether a top-level node can make a template call, a note or a list the walk finds.

    Comments, ``<includeonly>`` material and extension tags other than ``<ref>``,
    ``<references>`` and those whose body is wikitext make none.
    """
    if type(node) is scan.Ext:
        assert isinstance(node, scan.Ext)
        return node.name.lower() in _VIEW_TAGS
    return type(node) is not scan.Comment and type(node) is not scan.Ignore


_VIEW_TAGS: Final = frozenset({"ref", "references", *WIKITEXT_TAGS})


def note_text(wikitext: str, *, date_format: DateFormat | None = None) -> str:
    """A note's text as its reference list shows it: one line, citations rendered."""
    return _note_text(wikitext, lone_citation(wikitext), date_format)


def _note_text(wikitext: str, citation: Citation | None, date_format: DateFormat | None) -> str:
    """``note_text``, given whether the note is one citation (``citation``) or not."""
    if citation is not None:
        # PERF: most notes are one citation; rendering it directly skips building an
        # article (3.9 s -> 1.6 s for the corpus's 16,044 notes).
        return citation.to_text(date_format=date_format, errors=False)
    line = line_text(wikitext)
    if line is not None:
        # PERF: 4,900 of the 7,300 other notes of the corpus are a line of text; they
        # need no page of their own.
        return line
    note = build(_Fragment(wikitext), date_format=date_format, lists=False)
    return " ".join(plain_blocks(note.blocks))


def reading_view(article: Readable) -> Document:
    """The article's reading view as a tree of blocks (``wikibio.render.blocks``)."""
    return build(article, date_format=page_date_format(article.templates))


def render(article: Readable, *, page_header: bool = False, edit_links: bool = False) -> str:
    """The article as plain text (see ``wikibio.Article.to_text``)."""
    return plain_text(reading_view(article), page_header=page_header, edit_links=edit_links)


def render_markdown(article: Readable, *, page_header: bool = False) -> str:
    """The article as Markdown (see ``wikibio.Article.to_markdown``)."""
    return markdown_text(reading_view(article), page_header=page_header)
