"""The ordered rules that decide whether a number read in its context is a figure, and what kind.

Each rule does one job and returns a verdict on an immutable `Reading`: None rejects the number, the
same reading keeps going, a changed reading (`Reading._replace`) carries what the rule learnt
to the rules after it. `decide` applies `RULES` in order; the first rejection wins. The order
matters: units are settled first, then labels and times of day are rejected, then the words on the
left (verb, qualifier) and right ("trở lên", "trong số") are read, then the kind is set. The word
lists the rules use are tables in `lexicons/stat_*.tsv` (`statistics_lexicon`).
"""

from __future__ import annotations

from collections.abc import Callable

from vnextract.pipeline.extract.pattern_cache import compile_pattern
from vnextract.pipeline.extract.statistics_context import (
    AFTER_WORDS,
    SENTENCE_OPENER,
    Context,
    subject_after,
)
from vnextract.pipeline.extract.statistics_lexicon import SPACE, norm
from vnextract.pipeline.extract.statistics_reading import Reading, identifier_before

_S = SPACE
_PREVIOUS_WORD = compile_pattern(rf"(?P<w>[^\W\d_]\w*){_S}*$")
_NEXT_TWO_WORDS = compile_pattern(rf"{_S}+([^\W\d_]\w*){_S}+([^\W\d_]\w*)")
_DIGIT_NEXT = compile_pattern(rf"{_S}+\d")
_THOUSANDS_COMMA = compile_pattern(r"[1-9]\d{0,2},\d{3}")
_CHANGING = ("change", "multiple", "comparative_change")

Rule = Callable[[Reading, Context], "Reading | None"]


def decide(reading: Reading, ctx: Context) -> Reading | None:
    """The reading after every rule of `RULES`, in order; None as soon as one rejects it."""
    for rule in RULES:
        verdict = rule(reading, ctx)
        if verdict is None:
            return None
        reading = verdict
    return reading


def _without_unit(reading: Reading, ctx: Context) -> Reading:
    """The reading with its unit dropped and the figure ended before where the unit was."""
    end = len(ctx.text[: reading.unit_start].rstrip())
    return reading._replace(end=end, span_end=end, unit_surface=None, found=ctx.lex.unit(None))


# --- units ------------------------------------------------------------------------------------


def unit_written_before(r: Reading, ctx: Context) -> Reading:
    """A unit word before a plain number is its unit: "ở tuổi 40", "độ tuổi từ 18 đến 25"."""
    if r.unit_surface or r.words or r.multiple or r.total is not None:
        return r
    pre = ctx.lex.unit_before.search(ctx.text, r.window_start, r.start)
    if not pre:
        return r
    surface = ctx.lex.units_before[norm(pre.group("pre"))]
    return r._replace(
        unit_surface=surface,
        unit_start=pre.start("pre"),
        span_start=pre.start("pre"),  # the figure's text starts at its unit
        unit_before=True,
        unit_qualified=bool(pre.group("q")),
        found=ctx.lex.unit(surface),
    )


def noun_not_unit(r: Reading, ctx: Context) -> Reading:
    """An end-only unit followed by a noun is what is counted: "14 điểm đen tai nạn" (vs "27 điểm")."""
    info = ctx.lex.units.get(norm(r.unit_surface or ""))
    if not info or not info.at_end or r.found.compound:
        return r
    nxt = AFTER_WORDS.match(ctx.text, r.end)
    if (nxt and not ctx.lex.stops.match(nxt.group().strip())) or _DIGIT_NEXT.match(ctx.text, r.end):
        return _without_unit(r, ctx)
    return r


def time_unit_before_number(r: Reading, ctx: Context) -> Reading:
    """A time unit followed by a number starts a date, not a duration: "32 năm 2023" (but "7 năm 6 tháng")."""
    if (
        (r.found.canonical or "") in ctx.lex.time_units
        and not r.found.compound
        and _DIGIT_NEXT.match(ctx.text, r.end)
        and not ctx.lex.compound_duration.match(ctx.text, r.end)
    ):
        return _without_unit(r, ctx)
    return r


def thousands_comma_in_count(r: Reading, ctx: Context) -> Reading:
    """People are whole, so a comma before three digits groups thousands: "2,250 người" is 2250."""
    if (
        r.found.kind == "count"
        and r.value is not None
        and r.value != r.value.to_integral_value()
        and _THOUSANDS_COMMA.fullmatch(r.digits)
    ):
        return r._replace(value=r.value * 1000)
    return r


# --- labels -----------------------------------------------------------------------------------


def house_number(r: Reading, ctx: Context) -> Reading | None:
    """A house number after a residence word is not a figure: "trú tại 25 ấp Phước Lợi", "ngụ 8 tổ 3"."""
    if r.label != "address":
        return r
    place = ctx.lex.address_place.match(ctx.text, r.span_end) if r.found.kind is None and not r.words else None
    if place and (place.group("name").isupper() or place.group("name").isdigit()):
        return None
    return r._replace(label=None)


def label_number(r: Reading, ctx: Context) -> Reading | None:
    """A number after a label word names something: "lớp 12", "ngày 4 tháng 1" (a unit lifts it: "nhà 12 năm")."""
    if not r.label:
        return r
    time_unit = (r.found.canonical or "") in ctx.lex.time_units
    if (
        r.words
        or (r.found.kind is None and not (r.scaled and r.label == "block"))  # "dân số 96 triệu" stays
        or (time_unit and (r.label == "calendar" or not (r.unit_surface or "").islower()))
    ):
        return None
    return r


def enumerated_label(r: Reading, ctx: Context) -> Reading | None:
    """A number continuing a list whose first number is a label is one too: "Điều 3, 4", "khoản 1, 2 và 3"."""
    if r.words or r.found.kind is not None:
        return r
    head = r.start
    while m := ctx.lex.enumeration_before.search(ctx.text, r.window_start, head):
        head = m.start()
    if head == r.start:
        return r
    if (
        identifier_before(ctx, head, r.window_start)
        or _name_before(ctx, head, r.window_start)
        or ctx.blocked.overlaps(head, head + 1)
    ):
        return None
    return r


def event_name(r: Reading, ctx: Context) -> Reading | None:
    """A number after a word that names events is part of the name: "nội dung 400 m rào"."""
    return None if r.label == "name" else r


def renamed_label(r: Reading, ctx: Context) -> Reading | None:
    """A label's new or old number is no figure: "thửa đất số 53 (nay là 44)"."""
    if (
        r.bare
        and ctx.lex.renamed_cue.search(ctx.text, r.window_start, r.start)
        and ctx.lex.renamed.search(ctx.text, r.window_start, r.start)
    ):
        return None
    return r


def capitalised_name_before(r: Reading, ctx: Context) -> Reading | None:
    """A plain number after a capitalised word ends a name: "SEA Games 33", "Thủ Thiêm 4"."""
    if (
        r.bare
        and not r.multiple
        and not ctx.lex.counted.match(ctx.text, r.span_end)
        and _name_before(ctx, r.start, r.window_start)
    ):
        return None
    return r


def list_mark(r: Reading, ctx: Context) -> Reading | None:
    """A plain number opening a list item or in brackets is a mark: "1. Tổng kết", "(2)"."""
    text, start, end = ctx.text, r.start, r.span_end
    if not r.bare:
        return r
    if not text[r.line_start : start].strip() and end < len(text) and text[end] in ".)":
        return None
    if start > 0 and text[start - 1] == "(" and end < len(text) and text[end] == ")":
        return None
    return r


def name_after(r: Reading, ctx: Context) -> Reading | None:
    """A plain number before two capitalised words is a label: "Ban Quản lý dự án 7 Phạm Hữu Sơn"."""
    if not r.bare:
        return r
    m = _NEXT_TWO_WORDS.match(ctx.text, r.span_end)
    if m and m.group(1)[0].isupper() and m.group(2)[0].isupper() and not m.group(1).isupper():
        return None
    return r


# --- times ------------------------------------------------------------------------------------


def calendar_period(r: Reading, ctx: Context) -> Reading | None:
    """Months or quarters before "năm" name a period, not a figure: "9 tháng năm 2024"."""
    if r.found.canonical in ctx.lex.calendar_periods and ctx.lex.year_after.match(ctx.text, r.span_end):
        return None
    return r


def time_of_day(r: Reading, ctx: Context) -> Reading | None:
    """An hour that reads as a clock time is not a figure: "lúc 8 giờ sáng" (but "trong 3 giờ", "48 giờ")."""
    if norm(r.unit_surface or "") != "giờ":  # "3 tiếng" is always a duration
        return r
    lex, text, end = ctx.lex, ctx.text, r.span_end
    hours = r.value if r.value is not None else r.high
    beyond_clock = hours is not None and (hours >= 24 or hours != hours.to_integral_value())
    if lex.clock_after.match(text, end) or not (
        beyond_clock  # "theo dõi 48 giờ", "1,5 giờ": no clock reads so
        or lex.duration_before.search(text, r.window_start, r.start)
        or lex.duration_after.match(text, end)
    ):
        return None
    return r


# --- words on the left ------------------------------------------------------------------------


def words_on_the_left(r: Reading, ctx: Context) -> Reading:
    """Reads the verb and qualifiers right before the number ("tăng hơn 10%") and a move after it."""
    # "tuổi 40": qualifiers are read before the unit; "tuổi từ 18 đến 25": between unit and number
    anchor = r.unit_start if r.unit_before and not r.unit_qualified else r.start
    left = ctx.lex.left.search(ctx.text, r.window_start, anchor)
    moving = bool(ctx.lex.move.match(ctx.text, r.span_end))
    if not (left and left.group()):
        return r._replace(moving=True) if moving else r
    return r._replace(left=left, verb=norm(left.group("verb") or ""), moving=moving)


def verb_before(r: Reading, ctx: Context) -> Reading:
    """The verb before the number gives its role: "đạt 5 tỷ" links a level, "tăng 8,7%" is a change."""
    role = ctx.lex.verbs.get(r.verb) if r.verb else None
    return r._replace(verb_role=role) if role else r


def decrease_verb(r: Reading, ctx: Context) -> Reading:
    """A verb of decrease makes a falling change: "giảm 120 ca" (-120), "thấp hơn 5% so với" (-5)."""
    if r.verb_role == "change_down":
        return r._replace(verb_role="change", decrease=True)
    if r.verb_role == "comparative_change" and ctx.lex.comparative_qualifier.get(r.verb) == "lt":
        return r._replace(decrease=True)
    return r


def change_includes_verb(r: Reading, ctx: Context) -> Reading:
    """A change's text starts at its verb: "tăng 8,7%" (a level's does not: "đạt 5 tỷ")."""
    if r.left is not None and r.verb_role in _CHANGING:
        return r._replace(span_start=r.left.start("verb"))
    return r


def qualifier_in_span(r: Reading, ctx: Context) -> Reading:
    """A qualifier is part of the figure's text, a hedge before a level's verb is not: "hơn 10%"."""
    left = r.left
    if left is None:
        return r
    span_start = r.span_start
    for name in ("q0", "q"):
        if left.group(name) and (name == "q" or not r.verb or r.verb_role in _CHANGING):
            span_start = min(span_start, left.start(name))
    return r if span_start == r.span_start else r._replace(span_start=span_start)


def qualifier_before(r: Reading, ctx: Context) -> Reading:
    """A qualifier word gives the number's bound: "hơn 10%" gt, "từ 18" gte ("từ 15-20%" opens a range)."""
    left, lex, text = r.left, ctx.lex, ctx.text
    if left is None:
        return r
    qualifier, verb_role = r.qualifier, r.verb_role
    for name in ("q0", "q"):
        word = norm(left.group(name) or "")
        if not word:
            continue
        if word == "từ" and (
            r.low is not None or r.moving or lex.source_before.search(text, r.window_start, r.start)
        ):
            continue  # "từ 15-20%" opens a range, "từ 10% lên 15%" is a move, "đến từ 42 đơn vị"
        if word == "vượt" and lex.comparison.match(text, r.end):
            verb_role = "change"  # "vượt 15% so với kế hoạch": exceeded by 15%
            continue
        if lex.qualifiers[word] != "-":
            qualifier = lex.qualifiers[word]
    if (qualifier, verb_role) == (r.qualifier, r.verb_role):
        return r
    return r._replace(qualifier=qualifier, verb_role=verb_role)


def change_to_level(r: Reading, ctx: Context) -> Reading:
    """A change to a new level gives the level: "giảm còn 2,1%", "tăng lên 20%", "từ 10% lên 15%"."""
    if r.left is not None and (r.left.group("to") or r.moving) and r.verb_role == "change":
        return r._replace(verb_role="link")
    return r


def comparative_bound(r: Reading, ctx: Context) -> Reading:
    """Without a base a comparative is a bound: "dài hơn 17 km" (gt), not "sớm hơn 3 tháng so với"."""
    if r.verb_role in ("comparative", "comparative_change") and not ctx.lex.comparison.match(ctx.text, r.end):
        qualifier = r.qualifier or ctx.lex.comparative_qualifier.get(r.verb, "gt")
        return r._replace(qualifier=qualifier, verb_role=None)
    return r


# --- words on the right -----------------------------------------------------------------------


def qualifier_after(r: Reading, ctx: Context) -> Reading:
    """"trở lên"/"trở xuống" after the number bound it and join its text: "18 tuổi trở lên" (gte)."""
    post = ctx.lex.after_qualifier.match(ctx.text, r.span_end)
    if not post:
        return r
    qualifier = ctx.lex.qualifiers[norm(post.group("post"))]
    return r._replace(qualifier=qualifier, span_end=post.end(), post_qualified=True)


def part_of_next(r: Reading, ctx: Context) -> Reading:
    """A part of the figure that follows counts in its unit: "3 trong số 5 người"."""
    if not (r.bare and r.integral):
        return r
    part = ctx.lex.part_of_next.match(ctx.text, r.span_end)
    if not part:
        return r
    whole = ctx.lex.master.match(ctx.text, part.end() - 1)
    found = ctx.lex.unit(whole.group("u1")) if whole and whole.group("u1") else r.found
    return r._replace(part_of_next=True, found=found)


def nothing_counted(r: Reading, ctx: Context) -> Reading | None:
    """A plain number, day/month or bare range with nothing counted after it is no figure: "dự án 7", "từ 1/3"."""
    left = r.left
    only_from = left is not None and not left.group("verb") and norm(left.group("q") or "") == "từ" and not r.moving
    suspect = (
        (r.bare and r.integral and not r.post_qualified and not r.part_of_next and (left is None or only_from))
        or (_date_like(r) and not r.fraction_sign and not (left is not None and left.group("verb")))
        or (r.low is not None and not r.unit_surface)
    )
    if suspect and subject_after(ctx, r.span_end)[0] is None:
        return None
    return r


# --- kind -------------------------------------------------------------------------------------


def kind_and_unit(r: Reading, ctx: Context) -> Reading:
    """The contract's kind and the unit to report: "8,7%" percent, "gấp 1,5 lần" multiple, "6,85" measure."""
    found, verb_role = r.found, r.verb_role
    unit = found.canonical
    if r.total is not None:
        kind = "ratio"
    elif r.multiple or verb_role == "multiple" or (verb_role == "change" and unit == "lần"):
        kind, unit = "multiple", "lần"
    elif verb_role in ("change", "comparative_change"):
        kind = "change"
    elif found.kind in ("percent", "money"):
        kind = found.kind
    elif found.kind == "count":
        kind = "measure" if found.compound else "count"
    elif found.kind == "measure":
        kind = "measure"
    else:
        value = r.value if r.value is not None else r.low
        kind = "measure" if value is not None and value != value.to_integral_value() else "count"  # "là 6,85"
    return r if (kind, unit) == (r.kind, r.unit) else r._replace(kind=kind, unit=unit)


def round_the_clock(r: Reading, ctx: Context) -> Reading | None:
    """"24/24", "7/7 ngày" mean round the clock, not a share: "trực 24/24", "mở cửa 7/7 ngày"."""
    if (
        r.kind == "ratio"
        and r.value == r.total
        and r.total in ctx.lex.round_the_clock
        and (
            r.found.canonical in ctx.lex.time_units
            or (r.found.kind is None and subject_after(ctx, r.span_end)[0] is None)
        )
    ):
        return None
    return r


def spoken_money(r: Reading, ctx: Context) -> Reading:
    """An amount after a money word, nothing counted, is money: "rao bán 2 tỷ", "lương 5 triệu mỗi tháng"."""
    if not (r.kind == "count" and r.scaled and r.found.kind is None):
        return r
    text, lex = ctx.text, ctx.lex
    after = AFTER_WORDS.match(text, r.span_end)
    if after and not lex.per_period.match(after.group()) and not lex.stops.match(after.group().strip()):
        return r  # "thu hút 2 triệu khách": something is counted
    lo = max(ctx.sentence(r.start)[0], r.start - 50)
    return r._replace(kind="money") if lex.money_cue.search(text, lo, r.start) else r


def negative_change(r: Reading, ctx: Context) -> Reading:
    """A decrease is negative: "giảm 120 ca" -> -120, "giảm từ 5-10%" -> -10..-5."""
    if not (r.kind == "change" and r.decrease):
        return r
    value = -r.value if r.value is not None else None
    if r.low is not None and r.high is not None:
        return r._replace(value=value, low=-r.high, high=-r.low)
    return r._replace(value=value)


RULES: tuple[Rule, ...] = (
    unit_written_before,
    noun_not_unit,
    time_unit_before_number,
    thousands_comma_in_count,
    house_number,
    label_number,
    enumerated_label,
    event_name,
    renamed_label,
    capitalised_name_before,
    list_mark,
    name_after,
    calendar_period,
    time_of_day,
    words_on_the_left,
    verb_before,
    decrease_verb,
    change_includes_verb,
    qualifier_in_span,
    qualifier_before,
    change_to_level,
    comparative_bound,
    qualifier_after,
    part_of_next,
    nothing_counted,
    kind_and_unit,
    round_the_clock,
    spoken_money,
    negative_change,
)


def _name_before(ctx: Context, start: int, window_start: int) -> bool:
    """A capitalised word inside a sentence right before: "Quận 1", "SEA Games 33", "Thủ Thiêm 4"."""
    m = _PREVIOUS_WORD.search(ctx.text, window_start, start)
    if not m or not m.group("w")[0].isupper():
        return False
    return not SENTENCE_OPENER.search(ctx.text, max(0, m.start() - 3), m.start())


def _date_like(r: Reading) -> bool:
    """A ratio that could be a day/month ("1/3")."""
    return r.total is not None and r.total <= 12 and (r.value or 0) <= 31
