"""What the words around a figure say: its subject, whether it is a target, and its period.

Every candidate number is read against one `Context` per article (sentences, paragraphs, dates,
goal words). `subject_after`/`subject_before` find the noun phrase a figure counts or measures;
`is_target` says a goal word ("kế hoạch", "phấn đấu") governs it; `period_of` finds the date it
refers to: a date in its sentence, else in its paragraph, else the report year of "Trong năm".
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from vnextract.pipeline.extract.pattern_cache import compile_pattern
from vnextract.pipeline.extract.statistics_lexicon import SPACE, StatisticsLexicon, norm
from vnextract.pipeline.extract.values import DateValue

Interval = tuple[int, int]
DateMention = tuple[int, int, DateValue]

_S = SPACE
_PERIOD_GRANULARITIES = frozenset({"day", "month", "quarter", "year", "interval"})
SENTENCE_OPENER = compile_pattern(r"(?:^|[.!?:;…\"“(\-–|])[^\S\n]*$")
AFTER_WORDS = compile_pattern(rf"{_S}*[^\W\d_][\w\-]*(?:{_S}+[^\W\d_][\w\-]*){{0,13}}")
_CLAUSE_BREAK = compile_pattern(r"[,;:\[\]“”\"|]|\s[-–]\s|\((?![^()]*\))")
_LEADING_FILLER = compile_pattern(
    rf"^(?:(?:trong{_S}+đó|trong|có|thì|và|với|nhưng|riêng|còn|hiện|hiện{_S}+nay|theo{_S}+đó|đạt|chiếm|là"
    rf"|tổng{_S}+cộng|đến{_S}+nay|tính{_S}+đến{_S}+nay|(?:trong{_S}+|tính{_S}+đến{_S}+)?(?:năm|tháng|quý)"
    rf"{_S}+\S+)(?!\w){_S}*)+",
    re.IGNORECASE,
)
_TRAILING_ADVERB = compile_pattern(
    rf"(?:{_S}+(?:đã|đang|sẽ|cũng|vẫn|chỉ|hiện|đều|lại|tiếp{_S}+tục|ước|dự{_S}+kiến|phấn{_S}+đấu"
    rf"|được|bị|có|có{_S}+thể|cần|phải))+$",
    re.IGNORECASE,
)
_CUE_BLOCKER = compile_pattern(
    rf"(?:\d(?:[\d.,]*\d)?%?|(?<!\w)(?:vượt|so{_S}+với|hơn|bằng))"
    rf"(?:{_S}+(?:các|những|\w+{_S}+\w+{_S}+giao))?{_S}*$",
    re.IGNORECASE,
)
_GOAL_VALUE = compile_pattern(rf"[^\W\d_]+(?:{_S}+[^\W\d_]+)?{_S}+(?:(?:là|đề{_S}+ra|đặt{_S}+ra){_S}+)?", re.IGNORECASE)
_COMPARED_WITH = compile_pattern(rf"(?<!\w)(?:so{_S}+với|cùng{_S}+kỳ)(?:{_S}+(?:cùng{_S}+kỳ|với))?{_S}*$", re.IGNORECASE)
_SE_BI = compile_pattern(rf"{_S}+bị(?!\w)", re.IGNORECASE)
_PAST = compile_pattern(rf"(?<!\w)đã{_S}+$", re.IGNORECASE)
_IN_THE_YEAR = compile_pattern(r"(?<!\w)(?:trong năm|năm qua)(?![^\S\n]*\d)", re.IGNORECASE)
_YEAR_MENTION = compile_pattern(r"(?<!\w)năm[^\S\n]+((?:19|20)\d{2})(?!\d)", re.IGNORECASE)


class IntervalSet:
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
        """Whether [start, end) overlaps one of the intervals."""
        i = bisect.bisect_right(self.starts, end - 1) - 1
        return i >= 0 and self.ends[i] > start


@dataclass
class Context:
    """What every candidate number is read against."""

    text: str
    lex: StatisticsLexicon
    blocked: IntervalSet
    sentences: list[Interval]
    sentence_starts: list[int]
    paragraphs: list[Interval]
    paragraph_starts: list[int]
    dates: list[DateMention]
    date_starts: list[int]
    cues: list[int]
    blocked_cues: list[int]
    report_year: str | None
    # Offsets found once per article on first use, so that each figure's look-up is a bisection:
    # scanning its sentence or paragraph anew made a long paragraph of figures quadratic.
    _in_the_year: tuple[list[int], list[int]] | None = field(default=None, repr=False)
    _brackets: tuple[list[int], list[int]] | None = field(default=None, repr=False)

    @staticmethod
    def _find(starts: list[int], spans: list[Interval], pos: int) -> Interval | None:
        i = bisect.bisect_right(starts, pos) - 1
        return spans[i] if i >= 0 and pos <= spans[i][1] else None

    def paragraph(self, pos: int) -> Interval:
        """The paragraph around `pos` ((pos, pos) between paragraphs)."""
        return self._find(self.paragraph_starts, self.paragraphs, pos) or (pos, pos)

    def sentence(self, pos: int) -> Interval:
        """The sentence around `pos`, else its paragraph."""
        return self._find(self.sentence_starts, self.sentences, pos) or self.paragraph(pos)

    def says_in_the_year(self, lo: int, hi: int) -> bool:
        """Whether "trong năm"/"năm qua" (no year number after it) lies within [lo, hi)."""
        if self._in_the_year is None:
            spans = [(m.start(), m.end()) for m in _IN_THE_YEAR.finditer(self.text)]
            self._in_the_year = ([s for s, _ in spans], [e for _, e in spans])
        starts, ends = self._in_the_year
        i = bisect.bisect_left(starts, lo)  # matches do not overlap: the first one ends first
        return i < len(starts) and ends[i] <= hi

    def open_bracket(self, lo: int, hi: int) -> int:
        """The offset of the last "(" in [lo, hi) not closed before `hi`, else -1."""
        if self._brackets is None:
            self._brackets = (_offsets(self.text, "("), _offsets(self.text, ")"))
        openings, closings = self._brackets
        i = bisect.bisect_left(openings, hi) - 1
        if i < 0 or openings[i] < lo:
            return -1
        opening = openings[i]
        j = bisect.bisect_right(closings, opening)
        return opening if j == len(closings) or closings[j] >= hi else -1


def subject_after(ctx: Context, pos: int) -> tuple[str | None, int, str | None]:
    """The phrase written after the number: (subject, its end, qualifier of "trở lên/xuống")."""
    m = AFTER_WORDS.match(ctx.text, pos)
    if not m:
        return None, pos, None
    phrase = m.group()
    qualifier = None
    stop = ctx.lex.stops.search(phrase)
    if stop:
        word = norm(stop.group())
        if word in ("trở lên", "trở xuống"):
            qualifier = "gte" if word == "trở lên" else "lte"
        phrase = phrase[: stop.start()]
    subject = phrase.strip()
    return (subject or None), pos + len(phrase.rstrip()), qualifier


def subject_before(ctx: Context, end: int, short: bool = False) -> str | None:
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


def is_target(ctx: Context, start: int) -> bool:
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
    opening = ctx.open_bracket(lo, start)
    if opening >= 0:
        j = bisect.bisect_left(ctx.blocked_cues, max(lo, opening - 50))
        return j < len(ctx.blocked_cues) and ctx.blocked_cues[j] < opening
    return False


def period_of(ctx: Context, start: int) -> str | None:
    """The time a figure refers to: a date in its sentence, else its paragraph, else "Trong năm"."""
    for lo, hi in (ctx.sentence(start), ctx.paragraph(start)):
        first = bisect.bisect_left(ctx.date_starts, lo)
        last = bisect.bisect_left(ctx.date_starts, hi)  # dates[first:last] begin inside
        at = bisect.bisect_left(ctx.date_starts, start, first, last)  # dates[at:last] begin at or after
        # The last one to end by `start`: date mentions do not overlap, so this loop looks at one
        # or two of them, not at the whole paragraph.
        for i in range(at - 1, first - 1, -1):
            if ctx.dates[i][1] <= start:
                return ctx.dates[i][2].value
        if at < last:
            return ctx.dates[at][2].value
    for lo, hi in (ctx.sentence(start), ctx.paragraph(start)):
        if ctx.says_in_the_year(lo, hi):
            return ctx.report_year
    return None


def _offsets(text: str, char: str) -> list[int]:
    """Every offset of `char` in `text`, in order (str.find scans in C; a loop over every
    character of the article costs more than reading its numbers)."""
    found = []
    at = text.find(char)
    while at >= 0:
        found.append(at)
        at = text.find(char, at + 1)
    return found


def target_cues(text: str, lex: StatisticsLexicon, excluded: IntervalSet) -> tuple[list[int], list[int]]:
    """Offsets of the goal words that govern the rest of their sentence, and of blocked ones."""
    cues, blocked = [], []
    for m in lex.cue.finditer(text):
        if excluded.overlaps(m.start(), m.end()):
            continue
        word = m.group()
        if word[0].isupper() and not SENTENCE_OPENER.search(text, max(0, m.start() - 3), m.start()):
            continue  # "Sở Kế hoạch và Đầu tư": part of a name
        kind = lex.cue_kind.get(norm(word))
        if kind == "opener" and not SENTENCE_OPENER.search(text, max(0, m.start() - 3), m.start()):
            continue  # "chi 5 tỷ đồng để xây trường": only a sentence opened by "Để" states a goal
        if kind == "noun" and _CUE_BLOCKER.search(text, max(0, m.start() - 40), m.start()):
            blocked.append(m.start())  # "đạt 103,9% chỉ tiêu", "so với kế hoạch": measured against a goal
            continue
        if norm(word) == "sẽ" and _SE_BI.match(text, m.end()):
            continue  # "sẽ bị xử phạt": a consequence, not a goal
        if kind == "verb" and _PAST.search(text, max(0, m.start() - 10), m.start()):
            continue  # "đã cam kết viện trợ 28 tỷ euro": done, not planned
        cues.append(m.start())
    return cues, blocked


def _fallback_dates(text: str) -> list[DateMention]:
    """Year mentions ("năm 2023") for periods when the dates extractor has not run."""
    return [(m.start(), m.end(), DateValue(m.group(1), "year", "date")) for m in _YEAR_MENTION.finditer(text)]


def report_year_of(text: str, paragraphs: list[Interval], published: str | None) -> str | None:
    """The year "Trong năm" refers to: the first "năm YYYY" of the lead paragraph."""
    if not paragraphs:
        return None
    lo, hi = paragraphs[0]
    for m in _YEAR_MENTION.finditer(text, lo, hi):
        if not published or m.group(1) <= published[:4]:
            return m.group(1)
    return None


class _Enclosing:
    """Which spans strictly enclose a date (a document's issue date is no period), in O(log n)."""

    def __init__(self, spans: Sequence[Interval]) -> None:
        self.spans = sorted(spans)
        self.starts = [s for s, _ in self.spans]
        self.reach: list[int] = []  # reach[i]: the furthest end among spans[:i + 1]
        for _, end in self.spans:
            self.reach.append(max(end, self.reach[-1] if self.reach else end))

    def encloses(self, start: int, end: int) -> bool:
        """Whether a span other than (start, end) itself covers [start, end)."""
        i = bisect.bisect_left(self.starts, start)  # spans[:i] begin before `start`
        if i > 0 and self.reach[i - 1] >= end:
            return True
        j = bisect.bisect_right(self.starts, start) - 1  # the longest span beginning at `start`
        return j >= i and self.spans[j][1] > end


def period_dates(
    text: str, dates: Sequence[DateMention] | None, excluded: Sequence[Interval]
) -> list[DateMention]:
    """The date mentions a period may come from, in text order (year mentions when `dates` is None)."""
    if dates is None:
        dates = _fallback_dates(text)
    enclosing = _Enclosing(excluded)
    return sorted(
        (
            d
            for d in dates
            if d[2] is not None
            and d[2].kind not in ("birth_year", "relative")
            and d[2].granularity in _PERIOD_GRANULARITIES
            and not enclosing.encloses(d[0], d[1])
            and not _COMPARED_WITH.search(text, max(0, d[0] - 30), d[0])
        ),
        key=lambda d: d[0],
    )
