"""Whether a text holds any of a few characters: the cheapest test of the reading's hot paths.

A regular expression's character class tests every position of the text against the class,
which costs more than a substring search for each character of a short set; most texts hold
none of them, so every search runs to the end.  Compiled (``setup.py``).
"""

from __future__ import annotations

__all__ = ["holds_any"]


def holds_any(text: str, chars: str) -> bool:
    """Whether ``text`` holds any character of ``chars``.

    >>> holds_any("a [[link]]", "[]{}")
    True
    >>> holds_any("plain words", "[]{}")
    False
    """
    return any(char in text for char in chars)
