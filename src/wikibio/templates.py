"""Template calls as MediaWiki's preprocessor splits them: name, arguments, parameters.

Views keep offsets into the page and slice on access, so building the views of deeply
nested calls stays linear in the page's size.

A view that belongs to an article (``article.templates``) is editable:
``template["x"] = value``, ``del template["x"]`` and ``template.rename(old, new)`` splice
the page so that only the bytes of that parameter change, and a new parameter copies
the layout of its siblings (``wikibio.syntax.arguments.Style``).  After an edit the view
reads the page as it now is; it goes stale (``WikibioError``) only when an edit removes
or rewrites the call itself.

>>> import wikibio
>>> article = wikibio.parse("{{cite web |url=http://a.example |title=A}} {{Use dmy dates}}")
>>> cite, dates = article.templates
>>> cite["title"] = "A story"
>>> cite["work"] = "The Times"
>>> dates["date"] = "May 2024"
>>> print(article)
{{cite web |url=http://a.example |title=A story |work=The Times}} {{Use dmy dates|date=May 2024}}
>>> cite.rename("work", "newspaper"); del cite["url"]
>>> str(cite)
'{{cite web |title=A story |newspaper=The Times}}'
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Final

from attrs import field, frozen

from wikibio._cached import cached_property
from wikibio.errors import NotFoundError, WikibioError
from wikibio.page import Page, Splice, find_template
from wikibio.syntax import scan
from wikibio.syntax.arguments import Style, check_name, escape_value, layout_of
from wikibio.syntax.calls import part_params, repeats_a_name
from wikibio.syntax.names import strip_comments, template_name

__all__ = [
    "INLINE",
    "Argument",
    "Params",
    "Template",
    "build_template",
    "call_style",
    "delete_splices",
    "part_params",
    "rename_splice",
    "set_splice",
]


class Params(Mapping[str, str]):
    """A call's parameters, name → value: read-only, shown like the ``dict`` it wraps."""

    __slots__ = ("_values",)

    def __init__(self, values: dict[str, str]) -> None:
        self._values = values

    def __getitem__(self, name: str) -> str:
        return self._values[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)

    def __contains__(self, name: object) -> bool:
        return name in self._values

    def get(self, name: str, default: str | None = None) -> str | None:  # type: ignore[override]
        """The value of ``name``, or ``default`` (a dict lookup, without ``Mapping``'s detour)."""
        return self._values.get(name, default)

    def __repr__(self) -> str:
        return repr(self._values)


@frozen
class Argument:
    """One ``|``-separated argument of a template call.

    ``name`` and ``value`` are what the template receives: a named argument's name and
    value trimmed of whitespace (comments dropped from the name), a positional one
    numbered ``"1"``, ``"2"``, … with its value untrimmed, as MediaWiki passes them.
    """

    #: Offsets of the argument's text (after its ``|``) in the page.
    start: int
    end: int
    #: Offset of the ``=`` of a named argument, -1 for a positional one.
    equals: int = -1
    #: The number of a positional argument (0 for a named one).
    index: int = 0
    _source: str = field(default="", repr=False)

    def __str__(self) -> str:
        return self._source[self.start : self.end]

    @property
    def positional(self) -> bool:
        """Whether the argument was written without ``name=``."""
        return self.equals < 0

    @property
    def name(self) -> str:
        """The parameter name (``"1"``, ``"2"`` … for positional arguments)."""
        if self.equals < 0:
            return str(self.index)
        return strip_comments(self._source[self.start : self.equals]).strip()

    @property
    def value(self) -> str:
        """The value's wikitext as the template receives it."""
        if self.equals < 0:
            return self._source[self.start : self.end]
        return self._source[self.equals + 1 : self.end].strip()

    @property
    def raw_name(self) -> str:
        """The name's wikitext exactly as written, spaces and comments included."""
        return self._source[self.start : self.equals] if self.equals >= 0 else ""

    @property
    def raw_value(self) -> str:
        """The value's wikitext exactly as written."""
        start = self.equals + 1 if self.equals >= 0 else self.start
        return self._source[start : self.end]


# PERF: a __dict__, not slots: the walk makes a view of every call of the page, and its fields
# are set without object.__setattr__; the cached name and parameters are read without attrs'
# __getattr__ hook.
@frozen(slots=False)
class Template:
    """A template call ``{{name|arg|…}}`` found where MediaWiki's preprocessor finds one.

    The arguments are read from the scan's node when first asked for: the walk makes a
    view of every call on the page, and most are never read.
    """

    #: Offsets of the call (``{{`` to ``}}``) in the page.
    start: int
    end: int
    #: Offsets of the name's wikitext (between ``{{`` and the first ``|``).
    title_start: int
    title_end: int
    #: How deeply the call is nested in other calls (0 for a call in running text).
    depth: int = 0
    #: Whether the name is built by another call or an argument (``{{ {{x}} }}``).
    dynamic: bool = False
    _source: str = field(default="", repr=False)
    #: The scanned parts of the call, name first (offsets into ``_source``).
    _parts: tuple[scan.Part, ...] = field(default=(), eq=False, repr=False)
    #: The page the call is in, for edits (``None``: a view that cannot be edited).
    _page: Page | None = field(default=None, eq=False, repr=False)
    #: The page's generation the offsets belong to.
    _generation: int = field(default=0, eq=False, repr=False)

    @property
    def arguments(self) -> tuple[Argument, ...]:
        """Arguments in source order, duplicates included."""
        live = self._live()
        return live._arguments if live is self else live.arguments

    @cached_property
    def _arguments(self) -> tuple[Argument, ...]:
        source = self._source
        return tuple(
            Argument(part.start, part.end, part.eq, part.index, source) for part in self._parts[1:]
        )

    def __str__(self) -> str:
        live = self._live()
        return live._source[live.start : live.end]

    @property
    def title(self) -> str:
        """The name's wikitext as written."""
        return self._source[self.title_start : self.title_end]

    @cached_property
    def name(self) -> str:
        """The called page's name, normalised (``"Infobox military person"``)."""
        return template_name(self.title)

    @property
    def params(self) -> Mapping[str, str]:
        """Parameter name → value, the last of duplicates winning, as MediaWiki resolves them.

        Read-only, and built once per version of the page (a call is read often).
        """
        live = self._live()
        return live._params if live is self else live.params

    @cached_property
    def _params(self) -> Mapping[str, str]:
        # PERF: read from the scan's parts as Argument.name and .value read them, without
        # making the Argument views (a citation's reading needs only the mapping).
        return Params(part_params(self._source, self._parts))

    @property
    def repeated(self) -> tuple[Argument, ...]:
        """Arguments that give a parameter an earlier argument gave (MediaWiki uses the last)."""
        live = self._live()
        if live is not self:
            return live.repeated
        # PERF: most calls repeat no name, which the scan's parts tell without building
        # the arguments and their values.
        if not repeats_a_name(self._source, self._parts):
            return ()
        seen: set[str] = set()
        repeated = []
        for argument in self.arguments:
            name = argument.name
            if name in seen:
                repeated.append(argument)
            seen.add(name)
        return tuple(repeated)

    def get(self, name: str, default: str | None = None) -> str | None:
        """The value of parameter ``name``, or ``default``."""
        return self.params.get(name, default)

    # --- the page as it is now ------------------------------------------------------------

    def _live(self) -> Template:
        """This view, or the call as the page reads after later edits."""
        page = self._page
        if page is None or page.generation == self._generation:
            return self
        return self._refresh(page)

    @cached_property
    def _current(self) -> list[Template]:
        return [self]

    def _refresh(self, page: Page) -> Template:
        cell = self._current
        current = cell[0]
        if current._generation != page.generation:
            try:
                node = find_template(page, page.moved(current.start, current._generation))
            except WikibioError:
                node = None
            if node is None:
                raise WikibioError(
                    "this template call was removed or rewritten by another edit; "
                    "read it again from article.templates"
                )
            current = build_template(page.text, node, self.depth, page)
            cell[0] = current
        return current

    # --- editing --------------------------------------------------------------------------

    def __getitem__(self, name: str) -> str:
        """The value of parameter ``name`` (as ``params`` reads it).

        Raises:
            NotFoundError: the call has no such parameter.
        """
        params = self.params
        try:
            return params[name]
        except KeyError:
            known = ", ".join(params) or "none"
            raise NotFoundError(
                f"{{{{{self.name}}}}} has no parameter {name!r}; its parameters are: {known}"
            ) from None

    def __contains__(self, name: object) -> bool:
        return name in self.params

    def __setitem__(self, name: str, value: str) -> None:
        """Set parameter ``name`` to ``value`` (wikitext), adding it if it is missing.

        An existing parameter keeps its place and spacing (a positional one stays
        positional); a new one goes at the end, written like its siblings.

        Raises:
            TypeError: ``value`` is not a ``str``.
            InvalidNodeError: ``name`` cannot be a parameter name.
            WikibioError: the view is not part of an article, or is stale.
        """
        page, call = self._editable()
        if name not in call.params:  # an existing name is kept as written
            name = check_name(name)
        page.splice(*set_splice(call, name, value))

    def __delitem__(self, name: str) -> None:
        """Remove parameter ``name`` (every occurrence) with the whitespace that led to it.

        Raises:
            NotFoundError: the call has no such parameter.
            WikibioError: ``name`` is a positional parameter followed by others (removing it
                would renumber them; set it to ``""`` instead).
        """
        page, call = self._editable()
        page.splice_many(delete_splices(call, name))

    def rename(self, old: str, new: str) -> None:
        """Rename parameter ``old`` to ``new``, keeping its value and the ``=`` column.

        Raises:
            NotFoundError: there is no parameter ``old``.
            InvalidNodeError: ``new`` cannot be a parameter name.
            WikibioError: ``old`` is positional, or ``new`` exists already.
        """
        page, call = self._editable()
        page.splice(*rename_splice(call, old, new))

    def _editable(self) -> tuple[Page, Template]:
        page = self._page
        if page is None:
            raise WikibioError(
                "this template call is not part of an article; get it from "
                "wikibio.parse(...).templates"
            )
        return page, self._live()


_new: Final = object.__new__


def build_template(
    source: str,
    node: scan.Template,
    depth: int,
    page: Page | None = None,
    *,
    name: str | None = None,
) -> Template:
    """Make the view of one scanned ``{{…}}`` node (no text is copied).

    With ``page`` (whose text ``source`` is), the view can edit the page.  ``name`` is the
    call's ``Template.name`` when the caller has read it already (the page's walk reads
    every static call's name): it is kept, not read again.
    """
    title = node.parts[0]
    children = title.children
    # PERF: the walk makes a view of every call (~120 a page): the instance is filled as
    # attrs' frozen ``__init__`` fills it, field by field in order, without its frame and
    # a setter call per field (tests/test_structure.py checks they are the same).
    call: Template = _new(Template)
    fields = call.__dict__
    fields["start"] = node.start
    fields["end"] = node.end
    fields["title_start"] = title.start
    fields["title_end"] = title.end
    fields["depth"] = depth
    fields["dynamic"] = bool(children) and any(
        type(child) is not scan.Comment for child in children
    )
    fields["_source"] = source
    fields["_parts"] = tuple(node.parts)
    fields["_page"] = page
    fields["_generation"] = page.generation if page is not None else 0
    if name is not None:
        # PERF: the cached property's entry, filled as functools fills it when first read
        # (a page's walk names every call; the reading view and the infobox ask again).
        fields["name"] = name
    return call


# --- splices that edit one call in its own style ---------------------------------------------


def _tail(call: Template, start: int, end: int) -> int:
    """Where the whitespace that leads to the next ``|`` or ``}}`` begins in a span.

    With a newline in it, that is the last line break (``\n`` or ``\r\n``; blanks before
    it stay with the line); otherwise the whole trailing whitespace.
    """
    raw = call._source[start:end]
    body = raw.rstrip()
    newline = raw.rfind("\n", len(body))
    if newline > len(body) and raw[newline - 1] == "\r":
        newline -= 1  # a CRLF page: the line break is both characters
    return start + (newline if newline >= 0 else len(body))


def _line_break_before(call: Template, position: int) -> int:
    """The line break that starts the preprocessor's line holding ``position`` (-1: none).

    A line break inside a nested node (a call, an argument, a comment, a tag) does not end
    the line: a heading candidate ``== {{{x\n}}} ==`` is one line to the preprocessor.
    """
    source = call._source
    nodes = [
        (child.start, child.end)
        for part in call._parts
        for child in part.children
        if child.start < position
    ]
    end = position
    while True:
        line = source.rfind("\n", call.start, end)
        inside = next((start for start, stop in nodes if start <= line < stop), None)
        if line < 0 or inside is None:
            return line
        end = inside


def _title_span(call: Template) -> tuple[int, int]:
    return call.title_start, call.title_end


def call_style(call: Template, *, default: Style | None = None) -> Style:
    """How the call writes its arguments, by majority (``default`` when it has none)."""
    source = call._source
    arguments = call.arguments
    if not arguments and default is not None:
        return default
    # Arguments whose "|" begins a line show the layout best; the first one often
    # shares the title's line ("{{Infobox x|embed=yes").
    own_line = [a for a in arguments if not source[: a.start - 1].rsplit("\n", 1)[-1].strip()]
    layouts = [
        layout_of(str(a), a.equals - a.start if a.equals >= 0 else -1)
        for a in (own_line or arguments)
    ]
    # The title's own line end votes only when no argument says how arguments are joined.
    spans = [(a.start, a.end) for a in arguments[:-1]] or [_title_span(call)]
    separators = [source[_tail(call, *span) : span[1]] for span in spans]
    return Style.infer(separators, layouts)


#: A new argument of a call without arguments, written on the call's line: ``|name=value``.
INLINE: Final = Style("", "", "", None, "")


def _insertion_point(
    call: Template, name: str, order: Sequence[str], style: Style
) -> Argument | None:
    """The argument a new ``|name=…`` follows (``None``: the title).

    After its documented predecessor in ``order``, else at the end.  It goes in before
    the whitespace that leads to the next ``|`` or ``}}``, so a closing ``}}`` on its own
    line stays there.  When the last argument shares its line with the closing ``}}`` in
    a one-per-line layout, an undocumented one goes before it, so no existing line
    changes; a dangling empty last argument (``|}}``) belongs to the closing.
    """
    arguments = list(call.arguments)
    while arguments and arguments[-1].positional and not str(arguments[-1]).strip():
        arguments.pop()
    index = len(arguments)  # insert after arguments[index - 1]; 0 means after the title
    by_order = name in order
    if by_order:
        position = list(order).index(name)
        earlier = set(order[:position])
        later = set(order[position + 1 :])
        positions = [i for i, a in enumerate(arguments) if a.name in earlier]
        if positions:
            index = positions[-1] + 1
        else:
            index = next((i for i, a in enumerate(arguments) if a.name in later), index)
    if index == len(arguments) and arguments and not by_order:
        last = arguments[-1]
        rest = call._source[_tail(call, last.start, last.end) : call.end]
        if "\n" not in rest and "\n" in style.separator:
            index -= 1
    return arguments[index - 1] if index else None


def set_splice(
    call: Template, name: str, value: str, *, order: Sequence[str] = (), default: Style = INLINE
) -> Splice:
    """The splice that sets parameter ``name`` of ``call`` to ``value``.

    An existing parameter (the last of duplicates) gets the new value in its own
    spacing; a missing one is written like its siblings (``default`` when there are
    none), after its predecessor in ``order`` (documented parameter order) or at the end.

    Raises:
        TypeError: ``value`` is not a ``str``.
    """
    existing = [a for a in call.arguments if a.name == name]
    if existing:
        argument = existing[-1]
        escaped = escape_value(value, named=not argument.positional)
        layout = layout_of(str(argument), argument.equals - argument.start)
        if argument.positional:
            return argument.start, argument.start + len(layout.value), escaped
        after = layout.after if escaped else ""
        if not layout.value and not after and escaped:
            after = call_style(call, default=default).after
        if "\n" in after and escaped.startswith("="):
            # A line of the call that starts with "=" is a heading candidate: the "}}" after
            # it on that line would no longer close the call. A reader sees "=" all the same.
            escaped = "&#61;" + escaped[1:]
        return argument.equals + 1, argument.end - len(layout.trail), after + escaped
    escaped = escape_value(value)
    style = call_style(call, default=default)
    predecessor = _insertion_point(call, name, order, style)
    if "\n" in style.lead:
        # Pipes end the lines ("  name = value |"): write before the next pipe.
        position = predecessor.end if predecessor else call.title_end
        return position, position, style.write(name, escaped) + style.separator
    if predecessor is not None and predecessor.positional:
        # A positional value keeps its whitespace: the new argument follows all of it.
        return predecessor.end, predecessor.end, style.write(name, escaped)
    span = (predecessor.start, predecessor.end) if predecessor else _title_span(call)
    position = _tail(call, *span)
    # After a line of the call that starts with "=", "|name=" would end that line with
    # "=" and make it a heading that swallows the pipe: the argument takes a new line.
    line = _line_break_before(call, position)
    lead = "\n" if line >= 0 and call._source.startswith("=", line + 1) else ""
    text = lead + style.separator + style.write(name, escaped)
    gap = call._source[span[0] + len(call._source[span[0] : span[1]].rstrip()) : position]
    if "\n" in gap and "\n" not in text.partition("|")[0]:
        # The value ends in a blank line ("…</ref>\n\n}}"): the argument takes a line break
        # of its own after it, so the blank line stays with the value, and deleting the
        # argument (with the line break before its "|") gives the call back byte for byte.
        text = ("\r\n" if "\r\n" in gap else "\n") + text
    return position, position, text


def delete_splices(call: Template, name: str, *, renumber: bool = False) -> list[Splice]:
    """The splices that remove every argument named ``name`` with the whitespace before it.

    Raises:
        NotFoundError: the call has no such parameter.
        WikibioError: ``name`` is a positional parameter that later positional ones follow
            (unless ``renumber``: the caller accepts that they move up).
    """
    arguments = call.arguments
    found = [i for i, a in enumerate(arguments) if a.name == name]
    if not found:
        known = ", ".join(call.params) or "none"
        raise NotFoundError(
            f"{{{{{call.name}}}}} has no parameter {name!r}; its parameters are: {known}"
        )
    last_positional = max((a.index for a in arguments if a.positional), default=0)
    if not renumber and any(
        arguments[i].positional and arguments[i].index < last_positional for i in found
    ):
        raise WikibioError(
            f"removing positional parameter {name} of {{{{{call.name}}}}} would renumber the "
            f"ones after it; set it to an empty value instead"
        )
    splices = []
    for index in found:
        argument = arguments[index]
        if index == 0:
            # The first argument goes with its "|" and the whitespace after it; the
            # title keeps its own bytes.
            splices.append((argument.start - 1, argument.end, ""))
            continue
        before = arguments[index - 1]
        # A positional value keeps its whitespace.
        start = before.end if before.positional else _tail(call, before.start, before.end)
        splices.append((start, _tail(call, argument.start, argument.end), ""))
    return _merge_adjacent(splices)


def _merge_adjacent(splices: list[Splice]) -> list[Splice]:
    """Join removals that touch (duplicates in a row), so they apply as one."""
    merged: list[Splice] = []
    for start, end, text in splices:
        if merged and merged[-1][1] >= start:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]), "")
        else:
            merged.append((start, end, text))
    return merged


def rename_splice(call: Template, old: str, new: str) -> Splice:
    """The splice that renames parameter ``old`` to ``new``, keeping the ``=`` column.

    Raises:
        NotFoundError: there is no parameter ``old``.
        InvalidNodeError: ``new`` cannot be a parameter name.
        WikibioError: ``old`` is positional, or ``new`` exists already.
    """
    new = check_name(new)
    argument = next((a for a in reversed(call.arguments) if a.name == old), None)
    if argument is None:
        known = ", ".join(call.params) or "none"
        raise NotFoundError(
            f"{{{{{call.name}}}}} has no parameter {old!r}; its parameters are: {known}"
        )
    if argument.positional:
        raise WikibioError(f"parameter {old} is positional; set a named one instead")
    if new != old and new in call.params:
        raise WikibioError(f"{{{{{call.name}}}}} has a parameter {new!r} already; delete it first")
    layout = layout_of(str(argument), argument.equals - argument.start)
    pad = layout.pad
    if pad and not pad.strip(" "):  # spaces only: keep "=" in its column
        pad = " " * max(1, len(layout.name) + len(pad) - len(new))
    start = argument.start + len(layout.lead)
    return start, argument.equals, new + pad
