"""The reading view with templates: ``parse(…, templates=dump).to_text()`` over a whole wiki.

Run from the project root::

    .venv/bin/python benchmarks/bench_reading_expanded.py [--repeat 3]

Every article of ``../shared/corpus/wikis/ltgwiki-pages-articles.xml`` (903) is parsed and
read as plain text, once without templates and once with the dump as its template source
(indexed before the timing into a temporary SQLite file).  Rows: best of ``--repeat``
wall-clock runs (``time.perf_counter``) for

* ``without templates``: ``parse(text, title=…).to_text()``;
* ``with templates``: ``parse(text, title=…, templates=source).to_text()`` (the page
  expanded once, its ref bodies as Cite does, then read);
* ``with templates, then references and infobox rows``: the same and
  ``article.references`` and ``article.infobox.rows()``, which reuse the expansion (the
  rows expand the infobox call alone).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import wikibio
from wikibio.dumps import open_dump, read_pages
from wikibio.sources import TemplateSource, from_dump

ROOT = Path(__file__).resolve().parents[1]
LTG = ROOT.parent / "shared" / "corpus" / "wikis" / "ltgwiki-pages-articles.xml"


def _best(run: Callable[[], object], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    if not LTG.exists():
        sys.exit(f"{LTG} is absent (shared corpus)")
    with open_dump(LTG) as stream:
        pages = [(p.title, p.text) for p in read_pages(stream) if p.ns == 0 and not p.redirect]
    with tempfile.TemporaryDirectory() as folder:
        source = from_dump(LTG, index=Path(folder) / "ltg.sqlite")

        def plain() -> None:
            for title, text in pages:
                wikibio.parse(text, title=title).to_text()

        def expanded(views: bool, templates: TemplateSource = source) -> None:
            for title, text in pages:
                article = wikibio.parse(text, title=title, templates=templates)
                article.to_text()
                if views:
                    len(article.references)
                    if article.infobox is not None:
                        article.infobox.rows()

        size = sum(len(text.encode()) for _, text in pages) / 1e6
        print(f"{len(pages)} ltgwiki articles, {size:.1f} MB of wikitext")
        for label, run in (
            ("without templates", plain),
            ("with templates", lambda: expanded(False)),
            ("with templates, then references and infobox rows", lambda: expanded(True)),
        ):
            seconds = _best(run, args.repeat)
            print(f"{label}: {seconds:.2f} s ({1000 * seconds / len(pages):.2f} ms/article)")


if __name__ == "__main__":
    main()
