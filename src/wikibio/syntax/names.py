"""How MediaWiki reads a ``{{…}}`` title: template call, parser function or magic word.

``Parser::braceSubstitution`` tries, in order: ``subst:``/``safesubst:``, variables
(magic words without arguments, case-sensitive), ``msg:``/``msgnw:``/``raw:`` modifiers,
parser functions (``#if:``, ``lc:``, ``DEFAULTSORT:`` …, the part before the first
colon), and only then a template.  The tables below are MediaWiki core's
(``MagicWordFactory``, ``CoreParserFunctions``) plus every Wikipedia's localised aliases
(``wikibio.site``, from each wiki's siteinfo); anything else is a template call.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Final

from wikibio.site.wikis import Site, localised_magic_words, template_namespace_names

__all__ = ["is_template_call", "normalize_page_name", "strip_comments", "template_name"]

#: Magic words that are variables (``{{PAGENAME}}``); case-sensitive, as in MediaWiki.
_CORE_VARIABLES: Final = frozenset(
    """
    ! CURRENTMONTH CURRENTMONTH1 CURRENTMONTH2 CURRENTMONTHNAME CURRENTMONTHNAMEGEN
    CURRENTMONTHABBREV CURRENTDAY CURRENTDAY2 CURRENTDAYNAME CURRENTYEAR CURRENTTIME
    CURRENTHOUR CURRENTWEEK CURRENTDOW CURRENTTIMESTAMP LOCALMONTH LOCALMONTH1 LOCALMONTH2
    LOCALMONTHNAME LOCALMONTHNAMEGEN LOCALMONTHABBREV LOCALDAY LOCALDAY2 LOCALDAYNAME
    LOCALYEAR LOCALTIME LOCALHOUR LOCALWEEK LOCALDOW LOCALTIMESTAMP NUMBEROFARTICLES
    NUMBEROFFILES NUMBEROFUSERS NUMBEROFACTIVEUSERS NUMBEROFPAGES NUMBEROFADMINS
    NUMBEROFEDITS PAGENAME PAGENAMEE FULLPAGENAME FULLPAGENAMEE SUBPAGENAME SUBPAGENAMEE
    ROOTPAGENAME ROOTPAGENAMEE BASEPAGENAME BASEPAGENAMEE TALKPAGENAME TALKPAGENAMEE
    SUBJECTPAGENAME SUBJECTPAGENAMEE ARTICLEPAGENAME ARTICLEPAGENAMEE NAMESPACE NAMESPACEE
    NAMESPACENUMBER TALKSPACE TALKSPACEE SUBJECTSPACE SUBJECTSPACEE ARTICLESPACE
    ARTICLESPACEE REVISIONID REVISIONDAY REVISIONDAY2 REVISIONMONTH REVISIONMONTH1
    REVISIONYEAR REVISIONTIMESTAMP REVISIONUSER REVISIONSIZE SITENAME SERVER SERVERNAME
    SCRIPTPATH STYLEPATH CURRENTVERSION CONTENTLANGUAGE CONTENTLANG DIRECTIONMARK DIRMARK
    PAGEID PAGELANGUAGE CASCADINGSOURCES NUMBERINGROUP PAGESINNAMESPACE
    """.split()
)

#: Parser functions whose name is matched without regard to case (``{{lc:…}}``).
_CORE_FUNCTIONS_ANY_CASE: Final = frozenset(
    """
    ns nse urlencode lcfirst ucfirst lc uc localurl localurle fullurl fullurle canonicalurl
    canonicalurle formatnum grammar gender plural bidi padleft padright anchorencode
    filepath pageid int special speciale
    """.split()
)

#: Parser functions matched case-sensitively (``{{DEFAULTSORT:…}}``), with localised aliases.
_CORE_FUNCTIONS_CASED: Final = frozenset(
    """
    DEFAULTSORT DEFAULTSORTKEY DEFAULTCATEGORYSORT DISPLAYTITLE NUMBEROFPAGES NUMBEROFUSERS
    NUMBEROFACTIVEUSERS NUMBEROFARTICLES NUMBEROFFILES NUMBEROFADMINS NUMBEROFEDITS
    PAGESINCATEGORY PAGESINCAT PAGESIZE PROTECTIONLEVEL PROTECTIONEXPIRY NAMESPACE NAMESPACEE
    NAMESPACENUMBER TALKSPACE TALKSPACEE SUBJECTSPACE SUBJECTSPACEE ARTICLESPACE ARTICLESPACEE
    PAGENAME PAGENAMEE FULLPAGENAME FULLPAGENAMEE ROOTPAGENAME ROOTPAGENAMEE BASEPAGENAME
    BASEPAGENAMEE SUBPAGENAME SUBPAGENAMEE TALKPAGENAME TALKPAGENAMEE SUBJECTPAGENAME
    SUBJECTPAGENAMEE ARTICLEPAGENAME ARTICLEPAGENAMEE REVISIONID REVISIONDAY REVISIONDAY2
    REVISIONMONTH REVISIONMONTH1 REVISIONYEAR REVISIONTIMESTAMP REVISIONUSER CASCADINGSOURCES
    PAGESINNAMESPACE PAGESINNS NUMBERINGROUP NUMINGROUP
    SORTIERUNG CLEDETRI CLEFDETRI ORDENAR ORDINA DEFAULTSORTERING STANDAARDSORTERING
    СОРТИРОВКА_ПО_УМОЛЧАНИЮ КЛЮЧ_СОРТИРОВКИ
    """.split()
)

#: Namespace names of templates, stripped from names (``{{Template:Foo}}`` calls ``Foo``).
_CORE_TEMPLATE_NAMESPACES: Final = frozenset(
    """
    template vorlage modèle modele plantilla predefinição predefinicao шаблон szablon sjabloon
    šablona sablon mall mal mal mall πρότυπο תבנית साँचा قالب سانچہ 틀 テンプレート
    模板 模板 bản_mẫu tiêu_bản
    """.split()
)


_ENGLISH_MAGIC: Final = Site.default().magic_words
_LOCALISED_MAGIC: Final = localised_magic_words()


def _with_every_wiki(core: frozenset[str], *, fold: bool = False) -> frozenset[str]:
    """``core`` with every Wikipedia's aliases of its magic words (``wikibio.site``, from
    each wiki's siteinfo): a localised alias counts when its English name is in ``core``."""
    extra: set[str] = set()
    for key, aliases in _LOCALISED_MAGIC.items():
        names = {alias.rstrip(":") for alias in _ENGLISH_MAGIC.get(key, ())}
        if fold:
            names = {name.lower() for name in names}
        if names & core:
            extra.update(
                alias.rstrip(":").lower() if fold else alias.rstrip(":") for alias in aliases
            )
    return core | extra


#: Magic words that are variables (``{{PAGENAME}}``, ``{{SEITENNAME}}``); case-sensitive.
VARIABLES: Final = _with_every_wiki(_CORE_VARIABLES)
#: Parser functions whose name is matched without regard to case (``{{lc:…}}``).
FUNCTIONS_ANY_CASE: Final = _with_every_wiki(_CORE_FUNCTIONS_ANY_CASE, fold=True)
#: Parser functions matched case-sensitively (``{{DEFAULTSORT:…}}``, ``{{SORTIERUNG:…}}``).
FUNCTIONS_CASED: Final = _with_every_wiki(_CORE_FUNCTIONS_CASED)
#: Names of the template namespace on any Wikipedia, stripped from names (``{{Vorlage:Foo}}``).
TEMPLATE_NAMESPACES: Final = _CORE_TEMPLATE_NAMESPACES | {
    "_".join(name.split()).casefold() for name in template_namespace_names()
}

_SPACES: Final = re.compile(r"[\s_]+")
_COMMENT: Final = re.compile(r"<!--.*?(?:-->|\Z)", re.DOTALL)


def strip_comments(text: str) -> str:
    """``text`` without its ``<!-- … -->`` comments (an unclosed one runs to the end)."""
    return _COMMENT.sub("", text) if "<!--" in text else text


def normalize_page_name(name: str) -> str:
    """Normalise a page name as MediaWiki's ``Title`` does for display.

    Underscores and runs of whitespace become one space, surrounding space goes, and the
    first letter is upper-cased (English Wikipedia's ``$wgCapitalLinks``).
    """
    name = _SPACES.sub(" ", name).strip()
    if name and not name[0].isupper():
        first = name[0].upper()
        if len(first) == 1:  # 'ß'.upper() == 'SS': MediaWiki keeps such letters
            name = first + name[1:]
    return name


@lru_cache(maxsize=8192)
def template_name(title: str) -> str:
    """The normalised name a ``{{…}}`` title calls.

    For example ``" infobox_person\\n"`` calls ``"Infobox person"``.

    Comments are dropped, ``subst:``/``safesubst:``/``msgnw:`` modifiers and the template
    namespace prefix removed, and the rest normalised like a page name.  Cached: pages
    call the same few templates again and again.
    """
    if "<!--" in title:
        title = _COMMENT.sub("", title)
    name = title.strip()
    while ":" in name:
        head, _, rest = name.partition(":")
        key = _SPACES.sub("_", head.strip()).lower()
        if key in _MODIFIERS or key in TEMPLATE_NAMESPACES:
            name = rest.strip()
        else:
            break
    return normalize_page_name(name)


@lru_cache(maxsize=8192)
def is_template_call(title: str) -> bool:
    """Whether a ``{{…}}`` with this raw title calls a template (not a function or variable).

    Cached, as ``template_name`` is.
    """
    if "<!--" in title:
        title = _COMMENT.sub("", title)
    name = title.strip()
    while True:
        head, colon, rest = name.partition(":")
        if colon and head.strip().lower() in _MODIFIERS:
            name = rest.strip()
        else:
            break
    if not name or name.startswith("#") or name in VARIABLES:
        return False
    head, colon, _ = name.partition(":")
    if colon:
        head = head.strip()
        if head.lower() in FUNCTIONS_ANY_CASE:
            return False
        if head in FUNCTIONS_CASED or head.replace(" ", "_") in FUNCTIONS_CASED:
            return False
    return True


_MODIFIERS: Final = frozenset({"subst", "safesubst", "msg", "msgnw", "raw"})
