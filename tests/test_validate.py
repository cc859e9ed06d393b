from __future__ import annotations

import copy

import pytest

from vnextract.pipeline.errors import Rejection
from vnextract.pipeline.validate import iso_value_problem, validate_record

TEXT = "Ngày 4/1, có 63/63 tổ chức đạt 15-20%."


def good_record() -> dict:
    return {
        "id": "x" * 64,
        "text": TEXT,
        "dates": [{"text": "Ngày 4/1", "start": 0, "end": 8, "value": "2024-01-04",
                   "granularity": "day", "kind": "date"}],
        "statistics": [
            {"text": "63/63 tổ chức", "start": 13, "end": 26, "value": 63, "total": 63, "kind": "ratio"},
            {"text": "15-20%", "start": 31, "end": 37, "low": 15, "high": 20, "unit": "%",
             "kind": "percent"},
        ],
        "extractor": {"name": "vnextract", "version": "test"},
    }


def test_validate_record_accepts_a_good_record() -> None:
    record = validate_record(good_record())
    assert record.statistics[1].low == 15


@pytest.mark.parametrize(
    "path, value, reason",
    [
        pytest.param(("dates", 0, "start"), 1, "is not text", id="offset-mismatch"),
        pytest.param(("dates", 0, "end"), 999, "outside the text", id="offset-out-of-range"),
        pytest.param(("dates", 0, "value"), "2024-02-30", "not a calendar date", id="bad-day"),
        pytest.param(("dates", 0, "value"), "2025/2020", "ends before", id="backwards-interval"),
        pytest.param(("dates", 0, "value"), "4/1", "not an ISO", id="not-iso"),
        pytest.param(("statistics", 1, "low"), 30, "low 30 > high", id="low-above-high"),
        pytest.param(("statistics", 1, "high"), None, "neither a value nor a range", id="half-range"),
        pytest.param(("statistics", 0, "kind"), "guess", "kind", id="unknown-kind"),
        pytest.param(("dates", 0, "granularity"), "week", "granularity", id="unknown-granularity"),
    ],
)
def test_validate_record_rejects_with_reason(path: tuple, value: object, reason: str) -> None:
    data = copy.deepcopy(good_record())
    field, index, key = path
    data[field][index][key] = value
    with pytest.raises(Rejection) as caught:
        validate_record(data)
    assert caught.value.code == "E020"
    assert reason in caught.value.reason


def test_validate_record_rejects_unknown_fields() -> None:
    data = good_record()
    data["officals"] = []
    with pytest.raises(Rejection, match="officals"):
        validate_record(data)


@pytest.mark.parametrize(
    "value, ok",
    [("2024-01-04", True), ("2024-01", True), ("2024", True), ("2024-Q4", True), ("--02-29", True),
     ("2020/2025", True), ("2024-01/2024-06", True), ("2025-04-22/2025-04-23", True),
     ("2024-13", False), ("2024-Q5", False), ("--02-30", False), ("2023-02-29", False)],
)
def test_iso_value_problem(value: str, ok: bool) -> None:
    assert (iso_value_problem(value) is None) is ok
