"""Wikilinks of a page (``[[Target|label]]trail``) where MediaWiki's parser makes links.

Links are found in the page's text, in template arguments and in ``<ref>`` content; not
inside comments, ``<nowiki>``, ``<pre>`` or other extension tags whose content is not
wikitext, nor in ``<includeonly>`` material.  Category and file links (which show no
link) are left out; ``[[:Category:X]]`` is a link.  The label is read as written (markup
kept, comments left out); a link without one shows its target as written, followed by its trail
(``[[apple]]s``: MediaWiki's link trail is the letters ``a``-``z`` on English Wikipedia).
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator, Sequence
from typing import Final

from attrs import field, frozen

from wikibio.page import Page
from wikibio.site import WIKITEXT_TAGS, Site
from wikibio.syntax import scan
from wikibio.syntax.names import normalize_page_name, strip_comments

__all__ = ["WikiLink", "find_links", "link_text"]

#: ``[[target|label]]trail``: no brackets, pipe or newline in the target; a label may
#: hold single brackets; the trail is English Wikipedia's ``$linkTrail`` (``[a-z]+``).
_LINK: Final = re.compile(r"\[\[([^\[\]|\n]*)(?:\|((?:[^\[\]]|\[(?!\[)|\](?!\]))*))?\]\]([a-z]*)")
#: Extension tags whose content the parser reads as wikitext (links in them count).
_LIVE_TAGS: Final = frozenset({"ref", "references", *WIKITEXT_TAGS})
#: Stands for a character of a comment or opaque tag in the masked text.
_DEAD: Final = "\x00"


@frozen
class WikiLink:
    """One wikilink: where it leads, what it shows, and where it is in the page."""

    #: The page linked to, normalised as MediaWiki does (first letter upper case, ``_`` as
    #: space); empty for a link to a section of the same page.
    target: str
    #: The text shown: the label as written, or else the target as written; trail added.
    label: str
    #: Offsets of ``[[`` … ``]]`` and its trail in the page.
    start: int
    end: int
    #: The section after ``#``, if any.
    fragment: str = ""
    #: The label after ``|`` as written (``None`` for ``[[Target]]``).
    written_label: str | None = None
    #: The letters after ``]]`` that join the link (``s`` of ``[[apple]]s``).
    trail: str = ""
    _source: str = field(default="", repr=False, eq=False)

    def __str__(self) -> str:
        return self._source[self.start : self.end]


def _dead_spans(page: Page, children: Sequence[scan.Node], out: list[tuple[int, int]]) -> None:
    """Comments, dropped material and opaque tags: text where no link can be."""
    for node in children:
        kind = type(node)
        if kind is scan.Comment or kind is scan.Ignore:
            out.append((node.start, node.end))
        elif kind is scan.Ext:
            assert isinstance(node, scan.Ext)
            if node.name.lower() not in _LIVE_TAGS:
                out.append((node.start, node.end))
            elif node.inner_start >= 0:
                body = scan.scan(page.scan_text, node.inner_start, node.inner_end)
                _dead_spans(page, body.children, out)
        elif kind is scan.Template:
            assert isinstance(node, scan.Template)
            for part in node.parts:
                _dead_spans(page, part.children, out)
        elif kind is scan.Heading:
            assert isinstance(node, scan.Heading)
            _dead_spans(page, node.children, out)


def _masked(page: Page) -> str:
    dead: list[tuple[int, int]] = []
    _dead_spans(page, page.tree.children, dead)
    if not dead:
        return page.text
    text = page.text
    pieces: list[str] = []
    position = 0
    for start, end in sorted(dead):
        if start < position:
            continue
        pieces.append(text[position:start])
        pieces.append(_DEAD * (end - start))
        position = end
    pieces.append(text[position:])
    return "".join(pieces)


def find_links(page: Page, site: Site | None = None) -> list[WikiLink]:
    """The page's wikilinks in page order (see the module's docstring for where).

    ``site`` (default ``Site.default()``) tells category, file and interlanguage links.
    """
    return list(_links(page, Site.default() if site is None else site))


def _links(page: Page, site: Site) -> Iterator[WikiLink]:
    text = page.text
    masked = _masked(page)
    if "[[" not in masked:
        return
    hidden = site.hidden_link
    languages = site.interlanguage_prefixes
    for match in _LINK.finditer(masked):
        written = match.group(1).replace(_DEAD, "")
        if hidden.match(written):
            continue  # a category or file: no link in the text
        prefix, colon, _ = written.partition(":")
        if colon and prefix.strip(" _").lower() in languages:
            continue  # an interlanguage link: shown in the sidebar, not in the text
        title = html.unescape(written).strip().removeprefix(":")
        name, _, fragment = title.partition("#")
        target = normalize_page_name(name)
        if not target and not fragment.strip():
            continue
        label = match.group(2)
        label = None if label is None else text[match.start(2) : match.end(2)]
        trail = match.group(3)
        # A comment in a label shows nothing, as in a target.
        if label is not None:
            shown = strip_comments(label).replace(_DEAD, "")
        else:  # the target as written, entities too, as a label is
            shown = written.strip().removeprefix(":")
        yield WikiLink(
            target,
            shown + trail,
            match.start(),
            match.end(),
            fragment.strip().replace("_", " "),
            label,
            trail,
            text,
        )


def link_text(target: str, label: str | None, trail: str = "") -> str:
    """``[[target|label]]trail`` (``[[target]]trail`` when the label is ``None``)."""
    return f"[[{target}]]{trail}" if label is None else f"[[{target}|{label}]]{trail}"
