"""The organisation grammar: a head word from `lexicons/org_heads.tsv` plus what that head takes.

`Parser.org_at` reads one organisation phrase at a word: a fixed name ("Bộ Chính trị"), a head and
a place ("Huyện ủy Đức Trọng"), a level and a place ("UBND huyện Đức Trọng"), a field and an
optional parent ("Ban Tuyên giáo Tỉnh ủy"), a proper name ("Bệnh viện Chợ Rẫy") or a sports team
("đội tuyển bóng chuyền nữ Việt Nam"). `org_name` spells a parsed phrase in full, completing a short
form from the article index (`article_index.py`). Place words themselves come from `places.py`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from vnextract.pipeline.extract import places as P
from vnextract.pipeline.extract.article_index import (
    _KIND_OF_RANK,
    ArticleIndex,
    complete_name,
    resolve_place,
)
from vnextract.pipeline.extract.lexicons import load_tsv
from vnextract.pipeline.extract.names import (
    PhraseTable,
    Word,
    is_acronym,
    is_name_syllable,
    is_surname,
    joined,
    tokenize,
)

# Kinds of body that may be the parent of a Ban/Phòng/Sở... ("Ban Tuyên giáo Tỉnh ủy").
_PARENT_KINDS = {"party", "government", "legislature", "police", "court", "procuracy", "mass", "military", "ministry"}
# Legal-form and lowercase words allowed inside a proper organisation name.
_NAME_PARTS = PhraseTable(
    ((p, True) for p in (
        "TNHH", "MTV", "CP", "cổ phần", "trách nhiệm hữu hạn", "một thành viên", "Đa khoa", "đa khoa",
        "khoa", "Tiểu học", "tiểu học", "Mầm non", "mầm non", "THCS", "THPT", "PTDTNT", "Đại học",
        "đại học", "dân lập", "tư thục", "chuyên", "Quốc tế", "quốc tế", "Trung ương", "trung ương",
        "Y Dược", "Y dược", "Sư phạm", "Bách khoa", "Kinh tế", "Nông Lâm", "Nhi", "Phụ sản", "Thế giới",
        "Câu lạc bộ", "câu lạc bộ",
    )),
    "exact",
)
# Heads that name a body only with the place or parent it serves written after them: "Hội Tim mạch
# học Việt Nam", "Hội Doanh nhân trẻ tỉnh Lâm Đồng"; "Hội An", "Hội Gióng" are a city and a festival.
_SCOPED_HEADS = {"Hội"}
# Capitalised words that open a sentence before a place ("Tại Thanh Hóa, ...").
SENTENCE_OPENERS = {"Tại", "Ở", "Từ", "Đến", "Theo", "Trong", "Ngoài", "Cả", "Riêng", "Còn", "Với", "Sang", "Về"}


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
    parent: Org | None = None
    implied: bool = False  # a Sở: belongs to the province of the article when none is written
    body_of_parent: bool = False  # "Ban Chấp hành <parent>": an acronym after it names the parent


@lru_cache(maxsize=1)
def org_heads() -> tuple[PhraseTable[Head], PhraseTable[Head]]:
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


def listed_field(words: Sequence[Word], i: int) -> int:
    """Length of the capitalised field of org_fields.tsv ("Tài chính", "Y tế") at words[i], or 0."""
    if i >= len(words) or not words[i].text[:1].isupper():
        return 0
    found = _fields().match(words, i)
    return found[0] if found else 0


@lru_cache(maxsize=1)
def _lower_fields() -> PhraseTable[bool]:
    """Lowercase words that go on a name ("Chính sách y tế", "Chính trị quốc gia")."""
    return PhraseTable(((r[0], True) for r in _field_rows(team=False) if r[0][:1].islower()), "exact")


# Longest run of lowercase field words that may follow a name or field ("Cục Quản lý | chất lượng").
_MAX_FIELD_WORDS = 12
# Lowercase words that join two field words inside a name ("công nghiệp và thương mại",
# "đầu tư xây dựng các công trình"); never the last word of a name.
_FIELD_JOIN = {"và", "các"}


@lru_cache(maxsize=1)
def _name_fields() -> PhraseTable[bool]:
    """The lowercase rows of org_fields.tsv in any case: the words that may carry a name on after
    its field ("Trung tâm Thông tin | Công nghiệp và Thương mại")."""
    return PhraseTable(((r[0], True) for r in _field_rows(team=False) if r[0][:1].islower()), "fold")


@lru_cache(maxsize=1)
def _verb_fields() -> frozenset[str]:
    """Field words that are also verbs ("đầu tư", "xây dựng"): column 2 "verb" of org_fields.tsv."""
    return frozenset(r[0].casefold() for r in _field_rows(team=False) if len(r) > 1 and r[1] == "verb")


@lru_cache(maxsize=1)
def _team_words() -> PhraseTable[bool]:
    """Sport, sex and age words of a team name ("bóng chuyền", "nữ", "Olympic")."""
    return PhraseTable(((r[0], True) for r in _field_rows(team=True)), "fold")


_JOIN = {"và", "-", "&"}


@lru_cache(maxsize=1)
def org_roles() -> PhraseTable[bool]:
    rows = load_tsv("roles.tsv") + load_tsv("ranks.tsv") + load_tsv("honorifics.tsv")
    return PhraseTable(((r[0], True) for r in rows), "fold")


@lru_cache(maxsize=1)
def person_cues() -> PhraseTable[bool]:
    """Forms of address and what a person is in the story ("chị", "ca sĩ", "bị cáo"): honorifics.tsv."""
    return PhraseTable(((r[0], True) for r in load_tsv("honorifics.tsv")), "fold")


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
        _, folded = org_heads()
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
                for length, _ in org_roles().matches(self.words, k):
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
        while start < end and self.word(start) in SENTENCE_OPENERS:
            start += 1
        cue = any(k2 + n == start for k2 in range(max(0, start - 4), start) for n, _ in org_roles().matches(self.words, k2))
        lead = org_roles().match(self.words, start)  # "Bà Nguyễn Thị Lan Anh": the cue is capitalised
        if lead and start + lead[0] < end and not is_surname(self.word(start)):
            start, cue = start + lead[0], True
        if end - start < 2 or P.known_places().match(self.words, start) or org_heads()[0].match(self.words, start):
            return False
        return cue or is_surname(self.word(start))

    def place_at(
        self, i: int, before_name: bool, provincial: bool = False, numbered: bool = False
    ) -> P.PlaceName | None:
        """The place name at words[i] (a number for "Quận 1"), or None."""
        if i >= len(self.words):
            return None
        if self.word(i).isdigit():
            return P.PlaceName(i, i + 1, self.word(i))
        for length in range(min(5, len(self.words) - i), 0, -1):  # case typos of known places
            spelled = " ".join(w.text for w in self.words[i : i + length])
            known = self.index.spellings.get(spelled.casefold())
            if known and is_name_syllable(self.word(i)) and "\n" not in spelled:
                return P.PlaceName(i, i + length, known.name, known.kind)
        end = P.name_run(self.words, i)
        if end == i:
            return None
        n = P.split_place_run(self.words, i, end, before_name, self.index.spellings, provincial)
        if n == 0:
            return None
        if numbered and i + n == end and _place_number(self.words, end):
            n += 1  # "xã Hòa Tú 1", "phường Vĩnh Hải 2": the number is part of the name
        return P.PlaceName(i, i + n, joined(self.text, self.words, i, i + n))

    def level_place(self, i: int, before_name: bool) -> P.LevelPlace:
        """An optional level word and the place after it at words[i], or a table place written bare."""
        level = P.levels().match(self.words, i)
        if level and abbreviated_city(self.words, i, level[0]):
            level = None
        if level:
            j = i + level[0]
            place = self.place_at(j, before_name, level[1].rank == "tỉnh", level[1].kind == "commune")
            if place and P.common_noun_level(self.word(i)) and place.end - j < 2 and not place.name.isdigit():
                place = None
            return P.LevelPlace(place.end if place else j, joined(self.text, self.words, i, j), level[1], place)
        table = P.known_places().match(self.words, i)
        if table and table[1].kind in ("province", "city", "country", "region"):
            end = i + table[0]
            return P.LevelPlace(end, None, None, P.PlaceName(i, end, self._text(i, end), table[1].kind))
        return P.LevelPlace(i, None, None, None)

    def org_at(self, i: int, before_name: bool = False, depth: int = 0) -> Org | None:
        """The organisation phrase starting at words[i], or None."""
        exact, folded = org_heads()
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
                org.place, org.place_span, org.end = place.name, (place.start, place.end), place.end
                org.place_kind = place.kind or _KIND_OF_RANK.get(info.rank or "", "district")
            return org
        if info.takes in ("field", "body"):
            k = self._field_end(j)
            if k == j:
                return None
            j = self._field_words(k)
        elif info.takes == "name":
            k = self._name_end(j, before_name or self.role_before(i))
            if k == j and not P.levels().match(self.words, j):
                return None
            j = self._field_words(k) if k > j else k
        org = Org(i, j, info.kind, self._text(i, j))
        parent = self.org_at(j, before_name, depth + 1)
        if parent is not None and parent.kind in _PARENT_KINDS:
            org.parent, org.end = parent, parent.end
            return org
        found = self.level_place(j, before_name or self.role_before(i))
        if found.written is None and found.place is None:
            if self._text(i, i + length) in _SCOPED_HEADS:
                return None
            org.implied = info.rank == "tỉnh" and info.takes == "field"
            return org if (info.alone or info.takes in ("field", "name")) else None
        org.end, org.level = found.end, found.written
        org.rank = found.level.rank if found.level else None
        if found.place:
            org.place_span, org.place = (found.place.start, found.place.end), found.place.name
            org.place_kind = found.place.kind or (found.level.kind if found.level else None)
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
        if self._person_name_at(j):  # "Giám đốc Sở Trần Thế Cương": the bare head, then a name
            return j
        k = self._parts(j, lexicon_first=True)
        return self._long_field(k) if k > j else j

    def _person_name_at(self, j: int) -> bool:
        """A family name and one to three more name syllables, no listed field, start at words[j]."""
        if not is_surname(self.word(j)) or _fields().match(self.words, j):
            return False
        k = j
        while k < len(self.words) and is_name_syllable(self.word(k)) and k - j < 5:
            k += 1
        return 3 <= k - j <= 4

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
            # inside a proper name a field word may be capitalised ("Công ty TNHH Xuất nhập khẩu ...")
            field_match = (_fields() if k == j else _lower_fields() if lexicon_first else _name_fields()).match(self.words, k)
            if field_match and k > j and not self._carries_on(k, field_match[0]):
                field_match = None
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
            elif k > j and ((w.isdigit() and not lexicon_first) or self._joins_next(k, lexicon_first)):
                k += 1
            else:
                break
            if k > j and P.known_places().match(self.words, k) and lexicon_first:
                break
        return k

    def _joins_next(self, k: int, lexicon_first: bool) -> bool:
        """words[k] is "và", "-" or "&" joining two parts of one name ("Nông Lâm - Thủy sản"); not
        before another organisation, nor before a place except inside a proper name pairing two."""
        if self.word(k) not in _JOIN:
            return False
        nxt = self.word(k + 1)
        return (is_name_syllable(nxt) or is_acronym(nxt)) and not org_heads()[0].match(self.words, k + 1) and (
            not P.known_places().match(self.words, k + 1) or (not lexicon_first and self._place_ends(k))
        )

    def _carries_on(self, m: int, length: int) -> bool:
        """A field word words[m:m+length] may go on the name before it: not after a place ("Tập đoàn
        Điện lực Việt Nam | đầu tư"), and a verb-like one only after a lowercase field word."""
        if self._place_ends(m):
            return False
        if self._text(m, m + length).casefold() not in _verb_fields():
            return True
        return any(_lower_fields().match(self.words, s) == (m - s, True) for s in range(max(0, m - 4), m))

    def _place_ends(self, k: int) -> bool:
        """A known place ends right before words[k]: "Hội hữu nghị Indonesia | - Việt Nam" pairs two
        countries inside a name."""
        return any(
            (found := P.known_places().match(self.words, s)) is not None and found[0] == k - s
            for s in range(max(0, k - 4), k)
        )

    def _long_field(self, k: int) -> int:
        """A field written out in lowercase up to its parent or level ("Ban Chỉ đạo chiến dịch tiêm
        vắc xin sởi tỉnh Bến Tre", "Phòng An ninh mạng và phòng, chống tội phạm ... Công an tỉnh")."""
        m = k
        while m < len(self.words) and m - k <= 14:
            w = self.word(m)
            if P.levels().match(self.words, m) or org_heads()[0].match(self.words, m) or (
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

    def _field_words(self, k: int) -> int:
        """End of the lowercase field words that carry a name on ("Trung tâm Thông tin | công nghiệp
        và thương mại", "Ban Quản lý dự án | đầu tư xây dựng các công trình giao thông"): only words
        of `org_fields.tsv`, joined by "và"/"các", at most `_MAX_FIELD_WORDS`; any other word (a verb,
        a preposition, a number, a person's name) ends the name at the last field word."""
        m = last = k
        # a join right at k only when the name already ends in a lowercase field word
        # ("dự án đầu tư xây dựng | các công trình"), not after a field like "Bộ Y tế | và"
        joinable = any(_lower_fields().match(self.words, s) == (k - s, True) for s in range(max(0, k - 4), k))
        while m < len(self.words) and m - k < _MAX_FIELD_WORDS:
            found = _name_fields().match(self.words, m)
            if found and self._carries_on(m, found[0]):
                m = last = m + found[0]
            elif m == last and (m > k or joinable) and self.word(m) in _FIELD_JOIN and _name_fields().match(self.words, m + 1):
                m += 1
            else:
                break
        return last

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
    return table is not None and table[0] > level_length and is_acronym(words[i + level_length].text)


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
    "nghị", "cùng", "nhằm", "vào", "ra", "lên", "biết", "tổ", "chức", "dự", "thăm", "họp",
}


def _is_vietnamese(word: str) -> bool:
    """A syllable with Vietnamese letters or shape (not "Kiel", "Vinamilk")."""
    return any(ch in _VIETNAMESE for ch in word.casefold()) or len(word) <= 4


_VIETNAMESE = set("ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ")


# --- naming ------------------------------------------------------------------------------------


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
