"""Edits that used to corrupt the page: each is now written faithfully or refused with a reason."""

from __future__ import annotations

import pytest

import wikibio

PAGE = (
    "{{Infobox person\n| name = Ada\n| birth_date = 1815\n| spouse = W\n}}\n"
    "Pink Floyd had [[Syd Barrett|Barrett]] here.<ref name=a>A</ref> More <!-- c --> text "
    '{{t|x}}.<ref name="a&quot;b">Q</ref> Also{{sfn|Smith|2000|p=1}} and{{r|a}}.\n'
    "== Notes ==\n<references/>\n{{reflist}}\n"
)


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ("<ref>x", "&lt;ref>x"),
        ("<ref name=q>", "&lt;ref name=q>"),
        ("<nowiki>", "&lt;nowiki>"),
        ("<!--", "&lt;!--"),
        ("<includeonly>", "&lt;includeonly>"),
        ("a}", "a&#125;"),
        ("}}}", "&#125;&#125;&#125;"),
        ("|}", "{{!}}&#125;"),
        ("{|\n|a\n|}", "{&#124;\n{{!}}a\n{{!}}&#125;"),
        ("<ref>x</ref>", "<ref>x</ref>"),
    ],
    ids=[
        "unclosed-ref",
        "unclosed-named-ref",
        "unclosed-nowiki",
        "unclosed-comment",
        "unclosed-includeonly",
        "one-brace",
        "three-braces",
        "table-end",
        "wikitable",
        "closed-ref-kept",
    ],
)
def test_an_infobox_value_never_reaches_past_its_field(value: str, written: str) -> None:
    """Unclosed tags and odd ``}`` runs are escaped; every other field and note stays."""
    article = wikibio.parse(PAGE)
    assert article.infobox is not None
    notes = [(r.name, r.wikitext) for r in article.references]

    article.infobox["name"] = value
    again = wikibio.parse(str(article))

    assert again.infobox is not None
    assert {"name": written, "birth_date": "1815", "spouse": "W"} == {
        k: f.value for k, f in again.infobox.items()
    }
    assert all(note in [(r.name, r.wikitext) for r in again.references] for note in notes)


def test_a_field_added_to_a_crlf_page_ends_in_crlf() -> None:
    """The new line's break is the page's ``\\r\\n``, not a bare ``\\n``."""
    article = wikibio.parse("{{Infobox person\r\n| name = Ada\r\n| spouse = W\r\n}}\r\nText.\r\n")
    assert article.infobox is not None

    article.infobox["zq"] = "1"

    assert "{{Infobox person\r\n| name = Ada\r\n| spouse = W\r\n| zq = 1\r\n}}\r\nText.\r\n" == str(
        article
    )


@pytest.mark.parametrize(
    ("content", "after", "kwargs", "reason"),
    [
        ("x</ref>y", "here.", {}, "'</ref' tag"),
        ("<ref>n</ref>", "here.", {}, "'<ref' tag"),
        ("  ", "here.", {}, "blank"),
        ("[[unclosed", "here.", {}, "run past the note"),
        ("N", "Syd Barrett", {}, "inside the link"),
        ("N", "<!-- c", {}, "inside a comment"),
        ("N", "{{t|", {}, "inside a template call"),
        ("N", "<ref name=a>A", {}, "inside another note"),
        ("N", "here.", {"name": " 12 "}, "'12' cannot be a reference name"),
        ("N", "here.", {"group": "a\"b'c"}, "cannot be a reference group"),
    ],
    ids=[
        "content-closes-the-note",
        "content-nests-a-note",
        "blank-content",
        "content-unclosed-link",
        "inside-a-link",
        "inside-a-comment",
        "inside-a-template",
        "inside-a-note",
        "numeric-name-with-spaces",
        "group-with-both-quotes",
    ],
)
def test_add_reference_refuses_what_cite_would_not_show(
    content: str, after: str, kwargs: dict[str, str], reason: str
) -> None:
    """Each refusal is an ``InvalidNodeError`` naming why; the page is untouched."""
    article = wikibio.parse(PAGE)

    with pytest.raises(wikibio.InvalidNodeError, match=reason):
        article.add_reference(content, after=after, **kwargs)
    assert PAGE == str(article)


def test_a_note_in_a_file_caption_is_allowed() -> None:
    """A caption is wikitext where notes work, unlike a link's label."""
    article = wikibio.parse("[[File:X.jpg|thumb|A caption]] text.\n<references/>")

    article.add_reference("N", after="A caption")

    assert "[[File:X.jpg|thumb|A caption<ref>N</ref>]]" in str(article)


def test_a_name_with_runs_of_spaces_is_written_as_cite_reads_it() -> None:
    """``"z  z"`` is the name ``"z z"`` to Cite; the tag says so, so ``{{r|z z}}`` finds it."""
    article = wikibio.parse(PAGE)

    article.add_reference("N", after="here.", name="z  z")

    assert '<ref name="z z">N</ref>' in str(article)


@pytest.mark.parametrize(
    ("old", "new", "written"),
    [
        ('a"b', "c", '<ref name="c">Q</ref>'),
        ("a", "x  y", '<ref name="x y">A</ref>'),
        ("a", "it's", '<ref name="it\'s">A</ref>'),
    ],
    ids=["entity-in-the-name", "runs-of-spaces", "apostrophe"],
)
def test_rename_reference(old: str, new: str, written: str) -> None:
    """Names read as Cite reads them (entities decoded); the new name is written so."""
    article = wikibio.parse(PAGE)

    article.rename_reference(old, new)

    assert written in str(article)
    assert " ".join(new.split()) in [r.name for r in wikibio.parse(str(article)).references]


def test_renaming_an_sfn_note_says_why_it_cannot() -> None:
    """``{{sfn}}`` makes its note's name from its arguments: an ``InvalidNodeError`` says so."""
    article = wikibio.parse(PAGE)
    name = next(r.name for r in article.references if r.name and r.name.startswith("FOOTNOTE"))

    with pytest.raises(wikibio.InvalidNodeError, match="derives its name"):
        article.rename_reference(name, "c")


def test_a_missing_name_lists_only_close_matches() -> None:
    """Not every name of the page: at most three close ones."""
    names = "".join(f"x<ref name=source{i}>S{i}</ref>\n" for i in range(340))
    article = wikibio.parse(names + "<references/>")

    with pytest.raises(wikibio.NotFoundError) as caught:
        article.rename_reference("source3400", "c")

    assert str(caught.value).count("source") <= 4 and "did you mean" in str(caught.value)


def test_merge_without_duplicates_changes_nothing() -> None:
    """No duplicate, no edit: 0 merged and no ``:0`` names written."""
    text = "x<ref>A</ref> y<ref>B</ref>\n<references/>"
    article = wikibio.parse(text)

    assert (0, text) == (article.merge_duplicate_references(), str(article))


def test_merge_names_only_the_notes_it_merges() -> None:
    """The kept copy of a duplicate gets ``:0``; a lone unnamed note stays unnamed."""
    article = wikibio.parse("x<ref>A</ref> y<ref>B</ref> z<ref>B</ref>\n<references/>")

    assert 1 == article.merge_duplicate_references()
    assert 'x<ref>A</ref> y<ref name=":0">B</ref> z<ref name=":0" />\n<references/>' == str(article)


def test_a_citation_with_an_empty_parameter_name_writes_back() -> None:
    """``{{cite web|=x}}``: MediaWiki passes a parameter named ``""``; it is kept."""
    citation = wikibio.parse("<ref>{{cite web|=x|title=T}}</ref>").references[0].citation

    assert citation is not None
    assert "{{cite web |=x |title=T}}" == str(citation)
