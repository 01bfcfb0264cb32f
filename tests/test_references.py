"""References as readers see them: numbers, groups, labels, backlinks, uses, Cite's errors.

The rules are those of Cite's legacy parser (``shared/reference/CITE.md``) plus the
documented behaviour of English Wikipedia's reference templates (``{{efn}}``,
``{{refn}}``, ``{{r}}``, ``{{sfn}}``, ``{{reflist}}``, ``{{notelist}}``).
"""

from __future__ import annotations

import pytest

import wikibio
from tests.conftest import CORPUS, EXAMPLES, needs_shared
from wikibio.analysis import analyse
from wikibio.citations import (
    could_hold_citation,
    find_citation,
    first_citation,
    lone_citation,
    note_tree,
)
from wikibio.page import Page
from wikibio.references import (
    Reference,
    ReferenceList,
    ReferenceUse,
    backlink_label,
    marker_label,
)
from wikibio.references.cite import Cite


def _lists(text: str) -> list[tuple[str, list[tuple[int | None, str | None, str]]]]:
    """Each list as (group, [(number, name, backlinks joined)])."""
    return [
        (
            ref_list.group,
            [(ref.number, ref.name, " ".join(ref.backlinks)) for ref in ref_list.references],
        )
        for ref_list in wikibio.parse(text).reference_lists
    ]


NUMBERING = [
    pytest.param(
        "a<ref>A</ref> b<ref>B</ref>",
        [("", [(1, None, ""), (2, None, "")])],
        id="order-of-first-use",
    ),
    pytest.param(
        "<ref>A</ref><ref>A</ref>",
        [("", [(1, None, ""), (2, None, "")])],
        id="unnamed-never-merge",
    ),
    pytest.param(
        '<ref name="b"/> <ref name=a>A</ref> <ref name="b">B</ref>',
        [("", [(1, "b", "a b"), (2, "a", "")])],
        id="number-fixed-by-first-use-before-content",
    ),
    pytest.param(
        "<ref group=note>N</ref><ref>A</ref><ref group=note>M</ref><references group=note/>",
        [("note", [(1, None, ""), (2, None, "")]), ("", [(1, None, "")])],
        id="per-group-counters-and-page-end-list",
    ),
    pytest.param(
        "<ref>A</ref><references/><ref>B</ref><references/>",
        [("", [(1, None, "")]), ("", [(1, None, "")])],
        id="references-flushes-and-restarts",
    ),
    pytest.param(
        "<ref name=x/>\n<references>\n<ref name=x>X</ref>\n<ref name=y>Y</ref>\n</references>",
        [("", [(None, "y", ""), (1, "x", "")])],
        id="list-defined-unused-first",
    ),
    pytest.param(
        "<ref name=b/><ref name=a/>{{Reflist|refs=<ref name=a>A</ref><ref name=b>B</ref>}}",
        [("", [(1, "b", ""), (2, "a", "")])],
        id="reflist-refs",
    ),
    pytest.param(
        "{{#tag:ref|456<ref>123</ref>}}",
        [("", [(1, None, ""), (2, None, "")])],
        id="tag-ref-nested-first",
    ),
    pytest.param(
        "{{#tag:ref|Note|name=n|group=g}}{{#tag:ref||name=n|group=g}}{{#tag:references||group=g}}",
        [("g", [(1, "n", "a b")])],
        id="tag-ref-and-tag-references",
    ),
    pytest.param(
        "<ref name=a/>{{#tag:references|<ref name=a>A</ref>}}",
        [("", [(1, "a", "")])],
        id="tag-references-defines",
    ),
    pytest.param(
        "{{efn|One}} {{efn|Two<ref>Src</ref>}} {{efn|name=t|Three}} {{efn|name=t}}\n"
        "{{notelist}}\n{{reflist}}",
        [
            ("lower-alpha", [(1, None, ""), (2, None, ""), (3, "t", "a b")]),
            ("", [(1, None, "")]),
        ],
        id="efn-notelist",
    ),
    pytest.param(
        "{{efn-ua|A}}{{efn-lr|B}}{{efn|C|group=note}}{{notelist-ua}}{{notelist-lr}}"
        "{{notelist|group=note}}",
        [
            ("upper-alpha", [(1, None, "")]),
            ("lower-roman", [(1, None, "")]),
            ("note", [(1, None, "")]),
        ],
        id="efn-variants",
    ),
    pytest.param(
        "{{refn|group=nb|name=n|A note}} {{r|n|group=nb}} {{reflist|group=nb}}",
        [("nb", [(1, "n", "a b")])],
        id="refn-and-r-with-group",
    ),
    pytest.param(
        "<ref name=a>A</ref><ref name=b>B</ref>{{r|b|a}}{{r|a}}",
        [("", [(1, "a", "a b c"), (2, "b", "a b")])],
        id="r-reuses-several",
    ),
    pytest.param(
        "{{sfn|Smith|2001|p=5}} {{sfn|Jones|1999}} {{sfn|Smith|2001|p=5}} {{sfn|Smith|2001|p=6}}",
        [
            (
                "",
                [
                    (1, "FOOTNOTESmith20015", "a b"),
                    (2, "FOOTNOTEJones1999", ""),
                    (3, "FOOTNOTESmith20016", ""),
                ],
            )
        ],
        id="sfn-identical-calls-merge",
    ),
    pytest.param(
        "<ref>outer <ref>inner</ref> tail</ref>",
        [],
        id="literal-ref-in-ref-is-an-error",
    ),
    pytest.param(
        "<ref>outer {{#tag:ref|inner}}</ref>",
        [("", [(1, None, "")])],
        id="ref-in-ref-via-tag-not-processed",
    ),
    pytest.param(
        "<ref name=a>A</ref><ref follow=a>more</ref><ref follow=zz>orphan</ref>",
        [("", [(None, None, ""), (1, "a", "")])],
        id="follow",
    ),
    pytest.param(
        "<poem>line<ref>P</ref></poem>",
        [("", [(1, None, "")])],
        id="ref-in-poem",
    ),
    pytest.param(
        "<REF NAME = ' x '>A</REF><ref name=x />",
        [("", [(1, "x", "a b")])],
        id="attributes-as-mediawiki",
    ),
]


@pytest.mark.parametrize(("text", "expected"), NUMBERING)
def test_numbering(text: str, expected: list[object]) -> None:
    """Numbers, names and backlinks per list are those Cite gives."""
    assert expected == _lists(text)


@pytest.mark.parametrize(
    ("text", "labels"),
    [
        pytest.param("<ref>A</ref><ref>B</ref>", ["1", "2"], id="default"),
        pytest.param("{{efn|A}}{{efn|B}}{{notelist}}", ["a", "b"], id="lower-alpha"),
        pytest.param("{{efn-ur|A}}{{efn-ur|B}}{{notelist-ur}}", ["I", "II"], id="upper-roman"),
        pytest.param("{{efn-lg|A}}{{notelist-lg}}", ["α"], id="lower-greek"),  # noqa: RUF001
        pytest.param("<ref group=note>A</ref><references group=note/>", ["note 1"], id="note"),
    ],
)
def test_marker_labels(text: str, labels: list[str]) -> None:
    """Each use carries the marker label readers see: [1], [a], [note 1]."""
    article = wikibio.parse(text)

    assert labels == [use.label for ref in article.references for use in ref.uses]


@pytest.mark.parametrize(
    ("group", "number", "label"),
    [
        ("", 12, "12"),
        ("decimal", 3, "3"),
        ("lower-alpha", 27, "aa"),
        ("upper-alpha", 702, "ZZ"),
        ("lower-alpha", 703, "lower-alpha 703"),
        ("lower-roman", 14, "xiv"),
        ("lower-greek", 25, "lower-greek 25"),
        ("Notes", 2, "Notes 2"),
    ],
)
def test_marker_label_table(group: str, number: int, label: str) -> None:
    """Reserved groups show letters or numerals until their list runs out."""
    assert label == marker_label(group, number)


@pytest.mark.parametrize(
    ("uses", "expected_tail"),
    [
        pytest.param(1, [], id="one-use-no-letters"),
        pytest.param(3, ["a", "b", "c"], id="abc"),
        pytest.param(27, ["y", "z", "aa"], id="aa"),
        pytest.param(702, ["zx", "zy", "zz"], id="zz"),
        pytest.param(705, ["zz", "1.702", "1.703", "1.704"], id="past-702-numeric"),
    ],
)
def test_backlinks(uses: int, expected_tail: list[str]) -> None:
    """Backlinks: none for one use, a … z, aa … zz, then Cite's numeric labels."""
    text = "<ref name=n>N</ref>" + "<ref name=n/>" * (uses - 1)
    (reference,) = wikibio.parse(text).references

    assert expected_tail == list(reference.backlinks)[-len(expected_tail) or len(text) :]


def test_backlink_label_padding() -> None:
    """Past 702 the index is zero-padded to the digits of the use count."""
    assert ["a", "zz", "2.0702", "2.0703"] == [
        backlink_label(0),
        backlink_label(701),
        backlink_label(702, count=1000, number=2),
        backlink_label(703, count=1000, number=2),
    ]


def test_uses_are_the_wikitext_that_makes_them() -> None:
    """``str(use)`` is the tag or the call; one ``{{r|a|b}}`` is a use of each note."""
    text = "x<ref name=a>A</ref> {{r|a|b}} {{#tag:ref|B|name=b}} {{sfn|S|2000}}"
    article = wikibio.parse(text)

    assert [
        [
            (str(use), use.kind, use.backlink, text[use.start : use.end] == str(use))
            for use in r.uses
        ]
        for r in article.references
    ] == [
        [("<ref name=a>A</ref>", "tag", "a", True), ("{{r|a|b}}", "template", "b", True)],
        [
            ("{{r|a|b}}", "template", "a", True),
            ("{{#tag:ref|B|name=b}}", "parser-function", "b", True),
        ],
        [("{{sfn|S|2000}}", "template", None, True)],
    ]


@pytest.mark.parametrize(
    ("text", "wikitext"),
    [
        pytest.param("{{sfn|Smith|2001|p=5}}", "Smith 2001, p. 5.", id="sfn-page"),
        pytest.param("{{sfn|Smith|Jones|2001|pp=5-7}}", "Smith & Jones 2001, pp. 5-7.", id="two"),
        pytest.param("{{sfnp|Smith|2001|loc=ch. 3}}", "Smith (2001), ch. 3.", id="sfnp-loc"),
        pytest.param("{{sfn|A|B|C|D|1999}}", "A et al. 1999.", id="four-authors"),
        pytest.param("{{sfn|Smith|2001|ps=none}}", "Smith 2001", id="no-postscript"),
    ],
)
def test_short_footnote_text(text: str, wikitext: str) -> None:
    """``{{sfn}}`` notes read as Module:Footnotes writes them."""
    (reference,) = wikibio.parse(text).references

    assert wikitext == reference.wikitext


def _codes(text: str, *, sub_referencing: bool = False) -> list[str]:
    cite = Cite(text, sub_referencing=sub_referencing)
    analysis = analyse(Page(text), cite=cite)
    return [p.code for p in analysis.problems if p.code.startswith("cite_")]


DIAGNOSTICS = [
    ('<ref foo="x">A</ref>', "cite_error_ref_too_many_keys"),
    ('<ref nme="x">A</ref>', "cite_error_ref_parameter_suggestion"),
    ("<ref>A</ref><references foo=1/>", "cite_error_references_invalid_parameters"),
    ('<ref name="1">A</ref>', "cite_error_ref_numeric_key"),
    ("<ref name=a>A</ref><ref name=b follow=a>B</ref>", "cite_error_ref_follow_conflicts"),
    ('<ref dir="up">A</ref>', "cite_error_ref_invalid_dir"),
    ("<ref name=a dir=ltr>A</ref><ref name=a dir=rtl/>", "cite_error_ref_conflicting_dir"),
    ("<ref/>", "cite_error_ref_no_key"),
    ("<ref> </ref>", "cite_error_ref_no_input"),
    ("<ref>A<ref>B</ref>", "cite_error_included_ref"),
    ("<references><references/></references>", "cite_error_included_references"),
    ("<ref name=a>A</ref><ref name=a>B</ref>", "cite_error_references_duplicate_key"),
    ("<ref name=a/>", "cite_error_references_no_text"),
    ("<ref group=g>A</ref>", "cite_error_group_refs_without_references"),
    ("<references><ref name=a>A</ref></references>", "cite_error_references_missing_key"),
    ("<ref name=a>X</ref><references><ref>A</ref></references>", "cite_error_references_no_key"),
    (
        "<ref name=a>A</ref><references><ref name=a/></references>",
        "cite_error_empty_references_define",
    ),
    (
        "<ref name=a/><references><ref name=a group=x>A</ref></references>",
        "cite_error_references_group_mismatch",
    ),
    ("{{efn|A}}", "cite_error_group_refs_without_references"),
]


@pytest.mark.parametrize(("text", "code"), DIAGNOSTICS, ids=[code for _, code in DIAGNOSTICS])
def test_diagnostics(text: str, code: str) -> None:
    """Every condition Cite reports is a diagnostic whose code is Cite's message key."""
    codes = [d.code for d in wikibio.parse(text).diagnostics if d.code.startswith("cite_")]

    assert [code] == codes


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("<ref details=p.1></ref>", "cite_error_details_missing_parent"),
        ("<ref details=p.1>Book</ref>", "cite_error_ref_with_details_no_name"),
        (
            "<ref name=a/><references><ref name=a details=p.1>A</ref></references>",
            "cite_error_details_unsupported_context",
        ),
    ],
)
def test_sub_reference_diagnostics(text: str, code: str) -> None:
    """With ``$wgCiteSubReferencing`` on, misused ``details=`` is reported."""
    assert [code] == _codes(text, sub_referencing=True)


def test_sub_references() -> None:
    """``details=`` makes 1.1-style notes under the main note (when enabled)."""
    text = "<ref name=b details=p.1>Book</ref><ref name=b details=p.2/><ref name=b details=p.1/>"
    cite = Cite(text, sub_referencing=True)
    lists = analyse(Page(text), cite=cite).reference_lists
    (main,) = lists[0].references

    assert (main.number, len(main.uses), main.wikitext) == (1, 0, "Book")
    assert [(s.label, s.wikitext, list(s.backlinks)) for s in main.subreferences] == [
        ("1.1", "p.1", ["a", "b"]),
        ("1.2", "p.2", []),
    ]


def test_details_is_unknown_without_sub_referencing() -> None:
    """English Wikipedia's default: ``details=`` is an unknown parameter."""
    assert ["cite_error_ref_too_many_keys"] == _codes("<ref details=x>A</ref>")


def test_diagnostic_position_and_message() -> None:
    """A Cite diagnostic points at the tag and says what to do."""
    (diagnostic,) = wikibio.parse("Text.\nMore <ref></ref>").diagnostics

    assert (diagnostic.code, diagnostic.line, diagnostic.column, diagnostic.severity) == (
        "cite_error_ref_no_input",
        2,
        6,
        "error",
    )
    assert "must have content" in diagnostic.message


def test_xu_junping() -> None:
    """The example article: five references with backlinks a b c / a b c d e / a b / - / -."""
    article = wikibio.parse((EXAMPLES / "Xu_Junping.wikitext").read_text("utf-8"))
    (ref_list,) = article.reference_lists

    assert isinstance(ref_list, ReferenceList)
    assert str(ref_list) == "{{Reflist}}"
    assert [(r.number, r.name, " ".join(r.backlinks)) for r in article.references] == [
        (1, "nyt-risen", "a b c"),
        (2, "telegraph", "a b c d e"),
        (3, "latimes", "a b"),
        (4, "wapo", ""),
        (5, "nyt-rosenthal", ""),
    ]
    assert all(str(u).startswith("<ref") for r in article.references for u in r.uses)


def test_docstring_examples() -> None:
    """The examples in the references module's docstrings hold."""
    import doctest

    from wikibio import references

    assert doctest.testmod(references).failed == 0


@needs_shared(CORPUS)
def test_citations_read_from_the_walk_equal_reading_each_note_alone() -> None:
    """A note's citation comes from the scan the page walk made of its body.

    It is the citation the note's wikitext gives on its own, for every note of the corpus,
    and so is the lone-citation reading the reference list uses.
    """
    differing = []
    for path in sorted(CORPUS.rglob("*.wikitext")):
        for ref in wikibio.parse(path.read_text(encoding="utf-8")).references:
            alone = (find_citation(ref.wikitext), lone_citation(ref.wikitext))
            if (ref.citation, ref.lone_citation) != alone:
                differing.append(f"{path.name}: {ref.wikitext[:60]!r}")

    assert [] == differing


def test_group_without_list_message_names_the_group_everywhere() -> None:
    """The missing-list error names the group in its advice too, no ``{0}`` left unfilled."""
    article = wikibio.parse("A<ref group=nb>x</ref>")
    (diagnostic,) = [
        d for d in article.diagnostics if d.code == "cite_error_group_refs_without_references"
    ]
    assert "{0}" not in diagnostic.message
    assert '<references group="nb"/>' in diagnostic.message.split("; ", 1)[1]


#: A note made inside another note shows in it as its marker, numbered as the page numbers
#: it (Cite expands the inner ``{{#tag:ref}}`` first, so the outer note holds its marker).
NESTED_NOTES = [
    pytest.param(
        "A{{efn|outer {{efn|inner}} o}}\n{{notelist}}",
        ["inner", "outer [a] o"],
        id="efn-in-efn",
    ),
    pytest.param(
        "A{{#tag:ref|Q {{#tag:ref|deep|group=n}} q|group=n}}\n{{reflist|group=n}}",
        ["deep", "Q [n 1] q"],
        id="tag-ref-group",
    ),
    pytest.param(
        "A<ref>first</ref> B{{efn|see <ref name=x>xx</ref> o}} C<ref name=x/>"
        "\n{{notelist}}\n{{reflist}}",
        ["see [2] o", "first", "xx"],
        id="ref-in-efn-keeps-the-page-number",
    ),
    pytest.param(
        "A{{#tag:ref|two {{r|a|b}} here}}<ref name=a>A</ref><ref name=b>B</ref>\n{{reflist}}",
        ["A", "B", "two [1][2] here"],
        id="r-with-two-names",
    ),
    pytest.param(
        "A{{sfn|{{sfn|Smith|2001}}|2002}}\n{{reflist}}",
        ["Smith 2001.", "[1] 2002."],
        id="sfn-in-sfn",
    ),
]


@pytest.mark.parametrize(("text", "expected"), NESTED_NOTES)
def test_nested_notes_show_their_page_markers(text: str, expected: list[str]) -> None:
    assert [ref.text for ref in wikibio.parse(text).references] == expected


def test_deeply_nested_notes_each_read_only_their_own_text() -> None:
    """A hundred nested notes: each shows the next as its marker, none re-reads the others."""
    depth = 100
    article = wikibio.parse("{{#tag:ref|n " * depth + "x" + "}}" * depth + "\n{{reflist}}")
    texts = [ref.text for ref in article.references]

    assert texts[0] == "n x"
    assert texts[1:] == [f"n [{number}]" for number in range(1, depth)]


CITATION_NAMES = [
    ("{{cite web|url=x}}", True),
    ("{{ Cite_Web |url=x}}", True),
    ("{{cite\n web\n|url=x}}", True),
    ("{{citation}}", True),
    ("{{{{cite book|title=x}}}}", True),
    ("{{cite<!-- c -->web|url=x}}", True),  # a comment in the name: read by a scan
    ("{{Статья|заглавие=x}}", True),
    ("{{lien web|titre=x}}", True),
    ("{{cite web2|url=x}}", False),
    ("{{sfn|Smith|2001}}", False),
    ("{{#tag:ref|{{#tag:ref|x}}}}", False),
    ("plain text", False),
]


@pytest.mark.parametrize(("wikitext", "expected"), CITATION_NAMES)
def test_could_hold_citation(wikitext: str, expected: bool) -> None:
    assert could_hold_citation(wikitext) is expected


@needs_shared(CORPUS)
def test_could_hold_citation_never_misses_a_citation_of_the_corpus() -> None:
    """The check that spares notes their scan is generous: every note and every call of the
    corpus in which a scan finds a citation passes it."""
    missed = []
    for path in sorted(CORPUS.rglob("*.wikitext")):
        article = wikibio.parse(path.read_text(encoding="utf-8"))
        texts = [ref.wikitext for ref in article.references]
        texts += [str(call) for call in article.templates]
        for text in texts:
            found = first_citation(text, note_tree(text).children)
            if found is not None and not could_hold_citation(text):
                missed.append(f"{path.name}: {text[:60]!r}")

    assert [] == missed


#: Notes of every shape Cite numbers: named and reused, grouped, made by templates, defined
#: in the list, continued with ``follow=``, without content (an error).
_NOTE_SHAPES = [
    "a<ref name=x>X</ref> b<ref name=x/> c<ref>Y</ref>",
    "a<ref group=n>N</ref>{{efn|E}} {{sfn|Smith|2001|p=4}}<references group=n/>",
    "a<ref name=d/><references><ref name=d>D</ref></references>",
    "a<ref name=p>P</ref><ref follow=p>more</ref> b<ref name=missing/>",
]


@pytest.mark.parametrize("text", _NOTE_SHAPES)
def test_notes_and_uses_are_built_as_attrs_would(text: str) -> None:
    """Cite fills each note and use without attrs' ``__init__`` (a speed-up): every field
    equals, in the same order, the one attrs makes of the same values."""
    for reference in wikibio.parse(text).references:
        fields = vars(reference)
        built = Reference(**{k.removeprefix("_"): v for k, v in fields.items()})

        assert list(vars(built).items()) == list(fields.items())
        assert built == reference
        for use in reference.uses:
            values = vars(use)
            made = ReferenceUse(**{k.removeprefix("_"): v for k, v in values.items()})
            assert list(vars(made).items()) == list(values.items())
