"""Read-only SQL over a vnextract database: one SELECT or WITH statement, nothing else."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import CursorResult

from vnextract.pipeline.review.render import clean
from vnextract.pipeline.sinks.engine import make_engine

LOGGER = logging.getLogger(__name__)

ALLOWED_FIRST_WORDS = ("select", "with")
FETCH_ROWS = 1000

_DOLLAR_TAG = re.compile(r"\$([A-Za-z_][A-Za-z_0-9]*)?\$")


class QueryRefused(ValueError):
    """A statement that `vnextract query` will not run (it is not a single read)."""


def _skip_comment(sql: str, i: int, dialect: str = "sqlite") -> int:
    """Index after a comment starting at `i`, or `i` when none starts there.

    PostgreSQL nests block comments ("/* /* */ still a comment */"); SQLite ends one at the first
    "*/". Reading them as the server does keeps a quote inside a comment from hiding a ';'."""
    if sql.startswith("--", i):
        end = sql.find("\n", i)
        return len(sql) if end < 0 else end + 1
    if not sql.startswith("/*", i):
        return i
    depth, j = 1, i + 2
    while depth:
        close = sql.find("*/", j)
        if close < 0:
            raise QueryRefused("unterminated /* comment")
        opening = sql.find("/*", j, close) if dialect == "postgresql" else -1
        if opening >= 0:
            depth, j = depth + 1, opening + 2
        else:
            depth, j = depth - 1, close + 2
    return j


def _skip_quoted(sql: str, i: int, dialect: str = "sqlite") -> int:
    """Index after a quoted string, identifier or dollar-quoted body starting at `i`, else `i`.

    Each database's own quotes: SQLite's [bracketed identifiers], PostgreSQL's E'...' strings
    (a backslash escapes the next character) and $tag$ bodies; '...', "..." and `...` in both."""
    char = sql[i]
    if char == "[" and dialect == "sqlite":
        end = sql.find("]", i + 1)
        if end < 0:
            raise QueryRefused("unterminated [ identifier")
        return end + 1
    if (
        char in "eE" and dialect == "postgresql" and sql.startswith("'", i + 1)
        and (i == 0 or not (sql[i - 1].isalnum() or sql[i - 1] in "_$"))
    ):
        j = i + 2
        while j < len(sql):
            if sql[j] == "\\" or sql.startswith("''", j):  # an escaped character, a doubled quote
                j += 2
            elif sql[j] == "'":
                return j + 1
            else:
                j += 1
        raise QueryRefused("unterminated E' string")
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
    if char == "$" and dialect == "postgresql":
        match = _DOLLAR_TAG.match(sql, i)
        if match:
            end = sql.find(match.group(0), match.end())
            if end < 0:
                raise QueryRefused("unterminated dollar quote")
            return end + len(match.group(0))
    return i


def check_read_only(sql: str, dialect: str = "sqlite") -> str:
    """The single SELECT/WITH statement in `sql` (trailing ';' dropped), or raise QueryRefused.

    `dialect` ("sqlite" or "postgresql") decides which quotes and comments there are, so that the
    statement is split where the database itself would split it."""
    i = 0
    while True:  # leading whitespace and comments
        while i < len(sql) and sql[i].isspace():
            i += 1
        after = _skip_comment(sql, i, dialect)
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
        after = _skip_comment(sql, j, dialect)
        if after == j:
            after = _skip_quoted(sql, j, dialect)
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
                skipped = _skip_comment(sql, rest, dialect)
                if skipped == rest:
                    raise QueryRefused("one statement at a time: remove what follows ';'")
                rest = skipped
            break
        j += 1
    return sql[:end].strip()


class TerminalSafeResult:
    """A query's rows and column names with control characters made visible (`review.render.clean`).

    Article text is untrusted: an escape sequence stored in a title would otherwise reach the
    terminal of whoever queries it. `vnextract export` gives the values exactly as stored."""

    def __init__(self, result: CursorResult[Any]) -> None:
        self._result = result

    def keys(self) -> list[str]:
        """The column names, cleaned."""
        return [clean(str(name)) for name in self._result.keys()]  # noqa: SIM118 - a result, not a dict

    def __iter__(self) -> Iterator[tuple[Any, ...]]:
        for row in self._result:
            yield tuple(_safe(value) for value in row)

    def all(self) -> list[tuple[Any, ...]]:
        """Every remaining row, cleaned."""
        return list(self)


def _safe(value: Any) -> Any:
    """A cell with every string in it cleaned (JSON columns arrive as dicts and lists)."""
    if isinstance(value, str):
        return clean(value)
    if isinstance(value, dict):
        return {_safe(k): _safe(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_safe(v) for v in value]
    return value


@contextmanager
def open_query(db_url: str, sql: str) -> Iterator[TerminalSafeResult]:
    """Run one read-only statement and yield its streaming result (writes refused by the server)."""
    engine = make_engine(db_url, read_only=True)
    try:
        statement = check_read_only(sql, engine.dialect.name)
        with engine.connect() as conn:
            if conn.dialect.name == "postgresql":
                conn.exec_driver_sql("SET TRANSACTION READ ONLY")
            # exec_driver_sql: the SQL goes to the driver as written (no ':name' binds parsed).
            result = conn.execution_options(
                yield_per=FETCH_ROWS, no_parameters=True  # no %-placeholders: LIKE '%x%' as is
            ).exec_driver_sql(statement)
            yield TerminalSafeResult(result)
            conn.rollback()  # nothing to keep: end the read transaction
    finally:
        engine.dispose()
