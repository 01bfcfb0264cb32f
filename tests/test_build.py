"""Building pages in code: house style, refusal of what cannot render, and round trip."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import wikibio
from wikibio.citations import find_citation


def test_infobox_in_house_style() -> None:
    """One parameter per line, ``=`` aligned; it reads back equal."""
    infobox = wikibio.Infobox.new(
        "Infobox person", {"name": "Ada Lovelace", "birth_date": "{{birth date|1815|12|10}}"}
    )

    assert (
        "{{Infobox person\n| name       = Ada Lovelace\n"
        "| birth_date = {{birth date|1815|12|10}}\n}}"
    ) == str(infobox)
    assert wikibio.parse(str(infobox)).infobox == infobox
    assert "December 10, 1815" == infobox["birth_date"].text


def test_citation_on_one_line() -> None:
    """A citation from CS1 fields: one line, renders as CS1, reads back equal."""
    citation = wikibio.Citation.new(
        "cite news", {"last": "Risen", "first": "James", "title": "Defection", "work": "NYT"}
    )

    assert "{{cite news |last=Risen |first=James |title=Defection |work=NYT}}" == str(citation)
    assert 'Risen, James. "Defection". NYT.' == citation.to_text()
    assert find_citation(str(citation)) == citation


def test_reference_section_and_article() -> None:
    """Notes, sections and a whole page built from parts read back as built."""
    note = wikibio.Reference.new("{{cite web |title=T |url=https://example.org}}", name="t")
    life = wikibio.Section.new(
        "Life", 'Born.<ref name="t" />', subsections=[wikibio.Section.new("Youth", level=3)]
    )
    article = wikibio.Article.new(
        title="Ada",
        lead="'''Ada''' was a mathematician.",
        sections=[life],
        infobox=wikibio.Infobox.new("Infobox person", {"name": "Ada"}),
        references=[note],
        categories=["Mathematicians"],
    )

    assert '<ref name="t">{{cite web |title=T |url=https://example.org}}</ref>' == str(note)
    assert wikibio.parse(str(note)).references[0] == note
    assert ["Life", "References"] == [s.title for s in article.sections]
    assert ["Youth"] == [s.title for s in article.section("Life").subsections]
    assert [(1, "t", "T")] == [(r.number, r.name, r.text.strip('".')) for r in article.references]
    assert ["Mathematicians"] == list(article.categories)
    assert wikibio.parse(str(article)) == article
    assert "== References ==\n{{Reflist|refs=\n" in str(article)


@pytest.mark.parametrize(
    ("build", "error"),
    [
        (
            lambda: wikibio.Infobox.new("Infobox person", {"bad|name": "x"}),
            wikibio.InvalidNodeError,
        ),
        (lambda: wikibio.Infobox.new("Infobox person", {"name": 3}), TypeError),
        (lambda: wikibio.Section.new("two\nlines"), wikibio.InvalidNodeError),
        (lambda: wikibio.Section.new("T", level=7), wikibio.InvalidNodeError),
        (
            lambda: wikibio.Section.new("T", subsections=[wikibio.Section.new("U", level=2)]),
            wikibio.InvalidNodeError,
        ),
        (lambda: wikibio.Reference.new("a</ref>b"), wikibio.InvalidNodeError),
        (lambda: wikibio.Reference.new(""), wikibio.InvalidNodeError),
        (lambda: wikibio.Reference.new("x", name="12"), wikibio.InvalidNodeError),
        (lambda: wikibio.Citation.new("Infobox person", {}), wikibio.InvalidNodeError),
        (lambda: wikibio.Article.new(categories=["a]]b"]), wikibio.InvalidNodeError),
    ],
)
def test_refuses_what_cannot_render(build: object, error: type[Exception]) -> None:
    """Builders refuse, with a reason, what could not render faithfully."""
    with pytest.raises(error):
        build()  # type: ignore[operator]


_names = st.from_regex(r"[a-z][a-z_]{0,8}", fullmatch=True)
_values = st.text(st.sampled_from(list("ab |={}[]'-")), max_size=12)


@settings(max_examples=1000)
@given(st.dictionaries(_names, _values, max_size=5))
def test_built_infoboxes_round_trip(fields: dict[str, str]) -> None:
    """Any fields build an infobox that reads back equal, every name present."""
    infobox = wikibio.Infobox.new("Infobox person", fields)

    assert wikibio.parse(str(infobox)).infobox == infobox
    assert list(fields) == list(infobox)


@settings(max_examples=1000)
@given(
    st.lists(
        st.tuples(st.from_regex(r"[A-Z][a-z]{0,5}( [a-z]{1,5}){0,2}", fullmatch=True), _values),
        max_size=4,
    )
)
def test_built_articles_round_trip(parts: list[tuple[str, str]]) -> None:
    """Articles built from sections read back equal, with the titles given.

    A body with unbalanced markup is refused rather than allowed to swallow the next part.
    """
    try:
        sections = [wikibio.Section.new(title, "Body " + body) for title, body in parts]
    except wikibio.InvalidNodeError:
        assert any(
            wikibio.parse(body).diagnostics for _, body in parts
        )  # refused only for markup that is really unclosed
        return
    article = wikibio.Article.new(lead="Lead.", sections=sections)

    assert wikibio.parse(str(article)) == article
    assert [title for title, _ in parts] == [s.title for s in article.sections]
