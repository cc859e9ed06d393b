"""Titles written next to a person's name: role (the position alone) + resolved organisation.

"Phó Bí thư Thường trực Huyện ủy" -> role "Phó Bí thư Thường trực", organisation "Huyện ủy Đức
Trọng"; "Thượng tá" -> role "Thượng tá" (a rank is a title on its own); "Trưởng Ban Tổ chức Tỉnh
ủy" -> role "Trưởng Ban", organisation "Ban Tổ chức Tỉnh ủy Đắk Lắk"; "Tổng thống Mỹ" -> role
"Tổng thống", organisation "Mỹ" (for heads of state and government the country is the body whose
position it is). "nguyên"/"cựu" (former) and "Quyền" (acting) stay part of the role: "nguyên Chủ tịch".
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc

from vnextract.pipeline.extract import entities as E
from vnextract.pipeline.extract import places as P
from vnextract.pipeline.extract.lexicons import load_tsv
from vnextract.pipeline.extract.names import (
    PhraseTable,
    Word,
    doc_words,
    is_name_syllable,
    is_surname,
    joined,
    tokenize,
)
from vnextract.pipeline.extract.organizations import listed_field
from vnextract.pipeline.extract.values import TitleValue, doc_text

# Words before a role that stay part of it: former ("nguyên", "cựu") and acting ("Quyền Giám đốc",
# capitalised: "chính quyền Tổng thống X" is an administration, not an acting president)
_FORMER = {"nguyên", "cựu"}
_ACTING = "Quyền"


def role_prefix(words: Sequence[Word], i: int) -> bool:
    """words[i] is "nguyên", "cựu" or "Quyền" before a role."""
    return i < len(words) and (words[i].folded in _FORMER or words[i].text == _ACTING)


# The longest organisation an apposition may give a title, in words ("Đội chỉ huy giao thông và
# điều khiển đèn tín hiệu giao thông (PC67)" is 18)
MAX_TITLE_ORG_WORDS = 20


@lru_cache(maxsize=1)
def known_names() -> PhraseTable[str]:
    """Companies, banks, clubs, leagues, venues and outlets (known_names.tsv), case as written."""
    return PhraseTable(((r[0], r[1]) for r in load_tsv("known_names.tsv")), "exact")


def known_name_length(words: Sequence[Word], i: int) -> int:
    """Words of the place or known name at words[i], the longer of the two ("Hà Nội FC" is a club,
    not the city), or 0."""
    return max((m[0] for m in (P.known_places().match(words, i), known_names().match(words, i)) if m), default=0)


@dataclass(frozen=True)
class Role:
    """A row of roles.tsv or ranks.tsv."""

    rank: bool = False  # a rank or degree: a title by itself, never followed by an organisation
    unit: str | None = None  # the organisation starts with this word ("Ban", "Phòng")
    implied: str | None = None  # organisation implied by the role ("Tỉnh ủy" for "Tỉnh ủy viên")
    needs_org: bool = False
    field_unit: str | None = None  # "Bộ" for "Bộ trưởng": a listed field after the role is "Bộ" + field
    # heads of the organisation the article names for this role when the title does not write one
    # ("Thẩm phán" -> the court: "TAND", "Tòa án nhân dân"; "HLV" -> the team: "đội tuyển", "CLB")
    of: tuple[str, ...] = ()


def _of(extra: str) -> tuple[str, ...]:
    return tuple(h.strip() for h in extra[3:].split("|") if h.strip()) if extra.startswith("of:") else ()


@lru_cache(maxsize=1)
def roles() -> PhraseTable[Role]:
    """Roles, ranks and degrees, any case."""
    entries = []
    for row in load_tsv("roles.tsv"):
        extra = row[1] if len(row) > 1 else ""
        entries.append((row[0], Role(
            unit=extra if extra and ":" not in extra and extra != "needs-org" else None,
            implied=extra.split(":", 1)[1] if extra.startswith("implied:") else None,
            needs_org=extra == "needs-org",
            field_unit=extra.split(":", 1)[1] if extra.startswith("field:") else None,
            of=_of(extra),
        )))
    entries += [(row[0], Role(rank=True, of=_of(row[1] if len(row) > 1 else ""))) for row in load_tsv("ranks.tsv")]
    return PhraseTable(entries, "fold")


def role_of(role: str) -> Role | None:
    """The table row of a whole role phrase ("nguyên Thẩm phán" -> the row of "Thẩm phán"), or None."""
    words = tokenize(role)
    i = 1 if role_prefix(words, 0) else 0
    for length, row in roles().matches(words, i):
        if i + length == len(words):
            return row
    return None


class TitleParser:
    """Parses titles over the words of one doc."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.text = doc_text(doc)
        self.words: Sequence[Word] = doc_words(doc)
        self.index = E.article_index(doc)
        self.parser = E.Parser(self.text, self.words, self.index, any_case=True)

    def org_at(self, j: int, before_name: bool = True, level_places: bool = True) -> tuple[int, str] | None:
        """(end, resolved name) of an organisation or a country written at words[j]; `before_name`:
        a person's name may follow it (not so in apposition after the name)."""
        org = self.parser.org_at(j, before_name=before_name)
        if org is not None and org.end == j + 1 and self.words[j].text in self.index.aliases:
            return j + 1, self.index.aliases[self.words[j].text]  # "Chủ tịch VFF": the name it stands for
        if org is not None:
            start = self.words[j].start
            return org.end, E.complete_name(self.index, E.org_name(org, self.index, start), start)
        # a country, city or province ("Tổng thống Pháp", "Thị trưởng London"), or a known company or
        # club ("CEO Facebook", "Tổng giám đốc Vietcombank")
        found = known_name_length(self.words, j)
        if found:
            written = joined(self.text, self.words, j, j + found)
            return j + found, self.index.aliases.get(written, written)  # "Vietcombank": its full name
        # a place with its level is a title's organisation right after the role, never a parent
        # after a comma ("nguyên Chủ tịch UBND xã A, huyện B": the commune's, not the district's)
        return (self._level_place(j, before_name) if level_places else None) or self._bare_head(j, before_name)

    def _bare_head(self, j: int, before_name: bool) -> tuple[int, str] | None:
        """"Giám đốc Sở Trần Thế Cương": a head word alone before a name is the organisation the
        article names with that head ("Sở" -> "Sở Giáo dục và Đào tạo Hà Nội" when it names one)."""
        head = E.org_heads()[0].match(self.words, j)
        if not before_name or not head or head[0] != 1 or j + 1 >= len(self.words):
            return None
        k = j + 1
        while k < len(self.words) and is_name_syllable(self.words[k].text) and k - j <= 5:
            k += 1
        if not (is_surname(self.words[j + 1].text) and 3 <= k - j - 1 <= 4):
            return None
        written = self.words[j].text
        return j + 1, E.resolve_organization(self.doc, written, self.words[j].start) or written

    def _posting(self, org: tuple[int, str]) -> tuple[int, str]:
        """A country's post abroad keeps where it is: "Đại sứ Nga tại Liên hợp quốc", "Đại sứ
        Việt Nam tại Nhật Bản" (organisation "Nga tại Liên hợp quốc")."""
        end, name = org
        if end + 1 >= len(self.words) or self.words[end].folded != "tại" or not P.table_place(name, "country"):
            return org
        place = P.known_places().match(self.words, end + 1)
        there = (end + 1 + place[0], joined(self.text, self.words, end + 1, end + 1 + place[0])) if place else None
        if there is None:
            found = self.parser.org_at(end + 1, before_name=True)
            there = (found.end, joined(self.text, self.words, end + 1, found.end)) if found is not None else None
        return (there[0], f"{name} tại {there[1]}") if there else org

    def _level_place(self, j: int, before_name: bool) -> tuple[int, str] | None:
        """A place the tables do not know, written with its level: "Thị trưởng thị trấn Ollolai".
        Before a name, the name keeps its family name onwards or, foreign, its last two words."""
        level = P.levels().match(self.words, j)
        if not level:
            return None
        k = j + level[0]
        end = P.name_run(self.words, k)
        if end == k:
            return None
        if before_name:
            family = next((m for m in range(k + 1, end) if is_surname(self.words[m].text)), None)
            end = family if family is not None else end - 2
            if end <= k:
                return None
        return end, joined(self.text, self.words, j, end)

    def title_at(self, i: int, end_limit: int | None = None, before_name: bool = True) -> tuple[int, TitleValue] | None:
        """The longest title starting at words[i]: (end index, TitleValue), or None."""
        start = i
        if role_prefix(self.words, i):
            i += 1
        best: tuple[int, TitleValue] | None = None
        for length, role in roles().matches(self.words, i):
            j = i + length
            if role.rank:
                if j < len(self.words) and self.words[j].text == "." and self._abbrev(i, j):
                    j += 1
                # a rank that belongs to one kind of body may name it: "HLV Chelsea", "HLV đội tuyển Anh"
                org = self.org_at(j, before_name, level_places=False) if role.of else None
                if org is not None and (end_limit is None or org[0] <= end_limit):
                    return org[0], self._title(start, org[0], start, j, org[1])
                return j, self._title(start, j, start, j, None)
            field = self._field_org(j, role.field_unit) if role.field_unit else None
            if field is not None and field[2] is not None:
                # a foreign ministry: the portfolio is part of the role, the country its body
                # ("Bộ trưởng Ngoại giao Nga" -> role "Bộ trưởng Ngoại giao", organisation "Nga")
                country = joined(self.text, self.words, field[2], field[0])
                return field[0], self._title(start, field[0], start, field[2], country)
            org = field[:2] if field is not None else None
            if role.unit and j < len(self.words) and self.words[j].folded != role.unit.casefold():
                org = self._unit_org(j, role.unit)
            if org is None:
                org = self.org_at(j, before_name)
            if org is not None:
                org = self._posting(org)
            if org is not None and (end_limit is None or org[0] <= end_limit):
                candidate = (org[0], self._title(start, org[0], start, j, org[1]))
                if best is None or candidate[0] > best[0]:
                    best = candidate
                continue
            if role.needs_org:
                continue
            organization = None
            if role.implied:
                organization = E.resolve_organization(self.doc, role.implied, self.words[i].start)
                if organization == role.implied:  # no place to complete it with
                    organization = None
            if best is None:
                best = (j, self._title(start, j, start, j, organization))
        return best

    def apposition(
        self, i: int, parsed: tuple[int, TitleValue] | None, clause_end: int
    ) -> tuple[int, TitleValue] | None:
        """A title written after a name runs to the end of its clause: "ông X, Giám đốc Trung tâm
        dịch vụ bán đấu giá tài sản Nghệ An cho biết" -> organisation "Trung tâm dịch vụ bán đấu
        giá tài sản Nghệ An", where the grammar of organisations stops early or finds none. The
        rest of the clause must open with a capitalised word (a name, not "một công ty")."""
        start = i
        if role_prefix(self.words, i):
            i += 1
        found = roles().match(self.words, i)
        if not found or found[1].rank:
            return parsed
        j = i + found[0]
        if parsed is not None and parsed[1].role != joined(self.text, self.words, start, j):
            return parsed
        if parsed is not None and parsed[1].organization and not self._runs_on(parsed[0], clause_end):
            return parsed  # the grammar of organisations found the whole name
        if j >= clause_end or clause_end - j > MAX_TITLE_ORG_WORDS or not self.words[j].text[:1].isupper():
            return parsed
        org = joined(self.text, self.words, j, clause_end)
        unit = found[1].unit
        if unit and self.words[j].folded != unit.casefold():
            org = f"{unit} {org}"
        return clause_end, self._title(start, clause_end, start, j, E.complete_name(self.index, org, self.words[j].start))

    def _runs_on(self, end: int, clause_end: int) -> bool:
        """The organisation the grammar read stops short of a clause that a comma, a bracket or a
        verb of saying closes: "Phòng CSGT | Đường bộ - Đường sắt,", "Công ty cổ phần Đầu tư | và
        thương mại Dầu khí Sông Đà)". A full stop or a line end is no such proof."""
        if end >= clause_end or clause_end >= len(self.words):
            return False
        return self.words[clause_end].text in (",", ")", ";") or self.words[clause_end].text[:1].islower()

    def _field_org(self, j: int, unit: str) -> tuple[int, str, int | None] | None:
        """"Bộ trưởng Tài chính" -> (end, "Bộ Tài chính", None); a foreign country after the field
        ends the title and is returned by where it starts ("Bộ trưởng Ngoại giao Nga")."""
        length = listed_field(self.words, j)
        if not length:
            return None
        end = j + length
        ministry = f"{unit} {joined(self.text, self.words, j, end)}"
        country = P.known_places().match(self.words, end)
        if country and country[1].kind == "country" and country[1].name != "Việt Nam":
            return end + country[0], ministry, end
        return end, ministry, None

    def _unit_org(self, j: int, unit: str) -> tuple[int, str] | None:
        """The organisation of "Trưởng phòng Cảnh sát giao thông ...": "Phòng" + what follows."""
        phrase_start = self.words[j].start if j < len(self.words) else len(self.text)
        synthetic = unit + " " + self.text[phrase_start : phrase_start + 200]
        words = E.tokenize(synthetic)
        org = E.Parser(synthetic, words, self.index, any_case=True).org_at(0, before_name=True)
        if org is None or org.end <= 1:
            return None
        consumed_end = words[org.end - 1].end - len(unit) - 1 + phrase_start
        end = j
        while end < len(self.words) and self.words[end].end <= consumed_end:
            end += 1
        name = E.org_name(org, self.index, phrase_start)
        return end, E.complete_name(self.index, name, phrase_start)

    def _abbrev(self, i: int, j: int) -> bool:
        return all(len(w.text) <= 5 for w in self.words[i:j])

    def _title(self, start: int, end: int, role_start: int, role_end: int, org: str | None) -> TitleValue:
        return TitleValue(
            text=joined(self.text, self.words, start, end),
            role=joined(self.text, self.words, start, role_end),
            organization=org,
        )

