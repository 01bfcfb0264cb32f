"""The structure MediaWiki gives hard inputs: sections, template calls, diagnostics.

Each row is a page and what MediaWiki's preprocessor makes of it (the rules and their
sources are in ``docs/mediawiki-rules.md``).  Several rows are inputs where other parsers
are known to go wrong (mwparserfromhell #40, #218, its depth limit).
"""

from __future__ import annotations

import pytest
from hypothesis import given

import wikibio
from wikibio import Section
from wikibio.analysis import _text_gaps
from wikibio.categories import find_categories, find_categories_in
from wikibio.strategies import wikitext
from wikibio.templates import Template


def _outline(sections: tuple[Section, ...] | list[Section]) -> list[object]:
    """Section titles as a nested list: ``["A", ["B"]]`` is A holding B."""
    out: list[object] = []
    for section in sections:
        out.append(section.title)
        if section.subsections:
            out.append(_outline(list(section.subsections)))
    return out


SECTIONS = [
    ("plain", "Lead\n== A ==\nx\n=== A1 ===\ny\n== B ==\n", ["A", ["A1"], "B"]),
    (
        "unclosed italics keep every section (mwparserfromhell #40)",
        "''unclosed\n== A ==\ntext\n== B ==\nmore\n== C ==\n",
        ["A", "B", "C"],
    ),
    (
        "heading inside div (mwparserfromhell #218)",
        "<div>\n== A ==\nx\n</div>\n== B ==\n",
        ["A", "B"],
    ),
    ("heading inside a template is no section", "{{a|\n== b ==\n}}\n== d ==", ["d"]),
    ("heading inside a comment", "<!--\n== x ==\n-->\n== y ==", ["y"]),
    ("heading inside nowiki", "<nowiki>\n== x ==\n</nowiki>\n== y ==", ["y"]),
    ("heading inside pre", "<pre>\n== x ==\n</pre>\n== y ==", ["y"]),
    ("heading after an unclosed ref", "a<ref>b\n== x ==\n", ["x"]),
    ("heading inside includeonly", "<includeonly>\n== x ==\n</includeonly>\n== y ==", ["y"]),
    ("unclosed includeonly hides the rest", "x<includeonly>y\n== h ==", []),
    ("upper-case INCLUDEONLY unclosed is text", "<INCLUDEONLY>y\n== h ==", ["h"]),
    ("trailing comment and blanks allowed", "== T == <!-- n -->  \nText", ["T"]),
    ("trailing text is not", "== T == x <!-- n -->\nText", []),
    ("heading inside [[ ]] is a section", "[[a|b\n== c ==\n]]", ["c"]),
    ("comment line eaten before a heading", "a\n <!-- c -->\n== h ==", ["h"]),
    ("deeper heading first is top-level", "=== a ===\n== b ==\n=== c ===", ["a", "b", ["c"]]),
    ("level arithmetic", "=======a=======\n==b===\n===\n=\n", ["=a=", "b=", "="]),
    ("level capped at six", "======= x =======\n", ["= x ="]),
    ("markup in titles is plain", "== ''Life'' and [[work|works]] ==\n", ["Life and works"]),
    ("CRLF line ends", "Intro\r\n== A ==\r\nText\r\n=== B ===\r\n", ["A", ["B"]]),
    (
        "unclosed {{ on a heading line: no section there, a later one surfaces",
        "===4 foo{{bar 4===\n== ok ==\n",
        ["ok"],
    ),
]


@pytest.mark.parametrize(("text", "outline"), [pytest.param(t, o, id=i) for i, t, o in SECTIONS])
def test_sections(text: str, outline: list[object]) -> None:
    """Sections start at the headings MediaWiki's preprocessor finds at the top level."""
    article = wikibio.parse(text)

    assert outline == _outline(list(article.sections))
    assert text == str(article.lead) + "".join(str(s) for s in article.sections)


def test_section_numbers_count_headings_inside_templates() -> None:
    """MediaWiki numbers every heading, so a heading in a template uses up a number."""
    article = wikibio.parse("{{a|\n== b ==\n}}\n== d ==\nx")

    assert 2 == article.section("d").index
    assert article.get_section(2) == "== d ==\nx"
    assert article.get_section(1) == ""


TEMPLATES = [
    ("simple", "{{a}} {{B|x}}", ["A", "B"]),
    ("nested in arguments, page order", "{{a|{{b|{{c}}}}}}{{d}}", ["A", "B", "C", "D"]),
    ("inside refs", "x<ref>{{cite web|title=T}}</ref>", ["Cite web"]),
    (
        "inside list-defined refs",
        "<references>\n<ref name=a>{{cite book}}</ref>\n</references>",
        ["Cite book"],
    ),
    ("not inside nowiki or comments", "<nowiki>{{a}}</nowiki><!-- {{b}} -->{{c}}", ["C"]),
    ("not inside pre or math", "<pre>{{a}}</pre><math>{{b}}</math>", []),
    ("not inside includeonly", "<includeonly>{{a}}</includeonly>{{b}}", ["B"]),
    (
        "parser functions and magic words are not calls",
        "{{#if:x|{{a}}}}{{DEFAULTSORT:X}}{{PAGENAME}}{{lc:ABC}}{{!}}{{Template:Foo_bar}}{{subst:b}}",
        ["A", "Foo bar", "B"],
    ),
    ("unclosed braces are text", "{{a|b", []),
    ("one missing brace moves the structure", "{{a|b={{c|d}\n|e=f}}", ["C"]),
    ("braces swallowed by a line starting with =", "{{a|b=c\n=d}}", []),
    ("link left open swallows the closing braces", "{{Foo|bar=[[baz]}}", []),
    ("language converter shields pipes", "{{a|-{b|c}-}}", ["A"]),
    ("unclosed language converter breaks the call", "{{1x|foo-{bar}bat}}", []),
    (
        "comment in the name",
        "{{Infobox person <!-- see talk -->\n| name = X\n}}",
        ["Infobox person"],
    ),
]


@pytest.mark.parametrize(("text", "names"), [pytest.param(t, n, id=i) for i, t, n in TEMPLATES])
def test_template_calls(text: str, names: list[str]) -> None:
    """Template calls are found where MediaWiki's preprocessor finds them, nowhere else."""
    article = wikibio.parse(text)

    assert names == [template.name for template in article.templates]
    for template in article.templates:
        assert str(template).startswith("{{") and str(template).endswith("}}")


@pytest.mark.parametrize(("text", "names"), [pytest.param(t, n, id=i) for i, t, n in TEMPLATES])
def test_the_walk_builds_template_views_as_attrs_would(text: str, names: list[str]) -> None:
    """The walk fills each call's view without attrs' ``__init__`` (a speed-up): every
    field equals, in the same order, the view attrs makes of the same values."""
    for template in wikibio.parse(text).templates:
        fields = {k: v for k, v in vars(template).items() if k != "name"}
        built = Template(**{k.removeprefix("_"): v for k, v in fields.items()})

        assert list(vars(built).items()) == list(fields.items())
        assert built == template


ARGUMENTS = [
    ("named and positional", "{{a|x|k = v |y}}", {"1": "x", "k": "v", "2": "y"}),
    ("positional keeps spaces", "{{a| x |2= y }}", {"1": " x ", "2": "y"}),
    ("later duplicate wins", "{{a|k=1|k=2}}", {"k": "2"}),
    ("first = splits", "{{a|b=c=d}}", {"b": "c=d"}),
    ("ref content does not split", "{{efn|a<ref>b|c</ref>}}", {"1": "a<ref>b|c</ref>"}),
    ("links shield | and =", "{{a|[[b|c]]|x=[[d=e]]}}", {"1": "[[b|c]]", "x": "[[d=e]]"}),
    ("comment in a name", "{{a| 2 <!-- c --> = bar | baz }}", {"2": "bar", "1": " baz "}),
    ("DWIM = at a line start", "{{a|b\n=c}}", {"b": "c"}),
]


@pytest.mark.parametrize(("text", "params"), [pytest.param(t, p, id=i) for i, t, p in ARGUMENTS])
def test_template_parameters(text: str, params: dict[str, str]) -> None:
    """Parameters are split and named as MediaWiki passes them to the template."""
    (template,) = wikibio.parse(text).templates

    assert params == dict(template.params)


DIAGNOSTICS = [
    ("unclosed template", "ok\n  {{a|b", [("unclosed-template", 2, 3)]),
    ("unclosed comment", "a\nb <!-- c", [("unclosed-comment", 2, 3)]),
    ("unclosed extension tag", "x <ref>y", [("unclosed-extension-tag", 1, 3)]),
    ("unclosed includeonly", "<includeonly>y", [("unclosed-includeonly", 1, 1)]),
    ("unclosed language converter", "-{x", [("unclosed-language-converter", 1, 1)]),
    ("inside a ref body", "<ref>{{a</ref>", [("unclosed-template", 1, 6)]),
    ("columns count code points", "é😀 {{", [("unclosed-template", 1, 4)]),
    ("CRLF lines", "a\r\nb\r\n{{", [("unclosed-template", 3, 1)]),
    ("well-formed page", "== a ==\n{{b}}<ref>c</ref>", []),
    ("duplicate parameter", "{{b|x=1|y=2|x=3}}", [("duplicate-args-warning", 1, 13)]),
    ("unclosed link is information", "[[a|b", [("unclosed-link", 1, 1)]),
]


@pytest.mark.parametrize(
    ("text", "expected"), [pytest.param(t, e, id=i) for i, t, e in DIAGNOSTICS]
)
def test_diagnostics(text: str, expected: list[tuple[str, int, int]]) -> None:
    """Malformed markup is reported with its code, 1-based line and column."""
    found = [(d.code, d.line, d.column) for d in wikibio.parse(text).diagnostics]

    assert expected == found


def test_deep_nesting_parses_and_is_reported() -> None:
    """3,000 nested templates: all found, no RecursionError, MediaWiki's depth limit reported."""
    text = "{{a|" * 3000 + "}}" * 3000
    article = wikibio.parse(text)

    assert 3000 == len(article.templates)
    assert [d.code for d in article.diagnostics] == ["expansion-depth-exceeded"]
    assert text == str(article)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("[[Category:A]] {{t|[[Category:B]]}} [[Category:C]]", ["A", "C"], id="call"),
        pytest.param("<!-- [[Category:X]] -->[[Category:Y]]", ["Y"], id="comment"),
        pytest.param("== [[Category:H]] ==\ntext", ["H"], id="heading-line"),
    ],
)
def test_categories_are_read_in_the_pages_own_text(text: str, expected: list[str]) -> None:
    """Links in the page's own text (root level and heading lines) categorise it; a link
    in a comment does not, nor one in a call's argument (what the call shows is unknown
    without the template)."""
    assert expected == list(wikibio.parse(text).categories)


@given(wikitext())
def test_one_search_finds_the_category_links_of_every_gap(text: str) -> None:
    """``find_categories_in`` searches the page once for the gaps between its nodes: it
    finds what a search of each gap on its own finds."""
    page = wikibio.parse(text)._page
    gaps: list[tuple[int, int]] = []
    _text_gaps(page.tree.children, page.tree.start, page.tree.end, gaps)
    one_by_one = [link for start, end in gaps for link in find_categories(page.text, start, end)]

    assert one_by_one == find_categories_in(page.text, gaps)


def test_categories() -> None:
    """Category links are read with their sort keys; links with a leading colon are not."""
    text = "x\n[[Category:Living people]]\n[[category: Chinese_defectors |Xu]]\n[[:Category:Not]]"
    article = wikibio.parse(text)

    assert list(article.categories) == ["Living people", "Chinese defectors"]
    assert [link.sort_key for link in article.category_links] == [None, "Xu"]
