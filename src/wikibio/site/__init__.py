"""What MediaWiki knows per wiki, as data, each table with its source.

Every MediaWiki or Wikipedia table the other layers consult lives here and nowhere else:
the extension tags a wiki registers and how their bodies read, the names of the
namespaces whose links do not show as text, the templates that place a reference list
and those that are infoboxes, and MediaWiki's expansion limits.  Namespace names, magic
words and interlanguage prefixes are every Wikipedia's own siteinfo (``wikis``, with a
``Site`` value per wiki); a dump's ``<siteinfo>`` overrides them (``Site.from_siteinfo``).

This package imports nothing else of wikibio: it is the bottom layer.
"""

from __future__ import annotations

from wikibio.site.limits import MAX_EXPAND_DEPTH
from wikibio.site.namespaces import (
    CATEGORY_NAMESPACES,
    FILE_LINK,
    FILE_NAMESPACES,
    HIDDEN_LINK,
    is_file_namespace,
)
from wikibio.site.protocols import URL_PROTOCOLS
from wikibio.site.tags import EXTENSION_TAGS, TEXT_TAGS, WIKITEXT_TAGS
from wikibio.site.templates import (
    DATE_FORMAT_TEMPLATES,
    INFOBOX_NAMES,
    INFOBOX_PREFIXES,
    INFOBOX_SUFFIXES,
    LIST_GROUP_PARAMETERS,
    LIST_TEMPLATES,
)
from wikibio.site.wikis import NamespacePrefix, Site, fold_name, known_languages

__all__ = [
    "CATEGORY_NAMESPACES",
    "DATE_FORMAT_TEMPLATES",
    "EXTENSION_TAGS",
    "FILE_LINK",
    "FILE_NAMESPACES",
    "HIDDEN_LINK",
    "INFOBOX_NAMES",
    "INFOBOX_PREFIXES",
    "INFOBOX_SUFFIXES",
    "LIST_GROUP_PARAMETERS",
    "LIST_TEMPLATES",
    "MAX_EXPAND_DEPTH",
    "TEXT_TAGS",
    "URL_PROTOCOLS",
    "WIKITEXT_TAGS",
    "NamespacePrefix",
    "Site",
    "fold_name",
    "is_file_namespace",
    "known_languages",
]
