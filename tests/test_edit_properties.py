"""No edit corrupts the page: what readers see changes only where the edit says.

After any sequence of edits with values drawn from a markup-dense alphabet (``}``, ``{{``,
``|``, ``<ref>``, ``</ref>``, ``<!--``, ``=``, newlines) on LF and CRLF pages, either
the edit is refused with ``InvalidNodeError`` and the page is untouched, or the page,
parsed again from its text, shows every other infobox field and every reference as
before and the edited field as it was set (escapes aside).

The default profile runs a few hundred sequences per test; ``HYPOTHESIS_PROFILE=thorough``
runs 5,000 on each of the LF and CRLF tests and 10,000 on small corpus pages.
"""

from __future__ import annotations

import html
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, note, settings
from hypothesis import strategies as st

import wikibio
from tests.conftest import CORPUS

#: The pieces values and note contents are made of: markup that ends, opens or splits things.
PIECES = [
    "}", "}}", "{{", "{", "|", "=", "<ref>", "</ref>", "<ref name=q>", "<!--", "-->",
    "<nowiki>", "</nowiki>", "<includeonly>", "[[", "]]", "{|", "|}", "\n", "a", "b c",
    "{{t|x}}", "&", "'''", " ",
]  # fmt: skip

PAGES = [
    "{{Infobox person\n| name = Ada\n| birth_date = 1815\n| spouse = W\n}}\n"
    "'''Ada''' was a writer.<ref name=a>A</ref> She wrote.<ref>B</ref>\n"
    "== Life ==\nMore text.<ref name=a/>\n\n== Notes ==\n<references/>\n",
    "{{Infobox scientist|name=Bo|fields=[[Physics]]|awards={{ubl|X|Y}}}}\n"
    "Bo is a physicist.<ref group=n>Note</ref> {{efn|E}}\n<references group=n/>\n{{notelist}}",
]
#: Small corpus pages with an infobox (the thorough profile's material).
CORPUS_PAGES = sorted(
    path
    for path in CORPUS.glob("**/*.wikitext")
    if path.stat().st_size < 12_000 and "{{Infobox" in path.read_text("utf-8")
) if CORPUS.exists() else []  # fmt: skip

FIELDS = ["name", "spouse", "birth_date", "awards", "new_field", "zq"]


def _values(newline: str) -> st.SearchStrategy[str]:
    pieces = [newline if p == "\n" else p for p in PIECES]
    return st.lists(st.sampled_from(pieces), max_size=8).map("".join)


def _unescaped(value: str) -> str:
    """A value as a reader sees its characters: the escapes ``escape_value`` writes undone."""
    return html.unescape(value.replace("{{!}}", "|").replace("{{=}}", "=")).strip()


def _fields(article: wikibio.Article) -> dict[str, str]:
    box = article.infobox
    return {} if box is None else {name: field.value for name, field in box.items()}


def _notes(article: wikibio.Article) -> Counter[tuple[str | None, str, str]]:
    return Counter((r.name, r.group, r.wikitext.strip()) for r in article.references)


def _edits(newline: str) -> st.SearchStrategy[list[tuple[str, str, str]]]:
    edit = st.one_of(
        st.tuples(st.just("set"), st.sampled_from(FIELDS), _values(newline)),
        st.tuples(
            st.just("cite"), st.sampled_from(["here", "text", "wrote.", "Ada"]), _values(newline)
        ),
    )
    return st.lists(edit, min_size=1, max_size=5)


def _check(text: str, edits: list[tuple[str, str, str]]) -> None:
    article = wikibio.parse(text)
    for kind, where, value in edits:
        before = str(article)
        fields, notes = _fields(article), _notes(article)
        note(f"{kind} {where!r} {value!r} on {before!r}")
        try:
            if kind == "set":
                if article.infobox is None:
                    continue
                article.infobox[where] = value
            else:
                if where not in before:
                    continue
                article.add_reference(value, after=before.index(where) + len(where))
        except wikibio.InvalidNodeError:
            assert before == str(article), "a refused edit changed the page"
            continue
        after = wikibio.parse(str(article))
        got = _fields(after)
        if kind == "set":
            assert {**fields, where: got.get(where, "")} == got, "another field changed"
            assert _unescaped(value) == _unescaped(got[where])
            # Notes come and go only with the field's own old and new values.
            added, lost = _notes(after) - notes, notes - _notes(after)
            assert all(content in _unescaped(value) for _, _, content in added)
            old = fields.get(where, "")
            assert all(content in old for _, _, content in lost), "another note changed"
        else:
            assert fields == got, "a field changed"
            new = _notes(after) - notes
            lost = notes - _notes(after)
            # The new note, or a reuse of an identical note (which may get a name).
            assert len(new) <= 2 and len(lost) <= 1
            assert any(content == value.strip() for _, _, content in new) or any(
                content == value.strip() for _, _, content in notes
            )
        if "\r\n" in text:
            assert "\n" not in str(article).replace("\r\n", ""), "a bare LF in a CRLF page"
        article = after


@given(st.sampled_from(PAGES), _edits("\n"))
def test_edits_change_only_what_they_say(text: str, edits: list[tuple[str, str, str]]) -> None:
    """LF pages: each edit is refused untouched, or changes only its own field or note."""
    _check(text, edits)


@given(st.sampled_from(PAGES), _edits("\r\n"))
def test_edits_in_a_crlf_page_keep_its_line_ends(
    text: str, edits: list[tuple[str, str, str]]
) -> None:
    """The same on CRLF pages, whose new lines end in CRLF too."""
    _check(text.replace("\n", "\r\n"), edits)


@pytest.mark.skipif(not CORPUS_PAGES, reason=f"{CORPUS} is absent (shared corpus)")
@settings(max_examples=2 * settings().max_examples)
@given(st.sampled_from(CORPUS_PAGES or [Path()]), _edits("\n"))
def test_edits_on_corpus_pages(path: Path, edits: list[tuple[str, str, str]]) -> None:
    """Small real pages (infoboxes, notes, templates as editors write them)."""
    _check(path.read_text("utf-8"), edits)
