"""The structural layer: MediaWiki's preprocessor, as a scanner over offsets.

This module finds what MediaWiki's preprocessor (``Preprocessor_Hash``) finds before it
expands anything: headings, ``{{templates}}``, ``{{{arguments}}}``, ``<!-- comments -->``,
extension tags such as ``<ref>`` and ``<nowiki>``, and ``<includeonly>``-style material.
It follows the rules written down in ``docs/mediawiki-rules.md`` (taken from
``shared/reference/PREPROCESSOR.md``), including the odd ones: brace runs matched
"rightmost wins", ``[[ ]]`` shielding ``|`` and ``}}``, the DWIM ``=`` at a line start,
comments that eat their line, unclosed tags that turn into text.

Nothing here copies text: every node records ``start``/``end`` offsets into the scanned
string, and text is whatever lies between child nodes.  The scan is one left-to-right
pass with an explicit stack (no recursion, so nesting depth is unbounded), jumping between
special characters with precompiled regular expressions; every search is bounded so the
pass stays linear in the input size.

The scanner never renders and never raises for markup.  Problems it sees (an unclosed
template, comment or tag) are returned as ``ScanProblem`` records with offsets.

The nodes form a tree (no node refers to its parent) and are marked ``acyclic`` for mypyc:
compiled, they are invisible to CPython's cyclic garbage collector. A page keeps its scan for
as long as it lives, and its nodes were a quarter of the objects each collection after a read
walked (``docs/architecture.md``). Their lists stay tracked. Do not make a node refer back to
an ancestor: such a cycle would never be freed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Final

from mypy_extensions import mypyc_attr

from wikibio.diagnostics import Severity
from wikibio.site.tags import EXTENSION_TAGS

__all__ = [
    "Comment",
    "Ext",
    "Heading",
    "Ignore",
    "Node",
    "Part",
    "ScanProblem",
    "ScanResult",
    "Template",
    "scan",
    "to_xml",
]

_ALLOW_MISSING_END: Final = frozenset({"includeonly", "noinclude", "onlyinclude"})
#: PCRE's ``\s`` without Unicode mode: ASCII whitespace only.
_WS: Final = "[\\t\\n\\x0b\\x0c\\r ]"


@mypyc_attr(acyclic=True)
class Node:
    """A span of the scanned text that the preprocessor turns into a node."""

    __slots__ = ("end", "start")

    def __init__(self, start: int, end: int) -> None:
        self.start = start
        self.end = end

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.start}, {self.end})"


@mypyc_attr(acyclic=True)
class Comment(Node):
    """``<!-- … -->``; may also own the whitespace and newline of a line it eats."""

    __slots__ = ("closed",)

    def __init__(self, start: int, end: int, closed: bool = True) -> None:
        super().__init__(start, end)
        self.closed = closed


@mypyc_attr(acyclic=True)
class Ignore(Node):
    """``<includeonly>``-style material the page view drops."""

    __slots__ = ()


@mypyc_attr(acyclic=True)
class Ext(Node):
    """An extension tag (``<ref>``, ``<nowiki>``, …) with its raw attributes and body.

    ``inner_start == -1`` for a self-closing tag; ``close_start == -1`` when the body
    runs to the end of the text (only possible for ``<includeonly>``-style tags).
    """

    __slots__ = ("attr_end", "attr_start", "close_start", "inner_end", "inner_start", "name")

    def __init__(
        self,
        start: int,
        end: int,
        name: str,
        attr_start: int,
        attr_end: int,
        inner_start: int,
        inner_end: int,
        close_start: int,
    ) -> None:
        super().__init__(start, end)
        self.name = name
        self.attr_start = attr_start
        self.attr_end = attr_end
        self.inner_start = inner_start
        self.inner_end = inner_end
        self.close_start = close_start


#: The children of every part without any once its call is complete, of headings without
#: any, and of scans that found nothing (most ref bodies): never appended to.
#: PERF: such parts are most parts; a list each was a third of the objects a page keeps.
NO_CHILDREN: Final[list[Node]] = []
#: The problems of every scan that found none (most scans of ref bodies): never appended to.
NO_PROBLEMS: Final[list[ScanProblem]] = []


@mypyc_attr(acyclic=True)
class Part:
    """One ``|``-separated part of a template: the title (part 0) or an argument.

    ``eq`` is the offset of the ``=`` that splits name from value, or ``-1``;
    ``index`` is the positional number of an unnamed argument (0 otherwise).
    ``children`` is read-only once the scan is over: the parts of a call without nested
    nodes share one empty list (``NO_CHILDREN``).
    """

    __slots__ = ("children", "comment_end", "end", "eq", "index", "start", "visual_end")

    def __init__(
        self,
        start: int,
        end: int = -1,
        eq: int = -1,
        index: int = 0,
        children: list[Node] | None = None,
    ) -> None:
        self.start = start
        self.end = start if end < 0 else end
        self.eq = eq
        self.index = index
        self.children: list[Node] = [] if children is None else children
        self.comment_end = -1
        self.visual_end = -1

    def __repr__(self) -> str:
        return f"Part({self.start}, {self.end}, eq={self.eq})"


@mypyc_attr(acyclic=True)
class Template(Node):
    """``{{…}}`` (``is_arg`` false) or ``{{{…}}}`` (``is_arg`` true)."""

    __slots__ = ("is_arg", "line_start", "parts")

    def __init__(
        self, start: int, end: int, parts: list[Part], is_arg: bool, line_start: bool
    ) -> None:
        super().__init__(start, end)
        self.parts = parts
        self.is_arg = is_arg
        self.line_start = line_start


@mypyc_attr(acyclic=True)
class Heading(Node):
    """A heading line; ``root`` is true when it stands directly under the root (a section)."""

    __slots__ = ("children", "index", "level", "root")

    def __init__(self, start: int, end: int, level: int, index: int, children: list[Node]) -> None:
        super().__init__(start, end)
        self.level = level
        self.index = index
        self.children = children
        self.root = False


@mypyc_attr(acyclic=True)
class ScanProblem:
    """Something malformed the scanner saw, at an offset (turned into a Diagnostic later)."""

    __slots__ = ("code", "message", "offset", "severity")

    def __init__(
        self, code: str, message: str, offset: int, severity: Severity = "warning"
    ) -> None:
        self.code = code
        self.message = message
        self.offset = offset
        self.severity = severity

    def __repr__(self) -> str:
        return f"ScanProblem({self.code!r}, {self.offset})"


@mypyc_attr(acyclic=True)
class ScanResult:
    """The root's children, the scanned range and the problems found."""

    __slots__ = ("children", "end", "problems", "start")

    def __init__(
        self, children: list[Node], start: int, end: int, problems: list[ScanProblem]
    ) -> None:
        self.children = children
        self.start = start
        self.end = end
        self.problems = problems


class _Piece:
    """An element open on the scanner's stack: a bracket run or a heading candidate."""

    __slots__ = ("count", "line_start", "open", "parts", "prefix", "start")

    def __init__(self, open_: str, start: int, count: int, line_start: bool, prefix: bool) -> None:
        self.open = open_
        self.start = start
        self.count = count
        self.line_start = line_start
        self.prefix = prefix
        self.parts = [Part(start + (count if open_ != "\n" else 0))]


#: What follows "[[" in a link that makes no node and holds nothing that stops the scan.
_SIMPLE_LINK_REST: Final = r"[^\]\[{<\n]*+\]\]"
_CLOSE_PATTERN: Final = {"{": r"\}\}", "[": r"\]\]", "-{": r"\}-", "\n": ""}


@lru_cache(maxsize=32)
def _grammar(
    strip_list: tuple[str, ...], for_inclusion: bool, lang_conversion: bool
) -> tuple[
    dict[tuple[str, bool], re.Pattern[str]], re.Pattern[str], frozenset[str], frozenset[str]
]:
    """Compile the stop patterns for one configuration.

    Returns the stop pattern per (top of stack, findEquals) state, the tag-name pattern
    used after ``<``, the ignored tag names and the ignored element names.
    """
    strip_list = tuple(name.lower() for name in strip_list)  # as Parser::setHook stores them
    if for_inclusion:
        ignored_tags = frozenset({"includeonly", "/includeonly"})
        ignored_elements = frozenset({"noinclude"})
        elements = (*strip_list, "noinclude")
    else:
        ignored_tags = frozenset({"noinclude", "/noinclude", "onlyinclude", "/onlyinclude"})
        ignored_elements = frozenset({"includeonly"})
        elements = (*strip_list, "includeonly")
    names = "|".join(re.escape(name) for name in (*elements, *sorted(ignored_tags)))
    tag = f"({names})(?:{_WS}|/>|>)|(!--)"
    tag_re = re.compile(tag, re.IGNORECASE | re.ASCII)
    angle = f"<(?=(?i:{names})(?:{_WS}|/>|>)|!--"
    angle += "|/onlyinclude>)" if for_inclusion else ")"
    base = [r"\{\{", r"\[\[", angle]
    if lang_conversion:
        base.append(r"-\{")
    patterns: dict[tuple[str, bool], re.Pattern[str]] = {}
    for top in ("", "{", "[", "-{", "\n"):
        for find_equals in (False, True):
            alternatives = list(base)
            # PERF: a link without "[", "]", "{", "<" or a newline before its "]]" makes
            # no node (the link fast path in ``scan``).  Where nothing in a link's text
            # could stop the search (no "|", "]]" or "=" alternative) the search passes it
            # by; elsewhere it reads it whole, and ``scan`` steps over it.
            if top in ("", "\n"):
                alternatives[1] = r"\[\[(?!" + _SIMPLE_LINK_REST + ")"
            else:
                alternatives[1] = r"\[\[(?:" + _SIMPLE_LINK_REST + ")?"
            alternatives.append("\n" if top == "\n" else "\n(?==)")
            if top:
                if top != "\n":
                    alternatives.append(_CLOSE_PATTERN[top])
                if top in ("{", "-{"):
                    alternatives.append(r"\|")
                    if find_equals:
                        alternatives.append("=")
            patterns[(top, find_equals)] = re.compile("|".join(alternatives))
    return patterns, tag_re, ignored_tags, ignored_elements


@lru_cache(maxsize=256)
def _close_tag_re(lower_name: str) -> re.Pattern[str]:
    return re.compile(f"</{re.escape(lower_name)}{_WS}*>", re.IGNORECASE | re.ASCII)


_EQUALS_RUN: Final = re.compile("={1,6}")
#: What ends a call read in one step: its "}}", or what makes it need the full scan.
_FLAT_STOP: Final = re.compile(r"\}\}|\{|<|\[\[|\n=")
#: What a "[[" piece stops at before its "]]" (see ``_grammar``), and "[[" itself.
_LINK_STOPS: Final = re.compile(r"\{\{|\[\[|<|-\{|\n=")


def scan(
    text: str,
    start: int = 0,
    end: int | None = None,
    *,
    for_inclusion: bool = False,
    strip_list: Iterable[str] = EXTENSION_TAGS,
    lang_conversion: bool = True,
) -> ScanResult:
    """Build the preprocessor tree of ``text[start:end]`` as MediaWiki would.

    Args:
        text: The whole source; offsets in the result index into it.
        start: Where the scanned range begins (a page, or the body of a ``<ref>``).
        end: Where it ends; the end of ``text`` by default.
        for_inclusion: Scan as for transclusion (``DOM_FOR_INCLUSION``) instead of page view.
        strip_list: Extension tag names, as ``Parser::getStripList`` gives them.
        lang_conversion: Whether ``-{ … }-`` brackets are active (they are on enwiki).

    Returns:
        The root's children and the problems seen, with offsets into ``text``.
    """
    n = len(text) if end is None else end
    if not for_inclusion:
        flat = _flat_call(text, start, n)
        if flat is not None:
            return flat
    patterns, tag_re, ignored_tags, ignored_elements = _grammar(
        strip_list if isinstance(strip_list, tuple) else tuple(strip_list),
        for_inclusion,
        lang_conversion,
    )
    problems: list[ScanProblem] = []
    root: list[Node] = []
    stack: list[_Piece] = []
    accum = root
    top_open = ""
    find_equals = False
    pattern = patterns[("", False)]
    i = start
    heading_index = 1
    no_more_gt = False
    next_gt = -1
    no_more_closing: set[str] = set()
    enable_onlyinclude = (
        for_inclusion
        and text.find("<onlyinclude>", start, n) >= 0
        and text.find("</onlyinclude>", start, n) >= 0
    )
    find_onlyinclude = enable_onlyinclude
    line_start = True  # a line-start check is due at i without consuming a newline
    spliced = False  # whether some children list holds a spliced sub-list (see _splice)

    while True:
        if find_onlyinclude:
            found = text.find("<onlyinclude>", i, n)
            if found < 0:
                accum.append(Ignore(i, n))
                break
            accum.append(Ignore(i, found + 13))
            i = found + 13
            find_onlyinclude = False

        if line_start:
            line_start = False
            m = _EQUALS_RUN.match(text, i, n)
            if m is not None:
                count = m.end() - i
                if count > 1 or not find_equals:
                    piece = _Piece("\n", i, count, False, False)
                    stack.append(piece)
                    accum = piece.parts[0].children
                    top_open, find_equals = "\n", False
                    pattern = patterns[("\n", False)]
                    i += count
            continue

        m = pattern.search(text, i, n)
        if m is None:
            if top_open == "\n":
                p = n
                char = ""
            else:
                break
        else:
            p = m.start()
            char = text[p]

        if char == "\n" and top_open != "\n":
            i = p + 1
            line_start = True
            continue

        if char == "" or char == "\n":
            # Line end of a heading candidate: does the line close it?
            piece = stack.pop()
            part = piece.parts[0]
            j = p
            while j > start and text[j - 1] in " \t":
                j -= 1
            if part.comment_end >= 0 and j - 1 == part.comment_end:
                j = part.visual_end
                while j > start and text[j - 1] in " \t":
                    j -= 1
            k = j
            while k > start and text[k - 1] == "=":
                k -= 1
            equals = j - k
            level = 0
            if equals:
                if k == piece.start:
                    level = 0 if equals < 3 else min(6, (equals - 1) // 2)
                else:
                    level = min(equals, piece.count)
            accum, top_open, find_equals = _top_state(stack, root)
            pattern = patterns[(top_open, find_equals)]
            if level:
                accum.append(
                    Heading(piece.start, p, level, heading_index, part.children or NO_CHILDREN)
                )
                heading_index += 1
            else:
                spliced |= _splice(accum, piece.parts)
            i = p
            if char == "":
                break
            continue

        if char == "|":
            part = stack[-1].parts[-1]
            part.end = p
            stack[-1].parts.append(Part(p + 1))
            accum = stack[-1].parts[-1].children
            find_equals = True
            pattern = patterns[(top_open, True)]
            i = p + 1
            continue

        if char == "=":
            stack[-1].parts[-1].eq = p
            find_equals = False
            pattern = patterns[(top_open, False)]
            i = p + 1
            continue

        if char == "<":
            if enable_onlyinclude and text.startswith("</onlyinclude>", p):
                i = p
                find_onlyinclude = True
                continue
            tm = tag_re.match(text, p + 1, n)
            if tm is None:  # pragma: no cover - the stop pattern guarantees a match
                i = p + 1
                continue
            if tm.group(2):
                i, line_start = _comment(text, p, start, n, accum, stack, problems)
                continue
            name = tm.group(1)
            lower = name.lower()
            attr_start = p + len(name) + 1
            if no_more_gt:
                i = p + 1
                continue
            if next_gt < attr_start:
                next_gt = text.find(">", attr_start, n)
                if next_gt < 0:
                    no_more_gt = True
                    next_gt = n
                    i = p + 1
                    continue
            tag_end = next_gt
            if lower in ignored_tags:
                accum.append(Ignore(p, tag_end + 1))
                i = tag_end + 1
                continue
            if text[tag_end - 1] == "/":
                attr_end = tag_end - 1
                inner_start = inner_end = close_start = -1
                i = tag_end + 1
            else:
                attr_end = tag_end
                close = None
                if lower not in no_more_closing:
                    close = _close_tag_re(lower).search(text, tag_end + 1, n)
                if close is not None:
                    inner_start, inner_end = tag_end + 1, close.start()
                    close_start = close.start()
                    i = close.end()
                elif name in _ALLOW_MISSING_END:
                    inner_start, inner_end = tag_end + 1, n
                    close_start = -1
                    i = n
                    if lower == "includeonly" and not for_inclusion:
                        problems.append(
                            ScanProblem(
                                "unclosed-includeonly",
                                "<includeonly> is never closed, so MediaWiki hides everything "
                                "after it; add </includeonly> where it should end",
                                p,
                            )
                        )
                else:
                    problems.append(
                        ScanProblem(
                            "unclosed-extension-tag",
                            f"<{name}> has no closing </{lower}>, so MediaWiki shows the tag as "
                            f"text (and every later <{lower}> too); close it",
                            p,
                        )
                    )
                    no_more_closing.add(lower)
                    i = tag_end + 1
                    continue
            if lower in ignored_elements:
                accum.append(Ignore(p, i))
                continue
            accum.append(
                Ext(
                    p,
                    i,
                    name,
                    attr_start,
                    max(attr_start, attr_end),
                    inner_start,
                    inner_end,
                    close_start,
                )
            )
            continue

        if char == "}" or char == "]":
            piece = stack.pop()
            if piece.open == "-{":
                matching = 2
            else:
                # Only "three or more" matters, so the run is read at most 3 long (MediaWiki
                # reads all of it, which is quadratic on long runs).
                three = piece.open == "{" and piece.count >= 3
                matching = 3 if three and text.startswith(char, p + 2, n) else 2
            piece.parts[-1].end = p
            if piece.open == "{":
                parts = piece.parts
                index = 0
                for position in range(len(parts)):
                    part = parts[position]
                    if not part.children:
                        part.children = NO_CHILDREN  # the call is complete (see NO_CHILDREN)
                    if position and part.eq < 0:
                        index += 1
                        part.index = index
                element: Node | None = Template(
                    piece.start + piece.count - matching,
                    p + matching,
                    piece.parts,
                    matching == 3,
                    piece.count == matching and piece.line_start and not piece.prefix,
                )
            else:
                element = None
                broken = piece.parts
            if matching < piece.count:
                piece.count -= matching
                if piece.count >= 2:
                    piece.parts = [Part(piece.start + piece.count)]
                    stack.append(piece)
                elif piece.open == "{" and piece.prefix:
                    piece.prefix = False
                    piece.open = "-{"
                    piece.start -= 1
                    piece.count = 2
                    piece.parts = [Part(piece.start + 2)]
                    stack.append(piece)
            accum, top_open, find_equals = _top_state(stack, root)
            pattern = patterns[(top_open, find_equals)]
            if element is not None:
                accum.append(element)
            else:
                spliced |= _splice(accum, broken)
            i = p + matching
            continue

        # An opening bracket: "{{", "[[" or "-{".
        if m is not None and m.end() > p + 2:
            i = m.end()  # a link the search read whole (see _grammar)
            continue
        prefix = False
        if char == "-":
            k = p + 1
            while k < n and text[k] == "{":
                k += 1
            count = k - p
            if count > 2:
                prefix = True
                p += 1
                char = "{"
                count -= 1
        else:
            k = p + 2
            while k < n and text[k] == char:
                k += 1
            count = k - p
            if count == 2 and char == "{":
                # PERF: a call with nothing nested and nothing that would stop inside it
                # is built in one step (a page of 40,000 small calls scans in half the time).
                one_step = _flat_template(text, p, n, start)
                if one_step is not None:
                    accum.append(one_step)
                    i = one_step.end
                    continue
            if count == 2 and char == "[":
                # PERF: a link with nothing inside that a "[[" piece would stop at (no call,
                # link, tag, comment, heading line or language converter) makes no node and
                # changes nothing around it: pass it by (77,000 links in the corpus).
                link_end = text.find("]]", k, n)
                if link_end >= 0 and _LINK_STOPS.search(text, k, link_end) is None:
                    i = link_end + 2
                    continue
        open_ = "-{" if char == "-" else char
        piece = _Piece(open_, p, count, p > start and text[p - 1] == "\n", prefix)
        stack.append(piece)
        accum = piece.parts[0].children
        top_open = open_
        find_equals = False
        pattern = patterns[(open_, False)]
        i = p + count

    for piece in stack:
        if piece.open == "{":
            problems.append(
                ScanProblem(
                    "unclosed-template",
                    "'" + "{" * min(piece.count, 3) + "' is never closed, so MediaWiki shows it as "
                    "text; add the missing closing braces",
                    piece.start,
                )
            )
        elif piece.open == "[":
            problems.append(
                ScanProblem(
                    "unclosed-link",
                    "'[[' is never closed by ']]', so MediaWiki shows it as text",
                    piece.start,
                    "info",
                )
            )
        elif piece.open == "-{":
            problems.append(
                ScanProblem(
                    "unclosed-language-converter",
                    "'-{' is never closed by '}-'; MediaWiki shows it as text and it breaks any "
                    "template around it",
                    piece.start,
                )
            )
        spliced |= _splice(root, piece.parts)
    if spliced:
        root = _flatten_tree(root)
    for node in root:
        if type(node) is Heading:
            node.root = True
    return ScanResult(root or NO_CHILDREN, start, n, problems or NO_PROBLEMS)


def _flat_call(text: str, start: int, n: int) -> ScanResult | None:
    """The scan of a range holding one template call with nothing nested, else ``None``.

    Most ``<ref>`` bodies are one citation call whose arguments hold no markup: with no
    other brace, no ``[[``, no ``<`` (tags, comments) and no line starting with ``=``
    (heading candidates), the tree is that call split at its pipes and first equals
    signs, as the full scan would make it (``tests/test_scan_fast_path.py`` checks both
    agree).  Page views only: inclusion scans have their own tags.
    """
    opening = text.find("{{", start, n)
    if (
        opening < 0
        or text.count("{", start, n) != 2
        or text.count("}", start, n) != 2
        or (opening > start and text[opening - 1] == "-")  # "-{{" is language conversion
        or text.find("<", start, n) >= 0
        or text.find("[[", start, n) >= 0
        or text.find("\n=", start, n) >= 0
        or text.startswith("=", start, n)
    ):
        return None
    closing = text.find("}}", opening + 2, n)
    if closing < 0:
        return None
    return ScanResult([_template_at(text, opening, closing, start)], start, n, NO_PROBLEMS)


def _flat_template(text: str, p: int, n: int, start: int) -> Template | None:
    """The call ``{{…}}`` opening at ``p`` when nothing inside it would stop the scan
    (no brace, ``[[``, ``<`` or line starting with ``=``), else ``None``: the tree the
    full scan makes of it, in one step (``tests/test_expand_scan.py`` checks both agree)."""
    # One search that stops at the first "}}" or anything that would stop the scan, so the
    # text read is never more than the full scan reads (nested calls stay linear).
    stop = _FLAT_STOP.search(text, p + 2, n)
    if stop is None or stop.group() != "}}":
        return None
    return _template_at(text, p, stop.start(), start)


def _template_at(text: str, opening: int, closing: int, start: int) -> Template:
    """The flat call from ``opening`` (``{{``) to ``closing`` (``}}``), split at its pipes
    and each argument's first equals sign."""
    # PERF: one split in C, then each part made with its offsets in one call.
    pieces = text[opening + 2 : closing].split("|")
    title = pieces[0]
    position = opening + 2 + len(title)
    parts = [Part(opening + 2, position, -1, 0, NO_CHILDREN)]
    index = 0
    for piece in pieces[1:]:
        position += 1  # the pipe
        end = position + len(piece)
        eq = piece.find("=")
        if eq < 0:
            index += 1
            parts.append(Part(position, end, -1, index, NO_CHILDREN))
        else:
            parts.append(Part(position, end, position + eq, 0, NO_CHILDREN))
        position = end
    line_start = opening > start and text[opening - 1] == "\n"
    return Template(opening, closing + 2, parts, False, line_start)


def _splice(accum: list[Node], parts: list[Part]) -> bool:
    """Move the children of a broken element into ``accum`` in O(1) per part.

    Copying them would be quadratic when brackets nest deeply, so the children lists
    themselves are appended as items; ``_flatten_tree`` expands them once at the end.
    Returns whether anything was spliced.
    """
    spliced = False
    for part in parts:
        if part.children:
            accum.append(part.children)  # type: ignore[arg-type]  # expanded at the end
            spliced = True
    return spliced


def _flatten_tree(root: list[Node]) -> list[Node]:
    """Expand spliced sub-lists everywhere in the tree, in one linear pass."""
    flat_root = _flatten(root)
    pending = list(flat_root)
    while pending:
        node = pending.pop()
        if type(node) is Template:
            for part in node.parts:
                if part.children:  # an empty one may be NO_CHILDREN: kept, not copied
                    part.children = _flatten(part.children)
                    pending.extend(part.children)
        elif type(node) is Heading and node.children:
            node.children = _flatten(node.children)
            pending.extend(node.children)
    return flat_root


def _flatten(children: list[Node]) -> list[Node]:
    flat: list[Node] = []
    iterators: list[Iterator[object]] = [iter(children)]
    while iterators:
        for item in iterators[-1]:
            if isinstance(item, list):
                iterators.append(iter(item))
                break
            assert isinstance(item, Node)
            flat.append(item)
        else:
            iterators.pop()
    return flat


def _top_state(stack: list[_Piece], root: list[Node]) -> tuple[list[Node], str, bool]:
    """Where output goes now, the top element's kind and its findEquals, after a pop."""
    if not stack:
        return root, "", False
    top = stack[-1]
    return top.parts[-1].children, top.open, _finds_equals(top)


def _finds_equals(piece: _Piece) -> bool:
    """``findEquals`` of a stack element: a later part of a template that has no ``=`` yet."""
    return piece.open in ("{", "-{") and len(piece.parts) > 1 and piece.parts[-1].eq < 0


def _comment(
    text: str,
    i: int,
    start: int,
    n: int,
    accum: list[Node],
    stack: list[_Piece],
    problems: list[ScanProblem],
) -> tuple[int, bool]:
    """Scan a comment at ``i``; return the next offset and whether a line start is due.

    A run of comments that fills its own line (spaces and tabs aside) takes that line's
    leading whitespace and trailing newline, as MediaWiki does to avoid blank lines.
    """
    end_pos = text.find("-->", i + 4, n)
    if end_pos < 0:
        problems.append(
            ScanProblem(
                "unclosed-comment",
                "'<!--' is never closed by '-->', so the rest of the page is a comment; "
                "add '-->' where the comment should end",
                i,
            )
        )
        accum.append(Comment(i, n, closed=False))
        return n, False
    ws_start = i
    if i > start:
        while ws_start > start and text[ws_start - 1] in " \t":
            ws_start -= 1
    else:
        ws_start = start
    ws_end = _skip_blanks(text, end_pos + 3, n) - 1
    comments = [(ws_start, ws_end)]
    while text.startswith("<!--", ws_end + 1, n):
        c = text.find("-->", ws_end + 5, n)
        if c < 0:
            break
        c = _skip_blanks(text, c + 3, n) - 1
        comments.append((ws_end + 1, c))
        ws_end = c
    line_start = False
    if (
        ws_start > start
        and text[ws_start - 1] == "\n"
        and ws_end + 1 < n
        and text[ws_end + 1] == "\n"
    ):
        for com_start, com_end in comments[:-1]:
            accum.append(Comment(com_start, com_end + 1))
        start_pos = comments[-1][0]
        end_pos = comments[-1][1] + 1
        line_start = True
    else:
        start_pos = i
        end_pos += 2
    if stack:
        part = stack[-1].parts[-1]
        if not (part.comment_end >= 0 and part.comment_end == ws_start - 1):
            part.visual_end = ws_start
        part.comment_end = end_pos
    accum.append(Comment(start_pos, end_pos + 1))
    return end_pos + 1, line_start


def _skip_blanks(text: str, i: int, n: int) -> int:
    while i < n and text[i] in " \t":
        i += 1
    return i


# --- Debug serialisation, in the XML form of MediaWiki's PPNode_Hash_Tree::__toString ---


def _escape(text: str) -> str:
    return (
        text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    )


def to_xml(text: str, result: ScanResult) -> str:
    """Serialise a scan as MediaWiki's preprocessor tests print trees.

    Empty elements are written ``<x></x>`` and ``=`` bare, i.e. already in the form the
    tests compare after ``normalizeXml``.  Iterative, so any depth serialises.
    """
    out: list[str] = []
    # Work items: a str to emit, or (children, start, end) content to expand.
    work: list[str | tuple[list[Node], int, int]] = [
        "</root>",
        (result.children, result.start, result.end),
    ]
    out.append("<root>")
    while work:
        item = work.pop()
        if isinstance(item, str):
            out.append(item)
            continue
        children, lo, hi = item
        pending: list[str | tuple[list[Node], int, int]] = []
        pos = lo
        for node in children:
            if node.start > pos:
                pending.append(_escape(text[pos : node.start]))
            pending.extend(_node_xml(text, node))
            pos = node.end
        if hi > pos:
            pending.append(_escape(text[pos:hi]))
        work.extend(reversed(pending))
    return "".join(out)


def _node_xml(text: str, node: Node) -> list[str | tuple[list[Node], int, int]]:
    if isinstance(node, Comment):
        return [f"<comment>{_escape(text[node.start : node.end])}</comment>"]
    if isinstance(node, Ignore):
        return [f"<ignore>{_escape(text[node.start : node.end])}</ignore>"]
    if isinstance(node, Ext):
        parts = [
            f"<ext><name>{_escape(node.name)}</name>"
            f"<attr>{_escape(text[node.attr_start : node.attr_end])}</attr>"
        ]
        if node.inner_start >= 0:
            parts.append(f"<inner>{_escape(text[node.inner_start : node.inner_end])}</inner>")
        if node.close_start >= 0:
            parts.append(f"<close>{_escape(text[node.close_start : node.end])}</close>")
        return ["".join(parts) + "</ext>"]
    if isinstance(node, Heading):
        tag = "h" if node.root else "possible-h"
        return [
            f'<{tag} level="{node.level}" i="{node.index}">',
            (node.children, node.start, node.end),
            f"</{tag}>",
        ]
    assert isinstance(node, Template)
    tag = "tplarg" if node.is_arg else "template"
    items: list[str | tuple[list[Node], int, int]] = [
        f'<{tag} lineStart="1">' if node.line_start else f"<{tag}>"
    ]
    title = node.parts[0]
    items += ["<title>", (title.children, title.start, title.end), "</title>"]
    for part in node.parts[1:]:
        if part.eq >= 0:
            name = [c for c in part.children if c.end <= part.eq]
            value = [c for c in part.children if c.start > part.eq]
            items += [
                "<part><name>",
                (name, part.start, part.eq),
                "</name>=<value>",
                (value, part.eq + 1, part.end),
                "</value></part>",
            ]
        else:
            items += [
                f'<part><name index="{part.index}"/><value>',
                (part.children, part.start, part.end),
                "</value></part>",
            ]
    items.append(f"</{tag}>")
    return items
