"""Dates: every phrasing the contract lists, the negatives, and the component on a Doc.

Each Example lists ALL the mentions expected in its text as (mention text, value, granularity,
kind), so an extra mention fails as surely as a missing one.
"""

from __future__ import annotations

from typing import NamedTuple

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from vnextract.pipeline.extract import components
from vnextract.pipeline.extract.dates import find_dates
from vnextract.pipeline.nlp import build_nlp
from vnextract.pipeline.validate import iso_value_problem

PUB = "2024-01-04"  # the seed article's publication date (a Thursday)


class Example(NamedTuple):
    text: str
    published: str | None
    expected: list[tuple[str, str, str, str]]


def _found(text: str, published: str | None) -> list[tuple[str, str, str, str]]:
    return [(text[s:e], v.value, v.granularity, v.kind) for s, e, v in find_dates(text, published)]


DAYS = {
    "d/m": Example("Ngày 4/1, Huyện ủy tổ chức", PUB, [("Ngày 4/1", "2024-01-04", "day", "date")]),
    "d/m/y": Example("ngày 15/5/2016 của", PUB, [("ngày 15/5/2016", "2016-05-15", "day", "date")]),
    "d.m.y": Example("Ngày 12.3.2024, tại", PUB, [("Ngày 12.3.2024", "2024-03-12", "day", "date")]),
    "d-m-y": Example("lập ngày 02-11-2023.", PUB, [("ngày 02-11-2023", "2023-11-02", "day", "date")]),
    "d.m": Example("Ngày 29.1, Cty", PUB, [("Ngày 29.1", "2024-01-29", "day", "date")]),
    "d-m": Example("Sáng 30-1, TAND quận 2", PUB, [("Sáng 30-1", "2024-01-30", "day", "date")]),
    "bare-with-year": Example(
        "ổn định trước 15/10/1993.", PUB, [("15/10/1993", "1993-10-15", "day", "date")]
    ),
    "words-full": Example(
        "ngày 4 tháng 1 năm 2024", PUB, [("ngày 4 tháng 1 năm 2024", "2024-01-04", "day", "date")]
    ),
    "words-no-year": Example("ngày 4 tháng 1", PUB, [("ngày 4 tháng 1", "2024-01-04", "day", "date")]),
    "weekday-dateline": Example(
        "Thứ Năm, ngày 8/1/2015, UBND", PUB, [("Thứ Năm, ngày 8/1/2015", "2015-01-08", "day", "date")]
    ),
    "weekday-parenthesis": Example(
        "sáng thứ Hai (8/1) tại", PUB, [("sáng thứ Hai (8/1)", "2024-01-08", "day", "date")]
    ),
    "weekday-abbreviation": Example("CN, 7/1 nghỉ", PUB, [("CN, 7/1", "2024-01-07", "day", "date")]),
    "part-of-day": Example("sáng 12/7, đoàn", "2024-07-15", [("sáng 12/7", "2024-07-12", "day", "date")]),
    "dawn": Example("rạng sáng 1/5 có", "2024-05-02", [("rạng sáng 1/5", "2024-05-01", "day", "date")]),
    "clock-part-of-day": Example(
        "lúc 2 giờ sáng 15/8, xe", "2024-08-16", [("2 giờ sáng 15/8", "2024-08-15", "day", "date")]
    ),
    "clock-minutes": Example(
        "22 giờ 30 ngày 5/3 xảy ra", "2024-03-06", [("22 giờ 30 ngày 5/3", "2024-03-05", "day", "date")]
    ),
    "clock-h": Example("đúng 11h ngày 29/1, Công ty", "2024-01-30", [("11h ngày 29/1", "2024-01-29", "day", "date")]),
    "clock-hmm": Example("vào 18h30 ngày 29/1", "2024-01-30", [("18h30 ngày 29/1", "2024-01-29", "day", "date")]),
    "after-tu": Example("có hiệu lực từ 1/2, Nghị định", PUB, [("1/2", "2024-02-01", "day", "date")]),
    "after-vao": Example("vào 12/3 tới", PUB, [("12/3", "2024-03-12", "day", "date")]),
    "after-relative": Example(
        "Từ hôm nay 14-2, Thông tư", "2025-02-14",
        [("hôm nay", "2025-02-14", "day", "relative"), ("14-2", "2025-02-14", "day", "date")],
    ),
    "place-dateline": Example("Hà Nội, 12/3 - Bộ Y tế", "2024-03-12", [("12/3", "2024-03-12", "day", "date")]),
    "place-dateline-agency": Example(
        "Bài trước.\nTP.HCM, 5/2 (TTXVN) - Sở Y tế", "2024-02-05", [("5/2", "2024-02-05", "day", "date")]
    ),
    "sentence-start-comma": Example("Họp xong. 12/3, đoàn về", "2024-03-14", [("12/3", "2024-03-12", "day", "date")]),
    "hom": Example("hôm 4/1, ông A", PUB, [("hôm 4/1", "2024-01-04", "day", "date")]),
    "after-holiday-name": Example(
        "nghỉ lễ Quốc khánh 2/9 năm nay", "2024-08-20", [("2/9 năm nay", "2024-09-02", "day", "date")]
    ),
    "after-day-name": Example(
        "mít tinh chào mừng Ngày Thầy thuốc Việt Nam 27/2 tại", "2024-02-20", [("27/2", "2024-02-27", "day", "date")]
    ),
    "after-day-name-with-dash": Example(
        "kỷ niệm Ngày Thương binh - Liệt sĩ 27/7", "2024-07-20", [("27/7", "2024-07-27", "day", "date")]
    ),
    "list-after-context": Example(
        "dịp lễ 30/4 và 1/5 năm nay", "2024-04-20",
        [("30/4", "2024-04-30", "day", "date"), ("1/5 năm nay", "2024-05-01", "day", "date")],
    ),
    "list-of-full-days": Example(
        "khởi hành ngày 5/1 và về ngày 10/1.", PUB,
        [("ngày 5/1", "2024-01-05", "day", "date"), ("ngày 10/1", "2024-01-10", "day", "date")],
    ),
}

NEAREST_YEAR = {
    "december-in-january": Example("ngày 28/12", PUB, [("ngày 28/12", "2023-12-28", "day", "date")]),
    "same-day": Example("ngày 4/1", PUB, [("ngày 4/1", "2024-01-04", "day", "date")]),
    "january-in-december": Example("ngày 3/1", "2024-12-30", [("ngày 3/1", "2025-01-03", "day", "date")]),
    "past-word-month": Example("Tháng 7 vừa qua, lượng khách", PUB, [("Tháng 7", "2023-07", "month", "date")]),
    "future-word-day": Example("Ngày 28/12 tới, tỉnh sẽ", PUB, [("Ngày 28/12", "2024-12-28", "day", "date")]),
    "future-word-quarter": Example("quý IV tới", PUB, [("quý IV", "2024-Q4", "quarter", "date")]),
    "no-published-day": Example("ngày 4/1", None, [("ngày 4/1", "--01-04", "day", "date")]),
    "leap-day-no-published": Example("ngày 29/2", None, [("ngày 29/2", "--02-29", "day", "date")]),
    "no-published-month-skipped": Example("tháng 10 tới", None, []),
    "no-published-relative-skipped": Example("hôm qua", None, []),
    "day-relative-year": Example(
        "hôm 20/10 năm ngoái, ông", "2024-03-02", [("hôm 20/10 năm ngoái", "2023-10-20", "day", "date")]
    ),
    "day-range-relative-years": Example(
        "từ 15/12 năm ngoái đến 20/1 năm nay", "2024-03-02",
        [("từ 15/12 năm ngoái đến 20/1 năm nay", "2023-12-15/2024-01-20", "interval", "range")],
    ),
    "month-year-before-another-not-anchored": Example(
        "tháng 5 năm trước đó", "2024-03-02", [("tháng 5", "2023-05", "month", "date")]
    ),
    "recurring-day-has-no-year": Example(
        "kỷ niệm vào ngày 26/3 hằng năm", PUB, [("ngày 26/3", "--03-26", "day", "date")]
    ),
    "recurring-day-span": Example(
        "cấm khai thác từ 1/4 đến 31/7 hàng năm", PUB, [("từ 1/4 đến 31/7", "--04-01/--07-31", "interval", "range")]
    ),
    "recurring-month-list-skipped": Example("nộp thuế vào tháng 4, tháng 5 hoặc tháng 6 hàng năm", PUB, []),
    "recurring-quarter-skipped": Example("họp vào quý IV mỗi năm", PUB, []),
    "recurring-words-keep-written-year": Example(
        "từ tháng 9/2021 hằng năm", PUB, [("tháng 9/2021", "2021-09", "month", "date")]
    ),
}

# The year of a partial date the way news is written: past, unless a few weeks ahead or the
# sentence speaks of the future and the coming one is nearer than the last one.
YEAR_RULE = {
    "months-back-is-past": Example(
        "Hôm 17/3, đoàn kiểm tra phát hiện sai phạm", "2022-09-20", [("Hôm 17/3", "2022-03-17", "day", "date")]
    ),
    "dash-months-back-is-past": Example(
        "ngày 9-4 bị cáo bỏ trốn", "2021-10-28", [("ngày 9-4", "2021-04-09", "day", "date")]
    ),
    "few-weeks-ahead": Example("ngày 5/10 khai giảng", "2022-09-20", [("ngày 5/10", "2022-10-05", "day", "date")]),
    "six-weeks-ahead": Example(
        "Hồ sơ nộp từ ngày 2/5 đến ngày 12/5.", "2023-04-01",
        [("từ ngày 2/5 đến ngày 12/5", "2023-05-02/2023-05-12", "interval", "range")],
    ),
    "months-ahead-without-cue-is-past": Example(
        "Tháng 11, giá lúa tăng mạnh", "2022-08-10", [("Tháng 11", "2021-11", "month", "date")]
    ),
    "future-cue-se": Example(
        "Dự kiến ngày 20/12 sẽ thông xe", "2022-08-10", [("ngày 20/12", "2022-12-20", "day", "date")]
    ),
    "future-cue-in-force": Example(
        "Nghị định có hiệu lực từ ngày 1/1", "2022-09-15", [("ngày 1/1", "2023-01-01", "day", "date")]
    ),
    "future-cue-but-last-one-nearer": Example(
        "Luật có hiệu lực từ ngày 1/7", "2022-08-15", [("ngày 1/7", "2022-07-01", "day", "date")]
    ),
    "future-cue-after-opening-date-ignored": Example(
        "Ngày 3/2, ông B cho biết sẽ kiến nghị", "2022-10-01", [("Ngày 3/2", "2022-02-03", "day", "date")]
    ),
    "future-cue-later-in-sentence": Example(
        "Bà C nói trong hai ngày 8/11 và 9/11, đoàn sẽ làm việc", "2022-10-03",
        [("ngày 8/11", "2022-11-08", "day", "date"), ("9/11", "2022-11-09", "day", "date")],
    ),
    "year-before-the-year-the-sentence-reports": Example(
        "Năm 2019 doanh thu đạt 500 tỷ đồng, tăng 3% so với năm trước.", "2021-04-02",
        [("Năm 2019", "2019", "year", "date"), ("năm trước", "2018", "year", "relative")],
    ),
    "trading-session-day": Example(
        "Cổ phiếu đóng cửa phiên 12/3 ở mức 20.000 đồng.", "2024-03-13", [("12/3", "2024-03-12", "day", "date")]
    ),
    "must-is-a-future-cue": Example(
        "Các xã phải nộp báo cáo tổng kết trong quý IV.", "2023-05-20", [("quý IV", "2023-Q4", "quarter", "date")]
    ),
    "arrange-is-no-future-cue": Example(
        "Huyện sắp xếp lại bộ máy từ ngày 10/11", "2022-08-10", [("ngày 10/11", "2021-11-10", "day", "date")]
    ),
    "deadline-to-finish-before": Example(
        "Công trình phải hoàn thành trước ngày 30/11.", "2022-09-01", [("ngày 30/11", "2022-11-30", "day", "date")]
    ),
    "offer-runs-until": Example(
        "Chương trình ưu đãi kéo dài đến hết ngày 31/12.", "2022-07-15", [("ngày 31/12", "2022-12-31", "day", "date")]
    ),
    "directive-over-semicolon": Example(
        "Tỉnh yêu cầu các sở báo cáo; các huyện nộp hồ sơ trước ngày 15/11.", "2022-09-01",
        [("ngày 15/11", "2022-11-15", "day", "date")],
    ),
    "month-under-way": Example("tháng 9", "2022-09-20", [("tháng 9", "2022-09", "month", "date")]),
    "quarter-ended": Example("quý III", "2022-11-02", [("quý III", "2022-Q3", "quarter", "date")]),
    "quarter-months-ahead-is-past": Example("quý IV", "2022-06-02", [("quý IV", "2021-Q4", "quarter", "date")]),
    "day-range-start-decides": Example(
        "từ 20/12 đến 10/3", "2023-01-15", [("từ 20/12 đến 10/3", "2022-12-20/2023-03-10", "interval", "range")]
    ),
    "month-range-across-years-past": Example(
        "từ tháng 10 đến tháng 3", "2023-04-20", [("từ tháng 10 đến tháng 3", "2022-10/2023-03", "interval", "range")]
    ),
}

MONTHS_QUARTERS_YEARS = {
    "month-slash-year": Example("tháng 3/2024", PUB, [("tháng 3/2024", "2024-03", "month", "date")]),
    "month-dash-year": Example("Tháng 6-2016, CQĐT", PUB, [("Tháng 6-2016", "2016-06", "month", "date")]),
    "month-words-year": Example("tháng 3 năm 2024", PUB, [("tháng 3 năm 2024", "2024-03", "month", "date")]),
    "month-no-year": Example("trong tháng 10 vừa qua", "2024-11-02", [("tháng 10", "2024-10", "month", "date")]),
    "month-nearest-previous-year": Example("tháng 12", PUB, [("tháng 12", "2023-12", "month", "date")]),
    "month-this-year": Example("tháng 3 năm nay", PUB, [("tháng 3 năm nay", "2024-03", "month", "date")]),
    "month-roman": Example("tháng XII/2023", PUB, [("tháng XII/2023", "2023-12", "month", "date")]),
    "month-year-after-tu": Example("áp dụng từ 12/2024", PUB, [("12/2024", "2024-12", "month", "date")]),
    "quarter-roman-year": Example("quý IV/2024", PUB, [("quý IV/2024", "2024-Q4", "quarter", "date")]),
    "quarter-words-year": Example("quý I năm 2025", PUB, [("quý I năm 2025", "2025-Q1", "quarter", "date")]),
    "quarter-no-year": Example("quý II", "2024-08-20", [("quý II", "2024-Q2", "quarter", "date")]),
    "quarter-last-year": Example("quý IV vừa qua", PUB, [("quý IV", "2023-Q4", "quarter", "date")]),
    "year": Example("năm 2023 và", PUB, [("năm 2023", "2023", "year", "date")]),
    "year-capital": Example("Năm 2024 là năm bứt phá", PUB, [("Năm 2024", "2024", "year", "date")]),
    "year-list": Example(
        "vô địch các năm 2008 và 2018.", PUB,
        [("năm 2008", "2008", "year", "date"), ("2018", "2018", "year", "date")],
    ),
    "bare-year-after-den": Example("tầm nhìn đến 2030", PUB, [("2030", "2030", "year", "date")]),
    "bare-year-after-new-year-festival": Example(
        "nghỉ Tết Nguyên đán 2025 kéo dài", PUB, [("2025", "2025", "year", "date")]
    ),
    "cycle-year-name": Example(
        "dịp Tết Nguyên đán Giáp Thìn 2024, tỉnh", PUB, [("Giáp Thìn 2024", "2024", "year", "date")]
    ),
    "cycle-year-name-with-nam": Example(
        "đón năm Canh Tý năm 2020 trong", PUB, [("năm Canh Tý năm 2020", "2020", "year", "date")]
    ),
    "year-after-law-in-a-clause": Example(
        "Luật Thủy lợi được Quốc hội thông qua năm 2017", PUB, [("năm 2017", "2017", "year", "date")]
    ),
    "lawyer-is-no-law-name": Example(
        "Luật sư Trần B năm 2010 nhận vụ", PUB, [("năm 2010", "2010", "year", "date")]
    ),
    "generic-law-keeps-year": Example(
        "vi phạm luật an toàn thực phẩm năm 2021", PUB, [("năm 2021", "2021", "year", "date")]
    ),
}

SPANS = {
    "six-months-first-half": Example(
        "6 tháng đầu năm 2024", PUB, [("6 tháng đầu năm 2024", "2024-01/2024-06", "interval", "range")]
    ),
    "nine-months": Example(
        "9 tháng năm 2024", PUB, [("9 tháng năm 2024", "2024-01/2024-09", "interval", "range")]
    ),
    "last-six-months-no-year": Example(
        "6 tháng cuối năm, tỉnh", "2024-07-10", [("6 tháng cuối năm", "2024-07/2024-12", "interval", "range")]
    ),
    "number-word-months": Example(
        "sáu tháng đầu năm nay", PUB, [("sáu tháng đầu năm nay", "2024-01/2024-06", "interval", "range")]
    ),
    "half-year": Example(
        "nửa cuối năm 2023", PUB, [("nửa cuối năm 2023", "2023-07/2023-12", "interval", "range")]
    ),
    "years-from-to": Example(
        "từ năm 2019 đến năm 2021", PUB, [("từ năm 2019 đến năm 2021", "2019/2021", "interval", "range")]
    ),
    "years-dash": Example("năm 2023 - 2024", PUB, [("năm 2023 - 2024", "2023/2024", "interval", "range")]),
    "months-from-to-dotted": Example(
        "Chẳng hạn từ tháng 1 - 7.2017, ô tô", PUB,
        [("từ tháng 1 - 7.2017", "2017-01/2017-07", "interval", "range")],
    ),
    "months-across-years": Example(
        "từ tháng 11 đến tháng 2/2024", PUB,
        [("từ tháng 11 đến tháng 2/2024", "2023-11/2024-02", "interval", "range")],
    ),
    "month-years-bare": Example(
        "từ 12/2023 đến 5/2024", PUB, [("từ 12/2023 đến 5/2024", "2023-12/2024-05", "interval", "range")]
    ),
    "quarters": Example(
        "từ quý I đến quý III/2024", PUB,
        [("từ quý I đến quý III/2024", "2024-Q1/2024-Q3", "interval", "range")],
    ),
    "days-from-to": Example(
        "từ ngày 22 đến 23/4/2025", PUB,
        [("từ ngày 22 đến 23/4/2025", "2025-04-22/2025-04-23", "interval", "range")],
    ),
    "days-list": Example(
        "trong các ngày 27, 28 và 29/6", "2024-06-20",
        [("các ngày 27, 28 và 29/6", "2024-06-27/2024-06-29", "interval", "range")],
    ),
    "days-full-dash": Example(
        "(từ ngày 4.1.2017 - 4.1.2018), có", PUB,
        [("từ ngày 4.1.2017 - 4.1.2018", "2017-01-04/2018-01-04", "interval", "range")],
    ),
    "days-across-new-year": Example(
        "từ 30/12 đến 2/1", PUB, [("từ 30/12 đến 2/1", "2023-12-30/2024-01-02", "interval", "range")]
    ),
    "holiday-dash": Example(
        "dịp 30/4 - 1/5 năm nay", "2024-04-20", [("30/4 - 1/5 năm nay", "2024-04-30/2024-05-01", "interval", "range")]
    ),
    "day-range-one-token": Example(
        "từ 15-20/4, đoàn", "2024-04-10", [("từ 15-20/4", "2024-04-15/2024-04-20", "interval", "range")]
    ),
    "day-to-month-dotted": Example(
        "từ ngày 10.3.2021 đến hết tháng 6.2022, đội", PUB,
        [("từ ngày 10.3.2021 đến hết tháng 6.2022", "2021-03-10/2022-06", "interval", "range")],
    ),
    "day-to-month-year-from-month": Example(
        "Từ 15/8 đến tháng 10/2019, công ty", PUB,
        [("Từ 15/8 đến tháng 10/2019", "2019-08-15/2019-10", "interval", "range")],
    ),
    "day-to-month-relative-year": Example(
        "từ 5/9 đến hết tháng 12 năm nay", "2023-10-01",
        [("từ 5/9 đến hết tháng 12 năm nay", "2023-09-05/2023-12", "interval", "range")],
    ),
    "day-to-month-no-year-across": Example(
        "từ 20/11 đến hết tháng 2", "2023-01-10", [("từ 20/11 đến hết tháng 2", "2022-11-20/2023-02", "interval", "range")]
    ),
    "month-to-day": Example(
        "từ tháng 8/2020 đến ngày 3/2/2021", PUB,
        [("từ tháng 8/2020 đến ngày 3/2/2021", "2020-08/2021-02-03", "interval", "range")],
    ),
    "up-to-before-a-day": Example(
        "đất giao từ 1/1/2001 đến trước 15/10/2009 thì", PUB,
        [("từ 1/1/2001 đến trước 15/10/2009", "2001-01-01/2009-10-15", "interval", "range")],
    ),
    "clock-to-clock": Example(
        "từ 14 giờ ngày 29.1 đến hết ngày 7.2", PUB,
        [("từ 14 giờ ngày 29.1 đến hết ngày 7.2", "2024-01-29/2024-02-07", "interval", "range")],
    ),
}

TERMS_BIRTHS = {
    "term": Example("nhiệm kỳ 2020 - 2025", PUB, [("nhiệm kỳ 2020 - 2025", "2020/2025", "interval", "term")]),
    "term-list": Example(
        "quy hoạch nhiệm kỳ 2020 - 2025, 2021 - 2026; 2025 - 2030, 2026 - 2031 được", PUB,
        [
            ("nhiệm kỳ 2020 - 2025", "2020/2025", "interval", "term"),
            ("2021 - 2026", "2021/2026", "interval", "term"),
            ("2025 - 2030", "2025/2030", "interval", "term"),
            ("2026 - 2031", "2026/2031", "interval", "term"),
        ],
    ),
    "giai-doan": Example("giai đoạn 2021-2025", PUB, [("giai đoạn 2021-2025", "2021/2025", "interval", "term")]),
    "giai-doan-tu-den": Example(
        "giai đoạn từ năm 2021 đến năm 2025", PUB,
        [("giai đoạn từ năm 2021 đến năm 2025", "2021/2025", "interval", "term")],
    ),
    "phase-with-bracket": Example(
        "dự án giai đoạn 2 (2021 - 2025) được", PUB, [("giai đoạn 2 (2021 - 2025)", "2021/2025", "interval", "term")]
    ),
    "phase-roman-with-bracket": Example(
        "Chương trình giai đoạn III (2026-2030)", PUB, [("giai đoạn III (2026-2030)", "2026/2030", "interval", "term")]
    ),
    "nien-vu": Example("niên vụ 2023-2024", PUB, [("niên vụ 2023-2024", "2023/2024", "interval", "term")]),
    "nien-vu-short": Example("niên vụ 2023/24", PUB, [("niên vụ 2023/24", "2023/2024", "interval", "term")]),
    "nam-hoc": Example("năm học 2024 - 2025", PUB, [("năm học 2024 - 2025", "2024/2025", "interval", "term")]),
    "crop-season": Example(
        "vụ đông xuân 2023 - 2024 và", PUB, [("vụ đông xuân 2023 - 2024", "2023/2024", "interval", "term")]
    ),
    "sports-season": Example("mùa giải 2024-2025", PUB, [("mùa giải 2024-2025", "2024/2025", "interval", "term")]),
    "birth-sn": Example("Nguyễn Văn A (SN 1989, trú", PUB, [("SN 1989", "1989", "year", "birth_year")]),
    "birth-bracket-before-address": Example(
        "tài xế Lê Văn C (1992, ngụ quận 8) bị", PUB, [("1992", "1992", "year", "birth_year")]
    ),
    "birth-bracket-residence": Example(
        "chị D (1987; thường trú tại xã E)", PUB, [("1987", "1987", "year", "birth_year")]
    ),
    "birth-sinh-nam": Example("bà B (sinh năm 1995)", PUB, [("sinh năm 1995", "1995", "year", "birth_year")]),
}

RELATIVE = {
    "hom-qua": Example("hôm qua", PUB, [("hôm qua", "2024-01-03", "day", "relative")]),
    "ngay-hom-nay": Example("ngày hôm nay", PUB, [("ngày hôm nay", "2024-01-04", "day", "relative")]),
    "hom-kia": Example("hôm kia", PUB, [("hôm kia", "2024-01-02", "day", "relative")]),
    "ngay-mai": Example("ngày mai", PUB, [("ngày mai", "2024-01-05", "day", "relative")]),
    "toi-qua": Example("Tối qua, mưa lớn", PUB, [("Tối qua", "2024-01-03", "day", "relative")]),
    "chieu-hom-qua": Example("chiều hôm qua", PUB, [("chiều hôm qua", "2024-01-03", "day", "relative")]),
    "clock-relative-day": Example(
        "Khoảng 23h15 hôm qua (3/1), xe", PUB,
        [("23h15 hôm qua", "2024-01-03", "day", "relative"), ("3/1", "2024-01-03", "day", "date")],
    ),
    "clock-part-relative-day": Example("lúc 4 giờ sáng nay", PUB, [("4 giờ sáng nay", "2024-01-04", "day", "relative")]),
    "sang-nay": Example("Sáng nay (4/1)", PUB, [("Sáng nay", "2024-01-04", "day", "relative"), ("4/1", "2024-01-04", "day", "date")]),
    "tuan-truoc": Example("tuần trước", PUB, [("tuần trước", "2023-12-25/2023-12-31", "interval", "relative")]),
    "tuan-nay": Example("tuần này", PUB, [("tuần này", "2024-01-01/2024-01-07", "interval", "relative")]),
    "thang-truoc": Example("tháng trước", PUB, [("tháng trước", "2023-12", "month", "relative")]),
    "nam-ngoai": Example("năm ngoái", PUB, [("năm ngoái", "2023", "year", "relative")]),
    "nam-nay": Example("Năm nay, tỉnh", PUB, [("Năm nay", "2024", "year", "relative")]),
    "nam-toi": Example("năm tới", PUB, [("năm tới", "2025", "year", "relative")]),
    "cung-ky-nam-truoc": Example("so với cùng kỳ năm trước", PUB, [("năm trước", "2023", "year", "relative")]),
    "nam-hoc-truoc": Example("năm học trước", "2025-02-14", [("năm học trước", "2023/2024", "interval", "relative")]),
}

NEGATIVES = {
    "ratio": Example("có 63/63 tổ chức", PUB, []),
    "percent-range": Example("có từ 15-20% tổ chức", PUB, []),
    "day-word-lowercase-name": Example("Ngày càng tăng 2/3", PUB, []),
    "fraction-after-comma-inside-paragraph": Example("Họ nói, 3/5 - một tỷ lệ cao", PUB, []),
    "fraction-of-members": Example("Trong đó, 3/5 thành viên", PUB, []),
    "fraction-after-context": Example("đến 2/3 số hộ", PUB, []),
    "half": Example("1/2 quyền sử dụng đất", PUB, []),
    "score": Example("thắng 3-1 trước", PUB, []),
    "party-document-number": Example("Kết luận số 01-KL/TW", PUB, []),
    "decree-number": Example("Nghị định 06/2018 và 100/2019/NĐ-CP", PUB, []),
    "road": Example("Quốc lộ 1A", PUB, []),
    "phone": Example("gọi 0912.345.678", PUB, []),
    "kilometre-post": Example("km 15+200", PUB, []),
    "time-alone": Example("lúc 10h30 và 14 giờ", PUB, []),
    "thousands": Example("4.872 đảng viên", PUB, []),
    "house-number": Example("số 36/7/7 đường Dương", PUB, []),
    "not-a-calendar-date": Example("ngày 31/2", PUB, []),
    "day-over-31": Example("ngày 35/2", PUB, []),
    "month-13-salary": Example("lương tháng 13", PUB, []),
    "duration-months-days": Example("6 tháng 10 ngày tù", PUB, []),
    "money-per-month": Example("1 tháng 10 triệu đồng", PUB, []),
    "duration-years-ago": Example("nhiều năm trước, 3 tháng trước", PUB, []),
    "duration-decimal-years-ago": Example("cách đây 1,5 năm trước", PUB, []),
    "duration-decades-now": Example("đã sống ở đây mấy chục năm nay, bao nhiêu năm nay", PUB, []),
    "year-after-event": Example("năm trước đó", PUB, []),
    "bare-number-year-like": Example("từ 2000 tấn", PUB, []),
    "title-year": Example("ASEAN Cup 2024", PUB, []),
    "law-name-year": Example("căn cứ Luật Đầu tư công năm 2019, tỉnh", PUB, []),
    "code-lowercase-name-year": Example("theo Bộ luật lao động năm 2012 thì", PUB, []),
    "code-abbreviation-year": Example("Điều 134 BLHS năm 2015 quy định", PUB, []),
    "constitution-year": Example("Hiến pháp năm 1992 và", PUB, []),
    "long-law-name-year": Example("Luật Bảo vệ và kiểm dịch thực vật năm 2013 quy định", PUB, []),
    "lunar": Example("từ 30.12 Âm lịch đến hết ngày 5.1 Âm lịch", PUB, []),
    "lunar-full-moon": Example("lễ Vu Lan rằm tháng 7 năm nay", PUB, []),
    "creative": Example("cách làm sáng tạo, tối đa", PUB, []),
    "duration-half-year": Example("trong nửa năm", PUB, []),
    "bracketed-year-without-address": Example("công trình (1998, 2003) được", PUB, []),
    "cycle-year-name-alone": Example("Tết Quý Mão sum vầy", PUB, []),
    "cycle-stem-lowercase-word": Example("canh tác 2000 ha", PUB, []),
}


def _cases(*tables: dict[str, Example]):
    return [pytest.param(ex, id=name) for table in tables for name, ex in table.items()]


@pytest.mark.parametrize("example", _cases(DAYS, NEAREST_YEAR, MONTHS_QUARTERS_YEARS))
def test_dates_single(example: Example) -> None:
    assert _found(example.text, example.published) == example.expected


@pytest.mark.parametrize("example", _cases(YEAR_RULE))
def test_dates_year_rule(example: Example) -> None:
    assert _found(example.text, example.published) == example.expected


@pytest.mark.parametrize("example", _cases(SPANS, TERMS_BIRTHS))
def test_dates_spans_and_terms(example: Example) -> None:
    assert _found(example.text, example.published) == example.expected


@pytest.mark.parametrize("example", _cases(RELATIVE))
def test_dates_relative(example: Example) -> None:
    assert _found(example.text, example.published) == example.expected


@pytest.mark.parametrize("example", _cases(NEGATIVES))
def test_dates_negatives(example: Example) -> None:
    assert _found(example.text, example.published) == example.expected


KNOWN_GAPS = {
    # lunar dates are dropped, not converted
    "lunar-new-year": Example("mùng 1 tháng Giêng", PUB, [("mùng 1 tháng Giêng", "2024-02-10", "day", "date")]),
    # a relative day that is anchored on another date of the article, not on publication
    "same-day-as-event": Example("Ngày 3/1 ... Sáng hôm sau", PUB, [
        ("Ngày 3/1", "2024-01-03", "day", "date"), ("Sáng hôm sau", "2024-01-04", "day", "relative")]),
}


@pytest.mark.xfail(strict=True, reason="known gap")
@pytest.mark.parametrize("example", _cases(KNOWN_GAPS))
def test_dates_known_gaps(example: Example) -> None:
    assert _found(example.text, example.published) == example.expected


@pytest.fixture(scope="module")
def dates_nlp():
    return build_nlp(components("vnx_sentences", "vnx_dates"))


def test_dates_component_sets_spans(dates_nlp) -> None:
    doc = dates_nlp.make_doc("Thứ Năm, ngày 8/1/2015, hôm qua và nhiệm kỳ 2020 - 2025.")
    doc._.published = "2015-01-09"
    doc = dates_nlp.get_pipe("vnx_dates")(doc)
    assert [(s.text, s.label_, s._.date.value) for s in doc.spans["dates"]] == [
        ("Thứ Năm, ngày 8/1/2015", "DATE", "2015-01-08"),
        ("hôm qua", "DATE", "2015-01-08"),
        ("nhiệm kỳ 2020 - 2025", "DATE", "2020/2025"),
    ]


def test_dates_component_warns_once_without_published(dates_nlp) -> None:
    doc = dates_nlp.make_doc("hôm qua, tháng 10 và ngày 4/1")
    doc = dates_nlp.get_pipe("vnx_dates")(doc)
    assert [s._.date.value for s in doc.spans["dates"]] == ["--01-04"]
    assert len(doc._.warnings) == 1


_ALPHABET = ["ngày", "tháng", "năm", "quý", "từ", "đến", "sáng", "Thứ Hai", "hôm qua", "nhiệm kỳ",
             "SN", "IV", "và", ",", " ", "-", "/", ".", "0", "1", "2", "3", "9", "12", "29", "31",
             "2024", "1999", "âm lịch", "6 tháng đầu năm", "(", ")"]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(_ALPHABET), max_size=30).map(" ".join),
    st.sampled_from([None, "2024-01-04", "2024-02-29", "2023-12-31"]),
)
def test_dates_any_text_gives_valid_values_and_offsets(text: str, published: str | None) -> None:
    for start, end, value in find_dates(text, published):
        assert 0 <= start < end <= len(text)
        assert iso_value_problem(value.value) is None, (text, value)


def test_dates_real_news_sample_values_are_valid(shared_seed) -> None:
    sample = shared_seed.parent / "binhvq-news-sample.txt"
    for start, end, value in find_dates(sample.read_text(encoding="utf-8"), "2018-02-01"):
        assert iso_value_problem(value.value) is None, value
