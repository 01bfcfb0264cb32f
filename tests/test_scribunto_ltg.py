"""End to end with Lua: every ltgwiki article expands with the wiki's own 28 modules.

The Latgalian Wikipedia dump (903 articles) is its own template and module source.  Each
article (and each ``<ref>`` body, as Cite expands it) is expanded with the Lua runtime;
no ``#invoke`` may end in a script error.  The figure printed counts the module calls,
the modules they reach and the time taken.
"""

from __future__ import annotations

import sqlite3
import time
from collections import Counter

import pytest

from tests.conftest import FIGURES, needs_shared
from tests.test_expansion_ltg import DUMP, _calls_and_ref_bodies
from wikibio.dumps import open_dump, read_pages
from wikibio.expand import Arg, Call
from wikibio.scribunto import LuaEngine, PageSession, available, expand_with_diagnostics
from wikibio.sources import DumpSource, from_dump

pytestmark = [
    needs_shared(DUMP),
    pytest.mark.skipif(
        not available(), reason="the Lua runtime needs lupa: pip install 'wikibio[lua]'"
    ),
]


@pytest.fixture(scope="module")
def source(tmp_path_factory: pytest.TempPathFactory) -> DumpSource:
    """The wiki's templates and modules, indexed into a temporary SQLite file."""
    return from_dump(DUMP, index=tmp_path_factory.mktemp("ltg-lua") / "ltg.sqlite")


def test_every_article_expands_with_the_wikis_own_modules(source: DumpSource) -> None:
    """No module call of any article ends in a script error; missing templates (pages the
    wiki lacks) are the only problems left."""
    modules: Counter[str] = Counter()
    codes: Counter[str] = Counter()
    errors: list[str] = []
    articles = 0
    started = time.process_time()
    with open_dump(DUMP) as stream:
        for page in read_pages(stream):
            if page.ns != 0 or page.redirect is not None:
                continue
            articles += 1
            _, bodies = _calls_and_ref_bodies(page.text)
            for text in (page.text, *bodies):
                session = LuaEngine.shared().page()

                def counted(
                    call: Call,
                    module: str,
                    function: str,
                    args: list[Arg],
                    session: PageSession = session,
                ) -> str:
                    modules[module] += 1
                    return session.invoke(call, module, function, args)

                result = expand_with_diagnostics(
                    text, title=page.title, templates=source, invoke=counted
                )
                codes.update(d.code for d in result.diagnostics)
                errors += [
                    f"{page.title}: {d.message}"
                    for d in result.diagnostics
                    if d.code == "script-error"
                ]
    seconds = time.process_time() - started
    FIGURES["ltgwiki with Lua modules"] = (
        f"{articles} articles, {sum(modules.values())} #invoke calls of "
        f"{len(modules)} modules ({', '.join(f'{m} {n}' for m, n in modules.most_common())}), "
        f"{len(errors)} script errors, diagnostics {dict(codes)}, {seconds:.1f} s CPU"
    )
    assert [] == errors
    assert set(codes) <= {"missing-template"}
    assert sum(modules.values()) > 0


MODULE_CALLS = [
    (
        "Module:Infobox through Taiss:Infoskreine",
        "{{Infoskreine|title=T|label1=Born|data1=1950}}",
        '<table class="infobox" style="width:22em"><caption>T</caption><tr>'
        '<th scope="row" style="text-align:left">Born</th><td>\n1950</td></tr></table>',
    ),
    ("Module:If empty", "{{Ifempty|||c}}", "c"),
    ("Module:Br separated entries", "{{Br separated entries|a|b}}", "a<br />b"),
    ("Module:String", "{{#invoke:String|replace|a.b.c|.|-|plain=true}}", "a-b-c"),
    ("Module:Math", "{{#invoke:Math|round|3.14159|2}}", "3.14"),
    (
        "Module:URL",
        "{{URL|example.com}}",
        '<span class="url">[http://example.com example.com]</span>',
    ),
    ("Module:Namespace detect", "{{#invoke:Namespace detect|main|main=M|other=O}}", "M"),
    ("Module:Break", "{{#invoke:Break|main|2}}", "<br /><br />"),
]


@pytest.mark.parametrize(
    ("text", "expected"), [c[1:] for c in MODULE_CALLS], ids=[c[0] for c in MODULE_CALLS]
)
def test_the_wikis_modules_give_what_the_wiki_shows(
    source: DumpSource, text: str, expected: str
) -> None:
    """Calls of the wiki's modules (directly or through its templates) expand cleanly."""
    result = expand_with_diagnostics(text, title="Test page", templates=source)
    assert (expected, ()) == (result.text, result.diagnostics)


def test_every_module_of_the_wiki_loads(source: DumpSource) -> None:
    """All 28 modules compile and run their main chunk (``require`` gives a value)."""
    loader = (
        "return { load = function(frame) local ok, v = pcall(require, 'Module:' .. frame.args[1]) "
        "return ok and '' or (frame.args[1] .. ': ' .. tostring(v) .. '; ') end }"
    )
    with sqlite3.connect(source.index) as db:
        names = sorted(title for (title,) in db.execute("SELECT title FROM pages WHERE ns = 828"))

    class WithLoader:
        site = source.site

        def get(self, title: str) -> str | None:
            return loader if title == "Module:Loader" else source.get(title)

        def exists(self, title: str) -> bool:
            return title == "Module:Loader" or source.exists(title)

    text = "".join(f"{{{{#invoke:Loader|load|{name}}}}}" for name in names)
    result = expand_with_diagnostics(text, templates=WithLoader())
    assert 28 == len(names)
    assert "" == result.text
