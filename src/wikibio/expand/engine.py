"""The expander: MediaWiki's ``PPFrame::expand`` over the tree ``syntax.scan`` builds.

One ``Expander`` expands one page.  It walks the preprocessor tree of the page (scanned
for viewing) and of each template (scanned for inclusion), as MediaWiki's frames do:

* a template call expands its title, then is read in this order — ``subst:`` (left as
  text when viewing), ``safesubst:`` (dropped), ``msgnw:``/``msg:``/``raw:``, a variable
  (``{{PAGENAME}}``, only without arguments), a parser function (``{{name:…}}``), and
  finally a page of the source (namespace ``Template:`` unless the name says otherwise),
  following up to two redirects;
* arguments are expanded only when used (``{{{1}}}``), once, in the caller's frame —
  numbered values keep their whitespace, named ones are trimmed, a later duplicate wins;
* a call whose result starts with ``{|``, ``:``, ``;``, ``#`` or ``*`` and that is not at
  a line start gets a newline before it (MediaWiki's T2529 rule);
* limits: template depth 100, expansion depth 100, 1,000,000 nodes, 2 MiB of post-expand
  include size; loops (a template inside itself) show "Template loop detected".

Comments are dropped and extension tags are kept as written, as ``action=expandtemplates``
returns them.  Nothing here raises for markup: every limit or error becomes the text
MediaWiki shows plus a diagnostic.
"""

from __future__ import annotations

import datetime
import functools
import re
import sys
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any, Final, NamedTuple, TypeVar

from wikibio.diagnostics import Diagnostic, LineIndex, Severity
from wikibio.expand.titles import PageTitle, make_title
from wikibio.site.expansion import MAX_NODE_COUNT, ExpansionSite
from wikibio.site.languages import VARIANT_LANGUAGES, variant_spellings
from wikibio.site.limits import MAX_EXPAND_DEPTH
from wikibio.site.messages import DEFAULT_MESSAGES, message_key
from wikibio.site.tags import EXTENSION_TAGS
from wikibio.syntax.scan import (
    Ext,
    Heading,
    Node,
    Part,
    ScanResult,
    Template,
    scan,
)

__all__ = [
    "MARKER_PREFIX",
    "MARKER_SUFFIX",
    "Arg",
    "Expander",
    "Frame",
    "InvokeHook",
    "TagExpansion",
    "kill_markers",
    "php_trim",
]

#: What PHP's ``trim`` removes.
_PHP_WS: Final = " \t\n\r\0\x0b"
_BLOCK_START: Final = re.compile(r"\{\||[:;#*]")
_REDIRECT: Final = re.compile(
    r"[ \t\n\r\0\x0b]*#REDIRECT[ \t\n\r\0\x0b]*:?[ \t\n\r\0\x0b]*\[\[([^\]|\n]+)(?:\|[^\]]*)?\]\]",
    re.IGNORECASE,
)
_MAX_REDIRECTS: Final = 2
#: The full-width colon that ends some Japanese function names (``MessagesJa.php``).
_WIDE_COLON: Final = "\uff1a"
#: MediaWiki's strip markers: ``\x7f'"`UNIQ-nowiki-0000002A-QINU`"'\x7f``.
MARKER_PREFIX: Final = "\x7f'\"`UNIQ-"
MARKER_SUFFIX: Final = "-QINU`\"'\x7f"
_MARKER: Final = re.compile(
    re.escape(MARKER_PREFIX) + r"[^\x7f-]*-([0-9A-F]{8})" + re.escape(MARKER_SUFFIX)
)

_F = TypeVar("_F")
_G = TypeVar("_G")

#: The Lua runtime's entry point: ``(call, module name, function name, args) -> text``.
InvokeHook = Callable[["Call", str, str, "list[Arg]"], str]
#: An extension tag's renderer, as ``Parser::setHook`` registers one: ``(call, tag name,
#: body or None when self-closed, attributes) -> the text shown instead of the tag``.
TagHook = Callable[["Call", str, "str | None", "dict[str, str]"], str]


class TagExpansion(NamedTuple):
    """One extension tag the reading view's expansion rendered, in the order it happened.

    MediaWiki runs a tag's hook when the preprocessor expands the tag: Cite numbers a
    ``<ref>`` when its hook runs, in the order frames are expanded (a template's
    arguments lazily, where the body uses them; only the ``#if`` branch taken), not in the
    order the tags end up in the page.  ``Expander.tags`` lists the ``<ref>`` and
    ``<references>`` tags (``expand_bodies``) so the reference analysis can replay Cite in
    that order.

    PERF: a named tuple, not an attrs class: a page makes one per ref (two when the
    reading view moves them), and frozen attrs instances took ~3 ms more to build on a
    page of 4,500 refs (70 ms of expansion).
    """

    #: The tag's name, lower case (``"ref"``, ``"references"``).
    name: str
    #: The tag's attributes as written (``' name="a" group=note'``), for Cite to read.
    attributes: str
    #: The body after expansion; ``None`` for a self-closed tag (``<ref name=a/>``).
    body: str | None
    #: Where the tag lands in the expanded text, ``(start, end)`` of ``<ref …>…</ref>``:
    #: none when its output was dropped (a ref in an ``#if`` test), several when one
    #: expansion is shown more than once (an argument used twice is expanded once).
    spans: tuple[tuple[int, int], ...]
    #: Whether the tag came from ``{{#tag:…}}`` (or Lua's ``frame:extensionTag``).
    parser_function: bool = False
    #: For a tag inside the body of a ``<references>`` being expanded, that list's
    #: attributes (the ref defines a note of its group); ``None`` elsewhere.
    list_attributes: str | None = None


_ATTRIBUTE: Final = re.compile(r"""([^\s=/>"']+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+)))?""")


def tag_attributes(text: str) -> dict[str, str]:
    """An extension tag's attributes (``Sanitizer::decodeTagAttributes``: names lower-cased,
    quotes removed, character references decoded; a bare name has an empty value)."""
    import html

    attributes: dict[str, str] = {}
    for m in _ATTRIBUTE.finditer(text):
        value = next((g for g in m.groups()[1:] if g is not None), "")
        attributes[m.group(1).lower()] = html.unescape(value)
    return attributes


def php_trim(text: str) -> str:
    """PHP's ``trim``: spaces, tabs, newlines, NUL and vertical tab at both ends."""
    return text.strip(_PHP_WS)


def kill_markers(text: str) -> str:
    """``Parser::killMarkers``: the text without strip markers (``urlencode``, ``padleft``)."""
    return _MARKER.sub("", text) if MARKER_PREFIX in text else text


def skip_markers(text: str, function: Callable[[str], str]) -> str:
    """``markerSkipCallback``: apply ``function`` to the text between strip markers."""
    if MARKER_PREFIX not in text:
        return function(text)
    out: list[str] = []
    pos = 0
    for m in _MARKER.finditer(text):
        out.append(function(text[pos : m.start()]))
        out.append(m.group(0))
        pos = m.end()
    out.append(function(text[pos:]))
    return "".join(out)


class Frame:
    """One frame: the page itself (root) or one template call with its arguments."""

    __slots__ = ("args", "cache", "depth", "parent", "title", "volatile")

    def __init__(
        self,
        parent: Frame | None,
        title: PageTitle | None,
        args: dict[str, tuple[str, list[Node], int, int, bool]],
    ) -> None:
        self.parent = parent
        self.title = title
        self.depth: int = 0 if parent is None else parent.depth + 1
        #: Argument name → (text, value nodes, start, end, trim) in the parent's text.
        self.args = args
        self.cache: dict[str, str] = {}
        #: Whether a tag hook with side effects ran in this frame or below it
        #: (``PPFrame::setVolatile``): its expansion is not reused for the next call.
        self.volatile = False

    def set_volatile(self) -> None:
        """Mark this frame and every frame above it volatile, as MediaWiki's template
        frames pass ``setVolatile`` to their parent."""
        frame: Frame | None = self
        while frame is not None and not frame.volatile:
            frame.volatile = True
            frame = frame.parent

    @property
    def is_template(self) -> bool:
        """Whether this frame is a template call (the root frame has no arguments)."""
        return self.parent is not None

    def in_chain(self, title: str) -> bool:
        """Whether a frame above this one (or this one) expands the page ``title``."""
        frame: Frame | None = self
        while frame is not None and frame.parent is not None:
            if frame.title is not None and frame.title.canonical == title:
                return True
            frame = frame.parent
        return False


class Arg:
    """One ``|``-separated part of a parser function call, expanded only when asked."""

    __slots__ = ("_expander", "_frame", "_part", "_text")

    def __init__(self, expander: Expander, frame: Frame, text: str, part: Part) -> None:
        self._expander = expander
        self._frame = frame
        self._text = text
        self._part = part

    @property
    def part(self) -> Part:
        """The part of the preprocessor tree this argument is."""
        return self._part

    @property
    def source(self) -> str:
        """The text the part's offsets index into."""
        return self._text

    @property
    def has_equals(self) -> bool:
        """Whether the part is ``name=value``."""
        return self._part.eq >= 0

    def expand(self) -> str:
        """The whole part (``name=value`` included), expanded, untrimmed."""
        part = self._part
        return self._expander.expand_nodes(
            self._text, part.children, part.start, part.end, self._frame
        )

    def trimmed(self) -> str:
        """The whole part, expanded and trimmed (what a plain parser function receives)."""
        return self.expand().strip(_PHP_WS)

    def name(self) -> str:
        """The trimmed expanded name of a ``name=value`` part ("" without ``=``)."""
        part = self._part
        if part.eq < 0:
            return ""
        children = [c for c in part.children if c.end <= part.eq]
        return php_trim(
            self._expander.expand_nodes(self._text, children, part.start, part.eq, self._frame)
        )

    def value(self) -> str:
        """The trimmed expanded value (the whole part when it has no ``=``)."""
        part = self._part
        if part.eq < 0:
            return self.trimmed()
        children = [c for c in part.children if c.start > part.eq]
        return php_trim(
            self._expander.expand_nodes(self._text, children, part.eq + 1, part.end, self._frame)
        )


class Call:
    """What a parser function sees: the expander, the calling frame and the page."""

    __slots__ = ("expander", "frame")

    def __init__(self, expander: Expander, frame: Frame) -> None:
        self.expander = expander
        self.frame = frame

    @property
    def site(self) -> ExpansionSite:
        """The wiki's namespaces and names."""
        return self.expander.site

    @property
    def page(self) -> PageTitle:
        """The page being expanded (``{{PAGENAME}}``)."""
        return self.expander.page

    @property
    def clock(self) -> datetime.datetime:
        """The fixed time of this expansion (UTC)."""
        return self.expander.clock

    def diagnose(self, code: str, message: str, severity: Severity = "warning") -> None:
        """Record a problem at the top-level call being expanded."""
        self.expander.diagnose(code, message, severity)

    def preprocess(self, text: str) -> str:
        """``text`` expanded in this frame (``frame:preprocess``)."""
        return self.expander.preprocess(text, self.frame)

    def expand_template(self, title: str, args: Mapping[str, str]) -> str | None:
        """A template called from this frame with ready-made arguments."""
        return self.expander.expand_template(title, args, self.frame)

    def arguments(self) -> dict[str, str]:
        """This frame's arguments, expanded (``frame.args`` in a module)."""
        return self.expander.frame_arguments(self.frame)

    def parent_arguments(self) -> dict[str, str]:
        """The calling template's arguments, expanded (``frame:getParent().args``)."""
        parent = self.frame.parent
        return {} if parent is None else self.expander.frame_arguments(parent)

    def page_exists(self, title: PageTitle) -> bool:
        """Whether the template source has the page (``#ifexist``).

        A source with an ``exists(title)`` method answers for pages whose text it does
        not keep (``from_dump`` knows every article's title).
        """
        return self.expander.exists(title.canonical)


class Expander:
    """Expands one page's wikitext with templates from ``lookup`` (see the module doc)."""

    def __init__(
        self,
        lookup: Callable[[str], str | None],
        *,
        page: PageTitle,
        site: ExpansionSite,
        clock: datetime.datetime,
        invoke: InvokeHook | None = None,
        exists: Callable[[str], bool] | None = None,
        tags: Mapping[str, TagHook] | None = None,
    ) -> None:
        from wikibio.expand.functions import FUNCTIONS, VARIABLES, with_string_functions

        self.lookup = lookup
        #: The source's ``exists(title)``, when it has one (titles without text).
        self.exists_hook = exists
        self.page = page
        self.site = site
        self.clock = clock
        self.invoke = invoke
        #: Extension tags rendered while expanding (lower-case name → hook); any other
        #: extension tag is kept as written.
        self.tag_hooks: dict[str, TagHook] = {k.lower(): v for k, v in (tags or {}).items()}
        self._strip_list: tuple[str, ...] = tuple(dict.fromkeys((*EXTENSION_TAGS, *self.tag_hooks)))
        functions = with_string_functions() if site.string_functions else FUNCTIONS
        self.functions, self.variables = _localised(functions, VARIABLES, site)
        #: Whether some function name ends in a full-width colon (Japanese ``#言語`` with
        #: full-width hash and colon).
        self._variants = site.language.split("-", 1)[0] in VARIANT_LANGUAGES
        self._max_depth = site.max_template_depth
        self._nonincludable = site.nonincludable
        self._wide_colon = any(
            alias.endswith(_WIDE_COLON)
            for aliases in site.magic_words.values()
            for alias in aliases
        )
        #: Extension tags whose bodies are expanded where the tag stands, in the page's
        #: frame, as the reading view needs them (Cite keeps a ``<ref>``'s body as written
        #: and parses it with ``recursiveTagParse`` and no frame, so a template's
        #: ``{{{1}}}`` there is not its argument); ``expand`` keeps every body as written.
        self.expand_bodies: frozenset[str] = frozenset()
        #: The ``expand_bodies`` tags rendered, in the order their hooks ran (filled by
        #: ``expand``).
        self.tags: list[TagExpansion] = []
        #: (name, attributes, body, strip marker number, from #tag, enclosing list's
        #: attributes) while expanding.
        self._records: list[tuple[str, str, str | None, int, bool, str | None]] = []
        #: Attributes of the ``<references>`` tags whose bodies are being expanded.
        self._lists: list[str] = []
        #: The page's own frame, where Cite parses ref and list bodies.
        self._root: Frame | None = None
        #: How many ``<ref>`` bodies are being expanded around the current node.
        self._ref_bodies = 0
        #: Refs made inside those bodies, registered after them (``nested_ref``).
        self._nested: list[tuple[str, str, str | None, str, Frame]] = []
        self.diagnostics: list[Diagnostic] = []
        self._problems: list[tuple[int, str, str, Severity]] = []
        self._pages: dict[str, str | None] = {}
        self._doms: dict[str, ScanResult] = {}
        self._empty_frame_cache: dict[str, str] = {}
        self._offset = 0
        self._depth = 0
        self._stripped: list[str] = []
        self._titles: dict[tuple[str, int], PageTitle | None] = {}
        self._resolved: dict[str, tuple[PageTitle, str] | None] = {}
        self.node_count = 0
        self.post_expand_size = 0
        #: Bytes of ``{{{arguments}}}`` used so far ("Template argument size").
        self.argument_size = 0
        self._limit_reported: set[str] = set()

    # --- entry point -----------------------------------------------------------------

    def expand(self, text: str) -> str:
        """The expansion of a page's text; diagnostics land in ``self.diagnostics``."""
        tree = scan(text, strip_list=self._strip_list)
        root = self._root = Frame(None, None, {})
        with _recursion_room():
            marked = self.expand_nodes(text, tree.children, tree.start, tree.end, root)
            if self._records:
                out, landed = self._unstrip_tracked(marked)
                self.tags = [
                    TagExpansion(
                        name,
                        attributes,
                        body if body is None or MARKER_PREFIX not in body else self.unstrip(body),
                        tuple(landed.get(number, ())),
                        function,
                        inside,
                    )
                    for name, attributes, body, number, function, inside in self._records
                ]
            else:
                out = self.unstrip(marked)
        index = LineIndex(text)
        for offset, code, message, severity in self._problems:
            line, column = index.position(offset)
            self.diagnostics.append(Diagnostic(code, message, line, column, severity, offset))
        return out

    def strip_marker(self, content: str, name: str) -> str:
        """A placeholder for an extension tag's text, as MediaWiki's strip state makes.

        Parser functions see the marker, not the tag (``lc`` skips it, ``urlencode``
        drops it, ``#ifeq`` compares it); ``expand`` puts the text back at the end.
        """
        self._stripped.append(content)
        return f"{MARKER_PREFIX}{name.lower()}-{len(self._stripped) - 1:08X}{MARKER_SUFFIX}"

    @property
    def root(self) -> Frame | None:
        """The page's own frame while ``expand`` runs (``None`` before)."""
        return self._root

    @property
    def in_ref_body(self) -> bool:
        """Whether a ``<ref>`` tag's body is being expanded (for the reading view)."""
        return self._ref_bodies > 0

    def nested_ref(
        self, name: str, attributes: str, body: str | None, whole: str, frame: Frame
    ) -> None:
        """A ``<ref>`` made inside another ``<ref>`` tag's body: it shows nothing there.

        Cite meets it only when the list parses the outer body, after the outer ref: it is
        registered after the outer one (shown nowhere), with its body as written (a
        template that puts itself in its own ref would otherwise nest without end).
        """
        self._nested.append((name, attributes, body, whole, frame))

    def _register_nested(self) -> None:
        """Record the refs made inside the ref bodies just expanded (``nested_ref``)."""
        nested, self._nested = self._nested, []
        for name, attributes, body, whole, frame in nested:
            self.tag_output(name, attributes, body, whole, frame)

    def tag_output(
        self,
        name: str,
        attributes: str,
        body: str | None,
        whole: str,
        frame: Frame,
        *,
        parser_function: bool = False,
    ) -> str:
        """A strip marker for an extension tag written out as ``whole`` (the tag with its
        body, expanded or not).

        A tag of ``expand_bodies`` (``<ref>``, ``<references>``) stands for a Cite hook
        call: it is recorded in order (``tags``) and makes its frame volatile, as Cite's
        hooks call ``PPFrame::setVolatile`` (so a template without arguments that holds a
        ref is expanded, and numbered, at every call rather than reused).
        """
        marker = self.strip_marker(whole, name)
        lower = name.lower()
        if lower in self.expand_bodies:
            inside = self._lists[-1] if self._lists else None
            self._records.append(
                (lower, attributes, body, len(self._stripped) - 1, parser_function, inside)
            )
            if not frame.volatile:
                frame.set_volatile()
        return marker

    def render_tag(
        self,
        hook: TagHook,
        name: str,
        body: str | None,
        attributes: dict[str, str],
        frame: Frame,
    ) -> str:
        """A hooked extension tag rendered by its hook, as a strip marker (so parser
        functions see a marker, as they see MediaWiki's tag output)."""
        try:
            shown = hook(Call(self, frame), name.lower(), body, attributes)
        except Exception as error:  # a broken hook must not stop the page
            self.diagnose("tag-hook-error", f"the <{name}> hook failed: {error}", "error")
            shown = ""
        return self.strip_marker(shown, name)

    def unstrip(self, text: str) -> str:
        """``text`` with every strip marker replaced by its tag's text (nested ones too)."""
        for _ in range(100):
            if MARKER_PREFIX not in text:
                break
            text = _MARKER.sub(lambda m: self._stripped[int(m.group(1), 16)], text)
        return text

    def _unstrip_tracked(self, text: str) -> tuple[str, dict[int, list[tuple[int, int]]]]:
        """``unstrip`` that also says where each strip marker's text lands: marker number
        → ``(start, end)`` spans in the result (nested markers included)."""
        landed: dict[int, list[tuple[int, int]]] = {}
        stripped = self._stripped

        def put(piece: str, offset: int, depth: int) -> str:
            growth = 0  # what the replacements so far added to the piece's length

            def replace(match: re.Match[str]) -> str:
                nonlocal growth
                number = int(match.group(1), 16)
                if number >= len(stripped):
                    return match.group(0)  # text that only looks like a marker
                start = offset + match.start() + growth
                content = stripped[number]
                if depth < 100 and MARKER_PREFIX in content:
                    content = put(content, start, depth + 1)
                span = (start, start + len(content))
                if number in landed:
                    landed[number].append(span)
                else:
                    landed[number] = [span]
                growth += len(content) - (match.end() - match.start())
                return content

            return _MARKER.sub(replace, piece)

        return put(text, 0, 0), landed

    def diagnose(self, code: str, message: str, severity: Severity = "warning") -> None:
        """Record a problem at the offset of the top-level node being expanded."""
        self._problems.append((self._offset, code, message, severity))

    def _limit(self, code: str, message: str) -> None:
        if code not in self._limit_reported:
            self._limit_reported.add(code)
            self.diagnose(code, message, "error")

    # --- the tree walk ---------------------------------------------------------------

    def expand_nodes(
        self, text: str, children: list[Node], start: int, end: int, frame: Frame
    ) -> str:
        """Expand ``text[start:end]`` whose preprocessor nodes are ``children``, in ``frame``."""
        if self._depth > MAX_EXPAND_DEPTH:
            self._limit(
                "expansion-depth-exceeded",
                f"expansion nests deeper than MediaWiki's limit ({MAX_EXPAND_DEPTH}); "
                "the rest shows 'Expansion depth limit exceeded'",
            )
            return '<span class="error">Expansion depth limit exceeded</span>'
        if not children:
            # PERF: plain text (most titles and argument values) needs no walk; this halves
            # the time of a page of 40,000 small calls.
            self.node_count += 1
            return text[start:end]
        self.node_count += len(children) + 1
        if self.node_count > MAX_NODE_COUNT:
            self._limit(
                "node-count-exceeded",
                f"the page expands more than {MAX_NODE_COUNT:,} preprocessor nodes, "
                "MediaWiki's limit; the rest shows 'Node-count limit exceeded'",
            )
            return '<span class="error">Node-count limit exceeded</span>'
        self._depth += 1
        try:
            return self._walk(text, children, start, end, frame)
        finally:
            self._depth -= 1

    def _walk(self, text: str, children: list[Node], start: int, end: int, frame: Frame) -> str:
        out: list[str] = []
        pos = start
        root = frame.parent is None and self._depth == 1
        for node in children:
            if node.start > pos:
                out.append(text[pos : node.start])
            pos = node.end
            if isinstance(node, Template):
                if root:
                    self._offset = node.start
                if node.is_arg:
                    out.append(self._argument(text, node, frame))
                else:
                    out.append(self._brace(text, node, frame))
            elif isinstance(node, Heading):
                out.append(self._walk(text, node.children, node.start, node.end, frame))
            elif isinstance(node, Ext):
                ext = node
                name = text[ext.start + 1 : ext.attr_start]
                hook = self.tag_hooks.get(name.lower()) if self.tag_hooks else None
                if hook is not None:
                    body = None if ext.inner_start < 0 else text[ext.inner_start : ext.inner_end]
                    attributes = tag_attributes(text[ext.attr_start : ext.attr_end])
                    out.append(self.render_tag(hook, name, body, attributes, frame))
                elif name.lower() in self.expand_bodies:
                    expanded: str | None = None
                    whole = text[ext.start : ext.end]
                    attribute_text = text[ext.attr_start : ext.attr_end]
                    is_ref = name.lower() == "ref"
                    if is_ref and self._ref_bodies:
                        raw = None if ext.inner_start < 0 else text[ext.inner_start : ext.inner_end]
                        self.nested_ref(name, attribute_text, raw, whole, frame)
                        continue
                    if ext.inner_start >= 0:
                        inner = text[ext.inner_start : ext.inner_end]
                        tree = scan(inner, strip_list=self._strip_list)
                        listing = name.lower() == "references"
                        if listing:
                            self._lists.append(attribute_text)
                        # Cite keeps the body as written and parses it later with
                        # recursiveTagParse and no frame: in the page's frame, so a
                        # template's {{{1}}} in it stays as written (use {{#tag:ref}}).
                        top = self._root or frame
                        self._ref_bodies += is_ref
                        try:
                            expanded = self.expand_nodes(inner, tree.children, 0, len(inner), top)
                        finally:
                            self._ref_bodies -= is_ref
                            if listing:
                                self._lists.pop()
                        whole = (
                            text[ext.start : ext.inner_start]
                            + expanded
                            + text[ext.inner_end : ext.end]
                        )
                    out.append(self.tag_output(name, attribute_text, expanded, whole, frame))
                    if is_ref and not self._ref_bodies:
                        self._register_nested()
                else:
                    out.append(self.strip_marker(text[ext.start : ext.end], name))
            # Comments and ignored tags show nothing.
        if end > pos:
            out.append(text[pos:end])
        return "".join(out)

    def _part_text(self, text: str, part: Part, frame: Frame) -> str:
        return self.expand_nodes(text, part.children, part.start, part.end, frame)

    def _implode(
        self, text: str, opening: str, title: str, parts: list[Part], closing: str, frame: Frame
    ) -> str:
        """The call written back with its parts expanded (``virtualBracketedImplode``)."""
        pieces = [opening, title]
        for part in parts:
            pieces.append("|")
            pieces.append(self._part_text(text, part, frame))
        pieces.append(closing)
        return "".join(pieces)

    # --- {{{arguments}}} -------------------------------------------------------------

    def _name_text(self, text: str, node: Template, frame: Frame) -> str:
        """A call's or parameter's name part, expanded (as written when it is plain)."""
        title_part = node.parts[0]
        if title_part.children or self._depth >= MAX_EXPAND_DEPTH:
            return self.expand_nodes(
                text, title_part.children, title_part.start, title_part.end, frame
            )
        # PERF: a plain name needs no walk
        self.node_count += 1
        return text[title_part.start : title_part.end]

    def _argument(self, text: str, node: Template, frame: Frame) -> str:
        title = self._name_text(text, node, frame)
        name = title.strip(_PHP_WS)
        value = self.argument(frame, name) if frame.parent is not None else None
        if value is None and len(node.parts) > 1:
            value = self._part_text(text, node.parts[1], frame)
        if value is None:
            return self._implode(text, "{{{", title, node.parts[1:], "}}}", frame)
        size = len(value) if value.isascii() else len(value.encode("utf-8", "surrogatepass"))
        if self.argument_size + size > self.site.max_include_size:
            self._limit(
                "template-argument-size",
                "the page's template arguments exceed MediaWiki's argument size limit "
                f"({self.site.max_include_size:,} bytes); later arguments are omitted",
            )
            return "<!-- WARNING: argument omitted, expansion size too large -->"
        self.argument_size += size
        return value

    def argument(self, frame: Frame, name: str) -> str | None:
        """The expanded value of argument ``name`` of a template frame, or None."""
        cached = frame.cache.get(name)
        if cached is not None:
            return cached
        entry = frame.args.get(name)
        if entry is None or frame.parent is None:
            return None
        text, children, start, end, trim = entry
        if children or self._depth >= MAX_EXPAND_DEPTH:
            value = self.expand_nodes(text, children, start, end, frame.parent)
        else:  # PERF: a plain value needs no walk
            self.node_count += 1
            value = text[start:end]
        if trim:
            value = value.strip(_PHP_WS)
        frame.cache[name] = value
        return value

    # --- {{templates}} and parser functions ------------------------------------------

    def _brace(self, text: str, node: Template, frame: Frame) -> str:
        title_with_spaces = self._name_text(text, node, frame)
        part1 = title_with_spaces.strip(_PHP_WS)
        parts = node.parts[1:]
        nowiki = False
        if ":" in part1:
            lower = part1[:10].lower()
            if lower.startswith("subst:"):
                # Viewing a page: subst: is only done on save; the call shows as written.
                return self._implode(text, "{{", title_with_spaces, parts, "}}", frame)
            if lower.startswith("safesubst:"):
                part1 = part1[10:].lstrip(_PHP_WS)
            lower = part1[:6].lower()
            if lower.startswith("msgnw:"):
                nowiki = True
                part1 = part1[6:].lstrip(_PHP_WS)
            elif lower.startswith(("msg:", "raw:")):
                part1 = part1[4:].lstrip(_PHP_WS)

        result: str | None = None
        title_text: str | None = None
        if not parts and not nowiki:
            variable = _lookup(self.variables, part1)
            if variable is not None:
                result = variable(Call(self, frame))
        if result is None and not nowiki:
            colon = part1.find(":")
            if colon < 0 and self._wide_colon:
                colon = part1.find(_WIDE_COLON)
            if colon > 0 or (colon < 0 and part1.startswith("#")):
                # "{{#name}}" without a colon calls the function with an empty first
                # argument (MediaWiki's parser tests: {{#bcp47}}, {{#contentmodel}}).
                result = self._function(
                    text, part1, colon if colon > 0 else len(part1), parts, frame
                )
        if result is None:
            result, title_text = self._template(text, part1, parts, frame, nowiki)
            if result is None:
                return self._implode(text, "{{", title_with_spaces, parts, "}}", frame)
        if not node.line_start and _BLOCK_START.match(result):
            result = "\n" + result
        size = len(result) if result.isascii() else len(result.encode("utf-8", "surrogatepass"))
        if self.post_expand_size + size > self.site.max_include_size:
            self._limit(
                "post-expand-include-size",
                "the page's expanded templates exceed MediaWiki's post-expand include size "
                f"({self.site.max_include_size:,} bytes); later templates are omitted and show "
                "as links",
            )
            shown = title_text if title_text is not None else part1
            warning = "<!-- WARNING: template omitted, post-expand include size too large -->"
            return f"[[:{shown}]]{warning}"
        self.post_expand_size += size
        return result

    def _function(
        self, text: str, part1: str, colon: int, parts: list[Part], frame: Frame
    ) -> str | None:
        name = part1[:colon]
        function = _lookup(self.functions, name)
        if function is None:
            if name.startswith("#"):
                self.diagnose(
                    "unknown-parser-function",
                    f"'{{{{{name}:…}}}}' is not a parser function wikibio knows; "
                    "MediaWiki shows such a call as written",
                    "info",
                )
            return None
        first = php_trim(part1[colon + 1 :])
        args = [Arg(self, frame, text, part) for part in parts]
        return function(Call(self, frame), first, args)

    def fetch(self, canonical: str) -> str | None:
        """The text of a page of the source (cached for the page's expansion)."""
        if canonical in self._pages:
            return self._pages[canonical]
        try:
            found = self.lookup(canonical)
        except Exception as error:  # a broken source must not stop the page
            self.diagnose(
                "template-source-error",
                f"the template source failed to read {canonical!r}: {error}",
                "error",
            )
            found = None
        self._pages[canonical] = found
        return found

    def exists(self, canonical: str) -> bool:
        """Whether the source has page ``canonical``."""
        if self.fetch(canonical) is not None:
            return True
        if self.exists_hook is None:
            return False
        try:
            return bool(self.exists_hook(canonical))
        except Exception:  # a broken source must not stop the page
            return False

    def _resolve(self, title: PageTitle) -> tuple[PageTitle, str] | None:
        """The page and text ``title`` names, following up to two redirects (cached)."""
        key = title.canonical
        if key in self._resolved:
            return self._resolved[key]
        found = self._resolved[key] = self._resolve_uncached(title)
        return found

    def _resolve_uncached(self, title: PageTitle) -> tuple[PageTitle, str] | None:
        current = title
        source = self.fetch(current.canonical)
        if source is None:
            return None
        for _ in range(_MAX_REDIRECTS):
            m = _REDIRECT.match(source)
            if m is None:
                break
            target = make_title(m.group(1), 0, self.site)
            if target is None:
                break
            found = self.fetch(target.canonical)
            if found is None:
                break
            current, source = target, found
        return current, source

    def _template(
        self, text: str, part1: str, parts: list[Part], frame: Frame, nowiki: bool
    ) -> tuple[str | None, str | None]:
        result, title_text = self._template_text(text, part1, parts, frame, nowiki)
        if nowiki and result is not None:
            result = escape_wikitext(result)
        return result, title_text

    def _relative(self, part1: str) -> tuple[str, int]:
        """``Linker::normalizeSubpageLink``: ``/Sub`` and ``../Sibling`` from the page."""
        page = self.page
        if page.namespace not in self.site.subpages or not part1.startswith(("/", "../")):
            return part1, 10
        base = page.full
        rest = part1
        while rest.startswith("../"):
            if "/" not in base:
                return part1, 10
            base = base.rsplit("/", 1)[0]
            rest = rest[3:]
        if part1.startswith("/"):
            return (base + rest).rstrip("/"), 0
        return (f"{base}/{rest}" if rest else base).rstrip("/"), 0

    def _template_text(
        self,
        text: str,
        part1: str,
        parts: list[Part],
        frame: Frame,
        nowiki: bool,
        given: dict[str, tuple[str, list[Node], int, int, bool]] | None = None,
    ) -> tuple[str | None, str | None]:
        if part1.startswith(("/", "../")):
            part1, namespace = self._relative(part1)
        else:
            namespace = 10
        title_key = (part1, namespace)
        if title_key in self._titles:
            title = self._titles[title_key]
        else:
            title = self._titles[title_key] = make_title(part1, namespace, self.site)
        if title is None:
            return None, None
        title_text = title.full
        if frame.depth >= self._max_depth:
            limit = self._max_depth
            self._limit(
                "template-depth-exceeded",
                f"templates nest deeper than MediaWiki's limit ({limit})",
            )
            return (
                f'<span class="error">Template recursion depth limit exceeded ({limit})</span>',
                title_text,
            )
        if title.namespace in self._nonincludable:
            # $wgNonincludableNamespaces: such pages are never transcluded, only linked.
            return f"[[:{title_text}]]", title_text
        resolved = self._resolve(title) if title.namespace >= 0 else None
        tried: list[str] = []  # other variants' spellings looked up
        if resolved is None and title.namespace >= 0 and self._variants:
            # A language with variants finds the page under another variant's spelling
            # (Parser::braceSubstitution calls LanguageConverter::findVariantLink).
            for spelling in variant_spellings(self.site.language, part1):
                variant = make_title(spelling, namespace, self.site)
                if variant is None:
                    continue
                tried.append(variant.canonical)
                resolved = self._resolve(variant)
                if resolved is not None:
                    break
        if resolved is None and title.namespace == 8:
            # A MediaWiki: page that does not exist shows the message's default text.
            default = DEFAULT_MESSAGES.get(message_key(title.text))
            if default is not None:
                return default, title_text
        if resolved is None:
            variants = "".join(f" nor {name!r}" for name in tried)
            self.diagnose(
                "missing-template",
                f"the template source has no page {title.canonical!r}{variants}; MediaWiki "
                f"shows a red link [[:{title_text}]]",
            )
            return f"[[:{title_text}]]", title_text
        target, source = resolved
        if frame.in_chain(target.canonical):
            self.diagnose(
                "template-loop",
                f"{title_text} calls itself; MediaWiki shows 'Template loop detected'",
                "error",
            )
            return (
                f'<span class="error">Template loop detected: [[{title_text}]]</span>',
                title_text,
            )
        if nowiki:
            return source, title_text
        args = given if given is not None else self._frame_args(text, parts, frame)
        child = Frame(frame, target, args)
        key = target.canonical
        if not args:
            cached = self._empty_frame_cache.get(key)
            if cached is not None:
                return cached, title_text
        dom = self._doms.get(key)
        if dom is None:
            dom = _inclusion_tree(source, self._strip_list)
            self._doms[key] = dom
        result = self.expand_nodes(source, dom.children, dom.start, dom.end, child)
        if not args and not child.volatile:
            self._empty_frame_cache[key] = result
        return result, title_text

    # --- entry points for the Lua runtime (Scribunto's frame methods) -----------------

    def preprocess(self, text: str, frame: Frame) -> str:
        """``frame:preprocess(text)``: ``text`` scanned as a page and expanded in ``frame``.

        Extension tags in the result are strip markers, as Scribunto receives them; the
        page's expansion puts their text back at the end.
        """
        tree = scan(text, strip_list=self._strip_list)
        return self.expand_nodes(text, tree.children, tree.start, tree.end, frame)

    def expand_template(self, title: str, args: Mapping[str, str], frame: Frame) -> str | None:
        """``frame:expandTemplate{title=…, args=…}``: a page called with ready-made arguments.

        The arguments are used as given (no trimming); the title is read like a template
        call's name.  Returns None for an invalid title (Scribunto raises a Lua error).
        """
        given: dict[str, tuple[str, list[Node], int, int, bool]] = {
            str(name): (value, [], 0, len(value), False) for name, value in args.items()
        }
        result, _ = self._template_text("", title, [], frame, False, given)
        return result

    def child_frame(
        self, frame: Frame, title: PageTitle, args: list[Arg], *, offset: int = 0
    ) -> Frame:
        """A frame below ``frame`` whose arguments are ``args`` (positions less ``offset``),
        as Scribunto makes for ``{{#invoke:}}`` (``PPFrame::newChild`` with an index offset).
        """
        values: dict[str, tuple[str, list[Node], int, int, bool]] = {}
        for arg in args:
            part = arg.part
            if part.eq < 0:
                values[str(part.index - offset)] = (
                    arg.source,
                    part.children,
                    part.start,
                    part.end,
                    False,
                )
            else:
                name = arg.name()
                values[name] = (
                    arg.source,
                    [c for c in part.children if c.start > part.eq],
                    part.eq + 1,
                    part.end,
                    True,
                )
        return Frame(frame, title, values)

    def frame_arguments(self, frame: Frame) -> dict[str, str]:
        """Every argument of a template frame, expanded (``pairs(frame.args)``)."""
        values = {}
        for name in frame.args:
            value = self.argument(frame, name)
            if value is not None:
                values[name] = value
        return values

    def _frame_args(
        self, text: str, parts: list[Part], frame: Frame
    ) -> dict[str, tuple[str, list[Node], int, int, bool]]:
        args: dict[str, tuple[str, list[Node], int, int, bool]] = {}
        for part in parts:
            if part.eq < 0:
                args[str(part.index)] = (text, part.children, part.start, part.end, False)
            elif not part.children:
                self.node_count += 1
                name = text[part.start : part.eq].strip(_PHP_WS)
                args[name] = (text, [], part.eq + 1, part.end, True)
            else:
                names = [c for c in part.children if c.end <= part.eq]
                name = php_trim(self.expand_nodes(text, names, part.start, part.eq, frame))
                values = [c for c in part.children if c.start > part.eq]
                args[name] = (text, values, part.eq + 1, part.end, True)
        return args


@functools.lru_cache(maxsize=2048)
def _inclusion_tree(source: str, strip_list: tuple[str, ...]) -> ScanResult:
    """A template's tree scanned for inclusion, shared by the pages that use it.

    Keyed by the template's text, so a changed template is scanned again; the tree is only
    read by the expander.  PERF: a wiki's pages call the same templates over and over
    (ltgwiki: 2,200 scans of a few hundred templates were 40% of reading its articles).
    """
    return scan(source, for_inclusion=True, strip_list=strip_list)


def _localised(
    functions: dict[str, tuple[_F, bool]],
    variables: dict[str, tuple[_G, bool]],
    site: ExpansionSite,
) -> tuple[dict[str, tuple[_F, bool]], dict[str, tuple[_G, bool]]]:
    """The registries with the content language's own names added (``MessagesCs.php``'s
    ``PRVNÍVELKÉ:`` for ``ucfirst``), each as case-sensitive as the English name.

    The English names of a magic word (``Site.for_language("en")``) say which registry
    entry its local names stand for; a trailing colon (``:`` or the full-width colon U+FF1A) marks a
    function name and is dropped, as ``Parser::setFunctionHook`` drops it.
    """
    if not site.magic_words:
        return functions, variables
    from wikibio.site.wikis import Site

    english = Site.for_language("en").magic_words
    functions, variables = dict(functions), dict(variables)
    for key, aliases in site.magic_words.items():
        names = [name.rstrip(":") for name in english.get(key, ())]
        tables: tuple[dict[str, Any], ...] = (functions, variables)
        for table in tables:
            entry = next(
                (
                    table.get(n) or table.get(n.lower())
                    for n in names
                    if n in table or n.lower() in table
                ),
                None,
            )
            if entry is None:
                continue
            for alias in aliases:
                local = alias[:-1] if alias.endswith((":", _WIDE_COLON)) else alias
                table.setdefault(local if entry[1] else local.lower(), entry)
    return functions, variables


def _lookup(table: dict[str, tuple[_F, bool]], name: str) -> _F | None:
    """A magic word's handler: exact name if case-sensitive, else by lower case."""
    entry = table.get(name)
    if entry is not None and entry[1]:
        return entry[0]
    entry = table.get(name.lower())
    if entry is not None and not entry[1]:
        return entry[0]
    return None


_ESCAPES: Final = {
    '"': "&#34;",
    "&": "&#38;",
    "'": "&#39;",
    "<": "&#60;",
    "=": "&#61;",
    ">": "&#62;",
    "[": "&#91;",
    "]": "&#93;",
    "{": "&#123;",
    "|": "&#124;",
    "}": "&#125;",
    ";": "&#59;",
}
_ESCAPE_RE: Final = re.compile(r"[\"&'<=>\[\]{|};]")
_LINE_START_RE: Final = re.compile(r"(^|\n)([#*:;\n\r ])")
_MAGIC_RE: Final = re.compile(r"(__|://|ISBN |RFC |PMID |~~~)")


def escape_wikitext(text: str) -> str:
    """``wfEscapeWikiText``: text that shows literally when read as wikitext."""
    out = _ESCAPE_RE.sub(lambda m: _ESCAPES[m.group(0)], text)
    out = _LINE_START_RE.sub(lambda m: m.group(1) + f"&#{ord(m.group(2))};", out)
    if out.startswith("----"):
        out = "&#45;" + out[1:]
    return _MAGIC_RE.sub(
        lambda m: {
            "__": "_&#95;",
            "://": "&#58;//",
            "ISBN ": "ISBN&#32;",
            "RFC ": "RFC&#32;",
            "PMID ": "PMID&#32;",
            "~~~": "~~&#126;",
        }[m.group(0)],
        out,
    )


@contextmanager
def _recursion_room() -> Iterator[None]:
    """Room for 100 nested template frames (a few Python frames each), then the old limit."""
    old = sys.getrecursionlimit()
    if old < 20_000:
        sys.setrecursionlimit(20_000)
    try:
        yield
    finally:
        sys.setrecursionlimit(old)
