"""Dates: days, months, quarters, years, spans, terms, birth years and relative dates as ISO values.

Three regexes built from the tables in `lexicons/date_*.tsv` do the finding: COMPOSITE (terms,
birth years, day lists, ranges of days, months, quarters and years or from a day to a month,
"6 tháng đầu năm"), SINGLE (one day, month, quarter or year) and
RELATIVE_WORDS ("hôm qua", "tuần trước"). The first two only scan the windows around digits and
Roman numerals. Composites win over singles, singles over relative words; a composite whose
numbers make no sense (a range that ends before it starts) is dropped and the singles inside it
are kept instead. A bare "4/1" (no "ngày", weekday, part of day, clock or year) is a date only
after a date word ("từ", "vào", "dịp"...), a relative day, another date of the same list, the
name of a day of the year ("Ngày Thầy thuốc Việt Nam 27/2"), in a wire dateline ("Hà Nội, 12/3
-"), or opening a sentence before a comma; never before a counted noun ("3/5 thành viên").

Mention spans cover the whole temporal phrase as written: the clock time, part of the day,
weekday and the head word ("ngày", "tháng", "quý", "năm") with the numbers, e.g. "2 giờ sáng
15/8", "Thứ Năm, ngày 8/1/2015", "tháng 3/2024", "nhiệm kỳ 2020 - 2025". Prepositions are left
out ("vào", "lúc", "đến 2030" -> "2030") except "từ" opening a range ("từ năm 2019 đến năm 2021").

Partial dates take the year from the publication date the way news is written (`_pick_year`):
the one under way at publication, else the last one before it, since events reported are mostly
past; the coming one only when it begins within a few weeks, or when the sentence speaks of the
future ("sẽ", "dự kiến", "có hiệu lực", "phấn đấu") and it is nearer than the last one. "vừa qua"
or "tới" after the date decide alone. Without a publication date a day without year is
"--MM-DD", and months, quarters, spans and relative dates without a year are skipped with one
warning. A date of every year ("ngày 1/6 hằng năm") takes no year: a day is "--06-01", a month
or quarter is skipped.

A year of the sixty-year cycle written with its number ("Tết Mậu Tuất 2018") is that year.
Lunar dates ("âm lịch") are skipped, and so is the year that closes a law's name ("Luật Đất đai
năm 2013", `lexicons/date_names.tsv`).
"""

from __future__ import annotations

import calendar
import datetime as dt
import logging
import re
from collections.abc import Callable, Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

from vnextract.pipeline.extract.component import SpanExtractor
from vnextract.pipeline.extract.lexicons import load_tsv, phrase_alternation
from vnextract.pipeline.extract.pattern_cache import compile_pattern
from vnextract.pipeline.extract.values import (
    DATES,
    DateValue,
    add_warning,
    char_span,
    doc_text,
)

LOGGER = logging.getLogger(__name__)

Found = tuple[int, int, DateValue | None]  # None: a date whose year cannot be known


# ---------------------------------------------------------------- tables -> regex pieces

def _key(phrase: str) -> str:
    return " ".join(phrase.lower().split())


_CONTEXT: dict[str, list[str]] = {}
for _word, _role in load_tsv("date_context.tsv"):
    _CONTEXT.setdefault(_role, []).append(_word)

_PARTS = phrase_alternation(row[0] for row in load_tsv("date_parts_of_day.tsv"))
_WEEKDAY_ROWS = load_tsv("date_weekdays.tsv")
_WEEKDAYS = (  # abbreviations ("T2", "CN") only in capitals
    phrase_alternation(w for w, _ in _WEEKDAY_ROWS if len(w) > 2)
    + "|(?-i:" + phrase_alternation(w for w, _ in _WEEKDAY_ROWS if len(w) <= 2) + ")"
)
_RELATIVE_ROWS = load_tsv("date_relative.tsv")
_RELATIVE = {_key(p): (unit, int(offset)) for p, unit, offset, _ in _RELATIVE_ROWS}
_REL_ALONE = phrase_alternation(p for p, _, _, where in _RELATIVE_ROWS if where == "alone")
_REL_AFTER_PART = phrase_alternation(p for p, _, _, where in _RELATIVE_ROWS if where == "after_part")
# "tháng 3 năm nay": the relative words that may stand for a year ("nay", "ngoái", ...)
_YEAR_RELATIVE = {_key(p).split()[1]: int(o) for p, u, o, _ in _RELATIVE_ROWS if u == "year"}
_YEAR_REL = (  # not "năm trước đó" (the year before another one)
    "(?:" + phrase_alternation(_YEAR_RELATIVE) + r")(?!\w)(?!\s+(?:"
    + phrase_alternation(_CONTEXT["after_relative"]) + r")(?!\w))"
)
_TERMS = phrase_alternation(row[0] for row in load_tsv("date_terms.tsv"))
_NUMERAL_ROWS = load_tsv("date_numerals.tsv")
_NUMERALS = {_key(t): int(v) for t, v in _NUMERAL_ROWS}
_ROMAN = "(?-i:" + phrase_alternation(t for t, _ in _NUMERAL_ROWS if t.isupper()) + ")"
_NUMBER_WORDS = phrase_alternation(t for t, _ in _NUMERAL_ROWS if not t.isupper())
_CYCLE_ROWS = load_tsv("date_lunar_years.tsv")
_CYCLE_YEAR = (  # "Mậu Tuất": capitals only, "canh", "tân" are common words
    "(?-i:" + phrase_alternation(w for w, part in _CYCLE_ROWS if part == "stem") + r")\s+"
    "(?-i:" + phrase_alternation(w for w, part in _CYCLE_ROWS if part == "branch") + r")(?!\w)"
)
_PERIOD_POSITIONS = {_key(w): which for w, which in load_tsv("date_periods.tsv")}

_DAY = r"(?P<{p}d>3[01]|[12]\d|0?[1-9])"
_MON = r"(?P<{p}m>1[0-2]|0?[1-9])"
_MONTH_TOKEN = r"(?P<{p}m>1[0-2]|0?[1-9]|" + _ROMAN + r")(?!\w)"
_QUARTER = r"(?P<{p}q>(?-i:IV|I{{1,3}})|[1-4])(?!\w)"
_YEAR = r"(?P<{p}y>1[89]\d\d|20\d\d)(?!\d)"
_NOT_NUMBER_BEFORE = r"(?<![\w.,/\-+:])"
_END = r"(?![/.\-]?\d)(?![.,]\d)"
# the two years of a term: "2020 - 2025", "2023/24", "2021 đến năm 2025"
_YEAR_PAIR = r"(?P<a>(?:1[89]|20)\d\d)\s*(?:[-–—/]|đến|tới)\s*(?:năm\s+)?(?P<b>(?:1[89]|20)\d\d|\d\d)(?!\d)"
# the term word before its years, with the number of a phase before a bracket: "giai đoạn 1 ("
_TERM_LEAD = (
    r"(?:" + _TERMS + r")\s+(?:(?:\d|(?-i:IV|V|I{1,3}))\s*(?P<t_paren>\()\s*)?(?:từ\s+)?(?:năm\s+)?"
)
# a month and its year: "tháng 3/2024", "tháng 3-2024", "tháng 3.2024", "tháng 3 năm 2024"
_MONTH_YEAR_SEP = r"(?:[/.\-]|\s+năm\s+)"
# between the two ends of a range: "-", "đến", "cho đến hết", "đến trước" (the bound as written)
_CONNECTOR = r"\s*(?:-|–|—|(?:cho\s+)?(?:đến|tới)(?:\s+trước)?)\s*(?:hết\s+)?"
# a clock time before a day: "2 giờ", "21h30", "9g15", "22 giờ 30 phút"
_CLOCK = r"(?<!\d)\d{1,2}(?:\s*giờ|[hg:])(?:\s*\d{1,2}(?:\s*phút)?)?"
_LEAD = (
    r"(?:(?P<{p}clock>" + _CLOCK.replace("{", "{{").replace("}", "}}") + r")\s*,?\s+)?"
    r"(?:(?P<{p}part>" + _PARTS + r")\s+)?"
    r"(?:(?P<{p}wd>" + _WEEKDAYS + r")\s*(?:,|(?P<{p}paren>\())?\s*)?"
    r"(?:(?P<{p}ngay>ngày|hôm|mùng|mồng)\s+)?"
)
# one day: "4/1", "15/5/2016", "12.3.2024", "02-11-2023", "4 tháng 1 năm 2024", "15/3 năm ngoái"
_CORE = (
    _DAY + r"(?:(?P<{p}s>[/.\-])|\s+tháng\s+)" + _MON
    + r"(?:(?({p}s)(?P={p}s)|\s*,?\s*năm\s+)" + _YEAR
    + r"|\s+năm\s+(?P<{p}rel>" + _YEAR_REL + r")(?!\w))?" + _END
)


def _fill(template: str, prefix: str) -> str:
    return template.format(p=prefix)


def _lead(p: str) -> str:
    return _fill(_LEAD, p)


def _core(p: str) -> str:
    return _fill(_CORE, p)


def _led_day(p: str, not_before: str = _NOT_NUMBER_BEFORE) -> str:
    """A day with its lead; a "(" after the weekday needs its ")": "sáng thứ Hai (8/1)"."""
    return _lead(p) + not_before + _core(p) + _fill(r"(?({p}paren)\))", p)


def _unnamed(pattern: str) -> str:
    """The pattern with its named groups made plain, to repeat it inside a bigger one."""
    return re.sub(r"\(\?P<\w+>", "(?:", pattern)


def _compile(alternatives: list[str]) -> re.Pattern[str]:
    """One regex of named alternatives; every date starts a word, which lets the scan skip fast."""
    return compile_pattern(r"(?<!\w)(?=\w)(?:" + "|".join(alternatives) + ")", re.IGNORECASE)


_COMPOSITE = _compile(
    [
        # nhiệm kỳ 2020 - 2025, 2021 - 2026; 2025 - 2030; giai đoạn II (2021 - 2025)
        r"(?P<term>" + _TERM_LEAD + _unnamed(_YEAR_PAIR)
        + r"(?:\s*(?:[,;]|và)\s*" + _unnamed(_YEAR_PAIR) + r")*(?(t_paren)\s*\)))",
        # SN 1989, sinh năm 1995; "Nguyễn Văn A (1990, trú ...)": a year in brackets before an address
        r"(?P<birth>(?:(?-i:SN)|sinh\s+năm)\s*:?\s*" + _fill(_YEAR, "b_") + r"|(?<=\()"
        + _fill(_YEAR, "b2_") + r"(?=\s*[,;]\s*(?:" + phrase_alternation(_CONTEXT["residence"]) + r")(?!\w)))",
        # các ngày 27, 28 và 29/6
        r"(?P<daylist>(?:(?:các|hai|ba|những)\s+)?ngày\s+" + _fill(_DAY, "l1_")
        + r"(?:\s*,\s*(?:3[01]|[12]\d|0?[1-9]))*\s*(?:,|và)\s*" + _core("l2_") + ")",
        # từ ngày 22 đến 23/4/2025, 4.1.2017 - 4.1.2018, 15-20/4; ending in a month:
        # từ ngày 10.3.2021 đến hết tháng 6.2022, từ 5/9 đến hết tháng 12 năm nay
        r"(?P<dayrange>(?:(?P<r_from>từ)\s+)?" + _lead("r1_") + _NOT_NUMBER_BEFORE
        + _fill(_DAY, "r1_") + r"(?:(?P<r1_s>[/.\-])" + _fill(_MON, "r1_") + r"(?!\d)(?:(?P=r1_s)"
        + _fill(_YEAR, "r1_") + r"|\s+năm\s+(?P<r1_rel>" + _YEAR_REL + r"))?)?" + _CONNECTOR
        + r"(?:" + _led_day("r2_", r"(?<![\w.,/+:])")
        + r"|(?P<rm_t>tháng)\s+" + _fill(_MONTH_TOKEN, "rm_") + r"(?:" + _MONTH_YEAR_SEP
        + _fill(_YEAR, "rm_") + r"|\s+năm\s+(?P<rm_rel>" + _YEAR_REL + r")(?!\w))?" + _END + "))",
        # từ tháng 1 - 7.2017, từ tháng 3/2023 đến tháng 5/2024, từ 12/2023 đến 5/2024; ending
        # in a day: từ tháng 8/2020 đến ngày 3/2/2021, từ tháng 3 đến ngày 15/4
        r"(?P<monthrange>(?:(?P<m1_t>từ\s+tháng|tháng)\s+|từ\s+)" + _fill(_MONTH_TOKEN, "m1_")
        + r"(?:" + _MONTH_YEAR_SEP + _fill(_YEAR, "m1_") + r"|\s+năm\s+(?P<m1_rel>" + _YEAR_REL
        + r")(?!\w))?" + _CONNECTOR + r"(?:(?:(?P<md_ngay>ngày|hôm|mùng|mồng)\s+)?" + _core("md_")
        + r"|(?P<m2_t>tháng\s+)?" + _fill(_MONTH_TOKEN, "m2_")
        + r"(?:" + _MONTH_YEAR_SEP + _fill(_YEAR, "m2_") + r")?" + _END + "))",
        # từ quý I đến quý III/2024
        r"(?P<quarterrange>(?:từ\s+)?quý\s+" + _fill(_QUARTER, "q1_")
        + r"(?:" + _MONTH_YEAR_SEP + _fill(_YEAR, "q1_") + r")?" + _CONNECTOR
        + r"(?:quý\s+)?" + _fill(_QUARTER, "q2_")
        + r"(?:" + _MONTH_YEAR_SEP + _fill(_YEAR, "q2_") + r")?" + _END + ")",
        # từ năm 2019 đến năm 2021, năm 2023 - 2024
        r"(?P<yearrange>(?:từ\s+(?:năm\s+)?|năm\s+)" + _fill(_YEAR, "y1_")
        + _CONNECTOR + r"(?:năm\s+)?" + _fill(_YEAR, "y2_") + _END + ")",
        # 6 tháng đầu năm 2024, 9 tháng năm 2024, 6 tháng cuối năm, nửa đầu năm nay
        r"(?P<period>(?:(?P<p_n>1[0-2]|[1-9]|" + _NUMBER_WORDS + r")\s+tháng|(?P<p_half>nửa))"
        r"\s+(?:(?P<p_pos>" + phrase_alternation(_PERIOD_POSITIONS) + r")\s+)?năm"
        r"(?:\s+" + _fill(_YEAR, "p_") + r"|\s+(?P<p_rel>" + _YEAR_REL + r"))?(?!\w))",
    ]
)

_SINGLE = _compile(
    [
        # tháng 12/2024 after "từ", "đến"... (a bare month/year elsewhere is a document number)
        r"(?P<monthyear>(?:" + "|".join(f"(?<=\\b{re.escape(w)}\\s)" for w in _CONTEXT["year"])
        + r")(?P<my_m>1[0-2]|0?[1-9])[/.\-]" + _fill(_YEAR, "my_") + _END + ")",
        # sáng 12/7, 2 giờ sáng 15/8, Thứ Năm, ngày 8/1/2015, ngày 4 tháng 1 năm 2024, 4/1
        r"(?P<day>" + _led_day("d_") + ")",
        # tháng 3/2024, tháng 10, tháng 3 năm nay (not "3 tháng 10 ngày", a duration)
        r"(?P<month>(?<!\d\s)tháng\s+" + _fill(_MONTH_TOKEN, "mo_")
        + r"(?:" + _MONTH_YEAR_SEP + _fill(_YEAR, "mo_") + r"|\s+năm\s+(?P<mo_rel>" + _YEAR_REL
        + r")(?!\w))?" + _END + ")",
        # quý IV/2024, quý I năm 2025, quý II
        r"(?P<quarter>quý\s+" + _fill(_QUARTER, "qu_") + r"(?:" + _MONTH_YEAR_SEP
        + _fill(_YEAR, "qu_") + r"|\s+năm\s+(?P<qu_rel>" + _YEAR_REL + r")(?!\w))?" + _END + ")",
        # Mậu Tuất 2018, năm Giáp Thìn 2024: a year of the sixty-year cycle with its number
        r"(?P<cycleyear>(?:năm\s+)?" + _CYCLE_YEAR + r"\s+(?:năm\s+)?" + _fill(_YEAR, "cy_") + _END + ")",
        # năm 2023; các năm 2008 và 2018 (each year a mention)
        r"(?P<year>năm\s+" + _fill(_YEAR, "ye_") + _END
        + r"(?:\s*(?:,|và|hoặc)\s*(?:1[89]|20)\d\d" + _END + ")*)",
        # a bare year only right after "từ", "đến", ...: "đến 2030"
        r"(?P<bareyear>(?:" + "|".join(f"(?<=\\b{re.escape(w)}\\s)" for w in _CONTEXT["year"])
        + r")" + _fill(_YEAR, "by_") + _END + ")",
    ]
)
# hôm qua, ngày hôm nay, sáng nay, tối qua, tuần trước, năm ngoái (no digits: scanned apart)
_RELATIVE_WORDS = _compile(
    [
        r"(?P<relative>(?:" + _CLOCK + r"\s*,?\s+)?(?:(?:ngày\s+)?(?:(?:" + _PARTS + r")\s+)?(?P<rel_a>"
        + _REL_ALONE + r")(?!\w)|(?:" + _PARTS + r")\s+(?P<rel_p>" + _REL_AFTER_PART + r")(?!\w)))",
    ]
)
# Every date but a relative one has a digit, a Roman numeral or "tháng đầu/cuối năm" near its
# start: the two big regexes only scan the windows around these.
_TRIGGER = compile_pattern(r"\d+|(?:quý|tháng|nửa)\s+(?:(?-i:[IVX])|(?:đầu|cuối)\s+năm)", re.IGNORECASE)
_SCHOOL_YEAR_START = 9  # a Vietnamese school year runs from September to May
_BEFORE_TRIGGER = 45  # longest lead before the first digit: "rạng sáng thứ Hai, ngày 4/1"
_AFTER_TRIGGER = 30  # longest tail after the last digit: "6 tháng đầu năm nay"

# what makes a bare "4/1" (no "ngày", no year) a date: the word before it, a relative day or
# weekday just before ("hôm nay 14-2", "hôm qua (3/1)"), or a date of the same list before it
_DATE_WORDS = phrase_alternation(_CONTEXT["before"] + ["ngày", "hôm", "mùng", "mồng"])
_CONTEXT_BEFORE = compile_pattern(
    r"(?:(?<!\w)(?:" + _DATE_WORDS + r")"
    r"|(?<!\w)(?:" + _REL_ALONE + "|" + _WEEKDAYS + r"|(?:" + _PARTS + r")\s+(?:" + _REL_AFTER_PART + r"))\s*[(,]?"
    # the next of a list: "dịp 30/4 và 1/5", "ngày 5/1, 7/1"
    r"|(?<!\w)(?:" + _DATE_WORDS + "|" + _PARTS + r")\s+\d{1,2}[/.\-]\d{1,2}(?:[/.\-]\d{4})?\s*(?:,|và|hoặc))"
    r"\s*$",
    re.IGNORECASE,
)
# the name of a day of the year before its date: "Ngày" and a capitalised name of one to six words
_HOLIDAY_BEFORE = compile_pattern(r"(?<!\w)Ngày\s+([^\W\d_][\w]*(?:\s+(?:-\s+)?[^\W\d_]\w*){0,5})\s+$")
# a wire dateline: a place of one to four capitalised words opening the paragraph, a comma, the
# day, then a dash or the agency in brackets
_DATELINE_BEFORE = compile_pattern(r"(?:^|\n)([^\W\d_][\w.]*(?:[ \t]+[^\W\d_][\w.]*){0,3})[ \t]*,[ \t]*$")
_DATELINE_AFTER = compile_pattern(r"\s*(?:[-–—]\s|\()")
_QUANTITY_AFTER = compile_pattern(
    r"\s*(?:%|(?:" + phrase_alternation(_CONTEXT["unit"] + _CONTEXT["counted"]) + r")(?!\w))", re.IGNORECASE
)
_UNIT_AFTER = compile_pattern(r"\s*(?:%|(?:" + phrase_alternation(_CONTEXT["unit"]) + r")(?!\w))")
_PAST_AFTER = compile_pattern(r"\s+(?:" + phrase_alternation(_CONTEXT["past"]) + r")(?!\w)", re.IGNORECASE)
_FUTURE_AFTER = compile_pattern(r"\s+(?:" + phrase_alternation(_CONTEXT["future"]) + r")(?!\w)", re.IGNORECASE)
_NAME_ROWS = load_tsv("date_names.tsv")


def _names(role: str) -> str:
    return phrase_alternation(w for w, r in _NAME_ROWS if r == role)


# "Luật Hôn nhân và gia đình năm 2000": a head, up to eight words of its name, then "năm <year>"
_NAME_BEFORE_YEAR = compile_pattern(
    r"(?<!\w)(?:" + _names("head") + r")(?!\s+(?:" + _names("not_head") + r")(?!\w))"
    r"(?:\s+(?!(?:" + _names("break") + r")(?!\w))[^\W\d_][\w-]*){0,8}\s+$"
)
# "tháng 10 hoặc tháng 11 hàng năm": the rest of a list, then the words of every year
_RECURRING_AFTER = compile_pattern(
    r"(?:\s*(?:,|và|hoặc|hay|đến|-|–)\s*(?:(?:ngày|tháng|quý)\s+)?(?:\d{1,2}(?:[/.\-]\d{1,2})?|"
    + _ROMAN + r")(?!\w))*\s+(?:" + phrase_alternation(_CONTEXT["recurring"]) + r")(?!\w)",
    re.IGNORECASE,
)
_FUTURE_CUE = compile_pattern(r"(?<!\w)(?:" + phrase_alternation(_CONTEXT["future_cue"]) + r")(?!\w)", re.IGNORECASE)
_NAME_REACH = 90  # longest name of a law before its year
_NEAR_FUTURE_DAYS = 42  # "a few weeks" (six): a date without year this close after publication is upcoming
_SENTENCE_REACH = 200  # how far a future cue is looked for around a date without year
_SENTENCE_END = compile_pattern(r"[.!?]\s|\n")  # not the dots of "4.1.2018"; ";" and ":" go on
_CLAUSE_END = compile_pattern(r"[,;\n]|[.!?:]\s")
_LUNAR_BEFORE = compile_pattern(r"(?<!\w)(?:" + phrase_alternation(_CONTEXT["lunar_before"]) + r")\s+$", re.IGNORECASE)
_LUNAR_AFTER = compile_pattern(r"\s*\(?\s*(?:" + phrase_alternation(_CONTEXT["lunar"]) + r")(?!\w)")
_QUANTIFIER_BEFORE = compile_pattern(
    # a count ("3 tháng trước", "2,5 năm trước"), not the minutes of a clock ("21h30 hôm qua")
    r"(?:(?<![\w:.,])\d+(?:[.,]\d+)?|(?<!\w)(?:" + phrase_alternation(_CONTEXT["quantifier"]) + r"))\s+$", re.IGNORECASE
)
_NOT_ANCHORED_AFTER = compile_pattern(
    r"\s+(?:" + phrase_alternation(_CONTEXT["after_relative"]) + r")(?!\w)", re.IGNORECASE
)
_TERM_PAIR = compile_pattern(_YEAR_PAIR, re.IGNORECASE)
_LISTED_YEAR = compile_pattern(r"(?:1[89]|20)\d\d")
_TERM_WORD = compile_pattern(_TERM_LEAD, re.IGNORECASE)


# ---------------------------------------------------------------- calendar arithmetic

def _anchor(published: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(published[:10]) if published else None
    except ValueError:
        return None


_YEAR_PART = compile_pattern(r"\d+")


def _within_calendar(value: str) -> bool:
    """Whether every year of an ISO value has four digits from 0001 to 9999."""
    for part in value.split("/"):
        year = _YEAR_PART.match(part)
        if year and (len(year.group()) != 4 or year.group() == "0000"):
            return False
    return True


def _valid_day(year: int, month: int, day: int) -> bool:
    try:
        dt.date(year, month, day)
    except ValueError:
        return False
    return True


def _pick_year(
    anchor: dt.date,
    first_day: Callable[[int], dt.date | None],
    last_day: Callable[[int], dt.date],
    lean: int = 0,
    future_cue: bool = False,
) -> int | None:
    """The year of a date, month, quarter or span written without one, the way news is written.

    `first_day(year)`/`last_day(year)` give its bounds in a year (first_day None: not in that year;
    last_day is asked only of the years it is in). The one
    under way at publication is it; otherwise events are mostly past, so it is the latest one that
    began before publication, unless the next one begins within a few weeks, or the sentence speaks
    of the future and the next one is the nearer. `lean` -1 or 1 ("vừa qua", "tới") decides alone.
    """
    candidates = (anchor.year - 1, anchor.year, anchor.year + 1)
    starts = {y: day for y in candidates if dt.MINYEAR <= y <= dt.MAXYEAR and (day := first_day(y)) is not None}
    years = list(starts)
    begun = [y for y in years if starts[y] <= anchor]
    ahead = [y for y in years if starts[y] > anchor]
    past, upcoming = max(begun, default=None), min(ahead, default=None)
    if lean > 0:
        return min((y for y in years if last_day(y) >= anchor), default=upcoming)
    if lean < 0 or upcoming is None:
        return past if past is not None else upcoming
    if past is None or last_day(past) >= anchor:
        return past if past is not None else upcoming
    days_ahead = (starts[upcoming] - anchor).days
    if days_ahead <= _NEAR_FUTURE_DAYS:
        return upcoming
    if future_cue and days_ahead <= (anchor - last_day(past)).days:
        return upcoming
    return past


def _year_for_day(anchor: dt.date, month: int, day: int, lean: int = 0, future_cue: bool = False) -> int | None:
    """The year of day/month (see `_pick_year`)."""

    def on(year: int) -> dt.date | None:
        return dt.date(year, month, day) if _valid_day(year, month, day) else None

    def on_valid(year: int) -> dt.date:  # asked only of the years `on` found the day in
        return dt.date(year, month, day)

    return _pick_year(anchor, on, on_valid, lean, future_cue)


def _year_for_months(
    anchor: dt.date, first: int, last: int, lean: int = 0, future_cue: bool = False
) -> int | None:
    """The year of months first..last of one year (see `_pick_year`)."""

    def begin(year: int) -> dt.date:
        return dt.date(year, first, 1)

    def finish(year: int) -> dt.date:
        # the last day of month `last` (13 is January of the next year), without stepping past 9999
        year, month = year + (last - 1) // 12, (last - 1) % 12 + 1
        return dt.date(year, month, calendar.monthrange(year, month)[1])

    return _pick_year(anchor, begin, finish, lean, future_cue)


def _side(text: str, end: int) -> int:
    """-1 when the words after a date put it in the past ("vừa qua"), 1 in the future ("tới")."""
    return -1 if _PAST_AFTER.match(text, end) else 1 if _FUTURE_AFTER.match(text, end) else 0


def _lean(text: str, start: int, end: int) -> tuple[int, bool]:
    """(side, future cue) of a date without year: the arguments `_pick_year` takes after its bounds."""
    return _side(text, end), _speaks_of_future(text, start, end)


def _speaks_of_future(text: str, start: int, end: int) -> bool:
    """Whether the date's sentence says it may be to come ("sẽ", "dự kiến", "phấn đấu"...).

    A date opening its sentence ("Ngày 2/1, Bộ cho biết sẽ ...") is when something was said: only
    its own clause counts there ("Ngày 15/3 sẽ khai mạc")."""
    low = max(0, start - _SENTENCE_REACH)
    opening = None
    for opening in _SENTENCE_END.finditer(text, low, start):
        pass
    sentence_start = opening.end() if opening else low
    if _FUTURE_CUE.search(text, sentence_start, start):
        return True
    opens_sentence = not text[sentence_start:start].strip()
    stop = (_CLAUSE_END if opens_sentence else _SENTENCE_END).search(text, end, end + _SENTENCE_REACH)
    return bool(_FUTURE_CUE.search(text, end, stop.start() if stop else min(len(text), end + _SENTENCE_REACH)))


def _day_iso(year: int | None, month: int, day: int) -> str:
    return f"{year:04d}-{month:02d}-{day:02d}" if year else f"--{month:02d}-{day:02d}"


def _int(value: str | None) -> int | None:
    """The number of an optional group: None when the group did not match."""
    return None if value is None else _number(value)


def _number(value: str) -> int:
    """The number of a matched group: digits, or a numeral of the table the patterns were built from."""
    return int(value) if value.isdigit() else _NUMERALS[_key(value)]


def _year_of(m: re.Match[str], prefix: str, anchor: dt.date | None) -> int | None:
    """The year written in group <prefix>y, or a relative year word in <prefix>rel."""
    if m.group(prefix + "y"):
        return int(m.group(prefix + "y"))
    rel = m.groupdict().get(prefix + "rel")
    if rel and anchor:
        return anchor.year + _YEAR_RELATIVE[_key(rel)]
    return None


# ---------------------------------------------------------------- context checks

def _weak_context_ok(text: str, start: int, end: int) -> bool:
    """A bare day/month without "ngày" or a year: a date only after a date word, or opening a
    sentence before a comma, and never before a counted noun ("3/5 thành viên")."""
    if _QUANTITY_AFTER.match(text, end):
        return False
    if _CONTEXT_BEFORE.search(text, max(0, start - 40), start):
        return True
    place = _DATELINE_BEFORE.search(text, max(0, start - 40), start)
    if place and _DATELINE_AFTER.match(text, end) and all(w[0].isupper() for w in place.group(1).split()):
        return True  # "Hà Nội, 12/3 - Bộ Y tế ...", "TP.HCM, 5/2 (TTXVN) -"
    holiday = _HOLIDAY_BEFORE.search(text, max(0, start - 50), start)
    if holiday and holiday.group(1)[0].isupper():  # "Ngày Nhà giáo Việt Nam 20/11"
        return True
    before = text[max(0, start - 40) : start].rstrip(" \t")
    opens_sentence = not before or before[-1] in ".!?\n"
    return opens_sentence and text[end : end + 1] in (",", ":")


_STRONG_GROUPS = ("clock", "part", "wd", "ngay", "y", "rel")


def _strong(m: re.Match[str], prefix: str) -> bool:
    """Whether the lead or year of a day makes it a date on its own."""
    names = m.re.groupindex
    return any(m.group(prefix + g) for g in _STRONG_GROUPS if prefix + g in names)


# ---------------------------------------------------------------- handlers

def _day(m: re.Match[str], anchor: dt.date | None, text: str) -> Iterator[Found]:
    start, end = m.span("day")
    if not _strong(m, "d_") and not _weak_context_ok(text, start, end):
        return
    day, month, year = int(m.group("d_d")), int(m.group("d_m")), _year_of(m, "d_", anchor)
    if year is None and anchor:
        year = _year_for_day(anchor, month, day, *_lean(text, start, end))
    if not _valid_day(year or 2024, month, day):
        return
    yield start, end, DateValue(_day_iso(year, month, day), "day", "date")


def _month(m: re.Match[str], anchor: dt.date | None, text: str) -> Iterator[Found]:
    start, end = m.span("month")
    if _UNIT_AFTER.match(text, end):
        return
    month = _number(m.group("mo_m"))
    year = _year_of(m, "mo_", anchor) or (
        anchor and _year_for_months(anchor, month, month, *_lean(text, start, end))
    )
    yield start, end, DateValue(f"{year:04d}-{month:02d}", "month", "date") if year else None


def _monthyear(m: re.Match[str], anchor: dt.date | None, text: str) -> Iterator[Found]:
    start, end = m.span("monthyear")
    yield start, end, DateValue(f"{m.group('my_y')}-{int(m.group('my_m')):02d}", "month", "date")


def _quarter(m: re.Match[str], anchor: dt.date | None, text: str) -> Iterator[Found]:
    start, end = m.span("quarter")
    quarter = _number(m.group("qu_q"))
    year = _year_of(m, "qu_", anchor)
    if year is None and anchor:
        year = _year_for_months(anchor, quarter * 3 - 2, quarter * 3, *_lean(text, start, end))
    yield start, end, DateValue(f"{year:04d}-Q{quarter}", "quarter", "date") if year else None


def _cycleyear(m: re.Match[str], anchor: dt.date | None, text: str) -> Iterator[Found]:
    yield *m.span("cycleyear"), DateValue(m.group("cy_y"), "year", "date")


def _year(m: re.Match[str], anchor: dt.date | None, text: str) -> Iterator[Found]:
    if _NAME_BEFORE_YEAR.search(text, max(0, m.start("year") - _NAME_REACH), m.start("year")):
        return  # "Luật Đất đai năm 2013": the year names the law's version
    yield m.start("year"), m.end("ye_y"), DateValue(m.group("ye_y"), "year", "date")
    for more in _LISTED_YEAR.finditer(text, m.end("ye_y"), m.end("year")):
        if _QUANTITY_AFTER.match(text, more.end()):  # "năm 2023, 2000 hộ"
            return
        yield *more.span(), DateValue(more.group(), "year", "date")


def _bareyear(m: re.Match[str], anchor: dt.date | None, text: str) -> Iterator[Found]:
    start, end = m.span("bareyear")
    if not _QUANTITY_AFTER.match(text, end):
        yield start, end, DateValue(m.group("by_y"), "year", "date")


def _relative(m: re.Match[str], anchor: dt.date | None, text: str) -> Iterator[Found]:
    start, end = m.span("relative")
    phrase = m.group("rel_a") or m.group("rel_p")
    # "nhiều năm trước", "3 tháng trước", "năm trước đó": durations, not anchored on publication
    if _QUANTIFIER_BEFORE.search(text, max(0, start - 12), start) or _NOT_ANCHORED_AFTER.match(text, end):
        return
    if anchor is None:
        yield start, end, None
        return
    unit, offset = _RELATIVE[_key(phrase)]
    if unit == "day":
        value = DateValue((anchor + dt.timedelta(days=offset)).isoformat(), "day", "relative")
    elif unit == "week":
        monday = anchor - dt.timedelta(days=anchor.weekday()) + dt.timedelta(weeks=offset)
        sunday = monday + dt.timedelta(days=6)
        value = DateValue(f"{monday.isoformat()}/{sunday.isoformat()}", "interval", "relative")
    elif unit == "school_year":
        first = anchor.year - (anchor.month < _SCHOOL_YEAR_START) + offset
        value = DateValue(f"{first}/{first + 1}", "interval", "relative")
    elif unit == "month":
        index = anchor.year * 12 + anchor.month - 1 + offset
        value = DateValue(f"{index // 12:04d}-{index % 12 + 1:02d}", "month", "relative")
    else:
        value = DateValue(f"{_base_year(_key(phrase), text, start, anchor.year) + offset:04d}", "year", "relative")
    yield start, end, value


# "so với năm trước" after "năm 2014" in the same sentence is 2013: the year before the one the
# sentence reports, not before publication ("năm ngoái", "năm nay" stay anchored on publication)
_YEAR_COMPARED = {"năm trước", "năm sau"}
_SENTENCE_YEAR = compile_pattern(r"năm\s+((?:19|20)\d\d)\b(?![^.!?\n]*[.!?\n])", re.IGNORECASE)


def _base_year(phrase: str, text: str, start: int, year: int) -> int:
    """The year a relative year word counts from: the year its sentence names, else publication's."""
    if phrase not in _YEAR_COMPARED:
        return year
    found = _SENTENCE_YEAR.findall(text, max(0, start - 200), start)
    return int(found[-1]) if found else year


def _term(m: re.Match[str], anchor: dt.date | None, text: str) -> Iterator[Found]:
    """One term per pair of years; the first mention includes the term word."""
    start = m.start("term")
    lead = _TERM_WORD.match(text, start)
    pairs_start = lead.end() if lead else start
    pairs = list(_TERM_PAIR.finditer(text, pairs_start, m.end("term")))
    for pair in pairs:
        first, last = int(pair.group("a")), pair.group("b")
        last_year = int(last) if len(last) == 4 else first // 100 * 100 + int(last)  # "2023/24"
        if last_year < first:
            last_year += 100
        if last_year > first:
            mention_start = start if pair.start() == pairs_start else pair.start()
            # "giai đoạn 1 (2016 - 2020)": the bracket opened after the term word closes it
            mention_end = m.end("term") if m.group("t_paren") and pair is pairs[-1] else pair.end()
            yield mention_start, mention_end, DateValue(f"{first}/{last_year}", "interval", "term")


def _birth(m: re.Match[str], anchor: dt.date | None, text: str) -> Iterator[Found]:
    yield *m.span("birth"), DateValue(m.group("b_y") or m.group("b2_y"), "year", "birth_year")


def _day_interval(
    first: tuple[int | None, int | None, int],
    last: tuple[int | None, int, int],
    anchor: dt.date | None,
    lean: tuple[int, bool] = (0, False),
) -> str | None:
    """"start/end" of two days given as (year, month, day); the first borrows what it omits.
    Without years the span takes the year its first day would (`_pick_year`, `lean` from `_lean`)."""
    (y1, m1, d1), (y2, m2, d2) = first, last
    m1 = m1 or m2
    if y2 is None and y1 is not None:
        y2 = y1 + (1 if (m2, d2) < (m1, d1) else 0)
    if y2 is None and anchor and _valid_day(2024, m1, d1) and _valid_day(2024, m2, d2):
        across = int((m2, d2) < (m1, d1))  # "30/12 - 2/1"

        def first_day(year: int) -> dt.date | None:
            return dt.date(year, m1, d1) if _valid_day(year, m1, d1) else None

        def last_day(year: int) -> dt.date:  # 29/2 of a common year: its 28/2 for the comparison
            return dt.date(year + across, m2, d2 if _valid_day(year + across, m2, d2) else 28)

        y1 = _pick_year(anchor, first_day, last_day, *lean)
        y2 = None if y1 is None else y1 + across
    if y1 is None and y2 is not None:
        y1 = y2 - (1 if (m1, d1) > (m2, d2) else 0)
    if not (_valid_day(y1 or 2024, m1, d1) and _valid_day(y2 or 2024, m2, d2)):
        return None
    if y1 and y2 and dt.date(y1, m1, d1) >= dt.date(y2, m2, d2):
        return None
    if not y1 and (m1, d1) >= (m2, d2):
        return None
    return f"{_day_iso(y1, m1, d1)}/{_day_iso(y2, m2, d2)}"


def _daylist(m: re.Match[str], anchor: dt.date | None, text: str) -> Iterator[Found]:
    last = (_year_of(m, "l2_", anchor), int(m.group("l2_m")), int(m.group("l2_d")))
    value = _day_interval((None, None, int(m.group("l1_d"))), last, anchor, _lean(text, *m.span("daylist")))
    if value:
        yield *m.span("daylist"), DateValue(value, "interval", "range")


def _dayrange(m: re.Match[str], anchor: dt.date | None, text: str) -> Iterator[Found]:
    start, end = m.span("dayrange")
    if m.group("rm_t"):  # from a day to a month
        if not m.group("r1_m") or _UNIT_AFTER.match(text, end):
            return
        if not any(m.group(g) for g in ("r_from", "r1_ngay", "r1_y", "rm_y", "rm_rel")):
            return
        day = (_year_of(m, "r1_", anchor), int(m.group("r1_m")), int(m.group("r1_d")))
        month = (_year_of(m, "rm_", anchor), _number(m.group("rm_m")))
        value = _mixed_interval(day, month, anchor, True, _lean(text, start, end))
        if value:
            yield start, end, DateValue(value, "interval", "range")
        return
    if not (m.group("r_from") or _strong(m, "r1_") or _strong(m, "r2_")) and not _weak_context_ok(text, start, end):
        return
    first = (_year_of(m, "r1_", anchor), _int(m.group("r1_m")), int(m.group("r1_d")))
    last = (_year_of(m, "r2_", anchor), int(m.group("r2_m")), int(m.group("r2_d")))
    value = _day_interval(first, last, anchor, _lean(text, start, end))
    if value:
        yield start, end, DateValue(value, "interval", "range")


def _mixed_interval(
    day: tuple[int | None, int, int],
    month: tuple[int | None, int],
    anchor: dt.date | None,
    day_first: bool,
    lean: tuple[int, bool] = (0, False),
) -> str | None:
    """"start/end" of a day (year, month, day) and a month (year, month), in the order written;
    a missing year comes from the other end, or from `_pick_year` over the whole span."""
    (dy, dm, dd), (my, mm) = day, month
    first, last = ((dm, dd), (mm, 1)) if day_first else ((mm, 1), (dm, dd))
    across = int(last[0] < first[0])  # "từ 20/11 đến hết tháng 2"
    if dy is None and my is not None:
        dy = my - across if day_first else my + across
    elif my is None and dy is not None:
        my = dy + across if day_first else dy - across
    elif dy is None and anchor:

        def first_day(year: int) -> dt.date | None:
            return dt.date(year, first[0], first[1]) if _valid_day(year, first[0], first[1]) else None

        def last_day(year: int) -> dt.date:
            return dt.date(year + across, last[0], 1)

        start_year = _pick_year(anchor, first_day, last_day, *lean)
        if start_year is None:
            return None
        dy = start_year if day_first else start_year + across
        my = start_year + across if day_first else start_year
    if dy is None or my is None or not _valid_day(dy, dm, dd):
        return None
    day_iso, month_iso = _day_iso(dy, dm, dd), f"{my:04d}-{mm:02d}"
    if (dy, dm) >= (my, mm) if day_first else (my, mm) >= (dy, dm):
        return None
    return f"{day_iso}/{month_iso}" if day_first else f"{month_iso}/{day_iso}"


def _month_interval(
    first: tuple[int | None, int],
    last: tuple[int | None, int],
    anchor: dt.date | None,
    unit: int,
    lean: tuple[int, bool] = (0, False),
) -> str | None:
    """"start/end" of two months (unit 1) or quarters (unit 3) given as (year, number)."""
    (y1, n1), (y2, n2) = first, last
    if y2 is None and y1 is not None:
        y2 = y1 + (1 if n2 < n1 else 0)
    if y2 is None and anchor:
        across = 12 if n2 < n1 else 0  # "từ tháng 11 đến tháng 2"
        y1 = _year_for_months(anchor, (n1 - 1) * unit + 1, across + n2 * unit, *lean)
        y2 = None if y1 is None else y1 + (1 if across else 0)  # None: past the calendar's last year
    if y2 is None:
        return None
    if y1 is None:
        y1 = y2 - (1 if n1 > n2 else 0)
    if (y1, n1) >= (y2, n2):
        return None
    form = "{:04d}-{:02d}" if unit == 1 else "{:04d}-Q{}"
    return f"{form.format(y1, n1)}/{form.format(y2, n2)}"


def _monthrange(m: re.Match[str], anchor: dt.date | None, text: str) -> Iterator[Found]:
    start, end = m.span("monthrange")
    first = (_year_of(m, "m1_", anchor), _number(m.group("m1_m")))
    if m.group("md_d"):  # from a month to a day
        if not (m.group("m1_t") or m.group("md_ngay")):
            return
        day = (_year_of(m, "md_", anchor), int(m.group("md_m")), int(m.group("md_d")))
        value = _mixed_interval(day, first, anchor, False, _lean(text, start, end))
        if value:
            yield start, end, DateValue(value, "interval", "range")
        return
    # "tháng 1 - 7" with neither "tháng" again nor a year may be a count ("tháng 1 - 7 ngày")
    if not (m.group("m2_t") or m.group("m2_y")) or _UNIT_AFTER.match(text, end):
        return
    value = _month_interval(first, (_int(m.group("m2_y")), _number(m.group("m2_m"))), anchor, 1, _lean(text, start, end))
    if value:
        yield start, end, DateValue(value, "interval", "range")


def _quarterrange(m: re.Match[str], anchor: dt.date | None, text: str) -> Iterator[Found]:
    first = (_int(m.group("q1_y")), _number(m.group("q1_q")))
    value = _month_interval(
        first, (_int(m.group("q2_y")), _number(m.group("q2_q"))), anchor, 3, _lean(text, *m.span("quarterrange"))
    )
    if value:
        yield *m.span("quarterrange"), DateValue(value, "interval", "range")


def _yearrange(m: re.Match[str], anchor: dt.date | None, text: str) -> Iterator[Found]:
    first, last = int(m.group("y1_y")), int(m.group("y2_y"))
    if first < last:
        yield *m.span("yearrange"), DateValue(f"{first}/{last}", "interval", "range")


def _period(m: re.Match[str], anchor: dt.date | None, text: str) -> Iterator[Found]:
    start, end = m.span("period")
    position = _PERIOD_POSITIONS.get(_key(m.group("p_pos") or ""))
    year = _year_of(m, "p_", anchor)
    if m.group("p_half"):
        count = 6
        if position is None:  # "nửa năm" is a duration
            return
    else:
        count = _number(m.group("p_n"))
        if position is None and not (m.group("p_y") or m.group("p_rel")):
            return  # "9 tháng năm" without a year or "đầu/cuối": not a span of a known year
    first, last = (12 - count + 1, 12) if position == "last" else (1, count)
    if year is None and anchor:
        year = _year_for_months(anchor, first, last, *_lean(text, start, end))
    if year is None:
        yield start, end, None
        return
    yield start, end, DateValue(f"{year:04d}-{first:02d}/{year:04d}-{last:02d}", "interval", "range")


_Handler = Callable[[re.Match[str], "dt.date | None", str], Iterator[Found]]
_COMPOSITE_HANDLERS: dict[str, _Handler] = {
    "term": _term,
    "birth": _birth,
    "daylist": _daylist,
    "dayrange": _dayrange,
    "monthrange": _monthrange,
    "quarterrange": _quarterrange,
    "yearrange": _yearrange,
    "period": _period,
}
_RELATIVE_HANDLERS: dict[str, _Handler] = {"relative": _relative}
_SINGLE_HANDLERS: dict[str, _Handler] = {
    "monthyear": _monthyear,
    "day": _day,
    "month": _month,
    "quarter": _quarter,
    "cycleyear": _cycleyear,
    "year": _year,
    "bareyear": _bareyear,
}


def _windows(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of the stretches of text that may hold a date with a number in it."""
    start = end = -1
    for trigger in _TRIGGER.finditer(text):
        low, high = max(0, trigger.start() - _BEFORE_TRIGGER), trigger.end() + _AFTER_TRIGGER
        if low > end:
            if end > 0:
                yield start, min(end, len(text))
            start = low
        end = max(end, high)
    if end > 0:
        yield start, min(end, len(text))


def _matches(
    pattern: re.Pattern[str],
    handlers: dict[str, _Handler],
    text: str,
    anchor: dt.date | None,
    windows: Iterable[tuple[int, int]],
) -> Iterator[Found]:
    for low, high in windows:
        for m in pattern.finditer(text, low, high):
            name = next(name for name in handlers if m.group(name) is not None)
            recurring = _RECURRING_AFTER.match(text, m.end())
            # "ngày 1/6 hằng năm" is a day of every year: no year is taken ("--06-01"), and a
            # month or quarter of every year ("tháng 10 hàng năm") has no value of the contract
            try:
                items = list(handlers[name](m, None if recurring else anchor, text))
            except (OverflowError, ValueError):  # the calendar ends: a year before 1 or after 9999
                items = [(m.start(), m.end(), None)]
            for found in items:
                if _LUNAR_AFTER.match(text, found[1]) or _LUNAR_BEFORE.search(text, max(0, found[0] - 8), found[0]):
                    continue
                if found[2] is not None and not _within_calendar(found[2].value):
                    found = (found[0], found[1], None)  # "năm sau" of 9999 is no year the contract can hold
                if not (recurring and found[2] is None):
                    yield found


def scan_dates(text: str, published: str | None) -> list[Found]:
    """Every date mention as (start, end, value), value None when its year cannot be known.

    Composites win over single dates, single dates over relative words ("năm nay" inside
    "tháng 3 năm nay").
    """
    anchor = _anchor(published)
    windows = list(_windows(text))
    found: list[Found] = []
    for pattern, handlers, where in (
        (_COMPOSITE, _COMPOSITE_HANDLERS, windows),
        (_SINGLE, _SINGLE_HANDLERS, windows),
        (_RELATIVE_WORDS, _RELATIVE_HANDLERS, [(0, len(text))]),
    ):
        taken = [(start, end) for start, end, _ in found]
        for item in _matches(pattern, handlers, text, anchor, where):
            if not any(start < item[1] and item[0] < end for start, end in taken):
                found.append(item)
    return sorted(found, key=lambda f: (f[0], f[1]))


def find_dates(text: str, published: str | None) -> list[tuple[int, int, DateValue]]:
    """Every date mention of `text` whose value is known, as (start, end, DateValue)."""
    return [(start, end, value) for start, end, value in scan_dates(text, published) if value]


class DatesComponent(SpanExtractor):
    """Sets doc.spans["dates"] (label DATE) with Span._.date."""

    def match(self, doc: Doc) -> list[tuple[int, int, DateValue | None]]:
        return list(scan_dates(doc_text(doc), doc._.published))

    def set_annotations(self, doc: Doc, found: list[tuple[int, int, DateValue | None]]) -> None:
        _set_dates(doc, found)


@Language.factory("vnx_dates")
def make_dates(nlp: Language, name: str) -> DatesComponent:
    return DatesComponent(nlp, name)


def _set_dates(doc: Doc, found: list[tuple[int, int, DateValue | None]]) -> None:
    spans = []
    unknown = 0
    for start, end, value in found:
        if value is None:
            unknown += 1
            continue
        span = char_span(doc, start, end, "DATE")
        if span is not None:
            span._.date = value
            spans.append(span)
    if unknown and doc._.published is None:
        add_warning(doc, f"dates: {unknown} partial or relative dates skipped: no publication date")
    elif unknown:
        add_warning(doc, f"dates: {unknown} dates skipped: counted from the publication date they fall outside years 1-9999")
    doc.spans[DATES] = spans
