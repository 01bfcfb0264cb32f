"""Category links: ``[[Category:Name|sort key]]`` where MediaWiki's preprocessor leaves text."""

from __future__ import annotations

import re
from typing import Final

from attrs import field, frozen

from wikibio.site.namespaces import CATEGORY_NAMESPACES, alternation
from wikibio.syntax.names import normalize_page_name

__all__ = ["CategoryLink", "find_categories"]

_CATEGORY: Final = re.compile(
    r"\[\[[ _]*("
    + alternation(CATEGORY_NAMESPACES)
    + r")[ _]*:([^\[\]|{}<>\n]*)(?:\|([^\[\]]*))?\]\]",
    re.IGNORECASE,
)


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


def find_categories(source: str, start: int, end: int) -> list[CategoryLink]:
    """Category links in ``source[start:end]`` (a span of plain page text)."""
    return [
        CategoryLink(
            normalize_page_name(match.group(2)), match.group(3), match.start(), match.end(), source
        )
        for match in _CATEGORY.finditer(source, start, end)
        if match.group(2).strip()
    ]
