"""Lua modules: ``{{#invoke:}}`` run by a Scribunto-compatible runtime on lupa (Lua 5.1).

This package is the layer directly above ``wikibio.expand``: it fills the expander's
``InvokeHook`` with a sandboxed Lua 5.1 interpreter (lupa's ``lupa.lua51``, the optional
``lua`` extra) and the ``mw`` libraries, written from Scribunto's reference manual.

The library contract
--------------------

The runtime (``runtime.py``) owns the interpreter, the sandbox, the limits, ``mw`` base,
the frame, ``require``/``mw.loadData``, ``mw.title``, ``mw.site``, ``mw.language``,
``mw.uri``, ``mw.message``, ``mw.hash``, ``libraryUtil`` and ``bit32``.  Other libraries
plug in through two kinds of files, found by name:

* ``lua/<name>.lua`` (package data, shipped in the wheel) — a Lua 5.1 chunk that
  *returns a function* ``function(mw, py, rt)`` which builds and returns the library
  table.  ``<name>`` is the library's full name: ``mw.text``, ``mw.html``, ``mw.ustring``.
  The chunk is compiled once per process; the function is called once per page (each
  page gets fresh tables, so it must be cheap), after ``mw`` base and ``mw.ustring``
  exist and before the module runs.  ``mw`` is the page's ``mw`` table (``mw.ustring``
  is already set when ``mw.text``/``mw.html`` are built; ``mw.text`` when ``mw.html``
  is built).  The order is ``mw.ustring``, ``mw.text``, ``mw.html``.
* ``<name without "mw.">.py`` beside this file (``ustring.py``, ``text.py``,
  ``html.py``; optional) — a Python module with
  ``register(lua: lupa.lua51.LuaRuntime) -> lupa table``, called once per process; the
  table it returns is the ``py`` argument of the Lua chunk of the same library.  When a
  library has a Python module but no Lua chunk (``ustring.py`` alone), the ``register``
  table *is* the library.

Strings cross the boundary as lupa passes them with ``encoding=None``: a Lua string
reaches Python as ``bytes`` (accept ``str`` too, e.g. with ``runtime.to_text``); Python
must return ``bytes`` (UTF-8; a ``str`` would reach Lua as userdata — ``runtime.to_lua``
converts strings, lists and dicts).  Never return a Python list, dict or object to Lua (lupa would
expose it as userdata that a module could walk): build tables with ``lua.table(...)``
or ``lua.table_from(...)``.  Lua errors raised from Python: raise
``LuaError`` subclasses are not needed — raise ``ValueError("bad argument #1 to
'len' (string expected, got nil)")``; the runtime's wrapper turns a Python exception
into a Lua ``error`` with that message (level 2, so Scribunto's text appears).

``rt`` (the third argument) holds the runtime's helpers for the libraries, all plain
Lua functions:

* ``rt.unstrip(s)``, ``rt.unstripNoWiki(s)``, ``rt.killMarkers(s)`` — the page's strip
  markers (``mw.text.unstrip`` etc.);
* ``rt.jsonEncode(value, flags)``, ``rt.jsonDecode(s, flags)`` — JSON as
  ``mw.text.jsonEncode``/``jsonDecode`` need it (flags: ``mw.text.JSON_*`` numbers);
* ``rt.checkType``, ``rt.checkTypeMulti`` — ``libraryUtil``'s argument checks.

Until a library's files exist the runtime uses a small stub (``ustring``: byte-based
``string`` functions), so modules still run.

Public names
------------

``expand``/``expand_with_diagnostics`` (the facade's ``wikibio.expand``): the expander
with the Lua runtime when lupa is installed, else with a hook whose "Script error" and
diagnostic say to install the ``lua`` extra.  ``LuaEngine`` is the process's runtime.
"""

from __future__ import annotations

from wikibio.scribunto.api import expand, expand_with_diagnostics, invoke_hook
from wikibio.scribunto.runtime import Limits, LuaEngine, PageSession, available

__all__ = [
    "Limits",
    "LuaEngine",
    "PageSession",
    "available",
    "expand",
    "expand_with_diagnostics",
    "invoke_hook",
]
