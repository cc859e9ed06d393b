"""The database sink: records upserted into SQLite or PostgreSQL, one transaction per batch."""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from operator import itemgetter
from typing import Any

from sqlalchemy import Connection, Insert, Table, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import DBAPIError

from vnextract.models import Record
from vnextract.pipeline.sinks.closing import ClosingSink
from vnextract.pipeline.sinks.engine import DEFAULT_URL, make_engine, normalize_url, redact
from vnextract.pipeline.sinks.rejections import RejectedInput
from vnextract.pipeline.sinks.rows import article_row, child_rows, record_json
from vnextract.pipeline.sinks.schema import CHILD_TABLES, METADATA, migrate

LOGGER = logging.getLogger(__name__)

ARTICLES: Table = METADATA.tables["articles"]
REJECTIONS: Table = METADATA.tables["rejections"]
# Ids per DELETE … IN (…): well under SQLite's and PostgreSQL's bound-parameter limits.
DELETE_CHUNK = 500


_DRIVERS = ("psycopg", "sqlite3")


class BatchWriteError(RuntimeError):
    """A batch that the database refused; nothing of it was written (the transaction rolled back)."""

    def __init__(self, records: int, cause: BaseException) -> None:
        detail = str(getattr(cause, "orig", None) or cause).strip().splitlines()
        self.records = records
        super().__init__(f"batch of {records} records not written: {detail[0] if detail else cause!r}")


@dataclass
class LoaderStats:
    """What the sink has written and how long its transactions took."""

    batches: int = 0
    articles: int = 0
    rows: int = 0  # every row inserted: articles plus child rows
    rejections: int = 0
    seconds: float = 0.0  # inside write transactions, commit included

    @property
    def rows_per_second(self) -> float:
        """Rows written per second of transaction time."""
        return self.rows / self.seconds if self.seconds else 0.0


def _upsert(table: Table, dialect: str, key: Sequence[str], update: Sequence[str]) -> Insert:
    """INSERT … ON CONFLICT (key) DO UPDATE SET update = excluded.update, for either dialect."""
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    stmt = insert(table)
    return stmt.on_conflict_do_update(
        index_elements=[table.c[name] for name in key],
        set_={name: stmt.excluded[name] for name in update},
    )


class DatabaseSink(ClosingSink):
    """Records and dead letters into one database (`sqlite:///file.db` or `postgresql://…`)."""

    def __init__(self, url: str = DEFAULT_URL, *, echo: bool = False) -> None:
        self.url = normalize_url(url)
        self.engine = make_engine(url, echo=echo)
        self.dialect = self.engine.dialect.name
        migrate(self.engine)
        self.stats = LoaderStats()
        self._insert_sql: dict[str, str] = {}
        article_columns = [c.name for c in ARTICLES.columns if c.name != "id"]
        self._article_upsert = _upsert(ARTICLES, self.dialect, ["id"], article_columns)
        rejection_columns = ["input", "code", "reason", "payload", "created_at"]
        self._rejection_upsert = _upsert(
            REJECTIONS, self.dialect, ["input_key", "extractor_version"], rejection_columns
        )
        LOGGER.info("database sink: %s", redact(self.url))

    def write_batch(self, records: Sequence[Record]) -> int:
        """Upsert records and replace their child rows, all in one transaction; rows written."""
        if not records:
            return 0
        latest = {record.id: record for record in records}  # one id twice in a batch: last wins
        now = dt.datetime.now(dt.UTC)
        articles: list[dict[str, Any]] = []
        children: dict[str, list[dict[str, Any]]] = {name: [] for name in CHILD_TABLES}
        for record in latest.values():
            record, dumped = record_json(record)
            articles.append(article_row(record, dumped, now))
            for name, rows in child_rows(record).items():
                children[name].extend(rows)
        ids = list(latest)
        started = time.perf_counter()
        try:
            with self.engine.begin() as conn:
                conn.execute(self._article_upsert, articles)
                self._delete_children(conn, ids)
                for name in CHILD_TABLES:
                    if children[name]:
                        self._insert_rows(conn, METADATA.tables[name], children[name])
        except Exception as exc:
            if isinstance(exc, DBAPIError) or type(exc).__module__.split(".")[0] in _DRIVERS:
                raise BatchWriteError(len(articles), exc) from exc
            raise
        elapsed = time.perf_counter() - started
        written = len(articles) + sum(len(rows) for rows in children.values())
        self.stats.batches += 1
        self.stats.articles += len(articles)
        self.stats.rows += written
        self.stats.seconds += elapsed
        LOGGER.debug("batch of %d articles, %d rows in %.3fs", len(articles), written, elapsed)
        return written

    def _insert_rows(self, conn: Connection, table: Table, rows: list[dict[str, Any]]) -> None:
        """Plain inserts of many rows, by the fastest path each driver has."""
        columns = [c.name for c in table.columns]
        as_tuple = itemgetter(*columns)  # the row's values in column order, at C speed
        if self.dialect == "postgresql":
            # COPY inside the batch's transaction: ten times the rows/s of pipelined INSERTs.
            quote = conn.dialect.identifier_preparer.quote
            sql = f"COPY {quote(table.name)} ({', '.join(quote(c) for c in columns)}) FROM STDIN"
            cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
            with cursor, cursor.copy(sql) as copy:
                for row in rows:
                    copy.write_row(as_tuple(row))
            return
        # SQLite: the driver's executemany with positional rows, past SQLAlchemy's per-row work.
        # Child columns are text, integers, floats and booleans, which sqlite3 stores as is.
        if table.name not in self._insert_sql:
            self._insert_sql[table.name] = str(table.insert().compile(dialect=conn.dialect))
        conn.exec_driver_sql(self._insert_sql[table.name], [as_tuple(row) for row in rows])

    @staticmethod
    def _delete_children(conn: Connection, ids: list[str]) -> None:
        """Delete the old child rows of these articles (children of children first)."""
        for name in reversed(CHILD_TABLES):
            table = METADATA.tables[name]
            for start in range(0, len(ids), DELETE_CHUNK):
                chunk = ids[start:start + DELETE_CHUNK]
                conn.execute(table.delete().where(table.c.article_id.in_(chunk)))

    def write_rejections(self, items: Iterable[RejectedInput]) -> int:
        """Record dead letters; the same input at the same extractor version is kept once."""
        latest = {(item.input_key, item.extractor_version): item for item in items}
        if not latest:
            return 0
        rows = [
            {
                "input": item.input,
                "input_key": item.input_key,
                "code": item.code,
                "reason": item.reason,
                "payload": item.payload,
                "extractor_version": item.extractor_version,
                "created_at": item.created_at,
            }
            for item in latest.values()
        ]
        started = time.perf_counter()
        with self.engine.begin() as conn:
            conn.execute(self._rejection_upsert, rows)
        self.stats.seconds += time.perf_counter() - started
        self.stats.rejections += len(rows)
        return len(rows)

    def iter_done_ids(self, extractor_version: str) -> Iterator[str]:
        """Ids stored by this extractor version, streamed (for very large databases)."""
        query = select(ARTICLES.c.id).where(ARTICLES.c.extractor_version == extractor_version)
        with self.engine.connect() as conn:
            yield from conn.execution_options(yield_per=10_000).execute(query).scalars()

    def done_ids(self, extractor_version: str) -> set[str]:
        """Ids of the articles already stored by this extractor version (to skip on --resume)."""
        return set(self.iter_done_ids(extractor_version))

    def is_done(self, article_id: str, extractor_version: str) -> bool:
        """Whether this article is stored with this extractor version."""
        query = select(ARTICLES.c.id).where(
            (ARTICLES.c.id == article_id) & (ARTICLES.c.extractor_version == extractor_version)
        )
        with self.engine.connect() as conn:
            return conn.execute(query).first() is not None

    def rejected_keys(self, extractor_version: str) -> set[str]:
        """`input_key`s already dead-lettered by this extractor version."""
        query = select(REJECTIONS.c.input_key).where(
            REJECTIONS.c.extractor_version == extractor_version
        )
        with self.engine.connect() as conn:
            return set(conn.execute(query).scalars())

    def close(self) -> None:
        """Release the connections and log the loader's throughput."""
        if self.stats.batches:
            LOGGER.info(
                "database sink: %d articles, %d rows in %.2fs (%.0f rows/s), %d rejections",
                self.stats.articles, self.stats.rows, self.stats.seconds,
                self.stats.rows_per_second, self.stats.rejections,
            )
        self.engine.dispose()

