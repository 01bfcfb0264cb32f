"""The Markdown renderer of the reading view's tree (``Article.to_markdown``).

GitHub Flavored Markdown, readable as plain text too:

* a heading of level n is n times ``#`` (``== History ==`` → ``## History``; the page title,
  with ``page_header``, is the one ``#`` heading);
* paragraphs are separated by blank lines; a quote's lines start with ``> ``;
* a bullet is ``- ``, a numbered item ``1. `` with its number, each level of nesting four
  spaces deeper; an indent (``:``) or definition (``;``) line is a plain paragraph of its
  own, since an indented line would read as code;
* a table is a pipe table whose first row is the header, its caption a paragraph above;
  the infobox is a two-column pipe table (label | value) under its title in bold, with an
  empty header row, and a value's lines joined by ``<br>``;
* links show as their label; reference markers are footnote references (``[^1]``,
  ``[^a]`` for ``{{efn}}`` notes, ``[^note-1]`` for a ``note`` group) and each reference
  list is the footnote definitions of its notes (``[^1]: text``), each note once.  A
  footnote's id is its label with anything but letters, digits, ``_`` and ``-`` turned to
  ``-``; if two notes would share one, the later is prefixed with its group (then
  numbered).  A marker whose note is in no list shows as text, ``[1]``.

Text is escaped only where Markdown would read it as markup: ``\\``, the backtick, ``*``, ``[``,
``]``, ``~``; ``_`` at the edge of a word; ``<`` before a tag name; ``&`` before an entity
name; ``|`` in a table cell; a line that would start a heading, quote, list or rule; and
a heading's last word of ``#`` signs, which would close it.
"""

from __future__ import annotations

import re
from typing import Final

from wikibio.render.blocks import (
    Block,
    Document,
    Heading,
    Infobox,
    Inline,
    ItemList,
    Marker,
    NoteList,
    Paragraph,
    Quote,
    Table,
)
from wikibio.render.plain import TAGLINE
from wikibio.syntax.chars import holds_any

__all__ = ["escape", "footnote_ids", "markdown_text"]

_INLINE_ESCAPE: Final = re.compile(r"[\\`*\[\]]|(?<!\w)_|_(?!\w)|<(?=[A-Za-z/!?])|&(?=#?\w+;)|~")
#: The characters ``_INLINE_ESCAPE`` may escape.
_MAY_ESCAPE: Final = "\\`*[]_<&~"
#: Line starts Markdown reads as a block: heading, quote, list item, rule, setext line.
_BLOCK_START: Final = re.compile(r"#{1,6}(?:[ \t]|\Z)|>|[-+](?:[ \t]|\Z)|=+[ \t]*\Z|-{3,}[ \t]*\Z")
_ORDERED_START: Final = re.compile(r"(\d{1,9})([.)])(?=[ \t]|\Z)")
_NOT_IN_ID: Final = re.compile(r"[^\w-]+")
#: A run of ``#`` at the end of a heading, which Markdown would read as its closing.
_HEADING_TAIL: Final = re.compile(r"(?<!\S)(?=#+[ \t]*\Z)")

_Key = tuple[str, str]


def escape(text: str) -> str:
    """Text with what Markdown would read as inline markup escaped."""
    # PERF: most runs hold no character that may need an escape; the pattern's
    # lookarounds are tried at every position of the text.
    if not holds_any(text, _MAY_ESCAPE):
        return text
    return _INLINE_ESCAPE.sub(r"\\\g<0>", text)


def _line(text: str) -> str:
    """Escaped text at the start of a block, kept from reading as a heading, list, quote or rule."""
    if _BLOCK_START.match(text):
        return "\\" + text
    ordered = _ORDERED_START.match(text)
    if ordered is not None:
        return f"{ordered.group(1)}\\{text[ordered.end(1) :]}"
    return text


def footnote_ids(document: Document) -> dict[_Key, str]:
    """The footnote id of every note in the document's reference lists, by (group, label).

    Unique per page and valid as a footnote label: the label made safe, else prefixed
    with the group, else numbered.
    """
    ids: dict[_Key, str] = {}
    used: set[str] = set()
    for block in document.blocks:
        if type(block) is not NoteList:
            continue
        assert isinstance(block, NoteList)
        for note in block.notes:
            key = (note.group, note.label)
            if key in ids:
                continue
            label = _NOT_IN_ID.sub("-", note.label).strip("-")
            group = _NOT_IN_ID.sub("-", note.group).strip("-") or "ref"
            candidate = label or group
            if candidate in used:
                candidate = f"{group}-{label}" if label else group
            base, count = candidate, 1
            while candidate in used:
                count += 1
                candidate = f"{base}-{count}"
            ids[key] = candidate
            used.add(candidate)
    return ids


def markdown_text(document: Document, *, page_header: bool = False) -> str:
    """The document as Markdown.

    Args:
        document: The reading view.
        page_header: Start with the title as a ``#`` heading and the tagline.
    """
    renderer = _Renderer(footnote_ids(document))
    text = "\n\n".join(renderer.blocks(document.blocks))
    if page_header:
        text = f"# {escape(document.title or '')}\n\n{TAGLINE}\n\n{text}"
    return text


class _Renderer:
    """One rendering: the page's footnote ids and the notes already defined."""

    def __init__(self, ids: dict[_Key, str]) -> None:
        self.ids = ids
        self.defined: set[str] = set()

    def blocks(self, blocks: tuple[Block, ...]) -> list[str]:
        texts = (self.block(block) for block in blocks)
        return [text for text in texts if text]

    def inline(self, inlines: tuple[Inline, ...]) -> str:
        if not holds_any("".join([i.text for i in inlines if type(i) is not Marker]), _MAY_ESCAPE):
            # PERF: most blocks hold no character that may need an escape: one search for
            # the block instead of one per run.
            return "".join([self.marker(i) if type(i) is Marker else i.text for i in inlines])
        pieces: list[str] = []
        for inline in inlines:
            if type(inline) is Marker:
                assert isinstance(inline, Marker)
                pieces.append(self.marker(inline))
            else:
                pieces.append(escape(inline.text))
        return "".join(pieces)

    def marker(self, marker: Marker) -> str:
        """A reference marker: its footnote reference, else its label as text."""
        note = self.ids.get((marker.group, marker.label))
        return escape(marker.text) if note is None else f"[^{note}]"

    def start(self, inlines: tuple[Inline, ...]) -> str:
        """Inline text that starts a block."""
        return _line(self.inline(inlines))

    def block(self, block: Block) -> str:
        if isinstance(block, Paragraph):
            return self.start(block.inlines)
        if isinstance(block, Heading):
            title = _HEADING_TAIL.sub(r"\\", escape(block.title))
            return f"{'#' * min(max(block.level, 1), 6)} {title}".rstrip()
        if isinstance(block, ItemList):
            return self.item_list(block)
        if isinstance(block, Table):
            return self.table(block)
        if isinstance(block, Infobox):
            return self.infobox(block)
        if isinstance(block, Quote):
            inner = "\n\n".join(self.blocks(block.blocks))
            return "\n".join(f"> {line}".rstrip() for line in inner.split("\n"))
        assert isinstance(block, NoteList)
        lines = []
        for note in block.notes:
            key = self.ids[(note.group, note.label)]
            if key in self.defined:
                continue
            self.defined.add(key)
            lines.append(f"[^{key}]: {_line(escape(note.text.replace(chr(10), ' ')))}".rstrip())
        return "\n".join(lines)

    def item_list(self, block: ItemList) -> str:
        """Bullets and numbers nested four spaces a level; indents and terms as paragraphs."""
        groups: list[list[str]] = [[]]
        open_depths: list[int] = []
        for item in block.items:
            text = self.start(item.inlines)
            if item.kind in ":;":
                groups.append([text])
                groups.append([])
                open_depths = []
                continue
            while open_depths and open_depths[-1] >= item.depth:
                open_depths.pop()
            mark = "-" if item.number is None else f"{item.number}."
            groups[-1].append(f"{'    ' * len(open_depths)}{mark} {text}".rstrip())
            open_depths.append(item.depth)
        return "\n\n".join("\n".join(group) for group in groups if group)

    def cell(self, inlines: tuple[Inline, ...]) -> str:
        return self.inline(inlines).replace("|", "\\|")

    def table(self, block: Table) -> str:
        """A pipe table, the first row as its header, short rows padded."""
        width = max(len(row) for row in block.rows) if block.rows else 0
        lines: list[str] = []
        if block.caption:
            lines += [self.start(block.caption), ""]
        for number, row in enumerate(block.rows):
            cells = [self.cell(cell) for cell in row] + [""] * (width - len(row))
            lines.append(f"| {' | '.join(cells)} |")
            if number == 0:
                lines.append(f"|{' --- |' * width}")
        return "\n".join(lines).strip("\n")

    def infobox(self, block: Infobox) -> str:
        """The title in bold, then a label | value table (lines of a value joined by ``<br>``)."""
        lines = [f"**{escape(block.title)}**", ""] if block.title else []
        if block.rows:
            lines += ["|  |  |", "| --- | --- |"]
            for row in block.rows:
                value = self.cell(row.value).replace("\n", "<br>")
                lines.append(f"| {escape(row.label).replace('|', chr(92) + '|')} | {value} |")
        return "\n".join(lines).strip("\n")
