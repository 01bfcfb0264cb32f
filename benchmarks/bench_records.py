"""What the dataset records cost: text fields vs the record row, JSON lines vs Parquet, memory.

1. Records per second on the shared corpus, in this process (the same pages each time):
   the record without text (``--fields is_biography,infobox,references,categories``, the
   row ``wikibio extract`` wrote before records had text), the record with text
   (``--fields lead,text,infobox,references``), and the default record (every field but
   ``markdown``).
2. ``wikibio extract`` on a plain XML dump of the corpus repeated to ``--mb`` megabytes,
   each run in a fresh process with ``--jobs``: JSON lines vs Parquet for the same fields,
   wall time (the best of ``--repeat`` runs, the formats alternating), output size, and the
   peak RSS of the command and of its largest worker in that run.

Not a pass/fail test.

    .venv/bin/python benchmarks/bench_records.py               # 100 MB, jobs 2
    .venv/bin/python benchmarks/bench_records.py --mb 20 --jobs 1
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
try:  # the installed package (`make bench`: the compiled wheel), else the checkout's source
    import wikibio  # noqa: F401
except ImportError:
    sys.path.insert(0, str(ROOT / "src"))
#: What the ``wikibio extract`` subprocesses need to import the same wikibio.
SOURCE = {} if str(ROOT / "src") not in sys.path else {"PYTHONPATH": str(ROOT / "src")}

from bench_dumps import corpus_pages  # noqa: E402
from wikibio.dumps import Page, write_dump  # noqa: E402
from wikibio.records import Recipe, encode_records, page_record  # noqa: E402

ROW = "is_biography,infobox,references,categories"
TEXT = "lead,text,infobox,references"


def mwparserfromhell_per_second(pages: list[Page], repeat: int) -> float:
    """Bare ``mwparserfromhell.parse``: the reference of the one-walk issue's ratios."""
    import mwparserfromhell

    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        for page in pages:
            mwparserfromhell.parse(page.text)
        best = min(best, time.perf_counter() - start)
    return len(pages) / best


def encode_seconds(pages: list[Page], fields: str, folder: Path, repeat: int) -> dict[str, float]:
    """Seconds to encode the same records as JSON lines, and as Arrow then Parquet (best of
    ``repeat``).

    pyarrow is imported and the Arrow schema built before the timing: once per process,
    they cost about 0.2 s here, which the earlier figures counted against the
    records (``wikibio extract`` pays it once per worker, whatever the dump's size).
    """
    from wikibio.records import ParquetSink, arrow_schema

    records = [page_record(page, format=Recipe(fields=fields)) for page in pages]
    json_lines, arrow = Recipe(fields=fields), Recipe(fields=fields, encoding="arrow")
    arrow_schema(arrow)
    times = {"jsonl": float("inf"), "parquet": float("inf")}
    for _ in range(repeat):
        start = time.perf_counter()
        for chunk in range(0, len(records), 100):
            encode_records(records[chunk : chunk + 100], json_lines)
        times["jsonl"] = min(times["jsonl"], time.perf_counter() - start)
        start = time.perf_counter()
        sink = ParquetSink(folder / "encode.parquet", arrow)
        for chunk in range(0, len(records), 100):
            sink.write(encode_records(records[chunk : chunk + 100], arrow))
        sink.close()
        times["parquet"] = min(times["parquet"], time.perf_counter() - start)
    return times


def records_per_second(pages: list[Page], fields: str | None, repeat: int) -> float:
    recipe = Recipe(fields=fields)
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        records = [page_record(page, format=recipe) for page in pages]
        encode_records(records, recipe)
        best = min(best, time.perf_counter() - start)
    return len(pages) / best


def run_extract(dump: Path, out: Path, jobs: int, fields: str) -> tuple[float, int, int]:
    """Wall seconds, peak RSS (KiB) of the command, of its largest worker.

    The command's peak is its own ``VmHWM``: Linux carries ``ru_maxrss`` across ``exec``,
    so ``getrusage`` in a process started from this (large) one would report ours.
    """
    probe = (
        "import resource, sys\n"
        "from wikibio.cli import main\n"
        f"status = main(['extract', {str(dump)!r}, '-o', {str(out)!r}, '--jobs', '{jobs}',"
        f" '--fields', {fields!r}, '--no-progress'])\n"
        "own = next(int(line.split()[1]) for line in open('/proc/self/status')"
        " if line.startswith('VmHWM'))\n"
        "kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss\n"
        "print(status, own, kids)\n"
    )
    env = {**os.environ, **SOURCE}
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, env=env, check=True
    )
    wall = time.perf_counter() - start
    status, own, kids = result.stdout.split()
    if status != "0":
        raise SystemExit(f"extract failed: {result.stderr}")
    return wall, int(own), int(kids)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--mb", type=float, default=100.0, help="size of the dump's XML text")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument(
        "--extract-only", action="store_true", help="skip part 1 (records per second)"
    )
    parser.add_argument(
        "--formats", default="jsonl,parquet", help="the outputs to time (default: both)"
    )
    args = parser.parse_args()
    import wikibio.syntax.scan as scan  # what is measured: the compiled wheel or pure Python

    build = "compiled" if Path(scan.__file__ or "").suffix in (".so", ".pyd") else "pure Python"
    print(f"wikibio from {Path(scan.__file__ or '?').parents[1]} ({build})")

    if not args.extract_only:
        rates_table(args)
    extract_table(args)


def rates_table(args: argparse.Namespace) -> None:
    """Part 1: records per second in this process, and the encoding cost."""
    files = sorted(args.corpus.rglob("*.wikitext"))
    corpus = list(corpus_pages(args.corpus, 1e-9))  # one round: every corpus page once
    corpus = corpus[: len(files)]
    megabytes = sum(len(p.text.encode("utf-8")) for p in corpus) / 1e6
    print(f"1. records per second, one process, {len(corpus)} corpus pages ({megabytes:.1f} MB)")
    rates = {}
    for label, fields in (("record row (no text)", ROW), ("with text", TEXT), ("default", None)):
        rates[label] = records_per_second(corpus, fields, args.repeat)
        print(f"   {label:<22} --fields {fields or '(default)':<44} {rates[label]:7.1f} pages/s")
    ratio = rates["with text"] / rates["record row (no text)"]
    print(f"   text / row: {ratio:.2f}x")
    bare = mwparserfromhell_per_second(corpus, args.repeat)
    row, text = rates["record row (no text)"] / bare, rates["with text"] / bare
    print(
        f"   bare mwparserfromhell.parse {bare:7.1f} pages/s: record row {row:.2f}x, "
        f"with text {text:.2f}x"
    )
    with tempfile.TemporaryDirectory() as folder:
        encoded = encode_seconds(corpus, TEXT, Path(folder), args.repeat)
    analysis = len(corpus) / rates["with text"]
    print(
        f"   encoding the text records: JSON lines {encoded['jsonl']:.2f} s, Arrow+Parquet "
        f"{encoded['parquet']:.2f} s; over the whole record's time {analysis:.1f} s: "
        f"{(encoded['parquet'] - encoded['jsonl']) / analysis:+.1%}"
    )


def extract_table(args: argparse.Namespace) -> None:
    """Part 2: the command on a dump, JSON lines then Parquet."""
    with tempfile.TemporaryDirectory() as folder:
        dump = Path(folder) / "bench-pages-articles.xml"
        pages = list(corpus_pages(args.corpus, args.mb))
        write_dump(pages, dump, multistream=False)
        size = dump.stat().st_size / 1e6
        print(
            f"\n2. wikibio extract --jobs {args.jobs} --fields {TEXT}: {len(pages)} pages, "
            f"{size:.0f} MB of XML"
        )
        formats = args.formats.split(",")
        # Best of --repeat runs of each format, the formats alternating (and their order
        # reversed every other round): single runs of the same command on this VM differ
        # by 15%, and the machine's drift then favours neither format.
        best: dict[str, tuple[float, int, int]] = {}
        for round_ in range(max(1, args.repeat)):
            for suffix in formats if round_ % 2 == 0 else formats[::-1]:
                out = Path(folder) / f"out.{suffix}"
                figures = run_extract(dump, out, args.jobs, TEXT)
                if suffix not in best or figures[0] < best[suffix][0]:
                    best[suffix] = figures
        times = {}
        for suffix in formats:
            wall, own, kids = best[suffix]
            times[suffix] = wall
            out = Path(folder) / f"out.{suffix}"
            print(
                f"   {suffix:<8} {wall:7.1f} s  {len(pages) / wall:6.1f} pages/s  "
                f"output {out.stat().st_size / 1e6:6.1f} MB  peak RSS command "
                f"{own / 1024:5.0f} MB, largest worker {kids / 1024:5.0f} MB"
            )
        if {"jsonl", "parquet"} <= set(times):
            overhead = times["parquet"] / times["jsonl"] - 1
            print(f"   Parquet over JSON lines: {overhead:+.1%}")


if __name__ == "__main__":
    main()
