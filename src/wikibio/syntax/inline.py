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
from html.entities import entitydefs
from typing import Final

import mwparserfromhell
from mwparserfromhell.definitions import URI_SCHEMES
from mwparserfromhell.nodes import Comment, Tag, Template, Text, Wikilink

from wikibio.site import HIDDEN_LINK, TEXT_TAGS
from wikibio.syntax import scan

__all__ = ["plain_text", "span_text"]

#: Longest span handed to mwparserfromhell (its worst case stays far below a second).
MAX_INLINE: Final = 4000
_MARKUP: Final = re.compile(r"[\[\]{}<>'&]")
_BLANKS: Final = re.compile(r"[ \t]+")
#: Private-use stand-ins that keep leftover braces away from mwparserfromhell.
_MASK: Final = str.maketrans({"{": "\ue000", "}": "\ue001"})
_UNMASK: Final = str.maketrans({"\ue000": "{", "\ue001": "}", "\ue002": "'"})
_STAND_INS: Final = re.compile("[\ue000-\ue002]")
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
#: Every spelling of a line break MediaWiki accepts (``<br/ >``, ``</br>``).
_ANY_BREAK: Final = re.compile(r"<br\s*/?\s*>|</br\s*>", re.IGNORECASE)
#: An unlabelled link whose title holds an entity: its label must be parsed, not copied.
_BARE_LINK: Final = re.compile(r"\[\[([^\[\]|\n]*&[^\[\]|\n]*)\]\]")


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
    return _reduced_text(_masked(_BREAK.sub("<br>", _without_structure(wikitext))))


@lru_cache(maxsize=8192)
def span_text(wikitext: str) -> str:
    """``plain_text`` of a span that holds no preprocessor structure, read without a scan.

    For callers that have already taken the structure out (templates, comments and
    extension tags found by the page's one scan): the span is read as it stands.  Every
    spelling of ``<br>`` breaks the line, and an unlabelled link with an entity in its
    title shows the title decoded, as ``wikibio.values.display_text`` reads its spans.
    """
    if not _MARKUP.search(wikitext):
        return _BLANKS.sub(" ", wikitext).strip()
    text = _ANY_BREAK.sub("<br>", wikitext)
    if "&" in text:
        text = _BARE_LINK.sub(lambda m: f"[[{m[1]}|{m[1].strip().removeprefix(':')}]]", text)
    return _reduced_text(_masked(text))


def _masked(text: str) -> str:
    """Braces as private-use stand-ins (the copy skipped when there is none)."""
    # PERF: str.translate copies every span (1 s for the corpus's 104k spans).
    return text.translate(_MASK) if "{" in text or "}" in text else text


def _reduced_text(reduced: str) -> str:
    """The plain text of a span without structure whose braces are masked."""
    # PERF: two spans in three are simple markup, read without a parse (to_text() of the
    # corpus: mwparserfromhell 6.0 s -> 1.8 s).
    text = _simple_text(reduced)
    if text is None:
        text = _parsed_text(reduced)
    return _cleaned(text)


def _parsed_text(reduced: str) -> str:
    """What a span's nodes show, parsed by mwparserfromhell (a regex pass when long)."""
    if len(reduced) <= MAX_INLINE:
        return "".join(_node_text(node) for node in mwparserfromhell.parse(reduced).nodes)
    return _regex_text(reduced)


def _cleaned(text: str) -> str:
    """Stray quote runs and HTML tags removed, blanks folded, stand-ins put back."""
    if "''" in text:
        text = text.replace("'''", "").replace("''", "")
    if "<" in text:
        text = _HTML_TAG.sub("", text)
    text = _BLANKS.sub(" ", text).strip()
    return text.translate(_UNMASK) if _STAND_INS.search(text) else text


#: What the linear reading leaves to mwparserfromhell: tags, line starts with markup,
#: numeric entities, runs of four or more apostrophes, bracketed or free URLs.
_NOT_SIMPLE: Final = re.compile(
    r"[<>\n\r]|&#|'{4,}|\A[ =*#:;-]|://|\[\[?\s*(?://|(?:"
    + "|".join(sorted(URI_SCHEMES))
    + r")\s*:)",
    re.IGNORECASE,
)
_TITLE_CHAR: Final = r"[^\[\]<>\n|&'\ue000\ue001]"
#: A wikilink mwparserfromhell reads as one: a plain title, an optional plain label.
_SIMPLE_LINK: Final = re.compile(
    rf"\[\[({_TITLE_CHAR}*[^\s\[\]<>|&'\ue000\ue001]{_TITLE_CHAR}*)(?:\|([^\[\]\n]*))?\]\]"
)
_ENTITY: Final = re.compile(r"&([A-Za-z0-9]+);")
_QUOTES: Final = re.compile(r"'{2,}")


def _simple_text(span: str) -> str | None:
    """What mwparserfromhell's nodes show for a span of simple markup, read linearly.

    Simple markup is text with wikilinks whose title and label hold no brackets, named
    entities, and bold and italics that nest properly.  Anything else gives ``None``: the
    caller parses the span.  Equal to the parse's node text on every span it accepts
    (``tests/test_inline.py`` checks it against mwparserfromhell).
    """
    if _NOT_SIMPLE.search(span):
        return None
    pieces: list[str] = []
    outside: list[str] = []
    position = 0
    while True:
        start = span.find("[[", position)
        if start < 0:
            break
        match = _SIMPLE_LINK.match(span, start)
        if match is None:
            return None
        title, label = match.groups()
        if label is None:
            shown = title.strip().removeprefix(":")
        elif _nests(label):
            shown = _entities(label)
        else:
            return None
        outside.append(span[position:start])
        outside.append(" ")
        pieces.append(_entities(span[position:start]))
        pieces.append("" if HIDDEN_LINK.match(title) else shown)
        position = match.end()
    outside.append(span[position:])
    pieces.append(_entities(span[position:]))
    shown = "".join(pieces)
    # The clean-up after the parse removes quote runs from the joined text, so quotes
    # that meet at a link's edge must still nest there.
    if not _nests("".join(outside)) or not _nests(shown) or "''''" in shown:
        return None
    return shown


def _entities(text: str) -> str:
    """Named entities decoded, as mwparserfromhell decodes them (HTML 4's names only)."""
    if "&" not in text:
        return text
    return _ENTITY.sub(lambda m: entitydefs.get(m[1], m[0]), text)


def _nests(text: str) -> bool:
    """Whether the bold and italic quote runs of a text open and close in proper nesting."""
    if "''" not in text:
        return True
    stack: list[int] = []
    for match in _QUOTES.finditer(text):
        run = len(match.group())
        if stack and stack[-1] == run:
            stack.pop()
        else:
            stack.append(run)
    return not stack


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
