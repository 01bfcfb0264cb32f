"""wikibio: Wikipedia article wikitext as typed objects, MediaWiki-exact and lossless.

Examples:
    >>> import wikibio
    >>> article = wikibio.parse("Intro.\\n== Life ==\\nBorn.<ref>A note.</ref>\\n")
    >>> [section.title for section in article.sections]
    ['Life']
    >>> article.references[0].number
    1
    >>> str(article) == "Intro.\\n== Life ==\\nBorn.<ref>A note.</ref>\\n"
    True
"""

from wikibio.categories import CategoryLink
from wikibio.citations import Citation
from wikibio.diagnostics import Diagnostic
from wikibio.document import Article, Expansion, parse
from wikibio.errors import InvalidNodeError, NotFoundError, WikibioError
from wikibio.expand import TemplateSource
from wikibio.infobox import DEFAULT_INFOBOX_NAMES, Field, Infobox, InfoboxNames
from wikibio.links import WikiLink
from wikibio.references import Reference, ReferenceList, ReferenceUse, RefTag
from wikibio.scribunto import expand
from wikibio.sections import Section
from wikibio.site import Site
from wikibio.templates import Argument, Template

__all__ = [
    "DEFAULT_INFOBOX_NAMES",
    "Argument",
    "Article",
    "CategoryLink",
    "Citation",
    "Diagnostic",
    "Expansion",
    "Field",
    "Infobox",
    "InfoboxNames",
    "InvalidNodeError",
    "NotFoundError",
    "RefTag",
    "Reference",
    "ReferenceList",
    "ReferenceUse",
    "Section",
    "Site",
    "Template",
    "TemplateSource",
    "WikiLink",
    "WikibioError",
    "expand",
    "parse",
    "sources",
]

__version__ = "0.1.0"


def __getattr__(name: str) -> object:
    """``wikibio.sources`` on first use: its network and SQLite imports stay out of ``import
    wikibio``."""
    if name == "sources":
        import wikibio.sources

        return wikibio.sources
    raise AttributeError(f"module 'wikibio' has no attribute {name!r}")
