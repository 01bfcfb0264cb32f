"""Infoboxes: detection among a page's template calls, and read access to their fields."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Final

from attrs import field, frozen

from wikibio._parse import plain_text
from wikibio.errors import NotFoundError
from wikibio.templates import Argument, Template

__all__ = ["Field", "Infobox", "is_infobox_name"]

#: Name prefixes of infobox templates (compared case-insensitively): English Wikipedia's
#: convention and the localised ones of the languages in the project's corpus.
INFOBOX_PREFIXES: Final = (
    "infobox",
    "infoboks",
    "taxobox",
    "automatic taxobox",
    "speciesbox",
    "ficha de",
    "hộp thông tin",
    "thông tin",
    "خانہ معلومات",
    "جعبه اطلاعات",
    "карточка",
    "personendaten",
)
#: Name suffixes (Polish ``Miejscowość infobox``, Korean ``도시 정보``).
INFOBOX_SUFFIXES: Final = (" infobox", " 정보")


def is_infobox_name(name: str) -> bool:
    """Whether a normalised template name is an infobox's."""
    folded = name.casefold()
    return folded.startswith(INFOBOX_PREFIXES) or folded.endswith(INFOBOX_SUFFIXES)


@frozen
class Field:
    """One parameter of an infobox."""

    #: The parameter name (``"1"``, ``"2"`` … for positional ones).
    name: str
    #: The value's wikitext without surrounding whitespace; nested markup kept intact.
    value: str
    #: The argument as written in the page (offsets, raw name and value).
    argument: Argument = field(eq=False, repr=False)

    @property
    def text(self) -> str:
        """The value as plain text a reader sees (links as labels, refs and comments removed)."""
        return plain_text(self.value)

    def __str__(self) -> str:
        return str(self.argument)


class Infobox(Mapping[str, Field]):
    """An infobox template call as a mapping of its parameters, in source order.

    A duplicated parameter appears once, with the last value, as MediaWiki uses it.
    """

    __slots__ = ("_fields", "call")

    def __init__(self, call: Template) -> None:
        #: The template call this infobox is.
        self.call = call
        fields: dict[str, Field] = {}
        for argument in call.arguments:
            value = argument.value.strip()
            fields.pop(argument.name, None)
            fields[argument.name] = Field(argument.name, value, argument)
        self._fields = fields

    @property
    def template(self) -> str:
        """The template name, normalised as MediaWiki does (``"Infobox military person"``)."""
        return self.call.name

    def __getitem__(self, name: str) -> Field:
        try:
            return self._fields[name]
        except KeyError:
            known = ", ".join(self._fields) or "none"
            raise NotFoundError(
                f"{self.template} has no parameter {name!r}; its parameters are: {known}"
            ) from None

    def __iter__(self) -> Iterator[str]:
        return iter(self._fields)

    def __len__(self) -> int:
        return len(self._fields)

    def __str__(self) -> str:
        return str(self.call)

    def __repr__(self) -> str:
        return f"<Infobox {self.template!r} with {len(self)} fields>"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Infobox):
            return NotImplemented
        return self.call == other.call

    __hash__ = None  # type: ignore[assignment]
