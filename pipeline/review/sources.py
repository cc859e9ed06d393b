"""Where `vnextract diff` reads records from: a JSON Lines file or a database of records.

Both are read lazily: a JSON Lines file is indexed (id -> byte offset), a database is asked for
its ids and then for one record at a time, so diffing two archives of hundreds of thousands of
records keeps only their ids in memory. Databases are opened read-only through the sinks'
engine (`pipeline.sinks.engine`, SQLite or PostgreSQL) and read from the `articles.record`
column; without the sinks a SQLite file is still read with the standard library.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

LOGGER = logging.getLogger(__name__)

DATABASE_SCHEMES = ("sqlite:", "postgresql:", "postgresql+", "postgres:")


class RecordSourceError(Exception):
    """A side of the diff cannot be read: missing file, bad JSON line, unreachable database."""


def is_database_url(spec: str) -> bool:
    """True for `sqlite:///...`, `postgresql://...` and other SQLAlchemy URLs."""
    return spec.lower().startswith(DATABASE_SCHEMES) or "://" in spec


# `{"schema_version": "1.0", "id": "..."` as `vnextract extract` writes it; other lines are parsed
_LEADING_ID = re.compile(rb'\s*\{\s*(?:"schema_version"\s*:\s*"[^"\\]*"\s*,\s*)?"id"\s*:\s*"([0-9A-Za-z_.:-]+)"')


class JsonlRecords(Mapping[str, dict[str, Any]]):
    """A JSON Lines file of records as a lazy mapping id -> record (the last line of an id wins)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._offsets: dict[str, int] = {}
        try:
            with path.open("rb") as handle:
                offset = 0
                for number, line in enumerate(handle, 1):
                    if line.strip():
                        fast = _LEADING_ID.match(line)  # the contract's own key order: no parse
                        key = fast.group(1).decode() if fast else str(self._parse(line, number)["id"])
                        if key in self._offsets:
                            LOGGER.warning("%s: record id %s appears more than once; the last is used", path, key)
                            del self._offsets[key]  # keep file order of the surviving line
                        self._offsets[key] = offset
                    offset += len(line)
        except OSError as error:
            raise RecordSourceError(f"{path}: {error.strerror or error}") from error

    def _parse(self, line: bytes, number: int) -> dict[str, Any]:
        try:
            record = json.loads(line)
        except (ValueError, UnicodeDecodeError) as error:
            raise RecordSourceError(f"{self.path}:{number}: not a JSON record ({error})") from error
        if not isinstance(record, dict) or "id" not in record:
            raise RecordSourceError(f"{self.path}:{number}: a record needs an \"id\"")
        return record

    def raw(self, key: str) -> bytes:
        """The record's line as stored: two equal lines need no parsing to compare."""
        with self.path.open("rb") as handle:
            handle.seek(self._offsets[key])
            return handle.readline().rstrip(b"\r\n")

    def __getitem__(self, key: str) -> dict[str, Any]:
        return self._parse(self.raw(key), 0)

    def __iter__(self) -> Iterator[str]:
        return iter(self._offsets)

    def __contains__(self, key: object) -> bool:
        return key in self._offsets

    def __len__(self) -> int:
        return len(self._offsets)


def _as_record(value: Any) -> dict[str, Any]:
    # JSON columns come back as dicts (PostgreSQL JSONB, SQLAlchemy JSON) or as text (plain SQLite).
    if isinstance(value, (bytes, bytearray, memoryview)):
        value = bytes(value).decode("utf-8")
    if isinstance(value, str):
        value = json.loads(value)
    if not isinstance(value, dict):
        raise RecordSourceError(f"articles.record holds {type(value).__name__}, not a JSON object")
    return value


class DatabaseRecords(Mapping[str, dict[str, Any]]):
    """The `articles.record` column of a database as a lazy mapping id -> record (ids in memory)."""

    def __init__(self, url: str) -> None:
        from sqlalchemy import select
        from sqlalchemy.exc import SQLAlchemyError

        from vnextract.pipeline.sinks.engine import DatabaseURLError, make_engine
        from vnextract.pipeline.sinks.schema import METADATA

        self.url = url
        self._articles = METADATA.tables["articles"]
        try:
            self._engine = make_engine(url, read_only=True)
            self._connection = self._engine.connect()
            ids = self._connection.execute(select(self._articles.c.id).order_by(self._articles.c.id))
            self._ids = dict.fromkeys(str(row[0]) for row in ids)  # ordered, O(1) membership
        except (DatabaseURLError, SQLAlchemyError) as error:
            self.close()
            raise RecordSourceError(f"{url}: cannot read records ({_first_line(error)})") from error
        self._select = select(self._articles.c.record)

    def __getitem__(self, key: str) -> dict[str, Any]:
        from sqlalchemy.exc import SQLAlchemyError

        try:
            row = self._connection.execute(self._select.where(self._articles.c.id == key)).first()
        except SQLAlchemyError as error:
            raise RecordSourceError(f"{self.url}: cannot read record {key} ({_first_line(error)})") from error
        if row is None:
            raise KeyError(key)
        return _as_record(row[0])

    def __iter__(self) -> Iterator[str]:
        return iter(self._ids)

    def __contains__(self, key: object) -> bool:
        return key in self._ids

    def __len__(self) -> int:
        return len(self._ids)

    def close(self) -> None:
        """Release the connection and the engine."""
        if getattr(self, "_connection", None) is not None:
            self._connection.close()
        if getattr(self, "_engine", None) is not None:
            self._engine.dispose()


def _first_line(error: Exception) -> str:
    return str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__


def _read_with_sqlite3(url: str) -> Iterator[dict[str, Any]]:
    # Without the sinks (or SQLAlchemy) a SQLite file is still readable with the standard library.
    import sqlite3

    path = url.split(":///", 1)[1]
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        for (value,) in connection.execute("SELECT record FROM articles ORDER BY id"):
            yield _as_record(value)
    except sqlite3.Error as error:
        raise RecordSourceError(f"{url}: cannot read records ({error})") from error
    finally:
        connection.close()


def read_database(url: str) -> Mapping[str, dict[str, Any]] | Iterator[dict[str, Any]]:
    """The records stored in a database's `articles.record` column."""
    try:
        import vnextract.pipeline.sinks.engine  # noqa: F401
        import vnextract.pipeline.sinks.schema  # noqa: F401
    except ImportError:
        LOGGER.debug("database sinks unavailable", exc_info=True)
        if not url.startswith("sqlite:///"):
            raise RecordSourceError(f"{url}: reading this database needs the database sinks (SQLAlchemy)") from None
        path = url.split(":///", 1)[1]
        if not Path(path).is_file():  # do not create an empty database by reading it
            raise RecordSourceError(f"{url}: no SQLite database file at {path!r}") from None
        return _read_with_sqlite3(url)
    return DatabaseRecords(url)


def open_records(spec: str) -> Mapping[str, dict[str, Any]] | Iterator[dict[str, Any]]:
    """Records named on the command line: a JSON Lines path or a database URL."""
    if is_database_url(spec):
        return read_database(spec)
    path = Path(spec)
    if not path.is_file():
        raise RecordSourceError(f"{spec}: no such file (give a .jsonl file or a database URL)")
    return JsonlRecords(path)
