"""The Python half of ``mw.text``: HTML entity decoding with the full HTML5 table.

``mw.text.decode( s, true )`` must know every named entity PHP's
``html_entity_decode`` knows with ``ENT_HTML5`` (``&hearts;``, ``&ThinSpace;``,
``&epsi;``…); Python ships that table as :data:`html.entities.html5`, so the decoder lives
here and ``lua/mw.text.lua`` calls it (``py.decode``).  Without ``decodeNamedEntities``
only ``&lt;``, ``&gt;``, ``&amp;``, ``&quot;``, ``&nbsp;`` and numeric references are
decoded, as the Scribunto reference manual says.
"""

from __future__ import annotations

import re
from html.entities import html5
from typing import TYPE_CHECKING, Any, Final

if TYPE_CHECKING:  # pragma: no cover
    from lupa.lua51 import LuaRuntime

__all__ = ["decode", "register"]

_ENTITY: Final = re.compile(r"&(?:#([0-9]+)|#[xX]([0-9A-Fa-f]+)|([A-Za-z][A-Za-z0-9]*));")
_BASIC: Final = {"lt": "<", "gt": ">", "amp": "&", "quot": '"', "nbsp": "\u00a0"}


def _code_point(number: int) -> str | None:
    """The character of a numeric reference, or ``None`` where PHP keeps the text."""
    if number == 0 or number > 0x10FFFF or 0xD800 <= number <= 0xDFFF:
        return None
    return chr(number)


def decode(text: str, named: bool = False) -> str:
    """Replace HTML entities in ``text`` (all HTML5 named ones when ``named``)."""

    def replace(m: re.Match[str]) -> str:
        decimal, hexadecimal, name = m.groups()
        if name is not None:
            if named:
                return html5.get(name + ";", m.group(0))
            return _BASIC.get(name, m.group(0))
        number = int(decimal, 10) if decimal is not None else int(hexadecimal, 16)
        char = _code_point(number) if len(decimal or hexadecimal) < 12 else None
        return m.group(0) if char is None else char

    return _ENTITY.sub(replace, text) if "&" in text else text


def register(lua: LuaRuntime) -> Any:
    """The ``py`` table of ``lua/mw.text.lua``: ``decode(s, named) -> s``."""

    def lua_decode(value: object, named: object = None) -> bytes:
        if isinstance(value, str):
            raw = value.encode("utf-8", "surrogatepass")
        elif isinstance(value, bytes):
            raw = value
        else:
            raise ValueError("bad argument #1 to 'decode' (string expected)")
        # Invalid UTF-8 passes through untouched: decode bytes with surrogateescape.
        text = raw.decode("utf-8", "surrogateescape")
        return decode(text, bool(named)).encode("utf-8", "surrogateescape")

    return lua.table_from({b"decode": lua_decode})
