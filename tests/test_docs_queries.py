"""Every query the documentation shows runs, on SQLite and PostgreSQL, against a database built
from the bundled corpus: each `vnextract query` command line of README.md and docs/queries.md,
and each statement of docs/queries.md's SQL blocks. A worked example (`<!-- example: NAME -->`)
must also find rows, since the corpus holds what it asks about."""

from __future__ import annotations

import re
import shlex
import uuid
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from _run_inputs import CORPUS, ROOT
from _sinks_support import PG_URL, _pg_admin, require_pg

DOCS = (ROOT / "README.md", ROOT / "docs" / "queries.md")
_COMMAND_LINE = re.compile(r"^\s+(vnextract query\s.*)$")  # an indented (code) line, not prose
_SQL_BLOCK = re.compile(r"(?:<!-- example: (?P<name>[\w-]+) -->\s*)?```sql\n(?P<sql>.*?)```", re.DOTALL)


def command_queries(path: Path) -> Iterator[tuple[str, list[str]]]:
    """(where, the query command's arguments after `vnextract`) for each command line of a doc."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        match = _COMMAND_LINE.match(line)
        if match:
            yield f"{path.name}:{number}", shlex.split(match.group(1), comments=True)[1:]


def sql_statements(path: Path) -> Iterator[tuple[str, str | None, str]]:
    """(where, example name or None, statement) for each statement of each ```sql block."""
    text = path.read_text(encoding="utf-8")
    for block in _SQL_BLOCK.finditer(text):
        line = text.count("\n", 0, block.start("sql")) + 1
        for statement in block.group("sql").split(";"):
            if statement.strip():
                yield f"{path.name}:{line}", block.group("name"), statement.strip()


COMMANDS = [pytest.param(argv, id=where) for doc in DOCS for where, argv in command_queries(doc)]
STATEMENTS = [pytest.param(name, sql, id=f"{where}-{name or 'sql'}")
              for doc in DOCS for where, name, sql in sql_statements(doc)]


def test_docs_queries_are_found() -> None:
    # The extraction itself: a doc reshaped so that nothing matches must not pass silently.
    assert len(COMMANDS) >= 3 and len(STATEMENTS) >= 6
    assert {p.values[0] for p in STATEMENTS} >= {
        "statistics-dang-vien-lam-dong-2023", "titles-nguyen-van-cuong", "titles-nguyen-van-cuong-distinct"}


@pytest.fixture(scope="module")
def corpus_sqlite(tmp_path_factory: pytest.TempPathFactory, settings) -> str:
    """The bundled corpus run into a SQLite file, as the README's first command does."""
    from vnextract.pipeline.run import run
    from vnextract.pipeline.sinks.database import DatabaseSink

    url = f"sqlite:///{tmp_path_factory.mktemp('docs') / 'records.db'}"
    with DatabaseSink(url) as sink:
        summary = run([str(CORPUS)], settings, sink, progress=False)
    assert summary.processed > 100
    return url


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def corpus_db(request: pytest.FixtureRequest, corpus_sqlite: str) -> Iterator[str]:
    """The corpus database on either backend (PostgreSQL gets the SQLite file's records)."""
    if request.param == "sqlite":
        yield corpus_sqlite
        return
    require_pg()
    from sqlalchemy import create_engine

    from vnextract.models import Record
    from vnextract.pipeline.sinks.database import DatabaseSink
    from vnextract.pipeline.sinks.export import iter_records

    schema = f"docs_{uuid.uuid4().hex[:12]}"
    _pg_admin(f"CREATE SCHEMA {schema}")
    separator = "&" if "?" in PG_URL else "?"
    url = f"{PG_URL}{separator}options={quote(f'-csearch_path={schema}')}"
    try:
        engine = create_engine(corpus_sqlite)
        with engine.connect() as conn:
            records = [Record.model_validate(data) for data in iter_records(conn)]
        engine.dispose()
        with DatabaseSink(url) as sink:
            sink.write_batch(records)
        yield url
    finally:
        _pg_admin(f"DROP SCHEMA {schema} CASCADE")


def _query(argv: list[str], db: str, capsys) -> tuple[int, str, str]:
    from vnextract.pipeline.cli import main

    argv = list(argv)
    if "--db" in argv:  # the doc's database URL stands for ours
        argv[argv.index("--db") + 1] = db
    else:
        argv[1:1] = ["--db", db]
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("argv", COMMANDS)
def test_docs_query_command_runs(argv: list[str], corpus_db: str, capsys) -> None:
    code, out, err = _query(argv, corpus_db, capsys)
    assert code == 0, err
    assert err == ""
    assert out.strip()


@pytest.mark.parametrize("name, sql", STATEMENTS)
def test_docs_sql_runs(name: str | None, sql: str, corpus_db: str, capsys) -> None:
    code, out, err = _query(["query", "--json", sql], corpus_db, capsys)
    assert code == 0, err
    if name is not None:  # a worked example: the corpus has what it asks about
        assert out.strip(), f"example {name} finds no rows in the corpus"
