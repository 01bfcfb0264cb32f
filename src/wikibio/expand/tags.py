"""Renderers for extension tags whose body is wikitext, for ``expand_with_diagnostics(tags=…)``.

``expand`` keeps extension tags as written, as ``action=expandtemplates`` does; a view
that renders the page needs some of them rendered, with the templates in their bodies
expanded in the frame the tag appears in.  ``WIKITEXT_BODIES`` holds core's own:

* ``<pre format="wikitext">`` (``CoreTagHooks::pre``): the body is wikitext, expanded
  (``Parser::recursiveTagParse``), the tag kept around it; a plain ``<pre>`` stays as
  written.
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from typing import Final

from wikibio.expand.engine import Call, TagHook

__all__ = ["WIKITEXT_BODIES", "pre"]


def _attributes(attributes: Mapping[str, str]) -> str:
    return "".join(f' {name}="{html.escape(value)}"' for name, value in attributes.items())


def pre(call: Call, name: str, body: str | None, attributes: dict[str, str]) -> str:
    """``<pre>``: with ``format="wikitext"`` its body expanded, else the tag as written."""
    attrs = _attributes(attributes)
    if body is None:
        return f"<{name}{attrs}/>"
    if attributes.get("format", "").strip().lower() == "wikitext":
        body = call.preprocess(body)
    return f"<{name}{attrs}>{body}</{name}>"


#: Core's extension tags whose body is wikitext.
WIKITEXT_BODIES: Final[Mapping[str, TagHook]] = {"pre": pre}
