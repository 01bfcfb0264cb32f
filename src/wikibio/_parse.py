"""Inline detail of small wikitext spans, parsed lazily with mwparserfromhell.

The structural layer (``_scan``) finds what MediaWiki's preprocessor finds; inline
markup (links, bold, HTML tags) inside a span is only parsed when a caller asks for the
span's plain text, and the result is cached.  This is the only module that imports
mwparserfromhell.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Final

import mwparserfromhell
from mwparserfromhell.nodes import Comment, Tag, Template, Text, Wikilink

__all__ = ["plain_text"]

_MARKUP: Final = re.compile(r"[\[\]{}<>'&]")
_BLANKS: Final = re.compile(r"[ \t]+")
#: Tags whose content a reader does not see inline.
_HIDDEN_TAGS: Final = frozenset({"ref", "references", "templatestyles", "indicator"})


@lru_cache(maxsize=8192)
def plain_text(wikitext: str) -> str:
    """The text a reader sees for a short inline span of wikitext.

    Links show their label, bold and italics their content, comments, ``<ref>`` notes and
    templates vanish (their output needs expansion), ``<br>`` becomes a newline, entities
    are decoded.  Surrounding whitespace is removed and runs of blanks folded.
    """
    if not _MARKUP.search(wikitext):
        return _BLANKS.sub(" ", wikitext).strip()
    code = mwparserfromhell.parse(wikitext, skip_style_tags=False)
    pieces: list[str] = []
    for node in code.nodes:
        pieces.append(_node_text(node))
    return _BLANKS.sub(" ", "".join(pieces).replace("''", "")).strip()


def _node_text(node: object) -> str:
    if isinstance(node, Text):
        return str(node.value)
    if isinstance(node, (Comment, Template)):
        return ""
    if isinstance(node, Wikilink):
        target = str(node.title).strip()
        if node.text is not None:
            return plain_text(str(node.text))
        if target.startswith(":"):
            target = target[1:]
        return target
    if isinstance(node, Tag):
        name = str(node.tag).strip().lower()
        if name in _HIDDEN_TAGS:
            return ""
        if name == "br":
            return "\n"
        if node.contents is None:
            return ""
        return plain_text(str(node.contents))
    normalized = getattr(node, "normalize", None)
    if callable(normalized):  # HTML entities
        return str(normalized())
    text = getattr(node, "__strip__", None)
    if callable(text):
        stripped = text(normalize=True, collapse=True, keep_template_params=False)
        return "" if stripped is None else str(stripped)
    return str(node)
