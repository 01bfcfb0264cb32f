"""Throughput of ``wikibio extract`` on a multistream dump built from the shared corpus.

Builds ``…-pages-articles-multistream.xml.bz2`` (100 pages per bz2 stream, with its
index) from the corpus articles, repeated until the XML reaches ``--mb`` megabytes, then
times ``wikibio extract`` with 1 job and with N jobs (and, with ``--dask``, on a local
Dask cluster of N worker processes), each in a fresh process.  Reports pages/s, MB/s of
XML, the speed-up, the peak memory of the largest process, and whether every run wrote
the same bytes.  Not a pass/fail test.

    .venv/bin/python benchmarks/bench_dumps.py            # 40 MB, jobs 1 and all cores
    .venv/bin/python benchmarks/bench_dumps.py --mb 80 --jobs 2 --dask
"""

from __future__ import annotations

import argparse
import hashlib
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

import wikibio  # noqa: E402
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


#: Runs a command and prints the peak RSS (KiB) of its largest process, workers included.
_MEASURE = (
    "import resource, subprocess, sys; subprocess.run(sys.argv[1:], check=True); "
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
)


def run(argv: list[str]) -> tuple[float, int, str]:
    """Wall time, peak RSS (KiB) of the largest process, and the output's SHA-256."""
    out = Path(argv[argv.index("-o") + 1])
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", _MEASURE, *argv], check=True, capture_output=True, text=True
    )
    elapsed = time.perf_counter() - start
    digest = hashlib.sha256(out.read_bytes()).hexdigest()
    return elapsed, int(done.stdout.split()[-1]), digest


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--mb", type=float, default=40.0, help="XML size to build (MB)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--dask", action="store_true", help="also time a local Dask cluster")
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
        rows: list[tuple[str, float, int, str]] = []
        for jobs in dict.fromkeys([1, args.jobs]):
            out = str(Path(folder) / f"jobs{jobs}.jsonl")
            rows.append((f"--jobs {jobs}", *run([*cli, "--jobs", str(jobs), "-o", out])))
        if args.dask:
            rows.append(("dask", *dask_run(cli, folder, args.jobs)))
        base = rows[0][1]
        print(
            f"{'engine':<10} {'seconds':>8} {'pages/s':>8} {'MB/s':>6} {'speed-up':>8} "
            f"{'peak RSS':>9}  output"
        )
        for name, seconds, peak, digest in rows:
            print(
                f"{name:<10} {seconds:8.1f} {count / seconds:8.0f} {xml_mb / seconds:6.2f} "
                f"{base / seconds:7.2f}x {peak / 1024:6.0f} MB  {digest[:12]}"
            )
        same = len({row[3] for row in rows}) == 1
        print("outputs identical" if same else "OUTPUTS DIFFER")
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


def dask_run(cli: list[str], folder: str, workers: int) -> tuple[float, int, str]:
    from distributed import Client, LocalCluster

    with LocalCluster(
        n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        out = str(Path(folder) / "dask.jsonl")
        elapsed, peak, digest = run([*cli, "--scheduler", cluster.scheduler_address, "-o", out])
        # The workers are the cluster's processes, not the command's: ask them too.
        with Client(cluster) as client:
            peaks = client.run(_peak_rss)
    return elapsed, max(peak, *peaks.values()), digest


def _peak_rss() -> int:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


if __name__ == "__main__":
    sys.exit(main())
