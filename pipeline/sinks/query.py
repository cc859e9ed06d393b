"""Read-only SQL over a vnextract database: one SELECT or WITH statement, nothing else."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import CursorResult

from vnextract.pipeline.sinks.engine import make_engine

LOGGER = logging.getLogger(__name__)

ALLOWED_FIRST_WORDS = ("select", "with")
FETCH_ROWS = 1000

_DOLLAR_TAG = re.compile(r"\$([A-Za-z_][A-Za-z_0-9]*)?\$")


class QueryRefused(ValueError):
    """A statement that `vnextract query` will not run (it is not a single read)."""


def _skip_comment(sql: str, i: int) -> int:
    """Index after a comment starting at `i`, or `i` when none starts there."""
    if sql.startswith("--", i):
        end = sql.find("\n", i)
        return len(sql) if end < 0 else end + 1
    if sql.startswith("/*", i):
        end = sql.find("*/", i + 2)
        if end < 0:
            raise QueryRefused("unterminated /* comment")
        return end + 2
    return i


def _skip_quoted(sql: str, i: int) -> int:
    """Index after a quoted string, identifier or dollar-quoted body starting at `i`, else `i`."""
    char = sql[i]
    if char in "'\"`":
        j = i + 1
        while True:
            j = sql.find(char, j)
            if j < 0:
                raise QueryRefused(f"unterminated {char} quote")
            if sql.startswith(char * 2, j):  # doubled quote: an escaped one
                j += 2
                continue
            return j + 1
    if char == "$":
        match = _DOLLAR_TAG.match(sql, i)
        if match:
            end = sql.find(match.group(0), match.end())
            if end < 0:
                raise QueryRefused("unterminated dollar quote")
            return end + len(match.group(0))
    return i


def check_read_only(sql: str) -> str:
    """The single SELECT/WITH statement in `sql` (trailing ';' dropped), or raise QueryRefused."""
    i = 0
    while True:  # leading whitespace and comments
        while i < len(sql) and sql[i].isspace():
            i += 1
        after = _skip_comment(sql, i)
        if after == i:
            break
        i = after
    first = re.match(r"[A-Za-z]+", sql[i:])
    word = first.group(0).lower() if first else ""
    if word not in ALLOWED_FIRST_WORDS:
        raise QueryRefused(
            f"only SELECT or WITH statements are run, not {word.upper() or 'this'}: "
            "the database is opened read-only"
        )
    end = len(sql)
    j = i
    while j < len(sql):
        after = _skip_comment(sql, j)
        if after == j:
            after = _skip_quoted(sql, j)
        if after != j:
            j = after
            continue
        if sql[j] == ";":
            end = j
            rest = j + 1
            while rest < len(sql):  # only whitespace and comments may follow the last ';'
                if sql[rest].isspace():
                    rest += 1
                    continue
                skipped = _skip_comment(sql, rest)
                if skipped == rest:
                    raise QueryRefused("one statement at a time: remove what follows ';'")
                rest = skipped
            break
        j += 1
    return sql[:end].strip()


@contextmanager
def open_query(db_url: str, sql: str) -> Iterator[CursorResult]:
    """Run one read-only statement and yield its streaming result (writes refused by the server)."""
    statement = check_read_only(sql)
    engine = make_engine(db_url, read_only=True)
    try:
        with engine.connect() as conn:
            if conn.dialect.name == "postgresql":
                conn.exec_driver_sql("SET TRANSACTION READ ONLY")
            # exec_driver_sql: the SQL goes to the driver as written (no ':name' binds parsed).
            result = conn.execution_options(
                yield_per=FETCH_ROWS, no_parameters=True  # no %-placeholders: LIKE '%x%' as is
            ).exec_driver_sql(statement)
            yield result
            conn.rollback()  # nothing to keep: end the read transaction
    finally:
        engine.dispose()
