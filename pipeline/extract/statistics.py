"""Statistics: numbers with their unit, kind, qualifier, subject, target flag and period.

One compiled regex finds every candidate number in the text (digits in Vietnamese notation,
ranges, ratios, magnitude words, units; numbers written in words); each candidate is then read in
its small left and right context, so the cost is per number, never per token of the article.
`statistics_reading` reads one candidate into a frozen `Reading` (digits by `numbers`);
`statistics_rules` decides on it with ordered small rules (reject, keep, or change the reading);
this module turns a decided reading into a `StatisticValue` and is the spaCy component. The
vocabularies (`lexicons/stat_*.tsv`) are compiled by `statistics_lexicon`; subject, target and
period come from `statistics_context`.

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
from dataclasses import replace
from decimal import Decimal

from spacy.language import Language
from spacy.tokens import Doc

from vnextract.pipeline.extract.component import SpanExtractor, valued_spans
from vnextract.pipeline.extract.pattern_cache import compile_pattern
from vnextract.pipeline.extract.statistics_context import (
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
from vnextract.pipeline.extract.statistics_lexicon import statistics_lexicon
from vnextract.pipeline.extract.statistics_reading import Reading, read_candidate
from vnextract.pipeline.extract.statistics_rules import decide
from vnextract.pipeline.extract.values import (
    DATES,
    DOCUMENTS,
    SENTENCES,
    STATISTICS,
    StatisticValue,
    doc_text,
)

LOGGER = logging.getLogger(__name__)

LABEL = "STAT"

# Numbers that are not figures, found once per text: phone numbers and clock times.
_PHONE = compile_pattern(
    r"(?<![\w.,])(?:\+84|0)\d{2,3}(?:[ .\-]?\d{3,4}){2}(?!\w)"
    r"|(?<![\w.,])0\d{3}(?:[ .]\d{2,4}){2,3}(?!\w)"
    r"|(?<![\w.,])1[89]00[ .]?\d{3,4}(?:[ .]?\d{2,4})?(?!\w)"
)
_CLOCK = compile_pattern(r"(?<![\w.,])\d{1,2}(?:[ ]?(?:giờ|g|h)[ ]?\d{1,2}(?:[ ]?phút)?|:\d{2})(?!\w)", re.IGNORECASE)
_PARAGRAPH = compile_pattern(r"[^\n]+")


def _as_float(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def _candidate(m: re.Match[str], ctx: Context) -> tuple[int, int, StatisticValue] | None:
    """Read one regex match in its context and let the rules decide; None when it is not a statistic."""
    if ctx.blocked.overlaps(m.start(), m.end()):
        return None
    reading = read_candidate(m, ctx)
    if reading is None:
        return None
    decided = decide(reading, ctx)
    return None if decided is None else _statistic(decided, ctx)


def _statistic(r: Reading, ctx: Context) -> tuple[int, int, StatisticValue]:
    """The decided reading as (start, end, value), with its subject, target flag and period."""
    text, found = ctx.text, r.found
    end = r.span_end
    # "37 ca nghi mắc sởi": a counted unit also starts the subject
    count_unit = found.kind == "count" and not found.compound and r.kind != "multiple" and r.unit_start >= 0
    after, after_end, after_qualifier = subject_after(ctx, r.unit_start if count_unit else end)
    if count_unit and after is None:
        after = text[r.unit_start : r.end].strip()
    qualifier = r.qualifier
    if qualifier is None and after_qualifier:  # "63 xã trở lên" read with the subject
        qualifier = after_qualifier
    subject = None
    left = r.left
    if r.verb_role in ("link", "change", "multiple", "comparative_change") and left is not None and left.group("verb"):
        # "GRDP tăng 8,7%": the noun phrase before the verb
        subject = subject_before(ctx, left.start("q0") if left.group("q0") else left.start("verb"))
    subject = subject or after
    if subject is None and not r.unit_before:  # "ở tuổi 40 rồi": no subject before the unit
        subject = subject_before(ctx, r.span_start, short=True)
    if r.kind in ("count", "ratio") and r.unit is None and after:
        end = max(end, after_end)  # "63 tổ chức cơ sở đảng": the counted noun is part of the figure
    value = StatisticValue(
        kind=r.kind,
        value=_as_float(r.value),
        low=_as_float(r.low),
        high=_as_float(r.high),
        total=_as_float(r.total),
        unit=r.unit,
        subject=subject,
        qualifier=qualifier,
        target=is_target(ctx, r.start),
        period=period_of(ctx, r.start),
    )
    return r.span_start, end, value


def article_context(
    text: str,
    *,
    sentences: Sequence[Interval] | None = None,
    dates: Sequence[DateMention] | None = None,
    excluded: Iterable[Interval] = (),
    published: str | None = None,
) -> Context:
    """What every number of `text` is read against (the arguments are those of `find_statistics`)."""
    lex = statistics_lexicon()
    excluded = list(excluded)
    paragraphs = [(m.start(), m.end()) for m in _PARAGRAPH.finditer(text)]
    sentence_list = sorted(sentences) if sentences else paragraphs
    phones_and_clocks = [(m.start(), m.end()) for p in (_PHONE, _CLOCK) for m in p.finditer(text)]
    usable_dates = period_dates(text, dates, excluded)
    cues, blocked_cues = target_cues(text, lex, IntervalSet(excluded))
    return Context(
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
    ctx = article_context(text, sentences=sentences, dates=dates, excluded=excluded, published=published)
    found: list[tuple[int, int, StatisticValue]] = []
    for m in ctx.lex.master.finditer(text):
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


class StatisticsComponent(SpanExtractor):
    """Sets doc.spans["statistics"] (label STAT), each span with Span._.statistic."""

    def load(self) -> None:
        statistics_lexicon()  # compiled once, when the pipeline is built

    def match(self, doc: Doc) -> list[tuple[int, int, StatisticValue]]:
        return _match_statistics(doc)

    def set_annotations(self, doc: Doc, found: list[tuple[int, int, StatisticValue]]) -> None:
        doc.spans[STATISTICS] = valued_spans(doc, found, LABEL, "statistic")


@Language.factory("vnx_statistics")
def make_statistics(nlp: Language, name: str) -> StatisticsComponent:
    return StatisticsComponent(nlp, name)


def _match_statistics(doc: Doc) -> list[tuple[int, int, StatisticValue]]:
    date_spans = list(doc.spans[DATES]) if DATES in doc.spans else None
    document_spans = list(doc.spans[DOCUMENTS]) if DOCUMENTS in doc.spans else []
    sentences = [(s.start_char, s.end_char) for s in doc.spans[SENTENCES]] if SENTENCES in doc.spans else None
    excluded = [(s.start_char, s.end_char) for s in (date_spans or []) + document_spans]
    dates = None
    if date_spans is not None:
        dates = [(s.start_char, s.end_char, s._.date) for s in date_spans if s._.date is not None]
    return find_statistics(
        doc_text(doc), sentences=sentences, dates=dates, excluded=excluded, published=doc._.published
    )
