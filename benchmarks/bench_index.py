"""Template-index benchmark: ``wikibio.sources.from_dump`` on a ~100 MB dump.

Run from the project root::

    .venv/bin/python benchmarks/bench_index.py [--megabytes 100] [--lookups 10000]

The dump is synthetic and written to a temporary directory: the pages of
``../shared/corpus/wikis/ltgwiki-pages-articles.xml`` (3.7 MB: articles, templates,
modules) copied again and again under new titles (``Taiss:Ambox (7)``) until the file
reaches ``--megabytes``, between the real ``<siteinfo>`` and ``</mediawiki>``.  The same is
done at a tenth of the size, so that the two peaks of memory can be compared.

Each index is built in a child process (``multiprocessing``, spawn), so that its peak
resident set size (``ru_maxrss`` of the child) is the indexing's own and not the parent's
that wrote the dump.  Rows:

* ``index``: the wall-clock time of ``from_dump`` building the index in one pass, the
  dump's size, the pages indexed, and the child's peak RSS;
* ``reuse``: ``from_dump`` again on the unchanged dump (reads the index's stamp only);
* ``lookup``: the mean time of ``source.get(title)`` over ``--lookups`` random titles
  of the index (hits), and over as many titles it does not hold (misses).

The issue's targets: one pass with flat memory (the 100 MB peak about equal to the 10 MB
peak), and a lookup under 1 ms.
"""

from __future__ import annotations

import argparse
import multiprocessing
import random
import re
import resource
import sys
import tempfile
import time
from html import escape
from pathlib import Path

from wikibio.dumps import open_dump, read_pages
from wikibio.sources import from_dump

ROOT = Path(__file__).resolve().parents[1]
LTG = ROOT.parent / "shared" / "corpus" / "wikis" / "ltgwiki-pages-articles.xml"


def write_dump(path: Path, megabytes: float) -> tuple[int, int]:
    """Write the synthetic dump; returns (pages, bytes)."""
    head = LTG.read_text("utf-8")
    siteinfo = head[: head.index("<page>")]
    with open_dump(LTG) as stream:
        pages = list(read_pages(stream))
    target = int(megabytes * 1e6)
    written = 0
    count = 0
    copy = 0
    with path.open("w", encoding="utf-8") as out:
        out.write(siteinfo)
        written += len(siteinfo.encode())
        while written < target:
            copy += 1
            for page in pages:
                title = page.title if copy == 1 else f"{page.title} ({copy})"
                record = (
                    f"  <page>\n    <title>{escape(title, quote=False)}</title>\n"
                    f"    <ns>{page.ns}</ns>\n    <id>{count + 1}</id>\n"
                    f"    <revision>\n      <id>{count + 1}</id>\n"
                    f'      <text xml:space="preserve">{escape(page.text, quote=False)}</text>\n'
                    "    </revision>\n  </page>\n"
                )
                out.write(record)
                written += len(record.encode())
                count += 1
                if written >= target:
                    break
        out.write("</mediawiki>\n")
    return count, path.stat().st_size


def _index(dump: str, index: str, results: multiprocessing.Queue[tuple[float, int, int]]) -> None:
    """In the child: build the index; report seconds, pages and the peak RSS in KiB."""
    start = time.perf_counter()
    source = from_dump(dump, index=index)
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    results.put((seconds, len(source), peak))


def index_in_child(dump: Path, index: Path) -> tuple[float, int, int]:
    context = multiprocessing.get_context("spawn")
    results: multiprocessing.Queue[tuple[float, int, int]] = context.Queue()
    child = context.Process(target=_index, args=(str(dump), str(index), results))
    child.start()
    found = results.get()
    child.join()
    return found


def _baseline() -> int:
    """The peak RSS (KiB) of a child that only imports wikibio and returns."""
    context = multiprocessing.get_context("spawn")
    results: multiprocessing.Queue[int] = context.Queue()
    child = context.Process(target=_idle, args=(results,))
    child.start()
    found = results.get()
    child.join()
    return found


def _idle(results: multiprocessing.Queue[int]) -> None:
    results.put(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--megabytes", type=float, default=100.0)
    parser.add_argument("--lookups", type=int, default=10_000)
    args = parser.parse_args()
    if not LTG.exists():
        sys.exit(f"{LTG} is absent: the benchmark builds its dump from the shared corpus")

    print(f"child baseline (imports only): peak RSS {_baseline() / 1024:.0f} MiB")
    with tempfile.TemporaryDirectory() as folder:
        for megabytes in (args.megabytes / 10, args.megabytes):
            dump = Path(folder) / f"synthetic-{megabytes:g}MB.xml"
            index = Path(folder) / f"synthetic-{megabytes:g}MB.sqlite"
            pages, size = write_dump(dump, megabytes)
            seconds, indexed, peak = index_in_child(dump, index)
            print(
                f"index: {size / 1e6:.1f} MB dump, {pages:,} pages, {indexed:,} indexed, "
                f"{seconds:.2f} s ({size / 1e6 / seconds:.1f} MB/s), "
                f"peak RSS {peak / 1024:.0f} MiB, index {index.stat().st_size / 1e6:.1f} MB"
            )
        start = time.perf_counter()
        source = from_dump(dump, index=index)
        print(f"reuse: {1000 * (time.perf_counter() - start):.2f} ms")

        import sqlite3

        with sqlite3.connect(index) as connection:
            rows = connection.execute("SELECT ns, title FROM pages").fetchall()
        connection.close()
        names = {ns: name for ns, name in source.site.local.items()}
        titles = [f"{names[ns]}:{title}" if ns else title for ns, title in rows if ns in names]
        random.seed(12)
        hits = random.choices(titles, k=args.lookups)
        misses = [re.sub(r"$", " (missing)", t) for t in hits]
        for label, batch in (("hits", hits), ("misses", misses)):
            start = time.perf_counter()
            found = sum(source.get(title) is not None for title in batch)
            mean = (time.perf_counter() - start) / len(batch)
            print(f"lookup {label}: {1e6 * mean:.1f} µs mean over {len(batch):,} ({found:,} found)")


if __name__ == "__main__":
    main()
