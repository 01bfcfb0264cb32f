"""Template calls as MediaWiki's preprocessor splits them: name, arguments, parameters.

Views keep offsets into the page and slice on access, so building the views of deeply
nested calls stays linear in the page's size.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from functools import cached_property

from attrs import field, frozen

from wikibio.syntax import scan
from wikibio.syntax.names import strip_comments, template_name

__all__ = ["Argument", "Params", "Template"]


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


@frozen
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

    @cached_property
    def arguments(self) -> tuple[Argument, ...]:
        """Arguments in source order, duplicates included."""
        source = self._source
        return tuple(
            Argument(part.start, part.end, part.eq, part.index, source) for part in self._parts[1:]
        )

    def __str__(self) -> str:
        return self._source[self.start : self.end]

    @property
    def title(self) -> str:
        """The name's wikitext as written."""
        return self._source[self.title_start : self.title_end]

    @cached_property
    def name(self) -> str:
        """The called page's name, normalised (``"Infobox military person"``)."""
        return template_name(self.title)

    @cached_property
    def _names(self) -> tuple[str, ...]:
        """Each argument's name as ``Argument.name`` reads it, from the scan's parts."""
        source = self._source
        return tuple(
            str(part.index) if part.eq < 0 else strip_comments(source[part.start : part.eq]).strip()
            for part in self._parts[1:]
        )

    @cached_property
    def params(self) -> Mapping[str, str]:
        """Parameter name → value, the last of duplicates winning, as MediaWiki resolves them.

        Read-only, and built once per view (a call with many arguments is read often).
        """
        # PERF: read from the scan's parts as Argument.name and .value read them, without
        # making the Argument views (a citation's reading needs only the mapping).
        source = self._source
        values: dict[str, str] = {}
        for name, part in zip(self._names, self._parts[1:], strict=True):
            if part.eq < 0:
                values[name] = source[part.start : part.end]
            else:
                values[name] = source[part.eq + 1 : part.end].strip()
        return Params(values)

    @property
    def repeated(self) -> tuple[Argument, ...]:
        """Arguments that give a parameter an earlier argument gave (MediaWiki uses the last)."""
        # PERF: diagnostics ask every call of the page; most repeat no name, which the
        # names alone tell, without building the arguments and their values.
        names = self._names
        if len(set(names)) == len(names):
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


def build_template(source: str, node: scan.Template, depth: int) -> Template:
    """Make the view of one scanned ``{{…}}`` node (no text is copied)."""
    title = node.parts[0]
    children = title.children
    dynamic = bool(children) and any(type(child) is not scan.Comment for child in children)
    return Template(
        node.start, node.end, title.start, title.end, depth, dynamic, source, tuple(node.parts)
    )
