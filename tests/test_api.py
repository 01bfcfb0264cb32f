"""The public contract of ``wikibio.parse`` and the Article (``shared/API.md``)."""

from __future__ import annotations

import pytest

import wikibio
from tests.conftest import EXAMPLES

XU = (EXAMPLES / "Xu_Junping.wikitext").read_text("utf-8")


@pytest.mark.parametrize("value", [b"== a ==", bytearray(b"x"), None, 3, ["x"]])
def test_non_str_raises_type_error(value: object) -> None:
    """Only ``str`` parses; anything else is a TypeError that says what to pass."""
    with pytest.raises(TypeError, match="needs the wikitext as str"):
        wikibio.parse(value)  # type: ignore[arg-type]


def test_bytes_error_suggests_decoding() -> None:
    """The TypeError for bytes tells how to decode them."""
    with pytest.raises(TypeError, match=r"decode"):
        wikibio.parse(b"x")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "text",
    ["", "\x00", "\ud800 lone surrogate", "\ufeff== BOM ==\n", "a\r\nb", "{{" * 20000],
    ids=["empty", "nul", "surrogate", "bom", "crlf", "braces"],
)
def test_odd_inputs_round_trip(text: str) -> None:
    """Odd but legal strings parse and render back unchanged."""
    assert text == str(wikibio.parse(text))


def test_title_is_kept_but_not_compared() -> None:
    """The title is metadata: equality compares the page's content."""
    article = wikibio.parse(XU, title="Xu Junping")

    assert article.title == "Xu Junping"
    assert wikibio.parse(str(article)) == article
    assert wikibio.parse("x") != article


def test_xu_junping_structure() -> None:
    """The example article: its infobox, three sections and five references."""
    article = wikibio.parse(XU, title="Xu Junping")
    infobox = article.infobox

    assert infobox is not None
    assert infobox.template == "Infobox military person"
    assert infobox["rank"].value == "[[Colonel]]"
    assert infobox["rank"].text == "Colonel"
    assert [s.title for s in article.sections] == ["Career", "Defection", "References"]
    assert [r.number for r in article.references] == [1, 2, 3, 4, 5]
    assert [list(r.backlinks) for r in article.references] == [
        ["a", "b", "c"],
        ["a", "b", "c", "d", "e"],
        ["a", "b"],
        [],
        [],
    ]
    assert "Chinese defectors" in article.categories


def test_section_lookup() -> None:
    """``section(title)`` finds any depth; a missing title is a KeyError that lists titles."""
    article = wikibio.parse("== A ==\n=== B ===\n")

    assert 3 == article.section("B").level
    with pytest.raises(KeyError) as caught:
        article.section("C")
    assert isinstance(caught.value, wikibio.NotFoundError)
    assert "'A', 'B'" in str(caught.value)


def test_missing_infobox_field_is_key_error() -> None:
    """A missing field raises the KeyError subclass naming the fields there are."""
    infobox = wikibio.parse("{{Infobox person|name=X}}").infobox

    assert infobox is not None
    with pytest.raises(wikibio.NotFoundError, match="name"):
        infobox["spouse"]


def test_references_numbering_groups_and_lists() -> None:
    """Numbers by first use per group; reuse adds backlinks; lists clear their group."""
    text = (
        'a<ref name="x">X</ref> b<ref group=note>N</ref> c<ref name="x"/>'
        "<references group=note/>d<ref>Y</ref>"
    )
    article = wikibio.parse(text)

    assert [(lst.group, [r.number for r in lst.references]) for lst in article.reference_lists] == [
        ("note", [1]),
        ("", [1, 2]),
    ]
    assert list(article.reference_lists[1].references[0].backlinks) == ["a", "b"]
    assert article.reference_lists[1].start == -1  # generated at the end of the page


def test_list_defined_references() -> None:
    """A ref defined inside <references> takes its number from its first use."""
    text = 'x<ref name="b"/>\n{{Reflist|refs=\n<ref name="b">Bee</ref>\n}}'
    (reference,) = wikibio.parse(text).references

    assert (reference.number, reference.wikitext, len(reference.uses)) == (1, "Bee", 1)
