"""Fixtures for the sink tests: a fresh database per test on SQLite and on PostgreSQL, and records.

PostgreSQL is the server named by VNEXTRACT_TEST_PG (default: the one `.ci/setup.d/10-postgres.sh`
starts); each test gets its own schema, dropped afterwards. When the server is unreachable the
PostgreSQL cases skip, unless VNEXTRACT_REQUIRE_PG=1 (CI), where they fail.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from typing import Any
from urllib.parse import quote

import pytest

from vnextract.models import Record

PG_URL = os.environ.get(
    "VNEXTRACT_TEST_PG", "postgresql://vnextract:vnextract@127.0.0.1:5432/vnextract"
)
REQUIRE_PG = os.environ.get("VNEXTRACT_REQUIRE_PG") == "1"
BACKENDS = ["sqlite", "postgresql"]

_pg_error: list[str | None] = []  # cached reachability: [] unknown, [None] ok, [msg] unreachable


def _pg_unreachable() -> str | None:
    """Why the test server cannot be used, or None when it can."""
    if not _pg_error:
        try:
            import psycopg

            from vnextract.pipeline.sinks.engine import normalize_url

            url = normalize_url(PG_URL).set(drivername="postgresql")
            with psycopg.connect(url.render_as_string(hide_password=False), connect_timeout=3):
                pass
            _pg_error.append(None)
        except Exception as exc:  # any failure to connect means: no server for these tests
            _pg_error.append(f"{exc.__class__.__name__}: {exc}".strip())
    return _pg_error[0]


def require_pg() -> None:
    """Skip (or, with VNEXTRACT_REQUIRE_PG=1, fail) when the PostgreSQL test server is absent."""
    problem = _pg_unreachable()
    if problem is None:
        return
    from vnextract.pipeline.sinks.engine import redact

    message = f"PostgreSQL test server unreachable at {redact(PG_URL)}: {problem}"
    if REQUIRE_PG:
        pytest.fail(message + " (VNEXTRACT_REQUIRE_PG=1)")
    pytest.skip(message)


def _pg_admin(statement: str) -> None:
    import psycopg

    from vnextract.pipeline.sinks.engine import normalize_url

    url = normalize_url(PG_URL).set(drivername="postgresql")
    with psycopg.connect(url.render_as_string(hide_password=False), autocommit=True) as conn:
        conn.execute(statement)


@pytest.fixture(params=BACKENDS)
def db_url(request: pytest.FixtureRequest, tmp_path: Any) -> Iterator[str]:
    """A URL to an empty database: a SQLite file, or a PostgreSQL schema of its own."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'records.db'}"
        return
    require_pg()
    schema = f"test_{uuid.uuid4().hex[:12]}"
    _pg_admin(f"CREATE SCHEMA {schema}")
    separator = "&" if "?" in PG_URL else "?"
    try:
        yield f"{PG_URL}{separator}options={quote(f'-csearch_path={schema}')}"
    finally:
        _pg_admin(f"DROP SCHEMA {schema} CASCADE")


def span(text: str, phrase: str, occurrence: int = 0) -> dict[str, Any]:
    """A mention of `phrase` in `text` (its n-th occurrence), as the record contract has it."""
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(phrase, start + 1)
    return {"text": phrase, "start": start, "end": start + len(phrase)}


def make_record(
    article_id: str,
    text: str,
    *,
    version: str = "0.1.0",
    outlet: str | None = None,
    published: str | None = None,
    persons: list[tuple[str, list[tuple[str, str, str | None]]]] = (),  # type: ignore[assignment]
    locations: list[str] = (),  # type: ignore[assignment]
    organizations: list[str] = (),  # type: ignore[assignment]
    statistics: list[dict[str, Any]] = (),  # type: ignore[assignment]
    dates: list[dict[str, Any]] = (),  # type: ignore[assignment]
    documents: list[dict[str, Any]] = (),  # type: ignore[assignment]
) -> Record:
    """A valid record whose mentions point into `text` (each name and phrase must occur in it)."""
    people = [
        {
            "name": name,
            "titles": [{"text": t, "role": r, "organization": o} for t, r, o in titles],
            "mentions": [span(text, name)],
        }
        for name, titles in persons
    ]
    return Record.model_validate({
        "id": article_id,
        "source": {"url": f"https://example.invalid/{article_id}", "outlet": outlet},
        "title": f"Bài {article_id}",
        "published_at": published,
        "text": text,
        "persons": people,
        "officials": [p for p in people if p["titles"]],
        "locations": [{"name": n, "kind": "province", "mentions": [span(text, n)]} for n in locations],
        "organizations": [
            {"name": n, "kind": "party", "mentions": [span(text, n)]} for n in organizations
        ],
        "statistics": [{**span(text, s.pop("phrase")), **s} for s in map(dict, statistics)],
        "dates": [{**span(text, d.pop("phrase")), **d} for d in map(dict, dates)],
        "documents": [{**span(text, d.pop("phrase")), **d} for d in map(dict, documents)],
        "extractor": {"name": "vnextract", "version": version},
    })


LAM_DONG_2024 = (
    "Ngày 4/1, Huyện ủy Đức Trọng tổng kết công tác năm 2023. Ông Bùi Sơn Điền, Bí thư Huyện ủy, "
    "và ông Nguyễn Văn Cường, Chủ tịch UBND huyện, dự. Toàn Đảng bộ có 4.872 đảng viên; "
    "63/63 tổ chức cơ sở đảng hoàn thành nhiệm vụ. Theo Chỉ thị số 05-CT/TW, tỉnh Lâm Đồng "
    "phấn đấu từ 90% trở lên."
)
NHAN_DAN_2023 = (
    "Tại tỉnh Lâm Đồng, năm nay kết nạp 1.250 đảng viên mới. Ông Nguyễn Văn Cường, Bí thư Huyện ủy "
    "Đức Trọng, phát biểu."
)
LAM_DONG_2022 = "Năm 2022, Đảng bộ tỉnh Lâm Đồng có 80.000 đảng viên."
HA_NOI_2023 = (
    "Thành phố Hà Nội có 450.000 đảng viên. Ông Nguyễn Văn Cương, Phó Bí thư Thành ủy, phát biểu."
)


def example_records(version: str = "0.1.0") -> list[Record]:
    """Four articles for the example queries of docs/queries.md (two match each query)."""
    return [
        make_record(
            "a-lamdong-2024", LAM_DONG_2024, version=version, outlet="Báo Lâm Đồng",
            published="2024-01-04",
            persons=[
                ("Bùi Sơn Điền", [("Bí thư Huyện ủy", "Bí thư", "Huyện ủy Đức Trọng")]),
                ("Nguyễn Văn Cường", [("Chủ tịch UBND huyện", "Chủ tịch", "UBND huyện Đức Trọng")]),
            ],
            locations=["Lâm Đồng"],
            organizations=["Huyện ủy Đức Trọng"],
            statistics=[
                {"phrase": "4.872", "value": 4872, "unit": "người", "subject": "đảng viên",
                 "kind": "count", "period": "2023"},
                {"phrase": "63/63", "value": 63, "total": 63, "subject": "tổ chức cơ sở đảng",
                 "kind": "ratio", "period": "2023"},
                {"phrase": "90%", "value": 90, "unit": "%", "qualifier": "gte", "kind": "percent",
                 "target": True},
            ],
            dates=[{"phrase": "Ngày 4/1", "value": "2024-01-04", "granularity": "day", "kind": "date"},
                   {"phrase": "năm 2023", "value": "2023", "granularity": "year", "kind": "date"}],
            documents=[{"phrase": "Chỉ thị số 05-CT/TW", "kind": "Chỉ thị", "number": "05-CT/TW"}],
        ),
        make_record(
            "b-nhandan-2023", NHAN_DAN_2023, version=version, outlet="Báo Nhân Dân",
            published="2023-06-10T08:00:00+07:00",
            persons=[("Nguyễn Văn Cường", [("Bí thư Huyện ủy Đức Trọng", "Bí thư", "Huyện ủy Đức Trọng")])],
            locations=["Lâm Đồng"],
            statistics=[{"phrase": "1.250", "value": 1250, "subject": "đảng viên mới", "kind": "count"}],
        ),
        make_record(
            "c-lamdong-2022", LAM_DONG_2022, version=version, outlet="Báo Lâm Đồng",
            published="2022-12-01",
            locations=["Lâm Đồng"],
            statistics=[{"phrase": "80.000", "value": 80000, "subject": "đảng viên", "kind": "count",
                         "period": "2022"}],
        ),
        make_record(
            "d-hanoi-2023", HA_NOI_2023, version=version, outlet="Báo Hà Nội Mới",
            published="2023-03-02",
            persons=[("Nguyễn Văn Cương", [("Phó Bí thư Thành ủy", "Phó Bí thư", "Thành ủy Hà Nội")])],
            locations=["Hà Nội"],
            statistics=[{"phrase": "450.000", "value": 450000, "subject": "đảng viên", "kind": "count",
                         "period": "2023"}],
        ),
    ]
