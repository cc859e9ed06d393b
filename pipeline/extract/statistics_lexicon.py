"""The statistics vocabulary: the `lexicons/stat_*.tsv` tables compiled into a few regexes.

`statistics_lexicon()` builds them once per process: units and their kinds, qualifiers, verbs
of change and comparison, label words, goal words, subject stops, and the one master regex that
finds every candidate figure (digits, ranges, ratios, magnitudes, units, numbers in words).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from vnextract.pipeline.extract.lexicons import load_tsv
from vnextract.pipeline.extract.numbers import (
    VULGAR_FRACTIONS,
    magnitudes,
    number_words,
)
from vnextract.pipeline.extract.pattern_cache import compile_pattern

SPACE = r"[^\S\n]"  # a space that does not cross a paragraph
_S = SPACE
_NUM = r"\d+(?:[.,]\d+)*"
_LEADING_ZEROS = compile_pattern(r"^0+(?=\d)")  # "miligam/01 lít khí thở" is "miligam/1 lít khí thở"


_SPACES = re.compile(r"\s+")


def norm(phrase: str) -> str:
    """A phrase as a table key: spaces collapsed, lower case."""
    return _SPACES.sub(" ", phrase.strip()).lower()


def _alternation(phrases: Iterable[str]) -> str:
    """A regex alternation of phrases, longest first; a space matches any run of spaces."""
    unique = sorted({p for p in phrases if p}, key=lambda p: (-len(p), p))  # the same text in every process
    return "|".join(re.escape(p).replace(r"\ ", _S + "+") for p in unique)


def _roles(name: str) -> dict[str, str]:
    """A `phrase<TAB>role` table as one regex alternation per role."""
    by_role: dict[str, list[str]] = {}
    for phrase, role in load_tsv(name):
        by_role.setdefault(role, []).append(phrase)
    return {role: _alternation(phrases) for role, phrases in by_role.items()}


@dataclass(frozen=True)
class Unit:
    """One row of stat_units.tsv: the canonical unit and its kind."""

    canonical: str
    kind: str  # percent, money, measure, count, per
    at_end: bool  # a unit only when no noun follows it


@dataclass(frozen=True)
class FoundUnit:
    """A unit as read at one place: canonical form, kind, compound or not."""

    canonical: str | None
    kind: str | None
    compound: bool


class StatisticsLexicon:
    """The statistics tables of lexicons/ compiled into a few regexes (built once per process)."""

    def __init__(self) -> None:
        context = _roles("stat_context_words.tsv")
        self.units: dict[str, Unit] = {}
        for row in load_tsv("stat_units.tsv"):
            at_end = len(row) > 3 and row[3] == "end"
            self.units.setdefault(norm(row[0]), Unit(row[1], row[2], at_end))
        base = [s for s, u in self.units.items() if u.kind != "per"]
        exceptions = _alternation(row[0] for row in load_tsv("stat_unit_exceptions.tsv"))
        one = rf"(?!(?:{exceptions})(?!\w))(?:{_alternation(base)})(?!\w)"
        # after a slash: a unit, a per-unit ("vạn dân") or any word ("đồng/đêm", "đồng/tiết"),
        # possibly with its quantity ("đồng/1 kg", "miligam/01 lít khí thở")
        per = (
            rf"(?:(?:0+(?=[1-9]))?(?:{_alternation(self.units)})(?!\w)"
            rf"|(?:0*[1-9][\d.,]*{_S}*)?[^\W\d_]\w*)"
        )
        unit = rf"{one}(?:{_S}*/{_S}*{per})*"

        self.magnitudes = magnitudes()
        mag = (
            rf"(?!t[ỷỉ]{_S}+(?:lệ|số|trọng)|triệu{_S}+chứng)"
            rf"(?:{_alternation(self.magnitudes)})(?!\w)"
        )
        self.number_words = number_words()
        words = _alternation(list(self.number_words) + list(self.magnitudes))
        self.counted = compile_pattern(
            rf"{_S}+(?:{_alternation(r[0] for r in load_tsv('stat_counted_nouns.tsv'))})(?!\w)"
        )
        self.not_counted = compile_pattern(
            rf"{_S}+(?:{_alternation(r[0] for r in load_tsv('stat_not_counted.tsv'))})(?!\w)", re.IGNORECASE
        )

        self.qualifiers = {norm(p): q for p, q, _pos in load_tsv("stat_qualifiers.tsv")}
        before = _alternation(p for p, _q, pos in load_tsv("stat_qualifiers.tsv") if pos == "before")
        hedges = _alternation(p for p, q, pos in load_tsv("stat_qualifiers.tsv") if q == "-")
        self.verbs: dict[str, str] = {}
        self.comparative_qualifier: dict[str, str] = {}
        to_words, sources = [], []
        for phrase, role, *rest in load_tsv("stat_verbs.tsv"):
            if rest:
                self.comparative_qualifier[norm(phrase)] = rest[0]
            if role == "to":
                to_words.append(phrase)
            elif role == "source":
                sources.append(phrase)
            else:
                self.verbs[norm(phrase)] = role
        self.left = compile_pattern(
            rf"(?<!\w)(?:(?P<q0>{hedges}){_S}+)?"
            rf"(?:(?P<verb>{_alternation(self.verbs)})(?:{_S}+(?P<to>{_alternation(to_words)}))?{_S}+)?"
            rf"(?:(?P<q>{before}){_S}+)?$",
            re.IGNORECASE,
        )
        self.source_before = compile_pattern(rf"(?<!\w)(?:{_alternation(sources)}){_S}+từ{_S}+$", re.IGNORECASE)
        after = _alternation(p for p, _q, pos in load_tsv("stat_qualifiers.tsv") if pos == "after")
        self.after_qualifier = compile_pattern(rf"{_S}+(?P<post>{after})(?!\w)", re.IGNORECASE)  # "trở lên"

        self.identifier_action = {norm(p): action for p, action in load_tsv("stat_identifiers.tsv")}
        self.identifier = compile_pattern(
            rf"(?<!\w)(?P<id>{_alternation(self.identifier_action)}){_S}*$", re.IGNORECASE
        )

        self.address_place = compile_pattern(
            rf"{_S}+(?:{_alternation(r[0] for r in load_tsv('stat_address_places.tsv'))})"
            rf"{_S}+(?P<name>[^\W_])",
            re.IGNORECASE,
        )
        # "thửa đất số 53 (nay là 44)", "phòng 12, cũ là 10": the next number renames the label
        renamed_cue = rf"(?:{context['renamed']})(?:{_S}+là)?{_S}*$"
        self.renamed_cue = compile_pattern(rf"(?<!\w){renamed_cue}", re.IGNORECASE)  # cheap test before the full one
        self.renamed = compile_pattern(
            rf"(?<!\w)(?:{_alternation(self.identifier_action)}){_S}*\d[\w/.\-]*{_S}*[(,]?{_S}*{renamed_cue}",
            re.IGNORECASE,
        )

        self.cue_kind = {norm(p): kind for p, kind in load_tsv("stat_target_cues.tsv")}
        self.cue = compile_pattern(rf"(?<!\w)(?:{_alternation(self.cue_kind)})(?!\w)", re.IGNORECASE)
        stops = load_tsv("stat_subject_stops.tsv")
        keep = _alternation(r[0] for r in stops if len(r) > 1 and r[1] == "keep")
        self.stops = compile_pattern(
            rf"(?<!\w)(?!(?:{keep})(?!\w))(?:{_alternation(r[0] for r in stops if len(r) == 1)})(?!\w)", re.IGNORECASE
        )

        # "từ 5 km/h đến dưới 10 km/h": the upper bound's own qualifier stays inside the range
        range_end = _alternation(
            p for p, _q, pos in load_tsv("stat_qualifiers.tsv") if pos == "before" and p != "từ"
        )
        self.master = compile_pattern(
            rf"""
            (?<![\w.,/+\-–])
            (?P<n1>{_NUM})
            (?:/(?P<tot>{_NUM}))?
            (?:{_S}*(?P<m1>{mag})(?:{_S}+(?P<n1b>\d{{1,3}}(?:,\d+)?){_S}+(?P<m1b>{mag}))?)?
            (?:{_S}*(?P<u1>{unit}))?
            (?:(?P<conn>{_S}*[-–—]{_S}*|{_S}+(?:đến|tới)(?:{_S}+(?:{range_end}))?{_S}+)
               (?P<n2>{_NUM})(?![.,/]\d)
               (?:{_S}+(?P<m2>{mag}))?
               (?:{_S}*(?P<u2>{unit}))?
            )?
            |(?<![\w.,/])(?P<vf>{_alternation(VULGAR_FRACTIONS)})(?![\w/])
            |(?<!\w)gấp{_S}+(?P<gx>đôi|rưỡi)(?!\w)
            |(?<!\w)(?P<hang>(?:{context['vague']}){_S}+)?(?P<w>(?:{words})(?:{_S}+(?:{words}))*)(?!\w)
            """,
            re.IGNORECASE | re.VERBOSE,
        )
        self.word_unit = compile_pattern(rf"{_S}*(?P<u>{unit})", re.IGNORECASE)
        self.money_cue = compile_pattern(
            rf"(?<!\w)(?:{_alternation(r[0] for r in load_tsv('stat_money_cues.tsv'))})(?!\w)", re.IGNORECASE
        )
        self.per_after = compile_pattern(rf"(?:{_S}*/{_S}*{per})+", re.IGNORECASE)  # "7 triệu/tháng"
        # a unit written before its number: "ở tuổi 40", "độ tuổi 18-25", "US$ 5 triệu"
        self.units_before = {norm(w): u for w, u in load_tsv("stat_units_before.tsv")}
        self.unit_before = compile_pattern(
            rf"(?<![\w$])(?P<pre>{_alternation(self.units_before)}){_S}*"
            rf"(?P<q>(?:{before}){_S}+)?$",  # "độ tuổi từ 18 đến 25", "ở tuổi trên 60"
            re.IGNORECASE,
        )

        self._read_time_and_context_words(context)

    def _read_time_and_context_words(self, words: dict[str, str]) -> None:
        """The word lists of the statistics rules: time units, clock words, context cues."""
        flags = {row[0]: row[1:] for row in load_tsv("stat_time_units.tsv")}
        self.time_units = frozenset(w for w, (time, _period, _part) in flags.items() if time == "yes")
        self.calendar_periods = frozenset(w for w, (_time, period, _part) in flags.items() if period == "yes")
        duration_parts = _alternation(w for w, (_time, _period, part) in flags.items() if part == "yes")
        # "7 năm 6 tháng tù": a second, smaller time unit makes one duration, not a date
        self.compound_duration = compile_pattern(rf"{_S}+\d{{1,2}}{_S}+(?:{duration_parts})(?!\w)", re.IGNORECASE)
        self.round_the_clock = frozenset(Decimal(row[0]) for row in load_tsv("stat_round_the_clock.tsv"))
        self.per_period = compile_pattern(  # "5 triệu mỗi tháng"
            rf"{_S}*(?:{_alternation(row[0] for row in load_tsv('stat_per_period.tsv'))}){_S}+", re.IGNORECASE
        )

        clock = _roles("stat_clock_words.tsv")
        self.clock_after = compile_pattern(rf"{_S}*\d|{_S}+(?:{clock['clock_after']})(?!\w)", re.IGNORECASE)
        self.duration_after = compile_pattern(rf"{_S}+(?:{clock['duration_after']})(?!\w)", re.IGNORECASE)
        self.duration_before = compile_pattern(
            rf"(?<!\w)(?:{clock['duration_before']})(?:{_S}+(?:{clock['hedge']}))?{_S}+$", re.IGNORECASE
        )

        self.score_cue = compile_pattern(rf"(?<!\w)(?:{words['score']})(?!\w)[^,.;\n]{{0,25}}$", re.IGNORECASE)
        # "từ 2.250 người xuống chỉ còn 1.300 người": a move between two levels
        self.move = compile_pattern(
            rf"{_S}+(?:{words['move']})(?:{_S}+(?:{words['move_filler']}))*{_S}+\d", re.IGNORECASE
        )
        self.comparison = compile_pattern(rf"{_S}+(?:{words['comparison']})", re.IGNORECASE)
        self.all_of_before = compile_pattern(rf"(?<!\w)(?:{words['all_of']}){_S}+$", re.IGNORECASE)
        # "thời kỳ 9 tháng năm 2024", "6 tháng đầu năm": months or quarters of a year name a period
        self.year_after = compile_pattern(rf"{_S}+(?:{words['year']})(?!\w)", re.IGNORECASE)
        # "3 trong số 5 người": a part of the figure that follows
        self.part_of_next = compile_pattern(rf"{_S}+(?:{words['part_of']}){_S}+\d", re.IGNORECASE)
        # "các khoản 1, 2, 3", "Điều 675, 676": a number continuing an enumeration of labels
        self.enumeration_before = compile_pattern(
            rf"(?<![\w.,/])\d+[^\W\d_]?(?:{_S}*,|{_S}+(?:{words['list_joiner']})){_S}+$", re.IGNORECASE
        )
        self.demonstrative_after = compile_pattern(
            rf"(?:{_S}+[^\W\d_]\w*){{1,3}}?{_S}+(?:{words['demonstrative']})(?!\w)", re.IGNORECASE
        )

    def unit(self, surface: str | None) -> FoundUnit:
        """Canonical unit, its kind and whether it is a compound ("tấn/ha")."""
        if not surface:
            return FoundUnit(None, None, False)
        parts = [_LEADING_ZEROS.sub("", norm(p)) for p in surface.split("/")]
        units = [self.units.get(p) for p in parts]
        canonical = "/".join(u.canonical if u else p for u, p in zip(units, parts))
        return FoundUnit(canonical, units[0].kind if units[0] else None, len(parts) > 1)


@lru_cache(maxsize=1)
def statistics_lexicon() -> StatisticsLexicon:
    """The compiled statistics tables (built on first use)."""
    return StatisticsLexicon()

