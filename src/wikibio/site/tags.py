"""Extension tags: which names a wiki registers, and how a reader sees their bodies."""

from __future__ import annotations

from typing import Final

__all__ = ["EXTENSION_TAGS", "TEXT_TAGS", "WIKITEXT_TAGS"]

#: Tag names English Wikipedia registers with ``Parser::setHook`` (its strip list,
#: ``Special:Version`` → "Parser extension tags").  The preprocessor treats their bodies
#: as opaque.
EXTENSION_TAGS: Final = (
    "pre",
    "nowiki",
    "gallery",
    "indicator",
    "langconvert",
    "ref",
    "references",
    "syntaxhighlight",
    "source",
    "math",
    "chem",
    "ce",
    "poem",
    "score",
    "timeline",
    "hiero",
    "imagemap",
    "inputbox",
    "categorytree",
    "charinsert",
    "templatedata",
    "templatestyles",
    "section",
    "mapframe",
    "maplink",
    "graph",
    "phonos",
    "page-collection",
)

#: Tags whose body readers see as text: ``<nowiki>`` and ``<pre>`` (core, shown
#: verbatim) and ``<poem>`` (Extension:Poem, lines kept).  Every other tag shows its own
#: rendering or nothing inline.
TEXT_TAGS: Final = frozenset({"nowiki", "pre", "poem"})

#: Tags whose body MediaWiki parses as wikitext, so ``<ref>`` works inside: ``<poem>``
#: (Extension:Poem calls ``recursiveTagParse``), ``<indicator>`` (core) and ``<gallery>``
#: captions.
WIKITEXT_TAGS: Final = frozenset({"poem", "indicator", "gallery"})
