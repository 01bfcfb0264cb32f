"""Hypothesis strategies for wikitext and for wikibio's typed objects.

Importing this module needs Hypothesis (``pip install 'wikibio[strategies]'``); ``import wikibio``
never imports it.  With wikibio installed, ``st.from_type(wikibio.Article)`` (and
``Section``, ``Infobox``, ``Reference``, ``Citation``) draws from these strategies.

- ``wikitext`` — markup-dense text, broken markup included: for totality and round trip.
- ``articles`` — pages built from parts (an infobox, the lead, sections with
  subsections, notes with reuses and groups, reference lists, categories), parsed.
- ``sections``, ``infoboxes``, ``references``, ``citations`` — one typed
  object each, built the same way.

Every built object remembers its parts: ``plan_of`` returns the plan it was built
from (``ArticlePlan``, ``SectionPlan`` …), so a test can check that the object
reads back what was built.  Sizes and options are keyword-only and checked when the
strategy is made (``InvalidArgument``); examples shrink toward
small pages of plain words.

Examples:
    >>> from hypothesis import given, settings
    >>> import wikibio
    >>> from wikibio.strategies import ArticlePlan, articles, plan_of, wikitext
    >>> @settings(max_examples=25, database=None)
    ... @given(wikitext())
    ... def test_lossless(text):
    ...     assert str(wikibio.parse(text)) == text
    >>> test_lossless()
    >>> @settings(max_examples=25, database=None)
    ... @given(articles(max_size=3))
    ... def test_reads_back(article):
    ...     plan = plan_of(article)
    ...     assert [s.title for s in article.sections] == [t[0] for t in plan.section_trees()]
    ...     assert [r.number for r in article.references] == [
    ...         r.number for r in plan.expected_references()
    ...     ]
    >>> test_reads_back()
    >>> from hypothesis import strategies as st
    >>> @settings(max_examples=5, database=None)
    ... @given(st.from_type(wikibio.Article))
    ... def test_from_type(article):
    ...     assert isinstance(plan_of(article), ArticlePlan)
    >>> test_from_type()
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import Any, Final, TypeVar, cast

try:
    from hypothesis import strategies as st
    from hypothesis.errors import InvalidArgument
except ImportError as error:  # pragma: no cover - depends on the installation
    raise ImportError(
        "wikibio.strategies needs Hypothesis: pip install 'wikibio[strategies]'"
    ) from error

import wikibio
from wikibio.citations import Citation, find_citation
from wikibio.strategies.plans import (
    LAYOUTS,
    ArticlePlan,
    CitationPlan,
    ExpectedReference,
    InfoboxPlan,
    Layout,
    ParagraphPlan,
    ReferencePlan,
    SectionPlan,
    SentencePlan,
    normal_template,
    plan_of,
    register,
)
from wikibio.strategies.text import (
    capitalised,
    check_bool,
    check_choices,
    check_size,
    phrases,
    wikitext,
    words,
)

__all__ = [
    "ArticlePlan",
    "CitationPlan",
    "ExpectedReference",
    "InfoboxPlan",
    "ParagraphPlan",
    "ReferencePlan",
    "SectionPlan",
    "SentencePlan",
    "articles",
    "citations",
    "infoboxes",
    "plan_of",
    "references",
    "sections",
    "wikitext",
]

T = TypeVar("T")

#: Citation templates drawn by default (each read by ``Module:Citation/CS1``).
CITATION_TEMPLATES: Final = ("cite web", "cite news", "cite book", "Cite journal", "citation")
#: Infobox names drawn by default, spelled as editors spell them.
INFOBOX_TEMPLATES: Final = (
    "Infobox person",
    "Infobox military person",
    "infobox officeholder",
    "Infobox_scientist",
    " Infobox writer ",
)
#: Groups drawn by default for notes: the default group, a named group, a label style.
GROUPS: Final = ("", "note", "lower-alpha")
_FIELD_NAMES: Final = (
    "name",
    "birth_date",
    "birth_place",
    "occupation",
    "rank",
    "spouse",
    "image",
    "caption",
    "nationality",
    "known_for",
    "death_date",
    "alma_mater",
)
_REF_NAMES: Final = ("nyt", "smith 2001", "r1", ":0", "Doe-a", "bbc")
_CITATION_PARAMS: Final = (
    "title",
    "url",
    "last",
    "first",
    "date",
    "work",
    "publisher",
    "access-date",
    "page",
    "location",
)
_MONTHS: Final = ("January", "March", "May", "July", "October", "December")


# --- small pieces ---------------------------------------------------------------------


@functools.cache
def _dates() -> st.SearchStrategy[str]:
    day, month, year = st.integers(1, 28), st.integers(1, 6), st.integers(1900, 2024)
    return st.one_of(
        st.tuples(year, month, day).map(lambda t: f"{t[0]}-{t[1]:02}-{t[2]:02}"),
        st.tuples(day, month, year).map(lambda t: f"{t[0]} {_MONTHS[t[1] - 1]} {t[2]}"),
        st.tuples(day, month, year).map(lambda t: f"{_MONTHS[t[1] - 1]} {t[0]}, {t[2]}"),
        year.map(str),
    )


@functools.cache
def _urls() -> st.SearchStrategy[str]:
    path = st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789-", max_size=10)
    return path.map(lambda p: f"https://example.org/{p}")


@functools.cache
def _sentences(markup: bool) -> st.SearchStrategy[str]:
    """A sentence ending in a full stop, with inline markup if ``markup``."""
    chunk: st.SearchStrategy[str] = phrases()
    if markup:
        chunk = st.one_of(
            chunk,
            phrases().map(lambda p: f"'''{p}'''"),
            phrases().map(lambda p: f"''{p}''"),
            st.tuples(phrases(), phrases()).map(lambda t: f"[[{t[0]}|{t[1]}]]"),
            phrases().map(lambda p: f"[[{capitalised(p)}]]"),
            words().map(lambda w: "{{lang|fr|" + w + "}}"),
            phrases().map(lambda p: f"<!-- {p} -->"),
            st.builds(lambda: "{{convert|5|km}}"),
        )
    return st.lists(chunk, min_size=1, max_size=3).map(lambda parts: " ".join(parts) + ".")


@functools.cache
def _paragraphs(markup: bool) -> st.SearchStrategy[ParagraphPlan]:
    sentence = _sentences(markup).map(SentencePlan)
    return st.builds(
        ParagraphPlan, st.lists(sentence, min_size=1, max_size=3).map(tuple), st.booleans()
    )


# --- citations ------------------------------------------------------------------------


@functools.cache
def _citation_value(name: str) -> st.SearchStrategy[str]:
    if name == "url":
        return _urls()
    if name in ("date", "access-date"):
        return _dates()
    if name in ("last", "first"):
        return words().map(capitalised)
    if name == "page":
        return st.integers(1, 999).map(str)
    return phrases().map(capitalised)


@st.composite
def _citation_plans(
    draw: st.DrawFn, min_size: int, max_size: int | None, templates: tuple[str, ...]
) -> CitationPlan:
    names = draw(
        st.lists(
            st.sampled_from(_CITATION_PARAMS), unique=True, min_size=min_size, max_size=max_size
        )
    )
    params = tuple((name, draw(_citation_value(name))) for name in names)
    template = draw(st.sampled_from(templates))
    return CitationPlan(template, params, draw(st.sampled_from((" ", "", "\n"))))


def _built_citation(plan: CitationPlan) -> Citation:
    citation = find_citation(plan.wikitext)
    assert citation is not None, f"{plan.template!r} is not a citation template"
    register(citation, plan)
    return citation


def citations(
    *, min_size: int = 1, max_size: int | None = 6, templates: Sequence[str] | None = None
) -> st.SearchStrategy[Citation]:
    """Citations read from generated ``{{cite …}}`` calls.

    Parameters come from ``title``, ``url``, ``last``, ``first``, ``date``, ``work``,
    ``publisher``, ``access-date``, ``page`` and ``location``, with values of their kind
    (URLs, dates in the formats CS1 reads, capitalised names).  ``plan_of(citation)``
    is a ``CitationPlan`` with the call's wikitext.

    Args:
        min_size: The fewest parameters.
        max_size: The most parameters (at most 10 exist; ``None``: up to 10).
        templates: Template names to draw from, as written (default: ``cite web``,
            ``cite news``, ``cite book``, ``Cite journal``, ``citation``).

    Raises:
        InvalidArgument: a size is not a non-negative int, ``max_size < min_size``,
            ``min_size`` exceeds 10, or a template is not a citation template.
    """
    check_size(min_size, max_size, what="citation parameters")
    if min_size > len(_CITATION_PARAMS):
        raise InvalidArgument(
            f"min_size={min_size} exceeds the {len(_CITATION_PARAMS)} parameters drawn from"
        )
    names = CITATION_TEMPLATES if templates is None else check_choices("templates", templates)
    for name in names:
        if not wikibio.citations.is_citation_template(name):
            raise InvalidArgument(
                f"templates holds {name!r}, which Module:Citation/CS1 does not read; "
                "use a name such as 'cite web'"
            )
    return _citation_plans(min_size, max_size, names).map(_built_citation)


# --- infoboxes ------------------------------------------------------------------------


@functools.cache
def _field_values() -> st.SearchStrategy[str]:
    return st.one_of(
        phrases(),
        st.just(""),
        phrases().map(lambda p: f"[[{capitalised(p)}]]"),
        st.tuples(phrases(), phrases()).map(lambda t: f"[[{capitalised(t[0])}|{t[1]}]]"),
        st.tuples(st.integers(1900, 2024), st.integers(1, 12), st.integers(1, 28)).map(
            lambda t: f"{{{{birth date|{t[0]}|{t[1]}|{t[2]}}}}}"
        ),
        st.lists(phrases(), min_size=1, max_size=3).map(lambda ps: "{{ubl|" + "|".join(ps) + "}}"),
    )


@functools.cache
def _field_names() -> st.SearchStrategy[str]:
    tail = st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789_", max_size=8)
    generated = st.tuples(st.sampled_from("abcdefghijklmnopqrstuvwxyz"), tail).map("".join)
    return st.one_of(st.sampled_from(_FIELD_NAMES), generated)


@functools.cache
def _infobox_plans(
    min_size: int = 0,
    max_size: int | None = 6,
    templates: tuple[str, ...] = INFOBOX_TEMPLATES,
    layouts: tuple[Layout, ...] = LAYOUTS,
) -> st.SearchStrategy[InfoboxPlan]:
    fields = st.lists(
        st.tuples(_field_names(), _field_values()),
        min_size=min_size,
        max_size=max_size,
        unique_by=lambda pair: pair[0],
    ).map(tuple)
    return st.builds(InfoboxPlan, st.sampled_from(templates), fields, st.sampled_from(layouts))


def _built_infobox(plan: InfoboxPlan) -> wikibio.Infobox:
    article = wikibio.parse(plan.wikitext)
    infobox = article.infobox
    assert infobox is not None, f"{plan.template!r} is not an infobox name"
    register(infobox, plan)
    return infobox


def infoboxes(
    *,
    min_size: int = 0,
    max_size: int | None = 6,
    templates: Sequence[str] | None = None,
    layouts: Sequence[str] | None = None,
) -> st.SearchStrategy[wikibio.Infobox]:
    """Infoboxes, each the only content of its own article (so it can be edited).

    Field names are common infobox parameters or generated ``snake_case`` names, all
    distinct; values are plain words, links, ``{{birth date|…}}``, ``{{ubl|…}}`` lists or
    empty.  ``plan_of(infobox)`` is an ``InfoboxPlan``.

    Args:
        min_size: The fewest fields.
        max_size: The most fields (``None``: no limit).
        templates: Infobox names as written (default: five of English Wikipedia's, in
            several spellings: ``"infobox officeholder"``, ``"Infobox_scientist"`` …).
        layouts: How fields are written, from ``"spaced"`` (``| name = value``),
            ``"aligned"``, ``"compact"`` (``|name=value``), ``"inline"`` and
            ``"trailing"`` (``name = value |``); default all.

    Raises:
        InvalidArgument: bad sizes, a template that is not an infobox, an unknown layout.
    """
    check_size(min_size, max_size, what="infobox fields")
    names = INFOBOX_TEMPLATES if templates is None else check_choices("templates", templates)
    for name in names:
        if normal_template(name) not in wikibio.DEFAULT_INFOBOX_NAMES:
            raise InvalidArgument(
                f"templates holds {name!r}, which wikibio does not take for an infobox; "
                "use a name such as 'Infobox person'"
            )
    chosen = LAYOUTS if layouts is None else check_choices("layouts", layouts, LAYOUTS)
    plans = _infobox_plans(min_size, max_size, names, cast("tuple[Layout, ...]", chosen))
    return plans.map(_built_infobox)


# --- references -----------------------------------------------------------------------


@functools.cache
def _ref_names() -> st.SearchStrategy[str]:
    return st.one_of(
        st.sampled_from(_REF_NAMES), phrases(max_words=2).filter(lambda n: not n.isdigit())
    )


@functools.cache
def _maybe(strategy: st.SearchStrategy[T]) -> st.SearchStrategy[T | None]:
    return st.none() | strategy


@functools.cache
def _note_citations() -> st.SearchStrategy[CitationPlan]:
    return _citation_plans(1, 4, CITATION_TEMPLATES)


@functools.cache
def _article_parts(
    min_size: int, max_size: int | None, max_depth: int
) -> tuple[st.SearchStrategy[Any], ...]:
    """The strategies an article is drawn from, made once (making them is not free)."""
    return (
        _infobox_plans(0, 5),
        _maybe(_infobox_plans(0, 5)),
        st.lists(_reference_plans(), max_size=4),
        st.lists(_paragraphs(True), max_size=2),
        st.lists(_paragraphs(True), min_size=1, max_size=2),
        st.lists(_section_plans(2, max_depth, 0, 2), min_size=min_size, max_size=max_size),
        st.lists(phrases(max_words=3).map(capitalised), unique=True, max_size=3),
    )


@st.composite
def _reference_plans(
    draw: st.DrawFn,
    min_uses: int = 1,
    max_uses: int = 4,
    groups: tuple[str, ...] = GROUPS,
    cite: bool = True,
) -> ReferencePlan:
    uses = draw(st.integers(min_uses, max_uses))
    name = draw(_ref_names() if uses > 1 else _maybe(_ref_names()))
    citation = draw(_maybe(_note_citations())) if cite else None
    content = citation.wikitext if citation is not None else draw(_sentences(markup=True))
    return ReferencePlan(
        content,
        name,
        draw(st.sampled_from(groups)),
        uses,
        citation,
        draw(st.sampled_from(('"', "'", ""))),
        draw(st.sampled_from((" />", "/>"))),
    )


def _built_reference(plan: ReferencePlan) -> wikibio.Reference:
    article = wikibio.parse(plan.page)
    reference = article.references[0]
    register(reference, plan)
    return reference


def references(
    *,
    min_uses: int = 1,
    max_uses: int = 4,
    groups: Sequence[str] = GROUPS,
    citations: bool = True,
) -> st.SearchStrategy[wikibio.Reference]:
    """Notes, each defined and reused on a page of its own and listed by ``<references/>``.

    A note is named when it is used more than once (names quoted, single-quoted or bare);
    its content is a sentence with inline markup or a citation template.
    ``plan_of(reference)`` is a ``ReferencePlan``; ``reference.number`` is 1.

    Args:
        min_uses: The fewest markers that use the note (at least 1).
        max_uses: The most markers (at most 26, one backlink letter each).
        groups: Groups to draw from (``""`` is the default group).
        citations: Whether the content may be a citation template.

    Raises:
        InvalidArgument: ``min_uses``/``max_uses`` out of 1..26 or crossed; a group that
            is not a usable group name; ``citations`` not a bool.
    """
    for label, value in (("min_uses", min_uses), ("max_uses", max_uses)):
        if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= 26:
            raise InvalidArgument(f"{label}={value!r} must be an int from 1 to 26")
    if max_uses < min_uses:
        raise InvalidArgument(f"max_uses={max_uses} is below min_uses={min_uses}")
    chosen = check_choices("groups", groups)
    for group in chosen:
        if group != group.strip() or any(c in group for c in "\"'<>/=\n"):
            raise InvalidArgument(
                f"groups holds {group!r}; a group name has no quotes, <, >, /, = or "
                "surrounding blanks"
            )
    check_bool("citations", citations)
    return _reference_plans(min_uses, max_uses, chosen, citations).map(_built_reference)


# --- sections -------------------------------------------------------------------------


@functools.cache
def _section_plans(
    level: int, max_depth: int, min_size: int, max_size: int | None, markup: bool = True
) -> st.SearchStrategy[SectionPlan]:
    paragraphs = st.lists(_paragraphs(markup), max_size=2).map(tuple)
    if max_depth == 0 or level >= 6:
        children: st.SearchStrategy[tuple[SectionPlan, ...]] = st.just(())
    else:
        children = st.one_of(
            [
                st.lists(
                    _section_plans(sub, max_depth - 1, 0, 2, markup),
                    min_size=min_size,
                    max_size=max_size,
                ).map(tuple)
                for sub in range(level + 1, min(level + 2, 6) + 1)
            ]
        )
    title = phrases().map(capitalised)
    return st.builds(SectionPlan, title, st.just(level), paragraphs, children, st.booleans())


def _built_section(plan: SectionPlan) -> wikibio.Section:
    section = wikibio.parse(plan.wikitext).sections[0]
    register(section, plan)
    return section


def sections(
    *, min_size: int = 0, max_size: int | None = 2, level: int = 2, max_depth: int = 1
) -> st.SearchStrategy[wikibio.Section]:
    """Sections with paragraphs (inline markup, bullet lists) and subsections.

    Each is the whole of its own page, so ``str(section)`` is that page.  Direct
    subsections share a level one or two below their parent's.  ``plan_of(section)`` is
    a ``SectionPlan``.

    Args:
        min_size: The fewest direct subsections (where ``max_depth`` allows any).
        max_size: The most direct subsections (``None``: no limit).
        level: The heading level, 1 (``=``) to 6.
        max_depth: How many levels of subsections below the section.

    Raises:
        InvalidArgument: bad sizes, ``level`` outside 1..6, negative ``max_depth``.
    """
    check_size(min_size, max_size, what="direct subsections")
    if not isinstance(level, int) or isinstance(level, bool) or not 1 <= level <= 6:
        raise InvalidArgument(f"level={level!r} must be an int from 1 to 6")
    if not isinstance(max_depth, int) or isinstance(max_depth, bool) or max_depth < 0:
        raise InvalidArgument(f"max_depth={max_depth!r} must be a non-negative int")
    return _section_plans(level, max_depth, min_size, max_size).map(_built_section)


# --- articles -------------------------------------------------------------------------


def _cite(plan: ArticlePlan, slots: list[int], order: list[int]) -> ArticlePlan:
    """``plan`` with note ``order[k]`` cited after sentence ``slots[k]`` (page order)."""
    cited: dict[int, list[int]] = {}
    for slot, ref in zip(slots, order, strict=True):
        cited.setdefault(slot, []).append(ref)
    counter = iter(range(1 << 30))

    def paragraphs(items: tuple[ParagraphPlan, ...]) -> tuple[ParagraphPlan, ...]:
        return tuple(
            ParagraphPlan(
                tuple(
                    SentencePlan(s.text, tuple(cited.get(next(counter), ()))) for s in p.sentences
                ),
                p.bulleted,
            )
            for p in items
        )

    def section(item: SectionPlan) -> SectionPlan:
        body = paragraphs(item.paragraphs)
        subs = tuple(section(sub) for sub in item.subsections)
        return SectionPlan(item.title, item.level, body, subs, item.spaced)

    lead = paragraphs(plan.lead)
    return ArticlePlan(
        plan.infobox,
        lead,
        tuple(section(s) for s in plan.sections),
        plan.references,
        plan.list_style,
        plan.categories,
    )


def _unique_names(notes: list[ReferencePlan]) -> tuple[ReferencePlan, ...]:
    """Rename notes whose (group, name) is taken, so each name defines one note."""
    taken: set[tuple[str, str]] = set()
    result = []
    for index, note in enumerate(notes):
        name = note.name
        if name is not None and (note.group, name) in taken:
            name = f"{name}-{index}"
        if name is not None:
            taken.add((note.group, name))
        result.append(
            ReferencePlan(
                note.content,
                name,
                note.group,
                note.uses,
                note.citation,
                note.quote,
                note.self_close,
            )
        )
    return tuple(result)


@st.composite
def _article_plans(
    draw: st.DrawFn,
    min_size: int,
    max_size: int | None,
    infobox: bool | None,
    notes: bool,
    categories: bool,
    max_depth: int,
) -> ArticlePlan:
    always, sometimes, notes_, paragraphs, lead_with_notes, tops_, names = _article_parts(
        min_size, max_size, max_depth
    )
    box = None if infobox is False else draw(always if infobox else sometimes)
    refs = _unique_names(draw(notes_)) if notes else ()
    lead = tuple(draw(lead_with_notes if refs else paragraphs))
    tops = tuple(draw(tops_))
    cats = tuple(draw(names)) if categories else ()
    groups_used = {r.group for r in refs}
    styles = (
        ("reflist", "references") if groups_used - {""} else ("reflist", "references", "generated")
    )
    plan = ArticlePlan(box, lead, tops, refs, draw(st.sampled_from(styles)), cats)
    total = len(plan.sentence_ends)
    if not refs:
        return plan
    uses = [i for i, note in enumerate(refs) for _ in range(note.uses)]
    order = list(draw(st.permutations(uses)))
    slots = sorted(
        draw(st.lists(st.integers(0, total - 1), min_size=len(uses), max_size=len(uses)))
    )
    return _cite(plan, slots, order)


def _built_article(plan: ArticlePlan) -> wikibio.Article:
    article = wikibio.parse(plan.wikitext)
    register(article, plan)
    return article


def articles(
    *,
    min_size: int = 0,
    max_size: int | None = 4,
    infobox: bool | None = None,
    references: bool = True,
    categories: bool = True,
    max_depth: int = 1,
) -> st.SearchStrategy[wikibio.Article]:
    """Articles built from parts, then parsed.

    A page has, in order: an infobox, the lead (paragraphs of sentences with inline
    markup, some bulleted), sections with subsections, up to four notes cited after
    sentences (named notes reused, groups ``note`` and ``lower-alpha`` beside the default
    one, content a sentence or a citation), a ``References`` section with
    ``{{Reflist}}``/``<references />`` per group (or, for default-group notes only, the
    list MediaWiki generates), and categories.  ``plan_of(article)`` is the
    ``ArticlePlan``: its ``section_trees``,
    ``infobox`` fields, ``expected_references`` and
    ``categories`` are what the article must read back.

    Args:
        min_size: The fewest top-level sections (the ``References`` section aside).
        max_size: The most top-level sections (``None``: no limit).
        infobox: ``True`` always, ``False`` never, ``None`` sometimes.
        references: Whether to cite notes.
        categories: Whether to add categories.
        max_depth: How many levels of subsections below the top-level sections.

    Raises:
        InvalidArgument: bad sizes or ``max_depth``, or an option of the wrong type.
    """
    check_size(min_size, max_size, what="top-level sections")
    if infobox is not None:
        check_bool("infobox", infobox)
    check_bool("references", references)
    check_bool("categories", categories)
    if not isinstance(max_depth, int) or isinstance(max_depth, bool) or not 0 <= max_depth <= 4:
        raise InvalidArgument(f"max_depth={max_depth!r} must be an int from 0 to 4")
    plans = _article_plans(min_size, max_size, infobox, references, categories, max_depth)
    return plans.map(_built_article)
