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
from sqlalchemy.exc import DBAPIError

LOGGER = logging.getLogger(__name__)

# Version of the database layout (not of the record contract, which is `articles.schema_version`).
SCHEMA_VERSION = 5
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


# Columns of `articles` compressed with LZ4 on PostgreSQL (pglz, the default, took a third of the
# loader's server time on these columns; LZ4 is about four times faster at a similar ratio).
LZ4_COLUMNS = ("text", "record")
# PostgreSQL: the trigger that deletes an article's child rows when the article is deleted (the
# cascade that the foreign keys, gone since version 3, did).
CASCADE_FUNCTION = "vnextract_delete_article_children"
CASCADE_TRIGGER = "vnextract_articles_cascade"


def _article_fk() -> ForeignKeyConstraint:
    """A child row's article, enforced by SQLite only.

    PostgreSQL checked each child row against `articles` in a trigger of its own, which halved the
    loader's speed; there the loader keeps the rule itself (an article's child rows are deleted and
    inserted in the transaction that upserts the article) and a statement trigger on `articles`
    deletes the children of deleted articles (`_install_cascade`).
    """
    return ForeignKeyConstraint(["article_id"], ["articles.id"], ondelete="CASCADE").ddl_if(
        dialect="sqlite"
    )


def _span_columns() -> list[Column[Any]]:
    """`start`, `end`, `text` of a mention (`end` is a reserved word: quote it in raw SQL)."""
    return [Column("start", Integer), Column("end", Integer), Column("text", Text)]


def _province_column() -> Column[Any]:
    """locations.province: the province a place lies in (`Entity.province`), added in version 2."""
    return Column("province", Text)


def _rows_digest_column() -> Column[Any]:
    """articles.rows_digest: a digest of the article's child rows, added in version 4. A re-write
    whose rows have the same digest leaves them in place (a re-extraction that changed nothing in
    them, a resumed run writing an article again)."""
    return Column("rows_digest", String(32))


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
        _rows_digest_column(),
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
        ).ddl_if(dialect="sqlite"),  # as `_article_fk`
        Index("ix_titles_organization_role", "organization", "role"),
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


def _drop_child_foreign_keys(conn: Connection) -> None:
    """Version 3: PostgreSQL's child tables lose their foreign keys (see `_article_fk`); SQLite,
    whose checks cost little and which cannot drop a constraint without rebuilding the table,
    keeps them. The cascade trigger and LZ4 compression follow in `_create_missing`."""
    if conn.dialect.name != "postgresql":
        return
    inspector = inspect(conn)
    preparer = conn.dialect.identifier_preparer
    for table in CHILD_TABLES:
        if not inspector.has_table(table):
            continue
        for key in inspector.get_foreign_keys(table):
            if key["referred_table"] in ("articles", "persons") and key["name"]:
                conn.execute(text(
                    f"ALTER TABLE {preparer.quote(table)} DROP CONSTRAINT {preparer.quote(key['name'])}"
                ))
                LOGGER.info("dropped foreign key %s.%s", table, key["name"])


def _add_rows_digest(conn: Connection) -> None:
    """Version 4: the digest of each article's child rows (NULL on rows written before: their
    first re-write replaces their child rows, as every re-write did)."""
    add_column(conn, "articles", _rows_digest_column())


# Indexes that version 5 dropped: each cost every load a write per row and served no query that
# another index does not (a mention is found from its owner's name through `persons`,
# `organizations` or `locations`, then the article's key; a unit has too few values to narrow a
# search; the two indexes of `titles` became one, by organisation then role).
DROPPED_INDEXES = (
    "ix_mentions_owner_name",
    "ix_statistics_unit",
    "ix_titles_organization",
    "ix_titles_role_organization",
)


def _drop_redundant_indexes(conn: Connection) -> None:
    """Version 5: `DROPPED_INDEXES` go; `ix_titles_organization_role` is created after the
    migrations with every other missing index."""
    for name in DROPPED_INDEXES:
        conn.execute(text(f"DROP INDEX IF EXISTS {conn.dialect.identifier_preparer.quote(name)}"))


# A migration brings the schema from version N-1 to N; it runs inside the migrating transaction.
Migration = Callable[[Connection], None]

# Version 1 is the baseline: a new database is created at the current version directly, and an
# older one steps through MIGRATIONS[stored + 1] ... MIGRATIONS[SCHEMA_VERSION]. Tables and
# indexes that are missing afterwards are created from METADATA, so a migration only has to
# change what already exists (add a column, rename, backfill).
MIGRATIONS: dict[int, Migration] = {
    2: _add_locations_province,
    3: _drop_child_foreign_keys,
    4: _add_rows_digest,
    5: _drop_redundant_indexes,
}


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
    if conn.dialect.name == "postgresql":
        _install_cascade(conn)
        _compress_with_lz4(conn)


def _install_cascade(conn: Connection) -> None:
    """PostgreSQL: deleting articles deletes their child rows, once per statement.

    The function is bound to the schema it was created in (`SET search_path FROM CURRENT`), so a
    session with another search path deletes the right children. The loader never deletes an
    article (it upserts), so the trigger costs it nothing.
    """
    exists = conn.execute(text(
        "SELECT 1 FROM pg_trigger WHERE tgname = :name AND tgrelid = to_regclass('articles')"
    ), {"name": CASCADE_TRIGGER}).first()
    if exists:
        return
    deletes = "\n".join(
        f'  DELETE FROM "{table}" WHERE article_id IN (SELECT id FROM gone);'
        for table in reversed(CHILD_TABLES)
    )
    conn.execute(text(
        f"CREATE OR REPLACE FUNCTION {CASCADE_FUNCTION}() RETURNS trigger LANGUAGE plpgsql "
        f"SET search_path FROM CURRENT AS $$\nBEGIN\n{deletes}\n  RETURN NULL;\nEND\n$$"
    ))
    conn.execute(text(
        f"CREATE TRIGGER {CASCADE_TRIGGER} AFTER DELETE ON articles "
        f"REFERENCING OLD TABLE AS gone FOR EACH STATEMENT EXECUTE FUNCTION {CASCADE_FUNCTION}()"
    ))
    LOGGER.info("created trigger %s", CASCADE_TRIGGER)


def _compress_with_lz4(conn: Connection) -> None:
    """PostgreSQL 14 and later, built with LZ4: `articles`' long columns compressed with it.

    Only values written afterwards are compressed so (old ones stay readable as they are). A
    server without LZ4 keeps pglz: the ALTER runs in a savepoint whose failure changes nothing.
    """
    if conn.dialect.server_version_info < (14,):  # type: ignore[operator]
        return
    pending = conn.execute(text(
        "SELECT attname FROM pg_attribute WHERE attrelid = to_regclass('articles') "
        "AND attname = ANY(:names) AND attcompression IS DISTINCT FROM 'l'"
    ), {"names": list(LZ4_COLUMNS)}).scalars().all()
    if not pending:
        return
    alters = ", ".join(f'ALTER COLUMN "{name}" SET COMPRESSION lz4' for name in pending)
    try:
        with conn.begin_nested():
            conn.execute(text(f"ALTER TABLE articles {alters}"))
    except DBAPIError as exc:
        LOGGER.info("articles stay compressed with pglz: %s", str(exc.orig).strip())


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
