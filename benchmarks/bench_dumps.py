"""Throughput of ``wikibio extract`` on a multistream dump built from the shared corpus.

Builds ``…-pages-articles-multistream.xml.bz2`` (100 pages per bz2 stream, with its
index) from the corpus articles, repeated until the XML reaches ``--mb`` megabytes, then
times ``wikibio extract`` with 1 job and with N jobs (and, with ``--dask``, on a local
Dask cluster of N worker processes), each in a fresh process, ``--repeat`` times (the run
with the least CPU time is kept).  Reports pages/s, MB/s of XML, the speed-up, the CPU time,
the peak memory of the largest process, and whether every ``wikibio extract`` run wrote the
same bytes.  Not a pass/fail test.

A row ``--jobs 1 --fields text`` extracts what WikiExtractor writes, each page's text and
nothing else (its output is another selection, so it is not compared); the last lines give
the CPU time of both one-process wikibio rows over WikiExtractor's: first from the table's
best runs, then (``--pairs N``, default 5) as the median of N ratios of runs made in pairs,
one after the other, so that the machine's drift between rows does not enter them.

The last line compares ``wikibio extract --jobs 1`` with the reads table's record row
(``bench_parse.py``): the same records, made in one process from pages already in memory,
over the same dump; MB/s of the whole command over the row's, the median of ``--pairs``
pairs.

For scale, the same table has floor rows (bz2 decompression alone, and expat over the
decompressed XML, each in a fresh process) and WikiExtractor's command line with one
extract process, with and without template expansion (skipped, with the reason, when the
``wikiextractor`` package is missing; ``--no-wikiextractor`` skips it too).

    .venv/bin/python benchmarks/bench_dumps.py            # 40 MB, jobs 1 and all cores
    .venv/bin/python benchmarks/bench_dumps.py --mb 80 --jobs 2 --dask
"""

from __future__ import annotations

import argparse
import bz2
import hashlib
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Final, NamedTuple

ROOT = Path(__file__).resolve().parents[1]
try:  # the installed package (`make bench`: the compiled wheel), else the checkout's source
    import wikibio
except ImportError:
    sys.path.insert(0, str(ROOT / "src"))
    import wikibio
import bench_parse  # noqa: E402
import wikiextractor_baseline  # noqa: E402
from wikibio.dumps import Page, write_dump  # noqa: E402


def corpus_pages(corpus: Path, megabytes: float) -> Iterator[Page]:
    files = sorted(corpus.rglob("*.wikitext"))
    if not files:
        raise SystemExit(f"bench_dumps: no *.wikitext under {corpus}")
    texts = [(f.stem.replace("_", " "), f.read_text(encoding="utf-8")) for f in files]
    size = 0
    round_ = 0
    number = 0
    while size < megabytes * 1e6:
        for title, text in texts:
            number += 1
            size += len(text.encode("utf-8"))
            yield Page(
                title=f"{title} ({round_})" if round_ else title,
                ns=0,
                page_id=number,
                revision_id=number,
                timestamp="2024-01-01T00:00:00Z",
                redirect=None,
                text=text,
            )
        round_ += 1


#: Runs a command; prints the peak RSS (KiB) of its largest process, workers included, and
#: the CPU seconds (user + system) of all of them.
_MEASURE = (
    "import resource, subprocess, sys; subprocess.run(sys.argv[1:], check=True); "
    "usage = resource.getrusage(resource.RUSAGE_CHILDREN); "
    "print(usage.ru_maxrss, usage.ru_utime + usage.ru_stime)"
)

#: The floor rows: read the dump and do nothing else (``bz2``), or also run expat over the
#: XML with no handlers (``expat``) or with handlers that join each ``<text>``'s content
#: into one string (``expat-text``, the least any dump reader does; only the last one is
#: kept).  Decompressed in 1 MiB chunks.
_FLOOR = """
import bz2, sys
from xml.parsers import expat

mode, path = sys.argv[1:3]
parser = expat.ParserCreate()
if mode == "expat-text":
    parts, last, inside = [], [""], [False]

    def start(name, attributes):
        inside[0] = name == "text"

    def end(name):
        if name == "text":
            last[0] = "".join(parts)
            parts.clear()
            inside[0] = False

    def data(chunk):
        if inside[0]:
            parts.append(chunk)

    parser.buffer_text = True
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = data
with bz2.open(path, "rb") as stream:
    while chunk := stream.read(1 << 20):
        if mode != "bz2":
            parser.Parse(chunk, False)
if mode != "bz2":
    parser.Parse(b"", True)
"""

#: The namespaces of an English Wikipedia ``<siteinfo>``: WikiExtractor reads the template
#: namespace from them and, without it, skips every page (see :func:`wikiextractor_dump`).
_NAMESPACES = """    <base>https://en.wikipedia.org/wiki/Main_Page</base>
    <namespaces>
      <namespace key="-2" case="first-letter">Media</namespace>
      <namespace key="-1" case="first-letter">Special</namespace>
      <namespace key="0" case="first-letter" />
      <namespace key="1" case="first-letter">Talk</namespace>
      <namespace key="2" case="first-letter">User</namespace>
      <namespace key="3" case="first-letter">User talk</namespace>
      <namespace key="4" case="first-letter">Wikipedia</namespace>
      <namespace key="5" case="first-letter">Wikipedia talk</namespace>
      <namespace key="6" case="first-letter">File</namespace>
      <namespace key="7" case="first-letter">File talk</namespace>
      <namespace key="8" case="first-letter">MediaWiki</namespace>
      <namespace key="9" case="first-letter">MediaWiki talk</namespace>
      <namespace key="10" case="first-letter">Template</namespace>
      <namespace key="11" case="first-letter">Template talk</namespace>
      <namespace key="12" case="first-letter">Help</namespace>
      <namespace key="13" case="first-letter">Help talk</namespace>
      <namespace key="14" case="first-letter">Category</namespace>
      <namespace key="15" case="first-letter">Category talk</namespace>
      <namespace key="100" case="first-letter">Portal</namespace>
      <namespace key="101" case="first-letter">Portal talk</namespace>
      <namespace key="118" case="first-letter">Draft</namespace>
      <namespace key="119" case="first-letter">Draft talk</namespace>
      <namespace key="828" case="first-letter">Module</namespace>
      <namespace key="829" case="first-letter">Module talk</namespace>
    </namespaces>
"""


class Row(NamedTuple):
    """One engine's run: wall seconds, peak RSS (KiB), CPU seconds, and what it wrote."""

    name: str
    seconds: float
    peak: int
    cpu: float | None
    output: str
    #: The output's SHA-256 for ``wikibio extract`` runs (compared), else ``""``.
    digest: str = ""


def measure(argv: list[str], repeat: int = 1) -> tuple[float, int, float]:
    """Wall time, peak RSS (KiB) of the largest process and CPU seconds of ``argv``: of the
    run with the least CPU time among ``repeat`` runs (one run on this VM can be 30% slow)."""
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-c", _MEASURE, *argv], check=True, capture_output=True, text=True
        )
        elapsed = time.perf_counter() - start
        peak, cpu = done.stdout.split()[-2:]
        runs.append((elapsed, int(peak), float(cpu)))
    return min(runs, key=lambda figures: figures[2])


def run(name: str, argv: list[str], repeat: int = 1) -> Row:
    """A ``wikibio extract`` run (``argv`` has ``-o FILE``), with the output's SHA-256."""
    out = Path(argv[argv.index("-o") + 1])
    elapsed, peak, cpu = measure(argv, repeat)
    digest = hashlib.sha256(out.read_bytes()).hexdigest()
    return Row(name, elapsed, peak, cpu, digest[:12], digest)


def floor(name: str, mode: str, dump: Path, repeat: int) -> Row:
    """A floor row: ``_FLOOR`` in a fresh process."""
    return Row(name, *measure([sys.executable, "-c", _FLOOR, mode, str(dump)], repeat), "-")


def wikiextractor_dump(dump: Path, target: Path) -> None:
    """Copy ``dump`` for WikiExtractor, with namespaces declared in its ``<siteinfo>``.

    ``write_dump``'s header has no ``<namespaces>``; WikiExtractor then takes the template
    namespace to be ``""`` and skips every page whose title starts with it: all of them.
    The copy re-compresses only the header stream (:data:`_NAMESPACES` added before
    ``</siteinfo>``); every page stream stays byte for byte the same.
    """
    data = dump.read_bytes()
    decompressor = bz2.BZ2Decompressor()
    header = decompressor.decompress(data).decode("utf-8")
    if "<page>" in header or "</siteinfo>" not in header:
        raise SystemExit(f"bench_dumps: unexpected header stream in {dump}")
    header = header.replace("  </siteinfo>", _NAMESPACES + "  </siteinfo>", 1)
    target.write_bytes(bz2.compress(header.encode("utf-8")) + decompressor.unused_data)


#: WikiExtractor's copy of the dump (``wikiextractor_dump``), in the run's folder.
_WIKIEXTRACTOR_DUMP: Final = "wikiextractor-pages-articles-multistream.xml.bz2"


def wikiextractor_runs(dump: Path, folder: Path, count: int, repeat: int) -> list[Row] | str:
    """WikiExtractor, one extract process, without and with template expansion.

    Returns the rows, or why they were skipped.  The output column counts the ``<doc>``
    elements written (one per page, redirects aside).
    """
    extract, reason = wikiextractor_baseline.load()
    if extract is None:
        return reason
    copy = folder / _WIKIEXTRACTOR_DUMP
    wikiextractor_dump(dump, copy)
    rows = []
    for name, templates in (
        ("WikiExtractor --no-templates", False),
        ("WikiExtractor (expands)", True),
    ):
        out = folder / ("wx-templates" if templates else "wx-no-templates")
        argv = wikiextractor_baseline.command(copy, out, processes=1, templates=templates)
        elapsed, peak, cpu = measure([sys.executable, *argv], repeat)
        docs = sum(path.read_bytes().count(b"<doc ") for path in out.rglob("wiki_*"))
        if docs != count:
            print(f"  {name} wrote {docs} pages, not {count}", file=sys.stderr)
        rows.append(Row(name, elapsed, peak, cpu, f"{docs} pages"))
    return rows


#: The row of ``wikibio extract --jobs 1 --fields text``.
_TEXT_ONLY: Final = "--jobs 1 --fields text"

#: The fields of the reads table's record row.
RECORD_FIELDS: Final = ",".join(bench_parse.RECORD_WITHOUT_TEXT)

#: The record row on this dump: its pages read first, then the records made and written
#: as JSON lines (``page_record`` + ``json_line``, as ``bench_parse.py`` times them);
#: prints the seconds of the records alone.
_RECORD_ROW = """
import sys, time
from wikibio import dumps, records

path, fields = sys.argv[1:3]
pages = [page for page in dumps.read_pages(path) if page.ns == 0 and page.redirect is None]
site = dumps.dump_site(path)
recipe = records.Recipe(fields=tuple(fields.split(",")))
start = time.perf_counter()
for page in pages:
    records.json_line(records.page_record(page, format=recipe, site=site))
print(time.perf_counter() - start)
"""


def record_row_pairs(command: list[str], dump: Path, rounds: int) -> list[tuple[float, float]]:
    """Seconds of ``command`` (the whole run) and of the record row's records over the same
    dump, measured ``rounds`` times in pairs, the command first in even rounds."""
    row = [sys.executable, "-c", _RECORD_ROW, str(dump), RECORD_FIELDS]
    pairs = []
    for round_ in range(rounds):
        print(f"  record row pairs: round {round_ + 1}/{rounds}", file=sys.stderr, flush=True)
        first = measure(command)[0] if round_ % 2 == 0 else None
        done = subprocess.run(row, check=True, capture_output=True, text=True)
        records = float(done.stdout.split()[-1])
        whole = first if first is not None else measure(command)[0]
        pairs.append((whole, records))
    return pairs


def print_record_row(pairs: list[tuple[float, float]], xml_mb: float) -> None:
    """MB/s of ``extract --jobs 1`` against the record row's, the median of the pairs."""
    if not pairs:
        return
    ratios = sorted(records / whole for whole, records in pairs)
    command = statistics.median(xml_mb / whole for whole, _ in pairs)
    row = statistics.median(xml_mb / records for _, records in pairs)
    print(
        f"MB/s of wikibio extract --jobs 1 --fields {RECORD_FIELDS} (the whole run, start-up "
        f"included) / the record row's (the same records, the pages in memory), in "
        f"{len(pairs)} pairs: median {statistics.median(ratios):.2f}x (from {ratios[0]:.2f}x "
        f"to {ratios[-1]:.2f}x); medians {command:.2f} and {row:.2f} MB/s"
    )


def paired_ratios(
    contenders: list[tuple[str, list[str]]], reference: list[str], rounds: int
) -> dict[str, list[float]]:
    """CPU time of each contender over the reference's, measured ``rounds`` times in pairs.

    Each round runs the reference and every contender one after the other, each in a fresh
    process, the reference first in even rounds and last in odd ones: a ratio compares runs
    a few seconds apart, so a change in the machine's speed between the table's rows (this
    VM drifts by 10% within minutes) does not enter it.
    """
    ratios: dict[str, list[float]] = {name: [] for name, _ in contenders}
    for round_ in range(rounds):
        print(f"  pairs: round {round_ + 1}/{rounds}", file=sys.stderr, flush=True)
        before = measure(reference)[2] if round_ % 2 == 0 else None
        cpus = {name: measure(argv)[2] for name, argv in contenders}
        reference_cpu = before if before is not None else measure(reference)[2]
        for name, cpu in cpus.items():
            ratios[name].append(cpu / reference_cpu)
    return ratios


def print_pairs(ratios: dict[str, list[float]], reference: str) -> None:
    """The median of each contender's paired ratios, with their range."""
    for name, values in ratios.items():
        ordered = sorted(values)
        print(
            f"CPU of wikibio extract {name} / {reference}, in {len(values)} pairs: median "
            f"{statistics.median(ordered):.2f}x (from {ordered[0]:.2f}x to {ordered[-1]:.2f}x)"
        )


def print_per_core(rows: list[Row]) -> None:
    """CPU seconds of the one-process wikibio rows over WikiExtractor's (no templates)."""
    by_name = {row.name: row for row in rows}
    extractor = by_name.get("WikiExtractor --no-templates")
    if extractor is None or not extractor.cpu:
        return
    for name in ("--jobs 1", _TEXT_ONLY):
        row = by_name.get(name)
        if row is not None and row.cpu is not None:
            print(f"CPU of wikibio extract {name} / WikiExtractor --no-templates: "
                  f"{row.cpu / extractor.cpu:.2f}x")  # fmt: skip


def print_rows(rows: list[Row], skipped: dict[str, str], count: int, xml_mb: float) -> None:
    """The table; speed-up is against the first row (``wikibio extract --jobs 1``)."""
    base = rows[0].seconds
    width = max(len(name) for name in [*(row.name for row in rows), *skipped, "engine"])
    print(
        f"{'engine':<{width}} {'seconds':>8} {'pages/s':>8} {'MB/s':>6} {'speed-up':>8} "
        f"{'CPU s':>6} {'peak RSS':>9}  output"
    )
    for row in rows:
        cpu = f"{row.cpu:6.1f}" if row.cpu is not None else f"{'-':>6}"
        print(
            f"{row.name:<{width}} {row.seconds:8.1f} {count / row.seconds:8.0f} "
            f"{xml_mb / row.seconds:6.2f} {base / row.seconds:7.2f}x {cpu} "
            f"{row.peak / 1024:6.0f} MB  {row.output}"
        )
    for name, reason in skipped.items():
        print(f"{name:<{width}} skipped: {reason}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--mb", type=float, default=40.0, help="XML size to build (MB)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--dask", action="store_true", help="also time a local Dask cluster")
    parser.add_argument(
        "--repeat",
        type=int,
        default=3,
        help="runs of each row; the one with the least CPU time is kept (default 3)",
    )
    parser.add_argument(
        "--no-floors", action="store_true", help="skip the bz2 and expat floor rows"
    )
    parser.add_argument(
        "--no-wikiextractor", action="store_true", help="skip the WikiExtractor rows"
    )
    parser.add_argument(
        "--pairs",
        type=int,
        default=5,
        help="rounds of paired runs: the one-process rows and WikiExtractor, and "
        "extract --jobs 1 and the record row (0: none)",
    )
    parser.add_argument(
        "--biography", action="store_true", help="only measure biography detection's precision"
    )
    args = parser.parse_args()
    if not args.corpus.is_dir():
        print(f"bench_dumps: corpus {args.corpus} not found", file=sys.stderr)
        return 1
    if args.biography:
        return biography(args.corpus)
    with tempfile.TemporaryDirectory() as folder:
        dump = Path(folder) / "bench-pages-articles-multistream.xml.bz2"
        pages = list(corpus_pages(args.corpus, args.mb))
        xml_mb = sum(len(p.text.encode("utf-8")) for p in pages) / 1e6
        start = time.perf_counter()
        write_dump(pages, dump)
        built = time.perf_counter() - start
        count = len(pages)
        del pages
        print(
            f"dump: {count:,} pages, {xml_mb:.1f} MB of wikitext, "
            f"{dump.stat().st_size / 1e6:.1f} MB bz2 multistream (built in {built:.1f} s)"
        )
        cli = [sys.executable, "-m", "wikibio.cli", "extract", str(dump), "--no-progress"]
        repeat = max(1, args.repeat)
        rows: list[Row] = []
        skipped: dict[str, str] = {}
        for jobs in dict.fromkeys([1, args.jobs]):
            out = str(Path(folder) / f"jobs{jobs}.jsonl")
            rows.append(run(f"--jobs {jobs}", [*cli, "--jobs", str(jobs), "-o", out], repeat))
        # What WikiExtractor writes, each page's text and nothing else: the per-core
        # comparison at equal work.  Another selection, so its output is not compared.
        out = str(Path(folder) / "text.jsonl")
        text_only = run(_TEXT_ONLY, [*cli, "--jobs", "1", "--fields", "text", "-o", out], repeat)
        rows.append(text_only._replace(digest=""))
        if args.dask:
            rows.append(dask_run(cli, folder, args.jobs))
        if not args.no_floors:
            rows.append(floor("floor: bz2 only", "bz2", dump, repeat))
            rows.append(floor("floor: bz2 + expat", "expat", dump, repeat))
            rows.append(floor("floor: bz2 + expat, collect <text>", "expat-text", dump, repeat))
        ratios: dict[str, list[float]] = {}
        out = str(Path(folder) / "record-row.jsonl")
        command = [*cli, "--jobs", "1", "--fields", RECORD_FIELDS, "-o", out]
        record_pairs = record_row_pairs(command, dump, args.pairs)
        if not args.no_wikiextractor:
            extractor = wikiextractor_runs(dump, Path(folder), count, repeat)
            if isinstance(extractor, str):
                skipped["WikiExtractor"] = extractor
            else:
                rows.extend(extractor)
                if args.pairs > 0:
                    copy = Path(folder) / _WIKIEXTRACTOR_DUMP
                    reference = wikiextractor_baseline.command(
                        copy, Path(folder) / "wx-pairs", processes=1, templates=False
                    )
                    contenders = [
                        (name, [*cli, *name.split(), "-o", str(Path(folder) / "pairs.jsonl")])
                        for name in ("--jobs 1", _TEXT_ONLY)
                    ]
                    ratios = paired_ratios(contenders, [sys.executable, *reference], args.pairs)
        print_rows(rows, skipped, count, xml_mb)
        print_per_core(rows)
        print_pairs(ratios, "WikiExtractor --no-templates")
        print_record_row(record_pairs, xml_mb)
        same = len({row.digest for row in rows if row.digest}) == 1
        print("wikibio outputs identical" if same else "WIKIBIO OUTPUTS DIFFER")
    return 0 if same else 1


def biography(corpus: Path) -> int:
    """Precision and recall of biography detection against the manifest's hand labels."""
    from wikibio.biography import score

    result = score(_labelled(corpus))
    for name, kind in result.misses:
        print(f"  {kind}: {name}")
    total = sum(
        (
            result.true_positives,
            result.false_positives,
            result.false_negatives,
            result.true_negatives,
        )
    )
    print(f"biography detection on {total} labelled pages: {result}")
    print(f"precision {result.precision:.3f}  recall {result.recall:.3f}")
    return 0


def _labelled(corpus: Path) -> Iterator[tuple[str, wikibio.Article, bool]]:
    """``(file, article, is_biography)`` for every hand-labelled page of the manifest."""
    import csv

    with open(corpus / "MANIFEST.tsv", encoding="utf-8", newline="") as manifest:
        for row in csv.DictReader(manifest, delimiter="\t"):
            if row["is_biography"] in ("yes", "no"):
                text = (corpus / row["file"]).read_text(encoding="utf-8")
                article = wikibio.parse(text, title=row["title"])
                yield row["file"], article, row["is_biography"] == "yes"


def dask_run(cli: list[str], folder: str, workers: int) -> Row:
    """``wikibio extract --scheduler`` on a local cluster (its workers' CPU is not counted)."""
    from distributed import Client, LocalCluster

    with LocalCluster(
        n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        out = str(Path(folder) / "dask.jsonl")
        row = run("dask", [*cli, "--scheduler", cluster.scheduler_address, "-o", out])
        # The workers are the cluster's processes, not the command's: ask them too.
        with Client(cluster) as client:
            peaks = client.run(_peak_rss)
    return row._replace(peak=max(row.peak, *peaks.values()), cpu=None)


def _peak_rss() -> int:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


if __name__ == "__main__":
    sys.exit(main())
