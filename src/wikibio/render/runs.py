"""The text of a run of inlines: what every renderer joins for each block.

Kept apart from ``wikibio.render.blocks`` so that it is compiled (``setup.py``): that module
defines the tree's attrs classes, which mypyc cannot compile, and both renderers join the
runs of every paragraph, item, cell and infobox row through this function.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

__all__ = ["text_of"]


class _Run(Protocol):
    """An inline run: anything with the text a reader sees."""

    @property
    def text(self) -> str: ...


def text_of(inlines: Iterable[_Run]) -> str:
    """The plain text of a run of inlines: their texts joined.

    >>> from wikibio.render.blocks import LinkLabel, Marker, Text
    >>> text_of((Text("See "), LinkLabel("Paris", "Paris"), Marker("", "1")))
    'See Paris[1]'
    """
    return "".join([inline.text for inline in inlines])  # PERF: a list joins faster
