"""The registry of parser functions and variables the expander knows.

Keys are names as written after ``{{`` (``#if``, ``lc``, ``PAGENAME``); the flag says
whether the name is case-sensitive (MediaWiki's magic-word ``case`` setting).  A
case-insensitive name is stored in lower case.
"""

from __future__ import annotations

from typing import Final

from wikibio.expand.core import CORE_FUNCTIONS, CORE_VARIABLES, Function, Variable
from wikibio.expand.parserfunctions import PARSER_FUNCTIONS

__all__ = ["FUNCTIONS", "VARIABLES"]

FUNCTIONS: Final[dict[str, tuple[Function, bool]]] = {
    **CORE_FUNCTIONS,
    **{name: (function, False) for name, function in PARSER_FUNCTIONS.items()},
}
VARIABLES: Final[dict[str, tuple[Variable, bool]]] = dict(CORE_VARIABLES)
