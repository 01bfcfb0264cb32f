"""WikiExtractor (the ``wikiextractor`` package) as a plain-text baseline for the benchmarks.

``bench_parse.py`` calls its cleaning in-process on one article at a time, and
``bench_dumps.py`` runs its command line over the benchmark dump. Both scripts import
this module; neither needs ``wikiextractor`` to be installed (its rows are then printed
as skipped, with the reason). Install it with ``.venv/bin/pip install wikiextractor``
(the project's ``bench`` extra).

In-process, one article is cleaned exactly as one ``WikiExtractor`` worker cleans a page:
a fresh ``wikiextractor.extract.Extractor(id, revid, urlbase, title, page, ...)`` per
article, built with the options the command line builds by default (``--links`` off, so
``<a>`` tags are dropped as well as the default ignored tags), then
``Extractor.clean_text(text, expand_templates=...)`` with its default ``html_safe=True``
(``Extractor.extract`` does the same and then only formats the ``<doc>`` wrapper).

Templates: ``expand_templates=False`` is ``--no-templates`` (every ``{{…}}`` is dropped,
nested ones included). ``expand_templates=True`` is the command line's default, which
expands templates from the ``Template:`` pages it collects in a first pass over the dump;
in-process, and on our dumps (articles only), there are none, so every template expands to
nothing, while parser functions (``{{#if:…}}``) and magic words are still evaluated.
"""

from __future__ import annotations

import importlib
import importlib.metadata
from collections.abc import Callable, Sequence
from pathlib import Path
from types import ModuleType
from typing import Any

PACKAGE = "wikiextractor"
#: How to get it when it is missing.
INSTALL_HINT = ".venv/bin/pip install wikiextractor"
#: One article for :func:`cleaner`: page id, title and wikitext.
Article = tuple[str, str, str]


def load() -> tuple[ModuleType | None, str]:
    """``wikiextractor.extract``, or ``None`` and why not."""
    try:
        return importlib.import_module("wikiextractor.extract"), ""
    except ImportError as exc:
        return None, f"wikiextractor not installed ({exc}); run {INSTALL_HINT}"


def version() -> str:
    """The installed distribution's version, or ``?``."""
    try:
        return importlib.metadata.version(PACKAGE)
    except importlib.metadata.PackageNotFoundError:
        return "?"


def extractor_options(extract: ModuleType) -> dict[str, Any]:
    """The ``Extractor`` keyword arguments ``WikiExtractor``'s ``main()`` builds by default.

    No ``--links``, ``--html``, ``--json``, ``--text`` or ``--discard_empty``: links are not
    kept, so ``<a>`` joins the default ignored tags. ``knownNamespaces`` and
    ``templatePrefix`` keep their defaults (``{"Template"}`` and ``""``); the command line
    reads them from the dump's ``<siteinfo>``.
    """
    return {
        "keepLinks": False,
        "HtmlFormatting": False,
        "to_json": False,
        "to_text": False,
        "discard_empty": False,
        "ignored_tag_patterns": [*extract._DEFAULT_IGNORED_TAG_PATTERNS, extract.ignoreTag("a")],
    }


def cleaner(extract: ModuleType, *, expand_templates: bool) -> Callable[[Article], str]:
    """Clean one article from :func:`clean_inputs` as a ``WikiExtractor`` worker does.

    Returns the cleaned paragraphs joined by newlines (what ``Extractor.extract`` writes
    inside its ``<doc>`` element).
    """
    options = extractor_options(extract)

    def clean(article: Article) -> str:
        page_id, title, text = article
        extractor = extract.Extractor(page_id, page_id, "", title, [text], **options)
        paragraphs: list[str] = extractor.clean_text(text, expand_templates=expand_templates)
        return "\n".join(paragraphs)

    return clean


def clean_inputs(texts: Sequence[str], paths: Sequence[Path]) -> list[Article]:
    """``(page id, title, text)`` per article; the title comes from the file name."""
    return [
        (str(number), path.stem.replace("_", " "), text)
        for number, (path, text) in enumerate(zip(paths, texts, strict=True), start=1)
    ]


def command(dump: Path, out_dir: Path, *, processes: int, templates: bool) -> list[str]:
    """The ``WikiExtractor`` command line over ``dump`` (run with the current interpreter).

    ``-q`` only silences its progress log; ``--no-templates`` is added unless ``templates``.
    The output goes to ``out_dir`` in its default ``<doc>`` format, 1 MB per file.
    """
    argv = [
        "-m",
        "wikiextractor.WikiExtractor",
        str(dump),
        "-o",
        str(out_dir),
        "--processes",
        str(processes),
        "-q",
    ]
    return argv if templates else [*argv, "--no-templates"]
