"""``mw.ustring``: Scribunto's UTF-8 string library, in Python on ``str``.

Written from the Scribunto reference manual (section "Ustring library" and "Ustring
patterns") and checked against Scribunto's own test suite
(``../shared/conformance/scribunto/lua/UstringLibraryTests.lua``); no Scribunto code is
used.  Positions are code points, 1-based, negative counts from the end, as in Lua.

Patterns are Lua 5.1 patterns whose classes are Unicode classes, as the manual defines
them: ``%a`` letters (general category L), ``%c`` controls (Cc), ``%d`` decimal digits
(Nd), ``%l`` lowercase letters (Ll), ``%p`` punctuation (P), ``%s`` separators (Z) plus
tab, newline, vertical tab, form feed and carriage return, ``%u`` uppercase letters (Lu),
``%w`` letters and decimal digits, ``%x`` the ASCII hexadecimal digits and their
fullwidth forms, ``%z`` U+0000; ``.`` and sets work on code points.

A pattern is translated once (cached) into a Python regular expression, so the matching
loop runs in ``re``'s C code; only patterns with ``%b`` (balanced match, which ``re``
cannot express) run on the small backtracking matcher here, written after the algorithm
of Lua's ``string.find``.  ASCII text never leaves Lua (the Lua wrapper hands it to
``string``, which agrees with ``mw.ustring`` there).  ``gsub`` of ``%s+`` over 100 KB of
article text takes twice as long as Lua's byte-based ``string.gsub``
(``benchmarks/bench_ustring.py``; docs/scribunto-libraries.md has the table).

Strings arrive from Lua as ``bytes`` (lupa with ``encoding=None``) or ``str``; a string
that is not valid UTF-8 is refused as Scribunto refuses it ("string is not UTF-8"),
except by ``len``, ``isutf8`` and the normalization functions, which return ``nil`` or
``false``.
"""

from __future__ import annotations

import bisect
import functools
import re
import sys
import unicodedata
from collections.abc import Callable, Iterator
from typing import Any, Final

__all__ = [
    "MAX_PATTERN_LENGTH",
    "MAX_STRING_LENGTH",
    "UstringError",
    "find",
    "gmatch",
    "gsub",
    "match",
    "register",
]

#: The longest string the pattern functions accept, in bytes (Scribunto's default).
MAX_STRING_LENGTH: Final = 2097152
#: The longest pattern the pattern functions accept, in bytes (Scribunto's default).
MAX_PATTERN_LENGTH: Final = 10000
#: Lua 5.1's limit on captures in one pattern.
_MAX_CAPTURES: Final = 32
#: How many values one call may return to Lua (Lua 5.1's C stack allows about 8000).
_MAX_RESULTS: Final = 7000


class UstringError(ValueError):
    """A Lua error raised by ``mw.ustring``; the message is Scribunto's wording."""


# --- Unicode classes ------------------------------------------------------------------

_Ranges = tuple[tuple[int, int], ...]

_CLASS_CATEGORIES: Final = {
    "a": ("L",),
    "c": ("Cc",),
    "d": ("Nd",),
    "l": ("Ll",),
    "p": ("P",),
    "s": ("Z",),
    "u": ("Lu",),
    "w": ("L", "Nd"),
}
_EXTRA: Final[dict[str, tuple[tuple[int, int], ...]]] = {
    "s": ((0x09, 0x0D),),
    "x": (
        (0x30, 0x39),
        (0x41, 0x46),
        (0x61, 0x66),
        (0xFF10, 0xFF19),
        (0xFF21, 0xFF26),
        (0xFF41, 0xFF46),
    ),
    "z": ((0, 0),),
}


def _merge(ranges: list[tuple[int, int]]) -> _Ranges:
    ranges.sort()
    out: list[tuple[int, int]] = []
    for lo, hi in ranges:
        if out and lo <= out[-1][1] + 1:
            if hi > out[-1][1]:
                out[-1] = (out[-1][0], hi)
        else:
            out.append((lo, hi))
    return tuple(out)


@functools.cache
def _category_ranges() -> dict[str, _Ranges]:
    """Code point ranges per general category (and per major class), from ``unicodedata``.

    # PERF: one pass over the code space (about 0.2 s), once per process, on first use.
    """
    found: dict[str, list[tuple[int, int]]] = {}
    category = unicodedata.category
    start = 0
    current = category("\0")
    for cp in range(1, 0x110001):
        cat = category(chr(cp)) if cp < 0x110000 else ""
        if cat != current:
            found.setdefault(current, []).append((start, cp - 1))
            found.setdefault(current[0], []).append((start, cp - 1))
            start, current = cp, cat
    return {name: _merge(list(r)) for name, r in found.items()}


@functools.cache
def _class_ranges(letter: str) -> _Ranges:
    """The code point ranges of the class ``%letter`` (lowercase letter)."""
    ranges: list[tuple[int, int]] = list(_EXTRA.get(letter, ()))
    if letter in _CLASS_CATEGORIES:
        table = _category_ranges()
        for cat in _CLASS_CATEGORIES[letter]:
            ranges.extend(table.get(cat, ()))
    return _merge(ranges)


def _complement(ranges: _Ranges) -> _Ranges:
    out: list[tuple[int, int]] = []
    nxt = 0
    for lo, hi in ranges:
        if lo > nxt:
            out.append((nxt, lo - 1))
        nxt = hi + 1
    if nxt <= 0x10FFFF:
        out.append((nxt, 0x10FFFF))
    return tuple(out)


def _set_char(cp: int) -> str:
    ch = chr(cp)
    return "\\" + ch if ch in "\\]^-[" else ch


def _ranges_body(ranges: _Ranges) -> str:
    """The inside of a regex character set for ``ranges``."""
    parts: list[str] = []
    for lo, hi in ranges:
        if lo == hi:
            parts.append(_set_char(lo))
        else:
            parts.append(_set_char(lo) + "-" + _set_char(hi))
    return "".join(parts)


#: The characters a text may hold, for cutting sets: ``None`` for all of Unicode, else
#: the Basic Multilingual Plane and the given characters above it.
_Universe = frozenset[str] | None


@functools.lru_cache(maxsize=512)
def _class_body(letter: str, universe: _Universe = None) -> str:
    """Regex set body for ``%letter``; an uppercase letter is the complement.

    With a ``universe`` the set is cut to it: for text within it, it matches the same
    characters.
    """
    lower = letter.lower()
    ranges = _class_ranges(lower)
    if letter != lower:
        ranges = _complement(ranges)
    if universe is None:
        return _ranges_body(ranges)
    return _ranges_body(_cut(ranges, universe))


def _cut(ranges: _Ranges, universe: frozenset[str]) -> _Ranges:
    """``ranges`` within the BMP, plus the characters of ``universe`` they hold."""
    cut = [(lo, min(hi, 0xFFFF)) for lo, hi in ranges if lo <= 0xFFFF]
    for ch in sorted(universe):
        cp = ord(ch)
        k = bisect.bisect_right(ranges, (cp, 0x110000)) - 1
        if k >= 0 and ranges[k][0] <= cp <= ranges[k][1]:
            cut.append((cp, cp))
    return tuple(cut)


_CLASS_LETTERS: Final = frozenset("acdlpsuwxzACDLPSUWXZ")

# --- Pattern compilation --------------------------------------------------------------

# Token kinds of a parsed pattern.
_SINGLE, _OPEN, _CLOSE, _POSITION, _BALANCE, _FRONTIER, _BACKREF, _END = range(8)


class _Item:
    """One single-character class of a pattern: its regex text and a matcher."""

    __slots__ = ("_rx", "regex")

    def __init__(self, regex: str) -> None:
        self.regex = regex
        self._rx: re.Pattern[str] | None = None

    def matches(self, ch: str) -> bool:
        if self._rx is None:
            self._rx = re.compile(self.regex, re.DOTALL)
        return self._rx.match(ch) is not None


class _Compiled:
    """A Lua pattern, parsed once: its tokens, capture kinds and (usually) a regex."""

    __slots__ = ("anchored", "ncap", "nonempty", "positions", "regex", "tokens")

    def __init__(
        self,
        tokens: list[tuple[Any, ...]],
        anchored: bool,
        ncap: int,
        positions: frozenset[int],
        regex: re.Pattern[str] | None,
    ) -> None:
        self.tokens = tokens
        self.anchored = anchored
        self.ncap = ncap
        self.positions = positions
        self.regex = regex
        #: Every match is at least one character long (so Lua's loops and ``re``'s agree).
        self.nonempty = any(
            (t[0] == _SINGLE and t[2] in ("", "+")) or t[0] == _BALANCE for t in tokens
        )


def _missing_bracket(start: int) -> str:
    return f"Missing close-bracket for character set beginning at pattern character {start + 1}"


def _parse_set(pattern: str, i: int, universe: _Universe = None) -> tuple[str, int]:
    """Parse the set starting at ``pattern[i] == '['``; return (regex, index after ``]``)."""
    start = i
    n = len(pattern)
    i += 1
    negated = False
    if i < n and pattern[i] == "^":
        negated = True
        i += 1
    # Find the closing bracket the way Lua does: the first character is never the end.
    j = i
    while True:
        if j >= n:
            raise UstringError(_missing_bracket(start))
        c = pattern[j]
        j += 1
        if c == "%":
            if j >= n:
                raise UstringError(_missing_bracket(start))
            j += 1
        if j < n and pattern[j] == "]":
            break
        if j >= n:
            raise UstringError(_missing_bracket(start))
    end = j  # index of the closing ']'
    parts: list[str] = []
    k = i
    while k < end:
        c = pattern[k]
        if c == "%":
            k += 1
            e = pattern[k]
            if e in _CLASS_LETTERS:
                parts.append(_class_body(e, universe))
            else:
                parts.append(_set_char(ord(e)))
            k += 1
        elif k + 2 < end and pattern[k + 1] == "-":
            lo, hi = ord(c), ord(pattern[k + 2])
            if lo <= hi:
                if universe is None or hi <= 0xFFFF:
                    parts.append(_set_char(lo) + "-" + _set_char(hi))
                else:
                    parts.append(_ranges_body(_cut(((lo, hi),), universe)))
            k += 3
        else:
            parts.append(_set_char(ord(c)))
            k += 1
    body = "".join(parts)
    if not body:
        return ("[\\s\\S]" if negated else "(?!)"), end + 1
    return ("[^" if negated else "[") + body + "]", end + 1


def _single(pattern: str, i: int, universe: _Universe = None) -> tuple[str, int]:
    """Parse one single-character class at ``pattern[i]``; return (regex, next index)."""
    c = pattern[i]
    if c == ".":
        return "[\\s\\S]", i + 1
    if c == "[":
        return _parse_set(pattern, i, universe)
    if c == "%":
        if i + 1 >= len(pattern):
            raise UstringError("malformed pattern (ends with '%')")
        e = pattern[i + 1]
        if e in _CLASS_LETTERS:
            return "[" + _class_body(e, universe) + "]", i + 2
        return re.escape(e), i + 2
    return re.escape(c), i + 1


@functools.lru_cache(maxsize=1024)
def _compile(pattern: str, anchors: bool = True, universe: _Universe = None) -> _Compiled:
    """Parse a Lua pattern and translate it to a regex when it has no ``%b``.

    ``anchors`` is false for ``gmatch``, where ``^`` is an ordinary character (Lua 5.1).
    A ``universe`` compiles for text whose characters above U+FFFF are among those given.

    # PERF: ``re`` tests a set holding ranges above U+FFFF range by range, and one
    # below it with a bitmap (single characters above it do not spoil that): ``%a+``
    # over 100 KB takes 35-48 ms with Unicode's 700 letter ranges, 2 ms cut to the
    # text's universe, so each text gets the pattern cut to the characters it holds.
    """
    n = len(pattern)
    i = 0
    anchored = False
    if anchors and n and pattern[0] == "^":
        anchored = True
        i = 1
    tokens: list[tuple[Any, ...]] = []
    ncap = 0
    open_stack: list[int] = []
    closed: set[int] = set()
    positions: set[int] = set()
    while i < n:
        c = pattern[i]
        if c == "(":
            if i + 1 < n and pattern[i + 1] == ")":
                ncap += 1
                if ncap > _MAX_CAPTURES:
                    raise UstringError("too many captures")
                positions.add(ncap)
                closed.add(ncap)
                tokens.append((_POSITION, ncap))
                i += 2
                continue
            ncap += 1
            if ncap > _MAX_CAPTURES:
                raise UstringError("too many captures")
            open_stack.append(ncap)
            tokens.append((_OPEN, ncap))
            i += 1
            continue
        if c == ")":
            if not open_stack:
                raise UstringError("invalid pattern capture")
            idx = open_stack.pop()
            closed.add(idx)
            tokens.append((_CLOSE, idx))
            i += 1
            continue
        if c == "$" and i + 1 == n:
            tokens.append((_END,))
            i += 1
            continue
        if c == "%" and i + 1 < n:
            e = pattern[i + 1]
            if e == "b":
                if i + 3 >= n:
                    raise UstringError("malformed pattern (missing arguments to '%b')")
                tokens.append((_BALANCE, pattern[i + 2], pattern[i + 3]))
                i += 4
                continue
            if e == "f":
                i += 2
                if i >= n or pattern[i] != "[":
                    raise UstringError("missing '[' after '%f' in pattern")
                rx, i = _parse_set(pattern, i, universe)
                tokens.append((_FRONTIER, rx))
                continue
            if e.isdigit():
                idx = int(e)
                if idx == 0 or idx not in closed:
                    raise UstringError(f"invalid capture index %{idx} in pattern")
                tokens.append((_BACKREF, idx))
                i += 2
                continue
        rx, i = _single(pattern, i, universe)
        quant = ""
        if i < n and pattern[i] in "*+-?":
            quant = pattern[i]
            i += 1
        tokens.append((_SINGLE, _Item(rx), quant))
    if open_stack:
        raise UstringError("unfinished capture")
    regex = None
    if not any(t[0] == _BALANCE for t in tokens):
        regex = re.compile(_to_regex(tokens, positions), re.DOTALL)
    return _Compiled(tokens, anchored, ncap, frozenset(positions), regex)


_QUANT: Final = {"": "", "*": "*", "+": "+", "-": "*?", "?": "?"}


def _to_regex(tokens: list[tuple[Any, ...]], positions: set[int]) -> str:
    out: list[str] = []
    for t in tokens:
        kind = t[0]
        if kind == _SINGLE:
            out.append(t[1].regex + _QUANT[t[2]])
        elif kind == _OPEN:
            out.append(f"(?P<g{t[1]}>")
        elif kind == _CLOSE:
            out.append(")")
        elif kind == _POSITION:
            out.append(f"(?P<g{t[1]}>)")
        elif kind == _BACKREF:
            # Lua compares a position capture's (negative) length as a huge size: no match.
            out.append("(?!)" if t[1] in positions else f"(?P=g{t[1]})")
        elif kind == _END:
            out.append("\\Z")
        elif kind == _FRONTIER:
            out.append(_frontier_regex(t[1]))
    return "".join(out)


def _frontier_regex(set_regex: str) -> str:
    """``%f[set]``: the previous character (U+0000 at the start) is outside the set and
    the next one (U+0000 at the end) inside it."""
    inverse = _invert(set_regex)
    nul_in = re.match(set_regex, "\0") is not None
    before = f"(?<={inverse})" if nul_in else f"(?<!{set_regex})"
    after = f"(?!{inverse})" if nul_in else f"(?={set_regex})"
    return before + after


def _invert(set_regex: str) -> str:
    if set_regex == "(?!)":
        return "[\\s\\S]"
    if set_regex == "[\\s\\S]":
        return "(?!)"
    if set_regex.startswith("[^"):
        return "[" + set_regex[2:]
    return "[^" + set_regex[1:]


# --- The backtracking matcher (patterns with %b) ----------------------------------------

_UNFINISHED: Final = -1
_POS: Final = -2


class _Matcher:
    """Lua 5.1's matching algorithm over code points, for patterns ``re`` cannot run."""

    __slots__ = ("cap_len", "cap_start", "level", "s", "tokens")

    def __init__(self, compiled: _Compiled, s: str) -> None:
        self.tokens = compiled.tokens
        self.s = s
        self.level = 0
        self.cap_start: list[int] = [0] * (compiled.ncap + 1)
        self.cap_len: list[int] = [0] * (compiled.ncap + 1)

    def match(self, si: int, ti: int) -> int:
        s = self.s
        tokens = self.tokens
        nt = len(tokens)
        slen = len(s)
        while True:
            if ti == nt:
                return si
            t = tokens[ti]
            kind = t[0]
            if kind == _SINGLE:
                item, quant = t[1], t[2]
                if quant == "":
                    if si < slen and item.matches(s[si]):
                        si += 1
                        ti += 1
                        continue
                    return -1
                if quant == "?":
                    if si < slen and item.matches(s[si]):
                        r = self.match(si + 1, ti + 1)
                        if r != -1:
                            return r
                    ti += 1
                    continue
                if quant == "-":
                    while True:
                        r = self.match(si, ti + 1)
                        if r != -1:
                            return r
                        if si < slen and item.matches(s[si]):
                            si += 1
                        else:
                            return -1
                count = 0
                while si + count < slen and item.matches(s[si + count]):
                    count += 1
                low = 1 if quant == "+" else 0
                while count >= low:
                    r = self.match(si + count, ti + 1)
                    if r != -1:
                        return r
                    count -= 1
                return -1
            if kind in (_OPEN, _POSITION):
                idx = t[1]
                self.cap_start[idx] = si
                self.cap_len[idx] = _POS if kind == _POSITION else _UNFINISHED
                r = self.match(si, ti + 1)
                if r == -1:
                    self.cap_len[idx] = _UNFINISHED
                return r
            if kind == _CLOSE:
                idx = t[1]
                old = self.cap_len[idx]
                self.cap_len[idx] = si - self.cap_start[idx]
                r = self.match(si, ti + 1)
                if r == -1:
                    self.cap_len[idx] = old
                return r
            if kind == _END:
                return si if si == slen else -1
            if kind == _BALANCE:
                open_ch, close_ch = t[1], t[2]
                if si >= slen or s[si] != open_ch:
                    return -1
                depth = 1
                k = si + 1
                while k < slen:
                    ch = s[k]
                    if ch == close_ch:
                        depth -= 1
                        if depth == 0:
                            break
                    elif ch == open_ch:
                        depth += 1
                    k += 1
                else:
                    return -1
                si = k + 1
                ti += 1
                continue
            if kind == _FRONTIER:
                rx = _regex_cached(t[1])
                prev = s[si - 1] if si > 0 else "\0"
                cur = s[si] if si < slen else "\0"
                if rx.match(prev) is None and rx.match(cur) is not None:
                    ti += 1
                    continue
                return -1
            if kind == _BACKREF:
                idx = t[1]
                length = self.cap_len[idx]
                if length < 0:
                    return -1
                part = s[self.cap_start[idx] : self.cap_start[idx] + length]
                if s.startswith(part, si):
                    si += len(part)
                    ti += 1
                    continue
                return -1
            raise AssertionError(kind)  # pragma: no cover

    def captures(self, start: int, end: int, ncap: int) -> list[str | int]:
        if ncap == 0:
            return [self.s[start:end]]
        out: list[str | int] = []
        for idx in range(1, ncap + 1):
            length = self.cap_len[idx]
            if length == _POS:
                out.append(self.cap_start[idx] + 1)
            else:
                out.append(self.s[self.cap_start[idx] : self.cap_start[idx] + max(length, 0)])
        return out


@functools.lru_cache(maxsize=256)
def _regex_cached(text: str) -> re.Pattern[str]:
    return re.compile(text, re.DOTALL)


# --- Matching on str ------------------------------------------------------------------

_Match = tuple[int, int, list[str | int]]  # 0-based start, end, captures


def _str_header() -> int | None:
    """The fixed part of ``sys.getsizeof`` of a non-ASCII ``str`` (CPython's compact
    strings store 1, 2 or 4 bytes per character); ``None`` if sizes do not follow it."""
    header = sys.getsizeof("\U00010000") - 8
    samples = ("\u00e9" * 10, "\u0100" * 10, "\U00010000" * 10)
    if [sys.getsizeof(t) - header for t in samples] != [11, 22, 44]:
        return None
    return header


_STR_HEADER: Final = _str_header()


_ASTRAL: Final = re.compile("[\U00010000-\U0010ffff]")
_EMPTY: Final[frozenset[str]] = frozenset()
#: More distinct characters above U+FFFF than this, and a text gets whole-Unicode sets.
_MAX_ASTRAL: Final = 64


def _bmp(s: str) -> bool:
    """Whether ``s`` has no character above U+FFFF.

    # PERF: CPython stores such a string with at most 2 bytes per character, which
    # its size tells in O(1); ``max(s)`` takes 3 ms on 100 KB.
    """
    if s.isascii():
        return True
    if _STR_HEADER is not None:
        return sys.getsizeof(s) - _STR_HEADER < 4 * (len(s) + 1)
    return max(s) <= "\uffff"


def _universe(s: str) -> _Universe:
    """The universe to compile patterns for ``s``: its characters above U+FFFF."""
    if _bmp(s):
        return _EMPTY
    return _astral_universe(s)


@functools.lru_cache(maxsize=4)
def _astral_universe(s: str) -> _Universe:
    # PERF: cached, as split and loops call find on one text again and again (a str
    # keeps its hash, so a hit costs no scan): split on 100 KB went from 3 to 246 ms
    # without it.
    found = frozenset(_ASTRAL.findall(s))
    return found if len(found) <= _MAX_ASTRAL else None


def _captures_of(m: re.Match[str], compiled: _Compiled, whole: bool) -> list[str | int]:
    """The captures of a regex match; with no captures, the whole match when ``whole``."""
    if compiled.ncap == 0:
        return [m.group(0)] if whole else []
    out: list[str | int] = []
    for idx in range(1, compiled.ncap + 1):
        if idx in compiled.positions:
            out.append(m.start(f"g{idx}") + 1)
        else:
            out.append(m.group(f"g{idx}"))
    return out


def _match_at_or_after(
    compiled: _Compiled, s: str, pos: int, anchored: bool, whole: bool
) -> _Match | None:
    """The first match starting at ``pos`` or later (only at ``pos`` when anchored)."""
    if compiled.regex is not None:
        m = compiled.regex.match(s, pos) if anchored else compiled.regex.search(s, pos)
        if m is None:
            return None
        return m.start(), m.end(), _captures_of(m, compiled, whole)
    matcher = _Matcher(compiled, s)
    start = pos
    while True:
        end = matcher.match(start, 0)
        if end != -1:
            caps = matcher.captures(start, end, compiled.ncap)
            if compiled.ncap == 0 and not whole:
                caps = []
            return start, end, caps
        start += 1
        if anchored or start > len(s):
            return None


def _start(init: int | None, length: int) -> int:
    """Lua's ``init`` argument as a 0-based start, clamped to ``[0, length]``."""
    if init is None:
        return 0
    if init < 0:
        init = length + init + 1
    if init < 1:
        return 0
    return min(init - 1, length)


def find(
    s: str, pattern: str, init: int | None = None, plain: bool = False
) -> tuple[str | int, ...] | None:
    """``mw.ustring.find`` on ``str``: (start, end, captures...) 1-based, or ``None``."""
    pos = _start(init, len(s))
    if plain:
        k = s.find(pattern, pos)
        return None if k < 0 else (k + 1, k + len(pattern))
    compiled = _compile(pattern, True, _universe(s))
    found = _match_at_or_after(compiled, s, pos, compiled.anchored, whole=False)
    if found is None:
        return None
    start, end, caps = found
    return (start + 1, end, *caps)


def match(s: str, pattern: str, init: int | None = None) -> tuple[str | int, ...] | None:
    """``mw.ustring.match`` on ``str``: the captures (or the whole match), or ``None``."""
    compiled = _compile(pattern, True, _universe(s))
    found = _match_at_or_after(compiled, s, _start(init, len(s)), compiled.anchored, whole=True)
    return None if found is None else tuple(found[2])


def gmatch(s: str, pattern: str) -> Iterator[tuple[str | int, ...]]:
    """``mw.ustring.gmatch`` on ``str`` with Lua 5.1's rules (``^`` is not an anchor)."""
    compiled = _compile(pattern, False, _universe(s))
    pos = 0
    n = len(s)
    while pos <= n:
        found = _match_at_or_after(compiled, s, pos, False, whole=True)
        if found is None:
            return
        start, end, caps = found
        pos = end + 1 if end == start else end
        yield tuple(caps)


Replacement = str | Callable[[tuple[str | int, ...]], str | None]


#: The longest result ``gsub`` builds, in characters: Lua's memory limit is not told
#: about Python's allocations, so a replacement that multiplies the text stops here
#: with Lua's own message.
_MAX_OUTPUT: Final = 50 * 2**20


def gsub(
    s: str,
    pattern: str,
    repl: Replacement,
    limit: int | None = None,
) -> tuple[str, int]:
    """``mw.ustring.gsub`` on ``str``: the new string and the number of matches.

    ``repl`` is a replacement string (``%0``-``%9``, ``%%``) or a function of the captures
    returning the replacement or ``None`` to keep the match.
    """
    compiled = _compile(pattern, True, _universe(s))
    template = _parse_replacement(repl, compiled.ncap) if isinstance(repl, str) else None
    if limit is not None and limit <= 0:
        return s, 0
    if compiled.regex is not None and compiled.nonempty and not compiled.anchored:
        # PERF: no empty matches, so re's scan is Lua's; subn runs the loop in C
        # (gsub '%s+' on 100 KB: 16 ms with the Python loop, 3 ms with subn).
        return _gsub_re(compiled.regex, compiled, s, template, repl, limit or 0)
    out: list[str] = []
    size = 0
    pos = 0
    count = 0
    n = len(s)
    max_n = n + 1 if limit is None else limit
    while count < max_n:
        found = _match_at_or_after(compiled, s, pos, compiled.anchored, whole=True)
        if found is None:
            break
        start, end, caps = found
        count += 1
        whole = s[start:end]
        if template is not None:
            piece = _expand(template, whole, caps)
        else:
            assert not isinstance(repl, str)
            value = repl(tuple(caps))
            piece = whole if value is None else value
        out.append(s[pos:start])
        out.append(piece)
        size += start - pos + len(piece)
        if size > _MAX_OUTPUT:
            raise UstringError("not enough memory")
        if end > start:
            pos = end
        elif start < n:
            out.append(s[start])
            pos = start + 1
        else:
            pos = n + 1
            break
        if compiled.anchored:
            break
    if pos <= n:
        out.append(s[pos:])
    return "".join(out), count


def _gsub_re(
    regex: re.Pattern[str],
    compiled: _Compiled,
    s: str,
    template: _Template | None,
    repl: Replacement,
    count: int,
) -> tuple[str, int]:
    """``gsub`` by ``re.subn`` (patterns that never match empty, not anchored)."""
    if template is not None and not any(
        isinstance(part, int) and part in compiled.positions for part in template
    ):
        growth = sum(len(p) for p in template if isinstance(p, str)) + 1
        if len(s) * growth <= _MAX_OUTPUT:
            return regex.subn(_re_template(template), s, count)
    size = 0

    def replace(m: re.Match[str]) -> str:
        nonlocal size
        caps = _captures_of(m, compiled, True)
        if template is not None:
            piece = _expand(template, m.group(0), caps)
        else:
            assert not isinstance(repl, str)
            value = repl(tuple(caps))
            piece = m.group(0) if value is None else value
        size += len(piece)
        if size > _MAX_OUTPUT:
            raise UstringError("not enough memory")
        return piece

    return regex.subn(replace, s, count)


def gsub_matches(s: str, pattern: str, limit: int | None = None) -> list[_Match]:
    """The matches ``gsub`` replaces (0-based start, end, captures or the whole match)."""
    compiled = _compile(pattern, True, _universe(s))
    if limit is not None and limit <= 0:
        return []
    if compiled.regex is not None and compiled.nonempty and not compiled.anchored:
        found: list[_Match] = []
        for m in compiled.regex.finditer(s):
            found.append((m.start(), m.end(), _captures_of(m, compiled, True)))
            if limit is not None and len(found) >= limit:
                break
        return found
    found = []
    pos = 0
    n = len(s)
    max_n = n + 1 if limit is None else limit
    while len(found) < max_n and pos <= n:
        match = _match_at_or_after(compiled, s, pos, compiled.anchored, whole=True)
        if match is None:
            break
        found.append(match)
        start, end = match[0], match[1]
        pos = end if end > start else start + 1
        if compiled.anchored:
            break
    return found


@functools.lru_cache(maxsize=512)
def _re_template(template: _Template) -> str:
    """A replacement template in ``re``'s syntax (no position captures in it)."""
    parts: list[str] = []
    for part in template:
        if isinstance(part, str):
            parts.append(part.replace("\\", "\\\\"))
        elif part == 0:
            parts.append("\\g<0>")
        else:
            parts.append(f"\\g<g{part}>")
    return "".join(parts)


_Template = tuple[str | int, ...]  # literal text, or capture index (0 = whole match)


@functools.lru_cache(maxsize=512)
def _parse_replacement(repl: str, ncap: int) -> _Template:
    """Split a replacement string into literals and capture references.

    ``%%`` is a percent sign; ``%0`` the whole match; ``%1`` the whole match when the
    pattern has no captures; an unknown ``%x`` and a final ``%`` stay as written, as
    Scribunto's tests require.
    """
    parts: list[str | int] = []
    buf: list[str] = []
    i = 0
    n = len(repl)
    while i < n:
        c = repl[i]
        if c == "%" and i + 1 < n:
            e = repl[i + 1]
            if e == "%":
                buf.append("%")
                i += 2
                continue
            if e.isdigit() and e.isascii():
                idx = int(e)
                if idx > max(ncap, 1):
                    raise UstringError(f"invalid capture index %{idx} in replacement string")
                if buf:
                    parts.append("".join(buf))
                    buf = []
                parts.append(0 if (idx == 1 and ncap == 0) else idx)
                i += 2
                continue
        buf.append(c)
        i += 1
    if buf:
        parts.append("".join(buf))
    return tuple(parts)


def _expand(template: _Template, whole: str, caps: list[str | int]) -> str:
    out: list[str] = []
    for part in template:
        if isinstance(part, str):
            out.append(part)
        elif part == 0:
            out.append(whole)
        else:
            value = caps[part - 1]
            out.append(value if isinstance(value, str) else str(value))
    return "".join(out)


# --- Byte and code point helpers ------------------------------------------------------


_NON_ASCII: Final = re.compile(r"[^\x00-\x7f]")


def _byte_offsets(s: str) -> Callable[[int], int]:
    """A function from a character offset of ``s`` to its byte offset in UTF-8.

    # PERF: one scan for the non-ASCII characters, then a bisection per offset
    # (encoding the text between matches cost 30 ms for 13,000 matches in 100 KB).
    """
    if s.isascii():
        return lambda c: c
    positions: list[int] = []
    extra = [0]
    total = 0
    for m in _NON_ASCII.finditer(s):
        o = ord(m.group())
        total += 1 if o < 0x800 else (2 if o < 0x10000 else 3)
        positions.append(m.start())
        extra.append(total)

    def byte_offset(c: int) -> int:
        return c + extra[bisect.bisect_left(positions, c)]

    return byte_offset


def _char_starts(b: bytes) -> list[int]:
    return [i for i, byte in enumerate(b) if byte & 0xC0 != 0x80]


def byteoffset(b: bytes, char: int = 1, i: int = 1) -> int | None:
    """``mw.ustring.byteoffset``: the 1-based byte offset of a character, or ``None``.

    Character ``1`` is the first one starting at or after byte ``i``; character ``0``
    the last one starting at or before it; other values count from those.
    """
    n = len(b)
    if i < 0:
        i = n + i + 1
    if i < 1 or i > n:
        return None
    starts = _char_starts(b)
    if char > 0:
        k = bisect.bisect_left(starts, i - 1) + char - 1
    else:
        k = bisect.bisect_right(starts, i - 1) - 1 + char
    if 0 <= k < len(starts):
        return starts[k] + 1
    return None


def _slice_bounds(length: int, i: int, j: int) -> tuple[int, int] | None:
    """Scribunto's ``codepoint``/``gcodepoint`` range: 0-based [start, end) or ``None``."""
    if i < 0:
        i = length + i + 1
    if j < 0:
        j = length + j + 1
    if j < i:
        return None
    i = max(1, min(i, length + 1))
    j = max(1, min(j, length + 1))
    return i - 1, min(j, length)


def sub(s: str, i: int = 1, j: int = -1) -> str:
    """``mw.ustring.sub``: Lua's ``string.sub`` on code points."""
    n = len(s)
    if i < 0:
        i = max(n + i + 1, 1)
    elif i == 0:
        i = 1
    if j < 0:
        j = n + j + 1
    elif j > n:
        j = n
    if i > j:
        return ""
    return s[i - 1 : j]


# --- The Lua side ---------------------------------------------------------------------

_ERR_NOT_UTF8 = "bad argument #{n} to '{f}' (string is not UTF-8)"


def _type_name(value: object) -> str:
    if value is None:
        return "nil"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        return "number"
    if isinstance(value, bytes | str):
        return "string"
    module = sys.modules.get(type(value).__module__)
    lua_type = getattr(module, "lua_type", None)
    kind = lua_type(value) if lua_type is not None else None
    return kind if isinstance(kind, str) else "userdata"


def _number_text(value: float) -> str:
    """A Lua number as ``tostring`` writes it (``%.14g``)."""
    if isinstance(value, int):
        return str(value)
    if value != value:
        return "nan" if str(value) == "nan" else "-nan"
    if value in (float("inf"), float("-inf")):
        return "inf" if value > 0 else "-inf"
    if value == int(value) and abs(value) < 1e15:
        return str(int(value))
    return f"{value:.14g}"


def _raw(value: object, n: int, fname: str) -> bytes:
    """A string argument as bytes (numbers are converted as Lua converts them)."""
    if isinstance(value, bytes):
        return value
    if isinstance(value, str):
        return value.encode("utf-8", "surrogatepass")
    if isinstance(value, int | float) and not isinstance(value, bool):
        return _number_text(value).encode()
    raise UstringError(f"bad argument #{n} to '{fname}' (string expected, got {_type_name(value)})")


def _text(value: object, n: int, fname: str) -> str:
    if isinstance(value, str):
        return value
    raw = _raw(value, n, fname)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        raise UstringError(_ERR_NOT_UTF8.format(n=n, f=fname)) from None


def _int(value: object, n: int, fname: str, default: int | None = None) -> int:
    if value is None and default is not None:
        return default
    if isinstance(value, bool) or value is None:
        raise UstringError(
            f"bad argument #{n} to '{fname}' (number expected, got {_type_name(value)})"
        )
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            return 0
        return int(value)
    if isinstance(value, bytes | str):
        text = value.decode("latin-1") if isinstance(value, bytes) else value
        try:
            number = (
                float(int(text.strip(), 16))
                if text.strip().lower().startswith("0x")
                else float(text)
            )
        except ValueError:
            pass
        else:
            return int(number)
    raise UstringError(f"bad argument #{n} to '{fname}' (number expected, got {_type_name(value)})")


def _pattern_args(s: object, pattern: object, fname: str) -> tuple[str, str]:
    raw = _raw(s, 1, fname)
    if len(raw) > MAX_STRING_LENGTH:
        raise UstringError(
            f"bad argument #1 to '{fname}' (string is longer than {MAX_STRING_LENGTH} bytes)"
        )
    raw_pattern = _raw(pattern, 2, fname)
    if len(raw_pattern) > MAX_PATTERN_LENGTH:
        raise UstringError(
            f"bad argument #2 to '{fname}' (pattern is longer than {MAX_PATTERN_LENGTH} bytes)"
        )
    return _text(raw, 1, fname), _text(raw_pattern, 2, fname)


def _out(value: str | int) -> bytes | int:
    return value.encode("utf-8", "surrogatepass") if isinstance(value, str) else value


def _replacement_value(value: object) -> str | None:
    """A table or function replacement's result: ``None`` keeps the match."""
    if isinstance(value, tuple):
        value = value[0] if value else None
    if value is None or value is False:
        return None
    if isinstance(value, bytes):
        return value.decode("utf-8", "surrogateescape")
    if isinstance(value, str):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return _number_text(value)
    raise UstringError(f"invalid replacement value (a {_type_name(value)})")


def _lua_error_message(exc: Exception) -> bytes:
    """The message of a Lua error raised inside a callback, without lupa's traceback."""
    args = exc.args
    message = args[0] if args else str(exc)
    if isinstance(message, str):
        message = message.encode("utf-8", "surrogateescape")
    assert isinstance(message, bytes)
    return message.split(b"\nstack traceback:", 1)[0]


class _Library:
    """The Python half of ``mw.ustring``: each method takes Lua's arguments as lupa
    passes them and returns a tuple of Lua values (or raises :class:`UstringError`)."""

    def __init__(self, lua: Any) -> None:
        self._lua = lua

    def isutf8(self, s: object) -> tuple[bool]:
        raw = _raw(s, 1, "isutf8")
        try:
            raw.decode("utf-8")
        except UnicodeDecodeError:
            return (False,)
        return (True,)

    def len(self, s: object) -> tuple[int | None]:
        raw = _raw(s, 1, "len")
        try:
            return (len(raw.decode("utf-8")),)
        except UnicodeDecodeError:
            return (None,)

    def sub(self, s: object, i: object = None, j: object = None) -> tuple[bytes]:
        text = _text(s, 1, "sub")
        return (
            sub(text, _int(i, 2, "sub", 1), _int(j, 3, "sub", -1)).encode("utf-8", "surrogatepass"),
        )

    def upper(self, s: object) -> tuple[bytes]:
        return (_text(s, 1, "upper").upper().encode("utf-8"),)

    def lower(self, s: object) -> tuple[bytes]:
        return (_text(s, 1, "lower").lower().encode("utf-8"),)

    def char(self, *codes: object) -> tuple[bytes]:
        chars: list[str] = []
        for n, code in enumerate(codes, 1):
            cp = _int(code, n, "char")
            if not 0 <= cp <= 0x10FFFF:
                raise UstringError(f"bad argument #{n} to 'char' (value out of range)")
            chars.append(chr(cp))
        return ("".join(chars).encode("utf-8", "surrogatepass"),)

    def codepoint(self, s: object, i: object = None, j: object = None) -> tuple[int, ...]:
        text = _text(s, 1, "codepoint")
        first = _int(i, 2, "codepoint", 1)
        bounds = _slice_bounds(len(text), first, _int(j, 3, "codepoint", first))
        if bounds is None:
            return ()
        if bounds[1] - bounds[0] > _MAX_RESULTS:
            raise UstringError("string slice too long")
        return tuple(ord(c) for c in text[bounds[0] : bounds[1]])

    def codepoints(self, s: object, i: object = None, j: object = None) -> tuple[object]:
        """All code points of a range as a Lua table (``gcodepoint`` iterates it)."""
        text = _text(s, 1, "gcodepoint")
        bounds = _slice_bounds(len(text), _int(i, 2, "gcodepoint", 1), _int(j, 3, "gcodepoint", -1))
        if bounds is None:
            return (self._lua.table(),)
        return (self._lua.table_from([ord(c) for c in text[bounds[0] : bounds[1]]]),)

    def byteoffset(self, s: object, char: object = None, i: object = None) -> tuple[int | None]:
        raw = _raw(s, 1, "byteoffset")
        return (byteoffset(raw, _int(char, 2, "byteoffset", 1), _int(i, 3, "byteoffset", 1)),)

    def find(
        self, s: object, pattern: object, init: object = None, plain: object = None
    ) -> tuple[object, ...]:
        text, pat = _pattern_args(s, pattern, "find")
        start = None if init is None else _int(init, 3, "find")
        result = find(text, pat, start, bool(plain))
        return (None,) if result is None else tuple(_out(v) for v in result)

    def match(self, s: object, pattern: object, init: object = None) -> tuple[object, ...]:
        text, pat = _pattern_args(s, pattern, "match")
        start = None if init is None else _int(init, 3, "match")
        result = match(text, pat, start)
        return (None,) if result is None else tuple(_out(v) for v in result)

    def gmatch_all(self, s: object, pattern: object) -> tuple[object, int, int]:
        """Every match of ``gmatch`` at once: a flat Lua list of the captures of each
        match, the number of values per match, and the number of values.

        # PERF: one boundary crossing per loop instead of one per iteration, and one
        # table (gmatch '%a+' over 100 KB: 71 ms with a table per match, 25 ms flat).
        """
        text, pat = _pattern_args(s, pattern, "gmatch")
        width = max(_compile(pat, anchors=False).ncap, 1)
        flat = [_out(v) for caps in gmatch(text, pat) for v in caps]
        return self._lua.table_from(flat), width, len(flat)

    def gsub(
        self, s: object, pattern: object, repl: object, limit: object = None
    ) -> tuple[bytes, int]:
        text, pat = _pattern_args(s, pattern, "gsub")
        max_n = None if limit is None else _int(limit, 4, "gsub")
        kind = _type_name(repl)
        replacement: Replacement
        if kind in ("string", "number"):
            replacement = _text(repl, 3, "gsub")
        elif kind == "table":
            table: Any = repl

            def replacement(caps: tuple[str | int, ...]) -> str | None:
                return _replacement_value(table[_out(caps[0])])

        elif kind == "function":
            function: Any = repl

            def replacement(caps: tuple[str | int, ...]) -> str | None:
                return _replacement_value(function(*(_out(c) for c in caps)))

        else:
            raise UstringError(
                f"bad argument #3 to 'gsub' (string/function/table expected, got {kind})"
            )
        result, count = gsub(text, pat, replacement, max_n)
        return result.encode("utf-8", "surrogateescape"), count

    def gsub_matches(
        self, s: object, pattern: object, limit: object = None
    ) -> tuple[object, int, int, object]:
        """The matches of ``gsub`` with a function or table replacement, for Lua to
        replace: a flat list of captures (``width`` per match; none when the pattern has
        no captures, Lua then cuts the match from the text), the number of matches, and a
        flat list of each match's first and last byte (1-based).

        Lua calls the replacement itself, so no Python frame sits between a module and
        its replacement function: its errors, the CPU hook and nested ``gsub`` calls
        behave as in Lua.  (The speed is the same as calling the function from Python:
        about 50 ms for 13,000 matches in 100 KB.)
        """
        text, pat = _pattern_args(s, pattern, "gsub")
        max_n = None if limit is None else _int(limit, 4, "gsub")
        found = gsub_matches(text, pat, max_n)
        width = _compile(pat).ncap
        flat: list[bytes | int] = []
        bounds: list[int] = []
        byte_offset = _byte_offsets(text)
        for start, end, caps in found:
            bounds.append(byte_offset(start) + 1)
            bounds.append(byte_offset(end))
            if width:
                flat.extend(_out(v) for v in caps)
        lua = self._lua
        return lua.table_from(flat), width, len(found), lua.table_from(bounds)

    def ascii_pattern(self, pattern: object) -> tuple[bool]:
        """Whether Lua's byte functions match ``pattern`` exactly as ``mw.ustring`` does on
        ASCII text: it compiles, and uses no ``%p``/``%P`` (the C locale's punctuation
        also holds ``$+<=>^`|~``, Unicode's does not).  Asked once per pattern."""
        if not isinstance(pattern, bytes) or max(pattern, default=0) > 127:
            return (False,)
        text = pattern.decode("ascii")
        i = 0
        while i < len(text):
            if text[i] == "%":
                if text[i + 1 : i + 2] in ("p", "P"):
                    return (False,)
                i += 2
            else:
                i += 1
        try:
            _compile(text)
        except UstringError:
            return (False,)
        return (True,)

    def normalize(self, form: object, s: object) -> tuple[bytes | None]:
        assert isinstance(form, bytes | str)
        name = form.decode() if isinstance(form, bytes) else form
        raw = _raw(s, 1, "to" + name)
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            return (None,)
        return (unicodedata.normalize(name, text).encode("utf-8"),)  # type: ignore[arg-type]


# The Lua half: wrappers that turn the Python results into Lua results and errors, the
# functions that are the string library's own, and gcodepoint/gmatch iterators.
_LUA_WRAPPER: Final = r"""
local py, unpacked, maxPatternLength, maxStringLength, asciiFastPath = ...
local ERR = {}
local type, error, select, unpack = type, error, select, unpack

local function post(first, ...)
    if first == ERR then
        local message, level = ...
        error(message, level)
    end
    return first, ...
end

-- One tail call (to post) between the caller and error(): level 3 names the caller's line.
local function wrap(name)
    local f = py[name]
    if unpacked then
        return function(...)
            return post(f(...))
        end
    end
    return function(...)
        local t = f(...)
        return post(unpack(t, 2, t[1] + 1))
    end
end

local ustring = {
    maxPatternLength = maxPatternLength,
    maxStringLength = maxStringLength,
}
for _, name in ipairs({ 'isutf8', 'len', 'sub', 'upper', 'lower', 'char', 'codepoint',
        'byteoffset', 'find', 'match', 'gsub' }) do
    ustring[name] = wrap(name)
end

-- gsub with a function or table: Python finds the matches, Lua calls the replacement
local gsubMatches = wrap('gsub_matches')
local pyGsubAny = ustring.gsub
local tconcat, tostring = table.concat, tostring
function ustring.gsub(s, pattern, repl, n)
    local tr = type(repl)
    if tr ~= 'function' and tr ~= 'table' then
        return pyGsubAny(s, pattern, repl, n)
    end
    if type(s) == 'number' then
        s = tostring(s)
    end
    local flat, width, count, bounds = gsubMatches(s, pattern, n)
    local out, k, pos = {}, 0, 1
    for i = 1, count do
        local first, last = bounds[2 * i - 1], bounds[2 * i]
        local value
        if width == 0 then
            local whole = string.sub(s, first, last)
            if tr == 'table' then
                value = repl[whole]
            else
                value = repl(whole)
            end
        elseif tr == 'table' then
            value = repl[flat[(i - 1) * width + 1]]
        else
            value = repl(unpack(flat, (i - 1) * width + 1, i * width))
        end
        local tv = type(value)
        if value == nil or value == false then
            value = string.sub(s, first, last)
        elseif tv == 'number' then
            value = tostring(value)
        elseif tv ~= 'string' then
            error('invalid replacement value (a ' .. tv .. ')', 2)
        end
        k = k + 1
        out[k] = string.sub(s, pos, first - 1)
        k = k + 1
        out[k] = value
        pos = last + 1
    end
    out[k + 1] = string.sub(s, pos)
    return tconcat(out), count
end

-- PERF: on ASCII text Lua's byte functions are mw.ustring (tests/test_ustring_properties.py
-- holds the two to the same results), so ASCII strings never cross into Python
-- (len of each line of 100 KB: 7.2 ms through Python, 0.9 ms here).
local sfind, ssub, supper, slower, smatch, sgmatch, sgsub =
    string.find, string.sub, string.upper, string.lower, string.match, string.gmatch, string.gsub
local asciiPattern, known, nknown = py.ascii_pattern, {}, 0
local function ascii(s)
    return type(s) == 'string' and #s <= maxStringLength and not sfind(s, '[\128-\255]')
end
local function fast(p)
    if type(p) ~= 'string' then
        return false
    end
    local ok = known[p]
    if ok == nil then
        ok = #p <= maxPatternLength and asciiPattern(p)
        if nknown >= 1000 then
            known, nknown = {}, 0
        end
        known[p], nknown = ok, nknown + 1
    end
    return ok
end

local pyLen, pySub, pyUpper, pyLower = ustring.len, ustring.sub, ustring.upper, ustring.lower
local pyFind, pyMatch, pyGsub = ustring.find, ustring.match, ustring.gsub
if asciiFastPath then
function ustring.len(s)
    if ascii(s) then
        return #s
    end
    return pyLen(s)
end
function ustring.sub(s, i, j)
    if ascii(s) then
        return ssub(s, i or 1, j or -1)
    end
    return pySub(s, i, j)
end
function ustring.upper(s)
    if ascii(s) then
        return supper(s)
    end
    return pyUpper(s)
end
function ustring.lower(s)
    if ascii(s) then
        return slower(s)
    end
    return pyLower(s)
end
function ustring.find(s, pattern, init, plain)
    if ascii(s) then
        if plain then
            if type(pattern) == 'string' and not sfind(pattern, '[\128-\255]') then
                return sfind(s, pattern, init, true)
            end
        elseif fast(pattern) then
            return sfind(s, pattern, init)
        end
    end
    return pyFind(s, pattern, init, plain)
end
function ustring.match(s, pattern, init)
    if ascii(s) and fast(pattern) then
        return smatch(s, pattern, init)
    end
    return pyMatch(s, pattern, init)
end
function ustring.gsub(s, pattern, repl, n)
    if ascii(s) and fast(pattern) then
        local tr = type(repl)
        if tr == 'string' then
            -- Scribunto keeps "%x" (x not a digit) and a final "%" as written; Lua
            -- does not: such replacements go to Python
            if not sfind(repl, '%%[^%d%%]') and not sfind(repl, '%%$') then
                local ok, result, count = pcall(sgsub, s, pattern, repl, n)
                if ok then
                    return result, count
                end
            end
        elseif tr == 'function' or tr == 'table' then
            local ok, result, count = pcall(sgsub, s, pattern, repl, n)
            if ok then
                return result, count
            end
            -- string.gsub's own complaint is the caller's; a replacement's error is its own
            if type(result) == 'string' and sfind(result, '^invalid replacement value') then
                error(result, 2)
            end
            error(result, 0)
        end
    end
    return pyGsub(s, pattern, repl, n)
end
end

function ustring.byte(...)
    return string.byte(...)
end
function ustring.format(...)
    return string.format(...)
end
function ustring.rep(...)
    return string.rep(...)
end

local codepoints = wrap('codepoints')
function ustring.gcodepoint(s, i, j)
    local list = codepoints(s, i, j)
    local k = 0
    return function()
        k = k + 1
        return list[k]
    end
end

local gmatchAll = wrap('gmatch_all')
function ustring.gmatch(s, pattern)
    if asciiFastPath and ascii(s) and fast(pattern) then
        return sgmatch(s, pattern)
    end
    local flat, width, n = gmatchAll(s, pattern)
    local k = 0
    return function()
        if k >= n then
            return nil
        end
        k = k + width
        return unpack(flat, k - width + 1, k)
    end
end

local normalize = wrap('normalize')
for _, form in ipairs({ 'NFC', 'NFD', 'NFKC', 'NFKD' }) do
    ustring['to' .. form] = function(s)
        return normalize(form, s)
    end
end

return ustring, ERR
"""


def register(lua: Any, *, ascii_fast_path: bool = True) -> Any:
    """Build the ``mw.ustring`` table in ``lua`` (a ``lupa.lua51.LuaRuntime``).

    Works whether or not the runtime unpacks returned tuples; Python errors become Lua
    errors with Scribunto's message, at the caller's level.  ``ascii_fast_path=False``
    sends ASCII text through Python too (the property tests compare that path with
    Lua's ``string``).
    """
    probe = lua.eval("function(f) return select('#', f()) end")
    unpacked = probe(lambda: (1, 2)) == 2
    library = _Library(lua)
    err_holder: list[object] = []

    def adapt(method: Callable[..., tuple[object, ...]]) -> Callable[..., object]:
        def call(*args: object) -> object:
            try:
                values = method(*args)
            except UstringError as exc:
                values = (err_holder[0], str(exc).encode("utf-8"), 3)
            except Exception as exc:
                # An error of a Lua replacement function keeps its own message.
                if type(exc).__name__ == "LuaError":
                    values = (err_holder[0], _lua_error_message(exc), 0)
                else:
                    raise
            if unpacked:
                return values
            return lua.table(len(values), *values)

        return call

    names = (
        "isutf8 len sub upper lower char codepoint codepoints byteoffset find match gmatch_all "
        "gsub gsub_matches normalize ascii_pattern"
    ).split()
    py = lua.table_from({name.encode(): adapt(getattr(library, name)) for name in names})
    chunk = lua.execute("return function(...) " + _LUA_WRAPPER + " end")
    table, err = chunk(py, unpacked, MAX_PATTERN_LENGTH, MAX_STRING_LENGTH, ascii_fast_path)
    err_holder.append(err)
    return table
