"""Site knowledge per wiki: namespace names, magic words, interlanguage prefixes.

The tables are every Wikipedia's own siteinfo (``api.php?action=query&meta=siteinfo`` with
``namespaces|namespacealiases|magicwords|interwikimap``): MediaWiki's language files
(``languages/messages/Messages*.php``) merged with the wiki's configuration, for the 346
language editions.  ``data/wikis.json`` holds them (magic-word aliases stored where they
differ from English Wikipedia's); ``data/any.json`` holds what all of them recognise together.
Both are made by ``tools/site_tables.py``, which names the source and its commit.

A ``Site`` is one wiki's knowledge.  ``Site.for_language("de")`` reads the packaged table,
``Site.from_siteinfo`` a dump's ``<siteinfo>`` (which overrides the table: a wiki's own
configuration wins), and ``Site.default()`` is English Wikipedia that also recognises every
Wikipedia's names for files, media and categories and every behaviour switch, since a page
parsed without its site may come from any of them.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator, Mapping
from functools import cache
from pathlib import Path
from typing import Final

from attrs import field, frozen

__all__ = [
    "CATEGORY",
    "FILE",
    "MEDIA",
    "TEMPLATE",
    "NamespacePrefix",
    "Site",
    "fold_name",
    "known_languages",
    "localised_magic_words",
    "template_namespace_names",
]

_DATA: Final = Path(__file__).parent / "data"

#: Namespace numbers MediaWiki fixes for every wiki (``NS_MEDIA``, ``NS_FILE`` …).
MEDIA: Final = -2
FILE: Final = 6
TEMPLATE: Final = 10
CATEGORY: Final = 14

_FOLD: Final = re.compile(r"[\s_]+")


def fold_name(name: str) -> str:
    """A namespace name as MediaWiki compares it: case-insensitive, ``_`` and blanks alike."""
    return _FOLD.sub(" ", name).strip().casefold()


@cache
def _any() -> dict[str, list[str]]:
    data: dict[str, list[str]] = json.loads((_DATA / "any.json").read_text("utf-8"))
    return data


@cache
def _english() -> dict[str, dict[str, list[str]]]:
    data: dict[str, dict[str, dict[str, list[str]]]] = json.loads(
        (_DATA / "any.json").read_text("utf-8")
    )
    return data["english"]


@cache
def _wikis() -> dict[str, dict[str, dict[str, list[str]]]]:
    data = json.loads((_DATA / "wikis.json").read_text("utf-8"))
    wikis: dict[str, dict[str, dict[str, list[str]]]] = data["wikis"]
    return wikis


def localised_magic_words() -> dict[str, tuple[str, ...]]:
    """Every Wikipedia's own aliases of the variables and parser functions, by magic word id
    (``{"defaultsort": ("SORTIERUNG:", "ORDENAR:", …)}``), English's left out (see
    ``Site.default().magic_words``).  Image options and behaviour switches are not in it."""
    data: dict[str, list[str]] = _any()["localised_magic_words"]  # type: ignore[assignment]
    return {key: tuple(aliases) for key, aliases in data.items()}


def template_namespace_names() -> tuple[str, ...]:
    """The template namespace's names and aliases on any Wikipedia (``Vorlage``, ``Modèle`` …)."""
    return tuple(_any()["template"])


def known_languages() -> frozenset[str]:
    """The language codes of the Wikipedias whose tables are packaged (``"de"``, ``"simple"`` …)."""
    return frozenset(_wikis())


class NamespacePrefix:
    """Finds a link target's namespace prefix when it names one of a set of namespaces.

    One compiled pattern reads any ``name:`` prefix and a set lookup decides: with the
    names of 346 wikis an alternation would be tried name by name at every link.
    """

    __slots__ = ("_names", "_pattern")

    def __init__(self, names: Iterable[str], *, opening: str = "") -> None:
        self._names = frozenset(fold_name(n) for n in names)
        # PERF: after an opening, a lookahead skips at once what holds no colon before the
        # next bracket (most links): the lazy name is otherwise tried at every length.
        # Without an opening it would look ahead from every position of the text.
        ahead = r"(?=[^:\[\]{}|<>]*+:)" if opening else ""
        self._pattern = re.compile(opening + ahead + r"[\s_]*([^:\[\]{}|<>\n]{1,60}?)[\s_]*:")

    @property
    def names(self) -> frozenset[str]:
        """The names recognised, folded (``fold_name``)."""
        return self._names

    def match(self, text: str, pos: int = 0) -> re.Match[str] | None:
        """The prefix at ``text[pos:]`` when it names one of the namespaces, else ``None``."""
        found = self._pattern.match(text, pos)
        if found is not None and fold_name(found.group(1)) in self._names:
            return found
        return None

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        """Every prefix in ``text`` that names one of the namespaces."""
        names = self._names
        for found in self._pattern.finditer(text):
            if fold_name(found.group(1)) in names:
                yield found

    def search(self, text: str) -> re.Match[str] | None:
        """The first prefix in ``text`` that names one of the namespaces."""
        return next(self.finditer(text), None)


#: A double-underscore word: a behaviour switch when the site knows it.
_SWITCH: Final = re.compile(r"__([^\s_<>\[\]{}|](?:[^\n<>\[\]{}|_]|_(?!_)){0,60})__")
#: A wikilink with no leading colon: an interlanguage link when its prefix is a language's.
_LANGUAGE_LINK: Final = re.compile(
    r"\[\[[ _]*([a-zA-Z][a-zA-Z-]{1,15}+)[ _]*:[^\[\]{}|\n]*(?:\|[^\[\]\n]*)?\]\]"
)


@frozen(hash=False)
class Site:
    """What one wiki knows: its language, namespace names, magic words, interlanguage prefixes."""

    #: The wiki's language code (``"en"``, ``"de"``, ``"simple"``).
    language: str
    #: Namespace number → its names: the local name first, the canonical English name and
    #: the aliases after it.
    namespaces: Mapping[int, tuple[str, ...]]
    #: Magic word id (``"notoc"``, ``"redirect"``, ``"img_thumbnail"``) → its aliases.
    magic_words: Mapping[str, tuple[str, ...]]
    #: Prefixes whose links are interlanguage links (``[[de:Berlin]]``).
    interlanguage_prefixes: frozenset[str]
    #: Links to these namespaces show no text inline: files and categories.
    hidden_link: NamespacePrefix = field(init=False, eq=False, repr=False)
    #: The opening of a file link in running text (``[[Datei:``).
    file_link: NamespacePrefix = field(init=False, eq=False, repr=False)
    #: A category link's namespace prefix.
    category_prefix: NamespacePrefix = field(init=False, eq=False, repr=False)
    _switches: frozenset[str] = field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        # A media link ([[Media:X.ogg]]) shows as a link to the file; file links do not.
        files = self.namespaces.get(FILE, ())
        categories = self.namespaces.get(CATEGORY, ())
        set_ = object.__setattr__
        set_(self, "hidden_link", NamespacePrefix((*files, *categories)))
        set_(self, "file_link", NamespacePrefix(files, opening=r"\[\["))
        set_(self, "category_prefix", NamespacePrefix(categories))
        switch_ids = set(_any()["behaviour_switches"])
        set_(
            self,
            "_switches",
            frozenset(
                alias.casefold()
                for key, aliases in self.magic_words.items()
                if key in switch_ids
                for alias in aliases
            ),
        )

    # --- construction ---------------------------------------------------------------

    @classmethod
    def for_language(cls, language: str) -> Site:
        """The packaged table of one Wikipedia (``"de"``, ``"pt"``, ``"simple"``).

        Raises:
            KeyError: No Wikipedia has that language code (``known_languages()`` lists them).
        """
        return _for_language(language)

    @classmethod
    def default(cls) -> Site:
        """English Wikipedia, recognising every Wikipedia's file, media and category names
        and behaviour switches (a page parsed without its site may come from any wiki)."""
        return _default()

    @classmethod
    def from_siteinfo(cls, siteinfo: str | ET.Element, *, language: str | None = None) -> Site:
        """The site a dump's ``<siteinfo>`` describes, over the packaged table of its language.

        The dump's namespace names replace the table's (a wiki's own configuration wins);
        its ``<dbname>`` (``dewiki``) or ``language`` names the table it extends; one that
        names no known wiki extends ``Site.default()``.

        Args:
            siteinfo: The ``<siteinfo>`` element, or its XML text.
            language: The language code, if the siteinfo does not name it.
        """
        root = ET.fromstring(siteinfo) if isinstance(siteinfo, str) else siteinfo
        namespaces: dict[int, list[str]] = {}
        dbname = ""
        for element in root.iter():
            tag = element.tag.rsplit("}", 1)[-1]
            if tag == "dbname":
                dbname = (element.text or "").strip()
            elif tag == "namespace":
                key = element.get("key")
                name = (element.text or "").strip()
                if key is not None and key.lstrip("-").isdigit() and name:
                    namespaces.setdefault(int(key), []).append(name)
        code = language or (dbname.removesuffix("wiki").replace("_", "-") if dbname else "en")
        # A siteinfo that names no known wiki extends the default site (any Wikipedia's names).
        base = (
            _for_language(code)
            if code in known_languages() and (language or dbname)
            else _default()
        )
        merged = {k: tuple(v) for k, v in base.namespaces.items()}
        for number, names in namespaces.items():
            merged[number] = tuple(dict.fromkeys((*names, *merged.get(number, ()))))
        site = cls(code, merged, base.magic_words, base.interlanguage_prefixes)
        object.__setattr__(site, "_switches", site._switches | base._switches)
        return site

    # --- questions ------------------------------------------------------------------

    @property
    def hidden_link_text(self) -> re.Pattern[str]:
        """A file, media or category prefix as shown text (a leak: ``Kategorie:X`` printed)."""
        return _leak_pattern(self.hidden_link.names)

    def names(self, namespace: int) -> tuple[str, ...]:
        """The names of a namespace: local name first, then canonical name and aliases."""
        return self.namespaces.get(namespace, ())

    def is_behaviour_switch(self, word: str) -> bool:
        """Whether ``word`` (``"__NOTOC__"``) is one of the site's behaviour switches."""
        return word.casefold() in self._switches

    def without_site_syntax(self, text: str) -> str:
        """``text`` without the behaviour switches and interlanguage links MediaWiki removes.

        A line that held nothing else becomes empty, as MediaWiki leaves it.
        """
        if "__" in text:
            text = _SWITCH.sub(self._switch, text)
        if "[[" in text:
            prefixes = self.interlanguage_prefixes
            # PERF: a page's links with a prefix are nearly all files and categories; the
            # text is copied only when one is an interlanguage link (few pages since
            # Wikidata holds them).
            for found in _LANGUAGE_LINK.finditer(text):
                if found.group(1).lower() in prefixes:
                    start = found.start()
                    return text[:start] + _LANGUAGE_LINK.sub(self._language_link, text[start:])
        return text

    def _switch(self, match: re.Match[str]) -> str:
        return "" if match.group(0).casefold() in self._switches else match.group(0)

    def _language_link(self, match: re.Match[str]) -> str:
        return "" if match.group(1).lower() in self.interlanguage_prefixes else match.group(0)


def _site_from_table(language: str, table: Mapping[str, Mapping[str, list[str]]]) -> Site:
    english = _english()["magic_words"]
    magic = {k: tuple(v) for k, v in english.items()}
    for key, extra in table["magic_words"].items():
        magic[key] = (*extra, *magic.get(key, ()))
    namespaces = {int(k): tuple(v) for k, v in table["namespaces"].items()}
    prefixes = frozenset(_any()["interlanguage_prefixes"]) - {language}
    return Site(language, namespaces, magic, prefixes)


@cache
def _for_language(language: str) -> Site:
    if language == "en":
        return _site_from_table("en", _english())
    wikis = _wikis()
    if language not in wikis:
        known = ", ".join(sorted(wikis)[:12])
        raise KeyError(
            f"no packaged site table for language {language!r}; "
            f"known codes include {known} … (wikibio.site.known_languages())"
        )
    return _site_from_table(language, wikis[language])


@cache
def _default() -> Site:
    union = _any()
    english = _site_from_table("en", _english())
    namespaces = dict(english.namespaces)
    for key, names in (
        (MEDIA, union["media"]),
        (FILE, union["file"]),
        (CATEGORY, union["category"]),
    ):
        namespaces[key] = tuple(dict.fromkeys((*namespaces.get(key, ()), *names)))
    magic = dict(english.magic_words)
    site = Site("en", namespaces, magic, english.interlanguage_prefixes)
    object.__setattr__(site, "_switches", frozenset(a.casefold() for a in union["switch_aliases"]))
    return site


@cache
def _leak_pattern(names: frozenset[str]) -> re.Pattern[str]:
    ordered = sorted(names, key=len, reverse=True)
    alternation = "|".join(re.escape(n).replace(r"\ ", "[ _]+") for n in ordered)
    return re.compile(rf"(?<![\w:])(?:{alternation})[ _]*:(?=\w)", re.IGNORECASE)
