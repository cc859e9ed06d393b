"""Publication and modification dates as pages write them, read into ISO 8601.

Pages write "2023-11-02T19:20:00+07:00" (meta, JSON-LD), "2023-11-02 19:20" (dantri's
`datetime`), "Thứ năm, 2/11/2023, 19:20 (GMT+7)", "02/11/2023 19:20 GMT+7", "Thứ Năm, 02-11-2023,
19:20" and "ngày 2 tháng 11 năm 2023". A datetime is given in +07:00 (Vietnam has one time zone and
no summer time, so other offsets are converted); a date without a time stays a date.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta, timezone

VIETNAM = timezone(timedelta(hours=7))

_ISO = re.compile(
    r"(?<!\d)(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})"
    r"(?:(?:T|\s+)(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?)?(?!\d)"
)
_DMY = re.compile(r"(?<![\d/.-])(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})(?!\d)")
# Two-digit years only where a page's dateline writes them: "ngày 26/11/12 08:15" (Zing 2012),
# a day before a time; a bare "26/11/12" may be anything (a ratio, a document number).
_DMY_SHORT = re.compile(
    r"(?:(?<=ngày\s)|(?<=ngày))(\d{1,2})/(\d{1,2})/(\d{2})(?=\s+\d{1,2}[:h]\d{2})"
    r"|(?<![\d/.-])(\d{1,2})/(\d{1,2})/(\d{2})(?=\s+\d{1,2}:\d{2}(?!\d))", re.IGNORECASE
)
# A 12-hour clock's part of the day: "08:15 tối" is 20:15, "3:05 PM" is 15:05 (a 24-hour time
# marked PM, as ione wrote "15:45 PM", stays).
# "SA"/"CH" (sáng, chiều) are how the Vietnamese locale writes AM/PM ("02:30:13 CH"): upper case
# only, so a word after the time is not taken for one.
_AFTERNOON = re.compile(r"^\s*(?:(?i:PM|P\.M\.|chiều|tối|đêm)|CH)\b")
_MORNING = re.compile(r"^\s*(?:(?i:AM|A\.M\.|sáng|rạng sáng)|SA)\b")
# "ngày 6 tháng 10 năm 2015", "6 tháng 10, 2015", and "6 tháng 10 2015" as BBC and other
# outlets abroad write it (the year straight after the month).
_WORDS = re.compile(
    r"(?:ngày\s+)?(\d{1,2})\s+tháng\s+(\d{1,2})\s*(?:,\s*|\s+năm\s+|\s+)(\d{4})(?!\d)", re.IGNORECASE
)
# "20 Tháng Năm 2013": the month's name, as Joomla and WordPress print dates in Vietnamese.
_MONTH_NAMES = {"một": 1, "giêng": 1, "hai": 2, "ba": 3, "tư": 4, "bốn": 4, "năm": 5, "sáu": 6, "bảy": 7,
                "tám": 8, "chín": 9, "mười": 10, "mười một": 11, "mười hai": 12, "chạp": 12}
_NAMED_MONTH = re.compile(
    r"(?<!\d)(\d{1,2})\s+tháng\s+(" + "|".join(sorted(_MONTH_NAMES, key=len, reverse=True)) + r")(?:\s*,|\s+năm)?\s+(\d{4})(?!\d)",
    re.IGNORECASE,
)
_TIME = re.compile(r"(?<![\d/.:-])(\d{1,2})\s*(?::|h|g)\s*(\d{2})(?::(\d{2}))?(?![\d/.-])")
_GMT = re.compile(r"(?:GMT|UTC)\s*(?:([+-])\s*(\d{1,2})(?::?(\d{2}))?)?", re.IGNORECASE)
_YEARS = range(1990, 2101)


def _offset(sign: str, hours: str, minutes: str | None) -> timezone:
    delta = timedelta(hours=int(hours), minutes=int(minutes or 0))
    return timezone(-delta if sign == "-" else delta)


def _iso_offset(text: str) -> timezone:
    if text == "Z":
        return UTC
    digits = text.replace(":", "")
    return _offset(digits[0], digits[1:3], digits[3:5])


def _build(
    year: int, month: int, day: int, clock: tuple[int, int, int] | None, tz: timezone | None
) -> str | None:
    """ISO text of a valid date (and time), or None when the numbers do not make one."""
    if year not in _YEARS:
        return None
    if month > 12 and day <= 12:  # month-first (American) order in an English meta tag
        month, day = day, month
    try:
        if clock is None:
            return date(year, month, day).isoformat()
        moment = datetime(year, month, day, *clock, tzinfo=tz or VIETNAM)
    except ValueError:
        return None
    return moment.astimezone(VIETNAM).isoformat()


def parse_datetime(text: str | None) -> str | None:
    """An ISO 8601 date or +07:00 datetime read from a page's date text, or None."""
    if not text:
        return None
    text = " ".join(str(text).split())[:200]
    match = _ISO.search(text)
    if match:
        year, month, day = (int(g) for g in match.group(1, 2, 3))
        clock = None
        if match.group(4):
            clock = (int(match.group(4)), int(match.group(5)), int(match.group(6) or 0))
        tz = _iso_offset(match.group(7)) if match.group(7) else None
        return _build(year, month, day, clock, tz)
    match = _DMY.search(text) or _WORDS.search(text)
    named = _NAMED_MONTH.search(text) if match is None else None
    if match:
        day, month, year = (int(g) for g in match.group(1, 2, 3))
    elif named:
        match = named
        day, month, year = int(named.group(1)), _MONTH_NAMES[named.group(2).lower()], int(named.group(3))
    else:
        match = _DMY_SHORT.search(text)
        if not match:
            return None
        groups = match.group(1, 2, 3) if match.group(1) else match.group(4, 5, 6)
        day, month, year = (int(g) for g in groups)
        year += 2000
    rest = text[: match.start()] + " " + text[match.end():]
    clock = None
    time_match = _TIME.search(rest)
    if time_match:
        hour, minute = int(time_match.group(1)), int(time_match.group(2))
        second = int(time_match.group(3) or 0)
        after = rest[time_match.end():]
        if hour < 12 and _AFTERNOON.match(after):
            hour += 12
        elif hour == 12 and _MORNING.match(after):
            hour = 0
        if hour < 24 and minute < 60 and second < 60:
            clock = (hour, minute, second)
    tz = None
    gmt = _GMT.search(rest)
    if gmt and gmt.group(1):
        tz = _offset(gmt.group(1), gmt.group(2), gmt.group(3))
    elif gmt:
        tz = UTC
    return _build(year, month, day, clock, tz)
