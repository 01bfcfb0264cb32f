"""The magic word that sets a page's default category sort key, with its aliases.

``{{DEFAULTSORT:Key}}`` and its English aliases come from MediaWiki's core magic words
(``MessagesEn.php``: ``defaultsort``); the localised names are those of the corpus's
languages (``MessagesDe.php``, ``MessagesFr.php``, …), as ``wikibio.syntax.names`` lists
them among the case-sensitive parser functions.  Category links conventionally follow it.
"""

from __future__ import annotations

from typing import Final

__all__ = ["DEFAULTSORT_WORDS"]

#: Names of the default-sort magic word (matched case-sensitively, as MediaWiki does).
DEFAULTSORT_WORDS: Final = frozenset(
    """
    DEFAULTSORT DEFAULTSORTKEY DEFAULTCATEGORYSORT SORTIERUNG CLEDETRI CLEFDETRI ORDENAR
    ORDINA DEFAULTSORTERING STANDAARDSORTERING СОРТИРОВКА_ПО_УМОЛЧАНИЮ КЛЮЧ_СОРТИРОВКИ
    """.split()
)
