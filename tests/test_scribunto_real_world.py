"""mw.ustring and mw.text as Wikipedia's modules use them, on Latgalian and other text.

Each row is a Lua expression of the kind found in common modules (Module:Arguments'
trimming, Module:String's escaping and counting, infobox list splitting, wikilink
parsing, word frontiers) with the values MediaWiki gives.  Several rows show where
``mw.ustring`` must differ from Lua's byte-based ``string``: ``%a`` and ``%f`` on
letters with diacritics, positions in characters, non-ASCII digits.
"""

from __future__ import annotations

import functools
import importlib.util
from typing import Any

import pytest

pytestmark = pytest.mark.skipif(
    importlib.util.find_spec("lupa") is None,
    reason="lupa is not installed: the Lua libraries need the 'lua' extra "
    "(pip install 'wikibio[lua]')",
)

_RUN = """
return function ( code )
    local f = assert( loadstring( 'return ' .. code ) )
    local function pack( ... )
        return { n = select( '#', ... ), ... }
    end
    return pack( pcall( f ) )
end
"""


@functools.cache
def _runner() -> Any:
    from tests.scribunto_standalone import Standalone

    return Standalone().eval(_RUN)


def run(code: str) -> tuple[object, ...]:
    """The values of a Lua expression (strings as ``str``), or ``("error", message)``."""
    table = _runner()(code.encode("utf-8"))
    values = [table[i] for i in range(1, table[b"n"] + 1)]
    decoded = tuple(v.decode("utf-8") if isinstance(v, bytes) else v for v in values)
    if decoded[0] is False:
        return ("error", decoded[1])
    return decoded[1:]


CASES = [
    # trimming, as Module:Arguments and templates' parameters do
    ("mw.ustring.match(' \\t Jānis Rainis \\n', '^%s*(.-)%s*$')", ("Jānis Rainis",), "trim"),
    ("mw.ustring.match('\\194\\160Rīga\\194\\160', '^%s*(.-)%s*$')", ("Rīga",), "trim-nbsp"),
    ("mw.text.trim('\\194\\160Rīga ')", ("\u00a0Rīga",), "text-trim-is-ascii-only"),
    ("mw.text.trim('«Rīga»', '«»')", ("Rīga",), "text-trim-charset"),
    # lists in infobox parameters
    (
        "unpack(mw.text.split('Rēzekne, Daugavpils ,Ludza', '%s*,%s*'))",
        ("Rēzekne", "Daugavpils", "Ludza"),
        "split-commas",
    ),
    ("#mw.text.split('Rēzekne', '')", (7,), "split-characters"),
    (
        "(function() local t = {} for w in mw.ustring.gmatch('a, bē, c', '[^,]+') do "
        "t[#t + 1] = w end return unpack(t) end)()",
        ("a", " bē", " c"),
        "gmatch-comma-items",
    ),
    ("mw.text.listToText({'Rēzekne', 'Ludza', 'Preiļi'})", ("Rēzekne, Ludza and Preiļi",), "list"),
    # word frontiers and letters with diacritics
    ("mw.ustring.gsub('Lūznava lūzna Lūz', '%f[%a]Lūz%f[%A]', 'X')", ("Lūznava lūzna X", 1), "f"),
    ("mw.ustring.gsub('ūdens', '%f[%a]%a+', 'X')", ("X", 1), "f-word-starts-at-u-macron"),
    ("string.gsub('ūdens', '%f[%a]%a+', 'X')", ("ūX", 1), "f-bytes-differ"),
    ("select(2, mw.ustring.gsub('Vīns un ūdens', '%S+', ''))", (3,), "count-words"),
    ("mw.ustring.match('Ļoti labi', '^%u%l+')", ("Ļoti",), "upper-lower-classes"),
    # first letter up or down, as {{ucfirst:}}-like module helpers do
    (
        "mw.ustring.upper(mw.ustring.sub('ērglis', 1, 1)) .. mw.ustring.sub('ērglis', 2)",
        ("Ērglis",),
        "ucfirst",
    ),
    ("mw.ustring.lower('ĻOTI')", ("ļoti",), "lower"),
    ("mw.ustring.upper('straße')", ("STRASSE",), "upper-full-case-mapping"),
    # Module:String's pattern escape and lengths
    (
        "mw.ustring.gsub('1+1=2 (a.b)', '[%^%$%(%)%%%.%[%]%*%+%-%?]', '%%%0')",
        ("1%+1=2 %(a%.b%)", 4),
        "escape-pattern",
    ),
    ("mw.ustring.len('Latgalīšu'), string.len('Latgalīšu')", (9, 11), "len-characters"),
    ("mw.ustring.sub('Latgalīšu volūda', 1, 9)", ("Latgalīšu",), "sub-characters"),
    ("mw.ustring.sub('Rīga', -2)", ("ga",), "sub-negative"),
    ("mw.ustring.find('ēēē-ē', '-', 2)", (4, 4), "find-init-in-characters"),
    ("mw.ustring.find('Jānis Rainis', '()%s()')", (6, 6, 6, 7), "position-captures"),
    # numbers and dates
    ("mw.ustring.match('٢٠٢٤ gads', '%d+')", ("٢٠٢٤",), "arabic-indic-digits"),
    ("mw.ustring.match('1943. gada 23. jūlijs', '(%d%d%d%d)')", ("1943",), "year"),
    ("tonumber((mw.ustring.gsub('1 234,5', '[%s]', '')))", (None,), "tonumber-needs-dot"),
    # wikitext
    ("mw.ustring.match('[[Rēzekne|Rēzeknē]]', '^%[%[([^|%]]+)')", ("Rēzekne",), "link-target"),
    ("mw.ustring.gsub('[[Daugava]] upe', '%[%[(.-)%]%]', '%1')", ("Daugava upe", 1), "unlink"),
    ("mw.ustring.gsub('a {{b|{{c}}}} d', '%b{}', '')", ("a  d", 1), "balanced-braces"),
    ("mw.ustring.gsub('[[Rīga]]', '[%[%]]', {['['] = '(', [']'] = ')'})", ("((Rīga))", 4), "table"),
    ("mw.text.nowiki('[[Rīga]]')", ("&#91;&#91;Rīga&#93;&#93;",), "nowiki"),
    ("mw.text.decode('R&#299;ga &amp; &Lstrok;') ", ("Rīga & &Lstrok;",), "decode-basic"),
    ("mw.text.decode('&Lstrok;&#x17d;', true)", ("ŁŽ",), "decode-named"),
    ("mw.text.encode('Rīga <b>')", ("Rīga &lt;b&gt;",), "encode"),
    (
        "mw.text.killMarkers('a' .. mw.text.stripTest.nowiki .. 'b'), "
        "mw.text.unstrip('a' .. mw.text.stripTest.nowiki .. mw.text.stripTest.general)",
        ("ab", "aNoWiki"),
        "strip-markers",
    ),
    # code points and normalization
    ("mw.ustring.codepoint('Ā'), mw.ustring.char(256)", (256, "Ā"), "codepoint-char"),
    ("mw.ustring.len(mw.ustring.toNFD('ā')), mw.ustring.toNFC('a\\204\\132')", (2, "ā"), "nf"),
    # errors as Scribunto words them
    (
        "mw.ustring.find(nil, 'x')",
        ("error", "bad argument #1 to 'find' (string expected, got nil)"),
        "error-nil",
    ),
    (
        "mw.ustring.upper('\\255')",
        ("error", "bad argument #1 to 'upper' (string is not UTF-8)"),
        "error-not-utf8",
    ),
    ("mw.ustring.len('\\255'), mw.ustring.isutf8('\\255')", (None, False), "invalid-utf8"),
    (
        "mw.ustring.gsub('Rīga', '(', '')",
        ("error", "unfinished capture"),
        "error-pattern",
    ),
]


@pytest.mark.parametrize(("code", "expected"), [c[:2] for c in CASES], ids=[c[2] for c in CASES])
def test_real_world_use(code: str, expected: tuple[object, ...]) -> None:
    """The expression gives what MediaWiki's Scribunto gives."""
    actual = run(code)
    if expected[0] == "error":
        assert actual[0] == "error"
        assert isinstance(actual[1], str)
        assert actual[1].endswith(str(expected[1])), actual
    else:
        assert expected == actual
