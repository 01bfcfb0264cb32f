"""The one walk over a page: template calls, refs, reference lists, categories.

The preprocessor scan gives the page's tree; this walk visits it once, in the order
MediaWiki expands it, and yields everything the model views are made of: the page's
template calls (``Article.templates``), the notes and lists Cite makes of its refs
(``wikibio.references.cite.Cite``), the category links, and the problems found on the way.
Ref bodies, which the scan leaves opaque, are scanned once here and walked in place.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Final, Protocol

from wikibio.categories import CategoryLink, find_categories_in
from wikibio.citations import (
    Citation,
    could_hold_citation,
    find_citation,
    first_citation,
    is_one_call,
    note_tree,
)
from wikibio.expand import TagExpansion
from wikibio.page import Page
from wikibio.references import Reference, ReferenceList, ReferenceUse, UseKind
from wikibio.references.cite import (
    EFN_GROUPS,
    REF_TEMPLATES,
    Cite,
    RefCall,
    ref_calls,
    tag_attribute,
    tag_attributes,
)
from wikibio.sections import Section, build_sections, innermost_section
from wikibio.site import (
    LIST_GROUP_PARAMETERS,
    LIST_TEMPLATES,
    MAX_EXPAND_DEPTH,
    WIKITEXT_TAGS,
    NamespacePrefix,
    Site,
)
from wikibio.syntax import scan
from wikibio.syntax.attributes import parse_attributes
from wikibio.syntax.calls import part_params, repeats_a_name
from wikibio.syntax.names import is_template_call, strip_comments, template_name
from wikibio.templates import Template, build_template

__all__ = ["Analysis", "analyse", "duplicate_arguments"]

_IN_REF: Final = 1
_IN_LIST: Final = 2
#: Inside an extension tag whose body MediaWiki parses as wikitext (``<poem>``,
#: ``<indicator>``, ``<gallery>`` captions): refs there count, but its template calls are
#: not the page's (``Article.templates`` excludes extension tags' content).
_IN_TAG: Final = 4


class _Place:
    """A point in the walk where Cite acts: a ref is pushed or a list placed.

    It stands after the arguments or list body it depends on, so Cite sees nested refs
    first, as MediaWiki expands them first.
    """

    __slots__ = ("action",)

    def __init__(self, action: Callable[[], None]) -> None:
        self.action = action


class Analysis:
    """Everything one walk over the page's tree yields.

    The walk records Cite's calls instead of making them: the template calls and an
    infobox are ready at once, the reference stack runs (once) when the references or
    the problems are first asked for, and the category links are found when first asked
    for (the reading view never asks).
    """

    __slots__ = (
        "_categories",
        "_cite",
        "_lists",
        "_prefix",
        "_recorder",
        "_rendering",
        "_source",
        "_tree",
        "bodies",
        "echoes",
        "templates",
        "walk_problems",
    )

    def __init__(
        self,
        cite: Cite,
        templates: list[Template],
        bodies: dict[str, scan.ScanResult],
        recorder: _Recorder,
        rendering: NoteRendering | None = None,
        *,
        page: Page,
        category_prefix: NamespacePrefix,
    ) -> None:
        #: Every template call of the page, in page order (``Article.templates``).
        self.templates = templates
        # The page as walked (a later edit makes a new analysis).
        self._source = page.text
        self._tree = page.tree
        self._prefix = category_prefix
        self._categories: list[CategoryLink] | None = None
        #: Problems the walk found (ref bodies' scans, the expansion depth).
        self.walk_problems: list[scan.ScanProblem] = []
        #: A ``<ref>``'s content → the scan of its body, made once by the walk.
        self.bodies = bodies
        self._cite = cite
        self._recorder = recorder
        self._rendering = rendering
        self._lists: list[ReferenceList] | None = None
        #: A ref tag shown again without being expanded again (an argument used twice):
        #: its start → (its end, the start of the tag whose use it shows).
        self.echoes: dict[int, tuple[int, int]] = {}

    @property
    def reference_lists(self) -> list[ReferenceList]:
        """Each reference list in page order, the generated end-of-page list included."""
        if self._lists is None:
            cite = self._cite
            for call in self._recorder.ordered():
                call(cite)
            # Made once: their closures (two objects a tag) need not wait for the page.
            self._recorder = _Recorder()
            self._lists = cite.finish()
            if self._rendering is not None:
                # Uses, not notes: a note holds the renderer, which must not hold it back
                # (a cycle would leave every page's objects to the garbage collector).
                self._rendering.page_uses(
                    [
                        use
                        for ref_list in self._lists
                        for ref in ref_list.references
                        for note in (ref, *ref.subreferences)
                        for use in note.uses
                    ]
                )
        return self._lists

    @property
    def categories(self) -> list[CategoryLink]:
        """Category links of the page's own text (root level and heading lines), in page
        order."""
        if self._categories is None:
            tree = self._tree
            gaps: list[tuple[int, int]] = []
            _text_gaps(tree.children, tree.start, tree.end, gaps)
            self._categories = find_categories_in(self._source, gaps, self._prefix)
        return self._categories

    @property
    def problems(self) -> list[scan.ScanProblem]:
        """The walk's problems, then Cite's (running the reference stack if it has not run)."""
        self.reference_lists  # noqa: B018 - Cite reports while it runs
        return [*self.walk_problems, *self._cite.problems]


class _Recorder:
    """Cite's calls in walk order, to replay on the reference stack when it is needed.

    Its methods are ``Cite``'s (``ref``, ``list_defined``, ``references``,
    ``included_references``), each recording the call instead of making it.

    With an ``order`` (a tag's offset → the rank of its hook call in the expansion), the
    calls replay in that order: a call at an offset the order does not know keeps its
    place after the call before it in the walk.
    """

    __slots__ = ("_key", "_keys", "_order", "calls")

    def __init__(self, order: Mapping[int, int] | None = None) -> None:
        self.calls: list[Callable[[Cite], None]] = []
        self._order = order
        self._keys: list[int] = []
        self._key = -1

    def _add(self, start: int, call: Callable[[Cite], None], rank: int | None = None) -> None:
        self.calls.append(call)
        if self._order is not None:
            if rank is None:
                found = self._order.get(start)
                if found is not None:
                    self._key = found
                rank = self._key
            self._keys.append(rank)

    def ordered(self) -> list[Callable[[Cite], None]]:
        """The calls in the order Cite receives them."""
        if self._order is None:
            return self.calls
        ranked = sorted(range(len(self.calls)), key=self._keys.__getitem__)
        return [self.calls[index] for index in ranked]

    def ref(
        self,
        attributes: Mapping[str, str],
        content: str | None,
        start: int,
        end: int,
        kind: UseKind = "tag",
        rank: int | None = None,
    ) -> None:
        self._add(start, lambda cite: cite.ref(attributes, content, start, end, kind), rank)

    def list_defined(
        self,
        attributes: Mapping[str, str],
        content: str | None,
        start: int,
        end: int,
        group: str,
        rank: int | None = None,
    ) -> None:
        self._add(
            start,
            lambda cite: cite.list_defined(attributes, content, start, end, group),
            rank,
        )

    def references(
        self, attributes: Mapping[str, str], start: int, end: int, rank: int | None = None
    ) -> None:
        self._add(start, lambda cite: cite.references(attributes, start, end), rank)

    def included_references(self, offset: int) -> None:
        self._add(offset, lambda cite: cite.included_references(offset))


class NoteRendering(Protocol):
    """Renders a note's text as the page's lists show it (the reading view supplies one, so
    this layer does not import that one)."""

    def __call__(self, reference: Reference) -> str: ...

    def page_uses(self, uses: Sequence[ReferenceUse]) -> None:
        """Every use of the page's notes, given once the walk is done (a note's text shows
        the markers of the notes nested in it)."""


#: Makes the renderer of a page's notes from the page's template calls (which give its
#: date format).
NoteRendererFactory = Callable[[Sequence[Template]], NoteRendering]


class _SectionLocator:
    """Finds the section of an offset in one version of a page (built on first use)."""

    __slots__ = ("_page", "_sections")

    def __init__(self, page: Page) -> None:
        self._page = page
        self._sections: tuple[Section, tuple[Section, ...]] | None = None

    def __call__(self, offset: int) -> Section:
        if self._sections is None:
            self._sections = build_sections(self._page.text, self._page.headings())
        return innermost_section(*self._sections, offset)


def analyse(
    page: Page,
    *,
    cite: Cite | None = None,
    notes: NoteRendererFactory | None = None,
    site: Site | None = None,
    expanded: Sequence[TagExpansion] | None = None,
) -> Analysis:
    """Walk the page's tree once, in expansion order: template calls, refs, lists, categories.

    Refs reach ``cite`` in Cite's expansion order: a ref made by ``{{#tag:ref}}`` or a
    template (``{{efn}}``, ``{{sfn}}``, ``{{r}}`` …) is pushed after the refs nested in
    its arguments; a list is placed after the refs it defines.

    Args:
        page: The page, scanned.
        cite: The reference stack to drive (default: a new one for the page).
        notes: Makes the function that renders a note's text (default: plain text).
        site: The wiki, for its category namespace names (default: any Wikipedia's).
        expanded: When the page is a page's expansion: its ``<ref>`` and
            ``<references>`` tags in the order the expander ran their hooks, with where
            they landed in ``page`` (``ExpansionResult.tags``).  Cite then numbers the refs
            in that order, not in text order; a tag expanded but not shown is still
            registered (its use has no place, offsets -1), and a tag shown twice from one
            expansion is one use (``Analysis.echoes``), as MediaWiki's Cite does.
    """
    source, scan_text, tree = page.text, page.scan_text, page.tree
    templates: list[Template] = []
    bodies: dict[str, scan.ScanResult] = {}
    rendering = None
    if cite is None:
        rendering = None if notes is None else notes(templates)
        cite = Cite(
            source,
            locate=_SectionLocator(page),
            render=rendering,
            scans=_BodyScans(source, bodies),
        )
    order: dict[int, int] | None = None
    echoes: dict[int, tuple[int, int]] = {}
    if expanded is not None:
        order = {}
        for rank, expanded_tag in enumerate(expanded):
            if expanded_tag.spans:
                first = expanded_tag.spans[0][0]
                order[first] = rank
                echoes.update((start, (end, first)) for start, end in expanded_tag.spans[1:])
    recorder = _Recorder(order)
    analysis = Analysis(
        cite,
        templates,
        bodies,
        recorder,
        rendering,
        page=page,
        category_prefix=(site or Site.default()).category_prefix,
    )
    analysis.echoes = echoes
    if expanded is not None:
        _register_hidden(expanded, recorder)
    deep_reported = False
    # Each frame: an iterator of nodes, the template depth, context flags, the list group.
    frames: list[tuple[Iterator[scan.Node | _Place], int, int, str]] = [
        (iter(tree.children), 0, 0, "")
    ]
    while frames:
        nodes, depth, context, group = frames[-1]
        node = next(nodes, None)
        if node is None:
            frames.pop()
            continue
        kind = type(node)
        if kind is scan.Template:
            assert isinstance(node, scan.Template)
            if depth >= MAX_EXPAND_DEPTH and not deep_reported:
                deep_reported = True
                analysis.walk_problems.append(
                    scan.ScanProblem(
                        "expansion-depth-exceeded",
                        f"templates are nested more than {MAX_EXPAND_DEPTH} deep here; MediaWiki "
                        "stops expanding at that depth and shows an error instead",
                        node.start,
                    )
                )
            title = node.parts[0]
            children: list[scan.Node]
            # A name built by a nested call is read up to that call (linear on deep nesting).
            static_end = (
                next((c.start for c in title.children if type(c) is not scan.Comment), title.end)
                if title.children
                else title.end
            )
            title_text = source[title.start : static_end]
            refs: list[RefCall] | None = None
            use_kind: UseKind = "template"
            if not node.is_arg and is_template_call(title_text):
                # A static name (comments aside) is read once, here, for the view too.
                name = template_name(title_text) if static_end == title.end else None
                call = build_template(source, node, depth, page, name=name)
                if not context & _IN_TAG:
                    analysis.templates.append(call)
                if name is not None and not context & _IN_REF:
                    if name in LIST_TEMPLATES:
                        _place_list(source, node, call, recorder, frames, depth, context, group)
                        continue
                    if name in REF_TEMPLATES and depth < MAX_EXPAND_DEPTH:
                        # Deeper, MediaWiki shows an error instead of expanding: no note.
                        # (Reading those notes' contents was quadratic in the nesting.)
                        # PERF: a plain dict read from the parts, not the view's Params.
                        refs = ref_calls(name, part_params(source, node.parts))
            elif not node.is_arg and not context & _IN_REF and "#" in title_text:
                function, _, tag = strip_comments(title_text).partition(":")
                if function.strip().lower() == "#tag" and depth < MAX_EXPAND_DEPTH:
                    tag = tag.strip().lower()
                    content = None
                    if len(node.parts) > 1:
                        content = source[node.parts[1].start : node.parts[1].end]
                    attributes = tag_attributes(
                        [
                            (source[p.start : p.eq], source[p.eq + 1 : p.end])
                            for p in node.parts[2:]
                            if p.eq >= 0
                        ]
                    )
                    if tag == "ref":
                        refs = [RefCall(attributes, content)]
                        use_kind = "parser-function"
                    elif tag == "references":
                        _place_tag_list(
                            node, attributes, content, recorder, frames, depth, context, group
                        )
                        continue
            # PERF: most calls (citations) have no nested node: no frame for them.
            children = [child for part in node.parts if part.children for child in part.children]
            if refs:
                list_defined = bool(context & _IN_LIST)
                pushes = [
                    _Place(_push(recorder, ref, node, list_defined, group, use_kind))
                    for ref in refs
                ]
                frames.append((iter(pushes), depth, context, group))
                if children:
                    frames.append((iter(children), depth + 1, context & ~_IN_LIST, group))
                continue
            if children:
                frames.append((iter(children), depth + 1, context, group))
        elif kind is scan.Heading:
            assert isinstance(node, scan.Heading)
            frames.append((iter(node.children), depth, context, group))
        elif kind is scan.Ext:
            assert isinstance(node, scan.Ext)
            name = node.name.lower()
            if echoes and node.start in echoes:
                continue  # the output of a tag already counted, shown again
            if name == "ref" and not context & _IN_REF:
                attributes = parse_attributes(source[node.attr_start : node.attr_end])
                content = (
                    None if node.inner_start < 0 else source[node.inner_start : node.inner_end]
                )
                if context & _IN_LIST:
                    recorder.list_defined(attributes, content, node.start, node.end, group)
                else:
                    recorder.ref(attributes, content, node.start, node.end)
                if content is not None:
                    body = scan.scan(scan_text, node.inner_start, node.inner_end)
                    bodies.setdefault(content, body)
                    analysis.walk_problems.extend(body.problems)
                    frames.append((iter(body.children), depth, context | _IN_REF, group))
            elif name == "references" and not context & _IN_REF:
                attributes = parse_attributes(source[node.attr_start : node.attr_end])
                list_group = attributes.get("group", "")
                place = _Place(
                    functools.partial(recorder.references, attributes, node.start, node.end)
                )
                if node.inner_start >= 0:
                    body = scan.scan(scan_text, node.inner_start, node.inner_end)
                    analysis.walk_problems.extend(body.problems)
                    if "<references" in source[node.inner_start : node.inner_end].lower():
                        recorder.included_references(node.start)
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
            elif name in WIKITEXT_TAGS and node.inner_start >= 0 and not context & _IN_REF:
                body = scan.scan(scan_text, node.inner_start, node.inner_end)
                frames.append((iter(body.children), depth, context | _IN_TAG, group))
        elif kind is _Place:
            assert isinstance(node, _Place)
            node.action()
    return analysis


_Frames = list[tuple[Iterator[scan.Node | _Place], int, int, str]]


def _register_hidden(expanded: Sequence[TagExpansion], recorder: _Recorder) -> None:
    """Cite's calls for the tags whose hooks ran but whose output the page does not show
    (a ref in an ``#if`` test, in a branch's argument that is never used): Cite registered
    them all the same, so they are numbered and listed, with no marker in the text."""
    for rank, tag in enumerate(expanded):
        if tag.spans:
            continue
        attributes = parse_attributes(tag.attributes)
        if tag.name == "references":
            recorder.references(attributes, -1, -1, rank)
        elif tag.list_attributes is not None:
            group = parse_attributes(tag.list_attributes).get("group", "")
            recorder.list_defined(attributes, tag.body, -1, -1, group, rank)
        else:
            kind: UseKind = "parser-function" if tag.parser_function else "tag"
            recorder.ref(attributes, tag.body, -1, -1, kind, rank)


def _push(
    cite: _Recorder,
    ref: RefCall,
    node: scan.Template,
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
    node: scan.Template,
    call: Template,
    cite: _Recorder,
    frames: _Frames,
    depth: int,
    context: int,
    group: str,
) -> None:
    """``{{Reflist}}``-style call: its ``refs=`` defines notes, then the list is placed."""
    default = LIST_TEMPLATES[call.name]
    params = call.params
    given = next((params[n] for n in LIST_GROUP_PARAMETERS if n in params), None)
    if given is not None:
        given = tag_attribute(given)  # the list templates pass it to {{#tag:references}}
    # {{notelist}} (a default group) takes group= only when it names a reserved group.
    reserved = given if given in EFN_GROUPS else default
    list_group = reserved if default else (given or "").strip()
    action = functools.partial(cite.references, {"group": list_group}, node.start, node.end)
    frames.append((iter((_Place(action),)), depth, context, group))
    defining = {a.start for a in call.arguments if a.name in ("refs", "notes")}
    for part in reversed(node.parts):
        if part.start in defining and "<references" not in source[part.start : part.end].lower():
            frames.append((iter(part.children), depth + 1, context | _IN_LIST, list_group))
        else:
            frames.append((iter(part.children), depth + 1, context, group))


def _place_tag_list(
    node: scan.Template,
    attributes: dict[str, str],
    content: str | None,
    cite: _Recorder,
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


class _BodyScans:
    """Notes' citations read from the scans the walk made of ``<ref>`` bodies."""

    __slots__ = ("_bodies", "_source")

    def __init__(self, source: str, bodies: dict[str, scan.ScanResult]) -> None:
        self._source = source
        self._bodies = bodies

    def citation(self, wikitext: str) -> Citation | None:
        body = self._bodies.get(wikitext)
        if body is None:
            return find_citation(wikitext)
        return first_citation(self._source, body.children)

    def is_one_call(self, wikitext: str) -> bool:
        """Whether the note is one call that may be a citation (the question a lone citation
        asks)."""
        body = self._bodies.get(wikitext)
        if body is not None:
            return is_one_call(wikitext, body)
        # A note a template made was not a <ref> body: it is scanned on its own, unless it
        # names no citation template (PERF: nested notes would each scan all inside them).
        return could_hold_citation(wikitext) and is_one_call(wikitext, note_tree(wikitext))


def duplicate_arguments(templates: Sequence[Template]) -> list[scan.ScanProblem]:
    """MediaWiki's ``duplicate-args-warning``: a call that gives a parameter twice."""
    return [
        scan.ScanProblem(
            "duplicate-args-warning",
            f"{{{{{call.name}}}}} gets parameter {argument.name!r} more than once; MediaWiki "
            "uses the last value, so remove the others",
            argument.start,
        )
        for call in templates
        # PERF: most calls repeat no name; the scan's parts tell it without the view.
        if repeats_a_name(call._source, call._parts)
        for argument in call.repeated
    ]


def _text_gaps(
    children: Sequence[scan.Node], start: int, end: int, out: list[tuple[int, int]]
) -> None:
    """The spans of the page's own text, where category links count: the root level and
    heading lines, between the nodes."""
    position = start
    for node in children:
        if node.start > position:
            out.append((position, node.start))
        if type(node) is scan.Heading:
            assert isinstance(node, scan.Heading)
            _text_gaps(node.children, node.start, node.end, out)
        position = node.end
    if end > position:
        out.append((position, end))
