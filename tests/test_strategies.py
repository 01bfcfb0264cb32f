"""The Hypothesis strategies of ``wikibio.strategies``, and the properties they check.

What is built reads back (sections, infobox fields, notes and their numbers, citations,
categories); the round trip holds for built and for markup-dense text; edits change only
the bytes they must; Cite's numbering invariants hold.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

import wikibio
from wikibio.citations import Citation, find_citation
from wikibio.errors import InvalidNodeError
from wikibio.strategies import (
    ArticlePlan,
    CitationPlan,
    InfoboxPlan,
    ReferencePlan,
    SectionPlan,
    articles,
    citations,
    infoboxes,
    plan_of,
    references,
    sections,
    wikitext,
)

# --- packaging ------------------------------------------------------------------------


def _run(code: str) -> str:
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    return result.stdout.strip()


def test_import_wikibio_does_not_import_hypothesis() -> None:
    """``import wikibio`` leaves Hypothesis unimported: it is a test-time dependency."""
    assert "False" == _run("import sys, wikibio; print('hypothesis' in sys.modules)")


def test_strategies_import_first_in_a_fresh_process() -> None:
    """Importing the strategies before Hypothesis works (the entry point loads cleanly)."""
    code = (
        "import wikibio.strategies, wikibio\n"
        "from hypothesis import strategies as st\n"
        "print(type(st.from_type(wikibio.Article).example()).__name__)"
    )
    assert "Article" == _run(code)


def test_entry_point_is_registered() -> None:
    """The ``hypothesis`` entry point names the setup hook (``pip install -e .`` done)."""
    from importlib.metadata import entry_points

    values = [e.value for e in entry_points(group="hypothesis")]

    assert "wikibio._strategies_hook:_hypothesis_setup_hook" in values


@pytest.mark.parametrize(
    ("cls", "plan_type"),
    [
        (wikibio.Article, ArticlePlan),
        (wikibio.Section, SectionPlan),
        (wikibio.Infobox, InfoboxPlan),
        (wikibio.Reference, ReferencePlan),
        (Citation, CitationPlan),
    ],
    ids=lambda v: v.__name__,
)
@settings(max_examples=10)
@given(data=st.data())
def test_from_type_draws_built_objects(cls: type, plan_type: type, data: st.DataObject) -> None:
    """``st.from_type(T)`` draws from wikibio's strategy for ``T``."""
    value = data.draw(st.from_type(cls))

    assert isinstance(value, cls)
    assert isinstance(plan_of(value), plan_type)


def test_plan_of_refuses_objects_not_drawn() -> None:
    """``plan_of`` of a parsed article is a ``KeyError`` that says which objects it knows."""
    with pytest.raises(KeyError, match=r"not drawn from a wikibio\.strategies strategy"):
        plan_of(wikibio.parse("x"))


# --- arguments are checked when the strategy is made -----------------------------------

BAD_ARGUMENTS: list[tuple[Callable[..., Any], dict[str, Any]]] = [
    (wikitext, {"min_size": -1}),
    (wikitext, {"min_size": 3, "max_size": 2}),
    (wikitext, {"max_size": 1.5}),
    (wikitext, {"broken": "yes"}),
    (articles, {"min_size": True}),
    (articles, {"max_depth": 9}),
    (articles, {"infobox": 1}),
    (articles, {"references": None}),
    (sections, {"level": 0}),
    (sections, {"level": 7}),
    (sections, {"max_depth": -1}),
    (infoboxes, {"templates": ["Cite web"]}),
    (infoboxes, {"templates": "Infobox person"}),
    (infoboxes, {"layouts": ["sideways"]}),
    (infoboxes, {"max_size": -2}),
    (references, {"min_uses": 0}),
    (references, {"max_uses": 27}),
    (references, {"min_uses": 3, "max_uses": 2}),
    (references, {"groups": []}),
    (references, {"groups": ['a"b']}),
    (references, {"citations": 0}),
    (citations, {"templates": ["Infobox person"]}),
    (citations, {"min_size": 11}),
    (citations, {"min_size": 2, "max_size": 1}),
]


@pytest.mark.parametrize(
    ("strategy", "kwargs"),
    BAD_ARGUMENTS,
    ids=[f"{f.__name__}-{'-'.join(map(str, k.items()))}" for f, k in BAD_ARGUMENTS],
)
def test_bad_arguments_raise_eagerly(strategy: Callable[..., Any], kwargs: dict[str, Any]) -> None:
    """A bad argument raises ``InvalidArgument`` when the strategy is made, not drawn."""
    with pytest.raises(InvalidArgument):
        strategy(**kwargs)


def test_options_are_keyword_only() -> None:
    """Sizes and options are keyword-only, as in Hypothesis."""
    with pytest.raises(TypeError):
        wikitext(1)  # type: ignore[call-arg]


# --- what was built reads back ---------------------------------------------------------


def _tree(section: wikibio.Section) -> tuple[object, ...]:
    return section.title, section.level, tuple(_tree(s) for s in section.subsections)


def _check_citation(citation: Citation, plan: CitationPlan) -> None:
    params = dict(plan.params)
    assert plan.name == citation.template
    assert params == dict(citation.params)
    assert params.get("title") == citation.title
    assert params.get("url") == citation.url
    assert params.get("publisher") == citation.publisher
    assert params.get("work") == citation.work
    assert params.get("date") == (None if citation.date is None else str(citation.date))
    if "last" in params:
        assert params["last"] == citation.authors[0].last
        assert params.get("first") == citation.authors[0].first


@given(articles())
def test_article_reads_back_what_was_built(article: wikibio.Article) -> None:
    """Sections, infobox, notes (numbers, names, backlinks, content) and categories."""
    plan = plan_of(article)
    assert isinstance(plan, ArticlePlan)

    assert plan.wikitext == str(article)
    assert plan.section_trees() == tuple(_tree(s) for s in article.sections)
    if plan.infobox is None:
        assert article.infobox is None
    else:
        assert article.infobox is not None
        assert plan.infobox.name == article.infobox.template
        assert plan.infobox.fields == tuple((k, f.value) for k, f in article.infobox.items())
    expected = plan.expected_references()
    assert [(e.number, e.group, e.name, e.backlinks, e.wikitext) for e in expected] == [
        (r.number, r.group, r.name, tuple(r.backlinks), r.wikitext) for r in article.references
    ]
    assert list(plan.categories) == list(article.categories)
    assert [] == [d.code for d in article.diagnostics if d.code.startswith("cite_error")]


@given(articles(infobox=True, max_size=2))
def test_citations_in_notes_read_back(article: wikibio.Article) -> None:
    """Each note built from a citation template reads back that citation's fields."""
    plan = plan_of(article)
    assert isinstance(plan, ArticlePlan)
    by_content = {note.content: note for note in plan.references}

    for reference in article.references:
        note = by_content[reference.wikitext]
        if note.citation is None:
            assert reference.citation is None
        else:
            assert reference.citation is not None
            _check_citation(reference.citation, note.citation)


@given(sections(max_depth=2))
def test_section_reads_back(section: wikibio.Section) -> None:
    """A built section has the title, level and subsection tree it was built with."""
    plan = plan_of(section)
    assert isinstance(plan, SectionPlan)

    assert plan.wikitext == str(section)
    assert plan.tree() == _tree(section)
    assert (0, 1) == (section.start, section.index)


@given(infoboxes())
def test_infobox_reads_back(infobox: wikibio.Infobox) -> None:
    """Template name, field names in order, values; plain values read as themselves."""
    plan = plan_of(infobox)
    assert isinstance(plan, InfoboxPlan)

    assert plan.wikitext == str(infobox)
    assert plan.name == infobox.template
    assert plan.fields == tuple((name, field.value) for name, field in infobox.items())
    for name, value in plan.fields:
        if not any(c in value for c in "[{"):
            assert value == infobox[name].text


@given(references())
def test_reference_reads_back(reference: wikibio.Reference) -> None:
    """Number 1, its group, name, content, one use per marker, backlinks, citation."""
    plan = plan_of(reference)
    assert isinstance(plan, ReferencePlan)

    assert (1, plan.group, plan.name, plan.content) == (
        reference.number,
        reference.group,
        reference.name,
        reference.wikitext,
    )
    assert plan.uses == len(reference.uses)
    assert plan.backlinks == tuple(reference.backlinks)
    if plan.citation is not None:
        assert reference.citation is not None
        _check_citation(reference.citation, plan.citation)


@given(citations())
def test_citation_reads_back(citation: Citation) -> None:
    """Template, parameters and the typed fields they fill."""
    plan = plan_of(citation)
    assert isinstance(plan, CitationPlan)

    _check_citation(citation, plan)
    assert isinstance(citation.to_text(), str)


# --- round trip ------------------------------------------------------------------------


@given(wikitext())
def test_wikitext_round_trip(text: str) -> None:
    """``str(parse(t)) == t`` and ``parse(str(a)) == a`` for markup-dense text."""
    article = wikibio.parse(text)

    assert text == str(article)
    assert wikibio.parse(str(article)) == article
    assert text == str(article.lead) + "".join(str(s) for s in article.sections)


def _article_round_trip(article: wikibio.Article) -> None:
    text = str(article)
    again = wikibio.parse(text)
    assert text == str(again)
    assert again == article
    assert text == str(article.lead) + "".join(str(s) for s in article.sections)
    assert [_tree(s) for s in again.sections] == [_tree(s) for s in article.sections]


@settings(max_examples=1000)
@given(articles())
def test_thousand_articles_round_trip(article: wikibio.Article) -> None:
    """1,000 built articles: text, re-parse equality, sections concatenate to the page."""
    _article_round_trip(article)


@settings(max_examples=1000)
@given(
    st.one_of(
        sections(max_depth=2),
        infoboxes(),
        references(),
        citations(),
    )
)
def test_thousand_built_objects_round_trip(
    value: wikibio.Section | wikibio.Infobox | wikibio.Reference | Citation,
) -> None:
    """1,000 built objects: the plan's wikitext parses back to an equal object."""
    plan = plan_of(value)
    if isinstance(plan, SectionPlan):
        assert wikibio.parse(plan.wikitext).sections[0] == value
        assert str(wikibio.parse(str(value))) == str(value)
    elif isinstance(plan, InfoboxPlan):
        assert wikibio.parse(plan.wikitext).infobox == value
        assert str(wikibio.parse(str(value))) == str(value)
    elif isinstance(plan, ReferencePlan):
        assert wikibio.parse(plan.page).references[0] == value
    else:
        assert isinstance(plan, CitationPlan)
        assert find_citation(plan.wikitext) == value


# --- edits change only what they must ---------------------------------------------------


def _only_insertions(old: str, new: str) -> bool:
    """Whether ``new`` is ``old`` with characters inserted (``old`` is a subsequence of it).

    A greedy subsequence check is exact, where difflib's heuristic diff may report a
    replace for repeated text even when the edit only inserted (or only deleted).
    """
    remaining = iter(new)
    return all(char in remaining for char in old)


def _changed_span(old: str, new: str) -> tuple[int, int]:
    """The span of ``old`` an edit replaced (common prefix and suffix left out)."""
    prefix = 0
    while prefix < min(len(old), len(new)) and old[prefix] == new[prefix]:
        prefix += 1
    suffix = 0
    while suffix < min(len(old), len(new)) - prefix and old[-1 - suffix] == new[-1 - suffix]:
        suffix += 1
    return prefix, len(old) - suffix


@given(
    infoboxes(min_size=1),
    st.data(),
    st.one_of(wikitext(max_size=4, broken=False), st.sampled_from(["", "a | b", "x}}y"])),
)
def test_setting_a_field_changes_only_that_parameter(
    infobox: wikibio.Infobox, data: st.DataObject, value: str
) -> None:
    """Setting an existing field changes bytes only inside that parameter's text."""
    name = data.draw(st.sampled_from(list(infobox)))
    argument = infobox[name].argument
    old = str(infobox)
    others = {k: f.value for k, f in infobox.items() if k != name}

    try:
        infobox[name] = value
    except InvalidNodeError:
        return
    new = str(infobox)

    start, end = _changed_span(old, new)
    assert old == new or (argument.start <= start and end <= argument.end)
    assert others == {k: f.value for k, f in infobox.items() if k != name}
    assert set(infobox) == {*others, name}


@given(
    infoboxes(),
    st.sampled_from(["zz_new", "occupation", "alma_mater"]),
    st.one_of(wikitext(max_size=4, broken=False), st.just("[[Navy]]")),
)
def test_adding_a_field_only_inserts(infobox: wikibio.Infobox, name: str, value: str) -> None:
    """Adding a parameter inserts its text and changes no existing byte."""
    if name in infobox:
        return
    before = {k: f.value for k, f in infobox.items()}
    old = str(infobox)

    try:
        infobox[name] = value
    except InvalidNodeError:
        return

    assert _only_insertions(old, str(infobox))
    assert before == {k: f.value for k, f in infobox.items() if k != name}
    assert name in infobox


@given(infoboxes(min_size=1), st.data())
def test_setting_a_plain_value_reads_back(infobox: wikibio.Infobox, data: st.DataObject) -> None:
    """A value that needs no escaping reads back exactly, as ``value`` and as ``text``."""
    name = data.draw(st.sampled_from(list(infobox)))
    value = data.draw(st.sampled_from(["Navy", "Royal Navy officer", "[[Navy]]"]))

    infobox[name] = value

    assert value == infobox[name].value
    assert value == wikibio.parse(str(infobox)).infobox[name].value  # type: ignore[index]


@given(articles(), st.data())
def test_adding_a_reference_only_inserts(article: wikibio.Article, data: st.DataObject) -> None:
    """``add_reference`` after a sentence inserts bytes and changes none; the note reads back."""
    plan = plan_of(article)
    assert isinstance(plan, ArticlePlan)
    if not plan.sentence_ends:
        return
    offset = data.draw(st.sampled_from(plan.sentence_ends))
    content = data.draw(
        st.one_of(st.just("A new note."), st.sampled_from([n.content for n in plan.references]))
        if plan.references
        else st.just("A new note.")
    )
    old = str(article)

    article.add_reference(content, after=offset)

    assert _only_insertions(old, str(article))
    assert content in [r.wikitext for r in article.references if r.group == ""]


# --- Cite's numbering ------------------------------------------------------------------


def _check_numbering(article: wikibio.Article) -> None:
    for ref_list in article.reference_lists:
        numbered = [r for r in ref_list.references if r.number is not None and r.follow is None]
        assert list(range(1, len(numbered) + 1)) == [r.number for r in numbered]
    for reference in article.references:
        uses = len(reference.uses)
        assert len(reference.backlinks) == (uses if uses > 1 else 0)


@given(articles())
def test_cite_numbering_of_built_articles(article: wikibio.Article) -> None:
    """Numbers run 1..n per group in order of first use; backlinks match reuses."""
    _check_numbering(article)
    first_use: dict[str, list[int]] = {}
    for reference in article.references:
        first_use.setdefault(reference.group, []).append(reference.uses[0].start)
    assert all(starts == sorted(starts) for starts in first_use.values())


@given(wikitext())
def test_cite_numbering_of_any_markup(text: str) -> None:
    """In every list, numbered notes run 1..n; backlink count is the use count when > 1."""
    _check_numbering(wikibio.parse(text))


@given(infoboxes(min_size=1), st.data())
def test_deleting_a_field_only_deletes(infobox: wikibio.Infobox, data: st.DataObject) -> None:
    """Deleting a parameter removes its text and changes no other byte or field."""
    name = data.draw(st.sampled_from(list(infobox)))
    before = {k: f.value for k, f in infobox.items() if k != name}
    old = str(infobox)

    del infobox[name]

    assert _only_insertions(str(infobox), old)
    assert before == {k: f.value for k, f in infobox.items()}


@given(articles(), st.data())
def test_removing_a_note_keeps_numbering(article: wikibio.Article, data: st.DataObject) -> None:
    """Removing a named note deletes bytes only; the rest stay numbered 1..n."""
    named = [r for r in article.references if r.name is not None]
    if not named:
        return
    note = data.draw(st.sampled_from(named))
    old = str(article)
    count = len(article.references)

    article.remove_reference(note.name or "", group=note.group)

    assert _only_insertions(str(article), old)
    assert count - 1 == len(article.references)
    _check_numbering(article)


@given(articles())
def test_merging_duplicates_is_idempotent(article: wikibio.Article) -> None:
    """Merging notes with equal content leaves nothing to merge a second time."""
    article.merge_duplicate_references()

    assert 0 == article.merge_duplicate_references()
    contents = [r.wikitext.strip() for r in article.references if r.group == ""]
    assert len(contents) == len(set(contents))


@given(st.one_of(wikitext(), articles()))
def test_reading_view_is_total(value: str | wikibio.Article) -> None:
    """``to_text()`` renders any page, with or without header and edit links."""
    article = wikibio.parse(value) if isinstance(value, str) else value

    assert isinstance(article.to_text(), str)
    assert isinstance(article.to_text(page_header=True, edit_links=True), str)


@given(articles())
def test_markers_stand_in_their_sections(article: wikibio.Article) -> None:
    """Each marker's section is the innermost section around it, by title."""
    for reference in article.references:
        for use in reference.uses:
            section = use.section
            assert section is not None
            assert section.start <= use.start < section.end
