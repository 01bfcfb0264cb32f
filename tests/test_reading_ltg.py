"""End to end: every ltgwiki article reads cleanly with ``parse(…, templates=dump)``.

The Latgalian Wikipedia's dump (903 articles, its templates in ``Taiss:``) is its own
template source.  Each article's reading view with templates must show no wikitext
markup (template braces, links, refs, table syntax, bold quotes, behaviour switches) and
no HTML tag that its reading view without templates does not show already (the page's
own markup, e.g. hand-written ``<table>`` rows, is the plain view's business).  With
lupa installed the wiki's Lua modules run: no article may show a "Script error"; without
it the error is MediaWiki's text for a module that cannot run, counted.
"""

from __future__ import annotations

import re

import pytest

import wikibio
from tests.conftest import CORPUS, FIGURES, needs_shared
from wikibio.dumps import open_dump, read_pages
from wikibio.scribunto import available as lua_available
from wikibio.sources import DumpSource, from_dump

DUMP = CORPUS / "wikis" / "ltgwiki-pages-articles.xml"

pytestmark = needs_shared(DUMP)

#: Wikitext that must never reach a reader.
WIKITEXT = ("{{", "}}", "[[", "]]", "<ref", "|-", "{|", "|}", "'''", "__")
#: An HTML tag as text.
TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>]*)?/?>")
#: What MediaWiki shows for an ``#invoke`` whose module fails or cannot run.
SCRIPT_ERROR = "Script error"


def markup(text: str) -> set[str]:
    """The markup a reading view shows: wikitext marks and HTML tags."""
    return {mark for mark in WIKITEXT if mark in text} | set(TAG.findall(text))


@pytest.fixture(scope="module")
def source(tmp_path_factory: pytest.TempPathFactory) -> DumpSource:
    return from_dump(DUMP, index=tmp_path_factory.mktemp("ltg") / "ltg.sqlite")


def test_every_article_reads_cleanly_with_its_wikis_templates(source: DumpSource) -> None:
    articles = 0
    own_markup: list[str] = []
    leaking: dict[str, set[str]] = {}
    script_errors = 0
    references = from_templates = template_categories = infobox_tables = 0
    infobox_rows = labelled = 0
    with open_dump(DUMP) as stream:
        pages = [p for p in read_pages(stream) if p.ns == 0 and p.redirect is None]
    for page in pages:
        articles += 1
        article = wikibio.parse(page.text, title=page.title, templates=source)
        text = article.to_text()
        script_errors += SCRIPT_ERROR in text
        alone = wikibio.parse(page.text, title=page.title)  # the page without templates
        shown = markup(text)
        if shown:
            plain = markup(alone.to_text())
            if shown - plain:
                leaking[page.title] = shown - plain
            else:
                own_markup.append(page.title)
        references += len(article.references)
        from_templates += len(article.references) - len(alone.references)
        template_categories += bool(article.template_categories)
        expansion = article.expansion
        assert expansion is not None
        infobox_tables += 'class="infobox' in expansion.text
        infobox = article.infobox
        if infobox is not None and 'class="infobox' in expansion.text:
            rows = infobox.rows()
            labelled += sum(1 for label, value in rows if label and value)
            infobox_rows += len(rows)
    FIGURES["ltgwiki reading view with templates (parse(templates=dump))"] = (
        f"{articles - len(leaking) - len(own_markup)}/{articles} articles show no markup, "
        f"{len(own_markup)} only the page's own HTML (as without templates), "
        f"{len(leaking)} markup from expansion; {script_errors} show a Lua 'Script error' "
        f"({'modules run' if lua_available() else 'no lupa'}); "
        f"{references} notes ({from_templates:+d} from templates); "
        f"{infobox_tables} infobox tables ({infobox_rows} rows, {labelled} label+value); "
        f"{template_categories} articles with template categories"
    )
    assert {} == leaking
    assert script_errors == 0 or not lua_available()
