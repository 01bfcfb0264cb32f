"""Parquet output: the JSON-lines records, in the same order, as typed Arrow columns."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.test_extract import dump_pages
from wikibio.cli import main
from wikibio.dumps import write_dump
from wikibio.records import ParquetSink, Recipe, arrow_schema, encode_records, page_record

pa = pytest.importorskip("pyarrow", reason="needs the parquet extra")
pq = pytest.importorskip("pyarrow.parquet", reason="needs the parquet extra")


@pytest.fixture(scope="module")
def dump(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A multistream dump of generated pages and corpus articles (ranges of 40 pages)."""
    path = tmp_path_factory.mktemp("dump") / "test-pages-articles-multistream.xml.bz2"
    write_dump(dump_pages(), path, pages_per_stream=40)
    return path


def _extract(tmp_path: Path, dump: Path, name: str, *argv: str) -> Path:
    out = tmp_path / name
    assert 0 == main(["extract", str(dump), "-o", str(out), "--jobs", "1", *argv])
    return out


def _jsonl(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_bytes().splitlines()]


def _same(record: dict[str, object], row: dict[str, object]) -> dict[str, object]:
    """The row restricted to the record's keys; every other column must be null."""
    assert all(value is None for key, value in row.items() if key not in record), record["title"]
    return {key: row[key] for key in record}


@pytest.mark.parametrize(
    "argv",
    [
        pytest.param((), id="default-fields"),
        pytest.param(("--fields", "lead,text,infobox,references", "--markdown"), id="fields"),
        pytest.param(("--format", "wikibio"), id="wikibio"),
    ],
)
def test_parquet_holds_the_jsonl_records_in_order(
    dump: Path, tmp_path: Path, argv: tuple[str, ...]
) -> None:
    """Read back with pyarrow, each row is the JSON record (nested fields as structs)."""
    records = _jsonl(_extract(tmp_path, dump, "out.jsonl", *argv))
    table = pq.read_table(_extract(tmp_path, dump, "out.parquet", *argv))

    assert len(records) == table.num_rows
    assert records == [_same(r, row) for r, row in zip(records, table.to_pylist(), strict=True)]


def test_format_parquet_without_the_suffix(dump: Path, tmp_path: Path) -> None:
    """``--format parquet`` writes Parquet whatever the file's name."""
    out = _extract(tmp_path, dump, "records.data", "--format", "parquet")

    assert b"PAR1" == out.read_bytes()[:4]


def test_pandas_reads_it(dump: Path, tmp_path: Path) -> None:
    """pandas gets a row per record with the identity and text columns."""
    pandas = pytest.importorskip("pandas")
    frame = pandas.read_parquet(_extract(tmp_path, dump, "out.parquet", "--fields", "lead"))

    assert ["title", "ns", "page_id", "revision_id", "timestamp", "lead", "error"] == list(
        frame.columns
    )
    assert "P 1 (born 1901) was.[1]" == frame.loc[0, "lead"]
    assert "Person 1 & <Co>" == frame.loc[0, "title"]


def test_nested_fields_are_structs_and_lists() -> None:
    """The Arrow schema follows the JSON Schema: objects as structs, arrays as lists."""
    schema = arrow_schema(Recipe(fields=("infobox", "sections", "categories")))

    assert (
        pa.struct([("iso", pa.string()), ("precision", pa.string()), ("circa", pa.bool_())])
        == schema.field("infobox").type.field("fields").type.value_type.field("date").type
    )
    assert (
        pa.list_(pa.struct([("title", pa.string()), ("level", pa.int64()), ("text", pa.string())]))
        == schema.field("sections").type
    )


def test_row_groups_stream(tmp_path: Path) -> None:
    """Batches are buffered up to the row-group size, then written: many groups, in order."""
    recipe = Recipe(fields=("lead",), encoding="arrow")
    pages = dump_pages()[:120]
    out = tmp_path / "groups.parquet"
    sink = ParquetSink(out, recipe, row_group_rows=25)
    for start in range(0, len(pages), 10):
        records = [page_record(page, format=recipe) for page in pages[start : start + 10]]
        sink.write(encode_records(records, recipe))
    sink.close()

    # Groups close at the first batch that reaches 25 rows: 30 rows each.
    assert (4, 120) == (pq.ParquetFile(out).num_row_groups, pq.read_table(out).num_rows)
    assert [p.title for p in pages] == pq.read_table(out).column("title").to_pylist()


def test_row_groups_are_bounded_in_bytes_too(tmp_path: Path) -> None:
    """Long pages close a row group before it reaches its row count."""
    recipe = Recipe(fields=("text",), encoding="arrow")
    pages = dump_pages()[:40]
    out = tmp_path / "bytes.parquet"
    sink = ParquetSink(out, recipe, row_group_rows=1000, row_group_bytes=1)
    for page in pages:
        sink.write(encode_records([page_record(page, format=recipe)], recipe))
    sink.close()

    assert 40 == pq.ParquetFile(out).num_row_groups


def test_lone_surrogates_become_replacement_characters() -> None:
    """Arrow strings are UTF-8: a lone surrogate is written as U+FFFD, not an error."""
    from wikibio.dumps import Page

    page = Page(title="S", ns=0, page_id=1, revision_id=1, timestamp=None, redirect=None,
                text="a\ud800b")  # fmt: skip
    recipe = Recipe(fields=("text",), encoding="arrow")
    table = pa.ipc.open_stream(encode_records([page_record(page, format=recipe)], recipe))

    assert ["a\ufffdb"] == table.read_all().column("text").to_pylist()


def test_dask_writes_a_parquet_dataset(dump: Path, tmp_path: Path) -> None:
    """``wikibio.dask.extract(..., parquet=DIR)``: one file per partition, dump order."""
    distributed = pytest.importorskip("distributed", reason="needs the dask extra")
    from wikibio.dask import extract
    from wikibio.dumps import partitions
    from wikibio.records import Selection

    records = _jsonl(_extract(tmp_path, dump, "out.jsonl", "--fields", "lead,categories"))
    folder = tmp_path / "dataset"
    with (
        distributed.LocalCluster(
            n_workers=1, threads_per_worker=2, processes=False, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        recipe = Recipe(fields=("lead", "categories"))
        batches = list(extract(dump, Selection(), client, format=recipe, parquet=folder))

    files = sorted(folder.glob("part-*.parquet"))
    rows = pq.read_table(folder).to_pylist()
    assert len(partitions(dump)) == len(files) == len(batches)
    assert all(b"" == batch.data for batch in batches)
    assert records == [_same(r, row) for r, row in zip(records, rows, strict=True)]
