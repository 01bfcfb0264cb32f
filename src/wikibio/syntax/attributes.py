"""Tag attributes as MediaWiki's Sanitizer reads them (``<ref name="a" group=note>``)."""

from __future__ import annotations

import html
import re
from functools import lru_cache
from typing import Final

__all__ = ["parse_attributes"]

# Sanitizer::getAttribsRegex: a name, then optionally = and a quoted or bare value.
_ATTRIBUTE: Final = re.compile(
    r"""([^\t\n\f\r /=>][^\t\n\f\r />=]*|=[^\t\n\f\r />=]*)"""
    r"""(?:[\t\n\f\r ]*=[\t\n\f\r ]*"""
    r"""(?:"([^"]*)(?:"|$)|'([^']*)(?:'|$)|((?:(?![\t\n\f\r ]|>).)*)))?""",
    re.DOTALL,
)
_WHITESPACE: Final = re.compile(r"[\t\r\n ]+")


def parse_attributes(raw: str) -> dict[str, str]:
    """Decode a tag's attribute text as MediaWiki's ``Sanitizer::decodeTagAttributes`` does.

    Names are lower-cased; values have whitespace folded, are trimmed and have character
    references decoded; a later duplicate wins.

    Examples:
        >>> parse_attributes('NAME = "a  b" group=note dir')
        {'name': 'a b', 'group': 'note', 'dir': ''}
    """
    if not raw or raw.isspace():
        return {}
    return dict(_decoded(raw))


@lru_cache(maxsize=4096)
def _decoded(raw: str) -> tuple[tuple[str, str], ...]:
    """``parse_attributes`` as pairs, cached: pages repeat ``name=…`` for each reuse."""
    attributes: dict[str, str] = {}
    for match in _ATTRIBUTE.finditer(raw):
        name = match.group(1).lower()
        value = next((g for g in match.groups()[1:] if g is not None), "")
        attributes[name] = html.unescape(_WHITESPACE.sub(" ", value).strip())
    return tuple(attributes.items())
