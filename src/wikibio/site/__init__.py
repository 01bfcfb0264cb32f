"""What MediaWiki knows per wiki, as data, each table with its source.

Every MediaWiki or Wikipedia table the other layers consult lives here and nowhere else:
the extension tags a wiki registers and how their bodies read, the names of the
namespaces whose links do not show as text, the templates that place a reference list
and those that are infoboxes, and MediaWiki's expansion limits.  The tables describe
English Wikipedia, extended with the localised names seen in the project's corpus
(22 languages); a wiki's own ``<siteinfo>`` will extend them.

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
from wikibio.site.tags import EXTENSION_TAGS, TEXT_TAGS, WIKITEXT_TAGS
from wikibio.site.templates import (
    DATE_FORMAT_TEMPLATES,
    INFOBOX_NAMES,
    INFOBOX_PREFIXES,
    INFOBOX_SUFFIXES,
    LIST_TEMPLATES,
)

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
    "LIST_TEMPLATES",
    "MAX_EXPAND_DEPTH",
    "TEXT_TAGS",
    "WIKITEXT_TAGS",
    "is_file_namespace",
]
