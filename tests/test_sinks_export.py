# ruff: noqa: F811  (fixtures are imported by name; pytest binds them to test arguments)
"""`export`: full records as JSON Lines, one table as CSV or Parquet, from SQLite and PostgreSQL."""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from _sinks_support import db_url, example_records  # noqa: F401

from vnextract.models import Record
from vnextract.pipeline.errors import InputError
from vnextract.pipeline.sinks.database import DatabaseSink
from vnextract.pipeline.sinks.engine import make_engine
from vnextract.pipeline.sinks.export import TABLES, ExportError, export, table_select
from vnextract.pipeline.sinks.rejections import rejected
from vnextract.pipeline.types import RawDocument


@pytest.fixture
def loaded(db_url: str) -> str:
    """A database holding the example records and one dead letter."""
    with DatabaseSink(db_url) as sink:
        sink.write_batch(example_records())
        raw = RawDocument(content=b"x", url="https://example.invalid/bad")
        sink.write_rejections([rejected(InputError("E007", "no body"), raw)])
    return db_url


def table_rows(url: str, table: str) -> list[dict[str, Any]]:
    engine = make_engine(url, read_only=True)
    try:
        with engine.connect() as conn:
            return [dict(row) for row in conn.execute(table_select(table)).mappings()]
    finally:
        engine.dispose()


def _utc(value: Any) -> Any:
    if isinstance(value, dt.datetime) and value.tzinfo is None:
        return value.replace(tzinfo=dt.UTC)
    return value


def test_export_jsonl_records_round_trip(loaded: str, tmp_path: Path) -> None:
    out = tmp_path / "records.jsonl"
    assert export(loaded, "jsonl", out) == 4
    read = [Record.model_validate_json(line) for line in out.read_text("utf-8").splitlines()]
    assert read == sorted(example_records(), key=lambda r: r.id)
    # The contract's key order, whatever the database did to the JSON (JSONB sorts keys).
    assert list(json.loads(out.read_text("utf-8").splitlines()[0])) == list(Record.model_fields)


@pytest.mark.parametrize("table", ["articles", "statistics", "officials", "rejections", "mentions"])
def test_export_csv_round_trip(loaded: str, tmp_path: Path, table: str) -> None:
    out = tmp_path / f"{table}.csv"
    expected = table_rows(loaded, table)
    assert export(loaded, "csv", out, table) == len(expected)
    with open(out, encoding="utf-8", newline="") as handle:
        read = list(csv.DictReader(handle))
    assert [list(row) for row in read[:1]] == [list(expected[0])]
    for got, want in zip(read, expected, strict=True):
        for key, value in want.items():
            if value is None:
                assert got[key] == ""
            elif isinstance(value, bool):
                assert got[key] == str(value).lower()
            elif isinstance(value, float):
                assert float(got[key]) == value
            elif isinstance(value, dt.datetime):
                assert dt.datetime.fromisoformat(got[key]) == _utc(value)
            elif isinstance(value, dict):
                assert json.loads(got[key]) == value
            else:
                assert got[key] == str(value), key


def test_export_csv_statistics_values(loaded: str, tmp_path: Path) -> None:
    out = tmp_path / "s.csv"
    export(loaded, "csv", out, "statistics")
    with open(out, encoding="utf-8", newline="") as handle:
        rows = {(r["article_id"], r["text"]): r for r in csv.DictReader(handle)}
    ratio = rows[("a-lamdong-2024", "63/63")]
    assert (float(ratio["value"]), float(ratio["total"]), ratio["kind"]) == (63, 63, "ratio")
    assert rows[("a-lamdong-2024", "90%")]["target"] == "true"
    assert rows[("a-lamdong-2024", "90%")]["qualifier"] == "gte"


@pytest.mark.parametrize("table", ["articles", "statistics", "titles", "officials", "rejections"])
def test_export_parquet_round_trip(loaded: str, tmp_path: Path, table: str) -> None:
    import pyarrow.parquet as pq

    out = tmp_path / f"{table}.parquet"
    expected = table_rows(loaded, table)
    assert export(loaded, "parquet", out, table) == len(expected)
    got = pq.read_table(out).to_pylist()
    assert len(got) == len(expected)
    for row, want in zip(got, expected):
        assert list(row) == list(want)
        for key, value in want.items():
            if isinstance(value, dict):
                assert json.loads(row[key]) == value
            else:
                assert row[key] == _utc(value), key


def test_export_parquet_types(loaded: str, tmp_path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    out = tmp_path / "s.parquet"
    export(loaded, "parquet", out, "statistics")
    schema = pq.read_schema(out)
    assert schema.field("value").type == pa.float64()
    assert schema.field("target").type == pa.bool_()
    assert schema.field("start").type == pa.int64()
    assert schema.field("subject").type == pa.string()


def test_export_empty_table(loaded: str, tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    with DatabaseSink(loaded) as sink:
        sink.write_batch([r.model_copy(update={"documents": []}) for r in example_records()])
    assert export(loaded, "parquet", tmp_path / "d.parquet", "documents") == 0
    assert pq.read_table(tmp_path / "d.parquet").num_rows == 0
    assert export(loaded, "csv", tmp_path / "d.csv", "documents") == 0
    assert (tmp_path / "d.csv").read_text("utf-8").startswith("article_id,document_no,")


@pytest.mark.parametrize(
    ("fmt", "output", "table", "message"),
    [
        ("csv", "x.csv", None, "--table"),
        ("parquet", None, "articles", "-o"),
        ("jsonl", "x.jsonl", "nope", "unknown table"),
        ("xml", "x.xml", None, "unknown format"),
    ],
    ids=["csv-needs-table", "parquet-needs-file", "unknown-table", "unknown-format"],
)
def test_export_refuses(tmp_path: Path, fmt: str, output: str | None, table: str | None,
                        message: str) -> None:
    db = tmp_path / "records.db"
    with DatabaseSink(f"sqlite:///{db}"):
        pass
    with pytest.raises(ExportError, match=message):
        export(f"sqlite:///{db}", fmt, tmp_path / output if output else None, table)


def test_export_missing_sqlite_file_not_created(tmp_path: Path) -> None:
    from vnextract.pipeline.sinks.engine import DatabaseURLError

    with pytest.raises(DatabaseURLError, match="no such database"):
        export(f"sqlite:///{tmp_path / 'absent.db'}", "jsonl", tmp_path / "x.jsonl")
    assert not (tmp_path / "absent.db").exists()


def test_export_tables_listed() -> None:
    assert "meta" not in TABLES
    assert {"articles", "statistics", "officials", "rejections"} <= set(TABLES)
