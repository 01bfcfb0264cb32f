"""The reading view as a tree: blocks of inline runs, each holding the text a reader sees.

``wikibio.render.tree.build`` makes a ``Document`` from a page in one pass over its scan;
the plain-text renderer (``wikibio.render.plain``) and the Markdown renderer
(``wikibio.render.markdown``) only format it.  Every run already holds its final text
(blanks folded, display templates rendered, citations formatted), so a renderer never
reads wikitext: plain text is the runs joined, Markdown the same with escapes, and a
``Marker`` becomes ``[1]`` in one and a footnote reference ``[^1]`` in the other.

Nodes are frozen value objects: two builds of the same page give equal trees.
"""

from __future__ import annotations

from typing import Literal, TypeAlias

from attrs import frozen

from wikibio.render.runs import text_of

__all__ = [
    "Block",
    "Document",
    "Heading",
    "Infobox",
    "InfoboxRow",
    "Inline",
    "ItemList",
    "LinkLabel",
    "ListItem",
    "Marker",
    "Note",
    "NoteList",
    "Paragraph",
    "Quote",
    "Rendered",
    "Table",
    "Text",
    "text_of",
]


# --- inline runs -----------------------------------------------------------------------


@frozen
class Text:
    """Running text: the page's own words, link labels included."""

    #: What the reader sees.
    text: str


@frozen
class LinkLabel:
    """The label of a wikilink: what the reader sees of ``[[Target|label]]`` (or ``[[Target]]``)."""

    #: What the reader sees (the label, else the target; a link trail such as the ``s`` of
    #: ``[[cat]]s`` included).
    text: str
    #: The page linked to, as written (without a leading ``:``).
    target: str


@frozen
class Rendered:
    """What a template shows: a display template (``{{lang}}``, ``{{convert}}``) or a citation."""

    #: What the reader sees.
    text: str


@frozen
class Marker:
    """A reference marker (``[1]``, ``[a]``, ``[note 1]``): a link to a note of a list."""

    #: The note's group (``""`` for the default group).
    group: str
    #: The label without brackets, as in the note's list (``"1"``, ``"a"``, ``"note 1"``).
    label: str

    @property
    def text(self) -> str:
        """The marker as the page shows it, in brackets."""
        return f"[{self.label}]"


Inline: TypeAlias = Text | LinkLabel | Rendered | Marker


# --- blocks ----------------------------------------------------------------------------


@frozen
class Heading:
    """A section heading (``== History ==`` is level 2)."""

    level: int
    #: The heading's plain text (``Section.title``).
    title: str


@frozen
class Paragraph:
    """Lines of running text; MediaWiki joins its source lines with a space."""

    inlines: tuple[Inline, ...]


@frozen
class ListItem:
    """One line of a list: ``*`` bullet, ``#`` numbered, ``:`` indent or ``;`` term."""

    #: The item's own mark (the last of its prefix: ``*#`` is a numbered item).
    kind: Literal["*", "#", ":", ";"]
    #: Nesting depth from 0 (the prefix's length minus one).
    depth: int
    #: The number a numbered item shows (counted per depth), else ``None``.
    number: int | None
    inlines: tuple[Inline, ...]


@frozen
class ItemList:
    """Consecutive list lines (bullets, numbers, indents and terms may mix)."""

    items: tuple[ListItem, ...]


@frozen
class Table:
    """A wikitable: its caption and its rows of cells (header cells are cells too)."""

    caption: tuple[Inline, ...]
    #: Rows in source order, each a tuple of cells; rows with no text are left out.
    rows: tuple[tuple[tuple[Inline, ...], ...], ...]


@frozen
class InfoboxRow:
    """One row of the infobox: the label and its value (lines separated by ``\\n``)."""

    label: str
    value: tuple[Inline, ...]


@frozen
class Infobox:
    """The first infobox: its title line and the rows it shows."""

    title: str
    rows: tuple[InfoboxRow, ...]


@frozen
class Note:
    """One entry of a reference list."""

    group: str
    #: The label readers see before it (``"1"``, ``"a"``; ``""`` for an unused note).
    label: str
    #: Backlink labels (``a``, ``b`` …) when the note is used more than once.
    backlinks: tuple[str, ...]
    #: The note's text, citations rendered.
    text: str


@frozen
class NoteList:
    """A reference list (``<references/>``, ``{{Reflist}}``, or the page-end list)."""

    group: str
    notes: tuple[Note, ...]


@frozen
class Quote:
    """A ``<blockquote>`` that opens at the start of a block and closes at the end of one."""

    blocks: tuple[Block, ...]


Block: TypeAlias = Heading | Paragraph | ItemList | Table | Infobox | NoteList | Quote


@frozen
class Document:
    """A page's reading view: its title and its blocks in page order."""

    title: str | None
    blocks: tuple[Block, ...]
