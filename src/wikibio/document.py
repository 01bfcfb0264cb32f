"""The Article: one page's wikitext and the typed views MediaWiki's rules give it.

An article owns exactly one string, its wikitext.  Parsing runs the preprocessor scan
once; sections, templates, references and categories are views computed from that scan
on first use and cached.  Every view that stands for a span of the page keeps offsets
into the string, so ``str(view)`` is that span and ``str(article)`` is always the page.
Edits splice the string and drop the caches, so no byte outside an edit can change.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Sequence
from typing import Final

from attrs import define, field

from wikibio import _scan
from wikibio._names import is_template_call
from wikibio.categories import CategoryLink, find_categories
from wikibio.diagnostics import Diagnostic, LineIndex
from wikibio.errors import NotFoundError, WikibioError
from wikibio.infobox import DEFAULT_INFOBOX_NAMES, Infobox, InfoboxNames
from wikibio.references import Numbering, Reference, ReferenceList, RefTag, parse_attributes
from wikibio.sections import Section, build_sections
from wikibio.templates import Template, build_template

__all__ = ["Article", "parse"]

#: MediaWiki's ``$wgMaxPPExpandDepth``: nesting past this is not expanded.
MAX_EXPAND_DEPTH: Final = 100
#: Templates that place a reference list (``{{Reflist}}`` expands to ``<references/>``),
#: with the group they use when none is given.
LIST_TEMPLATES: Final = {
    "Reflist": "",
    "References": "",
    "Refs": "",
    "Reference list": "",
    "Reflist-talk": "",
    "Notelist": "lower-alpha",
    "Notes": "lower-alpha",
    "Notelist-ua": "upper-alpha",
    "Notelist-lr": "lower-roman",
    "Notelist-ur": "upper-roman",
    "Notelist-lg": "lower-greek",
    "Listaref": "",
    "Referencias": "",
    "Références": "",
    "Примечания": "",
    "Einzelnachweise": "",
}

_IN_REF: Final = 1
_IN_LIST: Final = 2


def parse(
    text: str, *, title: str | None = None, infobox_names: InfoboxNames | None = None
) -> Article:
    """Parse a page's wikitext.

    Never raises for markup: any ``str`` parses, malformed markup becomes
    :attr:`Article.diagnostics`, and ``str(parse(text)) == text``.

    Args:
        text: The page's wikitext.
        title: The page's title, if known.
        infobox_names: Which templates count as infoboxes (default:
            :data:`~wikibio.DEFAULT_INFOBOX_NAMES`).

    Returns:
        The article.

    Raises:
        TypeError: ``text`` is not a ``str`` (decode ``bytes`` first) or ``title`` is
            neither ``str`` nor ``None``.
    """
    if not isinstance(text, str):
        hint = ""
        if isinstance(text, (bytes, bytearray, memoryview)):
            hint = "; decode it first, e.g. wikibio.parse(data.decode('utf-8'))"
        raise TypeError(
            f"wikibio.parse() needs the wikitext as str, not {type(text).__name__}{hint}"
        )
    if title is not None and not isinstance(title, str):
        raise TypeError(f"title must be a str or None, not {type(title).__name__}")
    return Article(text, title=title, infobox_names=infobox_names)


class _Place:
    """A marker in the walk: a reference list is placed here, after its own definitions."""

    __slots__ = ("end", "group", "start")

    def __init__(self, group: str, start: int, end: int) -> None:
        self.group = group
        self.start = start
        self.end = end


class _Analysis:
    """Everything one walk over the page's tree yields."""

    __slots__ = ("categories", "problems", "reference_lists", "templates")

    def __init__(self) -> None:
        self.templates: list[Template] = []
        self.reference_lists: list[ReferenceList] = []
        self.categories: list[CategoryLink] = []
        self.problems: list[_scan.ScanProblem] = []


@define(eq=False, init=False)
class Article:
    """A parsed page.  ``str(article)`` is its wikitext, byte for byte.

    Two articles are equal when their wikitext is equal (then so is all their structure);
    the title is metadata and does not take part.
    """

    #: The page's title, if known.
    title: str | None
    _text: str = field(repr=False)
    _scan_text: str = field(repr=False)
    _tree: _scan.ScanResult = field(repr=False)
    _sections: tuple[Section, tuple[Section, ...]] | None = field(repr=False)
    _analysed: _Analysis | None = field(repr=False)
    _infoboxes: list[Infobox] | None = field(repr=False)
    _diagnostics: list[Diagnostic] | None = field(repr=False)
    _infobox_names: InfoboxNames = field(repr=False)
    #: Edits so far as (start, old end, new end); views map their offsets through them.
    _edits: list[tuple[int, int, int]] = field(repr=False)

    def __init__(
        self, text: str, *, title: str | None = None, infobox_names: InfoboxNames | None = None
    ) -> None:
        self.title = title
        self._infobox_names = DEFAULT_INFOBOX_NAMES if infobox_names is None else infobox_names
        self._edits = []
        self._load(text)

    @property
    def _generation(self) -> int:
        return len(self._edits)

    def _splice(self, start: int, end: int, text: str) -> None:
        """Replace ``[start, end)`` of the page with ``text`` and re-read the structure."""
        self._edits.append((start, end, start + len(text)))
        self._load(self._text[:start] + text + self._text[end:])

    def _moved(self, offset: int, generation: int) -> int:
        """Where ``offset`` of the page as it was at ``generation`` is now.

        Raises:
            WikibioError: an edit since then replaced text around the offset.
        """
        for start, old_end, new_end in self._edits[generation:]:
            if old_end <= offset and start < offset:
                offset += new_end - old_end
            elif start < offset < old_end:
                raise WikibioError("an edit replaced the text this view stood for")
        return offset

    def _load(self, text: str) -> None:
        self._text = text
        # MediaWiki stores pages with "\n" line ends; scan a same-length copy where "\r\n"
        # is " \n" (a blank before a newline changes no structure) and a lone "\r" is "\n".
        if "\r" in text:
            self._scan_text = text.replace("\r\n", " \n").replace("\r", "\n")
        else:
            self._scan_text = text
        self._tree = _scan.scan(self._scan_text)
        self._sections = self._analysed = self._infoboxes = self._diagnostics = None

    # --- text ---------------------------------------------------------------------------

    def __str__(self) -> str:
        return self._text

    def to_wikitext(self) -> str:
        """The page's wikitext (after any edits), the same as ``str(article)``."""
        return self._text

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Article):
            return NotImplemented
        return self._text == other._text

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"<Article {self.title!r}, {len(self._text)} characters>"

    # --- sections -----------------------------------------------------------------------

    def _section_tree(self) -> tuple[Section, tuple[Section, ...]]:
        if self._sections is None:
            headings = [n for n in self._tree.children if type(n) is _scan.Heading]
            self._sections = build_sections(self._text, headings)
        return self._sections

    @property
    def lead(self) -> Section:
        """The text before the first heading (``level == 0``, ``title is None``)."""
        return self._section_tree()[0]

    @property
    def sections(self) -> Sequence[Section]:
        """Top-level sections in page order, each holding its subsections (lead excluded)."""
        return self._section_tree()[1]

    def all_sections(self) -> Sequence[Section]:
        """Every section at any depth, in page order (lead excluded)."""
        return [s for top in self.sections for s in top.walk()]

    def section(self, title: str) -> Section:
        """The first section, at any depth, whose plain title is ``title``.

        Raises:
            NotFoundError: (a ``KeyError``) no section has that title.
        """
        for candidate in self.all_sections():
            if candidate.title == title:
                return candidate
        titles = ", ".join(repr(s.title) for s in self.all_sections()) or "none"
        raise NotFoundError(f"no section titled {title!r}; the sections are: {titles}")

    def get_section(self, index: int) -> str:
        """Section ``index`` as MediaWiki's ``getSection`` returns it.

        The text is right-trimmed; an unknown index gives ``""``.

        ``index`` counts headings as MediaWiki numbers them (``action=edit&section=N``):
        0 is the lead, and headings inside templates use up numbers without being sections.
        """
        span = self._section_span(index)
        return "" if span is None else self._text[span[0] : span[1]].rstrip()

    def replace_section(self, index: int, text: str) -> None:
        """Replace section ``index`` as MediaWiki's ``replaceSection`` does.

        The new text is followed by a blank line before the rest of the page, and the page
        is right-trimmed; an unknown index changes nothing.
        """
        span = self._section_span(index)
        if span is None:
            return
        start, end = span
        rest = self._text[end:]
        new = (self._text[:start] + text + ("\n\n" + rest if rest else "")).rstrip()
        self._edits.append((start, len(self._text), len(new)))
        self._load(new)

    def _section_span(self, index: int) -> tuple[int, int] | None:
        headings = [n for n in self._tree.children if type(n) is _scan.Heading]
        if index == 0:
            return 0, headings[0].start if headings else len(self._text)
        for position, heading in enumerate(headings):
            if heading.index == index:
                end = next(
                    (h.start for h in headings[position + 1 :] if h.level <= heading.level),
                    len(self._text),
                )
                return heading.start, end
        return None

    # --- templates, references, categories ----------------------------------------------

    def _analysis(self) -> _Analysis:
        if self._analysed is None:
            self._analysed = _analyse(self._text, self._scan_text, self._tree)
        return self._analysed

    @property
    def templates(self) -> Sequence[Template]:
        """Every template call in the page, at any depth, in page order.

        Inside other calls' arguments and inside ``<ref>``/``<references>`` content too;
        not inside comments, ``<nowiki>`` or other extension tags; parser functions and
        magic words are not template calls.
        """
        return self._analysis().templates

    @property
    def infoboxes(self) -> Sequence[Infobox]:
        """Every infobox, in page order (nested ones included)."""
        if self._infoboxes is None:
            names = self._infobox_names
            self._infoboxes = [
                Infobox(t, self) for t in self.templates if not t.dynamic and t.name in names
            ]
        return self._infoboxes

    @property
    def infobox(self) -> Infobox | None:
        """The first infobox, or ``None``."""
        boxes = self.infoboxes
        return boxes[0] if boxes else None

    @property
    def reference_lists(self) -> Sequence[ReferenceList]:
        """Each reference list in page order, the generated end-of-page list included."""
        return self._analysis().reference_lists

    @property
    def references(self) -> Sequence[Reference]:
        """Every reference of every list, in the order readers see them."""
        return [ref for ref_list in self.reference_lists for ref in ref_list.references]

    @property
    def category_links(self) -> Sequence[CategoryLink]:
        """Links that categorise the page, with their sort keys, in page order."""
        return self._analysis().categories

    @property
    def categories(self) -> Sequence[str]:
        """Category names without the namespace prefix, in page order, without repeats."""
        return list(dict.fromkeys(link.name for link in self.category_links))

    # --- diagnostics --------------------------------------------------------------------

    @property
    def diagnostics(self) -> Sequence[Diagnostic]:
        """Problems in the page's markup, in page order, with 1-based line and column."""
        if self._diagnostics is None:
            problems = sorted(
                (*self._tree.problems, *self._analysis().problems, *_duplicate_arguments(self)),
                key=lambda p: p.offset,
            )
            lines = LineIndex(self._scan_text)
            self._diagnostics = [
                Diagnostic(
                    problem.code,
                    problem.message,
                    *lines.position(problem.offset),
                    problem.severity,
                    problem.offset,
                )
                for problem in problems
            ]
        return self._diagnostics


def _analyse(source: str, scan_text: str, tree: _scan.ScanResult) -> _Analysis:
    """Walk the tree once, in page order: template calls, refs, lists, categories."""
    analysis = _Analysis()
    numbering = Numbering(source)
    deep_reported = False
    # Each frame: an iterator of nodes, the template depth, context flags, the list group.
    frames: list[tuple[Iterator[_scan.Node | _Place], int, int, str]] = [
        (iter(tree.children), 0, 0, "")
    ]
    _collect_categories(source, tree.children, tree.start, tree.end, analysis.categories)
    while frames:
        nodes, depth, context, group = frames[-1]
        node = next(nodes, None)
        if node is None:
            frames.pop()
            continue
        kind = type(node)
        if kind is _scan.Template:
            assert isinstance(node, _scan.Template)
            if depth >= MAX_EXPAND_DEPTH and not deep_reported:
                deep_reported = True
                analysis.problems.append(
                    _scan.ScanProblem(
                        "expansion-depth-exceeded",
                        f"templates are nested more than {MAX_EXPAND_DEPTH} deep here; MediaWiki "
                        "stops expanding at that depth and shows an error instead",
                        node.start,
                    )
                )
            title = node.parts[0]
            children: Iterator[_scan.Node | _Place]
            # A name built by a nested call is read up to that call (linear on deep nesting).
            static_end = next(
                (c.start for c in title.children if type(c) is not _scan.Comment), title.end
            )
            if not node.is_arg and is_template_call(source[title.start : static_end]):
                call = build_template(source, node, depth)
                analysis.templates.append(call)
                list_group = None if call.dynamic else LIST_TEMPLATES.get(call.name)
                if list_group is not None and not context & _IN_REF:
                    # Its refs= argument defines notes; then the list is placed.
                    list_group = call.params.get("group", list_group).strip()
                    place = _Place(list_group, node.start, node.end)
                    frames.append((iter((place,)), depth, context, group))
                    defining = {a.start for a in call.arguments if a.name == "refs"}
                    for part in reversed(node.parts):
                        if part.start in defining:
                            frames.append(
                                (iter(part.children), depth + 1, context | _IN_LIST, list_group)
                            )
                        else:
                            frames.append((iter(part.children), depth + 1, context, group))
                    continue
            children = itertools.chain.from_iterable(part.children for part in node.parts)
            frames.append((children, depth + 1, context, group))
        elif kind is _scan.Heading:
            assert isinstance(node, _scan.Heading)
            frames.append((iter(node.children), depth, context, group))
        elif kind is _scan.Ext:
            assert isinstance(node, _scan.Ext)
            name = node.name.lower()
            if name == "ref" and not context & _IN_REF:
                tag = _ref_tag(source, node, bool(context & _IN_LIST))
                if context & _IN_LIST:
                    numbering.define(tag, group)
                else:
                    numbering.use(tag)
                if node.inner_start >= 0:
                    body = _scan.scan(scan_text, node.inner_start, node.inner_end)
                    analysis.problems.extend(body.problems)
                    frames.append((iter(body.children), depth, context | _IN_REF, group))
            elif name == "references" and not context & _IN_REF:
                attributes = parse_attributes(source[node.attr_start : node.attr_end])
                list_group = attributes.get("group", "")
                place = _Place(list_group, node.start, node.end)
                if node.inner_start >= 0:
                    body = _scan.scan(scan_text, node.inner_start, node.inner_end)
                    analysis.problems.extend(body.problems)
                    frames.append(
                        (
                            itertools.chain(body.children, (place,)),
                            depth,
                            context | _IN_LIST,
                            list_group,
                        )
                    )
                else:
                    numbering.place(list_group, node.start, node.end)
        elif kind is _Place:
            assert isinstance(node, _Place)
            numbering.place(node.group, node.start, node.end)
    analysis.reference_lists = numbering.finish()
    return analysis


def _duplicate_arguments(article: Article) -> list[_scan.ScanProblem]:
    """MediaWiki's ``duplicate-args-warning``: a call that gives a parameter twice."""
    problems = []
    for call in article.templates:
        seen: set[str] = set()
        for argument in call.arguments:
            name = argument.name
            if name in seen:
                problems.append(
                    _scan.ScanProblem(
                        "duplicate-args-warning",
                        f"{{{{{call.name}}}}} gets parameter {name!r} more than once; MediaWiki "
                        "uses the last value, so remove the others",
                        argument.start,
                    )
                )
            seen.add(name)
    return problems


def _ref_tag(source: str, node: _scan.Ext, list_defined: bool) -> RefTag:
    attributes = parse_attributes(source[node.attr_start : node.attr_end])
    name = attributes.get("name")
    if name in ("", "0"):
        name = None
    content = None if node.inner_start < 0 else source[node.inner_start : node.inner_end]
    return RefTag(
        name, attributes.get("group", ""), content, node.start, node.end, list_defined, source
    )


def _collect_categories(
    source: str, children: Sequence[_scan.Node], start: int, end: int, out: list[CategoryLink]
) -> None:
    """Category links in the page's own text: root level and heading lines."""
    position = start
    for node in children:
        if node.start > position:
            out.extend(find_categories(source, position, node.start))
        if type(node) is _scan.Heading:
            assert isinstance(node, _scan.Heading)
            _collect_categories(source, node.children, node.start, node.end, out)
        position = node.end
    if end > position:
        out.extend(find_categories(source, position, end))
