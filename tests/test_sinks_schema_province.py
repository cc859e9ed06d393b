# ruff: noqa: F811  (fixtures are imported by name; pytest binds them to test arguments)
"""locations.province (schema version 2): a version-1 database gains it, and the province of the
seed article's district lets docs/queries.md's question find its 2023 đảng viên statistics."""

from __future__ import annotations

from pathlib import Path

from _sinks_support import db_url  # noqa: F401
from sqlalchemy import inspect, text

import vnextract
from vnextract.pipeline.sinks.database import DatabaseSink
from vnextract.pipeline.sinks.engine import make_engine
from vnextract.pipeline.sinks.schema import (
    METADATA,
    SCHEMA_VERSION,
    VERSION_KEY,
    migrate,
    stored_version,
)

SEED = Path(__file__).resolve().parent.parent / "corpus" / "politics" / "lam-dong-duc-trong-2024-01-04.txt"

# docs/queries.md, "All statistics about đảng viên in Lâm Đồng in 2023", with the province column.
QUERY = """
SELECT a.published_at, s.text, s.value, s.subject, s.period
FROM statistics AS s
JOIN articles AS a ON a.id = s.article_id
WHERE s.subject LIKE '%đảng viên%'
  AND (a.outlet LIKE '%Lâm Đồng%'
       OR EXISTS (SELECT 1 FROM locations AS l
                  WHERE l.article_id = a.id AND l.province = 'Lâm Đồng'))
  AND (s.period LIKE '2023%'
       OR (s.period IS NULL AND a.published_at LIKE '2023%'))
ORDER BY a.published_at, s.article_id, s.statistic_no
"""


def test_sinks_schema_province_added_to_a_version_1_database(db_url: str) -> None:
    engine = make_engine(db_url)
    try:
        migrate(engine)
        with engine.begin() as conn:  # back to the layout of version 1
            conn.execute(text("DROP INDEX ix_locations_province"))
            conn.execute(text("ALTER TABLE locations DROP COLUMN province"))
            conn.execute(METADATA.tables["meta"].update().where(
                METADATA.tables["meta"].c.key == VERSION_KEY).values(value="1"))
        assert "province" not in {c["name"] for c in inspect(engine).get_columns("locations")}
        assert migrate(engine) == SCHEMA_VERSION
        inspector = inspect(engine)
        assert "province" in {c["name"] for c in inspector.get_columns("locations")}
        assert "ix_locations_province" in {ix["name"] for ix in inspector.get_indexes("locations")}
        with engine.connect() as conn:
            assert stored_version(conn) == SCHEMA_VERSION
    finally:
        engine.dispose()


def test_sinks_schema_province_finds_the_seed_statistics(db_url: str) -> None:
    record = vnextract.extract(SEED.read_text(encoding="utf-8"), published="2024-01-04")
    assert [(loc.name, loc.province) for loc in record.locations] == [("Đức Trọng", "Lâm Đồng")]
    record = record.model_copy(update={"source": record.source.model_copy(update={"outlet": None})})
    with DatabaseSink(db_url) as sink:  # no outlet: the province alone must find it
        sink.write_batch([record])
    engine = make_engine(db_url)
    try:
        with engine.connect() as conn:
            rows = conn.execute(text(QUERY)).all()
    finally:
        engine.dispose()
    # "4.345 đảng viên được đánh giá", "524 đảng viên hoàn thành xuất sắc", "3.576 ... hoàn thành tốt"
    assert {4345, 524, 3576} <= {row.value for row in rows}
    assert all(row.period == "2023" and "đảng viên" in row.subject for row in rows)
