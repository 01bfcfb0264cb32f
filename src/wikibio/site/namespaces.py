"""Namespace names whose links do not show as text: categories and files.

A link ``[[Category:X]]`` categorises the page and ``[[File:X.jpg|thumb|…]]`` shows an
image; neither shows its target as text (``[[:Category:X]]`` with a leading colon is an
ordinary link).  MediaWiki compares namespace names without regard to case, with ``_``
and spaces alike (``Title::newFromText``).  The names are English Wikipedia's canonical
names and aliases (``Image`` for ``File``) and the localised names of the corpus's
languages (each wiki's ``<siteinfo><namespaces>`` and ``namespacealiases``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Final

__all__ = [
    "CATEGORY_NAMESPACES",
    "FILE_LINK",
    "FILE_NAMESPACES",
    "HIDDEN_LINK",
    "alternation",
    "is_file_namespace",
]

#: Names of the category namespace (14): English and the languages of the project's corpus.
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

#: Names and aliases of the file namespace (6), underscores for spaces.
FILE_NAMESPACES: Final = frozenset(
    """
    file image datei bild fichier archivo imagen ficheiro arquivo immagine bestand
    afbeelding plik файл изображение soubor fil fitxer tập_tin hình 파일 ファイル 画像
    文件 檔案 图像 圖像 ملف صورة پرونده تصویر فائل
    """.split()
)


def alternation(names: Iterable[str]) -> str:
    """A regex alternation of namespace names, matching ``_`` or runs of spaces between words.

    Longer names come first so that no name stops the match at a shorter prefix.
    """
    ordered = sorted({n.replace("_", " ") for n in names}, key=len, reverse=True)
    return "|".join(re.escape(n).replace(r"\ ", "[ _]+") for n in ordered)


#: The start of a link target whose link shows no text inline: a category or file link
#: (matched against the target, after ``[[``).
HIDDEN_LINK: Final = re.compile(
    rf"[\s_]*(?:{alternation((*CATEGORY_NAMESPACES, *FILE_NAMESPACES))})[\s_]*:", re.IGNORECASE
)

#: The opening of a file link in running text: ``[[File:``, ``[[ image :``, ``[[Datei:``.
FILE_LINK: Final = re.compile(rf"\[\[[ _]*(?:{alternation(FILE_NAMESPACES)})[ _]*:", re.IGNORECASE)


def is_file_namespace(name: str) -> bool:
    """Whether ``name`` (the text before a link's ``:``) names the file namespace."""
    return "_".join(name.split()).casefold() in FILE_NAMESPACES
