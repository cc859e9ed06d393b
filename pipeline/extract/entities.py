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
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc

from pipeline.extract import places as P
from pipeline.extract.lexicons import load_tsv
from pipeline.extract.names import (
    PhraseTable,
    Word,
    doc_words,
    is_acronym,
    is_name_syllable,
    is_surname,
    joined,
    tokenize,
)
from pipeline.extract.values import LOCATIONS, ORGANIZATIONS, EntityValue, char_span, doc_text

LOGGER = logging.getLogger(__name__)

# Kinds of body that may be the parent of a Ban/Phòng/Sở... ("Ban Tuyên giáo Tỉnh ủy").
_PARENT_KINDS = {"party", "government", "legislature", "police", "court", "procuracy", "mass", "military"}
# Legal-form and lowercase words allowed inside a proper organisation name.
_NAME_PARTS = PhraseTable(
    ((p, True) for p in (
        "TNHH", "MTV", "CP", "cổ phần", "trách nhiệm hữu hạn", "một thành viên", "Đa khoa", "đa khoa",
        "khoa", "Tiểu học", "tiểu học", "Mầm non", "mầm non", "THCS", "THPT", "PTDTNT", "Đại học",
        "đại học", "dân lập", "tư thục", "chuyên", "Quốc tế", "quốc tế", "Trung ương", "trung ương",
        "Y Dược", "Y dược", "Sư phạm", "Bách khoa", "Kinh tế", "Nông Lâm", "Nhi", "Phụ sản", "Thế giới",
    )),
    "exact",
)
# Capitalised words that open a sentence before a place ("Tại Thanh Hóa, ...").
_OPENERS = {"Tại", "Ở", "Từ", "Đến", "Theo", "Trong", "Ngoài", "Cả", "Riêng", "Còn", "Với", "Sang", "Về"}
# Words after which a bare, ambiguous country name ("Anh", "Đức", "Nga") is a place.
_PLACE_CUES = {"tại", "ở", "nước", "của", "với", "sang", "đến", "từ", "và", "thăm", "giữa", "phía", "quốc", "xứ"}


@dataclass(frozen=True)
class Head:
    """A row of org_heads.tsv."""

    kind: str
    takes: str  # fixed, place, level, field, name, body, team
    rank: str | None  # level implied by a place-type head
    alone: bool
    comma_parents: frozenset[str] = frozenset()  # kinds of parent it may follow after a comma


@dataclass
class Org:
    """A parsed organisation phrase: words[start:end], its parts, and what is left to resolve."""

    start: int
    end: int
    kind: str
    prefix: str  # head (+ field/name) as written
    level: str | None = None  # level word as written ("huyện")
    rank: str | None = None  # the rank of place it needs (from the level word or the head)
    place: str | None = None  # place as written
    place_span: tuple[int, int] | None = None  # words of the place
    place_kind: str | None = None
    parent: "Org | None" = None
    implied: bool = False  # a Sở: belongs to the province of the article when none is written
    body_of_parent: bool = False  # "Ban Chấp hành <parent>": an acronym after it names the parent


@dataclass
class Place:
    """A place named in the article."""

    name: str
    kind: str
    rank: str | None
    start: int  # char offsets of the mention
    end: int
    provincial: bool = False  # a province or centrally-run city
    level: str | None = None  # the level word written before it ("TP", "thành phố")


@dataclass
class ArticleIndex:
    """What the entity pass learned about an article, reused by resolve_organization."""

    places: list[Place] = field(default_factory=list)
    orgs: list[tuple[int, str]] = field(default_factory=list)  # (char start, full name) in order
    spellings: dict[str, P.KnownPlace] = field(default_factory=dict)  # casefolded name -> place
    aliases: dict[str, str] = field(default_factory=dict)  # "VFF" -> "Liên đoàn Bóng đá Việt Nam"
    alias_kinds: dict[str, str] = field(default_factory=dict)


@lru_cache(maxsize=1)
def _heads() -> tuple[PhraseTable[Head], PhraseTable[Head]]:
    rows = [
        (r[0], Head(r[1], r[2], r[3] or None, r[4] == "1", frozenset(k for k in (r[5] if len(r) > 5 else "").split(",") if k)))
        for r in load_tsv("org_heads.tsv")
    ]
    return PhraseTable(rows, "exact"), PhraseTable(rows, "fold")


def _field_rows(team: bool) -> list[list[str]]:
    return [r for r in load_tsv("org_fields.tsv") if (len(r) > 1 and r[1] == "team") == team]


@lru_cache(maxsize=1)
def _fields() -> PhraseTable[bool]:
    return PhraseTable(((r[0], True) for r in _field_rows(team=False)), "fold")


@lru_cache(maxsize=1)
def _lower_fields() -> PhraseTable[bool]:
    """Lowercase words that go on a name ("Chính sách y tế", "Chính trị quốc gia")."""
    return PhraseTable(((r[0], True) for r in _field_rows(team=False) if r[0][:1].islower()), "exact")


@lru_cache(maxsize=1)
def _team_words() -> PhraseTable[bool]:
    """Sport, sex and age words of a team name ("bóng chuyền", "nữ", "Olympic")."""
    return PhraseTable(((r[0], True) for r in _field_rows(team=True)), "fold")


_JOIN = {"và", "-", "&"}


@lru_cache(maxsize=1)
def _roles() -> PhraseTable[bool]:
    rows = load_tsv("roles.tsv") + load_tsv("ranks.tsv") + load_tsv("honorifics.tsv")
    return PhraseTable(((r[0], True) for r in rows), "fold")


# --- parsing ------------------------------------------------------------------------------------


class Parser:
    """Organisation and place grammar over the words of one text."""

    def __init__(self, text: str, words: Sequence[Word], index: ArticleIndex, any_case: bool = False):
        self.text, self.words, self.index, self.any_case = text, words, index, any_case

    def word(self, i: int) -> str:
        return self.words[i].text if i < len(self.words) else ""

    def role_before(self, i: int) -> bool:
        """A role or rank word ends right before words[i], or before the organisation head that
        ends there ("Chủ tịch UBND | tỉnh ...")."""
        exact, folded = _heads()
        ends = {i}
        for back in range(1, 6):
            k = i - back
            if k < 0:
                break
            for length, _ in folded.matches(self.words, k):
                if k + length == i:
                    ends.add(k)
        for e in ends:
            for back in range(4, 0, -1):  # the longest role: "Hiệu trưởng", not "trưởng"
                k = e - back
                if k < 0:
                    continue
                for length, _ in _roles().matches(self.words, k):
                    if k + length == e:
                        return not self._apposition(k)
        return False

    def _apposition(self, k: int) -> bool:
        """The role at words[k] follows "<person's name>, ": "Bà Nguyễn Thị Lan Anh, Hiệu trưởng
        Trường THCS Trần Mai Ninh" -- the title belongs to that name, none follows the organisation."""
        if k < 2 or self.word(k - 1) != ",":
            return False
        end = k - 1
        start = end
        while start > 0 and is_name_syllable(self.word(start - 1)):
            start -= 1
        while start < end and self.word(start) in _OPENERS:
            start += 1
        cue = any(k2 + n == start for k2 in range(max(0, start - 4), start) for n, _ in _roles().matches(self.words, k2))
        lead = _roles().match(self.words, start)  # "Bà Nguyễn Thị Lan Anh": the cue is capitalised
        if lead and start + lead[0] < end and not is_surname(self.word(start)):
            start, cue = start + lead[0], True
        if end - start < 2 or P.known_places().match(self.words, start) or _heads()[0].match(self.words, start):
            return False
        return cue or is_surname(self.word(start))

    def place_at(
        self, i: int, before_name: bool, provincial: bool = False, numbered: bool = False
    ) -> tuple[int, str, str | None] | None:
        """(end, name, kind) of a place name at words[i] (a number for "Quận 1"), or None."""
        if i >= len(self.words):
            return None
        if self.word(i).isdigit():
            return i + 1, self.word(i), None
        for length in range(min(5, len(self.words) - i), 0, -1):  # case typos of known places
            spelled = " ".join(w.text for w in self.words[i : i + length])
            known = self.index.spellings.get(spelled.casefold())
            if known and is_name_syllable(self.word(i)) and "\n" not in spelled:
                return i + length, known.name, known.kind
        end = P.name_run(self.words, i)
        if end == i:
            return None
        n = P.split_place_run(self.words, i, end, before_name, self.index.spellings, provincial)
        if n == 0:
            return None
        if numbered and i + n == end and _place_number(self.words, end):
            n += 1  # "xã Hòa Tú 1", "phường Vĩnh Hải 2": the number is part of the name
        return i + n, joined(self.text, self.words, i, i + n), None

    def level_place(self, i: int, before_name: bool) -> tuple[int, str | None, P.Level | None, tuple | None]:
        """An optional level word and place at words[i]: (end, level text, level, place parse)."""
        level = P.levels().match(self.words, i)
        if level and abbreviated_city(self.words, i, level[0]):
            level = None
        if level:
            j = i + level[0]
            place = self.place_at(j, before_name, level[1].rank == "tỉnh", level[1].kind == "commune")
            if place and P.common_noun_level(self.word(i)) and place[0] - j < 2 and not place[1].isdigit():
                place = None
            return (place[0] if place else j), joined(self.text, self.words, i, j), level[1], (
                (j, *place) if place else None
            )
        table = P.known_places().match(self.words, i)
        if table and table[1].kind in ("province", "city", "country", "region"):
            return i + table[0], None, None, (i, i + table[0], self._text(i, i + table[0]), table[1].kind)
        return i, None, None, None

    def org_at(self, i: int, before_name: bool = False, depth: int = 0) -> Org | None:
        """The organisation phrase starting at words[i], or None."""
        exact, folded = _heads()
        head = (folded if self.any_case else exact).match(self.words, i)
        if not head or depth > 2:
            return None
        length, info = head
        j = i + length
        if info.takes == "fixed":
            org = Org(i, j, info.kind, self._text(i, j))
            if info.kind in ("government", "legislature"):
                table = P.known_places().match(self.words, j)
                if table and table[1].kind == "country":
                    org.place, org.place_span, org.place_kind = table[1].name, (j, j + table[0]), "country"
                    org.end = j + table[0]
            return org
        if info.takes == "team":
            return self._team(i, j, info)
        if info.takes == "body":
            parent = self.org_at(j, before_name, depth + 1)
            if parent is not None:
                return Org(i, parent.end, info.kind, self._text(i, j), parent=parent, body_of_parent=True)
        if info.takes == "place":
            org = Org(i, j, info.kind, self._text(i, j), rank=info.rank)
            place = self.place_at(j, before_name or self.role_before(i))
            if place:
                org.place, org.place_span, org.end = place[1], (j, place[0]), place[0]
                org.place_kind = place[2] or _KIND_OF_RANK.get(info.rank or "", "district")
            return org
        if info.takes in ("field", "body"):
            k = self._field_end(j)
            if k == j:
                return None
            j = k
        elif info.takes == "name":
            k = self._name_end(j, before_name or self.role_before(i))
            if k == j and not P.levels().match(self.words, j):
                return None
            j = k
        org = Org(i, j, info.kind, self._text(i, j))
        parent = self.org_at(j, before_name, depth + 1)
        if parent is not None and parent.kind in _PARENT_KINDS:
            org.parent, org.end = parent, parent.end
            return org
        end, level_text, level, place = self.level_place(j, before_name or self.role_before(i))
        if level_text is None and place is None:
            org.implied = info.rank == "tỉnh" and info.takes == "field"
            return org if (info.alone or info.takes in ("field", "name")) else None
        org.end, org.level = end, level_text
        org.rank = level.rank if level else None
        if place:
            org.place_span, org.place, org.place_kind = (place[0], place[1]), place[2], place[3] or (
                level.kind if level else None
            )
        return org

    def _team(self, i: int, j: int, info: Head) -> Org | None:
        """A sports team: head, sport/sex/age words, then the country or province it plays for
        ("đội tuyển bóng chuyền nữ Việt Nam", "đội U23 Việt Nam"); None without that place."""
        k = j
        while k < len(self.words):
            words = _team_words().match(self.words, k)
            if words:
                k += words[0]
            elif _age_group(self.words, k):
                k += 2
            else:
                break
        place = P.known_places().match(self.words, k)
        if not place or place[1].kind not in ("country", "province", "city"):
            return None
        end = k + place[0]
        return Org(i, end, info.kind, self._text(i, k), place=self._text(k, end), place_span=(k, end),
                   place_kind=place[1].kind)

    def _field_end(self, j: int) -> int:
        """End of the field after a Bộ/Sở/Ban/Phòng head ("Y tế", "Tuyên giáo", "Kế hoạch và Đầu tư")."""
        if not self.any_case and not (is_name_syllable(self.word(j)) or is_acronym(self.word(j))):
            return j
        k = self._parts(j, lexicon_first=True)
        return self._long_field(k) if k > j else j

    def _name_end(self, j: int, before_name: bool) -> int:
        """End of a proper name after Bệnh viện/Trường/Công ty ("THCS Cầu Giấy", "Chợ Rẫy")."""
        k = self._parts(j, lexicon_first=False)
        # "Trường THCS Cầu Giấy Nguyễn Thị Lan Anh": a trailing person's name is not the school's
        for m in sorted(range(j + 1, k), key=lambda m: {3: 0, 4: 1, 2: 2}.get(k - m, 3)):
            if is_surname(self.word(m)) and is_name_syllable(self.word(m)) and 2 <= k - m <= 4 and all(
                is_name_syllable(self.word(x)) for x in range(m, k)
            ):
                names_before = sum(
                    1 for x in range(j, m)
                    if is_name_syllable(self.word(x)) and not any(
                        y <= x < y + n for y in range(max(j, x - 2), x + 1) for n, _ in _NAME_PARTS.matches(self.words, y)
                    )
                )
                if names_before >= 2 or (before_name and names_before >= 1):
                    return m
        return k

    def _parts(self, j: int, lexicon_first: bool) -> int:
        """Words of a field (lexicon_first) or a proper name: lexicon fields, capitalised words (with
        one lowercase syllable after them), acronyms, legal forms, joined by "và", "-", "&"; a field
        stops after its first part unless a connector follows."""
        k = j
        while k < len(self.words):
            w = self.word(k)
            field_match = (_fields() if k == j else _lower_fields()).match(self.words, k)
            part = _NAME_PARTS.match(self.words, k)
            if field_match and (k > j or lexicon_first or not w[:1].islower()):
                k += field_match[0]
            elif part:
                k += part[0]
            elif (is_name_syllable(w) or is_acronym(w)) and (k == j or not lexicon_first or self.word(k - 1) in _JOIN):
                k += 1
                nxt = self.word(k)
                if (
                    nxt.isalpha() and nxt[0].islower() and nxt not in _STOP
                    and not P.levels().match(self.words, k) and _is_vietnamese(w)
                    and not _lower_fields().match(self.words, k)
                    and (k - 2 < j or not is_name_syllable(self.word(k - 2)))
                    and not P.known_places().match(self.words, k - 1)
                ):
                    k += 1
            elif k > j and w.isdigit() and not lexicon_first:
                k += 1
            elif k > j and w in _JOIN and (
                is_name_syllable(self.word(k + 1)) or is_acronym(self.word(k + 1))
            ) and not _heads()[0].match(self.words, k + 1) and not P.known_places().match(self.words, k + 1):
                k += 1
            else:
                break
            if k > j and P.known_places().match(self.words, k) and lexicon_first:
                break
        return k

    def _long_field(self, k: int) -> int:
        """A field written out in lowercase up to its parent or level ("Ban Chỉ đạo chiến dịch tiêm
        vắc xin sởi tỉnh Bến Tre", "Phòng An ninh mạng và phòng, chống tội phạm ... Công an tỉnh")."""
        m = k
        while m < len(self.words) and m - k <= 14:
            w = self.word(m)
            if P.levels().match(self.words, m) or _heads()[0].match(self.words, m) or (
                m > k and P.known_places().match(self.words, m)
            ):
                return m
            if w in _STOP or not (w.isalpha() or w in (",", "-")) or not w[0].islower() and w.isalpha():
                break
            # a comma goes on a field already running ("phòng, chống"), never right after its name
            if w == "," and (m == k or not self.word(m + 1)[:1].islower()):
                break
            m += 1
        return self._numbered(k)

    def _numbered(self, k: int) -> int:
        """A unit number after the field: "Ban Quản lý dự án 7", "Ban Quản lý dự án Điện 1"."""
        m = k
        while m < len(self.words) and is_name_syllable(self.word(m)) and m - k < 2:
            m += 1
        return m + 1 if self.word(m).isdigit() else k

    def _text(self, i: int, j: int) -> str:
        return joined(self.text, self.words, i, j)


# Words after a number that make it a count, not the number of a commune ("xã A 2 lần").
_COUNTED = {"năm", "tháng", "ngày", "giờ", "lần", "người", "hộ", "ha", "tấn", "km", "m", "%", "triệu", "tỷ", "nghìn", "ngàn", "trăm", "ca", "con", "xã", "thôn", "ấp"}


def _place_number(words: Sequence[Word], k: int) -> bool:
    """words[k] is a one- or two-digit number that ends a commune's name ("Hòa Tú 1")."""
    if k >= len(words) or not words[k].text.isdigit() or len(words[k].text) > 2:
        return False
    if words[k - 1].end + 1 != words[k].start:
        return False
    if k + 1 == len(words):
        return True
    after = words[k + 1]
    # "xã A 2 lần", "phường B 15/8", "huyện C 3,5": the number counts or dates something
    return after.folded not in _COUNTED and not after.text.isdigit() and after.text not in ("/", "-")


def abbreviated_city(words: Sequence[Word], i: int, level_length: int) -> bool:
    """"TP.HCM", "TP HCM": the level word is part of a table spelling whose place is an acronym,
    so the whole form is the place's name as written (not level "TP." + place "HCM")."""
    table = P.known_places().match(words, i)
    return bool(table) and table[0] > level_length and is_acronym(words[i + level_length].text)


def _age_group(words: Sequence[Word], k: int) -> bool:
    """An age group written "U23", "U19" (the tokenizer splits it into "U", "23")."""
    return (
        k + 1 < len(words) and words[k].text == "U" and words[k + 1].text.isdigit()
        and words[k].end == words[k + 1].start
    )


# Lowercase words that end a fallback field ("Ban Kinh tế cho biết" -> no "cho").
_STOP = {
    "và", "của", "cho", "có", "đã", "đang", "sẽ", "là", "được", "bị", "tại", "ở", "với", "về", "trong",
    "để", "này", "đó", "các", "những", "một", "theo", "từ", "đến", "khi", "thì", "mà", "nhưng", "cũng",
    "vừa", "không", "chưa", "phối", "tiếp", "làm", "chủ", "trì", "ban", "hành", "yêu", "cầu", "đề",
    "nghị", "cùng", "nhằm", "vào", "ra", "lên", "cho", "biết", "tổ", "chức", "dự", "thăm", "họp",
}


# --- naming and resolution ----------------------------------------------------------------------


def _is_vietnamese(word: str) -> bool:
    """A syllable with Vietnamese letters or shape (not "Kiel", "Vinamilk")."""
    return any(ch in _VIETNAMESE for ch in word.casefold()) or len(word) <= 4


_VIETNAMESE = set("ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ")


def resolve_place(index: ArticleIndex, rank: str | None, position: int, provincial: bool = False) -> str | None:
    """The place of `rank` the article is about: the one it names most often, ties going to the
    nearest before `position`, then the first after it. `provincial`: any province or
    centrally-run city (what a Sở belongs to)."""
    if provincial:
        candidates = [p for p in index.places if p.provincial]
    elif rank is None:
        return None
    else:
        candidates = [p for p in index.places if p.rank == rank]
    if not candidates:
        return None
    counts: dict[str, int] = {}
    for p in candidates:
        counts[p.name] = counts.get(p.name, 0) + 1
    def score(p: Place) -> tuple:
        return (counts[p.name], p.start <= position, p.start if p.start <= position else -p.start)
    return max(candidates, key=score).name


def org_name(org: Org, index: ArticleIndex, position: int) -> str:
    """The full name of a parsed organisation, short forms completed from the article."""
    if org.parent is not None:
        return f"{org.prefix} {org_name(org.parent, index, position)}"
    parts = [org.prefix]
    if org.level:
        parts.append(org.level)
    if org.place:
        return " ".join(parts + [org.place])
    short = " ".join(parts)
    longer = complete_name(index, short, position)
    if longer != short:
        return longer
    if org.implied:
        place = resolve_place(index, None, position, provincial=True)
        if place:
            known = P.known_places().match(tokenize(place), 0)
            kind = known[1].kind if known else "province"
            if kind == "city" and not place.upper().startswith("TP"):
                parts.append("TP")
            elif kind == "province":
                parts.append("tỉnh")
            return " ".join(parts + [place])
        return short
    place = resolve_place(index, org.rank, position)
    if place and org.level:
        # "UBND thành phố" in an article that writes "TP Cần Thơ": the level as the article spells it
        written = next((p.level for p in index.places if p.name == place and p.level), org.level)
        if written.casefold() != org.level.casefold():  # not "Tỉnh" opening a sentence
            parts[-1] = written
    return " ".join(parts + [place]) if place else short


def complete_name(index: ArticleIndex, name: str, position: int) -> str:
    """A short organisation name completed to the longer one the article writes.

    "Sở Y tế" in an article that also writes "Sở Y tế tỉnh Đắk Lắk" is that Sở: the one written
    most often, ties going to the nearest before `position`, then the first after it.
    """
    longer = [(start, full) for start, full in index.orgs if full.startswith(name + " ")]
    if not longer:
        return name
    counts: dict[str, int] = {}
    for _, full in longer:
        counts[full] = counts.get(full, 0) + 1
    def score(item: tuple[int, str]) -> tuple:
        start, full = item
        return (counts[full], start <= position, start if start <= position else -start)
    return max(longer, key=score)[1]


def _index(doc: Doc) -> ArticleIndex:
    index = doc.user_data.get("vnx_entity_index")
    if index is None:
        _analyse(doc)
        index = doc.user_data["vnx_entity_index"]
    return index


def resolve_organization(doc: Doc, phrase: str, position: int) -> str | None:
    """The resolved full name of an organisation phrase written at char `position`, else None.

    "Huyện ủy" -> "Huyện ủy Đức Trọng", "UBND huyện" -> "UBND huyện Đức Trọng" in an article
    about huyện Đức Trọng; "Bộ Y tế" -> "Bộ Y tế"; None when the phrase is no organisation.
    """
    words = tokenize(phrase)
    if not words:
        return None
    index = _index(doc)
    if phrase.strip() in index.aliases:
        return index.aliases[phrase.strip()]
    org = Parser(phrase, words, index, any_case=True).org_at(0)
    if org is None or org.end != len(words):
        return None
    return complete_name(index, org_name(org, index, position), position)


# --- the component ------------------------------------------------------------------------------


def _collect_places(text: str, words: Sequence[Word], index: ArticleIndex) -> None:
    """First pass: places written with a level word or as place-type heads, correctly spelled."""
    parser = Parser(text, words, index)
    exact, _ = _heads()
    i = 0
    while i < len(words):
        head = exact.match(words, i)
        if head and head[1].takes == "place":
            place = parser.place_at(i + head[0], parser.role_before(i))
            if place:
                _learn(index, place[1], head[1].rank, words[i + head[0]].start, words[place[0] - 1].end)
            i += head[0]
            continue
        level = P.levels().match(words, i)  # rare, so checked before the look-back
        if level and (_inside_known_place(words, i) or abbreviated_city(words, i, level[0])):
            level = None
        if level and (i + level[0] < len(words)):
            end, written, lv, place = parser.level_place(i, parser.role_before(i))
            if place and lv and not place[2].isdigit():
                _learn(index, place[2], lv.rank, words[place[0]].start, words[place[1] - 1].end, lv.kind, written)
            i = max(end, i + 1)
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


_KIND_OF_RANK = {"tỉnh": "province", "thành phố": "city", "xã": "commune", "phường": "commune"}


def _learn(
    index: ArticleIndex, name: str, rank: str | None, start: int, end: int, kind: str | None = None,
    level: str | None = None,
) -> None:
    kind = kind or _KIND_OF_RANK.get(rank or "", "district")
    index.spellings.setdefault(name.casefold(), P.KnownPlace(name, kind, rank))
    index.places.append(Place(name, kind, rank, start, end, rank == "tỉnh" or _provincial(name), level))


def _provincial(name: str) -> bool:
    known = P.known_places().match(tokenize(name), 0)
    return bool(known) and known[1].kind in ("province", "city") and known[0] == len(tokenize(name))


def _analyse(doc: Doc) -> tuple[list, list]:
    """Find every organisation and location of the doc; keep the article index on the doc."""
    text, words = doc_text(doc), doc_words(doc)
    index = ArticleIndex()
    _collect_places(text, words, index)
    _add_table_places(text, words, index)
    index.places.sort(key=lambda p: p.start)
    doc.user_data["vnx_entity_index"] = index
    parser = Parser(text, words, index)
    exact, _ = _heads()
    found: list[tuple[Org | str, int, int]] = []  # parsed organisation (or alias name), word span
    locs: list[tuple[int, int, EntityValue]] = []
    claimed = [False] * len(words)
    i = 0
    while i < len(words):
        through = _role_through_head(words, i)
        if through is not None:  # "Ủy viên Ban Thường vụ | Tỉnh ủy": the Ban is part of the role
            i = through
            continue
        unit_org = _unit_org(text, words, index, i)
        if unit_org is not None:  # "Trưởng phòng Cảnh sát giao thông Công an tỉnh": a Phòng
            _comma_parent(parser, unit_org, found)
            found.append((unit_org, unit_org.start, unit_org.end))
            locs += _org_places(unit_org, words)
            for k in range(unit_org.start, unit_org.end):
                claimed[k] = True
            i = unit_org.end
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
            _comma_parent(parser, org, found)
            found.append((org, org.start, org.end))
            locs += _org_places(org, words)
            for k in range(org.start, org.end):
                claimed[k] = True
            _alias(text, words, org, index)
            i = org.end
            continue
        level = P.levels().match(words, i)  # rare, so checked before the look-back
        if level and (_inside_known_place(words, i) or abbreviated_city(words, i, level[0])):
            level = None
        if level:
            end, _, lv, place = parser.level_place(i, parser.role_before(i))
            if place and lv:
                p_start, p_end, name = place[0], place[1], place[2]
                if name.isdigit():
                    locs.append((words[i].start, words[p_end - 1].end, EntityValue(_text(text, words, i, p_end), lv.kind)))
                else:
                    locs.append((words[p_start].start, words[p_end - 1].end, EntityValue(name, place[3] or lv.kind)))
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
    for org, i, j in found:
        start, end = words[i].start, words[j - 1].end
        if isinstance(org, str):
            orgs.append((start, end, EntityValue(org, index.alias_kinds.get(org, "other"))))
        else:
            orgs.append((start, end, EntityValue(complete_name(index, org_name(org, index, start), start), org.kind)))
    index.orgs = [(start, value.name) for start, _, value in orgs]
    return orgs, locs


# Words before a level word that make it govern a list: "các huyện A, B", "ba xã A, B và C".
_PLURAL = {"các", "những", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín", "mười", "nhiều", "mấy"}


def _plural_before(words: Sequence[Word], i: int) -> bool:
    return i > 0 and (words[i - 1].folded in _PLURAL or words[i - 1].text.isdigit())


def _listed_places(parser: Parser, k: int, level: P.Level, locs: list) -> int:
    """"các huyện Đắk Mil, Cư Jút", "ba xã Lạc Xuân, Ka Đô và Quảng Lập": the later names of a
    list that one plural level word governs are places of that level. Returns the list's end."""
    words = parser.words
    while parser.word(k) in (",", "và") and is_name_syllable(parser.word(k + 1)):
        j = k + 1
        if P.levels().match(words, j) or _heads()[1].match(words, j) or _role_or_honorific_before(words, j + 1):
            break
        place = parser.place_at(j, False, level.rank == "tỉnh", level.kind == "commune")
        if place is None or place[1].isdigit():
            break
        locs.append((words[j].start, words[place[0] - 1].end, EntityValue(place[1], place[2] or level.kind)))
        k = place[0]
    return k


@lru_cache(maxsize=1)
def _head_roles() -> PhraseTable[str]:
    """Roles with an organisation head inside them ("Ủy viên Ban Thường vụ", "Phó Trưởng ban
    Thường trực"), with their unit word ("Ban") or ""."""
    _, folded = _heads()
    rows = []
    for r in load_tsv("roles.tsv"):
        words = tokenize(r[0])
        unit = r[1] if len(r) > 1 and ":" not in r[1] and r[1] != "needs-org" else ""
        if any(folded.match(words, k) for k in range(1, len(words))):
            rows.append((r[0], unit))
    return PhraseTable(rows, "fold")


def _role_through_head(words: Sequence[Word], i: int) -> int | None:
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


def _unit_org(text: str, words: Sequence[Word], index: ArticleIndex, i: int) -> Org | None:
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


def _comma_parent(parser: Parser, org: Org, found: list) -> None:
    """"Phòng Công tác sinh viên, Đại học Huế", "Trung tâm Chống độc, Bệnh viện Bạch Mai": a unit
    written without a place, then a comma and a body of a kind that houses such units, is that
    body's unit. Not in a list ("Phòng A, Phòng B, Công an tỉnh"; "Sở Y tế, Bệnh viện X và ...")."""
    words = parser.words
    if org.parent is not None or org.place or org.level or org.end + 1 >= len(words) or words[org.end].text != ",":
        return
    head = _heads()[1].match(words, org.start)  # any case: "Trưởng phòng X, Đại học Huế" starts at "phòng"
    if not head or not head[1].comma_parents:
        return
    if org.start > 0 and words[org.start - 1].text in (",", "và") and found and found[-1][2] == org.start - 1:
        return
    parent = parser.org_at(org.end + 1)
    if parent is None or parent.kind not in head[1].comma_parents:
        return
    after = parser.word(parent.end)
    if after in (",", "và", "&") and _heads()[0].match(words, parent.end + 1):
        return
    org.parent, org.end = parent, parent.end


def _alias(text: str, words: Sequence[Word], org: Org, index: ArticleIndex) -> None:
    """"Liên đoàn Bóng đá Việt Nam (VFF)": later "VFF" means the full name (of the parent, after a
    standing body: "Ban Chấp hành Liên đoàn Bóng đá Việt Nam (VFF)")."""
    j = org.end
    while org.body_of_parent and org.parent is not None:
        org = org.parent
    if j + 2 < len(words) and words[j].text == "(" and words[j + 2].text == ")" and is_acronym(words[j + 1].text):
        name = org_name(org, index, words[org.start].start)
        index.aliases.setdefault(words[j + 1].text, name)
        index.alias_kinds.setdefault(name, org.kind)


def _text(text: str, words: Sequence[Word], i: int, j: int) -> str:
    return joined(text, words, i, j)


def _org_places(org: Org | None, words: Sequence[Word]) -> list[tuple[int, int, EntityValue]]:
    """Locations written inside an organisation name ("UBND tỉnh Lâm Đồng" -> Lâm Đồng)."""
    found = []
    while org is not None:
        # a continent in a body's name is its scope, not a place: "Liên đoàn Bóng đá châu Á"
        scope = org.place_kind == "region" and org.level is None
        if org.place_span and org.place and not org.place.isdigit() and not scope:
            start, end = words[org.place_span[0]].start, words[org.place_span[1] - 1].end
            found.append((start, end, EntityValue(org.place, org.place_kind or "other")))
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
    return (not is_name_syllable(before) or before in _OPENERS) and not is_name_syllable(after)


def _bare_places(
    text: str, words: Sequence[Word], index: ArticleIndex, claimed: list[bool]
) -> list[tuple[int, int, EntityValue]]:
    """Known places written without a level word, outside organisation names."""
    found: list[tuple[int, int, EntityValue]] = []
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
        if place.kind == "country":
            cue = i > 0 and words[i - 1].folded in _PLACE_CUES
            ok = (after_role or cue) if place.risky else (after_role or cue or length >= 2 or _standalone(words, i, i + length))
        else:
            ok = _standalone(words, i, i + length) and not after_role
        if not ok:  # none of its words is a place either ("người dân TP HCM": not "HCM")
            i += length
            continue
        name = text[words[i].start : words[i + length - 1].end]
        found.append((words[i].start, words[i + length - 1].end, EntityValue(name, place.kind)))
        i += length
    return found


def _role_or_honorific_before(words: Sequence[Word], i: int) -> bool:
    """"Chủ tịch Hồ Chí Minh", "anh Đức": a person cue before a place-looking name."""
    for back in range(1, 4):
        k = i - back
        if k < 0:
            return False
        for length, _ in _roles().matches(words, k):
            if k + length == i:
                return True
    return False


@Language.component("vnx_entities")
def entities_component(doc: Doc) -> Doc:
    """Set doc.spans["organizations"] and doc.spans["locations"]."""
    orgs, locs = _analyse(doc)
    doc.spans[ORGANIZATIONS] = _spans(doc, orgs, "ORG")
    doc.spans[LOCATIONS] = _spans(doc, locs, "LOC")
    return doc


def _spans(doc: Doc, items: list[tuple[int, int, EntityValue]], label: str) -> list:
    spans = []
    for start, end, value in items:
        span = char_span(doc, start, end, label)
        if span is not None:
            span._.entity = value
            spans.append(span)
    return spans
