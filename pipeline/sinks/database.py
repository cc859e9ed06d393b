"""The database sink: records upserted into SQLite or PostgreSQL, a batch at a time.

SQLite writes a batch in one transaction through prepared executemany statements. PostgreSQL
writes it through binary COPY on `writers` connections side by side, each share of articles in
its connection's transaction (an article and its child rows always together), all committed once
every share is written. Either way a batch that fails leaves nothing of itself.
"""

from __future__ import annotations

import datetime as dt
import logging
import queue
import threading
import time
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
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
    ARTICLE_COLUMNS,
    CHILD_COLUMNS,
    RecordRows,
    TableRow,
    record_rows,
)
from vnextract.pipeline.sinks.schema import CHILD_TABLES, METADATA, migrate

LOGGER = logging.getLogger(__name__)

ARTICLES: Table = METADATA.tables["articles"]
REJECTIONS: Table = METADATA.tables["rejections"]
_DIGEST_AT = ARTICLE_COLUMNS.index("rows_digest")
_RECORD_AT = ARTICLE_COLUMNS.index("record")
_STAMP_AT = ARTICLE_COLUMNS.index("updated_at")
# Ids per DELETE … IN (…): well under SQLite's bound-parameter limit.
DELETE_CHUNK = 500
# PostgreSQL: the per-connection temporary table a batch of articles is COPYed into first.
STAGE_TABLE = "vnextract_stage_articles"
# PostgreSQL: the most articles in a share of a batch (rows are built for one share while the
# shares before it are written), the first share's and the least (`share_sizes`), and the
# connections that write one batch side by side (each its shares in a transaction of its own,
# all committed once every share is written).
PG_CHUNK = 200
PG_FIRST_SHARE = 50
PG_MIN_SHARE = 25
PG_WRITERS = 2
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
    # inside write transactions, commit included (PostgreSQL builds rows inside them too)
    seconds: float = 0.0

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


def _sqlite_statements() -> dict[str, str]:
    """SQLite's statements, built once: the articles upsert and the child inserts."""
    updates = ", ".join(f'"{c}" = excluded."{c}"' for c in ARTICLE_COLUMNS if c != "id")
    statements = {
        "articles": f"INSERT INTO articles ({_quoted(ARTICLE_COLUMNS)}) "
                    f"VALUES ({', '.join('?' * len(ARTICLE_COLUMNS))}) "
                    f"ON CONFLICT (id) DO UPDATE SET {updates}",
    }
    for name, columns in CHILD_COLUMNS.items():
        statements[name] = (
            f'INSERT INTO "{name}" ({_quoted(columns)}) VALUES ({", ".join("?" * len(columns))})'
        )
    return statements


# PostgreSQL: the staged articles merged into `articles`, the staging table emptied on the way
# (one connection stages several shares of a batch in one transaction); xmax is 0 on a row the
# statement inserted and set on one it updated, which tells the articles whose old child rows
# must go.
_PG_UPSERT = (
    f"WITH staged AS (DELETE FROM {STAGE_TABLE} RETURNING *) "
    f"INSERT INTO articles ({_quoted(ARTICLE_COLUMNS)}) "
    f"SELECT {_quoted(ARTICLE_COLUMNS)} FROM staged ON CONFLICT (id) DO UPDATE SET "
    + ", ".join(f'"{c}" = excluded."{c}"' for c in ARTICLE_COLUMNS if c != "id")
    + " RETURNING id, xmax = 0"
)
# The share's stored articles locked (in id order, as every writer locks them) with the digest
# of their child rows, before anything is written: rows whose digest has not changed stay.
_PG_STORED = "SELECT id, rows_digest FROM articles WHERE id = ANY(%(ids)s) ORDER BY id FOR UPDATE"
# ... and those old child rows deleted, every table in one statement (one round trip).
_PG_DELETE = "WITH " + ", ".join(
    f'gone_{name} AS (DELETE FROM "{name}" WHERE article_id = ANY(%(ids)s))' for name in CHILD_TABLES[1:]
) + f' DELETE FROM "{CHILD_TABLES[0]}" WHERE article_id = ANY(%(ids)s)'


# ... through the child tables' keys, whatever the planner guesses: a share's articles own a
# small part of the rows, but on tables that have grown since their statistics (every load that
# starts small) it read each table whole, once per share (a third of a re-write's server time).
_PG_BY_INDEX = "SET LOCAL enable_seqscan = off"


def _tune_sqlite(dbapi_connection: Any, _record: Any) -> None:
    """A page cache that holds the indexes of a long load (the default 2 MB does not: past a
    few thousand articles every insert would read index pages back from the file)."""
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA cache_size = -{SQLITE_CACHE_KIB}")
    cursor.execute("PRAGMA temp_store = MEMORY")
    cursor.close()


def _jsonb_text_dumper(oid: int) -> type:
    """A psycopg dumper for binary COPY of JSON already serialised (UTF-8 bytes, or text) into a
    jsonb column: the format's version byte, then the JSON (psycopg's own jsonb dumper would
    serialise it again, as a JSON string). Made on first use: psycopg is imported only for
    PostgreSQL."""
    from psycopg.adapt import Dumper
    from psycopg.pq import Format

    class JsonbTextDumper(Dumper):
        format = Format.BINARY

        def dump(self, obj: Any) -> bytes:
            return b"\x01" + (obj if isinstance(obj, bytes) else str(obj).encode())

    JsonbTextDumper.oid = oid
    return JsonbTextDumper


def _prepare_pg_connection(conn: Connection) -> None:
    """Once per pooled connection, in a transaction of its own: the staging table and the
    PostgreSQL types of every column the loader COPYs (binary COPY sends no type names)."""
    info = conn.connection.info
    if STAGE_TABLE in info:
        return
    raw: Any = conn.connection.driver_connection  # a psycopg Connection
    # Emptied at each commit; compressed as `articles` is (LZ4, from PostgreSQL 14), so that the
    # upsert copies the compressed values instead of compressing them again.
    compression = " INCLUDING COMPRESSION" if raw.info.server_version >= 140000 else ""
    with raw.transaction():
        raw.execute(
            f"CREATE TEMPORARY TABLE IF NOT EXISTS {STAGE_TABLE} "
            f"(LIKE articles INCLUDING DEFAULTS{compression}) ON COMMIT DELETE ROWS"
        )
        tables = {"articles": ARTICLE_COLUMNS, **CHILD_COLUMNS}
        found = raw.execute(
            "SELECT c.relname, a.attname, a.atttypid::int FROM pg_attribute AS a "
            "JOIN pg_class AS c ON c.oid = a.attrelid "
            "WHERE a.attrelid = ANY(%s::regclass[]) AND a.attnum > 0 AND NOT a.attisdropped",
            ([f'"{name}"' for name in tables],),
        ).fetchall()
    oids = {(table, column): oid for table, column, oid in found}
    types = {name: [oids[name, column] for column in columns] for name, columns in tables.items()}
    types[STAGE_TABLE] = types["articles"]
    info[STAGE_TABLE] = (types, _jsonb_text_dumper(raw.adapters.types["jsonb"].oid))


def _record_id(record: Record | RecordRows) -> str:
    return record.id


def share_sizes(total: int, largest: int, writers: int) -> list[int]:
    """Articles in each share of a batch of `total`, in order.

    The first share is small, so that the server starts while the next rows are built. Each one
    after takes a 2×`writers`-th of what is left (at most `largest`, at least `PG_MIN_SHARE`): the
    shares shrink towards the end, and the connections run out of work together instead of one
    writing a whole share alone while the others wait to commit.
    """
    sizes: list[int] = []
    size, least = min(PG_FIRST_SHARE, largest), min(PG_MIN_SHARE, largest)
    left = total
    while left:
        size = min(size, left)
        sizes.append(size)
        left -= size
        size = max(least, min(largest, left // (2 * writers)))
    return sizes


Share = tuple[list[TableRow], dict[str, list[TableRow]]]  # a share's article rows and child rows


def _drain(work: queue.SimpleQueue[Share | None], failed: threading.Event, conn: Connection) -> tuple[int, int]:
    """One writer connection's part of a batch: the shares it takes from `work`, whichever
    connection is free taking the next, until an end marker; (article rows, child rows) written.
    After a failure anywhere the shares left are only taken out (the batch is lost anyway)."""
    articles = children = 0
    while (share := work.get()) is not None:
        if failed.is_set():
            continue
        try:
            written = _write_pg_share(conn, *share)
        except BaseException:
            failed.set()
            raise
        articles += written[0]
        children += written[1]
    return articles, children


def _write_sqlite_share(
    conn: Connection, articles: list[TableRow], children: dict[str, list[TableRow]], *, statements: dict[str, str]
) -> tuple[int, int]:
    """SQLite: prepared statements through the driver's executemany, positional rows.

    The writer holds the database's only write lock (BEGIN IMMEDIATE), so the ids already
    stored can be asked first, with their child rows' digest: only the old child rows of the
    articles whose rows changed are deleted and written again. A first load deletes nothing.
    """
    raw: Any = conn.connection.driver_connection  # a sqlite3 Connection
    cursor = raw.cursor()
    ids = [row[0] for row in articles]
    stored: dict[str, str | None] = {}
    for start in range(0, len(ids), DELETE_CHUNK):
        chunk = ids[start:start + DELETE_CHUNK]
        marks = ", ".join("?" * len(chunk))
        stored.update(cursor.execute(f"SELECT id, rows_digest FROM articles WHERE id IN ({marks})", chunk))
    kept = _unchanged(articles, stored)
    changed = [article_id for article_id in stored if article_id not in kept]
    cursor.executemany(statements["articles"], articles)
    for name in reversed(CHILD_TABLES):  # children of children first
        for start in range(0, len(changed), DELETE_CHUNK):
            chunk = changed[start:start + DELETE_CHUNK]
            marks = ", ".join("?" * len(chunk))
            cursor.execute(f'DELETE FROM "{name}" WHERE article_id IN ({marks})', chunk)
    written = 0
    for name in CHILD_TABLES:
        rows = _without(children[name], kept)
        if rows:
            cursor.executemany(statements[name], rows)
            written += len(rows)
    cursor.close()
    return len(articles), written


def _unchanged(articles: list[TableRow], stored: dict[str, str | None]) -> set[str]:
    """The ids of the articles stored already with child rows of the same digest: left in place."""
    return {row[0] for row in articles if row[_DIGEST_AT] is not None and stored.get(row[0]) == row[_DIGEST_AT]}


def _without(rows: list[TableRow], kept: set[str]) -> list[TableRow]:
    """Child rows of the articles whose rows are written (those of `kept` articles stay as stored)."""
    return [row for row in rows if row[0] not in kept] if kept else rows


def _write_pg_share(conn: Connection, articles: list[TableRow], children: dict[str, list[TableRow]]) -> tuple[int, int]:
    """One share of a batch on one connection: the articles COPYed into the staging table and
    merged into `articles` by one upsert, the old child rows of the articles that were already
    stored deleted, the new ones COPYed in. (article rows, child rows) written.

    The stored articles are locked first, with their child rows' digest: those whose rows have
    not changed keep them. A second writer of the same article (another worker) waits at that
    lock, or at the upsert for an article both insert, and then deletes the first one's children
    instead of colliding with them (an article the upsert found stored that the lock had not seen
    has its child rows written again).
    """
    types, dumper = conn.connection.info[STAGE_TABLE]
    raw: Any = conn.connection.driver_connection
    with raw.cursor() as cursor:
        cursor.adapters.register_dumper(None, dumper)  # by oid only: what set_types looks up
        kept = _unchanged(articles, dict(cursor.execute(_PG_STORED, {"ids": [row[0] for row in articles]})))
        _copy(cursor, STAGE_TABLE, ARTICLE_COLUMNS, types[STAGE_TABLE], articles)
        # Only the articles that were stored already have child rows to delete.
        changed = [article_id for article_id, inserted in cursor.execute(_PG_UPSERT)
                   if not inserted and article_id not in kept]
        if changed:
            cursor.execute(_PG_BY_INDEX)
            cursor.execute(_PG_DELETE, {"ids": changed})
        written = 0
        for name in CHILD_TABLES:
            rows = _without(children[name], kept)
            if rows:
                _copy(cursor, name, CHILD_COLUMNS[name], types[name], rows)
                written += len(rows)
    return len(articles), written


def _copy(cursor: Any, table: str, columns: Sequence[str], types: list[int], rows: list[TableRow]) -> None:
    """Binary COPY of rows into a table inside the open transaction."""
    with cursor.copy(f'COPY "{table}" ({_quoted(columns)}) FROM STDIN (FORMAT BINARY)') as copy:
        copy.set_types(types)
        for row in rows:
            copy.write_row(row)


class DatabaseSink(ClosingSink):
    """Records and dead letters into one database (`sqlite:///file.db` or `postgresql://…`)."""

    # `write_batch` takes `RecordRows` too: `run` has its workers build them.
    takes_rows = True

    def __init__(
        self, url: str = DEFAULT_URL, *, echo: bool = False, writers: int = PG_WRITERS, chunk: int = PG_CHUNK
    ) -> None:
        if writers < 1 or chunk < 1:
            raise ValueError(f"writers and chunk must be at least 1 (got {writers}, {chunk})")
        self.url = normalize_url(url)
        self.writers = writers  # PostgreSQL: connections per batch
        self.chunk = chunk  # PostgreSQL: the most articles in a share of a batch
        self._pool: list[ThreadPoolExecutor] = []  # one thread per writer connection
        self.engine = make_engine(url, echo=echo)
        self.dialect = self.engine.dialect.name
        migrate(self.engine)
        self.stats = LoaderStats()
        self._sqlite_sql = _sqlite_statements()
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

    def write_batch(self, records: Sequence[Record | RecordRows]) -> int:
        """Upsert records (or their rows, built by `record_rows` where the records were made) and
        replace their child rows; rows written.

        SQLite writes the batch in one transaction. PostgreSQL writes it in shares of at most
        `chunk` articles taken by `writers` connections, each in a transaction of its own (an article
        and its child rows always in one), and commits them all only once every share is written:
        a batch refused anywhere leaves nothing of itself. This thread builds the rows of one
        share while writer threads (and the server) write the shares before it.
        """
        if not records:
            return 0
        latest = {record.id: record for record in records}  # one id twice in a batch: last wins
        # SQLite: rows built first. A writer thread would gain nothing there: the driver lets go
        # of the GIL around every row, then waits for this thread to hand it back.
        rows = self._rows(latest.values()) if self.dialect == "sqlite" else None
        started = time.perf_counter()
        try:
            if rows is None:
                articles, children = self._write_shares(sorted(latest.values(), key=_record_id))
            else:
                with self.engine.begin() as conn:
                    articles, children = _write_sqlite_share(conn, *rows, statements=self._sqlite_sql)
        except Exception as exc:
            if isinstance(exc, DBAPIError) or type(exc).__module__.split(".")[0] in _DRIVERS:
                raise BatchWriteError(len(latest), exc) from exc
            raise
        elapsed = time.perf_counter() - started
        written = articles + children
        self.stats.batches += 1
        self.stats.articles += articles
        self.stats.rows += written
        self.stats.seconds += elapsed
        LOGGER.debug("batch of %d articles, %d rows in %.3fs", articles, written, elapsed)
        return written

    def _rows(self, records: Iterable[Record | RecordRows]) -> tuple[list[TableRow], dict[str, list[TableRow]]]:
        """Article tuples (ARTICLE_COLUMNS order, stamped now) and child tuples per table, ready for
        the driver: those of `RecordRows` as they came, those of records built here."""
        now = dt.datetime.now(dt.UTC)
        # SQLite keeps timestamps as SQLAlchemy's own text form: bound through its processor, so
        # that rows written here read back like rows written through SQLAlchemy.
        stamp: Any = self._stamp(now) if self._stamp is not None else now
        # PostgreSQL's COPY takes the JSON's UTF-8 bytes as they are; SQLite stores text.
        text_json = self.dialect != "postgresql"
        articles: list[TableRow] = []
        children: dict[str, list[TableRow]] = {name: [] for name in CHILD_TABLES}
        for item in records:
            rows = item if isinstance(item, RecordRows) else record_rows(item)
            article = list(rows.article)
            article[_STAMP_AT] = stamp
            if text_json:
                article[_RECORD_AT] = article[_RECORD_AT].decode()
            articles.append(tuple(article))
            for name, own in rows.children.items():
                children[name].extend(own)
        return articles, children

    def _write_shares(self, records: list[Record | RecordRows]) -> tuple[int, int]:
        """PostgreSQL: the batch cut into shares (`share_sizes`; records sorted by id, and each
        connection takes its shares in order: every writer locks articles in one order), each
        share's rows handed to whichever writer connection is free. Returns (article rows, child
        rows) written."""
        sizes = share_sizes(len(records), self.chunk, self.writers)
        count = min(self.writers, len(sizes))
        if len(self._pool) < count:
            self._pool += [ThreadPoolExecutor(1, thread_name_prefix="vnextract-writer")
                           for _ in range(count - len(self._pool))]
        conns: list[Connection] = []
        futures: list[Future[tuple[int, int]]] = []
        work: queue.SimpleQueue[Share | None] = queue.SimpleQueue()
        failed = threading.Event()  # shares after a failure are not written
        try:
            for _ in range(count):
                conn = self.engine.connect()
                conns.append(conn)
                _prepare_pg_connection(conn)
                conn.begin()
            futures = [pool.submit(_drain, work, failed, conn) for pool, conn in zip(self._pool, conns)]
            try:
                start = 0
                for size in sizes:
                    if failed.is_set():
                        break
                    work.put(self._rows(records[start:start + size]))
                    start += size
            finally:
                for _ in futures:
                    work.put(None)  # each connection stops at one, once the shares are taken
            written = [future.result() for future in futures]  # a writer's failure, raised here
            for conn in conns:
                conn.commit()
        except BaseException:
            failed.set()
            for future in futures:
                future.exception()  # wait: a connection is rolled back only once idle
            for conn in conns:
                conn.rollback()
            raise
        finally:
            for conn in conns:
                conn.close()
        return sum(articles for articles, _ in written), sum(children for _, children in written)

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
        for thread in self._pool:
            thread.shutdown()
        self._pool.clear()
        self.engine.dispose()

