"""Page titles as ``Title::newFromText`` reads them: namespace, case, spaces, validity.

A template call names a page; MediaWiki decodes character references, turns underscores
into spaces and collapses runs of them, finds a namespace prefix (any case), drops a
``#fragment``, refuses titles with ``< > [ ] | { }`` or control characters, and uppercases
the first letter of the name (in first-letter namespaces, the default).
"""

from __future__ import annotations

import html
import re
from typing import Final

from attrs import frozen

from wikibio.site.expansion import CANONICAL_NAMESPACES, ExpansionSite
from wikibio.site.languages import language_data

__all__ = ["PageTitle", "make_title", "ucfirst"]

_INVALID: Final = re.compile(r"[<>\[\]|{}\x00-\x1f\x7f\ufffd]|~~~")
_SPACES: Final = re.compile(r"[ _\u00a0\u1680\u180e\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+")
_ENTITY: Final = re.compile(r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);")


def ucfirst(text: str) -> str:
    """``Language::ucfirst``: the first character uppercased when it has a one-letter capital."""
    if not text:
        return text
    upper = text[0].upper()
    return (upper if len(upper) == 1 else text[0]) + text[1:]


@frozen
class PageTitle:
    """A valid page title: namespace number, its display prefix and the name within it."""

    #: Namespace number (0 for articles, 10 for templates).
    namespace: int
    #: The name without the namespace, with spaces (``getText``).
    text: str
    #: The namespace's name as the wiki shows it ("" for the main namespace).
    prefix: str
    #: The namespace's canonical English name (what a template source is asked for).
    canonical_prefix: str
    #: ``getPrefixedText``: ``Template:Foo bar``.
    full: str
    #: The full title with the canonical namespace name: ``Template:Foo``.
    canonical: str


def _decode(text: str) -> str:
    if "&" not in text:
        return text
    return _ENTITY.sub(lambda m: html.unescape(m.group(0)), text)


def make_title(text: str, default_namespace: int, site: ExpansionSite) -> PageTitle | None:
    """The title ``text`` names, or None when MediaWiki would find it invalid.

    Args:
        text: The name as written (``foo_bar``, ``:Main page``, ``Template:X#frag``).
        default_namespace: The namespace of a name without prefix (10 for ``{{X}}``).
        site: Namespace names and case rules.
    """
    name = _SPACES.sub(" ", _decode(text)).strip(" ")
    namespace = default_namespace
    if name.startswith(":"):
        namespace = 0
        name = name[1:].lstrip(" ")
    colon = name.find(":")
    if colon > 0:
        found = site.namespace(name[:colon])
        if found is not None:
            namespace = found
            name = name[colon + 1 :].lstrip(" ")
    hash_at = name.find("#")
    if hash_at >= 0:
        name = name[:hash_at].rstrip(" ")
    if not name or _INVALID.search(name) or name in (".", "..") or name.startswith(("./", "../")):
        return None
    if "/./" in name or "/../" in name or name.endswith(("/.", "/..")):
        return None
    if len(name.encode()) > 255:
        return None
    if namespace not in site.case_sensitive:
        name = (
            language_data(site.language).ucfirst(name) if site.language != "en" else ucfirst(name)
        )
    prefix = site.local.get(namespace, CANONICAL_NAMESPACES.get(namespace, ""))
    canonical_prefix = CANONICAL_NAMESPACES.get(namespace, prefix)
    return PageTitle(
        namespace=namespace,
        text=name,
        prefix=prefix,
        canonical_prefix=canonical_prefix,
        full=f"{prefix}:{name}" if prefix else name,
        canonical=f"{canonical_prefix}:{name}" if canonical_prefix else name,
    )
