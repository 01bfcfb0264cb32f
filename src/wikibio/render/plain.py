"""The plain-text renderer of the reading view's tree (``Article.to_text``).

Blocks are separated by blank lines; a heading is its title (``[edit]`` after it on
request); a list is a line per item (``•`` bullets, ``1.`` numbers, four spaces per
level); a table is a caption line and tab-separated rows; the infobox is its title and a
``LabelValue`` line per row; a reference list is a ``  1. ^ a b Text`` line per note; a
quote is its blocks.  Runs are joined as they are: the tree holds the text a reader sees.
"""

from __future__ import annotations

from collections.abc import Iterable

from wikibio.render.blocks import (
    Block,
    Document,
    Heading,
    Infobox,
    ItemList,
    NoteList,
    Paragraph,
    Quote,
    Table,
    text_of,
)

__all__ = ["TAGLINE", "plain_blocks", "plain_text"]

#: The line Wikipedia shows under an article's title.
TAGLINE = "From Wikipedia, the free encyclopedia"

_BULLETS = {"*": "• ", "#": "", ":": "", ";": ""}


def plain_text(document: Document, *, page_header: bool = False, edit_links: bool = False) -> str:
    """The document as plain text.

    Args:
        document: The reading view.
        page_header: Start with the title and "From Wikipedia, the free encyclopedia".
        edit_links: Put ``[edit]`` after each heading.
    """
    text = "\n\n".join(plain_blocks(document.blocks, edit_links=edit_links))
    if page_header:
        text = f"{document.title or ''}\n\n{TAGLINE}\n{text}"
    return text


def plain_blocks(blocks: Iterable[Block], *, edit_links: bool = False) -> list[str]:
    """Each block's text, quotes opened up into the blocks they hold."""
    texts: list[str] = []
    for block in blocks:
        if type(block) is Quote:
            assert isinstance(block, Quote)
            texts.extend(plain_blocks(block.blocks, edit_links=edit_links))
        else:
            texts.append(_block(block, edit_links))
    return texts


def _block(block: Block, edit_links: bool) -> str:
    if isinstance(block, Paragraph):
        return text_of(block.inlines)
    if isinstance(block, Heading):
        return block.title + ("[edit]" if edit_links else "")
    if isinstance(block, ItemList):
        return "\n".join(
            "    " * item.depth
            + (f"{item.number}. " if item.number is not None else _BULLETS[item.kind])
            + text_of(item.inlines)
            for item in block.items
        )
    if isinstance(block, Table):
        rows = "\n".join("\t".join(text_of(cell) for cell in row) for row in block.rows)
        caption = text_of(block.caption)
        return f"{caption}\n{rows}" if caption else rows
    if isinstance(block, Infobox):
        lines = [row.label + text_of(row.value) for row in block.rows]
        return "\n".join(line for line in (block.title, *lines) if line)
    assert isinstance(block, NoteList)
    return "\n".join(
        f"  {note.label}. {' '.join(['^', *note.backlinks])} {note.text}".rstrip()
        for note in block.notes
    )
