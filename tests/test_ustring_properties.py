"""mw.ustring's patterns against Lua's own: on ASCII they are the same language.

On ASCII text the Unicode classes of Scribunto's ``%a %c %d %l %s %u %w %x %z`` hold
exactly the characters of the C locale's, so for every pattern without ``%p`` (Unicode
punctuation excludes ``$+<=>^`|~``, the C locale includes them) ``mw.ustring.find``,
``match``, ``gmatch`` and ``gsub`` must give what Lua 5.1's ``string`` functions give,
errors included (Lua errors, then ``mw.ustring`` errors too).  The comparison runs with
``mw.ustring``'s ASCII fast path (which hands ASCII text to ``string``) turned off, so it
tests the Python implementation, and so the fast path.  A second property holds the regex
translation to the backtracking matcher used for ``%b``.
"""

from __future__ import annotations

import functools
import importlib.util
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

pytestmark = pytest.mark.skipif(
    importlib.util.find_spec("lupa") is None,
    reason="lupa is not installed: the Lua libraries need the 'lua' extra "
    "(pip install 'wikibio[lua]')",
)

_COMPARE = r"""
return function ( fname, s, p, extra )
    local function pack( ok, ... )
        if not ok then
            return 'error'
        end
        local t = { n = select( '#', ... ), ... }
        for i = 1, t.n do
            t[i] = tostring( t[i] )
        end
        return table.concat( t, '\1', 1, t.n )
    end
    local function run( lib )
        if fname == 'gmatch' then
            return pack( pcall( function ()
                local out = {}
                for a, b in lib.gmatch( s, p ) do
                    out[#out + 1] = tostring( a ) .. '\2' .. tostring( b )
                end
                return table.concat( out, '\3' )
            end ) )
        end
        if extra == 'FUNCTION' then
            extra = function ( a )
                if a == 'a' then
                    return nil
                end
                return '<' .. tostring( a ) .. '>'
            end
        elseif extra == 'TABLE' then
            extra = { a = 'X', b = false, [' '] = 7 }
        end
        return pack( pcall( lib[fname], s, p, extra ) )
    end
    return run( string ), run( mw.ustring )
end
"""


@functools.cache
def _compare() -> Any:
    from tests.scribunto_standalone import Standalone

    return Standalone(ascii_fast_path=False).eval(_COMPARE)


_ATOMS = st.sampled_from(
    [
        "a",
        "b",
        "c",
        " ",
        "1",
        ".",
        "%a",
        "%d",
        "%s",
        "%w",
        "%x",
        "%l",
        "%u",
        "%A",
        "%S",
        "%W",
        "[ab]",
        "[^a ]",
        "[a-c1]",
        "[%d_]",
        "[]a]",
        "[^%s]",
        "%.",
        "%%",
        "%(",
        "_",
        "A",
    ]
)
_QUANT = st.sampled_from(["", "", "", "*", "+", "-", "?"])


@st.composite
def patterns(draw: st.DrawFn) -> str:
    """Lua patterns over a small alphabet: items, captures, %b, %f, anchors, back-references."""
    parts: list[str] = ["^"] if draw(st.booleans()) and draw(st.booleans()) else []
    closed = 0
    for _ in range(draw(st.integers(1, 6))):
        kind = draw(st.integers(0, 9))
        if kind <= 5:
            parts.append(draw(_ATOMS) + draw(_QUANT))
        elif kind == 6:
            inner = "".join(draw(_ATOMS) + draw(_QUANT) for _ in range(draw(st.integers(0, 2))))
            parts.append(f"({inner})")
            closed += 1
        elif kind == 7:
            parts.append(draw(st.sampled_from(["%b()", "%bab", "%f[%w]", "%f[%W]", "%f[ ]"])))
        elif kind == 8 and closed:
            parts.append(f"%{draw(st.integers(1, closed))}")
        else:
            parts.append("()")
            closed += 1
    if draw(st.booleans()) and draw(st.booleans()):
        parts.append("$")
    return "".join(parts)


_SUBJECTS = st.text(alphabet="abc 1_()A\n", max_size=14)


@given(s=_SUBJECTS, p=patterns(), init=st.integers(-16, 16))
def test_find_is_lua_find_on_ascii(s: str, p: str, init: int) -> None:
    """find with any init: positions and captures as Lua's string.find."""
    lua, ours = _compare()(b"find", s.encode(), p.encode(), init)
    assert lua == ours


@given(s=_SUBJECTS, p=patterns())
def test_match_is_lua_match_on_ascii(s: str, p: str) -> None:
    """match: the captures (or whole match) as Lua's string.match."""
    lua, ours = _compare()(b"match", s.encode(), p.encode(), None)
    assert lua == ours


@given(s=_SUBJECTS, p=patterns())
def test_gmatch_is_lua_gmatch_on_ascii(s: str, p: str) -> None:
    """gmatch: every iteration as Lua 5.1's (``^`` is a plain character there)."""
    lua, ours = _compare()(b"gmatch", s.encode(), p.encode(), None)
    assert lua == ours


@given(
    s=_SUBJECTS,
    p=patterns(),
    repl=st.sampled_from(["x", "<%0>", "%1", "%%", "", "FUNCTION", "TABLE"]),
)
def test_gsub_is_lua_gsub_on_ascii(s: str, p: str, repl: str) -> None:
    """gsub with a replacement string, function or table: result and count as Lua's
    (when Lua accepts it).

    Scribunto differs from Lua on purpose for ``%`` before a non-digit in the
    replacement (kept as written), so the replacements here avoid it.
    """
    lua, ours = _compare()(b"gsub", s.encode(), p.encode(), repl.encode())
    if lua != b"error":
        assert lua == ours


@given(s=st.text(alphabet="ab(ó) \u00e9Z1", max_size=14), p=patterns())
def test_regex_translation_agrees_with_the_matcher(s: str, p: str) -> None:
    """The regex a pattern compiles to finds what the backtracking matcher finds."""
    from wikibio.scribunto import ustring

    try:
        compiled = ustring._compile(p)
    except ustring.UstringError:
        return
    if compiled.regex is None:
        return
    slow = ustring._Compiled(
        compiled.tokens, compiled.anchored, compiled.ncap, compiled.positions, None
    )
    for pos in range(len(s) + 1):
        fast_result = ustring._match_at_or_after(compiled, s, pos, compiled.anchored, True)
        slow_result = ustring._match_at_or_after(slow, s, pos, compiled.anchored, True)
        assert fast_result == slow_result, (s, p, pos)


@given(
    s=st.text(
        alphabet="ab(ó) \u00e9Z1\u0100\u4e00\u00aa\u2028\U0001d400\U0001f600\U00010428",
        max_size=14,
    ),
    p=patterns(),
    extra=st.sampled_from(
        ["", "[\U0001d400-\U0001f600]", "[^a-\U0001d400]+", "%a[\U00010000-\U0010ffff]?"]
    ),
)
def test_patterns_cut_to_the_text_agree_with_whole_unicode(s: str, p: str, extra: str) -> None:
    """The pattern compiled for the text's own characters finds what the full one finds."""
    from wikibio.scribunto import ustring

    p += extra
    try:
        full = ustring._compile(p)
    except ustring.UstringError:
        return
    cut = ustring._compile(p, True, ustring._universe(s))
    for pos in range(len(s) + 1):
        assert ustring._match_at_or_after(full, s, pos, full.anchored, True) == (
            ustring._match_at_or_after(cut, s, pos, cut.anchored, True)
        ), (s, p, pos)


@pytest.mark.parametrize(
    ("text", "pattern", "expected"),
    [
        pytest.param(
            "a\U0001d400b", "%a+", ("a\U0001d400b",), id="mathematical-bold-A-is-a-letter"
        ),
        pytest.param("x\U0001f600y", "%A", ("\U0001f600",), id="emoji-is-not-a-letter"),
        pytest.param("\U00010400\U00010428", "%u%l", ("\U00010400\U00010428",), id="deseret-cases"),
        pytest.param("1\U0001d7ce", "%d+", ("1\U0001d7ce",), id="mathematical-digit"),
    ],
)
def test_astral_characters_keep_their_classes(
    text: str, pattern: str, expected: tuple[str, ...]
) -> None:
    """Characters above U+FFFF are classified by their Unicode category too."""
    from wikibio.scribunto import ustring

    assert expected == ustring.match(text, pattern)
