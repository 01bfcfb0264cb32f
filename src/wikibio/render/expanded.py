"""The reading view of a page with its templates expanded (``parse(…, templates=…)``).

With a template source, what readers see is the page after MediaWiki's expansion, so this
module expands the page once (``expand_page``) and reads the result as a page of its own:

* ``<ref>`` and ``<references>`` bodies are expanded where the tag stands, in the page's
  frame, as the Cite extension parses them (it keeps the body as written and parses it
  with ``Parser::recursiveTagParse`` and no frame, so a template's ``<ref>{{{1}}}</ref>``
  shows ``{{{1}}}``); ``{{#tag:ref|…}}`` gets its body from the expanded arguments.  The
  expander records each tag in the order its hook runs (``ExpansionResult.tags``) and the
  reference analysis numbers the refs in that order, as Cite does.
* An infobox is the table the template produces: the first table whose ``class`` holds the
  word ``infobox`` (the class every Wikipedia infobox template sets, and Module:Infobox
  too) becomes the reading view's infobox block.  Its rows are read from the cells, not
  from wikibio's label maps: a row with a header cell (``!``, ``<th>``) and a data cell
  (``|``, ``<td>``) is a label and a value, a row of header cells alone is a header row,
  a row of two or more data cells is a label (the first, as the table lays it out) and a
  value, and a row of one data cell (an image, a caption) is a value without a label.  The
  table's caption (``|+``), else a first row of one header cell, is the box's title.
  Templates often write the rows of such a table as HTML (``<tr><th>…</th><td>…</td></tr>``,
  as ``Template:Infobox/row``-style templates do); inside an infobox table these are read
  as the equivalent wikitable rows.

``invoke_hook`` is the one place where the expander's ``#invoke`` hook is chosen for a
page: the Lua runtime (``wikibio.scribunto``) runs the source's modules.
"""

from __future__ import annotations

import bisect
import datetime
import re
from collections.abc import Mapping, Sequence
from typing import Final

from wikibio.citations import DateFormat
from wikibio.expand import (
    ExpansionResult,
    InvokeHook,
    TagExpansion,
    TemplateSource,
    expand_with_diagnostics,
)
from wikibio.render.blocks import Block, Document, Infobox, InfoboxRow, Inline, Text, text_of
from wikibio.render.markdown import markdown_text
from wikibio.render.plain import plain_text
from wikibio.render.tree import Readable, _Builder, _cell_content, page_date_format
from wikibio.scribunto import invoke_hook as scribunto_invoke_hook
from wikibio.site import Site

__all__ = [
    "EXPANDED_BODIES",
    "Templates",
    "expand_page",
    "expanded_view",
    "infobox_rows",
    "invoke_hook",
    "reading_text",
    "render_expanded",
    "render_expanded_markdown",
]

#: What ``parse(…, templates=…)`` accepts as a template source.
Templates = TemplateSource | Mapping[str, str]

#: Extension tags whose bodies the reading view needs expanded: Cite parses the body of
#: ``<ref>`` and of ``<references>`` (list-defined refs), in the page's frame.
EXPANDED_BODIES: Final = frozenset({"ref", "references"})


def invoke_hook() -> InvokeHook:
    """The ``#invoke`` hook for one page: a fresh page session of this thread's Lua runtime
    (``wikibio.scribunto``), which asks the expander's source for modules; without lupa,
    ``{{#invoke:}}`` shows "Script error" and a diagnostic says to install the ``lua`` extra.
    """
    return scribunto_invoke_hook()


def expand_page(
    text: str,
    *,
    title: str | None,
    templates: Templates,
    site: Site | None = None,
    clock: datetime.datetime | None = None,
) -> ExpansionResult:
    """The page's wikitext expanded for reading: templates, and ref bodies as Cite does.

    Args:
        site: The wiki's namespace names; by default the source's own (``from_dump``
            reads them from the dump), else English Wikipedia's.
    """
    return expand_with_diagnostics(
        text,
        title=title,
        templates=templates,
        clock=clock,
        site=site,
        invoke=invoke_hook(),
        bodies=EXPANDED_BODIES,
    )


# --- infobox tables --------------------------------------------------------------------

#: ``class="… infobox …"`` in a table's opening line or tag.
_INFOBOX_CLASS: Final = re.compile(
    r"""\bclass\s*=\s*(?:"[^"]*\binfobox\b[^"]*"|'[^']*\binfobox\b[^']*'|infobox\b)""",
    re.IGNORECASE,
)
#: An HTML table element's tag, as the Sanitizer lets it through.
_HTML_TABLE_TAG: Final = re.compile(r"<(/?)(table|tr|th|td|caption)(\s[^<>]*)?>", re.IGNORECASE)
#: An HTML ``<table>`` with the infobox class, up to its matching ``</table>``.
_HTML_TABLE_OPEN: Final = re.compile(r"<table(\s[^<>]*)?>", re.IGNORECASE)


def _wikitable_lines(text: str) -> str:
    """HTML table tags inside an infobox table written as the wikitable lines they equal.

    ``<tr>`` is a ``|-`` line, ``<th a>`` a ``! a |`` line, ``<td a>`` a ``| a |`` line,
    ``<caption>`` a ``|+`` line, ``<table a>`` a ``{| a`` line; closing tags end the line.
    """

    def line(match: re.Match[str]) -> str:
        closing, name, attributes = match.group(1), match.group(2).lower(), match.group(3)
        if closing:
            return "\n|}\n" if name == "table" else "\n"
        attributes = " ".join((attributes or "").split()).replace("|", "&#124;")
        prefix = {"table": "{|", "tr": "|-", "th": "!", "td": "|", "caption": "|+"}[name]
        if name in ("table", "tr"):
            return f"\n{prefix} {attributes}\n"
        return f"\n{prefix} {attributes} |" if attributes else f"\n{prefix} "

    return _HTML_TABLE_TAG.sub(line, text)


def _infobox_tables(text: str) -> list[tuple[int, int]]:
    """The spans of the HTML ``<table class="…infobox…">`` elements, outermost only."""
    if "<table" not in text.lower():
        return []
    tables: list[tuple[int, int]] = []
    position = 0
    for match in _HTML_TABLE_OPEN.finditer(text):
        if match.start() < position or not _INFOBOX_CLASS.search(match.group(0)):
            continue
        depth, end = 0, len(text)
        for tag in re.finditer(r"<(/?)table\b[^<>]*>", text[match.start() :], re.IGNORECASE):
            depth += -1 if tag.group(1) else 1
            if depth == 0:
                end = match.start() + tag.end()
                break
        tables.append((match.start(), end))
        position = end
    return tables


def _as_wikitable(table: str) -> str:
    return "\n" + _wikitable_lines(table).strip("\n") + "\n"


def html_infoboxes(text: str) -> str:
    """``text`` with each HTML ``<table class="…infobox…">`` rewritten as a wikitable.

    Only infobox tables are rewritten: the reading view shows other HTML tables as today.
    """
    tables = _infobox_tables(text)
    if not tables:
        return text
    pieces: list[str] = []
    position = 0
    for start, end in tables:
        pieces.append(text[position:start])
        pieces.append(_as_wikitable(text[start:end]))
        position = end
    pieces.append(text[position:])
    return "".join(pieces)


#: Stands for a ``<ref>``/``<references>`` tag while an infobox table is rewritten.
_HOLD: Final = "\x7fwikibio-tag-"
_HELD: Final = re.compile(re.escape(_HOLD) + r"([0-9]+)\x7f")

_Span = tuple[int, int]


def reading_text(
    text: str, tags: tuple[TagExpansion, ...]
) -> tuple[str, tuple[TagExpansion, ...] | None]:
    """The expanded text the reading view parses (``html_infoboxes``), and the expansion's
    ``<ref>``/``<references>`` tags with their spans moved to that text.

    A tag outside the rewritten tables moves by the length the rewrite added before it;
    inside one, each outermost tag is held out of the rewrite as a placeholder.  ``None``
    for the tags when the text holds what could be a placeholder (they are then read in
    text order).
    """
    tables = _infobox_tables(text)
    if not tables:
        return text, tags
    if "\x7f" in text:
        return html_infoboxes(text), None
    # Two tags never start at one offset (a tag's own text comes before any it holds).
    spans = sorted({span for tag in tags for span in tag.spans})
    moved: dict[_Span, _Span] = {}
    pieces: list[str] = []
    position = length = index = 0
    for start, end in tables:
        delta = length - position
        while index < len(spans) and spans[index][0] < start:
            span = spans[index]
            index += 1
            if span[1] <= start:
                moved[span] = (span[0] + delta, span[1] + delta)
        pieces.append(text[position:start])
        length += start - position
        inside: list[_Span] = []
        while index < len(spans) and spans[index][0] < end:
            if spans[index][1] <= end:
                inside.append(spans[index])
            index += 1
        table = _held_table(text, start, end, inside, length, moved)
        pieces.append(table)
        length += len(table)
        position = end
    delta = length - position
    moved.update(((s, e), (s + delta, e + delta)) for s, e in spans[index:])
    pieces.append(text[position:])
    shifted: list[TagExpansion] = []
    for tag in tags:
        landed = tuple(moved[span] for span in tag.spans if span in moved)
        if landed != tag.spans:
            # PERF: the constructor, not attrs.evolve (5x slower on pages of many refs).
            name, attributes, body = tag.name, tag.attributes, tag.body
            tag = TagExpansion(
                name, attributes, body, landed, tag.parser_function, tag.list_attributes
            )
        shifted.append(tag)
    return "".join(pieces), tuple(shifted)


def _held_table(
    text: str, start: int, end: int, inside: list[_Span], base: int, moved: dict[_Span, _Span]
) -> str:
    """The infobox table ``text[start:end]`` as a wikitable, which will stand at ``base``;
    ``moved`` learns where the tags ``inside`` it land."""
    outer: list[_Span] = []
    for span in inside:
        if not outer or span[0] >= outer[-1][1]:
            outer.append(span)
    pieces: list[str] = []
    position = start
    for number, (left, right) in enumerate(outer):
        pieces.append(text[position:left])
        pieces.append(f"{_HOLD}{number}\x7f")
        position = right
    pieces.append(text[position:end])
    rewritten = _as_wikitable("".join(pieces))
    out: list[str] = []
    shift: dict[int, int] = {}
    position, length = 0, base
    for match in _HELD.finditer(rewritten):
        number = int(match.group(1))
        if number >= len(outer) or number in shift:
            continue
        before = rewritten[position : match.start()]
        out.append(before)
        length += len(before)
        left, right = outer[number]
        shift[number] = length - left
        out.append(text[left:right])
        length += right - left
        position = match.end()
    out.append(rewritten[position:])
    starts = [left for left, _ in outer]
    for span in inside:
        delta = shift.get(bisect.bisect_right(starts, span[0]) - 1)
        if delta is not None:
            moved[span] = (span[0] + delta, span[1] + delta)
    return "".join(out)


class _ExpandedBuilder(_Builder):
    """The reading view's builder that reads the first infobox table as the infobox."""

    def __init__(
        self,
        article: Readable,
        date_format: DateFormat | None,
        lists: bool,
        echoes: Mapping[int, tuple[int, int]],
    ) -> None:
        super().__init__(article, date_format, lists)
        self.infobox_found = False
        self.echoes = echoes

    def _flatten(self) -> str:
        # A ref shown again from one expansion (an argument used twice) shows the marker
        # of the use it repeats; it is no use of its own (Cite ran its hook once).
        if self.echoes:
            uses = {
                use.start: (reference, use.label)
                for reference in self.article.references
                for use in reference.uses
            }
            for start, (end, first) in self.echoes.items():
                found = uses.get(first)
                if found is not None:
                    self.markers[start] = (end, self._marker(*found))
        return super()._flatten()

    def _table_block(self, lines: Sequence[str]) -> Block:
        if self.infobox_found or not _INFOBOX_CLASS.search(lines[0]):
            return super()._table_block(lines)
        self.infobox_found = True
        return self._infobox_table(_wikitable_lines("\n".join(lines)).split("\n"))

    def _infobox_table(self, lines: Sequence[str]) -> Infobox:
        """The infobox block of an infobox table's lines (see the module doc).

        A cell's lines are read together, so markup that spans them (``<ul>`` … ``</ul>``
        in a data cell) reads as one piece.
        """
        caption = ""
        rows: list[list[tuple[bool, str]]] = []
        current: list[tuple[bool, str]] = []
        depth = 0
        for line in lines[1:]:
            stripped = line.strip()
            if stripped.startswith("{|"):
                depth += 1  # a nested table's cells read as text of the outer cell
                continue
            if stripped.startswith("|}"):
                depth = max(depth - 1, 0)
                continue
            if depth == 0 and stripped.startswith("|+"):
                caption = _cell_content(stripped[2:])
            elif depth == 0 and stripped.startswith("|-"):
                if current:
                    rows.append(current)
                current = []
            elif depth == 0 and stripped.startswith(("|", "!")):
                header = stripped.startswith("!")
                splitter = r"\|\||!!" if header else r"\|\|"
                for cell in re.split(splitter, stripped[1:]):
                    current.append((header, _cell_content(cell)))
            elif stripped and current:
                if depth and stripped.startswith(("|-", "|+")):
                    continue
                if depth and stripped.startswith(("|", "!")):
                    parts = re.split(r"\|\||!!", stripped[1:])
                    stripped = " ".join(_cell_content(part) for part in parts)
                header, last = current[-1]
                current[-1] = (header, f"{last}\n{stripped}")
        if current:
            rows.append(current)
        title = text_of(self._runs(caption)) if caption else ""
        shown: list[InfoboxRow] = []
        for row in rows:
            read = [(header, self._runs(text)) for header, text in row]
            cells = [(header, runs) for header, runs in read if text_of(runs).strip()]
            if not cells:
                continue
            headers = [runs for header, runs in cells if header]
            data = [runs for header, runs in cells if not header]
            if not title and not shown and not data and len(headers) == 1:
                title = text_of(headers[0])
            elif headers and data:
                shown.append(InfoboxRow(text_of(headers[0]), _joined(data)))
            elif headers:
                shown.append(InfoboxRow(" ".join(text_of(h) for h in headers), ()))
            elif len(data) > 1:
                # Two columns of data cells: the first column is the label by layout.
                shown.append(InfoboxRow(text_of(data[0]), _joined(data[1:])))
            else:
                shown.append(InfoboxRow("", _joined(data)))
        return Infobox(title, tuple(shown))


def _joined(cells: Sequence[tuple[Inline, ...]]) -> tuple[Inline, ...]:
    """Data cells of one row as one value, separated by a space."""
    runs: list[Inline] = []
    for cell in cells:
        if runs:
            runs.append(Text(" "))
        runs.extend(cell)
    return tuple(runs)


def expanded_view(
    article: Readable, echoes: Mapping[int, tuple[int, int]] | None = None
) -> Document:
    """The reading view of an expanded page (``article`` is the expanded text, parsed).

    Args:
        echoes: Ref tags that repeat another tag's output (start → (end, the start of
            the use they show)), ``Analysis.echoes``.
    """
    date_format = page_date_format(article.templates)
    builder = _ExpandedBuilder(article, date_format, True, echoes or {})
    return Document(article.title, tuple(builder.blocks()))


def render_expanded(
    article: Readable,
    *,
    page_header: bool = False,
    edit_links: bool = False,
    echoes: Mapping[int, tuple[int, int]] | None = None,
) -> str:
    """The expanded page as plain text (``Article.to_text`` with templates)."""
    view = expanded_view(article, echoes)
    return plain_text(view, page_header=page_header, edit_links=edit_links)


def render_expanded_markdown(
    article: Readable,
    *,
    page_header: bool = False,
    echoes: Mapping[int, tuple[int, int]] | None = None,
) -> str:
    """The expanded page as Markdown (``Article.to_markdown`` with templates)."""
    return markdown_text(expanded_view(article, echoes), page_header=page_header)


def infobox_rows(article: Readable) -> list[tuple[str, str]] | None:
    """The (label, text) rows of the first infobox table of an expanded page, or ``None``.

    ``None`` when the expansion made no infobox table (e.g. a Lua infobox before the Lua
    runtime exists: "Script error").  A header row is ``(header, "")``; a value without a
    label is ``("", value)``.
    """
    for block in expanded_view(article).blocks:
        if isinstance(block, Infobox):
            return [(row.label, text_of(row.value)) for row in block.rows]
    return None
