"""Inline detail of small wikitext spans, parsed lazily with mwparserfromhell.

The structural layer (``wikibio.syntax.scan``) finds what MediaWiki's preprocessor finds; inline
markup (links, bold, HTML tags) inside a span is only parsed when a caller asks for the
span's plain text, and the result is cached.  This is the only module that imports
mwparserfromhell.

mwparserfromhell is quadratic on some inputs (40 KB of ``{{a| `` takes it 20 s), so it
never sees structure: templates, comments and extension tags are removed with the
preprocessor scan first, leftover braces are masked, and spans still longer than
``MAX_INLINE`` characters get a linear regex pass instead.  A span of simple markup
(plain links, external links, free URLs, inline tags, entities, nested bold and italics;
three spans in four of the corpus) is read in one linear pass that gives exactly what the
parse would; a caller whose span holds no structure (``span_text``) skips the scan too.
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
from wikibio.syntax.chars import fold_spaces, holds_any

__all__ = [
    "ANY_BREAK",
    "LINE_MARKUP",
    "bracket_is_text",
    "decoded_entities",
    "nested_quotes",
    "plain_text",
    "span_text",
    "without_simple_tags",
]

#: Longest span handed to mwparserfromhell (its worst case stays far below a second).
MAX_INLINE: Final = 4000
_MARKUP: Final = "[]{}<>'&"
#: Private-use stand-ins that keep leftover braces away from mwparserfromhell.
_MASK: Final = str.maketrans({"{": "\ue000", "}": "\ue001"})
_UNMASK: Final = str.maketrans({"\ue000": "{", "\ue001": "}", "\ue002": "'"})
_STAND_INS: Final = "\ue000\ue001\ue002"
_LINK: Final = re.compile(r"\[\[([^\[\]|]*)(?:\|([^\[\]]*))?\]\]")
#: The opening of an external link, up to its label: ``[http://x `` or ``[//x ``.
_EXTERNAL_OPEN: Final = re.compile(r"\[(?:https?:)?//[^\s\]]+\s*")
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
ANY_BREAK: Final = re.compile(r"<br\s*/?\s*>|</br\s*>", re.IGNORECASE)
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
    if not holds_any(wikitext, _MARKUP):
        return fold_spaces(wikitext).strip()
    return _reduced_text(_masked(_BREAK.sub("<br>", _without_structure(wikitext))))


@lru_cache(maxsize=8192)
def span_text(wikitext: str) -> str:
    """``plain_text`` of a span that holds no preprocessor structure, read without a scan.

    For callers that have already taken the structure out (templates, comments and
    extension tags found by the page's one scan): the span is read as it stands.  Every
    spelling of ``<br>`` breaks the line, and an unlabelled link with an entity in its
    title shows the title decoded, as ``wikibio.values.display_text`` reads its spans.
    """
    if not holds_any(wikitext, _MARKUP):
        return fold_spaces(wikitext).strip()
    if _quoted_words(wikitext):
        # PERF: most of the reading view's paragraphs are words, bold and italics once
        # their links are runs: what the linear reading gives them is this.
        return _cleaned(wikitext)
    text = ANY_BREAK.sub("<br>", wikitext)
    if "&" in text:
        text = _BARE_LINK.sub(lambda m: f"[[{m[1]}|{m[1].strip().removeprefix(':')}]]", text)
    return _reduced_text(_masked(text))


#: What makes a span more than words and quote runs (``_quoted_words``).
_MORE_THAN_QUOTES: Final = "[]{}<>&\n\r\t"
#: First characters that make a span's first line markup (a heading, list or rule):
#: such a span is read by the parse.
LINE_MARKUP: Final = frozenset("=*#:;-")


def _quoted_words(span: str) -> bool:
    """Whether a span is words with properly nested bold and italics and nothing else.

    Such a span is simple markup whose linear reading (``_simple_text``) is the span
    itself: its text is the span cleaned up.
    """
    # PERF: literal tests are cheaper than alternatives in the pattern.
    return (
        span[:1] not in LINE_MARKUP
        and "://" not in span
        and "''''" not in span
        and not holds_any(span, _MORE_THAN_QUOTES)
        and nested_quotes(span)
    )


def _masked(text: str) -> str:
    """Braces as private-use stand-ins (the copy skipped when there is none)."""
    # PERF: str.translate copies every span (1 s for the corpus's 104k spans).
    return text.translate(_MASK) if "{" in text or "}" in text else text


def _reduced_text(reduced: str) -> str:
    """The plain text of a span without structure whose braces are masked."""
    # PERF: three spans in four are simple markup, read without a parse (to_text() of the
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
    text = fold_spaces(text).strip()
    return text.translate(_UNMASK) if holds_any(text, _STAND_INS) else text


#: What the linear reading leaves to mwparserfromhell: line breaks and tabs (and, tested
#: apart in ``_simple_text``, line starts with markup, numeric entities, runs of four or
#: more apostrophes).
_NOT_SIMPLE: Final = "\n\r\t"
#: Where the linear reading has to look: a link, a bracket, a tag, a free URL.
_SPECIAL: Final = re.compile(r"\[|<|://")
_TITLE_CHAR: Final = r"[^\[\]<>\n|\ue000\ue001]"
#: A wikilink mwparserfromhell reads as one: a plain title, an optional plain label.
_SIMPLE_LINK: Final = re.compile(
    rf"\[\[({_TITLE_CHAR}*[^\s\[\]<>|\ue000\ue001]{_TITLE_CHAR}*)(?:\|([^\[\]<>\n]*))?\]\]"
)
_SCHEME: Final = "|".join(sorted(URI_SCHEMES))
_WITH_SLASHES: Final = "|".join(sorted(name for name, slashes in URI_SCHEMES.items() if slashes))
_WITHOUT_SLASHES: Final = "|".join(
    sorted(name for name, slashes in URI_SCHEMES.items() if not slashes)
)
#: A bracketed external link with a plain URL and an optional plain title.
_URL: Final = r"[^\s/\[\]<>\"'{}|\ue000\ue001][^\s\[\]<>\"'{}|\ue000\ue001]*"
_LINK_TITLE: Final = r"(?: ([^\[\]<>\n\ue000\ue001]*))?\]"
_SIMPLE_EXTERNAL: Final = re.compile(
    rf"\[(?:(?:{_WITH_SLASHES}):)?//{_URL}{_LINK_TITLE}|\[(?:{_WITHOUT_SLASHES}):{_URL}{_LINK_TITLE}"
)
#: What mwparserfromhell may read as an external link (then it must be a simple one).
_EXTERNAL_LIKE: Final = re.compile(rf"\[\[?\s*(?://|(?:{_SCHEME})\s*:)", re.IGNORECASE)
#: A free URL: simple when nothing in it could be markup.
_FREE_URL: Final = re.compile(r"://[^\s\[\]<>{}'\"\ue000\ue001|]*(?=[\s\"|]|\Z)")
#: An HTML tag the clean-up removes, with attributes that hold no markup.
_SIMPLE_TAG: Final = re.compile(
    r"</?(?:abbr|b|bdi|bdo|big|cite|code|data|del|dfn|em|font|i|ins|kbd|mark|q|s|samp|small|"
    r"span|strike|strong|sub|sup|time|tt|u|var)(?:\s[^<>\[\]{}'&\n\ue000\ue001]*)?/?>",
    re.IGNORECASE,
)
_ENTITY: Final = re.compile(r"&([A-Za-z0-9]+);")
_QUOTES: Final = re.compile(r"'{2,}")
#: Quote runs that show apostrophes (four: one and bold; six or more: the rest and bold
#: italics), which the linear reading leaves to the parse. Five is bold italics.
_SHOWN_QUOTES: Final = re.compile(r"(?<!')(?:'{4}|'{6,})(?!')")


#: An apostrophe, tags, an apostrophe (``_quotes_across_tags``).
_QUOTES_ACROSS_TAGS: Final = re.compile(r"'(?:<[^<>]*>)+'")


def _shows_apostrophes(text: str) -> bool:
    """Whether a quote run of ``text`` shows apostrophes (``_SHOWN_QUOTES``)."""
    # PERF: the pattern's lookbehind is tried at every position; four quotes come first.
    return "''''" in text and _SHOWN_QUOTES.search(text) is not None


def _simple_text(span: str) -> str | None:
    """What mwparserfromhell's nodes show for a span of simple markup, read linearly.

    Simple markup is text with wikilinks and external links whose parts hold no brackets,
    free URLs, inline HTML tags without markup in their attributes, named entities, and
    bold and italics that nest properly.  Anything else gives ``None``: the caller
    parses the span.  Equal to the parse's node text after the clean-up on every span it
    accepts (``tests/test_inline.py`` checks it against mwparserfromhell).
    """
    if (
        span[:1] in LINE_MARKUP
        or "&#" in span
        or _shows_apostrophes(span)
        or holds_any(span, _NOT_SIMPLE)
        or _quotes_across_tags(span)
    ):
        return None
    pieces: list[str] = []
    outside: list[str] = []
    position = scanned = 0
    while True:
        found = _SPECIAL.search(span, scanned)
        if found is None:
            break
        start = found.start()
        mark = found.group()
        if mark == "://":
            url = _FREE_URL.match(span, start)
            if url is None:
                return None
            scanned = url.end()  # the URL reads as text, entities decoded
            continue
        if mark == "<":
            if span.startswith("<br>", start):
                shown, end = "\n", start + 4
            else:
                tag = _SIMPLE_TAG.match(span, start)
                if tag is None:
                    return None
                shown, end = tag.group(), tag.end()  # the clean-up removes it
        elif _EXTERNAL_LIKE.match(span, start) and span.startswith("[[", start):
            return None  # mwparserfromhell reads "[[http://…]]" as an external link
        elif span.startswith("[[", start):
            link = _SIMPLE_LINK.match(span, start)
            if link is None:
                return None
            title, label = link.groups()
            if HIDDEN_LINK.match(title):
                shown = ""
            elif label is None:
                shown = html.unescape(title.strip().removeprefix(":"))
            elif nested_quotes(label):
                shown = decoded_entities(label)
            else:
                return None
            end = link.end()
        else:
            external = _SIMPLE_EXTERNAL.match(span, start)
            if external is not None:
                title = external.group(1) or external.group(2) or ""
                if not nested_quotes(title):
                    return None
                shown, end = decoded_entities(title), external.end()
            elif _EXTERNAL_LIKE.match(span, start):
                return None
            else:
                scanned = start + 1  # a bracket that is text
                continue
        if shown and (
            (shown[0] == "'" and span[start - 1 : start] == "'")
            or (shown[-1] == "'" and span[end : end + 1] == "'")
        ):
            return None  # its quotes would join the ones beside it, which the parse keeps apart
        outside.append(span[position:start])
        outside.append(" ")
        pieces.append(decoded_entities(span[position:start]))
        pieces.append(shown)
        position = scanned = end
    outside.append(span[position:])
    pieces.append(decoded_entities(span[position:]))
    text = "".join(pieces)
    # The clean-up after the parse removes quote runs from the joined text, so quotes
    # that meet at a link's edge must still nest there.
    if not nested_quotes("".join(outside)) or not nested_quotes(text):
        return None
    return None if _shows_apostrophes(text) else text


def bracket_is_text(text: str) -> bool:
    """Whether every bracket of ``text`` shows as written, as ``_simple_text`` reads it:
    none doubled (a wikilink's) and none opening what may be an external link (``[//…``,
    ``[mailto:…``).  ``[a] fetus`` and ``[T]he`` are text.
    """
    return "[[" not in text and "]]" not in text and _EXTERNAL_LIKE.search(text) is None


def without_simple_tags(text: str) -> str | None:
    """``text`` without its inline HTML tags (``<small>``, ``<span class="x">``), which the
    clean-up after the parse removes, as ``_simple_text`` reads them.

    ``None`` when some ``<`` or ``>`` is no such tag (a ``<br>``, a block tag, a bracket
    that is text) or apostrophes stand on both sides of tags (``_quotes_across_tags``): the
    parse then reads the span.
    """
    if _quotes_across_tags(text):
        return None
    pieces: list[str] = []
    position = 0
    for tag in _SIMPLE_TAG.finditer(text):
        pieces.append(text[position : tag.start()])
        position = tag.end()
    pieces.append(text[position:])
    rest = "".join(pieces)
    return None if "<" in rest or ">" in rest else rest


def _quotes_across_tags(text: str) -> bool:
    """Whether apostrophes stand on both sides of tags (``'<sup></sup>'``): the clean-up
    would join them into a quote run once the tags are gone, which the parse keeps apart,
    so the span is left to the parse.  An apostrophe on one side only (``''K''<sub>a</sub>``)
    joins nothing: quote runs are removed from the text either way."""
    return "'<" in text and _QUOTES_ACROSS_TAGS.search(text) is not None


def decoded_entities(text: str) -> str:
    """Named entities decoded, as mwparserfromhell decodes them (HTML 4's names only)."""
    if "&" not in text:
        return text
    return _ENTITY.sub(lambda m: entitydefs.get(m[1], m[0]), text)


def nested_quotes(text: str) -> bool:
    """Whether the bold and italic quote runs of a text open and close in proper nesting."""
    if "''" not in text:
        return True
    stack: list[int] = []
    # PERF: one findall; compiled, each match of finditer is several calls into Python.
    for quotes in _QUOTES.findall(text):
        run = len(quotes)
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
    text = _external_labels(text)
    text = _TAG.sub(lambda m: "\n" if m.group(0).lower().startswith("<br") else "", text)
    return html.unescape(text)


def _external_labels(text: str) -> str:
    """External links ``[url label]`` as their labels (the label runs to the next ``]``).

    Written out rather than as one regular expression: with many openings and no ``]``
    after them, a pattern tries every opening to the end of the text (quadratic; 96 KB of
    ``[http://a.b `` took 56 s).  Once no ``]`` follows, no later opening can close either.
    """
    pieces: list[str] = []
    position = 0
    for opening in _EXTERNAL_OPEN.finditer(text):
        if opening.start() < position:
            continue
        close = text.find("]", opening.end())
        if close < 0:
            break
        pieces.append(text[position : opening.start()])
        pieces.append(text[opening.end() : close])
        position = close + 1
    pieces.append(text[position:])
    return "".join(pieces)


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
