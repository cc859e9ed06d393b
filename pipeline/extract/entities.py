"""Organisations and locations: doc.spans["organizations"] (ORG) and doc.spans["locations"] (LOC).

Organisations are written as a head word from `lexicons/org_heads.tsv` plus what that head takes:
a place ("Huyện ủy Đức Trọng"), a level and a place ("UBND huyện Đức Trọng", "Công an tỉnh"), a
field and an optional parent ("Sở Y tế tỉnh Lâm Đồng", "Ban Tuyên giáo Tỉnh ủy") or a proper name
("Bệnh viện Chợ Rẫy"). Short forms are completed from the article: "UBND huyện" in an article about
huyện Đức Trọng is "UBND huyện Đức Trọng" (the nearest place of that level named before it, else
the first named after it). Places inside an organisation name are locations too.

Conventions: an organisation's name keeps the head as written ("UBND" or "Ủy ban nhân dân"), with
the place spelled as the article first spells it correctly ("huyện Đức trọng" -> "Đức Trọng");
a location's name is the place alone, without its level word ("huyện Đức Trọng" -> "Đức Trọng"),
except numbered places ("Quận 1").

Province spelling: a name the article writes out keeps the article's spelling, with or without
"tỉnh" ("Sở GD-ĐT Hà Nội", "Sở Giao thông vận tải Quảng Ngãi": the majority of the corpus's expected
records); a short form completed from the article's places gets the level word ("Sở Y tế" -> "Sở Y
tế tỉnh Bến Tre"). A short form completed from a longer one the article writes takes that one as is.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc

from vnextract.pipeline.extract import places as P
from vnextract.pipeline.extract.article_index import ArticleIndex, complete_name
from vnextract.pipeline.extract.component import SpanExtractor, valued_spans
from vnextract.pipeline.extract.locations import (
    _add_table_places,
    _bare_places,
    _collect_places,
    _inside_known_place,
    _listed_places,
    _org_places,
    _plural_before,
)
from vnextract.pipeline.extract.names import (
    Word,
    doc_words,
    is_name_syllable,
    joined,
    opening_words,
    tokenize,
)
from vnextract.pipeline.extract.org_context import (
    join_comma_parent,
    learn_alias,
    role_tables,
    role_through_head,
    unit_org,
)
from vnextract.pipeline.extract.organizations import (
    Org,
    Parser,
    abbreviated_city,
    org_heads,
    org_name,
)
from vnextract.pipeline.extract.place_provinces import with_provinces
from vnextract.pipeline.extract.values import (
    LOCATIONS,
    ORGANIZATIONS,
    EntityValue,
    doc_text,
)

LOGGER = logging.getLogger(__name__)

# Its own API, and the passes' names that persons.py and persons_titles.py reach through it
# (`E.Parser`, ...; see below): re-exported on purpose.
__all__ = [
    "EntitiesComponent",
    "EntityAnalysis",
    "Parser",
    "article_index",
    "complete_name",
    "entity_analysis",
    "make_entities",
    "org_heads",
    "org_name",
    "resolve_organization",
    "tokenize",
]


@dataclass(frozen=True)
class EntityAnalysis:
    """What the entity pass finds in one doc: the article index that other extractors complete
    short names from, and the organisation and location spans of the record."""

    index: ArticleIndex
    organizations: list[tuple[int, int, EntityValue]]  # char start, char end, value
    locations: list[P.Located]


# The documents component asks for the article index before the entities component runs: the
# analysis is kept on the Doc by whichever needs it first, and read by the others.
if not Doc.has_extension("entity_analysis"):
    Doc.set_extension("entity_analysis", default=None)

# The passes live in their own modules: `article_index` (what the article names), `organizations`
# (the grammar and `org_name`), `org_context` (roles, comma parents, acronyms), `locations`
# (place collection and location spans). This module wires them into the component and keeps
# `resolve_organization`, which documents.py, persons.py and persons_titles.py call; persons.py
# and persons_titles.py also reach `Parser`, `org_heads`, `org_name`, `complete_name`, `tokenize` and
# `article_index` through `entities` (`E.Parser`, ...), so those names stay importable from here.


def entity_analysis(doc: Doc) -> EntityAnalysis:
    """The entity analysis of a Doc, run the first time any component asks for it."""
    analysis: EntityAnalysis | None = doc._.entity_analysis
    if analysis is None:
        analysis = doc._.entity_analysis = _analyse(doc)
    return analysis


def article_index(doc: Doc) -> ArticleIndex:
    """What the article names (places, bodies, aliases), analysed once per Doc."""
    return entity_analysis(doc).index


def resolve_organization(doc: Doc, phrase: str, position: int) -> str | None:
    """The resolved full name of an organisation phrase written at char `position`, else None.

    "Huyện ủy" -> "Huyện ủy Đức Trọng", "UBND huyện" -> "UBND huyện Đức Trọng" in an article
    about huyện Đức Trọng; "Bộ Y tế" -> "Bộ Y tế"; None when the phrase is no organisation.
    """
    words = tokenize(phrase)
    if not words:
        return None
    index = article_index(doc)
    if phrase.strip() in index.aliases:
        return index.aliases[phrase.strip()]
    org = Parser(phrase, words, index, any_case=True).org_at(0)
    if org is None or org.end != len(words):
        return None
    return complete_name(index, org_name(org, index, position), position)


# --- the component ------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _openers() -> tuple[frozenset[str], frozenset[str]]:
    """The words (as written, folded) at which `_analyse` may find a role, an organisation or a
    level: any other word, unless the article defined it as an acronym, is stepped over."""
    return opening_words(*role_tables(), org_heads()[0], P.levels())


def _analyse(doc: Doc) -> EntityAnalysis:
    """Find every organisation and location of the doc, and the article index."""
    text, words = doc_text(doc), doc_words(doc)
    index = ArticleIndex()
    _collect_places(text, words, index)
    _add_table_places(text, words, index)
    index.places.sort(key=lambda p: p.start)
    parser = Parser(text, words, index)
    exact, _ = org_heads()
    found: list[tuple[Org | str, int, int]] = []  # parsed organisation (or alias name), word span
    locs: list[P.Located] = []
    claimed = [False] * len(words)
    written, folded = _openers()
    i = 0
    while i < len(words):
        word = words[i]
        if word.text not in written and word.folded not in folded and word.text not in index.aliases:
            i += 1  # most words: no role, head, level or acronym opens here (each look-up says None)
            continue
        through = role_through_head(words, i)
        if through is not None:  # "Ủy viên Ban Thường vụ | Tỉnh ủy": the Ban is part of the role
            i = through
            continue
        unit = unit_org(text, words, index, i)
        if unit is not None:  # "Trưởng phòng Cảnh sát giao thông Công an tỉnh": a Phòng
            join_comma_parent(parser, unit, found)
            found.append((unit, unit.start, unit.end))
            locs += _org_places(unit, words)
            for k in range(unit.start, unit.end):
                claimed[k] = True
            i = unit.end
            continue
        alias = words[i].text in index.aliases and not (i + 1 < len(words) and is_name_syllable(words[i + 1].text))
        org = parser.org_at(i) if exact.match(words, i) and not alias else None
        if org is not None and org.end == i + 1 and words[i].text in index.aliases:
            org, alias = None, True  # "Tổng Thư ký VFF Hoàng Anh Kiệt": the acronym defined earlier
        if org is None and alias:
            found.append((index.aliases[words[i].text], i, i + 1))
            claimed[i] = True
            i += 1
            continue
        if org is not None:
            join_comma_parent(parser, org, found)
            found.append((org, org.start, org.end))
            locs += _org_places(org, words)
            for k in range(org.start, org.end):
                claimed[k] = True
            learn_alias(text, words, org, index)
            i = org.end
            continue
        level = P.levels().match(words, i)  # rare, so checked before the look-back
        if level and (_inside_known_place(words, i) or abbreviated_city(words, i, level[0])):
            level = None
        if level:
            read = parser.level_place(i, parser.role_before(i))
            place, lv, end = read.place, read.level, read.end
            if place and lv:
                if place.name.isdigit():  # "Quận 1": the level is part of the name
                    value = EntityValue(_text(text, words, i, place.end), lv.kind)
                    locs.append(P.Located(words[i].start, words[place.end - 1].end, value))
                else:
                    value = EntityValue(place.name, place.kind or lv.kind)
                    locs.append(P.Located(words[place.start].start, words[place.end - 1].end, value))
                    if _plural_before(words, i):
                        end = _listed_places(parser, end, lv, locs)
                for k in range(i, end):
                    claimed[k] = True
                i = end
                continue
        i += 1
    locs += _bare_places(text, words, index, claimed)
    # full forms first, so that short forms can be completed from them
    index.orgs = [
        (words[i].start, org_name(org, index, words[i].start))
        for org, i, _ in found
        if isinstance(org, Org) and (org.place or org.parent is not None)
    ]
    orgs = []
    for parsed, i, j in found:
        start, end = words[i].start, words[j - 1].end
        if isinstance(parsed, str):
            orgs.append((start, end, EntityValue(parsed, index.alias_kinds.get(parsed, "other"))))
        else:
            orgs.append((start, end, EntityValue(complete_name(index, org_name(parsed, index, start), start), parsed.kind)))
    index.orgs = [(start, value.name) for start, _, value in orgs]
    return EntityAnalysis(index, orgs, with_provinces(text, locs, doc._.published))


def _text(text: str, words: Sequence[Word], i: int, j: int) -> str:
    return joined(text, words, i, j)


class EntitiesComponent(SpanExtractor):
    """Sets doc.spans["organizations"] and doc.spans["locations"] (the analysis is shared with the
    documents component: `entity_analysis` runs once per doc)."""

    def match(self, doc: Doc) -> EntityAnalysis:
        return entity_analysis(doc)

    def set_annotations(self, doc: Doc, found: EntityAnalysis) -> None:
        doc.spans[ORGANIZATIONS] = valued_spans(doc, found.organizations, "ORG", "entity")
        locations = [(loc.start, loc.end, loc.value) for loc in found.locations]
        doc.spans[LOCATIONS] = valued_spans(doc, locations, "LOC", "entity")


@Language.factory("vnx_entities")
def make_entities(nlp: Language, name: str) -> EntitiesComponent:
    return EntitiesComponent(nlp, name)

