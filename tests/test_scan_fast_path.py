"""The scan's fast path for a lone flat call gives the tree the full scan gives."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wikibio.syntax import scan

#: Pieces that make flat calls and everything that must leave the fast path.
ATOMS = [
    "{{", "}}", "{", "}", "|", "=", "a", " ", "\n", "\n=", "=", "-", "[[", "]]", "[", "<!--",
    "-->", "<ref>", "</ref>", "cite web", "title", "url=http://x.org/?a=b", "{{{", "}}}",
]  # fmt: skip

CASES = [
    "{{cite web |url=http://x.org |title=A = B |date=2001}}",
    "  {{cite book\n|last=Doe|first=J.|title=T|2|3}} ",
    "\n{{sfn|Doe|2001|p=5}}",
    "x {{a|b}} y",
    "-{{a|b}}",
    "{{a|b=[[c|d]]}}",
    "{{a|b=<!-- c -->}}",
    "={{a}}=",
    "{{a|\n=b}}",
    "{{a}}}",
    "{{{a}}}",
    "{{a=b|c=d=e|=f|g}}",
]


def _full(text: str, start: int = 0) -> str:
    """The full scan's tree, as MediaWiki's XML."""
    fast = scan._flat_call
    try:
        scan._flat_call = lambda *_: None  # type: ignore[assignment]
        return scan.to_xml(text, scan.scan(text, start))
    finally:
        scan._flat_call = fast  # type: ignore[assignment]


@pytest.mark.parametrize("text", CASES)
def test_fast_path_agrees_with_the_full_scan(text: str) -> None:
    assert scan.to_xml(text, scan.scan(text)) == _full(text)


def test_fast_path_takes_a_flat_citation() -> None:
    text = "<ref>{{cite web |url=http://x.org |title=T}}</ref>"
    assert scan._flat_call(text, 5, len(text) - 6) is not None


@settings(max_examples=3000)
@given(st.lists(st.sampled_from(ATOMS), max_size=12).map("".join), st.integers(0, 3))
def test_any_range_scans_the_same(text: str, start: int) -> None:
    start = min(start, len(text))
    assert scan.to_xml(text, scan.scan(text, start)) == _full(text, start)


# --- links passed by ------------------------------------------------------------------

LINK_CASES = [
    "a [[b|c]] d",
    "{{a|[[b|c]]|d}}",
    "{{a|[[b}}c]]}}",
    "== [[a\nb]] ==\nx",
    "[[a\n== b ==\n]]",
    "[[a<!-- c -->]]",
    "[[a|{{b}}]]",
    "[[[a]]]",
    "[[a]]]",
    "[[a -{b}- c]]",
    "{{a|[[b|c=d]]|e=f}}",
    "[[unclosed {{a}}",
]


def _without_link_pass(text: str, start: int = 0) -> str:
    """The tree and problems with every "[[" opened as a piece (no link passed by)."""
    passing = scan._LINK_STOPS
    try:
        scan._LINK_STOPS = re.compile("")  # type: ignore[misc]  # matches at once: no pass
        return _tree_and_problems(text, start)
    finally:
        scan._LINK_STOPS = passing  # type: ignore[misc]


def _tree_and_problems(text: str, start: int = 0) -> str:
    result = scan.scan(text, start)
    return scan.to_xml(text, result) + repr([(p.code, p.offset) for p in result.problems])


@pytest.mark.parametrize("text", LINK_CASES)
def test_passing_a_link_by_changes_nothing(text: str) -> None:
    assert _tree_and_problems(text) == _without_link_pass(text)


@settings(max_examples=3000)
@given(
    st.lists(st.sampled_from([*ATOMS, "-{", "}-", "<nowiki>", "]", "=="]), max_size=14).map(
        "".join
    ),
    st.integers(0, 3),
)
def test_any_range_scans_the_same_with_links_passed_by(text: str, start: int) -> None:
    start = min(start, len(text))
    assert _tree_and_problems(text, start) == _without_link_pass(text, start)


def test_complete_calls_share_empty_lists_nothing_fills() -> None:
    """Parts without children share ``NO_CHILDREN``, scans without problems ``NO_PROBLEMS``;
    reads, edits and expansion of pages full of them leave both empty (an append would give
    every such part a child, every such scan a problem)."""
    import wikibio

    wikibio.parse("".join(CASES)).to_text()
    page = "{{Infobox person|name=A|birth_date=2001}}\nA.<ref>{{cite web|title=T}}</ref>\n"
    article = wikibio.parse(page * 3)
    article.to_text()
    article.to_markdown()
    article.references  # noqa: B018 - read for its effect on the scan
    for template in article.templates:
        if "title" in template.params:
            template["title"] = "U"
    article.add_category("B")
    wikibio.parse(str(article)).to_text()
    wikibio.parse(page, templates={"Template:Infobox person": "{{b|{{{name|}}}}}"}).to_text()

    flat, nested = scan.scan("{{a|b}}"), scan.scan("{{a|b=[[c]]|{{d}}}}")
    assert flat.children[0].parts[1].children is scan.NO_CHILDREN  # type: ignore[attr-defined]
    parts = nested.children[0].parts  # type: ignore[attr-defined]
    assert [True, True, False] == [part.children is scan.NO_CHILDREN for part in parts]
    assert flat.problems is nested.problems is scan.NO_PROBLEMS
    assert ([], []) == (scan.NO_CHILDREN, scan.NO_PROBLEMS)
