"""Statistics: numbers with their unit, kind, qualifier, subject, target flag and period.

One compiled regex finds every candidate number in the text (digits in Vietnamese notation,
ranges, ratios, magnitude words, units; numbers written in words); each candidate is then read in
its small left and right context, so the cost is per number, never per token of the article.
Numbers are read by `numbers`; the vocabularies (`lexicons/stat_*.tsv`) are compiled by
`statistics_lexicon`; subject, target and period come from `statistics_context`.

Conventions (the contract leaves these open; tests/test_extract_statistics.py pins them):
- A change is signed: "tăng 8,7%" -> 8.7, "giảm 120 ca" -> -120, "giảm từ 5-10%" -> low -10,
  high -5 (the corpus convention); multiples stay positive factors ("gấp 1,5 lần").
- A range has `low`/`high` and no value; "từ" before a range only opens it ("từ 15-20%").
- "từ X" alone and "X trở lên" are gte, except after a verb of origin ("đến từ 42 đơn vị") and in a
  move "từ 10% lên 15%" (two plain numbers).
- "ước/ước tính/ước đạt" report an estimate as the figure: no qualifier.
- Vague quantities ("hàng chục hộ", "hàng trăm người", "vài chục") are skipped: they give no figure.
- A number in words is a count before a noun ("hai người", "ba nhóm đối tượng"), not before the
  words of lexicons/stat_not_counted.tsv ("hai bên"); "một" alone is an article; "năm" counts only
  before a counted noun ("năm người", never "năm nay").
- Counted nouns that are units (người, hộ, ca, vụ, trường hợp, ...) are the `unit` and also start
  the `subject` ("37 ca nghi mắc sởi" -> unit ca, subject "ca nghi mắc sởi"); other counted nouns
  leave the unit null and are the subject ("63 tổ chức cơ sở đảng").
- Two neighbouring numbers sharing a unit are a range ("2, 3 người" -> 2..3, "20, 30 ngày"); an
  upper bound keeps its own qualifier inside the range ("từ 5 km/h đến dưới 10 km/h" -> 5..10).
- A magnitude word makes a figure even with nothing counted after it ("đòi 300 triệu"), money
  after a money word (lexicons/stat_money_cues.tsv: "rao bán 2 tỷ"). "3 trong số 5 người" counts
  the part in the unit of the whole. A unit may be written before its number ("ở tuổi 65",
  lexicons/stat_units_before.tsv). "½" reads as the ratio "1/2" does (value 1, total 2).
- Labels: after a label word (lexicons/stat_identifiers.tsv) a unit makes a figure again
  ("nhà 5 tầng", "mua nhà 10 năm"), except a time unit after a calendar word or ordinal ("ngày 4
  tháng 1", "thứ 2 tuần sau") or a capitalised one ("đường 30 Tháng 4"); a number continuing a
  list of labels is a label ("Điều 51, 52", "Sông Đà 9, 10"); so is a house number after a
  residence word ("trú tại 25 ấp Phước Lợi") and a label's new number ("lô số 17 (nay là 21)").
- Numbers in words after "cả" ("cả hai": both) or before a demonstrative ("ba người này") point
  back to things already named: no figure.
- `subject`: after a linking or change verb ("GRDP tăng 8,7%", "Kim ngạch xuất khẩu đạt ...") the
  noun phrase before the verb; otherwise the phrase after the number and unit, up to punctuation
  or a stop word (lexicons/stat_subject_stops.tsv); otherwise a short noun phrase right before.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal

from spacy.language import Language
from spacy.tokens import Doc

from vnextract.pipeline.extract.numbers import NOT_FIRST_WORDS, VULGAR_FRACTIONS, read_number, read_number_words
from vnextract.pipeline.extract.statistics_context import (
    AFTER_WORDS,
    SENTENCE_OPENER,
    Context,
    DateMention,
    Interval,
    IntervalSet,
    is_target,
    period_dates,
    period_of,
    report_year_of,
    subject_after,
    subject_before,
    target_cues,
)
from vnextract.pipeline.extract.statistics_lexicon import SPACE, FoundUnit, norm, statistics_lexicon
from vnextract.pipeline.extract.values import (
    doc_text,
    DATES,
    DOCUMENTS,
    SENTENCES,
    STATISTICS,
    StatisticValue,
    char_span,
)

LOGGER = logging.getLogger(__name__)

LABEL = "STAT"

_S = SPACE

# Numbers that are not figures, found once per text: phone numbers and clock times.
_PHONE = re.compile(
    r"(?<![\w.,])(?:\+84|0)\d{2,3}(?:[ .\-]?\d{3,4}){2}(?!\w)"
    r"|(?<![\w.,])0\d{3}(?:[ .]\d{2,4}){2,3}(?!\w)"
    r"|(?<![\w.,])1[89]00[ .]?\d{3,4}(?:[ .]?\d{2,4})?(?!\w)"
)
_CLOCK = re.compile(r"(?<![\w.,])\d{1,2}(?:[ ]?(?:giờ|g|h)[ ]?\d{1,2}(?:[ ]?phút)?|:\d{2})(?!\w)", re.I)
# Context tests around one number (all anchored: they look at a few words only).
_PERIOD_PHRASE = re.compile(rf"{_S}+(?:(?:đầu|cuối){_S}+)?năm(?!\w)", re.I)  # "9 tháng năm 2024"
_PREVIOUS_WORD = re.compile(rf"(?P<w>[^\W\d_]\w*){_S}*$")
_NEXT_TWO_WORDS = re.compile(rf"{_S}+([^\W\d_]\w*){_S}+([^\W\d_]\w*)")
_PARAGRAPH = re.compile(r"[^\n]+")
_WORD = re.compile(r"\S+")
_DIGIT_NEXT = re.compile(rf"{_S}+\d")
_PART_OF_NEXT = re.compile(rf"{_S}+(?:trong|trên)(?:{_S}+tổng)?{_S}+số{_S}+\d", re.I)
_METRES_AND_CENTIMETRES = re.compile(r"m(?P<cm>\d{2})(?![\w.,])")
# "2, 3 người": two neighbouring numbers sharing one unit are a range ("two or three people")
_COMMA_NEXT = re.compile(rf",{_S}+(?=\d)")
# "các khoản 1, 2, 3", "Điều 675, 676": a number continuing an enumeration of labels
_ENUMERATION_BEFORE = re.compile(rf"(?<![\w.,/])\d+[^\W\d_]?(?:{_S}*,|{_S}+(?:và|hoặc|đến)){_S}+$", re.I)
# "cả hai lần", "cả ba người": "both", "all three" refer to things already named
# "hai người này", "ba bản án đó": a number in words before a demonstrative points back, it counts nothing


def _as_float(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


@dataclass
class _Reading:
    """One candidate number as read so far."""

    start: int
    end: int
    value: Decimal | None = None
    low: Decimal | None = None
    high: Decimal | None = None
    total: Decimal | None = None
    unit_surface: str | None = None
    unit_start: int = -1
    words: bool = False
    multiple: bool = False
    scaled: bool = False  # a magnitude word follows ("400 triệu"): a figure even with nothing counted
    unit_before: bool = False  # the unit is written before the number ("tuổi 40")


def _identifier_before(ctx: Context, start: int, window_start: int) -> str | None:
    """The action of a label word right before the number: "số 12", "Điều 260", "ngày 4" (None: no label)."""
    m = ctx.lex.identifier.search(ctx.text, window_start, start)
    action = ctx.lex.identifier_action.get(norm(m.group("id"))) if m else None
    return action if action in ("block", "name", "calendar", "address") else None


def _enumerated_label(ctx: Context, start: int, window_start: int) -> bool:
    """A number later in a list whose first number is a label: "khoản 1, 2", "Ba Đình 1, 2, 3"."""
    head = start
    while m := _ENUMERATION_BEFORE.search(ctx.text, window_start, head):
        head = m.start()
    if head == start:
        return False
    return bool(
        _identifier_before(ctx, head, window_start)
        or _name_before(ctx, head, window_start)
        or ctx.blocked.overlaps(head, head + 1)
    )


def _name_before(ctx: Context, start: int, window_start: int) -> bool:
    """A capitalised word inside a sentence right before: "Quận 1", "SEA Games 33", "Thủ Thiêm 4"."""
    m = _PREVIOUS_WORD.search(ctx.text, window_start, start)
    if not m or not m.group("w")[0].isupper():
        return False
    return not SENTENCE_OPENER.search(ctx.text, max(0, m.start() - 3), m.start())


def _name_after(text: str, end: int) -> bool:
    """Two capitalised words follow: a person's or place's name, so the number was a label."""
    m = _NEXT_TWO_WORDS.match(text, end)
    return bool(m) and m.group(1)[0].isupper() and m.group(2)[0].isupper() and not m.group(1).isupper()



def _read_digits(m: re.Match[str], ctx: Context, window_start: int) -> _Reading | None:
    """Digits, with magnitude, unit, range or ratio; None for codes, years, scores, list marks."""
    text, lex = ctx.text, ctx.lex
    start, end = m.span()
    unit_surface = m.group("u2") or m.group("u1")
    scaled = bool(unit_surface or m.group("m1") or m.group("m2"))
    n1 = read_number(m.group("n1"), scaled)
    if n1 is None:
        return None
    metres = None if scaled or n1 >= 10 else _METRES_AND_CENTIMETRES.match(text, end)
    if metres:  # "cao 1m65": metres and centimetres
        n1 += Decimal(metres.group("cm")) / 100
        end, unit_surface = metres.end(), "m"
    if not unit_surface and (m.group("m1") or m.group("m2")):
        per = lex.per_after.match(text, end)
        if per:  # "lương 7 triệu/tháng": an amount per period, its currency left out
            end = per.end()
    # glued to letters or to more digits: a code, plate, clock time or version ("51A-123.45")
    if end < len(text):
        nxt = text[end]
        if nxt.isalnum() or nxt == "_" or (nxt in ".,/:+-–" and end + 1 < len(text) and text[end + 1].isalnum()):
            return None
    reading = _Reading(start, end, unit_surface=unit_surface, scaled=bool(m.group("m1") or m.group("m2")))
    if metres:
        reading.unit_start = metres.start()
    if not unit_surface and not scaled and not m.group("tot") and not m.group("n2"):
        comma_range = None if _identifier_before(ctx, start, window_start) else _comma_range(m, ctx, n1)
        if comma_range is not None:
            return comma_range
    if unit_surface and not metres:
        reading.unit_start = m.start("u2") if m.group("u2") else m.start("u1")
    mag1 = lex.magnitudes.get(norm(m.group("m1") or ""))
    mag2 = lex.magnitudes.get(norm(m.group("m2") or ""))
    if m.group("tot"):
        total = read_number(m.group("tot"))
        if total is None or total == 0 or n1 > total or m.group("n2"):
            return None  # "15/5" is a date, "24/7" a slogan
        reading.value, reading.total = n1, total
    elif m.group("n2"):
        n2 = read_number(m.group("n2"), scaled)
        if n2 is None:
            return None
        low = n1 * (mag1 or (mag2 if n1 <= n2 else None) or 1)
        high = n2 * (mag2 or mag1 or 1)
        if low >= high:
            return None  # a score ("3-1"), a date or a code, not a range
        if not unit_surface and (
            lex.score_cue.search(text, window_start, start) or (_is_year(m.group("n1")) and _is_year(m.group("n2")))
        ):
            return None
        reading.low, reading.high = low, high
    else:
        reading.value = n1 * (mag1 or 1)
        if m.group("n1b"):
            reading.value += (read_number(m.group("n1b")) or 0) * lex.magnitudes[norm(m.group("m1b"))]
        if not unit_surface and not mag1 and _is_year(m.group("n1")):
            return None
    return reading


def _comma_range(m: re.Match[str], ctx: Context, n1: Decimal) -> _Reading | None:
    """"2, 3 người", "20, 30 ngày": neighbouring numbers with one unit, a range; None otherwise."""
    comma = _COMMA_NEXT.match(ctx.text, m.end())
    if not comma or not 0 < n1 < 100 or n1 != n1.to_integral_value():
        return None
    second = ctx.lex.master.match(ctx.text, comma.end())
    if not second or not second.group("n1") or second.group("tot") or second.group("n2") or second.group("m1"):
        return None
    n2 = read_number(second.group("n1"))
    if n2 is None or not (n2 == n1 + 1 or (n1 % 10 == 0 and n2 == n1 + 10)):
        return None
    if second.group("u1"):
        return _Reading(m.start(), second.end(), low=n1, high=n2, unit_surface=second.group("u1"),
                        unit_start=second.start("u1"))
    if ctx.lex.counted.match(ctx.text, second.end()):
        return _Reading(m.start(), second.end(), low=n1, high=n2)
    return None


def _read_words(m: re.Match[str], ctx: Context, start: int) -> _Reading | None:
    """Numbers in words before a noun ("hai người", "ba nhóm đối tượng"); None otherwise."""
    if m.group("hang"):
        return None  # "hàng chục", "vài trăm": vague, no figure
    text, lex = ctx.text, ctx.lex
    base = m.start("w")
    spans = [(base + w.start(), base + w.end()) for w in _WORD.finditer(m.group("w"))]
    first = text[spans[0][0] : spans[0][1]]
    if first.lower() in NOT_FIRST_WORDS or first.lower() not in lex.number_words:
        return None
    if first[0].isupper() and not SENTENCE_OPENER.search(text, max(0, start - 3), start):
        return None  # "ông Sáu", "bà Năm", "Ba Lan": names
    if lex.all_of_before.search(text, max(0, start - 8), start):
        return None  # "cả hai": both, not a figure
    if len(spans) > 1 and text[spans[-1][0] : spans[-1][1]].lower() == "năm" and text[
        spans[-2][0] : spans[-2][1]
    ].lower() in ("mươi", "mười"):
        spans.pop()  # "hai mươi năm" is twenty years: five after "mươi" is written "lăm"
    while spans:
        value = read_number_words([text[s:e] for s, e in spans])
        if value is not None:
            break
        spans.pop()
    if not spans or value is None:
        return None
    end = spans[-1][1]
    words = [text[s:e].lower() for s, e in spans]
    if words == ["một"]:
        return None  # an article: "một người đàn ông"
    reading = _Reading(start, end, value=value, words=True)
    unit_m = lex.word_unit.match(text, end)
    unit = lex.units.get(norm(unit_m.group("u"))) if unit_m else None
    if lex.demonstrative_after.match(text, end):
        return None  # "hai người này": the two already named
    if unit_m and not (words == ["năm"] and unit is not None and unit.kind == "measure"):  # not "năm năm"
        reading.unit_surface, reading.unit_start, reading.end = unit_m.group("u"), unit_m.start("u"), unit_m.end()
        return reading
    if words[-1] == "năm":  # "năm" is also "year": a count only before a counted noun ("năm người")
        return reading if lex.counted.match(text, end) else None
    after = AFTER_WORDS.match(text, end)
    if not after or lex.not_counted.match(text, end) or not after.group().strip()[0].islower():
        return None
    return reading


def _candidate(m: re.Match[str], ctx: Context) -> tuple[int, int, StatisticValue] | None:
    """Read one regex match in its context; None when it is not a statistic."""
    text, lex = ctx.text, ctx.lex
    start = m.start()
    if ctx.blocked.overlaps(start, m.end()):
        return None
    line_start = text.rfind("\n", 0, start) + 1
    window_start = max(line_start, start - 60)

    if m.group("gx"):
        reading = _Reading(start, m.end(), value=Decimal(2) if m.group("gx").lower() == "đôi" else Decimal("1.5"),
                           unit_surface="lần", multiple=True)
    elif m.group("vf"):
        numerator, denominator = VULGAR_FRACTIONS[m.group("vf")]
        reading = _Reading(start, m.end(), value=Decimal(numerator), total=Decimal(denominator))
    elif m.group("w"):
        reading = _read_words(m, ctx, start)
    else:
        reading = _read_digits(m, ctx, window_start)
    if reading is None:
        return None
    pre_qualified = False
    if not reading.unit_surface and not reading.words and not reading.multiple and reading.total is None:
        pre = lex.unit_before.search(text, window_start, start)
        if pre:  # "ở tuổi 40": the unit comes first
            reading.unit_surface = lex.units_before[norm(pre.group("pre"))]
            reading.unit_start, reading.unit_before = pre.start("pre"), True
            pre_qualified = bool(pre.group("q"))
    end = reading.end
    found = lex.unit(reading.unit_surface)
    unit_info = lex.units.get(norm(reading.unit_surface or ""))
    if unit_info and unit_info.at_end and not found.compound:
        nxt = AFTER_WORDS.match(text, end)
        if (nxt and not lex.stops.match(nxt.group().strip())) or _DIGIT_NEXT.match(text, end):
            # "14 điểm đen tai nạn": the word is what is counted, not a unit
            end = reading.end = len(text[: reading.unit_start].rstrip())
            reading.unit_surface = None
            found = lex.unit(None)

    if (
        (found.canonical or "") in lex.time_units
        and not found.compound
        and _DIGIT_NEXT.match(text, end)
        and not lex.compound_duration.match(text, end)  # "7 năm 6 tháng tù" is a duration
    ):
        end = reading.end = len(text[: reading.unit_start].rstrip())  # "32 năm 2023": a date follows
        reading.unit_surface = None
        found = lex.unit(None)
    if (
        found.kind == "count"
        and reading.value is not None
        and reading.value != reading.value.to_integral_value()
        and re.fullmatch(r"[1-9]\d{0,2},\d{3}", m.group("n1") or "")
    ):
        reading.value *= 1000  # "2,250 người": people are whole, so the comma groups thousands
    label = _identifier_before(ctx, start, window_start)
    if label == "address":
        place = lex.address_place.match(text, end) if found.kind is None and not reading.words else None
        if place and (place.group("name").isupper() or place.group("name").isdigit()):
            return None  # "trú tại 25 ấp Phước Lợi", "ngụ 8 tổ 3": a house number
        label = None
    if label and (
        reading.words
        or (found.kind is None and not (reading.scaled and label == "block"))  # "dân số 96 triệu"
        or (
            (found.canonical or "") in lex.time_units
            and (label == "calendar" or not (reading.unit_surface or "").islower())
        )
    ):
        return None  # "lớp 12", "ngày 4 tháng 1"; a unit lifts the label: "nền đường 17 m", "nhà 12 năm"
    if not reading.words and found.kind is None and _enumerated_label(ctx, start, window_start):
        return None  # "Điều 3, 4", "khoản 1, 2 và 3"
    if label == "name":
        return None  # "nội dung 400 m rào" is an event, not a distance
    # "tuổi 40": qualifiers are read before the unit; "tuổi từ 18 đến 25": between unit and number
    anchor = reading.unit_start if reading.unit_before and not pre_qualified else start
    left = lex.left.search(text, window_start, anchor)
    has_left = bool(left and left.group())
    bare = (
        not reading.unit_surface
        and not reading.scaled
        and reading.total is None
        and reading.low is None
        and not reading.words
    )
    if bare and lex.renamed_cue.search(text, window_start, start) and lex.renamed.search(text, window_start, start):
        return None  # "thửa đất số 53 (nay là 44)": a label's new number
    if bare and not reading.multiple and not lex.counted.match(text, end) and _name_before(ctx, start, window_start):
        return None
    if bare and _is_list_mark(text, start, end, line_start):
        return None
    if bare and _name_after(text, end):
        return None  # "Ban Quản lý dự án 7 Phạm Hữu Sơn"

    # times of day and calendar periods are not figures
    if found.canonical in lex.calendar_periods and _PERIOD_PHRASE.match(text, end):
        return None
    if norm(reading.unit_surface or "") == "giờ":  # "3 tiếng" is always a duration
        hours = reading.value if reading.value is not None else reading.high
        beyond_clock = hours is not None and (hours >= 24 or hours != hours.to_integral_value())
        if lex.clock_after.match(text, end) or not (
            beyond_clock  # "theo dõi 48 giờ", "1,5 giờ": no clock reads so
            or lex.duration_before.search(text, window_start, start)
            or lex.duration_after.match(text, end)
        ):
            return None

    verb_role = None
    decrease = False
    qualifier: str | None = None
    span_start = reading.unit_start if reading.unit_before else start
    moving = bool(lex.move.match(text, end))
    if has_left:
        verb = norm(left.group("verb") or "")
        verb_role = lex.verbs.get(verb) if verb else None
        if verb_role == "change_down" or (
            verb_role == "comparative_change" and lex.comparative_qualifier.get(verb) == "lt"
        ):
            decrease = True
            verb_role = "change" if verb_role == "change_down" else verb_role
        changing = verb_role in ("change", "multiple", "comparative_change")
        if changing:
            span_start = left.start("verb")
        for name in ("q0", "q"):
            word = norm(left.group(name) or "")
            if not word:
                continue
            if name == "q" or not verb or changing:
                span_start = min(span_start, left.start(name))
            if word == "từ" and (
                reading.low is not None or moving or lex.source_before.search(text, window_start, start)
            ):
                continue  # "từ 15-20%" opens a range, "từ 10% lên 15%" is a move, "đến từ 42 đơn vị"
            if word == "vượt" and lex.comparison.match(text, end):
                verb_role = "change"  # "vượt 15% so với kế hoạch": exceeded by 15%
                continue
            if lex.qualifiers[word] != "-":
                qualifier = lex.qualifiers[word]
        if (left.group("to") or moving) and verb_role == "change":
            verb_role = "link"  # "giảm còn 2,1%", "tăng lên 20%": the new level
        if verb_role in ("comparative", "comparative_change"):
            if lex.comparison.match(text, end):
                qualifier = None if left.group("q") is None else qualifier  # "sớm hơn 3 tháng so với"
            else:  # "chiều dài hơn 17 km", "thấp hơn 20 tỷ": "more than", "less than"
                qualifier = qualifier or lex.comparative_qualifier.get(verb, "gt")
                verb_role = None
    post = lex.after_qualifier.match(text, end)
    if post:
        qualifier = "gte" if norm(post.group("post")) == "trở lên" else "lte"
        end = post.end()

    integral = reading.value is not None and reading.value == reading.value.to_integral_value()
    part = _PART_OF_NEXT.match(text, end) if bare and integral else None
    if part:  # "3 trong số 5 người": a part of the figure that follows, counted in its unit
        whole = lex.master.match(text, part.end() - 1)
        if whole and whole.group("u1"):
            found = lex.unit(whole.group("u1"))
    only_from = has_left and not left.group("verb") and norm(left.group("q") or "") == "từ" and not moving
    if (
        (bare and integral and not post and not part and (not has_left or only_from))
        or (_date_like(reading) and not m.group("vf") and not (left and left.group("verb")))
        or (reading.low is not None and not reading.unit_surface)
    ):
        if subject_after(ctx, end)[0] is None:
            # nothing counted: a label ("dự án 7", "115"), a date ("từ 1/3", "từ 30 đến hết mồng 5"),
            # a numbering ("1-2")
            return None

    kind, unit = _kind(reading, found, verb_role)
    if (
        kind == "ratio"
        and reading.value == reading.total
        and reading.total in lex.round_the_clock
        and (found.canonical in lex.time_units or (found.kind is None and subject_after(ctx, end)[0] is None))
    ):
        return None  # "trực 24/24", "mở cửa 7/7 ngày": round the clock, not a ratio
    if kind == "count" and reading.scaled and found.kind is None and _spoken_money(ctx, start, end):
        kind = "money"  # "rao bán 2 tỷ", "lương khoảng 5 triệu mỗi tháng": the currency goes unsaid
    if kind == "change" and decrease:
        if reading.value is not None:
            reading.value = -reading.value
        if reading.low is not None and reading.high is not None:
            reading.low, reading.high = -reading.high, -reading.low
    count_unit = found.kind == "count" and not found.compound and kind != "multiple" and reading.unit_start >= 0
    after, after_end, after_qualifier = subject_after(ctx, reading.unit_start if count_unit else end)
    if count_unit and after is None:
        after = text[reading.unit_start : reading.end].strip()
    if after_qualifier and qualifier is None:
        qualifier = after_qualifier
    subject = None
    if verb_role in ("link", "change", "multiple", "comparative_change") and left is not None and left.group("verb"):
        subject = subject_before(ctx, left.start("q0") if left.group("q0") else left.start("verb"))
    subject = subject or after
    if subject is None and not reading.unit_before:  # "ở tuổi 40 rồi": no subject before the unit
        subject = subject_before(ctx, span_start, short=True)
    if kind in ("count", "ratio") and unit is None and after:
        end = max(end, after_end)  # "63 tổ chức cơ sở đảng": the counted noun is part of the figure

    stat = StatisticValue(
        kind=kind,
        value=_as_float(reading.value),
        low=_as_float(reading.low),
        high=_as_float(reading.high),
        total=_as_float(reading.total),
        unit=unit,
        subject=subject,
        qualifier=qualifier,
        target=is_target(ctx, start),
        period=period_of(ctx, start),
    )
    return span_start, end, stat


def _kind(reading: _Reading, found: FoundUnit, verb_role: str | None) -> tuple[str, str | None]:
    """The contract's kind, and the unit to report."""
    unit = found.canonical
    if reading.total is not None:
        return "ratio", unit
    if reading.multiple or verb_role == "multiple" or (verb_role == "change" and unit == "lần"):
        return "multiple", "lần"
    if verb_role in ("change", "comparative_change"):
        return "change", unit
    if found.kind in ("percent", "money"):
        return found.kind, unit
    if found.kind == "count":
        return ("measure" if found.compound else "count"), unit
    if found.kind == "measure":
        return "measure", unit
    value = reading.value if reading.value is not None else reading.low
    if value is not None and value != value.to_integral_value():
        return "measure", unit  # "điểm trung bình là 6,85": not a count of anything
    return "count", unit


def _spoken_money(ctx: Context, start: int, end: int) -> bool:
    """A money word shortly before an amount with nothing counted after it ("trị giá 800 triệu")."""
    after = AFTER_WORDS.match(ctx.text, end)
    if after and not ctx.lex.per_period.match(after.group()) and not ctx.lex.stops.match(after.group().strip()):
        return False  # "thu hút 2 triệu khách": something is counted
    lo = max(ctx.sentence(start)[0], start - 50)
    return bool(ctx.lex.money_cue.search(ctx.text, lo, start))


def _date_like(reading: _Reading) -> bool:
    """A ratio that could be a day/month ("1/3")."""
    return reading.total is not None and reading.total <= 12 and (reading.value or 0) <= 31


def _is_year(raw: str) -> bool:
    return len(raw) == 4 and raw.isdigit() and 1900 <= int(raw) <= 2100


def _is_list_mark(text: str, start: int, end: int, line_start: int) -> bool:
    """"1." or "2)" opening a list item, "(1)" as a reference mark."""
    if not text[line_start:start].strip() and end < len(text) and text[end] in ".)":
        return True
    return start > 0 and text[start - 1] == "(" and end < len(text) and text[end] == ")"



def find_statistics(
    text: str,
    *,
    sentences: Sequence[Interval] | None = None,
    dates: Sequence[DateMention] | None = None,
    excluded: Iterable[Interval] = (),
    published: str | None = None,
) -> list[tuple[int, int, StatisticValue]]:
    """Every statistic of `text` as (start, end, value), in text order.

    `sentences` are (start, end) offsets (paragraphs when None); `dates` the date mentions of the
    dates extractor (a year-only fallback when None); `excluded` the spans whose numbers are not
    statistics (dates, document references); `published` the ISO publication date.
    """
    lex = statistics_lexicon()
    excluded = list(excluded)
    paragraphs = [(m.start(), m.end()) for m in _PARAGRAPH.finditer(text)]
    sentence_list = sorted(sentences) if sentences else paragraphs
    phones_and_clocks = [(m.start(), m.end()) for p in (_PHONE, _CLOCK) for m in p.finditer(text)]
    usable_dates = period_dates(text, dates, excluded)
    cues, blocked_cues = target_cues(text, lex, IntervalSet(excluded))
    ctx = Context(
        text=text,
        lex=lex,
        blocked=IntervalSet(excluded + phones_and_clocks),
        sentences=sentence_list,
        sentence_starts=[s for s, _ in sentence_list],
        paragraphs=paragraphs,
        paragraph_starts=[s for s, _ in paragraphs],
        dates=usable_dates,
        date_starts=[d[0] for d in usable_dates],
        cues=cues,
        blocked_cues=blocked_cues,
        report_year=report_year_of(text, paragraphs, published),
    )
    found: list[tuple[int, int, StatisticValue]] = []
    for m in lex.master.finditer(text):
        if found and m.start() < found[-1][1]:
            continue  # already read as part of the figure before ("2, 3 người")
        stat = _candidate(m, ctx)
        if stat is None:
            continue
        start, end, value = stat
        if value.subject is None and value.kind in ("change", "multiple") and found:
            # "... đạt 12,5 tỷ USD, tăng 15,2%": the change is of the figure just before
            previous_start, _end, previous = found[-1]
            if ctx.sentence(previous_start) == ctx.sentence(start) and previous.subject:
                value = replace(value, subject=previous.subject)
        found.append((start, end, value))
    return found


@Language.component("vnx_statistics")
def statistics_component(doc: Doc) -> Doc:
    """Set doc.spans["statistics"] (label STAT), each span with Span._.statistic."""
    date_spans = list(doc.spans[DATES]) if DATES in doc.spans else None
    document_spans = list(doc.spans[DOCUMENTS]) if DOCUMENTS in doc.spans else []
    sentences = [(s.start_char, s.end_char) for s in doc.spans[SENTENCES]] if SENTENCES in doc.spans else None
    excluded = [(s.start_char, s.end_char) for s in (date_spans or []) + document_spans]
    dates = None
    if date_spans is not None:
        dates = [(s.start_char, s.end_char, s._.date) for s in date_spans if s._.date is not None]
    spans = []
    for start, end, value in find_statistics(
        doc_text(doc), sentences=sentences, dates=dates, excluded=excluded, published=doc._.published
    ):
        span = char_span(doc, start, end, LABEL)
        if span is not None:
            span._.statistic = value
            spans.append(span)
    doc.spans[STATISTICS] = spans
    return doc
