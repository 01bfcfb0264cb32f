"""The Article: one page's wikitext and the typed views MediaWiki's rules give it.

An article owns exactly one string, its wikitext.  Parsing runs the preprocessor scan
once; sections, templates, references and categories are views computed from that scan
on first use and cached.  Every view that stands for a span of the page keeps offsets
into the string, so ``str(view)`` is that span and ``str(article)`` is always the page.
Edits splice the string and drop the caches, so no byte outside an edit can change.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Callable, Iterator, Sequence
from typing import Final

from attrs import define, field

from wikibio import _cite, _refedit, _scan
from wikibio._names import is_template_call, strip_comments
from wikibio.categories import CategoryLink, find_categories
from wikibio.citations import DateFormat
from wikibio.diagnostics import Diagnostic, LineIndex
from wikibio.errors import NotFoundError, WikibioError
from wikibio.infobox import DEFAULT_INFOBOX_NAMES, Infobox, InfoboxNames
from wikibio.references import Reference, ReferenceList, UseKind, parse_attributes
from wikibio.sections import Section, build_sections
from wikibio.templates import Template, build_template

__all__ = ["Article", "parse"]

#: MediaWiki's ``$wgMaxPPExpandDepth``: nesting past this is not expanded.
MAX_EXPAND_DEPTH: Final = 100
#: Templates that place a reference list (``{{Reflist}}`` expands to
#: ``{{#tag:references|{{{refs|}}}|group={{{group|}}}}}``), with the group they use when
#: none is given.  ``{{Notelist}}`` and its variants take ``group=`` only when it names
#: one of the reserved groups (``note``, ``lower-alpha`` …), as their ``#switch`` does.
LIST_TEMPLATES: Final = {
    "Reflist": "",
    "References": "",
    "Refs": "",
    "Reference list": "",
    "Reflist-talk": "",
    "Notelist": "lower-alpha",
    "Notes": "lower-alpha",
    "Notelist-la": "lower-alpha",
    "Notelist-ua": "upper-alpha",
    "Notelist-lr": "lower-roman",
    "Notelist-ur": "upper-roman",
    "Notelist-lg": "lower-greek",
    "Notefoot": "lower-alpha",
    "Listaref": "",
    "Referencias": "",
    "Références": "",
    "Примечания": "",
    "Einzelnachweise": "",
}

_IN_REF: Final = 1
_IN_LIST: Final = 2
#: Inside an extension tag whose body MediaWiki parses as wikitext (``<poem>``,
#: ``<indicator>``, ``<gallery>`` captions): refs there count, but its template calls are
#: not the page's (``Article.templates`` excludes extension tags' content).
_IN_TAG: Final = 4
#: Extension tags whose body is wikitext in which ``<ref>`` works.
_WIKITEXT_TAGS: Final = frozenset({"poem", "indicator", "gallery"})


def parse(
    text: str, *, title: str | None = None, infobox_names: InfoboxNames | None = None
) -> Article:
    """Parse a page's wikitext.

    Never raises for markup: any ``str`` parses, malformed markup becomes
    ``Article.diagnostics``, and ``str(parse(text)) == text``.

    Args:
        text: The page's wikitext.
        title: The page's title, if known.
        infobox_names: Which templates count as infoboxes (default:
            ``DEFAULT_INFOBOX_NAMES``).

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
    """A point in the walk where Cite acts: a ref is pushed or a list placed.

    It stands after the arguments or list body it depends on, so Cite sees nested refs
    first, as MediaWiki expands them first.
    """

    __slots__ = ("action",)

    def __init__(self, action: Callable[[], None]) -> None:
        self.action = action


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

    def _splice_many(self, splices: Sequence[tuple[int, int, str]]) -> None:
        """Apply several splices (offsets of the current page) at once, then re-read."""
        text = self._text
        for start, end, replacement in _refedit.apply_order(splices):
            self._edits.append((start, end, start + len(replacement)))
            text = text[:start] + replacement + text[end:]
        if splices:
            self._load(text)

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

    @classmethod
    def new(
        cls,
        *,
        title: str | None = None,
        lead: str = "",
        sections: Sequence[Section | str] = (),
        infobox: Infobox | str | None = None,
        references: Sequence[Reference | str] = (),
        categories: Sequence[str] = (),
    ) -> Article:
        """A page from its parts, in house style (see ``wikibio.build.new_article``)."""
        from wikibio.build import new_article

        return new_article(
            title=title,
            lead=lead,
            sections=sections,
            infobox=infobox,
            references=references,
            categories=categories,
        )

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

    def to_text(self, *, page_header: bool = False, edit_links: bool = False) -> str:
        """The article as a reader sees it on Wikipedia, as plain text.

        Args:
            page_header: Start with the title and "From Wikipedia, the free encyclopedia".
            edit_links: Put ``[edit]`` after each heading, as the page shows it.
        """
        from wikibio.text import render

        return render(self, page_header=page_header, edit_links=edit_links)

    def section_at(self, offset: int) -> Section:
        """The innermost section holding ``offset`` (the lead before the first heading)."""
        return _innermost(self.lead, self.sections, offset)

    # --- reference edits ----------------------------------------------------------------

    def add_reference(
        self, content: str, *, after: int | str, name: str | None = None, group: str = ""
    ) -> None:
        """Cite ``content`` at ``after``: an offset, or the end of the first occurrence of a text.

        A note with the same content becomes a reuse (``<ref name="x" />``); otherwise a new
        ``<ref>`` is written in the page's style.  Only the inserted bytes (and, to reuse an
        unnamed note, its new ``name``) change.

        Raises:
            NotFoundError: ``after`` is a text the page does not contain.
            InvalidNodeError: ``name`` cannot be a reference name.
        """
        _refedit.add_reference(self, content, after=after, name=name, group=group)

    def rename_reference(self, old: str | Reference, new: str, *, group: str = "") -> None:
        """Rename a named note; all its uses and definitions follow."""
        _refedit.rename_reference(self, old, new, group=group)

    def remove_reference(self, name: str | Reference, *, group: str = "") -> None:
        """Remove a note and every use of it."""
        _refedit.remove_reference(self, name, group=group)

    def merge_duplicate_references(self) -> int:
        """Turn notes with identical content into one named note with reuses.

        Returns:
            How many notes were merged into another.
        """
        return _refedit.merge_duplicates(self)

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


def _innermost(lead: Section, sections: Sequence[Section], offset: int) -> Section:
    section, candidates = lead, sections
    while True:
        inner = next((s for s in candidates if s.start <= offset < s.end), None)
        if inner is None:
            return section
        section, candidates = inner, inner.subsections


class _SectionLocator:
    """Finds the section of an offset in one version of a page (built on first use)."""

    __slots__ = ("_sections", "_source", "_tree")

    def __init__(self, source: str, tree: _scan.ScanResult) -> None:
        self._source = source
        self._tree = tree
        self._sections: tuple[Section, tuple[Section, ...]] | None = None

    def __call__(self, offset: int) -> Section:
        if self._sections is None:
            headings = [n for n in self._tree.children if type(n) is _scan.Heading]
            self._sections = build_sections(self._source, headings)
        return _innermost(*self._sections, offset)


class _NoteRenderer:
    """Renders notes as the list shows them, in the page's date format (found on first use)."""

    __slots__ = ("_format", "_known", "_templates")

    def __init__(self, templates: list[Template]) -> None:
        self._templates = templates
        self._format: DateFormat | None = None
        self._known = False

    def __call__(self, wikitext: str) -> str:
        from wikibio.text import note_text, page_date_format

        if not self._known:
            self._format = page_date_format(self._templates)
            self._known = True
        return note_text(wikitext, date_format=self._format)


def _analyse(
    source: str, scan_text: str, tree: _scan.ScanResult, cite: _cite.Cite | None = None
) -> _Analysis:
    """Walk the tree once, in page order: template calls, refs, lists, categories.

    Refs reach ``cite`` in Cite's expansion order: a ref made by ``{{#tag:ref}}`` or a
    template (``{{efn}}``, ``{{sfn}}``, ``{{r}}`` …) is pushed after the refs nested in
    its arguments; a list is placed after the refs it defines.
    """
    analysis = _Analysis()
    if cite is None:
        cite = _cite.Cite(
            source,
            locate=_SectionLocator(source, tree),
            render=_NoteRenderer(analysis.templates),
        )
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
            title_text = source[title.start : static_end]
            refs: list[_cite.RefCall] | None = None
            use_kind: UseKind = "template"
            if not node.is_arg and is_template_call(title_text):
                call = build_template(source, node, depth)
                if not context & _IN_TAG:
                    analysis.templates.append(call)
                if not call.dynamic and not context & _IN_REF:
                    if call.name in LIST_TEMPLATES:
                        _place_list(source, node, call, cite, frames, depth, context, group)
                        continue
                    if call.name in _cite.REF_TEMPLATES:
                        refs = _cite.ref_calls(call.name, call.params)
            elif not node.is_arg and not context & _IN_REF and "#" in title_text:
                function, _, tag = strip_comments(title_text).partition(":")
                if function.strip().lower() == "#tag":
                    tag = tag.strip().lower()
                    content = None
                    if len(node.parts) > 1:
                        content = source[node.parts[1].start : node.parts[1].end]
                    attributes = _cite.tag_attributes(
                        [
                            (source[p.start : p.eq], source[p.eq + 1 : p.end])
                            for p in node.parts[2:]
                            if p.eq >= 0
                        ]
                    )
                    if tag == "ref":
                        refs = [_cite.RefCall(attributes, content)]
                        use_kind = "parser-function"
                    elif tag == "references":
                        _place_tag_list(
                            node, attributes, content, cite, frames, depth, context, group
                        )
                        continue
            children = itertools.chain.from_iterable(part.children for part in node.parts)
            if refs:
                list_defined = bool(context & _IN_LIST)
                pushes = [
                    _Place(_push(cite, ref, node, list_defined, group, use_kind)) for ref in refs
                ]
                frames.append((iter(pushes), depth, context, group))
                frames.append((children, depth + 1, context & ~_IN_LIST, group))
                continue
            frames.append((children, depth + 1, context, group))
        elif kind is _scan.Heading:
            assert isinstance(node, _scan.Heading)
            frames.append((iter(node.children), depth, context, group))
        elif kind is _scan.Ext:
            assert isinstance(node, _scan.Ext)
            name = node.name.lower()
            if name == "ref" and not context & _IN_REF:
                attributes = parse_attributes(source[node.attr_start : node.attr_end])
                content = (
                    None if node.inner_start < 0 else source[node.inner_start : node.inner_end]
                )
                if context & _IN_LIST:
                    cite.list_defined(attributes, content, node.start, node.end, group)
                else:
                    cite.ref(attributes, content, node.start, node.end)
                if node.inner_start >= 0:
                    body = _scan.scan(scan_text, node.inner_start, node.inner_end)
                    analysis.problems.extend(body.problems)
                    frames.append((iter(body.children), depth, context | _IN_REF, group))
            elif name == "references" and not context & _IN_REF:
                attributes = parse_attributes(source[node.attr_start : node.attr_end])
                list_group = attributes.get("group", "")
                place = _Place(functools.partial(cite.references, attributes, node.start, node.end))
                if node.inner_start >= 0:
                    body = _scan.scan(scan_text, node.inner_start, node.inner_end)
                    analysis.problems.extend(body.problems)
                    if "<references" in source[node.inner_start : node.inner_end].lower():
                        cite.included_references(node.start)
                        frames.append((iter(body.children), depth, context | _IN_REF, group))
                        continue
                    frames.append(
                        (
                            itertools.chain(body.children, (place,)),
                            depth,
                            context | _IN_LIST,
                            list_group,
                        )
                    )
                else:
                    place.action()
            elif name in _WIKITEXT_TAGS and node.inner_start >= 0 and not context & _IN_REF:
                body = _scan.scan(scan_text, node.inner_start, node.inner_end)
                frames.append((iter(body.children), depth, context | _IN_TAG, group))
        elif kind is _Place:
            assert isinstance(node, _Place)
            node.action()
    analysis.reference_lists = cite.finish()
    analysis.problems.extend(cite.problems)
    return analysis


_Frames = list[tuple[Iterator[_scan.Node | _Place], int, int, str]]


def _push(
    cite: _cite.Cite,
    ref: _cite.RefCall,
    node: _scan.Template,
    list_defined: bool,
    group: str,
    kind: UseKind,
) -> Callable[[], None]:
    """The action that hands a template-made ref to Cite, once its arguments are read."""
    if list_defined:
        return functools.partial(
            cite.list_defined, ref.attributes, ref.content, node.start, node.end, group
        )
    return functools.partial(cite.ref, ref.attributes, ref.content, node.start, node.end, kind)


def _place_list(
    source: str,
    node: _scan.Template,
    call: Template,
    cite: _cite.Cite,
    frames: _Frames,
    depth: int,
    context: int,
    group: str,
) -> None:
    """``{{Reflist}}``-style call: its ``refs=`` defines notes, then the list is placed."""
    default = LIST_TEMPLATES[call.name]
    params = call.params
    given = params.get("group")
    if default:  # {{notelist}}: group= must name a reserved group
        list_group = given if given in _cite.EFN_GROUPS else default
    else:
        list_group = (given or "").strip()
    action = functools.partial(cite.references, {"group": list_group}, node.start, node.end)
    frames.append((iter((_Place(action),)), depth, context, group))
    defining = {a.start for a in call.arguments if a.name in ("refs", "notes")}
    for part in reversed(node.parts):
        if part.start in defining and "<references" not in source[part.start : part.end].lower():
            frames.append((iter(part.children), depth + 1, context | _IN_LIST, list_group))
        else:
            frames.append((iter(part.children), depth + 1, context, group))


def _place_tag_list(
    node: _scan.Template,
    attributes: dict[str, str],
    content: str | None,
    cite: _cite.Cite,
    frames: _Frames,
    depth: int,
    context: int,
    group: str,
) -> None:
    """``{{#tag:references|…|group=…}}``: its first argument defines notes, then the list."""
    if content is not None and "<references" in content.lower():
        cite.included_references(node.start)
        children = itertools.chain.from_iterable(part.children for part in node.parts)
        frames.append((children, depth + 1, context, group))
        return
    list_group = attributes.get("group", "")
    action = functools.partial(cite.references, attributes, node.start, node.end)
    frames.append((iter((_Place(action),)), depth, context, group))
    for index in range(len(node.parts) - 1, -1, -1):
        part = node.parts[index]
        if index == 1:
            frames.append((iter(part.children), depth + 1, context | _IN_LIST, list_group))
        else:
            frames.append((iter(part.children), depth + 1, context, group))


def _duplicate_arguments(article: Article) -> list[_scan.ScanProblem]:
    """MediaWiki's ``duplicate-args-warning``: a call that gives a parameter twice."""
    return [
        _scan.ScanProblem(
            "duplicate-args-warning",
            f"{{{{{call.name}}}}} gets parameter {argument.name!r} more than once; MediaWiki "
            "uses the last value, so remove the others",
            argument.start,
        )
        for call in article.templates
        for argument in call.repeated
    ]


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
