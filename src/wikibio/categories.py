"""Category links: ``[[Category:Name|sort key]]`` where MediaWiki's preprocessor leaves text."""

from __future__ import annotations

import re
from typing import Final

from attrs import field, frozen

from wikibio._names import normalize_page_name

__all__ = ["CategoryLink", "find_categories"]

#: Names of the category namespace: English and the languages of the project's corpus.
CATEGORY_NAMESPACES: Final = (
    "category",
    "kategorie",
    "catégorie",
    "categoría",
    "categoria",
    "kategoria",
    "categorie",
    "kategori",
    "категория",
    "категорія",
    "категорија",
    "κατηγορία",
    "קטגוריה",
    "تصنيف",
    "رده",
    "زمرہ",
    "श्रेणी",
    "분류",
    "カテゴリ",
    "分类",
    "分類",
    "thể loại",
    "kategorija",
)

_CATEGORY: Final = re.compile(
    r"\[\[[ _]*("
    + "|".join(re.escape(n).replace(r"\ ", "[ _]+") for n in CATEGORY_NAMESPACES)
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
