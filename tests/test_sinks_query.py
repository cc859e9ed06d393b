# ruff: noqa: F811  (fixtures are imported by name; pytest binds them to test arguments)
"""`query`: read-only SQL, the documented example queries, and the export/query command line."""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path
from typing import Any

import pytest
from _sinks_support import db_url, example_records  # noqa: F401

from vnextract.models import Record
from vnextract.pipeline.sinks import cli
from vnextract.pipeline.sinks.database import DatabaseSink
from vnextract.pipeline.sinks.query import QueryRefused, check_read_only, open_query

QUERIES_MD = Path(__file__).resolve().parent.parent / "docs" / "queries.md"


@pytest.fixture
def loaded(db_url: str) -> str:
    """A database holding the example records."""
    with DatabaseSink(db_url) as sink:
        sink.write_batch(example_records())
    return db_url


def documented_queries() -> dict[str, str]:
    """The SQL blocks of docs/queries.md marked `<!-- example: NAME -->`, by name."""
    found = re.findall(r"<!-- example: ([\w-]+) -->\s*```sql\n(.*?)```", QUERIES_MD.read_text("utf-8"), re.DOTALL)
    return dict(found)


def run(url: str, sql: str) -> list[tuple[Any, ...]]:
    with open_query(url, sql) as result:
        return [tuple(row) for row in result]


@pytest.mark.parametrize(
    "sql",
    [
        "SELECT 1",
        "select 1;",
        "  -- a comment\n/* another */ WITH x AS (SELECT 1) SELECT * FROM x",
        "SELECT ';' AS semicolon, 'it''s' AS quote",
        'SELECT "end" FROM dates;  -- trailing comment',
    ],
    ids=["select", "semicolon", "comments-with", "quoted-semicolon", "trailing-comment"],
)
def test_query_read_allowed(sql: str) -> None:
    assert check_read_only(sql)


@pytest.mark.parametrize(
    ("sql", "dialect", "allowed"),
    [
        pytest.param("SELECT $$ ; DROP TABLE x; $$", "postgresql", True, id="pg-dollar-quote"),
        pytest.param("SELECT $$ ; DROP TABLE x; $$", "sqlite", False, id="sqlite-no-dollar-quote"),
        pytest.param("SELECT [a'] FROM t; DELETE FROM t; --'", "sqlite", False, id="sqlite-bracket-quote"),
        pytest.param("SELECT [a;b] FROM t", "sqlite", True, id="sqlite-bracket-semicolon"),
        pytest.param("SELECT E'\\'' ; DELETE FROM t; --'", "postgresql", False, id="pg-e-string-escape"),
        pytest.param("SELECT E'it\\'s; fine' AS x", "postgresql", True, id="pg-e-string-semicolon"),
        pytest.param("SELECT e'a' AS x; SELECT 2", "postgresql", False, id="pg-e-string-then-second"),
        pytest.param("SELECT code'x' FROM t; DELETE FROM t; --'", "postgresql", False, id="pg-word-ending-in-e"),
        pytest.param("SELECT /* /* */ ' */ ; DELETE FROM t; --'", "postgresql", False, id="pg-nested-comment"),
        pytest.param("SELECT /* /* */ 1 AS x; --", "sqlite", True, id="sqlite-flat-comment"),
    ],
)
def test_query_guard_reads_each_dialects_quotes(sql: str, dialect: str, allowed: bool) -> None:
    if allowed:
        assert check_read_only(sql, dialect)
    else:
        with pytest.raises(QueryRefused):
            check_read_only(sql, dialect)


@pytest.mark.parametrize(
    "sql",
    [
        pytest.param("SELECT fts3_tokenizer('simple')", id="pointer-read"),
        pytest.param("SELECT hex(FTS3_TOKENIZER('simple'))", id="upper-case-nested"),
        pytest.param("SELECT load_extension('x')", id="load-extension"),
    ],
)
def test_query_sqlite_unsafe_functions_refused(tmp_path: Path, sql: str) -> None:
    from sqlalchemy.exc import DBAPIError

    url = f"sqlite:///{tmp_path / 'r.db'}"
    DatabaseSink(url).close()
    with pytest.raises(DBAPIError, match="not authorized"):
        run(url, sql)


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        pytest.param("\x1b[31mđỏ\x1b[0m", "\\x1b[31mđỏ\\x1b[0m", id="ansi-colour"),
        pytest.param("a\x9b2Jb", "a\\x9b2Jb", id="c1-csi"),
        pytest.param("x\u202ey", "x\\u202ey", id="bidi-override"),
        pytest.param("Hà Nội\tok", "Hà Nội\tok", id="tab-kept"),
    ],
)
def test_query_rows_terminal_safe(loaded: str, value: str, shown: str) -> None:
    literal = "'" + value.replace("'", "''") + "'"
    with open_query(loaded, f"SELECT {literal} AS v") as result:
        assert result.keys() == ["v"]
        assert result.all() == [(shown,)]


@pytest.mark.parametrize(
    ("sql", "message"),
    [
        ("DELETE FROM articles", "only SELECT or WITH"),
        ("drop table articles", "only SELECT or WITH"),
        ("/* SELECT */ UPDATE articles SET title = 'x'", "only SELECT or WITH"),
        ("SELECT 1; DELETE FROM articles", "one statement"),
        ("SELECT 1;; ", "one statement"),
        ("PRAGMA query_only = OFF", "only SELECT or WITH"),
        ("ATTACH DATABASE 'x.db' AS x", "only SELECT or WITH"),
        ("SELECT 'unterminated", "unterminated"),
        ("", "only SELECT or WITH"),
    ],
    ids=["delete", "drop", "comment-hides-update", "two-statements", "empty-second",
         "pragma", "attach", "unterminated-quote", "empty"],
)
def test_query_refuses_writes_before_running(sql: str, message: str) -> None:
    with pytest.raises(QueryRefused, match=message):
        check_read_only(sql)


@pytest.mark.parametrize(
    "sql",
    [
        "WITH x AS (SELECT 1) DELETE FROM articles",  # SQLite's WITH … DELETE; a syntax error on PostgreSQL
        "WITH x AS (DELETE FROM persons RETURNING *) SELECT COUNT(*) FROM x",
        "WITH x AS (SELECT 1) INSERT INTO meta (key, value) VALUES ('k', 'v')",
    ],
    ids=["with-delete", "with-data-modifying-cte", "with-insert"],
)
def test_query_refuses_writes_in_database(loaded: str, sql: str) -> None:
    from sqlalchemy.exc import DBAPIError

    with pytest.raises(DBAPIError):
        run(loaded, sql)
    assert run(loaded, "SELECT COUNT(*) FROM articles") == [(4,)]
    assert run(loaded, "SELECT COUNT(*) FROM persons") == [(4,)]
    assert run(loaded, "SELECT COUNT(*) FROM meta") == [(1,)]


def test_query_connection_read_only(loaded: str) -> None:
    if loaded.startswith("sqlite"):
        assert run(loaded, "SELECT * FROM pragma_query_only") == [(1,)]
        return
    from sqlalchemy.exc import DBAPIError

    # A SELECT can still write through a function: the READ ONLY transaction refuses it.
    with pytest.raises(DBAPIError, match="read-only"):
        run(loaded, "SELECT nextval('rejections_id_seq')")


def test_query_like_percent_and_colon(loaded: str) -> None:
    rows = run(loaded, "SELECT name, '10:30' AS at FROM persons WHERE name LIKE '%Cường%' ORDER BY article_id")
    assert rows == [("Nguyễn Văn Cường", "10:30"), ("Nguyễn Văn Cường", "10:30")]


def test_query_documented_examples_present() -> None:
    assert set(documented_queries()) == {
        "statistics-dang-vien-lam-dong-2023",
        "titles-nguyen-van-cuong",
        "titles-nguyen-van-cuong-distinct",
    }


def test_query_example_statistics_dang_vien_lam_dong_2023(loaded: str) -> None:
    rows = run(loaded, documented_queries()["statistics-dang-vien-lam-dong-2023"])
    assert [(r[0], r[1], r[2], r[3], r[6], r[7]) for r in rows] == [
        ("2023-06-10T08:00:00+07:00", "Báo Nhân Dân", "1.250", 1250, "đảng viên mới", None),
        ("2024-01-04", "Báo Lâm Đồng", "4.872", 4872, "đảng viên", "2023"),
    ]


def test_query_example_titles_nguyen_van_cuong(loaded: str) -> None:
    rows = run(loaded, documented_queries()["titles-nguyen-van-cuong"])
    assert [r[:4] for r in rows] == [
        ("Bí thư", "Huyện ủy Đức Trọng", "Bí thư Huyện ủy Đức Trọng", "2023-06-10T08:00:00+07:00"),
        ("Chủ tịch", "UBND huyện Đức Trọng", "Chủ tịch UBND huyện", "2024-01-04"),
    ]


def test_query_example_titles_distinct(loaded: str) -> None:
    rows = run(loaded, documented_queries()["titles-nguyen-van-cuong-distinct"])
    assert rows == [
        ("Bí thư", "Huyện ủy Đức Trọng", 1, "2023-06-10T08:00:00+07:00", "2023-06-10T08:00:00+07:00"),
        ("Chủ tịch", "UBND huyện Đức Trọng", 1, "2024-01-04", "2024-01-04"),
    ]


def parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="vnextract")
    cli.register(parser.add_subparsers(dest="command", required=True))
    return parser.parse_args(argv)


def test_query_cli_table(loaded: str, capsys: pytest.CaptureFixture[str]) -> None:
    args = parse(["query", "--db", loaded, "SELECT name, person_no FROM persons ORDER BY name, article_id"])
    assert args.func(args) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].split(" | ") == ["name            ", "person_no"]
    assert out[2].startswith("Bùi Sơn Điền")
    assert out[-1] == "(4 rows)"


def test_query_cli_json(loaded: str, capsys: pytest.CaptureFixture[str]) -> None:
    args = parse(["query", "--db", loaded, "--json",
                  "SELECT id, updated_at, record FROM articles ORDER BY id LIMIT 1"])
    assert args.func(args) == 0
    row = json.loads(capsys.readouterr().out)
    assert row["id"] == "a-lamdong-2024"
    assert "T" in row["updated_at"] or " " in row["updated_at"]
    record = row["record"] if isinstance(row["record"], dict) else json.loads(row["record"])
    assert Record.model_validate(record) == example_records()[0]


def test_query_cli_cleans_escapes(loaded: str, capsys: pytest.CaptureFixture[str]) -> None:
    for flags in ([], ["--json"]):
        args = parse(["query", "--db", loaded, *flags, "SELECT 'a' || char(27) || '[2J' || char(155) AS v"
                      if loaded.startswith("sqlite") else
                      "SELECT 'a' || chr(27) || '[2J' || chr(155) AS v"])
        assert args.func(args) == 0
        out = capsys.readouterr().out
        assert "\x1b" not in out and "\x9b" not in out
        assert "\\x1b[2J" in out


def test_query_cli_refuses(loaded: str, capsys: pytest.CaptureFixture[str]) -> None:
    args = parse(["query", "--db", loaded, "DELETE FROM articles"])
    assert args.func(args) == 2
    assert "only SELECT or WITH" in capsys.readouterr().err
    args = parse(["query", "--db", loaded, "SELECT nope FROM articles"])
    assert args.func(args) == 2
    assert "query failed" in capsys.readouterr().err


def test_query_cli_export(loaded: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args = parse(["export", "--db", loaded, "--format", "csv", "--table", "officials",
                  "-o", str(tmp_path / "o.csv")])
    assert args.func(args) == 0
    assert "exported 4 rows" in capsys.readouterr().err
    args = parse(["export", "--db", loaded])  # jsonl records on stdout
    assert args.func(args) == 0
    assert len(capsys.readouterr().out.splitlines()) == 4
    args = parse(["export", "--db", loaded, "--format", "parquet", "--table", "articles"])
    assert args.func(args) == 2
    assert "-o" in capsys.readouterr().err
