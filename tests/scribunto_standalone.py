"""A minimal Scribunto environment for mw.ustring, mw.text and mw.html alone.

It builds the three libraries as the runtime does (``register`` of the Python half, then
the Lua chunk as ``function(mw, py, rt)``) in a bare lupa Lua 5.1 state, with ``pairs``
honouring ``__pairs`` and three strip markers (``mw.text.stripTest``) that
``rt.unstripNoWiki`` knows.  The property tests, the real-world table and
``benchmarks/bench_ustring.py`` run here, so they measure the libraries alone; Scribunto's
suites run through the whole runtime (``tests/test_scribunto_conformance.py``).
"""

from __future__ import annotations

from importlib import resources
from typing import Any

_SETUP = r"""
local ustringPy, ustringChunk, textPy, textChunk, htmlChunk = ...
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

"""


def lua_source(name: str) -> str:
    """A library chunk shipped in ``wikibio/scribunto/lua``."""
    return resources.files("wikibio.scribunto").joinpath("lua").joinpath(name).read_text("utf-8")


class Standalone:
    """One Lua state with mw.ustring, mw.text and mw.html (the globals ``mw`` and ``pairs``).

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
        setup(
            ustring.register(lua, ascii_fast_path=ascii_fast_path),
            load(lua_source("mw.ustring.lua").encode(), b"mw.ustring"),
            text.register(lua),
            load(lua_source("mw.text.lua").encode(), b"mw.text"),
            load(lua_source("mw.html.lua").encode(), b"mw.html"),
        )

    def eval(self, source: str) -> Any:
        """Run a Lua chunk (``return …``) in the environment; results as lupa gives them."""
        return self.lua.execute(source.encode("utf-8"))
