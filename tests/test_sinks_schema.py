# ruff: noqa: F811  (fixtures are imported by name; pytest binds them to test arguments)
"""Schema creation, stored version and migrations, on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from _sinks_support import db_url, example_records  # noqa: F401
from sqlalchemy import Column, Engine, String, inspect, text

from vnextract.pipeline.sinks.database import DatabaseSink
from vnextract.pipeline.sinks.engine import make_engine
from vnextract.pipeline.sinks.schema import (
    METADATA,
    SCHEMA_VERSION,
    SchemaVersionError,
    add_column,
    build_metadata,
    migrate,
    stored_version,
)


@pytest.fixture
def engine(db_url: str) -> Iterator[Engine]:
    """A writing engine on a fresh database."""
    made = make_engine(db_url)
    yield made
    made.dispose()


# The version after this program's: what a test migration steps to.
NEXT = SCHEMA_VERSION + 1


def version_of(engine: Engine) -> int | None:
    with engine.connect() as conn:
        return stored_version(conn)


def test_schema_fresh_database_complete(engine: Engine) -> None:
    assert version_of(engine) is None
    assert migrate(engine) == SCHEMA_VERSION
    inspector = inspect(engine)
    assert set(METADATA.tables) <= set(inspector.get_table_names())
    assert "officials" in inspector.get_view_names()
    for table in METADATA.sorted_tables:
        present = {ix["name"] for ix in inspector.get_indexes(table.name)}
        assert {ix.name for ix in table.indexes} <= present, table.name
    assert version_of(engine) == SCHEMA_VERSION


def test_schema_migrate_twice_noop(engine: Engine) -> None:
    migrate(engine)
    migrate(engine)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT COUNT(*) FROM meta")).scalar_one() == 1
    assert version_of(engine) == SCHEMA_VERSION


def test_schema_missing_parts_recreated(engine: Engine) -> None:
    """A version-1 database missing a table, an index and the view gets them back."""
    migrate(engine)
    with engine.begin() as conn:
        conn.execute(text("DROP VIEW officials"))
        conn.execute(text("DROP TABLE mentions"))
        conn.execute(text("DROP INDEX ix_statistics_subject"))
    migrate(engine)
    inspector = inspect(engine)
    assert "mentions" in inspector.get_table_names()
    assert "officials" in inspector.get_view_names()
    assert "ix_statistics_subject" in {ix["name"] for ix in inspector.get_indexes("statistics")}


def test_schema_migration_adds_column(db_url: str) -> None:
    """An older database (this version, with data) steps to the next, whose migration adds a column."""
    with DatabaseSink(db_url) as sink:
        sink.write_batch(example_records())
    calls: list[int] = []

    def to_v2(conn: object) -> None:
        calls.append(2)
        add_column(conn, "articles", Column("language", String(8)))  # type: ignore[arg-type]

    metadata_v2 = build_metadata()
    metadata_v2.tables["articles"].append_column(Column("language", String(8)))
    engine = make_engine(db_url)
    try:
        assert migrate(engine, metadata=metadata_v2, migrations={NEXT: to_v2}, target=NEXT) == NEXT
        assert migrate(engine, metadata=metadata_v2, migrations={NEXT: to_v2}, target=NEXT) == NEXT
        assert calls == [2]  # the step ran once
        assert version_of(engine) == NEXT
        columns = {c["name"] for c in inspect(engine).get_columns("articles")}
        assert "language" in columns
        with engine.connect() as conn:
            assert conn.execute(text("SELECT COUNT(*) FROM articles")).scalar_one() == 4
            assert conn.execute(text("SELECT COUNT(language) FROM articles")).scalar_one() == 0
        with pytest.raises(SchemaVersionError, match="newer"):
            migrate(engine)  # this program knows versions up to SCHEMA_VERSION only
    finally:
        engine.dispose()


def test_schema_noop_migration_sets_version(engine: Engine) -> None:
    migrate(engine)
    migrate(engine, migrations={NEXT: lambda conn: None}, target=NEXT)
    assert version_of(engine) == NEXT


def test_schema_missing_migration_refused(engine: Engine) -> None:
    migrate(engine)
    with pytest.raises(SchemaVersionError, match="no migration"):
        migrate(engine, migrations={}, target=NEXT)
    assert version_of(engine) == SCHEMA_VERSION


def test_schema_failed_migration_rolled_back(engine: Engine) -> None:
    migrate(engine)

    def broken(conn: object) -> None:
        add_column(conn, "articles", Column("language", String(8)))  # type: ignore[arg-type]
        raise RuntimeError("half way")

    with pytest.raises(RuntimeError):
        migrate(engine, migrations={NEXT: broken}, target=NEXT)
    assert version_of(engine) == SCHEMA_VERSION
    assert "language" not in {c["name"] for c in inspect(engine).get_columns("articles")}


def test_schema_add_column_skips_existing(engine: Engine) -> None:
    migrate(engine)
    with engine.begin() as conn:
        assert not add_column(conn, "articles", Column("title", String(8)))
        assert not add_column(conn, "no_such_table", Column("x", String(8)))
        assert add_column(conn, "articles", Column("language", String(8)))
