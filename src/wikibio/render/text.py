"""The reading view: an article as plain text, the way a reader sees the page.

The page is read at the preprocessor's top level: the first infobox becomes a block of
``LabelValue`` rows, ``<ref>`` tags and reference templates become their markers (``[1]``,
``[a]``), ``<references/>`` and ``{{Reflist}}`` become the reference list, headings become
heading lines, and everything else is block markup (paragraphs, lists, tables) whose inline
text is rendered by ``wikibio.values.display_text`` (links as labels, display templates
rendered, unknown templates, files, categories and comments left out).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from typing import Final, Protocol

from wikibio.analysis import analyse
from wikibio.citations import Citation, DateFormat, lone_citation
from wikibio.infobox import DEFAULT_INFOBOX_NAMES, Field, Infobox
from wikibio.page import Page
from wikibio.references import Reference, ReferenceList
from wikibio.sections import Section, build_sections
from wikibio.site import FILE_LINK, TEXT_TAGS
from wikibio.syntax import scan
from wikibio.templates import Template
from wikibio.values import LITERAL_TEMPLATES, display_text

__all__ = ["NoteRenderer", "Readable", "note_text", "page_date_format", "render"]


class Readable(Protocol):
    """What the reading view reads of a page (an ``Article`` is one)."""

    @property
    def title(self) -> str | None:
        """The page's title, if known."""

    @property
    def page(self) -> Page:
        """The page: its text and scan."""

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
    def infobox(self) -> Infobox | None:
        """The first infobox."""

    def all_sections(self) -> Sequence[Section]:
        """Every section at any depth."""


TAGLINE: Final = "From Wikipedia, the free encyclopedia"

# Private-use characters mark what the block pass must put back: a reference marker,
# a block (infobox, reference list, heading) standing on its own line.
_MARK_OPEN, _MARK_CLOSE = "\U000f0010", "\U000f0011"
_BLOCK: Final = "\U000f0012"
_INLINE: Final = "\U000f0014"
_SPACE: Final = "\U000f0013"
_RENDERED: Final = re.compile(f"{_INLINE}(\\d+){_INLINE}")
_MARKER: Final = re.compile(f"{_MARK_OPEN}([^{_MARK_CLOSE}]*){_MARK_CLOSE}")
_LIST_LINE: Final = re.compile(r"^([*#:;]+)\s*(.*)$")
_BLANKS: Final = re.compile(r" {2,}")
_USE_DATES: Final = re.compile(r"Use (dmy|mdy) dates", re.IGNORECASE)
_TABLE_CELL_SPLIT: Final = re.compile(r"\|\||!!")


def page_date_format(templates: Iterable[Template]) -> DateFormat | None:
    """``"dmy"`` or ``"mdy"`` from the page's first ``{{Use dmy dates}}``-style template."""
    for template in templates:
        match = _USE_DATES.fullmatch(template.name)
        if match is not None:
            return "dmy" if match.group(1).lower() == "dmy" else "mdy"
    return None


class NoteRenderer:
    """Renders a page's notes as its lists show them, in the page's date format.

    Made from the page's template calls (``wikibio.analysis.analyse`` calls it with the list
    it fills); the date format is looked up on the first note.
    """

    __slots__ = ("_format", "_known", "_templates")

    def __init__(self, templates: Sequence[Template]) -> None:
        self._templates = templates
        self._format: DateFormat | None = None
        self._known = False

    def __call__(self, wikitext: str) -> str:
        if not self._known:
            self._format = page_date_format(self._templates)
            self._known = True
        return note_text(wikitext, date_format=self._format)


class _Fragment:
    """A note's wikitext read as a page of its own, for its reading view."""

    def __init__(self, wikitext: str) -> None:
        self.title: str | None = None
        self.page = Page(wikitext)
        analysis = analyse(self.page)
        self.templates: Sequence[Template] = analysis.templates
        self.reference_lists: Sequence[ReferenceList] = analysis.reference_lists
        self.references: Sequence[Reference] = [
            ref for ref_list in analysis.reference_lists for ref in ref_list.references
        ]
        self.infobox = next(
            (
                Infobox(t, self.page)
                for t in self.templates
                if not t.dynamic and t.name in DEFAULT_INFOBOX_NAMES
            ),
            None,
        )

    def all_sections(self) -> Sequence[Section]:
        top = build_sections(self.page.text, self.page.headings())[1]
        return [s for section in top for s in section.walk()]


def note_text(wikitext: str, *, date_format: DateFormat | None = None) -> str:
    """A note's text as its reference list shows it: one line, citations rendered."""
    citation = lone_citation(wikitext)
    if citation is not None:
        # PERF: most notes are one citation; rendering it directly skips building an
        # article (3.9 s -> 1.6 s for the corpus's 16,044 notes).
        return citation.to_text(date_format=date_format, errors=False)
    note = _Fragment(wikitext)
    return " ".join(_render_blocks(note, date_format, lists=False, edit_links=False))


def render(article: Readable, *, page_header: bool = False, edit_links: bool = False) -> str:
    """The article as plain text (see ``wikibio.Article.to_text``)."""
    date_format = page_date_format(article.templates)
    text = "\n\n".join(_render_blocks(article, date_format, lists=True, edit_links=edit_links))
    if page_header:
        title = article.title or ""
        text = f"{title}\n\n{TAGLINE}\n{text}"
    return text


def _render_blocks(
    article: Readable, date_format: DateFormat | None, *, lists: bool, edit_links: bool
) -> list[str]:
    blocks: list[str] = []
    body, specials = _flatten(article, date_format, lists=lists)
    for kind, payload in _blocks(body, specials):
        if kind == "paragraph":
            text = _inline(payload, specials)
            if text:
                blocks.append(text)
        elif kind == "heading":
            blocks.append(payload + ("[edit]" if edit_links else ""))
        elif payload:
            blocks.append(payload)
    return blocks


def _flatten(
    article: Readable, date_format: DateFormat | None, *, lists: bool = True
) -> tuple[str, list[str]]:
    """The page's top level as wikitext with markers and block placeholders put in.

    Returns the text and the rendered blocks the placeholders stand for.
    """
    source = article.page.text
    tree = article.page.tree
    markers = {}
    for reference in article.references:
        for use in reference.uses:
            markers[use.start] = (use.end, f"[{use.label}]")
    placed = {r.start: r for r in article.reference_lists if r.start >= 0} if lists else {}
    calls = {t.start: t for t in article.templates if t.depth == 0}
    infobox = article.infobox
    infobox_start = infobox.call.start if infobox is not None and infobox.call.depth == 0 else -1
    specials: list[str] = []
    pieces: list[str] = []
    position = 0

    def block(text: str) -> None:
        pieces.append(f"\n{_BLOCK}{len(specials)}{_BLOCK}\n")
        specials.append(text)

    for node in tree.children:
        if node.start < position:
            continue
        pieces.append(source[position : node.start])
        position = node.end
        kind = type(node)
        if node.start in markers:
            end, label = markers[node.start]
            pieces.append(f"{_MARK_OPEN}{label}{_MARK_CLOSE}")
            position = max(position, end)
        elif node.start in placed:
            block(_reference_list(placed[node.start]))
        elif node.start == infobox_start and infobox is not None:
            block(_infobox(article, markers))
        elif kind is scan.Heading:
            assert isinstance(node, scan.Heading)
            title = next((s.title for s in article.all_sections() if s.start == node.start), None)
            if title is not None:
                pieces.append(f"\n{_BLOCK}h{len(specials)}{_BLOCK}\n")
                specials.append(title)
        elif kind is scan.Template:
            # Rendered here, whole: a call may span lines the block pass would split.
            call = calls.get(node.start)
            citation = Citation.from_template(call) if call is not None else None
            literal = LITERAL_TEMPLATES.get(call.name.casefold()) if call is not None else None
            if literal is not None:
                rendered = literal  # spacing and punctuation templates keep their blanks
            elif citation is not None:
                rendered = citation.to_text(date_format=date_format, errors=False)
            else:
                rendered = _inline(_with_markers(source, node.start, node.end, markers))
            pieces.append(f"{_INLINE}{len(specials)}{_INLINE}")
            specials.append(rendered)
        elif kind is scan.Ext:
            assert isinstance(node, scan.Ext)
            if node.name.lower() in TEXT_TAGS and node.inner_start >= 0:
                pieces.append(source[node.start : node.end])
        # comments, <includeonly> material and other tags show nothing
    pieces.append(source[position:])
    generated = [r for r in article.reference_lists if r.start < 0] if lists else []
    for ref_list in generated:
        block(_reference_list(ref_list))
    # Calls and markers are placeholders by now, so a file link's brackets balance here
    # even when its caption holds templates or refs.
    return _without_files("".join(pieces)), specials


def _without_files(text: str) -> str:
    """Drop file links (``[[File:…|thumb|caption]]``, captions may span lines and links)."""
    if "[[" not in text:
        return text
    pieces: list[str] = []
    position = 0
    for match in FILE_LINK.finditer(text):
        if match.start() < position:
            continue
        depth, index = 0, match.start()
        while index < len(text):
            if text.startswith("[[", index):
                depth += 1
                index += 2
            elif text.startswith("]]", index):
                depth -= 1
                index += 2
                if depth == 0:
                    break
            else:
                index += 1
        if depth:
            continue  # never closed: MediaWiki shows it as text
        pieces.append(text[position : match.start()])
        position = index
    pieces.append(text[position:])
    return "".join(pieces)


def _with_markers(source: str, start: int, end: int, markers: dict[int, tuple[int, str]]) -> str:
    """``source[start:end]`` with every reference use inside it replaced by its marker."""
    pieces: list[str] = []
    position = start
    for use_start in sorted(m for m in markers if start <= m < end):
        use_end, label = markers[use_start]
        if use_start < position or use_end > end:
            continue
        pieces.append(source[position:use_start])
        pieces.append(f"{_MARK_OPEN}{label}{_MARK_CLOSE}")
        position = use_end
    pieces.append(source[position:end])
    return "".join(pieces)


def _blocks(body: str, specials: Sequence[str]) -> Iterator[tuple[str, str]]:
    """Paragraphs, lists, tables and placeholders, in page order."""
    paragraph: list[str] = []
    lines = body.split("\n")
    index = 0

    def flush() -> Iterator[tuple[str, str]]:
        if paragraph:
            yield "paragraph", " ".join(paragraph)
            paragraph.clear()

    while index < len(lines):
        line = lines[index]
        stripped = line.strip()
        index += 1
        if stripped.startswith(_BLOCK) and stripped.endswith(_BLOCK):
            yield from flush()
            key = stripped.strip(_BLOCK)
            if key.startswith("h"):
                yield "heading", specials[int(key[1:])]
            else:
                yield "block", specials[int(key)]
        elif stripped.startswith(("|-", "|}")):
            # Row syntax outside a table: the table was opened by a template ({{S-start}})
            # whose output the page's text does not hold.
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
            yield "block", _table(table, specials)
        elif _LIST_LINE.match(line):
            yield from flush()
            items = [line]
            while index < len(lines) and _LIST_LINE.match(lines[index]):
                items.append(lines[index])
                index += 1
            yield "block", _list(items, specials)
        elif stripped:
            paragraph.append(line)
        else:
            yield from flush()
    yield from flush()


def _protect(wikitext: str) -> str:
    """Markers with their blanks hidden, so rendering cannot split or fold them."""
    return _MARKER.sub(
        lambda m: f"{_MARK_OPEN}{m.group(1).replace(' ', _SPACE)}{_MARK_CLOSE}", wikitext
    )


def _unprotect(text: str) -> str:
    return _MARKER.sub(lambda m: m.group(1).replace(_SPACE, " "), text)


def _inline(wikitext: str, specials: Sequence[str] = ()) -> str:
    """Inline text of a paragraph or item, markers and rendered calls put back."""
    text = display_text(_protect(wikitext)).replace("\n", " ")
    text = _RENDERED.sub(lambda m: specials[int(m.group(1))], text)
    return _BLANKS.sub(" ", _unprotect(text)).strip()


def _list(lines: Sequence[str], specials: Sequence[str]) -> str:
    """List items as readers see them: bullets, numbers, definition terms, indents."""
    out: list[str] = []
    counters: dict[int, int] = {}
    for line in lines:
        match = _LIST_LINE.match(line)
        assert match is not None
        marks, content = match.groups()
        depth = len(marks) - 1
        for deeper in [d for d in counters if d > depth]:
            del counters[deeper]
        text = _inline(content, specials)
        kind = marks[-1]
        if kind == "#":
            counters[depth] = counters.get(depth, 0) + 1
            prefix = f"{counters[depth]}. "
        elif kind == "*":
            prefix = "• "
        else:
            prefix = ""
        if text or prefix:
            out.append("    " * depth + prefix + text)
    return "\n".join(line for line in out if line.strip())


def _table(lines: Sequence[str], specials: Sequence[str]) -> str:
    """A table as rows of tab-separated cells (caption first)."""
    rows: list[list[str]] = []
    current: list[str] = []
    caption = ""
    for line in lines[1:]:
        stripped = line.strip()
        if stripped.startswith("|}"):
            continue
        if stripped.startswith("|+"):
            caption = _inline(_cell_content(stripped[2:]), specials)
        elif stripped.startswith("|-"):
            if current:
                rows.append(current)
            current = []
        elif stripped.startswith(("|", "!")):
            for cell in _TABLE_CELL_SPLIT.split(stripped[1:]):
                current.append(_inline(_cell_content(cell), specials))
        elif stripped.startswith("{|"):
            continue  # a nested table's rows read as the outer table's
        elif current:
            current[-1] = (current[-1] + " " + _inline(stripped, specials)).strip()
    if current:
        rows.append(current)
    text = "\n".join("\t".join(row) for row in rows if any(row))
    return f"{caption}\n{text}" if caption else text


def _cell_content(cell: str) -> str:
    """A cell's content without its ``attributes |`` prefix."""
    if "|" in cell and "[[" not in cell.split("|", 1)[0] and "{{" not in cell.split("|", 1)[0]:
        head, rest = cell.split("|", 1)
        if "=" in head or not head.strip():
            return rest
    return cell


def _infobox(article: Readable, markers: dict[int, tuple[int, str]]) -> str:
    """The infobox block: its title line, then one ``LabelValue`` row per shown field.

    Reference markers inside a value stay, as the page shows them (``Colonel[2]``).
    """
    infobox = article.infobox
    assert infobox is not None
    source = article.page.text

    def render(field: Field) -> str:
        argument = field.argument
        start = argument.equals + 1 if argument.equals >= 0 else argument.start
        lines = display_text(_protect(_with_markers(source, start, argument.end, markers))).split(
            "\n"
        )
        return "\n".join(_unprotect(line) for line in lines)

    name = infobox.get("name")
    title = name.text if name is not None and name.text else (article.title or "")
    rows = [label + value for label, value in infobox.rows(render=render)]
    return "\n".join(line for line in (title, *rows) if line)


def _reference_list(ref_list: ReferenceList) -> str:
    """``  1. ^ a b c Text`` lines, one per note."""
    lines = []
    for reference in ref_list.references:
        label = reference.label or (str(reference.number) if reference.number else "")
        marks = " ".join(["^", *reference.backlinks])
        lines.append(f"  {label}. {marks} {reference.text}".rstrip())
    return "\n".join(lines)
