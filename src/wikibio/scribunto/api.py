"""``expand`` with Lua: the expander with the Scribunto runtime as its ``#invoke`` hook.

``wikibio.expand`` (the facade) is this module's ``expand``: when lupa is installed
every ``{{#invoke:}}`` runs its module in a fresh page session of this thread's
``LuaEngine``; without lupa the call shows "Script error" and its diagnostic says to
install the ``lua`` extra.  The expander itself (``wikibio.expand``) knows nothing of
Lua: this layer, above it, chooses the hook.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping

from wikibio.expand.api import ExpansionResult, TemplateSource
from wikibio.expand.api import expand_with_diagnostics as _expand_with_diagnostics
from wikibio.expand.engine import Arg, Call, InvokeHook, TagHook
from wikibio.scribunto.runtime import Limits, LuaEngine, available
from wikibio.site import Site
from wikibio.site.expansion import ExpansionSite

__all__ = ["expand", "expand_with_diagnostics", "invoke_hook"]

#: What a page shows for ``#invoke`` when lupa is missing.
MISSING_LUA = "Script error: Lua modules need the lua extra (lupa)."


def _missing_lua(call: Call, module: str, function: str, args: list[Arg]) -> str:
    call.diagnose(
        "script-error",
        f"{{{{#invoke:{module.removeprefix('Module:')}|{function}}}}} needs the Lua runtime: "
        "pip install 'wikibio[lua]' (lupa>=2.0)",
        "error",
    )
    return f'<strong class="error"><span class="scribunto-error">{MISSING_LUA}</span></strong>'


def invoke_hook(limits: Limits | None = None) -> InvokeHook:
    """A fresh page's ``#invoke`` hook: the Lua runtime, or the "install lupa" error."""
    if not available():
        return _missing_lua
    return LuaEngine.shared().page(limits).invoke


def expand_with_diagnostics(
    text: str,
    *,
    title: str | None = None,
    templates: TemplateSource | Mapping[str, str] | None = None,
    clock: datetime.datetime | None = None,
    site: ExpansionSite | Site | None = None,
    invoke: InvokeHook | None = None,
    limits: Limits | None = None,
    tags: Mapping[str, TagHook] | None = None,
) -> ExpansionResult:
    """``wikibio.expand.expand_with_diagnostics`` with Lua modules run.

    Args:
        tags: Extension tags to render while expanding (``wikibio.expand``'s ``tags``).
        invoke: Another ``#invoke`` hook (default: this thread's Lua runtime).
        limits: The Lua limits of this page (CPU seconds, memory, expensive calls).
    """
    return _expand_with_diagnostics(
        text,
        title=title,
        templates=templates,
        clock=clock,
        site=site,
        invoke=invoke if invoke is not None else invoke_hook(limits),
        tags=tags,
    )


def expand(
    text: str,
    *,
    title: str | None = None,
    templates: TemplateSource | Mapping[str, str] | None = None,
    clock: datetime.datetime | None = None,
) -> str:
    """The wikitext after MediaWiki's template expansion, Lua modules included.

    Args:
        text: A page's wikitext.
        title: The page's title (``{{PAGENAME}}``, ``#ifexist`` of itself); "API" by default.
        templates: Where templates and modules come from: a ``TemplateSource``
            (``wikibio.sources``) or a mapping of full titles (``"Template:Foo"``,
            ``"Module:Bar"``) to their text.
        clock: The moment ``{{CURRENTYEAR}}`` and ``#time`` read (default: now, UTC).

    Returns:
        The expanded wikitext.  Never raises for markup or modules: missing templates,
        loops, limits and Lua errors read as MediaWiki shows them
        (``expand_with_diagnostics`` lists them).

    Examples:
        >>> expand("{{Hello|you}}", templates={"Template:Hello": "Hello, {{{1}}}!"})
        'Hello, you!'
        >>> expand("{{#expr: 2 * (3 + 4)}} {{#if: x | yes | no}}")
        '14 yes'
    """
    return expand_with_diagnostics(text, title=title, templates=templates, clock=clock).text
