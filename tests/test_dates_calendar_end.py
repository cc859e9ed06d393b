"""Dates: a range whose end would fall past 9999 gets no value, never a crash.

mypy found that `_month_interval` added to a year `_pick_year` may not find (published on the
last day of 9999, "tới" asks for the next year, which the calendar does not have).
"""

from __future__ import annotations

import pytest

from vnextract.pipeline.extract.dates import scan_dates

LAST_DAY = "9999-12-31"


@pytest.mark.parametrize(
    ("text", "mention"),
    [
        pytest.param("Từ tháng 1 đến tháng 2 tới, giá tăng.", "tháng 2", id="month-range-next-year"),
        pytest.param("Từ quý I đến quý II tới, giá tăng.", "quý II", id="quarter-range-next-year"),
    ],
)
def test_dates_range_past_calendar_has_no_value(text: str, mention: str) -> None:
    found = scan_dates(text, LAST_DAY)
    unknown = [text[start:end] for start, end, value in found if value is None]
    assert mention in unknown, found


@pytest.mark.parametrize(
    ("text", "value"),
    [
        pytest.param("Từ tháng 1 đến tháng 2, giá tăng.", "9999-01/9999-02", id="month-range-same-year"),
        pytest.param("Từ quý I đến quý II, giá tăng.", "9999-Q1/9999-Q2", id="quarter-range-same-year"),
    ],
)
def test_dates_range_in_last_year_keeps_value(text: str, value: str) -> None:
    values = [found.value for _, _, found in scan_dates(text, LAST_DAY) if found is not None]
    assert values == [value]
