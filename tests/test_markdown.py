"""The reading view as Markdown: ``Article.to_markdown`` and ``wikibio text --markdown``."""

from __future__ import annotations

import re

import pytest
from hypothesis import given

import wikibio
from tests.conftest import EXAMPLES
from wikibio.cli import main
from wikibio.strategies import articles

XU = EXAMPLES / "Xu_Junping.wikitext"

CASES = [
    (
        "heading levels",
        "= One =\n== Two ==\n=== Three ===\n====== Six ======",
        "# One\n\n## Two\n\n### Three\n\n###### Six",
    ),
    ("paragraphs", "A\nB\n\nC [[Paris|the city]].", "A B\n\nC the city."),
    ("bullets", "* a\n* b", "- a\n- b"),
    ("nested bullets", "* a\n** b\n*** c\n* d", "- a\n    - b\n        - c\n- d"),
    ("numbered, nested", "# one\n# two\n## two.one", "1. one\n2. two\n    1. two.one"),
    ("deeper level without a parent", "** b", "- b"),
    ("indent and term lines are paragraphs", "* a\n: indented\n; term", "- a\n\nindented\n\nterm"),
    (
        "table as a pipe table",
        '{| class="wikitable"\n|+ Cap\n! A !! B\n|-\n| 1 || a{{!}}b\n|-\n| 3\n|}',
        "Cap\n\n| A | B |\n| --- | --- |\n| 1 | a\\|b |\n| 3 |  |",
    ),
    (
        "blockquote",
        "Intro.\n\n<blockquote>First.\n\nSecond.</blockquote>\n\nAfter.",
        "Intro.\n\n> First.\n>\n> Second.\n\nAfter.",
    ),
    (
        "infobox as a label | value table",
        "{{Infobox military person\n| name = Xu\n| rank = [[Colonel]]<ref>R</ref>\n"
        "| allegiance = {{plainlist|\n* China\n* Taiwan}}\n}}\nText.",
        "**Xu**\n\n|  |  |\n| --- | --- |\n| Allegiance | China<br>Taiwan |\n"
        "| Rank | Colonel[^1] |\n\nText.\n\n[^1]: R",
    ),
    (
        "footnotes: reuse, efn and other groups",
        "A.<ref name=x>X</ref> B.<ref name=x/> C.{{efn|Note}} D.<ref group=note>N</ref>\n\n"
        "{{notelist}}\n{{reflist|group=note}}\n{{reflist}}",
        "A.[^1] B.[^1] C.[^a] D.[^note-1]\n\n[^a]: Note\n\n[^note-1]: N\n\n[^1]: X",
    ),
    ("generated reference list", "A.<ref>N</ref>", "A.[^1]\n\n[^1]: N"),
    ("marker of a group without a list is text", "A.<ref group=g>N</ref>", "A."),
    (
        "escapes where Markdown would read markup",
        "5 * 3, a_b, _x_, [x], `c` and ~~s~~",
        "5 \\* 3, a_b, \\_x\\_, \\[x\\], \\`c\\` and \\~\\~s\\~\\~",
    ),
    ("line start that would be a list", "1. Not a list", "1\\. Not a list"),
    ("line start that would be a heading", "<nowiki># no</nowiki>", "\\# no"),
    ("line start that would be a bullet", "- dash", "\\- dash"),
    ("heading ending in #", "== C # ==\n== C# ==", "## C \\#\n\n## C#"),
    ("entity-like text stays text", "AT&amp;T &amp;copy;", "AT&T \\&copy;"),
]


@pytest.mark.parametrize(("text", "expected"), [pytest.param(t, e, id=i) for i, t, e in CASES])
def test_markdown(text: str, expected: str) -> None:
    """Each block of the reading view as Markdown, references as footnotes."""
    assert expected == wikibio.parse(text).to_markdown()


def test_page_header() -> None:
    """``page_header`` starts with the title as the one ``#`` heading, then the tagline."""
    markdown = wikibio.parse("Body.", title="T").to_markdown(page_header=True)

    assert "# T\n\nFrom Wikipedia, the free encyclopedia\n\nBody." == markdown


def test_footnote_ids_are_unique_when_labels_collide() -> None:
    """Two groups that label notes alike get distinct ids (the later one prefixed)."""
    text = "A{{efn|x}} B{{efn-lr|y}} C{{efn|z}} D{{efn|w}} E{{efn|v}} F{{efn|u}} G{{efn|t}}"
    text += " H{{efn|s}} I{{efn|r}} J{{efn|q}}\n\n{{notelist}}\n{{notelist-lr}}"
    markdown = wikibio.parse(text).to_markdown()
    definitions = re.findall(r"^\[\^([^\]]+)\]:", markdown, re.MULTILINE)

    assert len(definitions) == len(set(definitions)) == 10
    assert "[^lower-roman-i]: y" in markdown


def test_xu_junping_has_its_footnotes() -> None:
    """The example article: sections as ``##``, the infobox table, each note defined once."""
    markdown = wikibio.parse(XU.read_text("utf-8"), title="Xu Junping").to_markdown()
    used = set(re.findall(r"\[\^(\w+)\](?!:)", markdown))
    defined = re.findall(r"^\[\^(\w+)\]: ", markdown, re.MULTILINE)

    assert markdown.startswith("**Xu Junping**\n\n|  |  |\n| --- | --- |\n| Allegiance | China |")
    assert "\n\n## Career\n\n" in markdown
    assert '(March 24, 2001). "Defection of Senior Chinese Officer Is Confirmed".' in markdown
    assert ["1", "2", "3", "4", "5"] == defined
    assert set(defined) == used


def test_cli_text_markdown(capsys: pytest.CaptureFixture[str]) -> None:
    """``wikibio text FILE --markdown`` prints ``Article.to_markdown``."""
    assert 0 == main(["text", str(XU), "--markdown", "--page-header"])

    assert capsys.readouterr().out.startswith("# Xu Junping\n\nFrom Wikipedia")


@given(articles())
def test_to_markdown_never_raises(article: wikibio.Article) -> None:
    """Any built article renders, and every footnote it references is defined."""
    markdown = article.to_markdown(page_header=True)
    used = set(re.findall(r"\[\^([^\]]+)\](?!:)", markdown))
    defined = set(re.findall(r"^\[\^([^\]]+)\]:", markdown, re.MULTILINE))

    assert used <= defined
