"""The database schema (one MetaData for SQLite and PostgreSQL), its version and its migrations.

Tables: `articles` (one row per record, the full record as JSON), one child table per list of the
record (`persons`, `titles`, `organizations`, `locations`, `dates`, `statistics`, `documents`,
`mentions`), `rejections` (the dead letters) and `meta` (the schema version). The view `officials`
joins persons to their titles. Column names follow the record contract (the models in `models/record.py`).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    Connection,
    DateTime,
    Engine,
    Float,
    ForeignKeyConstraint,
    Index,
    Integer,
    MetaData,
    PrimaryKeyConstraint,
    Select,
    String,
    Table,
    Text,
    UniqueConstraint,
    inspect,
    select,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB

LOGGER = logging.getLogger(__name__)

# Version of the database layout (not of the record contract, which is `articles.schema_version`).
SCHEMA_VERSION = 2
VERSION_KEY = "schema_version"

JSON_TYPE = JSON().with_variant(JSONB(), "postgresql")
# SQLite only auto-increments an INTEGER PRIMARY KEY; PostgreSQL gets a 64-bit identity.
AUTO_ID = BigInteger().with_variant(Integer(), "sqlite")

# Child tables of `articles`, in insertion order; each has `article_id` first in its primary key.
CHILD_TABLES = (
    "persons",
    "titles",
    "organizations",
    "locations",
    "dates",
    "statistics",
    "documents",
    "mentions",
)
VIEWS = ("officials",)


def _article_fk() -> ForeignKeyConstraint:
    return ForeignKeyConstraint(["article_id"], ["articles.id"], ondelete="CASCADE")


def _span_columns() -> list[Column[Any]]:
    """`start`, `end`, `text` of a mention (`end` is a reserved word: quote it in raw SQL)."""
    return [Column("start", Integer), Column("end", Integer), Column("text", Text)]


def _province_column() -> Column[Any]:
    """locations.province: the province a place lies in (`Entity.province`), added in version 2."""
    return Column("province", Text)


def build_metadata() -> MetaData:
    """A fresh MetaData holding every table of the current schema version."""
    md = MetaData()
    Table(
        "articles", md,
        Column("id", String(64), primary_key=True),
        Column("url", Text),
        Column("outlet", Text),
        Column("title", Text),
        Column("published_at", String(40)),  # ISO 8601 as in the record: compares as text
        Column("text", Text, nullable=False),
        Column("extractor_version", String(40), nullable=False),
        Column("schema_version", String(16), nullable=False),
        Column("record", JSON_TYPE, nullable=False),
        Column("updated_at", DateTime(timezone=True), nullable=False),
        Index("ix_articles_published_at", "published_at"),
        Index("ix_articles_outlet", "outlet"),
        Index("ix_articles_extractor_version", "extractor_version"),
    )
    Table(
        "persons", md,
        Column("article_id", String(64), nullable=False),
        Column("person_no", Integer, nullable=False),
        Column("name", Text, nullable=False),
        PrimaryKeyConstraint("article_id", "person_no"),
        _article_fk(),
        Index("ix_persons_name", "name"),
    )
    Table(
        "titles", md,
        Column("article_id", String(64), nullable=False),
        Column("person_no", Integer, nullable=False),
        Column("title_no", Integer, nullable=False),
        Column("text", Text, nullable=False),
        Column("role", Text, nullable=False),
        Column("organization", Text),
        PrimaryKeyConstraint("article_id", "person_no", "title_no"),
        ForeignKeyConstraint(
            ["article_id", "person_no"],
            ["persons.article_id", "persons.person_no"],
            ondelete="CASCADE",
        ),
        Index("ix_titles_role_organization", "role", "organization"),
        Index("ix_titles_organization", "organization"),
    )
    for name in ("organizations", "locations"):
        Table(
            name, md,
            Column("article_id", String(64), nullable=False),
            Column("entity_no", Integer, nullable=False),
            Column("name", Text, nullable=False),
            Column("kind", String(40), nullable=False),
            PrimaryKeyConstraint("article_id", "entity_no"),
            _article_fk(),
            Index(f"ix_{name}_name", "name"),
        )
    md.tables["locations"].append_column(_province_column())
    Index("ix_locations_province", md.tables["locations"].c.province)
    Table(
        "dates", md,
        Column("article_id", String(64), nullable=False),
        Column("date_no", Integer, nullable=False),
        *_span_columns(),
        Column("value", String(64), nullable=False),
        Column("granularity", String(16), nullable=False),
        Column("kind", String(16), nullable=False),
        PrimaryKeyConstraint("article_id", "date_no"),
        _article_fk(),
        Index("ix_dates_value", "value"),
    )
    Table(
        "statistics", md,
        Column("article_id", String(64), nullable=False),
        Column("statistic_no", Integer, nullable=False),
        *_span_columns(),
        Column("value", Float),
        Column("low", Float),
        Column("high", Float),
        Column("total", Float),
        Column("unit", Text),
        Column("subject", Text),
        Column("qualifier", String(16)),
        Column("kind", String(16), nullable=False),
        Column("target", Boolean, nullable=False),
        Column("period", String(64)),
        PrimaryKeyConstraint("article_id", "statistic_no"),
        _article_fk(),
        Index("ix_statistics_subject", "subject"),
        Index("ix_statistics_unit", "unit"),
    )
    Table(
        "documents", md,
        Column("article_id", String(64), nullable=False),
        Column("document_no", Integer, nullable=False),
        *_span_columns(),
        Column("kind", Text, nullable=False),
        Column("number", Text),
        Column("date", String(40)),
        Column("issuer", Text),
        Column("title", Text),
        PrimaryKeyConstraint("article_id", "document_no"),
        _article_fk(),
        Index("ix_documents_number", "number"),
    )
    Table(
        "mentions", md,
        Column("article_id", String(64), nullable=False),
        Column("mention_no", Integer, nullable=False),
        Column("field", String(16), nullable=False),  # persons | organizations | locations
        Column("owner_no", Integer, nullable=False),  # person_no or entity_no within `field`
        Column("owner_name", Text, nullable=False),
        *_span_columns(),
        PrimaryKeyConstraint("article_id", "mention_no"),
        _article_fk(),
        Index("ix_mentions_owner_name", "owner_name"),
    )
    Table(
        "rejections", md,
        Column("id", AUTO_ID, primary_key=True, autoincrement=True),
        Column("input", Text, nullable=False),  # URL or path, as the user would name it
        Column("input_key", String(64), nullable=False),
        Column("code", String(8), nullable=False),
        Column("reason", Text, nullable=False),
        Column("payload", JSON_TYPE, nullable=False),
        Column("extractor_version", String(40), nullable=False),
        Column("created_at", DateTime(timezone=True), nullable=False),
        UniqueConstraint("input_key", "extractor_version", name="uq_rejections_input_version"),
        Index("ix_rejections_code", "code"),
    )
    Table(
        "meta", md,
        Column("key", String(64), primary_key=True),
        Column("value", Text, nullable=False),
    )
    return md


METADATA = build_metadata()


def officials_select(md: MetaData = METADATA) -> Select[Any]:
    """The query behind the `officials` view: one row per title held by a person in an article."""
    persons, titles = md.tables["persons"], md.tables["titles"]
    return select(
        persons.c.article_id,
        persons.c.person_no,
        persons.c.name,
        titles.c.title_no,
        titles.c.text,
        titles.c.role,
        titles.c.organization,
    ).join_from(
        persons,
        titles,
        (titles.c.article_id == persons.c.article_id) & (titles.c.person_no == persons.c.person_no),
    )


def _add_locations_province(conn: Connection) -> None:
    """Version 2: the province of each place (`Entity.province`)."""
    add_column(conn, "locations", _province_column())


# A migration brings the schema from version N-1 to N; it runs inside the migrating transaction.
Migration = Callable[[Connection], None]

# Version 1 is the baseline: a new database is created at the current version directly, and an
# older one steps through MIGRATIONS[stored + 1] ... MIGRATIONS[SCHEMA_VERSION]. Tables and
# indexes that are missing afterwards are created from METADATA, so a migration only has to
# change what already exists (add a column, rename, backfill).
MIGRATIONS: dict[int, Migration] = {2: _add_locations_province}


class SchemaVersionError(RuntimeError):
    """The database was written by a newer vnextract than this one."""


def add_column(conn: Connection, table: str, column: Column[Any]) -> bool:
    """ALTER TABLE … ADD COLUMN unless the table lacks or already has it; True when added."""
    inspector = inspect(conn)
    if not inspector.has_table(table):
        return False  # created whole, with the column, by create_all after the migrations
    if column.name in {c["name"] for c in inspector.get_columns(table)}:
        return False
    preparer = conn.dialect.identifier_preparer
    ddl = (
        f"ALTER TABLE {preparer.quote(table)} ADD COLUMN {preparer.quote(column.name)} "
        f"{column.type.compile(dialect=conn.dialect)}"
    )
    conn.execute(text(ddl))
    LOGGER.info("added column %s.%s", table, column.name)
    return True


def stored_version(conn: Connection) -> int | None:
    """The schema version recorded in `meta`, or None for a database without one."""
    inspector = inspect(conn)
    if not inspector.has_table("meta"):
        return 1 if inspector.has_table("articles") else None  # articles without meta: baseline
    meta = METADATA.tables["meta"]
    value = conn.execute(select(meta.c.value).where(meta.c.key == VERSION_KEY)).scalar()
    if value is None:
        return 1 if inspector.has_table("articles") else None
    return int(value)


def _set_version(conn: Connection, version: int) -> None:
    meta = METADATA.tables["meta"]
    updated = conn.execute(
        meta.update().where(meta.c.key == VERSION_KEY).values(value=str(version))
    ).rowcount
    if not updated:
        conn.execute(meta.insert().values(key=VERSION_KEY, value=str(version)))


def _create_missing(conn: Connection, md: MetaData) -> None:
    """Create absent tables, then indexes absent from tables that already existed."""
    md.create_all(conn, checkfirst=True)
    inspector = inspect(conn)
    for table in md.sorted_tables:
        present = {ix["name"] for ix in inspector.get_indexes(table.name)}
        for index in table.indexes:
            if index.name not in present:
                index.create(conn)
                LOGGER.info("created index %s", index.name)
    views = set(inspector.get_view_names())
    if "officials" not in views:
        query = officials_select(md).compile(dialect=conn.dialect, compile_kwargs={"literal_binds": True})
        conn.execute(text(f"CREATE VIEW officials AS {query}"))


def _lock(conn: Connection) -> None:
    """Serialise concurrent migrations (several workers opening one PostgreSQL database)."""
    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(hashtext('vnextract.migrate'))"))
    # SQLite: the write engine begins with BEGIN IMMEDIATE, which already serialises writers.


def migrate(
    engine: Engine,
    *,
    metadata: MetaData = METADATA,
    migrations: Mapping[int, Migration] = MIGRATIONS,
    target: int = SCHEMA_VERSION,
) -> int:
    """Bring the database to `target` in one transaction: migrations, missing tables, indexes."""
    with engine.begin() as conn:
        _lock(conn)
        stored = stored_version(conn)
        if stored is None:
            LOGGER.info("new database: creating schema version %d", target)
        elif stored > target:
            raise SchemaVersionError(
                f"database schema version {stored} is newer than this vnextract's ({target}): "
                "upgrade vnextract or use another database"
            )
        else:
            for version in range(stored + 1, target + 1):
                step = migrations.get(version)
                if step is None:
                    raise SchemaVersionError(f"no migration to schema version {version}")
                LOGGER.info("migrating database schema %d -> %d", version - 1, version)
                step(conn)
        _create_missing(conn, metadata)
        if stored != target:
            _set_version(conn, target)
    return target
