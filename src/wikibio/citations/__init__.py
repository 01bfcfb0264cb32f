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
from collections.abc import Iterable, Mapping
from typing import Literal

from attrs import field, frozen

from wikibio.citations.params import CITATION_CLASSES
from wikibio.citations.parts import CitationDate, CitationProblem, Identifier, Person
from wikibio.citations.read import (
    Fields,
    call_fields,
    could_hold_citation,
    first_fields,
    is_one_call,
    normal_name,
    note_tree,
    template_fields,
)
from wikibio.citations.render import render
from wikibio.errors import InvalidNodeError
from wikibio.syntax import scan
from wikibio.syntax.compose import citation_wikitext
from wikibio.templates import Template

__all__ = [
    "Citation",
    "CitationDate",
    "CitationProblem",
    "DateFormat",
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


def is_citation_template(name: str) -> bool:
    """Whether a template name is a Citation Style 1 or 2 template wikibio reads.

    Names are compared as MediaWiki compares page names, without regard to case:
    ``"Cite news"``, ``"cite_news"`` and ``" CITE NEWS "`` all count.
    """
    return normal_name(name) in CITATION_CLASSES


# PERF: not slotted. A frozen slotted class sets each of its 74 fields through
# object.__setattr__ (about 700 instructions each: 71,000 a citation, over half what reading
# the call's fields costs); a frozen class with a __dict__ fills the dict directly (38,000).
@frozen(kw_only=True, slots=False)
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
    authors: tuple[Person, ...] = ()
    #: ``|authors=`` free text (used when no numbered author is given).
    authors_text: str | None = None
    #: Whether ``et al.`` follows the authors (``|display-authors=etal``, a name ``et al.``).
    authors_etal: bool = False
    #: How many authors to show (``|display-authors=N``); ``None`` shows all.
    display_authors: int | None = None
    editors: tuple[Person, ...] = ()
    editors_etal: bool = False
    display_editors: int | None = None
    translators: tuple[Person, ...] = ()
    interviewers: tuple[Person, ...] = ()
    contributors: tuple[Person, ...] = ()
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
        return _citation(template_fields(template.title, template.params))

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
        return _citation(template_fields(template, params))

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


def first_citation(source: str, nodes: Iterable[scan.Node]) -> Citation | None:
    """The first citation template among scanned ``nodes`` of ``source`` (headings entered)."""
    return _citation(first_fields(source, nodes))


def citation_at(source: str, node: scan.Template) -> Citation | None:
    """``Citation.from_template`` of a scanned call, read straight from the scan's parts."""
    return _citation(call_fields(source, node))


#: Every field of a ``Citation`` with its default, in field order (``params`` and
#: ``origins``, made by factories, are given by every reading).
_DEFAULTS: dict[str, object] = dict(vars(Citation(template="", style="")))


def _citation(values: Fields | None) -> Citation | None:
    """The citation holding a reading's fields (``wikibio.citations.read``).

    PERF: ``Citation(**values)`` binds its ~80 keyword arguments in 4.4 µs, 2% of a dump
    record with references.  The reader gives every field a value of its type and names
    only fields (``tests/test_citations.py`` compares both ways), so the instance's
    dictionary is filled as attrs' ``__init__`` fills it, in field order.
    """
    if values is None:
        return None
    citation = object.__new__(Citation)
    filled = citation.__dict__
    filled.update(_DEFAULTS)
    filled.update(values)
    return citation


def _checked_name(template: object) -> str:
    if not isinstance(template, str):
        raise TypeError(f"the template name must be a str, not {type(template).__name__}")
    return template
