"""Where templates come from: ``TemplateSource`` and the sources wikibio provides.

A *template source* is any object with ``get(title) -> str | None`` that is asked for
full page titles in canonical form (``"Template:Foo"``, ``"Module:Bar"``); a
``Mapping[str, str]`` works too.

* ``from_dump(path, index=None)`` — the non-article pages of an XML dump, indexed once
  into SQLite beside the dump and reused while the dump's size and mtime are unchanged;
* ``from_directory(path)`` — ``Template:Foo.wikitext``-style files.

Examples:
    >>> import wikibio
    >>> templates = {"Template:Greet": "Hello, {{{1|world}}}!"}
    >>> wikibio.expand("{{greet}} {{greet|you}}", templates=templates)
    'Hello, world! Hello, you!'
"""

from __future__ import annotations

from wikibio.expand.api import TemplateSource
from wikibio.expand.sources import (
    DirectorySource,
    DumpSource,
    TemplateSourceError,
    from_directory,
    from_dump,
)

__all__ = [
    "DirectorySource",
    "DumpSource",
    "TemplateSource",
    "TemplateSourceError",
    "from_directory",
    "from_dump",
]
