"""Template sources: a mapping, a directory of ``.wikitext`` files, or an XML dump indexed
into SQLite.

Every source answers ``get("Template:Foo") -> str | None`` for full titles in canonical
form (see ``TemplateSource``) and carries the ``site`` whose namespace names it knows.

``from_dump`` reads the dump once, streaming, and writes every page outside the main
namespace (templates, modules, their redirects, project and help pages) into an SQLite
file beside the dump: one table keyed by (namespace, title), WAL journal.  The index
records the dump's size and modification time and is rebuilt when they change; a
lookup is one primary-key probe.
"""

from __future__ import annotations

import bz2
import gzip
import json
import os
import sqlite3
import threading
import urllib.parse
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO, Final, cast
from xml.etree import ElementTree

from wikibio.errors import WikibioError
from wikibio.expand.titles import make_title
from wikibio.site.expansion import ExpansionSite

__all__ = [
    "DirectorySource",
    "DumpSource",
    "TemplateSourceError",
    "from_directory",
    "from_dump",
    "from_index",
    "is_index",
]

_SCHEMA_VERSION: Final = "2"
_BATCH: Final = 500


class TemplateSourceError(WikibioError):
    """A template source cannot be opened (missing path, unreadable dump or index)."""


class _TitleSource:
    """Shared lookup: a canonical title → (namespace, name) through the site's names."""

    site: ExpansionSite

    def _key(self, title: str) -> tuple[int, str] | None:
        parsed = make_title(title, 0, self.site)
        if parsed is None:
            return None
        return parsed.namespace, parsed.text


class DirectorySource(_TitleSource):
    """Pages stored as files named by title: ``Template:Foo.wikitext``.

    A ``/`` of a subpage is written ``%2F`` (and ``:`` may be ``%3A`` where the file
    system refuses colons); the name is read with URL decoding.
    """

    def __init__(self, path: Path, site: ExpansionSite) -> None:
        if not path.is_dir():
            raise TemplateSourceError(f"{path} is not a directory of .wikitext files")
        self.site = site
        self._files: dict[tuple[int, str], Path] = {}
        for file in sorted(path.iterdir()):
            if file.suffix != ".wikitext" or not file.is_file():
                continue
            key = self._key(urllib.parse.unquote(file.stem))
            if key is not None:
                self._files[key] = file

    def get(self, title: str) -> str | None:
        """The text of page ``title``, or None."""
        key = self._key(title)
        file = self._files.get(key) if key is not None else None
        return None if file is None else file.read_text(encoding="utf-8")

    def __len__(self) -> int:
        return len(self._files)


def from_directory(
    path: str | os.PathLike[str], *, site: ExpansionSite | None = None
) -> DirectorySource:
    """A source reading ``Template:Foo.wikitext``-style files from ``path``.

    Raises:
        TemplateSourceError: when ``path`` is not a directory.
    """
    return DirectorySource(
        Path(path), site if site is not None else ExpansionSite.english_wikipedia()
    )


def _open(path: Path) -> tuple[BinaryIO, BinaryIO]:
    """The dump's decompressed stream and the file under it (the same for plain XML)."""
    raw = path.open("rb")
    head = raw.read(3)
    raw.seek(0)
    if head.startswith(b"BZh"):
        return cast(BinaryIO, bz2.BZ2File(raw)), raw
    if head.startswith(b"\x1f\x8b"):
        return cast(BinaryIO, gzip.GzipFile(fileobj=raw)), raw
    return raw, raw


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _read_dump(
    path: Path,
) -> tuple[dict[int, str], set[int], Iterator[tuple[int, str, str]], Callable[[], int]]:
    """The dump's namespace names, its case-sensitive namespaces, its pages, and a position.

    The namespaces are read first (they precede the pages); the pages are a generator
    that clears each element once read, so memory stays flat.  The position is how many
    bytes of the file (compressed, for a compressed dump) have been read so far.
    """
    stream, raw = _open(path)

    def position() -> int:
        try:
            return int(raw.tell())
        except (OSError, ValueError):
            return 0

    events = ElementTree.iterparse(stream, events=("start", "end"))
    names: dict[int, str] = {}
    case_sensitive: set[int] = set()
    root: ElementTree.Element | None = None
    pending: list[tuple[str, ElementTree.Element]] = []
    for event, element in events:
        tag = _local(element.tag)
        if root is None:
            root = element
        if event == "end" and tag == "namespace":
            key = int(element.get("key", "0"))
            names[key] = element.text or ""
            if element.get("case") == "case-sensitive":
                case_sensitive.add(key)
        if event == "end" and tag == "siteinfo":
            break
        if event == "start" and tag == "page":
            pending.append((event, element))
            break

    def pages() -> Iterator[tuple[int, str, str]]:
        try:
            title = ""
            namespace = 0
            text = ""
            for event, element in events:
                if event != "end":
                    continue
                tag = _local(element.tag)
                if tag == "title":
                    title = element.text or ""
                elif tag == "ns":
                    namespace = int(element.text or "0")
                elif tag == "text":
                    text = element.text or ""
                elif tag == "page":
                    # Articles are not kept, only their titles (for #ifexist).
                    yield namespace, title, text if namespace != 0 else ""
                    title, namespace, text = "", 0, ""
                    if root is not None:
                        root.clear()
        finally:
            stream.close()
            if raw is not stream:
                raw.close()

    return names, case_sensitive, pages(), position


class DumpSource(_TitleSource):
    """Non-article pages of an XML dump, read from their SQLite index."""

    def __init__(self, index: Path, site: ExpansionSite) -> None:
        self.site = site
        self.index = index
        self._local = threading.local()

    def _connection(self) -> sqlite3.Connection:
        connection: sqlite3.Connection | None = getattr(self._local, "connection", None)
        if connection is None:
            connection = sqlite3.connect(f"file:{self.index}?mode=ro", uri=True)
            self._local.connection = connection
        return connection

    def get(self, title: str) -> str | None:
        """The text of page ``title``, or None."""
        key = self._key(title)
        if key is None:
            return None
        row = (
            self._connection()
            .execute("SELECT text FROM pages WHERE ns = ? AND title = ?", key)
            .fetchone()
        )
        return None if row is None else str(row[0])

    def exists(self, title: str) -> bool:
        """Whether the dump has page ``title`` (articles too, whose text is not kept)."""
        key = self._key(title)
        if key is None:
            return False
        connection = self._connection()
        if key[0] == 0:
            query = "SELECT 1 FROM articles WHERE title = ?"
            return connection.execute(query, (key[1],)).fetchone() is not None
        query = "SELECT 1 FROM pages WHERE ns = ? AND title = ?"
        return connection.execute(query, key).fetchone() is not None

    def __len__(self) -> int:
        """The number of non-article pages indexed."""
        return int(self._connection().execute("SELECT count(*) FROM pages").fetchone()[0])


def _stamp(path: Path) -> dict[str, str]:
    stat = path.stat()
    return {
        "schema": _SCHEMA_VERSION,
        "dump_size": str(stat.st_size),
        "dump_mtime_ns": str(stat.st_mtime_ns),
    }


def _meta(connection: sqlite3.Connection) -> dict[str, str]:
    try:
        return dict(connection.execute("SELECT key, value FROM meta").fetchall())
    except sqlite3.DatabaseError:
        return {}


def _site_from_meta(meta: dict[str, str]) -> ExpansionSite:
    names = {int(k): v for k, v in json.loads(meta.get("namespaces", "{}")).items()}
    case_sensitive = json.loads(meta.get("case_sensitive", "[]"))
    return ExpansionSite.from_names(names, case_sensitive=case_sensitive)


def from_dump(
    path: str | os.PathLike[str],
    *,
    index: str | os.PathLike[str] | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> DumpSource:
    """The non-article pages of an XML dump, indexed once into SQLite.

    Args:
        path: A pages-articles dump (plain XML, ``.bz2`` or ``.gz``).
        index: The SQLite file; ``<dump>.templates.sqlite`` beside the dump by default.
            It is reused when it records the dump's current size and modification time.
        progress: Called every 500 pages read with the pages indexed so far and the bytes
            of the dump file read so far (compressed bytes for a compressed dump), and
            once at the end (``wikibio index`` draws its progress bar with it).

    Raises:
        TemplateSourceError: when the dump cannot be read or the index written.
    """
    dump = Path(path)
    if not dump.is_file():
        raise TemplateSourceError(f"no dump at {dump}; give the path of an XML dump")
    target = Path(index) if index is not None else dump.with_name(dump.name + ".templates.sqlite")
    stamp = _stamp(dump)
    if target.is_dir():
        raise TemplateSourceError(f"cannot write the index {target}: it is a directory")
    if target.exists():
        try:
            with sqlite3.connect(target) as connection:
                meta = _meta(connection)
            connection.close()
        except sqlite3.Error:
            meta = {}  # not an index: built anew
        if all(meta.get(k) == v for k, v in stamp.items()) and meta.get("complete") == "1":
            return DumpSource(target, _site_from_meta(meta))
    try:
        _build_index(dump, target, stamp, progress)
    except (OSError, sqlite3.Error, ElementTree.ParseError, EOFError) as error:
        raise TemplateSourceError(f"cannot index {dump} into {target}: {error}") from error
    with sqlite3.connect(target) as connection:
        meta = _meta(connection)
    connection.close()
    return DumpSource(target, _site_from_meta(meta))


def from_index(path: str | os.PathLike[str]) -> DumpSource:
    """A source reading an index ``from_dump`` built, without its dump.

    The index is used as it is, even if its dump has changed since (``from_dump``
    checks that); a worker process opening the index its parent built uses this.

    Raises:
        TemplateSourceError: ``path`` is not a complete index.
    """
    target = Path(path)
    if not target.is_file():
        raise TemplateSourceError(f"no index at {target}; build one with `wikibio index DUMP`")
    try:
        with sqlite3.connect(f"file:{target}?mode=ro", uri=True) as connection:
            meta = _meta(connection)
        connection.close()
    except sqlite3.Error as error:
        raise TemplateSourceError(f"cannot read the index {target}: {error}") from error
    if meta.get("complete") != "1" or meta.get("schema") != _SCHEMA_VERSION:
        raise TemplateSourceError(
            f"{target} is not a complete template index of this version; "
            "rebuild it with `wikibio index DUMP`"
        )
    return DumpSource(target, _site_from_meta(meta))


def is_index(path: str | os.PathLike[str]) -> bool:
    """Whether ``path`` is an SQLite file (an index, not a dump), by its header."""
    try:
        with open(path, "rb") as file:
            return file.read(16) == b"SQLite format 3\x00"
    except OSError:
        return False


def _build_index(
    dump: Path,
    target: Path,
    stamp: dict[str, str],
    progress: Callable[[int, int], None] | None,
) -> None:
    partial = target.with_name(target.name + ".partial")
    for stale in (partial, Path(f"{partial}-wal"), Path(f"{partial}-shm")):
        stale.unlink(missing_ok=True)
    connection = sqlite3.connect(partial)
    try:
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute("PRAGMA synchronous=OFF")
        connection.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
        connection.execute(
            "CREATE TABLE pages (ns INTEGER NOT NULL, title TEXT NOT NULL, text TEXT NOT NULL,"
            " PRIMARY KEY (ns, title)) WITHOUT ROWID"
        )
        connection.execute("CREATE TABLE articles (title TEXT PRIMARY KEY) WITHOUT ROWID")
        names, case_sensitive, pages, position = _read_dump(dump)
        seen = 0
        site = ExpansionSite.from_names(names, case_sensitive=case_sensitive)
        batch: list[tuple[int, str, str]] = []
        count = 0
        articles: list[tuple[str]] = []
        for namespace, title, text in pages:
            seen += 1
            if progress is not None and seen % _BATCH == 0:
                progress(count, position())
            if namespace == 0:
                articles.append((title,))
                if len(articles) >= _BATCH:
                    connection.executemany("INSERT OR IGNORE INTO articles VALUES (?)", articles)
                    articles.clear()
                continue
            parsed = make_title(title, 0, site)
            name = parsed.text if parsed is not None and parsed.namespace == namespace else title
            batch.append((namespace, name, text))
            count += 1
            if len(batch) >= _BATCH:
                connection.executemany("INSERT OR REPLACE INTO pages VALUES (?, ?, ?)", batch)
                batch.clear()
        connection.executemany("INSERT OR REPLACE INTO pages VALUES (?, ?, ?)", batch)
        connection.executemany("INSERT OR IGNORE INTO articles VALUES (?)", articles)
        if progress is not None:
            progress(count, dump.stat().st_size)
        meta = {
            **stamp,
            "namespaces": json.dumps({str(k): v for k, v in names.items()}),
            "case_sensitive": json.dumps(sorted(case_sensitive)),
            "complete": "1",
        }
        connection.executemany("INSERT INTO meta VALUES (?, ?)", meta.items())
        connection.commit()
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        connection.close()
    for old in (target, Path(f"{target}-wal"), Path(f"{target}-shm")):
        old.unlink(missing_ok=True)
    partial.replace(target)
    Path(f"{partial}-wal").unlink(missing_ok=True)
    Path(f"{partial}-shm").unlink(missing_ok=True)
