"""The reading view as a tree: the blocks and inline runs a small page is made of."""

from __future__ import annotations

import attrs
import pytest
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st

import wikibio
from wikibio.render import reading_view, tree
from wikibio.render.blocks import (
    Block,
    Heading,
    Infobox,
    InfoboxRow,
    Inline,
    ItemList,
    LinkLabel,
    ListItem,
    Marker,
    Note,
    NoteList,
    Paragraph,
    Quote,
    Rendered,
    Table,
    Text,
)
from wikibio.render.plain import plain_blocks
from wikibio.render.tree import line_text
from wikibio.syntax.inline import LINE_MARKUP

PAGE = (
    "{{Infobox person\n| name = Ada\n| occupation = [[Mathematician]]<ref>O</ref>\n}}\n"
    "'''Ada''' ({{lang|fr|Adèle}}) wrote{{·}}notes.<ref>N</ref>\n\n"
    "== Work ==\n* one\n** two\n# first\n\n"
    '{| class="wikitable"\n|+ Cap\n! A !! B\n|-\n| 1 || 2\n|}\n'
    "<blockquote>Quoted [[words]].</blockquote>\n\n"
    "== Notes ==\n{{Reflist}}"
)


def test_blocks_of_a_small_page() -> None:
    """Each construct of the page becomes its block, in page order, holding what it shows."""
    expected: tuple[Block, ...] = (
        Infobox(
            "Ada",
            (
                InfoboxRow(
                    "Occupation", (LinkLabel("Mathematician", "Mathematician"), Marker("", "1"))
                ),
            ),
        ),
        Paragraph(
            (
                Text("Ada ("),
                Rendered("Adèle"),
                Text(") wrote"),
                Rendered(" · "),
                Text("notes."),
                Marker("", "2"),
            )
        ),
        Heading(2, "Work"),
        ItemList(
            (
                ListItem("*", 0, None, (Text("one"),)),
                ListItem("*", 1, None, (Text("two"),)),
                ListItem("#", 0, 1, (Text("first"),)),
            )
        ),
        Table((Text("Cap"),), (((Text("A"),), (Text("B"),)), ((Text("1"),), (Text("2"),)))),
        Quote((Paragraph((Text("Quoted "), LinkLabel("words", "words"), Text("."))),)),
        Heading(2, "Notes"),
        NoteList("", (Note("", "1", (), "O"), Note("", "2", (), "N"))),
    )

    assert expected == reading_view(wikibio.parse(PAGE, title="Ada")).blocks


LINKS = [
    ("plain link", "See [[Paris]].", (Text("See "), LinkLabel("Paris", "Paris"), Text("."))),
    (
        "labelled",
        "[[Paris, Texas|Paris]] is small",
        (LinkLabel("Paris", "Paris, Texas"), Text(" is small")),
    ),
    ("link trail", "two [[cat]]s", (Text("two "), LinkLabel("cats", "cat"))),
    ("leading colon", "[[:Category:X]]", (LinkLabel("Category:X", "Category:X"),)),
    ("no-break spaces fold", "[[Z|Z.\xa0G.]]", (LinkLabel("Z. G.", "Z"),)),
    ("italic around", "''[[The Times]]''", (LinkLabel("The Times", "The Times"),)),
    ("a label with markup is read as text", "[[a|''b'']]", (Text("b"),)),
    ("a category link shows nothing", "x [[Category:Y]]", (Text("x"),)),
]


@pytest.mark.parametrize(("text", "runs"), [c[1:] for c in LINKS], ids=[c[0] for c in LINKS])
def test_link_labels_are_runs(text: str, runs: tuple[Inline, ...]) -> None:
    """A wikilink of plain words is a ``LinkLabel`` run: what it shows and where it goes."""
    (paragraph,) = reading_view(wikibio.parse(text)).blocks
    assert isinstance(paragraph, Paragraph)

    assert runs == paragraph.inlines


FOLDING = [
    ("blanks fold across runs", "a {{·}} b", (Text("a "), Rendered("· "), Text("b"))),
    ("a call at the start is stripped", "{{·}}b", (Rendered("· "), Text("b"))),
    ("a marker keeps its place", "a<ref>x</ref> b", (Text("a"), Marker("", "1"), Text(" b"))),
    ("a group marker", "a{{efn|x}}\n\n{{notelist}}", (Text("a"), Marker("lower-alpha", "a"))),
    ("a call shows its text", "A {{lang|fr|ville}} d", (Text("A "), Rendered("ville"), Text(" d"))),
    (
        "a marker inside a call",
        "A {{nowrap|b<ref>x</ref> c}} d",
        (Text("A "), Rendered("b"), Marker("", "1"), Rendered(" c"), Text(" d")),
    ),
    (
        "a link inside a call",
        "A {{lang|fr|[[Paris]] ville}} d",
        (Text("A "), LinkLabel("Paris", "Paris"), Rendered(" ville"), Text(" d")),
    ),
]  # fmt: skip


@pytest.mark.parametrize(("text", "runs"), [pytest.param(t, r, id=i) for i, t, r in FOLDING])
def test_runs_hold_the_text_a_reader_sees(text: str, runs: tuple[object, ...]) -> None:
    """Runs are folded and stripped across their borders, as the joined text would be."""
    first = reading_view(wikibio.parse(text)).blocks[0]

    assert Paragraph(runs) == first  # type: ignore[arg-type]


def test_a_quote_opened_inside_a_paragraph_is_a_block() -> None:
    """``<blockquote>`` is block-level: MediaWiki closes the paragraph before it and opens a
    new one after it, even in the middle of a line (doBlockLevels)."""
    blocks = reading_view(wikibio.parse("Intro <blockquote>q</blockquote> end")).blocks

    assert (
        Paragraph((Text("Intro"),)),
        Quote((Paragraph((Text("q"),)),)),
        Paragraph((Text("end"),)),
    ) == blocks


def test_a_quote_in_a_table_cell_stays_in_the_cell() -> None:
    """A ``<blockquote>`` on a table line stays part of its cell."""
    text = wikibio.parse("{|\n| a <blockquote>q</blockquote>\n|}").to_text()

    assert "a q" == text


def test_two_builds_are_equal() -> None:
    """The tree is a value: two builds of one page are equal."""
    article = wikibio.parse(PAGE, title="Ada")

    assert reading_view(article) == reading_view(wikibio.parse(PAGE, title="Ada"))


LINES = [
    ("plain", "Smith 2001, p. 5."),
    ("links and quotes", "See ''[[Paris]]'', [http://x.org the site]."),
    ("blanks", "  a   b  "),
    ("a template", "Smith {{lang|fr|oui}}"),
    ("two lines", "a\nb"),
    ("a list", "* a"),
    ("a table", "{|\n| a\n|}"),
    ("a file", "[[File:a.jpg|thumb|x]] b"),
    ("a tag", "a<ref>x</ref>"),
]


@pytest.mark.parametrize("text", [pytest.param(t, id=i) for i, t in LINES])
def test_line_text_is_the_text_of_a_one_line_page(text: str) -> None:
    """A page that is one line of running text reads without a scan, as ``build`` reads it."""
    line = line_text(text)
    built = " ".join(plain_blocks(reading_view(wikibio.parse(text)).blocks))

    assert line is None or line == built
    assert (line is None) == (text in {t for _, t in LINES[3:]})


def test_unlabelled_external_links_are_numbered_in_page_order() -> None:
    """``[http://…]`` without a label shows ``[1]``, ``[2]`` … across text and notes, in
    document order, as Parsoid's page-wide counter numbers them."""
    text = (
        "Intro [http://a.org] and [http://b.org label].<ref>[http://x.org]</ref>\n\n"
        "== Notes ==\n<references/>\n\n== Links ==\n* [http://z.org]\n"
    )
    shown = wikibio.parse(text).to_text()

    assert "Intro [1] and label.[1]" in shown
    assert "  1. ^ [2]" in shown
    assert "• [3]" in shown


#: Bracketed links without a label, by URL protocol: any of ``$wgUrlProtocols`` (with or
#: without ``//``) makes a numbered link; another scheme is text.
NUMBERED_LINKS = [
    ("[http://x.org]", "[1]"),
    ("[HTTPS://x.org]", "[1]"),
    ("[//x.org/path]", "[1]"),
    ("[mailto:a@b.org]", "[1]"),
    ("[news:comp.lang.python]", "[1]"),
    ("[tel:+15551234]", "[1]"),
    ("[foo://x.org]", "[foo://x.org]"),
    ("[x.org]", "[x.org]"),
]


@pytest.mark.parametrize(("link", "shown"), NUMBERED_LINKS)
def test_numbered_links_follow_the_url_protocols(link: str, shown: str) -> None:
    assert wikibio.parse(f"See {link} here.").to_text() == f"See {shown} here."


#: Pieces of running text: words, blanks, quote runs, plain and other links, tokens
#: (notes and rendered calls), and markup that only the general reading reads.
_PIECES = [
    "a",
    "Word",
    " ",
    "  ",
    "\xa0",
    "'",
    "''",
    "'''",
    "'''''",
    "[[Target]]",
    "[[Target|label]]",
    "[[ :Target | two  words ]]s",
    "[[Target| label ]]",
    "[[Category:X]]",
    "[[a|''b'']]",
    "[[Napier's bones]]",
    "[[a'|'b']]",
    "[[A & B]]",
    "[[OS&nbsp;X]]",
    "[[a|x&amp;y]]",
    "[[a|&lt;b&gt;]]",
    "[[a|&copy]]",
    "<ref>note</ref>",
    '<ref name="n"/>',
    "{{lang|fr|oui}}",
    "{{·}}",
    "&amp;",
    "&nbsp;",
    "&ensp;",
    "&quot;",
    "&lt;b&gt;",
    "&#91;",
    "&bogus;",
    "&",
    "&am",
    "p;",
    "<small>s</small>",
    '<span class="x">',
    "</span>",
    "<b>",
    "<br>",
    "<br />",
    "<BR/>",
    "</br>",
    "<br clear=all>",
    "<br/ >",
    "<div>",
    ">",
    "[http://x.org y]",
    "http://x.org",
    "[",
    "]",
    "[a]",
    "[//x.org y]",
    "[mailto:a@b.org m]",
    "[ news:x ]",
    "\t",
    "=",
    "*",
    ":",
]


@settings(max_examples=400, deadline=None)
@example(text="[[Target| label ]] a")  # a blank after a run ending with one
@example(text="''[[a|b]]''<ref>n</ref> '''x'''")
@example(text="\xa0 [[Target]]s  {{lang|fr|oui}} ")
@example(text="&am''p; a&nbsp; [[Target]]&ensp;")  # entities decode before quotes go
@example(text="x &lt;b&gt;y&lt;/b&gt; [[Target]]")  # an escaped tag: the general reading
@example(text="''<small>[[Target]]</small>'' a <span class=\"x\">b</span>")  # inline tags
@example(text="'<b>x</b>' [[Target]]")  # an apostrophe beside a tag
@example(text="a'<sup></sup>' [[Target]]")  # apostrophes across tags: the general reading
@example(text="a&am</span>p; [[Target]]")  # an entity broken by a tag stays literal
@example(text="''[[Napier's bones]]'' [[a|b']]'' x")  # lone apostrophes in links
@example(text="''a''<br>'' [[Target]]<BR/>'<br />'")  # line breaks read as blanks
@given(text=st.lists(st.sampled_from(_PIECES), min_size=1, max_size=12).map("".join))
def test_running_text_reads_in_one_pass_as_the_general_reading_reads_it(text: str) -> None:
    """Words, quotes, plain links and tokens read in one pass give the same runs as the
    general reading (links as tokens, the span's display text, then the tokens' runs)."""
    page = f"Lead {text}\n\n{{{{Reflist}}}}"
    one_pass = reading_view(wikibio.parse(page))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(tree._Builder, "_word_runs", lambda self, wikitext: None)
        general = reading_view(wikibio.parse(page))

    assert general == one_pass


#: Links whose label is a run of its own (a ``LinkLabel``), and what the paragraph shows.
#: A lone apostrophe is a letter of the label and never joins a quote run beside the link:
#: MediaWiki replaces links before it reads bold and italic quotes (Parser::internalParse
#: runs handleInternalLinks, then handleAllQuotes). A link's named entities are decoded in
#: what it shows (its target stays as written). A quote run in the label, or an entity that
#: decodes to a tag's bracket, is left to the span's reading (no run of its own).
LINK_RUNS = [
    ("''[[Farmers' Almanac]]''", "Farmers' Almanac", ["Farmers' Almanac"]),
    ("a '[[b]]' c", "a 'b' c", ["b"]),
    ("'''[[A'|'B']]'''s", "'B's", ["'B'"]),
    ("[[A|B']]'' x", "B' x", ["B'"]),
    ("[[A|B']]''x''", "B'x", ["B'"]),
    ("[[Foo|''Bar'']]", "Bar", []),
    ("[[Alton Railroad|Alton & Sangamon]]", "Alton & Sangamon", ["Alton & Sangamon"]),
    ("[[OS&nbsp;X]] runs", "OS X runs", ["OS X"]),
    ("[[Ampersand|&amp;]]s", "&s", ["&s"]),
    ("[[Less-than sign|&lt;]]", "<", []),
]


@pytest.mark.parametrize(("text", "shown", "labels"), LINK_RUNS)
def test_plain_links_are_label_runs(text: str, shown: str, labels: list[str]) -> None:
    article = wikibio.parse(text)
    paragraph = article.reading_view().blocks[0]
    assert isinstance(paragraph, Paragraph)
    assert shown == article.to_text()
    assert labels == [run.text for run in paragraph.inlines if isinstance(run, LinkLabel)]


#: A page has no arguments: a ``{{{parameter}}}`` in it shows its default, else itself
#: (MediaWiki's root frame; a template's ``<ref>{{{1}}}</ref>`` lists ``{{{1}}}`` too).
ARGUMENTS = [
    ("a {{{1}}} b", "a {{{1}}} b"),
    ("a {{{x|default [[link]]}}} b", "a default link b"),
    ("a {{{x|}}} b", "a b"),
    ("a {{{x|{{{y|inner}}}}}} b", "a inner b"),
    ("a {{{x|p<ref>r</ref>q}}} b", "a p[1]q b\n\n  1. ^ r"),
    ("a<ref>{{{1}}}</ref>", "a[1]\n\n  1. ^ {{{1}}}"),
]


@pytest.mark.parametrize(("text", "shown"), ARGUMENTS)
def test_a_parameter_in_a_page_shows_its_default_or_itself(text: str, shown: str) -> None:
    assert shown == wikibio.parse(text).to_text()


#: A page's own private-use characters that the reading view uses as tokens (U+F0010 …
#: U+F0016): any ``str`` may hold them, and none may pass for a token (a forged marker
#: made the build index a marker that does not exist).
OWN_TOKENS = [
    ("a \U000f0012 b\n\nc", "a \ufffd b\n\nc"),
    ("x \U000f0014 0 \U000f0014 y", "x \ufffd 0 \ufffd y"),
    (
        "a \U000f0010[1]\U000f00151\U000f0011 b<ref>r</ref>",
        "a \ufffd[1]\ufffd1\ufffd b[1]\n\n  1. ^ r",
    ),
    ("a<ref>r \U000f0016 [http://x.org]</ref>", "a[1]\n\n  1. ^ r \ufffd [1]"),
    ("a {{lang|fr|x\U000f0010}} b", "a x\ufffd b"),
]


@pytest.mark.parametrize(("text", "shown"), OWN_TOKENS)
def test_a_page_cannot_forge_a_token(text: str, shown: str) -> None:
    article = wikibio.parse(text)

    assert shown == article.to_text()
    assert str(article) == text


_RESERVED = st.sampled_from(list(tree._TOKEN_CHARS))


@settings(max_examples=300)
@given(
    st.lists(st.one_of(st.sampled_from(_PIECES), _RESERVED, st.just("<ref>r</ref>")), max_size=12)
)
def test_any_page_with_token_characters_reads(pieces: list[str]) -> None:
    """The reading view and its renderers take any ``str``, token characters included
    (a heading's or an infobox's title shows them as written: no tokens are read there)."""
    article = wikibio.parse("".join(pieces) + "\n\n{{Reflist}}")

    view = reading_view(article)
    assert isinstance(article.to_text(), str)
    assert isinstance(article.to_markdown(), str)
    assert view.blocks == reading_view(article).blocks


@pytest.mark.parametrize(
    ("made", "built"),
    [
        (tree._text_run(Text, "a b"), Text("a b")),
        (tree._label_run("Paris", "Paris, France"), LinkLabel("Paris", "Paris, France")),
        (tree._text_run(Rendered, "5 km"), Rendered("5 km")),
        (tree._marker_run("note", "a"), Marker("note", "a")),
        (tree._note_entry("", "1", ("a", "b"), "Text."), Note("", "1", ("a", "b"), "Text.")),
        (tree._paragraph_block((Text("a"),)), Paragraph((Text("a"),))),
    ],
)
def test_runs_made_without_attrs_init_are_the_classes_runs(made: object, built: object) -> None:
    """The runs the builder makes field by field (a speed-up) equal what attrs makes: every
    field set, equal, hashing and showing alike."""
    assert type(made) is type(built)
    assert attrs.asdict(made, recurse=False) == attrs.asdict(built, recurse=False)
    assert (made, hash(made), repr(made)) == (built, hash(built), repr(built))


#: Pieces of infobox values with no link and no note.
_VALUE_PIECES = [
    "a",
    "Two words",
    " ",
    "\n",
    "\n* ",
    "\n# ",
    "\n:",
    "*",
    "#",
    ";",
    "=",
    "-",
    "''",
    "'''",
    "&amp;",
    "&nbsp;",
    "<br>",
    "<br />",
    "<small>s</small>",
    "<!-- c -->",
    "{{lang|fr|oui}}",
    "{{nowrap|a b}}",
    "{{plainlist|\n* a\n* b}}",
    "{{birth date|1950|1|2}}",
    "{{·}}",
    "{{unknown template}}",
    "{|\n| cell\n|}",
    "<nowiki>[[x]]</nowiki>",
    "http://x.org",
    "[http://x.org y]",
]


@settings(max_examples=300, deadline=None)
@given(value=st.lists(st.sampled_from(_VALUE_PIECES), min_size=1, max_size=8).map("".join))
def test_an_infobox_value_without_links_or_notes_shows_its_fields_text(value: str) -> None:
    """The reading view shows such a value as the field's display text (a speed-up: the
    field keeps it for records): equal to the span's reading of the value as written,
    blanks around it included, unless line markup starts it or a comment is in it."""
    page = wikibio.parse(f"{{{{Infobox person\n| name = X\n| occupation = {value}\n}}}}")
    field = page.infobox.get("occupation") if page.infobox is not None else None
    assume(field is not None and field.value[:1] not in LINE_MARKUP)
    assert field is not None
    argument = field.argument
    wikitext = str(page)[argument.equals + 1 : argument.end]  # the value as written
    assume(not field.value.startswith("{|") and "<!--" not in wikitext)

    assert tree._display(wikitext) == field.text
