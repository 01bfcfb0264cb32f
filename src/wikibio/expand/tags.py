"""Renderers for extension tags whose body is wikitext, for ``expand_with_diagnostics(tags=…)``.

``expand`` keeps extension tags as written, as ``action=expandtemplates`` does; a view
that renders the page needs some of them rendered, with the templates in their bodies
expanded in the frame the tag appears in.  ``WIKITEXT_BODIES`` holds core's own:

* ``<pre format="wikitext">`` (``CoreTagHooks::pre``): the body is wikitext, expanded
  (``Parser::recursiveTagParse``), the tag kept around it; a plain ``<pre>`` stays as
  written;
* ``<gallery>``: its ``caption`` and each image's options and caption are wikitext.
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from typing import Final

from wikibio.expand.engine import Call, TagHook

__all__ = ["WIKITEXT_BODIES", "gallery", "pre"]


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


def gallery(call: Call, name: str, body: str | None, attributes: dict[str, str]) -> str:
    """``<gallery>`` (``CoreTagHooks::gallery``): the ``caption`` attribute and each line's
    part after the file name (options and caption) are wikitext, expanded; the tag is
    kept around them for the renderer."""
    attrs = dict(attributes)
    if "caption" in attrs:
        attrs["caption"] = call.preprocess(attrs["caption"])
    lines = []
    for line in (body or "").split("\n"):
        title, bar, rest = line.partition("|")
        lines.append(title + bar + (call.preprocess(rest) if bar else ""))
    return f"<{name}{_attributes(attrs)}>" + "\n".join(lines) + f"</{name}>"


#: Core's extension tags whose body is wikitext.
WIKITEXT_BODIES: Final[Mapping[str, TagHook]] = {"pre": pre, "gallery": gallery}
