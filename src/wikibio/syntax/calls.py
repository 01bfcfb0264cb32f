"""A scanned call's parameters, read straight from the scan's offsets.

``Template.params`` and the citation reader read a call's parameters from its parts
(``wikibio.syntax.scan.Part``): names as MediaWiki reads them (trimmed, comments out,
positions numbered), the last of duplicates winning, named values trimmed.

PERF: compiled (``setup.py``): every citation of every note is read through here.
"""

from __future__ import annotations

from collections.abc import Sequence

from wikibio.syntax import scan
from wikibio.syntax.names import strip_comments

__all__ = ["part_names", "part_params", "repeats_a_name"]


def part_params(source: str, parts: Sequence[scan.Part]) -> dict[str, str]:
    """Parameter name → value of a call from its scanned ``parts`` (name first), as
    ``Template.params`` reads them: the last of duplicates wins, a named value is trimmed.

    A new dict, read straight from the offsets: for readers that need only the mapping
    (a citation), without a ``Template`` view.
    """
    values: dict[str, str] = {}
    for index in range(1, len(parts)):
        part = parts[index]
        if part.eq < 0:
            values[str(part.index)] = source[part.start : part.end]
        else:
            values[_name(source, part)] = source[part.eq + 1 : part.end].strip()
    return values


def part_names(source: str, parts: Sequence[scan.Part]) -> tuple[str, ...]:
    """Each argument's name as ``Argument.name`` reads it (positions numbered), in order."""
    names: list[str] = []
    for index in range(1, len(parts)):
        part = parts[index]
        names.append(str(part.index) if part.eq < 0 else _name(source, part))
    return tuple(names)


def repeats_a_name(source: str, parts: Sequence[scan.Part]) -> bool:
    """Whether two arguments of a call's ``parts`` give the same parameter (MediaWiki's
    ``duplicate-args-warning``); a call with one argument at most tells it without names."""
    if len(parts) < 3:
        return False
    names = part_names(source, parts)
    return len(set(names)) != len(names)


def _name(source: str, part: scan.Part) -> str:
    """A named argument's name: before its ``=``, comments out, trimmed."""
    name = source[part.start : part.eq]
    return (strip_comments(name) if "<!--" in name else name).strip()
