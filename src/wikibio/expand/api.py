"""``expand()``: one page's wikitext expanded with a template source."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Mapping
from typing import Protocol, runtime_checkable

from attrs import frozen

from wikibio.diagnostics import Diagnostic
from wikibio.expand.engine import Expander, InvokeHook, TagExpansion, TagHook
from wikibio.expand.titles import make_title
from wikibio.site import Site
from wikibio.site.expansion import ExpansionSite

__all__ = ["ExpansionResult", "TemplateSource", "expand", "expand_with_diagnostics"]

#: The title ``action=expandtemplates`` uses when none is given.
DEFAULT_TITLE = "API"


@runtime_checkable
class TemplateSource(Protocol):
    """Anything that returns a page's wikitext by its full canonical title, or None.

    Titles are asked for in canonical form: ``"Template:Foo"``, ``"Module:Bar"``.
    """

    def get(self, title: str) -> str | None:
        """The wikitext of page ``title``, or None when the source lacks it."""
        ...


@frozen
class ExpansionResult:
    """Expanded wikitext and what went wrong on the way."""

    #: The wikitext after expansion.
    text: str
    #: Missing templates, loops, limits, expression errors, script errors.
    diagnostics: tuple[Diagnostic, ...]
    #: The tags of ``bodies`` (``<ref>``, ``<references>``) in the order their hooks
    #: ran, with where each lands in ``text`` (empty unless ``bodies`` was given).
    tags: tuple[TagExpansion, ...] = ()


def _site_of(templates: object) -> ExpansionSite:
    site = getattr(templates, "site", None)
    return site if isinstance(site, ExpansionSite) else ExpansionSite.english_wikipedia()


def _lookup(
    templates: TemplateSource | Mapping[str, str] | None,
) -> Callable[[str], str | None]:
    if templates is None:
        return lambda title: None
    if isinstance(templates, Mapping):
        table = {_normal_key(key): value for key, value in templates.items()}
        return lambda title: table.get(_normal_key(title))
    return templates.get


def _normal_key(title: str) -> str:
    """A mapping's key as a canonical title: spaces for underscores, first letter capital."""
    name = " ".join(title.replace("_", " ").split())
    namespace, colon, rest = name.partition(":")
    if colon and rest:
        rest = rest.strip()
        return f"{namespace.strip()}:{rest[:1].upper()}{rest[1:]}"
    return name[:1].upper() + name[1:]


def expand_with_diagnostics(
    text: str,
    *,
    title: str | None = None,
    templates: TemplateSource | Mapping[str, str] | None = None,
    clock: datetime.datetime | None = None,
    site: ExpansionSite | Site | None = None,
    invoke: InvokeHook | None = None,
    tags: Mapping[str, TagHook] | None = None,
    bodies: frozenset[str] = frozenset(),
) -> ExpansionResult:
    """Expand ``text`` like ``expand`` and also return the diagnostics.

    Args:
        site: Namespace names and site facts (an ``ExpansionSite``, or a ``Site`` such as
            ``Site.for_language("de")``); by default the source's ``site`` attribute
            (``from_dump`` reads the dump's ``<siteinfo>``), else English Wikipedia.
        invoke: The Lua runtime's hook for ``{{#invoke:}}`` (issue 13); without it
            ``#invoke`` shows "Script error".
        tags: Extension tags to render while expanding (name → ``TagHook``), as
            ``Parser::setHook`` registers them: the hook's text replaces the tag (after
            expansion, so parser functions see a strip marker).  Other extension tags
            are kept as written, as ``expandtemplates`` keeps them.  ``WIKITEXT_BODIES``
            renders ``<pre format="wikitext">`` as core does.
        bodies: Extension tags (lower case) whose bodies are expanded where they stand,
            in the page's frame, as Cite parses a ``<ref>``'s body (the reading view
            passes ``{"ref", "references"}``); by default every body is kept as written.
            Each such tag is recorded in the order it is expanded (``ExpansionResult.tags``)
            and makes its frame volatile, as Cite's hooks do.
    """
    if isinstance(site, Site):
        site = ExpansionSite.from_site(site)
    site = site if site is not None else _site_of(templates)
    page = make_title(title or DEFAULT_TITLE, 0, site) or make_title(DEFAULT_TITLE, 0, site)
    assert page is not None
    moment = clock if clock is not None else datetime.datetime.now(datetime.UTC)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=datetime.UTC)
    exists = getattr(templates, "exists", None)
    expander = Expander(
        _lookup(templates),
        exists=exists if callable(exists) else None,
        page=page,
        site=site,
        clock=moment.astimezone(datetime.UTC),
        invoke=invoke,
        tags=tags,
    )
    expander.expand_bodies = bodies
    out = expander.expand(text)
    return ExpansionResult(out, tuple(expander.diagnostics), tuple(expander.tags))


def expand(
    text: str,
    *,
    title: str | None = None,
    templates: TemplateSource | Mapping[str, str] | None = None,
    clock: datetime.datetime | None = None,
) -> str:
    """The wikitext after MediaWiki's template expansion, as ``action=expandtemplates`` gives it.

    Args:
        text: A page's wikitext.
        title: The page's title (``{{PAGENAME}}``, ``#ifexist`` of itself); "API" by default.
        templates: Where templates come from: a ``TemplateSource`` (``wikibio.sources``)
            or a mapping of full titles (``"Template:Foo"``) to wikitext.
        clock: The moment ``{{CURRENTYEAR}}`` and ``#time`` read (default: now, UTC).

    Returns:
        The expanded wikitext.  Never raises for markup: missing templates, loops, limits
        and errors read as MediaWiki shows them (``expand_with_diagnostics`` lists them).

    Examples:
        >>> expand("{{Hello|you}}", templates={"Template:Hello": "Hello, {{{1}}}!"})
        'Hello, you!'
        >>> expand("{{#expr: 2 * (3 + 4)}} {{#if: x | yes | no}}")
        '14 yes'
    """
    return expand_with_diagnostics(text, title=title, templates=templates, clock=clock).text
