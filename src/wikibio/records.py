"""The records ``wikibio extract`` and ``wikibio json`` write: one object per page, deterministic.

Two formats (``docs/dumps.md`` documents every key):

- ``json``: the page's identity (title, namespace, page and revision ids, timestamp), then
  the selected fields (``FIELDS``): ``is_biography``, ``lead``, ``text`` and ``markdown``
  (the reading view), ``infobox`` (fields with value, text, date, list items and links),
  ``sections`` (title, level, text), ``references`` (number, backlinks, text, citation),
  ``categories`` (with sort keys) and ``diagnostics``.  The JSON Schema
  ``wikibio/data/record.schema.json`` (``record_schema()``) describes it; Parquet columns
  follow it (``arrow_schema()``).
- ``wikibio``: WikiBio-style records (Lebret et al., 2016): the infobox as
  ``field_i:token`` pairs and the first sentence of the lead as plain text.

A page whose analysis raises gets a record with the page's identity and ``error``
instead of the analysis: one bad page never stops a run.

Examples:
    >>> from wikibio.dumps import Page
    >>> from wikibio.records import Recipe, page_record
    >>> page = Page(title="Ada", ns=0, page_id=1, revision_id=2, timestamp=None, redirect=None,
    ...             text="{{Infobox person|name=Ada Lovelace|birth_date=10 December 1815}}\\n"
    ...                  "'''Ada''' was a writer.\\n== Life ==\\nShe wrote.")
    >>> record = page_record(page)
    >>> record["lead"], record["sections"]
    ('Ada was a writer.', [{'title': 'Life', 'level': 2, 'text': 'She wrote.'}])
    >>> record["infobox"]["fields"][1]["date"]
    {'iso': '1815-12-10', 'precision': 'day', 'circa': False}
    >>> page_record(page, format=Recipe(fields="lead,categories"))  # doctest: +NORMALIZE_WHITESPACE
    {'title': 'Ada', 'ns': 0, 'page_id': 1, 'revision_id': 2, 'timestamp': None,
     'lead': 'Ada was a writer.', 'categories': []}
    >>> page_record(page, format="wikibio")["box"][:2]
    ['name_1:ada', 'name_2:lovelace']
"""

from __future__ import annotations

import io
import json
import os
import re
from collections.abc import Iterable, Sequence
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Final, Literal

import orjson
from attrs import field, frozen

from wikibio._gc import pausing
from wikibio.biography import detect_biography
from wikibio.document import Article, parse
from wikibio.dumps import Page
from wikibio.errors import WikibioError
from wikibio.expand import TemplateSource
from wikibio.record_fields import Record, json_fields
from wikibio.site import Site
from wikibio.syntax.inline import plain_text as inline_plain_text

if TYPE_CHECKING:
    import pyarrow

__all__ = [
    "DEFAULT_FIELDS",
    "FIELDS",
    "Encoding",
    "Format",
    "ParquetSink",
    "Recipe",
    "Selection",
    "UnknownFieldError",
    "arrow_schema",
    "article_record",
    "as_recipe",
    "encode_records",
    "first_sentence",
    "import_pyarrow",
    "json_line",
    "page_record",
    "record_schema",
    "render_records",
    "select_records",
    "write_parquet",
]

Format = Literal["json", "wikibio"]
#: How a batch of records is encoded: JSON lines, or an Arrow IPC stream (for Parquet).
Encoding = Literal["jsonl", "arrow"]

#: The keys every record starts with.
IDENTITY: Final = ("title", "ns", "page_id", "revision_id", "timestamp")
#: The fields a ``json`` record can hold after its identity, in record order.
FIELDS: Final = (
    "is_biography",
    "lead",
    "text",
    "markdown",
    "infobox",
    "sections",
    "references",
    "categories",
    "diagnostics",
)
#: The fields of a ``json`` record when none are chosen (``markdown`` only on request).
DEFAULT_FIELDS: Final = tuple(name for name in FIELDS if name != "markdown")
#: The fields of a ``wikibio`` record.
WIKIBIO_FIELDS: Final = ("is_biography", "box", "sentence")

_TOKEN: Final = re.compile(r"\w+(?:[-'\u2019.]\w+)*|[^\w\s]", re.UNICODE)
#: Words after which a full stop does not end a sentence.
_ABBREVIATIONS: Final = frozenset(
    "mr mrs ms dr prof st jr sr gen col lt capt sgt rev hon no vol c ca fl b d approx "
    "inc ltd co corp bros vs etc e.g i.e u.s u.k jan feb mar apr jun jul aug sep sept oct "
    "nov dec".split()
)
_SENTENCE_END: Final = re.compile(r"[.!?\u3002\uff01\uff1f]+[\"'\u201d\u2019)\]]*(?=\s|$)")
_SURROGATE: Final = re.compile("[\ud800-\udfff]")


class UnknownFieldError(WikibioError, ValueError):
    """A field name that records do not have."""


@frozen(kw_only=True)
class Selection:
    """Which pages of a dump become records."""

    #: Namespace of the pages kept (``0``: articles); ``None`` keeps every namespace.
    namespace: int | None = 0
    #: Keep redirects (skipped by default: they have no content).
    redirects: bool = False
    #: Keep only pages ``detect_biography`` calls biographies
    #: (pages whose analysis failed are kept, so failures are never silent).
    biographies: bool = False

    def wants(self, page: Page) -> bool:
        """Whether ``page`` passes the namespace and redirect filters."""
        if self.namespace is not None and page.ns != self.namespace:
            return False
        return self.redirects or page.redirect is None


def _check_fields(fields: Iterable[str] | None) -> tuple[str, ...] | None:
    if fields is None:
        return None
    if isinstance(fields, str):
        fields = fields.split(",")
    chosen = tuple(name.strip() for name in fields)
    unknown = [name for name in chosen if name not in FIELDS]
    if unknown:
        raise UnknownFieldError(f"unknown field {unknown[0]!r}; records have: {', '.join(FIELDS)}")
    return tuple(name for name in FIELDS if name in chosen)


@frozen(kw_only=True)
class Recipe:
    """What goes into each record and how a batch of records is encoded.

    Raises:
        UnknownFieldError: a name in ``fields`` is not one of ``FIELDS``.
    """

    #: ``"json"`` (the full record) or ``"wikibio"``.
    format: Format = "json"
    #: The ``json`` fields after the identity, in any order (records keep ``FIELDS``
    #: order); ``None`` for ``DEFAULT_FIELDS``.  A comma-separated string works too.
    fields: tuple[str, ...] | None = field(default=None, converter=_check_fields)
    #: Add ``markdown`` to the fields.
    markdown: bool = False
    #: ``"jsonl"`` or ``"arrow"`` (an Arrow IPC stream, for Parquet).
    encoding: Encoding = "jsonl"
    #: The SQLite template index (``wikibio.sources.from_dump``) to expand each page
    #: with (``wikibio extract --expand``); ``None`` reads pages without templates.
    #: A path, so that worker processes open the index themselves.
    templates: str | None = None

    @property
    def columns(self) -> tuple[str, ...]:
        """The record's keys after the identity, in order."""
        if self.format == "wikibio":
            return WIKIBIO_FIELDS
        chosen = set(DEFAULT_FIELDS if self.fields is None else self.fields)
        if self.markdown:
            chosen.add("markdown")
        return tuple(name for name in FIELDS if name in chosen)


def as_recipe(format: Format | Recipe) -> Recipe:
    """A recipe for ``format`` (a ``Recipe`` is returned as it is)."""
    return format if isinstance(format, Recipe) else Recipe(format=format)


def _identity(page: Page) -> Record:
    return {
        "title": page.title,
        "ns": page.ns,
        "page_id": page.page_id,
        "revision_id": page.revision_id,
        "timestamp": page.timestamp,
    }


def article_record(
    article: Article,
    *,
    fields: Iterable[str] | None = None,
    markdown: bool = False,
    identity: Record | None = None,
) -> Record:
    """The ``json`` record of an article (``wikibio json`` writes it for a file).

    >>> import wikibio
    >>> from wikibio.records import article_record
    >>> article = wikibio.parse("Text.\\n[[Category:People|Smith]]", title="Smith")
    >>> record = article_record(article, fields=["text", "categories"])
    >>> list(record)
    ['title', 'ns', 'page_id', 'revision_id', 'timestamp', 'text', 'categories']
    >>> record["text"], record["categories"]
    ('Text.', [{'name': 'People', 'sort_key': 'Smith'}])

    Args:
        article: The parsed page.
        fields: The fields to include (default ``DEFAULT_FIELDS``), see ``FIELDS``.
        markdown: Include ``markdown`` too.
        identity: The identity keys; default: the article's title and ``None`` for the rest.

    Raises:
        UnknownFieldError: a name in ``fields`` is not one of ``FIELDS``.
    """
    recipe = Recipe(fields=None if fields is None else tuple(fields), markdown=markdown)
    if identity is None:
        identity = dict.fromkeys(IDENTITY)
        identity["title"] = article.title
    return json_fields(identity, article, recipe.columns)


def tokens(text: str) -> list[str]:
    """WikiBio's tokens: words and punctuation marks, lower case."""
    return [token.lower() for token in _TOKEN.findall(text)]


def _wikibio_record(identity: Record, article: Article) -> Record:
    box: list[str] = []
    infobox = article.infobox
    if infobox is not None:
        for name, value in infobox.items():
            label = "_".join(name.split()) or "_"
            words = tokens(value.text)
            box.extend(f"{label}_{i}:{word}" for i, word in enumerate(words, 1))
    return {
        **identity,
        "is_biography": detect_biography(article).is_biography,
        "box": box,
        "sentence": first_sentence(str(article.lead)),
    }


def first_sentence(wikitext: str) -> str:
    """The first sentence of a lead's first paragraph, as plain text.

    Templates (infoboxes, hatnotes), comments, references, files and categories vanish;
    the first line with words is the first paragraph, cut after the first full stop that
    does not follow an abbreviation or an initial (``J. R. R. Tolkien``).

    >>> first_sentence("{{Infobox}}\\n'''J. R. R. Tolkien''' (born 1892) was a writer. He...")
    'J. R. R. Tolkien (born 1892) was a writer.'
    """
    text = inline_plain_text(wikitext)
    paragraph = next((line.strip() for line in text.split("\n") if _has_words(line)), "")
    for match in _SENTENCE_END.finditer(paragraph):
        before = paragraph[: match.start()].rsplit(None, 1)
        word = before[-1].lower() if before else ""
        if match.group().startswith(".") and (len(word) == 1 or word in _ABBREVIATIONS):
            continue
        return paragraph[: match.end()].strip()
    return paragraph


def _has_words(line: str) -> bool:
    return any(c.isalpha() for c in line)


@pausing
def page_record(
    page: Page, *, format: Format | Recipe = "json", site: Site | None = None
) -> Record:
    """The record of one page; never raises for the page's content.

    Args:
        page: The page from the dump.
        format: ``"json"`` (the full record), ``"wikibio"``, or a ``Recipe`` that also
            chooses the fields.
        site: The dump's wiki (``wikibio.dumps.dump_site``); default ``Site.default()``.

    Returns:
        The record, keys in a fixed order; ``{…identity, "error": "…"}`` if analysing
        the page raised.
    """
    recipe = as_recipe(format)
    identity = _identity(page)
    if page.error is not None:
        return {**identity, "error": f"DumpError: {page.error}"}
    try:
        templates = None if recipe.templates is None else _index(recipe.templates)
        article = parse(page.text, title=page.title, site=site, templates=templates)
        if recipe.format == "wikibio":
            return _wikibio_record(identity, article)
        return json_fields(identity, article, recipe.columns)
    except Exception as error:  # one bad page never stops a run
        return {**identity, "error": f"{type(error).__name__}: {error}"}


@cache
def _index(path: str) -> TemplateSource:
    """The template index at ``path``, opened once per process."""
    # Imported here: the template sources bring sqlite3 and urllib, which only expansion uses.
    from wikibio.sources import from_index

    return from_index(path)


def select_records(
    pages: Iterable[Page],
    selection: Selection,
    *,
    format: Format | Recipe = "json",
    site: Site | None = None,
) -> list[Record]:
    """The records of the selected pages, in order (``site``: the dump's wiki)."""
    recipe = as_recipe(format)
    records: list[Record] = []
    for page in pages:
        if not selection.wants(page):
            continue
        record = page_record(page, format=recipe, site=site)
        if selection.biographies and record.get("is_biography") is False:
            continue
        records.append(record)
    return records


def render_records(
    pages: Iterable[Page],
    selection: Selection,
    *,
    format: Format | Recipe = "json",
    site: Site | None = None,
) -> list[str]:
    """The JSON lines (with their newline) of the selected pages, in order."""
    return [
        json_line(record).decode("utf-8")
        for record in select_records(pages, selection, format=format, site=site)
    ]


def encode_records(records: Sequence[Record], recipe: Recipe) -> bytes:
    """A batch of records as ``recipe.encoding`` says: JSON lines, or an Arrow IPC stream.

    JSON keeps lone surrogates (escaped); Arrow strings are UTF-8, so there they become
    U+FFFD.
    """
    if recipe.encoding == "arrow":
        return _arrow_stream(records, recipe)
    return b"".join(map(json_line, records))


#: JSON lines are compact: no blank after ``,`` or ``:`` (as ``orjson`` writes them).
_COMPACT: Final = (",", ":")


def json_line(record: Record) -> bytes:
    """One record as a line of JSON: compact, UTF-8, keys in record order, with its newline.

    PERF: ``orjson`` writes it, several times faster than ``json`` on records with a page's
    text.  What ``orjson`` refuses (a lone surrogate, an integer beyond 64 bits) ``json``
    writes in the same form, with a page's lone surrogates (and then all its non-ASCII
    characters) escaped.

    Examples:
        >>> json_line({"title": "Ada", "text": "Zürich, 徐", "n": [1, None, True]}).decode()
        '{"title":"Ada","text":"Zürich, 徐","n":[1,null,true]}\\n'
        >>> json_line({"title": "Zürich \\ud800"})
        b'{"title":"Z\\\\u00fcrich \\\\ud800"}\\n'
    """
    try:
        return orjson.dumps(record, option=orjson.OPT_APPEND_NEWLINE)
    except TypeError:  # orjson.JSONEncodeError
        line = json.dumps(record, ensure_ascii=False, separators=_COMPACT)
        try:
            return line.encode("utf-8") + b"\n"
        except UnicodeEncodeError:
            return json.dumps(record, separators=_COMPACT).encode("ascii") + b"\n"


# --- schemas ---------------------------------------------------------------------------


@cache
def record_schema(format: Format = "json") -> dict[str, object]:
    """The JSON Schema of a record (``wikibio/data/record.schema.json``, or the WikiBio one).

    Examples:
        >>> from wikibio.records import record_schema
        >>> list(record_schema()["properties"])[:6]
        ['title', 'ns', 'page_id', 'revision_id', 'timestamp', 'is_biography']
    """
    name = "record.schema.json" if format == "json" else "wikibio.schema.json"
    text = resources.files("wikibio").joinpath(f"data/{name}").read_text("utf-8")
    schema: dict[str, object] = json.loads(text)
    return schema


def import_pyarrow() -> object:
    """``pyarrow``, or an ImportError that names the extra to install."""
    try:
        import pyarrow
    except ImportError as error:
        raise ImportError(
            "writing Parquet needs pyarrow: pip install 'wikibio[parquet]'"
        ) from error
    return pyarrow


def arrow_schema(recipe: Recipe | None = None) -> pyarrow.Schema:
    """The Arrow schema of the records ``recipe`` makes, read from the JSON Schema.

    Columns: the identity, the recipe's fields, then ``error`` (null but on failed pages).
    Objects become structs, arrays lists, ``["string", "null"]`` a nullable string.

    Raises:
        ImportError: pyarrow is not installed (``pip install 'wikibio[parquet]'``).
    """
    import_pyarrow()
    return _arrow_schema(recipe or Recipe())


@cache
def _arrow_schema(recipe: Recipe) -> pyarrow.Schema:
    import pyarrow as pa

    schema = record_schema(recipe.format)
    properties = schema["properties"]
    assert isinstance(properties, dict)
    names = (*IDENTITY, *recipe.columns, "error")
    return pa.schema(
        [pa.field(name, _arrow_type(properties[name], schema), nullable=True) for name in names]
    )


def _arrow_type(node: object, root: dict[str, object]) -> pyarrow.DataType:
    import pyarrow as pa

    assert isinstance(node, dict)
    if "$ref" in node:
        ref = str(node["$ref"]).removeprefix("#/$defs/")
        defs = root["$defs"]
        assert isinstance(defs, dict)
        return _arrow_type(defs[ref], root)
    if "oneOf" in node:
        (typed,) = [o for o in node["oneOf"] if o.get("type") != "null"]
        return _arrow_type(typed, root)
    kinds = node["type"]
    kind = next(k for k in kinds if k != "null") if isinstance(kinds, list) else kinds
    if kind == "string":
        return pa.string()
    if kind == "integer":
        return pa.int64()
    if kind == "boolean":
        return pa.bool_()
    if kind == "array":
        return pa.list_(_arrow_type(node["items"], root))
    assert kind == "object", kind
    properties = node["properties"]
    return pa.struct([pa.field(name, _arrow_type(sub, root)) for name, sub in properties.items()])


def _arrow_stream(records: Sequence[Record], recipe: Recipe) -> bytes:
    import pyarrow as pa

    schema = arrow_schema(recipe)
    try:
        table = pa.Table.from_pylist(list(records), schema=schema)
    except (UnicodeEncodeError, pa.ArrowInvalid):
        table = pa.Table.from_pylist([_scrub(r) for r in records], schema=schema)
    sink = io.BytesIO()
    with pa.ipc.new_stream(sink, schema) as writer:
        writer.write_table(table)
    return sink.getvalue()


def _scrub(value: object) -> object:
    """``value`` with lone surrogates replaced by U+FFFD (Arrow strings are UTF-8)."""
    if isinstance(value, str):
        return _SURROGATE.sub("\ufffd", value)
    if isinstance(value, dict):
        return {key: _scrub(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_scrub(item) for item in value]
    return value


class ParquetSink:
    """Writes Arrow-encoded batches (``Recipe(encoding="arrow")``) to one Parquet file.

    Batches are buffered up to ``row_group_rows`` rows or ``row_group_bytes`` bytes of
    Arrow data, whichever comes first, and written as one row group, so memory stays flat
    however long the dump is and however long its pages; the rows keep the batches' order.

    Raises:
        ImportError: pyarrow is not installed (``pip install 'wikibio[parquet]'``).
        OSError: the file cannot be written.
    """

    def __init__(
        self,
        path: str | os.PathLike[str],
        recipe: Recipe,
        *,
        row_group_rows: int = 1024,
        row_group_bytes: int = 64 << 20,
    ) -> None:
        import_pyarrow()
        import pyarrow.parquet as pq

        self._schema = arrow_schema(recipe)
        self._writer = pq.ParquetWriter(os.fspath(path), self._schema, compression="zstd")
        self._pending: list[pyarrow.Table] = []
        self._rows = self._bytes = 0
        self._limit = row_group_rows
        self._byte_limit = row_group_bytes

    def write(self, data: bytes) -> None:
        """Add one batch's Arrow IPC stream."""
        import pyarrow as pa

        if not data:
            return
        table = pa.ipc.open_stream(data).read_all()
        self._pending.append(table)
        self._rows += table.num_rows
        self._bytes += table.nbytes
        if self._rows >= self._limit or self._bytes >= self._byte_limit:
            self._flush()

    def _flush(self) -> None:
        import pyarrow as pa

        if self._pending:
            table = pa.concat_tables(self._pending)
            self._writer.write_table(table, row_group_size=max(table.num_rows, 1))
        self._pending, self._rows, self._bytes = [], 0, 0

    def close(self) -> None:
        """Write what is buffered and close the file."""
        try:
            self._flush()
        finally:
            self._writer.close()


def write_parquet(data: bytes, path: str | os.PathLike[str], recipe: Recipe) -> None:
    """One batch's Arrow IPC stream as a Parquet file of its own (a dataset's part)."""
    sink = ParquetSink(path, recipe, row_group_rows=1 << 30, row_group_bytes=1 << 62)
    try:
        sink.write(data)
    finally:
        sink.close()
