"""``parse(…, templates=…)``: the views readers see come from the expanded page.

With a template source the reading view (``to_text``, ``to_markdown``), the references
and their lists, ``infobox.rows()`` and ``template_categories`` read the page after
MediaWiki's expansion; ``str(article)``, the structure views (``sections``, ``templates``,
``categories``) and every edit stay on the page's own wikitext.  Without templates
nothing changes.
"""

from __future__ import annotations

from collections.abc import Mapping

import pytest
from hypothesis import given
from hypothesis import strategies as st

import wikibio
from wikibio import strategies
from wikibio.expand import TemplateSource

#: A small wiki: an infobox template that makes its table in wikitext and in HTML rows,
#: reference templates, a heading template, a category template, a reference list.
WIKI: dict[str, str] = {
    "Template:Infobox person": (
        '{| class="infobox vcard"\n|+ {{{name|{{PAGENAME}}}}}\n'
        "|-\n! Born\n| {{{birth_date}}}\n"
        "{{#if:{{{spouse|}}}|{{!}}-\n! Spouse\n{{!}} {{{spouse}}}}}\n"
        "|-\n! colspan=2 | Career\n"
        "|-\n<tr><th>Rank</th><td>{{{rank}}}</td></tr>\n"
        "|-\n| colspan=2 | {{{caption|}}}\n"
        "|}[[Category:People]]"
    ),
    "Template:Infobox html": (
        '<table class="infobox"><tr><th colspan="2">{{{name}}}</th></tr>'
        "<tr><th>Born</th><td>{{{born}}}</td></tr></table>"
    ),
    "Template:Infobox lua": "{{#invoke:Infobox|infobox}}",
    "Template:Infobox place": (
        '{| class="infobox"\n|-\n! colspan=2 | {{{name}}}\n'
        "|-\n| colspan=2 | [[File:{{{map}}}|200px]] {{{map_caption}}}\n"
        "|-\n| '''Area''' || {{{area}}} km²\n|}"
    ),
    "Template:Reflist": '<div class="reflist"><references /></div>',
    "Template:Efn": "{{#tag:ref|{{{1}}}|group=lower-alpha}}",
    "Template:Notelist": '<references group="lower-alpha" />',
    "Template:Src": "{{#tag:ref|Book by {{{1}}}.}}",
    "Template:Src tag": "<ref>Book by {{{1}}} in {{Hello|print}}.</ref>",
    "Template:Heading": "== {{{1}}} ==",
    "Template:Stub": "''This is a stub.''[[Category:Stubs]]",
    "Template:Hello": "Hello, {{{1|world}}}!",
    "Template:((": "{{",
    "Template:))": "}}",
}


def parsed(text: str, **more: object) -> wikibio.Article:
    return wikibio.parse(text, title="Ann Lee", templates=WIKI, **more)  # type: ignore[arg-type]


# --- the reading view ------------------------------------------------------------------

READING = [
    ("a template's text", "{{Hello}} {{hello|you}}", "Hello, world! Hello, you!"),
    ("parser functions and magic words", "{{#if:x|yes|no}} {{PAGENAME}}", "yes Ann Lee"),
    ("a missing template is a red link's text", "A {{No such}} B", "A Template:No such B"),
    ("a heading a template makes", "Intro.\n{{Heading|Life}}\nText.", "Intro.\n\nLife\n\nText."),
    (
        "ref bodies expanded as Cite does",
        "A.<ref>{{Hello|note}}</ref>",
        "A.[1]\n\n  1. ^ Hello, note!",
    ),
    (
        "a ref a template makes with #tag:ref, its body from the template's arguments",
        "A.{{Src|Smith}}\n{{Reflist}}",
        "A.[1]\n\n  1. ^ Book by Smith.",
    ),
    (
        "a #tag:ref body is expanded as an argument, then again with the list as Cite does",
        "A.{{#tag:ref|{{((}}Hello{{))}}}}",
        "A.[1]\n\n  1. ^ Hello, world!",
    ),
    (
        "refs numbered in expansion order",
        "A.{{Src|X}} B.<ref>Own.</ref> C.{{Src|Y}}",
        "A.[1] B.[2] C.[3]\n\n  1. ^ Book by X.\n  2. ^ Own.\n  3. ^ Book by Y.",
    ),
    (
        "a #tag:ref group and its list",
        "A.{{Efn|Note a.}} B.{{Efn|Note b.}}\n{{Notelist}}",
        "A.[a] B.[b]\n\n  a. ^ Note a.\n  b. ^ Note b.",
    ),
    (
        "the infobox is the table the template makes",
        "{{Infobox person|birth_date=1 May 1900|rank=[[Colonel]]}}\nText.",
        "Ann Lee\nBorn1 May 1900\nCareer\nRankColonel\n\nText.",
    ),
    (
        "an HTML infobox table",
        "{{Infobox html|name=Ann|born=1900}}\nText.",
        "Ann\nBorn1900\n\nText.",
    ),
    ("Lua shows MediaWiki's script error", "{{Infobox lua}}", "Script error"),
    ("a category a template adds shows nothing", "{{Stub}}", "This is a stub."),
]


@pytest.mark.parametrize(
    ("text", "expected"), [c[1:] for c in READING], ids=[c[0] for c in READING]
)
def test_the_reading_view_reads_the_expanded_page(text: str, expected: str) -> None:
    shown = parsed(text).to_text()
    if expected == "Script error":
        assert "Script error" in shown
    else:
        assert expected == shown


def test_markdown_reads_the_expanded_page_too() -> None:
    article = parsed("{{Heading|Life}}\n{{Hello|you}}{{Src|Smith}}")

    assert "## Life\n\nHello, you![^1]\n\n[^1]: Book by Smith." == article.to_markdown()


def test_the_page_header_and_edit_links_work_on_the_expanded_view() -> None:
    shown = parsed("{{Heading|Life}}\nText.").to_text(page_header=True, edit_links=True)

    assert "Ann Lee\n\nFrom Wikipedia, the free encyclopedia\nLife[edit]\n\nText." == shown


# --- references, infobox rows, categories -----------------------------------------------


def test_a_ref_body_a_template_writes_is_read_in_the_page_s_frame() -> None:
    """Cite keeps a ``<ref>``'s body as written and parses it with the list, in the page's
    frame (``recursiveTagParse`` without a frame): a template's ``{{{1}}}`` there is not
    its argument (templates use ``{{#tag:ref|…}}`` for that), other templates expand."""
    article = parsed("A.{{Src tag|Smith}}")

    assert ["Book by {{{1}}} in Hello, print!."] == [r.wikitext for r in article.references]


def test_references_include_the_ones_templates_make_in_expansion_order() -> None:
    article = parsed("A.{{Src|X}} B.<ref name=o>Own.</ref> C.<ref name=o/>\n{{Reflist}}")

    assert [(1, "Book by X.", []), (2, "Own.", ["a", "b"])] == [
        (r.number, r.text, list(r.backlinks)) for r in article.references
    ]
    assert [""] == [ref_list.group for ref_list in article.reference_lists]


INFOBOX_ROWS = [
    (
        "label and data cells, a header row, HTML rows",
        "{{Infobox person|birth_date=1900|rank=Colonel}}",
        [("Born", "1900"), ("Career", ""), ("Rank", "Colonel")],
    ),
    (
        "a row the template leaves out",
        "{{Infobox person|birth_date=1900|spouse=Bob|rank=Colonel}}",
        [("Born", "1900"), ("Spouse", "Bob"), ("Career", ""), ("Rank", "Colonel")],
    ),
    (
        "a data cell without a label",
        "{{Infobox person|birth_date=1900|rank=Colonel|caption=In 1950}}",
        [("Born", "1900"), ("Career", ""), ("Rank", "Colonel"), ("", "In 1950")],
    ),
    (
        "a first row of one header cell is the title; two data cells are label and value",
        "{{Infobox place|name=Bolvi|map=Map.png|map_caption=The town|area=5}}",
        [("", "The town"), ("Area", "5 km²")],
    ),
]


@pytest.mark.parametrize(
    ("text", "rows"), [c[1:] for c in INFOBOX_ROWS], ids=[c[0] for c in INFOBOX_ROWS]
)
def test_infobox_rows_come_from_the_table_the_template_makes(
    text: str, rows: list[tuple[str, str]]
) -> None:
    infobox = parsed(text).infobox

    assert infobox is not None
    assert rows == list(infobox.rows())


def test_infobox_rows_fall_back_to_the_label_maps_when_no_table_is_made() -> None:
    """A Lua infobox cannot expand before the Lua runtime exists (issue 13)."""
    text = "{{Infobox person|birth_date=1900|nonsense=x}}"
    lua = {"Template:Infobox person": "{{#invoke:Infobox|infobox}}"}
    article = wikibio.parse(text, title="X", templates=lua)
    plain = wikibio.parse(text, title="X")

    assert article.infobox is not None and plain.infobox is not None
    assert plain.infobox.rows() == article.infobox.rows()


def test_categories_templates_add_are_listed_apart_from_explicit_ones() -> None:
    article = parsed(
        "{{Stub}}{{Infobox person|birth_date=1}}[[Category:Explicit]][[Category:Stubs]]"
    )

    assert ["Explicit", "Stubs"] == list(article.categories)
    assert ["People"] == list(article.template_categories)
    assert [] == list(wikibio.parse(str(article)).template_categories)


# --- the source stays the page ----------------------------------------------------------


def test_structure_views_and_str_stay_on_the_source() -> None:
    text = "{{Heading|Made}}\n== Own ==\n{{Src|X}}"
    article = parsed(text)

    assert text == str(article)
    assert ["Own"] == [s.title for s in article.sections]
    assert ["Heading", "Src"] == [t.name for t in article.templates]


def test_the_expansion_is_computed_once_and_again_after_an_edit() -> None:
    article = parsed("{{Infobox person|birth_date=1900|rank=Major}}\nA.<ref>R</ref>")
    first = article.expansion

    assert first is not None and first is article.expansion
    article.to_text()
    assert article.references
    assert first is article.expansion

    infobox = article.infobox
    assert infobox is not None
    infobox["rank"] = "Colonel"
    assert "rank=Colonel" in str(article)
    assert first is not article.expansion
    assert ("Rank", "Colonel") in article.infobox.rows()  # type: ignore[union-attr]


def test_reference_edits_change_the_source_only() -> None:
    text = "A.{{Src|X}} B.<ref>Own.</ref>"
    article = parsed(text)
    article.add_reference("New.", after="B.")

    assert "A.{{Src|X}} B.<ref>New.</ref><ref>Own.</ref>" == str(article)
    assert ["Book by X.", "New.", "Own."] == [r.text for r in article.references]
    article.merge_duplicate_references()
    assert "A.{{Src|X}} B.<ref>New.</ref><ref>Own.</ref>" == str(article)


def test_expansion_problems_are_diagnostics_of_the_expansion() -> None:
    article = parsed("{{No such}} {{#expr: 1 +}}")
    expansion = article.expansion

    assert expansion is not None
    assert {"missing-template", "expression-error"} <= {d.code for d in expansion.diagnostics}
    assert [] == [d for d in article.diagnostics if d.code == "missing-template"]


def test_without_templates_there_is_no_expansion() -> None:
    article = wikibio.parse("{{Stub}} A.<ref>R</ref>")

    assert article.expansion is None
    assert [] == list(article.template_categories)


@pytest.mark.parametrize("templates", [42, "Template:X", ["a"]])
def test_a_source_that_is_not_one_is_a_type_error(templates: object) -> None:
    with pytest.raises(TypeError, match="templates must be"):
        wikibio.parse("x", templates=templates)  # type: ignore[arg-type]


class CountingSource:
    """A template source that counts what it is asked."""

    def __init__(self, pages: Mapping[str, str]) -> None:
        self.pages = pages
        self.asked: list[str] = []

    def get(self, title: str) -> str | None:
        self.asked.append(title)
        return self.pages.get(title)


def test_a_template_source_object_is_asked_only_when_a_view_needs_it() -> None:
    source = CountingSource(WIKI)
    assert isinstance(source, TemplateSource)
    article = wikibio.parse("{{Hello|x}} {{Hello|y}}", templates=source)

    assert [] == source.asked
    assert [] == list(article.sections)
    assert [] == source.asked
    assert "Hello, x! Hello, y!" == article.to_text()
    assert ["Template:Hello"] == source.asked
    article.to_text()
    assert [] == list(article.references)
    assert ["Template:Hello"] == source.asked


# --- properties -------------------------------------------------------------------------

#: Pieces of pages without a template call, parser function or magic word: with an empty
#: template source there is nothing to expand, so every view must read as without one.
_PIECES = st.sampled_from(
    [
        "Word",
        " ",
        "''i''",
        "'''b'''",
        "[[Link]]",
        "[[Link|label]]s",
        "\n== Head ==\n",
        "\n=== Sub ===\n",
        "\n* item",
        "\n# one",
        "\n\n",
        "<ref>note</ref>",
        '<ref name="n">named</ref>',
        '<ref name="n"/>',
        '<ref group="g">g</ref>',
        "<!-- comment -->",
        "[[Category:C]]",
        "\n<references />\n",
        '\n{| class="wikitable"\n! h\n|-\n| a || b\n|}\n',
        "<nowiki>[[x]]</nowiki>",
        "&amp;",
        "[http://x.org label]",
        "<includeonly>hidden</includeonly>",
        "<noinclude>shown</noinclude>",
        "<onlyinclude>x</onlyinclude>",
    ]
)
_PAGES = st.lists(_PIECES, max_size=12).map("".join)


@given(_PAGES)
def test_an_empty_source_changes_nothing_on_a_page_without_templates(text: str) -> None:
    plain = wikibio.parse(text, title="P")
    article = wikibio.parse(text, title="P", templates={})

    assert plain.to_text() == article.to_text()
    assert [(r.group, r.number, r.text) for r in plain.references] == [
        (r.group, r.number, r.text) for r in article.references
    ]
    assert plain.categories == article.categories
    assert [] == list(article.template_categories)


@given(st.text(max_size=300), st.sampled_from([{}, WIKI]))
def test_any_text_parses_and_reads_with_templates(text: str, templates: dict[str, str]) -> None:
    article = wikibio.parse(text, templates=templates)

    assert text == str(article)
    assert isinstance(article.to_text(), str)
    assert all(isinstance(r.text, str) for r in article.references)


#: MediaWiki's Cite numbers a ref when its tag is expanded (``PPFrame::expand`` calls the
#: tag hook through ``Parser::extensionSubstitution``), so a template that expands an
#: argument before it shows it numbers that argument's refs first, and a ref in an argument
#: that is expanded but never shown is still in the list.
EXPANSION_ORDER = {
    "Template:Pair": "{{#if:{{{b|}}}|}}{{{a}}} {{{b}}}",
    "Template:Test": "{{#if:{{{1|}}}|yes}}",
    "Template:Branch": "{{#if:{{{1|}}}|{{{yes}}}|{{{no}}}}}",
    "Template:Cited": "t<ref>tt</ref>",
    "Template:Twice": "{{{1}}}/{{{1}}}",
    "Template:Note": "{{#tag:ref|{{{1}}}|group=note}}",
    "Template:Define": '<ref name="x">defined</ref>',
    "Template:Reuse": '<ref name="x"/>',
    "Template:Reflist": "<references/>",
    "Template:Reflist refs": "{{#tag:references|{{{refs|}}}}}",
}

#: (page, what it reads as): Cite numbers a ref when its tag is expanded, in the order
#: MediaWiki's preprocessor expands frames, not in the order the tags stand in the page.
ORDER_CASES = [
    pytest.param(
        "{{Pair|a=A<ref>a</ref>|b=B<ref>b</ref>}}",
        "A[2] B[1]\n\n  1. ^ b\n  2. ^ a",
        id="an argument the template expands first (in an #if test) is numbered first",
    ),
    pytest.param(
        "{{Branch|x|yes=Y<ref>y</ref>|no=N<ref>n</ref>}}",
        "Y[1]\n\n  1. ^ y",
        id="a ref in the #if branch not taken is never expanded, never registered",
    ),
    pytest.param(
        "{{Test|x<ref>hidden</ref>}} after<ref>shown</ref>",
        "yes after[2]\n\n  1. ^ hidden\n  2. ^ shown",
        id="a ref expanded in an #if test but not shown is still numbered and listed",
    ),
    pytest.param(
        "{{Cited}} {{Cited}}",
        "t[1] t[2]\n\n  1. ^ tt\n  2. ^ tt",
        id="a template used twice expands its ref twice (Cite's frames are volatile)",
    ),
    pytest.param(
        "{{Twice|y<ref>y</ref>}} z<ref>z</ref>",
        "y[1]/y[1] z[2]\n\n  1. ^ y\n  2. ^ z",
        id="an argument used twice is expanded once: one note shown twice",
    ),
    pytest.param(
        "{{Pair|a=A{{#tag:ref|a}}|b=B{{#tag:ref|b}}}}",
        "A[2] B[1]\n\n  1. ^ b\n  2. ^ a",
        id="#tag:ref in arguments is numbered in expansion order too",
    ),
    pytest.param(
        "{{Pair|a=A{{Note|a}}|b=B{{Note|b}}}}<references group=note/>",
        "A[note 2] B[note 1]\n\n  note 1. ^ b\n  note 2. ^ a",
        id="groups count in expansion order",
    ),
    pytest.param(
        "{{Pair|a=A{{Reuse}}|b=B{{Define}}}}",
        "A[1] B[1]\n\n  1. ^ a b defined",
        id="a name defined in one template and reused from another, in expansion order",
    ),
    pytest.param(
        "{{Pair|a={{Reflist}}|b=B<ref>b</ref>}} c<ref>c</ref>",
        "  1. ^ b\n\nB[1] c[1]\n\n  1. ^ c",
        id="a template's references list expanded after a later ref lists it",
    ),
    pytest.param(
        "a<ref>1</ref> {{Reflist}} b<ref>2</ref>",
        "a[1]\n\n  1. ^ 1\n\nb[1]\n\n  1. ^ 2",
        id="a references list made by a template in the middle of the page",
    ),
    pytest.param(
        'x<ref name="a"/>{{Reflist refs|refs=<ref name="a">A</ref>}}',
        "x[1]\n\n  1. ^ A",
        id="list-defined refs passed to #tag:references",
    ),
]


#: Templates that make notes inside notes.
NESTED = {
    "Template:Efn": "{{#tag:ref|{{{1}}}|group=lower-alpha}}",
    "Template:Notelist": "{{#tag:references||group=lower-alpha}}",
    "Template:Refinref": "<ref>{{{1}}}</ref>",
    "Template:CircularRef": "<ref>Hi {{CircularRef}}</ref>",
}

#: (page, what it reads as, with and without the templates alike where the page's own
#: text already nests the notes): a ref made in a ``#tag:ref`` argument is a note inside
#: that one, numbered first (its tag is expanded first); a ref a template puts inside a
#: ``<ref>`` tag's body shows nothing in it (Cite meets it only when the list parses the
#: body) and is listed after it.
NESTED_CASES = [
    pytest.param(
        "A{{#tag:ref|a<ref>b</ref>c}}\n<references/>",
        "A[2]\n\n  1. ^ b\n  2. ^ a[1]c",
        id="a ref in a #tag:ref argument is a marker in that note",
    ),
    pytest.param(
        "A{{efn|p<ref>q</ref> [[a|b]] x}}\n<references/>\n{{notelist}}",
        "A[a]\n\n  1. ^ q\n\n  a. ^ p[1] b x",
        id="a ref in an {{efn}} note, a piped link beside it",
    ),
    pytest.param(
        "A{{efn|p{{efn|q}}r}}{{notelist}}",
        "A[b]\n\n  a. ^ q\n  b. ^ p[a]r",
        id="an {{efn}} inside an {{efn}}",
    ),
    pytest.param(
        "test <ref>hi {{Refinref|ho}}</ref>\n<references />",
        "test [1]\n\n  1. ^ hi\n  2. ^ {{{1}}}",
        id="a ref a template writes inside a <ref> body shows nothing there",
    ),
    pytest.param(
        "<ref>Hi {{CircularRef}}</ref>\n<references />",
        "[1]\n\n  1. ^ Hi\n  2. ^ Hi",
        id="a template that puts itself in its own ref nests once, not without end",
    ),
]


@pytest.mark.parametrize(("text", "expected"), NESTED_CASES)
def test_notes_made_inside_notes_read_as_cite_nests_them(text: str, expected: str) -> None:
    article = wikibio.parse(text, templates=NESTED)

    assert expected == article.to_text()
    assert "</ref>" not in article.to_markdown()


@pytest.mark.parametrize(("text", "expected"), ORDER_CASES)
def test_refs_are_numbered_in_the_order_their_tags_are_expanded(text: str, expected: str) -> None:
    article = wikibio.parse(text, templates=EXPANSION_ORDER)

    assert expected == article.to_text()


def test_a_ref_expanded_but_not_shown_is_listed_with_a_use_nowhere_in_the_text() -> None:
    """Cite registered it when the ``#if`` test expanded it; its output was dropped, so its
    backlink points nowhere readers see."""
    article = wikibio.parse("{{Test|x<ref>hidden</ref>}}", templates=EXPANSION_ORDER)

    [note] = article.references
    [use] = note.uses
    assert ("hidden", 1) == (note.text, note.number)
    assert (False, None, "") == (use.shown, use.section, str(use))


def test_a_ref_shown_twice_from_one_expansion_is_one_use() -> None:
    article = wikibio.parse("{{Twice|y<ref>y</ref>}}", templates=EXPANSION_ORDER)

    [note] = article.references
    assert [None] == [use.backlink for use in note.uses]
    assert "y[^1]/y[^1]\n\n[^1]: y" == article.to_markdown()


def test_the_expansion_lists_its_ref_tags_in_hook_order() -> None:
    article = wikibio.parse("{{Pair|a=A<ref>a</ref>|b=B<ref>b</ref>}}", templates=EXPANSION_ORDER)
    expansion = article.expansion
    assert expansion is not None

    assert [("ref", "b", ("<ref>b</ref>",)), ("ref", "a", ("<ref>a</ref>",))] == [
        (tag.name, tag.body, tuple(expansion.text[s:e] for s, e in tag.spans))
        for tag in expansion.tags
    ]


def test_ref_order_survives_an_html_infobox_rewritten_before_it() -> None:
    """The reading view rewrites HTML infobox tables as wikitables; refs after (and
    inside) one keep their expansion order."""
    templates = {
        **EXPANSION_ORDER,
        "Template:Box": '<table class="infobox"><tr><th>Born</th><td>{{{born}}}</td></tr></table>',
    }
    text = "{{Pair|a=A<ref>a</ref>|b=B<ref>b</ref>}}{{Box|born=1900<ref>c</ref>}}"
    article = wikibio.parse(text, templates=templates)

    assert ["b", "a", "c"] == [r.text for r in article.references]
    assert "A[2] B[1]" in article.to_text()


_ORDER_TEMPLATES = {
    **EXPANSION_ORDER,
    "Template:Box": '<table class="infobox"><tr><th>A</th><td>{{{1|}}}</td></tr></table>',
}
_ORDER_PIECES = st.sampled_from(
    [
        "{{Pair|a=A<ref>a</ref>|b=B<ref name=n>b</ref>}}",
        "{{Test|x<ref>hidden</ref>}}",
        "{{Branch|{{{x|}}}|yes=<ref group=g>y</ref>|no=<ref>n</ref>}}",
        "{{Cited}}",
        "{{Twice|<ref name=n/>}}",
        "{{Note|n}}",
        "{{Reuse}}",
        "{{Define}}",
        "{{Reflist}}",
        "<references group=g/>",
        "{{Reflist refs|refs=<ref name=x>listed</ref>}}",
        "{{Box|1<ref>in box</ref>}}",
        "{{Box|{{Twice|<ref>boxed twice</ref>}}}}",
        "{{#tag:ref|tagged|name=t}}",
        "<ref name=t/>",
        " text ",
        "\n\n",
    ]
)


@given(st.lists(_ORDER_PIECES, max_size=10).map("".join))
def test_expansion_order_spans_point_at_their_tags_and_notes_count_from_one(text: str) -> None:
    """Whatever the pieces, each recorded tag's spans are that tag in the text the reading
    view parses, and every group's notes are numbered 1, 2, 3 … in each list."""
    article = wikibio.parse(text, templates=_ORDER_TEMPLATES)
    expansion = article.expansion
    assert expansion is not None
    for tag in expansion.tags:
        for start, end in tag.spans:
            assert expansion.text[start:end].lower().startswith("<" + tag.name)
    shown = expansion.article
    for tag in shown._expanded_tags or ():
        for start, end in tag.spans:
            assert str(shown)[start:end].lower().startswith("<" + tag.name)
    for ref_list in article.reference_lists:
        numbers = [r.number for r in ref_list.references if r.number is not None]
        assert list(range(1, len(numbers) + 1)) == numbers
    for reference in article.references:
        for use in reference.uses:
            assert not use.shown or str(use).lower().startswith("<ref")
    assert isinstance(article.to_text(), str)


#: The one template generated articles need to keep their notes: ``{{Reflist}}``, its
#: ``group`` passed on with ``#tag`` (a tag's attributes are not expanded, so
#: ``<references group="{{{group|}}}" />`` would name the group ``{{{group|}}}``).
REFLIST = {"Template:Reflist": "{{#tag:references||group={{{group|}}}}}"}


@given(strategies.articles())
def test_the_source_views_do_not_depend_on_templates(article: wikibio.Article) -> None:
    """Sections, calls, categories, infobox fields and diagnostics read the page's own
    wikitext; the notes (numbers, groups, names, backlinks) are the same as long as the
    page's lists are made by a template the source has: only their texts may differ,
    since a citation template the source lacks shows as a red link."""
    text = str(article)
    expanded = wikibio.parse(text, title=article.title, templates=REFLIST)

    assert text == str(expanded)
    assert [str(s) for s in article.all_sections()] == [str(s) for s in expanded.all_sections()]
    assert [str(t) for t in article.templates] == [str(t) for t in expanded.templates]
    assert article.categories == expanded.categories
    assert [] == list(expanded.template_categories)
    assert dict(article.infobox or {}) == dict(expanded.infobox or {})
    assert article.diagnostics == expanded.diagnostics
    assert [(r.group, r.number, r.name, list(r.backlinks)) for r in article.references] == [
        (r.group, r.number, r.name, list(r.backlinks)) for r in expanded.references
    ]


def test_a_template_bomb_stops_at_the_limit_and_the_page_still_reads() -> None:
    """Each level calls the next twice: 2^30 leaves, stopped by the post-expand size limit."""
    bomb = {f"Template:L{i}": f"{{{{L{i + 1}}}}}{{{{L{i + 1}}}}}" for i in range(30)}
    bomb["Template:L30"] = "x" * 1000
    article = wikibio.parse("Before.\n\n{{L0}}\n\nAfter.<ref>{{L0}}</ref>", templates=bomb)

    shown = article.to_text()
    expansion = article.expansion
    assert expansion is not None
    assert shown.startswith("Before.") and "After.[1]" in shown
    assert "post-expand-include-size" in {d.code for d in expansion.diagnostics}
    assert len(expansion.text) < 3_000_000
