"""MediaWiki core's parser functions and variables (``CoreParserFunctions``, magic words).

Each function takes the call, its first argument (the text after the colon, expanded and
trimmed) and the remaining parts unexpanded; core functions expand every part and trim it,
as MediaWiki does for functions registered without ``SFH_OBJECT_ARGS``.  Values follow a
stock English MediaWiki; page-name words read the page given to ``expand(title=…)`` and
escape it as ``wfEscapeWikiText`` does; date words read the injected clock (UTC).
"""

from __future__ import annotations

import decimal
import html
import re
import urllib.parse
from collections.abc import Callable
from typing import Final

from wikibio.expand.engine import (
    MARKER_PREFIX,
    Arg,
    Call,
    escape_wikitext,
    kill_markers,
    skip_markers,
    tag_attributes,
)
from wikibio.expand.phpdate import DAYS, MONTHS
from wikibio.expand.titles import PageTitle, make_title, ucfirst
from wikibio.site.languages import LANGUAGE_NAMES, bcp47, from_bcp47, language_data
from wikibio.site.messages import DEFAULT_MESSAGES, message_key
from wikibio.site.specialpages import special_page_name
from wikibio.site.tags import EXTENSION_TAGS

__all__ = ["CORE_FUNCTIONS", "CORE_VARIABLES"]

Function = Callable[[Call, str, list[Arg]], str]
#: A variable's value, or None when the site does not define it (then the name is read
#: as a template, as MediaWiki does for words it does not register).
Variable = Callable[[Call], str | None]


def _plain(function: Callable[[Call, list[str]], str]) -> Function:
    """A function that receives every argument expanded and trimmed."""

    def call(call: Call, first: str, args: list[Arg]) -> str:
        return function(call, [first, *(arg.trimmed() for arg in args)])

    return call


def _arg(values: list[str], index: int, default: str = "") -> str:
    return values[index] if index < len(values) else default


# --- page names ------------------------------------------------------------------------


def _talk_namespace(number: int) -> int:
    return number if number < 0 else number | 1


def _subject_namespace(number: int) -> int:
    return number if number < 0 else number & ~1


def _title_of(call: Call, text: str | None) -> PageTitle | None:
    if text is None:
        return call.page
    return make_title(text, 0, call.site)


def _with_namespace(call: Call, title: PageTitle, namespace: int) -> str:
    prefix = call.site.local.get(namespace, "")
    return f"{prefix}:{title.text}" if prefix else title.text


def _page_word(kind: str, encoded: bool) -> tuple[Variable, Function]:
    def value(call: Call, title: PageTitle) -> str:
        text = title.text
        subpages = title.namespace in call.site.subpages
        if kind == "FULLPAGENAME":
            result = title.full
        elif kind == "PAGENAME":
            result = text
        elif kind == "BASEPAGENAME":
            result = text.rsplit("/", 1)[0] if subpages else text
        elif kind == "ROOTPAGENAME":
            result = text.split("/", 1)[0] if subpages else text
        elif kind == "SUBPAGENAME":
            result = text.rsplit("/", 1)[-1] if subpages else text
        elif kind == "NAMESPACE":
            result = title.prefix
        elif kind == "NAMESPACENUMBER":
            return str(title.namespace)
        elif kind == "TALKSPACE":
            result = call.site.local.get(_talk_namespace(title.namespace), "")
        elif kind == "SUBJECTSPACE":
            result = call.site.local.get(_subject_namespace(title.namespace), "")
        elif kind == "TALKPAGENAME":
            result = _with_namespace(call, title, _talk_namespace(title.namespace))
        else:  # SUBJECTPAGENAME
            result = _with_namespace(call, title, _subject_namespace(title.namespace))
        if encoded:
            result = urllib.parse.quote(result.replace(" ", "_"), safe=";@$!*(),/~:")
        return escape_wikitext(result)

    def variable(call: Call) -> str:
        return value(call, call.page)

    def function(call: Call, first: str, args: list[Arg]) -> str:
        title = _title_of(call, first)
        return "" if title is None else value(call, title)

    return variable, function


# --- case, padding, numbers ------------------------------------------------------------


def _lc(call: Call, a: list[str]) -> str:
    return skip_markers(a[0], str.lower)


def _uc(call: Call, a: list[str]) -> str:
    return skip_markers(a[0], str.upper)


def _lcfirst(call: Call, a: list[str]) -> str:
    return language_data(call.site.language).lcfirst(a[0])


def _ucfirst(call: Call, a: list[str]) -> str:
    return language_data(call.site.language).ucfirst(a[0])


def _pad(left: bool) -> Function:
    def pad(call: Call, a: list[str]) -> str:
        text, pad_with = a[0], kill_markers(_arg(a, 2, "0"))
        try:
            length = min(int(_arg(a, 1, "0").strip() or "0"), 500)
        except ValueError:
            return text
        if not pad_with or length <= len(text):
            return text
        need = length - len(text)
        filler = (pad_with * (need // len(pad_with) + 1))[:need]
        return filler + text if left else text + filler

    return _plain(pad)


_NUMBER: Final = re.compile(r"(-?)(\d+)(\.\d+)?")
#: Significant digits a PHP float (IEEE double) keeps exactly.
_FLOAT_DIGITS: Final = 15


def _group(digits: str, separator: str, indian: bool) -> str:
    """Integer digits with thousands separators (``#,##0``, or Indian ``#,##,##0``)."""
    if len(digits) <= 3:
        return digits
    head, tail = digits[:-3], digits[-3:]
    size = 2 if indian else 3
    groups = []
    while len(head) > size:
        groups.append(head[-size:])
        head = head[:-size]
    groups.append(head)
    return separator.join([*reversed(groups), tail])


def _formatnum(call: Call, a: list[str]) -> str:
    """``Language::formatNum``: each number in the text grouped and written with the content
    language's separators and digits; ``R`` reads such a number back; ``NOSEP`` only
    changes digits.  A number is read as a PHP float, so past 15 significant digits it
    loses precision (``9999999999999999`` is written 10,000,000,000,000,000); with
    ``LOSSLESS`` such a text is returned unchanged instead."""
    text = a[0]
    options = {option.strip().upper() for option in a[1:]}
    language = language_data(call.site.language)
    if options & {"R", "RAW"}:
        raw = text.replace(language.group_separator, "")
        if language.digits:
            raw = raw.translate({ord(d): str(i) for i, d in enumerate(language.digits)})
        return (
            raw.replace(language.decimal_separator, ".")
            if language.decimal_separator != "."
            else raw
        )
    nosep = bool(options & {"NOSEP", "NOSEPARATORS"})
    lossless = "LOSSLESS" in options
    if lossless and any(
        len(m.group(2).lstrip("0")) > _FLOAT_DIGITS for m in _NUMBER.finditer(text)
    ):
        return text

    def group(m: re.Match[str]) -> str:
        digits = m.group(2)
        if len(digits.lstrip("0")) > _FLOAT_DIGITS and len(digits) < 400:
            digits = str(int(decimal.Decimal(float(digits))))
        if nosep or (digits.startswith("0") and len(digits) > 1) or len(digits) >= 400:
            grouped = digits
        else:
            grouped = _group(digits, language.group_separator, language.indian_grouping)
        fraction = m.group(3) or ""
        if fraction and not nosep:
            fraction = language.decimal_separator + fraction[1:]
        return language.transform_digits(m.group(1) + grouped + fraction)

    return _NUMBER.sub(group, text)


def _plural(call: Call, a: list[str]) -> str:
    number_text = a[0].replace(",", "")
    forms = a[1:]
    if not forms:
        return ""
    explicit = {}
    plain = []
    for form in forms:
        key, sep, value = form.partition("=")
        if sep and re.fullmatch(r"\s*-?\d+(?:\.\d+)?\s*", key):
            explicit[key.strip()] = value
        else:
            plain.append(form)
    if number_text.strip() in explicit:
        return explicit[number_text.strip()]
    if not plain:
        return ""
    try:
        number = float(number_text)
    except ValueError:
        number = 0.0
    index = 0 if abs(number) == 1 else 1
    return plain[min(index, len(plain) - 1)]


def _gender(call: Call, a: list[str]) -> str:
    forms = a[1:]
    if not forms:
        return ""
    return forms[2] if len(forms) > 2 else forms[0]


# --- URLs and anchors ------------------------------------------------------------------


def _urlencode(call: Call, a: list[str]) -> str:
    text, kind = kill_markers(a[0]), _arg(a, 1).upper()
    if kind == "PATH":
        return urllib.parse.quote(text, safe="-_.~")
    if kind == "WIKI":
        return urllib.parse.quote(text.replace(" ", "_"), safe=";@$!*(),/~:")
    # PHP's urlencode also encodes "~", which Python's quoting always leaves alone.
    return urllib.parse.quote_plus(text, safe="-_.").replace("~", "%7E")


def _anchorencode(call: Call, a: list[str]) -> str:
    """``Sanitizer::escapeIdForLink`` of the section name the text would make (HTML5 ids)."""
    text = html.unescape(kill_markers(a[0]))
    text = re.sub(r"\[\[(?:[^|\]]*\|)?([^\]]*)\]\]", r"\1", text)
    text = re.sub(r"</?[A-Za-z][^>]*>", "", text)
    text = " ".join(re.sub(r"[ _]+", " ", text).split(" ")).strip()
    if call.site.fragment_mode == "legacy":
        # $wgFragmentMode "legacy": PHP's urlencode with "%3A" kept as ":" and "%" as ".".
        encoded = urllib.parse.quote_plus(text.replace(" ", "_"), safe="-_.").replace("~", "%7E")
        return escape_wikitext(encoded.replace("%3A", ":").replace("%", "."))
    return escape_wikitext(text.replace(" ", "_").replace("%", "%25"))


def _url(kind: str) -> Function:
    def url(call: Call, a: list[str]) -> str:
        title = make_title(a[0], 0, call.site)
        if title is None:
            return ""
        name = urllib.parse.quote(title.full.replace(" ", "_"), safe=";@$!*(),/~:")
        query = _arg(a, 1)
        site = call.site
        path = (
            f"{site.script}?title={name}&{query}"
            if query
            else site.article_path.replace("$1", name)
        )
        if kind == "local":
            return path
        server = site.server
        if kind == "canonical" and server.startswith("//"):
            server = "https:" + server
        return server + path

    return _plain(url)


def _ns(encoded: bool) -> Function:
    def ns(call: Call, a: list[str]) -> str:
        key = a[0]
        number: int | None
        number = int(key) if re.fullmatch(r"-?\d+", key.strip()) else call.site.namespace(key)
        if number is None or number not in call.site.local:
            return ""
        name = call.site.local[number]
        return name.replace(" ", "_") if encoded else name

    return _plain(ns)


# --- tags and page metadata ------------------------------------------------------------


_QUOTED: Final = re.compile(r"""^(['"])(.*)\1$""", re.DOTALL)


#: HTML elements MediaWiki's sanitizer allows in wikitext (``Sanitizer::getRecognizedTagData``).
_HTML_TAGS: Final = frozenset(
    "b bdi bdo del i ins u font big small sub sup h1 h2 h3 h4 h5 h6 cite code em s strike "
    "strong tt var div center blockquote ol ul dl table caption pre ruby rb rp rt rtc p span "
    "abbr dfn kbd samp data time mark br wbr hr li dt dd td th tr q".split()
)


def _unquoted(value: str) -> str:
    m = _QUOTED.match(value)
    return m.group(2) if m else value


def _tag(call: Call, first: str, args: list[Arg]) -> str:
    name = first.strip().lower()
    inner = args[0].expand() if args else None
    attributes = []
    for arg in args[1:]:
        if arg.has_equals:
            value = arg.value()
            m = _QUOTED.match(value)
            if m:
                value = m.group(2)
            # htmlspecialchars with ENT_COMPAT: & < > and " (not ').
            escaped = html.escape(value, quote=False).replace('"', "&quot;")
            attributes.append(f' {html.escape(arg.name(), quote=False)}="{escaped}"')
    attrs = "".join(attributes)
    hook = call.expander.tag_hooks.get(name)
    if hook is not None:
        values = {arg.name().lower(): _unquoted(arg.value()) for arg in args[1:] if arg.has_equals}
        return call.expander.render_tag(hook, name, inner, values, call.frame)
    if name not in EXTENSION_TAGS and name in _HTML_TAGS:
        # An HTML element name makes that element, left as wikitext for the parser (the
        # parser tests' expected HTML for {{#tag:span|…}} and {{#tag:div|…}}).
        return f"<{name}{attrs}>{inner or ''}</{name}>"
    if name not in EXTENSION_TAGS:
        call.diagnose(
            "unknown-extension-tag",
            f"{{{{#tag:{name}}}}} names no extension tag of this wiki",
        )
        return f'<strong class="error">Unknown extension tag "{name}"</strong>'
    expander = call.expander
    if (
        inner is not None
        and name in expander.expand_bodies
        and expander.root is not None
        and ("{{" in inner or "<" in inner)  # PERF: else a second pass changes nothing
    ):
        # Cite stores the expanded argument and parses it again with the list
        # (recursiveTagParse, no frame): a second expansion, in the page's frame.
        inner = expander.preprocess(inner, expander.root)
    whole = f"<{name}{attrs}/>" if inner is None else f"<{name}{attrs}>{inner}</{name}>"
    if name == "ref" and expander.in_ref_body:
        expander.nested_ref(name, attrs, inner, whole, call.frame)
        return ""
    if name == "ref" and inner is not None and _REF_MARKER in inner:
        # Refs made in the argument are notes inside this one (``{{efn|…<ref>…</ref>}}``):
        # written as the call, so that reading the page again nests them as Cite did
        # (a <ref> inside a <ref> tag's body would close it at the inner </ref>).
        whole = _tag_call(name, attrs, inner)
    return expander.tag_output(name, attrs, inner, whole, call.frame, parser_function=True)


#: The strip marker of a ``<ref>`` tag (``Expander.strip_marker``).
_REF_MARKER: Final = MARKER_PREFIX + "ref-"


def _tag_call(name: str, attributes: str, inner: str) -> str:
    """``{{#tag:name|inner|attribute=value…}}`` for a tag's expanded body and attributes,
    the body's pipes outside links as ``{{!}}``."""
    pieces: list[str] = []
    depth = 0
    for piece in re.split(r"(\[\[|\]\]|\|)", inner):
        if piece == "[[":
            depth += 1
        elif piece == "]]":
            depth = max(depth - 1, 0)
        elif piece == "|" and not depth:
            piece = "{{!}}"
        pieces.append(piece)
    values = "".join(f"|{key}={value}" for key, value in tag_attributes(attributes).items())
    return f"{{{{#tag:{name}|{''.join(pieces)}{values}}}}}"


def _nothing(call: Call, a: list[str]) -> str:
    return ""


def _interwikilink(call: Call, a: list[str]) -> str:
    """``{{#interwikilink:prefix|title|text}}`` (T363538): a link forced to be an interwiki
    link, written with a leading colon so no prefix makes it an interlanguage link."""
    prefix, title, text = a[0], _arg(a, 1), _arg(a, 2)
    if not prefix or not title:
        return ""
    return f"[[:{prefix}:{title}|{text}]]" if text else f"[[:{prefix}:{title}]]"


def _interlanguagelink(call: Call, a: list[str]) -> str:
    """``{{#interlanguagelink:prefix|title}}``: a link in the page's language list (shown
    apart from the text, like ``[[de:Berlin]]``)."""
    prefix, title = a[0], _arg(a, 1)
    return f"[[{prefix}:{title}]]" if prefix and title else ""


def _language(call: Call, a: list[str]) -> str:
    """``{{#language:code|in}}``: the language's own name, or its name in English.

    Codes may be BCP 47 (``de-x-formal``); an empty code is the content language."""
    code = from_bcp47(a[0].strip() or call.site.language)
    target = from_bcp47(_arg(a, 1).strip())
    names = LANGUAGE_NAMES.get(code)
    if names is None:
        return a[0]
    # English and its variants (Simple English falls back to English's names).
    return names[1] if target.split("-", 1)[0] in ("en", "simple") else names[0]


#: Languages written right to left (``$rtl`` in their ``Messages*.php``); others are ltr.
_RTL: Final = frozenset(
    "ar arc arq ary arz azb bcc bgn bqi ckb dv fa glk he khw kk-arab ks lki lrc luz mzn "
    "nqo pnb prd ps sd sdh skr ug ur yi".split()
)


def _dir(call: Call, a: list[str]) -> str:
    code = (a[0] or call.site.language).strip().lower()
    return "rtl" if code in _RTL else "ltr"


def message_text(call: Call, key: str) -> str | None:
    """An interface message's text: the wiki's ``MediaWiki:Key`` page, else the default
    written down in ``wikibio.site.messages``, else None."""
    key = message_key(key)
    if not key:
        return None
    title = make_title(key, 8, call.site)
    if title is not None and title.namespace == 8:
        page = call.expander.fetch(title.canonical)
        if page is not None:
            return page
    return DEFAULT_MESSAGES.get(key)


def _int(call: Call, first: str, args: list[Arg]) -> str:
    """``{{int:key|$1|$2}}``: the interface message with its parameters, expanded in the
    calling frame (``CoreParserFunctions::intFunction`` returns it with ``noparse`` off)."""
    key = first
    text = message_text(call, key)
    if text is None:
        call.diagnose(
            "unknown-message",
            f"{{{{int:{key}}}}}: the template source has no page 'MediaWiki:{ucfirst(key)}' "
            "and wikibio does not know the message's default text",
            "info",
        )
        return f"⧼{escape_wikitext(key)}⧽" if key else ""
    values = [arg.trimmed() for arg in args]
    text = re.sub(
        r"\$(\d+)",
        lambda m: values[int(m.group(1)) - 1] if 0 < int(m.group(1)) <= len(values) else m.group(0),
        text,
    )
    return call.preprocess(text)


#: Content models by title (``$wgNamespaceContentModels`` and the user/site script rules):
#: canonical name and the name ``{{#contentmodel:local}}`` shows in English.
_MODELS: Final = {
    "css": ("css", "CSS"),
    "js": ("javascript", "JavaScript"),
    "json": ("json", "JSON"),
}


def _contentmodel(call: Call, a: list[str]) -> str:
    page = call.page
    model = ("wikitext", "wikitext")
    if page.namespace == 828 and not page.text.endswith("/doc"):
        model = ("Scribunto", "Scribunto module")
    elif page.namespace in (2, 8):
        model = _MODELS.get(page.text.rsplit(".", 1)[-1], model) if "." in page.text else model
    return model[0] if a[0].strip().lower() == "canonical" else model[1]


_MONTH: Final = r"([^\W\d_]+\.?)"
_DATE_FORMS: Final = (
    ("iso", re.compile(r"(-?\d{4})-(\d{2})-(\d{2})")),
    ("dmy", re.compile(rf"(\d{{1,2}}) {_MONTH}(?:,? (\d{{1,4}}))?")),
    ("mdy", re.compile(rf"{_MONTH} (\d{{1,2}})(?:,? (\d{{1,4}}))?")),
    ("ymd", re.compile(rf"(\d{{1,4}}) {_MONTH} (\d{{1,2}})")),
)


def _formatdate(call: Call, a: list[str]) -> str:
    """``{{#formatdate:date|format}}`` (core's ``DateFormatter``): a recognised date in the
    format asked (``dmy``, ``mdy``, ``ymd``, ``ISO 8601``), wrapped in
    ``<span class="mw-formatted-date" title="ISO">``; anything else unchanged."""
    text, wanted = a[0], _arg(a, 1).lower()
    language = language_data(call.site.language)
    for kind, pattern in _DATE_FORMS:
        m = pattern.fullmatch(text)
        if m is None:
            continue
        if kind == "iso":
            year, month, day = m.group(1), int(m.group(2)), int(m.group(3))
        elif kind == "dmy":
            day, month_name, year = int(m.group(1)), m.group(2), m.group(3)
            month = language.month_number(month_name)
        elif kind == "mdy":
            month_name, day, year = m.group(1), int(m.group(2)), m.group(3)
            month = language.month_number(month_name)
        else:
            year, month_name, day = m.group(1), m.group(2), int(m.group(3))
            month = language.month_number(month_name)
        if not 1 <= month <= 12 or not 1 <= day <= 31:
            return text
        iso_year = None if year is None else (year if kind == "iso" else year.zfill(4))
        title = (
            f"{month:02d}-{day:02d}" if iso_year is None else f"{iso_year}-{month:02d}-{day:02d}"
        )
        shown_year = ""
        if year is not None:
            number = int(year)
            shown_year = f"{1 - number} BC" if kind == "iso" and number <= 0 else str(number)
        name = language.months[month - 1]
        if wanted == "dmy":
            shown = f"{day} {name}" + (f" {shown_year}" if shown_year else "")
        elif wanted == "mdy":
            shown = f"{name} {day}" + (f", {shown_year}" if shown_year else "")
        elif wanted == "ymd" and shown_year:
            shown = f"{shown_year} {name} {day}"
        elif wanted in ("iso 8601", "iso") and iso_year is not None:
            shown = title
        else:
            shown = text
        return f'<span class="mw-formatted-date" title="{title}">{shown}</span>'
    return text


def _special(call: Call, a: list[str]) -> str:
    """``{{#special:name/sub}}``: the special page's title, named by its first alias
    (``RandomPage`` → ``Special:Random``); an unknown name keeps its spelling."""
    prefix = call.site.local.get(-1, "Special")
    name, slash, sub = a[0].partition("/")
    known = special_page_name(name)
    return f"{prefix}:{known if known is not None else ucfirst(name)}{slash}{sub}"


def _invoke(call: Call, first: str, args: list[Arg]) -> str:
    module = make_title(first, 828, call.site)
    function = args[0].trimmed() if args else ""
    hook = call.expander.invoke
    if module is None or module.namespace != 828 or not call.page_exists(module):
        call.diagnose(
            "script-error",
            f"{{{{#invoke:{first}}}}}: the template source has no module {first!r}",
            "error",
        )
        return (
            '<strong class="error"><span class="scribunto-error">'
            f'Script error: No such module "{first}".</span></strong>'
        )
    if hook is not None:
        # Scribunto's frame for the module: a child of the calling frame whose arguments
        # are #invoke's parts after the function name, numbered from 1.
        frame = call.expander.child_frame(call.frame, module, args[1:], offset=1)
        return hook(Call(call.expander, frame), module.canonical, function, args[1:])
    call.diagnose(
        "script-error",
        f"{{{{#invoke:{first}|{function}}}}} needs the Lua runtime, which is not available yet",
        "error",
    )
    return (
        '<strong class="error"><span class="scribunto-error">'
        "Script error: Lua modules are not run yet.</span></strong>"
    )


# --- date variables ----------------------------------------------------------------------


def _date(kind: str) -> Variable:
    def value(call: Call) -> str:
        m = call.clock
        if kind in ("MONTHNAME", "MONTHNAMEGEN", "MONTHABBREV", "DAYNAME"):
            # The content language's names (genitive forms are not written down: the
            # nominative stands in for them).
            names = language_data(call.site.language)
            if kind == "DAYNAME":
                return names.days[m.isoweekday() % 7]
            table = names.month_abbreviations if kind == "MONTHABBREV" else names.months
            return table[m.month - 1]
        return {
            "YEAR": str(m.year),
            "MONTH": f"{m.month:02d}",
            "MONTH1": str(m.month),
            "MONTHNAME": MONTHS[m.month - 1],
            "MONTHNAMEGEN": MONTHS[m.month - 1],
            "MONTHABBREV": MONTHS[m.month - 1][:3],
            "DAY": str(m.day),
            "DAY2": f"{m.day:02d}",
            "DAYNAME": DAYS[m.weekday()],
            "DOW": str(m.isoweekday() % 7),
            "WEEK": str(m.isocalendar()[1]),
            "TIME": f"{m.hour:02d}:{m.minute:02d}",
            "HOUR": f"{m.hour:02d}",
            "TIMESTAMP": m.strftime("%Y%m%d%H%M%S"),
        }[kind]

    return value


def _date_function(kind: str) -> Callable[[Call, list[str]], str]:
    """``{{REVISIONDAY:title}}``: the clock's date for the page being expanded (its
    revision is the one shown); for another page its last revision, which a template
    source does not know ("" as MediaWiki shows for a page that does not exist)."""
    value = _date(kind)

    def function(call: Call, a: list[str]) -> str:
        title = _title_of(call, a[0] or None)
        if title is None or title.canonical != call.page.canonical:
            if title is not None and call.page_exists(title):
                call.diagnose(
                    "unknown-revision",
                    f"the revision date of {title.full!r} is not in the template source",
                    "info",
                )
            return ""
        return value(call) or ""

    return function


def _page_id(call: Call, a: list[str]) -> str:
    """``{{PAGEID:title}}``: 0 for a page that does not exist; a source does not know the
    ids of the pages it has ("" with a diagnostic)."""
    title = _title_of(call, a[0] or None)
    if title is None:
        return ""
    if not call.page_exists(title) or title.namespace < 0:
        return "0"
    call.diagnose("unknown-page-id", f"the page id of {title.full!r} is not known", "info")
    return ""


def _page_size(call: Call, a: list[str]) -> str:
    """``{{PAGESIZE:title|R}}``: the page's wikitext in bytes (0 when it does not exist),
    formatted as ``formatnum`` does unless ``R``."""
    title = _title_of(call, a[0] or None)
    text = call.expander.fetch(title.canonical) if title is not None else None
    size = "0" if text is None else str(len(text.encode("utf-8", "surrogatepass")))
    return size if _arg(a, 1).strip().upper() in ("R", "RAW") else _formatnum(call, [size])


def _constant(text: str) -> Variable:
    return lambda call: text


def _site_word(kind: str) -> Variable:
    def value(call: Call) -> str:
        site = call.site
        if kind == "SITENAME":
            return site.sitename
        if kind == "SERVER":
            return site.server
        if kind == "SERVERNAME":
            return site.server.split("//", 1)[-1]
        if kind == "SCRIPTPATH":
            return site.script.rsplit("/", 1)[0]
        if kind == "STYLEPATH":
            return site.script.rsplit("/", 1)[0] + "/skins"
        return site.language  # CONTENTLANGUAGE, PAGELANGUAGE

    return value


#: ``{{NUMBEROF…}}`` words and the ``ExpansionSite.statistics`` key each reads.
_STATISTICS: Final = {
    "NUMBEROFPAGES": "pages",
    "NUMBEROFARTICLES": "articles",
    "NUMBEROFFILES": "files",
    "NUMBEROFUSERS": "users",
    "NUMBEROFACTIVEUSERS": "activeusers",
    "NUMBEROFADMINS": "admins",
    "NUMBEROFEDITS": "edits",
}


def _statistic_value(call: Call, key: str, raw: bool) -> str | None:
    statistics = call.site.statistics
    if statistics is None or key not in statistics:
        return None
    number = str(statistics[key])
    return number if raw else _formatnum(call, [number])


def _statistic(key: str) -> Variable:
    """A site statistic (``{{NUMBEROFFILES}}``), formatted; undefined when not known."""

    def value(call: Call) -> str | None:
        # Unknown: the word reads as a template (whose absence is diagnosed).
        return _statistic_value(call, key, raw=False)

    return value


def _statistic_function(key: str) -> Function:
    """``{{NUMBEROFFILES:R}}``: the statistic, unformatted with ``R``."""

    def function(call: Call, first: str, args: list[Arg]) -> str:
        found = _statistic_value(call, key, raw=first.strip().upper() == "R")
        return "" if found is None else found

    return function


def _pages_in_category(call: Call, a: list[str]) -> str:
    """``{{PAGESINCATEGORY:name}}``: 0 for an invalid category title (as MediaWiki); a
    valid one needs the wiki's category table, which sources do not hold (also 0, with a
    diagnostic)."""
    title = make_title(a[0], 14, call.site)
    if title is not None:
        call.diagnose(
            "unknown-statistic",
            f"{{{{PAGESINCATEGORY:{a[0]}}}}} needs the wiki's category sizes; shown as 0",
            "info",
        )
    return "0"


def _build() -> tuple[dict[str, tuple[Function, bool]], dict[str, tuple[Variable, bool]]]:
    functions: dict[str, tuple[Function, bool]] = {}
    variables: dict[str, tuple[Variable, bool]] = {}
    insensitive: dict[str, Function] = {
        "lc": _plain(_lc),
        "uc": _plain(_uc),
        "lcfirst": _plain(_lcfirst),
        "ucfirst": _plain(_ucfirst),
        "padleft": _pad(True),
        "padright": _pad(False),
        "formatnum": _plain(_formatnum),
        "plural": _plain(_plural),
        "gender": _plain(_gender),
        "grammar": _plain(lambda call, a: _arg(a, 1)),
        "urlencode": _plain(_urlencode),
        "anchorencode": _plain(_anchorencode),
        "ns": _ns(False),
        "nse": _ns(True),
        "fullurl": _url("full"),
        "fullurle": _url("full"),
        "localurl": _url("local"),
        "localurle": _url("local"),
        "canonicalurl": _url("canonical"),
        "canonicalurle": _url("canonical"),
        "filepath": _plain(_nothing),
        "#language": _plain(_language),
        "#special": _plain(_special),
        "#speciale": _plain(lambda call, a: _special(call, a).replace(" ", "_")),
        "#bcp47": _plain(lambda call, a: bcp47(a[0] or call.site.language)),
        "#dir": _plain(_dir),
        "#contentmodel": _plain(_contentmodel),
        # Wikimedia extensions' functions that show nothing in the page: RelatedArticles
        # (#related) and GeoData (#coordinates, when its arguments are valid).
        "#related": _plain(_nothing),
        "#interwikilink": _plain(_interwikilink),
        "#interlanguagelink": _plain(_interlanguagelink),
        "#coordinates": _plain(_nothing),
        "#formatdate": _plain(_formatdate),
        "#dateformat": _plain(_formatdate),
        "int": _int,
        "#tag": _tag,
        "#invoke": _invoke,
        "bidi": _plain(lambda call, a: a[0]),
    }
    for name, function in insensitive.items():
        functions[name] = (function, False)
    for name in ("DISPLAYTITLE", "DEFAULTSORT", "DEFAULTSORTKEY", "DEFAULTCATEGORYSORT"):
        functions[name] = (_plain(_nothing), True)
    kinds = (
        "FULLPAGENAME PAGENAME BASEPAGENAME ROOTPAGENAME SUBPAGENAME NAMESPACE NAMESPACENUMBER "
        "TALKSPACE SUBJECTSPACE TALKPAGENAME SUBJECTPAGENAME"
    ).split()
    for kind in kinds:
        for encoded in (False, True):
            if kind == "NAMESPACENUMBER" and encoded:
                continue
            variable, function = _page_word(kind, encoded)
            name = kind + ("E" if encoded else "")
            variables[name] = (variable, True)
            functions[name] = (function, True)
            if kind.startswith("SUBJECT"):
                alias = "ARTICLE" + name[len("SUBJECT") :]
                variables[alias] = (variable, True)
                functions[alias] = (function, True)
    for kind in (
        "YEAR MONTH MONTH1 MONTHNAME MONTHNAMEGEN MONTHABBREV DAY DAY2 DAYNAME DOW WEEK "
        "TIME HOUR TIMESTAMP"
    ).split():
        for prefix in ("CURRENT", "LOCAL"):
            variables[prefix + kind] = (_date(kind), True)
    # The page's revision is the one being shown: as in a preview, its date is the
    # clock's (MediaWiki's parser tests read them so); its id and user are unknown.
    for kind, word in (
        ("DAY", "DAY"),
        ("DAY2", "DAY2"),
        ("MONTH", "MONTH"),
        ("MONTH1", "MONTH1"),
        ("YEAR", "YEAR"),
        ("TIMESTAMP", "TIMESTAMP"),
    ):
        variables["REVISION" + word] = (_date(kind), True)
        functions["REVISION" + word] = (_plain(_date_function(kind)), True)
    functions["PAGEID"] = (_plain(_page_id), True)
    variables["PAGEID"] = (lambda call: _page_id(call, [""]), True)
    functions["PAGESIZE"] = (_plain(_page_size), True)
    for word in ("REVISIONID", "REVISIONUSER"):
        variables[word] = (_constant(""), True)
        functions[word] = (_plain(_nothing), True)
    variables["CURRENTMONTH2"] = variables["CURRENTMONTH"]
    variables["LOCALMONTH2"] = variables["LOCALMONTH"]
    # MessagesEn.php: SERVER, SERVERNAME, SCRIPTPATH and STYLEPATH ignore case.
    for kind in ("SITENAME", "CONTENTLANGUAGE", "PAGELANGUAGE"):
        variables[kind] = (_site_word(kind), True)
    for kind in ("SERVER", "SERVERNAME", "SCRIPTPATH", "STYLEPATH"):
        variables[kind.lower()] = (_site_word(kind), False)
    variables["CONTENTLANG"] = variables["CONTENTLANGUAGE"]
    for word, key in _STATISTICS.items():
        variables[word] = (_statistic(key), True)
        functions[word] = (_statistic_function(key), True)
    functions["pagesincategory"] = (_plain(_pages_in_category), False)
    functions["pagesincat"] = functions["pagesincategory"]
    # Registered only with $wgParserEnableUserLanguage (the site's user_language).
    variables["USERLANGUAGE"] = (lambda call: call.site.user_language, True)
    variables["!"] = (_constant("|"), True)
    variables["="] = (_constant("="), True)
    variables["DIRECTIONMARK"] = (_constant("\u200e"), True)
    variables["DIRMARK"] = variables["DIRECTIONMARK"]
    return functions, variables


CORE_FUNCTIONS, CORE_VARIABLES = _build()
