"""The seed article through the whole chain: the contract's own example must hold."""

from __future__ import annotations

import pytest

from vnextract.pipeline.process import process
from vnextract.pipeline.types import RawDocument


@pytest.fixture(scope="module")
def seed_record(nlp, settings):
    from tests.conftest import SEED

    if not SEED.exists():
        pytest.skip("../shared/data is absent")
    raw = RawDocument(content=SEED.read_bytes(), content_type="text/plain", archive=str(SEED))
    return process(raw, nlp, settings, published="2024-01-04")


def test_process_seed_officials_and_organisations(seed_record) -> None:
    titles = {(p.name, t.role, t.organization) for p in seed_record.officials for t in p.titles}
    assert ("Bùi Sơn Điền", "Bí thư", "Huyện ủy Đức Trọng") in titles
    assert ("Nguyễn Văn Cường", "Chủ tịch", "UBND huyện Đức Trọng") in titles
    assert {p.name for p in seed_record.officials} == {"Bùi Sơn Điền", "Lê Hồng Khánh", "Nguyễn Văn Cường"}


@pytest.mark.parametrize(
    "text, value",
    [("Ngày 4/1", "2024-01-04"), ("năm 2023", "2023"), ("nhiệm kỳ 2020 - 2025", "2020/2025"),
     ("ngày 15/5/2016", "2016-05-15")],
)
def test_process_seed_dates(seed_record, text: str, value: str) -> None:
    assert any(text in d.text and d.value == value for d in seed_record.dates), [
        (d.text, d.value) for d in seed_record.dates
    ]


@pytest.mark.parametrize(
    "value, low, high, total, qualifier, target",
    [(63, None, None, None, None, False), (4872, None, None, None, None, False),
     (63, None, None, 63, None, False), (90, None, None, None, "gte", True),
     (None, 15, 20, None, None, True)],
)
def test_process_seed_statistics(seed_record, value, low, high, total, qualifier, target) -> None:
    found = [(s.value, s.low, s.high, s.total, s.qualifier, s.target) for s in seed_record.statistics]
    assert (value, low, high, total, qualifier, target) in found, found


def test_process_seed_documents_and_text(seed_record) -> None:
    documents = {(d.kind, d.number, d.date, d.issuer) for d in seed_record.documents}
    assert ("Chỉ thị", "05-CT/TW", "2016-05-15", "Bộ Chính trị") in documents
    assert any(d.kind == "Kết luận" and d.number == "01-KL/TW" for d in seed_record.documents)
    assert "Thông tin bạn đọc" not in seed_record.text
    assert not seed_record.text.startswith("(LĐ online)")
    assert len(seed_record.captions) == 3
