"""Reference edits: add, rename, remove, merge; only the bytes they must change."""

from __future__ import annotations

from collections.abc import Callable

import pytest

import wikibio

EDITS: list[tuple[str, str, Callable[[wikibio.Article], object], str]] = [
    (
        "add a new note after a text, in the page's quoting",
        "A.<ref name=a>X</ref> B.",
        lambda a: a.add_reference("Y", after="B."),
        "A.<ref name=a>X</ref> B.<ref>Y</ref>",
    ),
    (
        "add identical content reuses the named note, page's self-closing style",
        'A.<ref name="a">X</ref> B.<ref name="z"/>',
        lambda a: a.add_reference("X", after="B."),
        'A.<ref name="a">X</ref> B.<ref name="a"/><ref name="z"/>',
    ),
    (
        "add identical content to an unnamed note names it first",
        "A.<ref>X</ref> B.",
        lambda a: a.add_reference("X", after=len("A.<ref>X</ref> B.")),
        'A.<ref name=":0">X</ref> B.<ref name=":0" />',
    ),
    (
        "add with a name and a group",
        "A.",
        lambda a: a.add_reference("N", after="A.", name="n1", group="note"),
        'A.<ref name="n1" group="note">N</ref>',
    ),
    (
        "rename follows every use and keeps each tag's quoting",
        "A<ref name=\"a\">X</ref> B<ref name=a/> C<ref name='a' />",
        lambda a: a.rename_reference("a", "alpha"),
        "A<ref name=\"alpha\">X</ref> B<ref name=alpha/> C<ref name='alpha' />",
    ),
    (
        "rename reaches list-defined refs and {{r}}",
        "A<ref name=a/> {{r|a}}\n<references>\n<ref name=a>X</ref>\n</references>",
        lambda a: a.rename_reference("a", "b"),
        "A<ref name=b/> {{r|b}}\n<references>\n<ref name=b>X</ref>\n</references>",
    ),
    (
        "remove drops every use",
        "A.<ref name=a>X</ref> B.<ref name=a/> C.<ref>Y</ref>",
        lambda a: a.remove_reference("a"),
        "A. B. C.<ref>Y</ref>",
    ),
    (
        "remove takes one name out of {{r|a|b}}",
        "A<ref name=a>X</ref><ref name=b>Y</ref> B{{r|a|b}}",
        lambda a: a.remove_reference("a"),
        "A<ref name=b>Y</ref> B{{r|b}}",
    ),
    (
        "merge duplicates into one named note, bare names as the page writes them",
        "A.<ref>X</ref> B.<ref>X</ref> C.<ref name=c>X</ref> D.<ref group=g>X</ref>",
        lambda a: a.merge_duplicate_references(),
        "A.<ref name=:0>X</ref> B.<ref name=:0 /> C.<ref name=:0 /> D.<ref group=g>X</ref>",
    ),
]


@pytest.mark.parametrize(
    ("text", "edit", "expected"), [pytest.param(t, e, x, id=i) for i, t, e, x in EDITS]
)
def test_reference_edit(
    text: str, edit: Callable[[wikibio.Article], object], expected: str
) -> None:
    """Each edit gives exactly this page, and the page re-reads to the same article."""
    article = wikibio.parse(text)

    edit(article)

    assert expected == str(article)
    assert wikibio.parse(str(article)) == article


def test_merge_keeps_numbering_and_backlinks() -> None:
    """After merging, the note is used where the copies were: one number, more backlinks."""
    article = wikibio.parse("A.<ref>X</ref> B.<ref>X</ref> C.<ref>Y</ref>")

    assert 1 == article.merge_duplicate_references()
    assert [(1, ["a", "b"]), (2, [])] == [(r.number, list(r.backlinks)) for r in article.references]


@pytest.mark.parametrize(
    ("call", "error"),
    [
        (lambda a: a.rename_reference("missing", "b"), wikibio.NotFoundError),
        (lambda a: a.rename_reference("a", "123"), wikibio.InvalidNodeError),
        (lambda a: a.add_reference("X", after="no such text"), wikibio.NotFoundError),
        (lambda a: a.add_reference(3, after=0), TypeError),
        (lambda a: a.remove_reference("missing"), KeyError),
    ],
)
def test_bad_reference_edits(call: Callable[[wikibio.Article], object], error: type) -> None:
    """Edits that cannot be made raise a clear error and change nothing."""
    article = wikibio.parse("A<ref name=a>X</ref>")

    with pytest.raises(error):
        call(article)
    assert "A<ref name=a>X</ref>" == str(article)


def test_section_of_a_use() -> None:
    """Each use knows the section it is in."""
    article = wikibio.parse("Lead<ref>L</ref>\n== A ==\n=== B ===\nx<ref>Y</ref>")

    assert [None, "B"] == [article.section_at(r.uses[0].start).title for r in article.references]


def test_use_knows_its_section() -> None:
    """``ReferenceUse.section`` is the innermost section around the marker."""
    article = wikibio.parse("Lead<ref>L</ref>\n== A ==\n=== B ===\nx<ref>Y</ref>")

    assert [None, "B"] == [r.uses[0].section.title for r in article.references]  # type: ignore[union-attr]
