"""Statistics: numbers with their unit, kind, qualifier, subject, target flag and period.

One compiled regex finds every candidate number in the text (digits in Vietnamese notation,
ranges, ratios, magnitude words, units; numbers written in words); each candidate is then read in
its small left and right context, so the cost is per number, never per token of the article. The
vocabularies are tables in `lexicons/stat_*.tsv`.

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
- `subject`: after a linking or change verb ("GRDP tăng 8,7%", "Kim ngạch xuất khẩu đạt ...") the
  noun phrase before the verb; otherwise the phrase after the number and unit, up to punctuation
  or a stop word (lexicons/stat_subject_stops.tsv); otherwise a short noun phrase right before.
"""

from __future__ import annotations

import bisect
import logging
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc

from pipeline.extract.lexicons import load_tsv
from pipeline.extract.values import (
    doc_text,
    DATES,
    DOCUMENTS,
    SENTENCES,
    STATISTICS,
    DateValue,
    StatisticValue,
    char_span,
)

LOGGER = logging.getLogger(__name__)

LABEL = "STAT"

Interval = tuple[int, int]
DateMention = tuple[int, int, DateValue]

_S = r"[^\S\n]"  # a space that does not cross a paragraph
_NUM = r"\d+(?:[.,]\d+)*"
_TIME_UNITS = frozenset({"năm", "tháng", "tuần", "ngày", "giờ", "phút", "giây", "ngày đêm", "quý"})
_PERIOD_GRANULARITIES = frozenset({"day", "month", "quarter", "year", "interval"})
_NOT_FIRST_WORDS = frozenset({"tư", "lăm", "nhăm", "mốt", "linh", "lẻ", "mươi", "trăm", "chục"})




def _norm(phrase: str) -> str:
    return re.sub(r"\s+", " ", phrase.strip()).lower()


def _alternation(phrases: Iterable[str]) -> str:
    """A regex alternation of phrases, longest first; a space matches any run of spaces."""
    unique = sorted({p for p in phrases if p}, key=len, reverse=True)
    return "|".join(re.escape(p).replace(r"\ ", _S + "+") for p in unique)


@dataclass(frozen=True)
class _Unit:
    canonical: str
    kind: str  # percent, money, measure, count, per
    at_end: bool  # a unit only when no noun follows it


@dataclass(frozen=True)
class _Found:
    """A unit as read at one place: canonical form, kind, compound or not."""

    canonical: str | None
    kind: str | None
    compound: bool


class _Lexicon:
    """The statistics tables of lexicons/ compiled into a few regexes (built once per process)."""

    def __init__(self) -> None:
        self.units: dict[str, _Unit] = {}
        for row in load_tsv("stat_units.tsv"):
            at_end = len(row) > 3 and row[3] == "end"
            self.units.setdefault(_norm(row[0]), _Unit(row[1], row[2], at_end))
        base = [s for s, u in self.units.items() if u.kind != "per"]
        exceptions = _alternation(row[0] for row in load_tsv("stat_unit_exceptions.tsv"))
        one = rf"(?!(?:{exceptions})(?!\w))(?:{_alternation(base)})(?!\w)"
        # after a slash: a unit, a per-unit ("vạn dân") or any word ("đồng/đêm", "đồng/tiết")
        per = rf"(?:(?:{_alternation(self.units)})(?!\w)|[^\W\d_]\w*)"
        unit = rf"{one}(?:{_S}*/{_S}*{per})*"

        self.magnitudes = {_norm(w): Decimal(m) for w, m in load_tsv("stat_magnitudes.tsv")}
        mag = (
            rf"(?!t[ỷỉ]{_S}+(?:lệ|số|trọng)|triệu{_S}+chứng)"
            rf"(?:{_alternation(self.magnitudes)})(?!\w)"
        )
        self.number_words = {w: (int(v), role) for w, v, role in load_tsv("stat_number_words.tsv")}
        words = _alternation(list(self.number_words) + list(self.magnitudes))
        self.counted = re.compile(
            rf"{_S}+(?:{_alternation(r[0] for r in load_tsv('stat_counted_nouns.tsv'))})(?!\w)"
        )
        self.not_counted = re.compile(
            rf"{_S}+(?:{_alternation(r[0] for r in load_tsv('stat_not_counted.tsv'))})(?!\w)", re.I
        )

        self.qualifiers = {_norm(p): q for p, q, _pos in load_tsv("stat_qualifiers.tsv")}
        before = _alternation(p for p, _q, pos in load_tsv("stat_qualifiers.tsv") if pos == "before")
        hedges = _alternation(p for p, q, pos in load_tsv("stat_qualifiers.tsv") if q == "-")
        self.verbs: dict[str, str] = {}
        self.comparative_qualifier: dict[str, str] = {}
        to_words, sources = [], []
        for phrase, role, *rest in load_tsv("stat_verbs.tsv"):
            if rest:
                self.comparative_qualifier[_norm(phrase)] = rest[0]
            if role == "to":
                to_words.append(phrase)
            elif role == "source":
                sources.append(phrase)
            else:
                self.verbs[_norm(phrase)] = role
        self.left = re.compile(
            rf"(?<!\w)(?:(?P<q0>{hedges}){_S}+)?"
            rf"(?:(?P<verb>{_alternation(self.verbs)})(?:{_S}+(?P<to>{_alternation(to_words)}))?{_S}+)?"
            rf"(?:(?P<q>{before}){_S}+)?$",
            re.I,
        )
        self.source_before = re.compile(rf"(?<!\w)(?:{_alternation(sources)}){_S}+từ{_S}+$", re.I)
        self.after_qualifier = re.compile(rf"{_S}+(?P<post>trở{_S}+lên|trở{_S}+xuống)(?!\w)", re.I)

        self.identifier_action = {_norm(p): action for p, action in load_tsv("stat_identifiers.tsv")}
        self.identifier = re.compile(
            rf"(?<!\w)(?P<id>{_alternation(self.identifier_action)}){_S}*$", re.I
        )

        self.cue_kind = {_norm(p): kind for p, kind in load_tsv("stat_target_cues.tsv")}
        self.cue = re.compile(rf"(?<!\w)(?:{_alternation(self.cue_kind)})(?!\w)", re.I)
        stops = load_tsv("stat_subject_stops.tsv")
        keep = _alternation(r[0] for r in stops if len(r) > 1 and r[1] == "keep")
        self.stops = re.compile(
            rf"(?<!\w)(?!(?:{keep})(?!\w))(?:{_alternation(r[0] for r in stops if len(r) == 1)})(?!\w)", re.I
        )

        self.master = re.compile(
            rf"""
            (?<![\w.,/+\-–])
            (?P<n1>{_NUM})
            (?:/(?P<tot>{_NUM}))?
            (?:{_S}+(?P<m1>{mag})(?:{_S}+(?P<n1b>\d{{1,3}}(?:,\d+)?){_S}+(?P<m1b>{mag}))?)?
            (?:{_S}*(?P<u1>{unit}))?
            (?:(?P<conn>{_S}*[-–—]{_S}*|{_S}+(?:đến|tới){_S}+)
               (?P<n2>{_NUM})(?![.,/]\d)
               (?:{_S}+(?P<m2>{mag}))?
               (?:{_S}*(?P<u2>{unit}))?
            )?
            |(?<!\w)gấp{_S}+(?P<gx>đôi|rưỡi)(?!\w)
            |(?<!\w)(?P<hang>(?:hàng|vài|mấy|dăm){_S}+)?(?P<w>(?:{words})(?:{_S}+(?:{words}))*)(?!\w)
            """,
            re.I | re.X,
        )
        self.word_unit = re.compile(rf"{_S}*(?P<u>{unit})", re.I)

    def unit(self, surface: str | None) -> _Found:
        """Canonical unit, its kind and whether it is a compound ("tấn/ha")."""
        if not surface:
            return _Found(None, None, False)
        parts = [_norm(p) for p in surface.split("/")]
        units = [self.units.get(p) for p in parts]
        canonical = "/".join(u.canonical if u else p for u, p in zip(units, parts))
        return _Found(canonical, units[0].kind if units[0] else None, len(parts) > 1)


@lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    return _Lexicon()


# Numbers that are not figures, found once per text: phone numbers and clock times.
_PHONE = re.compile(
    r"(?<![\w.,])(?:\+84|0)\d{2,3}(?:[ .\-]?\d{3,4}){2}(?!\w)"
    r"|(?<![\w.,])0\d{3}(?:[ .]\d{2,4}){2,3}(?!\w)"
    r"|(?<![\w.,])1[89]00[ .]?\d{3,4}(?:[ .]?\d{2,4})?(?!\w)"
)
_CLOCK = re.compile(r"(?<![\w.,])\d{1,2}(?:[ ]?(?:giờ|g|h)[ ]?\d{1,2}(?:[ ]?phút)?|:\d{2})(?!\w)", re.I)
# Context tests around one number (all anchored: they look at a few words only).
_SCORE_CUE = re.compile(
    r"(?<!\w)(?:thắng|thua|hòa|hoà|tỷ số|tỉ số|chung cuộc|cách biệt|gỡ|dẫn)(?!\w)[^,.;\n]{0,25}$", re.I
)
_MOVE = re.compile(rf"{_S}+(?:lên|xuống|còn|xuống{_S}+còn|lên{_S}+mức){_S}+\d", re.I)
_COMPARISON = re.compile(rf"{_S}+(?:so{_S}+với|kế{_S}+hoạch|chỉ{_S}+tiêu|dự{_S}+toán|cùng{_S}+kỳ)", re.I)
_PERIOD_PHRASE = re.compile(rf"{_S}+(?:(?:đầu|cuối){_S}+)?năm(?!\w)", re.I)  # "9 tháng năm 2024"
_CLOCK_AFTER = re.compile(rf"{_S}*\d|{_S}+(?:sáng|trưa|chiều|tối|đêm|ngày|hôm|cùng|rạng)(?!\w)", re.I)
_DURATION_AFTER = re.compile(rf"{_S}+(?:mỗi|một|liên{_S}+tục|liền|đồng{_S}+hồ|qua)(?!\w)", re.I)
_DURATION_BEFORE = re.compile(
    rf"(?<!\w)(?:trong|mất|suốt|dài|sau|hơn|gần|vòng|khoảng|tới|đến|thêm)"
    rf"(?:{_S}+(?:hơn|gần|khoảng))?{_S}+$",
    re.I,
)
_PREVIOUS_WORD = re.compile(rf"(?P<w>[^\W\d_]\w*){_S}*$")
_SENTENCE_OPENER = re.compile(r"(?:^|[.!?:;…\"“(\-–|])[^\S\n]*$")
_NEXT_TWO_WORDS = re.compile(rf"{_S}+([^\W\d_]\w*){_S}+([^\W\d_]\w*)")
_AFTER_WORDS = re.compile(rf"{_S}*[^\W\d_][\w\-]*(?:{_S}+[^\W\d_][\w\-]*){{0,13}}")
_CLAUSE_BREAK = re.compile(r"[,;:\[\]“”\"|]|\s[-–]\s|\((?![^()]*\))")
_LEADING_FILLER = re.compile(
    rf"^(?:(?:trong{_S}+đó|trong|có|thì|và|với|nhưng|riêng|còn|hiện|hiện{_S}+nay|theo{_S}+đó|đạt|chiếm|là"
    rf"|tổng{_S}+cộng|đến{_S}+nay|tính{_S}+đến{_S}+nay|(?:trong{_S}+|tính{_S}+đến{_S}+)?(?:năm|tháng|quý)"
    rf"{_S}+\S+)(?!\w){_S}*)+",
    re.I,
)
_TRAILING_ADVERB = re.compile(
    rf"(?:{_S}+(?:đã|đang|sẽ|cũng|vẫn|chỉ|hiện|đều|lại|tiếp{_S}+tục|ước|dự{_S}+kiến|phấn{_S}+đấu"
    rf"|được|bị|có|có{_S}+thể|cần|phải))+$",
    re.I,
)
_CUE_BLOCKER = re.compile(
    rf"(?:\d(?:[\d.,]*\d)?%?|(?<!\w)(?:vượt|so{_S}+với|hơn|bằng))"
    rf"(?:{_S}+(?:các|những|\w+{_S}+\w+{_S}+giao))?{_S}*$",
    re.I,
)
_GOAL_VALUE = re.compile(rf"[^\W\d_]+(?:{_S}+[^\W\d_]+)?{_S}+(?:(?:là|đề{_S}+ra|đặt{_S}+ra){_S}+)?", re.I)
_COMPARED_WITH = re.compile(rf"(?<!\w)(?:so{_S}+với|cùng{_S}+kỳ)(?:{_S}+(?:cùng{_S}+kỳ|với))?{_S}*$", re.I)
_SE_BI = re.compile(rf"{_S}+bị(?!\w)", re.I)
_PAST = re.compile(rf"(?<!\w)đã{_S}+$", re.I)
_IN_THE_YEAR = re.compile(r"(?<!\w)(?:trong năm|năm qua)(?![^\S\n]*\d)", re.I)
_YEAR_MENTION = re.compile(r"(?<!\w)năm[^\S\n]+((?:19|20)\d{2})(?!\d)", re.I)
_PARAGRAPH = re.compile(r"[^\n]+")
_WORD = re.compile(r"\S+")
_DIGIT_NEXT = re.compile(rf"{_S}+\d")


class _Spans:
    """Sorted non-overlapping intervals with an overlap test in O(log n)."""

    def __init__(self, intervals: Iterable[Interval]) -> None:
        merged: list[list[int]] = []
        for start, end in sorted(intervals):
            if merged and start <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], end)
            else:
                merged.append([start, end])
        self.starts = [s for s, _ in merged]
        self.ends = [e for _, e in merged]

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect.bisect_right(self.starts, end - 1) - 1
        return i >= 0 and self.ends[i] > start


def read_number(raw: str, scaled: bool = True) -> Decimal | None:
    """Vietnamese notation: "4.872" -> 4872, "48,5" -> 48.5; None for codes and versions.

    `scaled` says a unit or magnitude follows, which lets "2.5" (English decimal) through;
    alone, "4.0" is a version and "0912" a phone prefix.
    """
    try:
        if raw.isdigit():
            return None if len(raw) > 1 and raw[0] == "0" else Decimal(raw)
        if re.fullmatch(r"[1-9]\d{0,2}(?:\.\d{3})+(?:,\d+)?", raw):
            return Decimal(raw.replace(".", "").replace(",", "."))
        if re.fullmatch(r"(?:0|[1-9]\d*),\d+", raw):
            return Decimal(raw.replace(",", "."))
        if re.fullmatch(r"[1-9]\d{0,2}(?:,\d{3}){2,}", raw):  # English thousands: 1,234,567
            return Decimal(raw.replace(",", ""))
        if scaled and re.fullmatch(r"(?:0|[1-9]\d*)\.\d{1,2}", raw):  # English decimal: 2.5 tỷ
            return Decimal(raw)
    except InvalidOperation:
        return None
    return None


def read_number_words(words: Sequence[str]) -> Decimal | None:
    """Vietnamese number words: "hai mươi lăm" -> 25, "ba trăm" -> 300, "hai triệu" -> 2e6."""
    lex = _lexicon()
    total, group = Decimal(0), 0
    digit: int | None = None
    previous = ""
    for raw in words:
        word = raw.lower()
        if word in lex.magnitudes:
            group += digit or 0
            total += Decimal(group or 1) * lex.magnitudes[word]
            group, digit = 0, None
        elif word in lex.number_words:
            value, role = lex.number_words[word]
            if role == "digit":
                if digit is not None:
                    return None
                if word in ("tư", "lăm", "nhăm", "mốt") and previous not in ("mươi", "mười"):
                    return None
                digit = value
            elif role == "ten":
                if digit is not None or group % 100:
                    return None
                group += 10
            elif role == "tens":
                if digit is None:
                    return None
                group += digit * 10
                digit = None
            elif role == "dozen":
                group += (digit or 1) * 10
                digit = None
            elif role == "hundred":
                group += (digit or 1) * 100
                digit = None
        else:
            return None
        previous = word
    total += group + (digit or 0)
    return total if total > 0 else None


def _as_float(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


@dataclass
class _Context:
    """What every candidate number is read against."""

    text: str
    lex: _Lexicon
    blocked: _Spans
    sentences: list[Interval]
    sentence_starts: list[int]
    paragraphs: list[Interval]
    paragraph_starts: list[int]
    dates: list[DateMention]
    date_starts: list[int]
    cues: list[int]
    blocked_cues: list[int]
    report_year: str | None

    @staticmethod
    def _find(starts: list[int], spans: list[Interval], pos: int) -> Interval | None:
        i = bisect.bisect_right(starts, pos) - 1
        return spans[i] if i >= 0 and pos <= spans[i][1] else None

    def paragraph(self, pos: int) -> Interval:
        return self._find(self.paragraph_starts, self.paragraphs, pos) or (pos, pos)

    def sentence(self, pos: int) -> Interval:
        return self._find(self.sentence_starts, self.sentences, pos) or self.paragraph(pos)


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


def _identifier_before(ctx: _Context, start: int, window_start: int) -> bool:
    """A label word right before the number: "số 12", "Điều 260", "lớp 12", "Quốc lộ 20"."""
    m = ctx.lex.identifier.search(ctx.text, window_start, start)
    return bool(m) and ctx.lex.identifier_action.get(_norm(m.group("id"))) in ("block", "name")


def _event_name_before(ctx: _Context, start: int, window_start: int) -> bool:
    """A word that makes number and unit a name: "nội dung 400 m rào" is an event, not a distance."""
    m = ctx.lex.identifier.search(ctx.text, window_start, start)
    return bool(m) and ctx.lex.identifier_action.get(_norm(m.group("id"))) == "name"


def _name_before(ctx: _Context, start: int, window_start: int) -> bool:
    """A capitalised word inside a sentence right before: "Quận 1", "SEA Games 33", "Thủ Thiêm 4"."""
    m = _PREVIOUS_WORD.search(ctx.text, window_start, start)
    if not m or not m.group("w")[0].isupper():
        return False
    return not _SENTENCE_OPENER.search(ctx.text, max(0, m.start() - 3), m.start())


def _name_after(text: str, end: int) -> bool:
    """Two capitalised words follow: a person's or place's name, so the number was a label."""
    m = _NEXT_TWO_WORDS.match(text, end)
    return bool(m) and m.group(1)[0].isupper() and m.group(2)[0].isupper() and not m.group(1).isupper()


def _subject_after(ctx: _Context, pos: int) -> tuple[str | None, int, str | None]:
    """The phrase written after the number: (subject, its end, qualifier of "trở lên/xuống")."""
    m = _AFTER_WORDS.match(ctx.text, pos)
    if not m:
        return None, pos, None
    phrase = m.group()
    qualifier = None
    stop = ctx.lex.stops.search(phrase)
    if stop:
        word = _norm(stop.group())
        if word in ("trở lên", "trở xuống"):
            qualifier = "gte" if word == "trở lên" else "lte"
        phrase = phrase[: stop.start()]
    subject = phrase.strip()
    return (subject or None), pos + len(phrase.rstrip()), qualifier


def _subject_before(ctx: _Context, end: int, short: bool = False) -> str | None:
    """The noun phrase of the clause ending at `end` ("Kim ngạch xuất khẩu" | đạt 2,5 tỷ USD)."""
    lo = max(ctx.sentence(max(end - 1, 0))[0], end - 160)
    segment = ctx.text[lo:end]
    breaks = list(_CLAUSE_BREAK.finditer(segment))
    if breaks:
        segment = segment[breaks[-1].end() :]
    segment = _LEADING_FILLER.sub("", segment.strip())
    segment = _TRAILING_ADVERB.sub("", " " + segment).strip()
    if not segment or re.search(r"\d", segment):
        return None
    words = segment.split()
    if short and (len(words) > 6 or ctx.lex.stops.fullmatch(words[-1])):
        return None
    return " ".join(words[-10:])


def _is_target(ctx: _Context, start: int) -> bool:
    """A goal word earlier in the sentence, or "chỉ tiêu ... (từ 75% trở lên)" right before."""
    lo = ctx.sentence(start)[0]
    i = bisect.bisect_left(ctx.cues, lo)
    if i < len(ctx.cues) and ctx.cues[i] < start:
        return True
    j = bisect.bisect_left(ctx.blocked_cues, max(lo, start - 40))
    if j < len(ctx.blocked_cues) and ctx.blocked_cues[j] < start and _GOAL_VALUE.fullmatch(
        ctx.text, ctx.blocked_cues[j], start
    ):
        return True  # "thấp hơn mục tiêu 4-4,5%": the figure after the goal word is the goal
    opening = ctx.text.rfind("(", lo, start)
    if opening >= 0 and ctx.text.find(")", opening, start) < 0:
        j = bisect.bisect_left(ctx.blocked_cues, max(lo, opening - 50))
        return j < len(ctx.blocked_cues) and ctx.blocked_cues[j] < opening
    return False


def _period(ctx: _Context, start: int) -> str | None:
    """The time a figure refers to: a date in its sentence, else its paragraph, else "Trong năm"."""
    for lo, hi in (ctx.sentence(start), ctx.paragraph(start)):
        inside = ctx.dates[bisect.bisect_left(ctx.date_starts, lo) : bisect.bisect_left(ctx.date_starts, hi)]
        before = [d for d in inside if d[1] <= start]
        if before:
            return before[-1][2].value
        after = [d for d in inside if d[0] >= start]
        if after:
            return after[0][2].value
    for lo, hi in (ctx.sentence(start), ctx.paragraph(start)):
        if _IN_THE_YEAR.search(ctx.text, lo, hi):
            return ctx.report_year
    return None


def _read_digits(m: re.Match[str], ctx: _Context, window_start: int) -> _Reading | None:
    """Digits, with magnitude, unit, range or ratio; None for codes, years, scores, list marks."""
    text, lex = ctx.text, ctx.lex
    start, end = m.span()
    unit_surface = m.group("u2") or m.group("u1")
    scaled = bool(unit_surface or m.group("m1") or m.group("m2"))
    n1 = read_number(m.group("n1"), scaled)
    if n1 is None:
        return None
    # glued to letters or to more digits: a code, plate, clock time or version ("51A-123.45")
    if end < len(text):
        nxt = text[end]
        if nxt.isalnum() or nxt == "_" or (nxt in ".,/:+-–" and end + 1 < len(text) and text[end + 1].isalnum()):
            return None
    reading = _Reading(start, end, unit_surface=unit_surface)
    if unit_surface:
        reading.unit_start = m.start("u2") if m.group("u2") else m.start("u1")
    mag1 = lex.magnitudes.get(_norm(m.group("m1") or ""))
    mag2 = lex.magnitudes.get(_norm(m.group("m2") or ""))
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
            _SCORE_CUE.search(text, window_start, start) or (_is_year(m.group("n1")) and _is_year(m.group("n2")))
        ):
            return None
        reading.low, reading.high = low, high
    else:
        reading.value = n1 * (mag1 or 1)
        if m.group("n1b"):
            reading.value += (read_number(m.group("n1b")) or 0) * lex.magnitudes[_norm(m.group("m1b"))]
        if not unit_surface and not mag1 and _is_year(m.group("n1")):
            return None
    return reading


def _read_words(m: re.Match[str], ctx: _Context, start: int) -> _Reading | None:
    """Numbers in words before a noun ("hai người", "ba nhóm đối tượng"); None otherwise."""
    if m.group("hang"):
        return None  # "hàng chục", "vài trăm": vague, no figure
    text, lex = ctx.text, ctx.lex
    base = m.start("w")
    spans = [(base + w.start(), base + w.end()) for w in _WORD.finditer(m.group("w"))]
    first = text[spans[0][0] : spans[0][1]]
    if first.lower() in _NOT_FIRST_WORDS or first.lower() not in lex.number_words:
        return None
    if first[0].isupper() and not _SENTENCE_OPENER.search(text, max(0, start - 3), start):
        return None  # "ông Sáu", "bà Năm", "Ba Lan": names
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
    unit = lex.units.get(_norm(unit_m.group("u"))) if unit_m else None
    if unit_m and not (words == ["năm"] and unit is not None and unit.kind == "measure"):  # not "năm năm"
        reading.unit_surface, reading.unit_start, reading.end = unit_m.group("u"), unit_m.start("u"), unit_m.end()
        return reading
    if words[-1] == "năm":  # "năm" is also "year": a count only before a counted noun ("năm người")
        return reading if lex.counted.match(text, end) else None
    after = _AFTER_WORDS.match(text, end)
    if not after or lex.not_counted.match(text, end) or not after.group().strip()[0].islower():
        return None
    return reading


def _candidate(m: re.Match[str], ctx: _Context) -> tuple[int, int, StatisticValue] | None:
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
    elif m.group("w"):
        reading = _read_words(m, ctx, start)
    else:
        reading = _read_digits(m, ctx, window_start)
    if reading is None:
        return None
    end = reading.end
    found = lex.unit(reading.unit_surface)
    unit_info = lex.units.get(_norm(reading.unit_surface or ""))
    if unit_info and unit_info.at_end and not found.compound:
        nxt = _AFTER_WORDS.match(text, end)
        if (nxt and not lex.stops.match(nxt.group().strip())) or _DIGIT_NEXT.match(text, end):
            # "14 điểm đen tai nạn": the word is what is counted, not a unit
            end = reading.end = len(text[: reading.unit_start].rstrip())
            reading.unit_surface = None
            found = lex.unit(None)

    if (found.canonical or "") in _TIME_UNITS and not found.compound and _DIGIT_NEXT.match(text, end):
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
    if _identifier_before(ctx, start, window_start) and (
        reading.words or found.kind is None or (found.canonical or "") in _TIME_UNITS
    ):
        return None  # "lớp 12", "ngày 4 tháng 1"; a unit lifts the label: "nền đường 17 m"
    if _event_name_before(ctx, start, window_start):
        return None
    left = lex.left.search(text, window_start, start)
    has_left = bool(left and left.group())
    bare = not reading.unit_surface and reading.total is None and reading.low is None and not reading.words
    if bare and not reading.multiple and _name_before(ctx, start, window_start):
        return None
    if bare and _is_list_mark(text, start, end, line_start):
        return None
    if bare and _name_after(text, end):
        return None  # "Ban Quản lý dự án 7 Phạm Hữu Sơn"

    # times of day and calendar periods are not figures
    if found.canonical in ("tháng", "quý") and _PERIOD_PHRASE.match(text, end):
        return None
    if found.canonical == "giờ" and not found.compound:
        if _CLOCK_AFTER.match(text, end) or not (
            _DURATION_BEFORE.search(text, window_start, start) or _DURATION_AFTER.match(text, end)
        ):
            return None

    verb_role = None
    decrease = False
    qualifier: str | None = None
    span_start = start
    moving = bool(_MOVE.match(text, end))
    if has_left:
        verb = _norm(left.group("verb") or "")
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
            word = _norm(left.group(name) or "")
            if not word:
                continue
            if name == "q" or not verb or changing:
                span_start = min(span_start, left.start(name))
            if word == "từ" and (
                reading.low is not None or moving or lex.source_before.search(text, window_start, start)
            ):
                continue  # "từ 15-20%" opens a range, "từ 10% lên 15%" is a move, "đến từ 42 đơn vị"
            if word == "vượt" and _COMPARISON.match(text, end):
                verb_role = "change"  # "vượt 15% so với kế hoạch": exceeded by 15%
                continue
            if lex.qualifiers[word] != "-":
                qualifier = lex.qualifiers[word]
        if (left.group("to") or moving) and verb_role == "change":
            verb_role = "link"  # "giảm còn 2,1%", "tăng lên 20%": the new level
        if verb_role in ("comparative", "comparative_change"):
            if _COMPARISON.match(text, end):
                qualifier = None if left.group("q") is None else qualifier  # "sớm hơn 3 tháng so với"
            else:  # "chiều dài hơn 17 km", "thấp hơn 20 tỷ": "more than", "less than"
                qualifier = qualifier or lex.comparative_qualifier.get(verb, "gt")
                verb_role = None
    post = lex.after_qualifier.match(text, end)
    if post:
        qualifier = "gte" if _norm(post.group("post")) == "trở lên" else "lte"
        end = post.end()

    integral = reading.value is not None and reading.value == reading.value.to_integral_value()
    if (bare and not has_left and integral) or (_date_like(reading) and not (left and left.group("verb"))) or (
        reading.low is not None and not reading.unit_surface
    ):
        if _subject_after(ctx, end)[0] is None:
            # nothing counted: a label ("dự án 7", "115"), a date ("từ 1/3"), a numbering ("1-2")
            return None

    kind, unit = _kind(reading, found, verb_role)
    if kind == "change" and decrease:
        if reading.value is not None:
            reading.value = -reading.value
        if reading.low is not None and reading.high is not None:
            reading.low, reading.high = -reading.high, -reading.low
    count_unit = found.kind == "count" and not found.compound and kind != "multiple"
    after, after_end, after_qualifier = _subject_after(ctx, reading.unit_start if count_unit else end)
    if count_unit and after is None:
        after = text[reading.unit_start : reading.end].strip()
    if after_qualifier and qualifier is None:
        qualifier = after_qualifier
    subject = None
    if verb_role in ("link", "change", "multiple", "comparative_change") and left is not None and left.group("verb"):
        subject = _subject_before(ctx, left.start("q0") if left.group("q0") else left.start("verb"))
    subject = subject or after or _subject_before(ctx, span_start, short=True)
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
        target=_is_target(ctx, start),
        period=_period(ctx, start),
    )
    return span_start, end, stat


def _kind(reading: _Reading, found: _Found, verb_role: str | None) -> tuple[str, str | None]:
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


def _target_cues(text: str, lex: _Lexicon, excluded: _Spans) -> tuple[list[int], list[int]]:
    """Offsets of the goal words that govern the rest of their sentence, and of blocked ones."""
    cues, blocked = [], []
    for m in lex.cue.finditer(text):
        if excluded.overlaps(m.start(), m.end()):
            continue
        word = m.group()
        if word[0].isupper() and not _SENTENCE_OPENER.search(text, max(0, m.start() - 3), m.start()):
            continue  # "Sở Kế hoạch và Đầu tư": part of a name
        kind = lex.cue_kind.get(_norm(word))
        if kind == "noun" and _CUE_BLOCKER.search(text, max(0, m.start() - 40), m.start()):
            blocked.append(m.start())  # "đạt 103,9% chỉ tiêu", "so với kế hoạch": measured against a goal
            continue
        if _norm(word) == "sẽ" and _SE_BI.match(text, m.end()):
            continue  # "sẽ bị xử phạt": a consequence, not a goal
        if kind == "verb" and _PAST.search(text, max(0, m.start() - 10), m.start()):
            continue  # "đã cam kết viện trợ 28 tỷ euro": done, not planned
        cues.append(m.start())
    return cues, blocked


def _fallback_dates(text: str) -> list[DateMention]:
    """Year mentions ("năm 2023") for periods when the dates extractor has not run."""
    return [(m.start(), m.end(), DateValue(m.group(1), "year", "date")) for m in _YEAR_MENTION.finditer(text)]


def _report_year(text: str, paragraphs: list[Interval], published: str | None) -> str | None:
    """The year "Trong năm" refers to: the first "năm YYYY" of the lead paragraph."""
    if not paragraphs:
        return None
    lo, hi = paragraphs[0]
    for m in _YEAR_MENTION.finditer(text, lo, hi):
        if not published or m.group(1) <= published[:4]:
            return m.group(1)
    return None


def _inside_document(date: DateMention, excluded: Sequence[Interval]) -> bool:
    """A date inside a larger excluded span (a document's issue date) is no period."""
    return any(s <= date[0] and date[1] <= e and (s, e) != (date[0], date[1]) for s, e in excluded)


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
    lex = _lexicon()
    excluded = list(excluded)
    paragraphs = [(m.start(), m.end()) for m in _PARAGRAPH.finditer(text)]
    sentence_list = sorted(sentences) if sentences else paragraphs
    phones_and_clocks = [(m.start(), m.end()) for p in (_PHONE, _CLOCK) for m in p.finditer(text)]
    if dates is None:
        dates = _fallback_dates(text)
    usable_dates = sorted(
        (
            d
            for d in dates
            if d[2] is not None
            and d[2].kind not in ("birth_year", "relative")
            and d[2].granularity in _PERIOD_GRANULARITIES
            and not _inside_document(d, excluded)
            and not _COMPARED_WITH.search(text, max(0, d[0] - 30), d[0])
        ),
        key=lambda d: d[0],
    )
    cues, blocked_cues = _target_cues(text, lex, _Spans(excluded))
    ctx = _Context(
        text=text,
        lex=lex,
        blocked=_Spans(excluded + phones_and_clocks),
        sentences=sentence_list,
        sentence_starts=[s for s, _ in sentence_list],
        paragraphs=paragraphs,
        paragraph_starts=[s for s, _ in paragraphs],
        dates=usable_dates,
        date_starts=[d[0] for d in usable_dates],
        cues=cues,
        blocked_cues=blocked_cues,
        report_year=_report_year(text, paragraphs, published),
    )
    found: list[tuple[int, int, StatisticValue]] = []
    for m in lex.master.finditer(text):
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
