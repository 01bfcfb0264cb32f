"""Build the reading view's tree (``wikibio.render.blocks``) from a page in one pass.

The page is read at the preprocessor's top level, from the page's own scan: the first
infobox becomes an ``Infobox`` block, ``<ref>`` tags and reference templates become
``Marker`` runs, ``<references/>`` and ``{{Reflist}}`` become ``NoteList`` blocks,
headings become ``Heading`` blocks, and top-level template calls are rendered where they
stand (a call may span lines).  Comments, ``<includeonly>`` material and extension tags
other than ``<nowiki>``/``<pre>``/``<poem>`` show nothing.

What is left is block markup (paragraphs, lists, tables) around tokens: private-use
characters that stand for the nodes already read.  Each paragraph, list item and cell is
then read once: its inline markup (links, bold, HTML tags, entities) goes through
``wikibio.syntax.inline.span_text`` without another scan, since the page's scan already
took every template, comment and tag out of it.  Only a span in which a scan would still
find structure (braces the page's scan left unbalanced, a ``<nowiki>`` body) is read by
``wikibio.values.display_text``, which scans it.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator, Sequence
from typing import Final, Literal, Protocol, TypeVar

from wikibio.citations import DateFormat, citation_at
from wikibio.infobox import Field
from wikibio.infobox import Infobox as InfoboxView
from wikibio.page import Page
from wikibio.references import Reference, ReferenceList
from wikibio.render.blocks import (
    Block,
    Document,
    Heading,
    Infobox,
    InfoboxRow,
    Inline,
    ItemList,
    LinkLabel,
    ListItem,
    Marker,
    Note,
    NoteList,
    Paragraph,
    Quote,
    Rendered,
    Table,
    Text,
)
from wikibio.sections import Section
from wikibio.site import (
    DATE_FORMAT_TEMPLATES,
    EXTENSION_TAGS,
    FILE_LINK,
    TEXT_TAGS,
    URL_PROTOCOLS,
    NamespacePrefix,
    Site,
)
from wikibio.syntax import scan
from wikibio.syntax.chars import holds_any
from wikibio.syntax.inline import (
    ANY_BREAK,
    LINE_MARKUP,
    bracket_is_text,
    decoded_entities,
    nested_quotes,
    without_simple_tags,
)
from wikibio.templates import Template
from wikibio.values import (
    LITERAL_TEMPLATES,
    call_text,
    display_text,
    fold_blanks,
    shows_nothing,
    span_display,
)

__all__ = ["Readable", "build", "line_text", "page_date_format"]


class Readable(Protocol):
    """What the reading view reads of a page (an ``Article`` is one)."""

    @property
    def title(self) -> str | None:
        """The page's title, if known."""

    @property
    def page(self) -> Page:
        """The page: its text and scan."""

    @property
    def site(self) -> Site:
        """The wiki: its namespace names, behaviour switches, interlanguage prefixes."""

    @property
    def templates(self) -> Sequence[Template]:
        """Every template call, in page order."""

    @property
    def references(self) -> Sequence[Reference]:
        """Every note of every list."""

    @property
    def reference_lists(self) -> Sequence[ReferenceList]:
        """The lists, the generated one included."""

    @property
    def infobox(self) -> InfoboxView | None:
        """The first infobox."""

    def all_sections(self) -> Sequence[Section]:
        """Every section at any depth."""


def page_date_format(templates: Iterable[Template]) -> DateFormat | None:
    """``"dmy"`` or ``"mdy"`` from the page's first ``{{Use dmy dates}}``-style template."""
    for template in templates:
        found = DATE_FORMAT_TEMPLATES.get(template.name.casefold())
        if found is not None:
            return "dmy" if found == "dmy" else "mdy"
    return None


def build(
    article: Readable, *, date_format: DateFormat | None = None, lists: bool = True
) -> Document:
    """The reading view of a page as a tree of blocks.

    Args:
        article: The page and its views (an ``Article``, or a note read as a page).
        date_format: How citations write dates (the page's ``{{Use dmy dates}}``).
        lists: Whether to show reference lists (a note's text shows none).

    Returns:
        The document, its blocks in page order.
    """
    return Document(article.title, tuple(_Builder(article, date_format, lists).blocks()))


# --- tokens ----------------------------------------------------------------------------
# Private-use characters stand for what the one pass has read: a reference marker, a
# rendered call, a block (infobox, reference list, heading) standing on its own line.
# A marker token keeps its label in brackets (with blanks hidden, so rendering cannot
# split or fold it) because the inline markup around it sees it as text, as the page
# shows it.
_MARK_OPEN, _MARK_CLOSE = "\U000f0010", "\U000f0011"
_BLOCK: Final = "\U000f0012"
_SPACE: Final = "\U000f0013"
_INLINE: Final = "\U000f0014"
_MARK_ID: Final = "\U000f0015"
_TOKEN: Final = re.compile(
    f"{_INLINE}(\\d+){_INLINE}|{_MARK_OPEN}[^{_MARK_CLOSE}]*{_MARK_ID}(\\d+){_MARK_CLOSE}"
)
#: A wikilink whose target and label are plain words (no markup, numeric entities, quote
#: runs or tokens), with its link trail: it shows its label (else its target), named
#: entities decoded, and the trail (``_Builder._link_label``).  A lone apostrophe
#: (``[[Napier's bones]]``) is a letter: only a run of two or more is bold or italic, and
#: MediaWiki replaces links before it reads quotes, so the apostrophe cannot join a run
#: outside the link.  (PERF: possessive runs of letters between the apostrophes and
#: ampersands keep the match as fast as a plain character class.)
_LINK: Final = re.compile(
    r"\[\[((?:[^\[\]|{}<>&'\n\U000f0010-\U000f0015]++|'(?!')|&(?!#))++)"
    r"(?:\|((?:[^\[\]{}<>&'\n\U000f0010-\U000f0015]++|'(?!')|&(?!#))*+))?\]\]([a-z]*)"
)
#: A plain link (``_LINK``), a rendered run's token or a marker token: what
#: ``_Builder._word_runs`` reads between pieces of text.
_WORD_RUN: Final = re.compile(
    f"{_LINK.pattern}|{_INLINE}(\\d+){_INLINE}"
    f"|{_MARK_OPEN}[^{_MARK_CLOSE}]*{_MARK_ID}(\\d+){_MARK_CLOSE}"
)
#: Characters that make text more than words, quotes, named entities, inline tags, plain
#: links and tokens.
_NOT_WORDS: Final = "{}\n\r\t"
_MARKER_TOKEN: Final = re.compile(f"{_MARK_OPEN}[^{_MARK_CLOSE}]*{_MARK_ID}(\\d+){_MARK_CLOSE}")
_BLOCK_LINE: Final = re.compile(f"{_BLOCK}(\\d+){_BLOCK}")

_LIST_LINE: Final = re.compile(r"^([*#:;]+)\s*(.*)$")
#: First characters of a line that may be a list item, and of a stripped line that may be
#: a placed block or table markup (``_Builder._blocks``).
_LIST_FIRST: Final = frozenset("*#:;")
_BLOCK_FIRST: Final = frozenset({_BLOCK, "|", "{"})
_BLANKS: Final = re.compile(r" {2,}")
_TABLE_CELL_SPLIT: Final = re.compile(r"\|\||!!")
#: A line that opens a quote, blanks before it allowed (matched without stripping a copy).
_QUOTE_OPEN: Final = re.compile(r"\s*<blockquote(?:\s[^<>]*)?>", re.IGNORECASE)
_QUOTE_CLOSE: Final = re.compile(r"</blockquote\s*>\Z", re.IGNORECASE)

#: What a scan would still find in a span: a template, a comment, an extension tag or
#: ``<includeonly>``-style markup.  A span with none of these reads as it stands.
_STRUCTURE: Final = re.compile(
    r"\{\{|<(?:!--|/?(?:"
    + "|".join(
        re.escape(name)
        for name in sorted({*EXTENSION_TAGS, "includeonly", "noinclude", "onlyinclude"})
    )
    + r")(?:[\s/>]|\Z))",
    re.IGNORECASE,
)

_ItemKind = Literal["*", "#", ":", ";"]

#: Stands for a bracketed external link without a label (``[http://x.org]``) until the
#: page's order is known: readers see such links numbered ``[1]``, ``[2]`` … in document
#: order, across the text and the reference lists (Parsoid's ``mw-numbered-ext-link`` CSS
#: counter, reset once per page).
_AUTONUMBER: Final = "\U000f0016"
#: Every token character.  A page's own (private-use code points, never seen in real text
#: but possible in any ``str``) are read as U+FFFD, so that no page text passes for a token.
_TOKEN_CHARS: Final = _MARK_OPEN + _MARK_CLOSE + _BLOCK + _SPACE + _INLINE + _MARK_ID + _AUTONUMBER
_OWN_TOKENS: Final = str.maketrans(dict.fromkeys(_TOKEN_CHARS, "\ufffd"))
_BARE_EXTERNAL: Final = re.compile(
    r"\[(?:" + "|".join(map(re.escape, URL_PROTOCOLS)) + r")[^\s\[\]<>\"]+\s*\]",
    re.IGNORECASE,
)


def _may_link_out(wikitext: str) -> bool:
    """Whether ``wikitext`` may hold a bracketed external link (every URL protocol holds a
    ``:`` or is ``//``): a cheap test before the pattern."""
    return "[" in wikitext and ("//" in wikitext or ":" in wikitext)


def _display(wikitext: str) -> str:
    """``display_text(wikitext)`` for a span whose structure the page's scan took out.

    A span in which a scan would find structure again goes to ``display_text`` whole.
    """
    # PERF: the substring tests spare most spans the pattern's test of every character.
    if ("{{" in wikitext or "<" in wikitext) and _STRUCTURE.search(wikitext):
        return display_text(wikitext)
    return span_display(wikitext)


def line_text(wikitext: str) -> str | None:
    """The text of a page that is one line of running text with no structure, else ``None``.

    No template, comment, tag or file link, and no list, table or heading mark at its
    start: such a page is one paragraph, and this is what ``build`` shows for it, read
    without a scan.
    """
    # PERF: substring tests, not a regular expression's test of every character.
    if wikitext[:1] == "=" or "{{" in wikitext or holds_any(wikitext, "\n\r<"):
        return None
    if "[[" in wikitext and FILE_LINK.search(wikitext):
        return None
    if _LIST_LINE.match(wikitext) or wikitext.lstrip().startswith(("{|", "|-", "|}")):
        return None
    return _BLANKS.sub(" ", _display(wikitext)).strip()


def _folded(inlines: Iterable[Inline]) -> tuple[Inline, ...]:
    """Runs with blank runs folded to one blank and the ends stripped, across run borders.

    The same as folding and stripping the joined text: the page shows ``a {{·}} b`` as
    ``a · b`` although the blanks belong to different runs.
    """
    runs = _Runs()
    for inline in inlines:
        runs.add(inline)
    return runs.stripped()


class _Runs:
    """Runs being read, their blanks folded across run borders as they come (as
    ``_folded`` folds them); text read in pieces becomes one ``Text`` run, made once."""

    def __init__(self) -> None:
        self.runs: list[Inline] = []
        #: Text read since the last run that is not text.
        self.pending: list[str] = []
        #: Whether the text so far ends with a blank.
        self.blank = False

    def add_text(self, text: str) -> None:
        """A piece of text read from a span (joined to the text before it)."""
        text = _after(text, self.blank)
        if text:
            self.pending.append(text)
            self.blank = text[-1] == " "

    def add_marker(self, marker: Marker) -> None:
        """A reference marker: a run of its own; a blank after it is kept."""
        self._flush()
        self.runs.append(marker)
        self.blank = False

    def add(self, inline: Inline) -> None:
        """A run already read: text joins the text before it, others stay runs."""
        kind = type(inline)
        if kind is Text:
            self.add_text(inline.text)
        elif kind is Marker:
            assert isinstance(inline, Marker)
            self.add_marker(inline)
        else:
            text = _after(inline.text, self.blank)
            if text:
                self._flush()
                # PERF: most runs need no folding; they are kept, not made again.
                self.runs.append(inline if text is inline.text else _like(inline, text))
                self.blank = text[-1] == " "

    def _flush(self) -> None:
        pending = self.pending
        if pending:
            self.runs.append(_text_run(Text, pending[0] if len(pending) == 1 else "".join(pending)))
            pending.clear()

    def stripped(self) -> tuple[Inline, ...]:
        """The runs, with the blanks at both ends stripped across run borders."""
        self._flush()
        return _stripped(self.runs)


def _joined_lines(lines: list[str]) -> str:
    """Text broken by ``<br>`` into ``lines``, joined by blanks as the general reading
    joins them: each line it broke is stripped (the first and last pieces are lines only
    on the side of a break)."""
    last = len(lines) - 1
    return " ".join(
        line.rstrip() if index == 0 else line.lstrip() if index == last else line.strip()
        for index, line in enumerate(lines)
    )


def _after(text: str, blank: bool) -> str:
    """``text`` with its blank runs folded, and its first blank dropped after a blank."""
    if "  " in text:
        text = _BLANKS.sub(" ", text)
    return text[1:] if blank and text[:1] == " " else text


def _stripped(runs: list[Inline]) -> tuple[Inline, ...]:
    """Folded runs with the blanks at both ends stripped, across run borders."""
    while runs and type(runs[0]) is not Marker:
        text = runs[0].text.lstrip()
        if text:
            if len(text) < len(runs[0].text):
                runs[0] = _like(runs[0], text)
            break
        del runs[0]
    while runs and type(runs[-1]) is not Marker:
        text = runs[-1].text.rstrip()
        if text:
            if len(text) < len(runs[-1].text):
                runs[-1] = _like(runs[-1], text)
            break
        runs.pop()
    return tuple(runs)


# PERF: attrs' ``__init__`` of a frozen class (a Python frame, a bound setter per field)
# costs ~2,800 instructions a run, and a page makes thousands of runs. The runs and
# paragraphs made here are made as attrs makes them, each field set on its slot (~1,600
# for a text run); the same values (``tests/test_render_tree.py`` compares them).
_new: Final = object.__new__
_set: Final = object.__setattr__


_TextLike = TypeVar("_TextLike", Text, Rendered)


def _text_run(kind: type[_TextLike], text: str) -> _TextLike:
    """``Text(text)`` or ``Rendered(text)``."""
    run: _TextLike = _new(kind)
    _set(run, "text", text)
    return run


def _label_run(text: str, target: str) -> LinkLabel:
    """``LinkLabel(text, target)``."""
    run: LinkLabel = _new(LinkLabel)
    _set(run, "text", text)
    _set(run, "target", target)
    return run


def _marker_run(group: str, label: str) -> Marker:
    """``Marker(group, label)``."""
    run: Marker = _new(Marker)
    _set(run, "group", group)
    _set(run, "label", label)
    return run


def _note_entry(group: str, label: str, backlinks: tuple[str, ...], text: str) -> Note:
    """``Note(group, label, backlinks, text)``."""
    note: Note = _new(Note)
    _set(note, "group", group)
    _set(note, "label", label)
    _set(note, "backlinks", backlinks)
    _set(note, "text", text)
    return note


def _paragraph_block(inlines: tuple[Inline, ...]) -> Paragraph:
    """``Paragraph(inlines)``."""
    block: Paragraph = _new(Paragraph)
    _set(block, "inlines", inlines)
    return block


def _like(inline: Inline, text: str) -> Inline:
    """A run of the same kind as ``inline`` (text, link label or rendered) holding ``text``."""
    if type(inline) is LinkLabel:
        assert isinstance(inline, LinkLabel)
        return _label_run(text, inline.target)
    return _text_run(Rendered, text) if type(inline) is Rendered else _text_run(Text, text)


class _Builder:
    """One build: the page's tokens and the blocks they stand for."""

    def __init__(self, article: Readable, date_format: DateFormat | None, lists: bool) -> None:
        self.article = article
        self.date_format = date_format
        self.lists = lists
        source = article.page.text
        #: Whether the page holds token characters of its own (then read as U+FFFD).
        # PERF: searching a str for a character wider than its widest is one comparison.
        self.own_tokens = holds_any(source, _TOKEN_CHARS)
        self.source = self._unforged(source)
        self.site = article.site
        self.hidden_link = article.site.hidden_link
        #: Reference uses by start offset: ``(end, token)``.
        self.markers: dict[int, tuple[int, str]] = {}
        self.marks: list[Marker] = []
        self.marker_starts: list[int] = []
        #: Rendered top-level calls, by token number.
        self.specials: list[tuple[Inline, ...]] = []
        #: Blocks that stand on their own line, by token number (``None``: shows nothing).
        self.placed: list[Block | None] = []
        #: Whether some text holds an unlabelled external link (``_AUTONUMBER``).
        self.autonumbered = False

    # --- the pass over the scan -----------------------------------------------------

    def blocks(self) -> list[Block]:
        """The page's blocks, in page order."""
        blocks = _quoted(self._blocks(self._flatten()))
        if self.autonumbered:
            numbering = _Numbering()
            blocks = [numbering.block(block) for block in blocks]
        return blocks

    def _unforged(self, text: str) -> str:
        """Text of the page read where tokens are: its own token characters as U+FFFD."""
        return text.translate(_OWN_TOKENS) if self.own_tokens else text

    def _marker(self, reference: Reference, label: str) -> str:
        self.marks.append(_marker_run(reference.group, label))
        shown = f"[{label}]".replace(" ", _SPACE)
        return f"{_MARK_OPEN}{shown}{_MARK_ID}{len(self.marks) - 1}{_MARK_CLOSE}"

    def _place(self, block: Block | None) -> str:
        self.placed.append(block)
        return f"\n{_BLOCK}{len(self.placed) - 1}{_BLOCK}\n"

    def _flatten(self) -> str:
        """The page's top level as wikitext with tokens for everything already read."""
        article, source = self.article, self.source
        for reference in article.references:
            for use in reference.uses:
                self.markers[use.start] = (use.end, self._marker(reference, use.label))
        markers = self.markers
        self.marker_starts = sorted(markers)
        lists = self.lists
        placed = {r.start: r for r in article.reference_lists if r.start >= 0} if lists else {}
        calls = {t.start: t for t in article.templates if t.depth == 0}
        infobox = article.infobox
        infobox_start = (
            infobox.call.start if infobox is not None and infobox.call.depth == 0 else -1
        )
        titles: dict[int, str | None] | None = None
        pieces: list[str] = []
        position = 0
        for node in article.page.tree.children:
            if node.start < position:
                continue
            pieces.append(source[position : node.start])
            position = node.end
            kind = type(node)
            if node.start in markers:
                end, token = markers[node.start]
                pieces.append(token)
                position = max(position, end)
            elif node.start in placed:
                pieces.append(self._place(self._note_list(placed[node.start])))
            elif node.start == infobox_start and infobox is not None:
                pieces.append(self._place(self._infobox(infobox)))
            elif kind is scan.Heading:
                assert isinstance(node, scan.Heading)
                if titles is None:
                    titles = {s.start: s.title for s in article.all_sections()}
                title = titles.get(node.start)
                if title is not None:
                    pieces.append(self._place(Heading(node.level, title)))
            elif kind is scan.Template:
                assert isinstance(node, scan.Template)
                if node.is_arg:
                    pieces.append(self._argument(node))
                else:
                    # Rendered here, whole: a call may span lines the block pass would split.
                    pieces.append(self._special(self._call(calls.get(node.start), node)))
            elif kind is scan.Ext:
                assert isinstance(node, scan.Ext)
                if node.name.lower() in TEXT_TAGS and node.inner_start >= 0:
                    pieces.append(source[node.start : node.end])
            # comments, <includeonly> material and other tags show nothing
        pieces.append(source[position:])
        if lists:
            for ref_list in article.reference_lists:
                if ref_list.start < 0:
                    pieces.append(self._place(self._note_list(ref_list)))
        # Calls and markers are tokens by now, so a file link's brackets balance here
        # even when its caption holds templates or refs.
        # Behaviour switches and interlanguage links leave the text as MediaWiki's parser
        # takes them out (doDoubleUnderscore, the language links of replaceInternalLinks).
        text = self.site.without_site_syntax("".join(pieces))
        if "lockquote" in text:
            text = _quote_blocks(text)
        return _without_files(text, self.site.file_link)

    def _call(self, call: Template | None, node: scan.Node) -> tuple[Inline, ...]:
        """What a top-level call shows: fixed text, a citation, or its display text."""
        if call is not None:
            literal = LITERAL_TEMPLATES.get(call.name.casefold())
            if literal is not None:
                return (Rendered(literal),)  # spacing and punctuation templates keep blanks
            # PERF: read from the scan's parts, without the call's view (its params copied).
            assert isinstance(node, scan.Template)
            citation = citation_at(self.source, node)
            if citation is not None:
                text = citation.to_text(date_format=self.date_format, errors=False)
                return (_text_run(Rendered, text),)
        if shows_nothing(self.source[node.start : node.end], call):
            # PERF: most other top-level calls are templates wikibio does not render
            # (navboxes, maintenance tags): nothing to read again (12,800 in the corpus).
            return ()
        wikitext = self._with_markers(node.start, node.end)
        if (
            call is not None
            and _MARK_OPEN not in wikitext
            and "[[" not in wikitext
            and not _may_link_out(wikitext)
        ):
            # PERF: nothing in the call becomes a run of its own (no marker, link or
            # numbered link): its text is read from the call the walk made, not scanned.
            text = self._unforged(call_text(call).replace("\n", " "))
            return tuple(_text_run(Rendered, r.text) for r in self._marked(text))
        runs = self._runs(wikitext)
        return tuple(_text_run(Rendered, r.text) if type(r) is Text else r for r in runs)

    def _argument(self, node: scan.Template) -> str:
        """What a ``{{{parameter}}}`` in the page shows: a page has no arguments, so its
        default's wikitext (``{{{x|default}}}``), else the parameter as written."""
        if len(node.parts) < 2:
            return self._special((Rendered(self.source[node.start : node.end]),))
        default = node.parts[1]
        pieces: list[str] = []
        position = default.start
        for child in default.children:
            if type(child) is scan.Template and child.is_arg:
                assert isinstance(child, scan.Template)
                pieces.append(self._with_markers(position, child.start))
                pieces.append(self._argument(child))
                position = child.end
        pieces.append(self._with_markers(position, default.end))
        return "".join(pieces)

    def _note_list(self, ref_list: ReferenceList) -> NoteList | None:
        """The list's notes; a one-line note with unlabelled external links is read again
        so that they are numbered in the page's order."""
        found = _note_list(ref_list)
        if found is None or not any(_may_link_out(r.wikitext) for r in ref_list.references):
            return found
        notes = list(found.notes)
        for index, reference in enumerate(ref_list.references):
            shown = _autonumbered_note(self._unforged(reference.wikitext))
            if shown is not None:
                notes[index] = Note(
                    notes[index].group, notes[index].label, notes[index].backlinks, shown
                )
                self.autonumbered = True
        return NoteList(found.group, tuple(notes))

    def _with_markers(self, start: int, end: int) -> str:
        """``source[start:end]`` with every reference use inside it replaced by its token."""
        source, markers = self.source, self.markers
        pieces: list[str] = []
        position = start
        starts = self.marker_starts
        first, last = bisect.bisect_left(starts, start), bisect.bisect_left(starts, end)
        for use_start in starts[first:last]:
            use_end, token = markers[use_start]
            if use_start < position or use_end > end:
                continue
            pieces.append(source[position:use_start])
            pieces.append(token)
            position = use_end
        pieces.append(source[position:end])
        return "".join(pieces)

    # --- inline runs ----------------------------------------------------------------

    def _runs(self, wikitext: str) -> tuple[Inline, ...]:
        """The runs a paragraph, item or cell shows, tokens put back."""
        if _may_link_out(wikitext) and _BARE_EXTERNAL.search(wikitext):
            wikitext = _BARE_EXTERNAL.sub(_AUTONUMBER, wikitext)
            self.autonumbered = True
        else:
            # PERF: three quarters of the page's text is words, bold and italics around
            # plain links and tokens: read in one pass (equal to the reading below).
            runs = self._word_runs(wikitext)
            if runs is not None:
                return runs
        if "[[" in wikitext:
            wikitext = _LINK.sub(self._link, wikitext)
        return self._marked(_display(wikitext).replace("\n", " "))

    def _word_runs(self, wikitext: str) -> tuple[Inline, ...] | None:
        """The runs of text that is words, nested bold and italics, plain links and tokens.

        What ``_runs`` reads otherwise through ``_link``, ``_display`` and ``_marked``,
        in one pass: the links' labels, the tokens' runs, and the text between them with
        its inline tags removed, a line break (``<br>``, ``</br>`` …) read as a blank, its
        named entities decoded, its quote runs removed and its blanks folded across runs; a
        lone bracket (``[a] fetus``) is text.  ``None`` for any other text (a numeric
        entity, another tag or an entity that decodes to one, double brackets that are no
        plain link, a bracket that may open an external link, a hidden link, a newline or
        tab, a line-markup first character, quote runs that do not nest).
        """
        if (
            wikitext[:1] in LINE_MARKUP
            or "''''" in wikitext
            or "://" in wikitext
            or "&#" in wikitext
            or holds_any(wikitext, _NOT_WORDS)
            or not nested_quotes(wikitext)
        ):
            return None
        runs = _Runs()
        specials, marks = self.specials, self.marks
        # PERF: one split reads every run's groups; the text between runs is every sixth
        # piece (the pattern has five groups), as ``_marked`` reads its tokens.
        pieces = _WORD_RUN.split(wikitext)
        last = len(pieces) - 1
        for index in range(0, last + 1, 6):
            piece = pieces[index]
            if piece:
                if ("[" in piece or "]" in piece) and not bracket_is_text(piece):
                    return None  # a link that is no plain link
                if "&" in piece:
                    # Decoded before the tags and quote runs go, as the general reading
                    # decodes each stretch between tags (``&am</span>p;`` stays literal).
                    decoded = decoded_entities(piece)
                    if decoded.count("<") != piece.count("<") or (
                        decoded.count(">") != piece.count(">")
                    ):
                        return None  # an escaped tag, which the general reading removes
                    piece = decoded
                if "<" in piece or ">" in piece:
                    lines = ANY_BREAK.split(piece)
                    if len(lines) > 1:
                        # A line break reads as a blank: the general reading's broken lines,
                        # each stripped, joined again (a thousand corpus paragraphs).  Beside
                        # other tags, which go before lines are stripped, it reads them.
                        piece = _joined_lines(lines)
                        if "<" in piece or ">" in piece:
                            return None
                    else:
                        without = without_simple_tags(piece)
                        if without is None:
                            return None
                        piece = without
                if "''" in piece:
                    piece = piece.replace("'''", "").replace("''", "")
                runs.add_text(fold_blanks(piece))
            if index == last:
                break
            target: str | None = pieces[index + 1]
            inlines: Iterable[Inline]
            if target is not None:
                link = self._link_label(target, pieces[index + 2], pieces[index + 3])
                if link is None:
                    return None
                inlines = (link,)
            elif pieces[index + 4] is not None:
                inlines = specials[int(pieces[index + 4])]
            else:
                runs.add_marker(marks[int(pieces[index + 5])])
                continue
            for inline in inlines:
                runs.add(inline)
        return runs.stripped()

    def _link(self, match: re.Match[str]) -> str:
        """A plain wikilink as a token standing for its label run; other links as written.

        Only links whose label is plain words become runs (what the reader sees of them is
        then the label as written, named entities decoded); links to files and categories,
        which show nothing, and labels with markup stay for the span's reading.
        """
        link = self._link_label(*match.groups())
        if link is None:
            return match.group(0)
        self.specials.append((link,))
        return f"{_INLINE}{len(self.specials) - 1}{_INLINE}"

    def _link_label(self, target: str, label: str | None, trail: str) -> LinkLabel | None:
        """The run a plain link (``_LINK``) shows, or ``None`` when the span's reading must
        read it: a hidden link, an empty target, or an entity that decodes to a tag's
        bracket (which the reading may remove as a tag)."""
        page = target.strip()
        # A hidden link (file, category) has a namespace prefix: a colon.
        if not page or (":" in target and self.hidden_link.match(target)):
            return None
        page = page.removeprefix(":")
        shown = page if label is None else label
        if "&" in shown:
            shown = decoded_entities(shown)
            if "<" in shown or ">" in shown:
                return None
        return _label_run(fold_blanks(shown) + trail, page)  # blanks as the span reading folds

    def _special(self, runs: tuple[Inline, ...]) -> str:
        """The token that stands for ``runs`` (already read) in the text still to read."""
        self.specials.append(runs)
        return f"{_INLINE}{len(self.specials) - 1}{_INLINE}"

    def _marked(self, text: str) -> tuple[Inline, ...]:
        """Read text with its tokens as runs (markers, link labels, rendered calls).

        Blanks fold across runs (as ``_folded`` folds them); an infobox value's line
        breaks stay in its text runs.
        """
        if _INLINE not in text and _MARK_OPEN not in text:
            text = (_BLANKS.sub(" ", text) if "  " in text else text).strip()
            return (_text_run(Text, text),) if text else ()
        # PERF: the runs are folded as they are made: one pass, and no text run made only
        # to be made again.
        runs = _Runs()
        specials, marks = self.specials, self.marks
        # The split gives text, then each token's two groups (one of them None), then text.
        pieces = _TOKEN.split(text)
        last = len(pieces) - 1
        for index in range(0, last + 1, 3):
            piece = pieces[index]
            if piece:
                runs.add_text(piece)
            if index == last:
                break
            rendered = pieces[index + 1]
            if rendered is None:
                runs.add_marker(marks[int(pieces[index + 2])])
                continue
            for inline in specials[int(rendered)]:
                runs.add(inline)
        return runs.stripped()

    # --- blocks ---------------------------------------------------------------------

    def _blocks(self, body: str) -> Iterator[tuple[Block, str, str]]:
        """Paragraphs, lists, tables and placed blocks, with their first and last lines."""
        paragraph: list[str] = []
        lines = body.split("\n")
        index = 0

        def flush() -> Iterator[tuple[Block, str, str]]:
            if paragraph:
                yield _paragraph_block(self._runs(" ".join(paragraph))), paragraph[0], paragraph[-1]
                paragraph.clear()

        while index < len(lines):
            line = lines[index]
            stripped = line.strip()
            index += 1
            # PERF: most lines are running text; their first character rules out the rest.
            first = stripped[:1]
            if first not in _BLOCK_FIRST and line[:1] not in _LIST_FIRST:
                if stripped:
                    paragraph.append(line)
                else:
                    yield from flush()
                continue
            placed = _BLOCK_LINE.fullmatch(stripped)
            if placed is not None:
                yield from flush()
                block = self.placed[int(placed.group(1))]
                if block is not None:
                    yield block, "", ""
            elif stripped.startswith(("|-", "|}")):
                # Row syntax outside a table: the table was opened by a template
                # ({{S-start}}) whose output the page's text does not hold.
                yield from flush()
            elif stripped.startswith("{|"):
                yield from flush()
                table = [line]
                depth = 1
                while index < len(lines) and depth:
                    row = lines[index]
                    index += 1
                    table.append(row)
                    if row.strip().startswith("{|"):
                        depth += 1
                    elif row.strip().startswith("|}"):
                        depth -= 1
                yield self._table_block(table), table[0], table[-1]
            elif _LIST_LINE.match(line):
                yield from flush()
                items = [line]
                while index < len(lines) and _LIST_LINE.match(lines[index]):
                    items.append(lines[index])
                    index += 1
                yield self._list(items), items[0], items[-1]
            elif stripped:
                paragraph.append(line)
            else:
                yield from flush()
        yield from flush()

    def _list(self, lines: Sequence[str]) -> ItemList:
        """List items as readers see them: bullets, numbers, definition terms, indents."""
        items: list[ListItem] = []
        counters: dict[int, int] = {}
        for line in lines:
            match = _LIST_LINE.match(line)
            assert match is not None
            marks, content = match.groups()
            depth = len(marks) - 1
            for deeper in [d for d in counters if d > depth]:
                del counters[deeper]
            runs = self._runs(content)
            kind: _ItemKind = marks[-1]  # type: ignore[assignment]  # one of "*#:;"
            number = None
            if kind == "#":
                number = counters[depth] = counters.get(depth, 0) + 1
            if runs or kind in "*#":
                items.append(ListItem(kind, depth, number, runs))
        return ItemList(tuple(items))

    def _table_block(self, lines: Sequence[str]) -> Block:
        """The block a table's lines make (the expanded view reads infobox tables here)."""
        return self._table(lines)

    def _table(self, lines: Sequence[str]) -> Table:
        """A table's caption and rows of cells."""
        rows: list[tuple[tuple[Inline, ...], ...]] = []
        current: list[tuple[Inline, ...]] = []
        caption: tuple[Inline, ...] = ()
        for line in lines[1:]:
            stripped = line.strip()
            if stripped.startswith("|}"):
                continue
            if stripped.startswith("|+"):
                caption = self._runs(_cell_content(stripped[2:]))
            elif stripped.startswith("|-"):
                if any(current):
                    rows.append(tuple(current))
                current = []
            elif stripped.startswith(("|", "!")):
                for cell in _TABLE_CELL_SPLIT.split(stripped[1:]):
                    current.append(self._runs(_cell_content(cell)))
            elif stripped.startswith("{|"):
                continue  # a nested table's rows read as the outer table's
            elif current:
                more = self._runs(stripped)
                last = current[-1]
                current[-1] = (*last, Text(" "), *more) if last and more else last or more
        if any(current):
            rows.append(tuple(current))
        return Table(caption, tuple(rows))

    def _infobox(self, infobox: InfoboxView) -> Infobox:
        """The infobox block: its title, then one row per shown field.

        Reference markers inside a value stay, as the page shows them (``Colonel[2]``).
        """

        def render(field: Field) -> str:
            argument = field.argument
            start = argument.equals + 1 if argument.equals >= 0 else argument.start
            wikitext = self._with_markers(start, argument.end)
            if (
                "[[" not in wikitext
                and _MARK_OPEN not in wikitext
                and "<!--" not in wikitext
                and field.value[:1] not in LINE_MARKUP
                and not field.value.startswith("{|")
                and not self.own_tokens
            ):
                # PERF: a value with no link, note or comment, and no line markup that its
                # blanks would keep from a line's start, shows the display text the field
                # keeps (which a record asks for too).
                return field.text
            if not _STRUCTURE.search(wikitext):
                # Links inside calls are the calls' to show: only a value without calls
                # has its links as runs.
                wikitext = _LINK.sub(self._link, wikitext)
            return _display(wikitext)

        name = infobox.get("name")
        title = name.text if name is not None and name.text else (self.article.title or "")
        rows = tuple(
            InfoboxRow(label, self._marked(value)) for label, value in infobox.rows(render=render)
        )
        return Infobox(title, rows)


def _note_list(ref_list: ReferenceList) -> NoteList | None:
    """The list's notes, as its ``  1. ^ a b Text`` lines show them."""
    notes = tuple(
        _note_entry(
            reference.group,
            reference.label or (str(reference.number) if reference.number else ""),
            tuple(reference.backlinks),
            reference.text,
        )
        for reference in ref_list.references
    )
    return NoteList(ref_list.group, notes) if notes else None


def _autonumbered_note(wikitext: str) -> str | None:
    """A one-line note's text with its unlabelled external links as ``_AUTONUMBER``."""
    if not _may_link_out(wikitext) or not _BARE_EXTERNAL.search(wikitext):
        return None
    return line_text(_BARE_EXTERNAL.sub(_AUTONUMBER, wikitext))


class _Numbering:
    """Replaces each ``_AUTONUMBER`` with the next number, in reading order.

    PERF: a block without one is kept as it is (most blocks of a page that has one), and
    no closures are made per block (they made reference cycles the collector had to free:
    650,000 of them over the corpus).
    """

    __slots__ = ("number",)

    def __init__(self) -> None:
        #: The number the next ``_AUTONUMBER`` gets.
        self.number = 1

    def block(self, block: Block) -> Block:
        """``block`` with each ``_AUTONUMBER`` numbered (``block`` itself when it has none)."""
        kind = type(block)
        if kind is Paragraph:
            assert isinstance(block, Paragraph)
            inlines = self.runs(block.inlines)
            return block if inlines is block.inlines else Paragraph(inlines)
        if kind is ItemList:
            assert isinstance(block, ItemList)
            items = tuple(self._item(item) for item in block.items)
            if all(new is old for new, old in zip(items, block.items, strict=True)):
                return block
            return ItemList(items)
        if kind is Table:
            assert isinstance(block, Table)
            caption = self.runs(block.caption)
            rows = tuple(tuple(self.runs(cell) for cell in row) for row in block.rows)
            return block if (caption, rows) == (block.caption, block.rows) else Table(caption, rows)
        if kind is Quote:
            assert isinstance(block, Quote)
            blocks = tuple(self.block(inner) for inner in block.blocks)
            return block if blocks == block.blocks else Quote(blocks)
        if kind is NoteList:
            assert isinstance(block, NoteList)
            if not any(_AUTONUMBER in note.text for note in block.notes):
                return block
            notes = tuple(
                Note(note.group, note.label, note.backlinks, self.text(note.text))
                if _AUTONUMBER in note.text
                else note
                for note in block.notes
            )
            return NoteList(block.group, notes)
        return block

    def _item(self, item: ListItem) -> ListItem:
        inlines = self.runs(item.inlines)
        if inlines is item.inlines:
            return item
        return ListItem(item.kind, item.depth, item.number, inlines)

    def runs(self, inlines: tuple[Inline, ...]) -> tuple[Inline, ...]:
        """The runs with their ``_AUTONUMBER`` numbered (``inlines`` itself when none has one)."""
        for inline in inlines:
            if type(inline) is not Marker and _AUTONUMBER in inline.text:
                break
        else:
            return inlines
        return tuple(
            _like(inline, self.text(inline.text))
            if type(inline) is not Marker and _AUTONUMBER in inline.text
            else inline
            for inline in inlines
        )

    def text(self, value: str) -> str:
        """``value`` with each ``_AUTONUMBER`` replaced by the next number."""
        while _AUTONUMBER in value:
            value = value.replace(_AUTONUMBER, f"[{self.number}]", 1)
            self.number += 1
        return value


def _quoted(found: Iterable[tuple[Block, str, str]]) -> list[Block]:
    """Blocks, with a ``<blockquote>`` opened by a block and closed by a later one as a Quote.

    A quote that opens or closes inside a block stays running text; one never closed
    leaves its blocks as they are.
    """
    blocks: list[Block] = []
    inner: list[Block] | None = None
    for block, first, last in found:
        if inner is None:
            if type(block) is not Heading and _QUOTE_OPEN.match(first):
                inner = []
            else:
                blocks.append(block)
                continue
        assert inner is not None
        if type(block) in (Heading, Infobox, NoteList):
            blocks.extend(inner)  # never closed before the next block-level thing
            blocks.append(block)
            inner = None
            continue
        if _shows(block):
            inner.append(block)
        if _QUOTE_CLOSE.search(last.rstrip()):
            if inner:
                blocks.append(Quote(tuple(inner)))
            inner = None
    if inner is not None:
        blocks.extend(inner)
    return [b for b in blocks if _shows(b)]


#: A ``<blockquote>`` or ``</blockquote>`` tag, with what surrounds it on its line.
_QUOTE_TAG: Final = re.compile(r"[ \t]*(</?blockquote(?:\s[^<>]*)?>)[ \t]*", re.IGNORECASE)


_NOT_RUNNING_TEXT: Final = ("{|", "|", "!", "*", "#", ":", ";")


def _quote_blocks(text: str) -> str:
    """Text with each ``<blockquote>`` tag of a running-text line set apart as a block.

    ``<blockquote>`` is block-level: MediaWiki's doBlockLevels closes the paragraph before
    it and opens a new one after it, even in the middle of a line.  Lines of tables and
    lists keep their tags where they stand (the quote stays part of the cell or item).
    """
    lines = text.split("\n")
    for index, line in enumerate(lines):
        if "lockquote" in line and not line.lstrip().startswith(
            ("{|", "|", "!", "*", "#", ":", ";")
        ):
            opened = _QUOTE_TAG.sub(
                lambda m: f"\n\n{m.group(1)}\n" if m.group(1)[1] != "/" else f"\n{m.group(1)}\n\n",
                line,
            )
            lines[index] = opened
    return "\n".join(lines)


def _shows(block: Block) -> bool:
    """Whether a block shows anything (empty paragraphs, lists and tables do not)."""
    kind = type(block)
    if kind is Paragraph:
        assert isinstance(block, Paragraph)
        return bool(block.inlines)
    if kind is ItemList:
        assert isinstance(block, ItemList)
        return bool(block.items)
    if kind is Table:
        assert isinstance(block, Table)
        return bool(block.caption or block.rows)
    if kind is Infobox:
        assert isinstance(block, Infobox)
        return bool(block.title or block.rows)
    return True


_LINK_BRACKETS: Final = re.compile(r"\[\[|\]\]")


def _without_files(text: str, file_link: NamespacePrefix = FILE_LINK) -> str:
    """Drop file links (``[[File:…|thumb|caption]]``, captions may span lines and links)."""
    if "[[" not in text:
        return text
    pieces: list[str] = []
    position = 0
    for match in file_link.finditer(text):
        if match.start() < position:
            continue
        depth, index = 0, match.start()
        for bracket in _LINK_BRACKETS.finditer(text, index):
            depth += 1 if bracket.group() == "[[" else -1
            if depth == 0:
                index = bracket.end()
                break
        if depth:
            continue  # never closed: MediaWiki shows it as text
        pieces.append(text[position : match.start()])
        position = index
    pieces.append(text[position:])
    return "".join(pieces)


def _cell_content(cell: str) -> str:
    """A cell's content without its ``attributes |`` prefix."""
    if "|" in cell and "[[" not in cell.split("|", 1)[0] and "{{" not in cell.split("|", 1)[0]:
        head, rest = cell.split("|", 1)
        if "=" in head or not head.strip():
            return rest
    return cell
