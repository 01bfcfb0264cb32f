"""Hypothesis strategies for text: plain words and markup-dense wikitext.

Part of ``wikibio.strategies`` (import the strategies from there).  Plain text is
drawn from an alphabet that can never make markup, so what a test builds from it reads
back exactly; ``wikitext`` is the opposite: dense, nested and often broken markup.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import Final

from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

__all__ = ["check_bool", "check_choices", "check_size", "phrases", "wikitext", "words"]

#: Words that read well in a failing example; the first ones are what shrinking reaches.
WORDS: Final = (
    "Ada",
    "born",
    "in",
    "London",
    "the",
    "war",
    "of",
    "1815",
    "Zoë",
    "naval",
    "officer",
    "and",
    "Paris",
    "徐俊平",
    "Straße",
    "Ωmega",
    "x",
)
#: Letters that never make markup (no ``' = | { } [ ] < > & ~ _ - * # : ;``).
SAFE_ALPHABET: Final = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789éüßøЖ徐"


def check_size(min_size: object, max_size: object, *, what: str) -> None:
    """Raise ``InvalidArgument`` for a bad ``min_size``/``max_size``."""
    for label, value in (("min_size", min_size), ("max_size", max_size)):
        if value is None and label == "max_size":
            continue
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            raise InvalidArgument(
                f"{label}={value!r} must be a non-negative int (the number of {what})"
            )
    if max_size is not None and max_size < min_size:  # type: ignore[operator]
        raise InvalidArgument(
            f"max_size={max_size!r} is below min_size={min_size!r}; "
            f"give max_size >= min_size (the number of {what})"
        )


def check_bool(name: str, value: object) -> None:
    """Raise ``InvalidArgument`` unless ``value`` is a ``bool``."""
    if not isinstance(value, bool):
        raise InvalidArgument(f"{name}={value!r} must be True or False")


def check_choices(
    name: str, values: object, allowed: Sequence[str] | None = None
) -> tuple[str, ...]:
    """Validate a non-empty sequence of ``str`` (each in ``allowed``, if given)."""
    if isinstance(values, str) or not isinstance(values, Sequence) or not values:
        raise InvalidArgument(f"{name}={values!r} must be a non-empty sequence of str")
    for value in values:
        if not isinstance(value, str):
            raise InvalidArgument(f"{name} holds {value!r}, which is not a str")
        if allowed is not None and value not in allowed:
            raise InvalidArgument(
                f"{name} holds {value!r}; choose from {', '.join(map(repr, allowed))}"
            )
    return tuple(values)


@functools.cache
def words() -> st.SearchStrategy[str]:
    """One word that can never make markup: ``"Ada"``, ``"1815"``, ``"徐俊平"`` …"""
    return st.one_of(
        st.sampled_from(WORDS), st.text(alphabet=SAFE_ALPHABET, min_size=1, max_size=8)
    )


@functools.cache
def phrases(*, min_words: int = 1, max_words: int = 4) -> st.SearchStrategy[str]:
    """Words joined by single spaces: no markup, no surrounding whitespace."""
    return st.lists(words(), min_size=min_words, max_size=max_words).map(" ".join)


def capitalised(text: str) -> str:
    """``text`` with its first letter upper case, as MediaWiki normalises page names."""
    return text[:1].upper() + text[1:]


#: Markup that is unbalanced or odd on its own: the preprocessor's hard cases.
BROKEN: Final = (
    "{{",
    "}}",
    "{{{",
    "}}}",
    "[[",
    "]]",
    "[",
    "]",
    "|",
    "=",
    "==",
    "\n=",
    "\n==",
    "\n",
    "\r\n",
    "\r",
    " ",
    "\t",
    "-{",
    "}-",
    "<!--",
    "-->",
    "<ref>",
    "</ref>",
    "<ref name=a/>",
    '<ref name="b">',
    "<REF>",
    "</ref >",
    "<references/>",
    "<references>",
    "</references>",
    "<nowiki>",
    "</nowiki>",
    "<pre>",
    "</pre>",
    "<includeonly>",
    "</includeonly>",
    "<noinclude>",
    "<onlyinclude>",
    "</onlyinclude>",
    "''",
    "'''",
    "<div>",
    "</div>",
    ">",
    "<",
    "&",
    "&amp;",
    "&#124;",
    "{{!}}",
    "~~~~",
    "\x00",
    "\ud800",
    "\ufeff",
    "é",
    "#if:",
    "{{Infobox person|name=",
    "<ref name=a>",
    "<ref group=g>",
    "{|",
    "|}",
    "|-",
    "||",
)

_TEMPLATE_NAMES: Final = (
    "a",
    "cite web",
    "Infobox person",
    "lang",
    "Reflist",
    "efn",
    "sfn",
    "r",
    "#if:x",
    "#tag:ref",
    "PAGENAME",
    "DEFAULTSORT:Doe, Ada",
    "!",
    "Template:b",
    "subst:c",
)
_TAGS: Final = (
    "nowiki",
    "pre",
    "div",
    "span",
    "includeonly",
    "noinclude",
    "onlyinclude",
    "poem",
    "math",
    "small",
    "references",
    "gallery",
    "syntaxhighlight",
)
_REF_ATTRIBUTES: Final = (
    "",
    " name=a",
    ' name="b c"',
    " name='a'",
    " group=g",
    ' name=a group="note"',
)


def _joined(parts: st.SearchStrategy[str], max_size: int = 4) -> st.SearchStrategy[str]:
    return st.lists(parts, max_size=max_size).map("".join)


def _constructs(inner: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    """Well-formed markup around ``inner`` text; ``inner`` may itself be anything."""
    body = _joined(inner)
    argument = st.one_of(
        body,
        st.tuples(st.sampled_from(("1", "name", " title ", "url", "group")), body).map(
            lambda pair: f"{pair[0]}={pair[1]}"
        ),
    )
    template = st.tuples(
        st.sampled_from(_TEMPLATE_NAMES),
        st.lists(argument, max_size=3),
        st.sampled_from(("|", " |", "\n|", "\n| ")),
    ).map(lambda t: "{{" + t[0] + "".join(t[2] + a for a in t[1]) + "}}")
    tag = st.tuples(st.sampled_from(_TAGS), body).map(lambda t: f"<{t[0]}>{t[1]}</{t[0]}>")
    ref = st.tuples(st.sampled_from(_REF_ATTRIBUTES), body, st.booleans()).map(
        lambda t: f"<ref{t[0]} />" if t[2] else f"<ref{t[0]}>{t[1]}</ref>"
    )
    return st.one_of(
        template,
        body.map(lambda b: "{{{" + b + "}}}"),
        st.tuples(phrases(), body).map(lambda t: f"[[{t[0]}|{t[1]}]]"),
        phrases().map(lambda p: f"[[Category:{p}]]"),
        body.map(lambda b: f"[https://example.org/ {b}]"),
        ref,
        body.map(lambda b: "{{#tag:ref|" + b + "|name=t}}"),
        st.sampled_from(("\n==", "\n===", "\n=")).flatmap(
            lambda signs: body.map(lambda b: f"{signs} {b} {signs.strip()}\n")
        ),
        body.map(lambda b: f"<!-- {b} -->"),
        tag,
        body.map(lambda b: f"''{b}''"),
        body.map(lambda b: f"'''{b}'''"),
        body.map(lambda b: f"\n* {b}"),
        body.map(lambda b: "\n{|\n| " + b + " || x\n|}\n"),
        body.map(lambda b: "-{" + b + "}-"),
    )


def wikitext(
    *, min_size: int = 0, max_size: int | None = None, broken: bool = True
) -> st.SearchStrategy[str]:
    """Markup-dense wikitext: templates, links, refs, headings, comments, tags, tables.

    Constructs nest inside each other (a ref in a template argument in a comment …) and,
    with ``broken=True``, mix with unbalanced pieces (``{{`` alone, ``<ref>`` without
    ``</ref>``, ``-->`` before ``<!--``) and odd characters (NUL, a lone surrogate,
    ``\\r``, a byte-order mark), so the result exercises every rule of the preprocessor.
    Examples shrink toward the empty string and then toward plain words.

    Args:
        min_size: The fewest top-level pieces (a piece is a construct, a word or, with
            ``broken=True``, a stray token).
        max_size: The most top-level pieces (``None``: no limit).
        broken: Whether to mix in unbalanced markup and odd characters.

    Returns:
        A strategy for ``str``.

    Raises:
        InvalidArgument: a size is not a non-negative int, or ``max_size < min_size``;
            ``broken`` is not a bool.
    """
    check_size(min_size, max_size, what="top-level pieces")
    check_bool("broken", broken)
    base: st.SearchStrategy[str] = st.one_of(
        words(), st.sampled_from((" ", ". ", "\n", "\n\n", ", "))
    )
    if broken:
        base = st.one_of(base, st.sampled_from(BROKEN))
    piece = st.recursive(base, _constructs, max_leaves=12)
    return st.lists(piece, min_size=min_size, max_size=max_size).map("".join)
