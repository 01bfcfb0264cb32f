"""The reading view's entry points: an article, or one note, as plain text or Markdown.

``wikibio.render.tree.build`` makes the tree of blocks in one pass over the page's scan;
``wikibio.render.plain`` and ``wikibio.render.markdown`` format it.  Notes are rendered
here too: ``wikibio.analysis.analyse`` asks ``NoteRenderer`` for each note's text, which
is a lone citation rendered directly or else the note read as a page of its own.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

from wikibio.analysis import analyse
from wikibio.citations import Citation, DateFormat, lone_citation
from wikibio.infobox import DEFAULT_INFOBOX_NAMES, Infobox
from wikibio.page import Page
from wikibio.references import Reference, ReferenceList
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
    it fills); the date format is looked up on the first note.
    """

    __slots__ = ("_format", "_known", "_templates")

    def __init__(self, templates: Sequence[Template]) -> None:
        self._templates = templates
        self._format: DateFormat | None = None
        self._known = False

    def __call__(self, reference: Reference) -> str:
        if not self._known:
            self._format = page_date_format(self._templates)
            self._known = True
        # The reference knows whether it is one citation from the page's scan of its body.
        return _note_text(reference.wikitext, reference.lone_citation, self._format)


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
