"""The province of each place an article names ("Đức Trọng" -> Lâm Đồng), from the hierarchy in
`admin_units.py` and, where a name alone does not decide, from the article's other places.

Strategies, first hit wins, for each location:
1. a province or centrally-run city is its own province ("TP.HCM" -> Hồ Chí Minh), unless it is
   written as a district ("huyện Quảng Ninh" is in Quảng Bình);
2. a district-level name the table gives one province ("Đức Trọng", "Quận 1", "Phú Quốc");
3. a name several provinces share ("Châu Thành", "Tân Phú") takes the one of them the article
   names most (directly or through its unambiguous districts); a tie leaves it unknown;
4. a commune, village or unlisted district written just before a place it belongs to ("xã Hiệp
   Thạnh, huyện Đức Trọng", "xã A (Lâm Đồng)") takes that place's province;
5. otherwise a commune, village or unlisted district takes the article's province when the article
   names exactly one and no foreign country.

Countries, regions and foreign cities get none. The province is given as the map stood when the
article was published: one of the 63 before 1 July 2025, one of the 34 from then on.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache

from vnextract.pipeline.extract import admin_units as A
from vnextract.pipeline.extract.lexicons import load_tsv, phrase_alternation
from vnextract.pipeline.extract.pattern_cache import compile_pattern
from vnextract.pipeline.extract.places import Located
from vnextract.pipeline.extract.values import EntityValue

# Kinds of place that lie inside one province but that the district table does not list.
_LOWER_KINDS = {"commune", "village", "district"}
# Kinds that are never in a Vietnamese province.
_OUTSIDE_KINDS = {"country", "region"}
# The Vietnamese name of the country, whose mention does not make an article foreign.
_HOME = {"việt nam"}


@lru_cache(maxsize=1)
def _chain_gap() -> re.Pattern[str]:
    """What may stand between a place and the larger one it belongs to: ", huyện ", " (tỉnh ", " - "."""
    levels = phrase_alternation(row[0] for row in load_tsv("admin_levels.tsv"))
    return compile_pattern(rf"\s*[,(–-]\s*(?:{levels})?\s*", re.IGNORECASE)


def with_provinces(text: str, locations: Sequence[Located], published: str | None) -> list[Located]:
    """The locations with `province` set wherever the hierarchy or the article decides it."""
    own = [_own_candidates(loc.value) for loc in locations]
    evidence = Counter(c[0] for c in own if len(c) == 1)
    decided: list[str | None] = [
        c[0] if len(c) == 1 else _best_supported(c, evidence) for c in own
    ]
    foreign = any(
        loc.value.kind == "country" and loc.value.name.casefold() not in _HOME for loc in locations
    )
    sole = next(iter(evidence)) if len(evidence) == 1 and not foreign else None
    order = sorted(range(len(locations)), key=lambda k: locations[k].start, reverse=True)
    for position, k in enumerate(order):  # right to left, so that "xã A, huyện B, tỉnh C" chains
        if decided[k] is not None or own[k] or locations[k].value.kind not in _LOWER_KINDS:
            continue
        after = order[position - 1] if position > 0 else None
        if after is not None and _chained(text, locations[k], locations[after]) and decided[after]:
            decided[k] = decided[after]
        else:
            decided[k] = sole
    return [
        replace(loc, value=replace(loc.value, province=A.province_as_of(p, published))) if p else loc
        for loc, p in zip(locations, decided)
    ]


def _own_candidates(value: EntityValue) -> tuple[str, ...]:
    """The provinces the name alone allows (of the 63): one, several, or none."""
    # a commune or village shares its name with districts and provinces elsewhere ("thôn Hòa
    # Bình", "xã Tân Phú"): only the article can place it
    if value.kind in _OUTSIDE_KINDS or value.kind in ("commune", "village"):
        return ()
    districts = A.provinces_of_district(value.name)
    if districts and value.kind == "district":  # "huyện Quảng Ninh" is in Quảng Bình
        return districts
    province = A.province_named(value.name)
    return (province,) if province is not None else districts


def _best_supported(candidates: tuple[str, ...], evidence: Counter[str]) -> str | None:
    """The candidate the article's other places name most; None on a tie or no support."""
    if not candidates:
        return None
    ranked = sorted(((evidence[c], c) for c in candidates), reverse=True)
    if ranked[0][0] == 0 or (len(ranked) > 1 and ranked[1][0] == ranked[0][0]):
        return None
    return ranked[0][1]


def _chained(text: str, inner: Located, outer: Located) -> bool:
    """`outer` is written right after `inner`, as the larger place it lies in."""
    return outer.start >= inner.end and bool(_chain_gap().fullmatch(text[inner.end : outer.start]))
