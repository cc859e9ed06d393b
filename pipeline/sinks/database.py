"""The database sink: records upserted into SQLite or PostgreSQL, one transaction per batch."""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Insert, Table, event, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import DBAPIError

from vnextract.models import Record
from vnextract.pipeline.sinks.closing import ClosingSink
from vnextract.pipeline.sinks.engine import (
    DEFAULT_URL,
    make_engine,
    normalize_url,
    redact,
)
from vnextract.pipeline.sinks.rejections import RejectedInput
from vnextract.pipeline.sinks.rows import (
    CHILD_COLUMNS,
    TableRow,
    article_row,
    child_rows,
    record_json,
)
from vnextract.pipeline.sinks.schema import CHILD_TABLES, METADATA, migrate

LOGGER = logging.getLogger(__name__)

ARTICLES: Table = METADATA.tables["articles"]
REJECTIONS: Table = METADATA.tables["rejections"]
ARTICLE_COLUMNS: tuple[str, ...] = tuple(c.name for c in ARTICLES.columns)
# Ids per DELETE … IN (…): well under SQLite's bound-parameter limit.
DELETE_CHUNK = 500
# PostgreSQL: the per-connection temporary table a batch of articles is COPYed into first.
STAGE_TABLE = "vnextract_stage_articles"
SQLITE_CACHE_KIB = 65_536  # 64 MiB of page cache per SQLite connection of the loader


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


def _quoted(columns: Sequence[str]) -> str:
    """A column list for raw SQL (`end` is a reserved word)."""
    return ", ".join(f'"{c}"' for c in columns)


def _statements(dialect: str) -> dict[str, str]:
    """The loader's SQL, built once: the articles upsert and the child inserts (SQLite)."""
    updates = ", ".join(f'"{c}" = excluded."{c}"' for c in ARTICLE_COLUMNS if c != "id")
    if dialect == "postgresql":  # merged from the staging table the batch was COPYed into
        source = f"SELECT {_quoted(ARTICLE_COLUMNS)} FROM {STAGE_TABLE}"
    else:
        source = f"VALUES ({', '.join('?' * len(ARTICLE_COLUMNS))})"
    statements = {
        "articles": f"INSERT INTO articles ({_quoted(ARTICLE_COLUMNS)}) {source} "
                    f"ON CONFLICT (id) DO UPDATE SET {updates}",
    }
    for name, columns in CHILD_COLUMNS.items():
        statements[name] = (
            f'INSERT INTO "{name}" ({_quoted(columns)}) VALUES ({", ".join("?" * len(columns))})'
        )
    return statements


def _tune_sqlite(dbapi_connection: Any, _record: Any) -> None:
    """A page cache that holds the indexes of a long load (the default 2 MB does not: past a
    few thousand articles every insert would read index pages back from the file)."""
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA cache_size = -{SQLITE_CACHE_KIB}")
    cursor.execute("PRAGMA temp_store = MEMORY")
    cursor.close()


class DatabaseSink(ClosingSink):
    """Records and dead letters into one database (`sqlite:///file.db` or `postgresql://…`)."""

    def __init__(self, url: str = DEFAULT_URL, *, echo: bool = False) -> None:
        self.url = normalize_url(url)
        self.engine = make_engine(url, echo=echo)
        self.dialect = self.engine.dialect.name
        migrate(self.engine)
        self.stats = LoaderStats()
        self._sql = _statements(self.dialect)
        self._stamp = (
            ARTICLES.c.updated_at.type.bind_processor(self.engine.dialect)
            if self.dialect == "sqlite" else None
        )
        if self.dialect == "sqlite":
            event.listen(self.engine, "connect", _tune_sqlite)
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
        articles, children = self._rows(latest.values())
        started = time.perf_counter()
        try:
            with self.engine.begin() as conn:
                if self.dialect == "postgresql":
                    self._write_postgresql(conn, articles, children)
                else:
                    self._write_sqlite(conn, articles, children)
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

    def _rows(self, records: Iterable[Record]) -> tuple[list[TableRow], dict[str, list[TableRow]]]:
        """Article tuples (ARTICLE_COLUMNS order) and child tuples per table, ready for the driver."""
        now = dt.datetime.now(dt.UTC)
        # SQLite keeps timestamps as SQLAlchemy's own text form: bound through its processor, so
        # that rows written here read back like rows written through SQLAlchemy.
        stamp: Any = self._stamp(now) if self._stamp is not None else now
        articles: list[TableRow] = []
        children: dict[str, list[TableRow]] = {name: [] for name in CHILD_TABLES}
        for record in records:
            record, dumped = record_json(record)
            row = article_row(record, dumped, now)
            row["updated_at"] = stamp
            articles.append(tuple(row[name] for name in ARTICLE_COLUMNS))
            for name, rows in child_rows(record).items():
                children[name].extend(rows)
        return articles, children

    def _write_sqlite(self, conn: Connection, articles: list[TableRow], children: dict[str, list[TableRow]]) -> None:
        """SQLite: prepared statements through the driver's executemany, positional rows.

        The writer holds the database's only write lock (BEGIN IMMEDIATE), so the ids already
        stored can be asked first and only their old child rows deleted: a first load deletes
        nothing.
        """
        raw: Any = conn.connection.driver_connection  # a sqlite3 Connection
        cursor = raw.cursor()
        ids = [row[0] for row in articles]
        stored: list[str] = []
        for start in range(0, len(ids), DELETE_CHUNK):
            chunk = ids[start:start + DELETE_CHUNK]
            marks = ", ".join("?" * len(chunk))
            stored += [row[0] for row in cursor.execute(
                f"SELECT id FROM articles WHERE id IN ({marks})", chunk)]
        cursor.executemany(self._sql["articles"], articles)
        for name in reversed(CHILD_TABLES):  # children of children first
            for start in range(0, len(stored), DELETE_CHUNK):
                chunk = stored[start:start + DELETE_CHUNK]
                marks = ", ".join("?" * len(chunk))
                cursor.execute(f'DELETE FROM "{name}" WHERE article_id IN ({marks})', chunk)
        for name in CHILD_TABLES:
            if children[name]:
                cursor.executemany(self._sql[name], children[name])
        cursor.close()

    def _write_postgresql(
        self, conn: Connection, articles: list[TableRow], children: dict[str, list[TableRow]]
    ) -> None:
        """PostgreSQL: COPY into a staging table merged into `articles` with one upsert, then the
        old child rows deleted and the new ones COPYed in.

        The upsert comes before the delete: it locks the articles' rows, so a second writer of
        the same article (another worker) waits there and then deletes the first one's children
        instead of colliding with them.
        """
        raw: Any = conn.connection.driver_connection  # a psycopg Connection
        if not conn.connection.info.get(STAGE_TABLE):
            # One temporary table per connection, emptied at each commit.
            raw.execute(
                f"CREATE TEMPORARY TABLE IF NOT EXISTS {STAGE_TABLE} "
                "(LIKE articles INCLUDING DEFAULTS) ON COMMIT DELETE ROWS"
            )
            conn.connection.info[STAGE_TABLE] = True
        cursor = raw.cursor()
        with cursor:
            self._copy(cursor, STAGE_TABLE, ARTICLE_COLUMNS, articles)
            cursor.execute(self._sql["articles"])
            ids = [row[0] for row in articles]
            for name in reversed(CHILD_TABLES):  # children of children first
                cursor.execute(f'DELETE FROM "{name}" WHERE article_id = ANY(%s)', (ids,))
            for name in CHILD_TABLES:
                if children[name]:
                    self._copy(cursor, name, CHILD_COLUMNS[name], children[name])

    @staticmethod
    def _copy(cursor: Any, table: str, columns: Sequence[str], rows: list[TableRow]) -> None:
        """COPY rows into a table inside the open transaction (ten times pipelined INSERTs)."""
        with cursor.copy(f'COPY "{table}" ({_quoted(columns)}) FROM STDIN') as copy:
            for row in rows:
                copy.write_row(row)

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

