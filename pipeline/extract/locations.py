"""Locations of an article: the first pass that indexes its places, and the places it names bare.

The collection passes (`_collect_places`, `_add_table_places`) fill the article index before any
organisation is read, so that "UBND huyện" can find its huyện; the location spans come from
organisation names (`_org_places`), level words with their lists ("các huyện A, B"), and known
places written without a level word (`_bare_places`). The place tables are in `places.py`.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from vnextract.pipeline.extract import places as P
from vnextract.pipeline.extract.article_index import _KIND_OF_RANK, ArticleIndex, Place
from vnextract.pipeline.extract.names import (
    Word,
    is_acronym,
    is_name_syllable,
    opening_words,
    tokenize,
)
from vnextract.pipeline.extract.organizations import (
    SENTENCE_OPENERS,
    Org,
    Parser,
    abbreviated_city,
    org_heads,
    org_roles,
    person_cues,
)
from vnextract.pipeline.extract.values import EntityValue

# Words after which a bare, ambiguous country name ("Anh", "Đức", "Nga") is a place.
_PLACE_CUES = {"tại", "ở", "nước", "của", "với", "sang", "đến", "từ", "và", "thăm", "giữa", "phía", "quốc", "xứ"}


@lru_cache(maxsize=1)
def _openers() -> tuple[frozenset[str], frozenset[str]]:
    """The words (as written, folded) that open an organisation head or a level word."""
    return opening_words(org_heads()[0], P.levels())


def _collect_places(text: str, words: Sequence[Word], index: ArticleIndex) -> None:
    """First pass: places written with a level word or as place-type heads, correctly spelled."""
    parser = Parser(text, words, index)
    exact, _ = org_heads()
    written, folded = _openers()
    i = 0
    while i < len(words):
        if words[i].text not in written and words[i].folded not in folded:
            i += 1  # most words open no head and no level
            continue
        head = exact.match(words, i)
        if head and head[1].takes == "place":
            place = parser.place_at(i + head[0], parser.role_before(i))
            if place:
                _learn(index, place.name, head[1].rank, words[place.start].start, words[place.end - 1].end)
            i += head[0]
            continue
        level = P.levels().match(words, i)  # rare, so checked before the look-back
        if level and (_inside_known_place(words, i) or abbreviated_city(words, i, level[0])):
            level = None
        if level and (i + level[0] < len(words)):
            found = parser.level_place(i, parser.role_before(i))
            place, lv = found.place, found.level
            if place and lv and not place.name.isdigit():
                _learn(index, place.name, lv.rank, words[place.start].start, words[place.end - 1].end, lv.kind, found.written)
            i = max(found.end, i + 1)
            continue
        i += 1


def _inside_known_place(words: Sequence[Word], i: int) -> bool:
    """words[i] is a later word of a table place ("Bản" of "Nhật Bản"), not a level word."""
    for back in range(1, 4):
        k = i - back
        if k < 0:
            return False
        found = P.known_places().match(words, k)
        if found and found[0] > back:
            return True
    return False


def _learn(
    index: ArticleIndex, name: str, rank: str | None, start: int, end: int, kind: str | None = None,
    level: str | None = None,
) -> None:
    kind = kind or _KIND_OF_RANK.get(rank or "", "district")
    index.spellings.setdefault(name.casefold(), P.KnownPlace(name, kind, rank))
    index.places.append(Place(name, kind, rank, start, end, rank == "tỉnh" or _provincial(name), level))


def _provincial(name: str) -> bool:
    known = P.known_places().match(tokenize(name), 0)
    return known is not None and known[1].kind in ("province", "city") and known[0] == len(tokenize(name))


# Words before a level word that make it govern a list: "các huyện A, B", "ba xã A, B và C".
_PLURAL = {"các", "những", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín", "mười", "nhiều", "mấy"}


def _plural_before(words: Sequence[Word], i: int) -> bool:
    return i > 0 and (words[i - 1].folded in _PLURAL or words[i - 1].text.isdigit())


def _listed_places(parser: Parser, k: int, level: P.Level, locs: list[P.Located]) -> int:
    """"các huyện Đắk Mil, Cư Jút", "ba xã Lạc Xuân, Ka Đô và Quảng Lập": the later names of a
    list that one plural level word governs are places of that level. Returns the list's end."""
    words = parser.words
    while parser.word(k) in (",", "và") and is_name_syllable(parser.word(k + 1)):
        j = k + 1
        if P.levels().match(words, j) or org_heads()[1].match(words, j) or _role_or_honorific_before(words, j + 1):
            break
        place = parser.place_at(j, False, level.rank == "tỉnh", level.kind == "commune")
        if place is None or place.name.isdigit():
            break
        locs.append(P.Located(words[j].start, words[place.end - 1].end, EntityValue(place.name, place.kind or level.kind)))
        k = place.end
    return k


def _org_places(org: Org | None, words: Sequence[Word]) -> list[P.Located]:
    """Locations written inside an organisation name ("UBND tỉnh Lâm Đồng" -> Lâm Đồng)."""
    found: list[P.Located] = []
    while org is not None:
        # a continent in a body's name is its scope, not a place: "Liên đoàn Bóng đá châu Á"
        scope = org.place_kind == "region" and org.level is None
        if org.place_span and org.place and not org.place.isdigit() and not scope:
            start, end = words[org.place_span[0]].start, words[org.place_span[1] - 1].end
            found.append(P.Located(start, end, EntityValue(org.place, org.place_kind or "other")))
        org = org.parent
    return found


def _add_table_places(text: str, words: Sequence[Word], index: ArticleIndex) -> None:
    """Provinces and cities named bare count for resolving "UBND tỉnh", "Thành ủy"."""
    for i in range(len(words)):
        found = P.known_places().match(words, i)
        if found and found[1].rank and (_standalone(words, i, i + found[0]) or (i > 0 and is_acronym(words[i - 1].text))):
            place = found[1]
            start, end = words[i].start, words[i + found[0] - 1].end
            index.places.append(Place(text[start:end], place.kind, place.rank, start, end, True))


def _standalone(words: Sequence[Word], i: int, j: int) -> bool:
    """words[i:j] is not part of a longer capitalised run (a person's name, another place)."""
    before = words[i - 1].text if i > 0 else ""
    after = words[j].text if j < len(words) else ""
    return (not is_name_syllable(before) or before in SENTENCE_OPENERS) and not is_name_syllable(after)


def _bare_places(
    text: str, words: Sequence[Word], index: ArticleIndex, claimed: list[bool]
) -> list[P.Located]:
    """Known places written without a level word, outside organisation names."""
    found: list[P.Located] = []
    i = 0
    while i < len(words):
        if claimed[i] or not is_name_syllable(words[i].text) and not words[i].text.isupper():
            i += 1
            continue
        match = P.known_places().match(words, i)
        place = match[1] if match else None
        length = match[0] if match else 0
        for n in range(min(5, len(words) - i), length, -1):
            spelled = text[words[i].start : words[i + n - 1].end]
            known = index.spellings.get(spelled.casefold())
            if known and spelled == known.name:
                place, length = known, n
                break
        if place is None or any(claimed[i : i + length]):
            i += 1
            continue
        after_role = _role_or_honorific_before(words, i)
        if place.kind == "country" and _given_name(words, i, length):
            i += length  # "ca sĩ Mỹ Tâm", "chị Đức Anh": a name that starts like a country
            continue
        if place.kind == "country":
            cue = i > 0 and words[i - 1].folded in _PLACE_CUES
            ok = (after_role or cue) if place.risky else (after_role or cue or length >= 2 or _standalone(words, i, i + length))
        else:
            ok = _standalone(words, i, i + length) and not after_role
        if not ok:  # none of its words is a place either ("người dân TP HCM": not "HCM")
            i += length
            continue
        name = text[words[i].start : words[i + length - 1].end]
        found.append(P.Located(words[i].start, words[i + length - 1].end, EntityValue(name, place.kind)))
        i += length
    return found


def _given_name(words: Sequence[Word], i: int, length: int) -> bool:
    """A country word after a form of address or a person's status, with a name syllable after it,
    begins a person's name: "ca sĩ Mỹ Tâm", "chị Đức Anh" (not "Tổng thống Mỹ Joe Biden": a role)."""
    end = i + length
    if end >= len(words) or not is_name_syllable(words[end].text) or length > 1:
        return False
    for back in range(1, 4):
        k = i - back
        if k < 0:
            return False
        if any(k + n == i for n, _ in person_cues().matches(words, k)):
            return True
    return False


def _role_or_honorific_before(words: Sequence[Word], i: int) -> bool:
    """"Chủ tịch Hồ Chí Minh", "anh Đức": a person cue before a place-looking name."""
    for back in range(1, 4):
        k = i - back
        if k < 0:
            return False
        for length, _ in org_roles().matches(words, k):
            if k + length == i:
                return True
    return False
