"""Vietnam's administrative hierarchy: which province a district lies in, and what became of a
province in the 2025 merger.

Two tables: `lexicons/admin_districts.tsv` (the district-level units of the 63-province era with
their province, including units merged away since 2012, so that old archives resolve) and
`lexicons/admin_provinces.tsv` (the 63 provinces, their GSO codes, and the one of the 34 provinces
of 1 July 2025 that took each in). Province spellings ("TP.HCM", "Đắc Lắc") are read through the
place tables of `places.py`, so a province has one name here: the one `provinces.tsv` gives it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from vnextract.pipeline.extract import places as P
from vnextract.pipeline.extract.lexicons import load_tsv
from vnextract.pipeline.extract.pattern_cache import compile_pattern

# The day the 34 provinces replaced the 63 (and district-level units were abolished).
MERGER_DATE = "2025-07-01"

# "Q.1", "Q 1", "quận 01": one spelling for the numbered quận of Hồ Chí Minh city.
_NUMBERED = compile_pattern(r"(?:quận|q\.?)\s*0*(\d{1,2})", re.IGNORECASE)
# The Central Highlands prefix "Đắk" (water) is written "Đăk", "Đak" and "Dak" as often: one key.
_DAK = compile_pattern(r"\b(?:đắk|đăk|đak|dak|đắc)\b")
# Apostrophes inside Ede and M'nong names ("Cư M'gar", "Ia H'Drai") come straight or curly.
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u02bc": "'"})


@dataclass(frozen=True)
class District:
    """A row of admin_districts.tsv: a district-level unit and the province it lay in."""

    province: str
    name: str
    level: str  # quận, huyện, thị xã, thành phố
    until: int | None  # year it was merged away, None when in place to 30 June 2025
    aliases: tuple[str, ...] = ()


@lru_cache(maxsize=1)
def districts() -> tuple[District, ...]:
    """Every row of admin_districts.tsv."""
    rows = []
    for row in load_tsv("admin_districts.tsv"):
        until = int(row[3]) if len(row) > 3 and row[3] else None
        aliases = tuple(a.strip() for a in row[4].split(",") if a.strip()) if len(row) > 4 else ()
        rows.append(District(row[0], row[1], row[2], until, aliases))
    return tuple(rows)


@lru_cache(maxsize=1)
def _provinces_by_district() -> dict[str, tuple[str, ...]]:
    """Casefolded district spelling -> the provinces that have a district of that name."""
    found: dict[str, set[str]] = {}
    for district in districts():
        for spelling in (district.name, *district.aliases):
            found.setdefault(_key(spelling), set()).add(district.province)
    return {key: tuple(sorted(provinces)) for key, provinces in found.items()}


@lru_cache(maxsize=1)
def successors() -> dict[str, str]:
    """Province of the 63 -> the province of the 34 that took it in on 1 July 2025."""
    return {row[0]: row[2] for row in load_tsv("admin_provinces.tsv")}


@lru_cache(maxsize=1)
def gso_codes() -> dict[str, str]:
    """Province of the 63 -> its two-digit General Statistics Office code."""
    return {row[0]: row[1] for row in load_tsv("admin_provinces.tsv")}


@lru_cache(maxsize=1)
def _only_new_names() -> dict[str, str]:
    """A name of the 34 that none of the 63 bore ("Huế") -> the one province it continues."""
    absorbed: dict[str, list[str]] = {}
    for old, new in successors().items():
        absorbed.setdefault(new, []).append(old)
    return {new: olds[0] for new, olds in absorbed.items() if new not in successors() and len(olds) == 1}


def _key(name: str) -> str:
    name = " ".join(name.split())
    numbered = _NUMBERED.fullmatch(name)
    if numbered:
        return f"quận {int(numbered.group(1))}"
    return _DAK.sub("đắk", name.casefold().translate(_APOSTROPHES))


def provinces_of_district(name: str) -> tuple[str, ...]:
    """The provinces (of the 63) with a district-level unit called `name`; () when none has.

    "Đức Trọng" -> ("Lâm Đồng",); "Châu Thành" -> ten provinces; "Quận 1" -> ("Hồ Chí Minh",).
    """
    return _provinces_by_district().get(_key(name), ())


def province_named(name: str) -> str | None:
    """The province of the 63 that `name` spells ("TP.HCM" -> "Hồ Chí Minh"), else None.

    A name only the 34 bear is the province it continues ("Huế" -> "Thừa Thiên Huế").
    """
    place = P.table_place(name)
    if place is None or place.rank is None:  # countries, regions, foreign cities have no rank
        return None
    return _only_new_names().get(place.name, place.name if place.name in successors() else None)


def province_as_of(province: str, published: str | None) -> str:
    """A province of the 63 as the map stood at `published` (ISO date): after the merger, the
    province of the 34 that took it in; before it, or with no date, the province itself."""
    if published and published[:10] >= MERGER_DATE:
        return successors().get(province, province)
    return province
