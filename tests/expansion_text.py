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
import urllib.parse

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
_GALLERY = re.compile(r"<gallery\b([^>]*)>(.*?)</gallery\s*>", re.IGNORECASE | re.DOTALL)
_GALLERY_CAPTION = re.compile(r"\bcaption\s*=\s*\"([^\"]*)\"", re.IGNORECASE)
#: A gallery line's "|"-separated parts, links kept whole.
_GALLERY_PARTS = re.compile(r"(?:\[\[.*?\]\]|[^|])+")
_GALLERY_OPTION = re.compile(r"\s*(?:alt|link|page|class|lang)\s*=", re.IGNORECASE)
_WIKITEXT_PRE = re.compile(r"<pre\b[^>]*\bformat\s*=\s*[\"']?wikitext\b", re.IGNORECASE)
_COMMENT = re.compile(r"<!--.*?(?:-->|$)", re.DOTALL)
_CATEGORY = re.compile(r"\[\[\s*category\s*:[^\]]*\]\]\n?", re.IGNORECASE)
#: Interlanguage links (``[[es:Foo]]``: a two-letter language prefix) show nothing in the
#: body; the parser tests' interwiki table has such prefixes.
_LANGUAGE_LINK = re.compile(r"\[\[[a-z]{2}:[^\]|]*\]\]\n?")
#: A wikilink: no newline or brackets in the target; the label may hold single brackets.
_LINK = re.compile(
    r"\[\[(?!\s*(?:https?:|ftp:)?//)([^\[\]|{}<>\n]+)(?:\|((?:[^\[\]]|\[(?!\[)|\](?!\]))*))?\]\]([a-z]*)"
)
_FILE = re.compile(r"\s*:?\s*(?:file|image)\s*:", re.IGNORECASE)
_IMAGE_OPTION = re.compile(
    r"(?:thumb|thumbnail|frame|framed|frameless|border|right|left|center|centre|none|"
    r"baseline|sub|super|top|text-top|middle|bottom|text-bottom|upright(?:\s*=?\s*[\d.]+)?|"
    r"\d*(?:x\d+)?px|(?:alt|link|page|class|lang|upright)\s*=.*)",
    re.IGNORECASE | re.DOTALL,
)
#: An external link: the URL ends at a blank or ``<``; the text follows (``[url text]``).
_EXT_LINK = re.compile(r"\[((?:https?:|ftp:)?//[^\s\]<>]+)(?:[ \t]*([^\]\n]*))?\]")
_FREE_URL = re.compile(r"(?<![\[\w/\"'=])(?:https?|ftp)://[^\s<>\[\]{}\"\x7f]+")
_UNSAFE_IN_URL = re.compile(r"[\[\]<>\"|\x00-\x20\x7f]")


def _percent(m: re.Match[str]) -> str:
    return "".join(f"%{b:02X}" for b in m.group(0).encode())


_SWITCH = re.compile(r"__[A-Z]+__")
_QUOTES = re.compile(r"'{2,}")
_HEADING = re.compile(r"^(=+)\s*(.*?)\s*\1\s*$")
_LIST = re.compile(r"^[*#:;]+")
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


def _cell_content(cell: str) -> str:
    """A table cell's content: text before a single ``|`` is its attributes (not shown)
    unless it holds a link (``Parser::handleTables``)."""
    before, bar, after = cell.partition("|")
    if bar and "[[" not in before:
        return after
    return cell


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
        return " ".join(_cell_content(cell) for cell in cells), True
    heading = _HEADING.match(line)
    if heading:
        return " " + heading.group(2) + " ", in_table
    marker = _LIST.match(line)
    if marker and ";" in marker.group(0):
        # ";term:definition": split where _mark_definitions marked the colon.
        return " " + line[marker.end() :].replace(_DT_COLON, " "), in_table
    return _RULE.sub(" ", _LIST.sub(" ", line)), in_table


_DT_COLON = "\x7fC\x7f"
_TAG_IN_TERM = re.compile(r"<(/?)([A-Za-z][^\s/>]*)[^>]*?(/?)>")
_VOID = frozenset({"br", "hr", "wbr", "img"})


def _term_colon(rest: str) -> int:
    """Where a ``;term:definition`` line splits: the first colon outside links, elements
    and bold/italic quotes (``Parser::findColonNoLinks``; the quotes are elements by
    then), or -1."""
    depth = 0
    quotes = {2: False, 3: False}
    i = 0
    while i < len(rest):
        if rest.startswith("[[", i):
            end = rest.find("]]", i)
            if end < 0:
                break
            i = end + 2
            continue
        run = len(rest[i:]) - len(rest[i:].lstrip("'"))
        if run >= 2:
            for size in (3, 2) if run >= 3 else (2,):
                quotes[size] = not quotes[size]
            i += run
            continue
        tag = _TAG_IN_TERM.match(rest, i) if rest[i] == "<" else None
        if tag is not None:
            if tag.group(1):
                depth = max(0, depth - 1)
            elif not tag.group(3) and tag.group(2).lower() not in _VOID:
                depth += 1
            i = tag.end()
            continue
        if rest[i] == ":" and depth == 0 and not quotes[2] and not quotes[3]:
            return i
        i += 1
    return -1


def _mark_definitions(text: str) -> str:
    """Mark the colon that splits each ``;term:definition`` line, before markup goes."""
    lines = text.split("\n")
    for n, line in enumerate(lines):
        marker = _LIST.match(line)
        if marker and ";" in marker.group(0):
            at = _term_colon(line[marker.end() :])
            if at >= 0:
                at += marker.end()
                lines[n] = line[:at] + _DT_COLON + line[at + 1 :]
    return "\n".join(lines)


_FIGURE_OPTIONS = frozenset(
    "thumb thumbnail frame framed frameless right left center centre none".split()
)


def _link_text(m: re.Match[str], files: frozenset[str] | None = None) -> str:
    """A link's visible text; an image shows its caption only when framed or floated, and
    a missing file (when ``files`` says which exist) shows its title, as
    ``Linker::makeBrokenImageLinkObj`` links to its upload."""
    target, label, trail = m.group(1), m.group(2), m.group(3)
    if label == "":
        return m.group(0)  # "[[Foo|]]" outside pre-save transform is not a link
    file = _FILE.match(target)
    if file and not target.lstrip().startswith(":"):
        parts = [] if label is None else label.split("|")
        # A framed or floated image is a <figure> whose <figcaption> holds the caption.
        framed = any(p.strip().lower() in _FIGURE_OPTIONS for p in parts)
        captions = [p for p in parts if not _IMAGE_OPTION.fullmatch(p.strip())]
        shown = captions[-1] if framed and captions else ""
        name = " ".join(target[file.end() :].replace("_", " ").split())
        name = "File:" + name[:1].upper() + name[1:]
        if files is not None and name not in files:
            shown = name + shown
        return shown + trail
    return (label if label is not None else target.lstrip(":")) + trail


_FRAGMENT_LINK = re.compile(r"\[\[#([^\[\]|{}\n]*)\]\]")
#: Language-converter markup: ``-{text}-``, ``-{R|text}-`` (flags before the first ``|``).
_CONVERTER = re.compile(r"-\{(?:([A-Za-z;\- ]*)\|)?((?:(?!-\{|\}-).)*)\}-", re.DOTALL)


def _converted(m: re.Match[str]) -> str:
    """What the language converter shows of ``-{…}-`` without variant rules."""
    # ConverterRule::parseFlags: the text before the first "|" is flags (unknown ones are
    # dropped), the text after it is shown.
    return m.group(2)


def wikitext_text(text: str, *, variants: bool = False, files: frozenset[str] | None = None) -> str:
    """What a reader sees of expanded wikitext, by the coarse rules of the module doc.

    ``variants``: the content language has variants, so its LanguageConverter shows the
    text of ``-{…}-`` markup (``-{R|raw}-`` reads ``raw``); other languages show it as
    written.  Rules that pick one variant's text (``zh-hans:…;zh-hant:…``) are not read.
    """
    kept: list[str] = []

    def keep(m: re.Match[str]) -> str:
        kept.append(_ENTITY.sub(lambda e: html.unescape(e.group(0)), m.group(1) or ""))
        return _PLACEHOLDER.format(len(kept) - 1)

    def keep_text(shown: str) -> str:
        kept.append(shown)
        return _PLACEHOLDER.format(len(kept) - 1)

    def keep_pre(m: re.Match[str]) -> str:
        # <pre> is an extension tag: its body shows as written, <nowiki> wrappers aside;
        # with format="wikitext" the body is rendered as wikitext.
        if _WIKITEXT_PRE.match(m.group(0)):
            # Rendered, but inside <pre> list markers make no lists (doBlockLevels).
            body = re.sub(r"(?m)^[*#:;]+", lambda n: keep_text(n.group(0)), m.group(1))
            return " " + body + " "
        body = _NOWIKI.sub(lambda n: n.group(1) or "", m.group(1))
        kept.append(" " + _ENTITY.sub(lambda e: html.unescape(e.group(0)), body) + " ")
        return _PLACEHOLDER.format(len(kept) - 1)

    # The HTML tokenizer shows a NUL character as U+FFFD (HTML5, "unexpected-null-character").
    text = text.replace("\x00", "\ufffd")
    def keep_gallery(m: re.Match[str]) -> str:
        # A gallery shows its caption (wikitext, list markers kept as text) and each
        # image's caption: the last part after the file name that is not an option.
        shown = []
        caption = _GALLERY_CAPTION.search(m.group(1))
        if caption:
            rendered = re.sub(
                r"(?m)^[*#:;]+",
                lambda n: "".join(f"&#{ord(c)};" for c in n.group(0)),
                html.unescape(caption.group(1)),
            )
            shown.append(wikitext_text(rendered, variants=variants, files=files))
        for line in m.group(2).split("\n"):
            parts = _GALLERY_PARTS.findall(line)
            captions = [p for p in parts[1:] if not _GALLERY_OPTION.match(p)]
            if captions:
                shown.append(wikitext_text(captions[-1], variants=variants, files=files))
        return keep_text(" " + " ".join(shown) + " ")

    text = _GALLERY.sub(keep_gallery, text)
    text = _PRE.sub(keep_pre, text)
    text = _NOWIKI.sub(keep, text)
    text = _COMMENT.sub("", text)
    text = _mark_definitions(text)
    text = _CATEGORY.sub("", text)
    text = _LANGUAGE_LINK.sub("", text)
    # A link to a section of the page shows its fragment, "#" included, URL-decoded.
    text = _FRAGMENT_LINK.sub(
        lambda m: keep_text(
            "#" + html.unescape(urllib.parse.unquote(m.group(1))).replace("_", " ")
        ),
        text,
    )
    text = _LINK.sub(lambda m: _link_text(m, files), text)
    for _ in range(2):
        # Links inside an image's caption: only a file link holds further links.
        text = _LINK.sub(
            lambda m: _link_text(m, files) if _FILE.match(m.group(1)) else m.group(0), text
        )
    text = _EXT_LINK.sub(lambda m: m.group(2) if m.group(2) else "[1]", text)
    # A free URL shows as Sanitizer::cleanUrl leaves it: references decoded, then
    # brackets, quotes, bars and blanks percent-encoded.
    text = _FREE_URL.sub(
        lambda m: keep_text(_UNSAFE_IN_URL.sub(_percent, html.unescape(m.group(0)))), text
    )
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
    if variants:
        for _ in range(5):
            text, count = _CONVERTER.subn(_converted, text)
            if not count:
                break
    text = re.sub("\x7fN(\\d+)\x7f", lambda m: kept[int(m.group(1))], text)
    return " ".join(text.split())
