"""Template calls as MediaWiki's preprocessor splits them: name, arguments, parameters."""

from __future__ import annotations

from collections.abc import Mapping

from attrs import field, frozen

from wikibio import _scan
from wikibio._names import strip_comments, template_name

__all__ = ["Argument", "Template"]


@frozen
class Argument:
    """One ``|``-separated argument of a template call.

    ``name`` and ``value`` are what the template receives: a named argument's name and
    value trimmed of whitespace (comments dropped from the name), a positional one
    numbered ``"1"``, ``"2"``, … with its value untrimmed, as MediaWiki passes them.
    """

    #: The parameter name (``"1"``, ``"2"`` … for positional arguments).
    name: str
    #: The value's wikitext as the template receives it.
    value: str
    #: Whether the argument was written without ``name=``.
    positional: bool
    #: Offsets of the argument's text (after its ``|``) in the page.
    start: int
    end: int
    #: Offset of the ``=`` of a named argument, -1 for a positional one.
    equals: int = -1
    _source: str = field(default="", eq=False, repr=False)

    def __str__(self) -> str:
        return self._source[self.start : self.end]

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
    """A template call ``{{name|arg|…}}`` found where MediaWiki's preprocessor finds one."""

    #: The called page's name, normalised (``"Infobox military person"``).
    name: str
    #: Arguments in source order, duplicates included.
    arguments: tuple[Argument, ...]
    #: Offsets of the call (``{{`` to ``}}``) in the page.
    start: int
    end: int
    #: How deeply the call is nested in other calls (0 for a call in running text).
    depth: int = 0
    _source: str = field(default="", eq=False, repr=False)

    def __str__(self) -> str:
        return self._source[self.start : self.end]

    @property
    def title(self) -> str:
        """The name's wikitext as written, between ``{{`` and the first ``|``."""
        end = self.arguments[0].start - 1 if self.arguments else self.end - 2
        return self._source[self.start + 2 : end]

    @property
    def params(self) -> Mapping[str, str]:
        """Parameter name → value, the last of duplicates winning, as MediaWiki resolves them."""
        return {argument.name: argument.value for argument in self.arguments}

    def get(self, name: str, default: str | None = None) -> str | None:
        """The value of parameter ``name``, or ``default``."""
        return self.params.get(name, default)


def build_template(source: str, node: _scan.Template, depth: int) -> Template:
    """Make the view of one scanned ``{{…}}`` node."""
    parts = node.parts
    title = parts[0]
    arguments = []
    for part in parts[1:]:
        if part.eq >= 0:
            name = template_name_key(source[part.start : part.eq])
            value = source[part.eq + 1 : part.end].strip()
            arguments.append(Argument(name, value, False, part.start, part.end, part.eq, source))
        else:
            value = source[part.start : part.end]
            arguments.append(
                Argument(str(part.index), value, True, part.start, part.end, -1, source)
            )
    return Template(
        template_name(source[title.start : title.end]),
        tuple(arguments),
        node.start,
        node.end,
        depth,
        source,
    )


def template_name_key(raw_name: str) -> str:
    """A named argument's key: comments dropped, surrounding whitespace trimmed."""
    return strip_comments(raw_name).strip()
