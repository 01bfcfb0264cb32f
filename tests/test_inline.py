"""Inline spans: the linear reading of simple markup agrees with mwparserfromhell's parse.

``wikibio.syntax.inline`` reads a span of simple markup (text, plain wikilinks and
external links, free URLs, inline tags, named entities, nested bold and italics) without
parsing it.  Whatever it accepts must come out
exactly as the parse gives it; whatever it cannot read the same way it must refuse.
"""

from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from wikibio.syntax import inline

#: Pieces that make spans with links, quotes, entities, URLs and line-start markup.
ATOMS = [
    "a", "b", " ", "'", "''", "'''", "[[", "]]", "|", "[", "]", ":", "&amp;", "&nbsp;",
    "&foo;", "&", ";", "File:", "Category:", "x y", "#", "=", "-", "*", "//", "http:",
    "mailto:", "é", "\ue000", "~", "_", "<b>", "\n", "<small>", "</small>", "<br>", "</b>",
    '<span title="x">', "</span>", "<div>", "[http://x.org", "[//y", " t]", "http://z.org/a",
    "&ndash;", "<", ">", '"', "\t", "'''''", "<sub>", "</sub>", "<sup></sup>",
]  # fmt: skip


def _both(span: str) -> tuple[str | None, str]:
    """The linear reading (``None`` if refused) and the parse, both cleaned up."""
    simple = inline._simple_text(span)
    parsed = inline._cleaned(inline._parsed_text(span))
    return (None if simple is None else inline._cleaned(simple)), parsed


READ = [
    ("plain link", "See [[Paris]].", "See Paris."),
    ("labelled link", "[[Paris, Texas|Paris]] is small", "Paris is small"),
    ("italic link", "''[[The Times]]'' wrote", "The Times wrote"),
    ("bold lead", "'''Xu Junping''' (born 1952)", "Xu Junping (born 1952)"),
    ("entity", "a&nbsp;b &amp; c", "a\xa0b & c"),
    ("unknown entity stays", "AT&T &foo; x", "AT&T &foo; x"),
    ("category link vanishes", "Text[[Category:People]]", "Text"),
    ("leading colon", "[[:Category:People]]", "Category:People"),
    ("marker text", "Said.\U000f0010[1]\U000f0011", "Said.\U000f0010[1]\U000f0011"),
    (
        "external link shows its title",
        "[http://x.org/?a=1&b=2 The&nbsp;page] here",
        "The\xa0page here",
    ),
    ("external link without title", "see [//x.org] there", "see there"),
    ("free URL stays", "at http://x.org/a, b", "at http://x.org/a, b"),
    ("inline tags vanish", 'x <small>a</small> y<sup class="r">2</sup>', "x a y2"),
    ("line break", "a<br>b", "a\nb"),
    ("leading blank", " '''25''' votes", "25 votes"),
    ("apostrophe in a title", "[[Napier's bones]] and [[Collier's|C]]", "Napier's bones and C"),
    ("entity in a title", "[[AT&amp;T]] and [[A & B|AB]]", "AT&T and AB"),
    ("italics in an external link's title", "[http://x.org The ''Times''] says", "The Times says"),
    ("bold italics", "x '''''a''''' y '''''[[b|c]]'''''", "x a y c"),
    ("quotes beside a tag", "''K''<sub>a</sub> and p''K''<sub>a</sub>", "Ka and pKa"),
]


@pytest.mark.parametrize(("span", "expected"), [pytest.param(s, e, id=i) for i, s, e in READ])
def test_simple_markup_is_read_without_a_parse(span: str, expected: str) -> None:
    """Simple spans are read linearly, and read as the parse reads them."""
    simple, parsed = _both(span)

    assert (expected, expected) == (simple, parsed)


REFUSED = [
    ("link that reads as an external link", "[[http://x.org]]"),
    ("markup in an external link's title", "[http://x.org a [[b]]] text"),
    ("unclosed external link", "[http://x.org label"),
    ("block tag", "a <div>b</div>"),
    ("markup in a tag's attributes", "a <span title='x'>b</span>"),
    ("quotes around a tag", "'<small>'a"),
    ("apostrophes on both sides of tags", "b'<sup></sup>'a"),
    ("numeric entity", "a &#91; b"),
    ("four quotes", "''''a''''"),
    ("six quotes", "''''''a''''''"),
    ("an apostrophe beside a label's quotes", "'[[a|''b'']]'"),
    ("an apostrophe beside a title's quotes", "'[http://x.org ''a'']'"),
    ("crossed quotes", "'''a''b'''c''"),
    ("quotes meeting at a link", "'[[a|''b'' c]]"),
    ("nested link", "[[File:a.jpg|thumb|[[b]]]]"),
    ("list at line start", "* item"),
    ("heading", "== H =="),
]


@pytest.mark.parametrize("span", [pytest.param(s, id=i) for i, s in REFUSED])
def test_other_markup_is_left_to_the_parse(span: str) -> None:
    """Markup the linear reading cannot match exactly goes to mwparserfromhell."""
    assert inline._simple_text(span) is None


@settings(max_examples=2000)
@given(st.lists(st.sampled_from(ATOMS), max_size=16).map("".join))
@example("'[[Epoch (astronomy)|''epoch'' year]]")
@example("|x y|'[http://x.org ''a'']'\ue000b&:")
@example("''[[s:A|''B'', 9th ed.]], [[s:A/V|Vol.&nbsp;II]]''")
def test_linear_reading_agrees_with_the_parse(span: str) -> None:
    """On any span it accepts, the linear reading gives exactly what the parse gives."""
    simple, parsed = _both(span)

    assert simple is None or simple == parsed


@pytest.mark.parametrize(
    "span", ["See [[Paris]].", "a<br/ >b", "[[A&amp;B]]", "''x'' {y}", "plain words"]
)
def test_span_text_is_plain_text_of_a_span_without_structure(span: str) -> None:
    """``span_text`` reads a structure-free span as ``plain_text`` does, without a scan."""
    assert inline.plain_text(inline.ANY_BREAK.sub("<br>", span)) == inline.span_text(span)


@settings(max_examples=2000)
@given(
    st.lists(
        st.sampled_from(["a", " ", "'", "''", "'''", "\t", "é", "=", "-", "*", "x y"]), max_size=16
    ).map("".join)
)
def test_words_and_quotes_read_as_the_parse_reads_them(span: str) -> None:
    """A span of words and nested quote runs is read without a parse, as the parse reads it."""
    if inline._quoted_words(span):
        assert inline._cleaned(span) == inline._cleaned(inline._parsed_text(span))
