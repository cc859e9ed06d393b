# ruff: noqa: F811  (fixtures are imported by name; pytest binds them to test arguments)
"""DatabaseSink on SQLite and PostgreSQL: upserts, atomic batches, dead letters, resumable runs."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from _sinks_support import LAM_DONG_2024, db_url, example_records, make_record  # noqa: F401
from sqlalchemy import text

from vnextract.models import Record
from vnextract.pipeline.errors import InputError, Rejection
from vnextract.pipeline.sinks.database import BatchWriteError, DatabaseSink
from vnextract.pipeline.sinks.engine import DatabaseURLError, normalize_url
from vnextract.pipeline.sinks.rejections import rejected
from vnextract.pipeline.sinks.rows import record_json, record_json_utf8, record_rows
from vnextract.pipeline.sinks.schema import CHILD_TABLES
from vnextract.pipeline.types import RawDocument


@pytest.fixture
def sink(db_url: str) -> Iterator[DatabaseSink]:
    """A sink on a fresh database, closed after the test."""
    with DatabaseSink(db_url) as opened:
        yield opened


def snapshot(sink: DatabaseSink) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table (but timestamps), sorted: what 'the same rows' means here."""
    tables = ["articles", *CHILD_TABLES]
    out: dict[str, list[tuple[Any, ...]]] = {}
    with sink.engine.connect() as conn:
        for name in tables:
            rows = conn.execute(text(f"SELECT * FROM {name}")).mappings().all()
            out[name] = sorted(
                tuple((k, v) for k, v in row.items() if k not in ("updated_at", "record"))
                for row in rows
            )
    return out


def count(sink: DatabaseSink, table: str, where: str = "1=1") -> int:
    with sink.engine.connect() as conn:
        return conn.execute(text(f"SELECT COUNT(*) FROM {table} WHERE {where}")).scalar_one()


def test_database_upsert_idempotent(sink: DatabaseSink) -> None:
    records = example_records()
    sink.write_batch(records)
    first = snapshot(sink)
    sink.write_batch(records)
    sink.write_batch(records[::-1])
    assert snapshot(sink) == first
    assert count(sink, "articles") == 4
    assert count(sink, "persons") == 4
    assert count(sink, "titles") == 4
    assert count(sink, "statistics") == 6


def test_database_stores_full_record(sink: DatabaseSink) -> None:
    record = example_records()[0]
    sink.write_batch([record])
    with sink.engine.connect() as conn:
        stored = conn.execute(text("SELECT record FROM articles")).scalar_one()
    if isinstance(stored, str):
        import json

        stored = json.loads(stored)
    assert Record.model_validate(stored) == record


def test_database_reextraction_replaces_child_rows(sink: DatabaseSink) -> None:
    old = example_records("0.1.0")[0]
    sink.write_batch([old])
    new = make_record(
        old.id, LAM_DONG_2024, version="0.2.0", outlet="Báo Lâm Đồng", published="2024-01-04",
        persons=[("Bùi Sơn Điền", [("Bí thư Huyện ủy", "Bí thư", "Huyện ủy Đức Trọng"),
                                    ("Tỉnh ủy viên", "Tỉnh ủy viên", None)])],
    )
    sink.write_batch([new])
    assert count(sink, "articles") == 1
    assert count(sink, "articles", "extractor_version = '0.2.0'") == 1
    assert count(sink, "persons") == 1
    assert count(sink, "titles") == 2
    for table in ("statistics", "dates", "documents", "locations", "organizations"):
        assert count(sink, table) == 0, table
    assert count(sink, "mentions") == 1


def test_database_failed_batch_leaves_old_rows(sink: DatabaseSink) -> None:
    records = example_records("0.1.0")
    sink.write_batch(records)
    before = snapshot(sink)
    replacement = make_record(records[0].id, LAM_DONG_2024, version="0.2.0")  # no children
    broken = records[1].model_copy(deep=True)
    broken.extractor.version = "0.2.0"
    # A statistic without its (NOT NULL) kind gets past Python and fails inside the database,
    # after the first record's article row and child rows were already replaced in the batch.
    broken.statistics[0] = broken.statistics[0].model_construct(
        **{**broken.statistics[0].__dict__, "kind": None}
    )
    with pytest.raises(BatchWriteError, match="batch of 2 records not written"):
        sink.write_batch([replacement, broken])
    assert snapshot(sink) == before
    assert sink.done_ids("0.2.0") == set()


def test_database_duplicate_id_in_batch_last_wins(sink: DatabaseSink) -> None:
    first, second = example_records("0.1.0")[0], example_records("0.2.0")[0]
    sink.write_batch([first, second])
    assert sink.done_ids("0.2.0") == {first.id}
    assert count(sink, "statistics") == 3


def test_database_done_ids(sink: DatabaseSink) -> None:
    assert sink.done_ids("0.1.0") == set()
    records = example_records("0.1.0")
    sink.write_batch(records[:2])
    sink.write_batch(example_records("0.2.0")[2:3])
    assert sink.done_ids("0.1.0") == {records[0].id, records[1].id}
    assert sink.done_ids("0.2.0") == {records[2].id}
    assert sorted(sink.iter_done_ids("0.1.0")) == sorted(sink.done_ids("0.1.0"))
    assert sink.is_done(records[0].id, "0.1.0")
    assert not sink.is_done(records[0].id, "0.2.0")
    assert not sink.is_done(records[3].id, "0.1.0")


def test_database_rejections_dedupe(sink: DatabaseSink) -> None:
    raw = RawDocument(content=b"\x00\x01binary", archive="dump/file.bin")
    page = RawDocument(content=b"<p>trang</p>", url="https://example.invalid/x")
    items = [
        rejected(InputError("E002", "NUL bytes"), raw, "dump/file.bin", extractor_version="0.1.0"),
        rejected(Rejection("E020", "offsets"), page, extractor_version="0.1.0"),
    ]
    assert sink.write_rejections(items) == 2
    assert sink.write_rejections(items) == 2  # a re-run: updated in place, not doubled
    again = rejected(Rejection("E020", "low > high"), page, extractor_version="0.1.0")
    sink.write_rejections([again, again])
    assert count(sink, "rejections") == 2
    with sink.engine.connect() as conn:
        reasons = conn.execute(text("SELECT reason FROM rejections ORDER BY input")).scalars().all()
    assert reasons[1].endswith("low > high")
    sink.write_rejections([rejected(Rejection("E020", "x"), page, extractor_version="0.2.0")])
    assert count(sink, "rejections") == 3
    assert sink.rejected_keys("0.1.0") == {item.input_key for item in items}


def test_database_rejection_payload_kept(sink: DatabaseSink) -> None:
    page = RawDocument(
        content="<p>Tiếng Việt</p>".encode(), url="https://example.invalid/y", published="2024-01-04"
    )
    sink.write_rejections([rejected(InputError("E007", "no body"), page)])
    with sink.engine.connect() as conn:
        payload = conn.execute(text("SELECT payload FROM rejections")).scalar_one()
    if isinstance(payload, str):
        import json

        payload = json.loads(payload)
    assert payload["text"] == "<p>Tiếng Việt</p>"
    assert payload["url"] == "https://example.invalid/y"
    assert payload["published"] == "2024-01-04"


@pytest.mark.parametrize("as_rows", [False, True], ids=["record", "record-rows"])
def test_database_nul_characters_stored(sink: DatabaseSink, as_rows: bool) -> None:
    record = make_record("nul", "Văn bản\x00có NUL")
    sink.write_batch([record_rows(record) if as_rows else record])
    with sink.engine.connect() as conn:
        stored = conn.execute(text("SELECT text FROM articles")).scalar_one()
    assert stored == "Văn bản\ufffdcó NUL"
    with sink.engine.connect() as conn:
        stored_record = conn.execute(text("SELECT record FROM articles")).scalar_one()
    if isinstance(stored_record, str):  # SQLite's JSON is text
        stored_record = json.loads(stored_record)
    assert stored_record["text"] == "Văn bản\ufffdcó NUL"


def test_database_record_json_is_model_dump_json() -> None:
    """The JSON PostgreSQL's COPY gets as bytes is the text SQLite stores: `model_dump_json`'s."""
    for record in [*example_records(), make_record("nul", "Văn bản\x00có NUL")]:
        record, utf8 = record_json_utf8(record)
        assert utf8.decode() == record.model_dump_json() == record_json(record)[1]
        assert "\x00" not in record.text


def test_database_stats_count_rows(sink: DatabaseSink) -> None:
    written = sink.write_batch(example_records())
    assert written == sink.stats.rows == 4 + sum(count(sink, t) for t in CHILD_TABLES)
    assert sink.stats.articles == 4
    assert sink.stats.rows_per_second > 0


def test_database_processed_record(sink: DatabaseSink, nlp: Any, settings: Any) -> None:
    from vnextract.pipeline.process import process

    raw = RawDocument(content=LAM_DONG_2024.encode(), content_type="text/plain")
    record = process(raw, nlp, settings, published="2024-01-04")
    sink.write_batch([record])
    sink.write_batch([record])
    assert sink.done_ids(record.extractor.version) == {record.id}
    assert count(sink, "persons") == len({p.name for p in [*record.persons, *record.officials]})
    assert count(sink, "statistics") == len(record.statistics)


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("records.db", "sqlite:///records.db"),
        ("sqlite:///out/records.db", "sqlite:///out/records.db"),
        ("postgresql://u:p@h/db", "postgresql+psycopg://u:p@h/db"),
        ("postgres://u@h:5433/db", "postgresql+psycopg://u@h:5433/db"),
        ("postgresql+psycopg://u@h/db", "postgresql+psycopg://u@h/db"),
    ],
    ids=["bare-path", "sqlite", "postgresql", "postgres", "psycopg"],
)
def test_database_url_normalised(given: str, expected: str) -> None:
    assert normalize_url(given).render_as_string(hide_password=False) == expected


@pytest.mark.parametrize("given", ["mysql://u@h/db", "http://example.invalid/"], ids=["mysql", "http"])
def test_database_url_unsupported(given: str) -> None:
    with pytest.raises(DatabaseURLError):
        normalize_url(given)


@pytest.mark.parametrize("table", [pytest.param(name, id=name) for name in ("articles", *CHILD_TABLES)])
def test_database_row_tuples_follow_schema_columns(table: str) -> None:
    """The loader writes positional tuples: their order must be the table's column order."""
    from vnextract.pipeline.sinks.rows import ARTICLE_COLUMNS, CHILD_COLUMNS
    from vnextract.pipeline.sinks.schema import METADATA

    columns = ARTICLE_COLUMNS if table == "articles" else CHILD_COLUMNS[table]
    assert columns == tuple(column.name for column in METADATA.tables[table].columns)


def test_database_updated_at_reads_back_as_a_time(sink: DatabaseSink) -> None:
    """Timestamps written by the driver fast path read back through SQLAlchemy like its own."""
    import datetime as dt

    from vnextract.pipeline.sinks.database import ARTICLES

    sink.write_batch(example_records()[:1])
    with sink.engine.connect() as conn:
        stamp = conn.execute(ARTICLES.select().with_only_columns(ARTICLES.c.updated_at)).scalar_one()
    assert isinstance(stamp, dt.datetime)
    assert abs(stamp.replace(tzinfo=None) - dt.datetime.now(dt.UTC).replace(tzinfo=None)) < dt.timedelta(minutes=5)


def test_database_same_article_from_two_sinks(db_url: str) -> None:
    """Two writers (workers) storing one article, one after the other: one set of child rows."""
    records = example_records()
    with DatabaseSink(db_url) as first, DatabaseSink(db_url) as second:
        first.write_batch(records)
        once = snapshot(first)
        second.write_batch(records)
        assert snapshot(second) == once
