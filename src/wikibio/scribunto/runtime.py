"""The Lua runtime: one lupa ``lua51`` interpreter per thread, one sandbox per page.

``LuaEngine.shared()`` starts the interpreter once per thread (lupa's runtimes are not
thread-safe) and compiles the runtime and library chunks of ``lua/`` once.  Each page
that calls ``{{#invoke:}}`` gets a ``PageSession``: fresh ``mw`` tables, a fresh base
environment, its own ``mw.loadData`` cache, its own CPU budget and memory ceiling
(Scribunto's per-page limits).  Each ``#invoke`` runs the module in a fresh copy of the
page's environment, as Scribunto isolates invokes from each other.

Limits: CPU time per page (``Limits.cpu_seconds``, Scribunto's 10 s default) is checked
by a Lua count hook every 1,000 instructions against ``os.clock``; memory per page
(``Limits.memory_bytes``, 50 MB) is lupa's allocator limit, set above what the
interpreter holds when the page starts.  A limit ends the page's Lua (later invokes show
the same error) and cannot be caught by ``pcall``; the rest of the page still expands.
The sandbox: no ``io``, ``package.loadlib``, ``load``/``loadstring``/``dofile``,
``string.dump``, no ``debug`` beyond ``traceback``, ``os`` only ``time``/``clock``/
``date``/``difftime``; ``getfenv``/``setfenv`` never reach the interpreter's own
environment; Python objects are never handed to Lua (the host functions are wrapped in
Lua closures and lupa's attribute filter refuses every attribute).
"""

from __future__ import annotations

import hashlib
import html
import importlib
import importlib.util
import json
import math
import re
import threading
import zlib
from collections.abc import Callable, Mapping
from importlib import resources
from typing import Any, Final

from attrs import frozen

from wikibio.expand.engine import MARKER_PREFIX, MARKER_SUFFIX, Arg, Call, Expander, Frame
from wikibio.expand.phpdate import TimeError, format_date, parse_date
from wikibio.expand.titles import make_title, ucfirst
from wikibio.site.expansion import CANONICAL_NAMESPACES
from wikibio.syntax.scan import Part, scan

__all__ = ["Limits", "LuaEngine", "PageSession", "available", "to_text"]

#: Libraries built per page, in this order (a later one may use an earlier one).
LIBRARY_ORDER: Final = (
    "mw.site",
    "mw.ustring",
    "mw.text",
    "mw.html",
    "mw.uri",
    "mw.title",
    "mw.language",
    "mw.message",
    "mw.hash",
)
#: Modules ``require`` finds without a page (``lua/lib.<name>.lua``).
BUILTIN_MODULES: Final = ("bit32", "libraryUtil", "strict", "bit", "ustring")

_MARKER: Final = re.compile(
    re.escape(MARKER_PREFIX) + r"([^\x7f-]*)-([0-9A-F]{8})" + re.escape(MARKER_SUFFIX)
)
_FRAGMENT_SPACES: Final = re.compile(r" {2,}")
_LOCATION: Final = re.compile(r"^(.+?):(\d+): (.*)$", re.DOTALL)


@frozen
class Limits:
    """Per-page limits of the Lua runtime (Scribunto's defaults)."""

    #: CPU seconds all of a page's ``#invoke`` calls may use together.
    cpu_seconds: float = 10.0
    #: Bytes of Lua memory a page may hold on top of the libraries.
    memory_bytes: int = 50 * 1024 * 1024
    #: ``$wgExpensiveParserFunctionLimit``: calls of ``mw.incrementExpensiveFunctionCount``.
    expensive_calls: int = 500


def available() -> bool:
    """Whether lupa (the ``lua`` extra) with its Lua 5.1 runtime is installed."""
    return importlib.util.find_spec("lupa") is not None and _lua51() is not None


def _lua51() -> Any:
    try:
        return importlib.import_module("lupa.lua51")
    except ImportError:
        return None


def to_text(value: object) -> str:
    """A Lua string as Python ``str``: lupa gives ``bytes`` for invalid UTF-8."""
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    if isinstance(value, str):
        return value
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return "" if value is None else str(value)


def to_lua(value: Any, lua: Any = None) -> Any:
    """A Python value as lupa passes it to Lua with ``encoding=None``: ``str`` as UTF-8
    bytes; with ``lua``, lists and dicts as Lua tables (lists numbered from 1)."""
    if isinstance(value, str):
        return value.encode("utf-8", "surrogatepass")
    if lua is not None:
        if isinstance(value, list):
            return lua.table_from({i + 1: to_lua(v, lua) for i, v in enumerate(value)})
        if isinstance(value, dict):
            return lua.table_from({to_lua(k): to_lua(v, lua) for k, v in value.items()})
    return value


class _Keys:
    """A Lua table filled from Python with ``str`` keys (encoded for ``encoding=None``)."""

    def __init__(self, table: Any) -> None:
        self.table = table

    def __setitem__(self, key: str, value: Any) -> None:
        self.table[to_lua(key)] = value


def _deny(obj: object, name: object, is_setting: bool) -> object:
    raise AttributeError("Lua modules cannot reach Python attributes")


def _lua_source(name: str) -> str:
    return resources.files("wikibio.scribunto").joinpath("lua", name).read_text("utf-8")


def _has_lua_source(name: str) -> bool:
    return resources.files("wikibio.scribunto").joinpath("lua", name).is_file()


class ScriptError(Exception):
    """A module's failure, with the text MediaWiki shows (``Lua error in …``)."""


class LuaEngine:
    """One Lua 5.1 interpreter with the runtime and libraries compiled, reused by pages."""

    _local = threading.local()

    def __init__(self) -> None:
        lua51 = _lua51()
        if lua51 is None:
            raise ImportError(
                "Lua modules need lupa: pip install 'wikibio[lua]' (lupa>=2.0 with Lua 5.1)"
            )
        self.lua = lua51.LuaRuntime(
            encoding=None,
            unpack_returned_tuples=True,
            register_eval=False,
            register_builtins=False,
            attribute_filter=_deny,
            max_memory=0,
        )
        self.session: PageSession | None = None
        lua = self.lua
        lua.execute(b"python = nil")
        loader = lua.eval(b"loadstring")

        def chunk(name: str) -> Any:
            result = loader(to_lua(_lua_source(name)), to_lua("=" + name.removesuffix(".lua")))
            if isinstance(result, tuple):
                raise RuntimeError(f"lua/{name} does not compile: {result[1]}")
            return result()

        host = lua.table_from(
            {to_lua(name): self._host(fn) for name, fn in self._host_functions().items()}
        )
        libs: Any = _Keys(lua.table())
        libs["mw"] = chunk("mw.lua")
        py: Any = _Keys(lua.table())
        for name in LIBRARY_ORDER:
            short = name.removeprefix("mw.")
            register = _python_library(short)
            table = register(lua) if register is not None else None
            if table is not None:
                py[name] = table
            if _has_lua_source(f"{name}.lua"):
                libs[name] = chunk(f"{name}.lua")
            elif table is not None:
                libs[name] = lua.eval(b"function(t) return function(mw, py) return py end end")(
                    table
                )
            elif _has_lua_source(f"stub.{name}.lua"):
                libs[name] = chunk(f"stub.{name}.lua")
        for name in BUILTIN_MODULES:
            if _has_lua_source(f"lib.{name}.lua"):
                libs[f"lib.{name}"] = chunk(f"lib.{name}.lua")
        libs["order"] = lua.table_from([to_lua(name) for name in LIBRARY_ORDER])
        libs["py"] = py.table
        self.engine = chunk("runtime.lua")(host, libs.table)
        self.collect = lua.eval(b"function() collectgarbage() end")
        self.lua.execute(b"collectgarbage()")

    @classmethod
    def shared(cls) -> LuaEngine:
        """This thread's engine, started on first use."""
        engine: LuaEngine | None = getattr(cls._local, "engine", None)
        if engine is None:
            engine = cls()
            cls._local.engine = engine
        return engine

    def page(self, limits: Limits | None = None, *, test_mode: bool = False) -> PageSession:
        """A session for one page: the ``InvokeHook`` is its ``invoke`` method."""
        return PageSession(self, limits or Limits(), test_mode=test_mode)

    # --- the host functions Lua calls ----------------------------------------------------

    def _host(self, fn: Callable[..., object]) -> Callable[..., object]:
        def call(*args: object) -> object:
            session = self.session
            if session is None:
                return False, b"no page is being expanded"
            try:
                value = fn(session, *args)
            except ScriptError as error:
                return False, to_lua(str(error))
            except RecursionError:
                return False, b"too many nested calls"
            except Exception as error:  # a bug of ours must read as a Lua error, not crash
                return False, to_lua(f"internal error in {fn.__name__}: {error!r}")
            if isinstance(value, tuple):
                return (True, *(to_lua(v) for v in value))
            return True, to_lua(value)

        return call

    def _host_functions(self) -> dict[str, Callable[..., object]]:
        return {
            name.removeprefix("host_"): getattr(PageSession, name)
            for name in dir(PageSession)
            if name.startswith("host_")
        }


def _python_library(short: str) -> Callable[[Any], Any] | None:
    """``wikibio.scribunto.<short>.register`` when that module exists."""
    if importlib.util.find_spec(f"wikibio.scribunto.{short}") is None:
        return None
    module = importlib.import_module(f"wikibio.scribunto.{short}")
    register: Callable[[Any], Any] | None = getattr(module, "register", None)
    return register


class PageSession:
    """One page's Lua state: its frames, caches and limits; ``invoke`` is the hook."""

    def __init__(self, engine: LuaEngine, limits: Limits, *, test_mode: bool = False) -> None:
        self.engine = engine
        self.limits = limits
        self.test_mode = test_mode
        self.expander: Expander | None = None
        self.frames: list[tuple[Frame, int | None]] = []
        self._frame_ids: dict[int, int] = {}
        self.started = False
        self.logs: list[str] = []
        self.peak_memory = 0
        #: Interwiki prefixes (lower case) → URL with ``$1`` (``mw.title`` of ``xx:Page``).
        self.interwiki: dict[str, str] = {}
        #: ``$wgNonincludableNamespaces``: namespaces whose pages ``getContent`` does not read.
        self.nonincludable: frozenset[int] = frozenset()
        #: Page ids handed out to ``title.id`` (a source has none; numbered on first use).
        self.page_ids: dict[str, int] = {}

    # --- the page ---------------------------------------------------------------------

    def start(self, expander: Expander) -> None:
        """Build the page's fresh environment (on its first ``#invoke``)."""
        self.expander = expander
        engine = self.engine
        engine.session = self
        lua = engine.lua
        lua.set_max_memory(0)
        lua.execute(b"collectgarbage()")
        limits = self._table({"expensive": self.limits.expensive_calls, "testMode": self.test_mode})
        self._base_memory = lua.get_memory_used()
        self._after_collection = 0
        self.frames = []
        self._frame_ids = {}
        self._page = engine.engine.newPage(limits)
        lua.set_max_memory(lua.get_memory_used() + self.limits.memory_bytes, total=True)
        self.started = True

    def invoke(self, call: Call, module: str, function: str, args: list[Arg]) -> str:
        """The ``InvokeHook``: run ``function`` of ``module`` with the frame ``call`` holds."""
        expander = call.expander
        if not self.started or self.expander is not expander:
            self.start(expander)
        self.engine.session = self
        title = make_title(module, 828, expander.site)
        source = expander.fetch(title.canonical) if title is not None else None
        if title is None or source is None:
            return self._error(call, f'Script error: No such module "{module}".')
        frame_id = self.frame_id(call.frame, None)
        try:
            result = self.engine.engine.invoke(
                to_lua(title.full),
                to_lua(source),
                to_lua(function),
                frame_id,
                self.limits.cpu_seconds,
            )
        except Exception as error:  # lupa's LuaMemoryError and LuaError: the page goes on
            result = (False, "lua", _lua_error_text(error))
        finally:
            self._measure()
        if result[0]:
            return to_text(result[1])
        kind = to_text(result[1])
        message = to_text(result[2]) if len(result) > 2 else ""
        if kind == "nosuchfunction":
            return self._error(call, "Script error: The function you specified did not exist.")
        if kind == "notafunction":
            return self._error(call, f'Script error: "{function}" is not a function.')
        if kind == "notable":
            return self._error(call, "Script error: The module did not return a table.")
        return self._error(call, lua_error_text(message))

    def _measure(self) -> None:
        used = self.engine.lua.get_memory_used() - self._base_memory
        self.peak_memory = max(self.peak_memory, used)
        if used - self._after_collection > self.limits.memory_bytes // 4:
            # Lua 5.1 has no emergency collection: a page of many invokes could reach the
            # limit with garbage alone, so collect between invokes each time a quarter of
            # the limit has been allocated since the last collection.
            self.engine.collect()
            self._after_collection = self.engine.lua.get_memory_used() - self._base_memory

    def _error(self, call: Call, text: str) -> str:
        call.diagnose("script-error", text, "error")
        shown = html.escape(text, quote=False)
        return f'<strong class="error"><span class="scribunto-error">{shown}</span></strong>'

    def frame_id(self, frame: Frame, parent: int | None) -> int:
        """The number Lua knows ``frame`` by (frames are registered once per page)."""
        index = self._frame_ids.get(id(frame))
        if index is not None and self.frames[index][0] is frame:
            return index
        self.frames.append((frame, parent))
        self._frame_ids[id(frame)] = len(self.frames) - 1
        return len(self.frames) - 1

    def _frame(self, frame_id: object) -> Frame:
        index = int(frame_id) if isinstance(frame_id, (int, float)) else -1
        if not 0 <= index < len(self.frames):
            raise ScriptError("frame is no longer valid")
        return self.frames[index][0]

    @property
    def _expander(self) -> Expander:
        if self.expander is None:
            raise ScriptError("no page is being expanded")
        return self.expander

    def _table(self, value: object) -> Any:
        return to_lua(value, self.engine.lua)

    # --- frame functions ----------------------------------------------------------------

    def host_getArg(self, frame_id: object, name: object) -> str | None:
        frame = self._frame(frame_id)
        return self._expander.argument(frame, to_text(name))

    def host_argNames(self, frame_id: object) -> Any:
        return self._table(list(self._frame(frame_id).args))

    def host_parentFrame(self, frame_id: object) -> int | None:
        # A module frame's parent is the calling template (or the page), which has no
        # parent in Scribunto's view (-1); a child frame's parent is the frame it came from.
        self._frame(frame_id)
        frame, parent = self.frames[int(frame_id)]  # type: ignore[call-overload]
        if parent is not None:
            return parent if parent >= 0 else None
        if frame.parent is None:
            return None
        return self.frame_id(frame.parent, -1)

    def host_frameTitle(self, frame_id: object) -> str:
        frame = self._frame(frame_id)
        return frame.title.full if frame.title is not None else self._expander.page.full

    def host_preprocess(self, frame_id: object, text: object) -> str:
        frame = self._frame(frame_id)
        source = to_text(text)
        tree = scan(source, for_inclusion=frame.parent is not None)
        return self._expander.expand_nodes(source, tree.children, tree.start, tree.end, frame)

    def host_expandTemplate(self, frame_id: object, title: object, args: Any) -> str:
        frame = self._frame(frame_id)
        values = {to_text(pair[1]): to_text(pair[2]) for pair in args.values()}
        result = self._expander.expand_template(to_text(title), values, frame)
        if result is None:
            raise ScriptError(f"frame:expandTemplate: invalid title '{to_text(title)}'")
        return result

    def host_callParserFunction(self, frame_id: object, name: object, args: Any) -> str:
        frame = self._frame(frame_id)
        expander = self._expander
        pairs = [(to_text(p[1]), to_text(p[2])) for p in args.values()]
        fname = to_text(name)
        colon = fname.find(":")
        if colon > 0:
            pairs.insert(0, ("", fname[colon + 1 :].strip()))
            fname = fname[:colon]
        function = _lookup(expander.functions, fname)
        if function is None:
            function = _lookup(expander.functions, fname.removeprefix("#"))
        if function is None:
            if not pairs:
                variable = _lookup(expander.variables, fname)
                if variable is not None:
                    return str(variable(Call(expander, frame)))
            raise ScriptError(f'callParserFunction: function "{fname}" was not found')
        first = pairs[0][1] if pairs and not pairs[0][0] else ""
        rest = pairs[1:] if pairs and not pairs[0][0] else pairs
        arguments = [_text_arg(expander, frame, key, value) for key, value in rest]
        return str(function(Call(expander, frame), first.strip(), arguments))

    def host_newChild(self, frame_id: object, title: object, args: Any) -> int:
        frame = self._frame(frame_id)
        expander = self._expander
        page = frame.title
        if title:
            page = make_title(to_text(title), 0, expander.site)
            if page is None:
                raise ScriptError("frame:newChild: invalid title")
        values: dict[str, tuple[str, list[Any], int, int, bool]] = {}
        for pair in args.values():
            value = to_text(pair[2])
            values[to_text(pair[1])] = (value, [], 0, len(value), False)
        child = Frame(frame, page, values)
        if len(self.frames) > 1000:
            raise ScriptError("frame:newChild: too many frames")
        self.frames.append((child, int(frame_id)))  # type: ignore[call-overload]
        return len(self.frames) - 1

    # --- pages of the source ------------------------------------------------------------

    def host_moduleSource(self, name: object) -> tuple[str | None, str | None]:
        expander = self._expander
        title = make_title(to_text(name), 0, expander.site)
        if title is None or title.namespace != 828:
            return None, None
        source = expander.fetch(title.canonical)
        if source is None:
            return None, None
        return title.full, source

    def host_jsonPage(self, name: object) -> str | None:
        expander = self._expander
        title = make_title(to_text(name), 0, expander.site)
        if title is None or not title.text.endswith(".json") or title.namespace not in (2, 8, 828):
            return None
        return expander.fetch(title.canonical)

    def host_pageContent(self, name: object) -> str | None:
        expander = self._expander
        title = make_title(to_text(name), 0, expander.site)
        if title is None or title.namespace in self.nonincludable:
            return None
        return expander.fetch(title.canonical)

    # --- JSON and strip markers -----------------------------------------------------------

    def host_jsonDecode(self, text: object, flags: object) -> Any:
        try:
            value = json.loads(to_text(text))
        except (ValueError, RecursionError) as error:
            raise ScriptError(f"mw.text.jsonDecode: {error}") from None
        preserve = int(flags or 0) & 2  # type: ignore[call-overload]
        return self._to_lua(value, bool(preserve))

    def _to_lua(self, value: object, preserve_keys: bool) -> Any:
        lua = self.engine.lua
        if isinstance(value, list):
            return lua.table_from(
                {i + 1: self._to_lua(v, preserve_keys) for i, v in enumerate(value)}
            )
        if isinstance(value, dict):
            out = {}
            for key, v in value.items():
                k: object = key
                if not preserve_keys and re.fullmatch(r"-?[1-9][0-9]*|0", key):
                    k = int(key)
                out[to_lua(k)] = self._to_lua(v, preserve_keys)
            return lua.table_from(out)
        return to_lua(value)

    def host_jsonEncode(self, value: object, flags: object) -> str:
        pretty = int(flags or 0) & 1  # type: ignore[call-overload]
        try:
            data = _from_lua(value, 0)
        except ValueError as error:
            raise ScriptError(f"mw.text.jsonEncode: {error}") from None
        if pretty:
            return json.dumps(data, ensure_ascii=False, indent=4)
        return json.dumps(data, ensure_ascii=False, separators=(",", ":"))

    def host_unstrip(self, text: object, mode: object) -> str:
        expander = self._expander
        which = to_text(mode)

        def replace(m: re.Match[str]) -> str:
            if which == "kill":
                return ""
            if m.group(1) != "nowiki":
                return "" if which == "all" else m.group(0)
            content = expander.unstrip(m.group(0))
            inner = re.sub(r"^<nowiki[^>]*>|</nowiki\s*>$", "", content, flags=re.IGNORECASE)
            return re.sub(r"[\[\]{}|]", lambda c: f"&#{ord(c.group(0))};", inner)

        return _MARKER.sub(replace, to_text(text))

    # --- mw.title, mw.site, mw.language and the rest ------------------------------------------

    def host_log(self, text: object) -> None:
        self.logs.append(to_text(text))

    def host_hash(self, algorithm: object, value: object) -> str:
        name = to_text(algorithm).lower()
        data = value if isinstance(value, bytes) else to_text(value).encode("utf-8")
        if name in ("crc32", "crc32b"):
            return f"{zlib.crc32(data) & 0xFFFFFFFF:08x}"
        if name == "adler32":
            return f"{zlib.adler32(data) & 0xFFFFFFFF:08x}"
        if name not in hashlib.algorithms_available:
            raise ScriptError(
                f"bad argument #1 to 'hashValue' (invalid hash algorithm '{to_text(algorithm)}')"
            )
        return hashlib.new(name, data).hexdigest()

    def host_currentTitle(self) -> str:
        return self._expander.page.full

    def host_titleInfo(
        self, text: object, namespace: object, raw: object, interwiki: object = None
    ) -> Any:
        site = self._expander.site
        name, _, fragment = to_text(text).partition("#")
        fragment = _FRAGMENT_SPACES.sub(" ", fragment.replace("_", " ")).rstrip(" ")
        default = int(namespace) if isinstance(namespace, (int, float)) else 0
        prefix = to_text(interwiki) if interwiki else ""
        if raw:
            local = site.local.get(default)
            if local is None:
                return None
            name = f"{local}:{name}" if local else f":{name}"
        elif not prefix:
            head, colon, rest = name.partition(":")
            key = " ".join(head.replace("_", " ").split()).lower()
            if colon and key in self.interwiki and site.namespace(head) is None:
                prefix, name = key, rest
        if prefix:
            body = " ".join(name.replace("_", " ").split())
            if not body or prefix not in self.interwiki:
                return None
            return self._table(
                {
                    "namespace": 0,
                    "text": body,
                    "fragment": fragment,
                    "interwiki": prefix,
                    "nsText": "",
                    "interwikiUrl": self.interwiki[prefix],
                }
            )
        title = make_title(name, default, site)
        if title is None:
            return None
        return self._table(
            {
                "namespace": title.namespace,
                "text": title.text,
                "fragment": fragment,
                "interwiki": "",
                "nsText": title.prefix,
                "canonical": title.canonical,
            }
        )

    def host_titleExists(self, canonical: object) -> tuple[bool, int | None]:
        key = to_text(canonical)
        expander = self._expander
        if key == expander.page.canonical or expander.exists(key):
            return True, self._page_id(key)
        return False, None

    def _page_id(self, canonical: str) -> int:
        found = self.page_ids.get(canonical)
        if found is None:
            found = len(self.page_ids) + 1
            self.page_ids[canonical] = found
        return found

    def host_titleById(self, page_id: object) -> Any:
        for canonical, known in self.page_ids.items():
            if known == page_id:
                return self.host_titleInfo(canonical, 0, False)
        return None

    def host_siteInfo(self) -> Any:
        site = self._expander.site
        aliases: dict[int, list[str]] = {}
        for name, number in site.names.items():
            aliases.setdefault(number, []).append(name)
        namespaces = []
        for number, local in sorted(site.local.items()):
            canonical = CANONICAL_NAMESPACES.get(number, local)
            shown = {local.casefold(), canonical.casefold()}
            extra = [
                _alias_name(a) for a in sorted(aliases.get(number, [])) if a not in shown
            ]
            namespaces.append(
                {
                    "id": number,
                    "name": local,
                    "canonicalName": canonical,
                    "displayName": local,
                    "aliases": self._table(extra),
                    "hasSubpages": number in site.subpages,
                    "hasGenderDistinction": number in (2, 3),
                    "isCapitalized": number not in site.case_sensitive,
                    "isContent": number == 0,
                    "isIncludable": True,
                    "isMovable": number >= 0 and number not in (8, 9),
                    "isSubject": number < 0 or number % 2 == 0,
                    "isTalk": number >= 0 and number % 2 == 1,
                    "defaultContentModel": "Scribunto" if number == 828 else None,
                }
            )
        server = site.server
        return self._table(
            {
                "siteName": site.sitename,
                "server": server,
                "scriptPath": site.script.rsplit("/", 1)[0],
                "articlePath": site.article_path,
                "script": site.script,
                "currentVersion": "1.43.0 (wikibio)",
                "wikiId": site.sitename.lower().replace(" ", ""),
                "language": site.language,
                "namespaces": self._table([self._table(ns) for ns in namespaces]),
            }
        )

    def host_caseOp(self, operation: object, text: object) -> str:
        value = to_text(text)
        name = to_text(operation)
        if name == "lc":
            return value.lower()
        if name == "uc":
            return value.upper()
        if name == "lcfirst":
            return value[:1].lower() + value[1:]
        if name == "ucfirst":
            return ucfirst(value)
        return value.upper()  # caseFold: MediaWiki's English folding is upper case

    def host_plural(self, code: object, number: object, forms: Any) -> str:
        values = [to_text(v) for _, v in sorted(forms.items())]
        n = float(number) if isinstance(number, (int, float)) else 0.0
        index = _plural_index(to_text(code), n)
        return values[min(index, len(values) - 1)]

    def host_formatDate(self, fmt: object, date: object, local: object) -> tuple[bool, str]:
        expander = self._expander
        try:
            moment = (
                parse_date(to_text(date), expander.clock) if to_text(date) else expander.clock
            )
        except (ValueError, TimeError) as error:
            return False, str(error) or "invalid date"
        text, _ = format_date(to_text(fmt), moment)
        return True, text

    def host_languageNames(self) -> Any:
        return self._table({"en": "English"})

    def host_hashAlgorithms(self) -> Any:
        names = sorted({*hashlib.algorithms_guaranteed, "crc32b", "adler32"})
        return self._table(names)


def _plural_index(code: str, n: float) -> int:
    """CLDR plural form index for the languages wikibio knows (English rule otherwise)."""
    whole = n.is_integer()
    i = int(abs(n))
    if code in ("pl",):
        if i == 1 and whole:
            return 0
        if whole and 2 <= i % 10 <= 4 and not 12 <= i % 100 <= 14:
            return 1
        return 2
    if code in ("ru", "uk", "be", "sr", "hr", "bs"):
        if not whole:
            return 2
        if i % 10 == 1 and i % 100 != 11:
            return 0
        if 2 <= i % 10 <= 4 and not 12 <= i % 100 <= 14:
            return 1
        return 2
    if code in ("lv", "ltg"):
        if i % 10 == 0 or 11 <= i % 100 <= 19:
            return 0
        if i % 10 == 1 and i % 100 != 11:
            return 1
        return 2
    if code in ("fr", "pt-br"):
        return 0 if i <= 1 else 1
    if code in ("ja", "zh", "ko", "vi", "th", "id"):
        return 0
    return 0 if n == 1 else 1


def _alias_name(key: str) -> str:
    """A case-folded alias key as a name: each word capitalised (``wp`` stays upper)."""
    return key.upper() if len(key) <= 3 else key[:1].upper() + key[1:]


def _lookup(table: Mapping[str, tuple[Any, bool]], name: str) -> Any:
    entry = table.get(name)
    if entry is not None and entry[1]:
        return entry[0]
    entry = table.get(name.lower())
    if entry is not None and not entry[1]:
        return entry[0]
    return None


def _text_arg(expander: Expander, frame: Frame, name: str, value: str) -> Arg:
    """A parser-function argument from ready-made strings (``callParserFunction``)."""
    text = f"{name}={value}" if name else value
    part = Part(0)
    part.end = len(text)
    if name:
        part.eq = len(name)
    return Arg(expander, frame, text, part)


def _from_lua(value: object, depth: int) -> object:
    if depth > 100:
        raise ValueError("the value nests too deep")
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    if value is None or isinstance(value, (str, bool, int)):
        return value
    if isinstance(value, float):
        if math.isnan(value) or math.isinf(value):
            raise ValueError("cannot encode NaN or infinity")
        return int(value) if value.is_integer() and abs(value) < 2**53 else value
    items = getattr(value, "items", None)
    if items is None:
        raise ValueError(f"cannot encode a value of type {type(value).__name__}")
    pairs = list(items())
    keys = [k for k, _ in pairs]
    if all(isinstance(k, (int, float)) for k in keys) and sorted(keys) == list(
        range(1, len(keys) + 1)
    ):
        return [_from_lua(v, depth + 1) for _, v in sorted(pairs, key=lambda kv: kv[0])]
    return {to_text(k): _from_lua(v, depth + 1) for k, v in pairs}


def _lua_error_text(error: BaseException) -> str:
    name = type(error).__name__
    if name == "LuaMemoryError" or "not enough memory" in str(error):
        return "not enough memory"
    return str(error)


def lua_error_text(message: str) -> str:
    """MediaWiki's text for a Lua error: ``Lua error in Module:X at line N: message.``"""
    m = _LOCATION.match(message)
    if m is not None and not m.group(1).startswith("["):
        return f"Lua error in {m.group(1)} at line {m.group(2)}: {_sentence(m.group(3))}"
    return f"Lua error: {_sentence(message)}"


def _sentence(message: str) -> str:
    return message if message.endswith(".") else f"{message}."
