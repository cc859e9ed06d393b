"""Page dates read into ISO 8601: datetimes in +07:00, dates alone stay dates, junk gives None."""

from __future__ import annotations

import pytest

from vnextract.pipeline.parse.dates import parse_datetime

EXAMPLES = [
    ("2023-11-02T19:20:00+07:00", "2023-11-02T19:20:00+07:00", "iso-vietnam"),
    ("2023-11-02T12:20:00Z", "2023-11-02T19:20:00+07:00", "iso-utc-converted"),
    ("2023-11-02T14:20:00+02:00", "2023-11-02T19:20:00+07:00", "iso-other-offset-converted"),
    ("2023-11-02T19:20:00.123+0700", "2023-11-02T19:20:00+07:00", "iso-fraction-compact-offset"),
    ("2023-11-02T19:20:00", "2023-11-02T19:20:00+07:00", "iso-naive-is-vietnam"),
    ("2023-11-02 19:20", "2023-11-02T19:20:00+07:00", "dantri-datetime-attr"),
    ("2023-11-02", "2023-11-02", "iso-date-only"),
    ("Thứ năm, 2/11/2023, 19:20 (GMT+7)", "2023-11-02T19:20:00+07:00", "vnexpress-span-date"),
    ("02/11/2023 19:20 GMT+7", "2023-11-02T19:20:00+07:00", "tuoitre-publishdate"),
    ("02-11-2023 19:20", "2023-11-02T19:20:00+07:00", "dashes"),
    ("Thứ Năm, 02-11-2023, 11:45", "2023-11-02T11:45:00+07:00", "nhandan"),
    ("Thứ Năm, 14/12/2023 - 06:00", "2023-12-14T06:00:00+07:00", "vietnamnet"),
    ("Cập nhật lúc 10:15, Thứ Năm, 04/01/2024 (GMT+7)", "2024-01-04T10:15:00+07:00", "time-before-date"),
    ("19h20 ngày 2/11/2023", "2023-11-02T19:20:00+07:00", "hour-h-minute"),
    ("ngày 2 tháng 11 năm 2023", "2023-11-02", "words"),
    ("Thứ Hai, 20 Tháng Năm 2013 - 00:00:00", "2013-05-20T00:00:00+07:00", "month-named-joomla"),
    ("15 Tháng Mười Hai 2014 08:30", "2014-12-15T08:30:00+07:00", "month-named-two-words"),
    ("ngày 5 tháng Tư năm 2019", "2019-04-05", "month-named-with-nam"),
    ("3 tháng Giêng, 2015", "2015-01-03", "month-named-first"),
    ("Thứ năm, 2/11/2023", "2023-11-02", "date-without-time"),
    ("02/11/2023 19:20 GMT+8", "2023-11-02T18:20:00+07:00", "gmt-offset-converted"),
    ("11/25/2023", "2023-11-25", "month-first-when-unambiguous"),
    ("| Cập nhật thứ hai, ngày 26/11/12 08:15 tối", "2012-11-26T20:15:00+07:00", "two-digit-year-evening"),
    ("ngày 3/1/13 9:05 sáng", "2013-01-03T09:05:00+07:00", "two-digit-year-morning"),
    ("15:45 PM | 15/06/2012", "2012-06-15T15:45:00+07:00", "24-hour-clock-marked-pm"),
    ("3:05 PM | 15/06/2012", "2012-06-15T15:05:00+07:00", "12-hour-clock-pm"),
    ("12:10 AM | 15/06/2012", "2012-06-15T00:10:00+07:00", "midnight-am"),
    ("Thứ Hai, 16/06/2014, 07:10 [GMT+7]", "2014-06-16T07:10:00+07:00", "gmt-in-square-brackets"),
    ("05 tháng 02, 2024 | 12:30", "2024-02-05T12:30:00+07:00", "words-with-comma"),
    ("Thứ hai, 5 tháng 2 năm 2024", "2024-02-05", "words-without-ngay"),
    ("6 tháng 10 2015", "2015-10-06", "words-year-after-month"),
    ("06/10/2015 02:30:13 CH", "2015-10-06T14:30:13+07:00", "vietnamese-locale-pm"),
    ("06/10/2015 12:05 SA", "2015-10-06T00:05:00+07:00", "vietnamese-locale-midnight"),
    ("06/10/2015 11:25 Sau đó", "2015-10-06T11:25:00+07:00", "capitalised-word-is-no-clock-mark"),
]

JUNK = [
    (None, "none"),
    ("", "empty"),
    ("hôm qua", "no-date"),
    ("31/02/2023", "impossible-day"),
    ("2/11/1850", "year-out-of-range"),
    ("12.000 đồng/kg", "number-not-date"),
    ("Số 163/QĐ-UBND", "document-number"),
    ("tỷ lệ 26/11/12", "two-digit-year-without-dateline"),
    ("6 tháng 10 20155", "five-digit-year"),
]


@pytest.mark.parametrize("text, expected", [pytest.param(t, e, id=i) for t, e, i in EXAMPLES])
def test_dates_parse_datetime_reads_page_dates(text: str, expected: str) -> None:
    assert parse_datetime(text) == expected


@pytest.mark.parametrize("text", [pytest.param(t, id=i) for t, i in JUNK])
def test_dates_parse_datetime_returns_none_on_junk(text: str | None) -> None:
    assert parse_datetime(text) is None
