"""Organisations read from their context: the role before a phrase, a comma parent, an acronym.

A role may carry the unit of its organisation ("Trưởng phòng GD-ĐT huyện" -> "Phòng GD-ĐT huyện
...") or contain a head word of its own ("Ủy viên Ban Thường vụ Tỉnh ủy": the body is the Tỉnh ủy);
a unit may be housed by the body after a comma ("Trung tâm Chống độc, Bệnh viện Bạch Mai"); a
bracketed acronym after a name stands for it later in the article ("Liên đoàn Bóng đá Việt Nam
(VFF)").
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from vnextract.pipeline.extract.article_index import ArticleIndex
from vnextract.pipeline.extract.lexicons import load_tsv
from vnextract.pipeline.extract.names import (
    PhraseTable,
    Word,
    is_acronym,
    is_name_syllable,
    tokenize,
)
from vnextract.pipeline.extract.organizations import Org, Parser, org_heads, org_name


@lru_cache(maxsize=1)
def _head_roles() -> PhraseTable[str]:
    """Roles with an organisation head inside them ("Ủy viên Ban Thường vụ", "Phó Trưởng ban
    Thường trực"), with their unit word ("Ban") or ""."""
    _, folded = org_heads()
    rows = []
    for r in load_tsv("roles.tsv"):
        words = tokenize(r[0])
        unit = r[1] if len(r) > 1 and ":" not in r[1] and r[1] != "needs-org" else ""
        if any(folded.match(words, k) for k in range(1, len(words))):
            rows.append((r[0], unit))
    return PhraseTable(rows, "fold")


def role_through_head(words: Sequence[Word], i: int) -> int | None:
    """End of a role at words[i] whose head word belongs to the role, not to an organisation:
    "Ủy viên Ban Thường vụ Tỉnh ủy" (the organisation is the Tỉnh ủy), "Phó Trưởng ban Thường trực
    Ban An toàn giao thông" (the unit "Ban" is written again after the role). A role whose unit
    starts the organisation ("Trưởng Ban Tổ chức") is not one."""
    found = _head_roles().match(words, i)
    if not found:
        return None
    end = i + found[0]
    if found[1] and (end >= len(words) or words[end].folded != found[1].casefold()):
        return None
    return end


@lru_cache(maxsize=1)
def _unit_roles() -> PhraseTable[str]:
    """Roles whose organisation starts with a unit word the role contains: "Trưởng phòng" -> "Phòng"."""
    rows = load_tsv("roles.tsv")
    return PhraseTable(((r[0], r[1]) for r in rows if len(r) > 1 and r[1] and ":" not in r[1] and r[1] != "needs-org"), "fold")


def role_tables() -> tuple[PhraseTable[str], PhraseTable[str]]:
    """The two role tables `role_through_head` and `unit_org` look words up in (a word that opens
    no phrase of either gives None from both)."""
    return _head_roles(), _unit_roles()


def unit_org(text: str, words: Sequence[Word], index: ArticleIndex, i: int) -> Org | None:
    """The organisation folded into a role: "Trưởng phòng GD-ĐT huyện" is a title of "Phòng GD-ĐT
    huyện ...", an organisation the article names though it never writes "Phòng" before it. The
    unit word of the role starts the organisation's span; the field after it must be capitalised."""
    role = _unit_roles().match(words, i)
    if not role:
        return None
    j = i + role[0]
    if j >= len(words) or words[j].folded == role[1].casefold():
        return None
    if not (is_name_syllable(words[j].text) or is_acronym(words[j].text)):
        return None
    synthetic = role[1] + " " + text[words[j].start : words[j].start + 300]
    org = Parser(synthetic, tokenize(synthetic), index, any_case=True).org_at(0, before_name=True)
    if org is None or org.end <= 1:
        return None
    _shift(org, j - 1)  # synthetic word k is words[j - 1 + k]; word 0 (the unit) stands on the role's
    return org


def _shift(org: Org | None, by: int) -> None:
    """Move an organisation parsed over other words by `by` word positions."""
    while org is not None:
        org.start, org.end = org.start + by, org.end + by
        if org.place_span:
            org.place_span = (org.place_span[0] + by, org.place_span[1] + by)
        org = org.parent


def join_comma_parent(parser: Parser, org: Org, found: list[tuple[Org | str, int, int]]) -> None:
    """"Phòng Công tác sinh viên, Đại học Huế", "Trung tâm Chống độc, Bệnh viện Bạch Mai": a unit
    written without a place, then a comma and a body of a kind that houses such units, is that
    body's unit. Not in a list ("Phòng A, Phòng B, Công an tỉnh"; "Sở Y tế, Bệnh viện X và ...")."""
    words = parser.words
    if org.parent is not None or org.place or org.level or org.end + 1 >= len(words) or words[org.end].text != ",":
        return
    head = org_heads()[1].match(words, org.start)  # any case: "Trưởng phòng X, Đại học Huế" starts at "phòng"
    if not head or not head[1].comma_parents:
        return
    if org.start > 0 and words[org.start - 1].text in (",", "và") and found and found[-1][2] == org.start - 1:
        return
    parent = parser.org_at(org.end + 1)
    if parent is None or parent.kind not in head[1].comma_parents:
        return
    after = parser.word(parent.end)
    if after in (",", "và", "&") and org_heads()[0].match(words, parent.end + 1):
        return
    org.parent, org.end = parent, parent.end


def learn_alias(text: str, words: Sequence[Word], org: Org, index: ArticleIndex) -> None:
    """"Liên đoàn Bóng đá Việt Nam (VFF)": later "VFF" means the full name (of the parent, after a
    standing body: "Ban Chấp hành Liên đoàn Bóng đá Việt Nam (VFF)")."""
    j = org.end
    while org.body_of_parent and org.parent is not None:
        org = org.parent
    if j + 2 < len(words) and words[j].text == "(" and words[j + 2].text == ")" and is_acronym(words[j + 1].text):
        name = org_name(org, index, words[org.start].start)
        index.aliases.setdefault(words[j + 1].text, name)
        index.alias_kinds.setdefault(name, org.kind)
