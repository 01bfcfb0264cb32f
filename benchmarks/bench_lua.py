"""Lua-module benchmark: expansion with and without ``#invoke``, per-page CPU and memory.

Run from the project root (needs the ``lua`` extra)::

    .venv/bin/python benchmarks/bench_lua.py [--repeat N]

Rows (best of ``--repeat`` runs):

* ``engine start``: the one-time cost of a thread's ``LuaEngine`` (interpreter, runtime
  and libraries compiled); every later page reuses it;
* ``ltgwiki without modules`` / ``with modules``: every article of
  ``../shared/corpus/wikis/ltgwiki-pages-articles.xml`` expanded with the dump as its
  source, ``#invoke`` off (the expander's plain "Script error") and on; MB/s of article
  wikitext;
* ``infobox page``: one page of 200 calls of the wiki's ``Module:Infobox`` (through
  ``Taiss:Infoskreine``, 20 rows each) and 2,000 ``Module:String`` calls; MB/s of page
  wikitext and the page's Lua CPU and memory;
* per-page peaks over the wiki: the most CPU one article's expansion took (Lua and
  Python together, ``time.process_time``) and the most Lua memory one page held
  (``PageSession.peak_memory``, bytes above the libraries).
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from pathlib import Path

from wikibio.dumps import open_dump, read_pages
from wikibio.expand import Arg, Call
from wikibio.expand import expand_with_diagnostics as expand_plain
from wikibio.scribunto import LuaEngine, PageSession, available, expand_with_diagnostics
from wikibio.sources import from_dump

ROOT = Path(__file__).resolve().parents[1]
LTG = ROOT.parent / "shared" / "corpus" / "wikis" / "ltgwiki-pages-articles.xml"


def _best(run: Callable[[], object], repeat: int) -> tuple[float, float]:
    """The best wall-clock and the best CPU seconds of ``repeat`` runs (the machine is
    shared: CPU time is the steadier figure)."""
    wall = cpu = float("inf")
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        run()
        wall = min(wall, time.perf_counter() - start)
        cpu = min(cpu, time.process_time() - start_cpu)
    return wall, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    if not available():
        raise SystemExit("bench_lua needs lupa: pip install 'wikibio[lua]'")
    if not LTG.exists():
        raise SystemExit(f"{LTG} is absent")

    start = time.perf_counter()
    LuaEngine()
    print(f"engine start (once per thread): {time.perf_counter() - start:.3f} s")

    source = from_dump(LTG, index=ROOT / "build" / "bench-ltg.sqlite")
    with open_dump(LTG) as stream:
        pages = [
            (p.title, p.text) for p in read_pages(stream) if p.ns == 0 and p.redirect is None
        ]
    size = sum(len(text.encode()) for _, text in pages) / 1e6

    def plain() -> None:
        for title, text in pages:
            expand_plain(text, title=title, templates=source)

    def lua() -> None:
        for title, text in pages:
            expand_with_diagnostics(text, title=title, templates=source)

    lua()  # warm the engine and the source's caches
    for label, run in (("without modules", plain), ("with modules", lua)):
        seconds, cpu = _best(run, args.repeat)
        print(
            f"ltgwiki {label}: {len(pages)} articles, {size:.2f} MB in {seconds:.2f} s "
            f"= {size / seconds:.2f} MB/s (CPU {cpu:.2f} s = {size / cpu:.2f} MB/s)"
        )

    cpu_peak = ("", 0.0)
    memory_peak = ("", 0)
    invokes = 0
    for title, text in pages:
        session = LuaEngine.shared().page()

        def counted(
            call: Call,
            module: str,
            function: str,
            argv: list[Arg],
            session: PageSession = session,
        ) -> str:
            nonlocal invokes
            invokes += 1
            return session.invoke(call, module, function, argv)

        started = time.process_time()
        expand_with_diagnostics(text, title=title, templates=source, invoke=counted)
        spent = time.process_time() - started
        if spent > cpu_peak[1]:
            cpu_peak = (title, spent)
        if session.peak_memory > memory_peak[1]:
            memory_peak = (title, session.peak_memory)
    print(f"ltgwiki #invoke calls: {invokes}")
    print(f"per-page CPU peak: {cpu_peak[1] * 1000:.1f} ms ({cpu_peak[0]})")
    print(f"per-page Lua memory peak: {memory_peak[1] / 1024:.0f} KiB ({memory_peak[0]})")

    rows = "".join(f"|label{i}=Label {i}|data{i}=Value {i}" for i in range(1, 21))
    page = "\n".join(f"{{{{Infoskreine|title=Box {n}{rows}}}}}" for n in range(200))
    page += "\n" + "\n".join(
        f"{{{{#invoke:String|sub|some text number {n}|2|9}}}}" for n in range(2000)
    )
    page_size = len(page.encode()) / 1e6
    session = LuaEngine.shared().page()
    started = time.process_time()
    result = expand_with_diagnostics(page, templates=source, invoke=session.invoke)
    cpu = time.process_time() - started
    seconds, best_cpu = _best(
        lambda: expand_with_diagnostics(page, templates=source), args.repeat
    )
    assert not result.diagnostics, result.diagnostics[:3]
    print(
        f"infobox page (200 infoboxes x 20 rows, 2,000 String calls): {page_size:.2f} MB in "
        f"{seconds:.2f} s = {page_size / seconds:.2f} MB/s (CPU {best_cpu:.2f} s); "
        f"{len(result.text) / 1e6:.2f} MB out; first run CPU {cpu:.2f} s; "
        f"Lua memory peak {session.peak_memory / 1024:.0f} KiB"
    )


if __name__ == "__main__":
    main()
