"""The registry of parser functions and variables the expander knows.

Keys are names as written after ``{{`` (``#if``, ``lc``, ``PAGENAME``); the flag says
whether the name is case-sensitive (MediaWiki's magic-word ``case`` setting).  A
case-insensitive name is stored in lower case.
"""

from __future__ import annotations

from typing import Final

from wikibio.expand.core import CORE_FUNCTIONS, CORE_VARIABLES, Function, Variable
from wikibio.expand.parserfunctions import PARSER_FUNCTIONS, STRING_FUNCTIONS

__all__ = ["FUNCTIONS", "STRING_FUNCTIONS", "VARIABLES", "with_string_functions"]

FUNCTIONS: Final[dict[str, tuple[Function, bool]]] = {
    **CORE_FUNCTIONS,
    **{name: (function, False) for name, function in PARSER_FUNCTIONS.items()},
}
VARIABLES: Final[dict[str, tuple[Variable, bool]]] = dict(CORE_VARIABLES)


def with_string_functions() -> dict[str, tuple[Function, bool]]:
    """The registry with ParserFunctions' string functions switched on."""
    return {**FUNCTIONS, **{name: (f, False) for name, f in STRING_FUNCTIONS.items()}}
