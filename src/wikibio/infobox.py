"""Infoboxes: detection among a page's template calls, fields, labels, and careful edits.

An ``Infobox`` is a live view of one template call in an ``Article``:
reading goes through the call's arguments; writing splices the article's text so that only
the bytes of the edited parameter change, and a new parameter copies the layout of its
siblings (see ``wikibio.syntax.arguments``).
"""

from __future__ import annotations

import datetime
import json
import re
from collections.abc import Callable, Iterator, Mapping, MutableMapping, Sequence
from functools import cache
from importlib import resources
from typing import Final

from attrs import field, frozen

from wikibio._cached import cached_property
from wikibio.diagnostics import Diagnostic, LineIndex
from wikibio.errors import InvalidNodeError, NotFoundError, WikibioError
from wikibio.page import Page, find_template
from wikibio.site.templates import INFOBOX_NAMES, INFOBOX_PREFIXES, INFOBOX_SUFFIXES
from wikibio.syntax.arguments import Style, check_name
from wikibio.syntax.compose import infobox_wikitext
from wikibio.templates import (
    Argument,
    Template,
    build_template,
    delete_splices,
    rename_splice,
    set_splice,
)
from wikibio.values import (
    Date,
    Link,
    ValueProblem,
    display_text,
    parse_date,
    parse_image,
    parse_items,
    parse_links,
)

__all__ = ["DEFAULT_INFOBOX_NAMES", "Field", "Infobox", "InfoboxNames"]


@frozen
class InfoboxNames:
    """Which template names are infoboxes: by prefix, by suffix, or by exact name.

    Compared after normalisation, without regard to case.
    """

    prefixes: tuple[str, ...] = ()
    suffixes: tuple[str, ...] = ()
    names: frozenset[str] = frozenset()

    def __contains__(self, name: object) -> bool:
        if not isinstance(name, str):
            return False
        folded = name.casefold()
        return (
            folded.startswith(self.prefixes)
            or folded.endswith(self.suffixes)
            or folded in self.names
        )


#: Which templates are infoboxes on the wikis of the project's corpus (see
#: ``wikibio.site.templates``).
DEFAULT_INFOBOX_NAMES: Final = InfoboxNames(
    prefixes=INFOBOX_PREFIXES, suffixes=INFOBOX_SUFFIXES, names=INFOBOX_NAMES
)


@cache
def _all_label_maps() -> dict[str, dict[str, str]]:
    """Display labels per infobox template (``data/infobox_labels.json``), in display order.

    Keyed by the case-folded name: redirects such as ``Infobox Person`` differ only in case.
    """
    data = resources.files("wikibio").joinpath("data/infobox_labels.json").read_text("utf-8")
    maps: dict[str, dict[str, str]] = json.loads(data)
    return {name.casefold(): labels for name, labels in maps.items()}


def _label_map(template: str) -> dict[str, str] | None:
    return _all_label_maps().get(template.casefold())


#: Parameter names whose values are dates.
_DATE_NAME: Final = re.compile(r"date|born|died|dob|dod|founded|established", re.IGNORECASE)


# PERF: a __dict__, not slots: cached properties are read without attrs' __getattr__ hook.
@frozen(slots=False)
class Field:
    """One parameter of an infobox, as MediaWiki passes it to the template.

    The typed readings (``date``, ``items``, ``links``, ``image``) keep
    the raw wikitext beside the interpretation and never raise: a value that cannot be
    read gives ``None`` (or nothing), and ``problem`` says why.
    """

    #: The parameter name (``"1"``, ``"2"`` … for positional ones).
    name: str
    #: The value's wikitext without surrounding whitespace; nested markup kept intact.
    value: str
    #: The argument as written in the page (offsets, raw name and value).
    argument: Argument = field(eq=False, repr=False)

    @cached_property
    def text(self) -> str:
        """The value as a reader sees it, as plain text (an age shown only with a today)."""
        return display_text(self.value)

    def display(self, *, today: datetime.date | None = None) -> str:
        """The value as a reader sees it on ``today`` (ages are computed at that date)."""
        return display_text(self.value, today=today)

    @property
    def date(self) -> Date | None:
        """The date the value gives (date templates or a written date), if it gives one."""
        return parse_date(self.value)[0]

    @property
    def problem(self) -> ValueProblem | None:
        """Why the value is not a readable date: a broken date template, or a date field
        (``birth_date``, ``founded`` …) whose value cannot be read as a date."""
        problem = parse_date(self.value)[1]
        if problem is None or problem.code == "invalid-date" or _DATE_NAME.search(self.name):
            return problem
        return None

    @property
    def items(self) -> tuple[str, ...]:
        """List items of a list value (``{{plainlist}}``, ``{{ubl}}``, bullets, ``<br>``)."""
        return parse_items(self.value)

    @property
    def links(self) -> tuple[Link, ...]:
        """The wikilinks in the value, with their targets and labels."""
        return parse_links(self.value)

    @property
    def image(self) -> str | None:
        """The file name an image-like value names (``"Foo.jpg"``)."""
        return parse_image(self.value)

    def __str__(self) -> str:
        return str(self.argument)


#: How a new parameter of an infobox without parameters is written: ``\n| name = value``.
HOUSE: Final = Style.infer([], [])


def _diagnostic(lines: LineIndex, code: str, message: str, offset: int) -> Diagnostic:
    line, column = lines.position(offset)
    return Diagnostic(code, message, line, column, "warning", offset)


class Infobox(MutableMapping[str, Field]):
    """An infobox template call as a mapping of its parameters, in source order.

    A duplicated parameter appears once, with the last value, as MediaWiki uses it.
    Setting, deleting or renaming a parameter edits the article it belongs to.
    """

    __slots__ = ("_call", "_fields", "_generation", "_page", "_shown")

    def __init__(
        self,
        call: Template,
        page: Page | None = None,
        *,
        shown: Callable[[Template], Sequence[tuple[str, str]] | None] | None = None,
    ) -> None:
        self._page = page
        #: The rows of the table the call expands to (an article parsed with templates).
        self._shown = shown
        self._generation = page.generation if page is not None else 0
        self._bind(call)

    def _bind(self, call: Template) -> None:
        self._call = call
        fields: dict[str, Field] = {}
        for argument in call.arguments:
            name = argument.name
            fields.pop(name, None)
            fields[name] = Field(name, argument.value.strip(), argument)
        self._fields = fields

    @classmethod
    def new(cls, template: str, fields: Mapping[str, str]) -> Infobox:
        """An infobox in house style: one field per line, ``=`` aligned.

        The infobox stands in a page of its own, so it can be edited like any other.

        Raises:
            InvalidNodeError: a name cannot be a parameter name.
            TypeError: a name or value is not a ``str``.
        """
        page = Page(infobox_wikitext(template, fields))
        node = find_template(page, 0)
        if node is None or node.end != len(
            page.text
        ):  # pragma: no cover - one call by construction
            raise InvalidNodeError(f"{page.text!r} does not read back as one infobox")
        return cls(build_template(page.text, node, 0), page)

    @property
    def call(self) -> Template:
        """The template call this infobox is, as the page now reads."""
        page = self._page
        if page is not None and self._generation != page.generation:
            start = page.moved(self._call.start, self._generation)
            node = find_template(page, start)
            if node is None:
                raise WikibioError(
                    "this infobox was removed or rewritten by another edit of the article; "
                    "read it again from article.infoboxes"
                )
            self._generation = page.generation
            self._bind(build_template(page.text, node, self._call.depth))
        return self._call

    @property
    def template(self) -> str:
        """The template name, normalised as MediaWiki does (``"Infobox military person"``)."""
        return self.call.name

    # --- reading ----------------------------------------------------------------------

    def __getitem__(self, name: str) -> Field:
        self.call  # noqa: B018 - refresh after edits
        try:
            return self._fields[name]
        except KeyError:
            known = ", ".join(self._fields) or "none"
            raise NotFoundError(
                f"{self.template} has no parameter {name!r}; its parameters are: {known}"
            ) from None

    def __iter__(self) -> Iterator[str]:
        self.call  # noqa: B018 - refresh after edits
        return iter(list(self._fields))

    def __len__(self) -> int:
        self.call  # noqa: B018 - refresh after edits
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

    def label(self, name: str) -> str | None:
        """The label readers see for parameter ``name``; ``None`` if the template shows none.

        A non-empty ``{name}_label`` parameter overrides the template's own label.
        """
        override = self._fields.get(f"{name}_label")
        if override is not None and override.value:
            return override.text
        labels = _label_map(self.template)
        return None if labels is None else labels.get(name)

    def rows(
        self,
        *,
        today: datetime.date | None = None,
        render: Callable[[Field], str] | None = None,
    ) -> Sequence[tuple[str, str]]:
        """The (label, text) rows a reader sees, in display order, empty ones skipped.

        Parameters that share a label (``birth_date`` and ``birth_place`` under "Born") form
        one row, their texts on separate lines.  For a template without a known label map,
        every named parameter is a row under its own name, in source order.

        In an article parsed with templates (``parse(…, templates=…)``) the rows are those
        of the table the template expands to: a header cell and a data cell make a
        ``(label, text)`` row, a header row is ``(header, "")``, a data cell alone is
        ``("", text)``.  Only when the expansion makes no infobox table (a Lua infobox
        before the Lua runtime exists) are the label maps used.

        Args:
            today: The date ages are computed at (no age is shown without it).
            render: How to turn a field into its text, instead of ``Field.display``
                (the reading view passes one that keeps reference markers).
        """
        if self._shown is not None and render is None:
            expanded = self._shown(self.call)
            if expanded is not None:
                return expanded
        show = render or (lambda f: f.display(today=today))
        labels = _label_map(self.template)
        if labels is None:
            shown = ((n, show(f)) for n, f in self.items() if not n.isdigit())
            return [(name, text) for name, text in shown if text]
        rows: list[tuple[str, str]] = []
        for name in labels:
            present = self._fields.get(name)
            label = self.label(name)
            text = show(present) if present is not None else ""
            if label is None or not text:
                continue
            if rows and rows[-1][0] == label:
                rows[-1] = (label, rows[-1][1] + "\n" + text)
            else:
                rows.append((label, text))
        return rows

    @property
    def diagnostics(self) -> Sequence[Diagnostic]:
        """Duplicated parameters and values that look like dates but cannot be read."""
        call = self.call
        source = call._source
        lines = LineIndex(source)
        found = [
            _diagnostic(
                lines,
                "duplicate-args-warning",
                f"{self.template} gets {argument.name!r} more than once; MediaWiki uses the "
                "last value, so remove the others",
                argument.start,
            )
            for argument in call.repeated
        ]
        for name, value in self._fields.items():
            problem = value.problem
            if problem is not None:
                found.append(
                    _diagnostic(
                        lines, problem.code, f"{name}: {problem.message}", value.argument.start
                    )
                )
        return found

    # --- writing ----------------------------------------------------------------------

    def __setitem__(self, name: str, value: str | Field) -> None:
        """Set a parameter's value (wikitext), adding the parameter if it is missing.

        A ``Field`` (e.g. from another infobox) gives its value.  A new parameter goes
        after its predecessor in the template's documented order, written like its siblings.

        Raises:
            TypeError: ``value`` is not a ``str``.
            InvalidNodeError: ``name`` cannot be a parameter name.
        """
        name = check_name(name)
        if isinstance(value, Field):
            value = value.value
        call = self.call
        page = self._require_page()
        order = list(_label_map(self.template) or {})
        page.splice(*set_splice(call, name, value, order=order, default=HOUSE))

    def __delitem__(self, name: str) -> None:
        """Remove a parameter (every occurrence of a duplicated one) and its line.

        Raises:
            NotFoundError: the infobox has no such parameter.
        """
        page = self._require_page()
        call = self.call
        if name not in [a.name for a in call.arguments]:
            self[name]  # raises NotFoundError with the list of parameters
        page.splice_many(delete_splices(call, name, renumber=True))

    def rename(self, old: str, new: str) -> None:
        """Rename parameter ``old`` to ``new``, keeping its value and the ``=`` column.

        Raises:
            NotFoundError: there is no parameter ``old``.
            InvalidNodeError: ``new`` cannot be a parameter name.
            WikibioError: ``old`` is positional, or ``new`` exists already.
        """
        call = self.call
        page = self._require_page()
        if old not in self._fields:
            self[old]  # raises NotFoundError
        page.splice(*rename_splice(call, old, new))

    def _require_page(self) -> Page:
        if self._page is None:
            raise WikibioError(
                "this infobox is not part of an article; get it from wikibio.parse(...).infobox"
            )
        return self._page
