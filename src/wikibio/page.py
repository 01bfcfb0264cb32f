"""One page: its wikitext, the preprocessor scan of it, and the journal of its edits.

The page is the one string every view slices.  It is scanned once per version; an edit
splices the string, records ``(start, old end, new end)`` in the journal and scans the
new version, so a view made before the edit can find where its offsets went
(``Page.moved``) or learn that the text it stood for is gone.  Views hold the page, never
the ``Article`` above them.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from typing import TypeVar

from wikibio.errors import WikibioError
from wikibio.syntax import scan

__all__ = ["Page", "Splice", "apply_order", "find_template"]

#: ``(start, end, replacement)`` in the offsets of the page's current version.
Splice = tuple[int, int, str]


class Page:
    """A page's wikitext with its scan and edit journal.

    ``scan_text`` is what the scanner reads: MediaWiki stores pages with ``"\\n"`` line
    ends, so a same-length copy has ``"\\r\\n"`` as ``" \\n"`` (a blank before a newline
    changes no structure) and a lone ``"\\r"`` as ``"\\n"``; offsets agree with ``text``.
    """

    __slots__ = ("_headings", "edits", "scan_text", "text", "tree")

    def __init__(self, text: str) -> None:
        #: Edits so far as ``(start, old end, new end)``; views map offsets through them.
        self.edits: list[tuple[int, int, int]] = []
        self._load(text)

    @property
    def generation(self) -> int:
        """How many edits the page has had: a view's stamp of the version it read."""
        return len(self.edits)

    def _load(self, text: str) -> None:
        #: The wikitext of the current version.
        self.text = text
        if "\r" in text:
            self.scan_text = text.replace("\r\n", " \n").replace("\r", "\n")
        else:
            self.scan_text = text
        self.tree = scan.scan(self.scan_text)
        self._headings: tuple[scan.Heading, ...] | None = None

    def splice(self, start: int, end: int, text: str) -> None:
        """Replace ``[start, end)`` with ``text`` and scan the new version."""
        self.edits.append((start, end, start + len(text)))
        self._load(self.text[:start] + text + self.text[end:])

    def splice_many(self, splices: Sequence[Splice]) -> None:
        """Apply several splices (offsets of the current version) at once, then scan.

        Raises:
            WikibioError: two splices overlap.
        """
        text = self.text
        for start, end, replacement in apply_order(splices):
            self.edits.append((start, end, start + len(replacement)))
            text = text[:start] + replacement + text[end:]
        if splices:
            self._load(text)

    def replace(self, text: str, start: int) -> None:
        """Replace everything from ``start`` on with the end of ``text`` (a whole new page).

        ``text[:start]`` must equal the page's own first ``start`` characters.
        """
        self.edits.append((start, len(self.text), len(text)))
        self._load(text)

    def moved(self, offset: int, generation: int) -> int:
        """Where ``offset`` of the version at ``generation`` is now.

        Raises:
            WikibioError: an edit since then replaced text around the offset.
        """
        for start, old_end, new_end in self.edits[generation:]:
            if old_end <= offset and start < offset:
                offset += new_end - old_end
            elif start < offset < old_end:
                raise WikibioError("an edit replaced the text this view stood for")
        return offset

    def headings(self) -> tuple[scan.Heading, ...]:
        """The headings at the page's top level, in page order (found once per version)."""
        if self._headings is None:
            self._headings = tuple(n for n in self.tree.children if type(n) is scan.Heading)
        return self._headings


def apply_order(splices: Sequence[Splice]) -> list[Splice]:
    """Splices sorted from the end of the page, duplicates dropped, overlaps refused."""
    ordered = sorted(set(splices), key=lambda s: (s[0], s[1]), reverse=True)
    for later, earlier in itertools.pairwise(ordered):
        if earlier[1] > later[0]:
            raise WikibioError("two edits of one reference overlap; apply them one at a time")
    return ordered


def find_template(page: Page, start: int) -> scan.Template | None:
    """The ``{{…}}`` node that starts at ``start``, at any depth of the page's scan.

    Descends only into nodes that hold the offset, so the search costs the depth of the
    call, not the size of the page.  Calls inside extension tags' bodies (which the scan
    leaves opaque) are found by scanning the body that holds the offset.
    """
    children: Sequence[scan.Node] = page.tree.children
    while True:
        node = _holding(children, start)
        if node is None:
            return None
        if type(node) is scan.Template:
            assert isinstance(node, scan.Template)
            if node.start == start and not node.is_arg:
                return node
            part = _holding(node.parts, start)
            if part is None:
                return None
            children = part.children
        elif type(node) is scan.Heading:
            assert isinstance(node, scan.Heading)
            children = node.children
        elif type(node) is scan.Ext:
            assert isinstance(node, scan.Ext)
            if not node.inner_start <= start < node.inner_end:
                return None
            children = scan.scan(page.scan_text, node.inner_start, node.inner_end).children
        else:
            return None


_Spanned = TypeVar("_Spanned", scan.Node, scan.Part)


def _holding(nodes: Sequence[_Spanned], offset: int) -> _Spanned | None:
    """The node of a sorted, non-overlapping run whose span holds ``offset``."""
    low, high = 0, len(nodes)
    while low < high:
        middle = (low + high) // 2
        if nodes[middle].end <= offset:
            low = middle + 1
        else:
            high = middle
    if low < len(nodes) and nodes[low].start <= offset:
        return nodes[low]
    return None
