"""The characters of a text, tested cheaply: the hot paths of the reading ask these of
every span.

Whether a text holds any of a few characters: a regular expression's character class tests
every position of the text against the class, which costs more than a substring search for
each character of a short set; most texts hold none of them, so every search runs to the
end.  And its blanks folded as readers see them.  Compiled (``setup.py``).
"""

from __future__ import annotations

from typing import Final

__all__ = ["fold_blanks", "fold_spaces", "holds_any"]

#: The blanks beyond ASCII that fold with spaces and tabs: a no-break and two thin spaces.
_WIDE_BLANKS: Final = "\xa0\u2009\u202f"


def holds_any(text: str, chars: str) -> bool:
    """Whether ``text`` holds any character of ``chars``.

    >>> holds_any("a [[link]]", "[]{}")
    True
    >>> holds_any("plain words", "[]{}")
    False
    """
    # PERF: taking a character out of a ``str`` makes (or looks up) a one-character string,
    # ~80 instructions compiled; callers pass a few constant sets, each split once.
    split = _SPLIT.get(chars)
    if split is None:
        split = tuple(chars)
        if len(_SPLIT) < _MAX_SPLIT:
            _SPLIT[chars] = split
    return any(char in text for char in split)


#: ``holds_any``'s character sets, split; bounded in case a caller makes its sets.
_SPLIT: Final[dict[str, tuple[str, ...]]] = {}
_MAX_SPLIT: Final = 256


def fold_blanks(text: str) -> str:
    """Runs of blanks (tabs, no-break and thin spaces too) as one space, as readers see them.

    >>> fold_blanks("a \xa0 b\tc")
    'a b c'
    """
    # PERF: an ASCII text (a flag of the string) holds none of the wide blanks.
    if not text.isascii():
        for blank in _WIDE_BLANKS:
            if blank in text:
                text = text.replace(blank, " ")
    return fold_spaces(text)


def fold_spaces(text: str) -> str:
    """Runs of spaces and tabs as one space.

    >>> fold_spaces("a  b \t c")
    'a b c'
    """
    if "\t" in text:
        text = text.replace("\t", " ")
    # PERF: halving the runs with a substring replace, a few passes at memchr speed, costs
    # less than a regular expression's test of every character.
    while "  " in text:
        text = text.replace("  ", " ")
    return text
