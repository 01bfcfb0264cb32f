"""Inline detail of small wikitext spans, parsed lazily with mwparserfromhell.

The structural layer (``wikibio.syntax.scan``) finds what MediaWiki's preprocessor finds; inline
markup (links, bold, HTML tags) inside a span is only parsed when a caller asks for the
span's plain text, and the result is cached.  This is the only module that imports
mwparserfromhell.

mwparserfromhell is quadratic on some inputs (40 KB of ``{{a| `` takes it 20 s), so it
never sees structure: templates, comments and extension tags are removed with the
preprocessor scan first, leftover braces are masked, and spans still longer than
``MAX_INLINE`` characters get a linear regex pass instead.
"""

from __future__ import annotations

import html
import re
from functools import lru_cache
from typing import Final

import mwparserfromhell
from mwparserfromhell.nodes import Comment, Tag, Template, Text, Wikilink

from wikibio.site import HIDDEN_LINK, TEXT_TAGS
from wikibio.syntax import scan

__all__ = ["plain_text"]

#: Longest span handed to mwparserfromhell (its worst case stays far below a second).
MAX_INLINE: Final = 4000
_MARKUP: Final = re.compile(r"[\[\]{}<>'&]")
_BLANKS: Final = re.compile(r"[ \t]+")
#: Private-use stand-ins that keep leftover braces away from mwparserfromhell.
_MASK: Final = str.maketrans({"{": "\ue000", "}": "\ue001"})
_UNMASK: Final = str.maketrans({"\ue000": "{", "\ue001": "}", "\ue002": "'"})
_LINK: Final = re.compile(r"\[\[([^\[\]|]*)(?:\|([^\[\]]*))?\]\]")
_EXTERNAL: Final = re.compile(r"\[(?:https?:)?//[^\s\]]+\s*([^\]]*)\]")
_MARKUP_CHARS: Final = re.compile(r"[\[\]{}<>&|=*#:;~_-]")
#: HTML tags MediaWiki's Sanitizer allows; left unbalanced in a span they show nothing.
_HTML_TAG: Final = re.compile(
    r"</?(?:abbr|b|bdi|bdo|big|blockquote|center|cite|code|data|del|dfn|div|em|font|i|ins|"
    r"kbd|mark|p|q|rb|rp|rt|rtc|ruby|s|samp|small|span|strike|strong|sub|sup|time|tt|u|var)"
    r"(?:\s[^<>]*)?/?>",
    re.IGNORECASE,
)
_BREAK: Final = re.compile(r"<br\s*/?\s*>", re.IGNORECASE)
_TAG: Final = re.compile(r"<br\s*/?>|</?[A-Za-z][^<>]*>", re.IGNORECASE)


@lru_cache(maxsize=8192)
def plain_text(wikitext: str) -> str:
    """The text a reader sees for an inline span of wikitext.

    Links show their label, bold and italics their content; comments, ``<ref>`` notes,
    templates (their output needs expansion), category and file links vanish; ``<br>``
    becomes a newline; entities are decoded.  Surrounding whitespace is removed and runs
    of blanks folded.
    """
    if not _MARKUP.search(wikitext):
        return _BLANKS.sub(" ", wikitext).strip()
    reduced = _BREAK.sub("<br>", _without_structure(wikitext)).translate(_MASK)
    if len(reduced) <= MAX_INLINE:
        text = "".join(_node_text(node) for node in mwparserfromhell.parse(reduced).nodes)
    else:
        text = _regex_text(reduced)
    text = _HTML_TAG.sub("", text.replace("'''", "").replace("''", ""))
    return _BLANKS.sub(" ", text).strip().translate(_UNMASK)


def _without_structure(wikitext: str) -> str:
    """Drop templates, comments and hidden tags; keep the body of text-like tags."""
    result = scan.scan(wikitext)
    pieces: list[str] = []
    position = 0
    for node in result.children:
        pieces.append(wikitext[position : node.start])
        if type(node) is scan.Ext:
            assert isinstance(node, scan.Ext)
            if node.name.lower() in TEXT_TAGS and node.inner_start >= 0:
                pieces.append(_literal(wikitext[node.inner_start : node.inner_end]))
        elif type(node) is scan.Heading:
            pieces.append(wikitext[node.start : node.end])
        elif type(node) is scan.Template and wikitext[node.start : node.end] == "{{!}}":
            pieces.append("&#124;")  # the magic word {{!}} is a literal pipe
        position = node.end
    pieces.append(wikitext[position:])
    return "".join(pieces)


def _literal(text: str) -> str:
    """Text that must show as written: markup characters as numeric character references."""
    # Apostrophes become a private-use stand-in: as entities, the final clean-up of stray
    # bold/italic quotes would still see them.
    return _MARKUP_CHARS.sub(lambda m: f"&#{ord(m.group())};", text).replace("'", "\ue002")


def _regex_text(text: str) -> str:
    """A linear approximation for long spans: links, external links, tags, entities."""
    for _ in range(8):  # innermost links first: a file caption may hold links
        linked = _LINK.sub(
            lambda m: "" if HIDDEN_LINK.match(m.group(1)) else (m.group(2) or m.group(1)), text
        )
        if linked == text:
            break
        text = linked
    text = _EXTERNAL.sub(lambda m: m.group(1), text)
    text = _TAG.sub(lambda m: "\n" if m.group(0).lower().startswith("<br") else "", text)
    return html.unescape(text)


def _node_text(node: object) -> str:
    if isinstance(node, Text):
        return str(node.value)
    if isinstance(node, (Comment, Template)):
        return ""
    if isinstance(node, Wikilink):
        target = str(node.title)
        if HIDDEN_LINK.match(target):
            return ""
        if node.text is not None:
            return "".join(_node_text(n) for n in node.text.nodes)
        return html.unescape(target.strip().removeprefix(":"))
    if isinstance(node, Tag):
        if str(node.tag).strip().lower() == "br":
            return "\n"
        if node.contents is None:
            return ""
        return "".join(_node_text(n) for n in node.contents.nodes)
    normalize = getattr(node, "normalize", None)
    if callable(normalize):  # HTML entities
        return str(normalize())
    strip = getattr(node, "__strip__", None)
    if callable(strip):
        stripped = strip(normalize=True, collapse=True, keep_template_params=False)
        return "" if stripped is None else str(stripped)
    return str(node)
