"""Category links: ``[[Category:Name|sort key]]`` where MediaWiki's preprocessor leaves text."""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from typing import Final

from attrs import field, frozen

from wikibio.site.wikis import NamespacePrefix, Site, fold_name
from wikibio.syntax.names import normalize_page_name

__all__ = ["CategoryLink", "find_categories", "find_categories_in"]

#: A link with a namespace-like prefix; it categorises when the prefix names the category
#: namespace (a set lookup: the names of every Wikipedia make too long an alternation).
_PREFIXED_LINK: Final = re.compile(
    # PERF: the lookahead skips at once a link with no colon before its end (most links).
    r"\[\[(?=[^:\[\]{}|<>\n]*+:)"
    r"[ _]*([^:\[\]{}|<>\n]{1,60}?)[ _]*:([^\[\]|{}<>\n]*)(?:\|([^\[\]]*))?\]\]"
)
_ANY_WIKI: Final = Site.default().category_prefix


@frozen
class CategoryLink:
    """A link that puts the page in a category."""

    #: The category's name without the namespace, normalised (``"Living people"``).
    name: str
    #: The sort key after ``|``, if any, as written.
    sort_key: str | None
    start: int
    end: int
    _source: str = field(default="", repr=False)

    def __str__(self) -> str:
        return self._source[self.start : self.end]


def find_categories(
    source: str, start: int, end: int, prefix: NamespacePrefix = _ANY_WIKI
) -> list[CategoryLink]:
    """Category links in ``source[start:end]`` (a span of plain page text).

    ``prefix`` is the site's category namespace (default: any Wikipedia's names).
    """
    return find_categories_in(source, ((start, end),), prefix)


def find_categories_in(
    source: str, spans: Sequence[tuple[int, int]], prefix: NamespacePrefix = _ANY_WIKI
) -> list[CategoryLink]:
    """Category links in the spans ``(start, end)`` of ``source`` (in page order, apart).

    PERF: the page walk hands over all the gaps between its nodes (~160 a page). One search
    over the page keeps the links that lie in a gap: a link cannot hold ``[``, so a match
    that starts inside a node never hides one that starts in a gap.
    """
    if not spans:
        return []
    names = prefix.names
    starts = [start for start, _ in spans]
    found: list[CategoryLink] = []
    for match in _PREFIXED_LINK.finditer(source, spans[0][0], spans[-1][1]):
        index = bisect.bisect_right(starts, match.start()) - 1
        if index < 0 or match.end() > spans[index][1]:
            continue  # in a node, or running into one
        if match.group(2).strip() and fold_name(match.group(1)) in names:
            found.append(
                CategoryLink(
                    normalize_page_name(match.group(2)),
                    match.group(3),
                    match.start(),
                    match.end(),
                    source,
                )
            )
    return found
