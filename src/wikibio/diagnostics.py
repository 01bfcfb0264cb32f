"""Diagnostics: what is malformed in a page, and where (1-based line and column)."""

from __future__ import annotations

from bisect import bisect_right
from typing import Literal

from attrs import frozen

__all__ = ["Diagnostic", "LineIndex", "Severity"]

Severity = Literal["error", "warning", "info"]


@frozen
class Diagnostic:
    """One problem in the page's markup.

    ``code`` is a stable key: Cite's own message key where the Cite extension reports the
    problem (e.g. ``"cite_error_references_no_text"``), otherwise a wikibio key such as
    ``"unclosed-template"``.
    """

    #: Stable machine-readable key of the problem.
    code: str
    #: What is wrong and what to do about it, in one sentence.
    message: str
    #: 1-based line of the problem's first character.
    line: int
    #: 1-based column (in code points) of the problem's first character.
    column: int
    #: ``"error"``, ``"warning"`` or ``"info"``.
    severity: Severity = "warning"
    #: 0-based offset of the problem's first character in the page.
    offset: int = 0

    def __str__(self) -> str:
        return f"{self.line}:{self.column}: {self.severity}: {self.message} [{self.code}]"


class LineIndex:
    """Maps offsets to 1-based (line, column); a line ends at ``\\n`` or a lone ``\\r``."""

    __slots__ = ("_starts",)

    def __init__(self, text: str) -> None:
        starts = [0]
        find = text.find
        pos = find("\n")
        while pos >= 0:
            starts.append(pos + 1)
            pos = find("\n", pos + 1)
        if "\r" in text:
            pos = find("\r")
            while pos >= 0:
                if not text.startswith("\n", pos + 1):
                    starts.append(pos + 1)
                pos = find("\r", pos + 1)
            starts.sort()
        self._starts = starts

    def position(self, offset: int) -> tuple[int, int]:
        """Return the 1-based line and column of ``offset``."""
        line = bisect_right(self._starts, offset)
        return line, offset - self._starts[line - 1] + 1
