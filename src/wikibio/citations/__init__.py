"""Citation templates as typed values, rendered as Citation Style 1 shows them.

``{{cite web}}``, ``{{cite news}}``, ``{{cite book}}`` … and ``{{citation}}`` all call
``Module:Citation/CS1``.  ``Citation.from_template`` reads one call the way the module
reads its arguments: each field from the first of its aliases that is set (``|work=``,
``|website=``, ``|newspaper=`` … are one field), names from numbered parameters
(``|last2=``/``|first2=``, ``|author3=``, ``|vauthors=``), dates kept as written beside
their reading.  Values are plain text (links show their label, italics vanish, display
templates are rendered); the wikitext of every parameter stays in ``Citation.params``
and the parameter each field was read from in ``Citation.origins``.

Old spellings are read too, and reported in ``Citation.problems`` the way the module
reports them: ``|accessdate=``, ``|archiveurl=`` and ``|archivedate=`` were still accepted
by the module (a hidden maintenance message); ``|dead-url=``, ``|deadurl=``,
``|trans_title=`` … are no longer, and readers see
``Unknown parameter |dead-url= ignored (|url-status= suggested)``.

``Citation.to_text`` is the citation as a reader sees it (see ``wikibio.citations.render``).

Examples:
    >>> import wikibio
    >>> from wikibio.citations import find_citation
    >>> citation = find_citation(
    ...     "{{cite news |last=Risen |first=James |date=March 24, 2001 "
    ...     "|title=Defection of Senior Chinese Officer |work=The New York Times}}"
    ... )
    >>> citation.template, citation.authors[0].last, citation.date.precision
    ('cite news', 'Risen', 'day')
    >>> citation.to_text()
    'Risen, James (March 24, 2001). "Defection of Senior Chinese Officer". The New York Times.'
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping
from typing import Final, Literal

import attrs
from attrs import field, frozen

from wikibio.citations import dates as cs1_dates
from wikibio.citations.localised import LOCALISED_CITATIONS
from wikibio.citations.params import (
    ALIASES,
    CITATION_CLASSES,
    DISCOURAGED,
    IDENTIFIERS,
    NAME_LISTS,
    REMOVED,
    REMOVED_NUMBERED,
)
from wikibio.citations.render import render
from wikibio.errors import InvalidNodeError
from wikibio.syntax import scan
from wikibio.syntax.compose import citation_wikitext
from wikibio.syntax.names import strip_comments
from wikibio.templates import Template, part_params
from wikibio.values import Date, Precision, display_text, parse_date

__all__ = [
    "Citation",
    "CitationDate",
    "CitationProblem",
    "Identifier",
    "Person",
    "citation_at",
    "could_hold_citation",
    "find_citation",
    "first_citation",
    "is_citation_template",
    "is_one_call",
    "lone_citation",
    "note_tree",
]

DateFormat = Literal["dmy", "mdy"]

_URL_FIELDS: Final = frozenset({"url", "archive_url", "chapter_url", "conference_url"})
_TITLE_PARTS: Final = frozenset({"title", "chapter", "trans_title", "trans_chapter", "quote"})


@functools.lru_cache(maxsize=2048)
def _normal_name(name: str) -> str:
    """A template name as the citation tables key it; cached, as pages repeat their calls."""
    return " ".join(strip_comments(name).replace("_", " ").split()).casefold()


def is_citation_template(name: str) -> bool:
    """Whether a template name is a Citation Style 1 or 2 template wikibio reads.

    Names are compared as MediaWiki compares page names, without regard to case:
    ``"Cite news"``, ``"cite_news"`` and ``" CITE NEWS "`` all count.
    """
    return _normal_name(name) in CITATION_CLASSES


@frozen
class CitationProblem:
    """Something the module would flag in a citation: an error or a maintenance message.

    ``code`` is the module's own error key without its ``err_``/``maint_`` prefix
    (``"bad_date"``, ``"parameter_ignored_suggest"``, ``"discouraged_parameter"`` …).
    """

    #: The module's key for the message.
    code: str
    #: The message, as the module words it (parameter names written ``|name=``).
    message: str
    #: Whether readers see it after the citation (errors) or not (maintenance messages).
    visible: bool = True
    #: The parameter concerned, if one is.
    parameter: str | None = None

    def __str__(self) -> str:
        return f"{self.message} [{self.code}]"


@frozen
class Person:
    """One name of an author, editor, translator, interviewer or contributor list."""

    #: The surname, or the whole name as written in ``|author=`` or ``|vauthors=``.
    last: str
    #: The given names, if a separate parameter gives them.
    first: str | None = None
    #: The page ``|author-link=`` links the name to (no effect on plain text).
    link: str | None = None
    #: ``|author-mask=``: a number of dashes, or text shown instead of the name.
    mask: str | None = None
    #: The wikitext of the surname (or whole name) and of the given names, as written.
    raw_last: str = field(default="", eq=False)
    raw_first: str | None = field(default=None, eq=False)

    @property
    def name(self) -> str:
        """``Last, First`` (or the name as written)."""
        return f"{self.last}, {self.first}" if self.first else self.last


@frozen
class CitationDate:
    """A date parameter: its wikitext, its text, and what wikibio reads in it."""

    #: The value's wikitext as written.
    raw: str
    #: The text the module works with (comments dropped, markup rendered).
    text: str
    #: The date read by ``wikibio.values.parse_date``, or ``None`` (a range, a season,
    #: ``n.d.`` or an unreadable value).
    date: Date | None = None
    #: Whether the module accepts the value as a MOS:DATE date (else it shows an error).
    valid: bool = True

    @property
    def precision(self) -> Precision | None:
        """``"day"``, ``"month"`` or ``"year"``; ``None`` when no date could be read."""
        return None if self.date is None else self.date.precision

    def __str__(self) -> str:
        return self.text


@frozen
class Identifier:
    """A standard identifier: ``doi``, ``isbn``, ``pmid`` …"""

    #: The module's handler key, lower case (``"doi"``, ``"isbn"``, ``"s2cid"``).
    kind: str
    #: The identifier as the text shows it.
    value: str
    #: The parameter it was read from.
    parameter: str = field(default="", eq=False)


def _people() -> tuple[Person, ...]:
    return ()


@frozen(kw_only=True)
class Citation:
    """One citation template call, read as ``Module:Citation/CS1`` reads it.

    Text fields hold plain text (``None`` when the parameter is absent or empty); the
    wikitext of every parameter is in ``params``, the parameter each field came from in
    ``origins``.  Build one with ``from_template`` or ``find_citation``.
    """

    #: The template name in lower case, as normalised by MediaWiki: ``"cite news"``.
    template: str
    #: The module's citation class: ``"web"``, ``"news"``, ``"book"``, ``"citation"`` …
    style: str
    #: ``"cs1"`` (``. `` between elements) or ``"cs2"`` (``{{citation}}`` or ``|mode=cs2``).
    mode: Literal["cs1", "cs2"] = "cs1"
    authors: tuple[Person, ...] = field(factory=_people)
    #: ``|authors=`` free text (used when no numbered author is given).
    authors_text: str | None = None
    #: Whether ``et al.`` follows the authors (``|display-authors=etal``, a name ``et al.``).
    authors_etal: bool = False
    #: How many authors to show (``|display-authors=N``); ``None`` shows all.
    display_authors: int | None = None
    editors: tuple[Person, ...] = field(factory=_people)
    editors_etal: bool = False
    display_editors: int | None = None
    translators: tuple[Person, ...] = field(factory=_people)
    interviewers: tuple[Person, ...] = field(factory=_people)
    contributors: tuple[Person, ...] = field(factory=_people)
    #: ``"amp"``, ``"and"`` or ``"vanc"`` (Vancouver names, from ``|vauthors=``).
    name_list_style: str | None = None
    collaboration: str | None = None
    date: CitationDate | None = None
    year: CitationDate | None = None
    orig_date: str | None = None
    publication_date: CitationDate | None = None
    title: str | None = None
    trans_title: str | None = None
    #: ``|script-title=`` without its language prefix; the prefix is ``script_language``.
    script_title: str | None = None
    script_language: str | None = None
    title_link: str | None = None
    chapter: str | None = None
    trans_chapter: str | None = None
    script_chapter: str | None = None
    chapter_url: str | None = None
    chapter_format: str | None = None
    book_title: str | None = None
    #: The periodical or website: ``|work=``, ``|website=``, ``|newspaper=``,
    #: ``|journal=``, ``|magazine=``, ``|periodical=`` (which one: ``origins["work"]``).
    work: str | None = None
    trans_work: str | None = None
    script_work: str | None = None
    encyclopedia: str | None = None
    department: str | None = None
    #: ``|type=``/``|medium=``: shown in parentheses (``(Obituary)``).
    type: str | None = None
    series: str | None = None
    volume: str | None = None
    issue: str | None = None
    page: str | None = None
    pages: str | None = None
    at: str | None = None
    no_pp: bool = False
    edition: str | None = None
    others: str | None = None
    publisher: str | None = None
    location: str | None = None
    publication_place: str | None = None
    agency: str | None = None
    via: str | None = None
    conference: str | None = None
    conference_url: str | None = None
    degree: str | None = None
    url: str | None = None
    url_access: str | None = None
    #: ``"dead"``, ``"live"``, ``"unfit"``, ``"usurped"``; read from ``|url-status=``, else
    #: from the old ``|dead-url=`` (``no`` means ``"live"``).  Plain text is the same.
    url_status: str | None = None
    format: str | None = None
    access_date: CitationDate | None = None
    archive_url: str | None = None
    archive_date: CitationDate | None = None
    archive_format: str | None = None
    quote: str | None = None
    trans_quote: str | None = None
    script_quote: str | None = None
    quote_page: str | None = None
    quote_pages: str | None = None
    #: ``|language=`` as written (codes or names, comma-separated).
    language: str | None = None
    identifiers: tuple[Identifier, ...] = ()
    id: str | None = None
    postscript: str | None = None
    #: ``|df=``: the citation's own date format (``dmy``, ``mdy-all`` …).
    df: str | None = None
    #: Parameter name → value wikitext, as the template received them.
    params: Mapping[str, str] = field(factory=dict, hash=False)
    #: Field name → the parameter it was read from (``{"work": "newspaper"}``).
    origins: Mapping[str, str] = field(factory=dict, hash=False)
    problems: tuple[CitationProblem, ...] = ()

    @classmethod
    def from_template(cls, template: Template) -> Citation | None:
        """Read a citation template call.

        Args:
            template: A template call, e.g. from ``wikibio.parse(text).templates``.

        Returns:
            The citation, or ``None`` when the template is not a citation template.
        """
        if template.dynamic:
            return None
        name = _normal_name(template.title)
        style = CITATION_CLASSES.get(name)
        if style is None:
            # PERF: most calls are no citation; their parameters are not read.
            return _localised(name, template.params) if name in LOCALISED_CITATIONS else None
        return _read(name, style, dict(template.params))

    @classmethod
    def new(cls, template: str, fields: Mapping[str, str]) -> Citation:
        """A citation from CS1 parameters, written ``{{cite … |name=value …}}`` on one line.

        Raises:
            InvalidNodeError: ``template`` is not a CS1 template or a name cannot be one.
        """
        if not is_citation_template(_checked_name(template)):
            raise InvalidNodeError(f"{template!r} is not a Citation Style 1 template")
        citation = find_citation(citation_wikitext(template, fields))
        if citation is None:  # pragma: no cover - the text is one citation by construction
            raise InvalidNodeError(f"{template!r} with these fields does not read back")
        return citation

    def to_wikitext(self) -> str:
        """The citation's wikitext in house style (one line, `` |name=value``)."""
        return citation_wikitext(self.template, self.params)

    def __str__(self) -> str:
        return self.to_wikitext()

    @classmethod
    def from_params(cls, template: str, params: Mapping[str, str]) -> Citation | None:
        """Read a citation from a template name and its parameters (name → wikitext)."""
        name = _normal_name(template)
        style = CITATION_CLASSES.get(name)
        return _localised(name, params) if style is None else _read(name, style, dict(params))

    def to_text(self, *, date_format: DateFormat | None = None, errors: bool = True) -> str:
        """The citation as Wikipedia shows it, in plain text.

        Args:
            date_format: The page's ``{{Use dmy dates}}`` (``"dmy"``) or
                ``{{Use mdy dates}}`` (``"mdy"``); dates are then reformatted as the module
                does.  ``|df=`` in the citation wins over it.
            errors: Whether to add the error messages readers see after the citation
                (``{{cite web}}: Check date values in: |date= (help)``).

        Returns:
            The text, without the hidden metadata and maintenance messages.
        """
        return render(self, date_format=date_format, errors=errors)


@functools.lru_cache(maxsize=4096)
def find_citation(wikitext: str) -> Citation | None:
    """The first citation template at the top level of a reference's content, if any.

    "Top level" is where the preprocessor leaves running text: the fragment's root and its
    heading lines, not other templates' arguments, comments or extension tags.
    """
    if not could_hold_citation(wikitext):
        return None
    return first_citation(wikitext, note_tree(wikitext).children)


@functools.lru_cache(maxsize=4096)
def lone_citation(wikitext: str) -> Citation | None:
    """The citation when ``wikitext`` is one citation call and nothing else (blanks aside).

    Most notes are; the reading view renders them without reading the note as a page.
    """
    if not could_hold_citation(wikitext):
        return None
    return find_citation(wikitext) if is_one_call(wikitext, note_tree(wikitext)) else None


_NAMES: Final = {*CITATION_CLASSES, *LOCALISED_CITATIONS}
#: Where a citation call could start: a ``{{`` before a first letter of some name (in any
#: case).  Trying every name at every ``{{`` would cost a microsecond each (18 ms for a
#: 200 KB nest of ``{{#tag:ref|`` calls, a hundred times over for its nested notes).
_CANDIDATE: Final = re.compile(
    r"\{\{[\s_]*[" + re.escape("".join(sorted({name[0] for name in _NAMES}))) + "]",
    re.IGNORECASE,
)
#: A call's name at a ``{{``, and what ends it (a pipe, braces, a tag or comment).
_NAME_AT: Final = re.compile(r"\{\{([^{}|<]*)([|}<]?)")
#: A ``{{`` whose name holds a tag or comment: such a name is read by a scan.
_NAME_WITH_TAG: Final = re.compile(r"\{\{[^{}|<]*<")


def could_hold_citation(wikitext: str) -> bool:
    """Whether some ``{{`` in ``wikitext`` opens a call of a citation template.

    Read without a scan, and generous (a name holding a comment or tag counts): a note
    for which this is false has no citation, and its text need not be scanned to know it
    (notes nested a hundred deep would otherwise each scan all the notes inside them).
    """
    if "{{" not in wikitext:
        return False
    for candidate in _CANDIDATE.finditer(wikitext):
        found = _NAME_AT.match(wikitext, candidate.start())
        if found is not None and _normal_name(found.group(1)) in _NAMES:
            return True
    return _NAME_WITH_TAG.search(wikitext) is not None


def is_one_call(wikitext: str, tree: scan.ScanResult) -> bool:
    """Whether ``wikitext`` is one template call and nothing else (blanks aside).

    ``tree`` is its scan, made where ``wikitext`` stands: on its own (``tree.start`` is 0)
    or in place in its page (a ``<ref>`` body the page walk scanned).
    """
    stripped = wikitext.strip()
    if len(tree.children) != 1 or tree.problems or not stripped.startswith("{{"):
        return False
    node = tree.children[0]
    start = tree.start + len(wikitext) - len(wikitext.lstrip())
    return (
        type(node) is scan.Template
        and (node.start, node.end) == (start, start + len(stripped))
        and not node.is_arg
    )


@functools.lru_cache(maxsize=256)
def note_tree(wikitext: str) -> scan.ScanResult:
    """A note's scan on its own, cached: a reference's ``citation`` and ``text`` (through
    ``find_citation`` and ``lone_citation``) ask for the same note.  Read-only."""
    return scan.scan(wikitext)


def first_citation(source: str, nodes: Iterable[scan.Node]) -> Citation | None:
    """The first citation template among scanned ``nodes`` of ``source`` (headings entered)."""
    pending = list(nodes)
    pending.reverse()
    while pending:
        node = pending.pop()
        kind = type(node)
        if kind is scan.Template:
            assert isinstance(node, scan.Template)
            if node.is_arg:
                continue
            citation = citation_at(source, node)
            if citation is not None:
                return citation
        elif kind is scan.Heading:
            assert isinstance(node, scan.Heading)
            pending.extend(reversed(node.children))
    return None


def citation_at(source: str, node: scan.Template) -> Citation | None:
    """``Citation.from_template`` of a scanned call, read straight from the scan's parts.

    PERF: most calls in notes are citations read once; reading the name first and the
    parameters from the offsets skips the ``Template`` view and its params' copies, and
    calls that are no citation cost one name lookup.
    """
    title = node.parts[0]
    for child in title.children:
        if type(child) is not scan.Comment:
            return None  # a name built by another call (``Template.dynamic``)
    name = _normal_name(source[title.start : title.end])
    style = CITATION_CLASSES.get(name)
    if style is None:
        if name not in LOCALISED_CITATIONS:
            return None
        return _localised(name, part_params(source, node.parts))
    return _read(name, style, part_params(source, node.parts))


def _checked_name(template: object) -> str:
    if not isinstance(template, str):
        raise TypeError(f"the template name must be a str, not {type(template).__name__}")
    return template


# --- reading -----------------------------------------------------------------------------


def _plain(wikitext: str) -> str:
    """The text of a parameter value, one line."""
    text = display_text(wikitext)  # its lines come trimmed
    return " ".join(text.split("\n")) if "\n" in text else text


class _Reader:
    """Arguments of one call, read as the module's ``argument_wrapper`` reads them."""

    def __init__(self, params: dict[str, str]) -> None:
        self.params = params
        self.origins: dict[str, str] = {}
        self.problems: list[CitationProblem] = []
        self._plain: dict[str, str] = {}
        # Read-only, shared by the calls that give the same names (see _names_read).
        self._aliases, self._shapes, self.old = _names_read(tuple(params))
        #: The fields some given parameter is an alias of.
        self.present = self._aliases.keys()

    def text(self, name: str) -> str:
        """The text of parameter ``name`` (``""`` when absent or empty)."""
        plain = self._plain.get(name)
        if plain is None:
            raw = self.params.get(name)
            if raw is None:
                plain = ""
            elif raw and raw[0] not in "*#:;" and not _NOT_PLAIN.search(raw) and "  " not in raw:
                # PERF: plain words (most values); _plain would give this, in five calls.
                plain = raw.strip()
            else:
                plain = _plain(raw)
            self._plain[name] = plain
        return plain

    def raw(self, name: str) -> str:
        return strip_comments(self.params.get(name, "")).strip()

    def get(self, key: str) -> str | None:
        """The first set alias of field ``key``; two set aliases are the module's error."""
        aliases = self._aliases.get(key)
        if aliases is None:
            return None
        chosen: str | None = None
        found: list[str] = []
        for alias in aliases:
            value = self.raw(alias) if key in _URL_FIELDS else self.text(alias)
            if value:
                found.append(alias)
                if chosen is None:
                    chosen = value
                    self.origins[key] = alias
        if len(found) > 1:
            self._redundant(found)
        return chosen

    def _redundant(self, found: list[str]) -> None:
        names = [f"|{name}=" for name in found]
        listed = (
            " and ".join(names)
            if len(names) <= 2
            else ", ".join(names[:-1]) + (f", and {names[-1]}")
        )
        self.problems.append(
            CitationProblem(
                "redundant_parameters", f"More than one of {listed} specified", True, found[0]
            )
        )

    def numbered(self, patterns: tuple[str, ...], index: int) -> tuple[str | None, str]:
        """``select_one`` for a numbered name part: the value and the parameter."""
        found: list[str] = []
        value: str | None = None
        origin = ""
        params = self.params
        for name in _numbered_names(patterns, index):
            if name not in params:
                continue
            text = self.text(name)
            if text:
                found.append(name)
                if value is None:
                    value, origin = text, name
        if len(found) > 1:
            self._redundant(found)
        return value, origin

    def gives_names(self, role: str) -> bool:
        """Whether some parameter has the shape of a last or first name of name list
        ``role`` (``last#``, ``author#``, ``first#`` … for ``"author"``)."""
        return not self._shapes.isdisjoint(_ROLE_SHAPES[role])


def _fields_of() -> dict[str, tuple[tuple[str, int], ...]]:
    fields: dict[str, tuple[tuple[str, int], ...]] = {}
    for key, aliases in ALIASES.items():
        for position, alias in enumerate(aliases):
            fields[alias] = (*fields.get(alias, ()), (key, position))
    return fields


#: Each parameter name → the fields it is an alias of, with its rank among their aliases.
_FIELDS_OF: Final = _fields_of()
_DIGITS: Final = re.compile(r"\d+")
_NameInfo = tuple[tuple[tuple[str, int], ...], str, tuple[bool, str] | None]


#: Without these and a run of spaces, ``values.display_text`` shows a value as it is,
#: trimmed: no markup, entity, line break or blank that ``fold_blanks`` would change
#: (``span_display``'s plain case).
_NOT_PLAIN: Final = re.compile(r"[\[\]{}<>'&\n\r\t\xa0\u2009\u202f]")

_Aliases = dict[str, list[str]]


@functools.lru_cache(maxsize=2048)
def _names_read(
    names: tuple[str, ...],
) -> tuple[_Aliases, frozenset[str], tuple[tuple[str, bool, str], ...]]:
    """What a call's parameter names tell ``_Reader``: each field → its given aliases in
    the module's order, the names' shapes, and the old spellings (in call order).

    PERF: a call gives ~10 of the module's ~400 parameter names; going from the given
    names to their fields, once, makes each field's lookup a dict miss; and calls written
    by the same tools give the same names, so the whole reading is cached.
    """
    present: dict[str, list[tuple[int, str]]] = {}
    shapes: set[str] = set()
    old_names: list[tuple[str, bool, str]] = []
    for name in names:
        fields, shape, old = _name_info(name)
        if old is not None:
            old_names.append((name, *old))
        for key, position in fields:
            found = present.get(key)
            if found is None:
                present[key] = [(position, name)]
            else:
                found.append((position, name))
        shapes.add(shape)
    aliases = {
        key: [found[0][1]] if len(found) == 1 else [n for _, n in sorted(found)]
        for key, found in present.items()
    }
    return aliases, frozenset(shapes), tuple(old_names)


@functools.lru_cache(maxsize=8192)
def _name_info(name: str) -> _NameInfo:
    """What ``_Reader`` needs of a parameter name, worked out once per name: the fields
    it is an alias of (``_FIELDS_OF``), its shape (numbers as ``#``: ``last2`` →
    ``last#``), and for an old spelling whether it is still accepted (discouraged) and
    the name to use instead (else ``None``).

    PERF: citations repeat a few dozen names; one cached lookup replaces a regex match
    and three lookups per name.
    """
    old: tuple[bool, str] | None = None
    if name in DISCOURAGED:
        old = (True, DISCOURAGED[name])
    else:
        suggestion = REMOVED.get(name)
        if suggestion is None:
            match = REMOVED_NUMBERED.fullmatch(name)
            if match:
                role, part1, n1, n2, part2 = match.groups()
                suggestion = f"{role}-{part1 or part2}{n1 or n2}"
        if suggestion is not None:
            old = (False, suggestion)
    return _FIELDS_OF.get(name, ()), _DIGITS.sub("#", name), old


#: The parameters that give identifiers (``|doi=``, ``|isbn=`` …).
_IDENTIFIER_NAMES: Final = frozenset(IDENTIFIERS)


@functools.cache
def _shapes(patterns: tuple[str, ...]) -> frozenset[str]:
    """The names of ``patterns`` with numbers as ``#``, and their unnumbered forms."""
    return frozenset({*patterns, *(pattern.replace("#", "") for pattern in patterns)})


#: Each name list's role → the shapes of its last and first names, in one set (every
#: citation asks of five roles whether it gives any).
_ROLE_SHAPES: Final = {
    role: _shapes(lists[0]) | _shapes(lists[1]) for role, lists in NAME_LISTS.items()
}


@functools.lru_cache(maxsize=4096)
def _numbered_names(patterns: tuple[str, ...], index: int) -> tuple[str, ...]:
    """The parameter names of ``patterns`` for name ``index`` (the first also unnumbered)."""
    names: dict[str, None] = {}
    for pattern in patterns:
        if index == 1:
            names[pattern.replace("#", "")] = None
        names[pattern.replace("#", str(index))] = None
    return tuple(names)


_ETAL: Final = (
    re.compile(r"[;,]? *[\"']*\b[Ee][Tt]\.? *[Aa][Ll][.;,\"']*$"),
    re.compile(r"[;,]? *[\"']*\b[Ee][Tt]\.? *[Aa][Ll][Ii][AaIi][Ee]?[.;,\"']*$"),
    re.compile(r"[;,]? *\band [Oo]thers"),
    re.compile(r"[(\[] *[Ee][Tt]\.? *[Aa][Ll]\.? *[)\]]"),
)


def _without_etal(name: str) -> tuple[str, bool]:
    found = False
    for pattern in _ETAL:
        if pattern.search(name):
            name = pattern.sub("", name).strip()
            found = True
    return name, found


def _names(reader: _Reader, role: str) -> tuple[tuple[Person, ...], bool]:
    """``extract_names``: numbered names until two numbers in a row are missing."""
    last_p, first_p, link_p, mask_p = NAME_LISTS[role]
    if not reader.gives_names(role):
        return (), False
    people: list[Person] = []
    etal = False
    missing = 0
    index = 1
    while index < 1000:
        last, last_origin = reader.numbered(last_p, index)
        first, first_origin = reader.numbered(first_p, index)
        if last:
            last, found = _without_etal(last)
            etal = etal or found
        if first:
            first, found = _without_etal(first)
            etal = etal or found
        if last:
            link, _ = reader.numbered(link_p, index)
            mask, _ = reader.numbered(mask_p, index)
            people.append(
                Person(
                    last,
                    first or None,
                    link,
                    mask,
                    raw_last=reader.params.get(last_origin, ""),
                    raw_first=reader.params.get(first_origin) if first else None,
                )
            )
            missing = 0
        elif not first:
            missing += 1
            if missing >= 2:
                break
        index += 1
    return tuple(people), etal


def _vancouver(text: str) -> tuple[tuple[Person, ...], bool]:
    """``|vauthors=Smith JA, Doe J``: one name per comma-separated item."""
    people: list[Person] = []
    etal = False
    for item in text.split(","):
        name = item.strip()
        if not name:
            continue
        stripped, found = _without_etal(name)
        if stripped.startswith("((") and stripped.endswith("))"):  # accept-as-written markup
            stripped = stripped[2:-2].strip()
        etal = etal or found
        if stripped:
            people.append(Person(stripped, raw_last=name))
    return tuple(people), etal


def _date(reader: _Reader, key: str, param: str) -> CitationDate | None:
    text = reader.get(key)
    if text is None:
        return None
    raw = reader.params.get(reader.origins[key], "")
    date, _ = parse_date(raw)
    return CitationDate(raw.strip(), text, date, cs1_dates.check_date(text, param))


def _count(value: str | None) -> int | None:
    return int(value) if value is not None and value.isdigit() else None


def _localised(name: str, params: Mapping[str, str]) -> Citation | None:
    """Another Wikipedia's citation template (``{{lien web}}``), read as the CS1 template
    of the same class with its parameters renamed (``wikibio.citations.localised``).

    The citation keeps its own template name and parameters; ``origins`` names the CS1
    parameter each field was read from.
    """
    entry = LOCALISED_CITATIONS.get(name)
    if entry is None:
        return None
    cs1, renames = entry
    renamed: dict[str, str] = {}
    for key, value in params.items():
        target = renames.get(" ".join(key.split()).casefold(), key)
        if target not in renamed or not renamed[target].strip():
            renamed[target] = value
    citation = _read(cs1, CITATION_CLASSES[cs1], renamed)
    return attrs.evolve(citation, template=name, params=dict(params))


def _read(name: str, style: str, params: dict[str, str]) -> Citation:
    """The citation of a call of CS1 template ``name``; the citation keeps ``params``
    (callers hand over a dict of their own)."""
    if name == "cite tweet":
        params = _tweet(params)
    reader = _Reader(params)
    get = reader.get

    name_list_style = get("name_list_style")
    vauthors, veditors = get("vauthors"), get("veditors")
    if vauthors is not None:
        authors, authors_etal = _vancouver(vauthors)
        name_list_style = "vanc"
    else:
        authors, authors_etal = _names(reader, "author")
    if veditors is not None:
        editors, editors_etal = _vancouver(veditors)
        name_list_style = "vanc"
    else:
        editors, editors_etal = _names(reader, "editor")
    display_authors, display_editors = get("display_authors"), get("display_editors")
    if _is_etal(display_authors):
        authors_etal, display_authors = True, None
    if _is_etal(display_editors):
        editors_etal, display_editors = True, None

    script_title = get("script_title")
    script_language = None
    if script_title is not None:
        match = _SCRIPT_PREFIX.match(script_title)
        if match:
            script_language = match.group(1)
            script_title = script_title[match.end() :]

    mode_value = (get("mode") or "").lower()
    mode: Literal["cs1", "cs2"] = "cs2" if style == "citation" else "cs1"
    if mode_value in ("cs1", "cs2"):
        mode = "cs2" if mode_value == "cs2" else "cs1"

    url_status = get("url_status")
    if url_status is not None:
        url_status = url_status.lower()
    else:
        old = reader.text("dead-url") or reader.text("deadurl")
        if old:
            url_status = "live" if old.lower() in ("no", "live", "false", "n") else "dead"
    _report_old_names(reader)

    identifiers: tuple[Identifier, ...] = ()
    if not _IDENTIFIER_NAMES.isdisjoint(reader.params):
        identifiers = tuple(
            Identifier(kind, reader.text(parameter), parameter)
            for parameter, kind in IDENTIFIERS.items()
            if parameter in reader.params and reader.text(parameter)
        )
    fields: dict[str, object] = {}
    # PERF: only the fields some given parameter feeds are read (~10 of ~60).
    late = [key for key in reader.present if key in _LATE_RANK]
    late.extend(_NAME_ROLES)
    late.sort(key=_LATE_RANK.__getitem__)
    for key in late:
        how, parameter = _LATE_HOW[key]
        if how == "names":
            people = _names(reader, key)[0]
            if people:
                fields[f"{key}s"] = people
        else:
            if how == "get":
                fields[key] = get(key)
            elif how == "date":
                fields[key] = _date(reader, key, parameter)
            elif how == "prefix":
                fields[key] = _without_prefix(get(key))
            else:  # "flag"
                fields[key] = (get(key) or "").lower() in ("yes", "true", "y")
    return Citation(
        template=name,
        style=style,
        mode=mode,
        authors=authors,
        authors_etal=authors_etal,
        display_authors=_count(display_authors),
        editors=editors,
        editors_etal=editors_etal,
        display_editors=_count(display_editors),
        name_list_style=name_list_style,
        script_title=script_title,
        script_language=script_language,
        url_status=url_status,
        identifiers=identifiers,
        params=params,
        origins=reader.origins,
        problems=tuple(reader.problems),
        **fields,  # type: ignore[arg-type]  # each value has its field's type (see _LATE_FIELDS)
    )


_Late = Literal["get", "date", "names", "prefix", "flag"]

#: The fields read after the names, in the order the module reads them (a redundant
#: parameter's problem is reported in this order): ``(field, how, parameter)``.  A field
#: none of whose parameters is given keeps its default; ``names`` read a name list
#: (``translator`` → ``translators``).
_LATE_FIELDS: Final[tuple[tuple[str, _Late, str], ...]] = (
    ("authors_text", "get", ""),
    ("translator", "names", ""),
    ("interviewer", "names", ""),
    ("contributor", "names", ""),
    ("collaboration", "get", ""),
    ("date", "date", "date"),
    ("year", "date", "year"),
    ("orig_date", "get", ""),
    ("publication_date", "date", "publication-date"),
    ("title", "get", ""),
    ("trans_title", "get", ""),
    ("title_link", "get", ""),
    ("chapter", "get", ""),
    ("trans_chapter", "get", ""),
    ("script_chapter", "prefix", ""),
    ("chapter_url", "get", ""),
    ("chapter_format", "get", ""),
    ("book_title", "get", ""),
    ("work", "get", ""),
    ("trans_work", "get", ""),
    ("script_work", "prefix", ""),
    ("encyclopedia", "get", ""),
    ("department", "get", ""),
    ("type", "get", ""),
    ("series", "get", ""),
    ("volume", "get", ""),
    ("issue", "get", ""),
    ("page", "get", ""),
    ("pages", "get", ""),
    ("at", "get", ""),
    ("no_pp", "flag", ""),
    ("edition", "get", ""),
    ("others", "get", ""),
    ("publisher", "get", ""),
    ("location", "get", ""),
    ("publication_place", "get", ""),
    ("agency", "get", ""),
    ("via", "get", ""),
    ("conference", "get", ""),
    ("conference_url", "get", ""),
    ("degree", "get", ""),
    ("url", "get", ""),
    ("url_access", "get", ""),
    ("format", "get", ""),
    ("access_date", "date", "access-date"),
    ("archive_url", "get", ""),
    ("archive_date", "date", "archive-date"),
    ("archive_format", "get", ""),
    ("quote", "get", ""),
    ("trans_quote", "get", ""),
    ("script_quote", "prefix", ""),
    ("quote_page", "get", ""),
    ("quote_pages", "get", ""),
    ("language", "get", ""),
    ("id", "get", ""),
    ("postscript", "get", ""),
    ("df", "get", ""),
)
_LATE_RANK: Final = {key: rank for rank, (key, _, _) in enumerate(_LATE_FIELDS)}
_LATE_HOW: Final = {key: (how, parameter) for key, how, parameter in _LATE_FIELDS}
_NAME_ROLES: Final = tuple(key for key, how, _ in _LATE_FIELDS if how == "names")


_SCRIPT_PREFIX: Final = re.compile(r"\s*([a-z]{2,3})\s*:\s*")


def _without_prefix(value: str | None) -> str | None:
    """A ``|script-…=`` value without its ``zh:`` language prefix."""
    if value is None:
        return None
    match = _SCRIPT_PREFIX.match(value)
    return value[match.end() :] if match else value


def _is_etal(value: str | None) -> bool:
    return value is not None and re.sub(r"[ '.]", "", value).lower() == "etal"


def _report_old_names(reader: _Reader) -> None:
    for name, discouraged, suggestion in reader.old:
        if discouraged:
            # A discouraged name the module still reads: a hidden message when it is set.
            if reader.raw(name):
                reader.problems.append(
                    CitationProblem(
                        "discouraged_parameter",
                        f"|{name}= is an old spelling; use |{suggestion}=",
                        False,
                        name,
                    )
                )
        else:
            reader.problems.append(
                CitationProblem(
                    "parameter_ignored_suggest",
                    f"Unknown parameter |{name}= ignored (|{suggestion}= suggested)",
                    True,
                    name,
                )
            )


def _tweet(params: dict[str, str]) -> dict[str, str]:
    """``Module:Cite tweet``: the tweet as a ``{{cite web}}`` with ``|type=Tweet``."""
    result = dict(params)
    user = strip_comments(params.get("user", "")).strip()
    number = strip_comments(params.get("number", "")).strip()
    result.pop("number", None)
    result.pop("user", None)
    if user:
        result["author"] = f"@{user}"
    if user and number:
        result.setdefault("url", f"https://twitter.com/{user}/status/{number}")
    result["type"] = "Tweet"
    result["via"] = "Twitter"
    return result
