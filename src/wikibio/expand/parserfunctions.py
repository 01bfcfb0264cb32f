"""The ParserFunctions extension: ``#if #ifeq #iferror #ifexpr #expr #switch #time
#timel #timef #titleparts #rel2abs #ifexist``.

Conditionals receive their branches unexpanded and expand only the branch taken (the
extension registers them with ``SFH_OBJECT_ARGS``), so a branch not taken never runs its
templates.  ``#ifeq`` and ``#switch`` compare as PHP's ``==`` after decoding character
references: two numeric strings compare as numbers (``01`` = ``1``), others as text.
"""

from __future__ import annotations

import html
import re
import urllib.parse
from collections.abc import Callable
from typing import Final

from wikibio.expand.engine import Arg, Call, kill_markers
from wikibio.expand.expr import ExprError, evaluate
from wikibio.expand.phpdate import TimeError, format_date, parse_date
from wikibio.expand.titles import make_title
from wikibio.site.languages import has_language_data, language_data
from wikibio.site.specialpages import special_page_name

__all__ = ["PARSER_FUNCTIONS", "STRING_FUNCTIONS"]

Function = Callable[[Call, str, list[Arg]], str]

_PHP_NUMERIC: Final = re.compile(
    r"[ \t\n\r\x0b\x0c]*[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?[ \t\n\r\x0b\x0c]*"
)
_ERROR: Final = re.compile(
    r"""<(?:strong|span|p|div)\s(?:[^\s>]*\s+)*?class="(?:[^"\s>]*\s+)*?error(?:\s[^">]*)?\""""
)


_ENTITY: Final = re.compile(r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);")


def _decode(text: str) -> str:
    """``Sanitizer::decodeCharReferences``: only complete references (with ``;``)."""
    return _ENTITY.sub(lambda m: html.unescape(m.group(0)), text) if "&" in text else text


def php_equal(left: str, right: str) -> bool:
    """PHP 8's ``==`` between two strings: numerically when both are numeric."""
    if _PHP_NUMERIC.fullmatch(left) and _PHP_NUMERIC.fullmatch(right):
        try:
            return float(left) == float(right)
        except ValueError:  # pragma: no cover - the pattern admits only floats
            return False
    return left == right


def _branch(args: list[Arg], index: int) -> str:
    return args[index].trimmed() if index < len(args) else ""


def _if(call: Call, first: str, args: list[Arg]) -> str:
    return _branch(args, 0 if first else 1)


def _ifeq(call: Call, first: str, args: list[Arg]) -> str:
    left = _decode(first)
    right = _decode(args[0].trimmed()) if args else ""
    return _branch(args, 1 if php_equal(left, right) else 2)


def _iferror(call: Call, first: str, args: list[Arg]) -> str:
    if _ERROR.search(first):
        return _branch(args, 0)
    return args[1].trimmed() if len(args) > 1 else first


def _expr_error(message: str) -> str:
    return f'<strong class="error">{html.escape(message, quote=False)}</strong>'


def _expr(call: Call, first: str, args: list[Arg]) -> str:
    try:
        return evaluate(_decode(first))
    except ExprError as error:
        call.diagnose("expression-error", f"{{{{#expr:{first}}}}}: {error}")
        return _expr_error(str(error))


def _ifexpr(call: Call, first: str, args: list[Arg]) -> str:
    try:
        result = evaluate(_decode(first))
    except ExprError as error:
        call.diagnose("expression-error", f"{{{{#ifexpr:{first}}}}}: {error}")
        return _expr_error(str(error))
    truth: bool
    truth = float(result) != 0 if _PHP_NUMERIC.fullmatch(result) else result not in ("", "0")
    return _branch(args, 0 if truth else 1)


def _ifexist(call: Call, first: str, args: list[Arg]) -> str:
    title = make_title(first, 0, call.site)
    exists = False
    if title is not None and title.namespace == -2:
        # Media:X asks whether the file exists (wfFindFile), as File:X's page would.
        file = make_title(title.text, 6, call.site)
        exists = file is not None and call.page_exists(file)
    elif title is not None and title.namespace == -1:
        exists = special_page_name(title.text.split("/", 1)[0]) is not None
    elif title is not None:
        exists = title.canonical == call.page.canonical or call.page_exists(title)
    return _branch(args, 0 if exists else 1)


def _switch(call: Call, first: str, args: list[Arg]) -> str:
    primary = _decode(first)
    found = False
    default_found = False
    default: Arg | None = None
    last_without_equals = False
    last = ""
    for arg in args:
        if arg.has_equals:
            last_without_equals = False
            if found or php_equal(_decode(arg.name()), primary):
                return arg.value()
            if default_found or arg.name() == "#default":
                default = arg
                default_found = False
        else:
            # "a|b=x": a value without "=" falls through to the next value.
            last_without_equals = True
            last = arg.trimmed()
            if php_equal(_decode(last), primary):
                found = True
            elif last == "#default":
                default_found = True
    if last_without_equals:
        return last
    if default is not None:
        return default.value()
    return ""


def _time(local: bool) -> Function:
    def time(call: Call, first: str, args: list[Arg]) -> str:
        date_text = args[0].trimmed() if args else ""
        language = args[1].trimmed() if len(args) > 1 else ""
        try:
            moment = parse_date(date_text, call.clock)
        except TimeError:
            call.diagnose("invalid-time", f"{{{{#time:}}}} cannot read the date {date_text!r}")
            return '<strong class="error">Error: Invalid time.</strong>'
        if moment.year < 0 or moment.year > 9999:
            return '<strong class="error">Error: Invalid time.</strong>'
        names = language_data(language or call.site.language)
        if not has_language_data(names.code):
            call.diagnose(
                "time-language",
                f"{{{{#time:}}}} in language {names.code!r} is written in English by wikibio "
                "(its month and day names are not in wikibio.site.languages)",
                "info",
            )
        text, unsupported = format_date(first, moment, names)
        if unsupported:
            call.diagnose(
                "time-format",
                f"{{{{#time:}}}} format letters {', '.join(unsupported)} are not supported",
                "info",
            )
        return text

    return time


def _timef(call: Call, first: str, args: list[Arg]) -> str:
    """``{{#timef:date|both/date/time/pretty|language}}``: the language's own date format."""
    kind = (args[0].trimmed() if args else "") or "both"
    language = language_data((args[1].trimmed() if len(args) > 1 else "") or call.site.language)
    fmt = {
        "both": language.date_time_format,
        "date": language.date_format,
        "time": language.time_format,
        "pretty": "j F",
    }.get(kind, language.date_time_format)
    try:
        moment = parse_date(first, call.clock)
    except TimeError:
        return '<strong class="error">Error: Invalid time.</strong>'
    return format_date(fmt, moment, language)[0]


def _titleparts(call: Call, first: str, args: list[Arg]) -> str:
    title = make_title(first, 0, call.site)
    if title is None:
        return first
    try:
        count = int(args[0].trimmed() or "0") if args else 0
        start = int(args[1].trimmed() or "1") if len(args) > 1 else 1
    except ValueError:
        return first
    parts = title.full.split("/")
    offset = start - 1 if start > 0 else max(len(parts) + start, 0)
    parts = parts[offset:]
    if count > 0 or count < 0:
        parts = parts[:count]
    return "/".join(parts)


def _rel2abs(call: Call, first: str, args: list[Arg]) -> str:
    path = first
    base = args[0].trimmed() if args and args[0].trimmed() else call.page.full
    if (
        path.startswith("/")
        or path.startswith("./")
        or path.startswith("../")
        or path
        in (
            ".",
            "..",
        )
    ):
        full = f"{base}/{path}"
    else:
        return path
    stack: list[str] = []
    for piece in full.split("/"):
        if piece in ("", "."):
            continue
        if piece == "..":
            if not stack:
                return (
                    '<strong class="error">Error: Invalid depth in path: '
                    f'"{html.escape(full)}" (tried to access a node above the root node).</strong>'
                )
            stack.pop()
            continue
        stack.append(piece)
    return "/".join(stack)


PARSER_FUNCTIONS: Final[dict[str, Function]] = {
    "#if": _if,
    "#ifeq": _ifeq,
    "#iferror": _iferror,
    "#ifexpr": _ifexpr,
    "#expr": _expr,
    "#ifexist": _ifexist,
    "#switch": _switch,
    "#time": _time(False),
    "#timel": _time(True),
    "#timef": _timef,
    "#timefl": _timef,
    "#titleparts": _titleparts,
    "#rel2abs": _rel2abs,
}


# --- string functions ($wgPFEnableStringFunctions; off on Wikimedia wikis) ---------------

#: ``$wgPFStringLengthLimit``: longer inputs give an error.
STRING_LIMIT: Final = 1000


def _string_args(args: list[Arg]) -> list[str]:
    return [kill_markers(arg.trimmed()) for arg in args]


def _too_long(text: str) -> str | None:
    if len(text) > STRING_LIMIT:
        return f'<strong class="error">String exceeds {STRING_LIMIT:,} character limit.</strong>'
    return None


def _int_arg(text: str, default: int) -> int | None:
    if text == "":
        return default
    if re.fullmatch(r"[+-]?\d+", text):
        return int(text)
    return None


def _len(call: Call, first: str, args: list[Arg]) -> str:
    return str(len(_decode(kill_markers(first))))


def _pos(reverse: bool) -> Function:
    def pos(call: Call, first: str, args: list[Arg]) -> str:
        text = kill_markers(first)
        a = _string_args(args)
        needle = a[0] if a and a[0] else " "
        error = _too_long(text) or _too_long(needle)
        if error:
            return error
        if reverse:
            found = text.rfind(needle)
            return str(found)
        offset = _int_arg(a[1], 0) if len(a) > 1 else 0
        if offset is None or offset > len(text):
            return ""
        found = text.find(needle, offset if offset >= 0 else max(len(text) + offset, 0))
        return "" if found < 0 else str(found)

    return pos


def _sub(call: Call, first: str, args: list[Arg]) -> str:
    text = kill_markers(first)
    a = _string_args(args)
    start = _int_arg(a[0], 0) if a else 0
    length = _int_arg(a[1], 0) if len(a) > 1 else 0
    if start is None or length is None:
        return ""
    if start < 0:
        start = max(len(text) + start, 0)
    piece = text[start:]
    if length > 0 or length < 0:
        piece = piece[:length]
    return piece


def _count(call: Call, first: str, args: list[Arg]) -> str:
    text = kill_markers(first)
    a = _string_args(args)
    needle = a[0] if a and a[0] else " "
    return str(text.count(needle))


def _replace(call: Call, first: str, args: list[Arg]) -> str:
    text = kill_markers(first)
    a = _string_args(args)
    search = a[0] if a and a[0] else " "
    replacement = a[1] if len(a) > 1 else ""
    return _too_long(text) or text.replace(search, replacement)


def _explode(call: Call, first: str, args: list[Arg]) -> str:
    text = kill_markers(first)
    a = _string_args(args)
    delimiter = a[0] if a and a[0] else " "
    position = _int_arg(a[1], 0) if len(a) > 1 else 0
    limit = _int_arg(a[2], 0) if len(a) > 2 else 0
    if position is None or limit is None:
        return ""
    pieces = text.split(delimiter, limit - 1) if limit > 0 else text.split(delimiter)
    if position < 0:
        position += len(pieces)
    return pieces[position] if 0 <= position < len(pieces) else ""


def _urldecode(call: Call, first: str, args: list[Arg]) -> str:
    return urllib.parse.unquote_plus(first)


STRING_FUNCTIONS: Final[dict[str, Function]] = {
    "#len": _len,
    "#pos": _pos(False),
    "#rpos": _pos(True),
    "#sub": _sub,
    "#count": _count,
    "#replace": _replace,
    "#explode": _explode,
    "#urldecode": _urldecode,
}
