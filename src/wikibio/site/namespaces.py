"""Namespace names whose links do not show as text: categories, files and media.

A link ``[[Category:X]]`` categorises the page and ``[[File:X.jpg|thumb|…]]`` shows an
image; neither shows its target as text (``[[:Category:X]]`` with a leading colon is an
ordinary link).  MediaWiki compares namespace names without regard to case, with ``_``
and spaces alike (``Title::newFromText``).  The names here are those every Wikipedia
recognises (``Site.default()``: the canonical names, their aliases such as ``Image``, and
each language's own names, from the wikis' siteinfo in ``data/``); a ``Site`` for one wiki
has its own, narrower set.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Final

from wikibio.site.wikis import CATEGORY, FILE, NamespacePrefix, Site, fold_name

__all__ = [
    "CATEGORY_NAMESPACES",
    "FILE_LINK",
    "FILE_NAMESPACES",
    "HIDDEN_LINK",
    "alternation",
    "is_file_namespace",
]

_DEFAULT: Final = Site.default()

#: Names of the category namespace (14) on any Wikipedia, folded (``fold_name``).
CATEGORY_NAMESPACES: Final = tuple(sorted({fold_name(n) for n in _DEFAULT.names(CATEGORY)}))

#: Names and aliases of the file namespace (6) on any Wikipedia, folded.
FILE_NAMESPACES: Final = frozenset(fold_name(n) for n in _DEFAULT.names(FILE))


def alternation(names: Iterable[str]) -> str:
    """A regex alternation of namespace names, matching ``_`` or runs of spaces between words.

    Longer names come first so that no name stops the match at a shorter prefix.
    """
    ordered = sorted({n.replace("_", " ") for n in names}, key=len, reverse=True)
    return "|".join(re.escape(n).replace(r"\ ", "[ _]+") for n in ordered)


#: The start of a link target whose link shows no text inline: a category or file link
#: (matched against the target, after ``[[``).
HIDDEN_LINK: Final[NamespacePrefix] = _DEFAULT.hidden_link

#: The opening of a file link in running text: ``[[File:``, ``[[ image :``, ``[[Datei:``.
FILE_LINK: Final[NamespacePrefix] = _DEFAULT.file_link


def is_file_namespace(name: str) -> bool:
    """Whether ``name`` (the text before a link's ``:``) names the file namespace."""
    return fold_name(name) in FILE_NAMESPACES
