"""What mw.ustring, mw.text and mw.html cost next to Lua's own byte string functions.

Each row runs one operation in the same lupa Lua 5.1 state twice: with ``mw.ustring``
(Python, code points, Unicode classes) and with Lua's ``string`` (C, bytes), on about
100 KB of real article wikitext — once an English article (ASCII almost throughout) and
once Latgalian text from the ltg dump (letters with diacritics everywhere) — and prints
the best of ``--repeat`` runs and the ratio.  The libraries are built as
``tests/scribunto_standalone.py`` builds them (no page, no sandbox), so the figures are
the libraries' own cost.

    .venv/bin/python benchmarks/bench_ustring.py [--repeat 5]
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT))

SIZE = 100_000
#: A Lua loop over the lines of `s`.
EACH = "local n = 0 for line in string.gmatch(s, '[^\\n]+') do"

#: (label, Lua body using `lib` (mw.ustring or string) and `s`, the 100 KB text).
OPERATIONS: list[tuple[str, str]] = [
    ("gsub(s, '%s+', ' ')", "return select(2, lib.gsub(s, '%s+', ' '))"),
    ("gsub(s, '%[%[(.-)%]%]', '%1')", "return select(2, lib.gsub(s, '%[%[(.-)%]%]', '%1'))"),
    ("gsub(s, '%a+', function)", "return select(2, lib.gsub(s, '%a+', function(w) return w end))"),
    ("find(s, 'no such text', 1, true)", "return lib.find(s, 'no such text', 1, true)"),
    (
        "for w in gmatch(s, '%a+')",
        "local n = 0 for w in lib.gmatch(s, '%a+') do n = n + 1 end return n",
    ),
    ("upper(s)", "return #lib.upper(s)"),
    (
        "len(line) x each line",
        f"{EACH} n = n + lib.len(line) end return n",
    ),
    (
        "sub(line, 2, 10) x each line",
        f"{EACH} n = n + #lib.sub(line, 2, 10) end return n",
    ),
    (
        "match(line, '^%s*(.-)%s*$') x each line",
        f"{EACH} n = n + #lib.match(line, '^%s*(.-)%s*$') end return n",
    ),
]

#: mw.text and mw.html rows (no byte-string counterpart).
LIBRARY_ROWS: list[tuple[str, str]] = [
    ("mw.text.split(s, '\\n')", "return #mw.text.split(s, '\\n')"),
    ("mw.text.split(s, '%s*,%s*')", "return #mw.text.split(s, '%s*,%s*')"),
    (
        "mw.text.trim(line) x each line",
        f"{EACH} n = n + #mw.text.trim(line) end return n",
    ),
    ("mw.text.nowiki(s)", "return #mw.text.nowiki(s)"),
    ("mw.text.encode(s)", "return #mw.text.encode(s)"),
    (
        "mw.html table, 1000 rows x 3 cells",
        """
        local t = mw.html.create('table'):addClass('wikitable')
        for i = 1, 1000 do
            local row = t:tag('tr')
            for j = 1, 3 do row:tag('td'):css('text-align', 'left'):wikitext(i * j) end
        end
        return #tostring(t)""",
    ),
]


def english_text() -> str:
    parts: list[str] = []
    for path in sorted((SHARED / "corpus").glob("*.wikitext")):
        parts.append(path.read_text("utf-8"))
        if sum(map(len, parts)) >= SIZE:
            break
    return "\n".join(parts)[:SIZE]


def latgalian_text() -> str:
    dump = (SHARED / "corpus" / "wikis" / "ltgwiki-pages-articles.xml").read_text("utf-8")
    texts = re.findall(r"<text[^>]*>(.*?)</text>", dump, flags=re.DOTALL)
    return "\n".join(t for t in texts if "ā" in t or "ē" in t or "ū" in t)[:SIZE]


def best(run: object, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()  # type: ignore[operator]
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    if not (SHARED / "corpus").exists():
        print(
            f"{SHARED / 'corpus'} is missing: the benchmark reads real article text",
            file=sys.stderr,
        )
        return 1
    from tests.scribunto_standalone import Standalone

    env = Standalone()
    lua = env.lua
    texts = {"English (ASCII)": english_text(), "Latgalian (non-ASCII)": latgalian_text()}
    for label, text in texts.items():
        data = text.encode("utf-8")
        non_ascii = sum(1 for c in text if ord(c) > 127)
        print(f"\n{label}: {len(data):,} bytes, {len(text):,} characters, {non_ascii:,} non-ASCII")
        print(f"{'operation':44} {'mw.ustring':>11} {'string':>9} {'ratio':>7}")
        for name, body in OPERATIONS:
            fn = lua.execute(f"return function(lib, s) {body} end".encode())
            ustring = lua.eval("mw.ustring")
            string = lua.eval("string")
            t_u = best(lambda fn=fn, u=ustring, d=data: fn(u, d), args.repeat)
            t_s = best(lambda fn=fn, s=string, d=data: fn(s, d), args.repeat)
            print(f"{name:44} {t_u * 1000:9.2f}ms {t_s * 1000:7.2f}ms {t_u / t_s:6.1f}x")
        for name, body in LIBRARY_ROWS:
            fn = lua.execute(f"return function(s) {body} end".encode())
            t = best(lambda fn=fn, d=data: fn(d), args.repeat)
            print(f"{name:44} {t * 1000:9.2f}ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
