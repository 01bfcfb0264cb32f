"""Invariants over generated text: totality, round trip, re-parse equality."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

import wikibio
from wikibio.strategies import wikitext

#: Markup-dense text, broken markup included (the project's own strategy).
markup = wikitext()
any_text = st.text(st.characters(exclude_categories=()), max_size=300)


def _read_everything(article: wikibio.Article) -> None:
    """Touch every view; none may raise, and each gives values of its declared type."""
    for section in article.sections:
        assert all(isinstance(s.title, str) for s in section.walk())
    for template in article.templates:
        assert all(isinstance(v, str) for v in template.params.values())
    for infobox in article.infoboxes:
        assert all(isinstance(f.text, str) for f in infobox.values())
    for reference in article.references:
        assert isinstance(reference.text, str)
        assert len(reference.backlinks) in (0, len(reference.uses))
    assert all(isinstance(c, str) for c in article.categories)
    assert all(d.line >= 1 and d.column >= 1 for d in article.diagnostics)
    assert isinstance(article.to_text(), str)
    assert isinstance(article.to_markdown(), str)


@given(st.one_of(markup, any_text))
def test_total_and_lossless(text: str) -> None:
    """Any str parses, every view reads, and the article renders back to the input."""
    article = wikibio.parse(text)
    _read_everything(article)

    assert text == str(article)
    assert text == str(article.lead) + "".join(str(s) for s in article.sections)


@given(markup)
def test_reparse_is_equal(text: str) -> None:
    """``parse(str(a)) == a``, and two parses of one text are equal."""
    article = wikibio.parse(text)

    assert wikibio.parse(str(article)) == article
    assert [s.title for s in wikibio.parse(text).all_sections()] == [
        s.title for s in article.all_sections()
    ]


@given(markup)
def test_sections_match_get_section(text: str) -> None:
    """Each top-level section is MediaWiki's ``getSection`` of its number, untrimmed."""
    article = wikibio.parse(text)

    for section in article.sections:
        assert str(section).rstrip() == article.get_section(section.index)


@given(markup)
def test_views_own_their_spans(text: str) -> None:
    """Every typed view's ``str()`` is the slice of the page it claims."""
    article = wikibio.parse(text)

    for template in article.templates:
        assert str(template) == text[template.start : template.end]
    for reference in article.references:
        for use in reference.uses:
            assert str(use) == text[use.start : use.end]


@given(markup)
def test_params_and_repeated_agree_with_the_argument_views(text: str) -> None:
    """A call's parameters and repeated arguments, read from the scan, are its arguments'.

    ``Template.params`` and ``Template.repeated`` skip building the ``Argument`` views;
    what they give is what those views give: name → value, the last duplicate winning.
    """
    for call in wikibio.parse(text).templates:
        names = [argument.name for argument in call.arguments]
        repeated = tuple(a for i, a in enumerate(call.arguments) if a.name in names[:i])

        assert ({a.name: a.value for a in call.arguments}, repeated) == (
            dict(call.params),
            call.repeated,
        )
