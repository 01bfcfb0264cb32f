"""Template expansion as MediaWiki does it (``action=expandtemplates``).

``expand(text, title=…, templates=…, clock=…)`` returns the wikitext after expansion:
templates from a source, their parameters, ``<noinclude>``/``<includeonly>``/
``<onlyinclude>``, magic words, core parser functions and the ParserFunctions extension.
``#invoke`` shows "Script error" until the Lua runtime fills the ``invoke`` hook.
The rules, with their MediaWiki sources, are in ``docs/expansion.md``.
"""

from __future__ import annotations

from wikibio.expand.api import ExpansionResult, TemplateSource, expand, expand_with_diagnostics
from wikibio.expand.engine import Arg, Call, Expander, InvokeHook, TagExpansion, TagHook
from wikibio.expand.tags import WIKITEXT_BODIES
from wikibio.expand.titles import PageTitle, make_title
from wikibio.site.expansion import ExpansionSite

__all__ = [
    "WIKITEXT_BODIES",
    "Arg",
    "Call",
    "Expander",
    "ExpansionResult",
    "ExpansionSite",
    "InvokeHook",
    "PageTitle",
    "TagExpansion",
    "TagHook",
    "TemplateSource",
    "expand",
    "expand_with_diagnostics",
    "make_title",
]
