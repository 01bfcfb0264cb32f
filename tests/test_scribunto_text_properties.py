"""Invariants of mw.text that hold for any text.

``nowiki`` and ``encode`` only replace characters by references that ``decode`` reads
back; ``split`` on a plain separator cuts the text into pieces that join back to it;
``gsplit`` gives ``split``'s pieces; ``trim`` leaves no ASCII space at either end.
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

_FUNCTIONS = r"""
return {
    nowiki = function ( s ) return mw.text.decode( mw.text.nowiki( s ) ) end,
    encode = function ( s ) return mw.text.decode( mw.text.encode( s ) ) end,
    split = function ( s, sep )
        return table.concat( mw.text.split( s, sep, true ), sep )
    end,
    gsplit = function ( s, pattern )
        local a, b = mw.text.split( s, pattern ), {}
        for piece in mw.text.gsplit( s, pattern ) do
            b[#b + 1] = piece
        end
        return table.concat( a, '\1' ) == table.concat( b, '\1' ) and #a == #b
    end,
    trim = function ( s ) return mw.text.trim( s ) end,
}
"""

#: Text made of the pieces wikitext escaping cares about.
_TEXT = st.lists(
    st.sampled_from([*"ab _~-*#:;!|{}[]<>=&'\"\n\t ", "\u00a0", "\uff3f", "ISBN ", "://", "&#38;"]),
    max_size=30,
).map("".join)


@functools.cache
def _functions() -> Any:
    from tests.scribunto_standalone import Standalone

    return Standalone().eval(_FUNCTIONS)


@given(_TEXT)
def test_nowiki_only_replaces_characters_by_references(s: str) -> None:
    """decode(nowiki(s)) is s."""
    assert s.encode() == _functions()[b"nowiki"](s.encode())


@given(_TEXT)
def test_encode_only_replaces_characters_by_references(s: str) -> None:
    """decode(encode(s)) is s."""
    assert s.encode() == _functions()[b"encode"](s.encode())


@given(_TEXT, st.sampled_from([",", "||", "ā", " - ", "\n"]))
def test_split_pieces_join_back(s: str, sep: str) -> None:
    """The pieces of a plain split, joined with the separator, are the text."""
    assert s.encode() == _functions()[b"split"](s.encode(), sep.encode())


@given(_TEXT, st.sampled_from(["", "%s*,%s*", ",?", "[|!]+", "%f[%w]", "ā"]))
def test_gsplit_gives_the_pieces_of_split(s: str, pattern: str) -> None:
    """gsplit iterates over exactly split's pieces, for patterns that may match empty too."""
    assert _functions()[b"gsplit"](s.encode(), pattern.encode()) is True


@given(_TEXT)
def test_trim_leaves_no_ascii_space_at_the_ends(s: str) -> None:
    """trim removes tab, newline, form feed, carriage return and space, and nothing else."""
    assert s.strip("\t\n\f\r ").encode() == _functions()[b"trim"](s.encode())
