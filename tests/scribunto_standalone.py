"""A minimal Scribunto environment for mw.ustring, mw.text and mw.html alone.

It builds the three libraries as the runtime does (``register`` of the Python half, then
the Lua chunk as ``function(mw, py, rt)``) in a bare lupa Lua 5.1 state, with what
Scribunto's test suites need around them: ``pairs`` honouring ``__pairs``, ``require``
of ``Module:TestFramework``, strip markers for ``mw.text.unstrip`` and friends (the
PHP test base makes them; here ``rt.unstripNoWiki`` knows three), and
``mw.html.stripMarkers``.  The libraries' conformance and their real-world tables run
here, so they do not depend on the rest of the runtime.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Any

SUITES_DIR = Path(__file__).resolve().parents[2] / "shared" / "conformance" / "scribunto" / "lua"

#: Suite file → library label.
LIBRARY_SUITES: dict[str, str] = {
    "UstringLibraryTests.lua": "ustring",
    "TextLibraryTests.lua": "text",
    "HtmlLibraryTests.lua": "html",
}

_SETUP = r"""
local ustringPy, ustringChunk, textPy, textChunk, htmlChunk, frameworkSource = ...
local realPairs = pairs
function pairs( t )
    local mt = getmetatable( t )
    local f = type( mt ) == 'table' and mt.__pairs
    if f then
        return f( t )
    end
    return realPairs( t )
end

local function marker( name, n )
    return "\127'\"`UNIQ-" .. name .. '-' .. string.format( '%08X', n ) .. "-QINU`\"'\127"
end
local markers = {
    nowiki = marker( 'nowiki', 1 ),
    general = marker( 'item', 2 ),
    ppnowiki = marker( 'nowiki', 3 ),
}
local contents = {
    [markers.nowiki] = { nowiki = true, text = 'NoWiki' },
    [markers.ppnowiki] = {
        nowiki = true, text = 'PP-NoWiki', original = '<nowiki>PP-NoWiki</nowiki>',
    },
}
local rt = {}
function rt.unstripNoWiki( s, getOrigTextWhenPreprocessing )
    return ( string.gsub( s, "\127'\"`UNIQ%-.-%-QINU`\"'\127", function ( m )
        local c = contents[m]
        if not c then
            return m
        end
        return getOrigTextWhenPreprocessing and c.original or c.text
    end ) )
end

mw = {}
mw.ustring = ustringChunk( mw, ustringPy )
mw.text = textChunk( mw, textPy, rt )
mw.text.stripTest = markers
mw.html = htmlChunk( mw, nil, rt )
mw.html.stripMarkers = { nowiki = markers.nowiki }

package.preload['Module:TestFramework'] = function ()
    return assert( loadstring( frameworkSource, '=TestFramework' ) )()
end

return function ( source, chunkname )
    local provider = assert( loadstring( source, '=' .. chunkname ) )()
    local function case( n )
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
    return provider.count, case
end
"""


def lua_source(name: str) -> str:
    """A library chunk shipped in ``wikibio/scribunto/lua``."""
    return resources.files("wikibio.scribunto").joinpath("lua").joinpath(name).read_text("utf-8")


class Standalone:
    """One Lua state with mw.ustring, mw.text and mw.html, and the suites' harness.

    The libraries are built as the runtime builds them (``lua/mw.ustring.lua`` copies
    ``register``'s table); ``ascii_fast_path=False`` builds mw.ustring without the
    hand-off of ASCII text to Lua's ``string``.
    """

    def __init__(self, *, ascii_fast_path: bool = True) -> None:
        from lupa import lua51

        from wikibio.scribunto import text, ustring

        self.lua = lua51.LuaRuntime(encoding=None)
        lua = self.lua
        load = lua.eval("function(s, n) return assert(loadstring(s, '=' .. n))() end")
        setup = lua.execute("return function(...) " + _SETUP + " end")
        framework = (SUITES_DIR / "TestFramework.lua").read_bytes() if SUITES_DIR.exists() else b""
        self.load_suite = setup(
            ustring.register(lua, ascii_fast_path=ascii_fast_path),
            load(lua_source("mw.ustring.lua").encode(), b"mw.ustring"),
            text.register(lua),
            load(lua_source("mw.text.lua").encode(), b"mw.text"),
            load(lua_source("mw.html.lua").encode(), b"mw.html"),
            framework,
        )

    def eval(self, source: str) -> Any:
        """Run a Lua chunk (``return …``) in the environment; results as lupa gives them."""
        return self.lua.execute(source.encode("utf-8"))

    def suite(self, filename: str) -> list[tuple[str, str, str | None, str | None]]:
        """Every case of a suite: (name, expected, got, skip reason)."""
        source = (SUITES_DIR / filename).read_bytes()
        count, case = self.load_suite(source, filename.removesuffix(".lua").encode())
        results = []
        for n in range(1, int(count) + 1):
            row = case(n)
            if not isinstance(row, tuple):
                row = (row,)
            name, expect, got, skip = (*row, None, None, None)[:4]
            results.append((_text(name), _text(expect), None if got is None else _text(got), skip))
        return results


def _text(value: object) -> str:
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return "" if value is None else str(value)
