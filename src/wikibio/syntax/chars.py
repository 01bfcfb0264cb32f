"""The characters of a text, tested cheaply: the hot paths of the reading ask these of
every span.

Whether a text holds any of a few characters: a regular expression's character class tests
every position of the text against the class, which costs more than a substring search for
each character of a short set; most texts hold none of them, so every search runs to the
end.  And its blanks folded as readers see them.  Compiled (``setup.py``).
"""

from __future__ import annotations

import re
from typing import Final

__all__ = ["fold_blanks", "holds_any"]

#: Runs of blanks, no-break and thin spaces included.
_BLANKS: Final = re.compile(r"[ \t\xa0\u2009\u202f]+")


def holds_any(text: str, chars: str) -> bool:
    """Whether ``text`` holds any character of ``chars``.

    >>> holds_any("a [[link]]", "[]{}")
    True
    >>> holds_any("plain words", "[]{}")
    False
    """
    return any(char in text for char in chars)


def fold_blanks(text: str) -> str:
    """Runs of blanks (tabs, no-break and thin spaces too) as one space, as readers see them.

    >>> fold_blanks("a \xa0 b\tc")
    'a b c'
    """
    # PERF: substituting every single space rebuilds the string; most texts need nothing,
    # and an ASCII text (a flag of the string) holds none of the other blanks.
    if "  " in text or "\t" in text:
        return _BLANKS.sub(" ", text)
    if text.isascii() or not ("\xa0" in text or "\u2009" in text or "\u202f" in text):
        return text
    return _BLANKS.sub(" ", text)
