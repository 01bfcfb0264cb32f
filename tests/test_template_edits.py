"""Editing any template call, categories and links: only the edited bytes change."""

from __future__ import annotations

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

import wikibio
from tests.conftest import CORPUS, needs_shared
from wikibio.errors import InvalidNodeError, NotFoundError, WikibioError
from wikibio.page import Page, find_template
from wikibio.strategies import wikitext
from wikibio.templates import Template, build_template

# --- a table of real cases ------------------------------------------------------------------

EDITS = [
    pytest.param(
        "{{cite web |url=http://a.example |title=A}}",
        lambda t: t.__setitem__("title", "B"),
        "{{cite web |url=http://a.example |title=B}}",
        id="set-inline",
    ),
    pytest.param(
        "{{cite web |url=http://a.example |title=A}}",
        lambda t: t.__setitem__("work", "The Times"),
        "{{cite web |url=http://a.example |title=A |work=The Times}}",
        id="add-inline-copies-spacing",
    ),
    pytest.param(
        "{{cite web|url=x|title=A}}",
        lambda t: t.__setitem__("date", "1 May 2020"),
        "{{cite web|url=x|title=A|date=1 May 2020}}",
        id="add-tight",
    ),
    pytest.param(
        "{{Use dmy dates}}",
        lambda t: t.__setitem__("date", "May 2024"),
        "{{Use dmy dates|date=May 2024}}",
        id="add-to-a-call-without-arguments",
    ),
    pytest.param(
        "{{Navbox\n| name  = A\n| title = B\n}}",
        lambda t: t.__setitem__("state", "collapsed"),
        "{{Navbox\n| name  = A\n| title = B\n| state = collapsed\n}}",
        id="add-one-per-line-aligned",
    ),
    pytest.param(
        "{{Navbox\n| name  = A\n| title = B\n}}",
        lambda t: t.__delitem__("name"),
        "{{Navbox\n| title = B\n}}",
        id="delete-line",
    ),
    pytest.param(
        "{{Navbox\n| name  = A\n| title = B\n}}",
        lambda t: t.rename("name", "id"),
        "{{Navbox\n| id    = A\n| title = B\n}}",
        id="rename-keeps-column",
    ),
    pytest.param(
        "{{lang|fr|Bonjour}}",
        lambda t: t.__setitem__("2", "Salut"),
        "{{lang|fr|Salut}}",
        id="positional-stays-positional",
    ),
    pytest.param(
        "{{lang|fr|Bonjour|italic=no}}",
        lambda t: t.__delitem__("2"),
        "{{lang|fr|italic=no}}",
        id="delete-last-positional",
    ),
    pytest.param(
        "{{cite book |title=A |title=B}}",
        lambda t: t.__delitem__("title"),
        "{{cite book }}",
        id="delete-every-duplicate-title-keeps-its-bytes",
    ),
    pytest.param(
        "{{Reflist|refs=\n<ref name=a>A</ref>\n\n}}",
        lambda t: t.__setitem__("group", "nb"),
        "{{Reflist|refs=\n<ref name=a>A</ref>\n\n|group=\nnb\n}}",
        id="add-after-a-value-ending-in-a-blank-line-keeps-it",
    ),
    pytest.param(
        "{{x|a=1}}",
        lambda t: t.__setitem__("a", "p|q}}"),
        "{{x|a=p{{!}}q&#125;&#125;}}",
        id="value-escaped",
    ),
    pytest.param(
        "{{x|a=\n1}}",
        lambda t: t.__setitem__("a", "=b"),
        "{{x|a=\n&#61;b}}",
        id="value-starting-a-line-with-equals",
    ),
    pytest.param(
        "{{x|}}", lambda t: t.__setitem__("1", "="), "{{x|{{=}}}}", id="positional-equals"
    ),
]


@pytest.mark.parametrize(("text", "edit", "expected"), EDITS)
def test_template_edit(text: str, edit: object, expected: str) -> None:
    """Each edit splices the call in its own style; the page reads back."""
    article = wikibio.parse(f"Before {text} after.")
    template = article.templates[0]
    assert callable(edit)
    edit(template)

    assert f"Before {expected} after." == str(article)
    assert expected == str(template)
    assert [expected] == [str(t) for t in wikibio.parse(str(article)).templates[:1]]


@pytest.mark.parametrize(
    ("edit", "error"),
    [
        pytest.param(lambda t: t.__delitem__("missing"), NotFoundError, id="delete-missing"),
        pytest.param(lambda t: t.rename("missing", "x"), NotFoundError, id="rename-missing"),
        pytest.param(lambda t: t.__getitem__("missing"), NotFoundError, id="read-missing"),
        pytest.param(lambda t: t.__delitem__("1"), WikibioError, id="delete-renumbers"),
        pytest.param(lambda t: t.rename("1", "x"), WikibioError, id="rename-positional"),
        pytest.param(lambda t: t.rename("a", "b"), WikibioError, id="rename-onto-existing"),
        pytest.param(lambda t: t.__setitem__("a|b", "1"), InvalidNodeError, id="bad-name"),
        pytest.param(lambda t: t.__setitem__("a", 1), TypeError, id="not-a-str"),
    ],
)
def test_refused_edits_change_nothing(edit: object, error: type[Exception]) -> None:
    """An edit that cannot be made raises, naming the problem, and the page stays."""
    text = "{{x|p|q|a=1|b=2}}"
    article = wikibio.parse(text)
    assert callable(edit)
    with pytest.raises(error):
        edit(article.templates[0])

    assert text == str(article)


def test_links_leave_out_categories_files_and_interlanguage_links() -> None:
    """Only links readers follow in the text; ``[[:Category:X]]`` is one."""
    article = wikibio.parse(
        "[[A]] [[Category:B]] [[File:C.jpg|thumb|[[D]]]] [[de:E]] [[:Category:F]] "
        "<!-- [[G]] --> {{t|[[H]]}}<ref>[[I]]</ref><nowiki>[[J]]</nowiki>"
    )

    assert ["A", "D", "Category:F", "H", "I"] == [link.target for link in article.links]


@pytest.mark.parametrize(
    ("text", "label"),
    [
        pytest.param("[[Ada]]", "Ada", id="target"),
        pytest.param("[[Ada<!-- c -->]]", "Ada", id="target-with-comment"),
        pytest.param("[[X|Ada<!--  -->]]", "Ada", id="label-with-comment"),
        pytest.param("[[X|A<!-- c -->da]]s", "Adas", id="comment-inside-with-trail"),
        pytest.param("[[X|''Ada'']]", "''Ada''", id="markup-kept"),
        pytest.param("[[A&amp;B]]", "A&amp;B", id="target-as-written"),
        pytest.param("[[X|A&amp;B]]", "A&amp;B", id="label-as-written"),
    ],
)
def test_link_labels_show_what_readers_see(text: str, label: str) -> None:
    """A label keeps its markup as written; comments show nothing, in a label as in a target."""
    assert [label] == [link.label for link in wikibio.parse(text).links]


def test_view_follows_later_edits_and_goes_stale_when_its_call_goes() -> None:
    """A view keeps working after edits elsewhere; a removed call's view says so."""
    article = wikibio.parse("{{a|x={{b|y=1}}}} {{c|z=2}}")
    outer, inner, last = article.templates
    outer["w"] = "long value"
    last["z"] = "3"

    assert ("1", "3") == (inner["y"], last["z"])
    del outer["x"]
    with pytest.raises(WikibioError, match="read it again"):
        inner["y"] = "2"
    assert "{{a|w=long value}} {{c|z=3}}" == str(article)


def test_a_template_outside_an_article_cannot_be_edited() -> None:
    """A view built without a page refuses edits with a hint."""
    page = Page("{{x|a=1}}")
    node = find_template(page, 0)
    assert node is not None
    with pytest.raises(WikibioError, match="not part of an article"):
        build_template(page.text, node, 0)["a"] = "2"


# --- every template of the corpus ---------------------------------------------------------


def _alone(text: str) -> Template:
    """The call ``text`` as an editable view on a page of its own (no analysis needed)."""
    page = Page(text)
    node = find_template(page, 0)
    assert node is not None and node.end == len(text)
    return build_template(page.text, node, 0, page)


def _changed(before: str, after: str) -> tuple[int, int]:
    """The span of ``before`` that differs from ``after`` (common prefix and suffix kept)."""
    prefix = 0
    limit = min(len(before), len(after))
    while prefix < limit and before[prefix] == after[prefix]:
        prefix += 1
    suffix = 0
    while suffix < limit - prefix and before[-1 - suffix] == after[-1 - suffix]:
        suffix += 1
    return prefix, len(before) - suffix


def _check_call(text: str) -> None:
    """Add, set, rename and delete on one call: each changes only its argument's bytes."""
    call = _alone(text)
    if call.dynamic:
        return
    arguments = call.arguments
    params = dict(call.params)
    # Add: one insertion; the new argument reads back, every other value is unchanged.
    call["wikibio-test"] = "value"
    start, end = _changed(text, str(call))
    assert start == end and call.start < start < call.end
    assert "value" == call["wikibio-test"]
    assert params == {n: v for n, v in call.params.items() if n != "wikibio-test"}
    del call["wikibio-test"]
    assert params == dict(call.params)
    assert text == str(call)
    named = [a for a in arguments if not a.positional and "{{" not in str(a)]
    if not named:
        return
    target = named[-1]
    span = (target.start, target.end)
    # Set: only the value's bytes change, and setting the old value back restores the call.
    old = call[target.name]
    call[target.name] = "changed"
    start, end = _changed(text, str(call))
    assert span[0] <= start and end <= span[1], (text, str(call))
    assert "changed" == call[target.name]
    call[target.name] = old
    assert call[target.name] == old
    # Rename: only the name's bytes change.
    before = str(call)
    call.rename(target.name, "wikibio-renamed")
    start, end = _changed(before, str(call))
    assert target.start <= start and end <= target.equals + 1
    assert old == call["wikibio-renamed"]
    # Delete: the argument and the whitespace before it go; the rest is kept.
    before = str(call)
    argument = next(a for a in call.arguments if a.name == "wikibio-renamed")
    del call["wikibio-renamed"]
    after = str(call)
    removed = len(before) - len(after)
    assert "wikibio-renamed" not in call
    # One cut, between the first argument's "|" and the end of the deleted argument.
    assert any(
        before[:cut] + before[cut + removed :] == after
        for cut in range(arguments[0].start - 1, argument.end - removed + 1)
    )


def _corpus_calls() -> list[str]:
    if not CORPUS.exists():
        return []
    calls: list[str] = []
    for path in sorted(CORPUS.glob("*.wikitext")):
        calls.extend(str(t) for t in wikibio.parse(path.read_text("utf-8")).templates)
    return calls


@needs_shared(CORPUS)
def test_every_corpus_template_edits_locally() -> None:
    """Add/delete restores, set and rename touch only their parameter, on every call."""
    calls = _corpus_calls()
    failures = []
    for text in calls:
        try:
            _check_call(text)
        except AssertionError as error:
            failures.append((text[:80], str(error)[:200]))
    assert [] == failures[:5], f"{len(failures)} of {len(calls)} calls"


@needs_shared(CORPUS)
@pytest.mark.parametrize("path", sorted(CORPUS.glob("*.wikitext")), ids=lambda p: p.stem)
def test_category_added_in_the_page_style(path: object) -> None:
    """A new category goes after the last one (or DEFAULTSORT, or the end), alone."""
    text = path.read_text("utf-8")  # type: ignore[attr-defined]
    article = wikibio.parse(text)
    links = article.category_links
    article.add_category("Wikibio test category", sort_key="Key")
    after = str(article)
    link = after.index("Wikibio test category|Key]]") + len("Wikibio test category|Key]]")
    position = link - (len(after) - len(text))
    inserted = after[position:link]

    assert text[:position] + inserted + text[position:] == after  # one insertion
    assert "Wikibio test category" in wikibio.parse(after).categories
    if links:
        word = str(links[-1])[2:].split(":")[0]
        assert links[-1].end == position
        assert inserted.lstrip().startswith(f"[[{word}:")
    else:
        assert inserted.startswith("\n\n[[Category:") or not text.strip()
    article.remove_category("Wikibio test category")
    assert text == str(article)


# --- generated pages --------------------------------------------------------------------


@given(wikitext(), st.sampled_from(["a", "1", "name", "title"]), st.text(max_size=20))
def test_any_template_edit_keeps_the_rest_of_the_page(text: str, name: str, value: str) -> None:
    """Setting a parameter of any call leaves every byte outside the call as it was."""
    article = wikibio.parse(text)
    calls = [t for t in article.templates if not t.dynamic and t.depth == 0]
    if not calls:
        return
    call = calls[0]
    start, end = call.start, call.end
    try:
        call[name] = value
    except (InvalidNodeError, WikibioError):
        return
    after = str(article)
    grown = len(after) - len(text)

    assert text[:start] == after[:start]
    assert text[end:] == after[end + grown :]
    edited = next(t for t in wikibio.parse(after).templates if t.start == start)
    escaped = "&#" in after or "{{!}}" in after or "{{=}}" in after
    assert value.strip() == edited.params[name].strip() or escaped


@pytest.mark.parametrize(
    ("text", "added"),
    [
        pytest.param("Text.", "Text.\n\n[[Category:A]]", id="after-the-text"),
        pytest.param("Text.\n", "Text.\n\n[[Category:A]]\n", id="before-the-final-newline"),
        pytest.param("\n", "[[Category:A]]\n", id="blank-page"),
        pytest.param("", "[[Category:A]]", id="empty-page"),
        pytest.param("T.\n[[Category:B]]\n", "T.\n[[Category:B]]\n[[Category:A]]\n", id="next"),
    ],
)
def test_category_added_then_removed_restores_the_page(text: str, added: str) -> None:
    """Adding a category writes it where the page keeps them; removing it gives the page back."""
    article = wikibio.parse(text)
    article.add_category("A")
    assert added == str(article)

    article.remove_category("A")
    assert text == str(article)


@given(wikitext(), st.text(st.characters(categories=["L"]), min_size=1, max_size=12))
def test_category_edits_read_back(text: str, name: str) -> None:
    """add_category then remove_category: the category reads back, then the page is restored."""
    article = wikibio.parse(text)
    if wikibio.parse(name).categories or any(c for c in "[]{}|<>#" if c in name):
        return
    present = {c.casefold() for c in article.categories}
    try:
        article.add_category(name)
    except WikibioError as error:  # the page ends in an unclosed comment or tag
        assert "unclosed" in str(error)
        assert text == str(article)
        return
    normalized = wikibio.parse(f"[[Category:{name}]]").categories[0]

    assert normalized in wikibio.parse(str(article)).categories
    if normalized.casefold() not in present:
        article.remove_category(name)
        assert text == str(article)


@given(wikitext())
@example(text="[[Ada|[[&amp;]]")  # a target with an entity becomes a label as written
def test_links_read_back_after_retargeting(text: str) -> None:
    """Every link to a page, pointed elsewhere, shows the same text and leads there."""
    article = wikibio.parse(text)
    links = [link for link in article.links if link.target]
    if not links:
        return
    old = links[0].target
    shown = [link.label for link in article.links if link.target == old]
    count = article.replace_link_target(old, "Wikibio Target")
    after = wikibio.parse(str(article))

    assert len(shown) == count
    assert shown == [link.label for link in after.links if link.target == "Wikibio Target"]


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("{{Reflist|refs=\n<ref name=a>A</ref>\n\n}}", id="blank-line-before-closing"),
        pytest.param("{{x|a=1\n  \n|b=2\n\n\n}}", id="blank-lines-between-and-before-closing"),
        pytest.param("{{x|refs=\r\nA\r\n\r\n}}", id="crlf-blank-line"),
        pytest.param("{{x\n|a=1\n|b=2\n}}", id="one-per-line"),
        pytest.param("{{x|a=1|b=2}}", id="inline"),
    ],
)
def test_adding_then_deleting_an_argument_gives_the_call_back(text: str) -> None:
    """A value ending in blank lines keeps them through an argument added after it and
    deleted again (the corpus's last exception: a {{Reflist|refs=…}} ending "\\n\\n}}")."""
    article = wikibio.parse(text)
    template = article.templates[0]
    template["added"] = "v"
    assert "v" == wikibio.parse(str(article)).templates[0]["added"].strip()

    del template["added"]

    assert text == str(article)


def test_a_new_argument_never_turns_a_line_of_the_call_into_a_heading() -> None:
    """Found by Hypothesis: after a value whose last line is "=", "|a=" would make that
    line "=|a=", a heading that takes the pipe, so the argument starts a line of its own."""
    article = wikibio.parse("{{a|1=\n=\n}}")
    article.templates[0]["a"] = "x"

    assert "{{a|1=\n=\n|a=\nx\n}}" == str(article)  # the value on its own line, as 1's
    assert "x" == wikibio.parse(str(article)).templates[0].params["a"].strip()


def test_an_added_argument_after_a_heading_candidate_spanning_lines_reads_back() -> None:
    """Found by Hypothesis: a heading candidate is one line to the preprocessor even when
    a nested argument breaks it ("== {{{\\n}}} =="), so the argument starts a new line."""
    article = wikibio.parse("{{a|1=\n== {{{\n}}} ==\n}}")
    article.templates[0]["a"] = "x"
    assert "x" == wikibio.parse(str(article)).templates[0].params["a"]
