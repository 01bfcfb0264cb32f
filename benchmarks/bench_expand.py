"""Expansion-speed benchmark: ``wikibio.expand`` on large outputs and on a whole wiki.

Run from the project root::

    .venv/bin/python benchmarks/bench_expand.py [--repeat N]

Rows (best of ``--repeat`` wall-clock runs, ``time.perf_counter``; the 2 MB page also
in CPU time, ``time.process_time``, which other processes on a shared machine do not
stretch):

* ``2 MB of small calls``: a page of 40,000 calls of a two-level template with
  arguments (``{{row|…}}`` → a table row using ``#if`` and ``{{{…}}}``), about 2 MB expanded;
  then the time of scanning that page alone (``syntax.scan``, part of the total) and the
  same page with 10,000, 20,000 and 40,000 calls (time per call: linear in output size);
* ``2 MB from one argument``: one call whose argument (2 MB) is used once;
* ``bomb``: 20 levels each calling the next twice (stopped by the post-expand size limit);
* ``ltgwiki``: every article of ``../shared/corpus/wikis/ltgwiki-pages-articles.xml``
  expanded with the dump as its template source (skipped when the corpus is absent).

The issue's target: a 2 MB expanded page expands in under a second.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from pathlib import Path

import wikibio
from wikibio.expand import expand_with_diagnostics
from wikibio.syntax.scan import scan

ROOT = Path(__file__).resolve().parents[1]
LTG = ROOT.parent / "shared" / "corpus" / "wikis" / "ltgwiki-pages-articles.xml"

ROW = {
    "Template:Row": "|-\n| {{{1}}} || {{#if:{{{2|}}}|{{Cell|{{{2}}}}}|-}} || {{{name|x}}}\n",
    "Template:Cell": "<b>{{{1}}}</b>",
}


def _best(run: Callable[[], object], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - start)
    return best


def _best_cpu(run: Callable[[], object], repeat: int) -> float:
    """Best CPU time of the process (``time.process_time``): on a shared machine other
    processes' load stretches wall time, not this."""
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        run()
        best = min(best, time.process_time() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    page = "{|\n" + "".join(f"{{{{Row|{i}|v{i}|name=n{i}}}}}\n" for i in range(40_000)) + "|}"
    out = wikibio.expand(page, templates=ROW)
    seconds = _best(lambda: wikibio.expand(page, templates=ROW), args.repeat)
    cpu = _best_cpu(lambda: wikibio.expand(page, templates=ROW), args.repeat)
    print(
        f"2 MB of small calls: {len(out.encode()) / 1e6:.2f} MB out in {seconds:.3f} s "
        f"({cpu:.3f} s of CPU)"
    )
    scanned = _best_cpu(lambda: scan(page), args.repeat)
    print(
        f"  of which scanning the page ({len(page) / 1e6:.2f} MB): {scanned:.3f} s of CPU; "
        f"the expansion itself {cpu - scanned:.3f} s"
    )
    for size in (10_000, 20_000, 40_000):
        part = "{|\n" + "".join(f"{{{{Row|{i}|v{i}|name=n{i}}}}}\n" for i in range(size)) + "|}"
        taken = _best(lambda part=part: wikibio.expand(part, templates=ROW), args.repeat)
        print(f"  linear: {size:,} calls in {taken:.3f} s ({taken / size * 1e6:.1f} µs a call)")

    big = "{{1x|" + "word " * 400_000 + "}}"
    one = {"Template:1x": "{{{1}}}"}
    seconds = _best(lambda: wikibio.expand(big, templates=one), args.repeat)
    print(f"2 MB from one argument: {len(big) / 1e6:.2f} MB in {seconds:.3f} s")

    bomb = {f"Template:B{i}": f"{{{{B{i + 1}}}}}{{{{B{i + 1}|x}}}}" for i in range(20)}
    bomb["Template:B20"] = "0123456789" * 10
    seconds = _best(lambda: expand_with_diagnostics("{{B0}}", templates=bomb), args.repeat)
    print(f"bomb (2^20 leaves, stopped by the size limit): {seconds:.3f} s")

    if LTG.exists():
        from wikibio.dumps import open_dump, read_pages

        source = wikibio.sources.from_dump(LTG, index=Path("/tmp") / "bench-ltg.sqlite")
        with open_dump(LTG) as stream:
            pages = [p for p in read_pages(stream) if p.ns == 0 and p.redirect is None]

        def whole_wiki() -> None:
            for p in pages:
                wikibio.expand(p.text, title=p.title, templates=source)

        seconds = _best(whole_wiki, args.repeat)
        print(f"ltgwiki: {len(pages)} articles in {seconds:.3f} s")
    else:
        print(f"ltgwiki: skipped ({LTG} is absent)")


if __name__ == "__main__":
    main()
