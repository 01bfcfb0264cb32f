"""Scribunto's own Lua test suites (``shared/conformance/scribunto/lua``), run by our runtime.

Each ``*Tests.lua`` module returns ``testframework.getTestProvider{…}``: ``provide(n)``
gives a case's name and its expectation formatted as Scribunto formats it, ``run(n)``
executes ``func(unpack(args))`` and formats what it got.  A case passes when the two
strings are equal, as upstream's PHP runner asserts.  The environment is the one the
suites' PHP test bases set up (README): server ``//wiki.local``, ``/wiki/$1``,
``/w/index.php``, namespace 100 ``Test``, the pages the title tests read, and an
expensive-function limit of 10.
"""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

from wikibio.expand import Expander, make_title
from wikibio.site.expansion import ExpansionSite

SUITES_DIR = Path(__file__).resolve().parents[2] / "shared" / "conformance" / "scribunto" / "lua"

#: Suite file → library label (the pass rate is printed per label).
SUITES: dict[str, str] = {
    "CommonTests.lua": "common",
    "LibraryUtilTests.lua": "libraryutil",
    "TextLibraryTests.lua": "text",
    "UstringLibraryTests.lua": "ustring",
    "HtmlLibraryTests.lua": "html",
    "TitleLibraryTests.lua": "title",
    "LanguageLibraryTests.lua": "language",
    "UriLibraryTests.lua": "uri",
    "MessageLibraryTests.lua": "message",
    "SiteLibraryTests.lua": "site",
    "HashLibraryTests.lua": "hash",
}

SITE = ExpansionSite.from_names(
    {100: "Test", 101: "Test talk"},
    sitename="Wikipedia",
    server="//wiki.local",
    article_path="/wiki/$1",
    script="/w/index.php",
)
CLOCK = datetime.datetime(2024, 1, 2, 3, 4, 5, tzinfo=datetime.UTC)

#: Pages the PHP test bases create.
PAGES: dict[str, str] = {
    "ScribuntoTestPage": "{{int:mainpage}}<includeonly>...</includeonly><noinclude>...</noinclude>",
    "Test:Restricted": "Some secret.",
    "ScribuntoTestRedirect": "#REDIRECT [[ScribuntoTestTarget]]",
    "ScribuntoTestNonRedirect": "Not a redirect.",
}

_RUN_CASE = """
return function ( provider, n )
    local _, name, expect = provider.provide( n )
    local ok, got = pcall( provider.run, n )
    if not ok then
        if type( got ) == 'string' and got:sub( 1, 6 ) == 'SKIP: ' then
            return name, expect, nil, got:sub( 7 )
        end
        return name, expect, 'ERROR (outside the case): ' .. tostring( got )
    end
    return name, expect, got
end
"""


def module_pages() -> dict[str, str]:
    """Every suite file as a ``Module:`` page, plus the pages the suites read."""
    pages: dict[str, str] = {}
    for path in sorted(SUITES_DIR.glob("*")):
        if path.suffix == ".lua":
            pages[f"Module:{path.stem}"] = path.read_text("utf-8")
        elif path.suffix == ".json":
            pages[f"Module:{path.name}"] = path.read_text("utf-8")
    for title, text in PAGES.items():
        page = make_title(title, 0, SITE)
        assert page is not None
        pages[page.canonical] = text
    return pages


class SuiteRunner:
    """Runs one suite file's cases in one page session of the shared engine."""

    def __init__(self, suite: str) -> None:
        from wikibio.expand.engine import Frame
        from wikibio.scribunto.runtime import Limits, LuaEngine

        self.suite = suite
        self.pages = module_pages()
        page = make_title("Main Page", 0, SITE)
        assert page is not None
        self.expander = Expander(
            lambda title: self.pages.get(title), page=page, site=SITE, clock=CLOCK
        )
        self.engine = LuaEngine.shared()
        self.session = self.engine.page(Limits(expensive_calls=10), test_mode=True)
        self.session.interwiki["interwikiprefix"] = "//test.wikipedia.org/wiki/$1"
        self.session.nonincludable = frozenset({100, 101})
        module = make_title(f"Module:{Path(suite).stem}", 0, SITE)
        assert module is not None
        self.title = module.full.encode()
        root = Frame(None, None, {})
        self.module_frame = Frame(root, module, {})
        self.source = self.pages[module.canonical].encode()
        self.runner = self.engine.lua.execute(_RUN_CASE.encode())
        self._set_id = self.engine.lua.execute(
            b"return function(mw) mw.title.testPageId = 1 end"
        )
        # TextLibraryTestBase and HtmlLibraryTestBase give the suites strip markers: a
        # nowiki one, a general one and one of preprocessor nowiki (its original text)
        self._set_markers = self.engine.lua.execute(
            b"return function(mw, nowiki, general, pp)"
            b" mw.text.stripTest = { nowiki = nowiki, general = general, ppnowiki = pp }"
            b" mw.html.stripMarkers = { nowiki = nowiki } end"
        )
        self._markers = tuple(
            self.expander.strip_marker(content, name).encode()
            for content, name in (
                ("NoWiki", "nowiki"),
                ("<ref>General</ref>", "ref"),
                ("<nowiki>PP-NoWiki</nowiki>", "nowiki"),
            )
        )

    def _fresh_page(self) -> None:
        """A clean page per case, as upstream runs each case with a clean parser."""
        self.session.start(self.expander)
        # TitleLibraryTestBase gives the suite the id of ScribuntoTestPage
        self.session.page_ids["ScribuntoTestPage"] = 1
        self.engine.engine.run(self.title, b"return mw", 10.0, self.frame, self._set_id)
        self.engine.engine.run(
            self.title, b"return mw", 10.0, self.frame, self._set_markers, *self._markers
        )

    def count(self) -> int:
        """How many cases the suite's provider has."""
        self._fresh_page()
        ok, value = self._run(self.engine.lua.eval(b"function(p) return p.count end"))[:2]
        if not ok:
            raise RuntimeError(f"{self.suite} does not load: {value}")
        return int(value)

    def names(self) -> list[str]:
        """Every case's name, in order (the provider's ``provide``, nothing run)."""
        self._fresh_page()
        lister = self.engine.lua.eval(
            b"function(p) local t = {} for i = 1, p.count do local _, name = p.provide(i) "
            b"t[i] = name end return t end"
        )
        result = self._run(lister)
        if not result[0]:
            raise RuntimeError(f"{self.suite} does not load: {result[1]!r}")
        return [_text(v) for _, v in sorted(result[1].items())]

    def case(self, n: int) -> tuple[str, str, str | None, str | None]:
        """(name, expected, got, skip reason) of case ``n`` (1-based)."""
        self._fresh_page()
        result = self._run(self.runner, n)
        if not result[0]:
            return f"case {n}", "", f"ERROR (runner): {result[1]}", None
        _, name, expect, got, skip = (*result, None, None, None)[:5]
        return _text(name), _text(expect), None if got is None else _text(got), skip

    @property
    def frame(self) -> int:
        """The module's frame in the current page session."""
        return self.session.frame_id(self.module_frame, None)

    def _run(self, fn: Any, *args: Any) -> tuple[Any, ...]:
        self.engine.session = self.session
        result = self.engine.engine.run(
            self.title, self.source, 60.0, self.frame, fn, *args
        )
        return result if isinstance(result, tuple) else (result,)


def _text(value: object) -> str:
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return "" if value is None else str(value)
