"""How the cost of every view grows with adversarial input: the scaling table.

Each *shape* builds a page of about ``n`` repetitions of a crafted piece (nested
reference templates, unclosed external links, thousands of headings, long lists in a
field, deep XML); each *view* reads one part of the parsed page (``parse``, sections,
templates, infobox fields, references, ``to_text``).  A cell is timed (CPU time, best of
a few runs, the cyclic collector off as ``timeit`` does) and its peak Python memory
measured (``tracemalloc``) at ``n`` and ``4n``; a view's cost includes the parse (a
view's own cost alone is too small to time on most shapes).  The exponent
``log2(cost(4n) / cost(n)) / 2`` (per doubling) is 1 for a linear view and 2 for a
quadratic one.

``tests/test_scaling.py`` checks every cell against the budget (exponent at most
``log2(2.2)`` in time and memory, and a throughput floor); this script prints the
table, for the closing notes of performance work::

    .venv/bin/python benchmarks/scaling.py                  # every shape x view
    .venv/bin/python benchmarks/scaling.py --shape efn --view references
    .venv/bin/python benchmarks/scaling.py --timeout 20     # give up on a cell after 20 s

A cell that takes longer than ``--timeout`` seconds is reported as ``>T s`` (without an
exponent): on main before issue 14 several cells took minutes.  To measure another
version of the code, copy this file to ``benchmarks/`` beside that version's ``src/``.
"""

from __future__ import annotations

import argparse
import gc
import io
import math
import multiprocessing
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT / "src") not in sys.path:
    sys.path.insert(0, str(ROOT / "src"))

import wikibio  # noqa: E402
from wikibio import dumps  # noqa: E402


class Shape(NamedTuple):
    """An adversarial page of ``n`` repetitions, and the ``n`` the table starts at."""

    name: str
    build: Callable[[int], str]
    n: int
    #: The shape is XML for the dump reader, not wikitext (only the ``dump`` view reads it).
    xml: bool = False


def _nested(opening: str) -> Callable[[int], str]:
    return lambda n: opening * n + "x" + "}}" * n


def _in_field(piece: str) -> Callable[[int], str]:
    return lambda n: "{{Infobox person\n| name = " + piece * n + "\n| birth_date = 1 May 1900\n}}"


SHAPES: tuple[Shape, ...] = (
    Shape("efn", _nested("{{efn|"), 500),
    Shape("tag-ref", _nested("{{#tag:ref|"), 500),
    Shape("sfn", _nested("{{sfn|"), 500),
    Shape("r", _nested("{{r|"), 500),
    Shape("ext-heading", lambda n: "== " + "[http://a.b " * n + " ==", 1000),
    Shape("ext-field", _in_field("[http://a.b "), 1000),
    Shape("ext-ref", lambda n: "a<ref>" + "[http://a.b " * n + "</ref>\n<references/>", 1000),
    Shape("headings", lambda n: "".join(f"== H{i} ==\ntext {i}\n" for i in range(n)), 500),
    Shape(
        "ubl",
        lambda n: (
            "{{Infobox person\n| name = {{ubl|" + "|".join(f"a{i}" for i in range(n)) + "}}\n}}"
        ),
        400,
    ),
    Shape(
        "refs", lambda n: "".join(f"a<ref>r{i}</ref> " for i in range(n)) + "\n<references/>", 500
    ),
    Shape("brackets", lambda n: "[[" * n + "x" + "]]" * n, 1000),
    Shape("braces", lambda n: "{{" * n + "x", 1000),
    Shape("tables", lambda n: "{|\n|" * n + "x", 500),
    # <revision> outside <page>: the reader once looked for "page" in the whole open path.
    Shape(
        "xml-depth",
        lambda n: "<mediawiki>" + "<revision>" * n + "</revision>" * n + "</mediawiki>",
        2000,
        True,
    ),
)


def _fields(article: wikibio.Article) -> object:
    return [(f.text, f.items, f.date) for box in article.infoboxes for f in box.values()]


def _references(article: wikibio.Article) -> object:
    return [(r.text, r.citation) for r in article.references]


def _dump(xml: str) -> object:
    try:
        return list(dumps.read_pages(io.BytesIO(xml.encode())))
    except dumps.DumpError:
        return None


#: Views of a parsed page: each takes a fresh article (parse is timed on its own).
VIEWS: dict[str, Callable[[wikibio.Article], object]] = {
    "sections": lambda a: [(s.title, s.level) for s in a.sections],
    # Names and argument names: every argument's *value* of nested calls is quadratic output.
    "templates": lambda a: [(t.name, [x.name for x in t.arguments]) for t in a.templates],
    "fields": _fields,
    "references": _references,
    "to_text": lambda a: a.to_text(),
}
#: Every view name, in table order.
VIEW_NAMES: tuple[str, ...] = ("parse", *VIEWS, "dump")


def applies(shape: Shape, view: str) -> bool:
    """Whether ``view`` reads ``shape`` (the XML shape is read only by the dump reader)."""
    return (view == "dump") == shape.xml


def _runner(shape: Shape, view: str, n: int) -> Callable[[], object]:
    text = shape.build(n)

    def run() -> object:
        if view == "dump":
            return _dump(text)
        article = wikibio.parse(text)
        if view == "parse":
            return article
        return VIEWS[view](article)

    return run


def seconds(shape: Shape, view: str, n: int, *, repeat: int = 3) -> float:
    """CPU seconds of parse and view together at size ``n`` (best of ``repeat``)."""
    return _best(_runner(shape, view, n), repeat)


def peak(shape: Shape, view: str, n: int) -> int:
    """Peak bytes ``tracemalloc`` sees while parse and view run at size ``n``."""
    run = _runner(shape, view, n)
    gc.collect()
    tracemalloc.start()
    try:
        run()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def _best(run: Callable[[], object], repeat: int) -> float:
    """The best CPU time of ``repeat`` runs; over 0.3 s, two runs are enough.

    The first run at a size grows the heap (page faults, cold caches) and takes up to
    twice as long as the next (``ubl`` by ``fields`` at 25,600 items: 0.134 s, then 0.064 s
    with 5,105 and 613 minor faults).  Ending on it alone timed the larger size cold and
    the smaller warm, which showed a linear view as 1.1 to 1.28 per doubling whenever the
    larger size's first run passed 0.3 s.
    """
    best = math.inf
    for attempt in range(repeat):
        best = min(best, _timed(run))
        if best > 0.3 and attempt:
            break
    return best


def _best_in_turn(
    small: Callable[[], object], large: Callable[[], object], repeat: int
) -> tuple[float, float]:
    """The best CPU times of two runs timed in turn (small, large, small, large …), so that
    a drift of the machine's speed enters both alike: timed one size after the other, a
    slow stretch during the larger size alone reads as a superlinear view (``headings`` by
    ``sections`` read 1.15 per doubling in two full test runs and passed alone). Over
    0.3 s for the larger, two rounds are enough (see ``_best``)."""
    best_small = best_large = math.inf
    for attempt in range(repeat):
        best_small = min(best_small, _timed(small))
        best_large = min(best_large, _timed(large))
        if best_large > 0.3 and attempt:
            break
    return best_small, best_large


def _timed(run: Callable[[], object]) -> float:
    """CPU seconds of one run of ``run``."""
    # As timeit does: the cyclic collector off while timing (its full collections grow
    # with every object alive, an interpreter cost that made linear views look 1.3 per
    # doubling), and CPU time of this process (wall time swings with the load).
    gc.collect()
    gc.disable()
    try:
        start = time.process_time()
        run()
        return time.process_time() - start
    finally:
        gc.enable()


#: Seconds a cell's smaller size should take, so timer noise stays a few percent.
MIN_SECONDS = 0.04


class Cell(NamedTuple):
    shape: str
    view: str
    n: int
    size: int
    seconds: float
    #: Peak traced bytes at the larger size of the memory measurement (``shape.n * 4``).
    peak: int
    time_exponent: float
    memory_exponent: float
    #: MB of input per CPU second of parse and view together, at the larger size.
    throughput: float


def measure(
    shape: Shape, view: str, *, factor: int = 1, repeat: int = 3, memory: bool = True
) -> Cell:
    """The cell from ``n`` to ``4 * n``, exponents per doubling.

    For time, ``n`` is at least ``shape.n * factor``, doubled (up to 16 times) until the
    view takes ``MIN_SECONDS``.  Memory is deterministic and ``tracemalloc`` slow (ten
    times and more on deep trees): it is measured from ``shape.n * factor`` to four times
    that.  Both over two doublings, halved: one doubling alone shows the steps of list,
    dict and string growth (a peak can jump 2.5 times from one size to the next, 1.9
    after).  Without ``memory`` the memory columns are 0.
    """
    n = shape.n * factor
    m1, m4 = (peak(shape, view, n), peak(shape, view, 4 * n)) if memory else (0, 0)
    t1 = seconds(shape, view, n, repeat=1)
    if t1 < MIN_SECONDS:
        # One jump to the size that takes MIN_SECONDS (a power of two times n, at most 16).
        n *= min(16, 2 ** math.ceil(math.log2(MIN_SECONDS / max(t1, 1e-4))))
    t1, t4 = _best_in_turn(_runner(shape, view, n), _runner(shape, view, 4 * n), repeat)
    size = len(shape.build(4 * n).encode())
    return Cell(
        shape.name,
        view,
        4 * n,
        size,
        t4,
        m4,
        math.log2(max(t4, 1e-6) / max(t1, 1e-6)) / 2,
        math.log2(max(m4, 1) / max(m1, 1)) / 2,
        size / max(t4, 1e-9) / 1e6,
    )


def _cell_worker(
    name: str, view: str, factor: int, memory: bool, out: multiprocessing.Queue[Cell]
) -> None:
    shape = next(s for s in SHAPES if s.name == name)
    out.put(measure(shape, view, factor=factor, memory=memory))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shape", action="append", help="only these shapes")
    parser.add_argument("--view", action="append", help="only these views")
    parser.add_argument("--factor", type=int, default=1, help="multiply each shape's n (1)")
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds per cell (60)")
    args = parser.parse_args(argv)
    print(
        f"{'shape':<12} {'view':<11} {'bytes':>9} {'seconds':>9} {'MB/s':>7} "
        f"{'peak MB':>8} {'time exp':>8} {'mem exp':>7}"
    )
    context = multiprocessing.get_context("spawn")
    for shape in SHAPES:
        if args.shape and shape.name not in args.shape:
            continue
        for view in VIEW_NAMES:
            if not applies(shape, view) or (args.view and view not in args.view):
                continue
            cell = None
            for memory in (True, False):
                # tracemalloc slows deep trees ten times: a cell over time runs again without.
                queue: multiprocessing.Queue[Cell] = context.Queue()
                process = context.Process(
                    target=_cell_worker, args=(shape.name, view, args.factor, memory, queue)
                )
                process.start()
                process.join(args.timeout)
                if not process.is_alive():
                    cell = queue.get()
                    break
                process.kill()
                process.join()
            if cell is None:
                over = ">" + str(int(args.timeout)) + " s"
                print(f"{shape.name:<12} {view:<11} {'':>9} {over:>9}")
                continue
            print(
                f"{cell.shape:<12} {cell.view:<11} {cell.size:>9,} {cell.seconds:>9.3f} "
                f"{cell.throughput:>7.2f} {cell.peak / 1e6:>8.1f} "
                f"{cell.time_exponent:>8.2f} {cell.memory_exponent:>7.2f}",
                flush=True,
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
