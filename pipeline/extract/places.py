"""Place names: the tables (provinces, countries, regions, administrative levels) and place runs.

A place is written either with its administrative level ("huyện Đức Trọng", "TP Hà Nội", "xã
Hiệp Thạnh") or bare when the name is well known ("Lâm Đồng", "Mỹ", "Tây Nguyên") or already named
in the article ("Đức Trọng đặt ra ...").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from vnextract.pipeline.extract.lexicons import load_tsv
from vnextract.pipeline.extract.names import (
    PhraseTable,
    Word,
    is_name_syllable,
    is_surname,
    tokenize,
)
from vnextract.pipeline.extract.values import EntityValue

# Levels whose word is also a common noun ("bản" a copy, "làng" a village in general): the name
# after them must have two syllables or be a number.
_COMMON_NOUN_LEVELS = {"bản", "làng", "xóm", "sóc", "buôn", "khóm"}


@dataclass(frozen=True)
class Level:
    """An administrative level word: the kind of place it names and its rank for resolution."""

    kind: str  # province, city, district, commune, village
    rank: str  # tỉnh, thành phố, huyện, quận, thị xã, xã, phường, ...


@dataclass(frozen=True)
class KnownPlace:
    """A place from a table: canonical name, kind, rank, and whether the bare word is ambiguous."""

    name: str
    kind: str
    rank: str | None
    risky: bool = False


@dataclass(frozen=True)
class PlaceName:
    """A place name read at words[start:end] (word indices): the name as the article spells it (a
    number for "Quận 1"), and its kind when a table or the article already knows the place."""

    start: int
    end: int
    name: str
    kind: str | None = None


@dataclass(frozen=True)
class LevelPlace:
    """An optional level word and the place after it, read at one word ("huyện Đức Trọng", or a
    table place written bare, "Lâm Đồng"). `end` is where the reading stops: the word it started
    at when there was nothing to read."""

    end: int
    written: str | None  # the level word as written ("huyện", "TP."), None for a bare place
    level: Level | None
    place: PlaceName | None


@dataclass(frozen=True)
class Located:
    """A location of the article: char offsets of the mention and its value."""

    start: int
    end: int
    value: EntityValue


class LevelTable(PhraseTable[Level]):
    """Level words, except as the second half of a common word ("nông thôn" is the countryside,
    not a village named by what follows: "Bộ trưởng Nông nghiệp và Phát triển nông thôn Lê Minh
    Hoan")."""

    def __init__(self, entries: list[tuple[str, Level]], compounds: frozenset[tuple[str, str]]) -> None:
        super().__init__(entries, "fold")
        self.compounds = compounds

    def matches(self, words: Sequence[Word], i: int) -> list[tuple[int, Level]]:
        if i >= len(words) or words[i].folded not in self._by_first:  # most words: no level
            return []
        return [] if self._second_half(words, i) else super().matches(words, i)

    def match(self, words: Sequence[Word], i: int) -> tuple[int, Level] | None:
        if i >= len(words) or words[i].folded not in self._by_first:  # most words: no level
            return None
        return None if self._second_half(words, i) else super().match(words, i)

    def _second_half(self, words: Sequence[Word], i: int) -> bool:
        """words[i] ends a common word with the word before it ("nông thôn")."""
        return i > 0 and (words[i - 1].folded, words[i].folded) in self.compounds


def _syllable_pair(word: str) -> tuple[str, str]:
    """A word of admin_level_compounds.tsv as its two folded syllables, the pair `LevelTable` looks up."""
    syllables = word.casefold().split()
    if len(syllables) != 2:
        raise ValueError(f"admin_level_compounds.tsv: {word!r} is not two syllables; write the two-syllable word")
    return syllables[0], syllables[1]


@lru_cache(maxsize=1)
def levels() -> LevelTable:
    """Administrative level words ("huyện", "TP.", "thị xã"), any case."""
    compounds = frozenset(_syllable_pair(row[0]) for row in load_tsv("admin_level_compounds.tsv"))
    return LevelTable([(row[0], Level(row[1], row[2])) for row in load_tsv("admin_levels.tsv")], compounds)


@lru_cache(maxsize=1)
def known_places() -> PhraseTable[KnownPlace]:
    """Provinces, centrally-run cities, countries and regions by every spelling, case as written."""
    entries: list[tuple[str, KnownPlace]] = []
    for row in load_tsv("provinces.tsv"):
        name, kind = row[0], row[1]
        place = KnownPlace(name, kind, "thành phố" if kind == "city" else "tỉnh")
        entries += [(spelling, place) for spelling in [name, *_aliases(row, 3)]]
    for row in load_tsv("countries.tsv"):
        place = KnownPlace(row[0], "country", None, row[1] == "1")
        entries += [(spelling, place) for spelling in [row[0], *_aliases(row, 2)]]
    for row in load_tsv("regions.tsv"):
        place = KnownPlace(row[0], row[1], None)
        entries += [(spelling, place) for spelling in [row[0], *_aliases(row, 2)]]
    return PhraseTable(entries, "exact")


def table_place(name: str, kind: str | None = None) -> KnownPlace | None:
    """The table place a whole name is ("Nhật Bản", "London"), of `kind` when given, or None."""
    words = tokenize(name)
    found = known_places().match(words, 0)
    if found and found[0] == len(words) and (kind is None or found[1].kind == kind):
        return found[1]
    return None


def _aliases(row: list[str], column: int) -> list[str]:
    return [a.strip() for a in row[column].split(",") if a.strip()] if len(row) > column else []


def name_run(words: Sequence[Word], i: int) -> int:
    """End index of the run of capitalised syllables starting at words[i] (i when there is none)."""
    j = i
    while j < len(words) and is_name_syllable(words[j].text):
        j += 1
    return j


def split_place_run(
    words: Sequence[Word], i: int, end: int, before_name: bool, article: dict[str, KnownPlace],
    provincial: bool = False,
) -> int:
    """How many words of the capitalised run words[i:end] name the place (0: none of them).

    The run after a level word may go on into a person's name ("UBND tỉnh Lâm Đồng Trần Văn Hiệp",
    "Chủ tịch UBND huyện Nguyễn Văn Cường"): a known place prefix wins; after a role
    (`before_name`) a run starting with a family name is the person's; otherwise a family name
    from the third syllable on starts the person ("Đức Trọng Bùi Sơn Điền").
    """
    n = end - i
    if n <= 0:
        return 0
    known = known_places().match(words, i)
    best = known[0] if known and (known[0] == n or _person_after(words, i + known[0], end)) else 0
    for length in range(min(n, 5), best, -1):
        if " ".join(w.text for w in words[i : i + length]).casefold() in article:
            best = length
            break
    if best:
        return best
    if (before_name and is_surname(words[i].text) and n >= 2) or (provincial and is_surname(words[i].text) and n >= 3):
        return 0
    for k in range(i + 2, end - 1):
        if is_surname(words[k].text) and 2 <= end - k <= 4:
            return k - i
    if before_name and n >= 3:  # "Thị trưởng thị trấn Castelbuono Mario Cicero": a foreign name
        return n - 2
    return n if n <= 5 else 0


def _person_after(words: Sequence[Word], k: int, end: int) -> bool:
    """The rest of a run, words[k:end], reads as a person's name (family name + 1 to 3 syllables)."""
    return is_surname(words[k].text) and 2 <= end - k <= 4


def common_noun_level(word: str) -> bool:
    """A level word that is also an everyday noun and needs a longer name after it."""
    return word.casefold() in _COMMON_NOUN_LEVELS
