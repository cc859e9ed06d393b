"""Export a database: full records as JSON Lines, or one table flattened to CSV or Parquet."""

from __future__ import annotations

import csv
import datetime as dt
import json
import logging
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import IO, Any

from pydantic import ValidationError
from sqlalchemy import (
    JSON,
    Boolean,
    ColumnElement,
    Connection,
    DateTime,
    Float,
    Integer,
    Select,
    select,
)

from vnextract.models import Record
from vnextract.pipeline.cli_io import open_output, output_path
from vnextract.pipeline.sinks import EXPORT_FORMATS
from vnextract.pipeline.sinks.engine import make_engine
from vnextract.pipeline.sinks.jsonl import record_line
from vnextract.pipeline.sinks.schema import METADATA, VIEWS, officials_select

LOGGER = logging.getLogger(__name__)

FORMATS = EXPORT_FORMATS
# Everything a user may export; `meta` is bookkeeping, `officials` the view.
TABLES = tuple(t.name for t in METADATA.sorted_tables if t.name != "meta") + VIEWS
FETCH_ROWS = 1000  # rows per round trip and per Parquet row group: memory stays flat


class ExportError(ValueError):
    """An export that cannot be done as asked (unknown table, Parquet to a terminal, …)."""


def table_select(name: str) -> Select[Any]:
    """SELECT of one exportable table or view, ordered by its key (`articles` without `record`)."""
    if name == "officials":
        query = officials_select()
        key = query.selected_columns
        return query.order_by(key.article_id, key.person_no, key.title_no)
    if name not in TABLES:
        raise ExportError(f"unknown table {name!r}: choose one of {', '.join(TABLES)}")
    table = METADATA.tables[name]
    columns = [c for c in table.columns if not (name == "articles" and c.name == "record")]
    return select(*columns).order_by(*table.primary_key.columns)


def iter_records(conn: Connection) -> Iterator[dict[str, Any]]:
    """Every stored record, ordered by id, its keys in the contract's order."""
    for line in iter_record_lines(conn):
        yield json.loads(line)


def iter_record_lines(conn: Connection) -> Iterator[str]:
    """Every stored record as the line `vnextract extract` prints for it (no newline), by id."""
    articles = METADATA.tables["articles"]
    result = conn.execution_options(yield_per=FETCH_ROWS).execute(
        select(articles.c.record).order_by(articles.c.id)
    )
    for (data,) in result:
        if isinstance(data, str):  # a driver that hands back JSON text
            data = json.loads(data)
        try:
            yield record_line(Record.model_validate(data))
        except ValidationError:  # written under another contract version: keep it as stored
            yield json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def _utc(value: dt.datetime) -> dt.datetime:
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)  # SQLite drops the zone


def _plain(value: Any) -> Any:
    """A cell as JSON-ready data."""
    if isinstance(value, dt.datetime):
        return _utc(value).isoformat()
    return value


def _csv_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, dt.datetime):
        return _utc(value).isoformat()
    return str(value)


def _arrow_schema(columns: list[ColumnElement[Any]]) -> Any:
    import pyarrow as pa

    def arrow_type(column: ColumnElement[Any]) -> Any:
        kind = column.type
        if isinstance(kind, Boolean):
            return pa.bool_()
        if isinstance(kind, Integer):
            return pa.int64()
        if isinstance(kind, Float):
            return pa.float64()
        if isinstance(kind, DateTime):
            return pa.timestamp("us", tz="UTC")
        return pa.string()  # text, and JSON as its text

    return pa.schema([(c.name, arrow_type(c)) for c in columns])


def _arrow_cell(column: ColumnElement[Any], value: Any) -> Any:
    if value is None:
        return None
    if isinstance(column.type, JSON):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, dt.datetime):
        return _utc(value)
    return value


def _write_parquet(conn: Connection, query: Select[Any], path: Path) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    columns = list(query.selected_columns)
    schema = _arrow_schema(columns)
    count = 0
    with pq.ParquetWriter(path, schema) as writer:
        result = conn.execution_options(yield_per=FETCH_ROWS).execute(query)
        for chunk in result.partitions():
            arrays = {
                c.name: [_arrow_cell(c, row[i]) for row in chunk] for i, c in enumerate(columns)
            }
            writer.write_table(pa.Table.from_pydict(arrays, schema=schema))
            count += len(chunk)
        if count == 0:
            writer.write_table(schema.empty_table())
    return count


def _write_text(conn: Connection, fmt: str, table: str | None, out: IO[str]) -> int:
    count = 0
    if fmt == "jsonl" and table is None:
        for line in iter_record_lines(conn):
            out.write(line + "\n")
            count += 1
        return count
    query = table_select(table or "articles")
    result = conn.execution_options(yield_per=FETCH_ROWS).execute(query)
    names = list(result.keys())
    writer = csv.writer(out, lineterminator="\n") if fmt == "csv" else None
    if writer is not None:
        writer.writerow(names)
    for row in result:
        if writer is not None:
            writer.writerow([_csv_cell(v) for v in row])
        else:
            out.write(json.dumps({k: _plain(v) for k, v in zip(names, row)}, ensure_ascii=False) + "\n")
        count += 1
    return count


def export(db_url: str, fmt: str, output: str | Path | None = None, table: str | None = None) -> int:
    """Write `table` (or, for jsonl without a table, the full records) to `output` or stdout."""
    if fmt not in FORMATS:
        raise ExportError(f"unknown format {fmt!r}: choose one of {', '.join(FORMATS)}")
    if fmt in ("csv", "parquet") and table is None:
        raise ExportError(f"--format {fmt} exports one table: name it with --table ({', '.join(TABLES)})")
    if table is not None:
        table_select(table)  # unknown names fail before anything is opened
    if fmt == "parquet" and output is None:
        raise ExportError("--format parquet writes a file: name it with -o")
    engine = make_engine(db_url, read_only=True)
    try:
        with engine.connect() as conn, ExitStack() as stack:
            if fmt == "parquet":
                count = _write_parquet(conn, table_select(table or "articles"), output_path(str(output)))
            else:
                # Opened once the database answered: a failed export leaves no empty file behind.
                out: IO[str] = stack.enter_context(open_output(output, newline=""))
                count = _write_text(conn, fmt, table, out)
                out.flush()
    finally:
        engine.dispose()
    LOGGER.info("exported %d rows (%s) to %s", count, fmt, output or "stdout")
    return count
