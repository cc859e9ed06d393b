"""Database URLs and engines: SQLite files (the default) and PostgreSQL through psycopg 3."""

from __future__ import annotations

import json
import logging
import os
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import quote

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

from vnextract.pipeline.sinks import DEFAULT_URL
from vnextract.pipeline.sinks.rows import JsonText

LOGGER = logging.getLogger(__name__)

__all__ = ["DEFAULT_URL", "DatabaseURLError", "make_engine", "normalize_url", "redact"]
SQLITE_BUSY_TIMEOUT_MS = 60_000  # other writers (workers) hold the lock for one batch at most


class DatabaseURLError(ValueError):
    """A --db value that names no database this program can open."""


def normalize_url(url: str) -> URL:
    """A SQLAlchemy URL: a bare path means SQLite; postgresql:// means psycopg 3."""
    if "://" not in url:
        url = f"sqlite:///{url}"
    try:
        parsed = make_url(url)
    except (ArgumentError, ValueError) as exc:
        raise DatabaseURLError(f"not a database URL: {url!r} ({exc})") from None
    driver = parsed.drivername
    if driver in ("postgresql", "postgres", "postgresql+psycopg2"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    elif driver not in ("sqlite", "sqlite+pysqlite", "postgresql+psycopg"):
        raise DatabaseURLError(f"unsupported database {driver!r}: use sqlite:///FILE or postgresql://…")
    return parsed


def redact(url: URL | str) -> str:
    """The URL as safe to print: the password hidden."""
    parsed = url if isinstance(url, URL) else normalize_url(url)
    return parsed.render_as_string(hide_password=True)


def _dumps(value: Any) -> str:
    if isinstance(value, JsonText):
        return value
    # Vietnamese stays readable in SQLite's JSON text (PostgreSQL's JSONB parses it anyway).
    return json.dumps(value, ensure_ascii=False)


def _sqlite_path(url: URL) -> Path | None:
    database = url.database
    if not database or database == ":memory:" or database.startswith("file:"):
        return None
    return Path(database)


# SQL functions a read-only reader must not reach: fts3_tokenizer() reads and registers tokenizers
# by raw memory address, load_extension() loads native code.
UNSAFE_SQLITE_FUNCTIONS = frozenset({"fts3_tokenizer", "load_extension"})


def _refuse_unsafe_functions(action: int, _arg1: str | None, function: str | None, *_: object) -> int:
    """SQLite authorizer of read-only connections: every call of an unsafe function is denied."""
    if action == sqlite3.SQLITE_FUNCTION and (function or "").lower() in UNSAFE_SQLITE_FUNCTIONS:
        return sqlite3.SQLITE_DENY
    return sqlite3.SQLITE_OK


def _install_sqlite_hooks(engine: Engine, *, read_only: bool) -> None:
    """Real transactions for pysqlite: BEGIN issued by us, foreign keys on, WAL for files."""

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # stop pysqlite's own implicit BEGIN/COMMIT
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys = ON")
        if read_only:
            cursor.execute("PRAGMA query_only = ON")
            dbapi_connection.set_authorizer(_refuse_unsafe_functions)
        elif _sqlite_path(engine.url) is not None:
            cursor.execute("PRAGMA journal_mode = WAL")  # readers do not block the loader
            cursor.execute("PRAGMA synchronous = NORMAL")  # durable at checkpoints; safe in WAL
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        # IMMEDIATE takes the write lock up front, so two writers wait instead of deadlocking.
        conn.exec_driver_sql("BEGIN" if read_only else "BEGIN IMMEDIATE")


def _read_only_sqlite(path: Path) -> Callable[[], sqlite3.Connection]:
    """Connections that cannot write: `mode=ro`, and `immutable=1` where nothing can write either.

    A WAL database read with `mode=ro` needs its -shm file, which SQLite creates beside it; on
    read-only media (a mounted archive, a CD, a read-only bind mount) it cannot, so the file is
    opened as immutable: no locks, no -shm, nothing written. Immutable is only taken when the
    folder refuses writes, so a database some loader is still writing is read with locks as usual.
    """
    uri = f"file:{quote(str(path.resolve()))}?mode=ro"

    def connect() -> sqlite3.Connection:
        try:
            connection = sqlite3.connect(uri, uri=True, check_same_thread=False)
            connection.execute("SELECT count(*) FROM sqlite_master").fetchone()  # opens the file
            return connection
        except sqlite3.OperationalError:
            if os.access(path.parent, os.W_OK):
                raise  # the media is writable: the error is about the file, not about its -shm
        return sqlite3.connect(uri + "&immutable=1", uri=True, check_same_thread=False)

    return connect


def make_engine(url: str, *, read_only: bool = False, echo: bool = False) -> Engine:
    """An engine for `url`; read-only engines refuse writes and never create a SQLite file."""
    parsed = normalize_url(url)
    kwargs: dict[str, Any] = {"echo": echo, "json_serializer": _dumps}
    if parsed.get_backend_name() == "sqlite":
        path = _sqlite_path(parsed)
        if path is not None:
            if read_only and not path.exists():
                raise DatabaseURLError(f"no such database file: {path}")
            if not read_only:
                path.parent.mkdir(parents=True, exist_ok=True)
        if read_only and path is not None:
            kwargs["creator"] = _read_only_sqlite(path)
        engine = create_engine(parsed, **kwargs)
        _install_sqlite_hooks(engine, read_only=read_only)
        return engine
    kwargs["pool_pre_ping"] = True
    if read_only:
        # Every transaction of this engine is READ ONLY: the server refuses any write.
        own = parsed.query.get("options")  # a str, or a tuple when given twice
        own_options = " ".join(own) if isinstance(own, tuple) else own
        options = " ".join(filter(None, [own_options, "-c default_transaction_read_only=on"]))
        kwargs["connect_args"] = {"options": options}  # replaces the URL's own: so merged
        kwargs["execution_options"] = {"postgresql_readonly": True}
    return create_engine(parsed, **kwargs)
