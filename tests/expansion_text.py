"""Visible text of expanded wikitext and of MediaWiki's HTML, for the expansion suite.

The expansion suite's expectations are the HTML MediaWiki renders; wikibio's ``expand``
gives wikitext.  Both sides are reduced to the text a reader sees, by the same coarse
rules: block boundaries (paragraphs, list items, table cells, line breaks) become one
space, inline markup disappears, character references are decoded and whitespace runs
collapse.  On the wikitext side links show their label (or target), bold/italic quotes,
list and heading markers, table syntax, ``<nowiki>`` wrappers and behaviour switches go.
This is a weak comparison (it cannot tell ``<b>`` from ``<i>``) but it sees every
expanded argument, branch, number and error message.
"""

from __future__ import annotations

import html
import re

_BLOCK_TAGS = (
    "p|div|li|ul|ol|dl|dt|dd|table|tr|td|th|caption|tbody|thead|h[1-6]|pre|br|hr|blockquote|"
    "center|references|gallery"
)
_HTML_BLOCK = re.compile(rf"</?(?:{_BLOCK_TAGS})\b[^>]*>", re.IGNORECASE)
_HTML_TAG = re.compile(r"</?[A-Za-z][^>]*>|<!--.*?-->", re.DOTALL)
_HIDDEN_HTML = re.compile(
    r"<(style|script)\b[^>]*>.*?</\1>|<link\b[^>]*>|<meta\b[^>]*>"
    # Page furniture the renderer adds around expanded text: section edit links, the TOC.
    r'|<span class="mw-editsection">(?:<span class="mw-editsection-bracket">\[</span>)?'
    r'<a [^>]*>[^<]*</a>(?:<span class="mw-editsection-bracket">\]</span>)?</span>'
    r'|<div id="toc" class="toc".*?</ul>\s*</div>',
    re.IGNORECASE | re.DOTALL,
)


def html_text(markup: str) -> str:
    """What a reader sees of MediaWiki's HTML, whitespace collapsed."""
    markup = _HIDDEN_HTML.sub("", markup)
    markup = _HTML_BLOCK.sub(" ", markup)
    markup = _HTML_TAG.sub("", markup)
    return " ".join(html.unescape(markup).split())


_NOWIKI = re.compile(r"<nowiki\s*>(.*?)</nowiki\s*>|<nowiki\s*/>", re.IGNORECASE | re.DOTALL)
_PRE = re.compile(r"<pre\b[^>]*>(.*?)</pre\s*>", re.IGNORECASE | re.DOTALL)
_COMMENT = re.compile(r"<!--.*?(?:-->|$)", re.DOTALL)
_CATEGORY = re.compile(r"\[\[\s*category\s*:[^\]]*\]\]\n?", re.IGNORECASE)
#: Interlanguage links (``[[es:Foo]]``: a two-letter language prefix) show nothing in the
#: body; the parser tests' interwiki table has such prefixes.
_LANGUAGE_LINK = re.compile(r"\[\[[a-z]{2}:[^\]|]*\]\]\n?")
_LINK = re.compile(r"\[\[([^\[\]|{}<>]+)(?:\|([^\[\]]*))?\]\]([a-z]*)")
_FILE = re.compile(r"\s*:?\s*(?:file|image)\s*:", re.IGNORECASE)
_IMAGE_OPTION = re.compile(
    r"(?:thumb|thumbnail|frame|framed|frameless|border|right|left|center|centre|none|"
    r"baseline|sub|super|top|text-top|middle|bottom|text-bottom|upright(?:\s*=?\s*[\d.]+)?|"
    r"\d*(?:x\d+)?px|(?:alt|link|page|class|lang|upright)\s*=.*)",
    re.IGNORECASE | re.DOTALL,
)
_EXT_LINK = re.compile(r"\[((?:https?:|ftp:)?//[^\s\]<>]+)(?:\s+([^\]]*))?\]")
_SWITCH = re.compile(r"__[A-Z]+__")
_QUOTES = re.compile(r"'{2,}")
_HEADING = re.compile(r"^(=+)\s*(.*?)\s*\1\s*$")
_LIST = re.compile(r"^[*#:;]+")
_CELL_ATTR = re.compile(r"^[^|\[\]\n]*?=[^|\n]*?\|(?!\|)")
_CELL_SEP = re.compile(r"\|\||!!")
_RULE = re.compile(r"^-{4,}")
#: Tags MediaWiki lets through (``Sanitizer``'s list and the usual extension tags); any
#: other ``<x>`` shows as text.
_KNOWN_TAGS = (
    "b|i|u|s|strong|em|span|div|p|br|hr|small|big|sup|sub|code|tt|font|center|table|tr|td|"
    "th|caption|ul|ol|li|dl|dt|dd|h[1-6]|blockquote|cite|abbr|del|ins|kbd|mark|q|ruby|rt|rp|"
    "samp|strike|var|bdi|bdo|data|time|wbr|ref|references|gallery|math|poem|syntaxhighlight|"
    "source|templatestyles|section|indicator|score|timeline|graph|chem|ce|imagemap|inputbox"
)
_WIKI_TAG = re.compile(rf"</?(?:{_KNOWN_TAGS})\b[^>]*>", re.IGNORECASE)
_ENTITY = re.compile(r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);")
_PLACEHOLDER = "\x7fN{}\x7f"


def _line(line: str, in_table: bool) -> tuple[str, bool]:
    stripped = line.strip()
    if stripped.startswith("{|"):
        return " ", True
    if in_table and stripped.startswith("|}"):
        return " " + stripped[2:], False
    if in_table and (stripped.startswith("|-") or stripped.startswith("|+")):
        return " " + (stripped[2:] if stripped.startswith("|+") else ""), True
    if in_table and stripped[:1] in ("|", "!"):
        cells = _CELL_SEP.split(stripped[1:])
        return " ".join(_CELL_ATTR.sub("", cell) for cell in cells), True
    heading = _HEADING.match(line)
    if heading:
        return " " + heading.group(2) + " ", in_table
    marker = _LIST.match(line)
    if marker and ";" in marker.group(0):
        # ";term:definition": the first colon outside tags and links splits the line.
        rest = line[marker.end() :]
        split = re.search(r":(?![^<]*>)(?![^\[]*\]\])", rest)
        if split:
            rest = rest[: split.start()] + " " + rest[split.end() :]
        return " " + rest, in_table
    return _RULE.sub(" ", _LIST.sub(" ", line)), in_table


def _link_text(m: re.Match[str]) -> str:
    """A link's visible text; an image shows its caption only when framed (thumb, frame)."""
    target, label, trail = m.group(1), m.group(2), m.group(3)
    if _FILE.match(target) and not target.lstrip().startswith(":"):
        parts = [] if label is None else label.split("|")
        framed = any(p.strip().lower() in ("thumb", "thumbnail", "frame", "framed") for p in parts)
        captions = [p for p in parts if not _IMAGE_OPTION.fullmatch(p.strip())]
        return (captions[-1] if framed and captions else "") + trail
    return (label if label is not None else target.lstrip(":")) + trail


def wikitext_text(text: str) -> str:
    """What a reader sees of expanded wikitext, by the coarse rules of the module doc."""
    kept: list[str] = []

    def keep(m: re.Match[str]) -> str:
        kept.append(_ENTITY.sub(lambda e: html.unescape(e.group(0)), m.group(1) or ""))
        return _PLACEHOLDER.format(len(kept) - 1)

    def keep_pre(m: re.Match[str]) -> str:
        # <pre> is an extension tag: its body shows as written, <nowiki> wrappers aside.
        body = _NOWIKI.sub(lambda n: n.group(1) or "", m.group(1))
        kept.append(" " + _ENTITY.sub(lambda e: html.unescape(e.group(0)), body) + " ")
        return _PLACEHOLDER.format(len(kept) - 1)

    # The HTML tokenizer shows a NUL character as U+FFFD (HTML5, "unexpected-null-character").
    text = text.replace("\x00", "\ufffd")
    text = _PRE.sub(keep_pre, text)
    text = _NOWIKI.sub(keep, text)
    text = _COMMENT.sub("", text)
    text = _CATEGORY.sub("", text)
    text = _LANGUAGE_LINK.sub("", text)
    for _ in range(3):
        text = _LINK.sub(_link_text, text)
    text = _EXT_LINK.sub(lambda m: m.group(2) if m.group(2) else "[1]", text)
    text = _SWITCH.sub("", text)
    text = _QUOTES.sub("", text)
    lines = []
    in_table = False
    for line in text.split("\n"):
        shown, in_table = _line(line, in_table)
        lines.append(shown)
    text = "\n".join(lines)
    text = _HTML_BLOCK.sub(" ", text)
    text = _WIKI_TAG.sub("", text)
    text = _ENTITY.sub(lambda m: html.unescape(m.group(0)), text)
    text = re.sub("\x7fN(\\d+)\x7f", lambda m: kept[int(m.group(1))], text)
    return " ".join(text.split())
