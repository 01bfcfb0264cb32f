"""The Lua runtime: ``{{#invoke:}}`` through ``wikibio.expand``, its frame, its sandbox.

The modules here are small real-world shapes (``frame.args``, ``getParent``, ``require``,
``mw.loadData``) and hostile ones (an endless loop, a memory bomb, deep recursion, a
module that tries to leave the sandbox): each must end at a limit with MediaWiki's
"Lua error" text and a diagnostic while the rest of the page still expands.
"""

from __future__ import annotations

import datetime

import pytest

import wikibio
from wikibio.scribunto import Limits, available, expand_with_diagnostics

pytestmark = pytest.mark.skipif(
    not available(), reason="the Lua runtime needs lupa: pip install 'wikibio[lua]'"
)

CLOCK = datetime.datetime(2024, 5, 6, 7, 8, 9, tzinfo=datetime.UTC)

MODULES = {
    "Module:Hello": "return { hello = function() return 'Hello' end }",
    "Module:Args": """
local p = {}
function p.show(frame)
    local out = {}
    for k, v in pairs(frame.args) do out[#out + 1] = tostring(k) .. '=' .. v end
    table.sort(out)
    return table.concat(out, ';')
end
function p.parent(frame)
    return frame:getParent().args.who or 'nobody'
end
function p.count(frame)
    local n = 0
    for _ in ipairs(frame.args) do n = n + 1 end
    return n
end
function p.title(frame)
    return frame:getTitle() .. '/' .. frame:getParent():getTitle()
end
function p.child(frame)
    local c = frame:newChild{ title = 'Child', args = { 'a', k = 'v' } }
    return c.args[1] .. c.args.k .. c:getTitle()
end
function p.tag(frame)
    return frame:extensionTag('ref', 'body', { name = 'n' })
end
function p.fn(frame)
    return frame:callParserFunction('#if', 'x', 'yes', 'no')
        .. frame:callParserFunction{ name = 'uc', args = { 'abc' } }
end
return p
""",
    "Template:Calls": "{{#invoke:Args|parent}}",
    "Module:Uses": "local lib = require('Module:Lib') "
    "return { f = function() return lib.twice('ab') end }",
    "Module:Lib": "return { twice = function(s) return s .. s end }",
    "Module:Data": "return { f = function() local d = mw.loadData('Module:Table') "
    "local ok = pcall(function() d.x = 1 end) return d.name .. tostring(ok) end }",
    "Module:Table": "return { name = 'data' }",
    "Module:Json": "return { f = function() return mw.loadJsonData('Module:T.json').a[2] end }",
    "Module:T.json": '{"a": ["x", "y"]}',
    "Module:Bad": "local p = {}\nfunction p.f()\n    error('boom')\nend\nreturn p",
    "Module:Global": "return { set = function() leaked = 'yes' mw.leak = 'yes' return '' end, "
    "get = function() return tostring(leaked) .. tostring(mw.leak) end }",
    "Module:Loop": "return { f = function() while true do end end }",
    "Module:CatchLoop": "return { f = function() "
    "while true do pcall(function() while true do end end) end end }",
    "Module:Rep": "return { f = function() return string.rep('x', 1e9) end }",
    "Module:Tables": "return { f = function() "
    "local t = {} for i = 1, 1e9 do t[i] = { i } end end }",
    "Module:Deep": "local function r(n) return r(n + 1) + 1 end "
    "return { f = function() return r(1) end }",
    "Module:Self": "return { f = function(frame) "
    "return 'x' .. frame:preprocess('{{#invoke:Self|f}}') end }",
    "Module:Ok": "return { f = function(frame) return 'ok' .. (frame.args[1] or '') end }",
    "Module:Time": "return { f = function() "
    "return mw.getContentLanguage():formatDate('Y-m-d') end }",
    "Module:Title": "return { f = function() local t = mw.title.new('Template:Calls') "
    "return t.nsText .. '|' .. tostring(t.exists) .. '|' "
    ".. tostring(mw.title.new('Nope').exists) end }",
    "Module:Wikibase": "return { f = function() return tostring(mw.wikibase) end }",
}


def run(text: str, limits: Limits | None = None) -> tuple[str, list[str]]:
    result = expand_with_diagnostics(
        text, title="Page", templates=MODULES, clock=CLOCK, limits=limits
    )
    return result.text, [d.code for d in result.diagnostics]


CASES = [
    ("a function's string", "{{#invoke:Hello|hello}}", "Hello"),
    ("numbered and named args", "{{#invoke:Args|show| a |k = v }}", "1= a ;k=v"),
    ("ipairs stops at the first gap", "{{#invoke:Args|count|a|b|4=d}}", "2"),
    ("the parent frame's args", "{{Calls|who=me}}", "me"),
    ("frame titles", "{{#invoke:Args|title}}", "Module:Args/Page"),
    ("newChild", "{{#invoke:Args|child}}", "avChild"),
    ("callParserFunction", "{{#invoke:Args|fn}}", "yesABC"),
    ("require", "{{#invoke:Uses|f}}", "abab"),
    ("loadData is read-only", "{{#invoke:Data|f}}", "datafalse"),
    ("loadJsonData", "{{#invoke:Json|f}}", "y"),
    ("formatDate reads the clock", "{{#invoke:Time|f}}", "2024-05-06"),
    ("mw.title against the source", "{{#invoke:Title|f}}", "Template|true|false"),
    ("no Wikibase: nil, no crash", "{{#invoke:Wikibase|f}}", "nil"),
]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_invoke(text: str, expected: str) -> None:
    """A module's return value is the call's expansion."""
    assert (expected, []) == run(text)


def test_the_facade_runs_modules() -> None:
    """``wikibio.expand`` (API.md) runs Lua modules when lupa is installed."""
    assert "Hello!" == wikibio.expand("{{#invoke:Hello|hello}}!", templates=MODULES)


def test_extension_tags_from_modules_come_back_as_written() -> None:
    """``frame:extensionTag`` makes a strip marker; the page shows the tag."""
    assert ('<ref name="n">body</ref>', []) == run("{{#invoke:Args|tag}}")


def test_a_lua_error_reads_as_mediawiki_shows_it() -> None:
    """"Lua error in Module:X at line N: message." inside the script-error markup."""
    text, codes = run("{{#invoke:Bad|f}}")
    assert "Lua error in Module:Bad at line 3: boom." in text
    assert 'class="scribunto-error"' in text
    assert ["script-error"] == codes


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{{#invoke:Hello|nothing}}", "Script error: The function you specified did not exist."),
        ("{{#invoke:Nowhere|f}}", 'Script error: No such module "Nowhere".'),
    ],
)
def test_missing_functions_and_modules(text: str, message: str) -> None:
    """A missing function or module is a script error, as MediaWiki shows it."""
    shown, codes = run(text)
    assert message in shown
    assert ["script-error"] == codes


def test_pages_are_isolated() -> None:
    """Globals and ``mw`` fields a module sets do not reach the next page, nor the next
    ``#invoke`` of the same page (Scribunto's invoke isolation)."""
    assert ("nilyes", []) == run("{{#invoke:Global|set}}{{#invoke:Global|get}}")
    assert ("nilnil", []) == run("{{#invoke:Global|get}}")


ESCAPES = [
    "os.execute",
    "io",
    "loadstring",
    "load",
    "dofile",
    "string.dump",
    "python",
    "debug.getinfo",
    "package.loadlib",
    "os.getenv",
    "collectgarbage('collect')",
]


@pytest.mark.parametrize("name", ESCAPES)
def test_the_sandbox_has_no_way_out(name: str) -> None:
    """No file, process, environment, bytecode or Python access from a module."""
    module = f"return {{ f = function() local v = {name} return tostring(v) end }}"
    result = expand_with_diagnostics(
        "{{#invoke:Escape|f}}", templates={"Module:Escape": module}, clock=CLOCK
    )
    assert result.text in ("nil", "0") or "Lua error" in result.text


def test_python_objects_are_out_of_reach() -> None:
    """A library function is a Lua function: no attribute leads back to Python."""
    module = (
        "return { f = function() local ok = pcall(function() return mw.ustring.len.__class__ end) "
        "return tostring(ok) .. type(mw.ustring.len) end }"
    )
    result = expand_with_diagnostics("{{#invoke:P|f}}", templates={"Module:P": module})
    assert "falsefunction" == result.text


def test_getfenv_does_not_reach_the_interpreter() -> None:
    """``getfenv(0)`` is refused, as in Scribunto."""
    module = "return { f = function() return select(2, pcall(getfenv, 0)) end }"
    result = expand_with_diagnostics("{{#invoke:G|f}}", templates={"Module:G": module})
    assert "cannot get the global environment" in result.text


HOSTILE = [
    ("an endless loop", "Loop", "The time allocated for running scripts has expired."),
    ("a loop that catches the timeout", "CatchLoop", "The time allocated for running scripts"),
    ("string.rep of 1e9", "Rep", "not enough memory"),
    ("a table bomb", "Tables", "not enough memory"),
    ("deep recursion", "Deep", "stack overflow"),
    ("a module calling itself", "Self", "C stack overflow"),
]


@pytest.mark.parametrize(
    ("module", "message"), [h[1:] for h in HOSTILE], ids=[h[0] for h in HOSTILE]
)
def test_hostile_modules_end_at_a_limit(module: str, message: str) -> None:
    """The module ends with MediaWiki's error text; the text around it still expands."""
    limits = Limits(cpu_seconds=0.5, memory_bytes=20 * 1024 * 1024)
    text, codes = run(f"before {{{{#invoke:{module}|f}}}} after {{{{1x|z}}}}", limits)
    assert text.startswith("before ")
    assert message in text
    assert text.endswith(" after {{1x|z}}") or text.endswith(" after [[:Template:1x]]")
    assert "script-error" in codes


def test_memory_is_freed_for_the_next_call() -> None:
    """After a memory error the page's other modules still run."""
    limits = Limits(memory_bytes=20 * 1024 * 1024)
    text, _ = run("{{#invoke:Rep|f}}/{{#invoke:Ok|f|!}}", limits)
    assert text.endswith("/ok!")


def test_without_lupa_the_script_error_says_what_to_install(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """No lupa: "Script error" and a diagnostic naming the ``lua`` extra."""
    import wikibio.scribunto.api as api

    monkeypatch.setattr(api, "available", lambda: False)
    result = api.expand_with_diagnostics("{{#invoke:Hello|hello}}", templates=MODULES)
    assert "Script error" in result.text
    assert "wikibio[lua]" in result.diagnostics[0].message
