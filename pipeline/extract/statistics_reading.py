"""One candidate number as read from its match: the immutable `Reading` the statistics rules decide on.

`read_candidate` turns one match of the master regex (`statistics_lexicon`) into a `Reading`:
digits with magnitude, unit, range or ratio; a number in words before a noun; "gấp đôi/rưỡi"; a
one-character fraction ("½"). It refuses what is not a number at all (codes, years, scores, names,
vague quantities); whether a number is a figure is for the rules of `statistics_rules` to say.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import NamedTuple

from vnextract.pipeline.extract.numbers import (
    NOT_FIRST_WORDS,
    VULGAR_FRACTIONS,
    read_number,
    read_number_words,
)
from vnextract.pipeline.extract.pattern_cache import compile_pattern
from vnextract.pipeline.extract.statistics_context import (
    AFTER_WORDS,
    SENTENCE_OPENER,
    Context,
)
from vnextract.pipeline.extract.statistics_lexicon import SPACE, FoundUnit, norm

_S = SPACE
_WORD = compile_pattern(r"\S+")
_METRES_AND_CENTIMETRES = compile_pattern(r"m(?P<cm>\d{2})(?![\w.,])")
# "2, 3 người": two neighbouring numbers sharing one unit are a range ("two or three people")
_COMMA_NEXT = compile_pattern(rf",{_S}+(?=\d)")
_LEFT_WINDOW = 60  # characters of the same line read before a number: a few words
_LABEL_ACTIONS = frozenset({"block", "name", "calendar", "address"})
_NO_UNIT = FoundUnit(None, None, False)


class Reading(NamedTuple):
    """One candidate number as read so far; immutable, the rules derive new ones with `_replace`.

    A NamedTuple rather than a frozen dataclass: with 31 fields, `dataclasses.replace` re-runs a
    frozen __init__ over every one (about 24 µs here, `_replace` 5 µs), which made the extractor
    20-35% slower than the single function it replaced.
    """

    start: int  # the number's first character
    end: int  # the end of the number and its unit
    line_start: int
    window_start: int  # where the left context read for labels and qualifiers begins
    value: Decimal | None = None
    low: Decimal | None = None
    high: Decimal | None = None
    total: Decimal | None = None
    unit_surface: str | None = None
    unit_start: int = -1
    found: FoundUnit = _NO_UNIT  # the unit as the lexicon reads it (or the whole's: "3 trong số 5 người")
    digits: str = ""  # the first number as written, for "2,250 người"
    words: bool = False  # written in words ("hai người")
    multiple: bool = False  # "gấp đôi"
    fraction_sign: bool = False  # "½"
    scaled: bool = False  # a magnitude word follows ("400 triệu"): a figure even with nothing counted
    unit_before: bool = False  # the unit is written before the number ("tuổi 40")
    unit_qualified: bool = False  # a qualifier stands between that unit and the number ("độ tuổi từ 18")
    label: str | None = None  # the action of a label word right before ("số 12", "Điều 260", "ngày 4")
    span_start: int = -1  # where the figure's text starts (moved to its verb, qualifier or unit written first)
    span_end: int = -1  # where the figure's text ends (moved past "trở lên")
    # set by the rules that read the words on the left and right
    left: re.Match[str] | None = None  # verb and qualifiers right before the number, when any
    verb: str = ""  # the verb among them, as a table key
    moving: bool = False  # "từ 10% lên 15%": a move between two levels follows
    verb_role: str | None = None  # link, change, multiple, comparative, comparative_change
    decrease: bool = False  # a verb of decrease: the change is negative
    qualifier: str | None = None
    post_qualified: bool = False  # "trở lên", "trở xuống" after the number
    part_of_next: bool = False  # "3 trong số 5 người"
    kind: str = "count"
    unit: str | None = None  # the unit reported

    @property
    def bare(self) -> bool:
        """A plain number: no unit, magnitude, ratio, range or words ("dự án 7", "có 115")."""
        return (
            not self.unit_surface and not self.scaled and self.total is None and self.low is None and not self.words
        )

    @property
    def integral(self) -> bool:
        """A single whole value ("3", not "3,5" nor a range)."""
        return self.value is not None and self.value == self.value.to_integral_value()


def identifier_before(ctx: Context, start: int, window_start: int) -> str | None:
    """The action of a label word right before the number: "số 12", "Điều 260", "ngày 4" (None: no label)."""
    m = ctx.lex.identifier.search(ctx.text, window_start, start)
    action = ctx.lex.identifier_action.get(norm(m.group("id"))) if m else None
    return action if action in _LABEL_ACTIONS else None


def is_year(raw: str) -> bool:
    """Four digits from 1900 to 2100."""
    return len(raw) == 4 and raw.isdigit() and 1900 <= int(raw) <= 2100


def read_candidate(m: re.Match[str], ctx: Context) -> Reading | None:
    """The number of one master-regex match, with its unit and label word; None when it is no number."""
    start = m.start()
    line_start = ctx.text.rfind("\n", 0, start) + 1
    where = _Where(start, line_start, max(line_start, start - _LEFT_WINDOW))
    if m.group("gx"):
        value = Decimal(2) if m.group("gx").lower() == "đôi" else Decimal("1.5")
        return _reading(ctx, where, m.end(), value=value, unit_surface="lần", multiple=True)
    if m.group("vf"):
        numerator, denominator = VULGAR_FRACTIONS[m.group("vf")]
        return _reading(
            ctx, where, m.end(), value=Decimal(numerator), total=Decimal(denominator), fraction_sign=True
        )
    if m.group("w"):
        return _read_words(m, ctx, where)
    return _read_digits(m, ctx, where)


class _Where(NamedTuple):
    """Where a number stands: its start, its line's start, and the start of the left context read."""

    start: int
    line_start: int
    window_start: int


def _reading(
    ctx: Context,
    where: _Where,
    end: int,
    *,
    value: Decimal | None = None,
    low: Decimal | None = None,
    high: Decimal | None = None,
    total: Decimal | None = None,
    unit_surface: str | None = None,
    unit_start: int = -1,
    digits: str = "",
    words: bool = False,
    multiple: bool = False,
    fraction_sign: bool = False,
    scaled: bool = False,
) -> Reading:
    """The reading of a number read up to `end`, with its unit as the lexicon reads it and its label word.

    Built once per number: the rules derive changed readings only when they change something.
    """
    return Reading(
        where.start,
        end,
        where.line_start,
        where.window_start,
        value=value,
        low=low,
        high=high,
        total=total,
        unit_surface=unit_surface,
        unit_start=unit_start,
        found=ctx.lex.unit(unit_surface),
        digits=digits,
        words=words,
        multiple=multiple,
        fraction_sign=fraction_sign,
        scaled=scaled,
        label=identifier_before(ctx, where.start, where.window_start),
        span_start=where.start,
        span_end=end,
    )


def _glued(text: str, end: int) -> bool:
    """Letters or more digits stick to the number: a code, plate, clock time or version ("51A-123.45")."""
    if end >= len(text):
        return False
    nxt = text[end]
    return nxt.isalnum() or nxt == "_" or (nxt in ".,/:+-–" and end + 1 < len(text) and text[end + 1].isalnum())


def _read_digits(m: re.Match[str], ctx: Context, where: _Where) -> Reading | None:
    """Digits, with magnitude, unit, range or ratio; None for codes, years and scores."""
    text, lex = ctx.text, ctx.lex
    start, end = m.span()
    unit_surface = m.group("u2") or m.group("u1")
    magnitude = bool(m.group("m1") or m.group("m2"))
    scaled = bool(unit_surface) or magnitude  # written with a unit or magnitude: "2.5 tỷ" is English notation
    n1 = read_number(m.group("n1"), scaled)
    if n1 is None:
        return None
    unit_start = -1
    metres = None if scaled or n1 >= 10 else _METRES_AND_CENTIMETRES.match(text, end)
    if metres:  # "cao 1m65": metres and centimetres
        n1 += Decimal(metres.group("cm")) / 100
        end, unit_surface, unit_start = metres.end(), "m", metres.start()
    elif unit_surface:
        unit_start = m.start("u2") if m.group("u2") else m.start("u1")
    if not unit_surface and magnitude:
        per = lex.per_after.match(text, end)
        if per:  # "lương 7 triệu/tháng": an amount per period, its currency left out
            end = per.end()
    if _glued(text, end):
        return None
    plain = not unit_surface and not magnitude and not m.group("tot") and not m.group("n2")
    if plain and not identifier_before(ctx, start, where.window_start):
        comma_range = _comma_range(m, ctx, n1, where)
        if comma_range is not None:
            return comma_range

    def read(
        value: Decimal | None = None, low: Decimal | None = None, high: Decimal | None = None,
        total: Decimal | None = None,
    ) -> Reading:
        return _reading(
            ctx, where, end, value=value, low=low, high=high, total=total, unit_surface=unit_surface,
            unit_start=unit_start, scaled=magnitude, digits=m.group("n1"),
        )

    mag1 = lex.magnitudes.get(norm(m.group("m1") or ""))
    mag2 = lex.magnitudes.get(norm(m.group("m2") or ""))
    if m.group("tot"):
        total = read_number(m.group("tot"))
        if total is None or total == 0 or n1 > total or m.group("n2"):
            return None  # "15/5" is a date, "24/7" a slogan
        return read(value=n1, total=total)
    if m.group("n2"):
        n2 = read_number(m.group("n2"), scaled)
        if n2 is None:
            return None
        low = n1 * (mag1 or (mag2 if n1 <= n2 else None) or 1)
        high = n2 * (mag2 or mag1 or 1)
        if low >= high:
            return None  # a score ("3-1"), a date or a code, not a range
        if not unit_surface and (
            lex.score_cue.search(text, where.window_start, start)
            or (is_year(m.group("n1")) and is_year(m.group("n2")))
        ):
            return None
        return read(low=low, high=high)
    value = n1 * (mag1 or 1)
    if m.group("n1b"):  # "3 tỷ 500 triệu"
        value += (read_number(m.group("n1b")) or 0) * lex.magnitudes[norm(m.group("m1b"))]
    if not unit_surface and not mag1 and is_year(m.group("n1")):
        return None
    return read(value=value)


def _comma_range(m: re.Match[str], ctx: Context, n1: Decimal, where: _Where) -> Reading | None:
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
        return _reading(
            ctx, where, second.end(), low=n1, high=n2, unit_surface=second.group("u1"),
            unit_start=second.start("u1"), digits=m.group("n1"),
        )
    if ctx.lex.counted.match(ctx.text, second.end()):
        return _reading(ctx, where, second.end(), low=n1, high=n2, digits=m.group("n1"))
    return None


def _read_words(m: re.Match[str], ctx: Context, where: _Where) -> Reading | None:
    """Numbers in words before a noun ("hai người", "ba nhóm đối tượng"); None otherwise."""
    if m.group("hang"):
        return None  # "hàng chục", "vài trăm": vague, no figure
    text, lex, start = ctx.text, ctx.lex, where.start
    offset = m.start("w")
    spans = [(offset + w.start(), offset + w.end()) for w in _WORD.finditer(m.group("w"))]
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
    value = None
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
    unit_m = lex.word_unit.match(text, end)
    unit = lex.units.get(norm(unit_m.group("u"))) if unit_m else None
    if lex.demonstrative_after.match(text, end):
        return None  # "hai người này": the two already named
    if unit_m and not (words == ["năm"] and unit is not None and unit.kind == "measure"):  # not "năm năm"
        return _reading(
            ctx, where, unit_m.end(), value=value, unit_surface=unit_m.group("u"), unit_start=unit_m.start("u"),
            words=True,
        )
    if words[-1] == "năm":  # "năm" is also "year": a count only before a counted noun ("năm người")
        return _reading(ctx, where, end, value=value, words=True) if lex.counted.match(text, end) else None
    after = AFTER_WORDS.match(text, end)
    if not after or lex.not_counted.match(text, end) or not after.group().strip()[0].islower():
        return None
    return _reading(ctx, where, end, value=value, words=True)
