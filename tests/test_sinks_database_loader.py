# ruff: noqa: F811  (fixtures are imported by name; pytest binds them to test arguments)
"""The fast loader: a PostgreSQL batch split into shares over several connections writes the same
rows as one transaction and fails as a whole (SQLite, one writer, ignores the layout); schema
version 5 (no foreign keys on PostgreSQL's child tables, a cascade trigger instead, LZ4, the
digest of each article's child rows, no index that another serves) reached by new and by older
databases alike; a re-write leaves the child rows of articles whose rows did not change in place."""

from __future__ import annotations

import json
import pickle
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import pytest
from _sinks_support import db_url, example_records, make_record  # noqa: F401
from sqlalchemy import Engine, inspect, text

from vnextract.models import Record
from vnextract.pipeline.sinks.database import (
    PG_FIRST_SHARE,
    PG_MIN_SHARE,
    BatchWriteError,
    DatabaseSink,
    share_sizes,
)
from vnextract.pipeline.sinks.engine import make_engine
from vnextract.pipeline.sinks.export import iter_records
from vnextract.pipeline.sinks.rows import (
    ARTICLE_COLUMNS,
    RecordRows,
    child_rows,
    record_rows,
)
from vnextract.pipeline.sinks.schema import (
    CASCADE_TRIGGER,
    CHILD_TABLES,
    DROPPED_INDEXES,
    LZ4_COLUMNS,
    METADATA,
    SCHEMA_VERSION,
    VERSION_KEY,
    migrate,
    stored_version,
)

# The cascade trigger on this database's `articles` (the search path's), whatever other schemas hold.
ONE_TRIGGER = "SELECT count(*) FROM pg_trigger WHERE tgname = :n AND tgrelid = 'articles'::regclass"

# (writers, articles per share): one share, one connection with several shares, several connections.
LAYOUTS = [
    pytest.param(1, 1000, id="one-share"),
    pytest.param(1, 1, id="one-writer-share-per-article"),
    pytest.param(2, 1, id="two-writers-share-per-article"),
    pytest.param(3, 2, id="three-writers-two-per-share"),
]


def many_records(version: str = "0.1.0") -> list[Record]:
    """The four example articles, each also under two more ids: twelve articles, every child table used."""
    records = []
    for copy in range(3):
        for record in example_records(version):
            records.append(record.model_copy(update={"id": f"{record.id}-{copy}"}))
    return records


def snapshot(engine: Engine) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table but timestamps, sorted, and the records as read back."""
    out: dict[str, list[tuple[Any, ...]]] = {}
    with engine.connect() as conn:
        for name in ["articles", *CHILD_TABLES]:
            rows = conn.execute(text(f"SELECT * FROM {name}")).mappings().all()
            out[name] = sorted(tuple((k, v) for k, v in row.items() if k not in ("updated_at", "record"))
                               for row in rows)
        out["records"] = sorted((data["id"], json.dumps(data, sort_keys=True)) for data in iter_records(conn))
    return out


@contextmanager
def loaded_database(db_url: str) -> Iterator[tuple[list[Record], Engine, dict[str, list[tuple[Any, ...]]]]]:
    """`many_records` written into the database: (the records, an engine on it, its snapshot)."""
    records = many_records("0.1.0")
    engine = make_engine(db_url)
    try:
        with DatabaseSink(db_url) as sink:
            sink.write_batch(records)
        yield records, engine, snapshot(engine)
    finally:
        engine.dispose()


def written_by(
    db_url: str, records: Sequence[Record | RecordRows], writers: int, chunk: int
) -> dict[str, list[tuple[Any, ...]]]:
    with DatabaseSink(db_url, writers=writers, chunk=chunk) as sink:
        sink.write_batch(records)
        return snapshot(sink.engine)


@pytest.mark.parametrize(("writers", "chunk"), LAYOUTS)
def test_database_loader_shares_write_what_one_transaction_writes(db_url: str, writers: int, chunk: int) -> None:
    records = many_records()
    with DatabaseSink(db_url, writers=1, chunk=1000) as reference:
        reference.write_batch(records)
        expected = snapshot(reference.engine)
        with reference.engine.begin() as conn:  # an empty database for the layout under test
            for name in ["articles", *CHILD_TABLES]:
                conn.execute(text(f"DELETE FROM {name}"))
    assert len(expected["articles"]) == 12 and all(expected[name] for name in CHILD_TABLES)
    assert [data for _, data in expected["records"]] == [
        json.dumps(r.model_dump(mode="json"), sort_keys=True) for r in sorted(records, key=lambda r: r.id)]
    assert written_by(db_url, records, writers, chunk) == expected
    # Written again (a re-extraction of the same ids, in another order): the same rows, none twice.
    assert written_by(db_url, records[::-1], writers, chunk) == expected


def test_database_loader_rows_built_elsewhere_write_what_records_write(db_url: str) -> None:
    """`RecordRows` built apart and pickled (as `run`'s workers send them) store what the records
    themselves store, alone or mixed with records in one batch."""
    with loaded_database(db_url) as (records, engine, expected):
        prepared = [pickle.loads(pickle.dumps(record_rows(record))) for record in records]
        assert all(rows.article[ARTICLE_COLUMNS.index("updated_at")] is None for rows in prepared)
        for batch in (prepared, [rows if n % 2 else record for n, (record, rows) in enumerate(zip(records, prepared))]):
            with engine.begin() as conn:
                for name in ["articles", *CHILD_TABLES]:
                    conn.execute(text(f"DELETE FROM {name}"))
            assert written_by(db_url, batch, 2, 2) == expected
            assert written_by(db_url, batch, 1, 1000) == expected  # again, in place: nothing doubled


@pytest.mark.parametrize(("writers", "chunk"), LAYOUTS)
def test_database_loader_rewrite_replaces_children_in_every_share(db_url: str, writers: int, chunk: int) -> None:
    with DatabaseSink(db_url, writers=writers, chunk=chunk) as sink:
        sink.write_batch(many_records("0.1.0"))
        bare = [make_record(r.id, r.text, version="0.2.0") for r in many_records()[:5]]
        sink.write_batch(bare)  # five articles lose all their child rows
        rows = snapshot(sink.engine)
    assert len(rows["articles"]) == 12
    stripped = {r.id for r in bare}
    for name in CHILD_TABLES:
        owners = {dict(row)["article_id"] for row in rows[name]}
        assert not owners & stripped, name


@pytest.mark.parametrize(("writers", "chunk"), LAYOUTS)
def test_database_loader_failure_in_a_late_share_leaves_nothing(db_url: str, writers: int, chunk: int) -> None:
    records = many_records("0.1.0")
    with DatabaseSink(db_url, writers=writers, chunk=chunk) as sink:
        sink.write_batch(records)
        before = snapshot(sink.engine)
        replacements = [make_record(r.id, r.text, version="0.2.0") for r in records[:-1]]
        broken = records[-1].model_copy(deep=True)  # sorts last: the last share, on the last writer
        broken.extractor.version = "0.2.0"
        broken.statistics[0] = broken.statistics[0].model_construct(
            **{**broken.statistics[0].__dict__, "kind": None}  # NOT NULL in the database only
        )
        assert broken.id == max(r.id for r in records)
        with pytest.raises(BatchWriteError, match="batch of 12 records not written"):
            sink.write_batch([*replacements, broken])
        assert snapshot(sink.engine) == before
        assert sink.done_ids("0.2.0") == set()
        sink.write_batch(records)  # the connections are usable again
        assert snapshot(sink.engine) == before


def test_database_loader_first_batch_failing_leaves_connections_usable(db_url: str) -> None:
    """Each connection's staging table outlives a first batch that fails (it is made apart)."""
    records = many_records()
    broken = records[0].model_copy(deep=True)
    broken.statistics[0] = broken.statistics[0].model_construct(
        **{**broken.statistics[0].__dict__, "kind": None}
    )
    with DatabaseSink(db_url, writers=2, chunk=1) as sink:
        with pytest.raises(BatchWriteError):
            sink.write_batch([broken, *records[1:]])
        assert sink.write_batch(records) == sum(
            1 + sum(len(rows) for rows in child_rows(r).values()) for r in records)
        assert len(snapshot(sink.engine)["articles"]) == 12


def test_database_loader_settings_refused() -> None:
    with pytest.raises(ValueError, match="at least 1"):
        DatabaseSink("sqlite:///:memory:", writers=0)


def test_database_loader_deleted_article_takes_its_children(db_url: str) -> None:
    with DatabaseSink(db_url) as sink:
        sink.write_batch(many_records())
        gone = [r.id for r in many_records()[:4]]
        with sink.engine.begin() as conn:
            conn.execute(text("DELETE FROM articles WHERE id IN (:a, :b, :c, :d)"),
                         dict(zip("abcd", gone, strict=True)))
        rows = snapshot(sink.engine)
    assert len(rows["articles"]) == 8
    for name in CHILD_TABLES:
        owners = {dict(row)["article_id"] for row in rows[name]}
        assert owners and not owners & set(gone), name


def foreign_keys(engine: Engine) -> set[tuple[str, str]]:
    inspector = inspect(engine)
    return {(table, key["referred_table"]) for table in CHILD_TABLES for key in inspector.get_foreign_keys(table)}


def test_database_loader_schema_of_a_new_database(db_url: str) -> None:
    engine = make_engine(db_url)
    try:
        assert migrate(engine) == SCHEMA_VERSION == 5
        if engine.dialect.name == "sqlite":  # SQLite checks them cheaply and keeps them
            assert ("titles", "persons") in foreign_keys(engine)
            assert {table for table, _ in foreign_keys(engine)} == set(CHILD_TABLES)
            return
        assert foreign_keys(engine) == set()
        with engine.connect() as conn:
            assert conn.execute(text(ONE_TRIGGER),
                                {"n": CASCADE_TRIGGER}).scalar_one() == 1
            methods = dict(conn.execute(text(
                "SELECT attname, attcompression FROM pg_attribute "
                "WHERE attrelid = 'articles'::regclass AND attname = ANY(:names)"), {"names": list(LZ4_COLUMNS)}).all())
        assert methods == dict.fromkeys(LZ4_COLUMNS, "l")
    finally:
        engine.dispose()


def test_database_loader_version_2_database_upgraded(db_url: str) -> None:
    """A database as version 2 made it (foreign keys on every child table, pglz, no trigger),
    holding articles, steps to the current version and keeps every row; it is then written as usual."""
    with loaded_database(db_url) as (records, engine, before):
        if engine.dialect.name == "postgresql":
            with engine.begin() as conn:  # back to the layout of version 2
                conn.execute(text(f"DROP TRIGGER {CASCADE_TRIGGER} ON articles"))
                for name in LZ4_COLUMNS:
                    conn.execute(text(f'ALTER TABLE articles ALTER COLUMN "{name}" SET COMPRESSION pglz'))
                for table in CHILD_TABLES:
                    if table == "titles":
                        conn.execute(text(
                            "ALTER TABLE titles ADD FOREIGN KEY (article_id, person_no) "
                            "REFERENCES persons (article_id, person_no) ON DELETE CASCADE"))
                    else:
                        conn.execute(text(f'ALTER TABLE "{table}" ADD FOREIGN KEY (article_id) '
                                          "REFERENCES articles (id) ON DELETE CASCADE"))
            assert len(foreign_keys(engine)) == len(CHILD_TABLES)
        with engine.begin() as conn:
            meta = METADATA.tables["meta"]
            conn.execute(meta.update().where(meta.c.key == VERSION_KEY).values(value="2"))
        assert migrate(engine) == SCHEMA_VERSION
        with engine.connect() as conn:
            assert stored_version(conn) == SCHEMA_VERSION
        assert snapshot(engine) == before
        if engine.dialect.name == "postgresql":
            assert foreign_keys(engine) == set()
            with engine.connect() as conn:
                assert conn.execute(text(ONE_TRIGGER),
                                    {"n": CASCADE_TRIGGER}).scalar_one() == 1
        else:
            assert len(foreign_keys(engine)) == len(CHILD_TABLES)
        with DatabaseSink(db_url) as sink:
            sink.write_batch(records[::-1])
        assert snapshot(engine) == before
        migrate(engine)  # nothing left to do: the same again
        assert snapshot(engine) == before


@pytest.mark.parametrize("db_url", ["postgresql"], indirect=True)
def test_database_loader_deletes_old_children_through_the_keys(db_url: str) -> None:
    """The old child rows of re-written articles are found by the tables' keys, not by reading
    each table whole (what the planner picks for a small or freshly grown table)."""
    from vnextract.pipeline.sinks.database import _PG_BY_INDEX, _PG_DELETE

    records = many_records()
    with DatabaseSink(db_url) as sink:
        sink.write_batch(records)
        raw: Any = sink.engine.raw_connection()
        try:
            cursor = raw.cursor()
            for name in CHILD_TABLES:
                cursor.execute(f'ANALYZE "{name}"')
            explain = "EXPLAIN " + _PG_DELETE.replace("%(ids)s", "%s")
            ids = [[r.id for r in records[:6]]] * explain.count("%s")
            cursor.execute(explain, ids)
            chosen = "\n".join(row[0] for row in cursor.fetchall())
            assert "Seq Scan" in chosen  # what the planner picks alone on these small tables
            cursor.execute(_PG_BY_INDEX)
            cursor.execute(explain, ids)
            plan = "\n".join(row[0] for row in cursor.fetchall())
            assert "Seq Scan" not in plan and plan.count("Index") >= len(CHILD_TABLES), plan
            raw.rollback()
        finally:
            raw.close()


def child_row_ids(engine: Engine) -> dict[str, list[Any]]:
    """The physical ids of every child row (PostgreSQL's ctid, SQLite's rowid) and whose article they are."""
    row_id = "ctid::text" if engine.dialect.name == "postgresql" else "rowid"
    with engine.connect() as conn:
        return {name: sorted(conn.execute(text(f'SELECT article_id, {row_id} FROM "{name}"')).all())
                for name in CHILD_TABLES}


def test_database_loader_rewrite_keeps_child_rows_that_did_not_change(db_url: str) -> None:
    """A re-write of the same records (a resumed run, a re-extraction that changed nothing in the
    rows) updates the articles and leaves their child rows where they are; an article whose rows
    changed has them replaced, in the same batch."""
    records = many_records("0.1.0")
    engine = make_engine(db_url)
    try:
        with DatabaseSink(db_url, writers=2, chunk=2) as sink:
            sink.write_batch(records)
        before, places = snapshot(engine), child_row_ids(engine)
        changed = records[0].model_copy(update={"persons": records[0].persons[:1], "officials": []})
        again = [record.model_copy(update={"extractor": record.extractor.model_copy(update={"version": "0.2.0"})})
                 for record in [changed, *records[1:]]]
        with DatabaseSink(db_url, writers=2, chunk=2) as sink:
            rows = sink.write_batch(again)
        after, moved = snapshot(engine), child_row_ids(engine)
        assert rows == len(again) + sum(len(table) for table in child_rows(changed).values())
        for name in CHILD_TABLES:  # the other articles' rows stayed in place
            assert [r for r in moved[name] if r[0] != changed.id] == [r for r in places[name] if r[0] != changed.id]
        assert after["persons"] == sorted(tuple(zip(("article_id", "person_no", "name"), row, strict=True))
                                          for record in again for row in child_rows(record)["persons"])
        assert {json.loads(text_)["extractor"]["version"] for _, text_ in after["records"]} == {"0.2.0"}
        assert after != before
        with DatabaseSink(db_url) as sink:  # back as first written: the changed article's rows again
            sink.write_batch(records)
        assert snapshot(engine)["persons"] == before["persons"]
    finally:
        engine.dispose()


def test_database_loader_version_3_database_gains_the_digest(db_url: str) -> None:
    """A database written before the digest (version 3, no column) is migrated; its first
    re-write replaces every article's child rows, and the next keeps them."""
    with loaded_database(db_url) as (records, engine, before):
        with engine.begin() as conn:
            conn.execute(text("ALTER TABLE articles DROP COLUMN rows_digest"))
            meta = METADATA.tables["meta"]
            conn.execute(meta.update().where(meta.c.key == VERSION_KEY).values(value="3"))
        assert migrate(engine) == SCHEMA_VERSION
        with engine.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM articles WHERE rows_digest IS NULL")).scalar_one() == len(records)
        with DatabaseSink(db_url) as sink:
            first = sink.write_batch(records)
        with DatabaseSink(db_url) as sink:
            second = sink.write_batch(records)
        assert first == len(records) + sum(len(t) for r in records for t in child_rows(r).values())
        assert second == len(records)
        assert snapshot(engine) == before


def indexes(engine: Engine) -> set[str]:
    inspector = inspect(engine)
    return {ix["name"] for table in CHILD_TABLES for ix in inspector.get_indexes(table) if ix["name"]}


def test_database_loader_version_4_database_loses_the_redundant_indexes(db_url: str) -> None:
    """A database with version 4's indexes (two on titles, one on mentions' owners, one on
    statistics' units) is migrated: those go, titles gain one by organisation then role, and
    every row stays."""
    with loaded_database(db_url) as (_records, engine, before):
        assert "ix_titles_organization_role" in indexes(engine)
        assert not indexes(engine) & set(DROPPED_INDEXES)
        with engine.begin() as conn:  # back to version 4's indexes
            conn.execute(text("DROP INDEX ix_titles_organization_role"))
            conn.execute(text("CREATE INDEX ix_titles_role_organization ON titles (role, organization)"))
            conn.execute(text("CREATE INDEX ix_titles_organization ON titles (organization)"))
            conn.execute(text("CREATE INDEX ix_mentions_owner_name ON mentions (owner_name)"))
            conn.execute(text("CREATE INDEX ix_statistics_unit ON statistics (unit)"))
            meta = METADATA.tables["meta"]
            conn.execute(meta.update().where(meta.c.key == VERSION_KEY).values(value="4"))
        assert indexes(engine) >= set(DROPPED_INDEXES)
        assert migrate(engine) == SCHEMA_VERSION
        assert "ix_titles_organization_role" in indexes(engine)
        assert not indexes(engine) & set(DROPPED_INDEXES)
        assert snapshot(engine) == before


@pytest.mark.parametrize(("total", "largest", "writers"), [
    (1000, 200, 2), (1000, 200, 3), (200, 200, 2), (37, 200, 2), (1, 200, 2), (10, 1, 3), (5, 2, 1),
])
def test_database_loader_share_sizes(total: int, largest: int, writers: int) -> None:
    """Every article in one share, the first share small, none above `largest`, and the shares
    shrinking towards the end (none but the last under the least share)."""
    sizes = share_sizes(total, largest, writers)
    assert sum(sizes) == total
    assert all(0 < size <= largest for size in sizes)
    assert sizes[0] == min(total, largest, PG_FIRST_SHARE)
    assert all(size >= min(largest, PG_MIN_SHARE) for size in sizes[:-1])
    assert sizes[1:] == sorted(sizes[1:], reverse=True)


def test_database_loader_share_sizes_of_a_default_batch() -> None:
    """A batch of a thousand over two connections: 50 first, 200 at most, then shrinking."""
    assert share_sizes(1000, 200, 2) == [50, 200, 187, 140, 105, 79, 59, 45, 33, 25, 25, 25, 25, 2]
