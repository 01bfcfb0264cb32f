"""What template expansion needs to know about a wiki: namespaces, case rules, limits.

The defaults describe a stock English MediaWiki as ``DefaultSettings.php`` and
``Language/messages/MessagesEn.php`` configure it (the setup MediaWiki's parser tests run
in); ``ExpansionSite.english_wikipedia()`` (the expander's default) names the project
namespace ``Wikipedia``; a dump's ``<siteinfo>`` gives a wiki's own namespace names
(``ExpansionSite.from_names``).  Limits: ``$wgMaxPPExpandDepth`` 100, ``$wgMaxTemplateDepth``
100, ``$wgMaxPPNodeCount`` 1,000,000 and ``$wgMaxArticleSize`` 2048 KiB (the post-expand
include size and template argument size limits).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Final

from attrs import evolve, field, frozen

from wikibio.site.wikis import Site

__all__ = [
    "CANONICAL_NAMESPACES",
    "MAX_INCLUDE_SIZE",
    "MAX_NODE_COUNT",
    "MAX_TEMPLATE_DEPTH",
    "NAMESPACE_ALIASES",
    "SUBPAGE_NAMESPACES",
    "ExpansionSite",
]

#: ``$wgMaxTemplateDepth``: template frames nested deeper than this show
#: "Template recursion depth limit exceeded".
MAX_TEMPLATE_DEPTH: Final = 100
#: ``$wgMaxPPNodeCount``: preprocessor nodes one page may expand.
MAX_NODE_COUNT: Final = 1_000_000
#: ``$wgMaxArticleSize * 1024`` bytes: the post-expand and pre-expand include size limits.
MAX_INCLUDE_SIZE: Final = 2048 * 1024

#: MediaWiki's canonical namespace names (``NamespaceInfo::$canonicalNamespaces`` plus
#: Scribunto's ``Module``), by number; 0 is the main namespace.
CANONICAL_NAMESPACES: Final[Mapping[int, str]] = {
    -2: "Media",
    -1: "Special",
    0: "",
    1: "Talk",
    2: "User",
    3: "User talk",
    4: "Project",
    5: "Project talk",
    6: "File",
    7: "File talk",
    8: "MediaWiki",
    9: "MediaWiki talk",
    10: "Template",
    11: "Template talk",
    12: "Help",
    13: "Help talk",
    14: "Category",
    15: "Category talk",
    828: "Module",
    829: "Module talk",
}

#: Aliases every MediaWiki knows (``$wgNamespaceAliases`` defaults and English Wikipedia's
#: ``Wikipedia``/``WP`` project names).
NAMESPACE_ALIASES: Final[Mapping[str, int]] = {
    "Image": 6,
    "Image talk": 7,
    "Wikipedia": 4,
    "Wikipedia talk": 5,
    "WP": 4,
    "WT": 5,
}


#: ``$wgNamespacesWithSubpages`` defaults (plus Scribunto's Module): where ``/`` makes
#: subpages, so ``{{BASEPAGENAME}}`` and ``{{SUBPAGENAME}}`` split there.
SUBPAGE_NAMESPACES: Final = frozenset({1, 2, 3, 4, 5, 7, 8, 9, 10, 11, 12, 13, 15, 828, 829})


def _local_magic_words(site: Site) -> dict[str, tuple[str, ...]]:
    """The site's names of magic words that English's table does not have."""
    english = Site.for_language("en").magic_words
    magic = {
        key: tuple(a for a in aliases if a not in english.get(key, ()))
        for key, aliases in site.magic_words.items()
    }
    return {key: aliases for key, aliases in magic.items() if aliases}


def _key(name: str) -> str:
    return " ".join(name.replace("_", " ").split()).casefold()


@frozen
class ExpansionSite:
    """The site facts the expander uses: namespace names, the wiki's name and server.

    ``names`` maps every accepted namespace name (canonical, local, alias), case-folded
    with spaces, to its number; ``local`` gives the name a title is written with.
    """

    #: Accepted namespace names (case-folded, spaces) → namespace number.
    names: Mapping[str, int]
    #: Namespace number → the name titles are displayed with.
    local: Mapping[int, str]
    #: ``{{SITENAME}}``.
    sitename: str = "Wikipedia"
    #: ``{{SERVER}}`` (protocol and host).
    server: str = "//en.wikipedia.org"
    #: ``$wgArticlePath``; ``$1`` stands for the page name.
    article_path: str = "/wiki/$1"
    #: ``$wgScript``: the entry point used by ``fullurl`` with a query.
    script: str = "/w/index.php"
    #: The content language code (``{{CONTENTLANGUAGE}}``).
    language: str = "en"
    #: Namespace numbers whose titles are case-sensitive (first letter not uppercased).
    case_sensitive: frozenset[int] = field(factory=frozenset)
    #: Namespace numbers where ``/`` separates subpages.
    subpages: frozenset[int] = SUBPAGE_NAMESPACES
    #: Whether ParserFunctions' string functions (``#len``, ``#pos``, ``#sub``, …) are on
    #: (``$wgPFEnableStringFunctions``; off on Wikimedia wikis).
    string_functions: bool = False
    #: ``$wgMaxTemplateDepth``.
    max_template_depth: int = MAX_TEMPLATE_DEPTH
    #: ``$wgMaxArticleSize * 1024``: the post-expand include size limit, in bytes.
    max_include_size: int = MAX_INCLUDE_SIZE
    #: The content language's own names of variables and parser functions, by magic-word
    #: id (``{"ucfirst": ("PRVNÍVELKÉ:",)}``), besides the English ones.
    magic_words: Mapping[str, tuple[str, ...]] = field(factory=dict)
    #: ``{{USERLANGUAGE}}``'s value when ``$wgParserEnableUserLanguage`` is on; None (the
    #: default, as on Wikimedia wikis) leaves ``USERLANGUAGE`` an ordinary template name.
    user_language: str | None = None
    #: ``$wgNonincludableNamespaces``: namespaces whose pages are never transcluded.
    nonincludable: frozenset[int] = field(factory=frozenset)
    #: ``$wgFragmentMode``'s first mode: ``"html5"`` (the default) or ``"legacy"``
    #: (``anchorencode`` writes ``.C2.A9`` for ``©``).
    fragment_mode: str = "html5"
    #: Site statistics (``NUMBEROFARTICLES`` → ``articles``, ``pages``, ``files``,
    #: ``users``, ``activeusers``, ``admins``, ``edits``); None when unknown, and then the
    #: words are not variables (a diagnostic says so).
    statistics: Mapping[str, int] | None = None

    @classmethod
    def from_names(
        cls,
        local: Mapping[int, str] | None = None,
        *,
        aliases: Mapping[str, int] | None = None,
        case_sensitive: Iterable[int] = (),
        sitename: str = "Wikipedia",
        server: str = "//en.wikipedia.org",
        article_path: str = "/wiki/$1",
        script: str = "/w/index.php",
        language: str = "en",
        subpages: Iterable[int] = SUBPAGE_NAMESPACES,
        string_functions: bool = False,
        max_template_depth: int = MAX_TEMPLATE_DEPTH,
        max_include_size: int = MAX_INCLUDE_SIZE,
        statistics: Mapping[str, int] | None = None,
    ) -> ExpansionSite:
        """A site from its local namespace names (a dump's ``<siteinfo>``), plus canonical names."""
        display = dict(CANONICAL_NAMESPACES)
        if local:
            display.update(local)
        names: dict[str, int] = {}
        for table in (CANONICAL_NAMESPACES, display):
            for number, name in table.items():
                if name:
                    names[_key(name)] = number
        for name, number in {**NAMESPACE_ALIASES, **(aliases or {})}.items():
            names.setdefault(_key(name), number)
        return cls(
            names=names,
            local=display,
            sitename=sitename,
            server=server,
            article_path=article_path,
            script=script,
            language=language,
            case_sensitive=frozenset(case_sensitive),
            subpages=frozenset(subpages),
            string_functions=string_functions,
            max_template_depth=max_template_depth,
            max_include_size=max_include_size,
            statistics=statistics,
        )

    @classmethod
    def from_site(cls, site: Site) -> ExpansionSite:
        """The expansion facts of a ``Site`` (``Site.for_language("de")``, a dump's
        ``Site.from_siteinfo``): its local namespace names, their aliases and its language."""
        local = {number: names[0] for number, names in site.namespaces.items() if names}
        aliases = {
            alias: number for number, names in site.namespaces.items() for alias in names[1:]
        }
        server = f"//{site.language}.wikipedia.org"
        made = cls.from_names(local, aliases=aliases, language=site.language, server=server)
        return evolve(made, magic_words=_local_magic_words(site))

    def with_language(self, code: str) -> ExpansionSite:
        """This site with content language ``code``: the language's namespace names and
        magic words (every Wikipedia's siteinfo, ``Site.for_language``) added to this
        site's, and ``{{CONTENTLANGUAGE}}`` ``code``.  A language without a packaged table
        changes only the code."""
        from wikibio.site.wikis import known_languages

        base = code.split("-", 1)[0]
        if base not in known_languages():
            return evolve(self, language=code)
        site = Site.for_language(base)
        local = dict(self.local)
        names = dict(self.names)
        for number, aliases in site.namespaces.items():
            if not aliases:
                continue
            if number not in (4, 5):  # the project namespace is the wiki's own name
                local[number] = aliases[0]
            for alias in aliases:
                names.setdefault(_key(alias), number)
        return evolve(
            self, names=names, local=local, language=code, magic_words=_local_magic_words(site)
        )

    @classmethod
    def english_wikipedia(cls) -> ExpansionSite:
        """English Wikipedia: the project namespace is ``Wikipedia`` (the default site)."""
        return cls.from_names({4: "Wikipedia", 5: "Wikipedia talk"})

    def namespace(self, name: str) -> int | None:
        """The number of the namespace called ``name`` (any case, ``_`` or spaces), or None."""
        return self.names.get(_key(name))
