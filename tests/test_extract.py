"""``wikibio extract``: identical output for every engine, faults, formats, one bad page."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import CORPUS
from tests.test_dumps import make_pages
from wikibio.cli import main
from wikibio.dumps import Page, partitions, write_dump
from wikibio.records import json_line, record_schema

#: Corpus pages in the test dump (enough for several ranges; parsing stays ~1 s).
CORPUS_PAGES = 60


def dump_pages() -> list[Page]:
    """Generated pages, a redirect, a talk page, and (when present) real corpus articles."""
    pages = make_pages(150)
    pages.append(
        Page(
            title="Old name",
            ns=0,
            page_id=900,
            revision_id=901,
            timestamp=None,
            redirect="Person 1 & <Co>",
            text="#REDIRECT [[Person 1 & <Co>]]",
        )
    )
    pages.append(
        Page(
            title="Talk:Person 1",
            ns=1,
            page_id=902,
            revision_id=903,
            timestamp=None,
            redirect=None,
            text="Talk.",
        )
    )
    files = sorted(CORPUS.glob("*.wikitext"))[:CORPUS_PAGES] if CORPUS.exists() else []
    for number, file in enumerate(files, 1000):
        pages.append(
            Page(
                title=file.stem.replace("_", " "),
                ns=0,
                page_id=number,
                revision_id=number,
                timestamp="2024-01-01T00:00:00Z",
                redirect=None,
                text=file.read_text(encoding="utf-8"),
            )
        )
    return pages


@pytest.fixture(scope="module")
def dump(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A multistream dump (ranges of 40 pages) with its index."""
    path = tmp_path_factory.mktemp("dump") / "test-pages-articles-multistream.xml.bz2"
    write_dump(dump_pages(), path, pages_per_stream=40)
    return path


@pytest.fixture(scope="module")
def expected(dump: Path, tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """The output of ``--jobs 1``, against which every other engine is compared."""
    out = tmp_path_factory.mktemp("out") / "one.jsonl"
    assert 0 == main(["extract", str(dump), "-o", str(out), "--jobs", "1"])
    return out.read_bytes()


def run(tmp_path: Path, *argv: str) -> tuple[int, bytes]:
    out = tmp_path / "out.jsonl"
    status = main(["extract", *argv, "-o", str(out)])
    return status, out.read_bytes() if out.exists() else b""


def test_one_record_per_article(expected: bytes) -> None:
    """Namespace 0 without redirects, in dump order, every key of the schema."""
    records = [json.loads(line) for line in expected.splitlines()]
    titles = [r["title"] for r in records]

    assert "Old name" not in titles and "Talk:Person 1" not in titles
    assert "Person 1 & <Co>" == titles[0]
    assert [
        "title",
        "ns",
        "page_id",
        "revision_id",
        "timestamp",
        "is_biography",
        "lead",
        "text",
        "infobox",
        "sections",
        "references",
        "categories",
        "diagnostics",
    ] == list(records[0])
    assert "P 1 (born 1901) was.[1]" == records[0]["lead"]
    assert (
        'P 1\n\nP 1 (born 1901) was.[1]\n\nLife\n\nText "quoted" & bold.\n\n  1. ^ R'
        == (records[0]["text"])
    )
    assert {
        "template": "Infobox person",
        "fields": [
            {"name": "name", "value": "P 1", "text": "P 1", "date": None, "items": [], "links": []}
        ],
    } == records[0]["infobox"]
    # The list MediaWiki adds for references without <references/> ends the last section.
    assert [{"title": "Life", "level": 2, "text": 'Text "quoted" & bold.\n\n  1. ^ R'}] == (
        records[0]["sections"]
    )
    assert [
        {"number": 1, "group": "", "name": None, "backlinks": [], "text": "R", "citation": None}
    ] == records[0]["references"]
    assert (True, [{"name": "1901 births", "sort_key": None}]) == (
        records[0]["is_biography"],
        records[0]["categories"],
    )


def test_every_record_follows_the_schema(expected: bytes) -> None:
    """Each record of the test dump (generated pages and corpus articles) is valid."""
    jsonschema = pytest.importorskip("jsonschema")
    validator = jsonschema.Draft202012Validator(record_schema())
    for line in expected.splitlines():
        record = json.loads(line)
        errors = [e.message for e in validator.iter_errors(record)]
        assert [] == errors, record["title"]


def test_json_lines_are_compact_utf8_as_json_writes_them(expected: bytes) -> None:
    """Each line is what ``json`` writes with compact separators and the characters as
    they are (``orjson`` writes it faster; the two must agree byte for byte)."""
    for line in expected.splitlines():
        record = json.loads(line)
        assert json.dumps(record, ensure_ascii=False, separators=(",", ":")).encode() == line


JSON_LINE_FALLBACKS = [
    pytest.param({"t": "a\ud800 é"}, b'{"t":"a\\ud800 \\u00e9"}\n', id="lone surrogate"),
    pytest.param(
        {"n": 2**64, "t": "é"},
        '{"n":18446744073709551616,"t":"é"}\n'.encode(),
        id="integer beyond 64 bits",
    ),
]


@pytest.mark.parametrize(("record", "line"), JSON_LINE_FALLBACKS)
def test_json_lines_orjson_refuses_are_written_by_json(record: dict[str, Any], line: bytes) -> None:
    assert line == json_line(record)
    assert record == json.loads(line)


def test_jobs_2_is_identical(dump: Path, expected: bytes, tmp_path: Path) -> None:
    """Two worker processes write byte-for-byte what one writes."""
    assert (0, expected) == run(tmp_path, str(dump), "--jobs", "2")


@pytest.mark.parametrize("name", ["plain.xml", "single.xml.bz2", "gzip.xml.gz"])
def test_other_compressions_are_identical(name: str, expected: bytes, tmp_path: Path) -> None:
    """A dump without an index is split into batches of pages: same output."""
    write_dump(dump_pages(), tmp_path / name, multistream=False)

    assert (0, expected) == run(tmp_path, str(tmp_path / name), "--jobs", "2")


def test_dask_cluster_is_identical(dump: Path, expected: bytes, tmp_path: Path) -> None:
    """A real ``distributed.LocalCluster`` (scheduler and worker processes), same output."""
    distributed = pytest.importorskip("distributed", reason="needs the dask extra")
    from wikibio.dask import read_dump

    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        status, output = run(tmp_path, str(dump), "--scheduler", cluster.scheduler_address)
        bag = read_dump(dump)
        count = client.compute(bag.count()).result()

    assert (0, expected) == (status, output)
    assert (len(partitions(dump)), len(dump_pages())) == (bag.npartitions, count)


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_truncated_dump_keeps_records_before_the_cut(
    dump: Path, expected: bytes, tmp_path: Path, jobs: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """Cut mid-range: every record before the fault is written, then exit 1 naming the byte."""
    ranges = partitions(dump)
    cut = (ranges[2].start + ranges[3].start) // 2
    cut_dump = tmp_path / "cut-multistream.xml.bz2"
    cut_dump.write_bytes(dump.read_bytes()[:cut])
    index = dump.with_name(dump.name.replace(".xml.bz2", "-index.txt.bz2"))
    cut_dump.with_name("cut-multistream-index.txt.bz2").write_bytes(index.read_bytes())

    status, output = run(tmp_path, str(cut_dump), "--jobs", jobs)
    message = capsys.readouterr().err

    assert 1 == status
    assert expected.startswith(output) and output.count(b"\n") >= 80
    assert f"cut at byte {cut:,}" in message and message.count("\n") == 1


@pytest.mark.parametrize(
    ("content", "message"),
    [(None, "cannot read"), (b"== not a dump ==\n", "not a MediaWiki XML dump"), (b"", "not a")],
    ids=["missing", "wikitext", "empty"],
)
def test_not_a_dump_exits_2(
    tmp_path: Path, content: bytes | None, message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """A missing or non-dump file: exit 2, one line, no output file."""
    path = tmp_path / "input.xml"
    if content is not None:
        path.write_bytes(content)

    assert 2 == run(tmp_path, str(path))[0]
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1
    assert not (tmp_path / "out.jsonl").exists()


def test_one_bad_page_never_stops_the_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A page whose analysis raises gets an ``error`` record; the others are written."""
    import wikibio.records

    real_parse = wikibio.records.parse

    def parse(text: str, *, title: str | None = None, **options: Any) -> object:
        if title == "Person 2 & <Co>":
            raise RecursionError("too deep")
        return real_parse(text, title=title, **options)

    monkeypatch.setattr(wikibio.records, "parse", parse)
    write_dump(make_pages(3), tmp_path / "d.xml", multistream=False)

    status, output = run(tmp_path, str(tmp_path / "d.xml"), "--jobs", "1")
    records = [json.loads(line) for line in output.splitlines()]

    assert 0 == status
    assert [None, "RecursionError: too deep", None] == [r.get("error") for r in records]
    assert {"title", "ns", "page_id", "revision_id", "timestamp", "error"} == set(records[1])


def test_wikibio_format(tmp_path: Path) -> None:
    """WikiBio records: infobox as ``field_i:token``, the lead's first sentence."""
    write_dump(make_pages(1), tmp_path / "d.xml", multistream=False)

    status, output = run(tmp_path, str(tmp_path / "d.xml"), "--format", "wikibio")
    record = json.loads(output)

    assert 0 == status
    assert ["name_1:p", "name_2:1"] == record["box"]
    assert "P 1 (born 1901) was." == record["sentence"]
    jsonschema = pytest.importorskip("jsonschema")
    assert [] == [e.message for e in jsonschema.Draft202012Validator(
        record_schema("wikibio")).iter_errors(record)]  # fmt: skip


def test_biographies_and_namespace_filters(tmp_path: Path) -> None:
    """``--biographies`` keeps people; ``--namespace 1`` keeps talk pages."""
    pages = [
        *make_pages(2),
        Page(
            title="River",
            ns=0,
            page_id=50,
            revision_id=51,
            timestamp=None,
            redirect=None,
            text="{{Infobox river}}",
        ),
    ]
    pages.append(
        Page(
            title="Talk:River",
            ns=1,
            page_id=52,
            revision_id=53,
            timestamp=None,
            redirect=None,
            text="Hi.",
        )
    )
    write_dump(pages, tmp_path / "d.xml", multistream=False)

    people = run(tmp_path, str(tmp_path / "d.xml"), "--biographies")[1]
    talk = run(tmp_path, str(tmp_path / "d.xml"), "--namespace", "1")[1]

    assert ["Person 1 & <Co>", "Person 2 & <Co>"] == [
        json.loads(line)["title"] for line in people.splitlines()
    ]
    assert ["Talk:River"] == [json.loads(line)["title"] for line in talk.splitlines()]
